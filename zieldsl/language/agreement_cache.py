"""Checked agreements kept on disk, so that reading unchanged files again skips parsing and checking.

A ministry judges the same agreements every month when new figures arrive; parsing and checking
404 agreements takes about 2 s of CPU, loading them from here a tenth of that (docs/leistung.md).
Entries live in `vereinbarungen/` under the grammar cache's folder (`lark_tuning.cache_dir()`:
`$ZIELDSL_CACHE`, else `$XDG_CACHE_HOME/zieldsl`, else `~/.cache/zieldsl`; `ZIELDSL_CACHE=aus`
switches both off).

Correct by construction: an entry is found by the hash of everything a check depends on, so a
changed input simply misses. That is the file's exact bytes, the name it is reported under
(spans and warnings carry it) and the code: every `.py`, `.ziel` and `.lark` file of the
installed package and the grammar, lark's version file and Python's version (an editable install
that someone edits gets new keys at once). Checking reads nothing else: the standard catalogue
is part of the package, and agreements cannot include other files. Only files that check
without errors are kept; a file with errors is checked afresh each time, so its diagnostics are
always current.

Safe: entries are pickles, but they are read with `_DataOnly`, an unpickler that knows only
an allow-list of classes (the "Restricting Globals" recipe of the pickle documentation): the
syntax tree's and checker's data classes made by `zieldsl.frozen.node_dataclass` (which allows
no `__post_init__`; building one only sets its fields), `Decimal` and `date`. A pickle that
names anything else (`os.system`, …) is refused before anything is called; the standard
catalogue, which every agreement holds, is stored by reference (`StandardParts`: two functions
that only look data up). An entry must
also carry its own key and the checksum of its contents and belong to this user; an entry that
is missing, unreadable, truncated, foreign or fails in any way is ignored and the file checked
afresh: the cache is never an error. Entries are written to a temporary file and renamed into
place. The folder is kept below `LIMIT_BYTES`: when a run has written entries, the least
recently used ones (a hit renews an entry's time) are removed beyond that.
"""

from __future__ import annotations

import io
import os
import pickle
import sys
import time
import zlib
from functools import lru_cache
from pathlib import Path

FOLDER = "vereinbarungen"
LIMIT_BYTES = 256 * 1024 * 1024  # about 20 national sets of 404 agreements (12 MB each)
MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAGIC = b"zieldsl-geprueft 1\n"
_RENEW_AFTER = 3600  # seconds: a hit renews an entry's time at most once an hour
_SUFFIX = ".pickle"


def open_cache() -> "AgreementCache | None":
    """The cache of checked agreements, or None when caching is switched off."""
    from zieldsl.language.lark_tuning import cache_dir

    folder = cache_dir()
    if folder is None or code_fingerprint() is None:
        return None
    return AgreementCache(folder / FOLDER)


class AgreementCache:
    """Entries of one folder: `get` what a key holds, `put` what a check gave, `prune` to the limit."""

    def __init__(self, folder: Path):
        self.folder = folder

    def key(self, name: str, raw: bytes) -> str:
        """The key of a file read under `name` with contents `raw`, for the code that runs now."""
        import hashlib

        encoded = name.encode("utf-8", "surrogatepass")
        digest = hashlib.blake2b(code_fingerprint() or b"", digest_size=32)
        digest.update(len(encoded).to_bytes(8, "little") + encoded)
        digest.update(raw)
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{_SUFFIX}"

    def get(self, key: str, name: str) -> list | None:
        """The checked agreements stored under `key` (reported under `name`), or None."""
        path = self.path(key)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as handle:
                status = os.fstat(handle.fileno())
                if not _ours(status) or status.st_size > MAX_ENTRY_BYTES:
                    return None
                data = handle.read()
            checked = _decode(data, key)
            if checked is None or any(c.source_name != name for c in checked):
                return None
        except Exception:  # unreadable, truncated, foreign, refused: checked afresh
            return None
        if time.time() - status.st_mtime > _RENEW_AFTER:
            try:
                os.utime(path)  # recently used: kept when the folder is pruned
            except OSError:  # a cache one may read but not change is still used
                pass
        return checked

    def put(self, key: str, payload: bytes) -> None:
        """Store the pickle of checked agreements (`pack`) under `key`; any problem only means no entry."""
        import tempfile

        try:
            data = _header(key, payload) + payload
            if len(data) > MAX_ENTRY_BYTES:
                return
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, self.path(key))
            except BaseException:
                os.unlink(temporary)
                raise
        except Exception:  # a read-only home, a full disk: no entry
            return

    def prune(self, limit: int | None = None) -> None:
        """Remove the least recently used entries while the folder holds more than `limit` bytes.

        Goes down to three quarters of the limit, so that a run does not prune again at once;
        temporary files older than a day (left by a killed process) go too.
        """
        limit = LIMIT_BYTES if limit is None else limit
        try:
            entries = []
            now = time.time()
            with os.scandir(self.folder) as found:
                for entry in found:
                    status = entry.stat(follow_symlinks=False)
                    if entry.name.endswith(".tmp") and now - status.st_mtime > 86400:
                        _remove(entry.path)
                    elif entry.name.endswith(_SUFFIX):
                        entries.append((status.st_mtime, status.st_size, entry.path))
            total = sum(size for _m, size, _p in entries)
            if total <= limit:
                return
            for _mtime, size, path in sorted(entries):
                if total <= limit * 3 // 4:
                    break
                _remove(path)
                total -= size
        except OSError:
            return


def pack(checked: list) -> bytes | None:
    """The pickle of a file's checked agreements, as an entry holds it (None if they cannot be pickled)."""
    try:
        out = io.BytesIO()
        _Packer(out, protocol=pickle.HIGHEST_PROTOCOL).dump(checked)
        return out.getvalue()
    except Exception:  # RecursionError, or a class that will not pickle
        return None


def unpack(payload: bytes) -> list:
    """What `pack` packed (raises for anything else; see `_DataOnly`)."""
    return _DataOnly(io.BytesIO(payload)).load()


class _Packer(pickle.Pickler):
    """Pickles checked agreements; the standard catalogue by reference (`StandardParts`).

    Through a dispatch table, which the pickler consults only for objects of the classes the
    standard catalogue is made of (a `persistent_id` would be called for every object).
    """

    def __init__(self, file, protocol: int):
        super().__init__(file, protocol=protocol)
        self.dispatch_table = standard_parts().reducers(protocol)


class StandardParts:
    """The standard catalogue's parts an entry refers to instead of holding them.

    Every checked agreement holds a catalogue, which for most agreements is just the standard
    one: two fifths of what unpickling an agreement cost, and a copy per agreement in memory.
    Such a catalogue is pickled as a call of `standard_catalogue()`, which gives a copy of one
    standard catalogue (as the checker gives each agreement a copy). In an agreement's own,
    larger catalogue the standard parts are calls of `standard_part(number)`: its series and
    legal changes are the very nodes of `standard_document()` (found by identity), indicators
    and groups are made anew for each catalogue (found by all their fields). Numbers are
    positions in `parts`, the same in every process that runs the same code (which the key's
    fingerprint ensures). Both functions only look data up; `_DataOnly` allows them by name.
    """

    def __init__(self):
        from zieldsl.language.catalog import Catalog, Group, Indicator, standard_catalog, standard_document

        self.catalog_class = Catalog
        self.by_value_classes = (Group, Indicator)
        self.parts: list = []
        self.by_identity: dict[int, int] = {}
        for catalog_node in standard_document().catalogs:
            for item in catalog_node.items:
                self.by_identity[id(item)] = len(self.parts)
                self.parts.append(item)
        self.catalog = standard_catalog()
        self.by_value: dict[tuple, int] = {}
        for value in (*self.catalog.indicators.values(), *self.catalog.groups.values()):
            key = (type(value), value.__getstate__())
            if key not in self.by_value:
                self.by_value[key] = len(self.parts)
                self.parts.append(value)

    def number(self, obj) -> int | None:
        """The position of `obj` in `parts`, if it is one of them."""
        found = self.by_identity.get(id(obj))
        if found is None and type(obj) in self.by_value_classes:
            found = self.by_value.get((type(obj), obj.__getstate__()))
        return found

    def is_whole(self, catalog) -> bool:
        """Whether `catalog` holds exactly the standard catalogue (the same nodes, equal in every field)."""
        standard = self.catalog
        return (catalog.series.keys() == standard.series.keys()
                and all(catalog.series[k] is v for k, v in standard.series.items())
                and len(catalog.legal_changes) == len(standard.legal_changes)
                and all(a is b for a, b in zip(catalog.legal_changes, standard.legal_changes))
                and _same_fields(catalog.indicators, standard.indicators)
                and _same_fields(catalog.groups, standard.groups))

    def reducers(self, protocol: int) -> dict:
        """A pickler's dispatch table: standard parts as references, everything else as usual."""
        def catalogue(obj):
            return (standard_catalogue, ()) if self.is_whole(obj) else obj.__reduce_ex__(protocol)

        def part(obj):
            number = self.number(obj)
            return (standard_part, (number,)) if number is not None else obj.__reduce_ex__(protocol)

        table = {type(value): part for value in self.parts}
        table[self.catalog_class] = catalogue
        return table


def standard_catalogue():
    """A copy of the standard catalogue (what an entry holds as a reference to it)."""
    return standard_parts().catalog.copy()


def standard_part(number: int):
    """The standard catalogue's part `number` (what an entry holds as a reference to it)."""
    parts = standard_parts().parts
    if type(number) is not int or not 0 <= number < len(parts):
        raise pickle.UnpicklingError("not allowed in a cache entry: an unknown part of the standard catalogue")
    return parts[number]


def _same_fields(ours: dict, theirs: dict) -> bool:
    return ours.keys() == theirs.keys() and all(
        type(ours[k]) is type(v) and ours[k].__getstate__() == v.__getstate__() for k, v in theirs.items())


@lru_cache(maxsize=1)
def standard_parts() -> StandardParts:
    return StandardParts()


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _ours(status: os.stat_result) -> bool:
    """A regular file of this user (another user's file in a shared cache folder is not trusted)."""
    import stat

    if not stat.S_ISREG(status.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or status.st_uid == getuid()


def _header(key: str, payload: bytes) -> bytes:
    return MAGIC + key.encode("ascii") + b" %d %d\n" % (len(payload), zlib.crc32(payload))


def _decode(data: bytes, key: str) -> list | None:
    """The entry's checked agreements if it is whole and holds `key`; None otherwise."""
    from zieldsl.language.checker import CheckedAgreement

    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        return None
    payload = data[end + 1:]
    if data[:end + 1] != _header(key, payload):
        return None
    checked = unpack(payload)
    if not isinstance(checked, list) or not checked or not all(type(c) is CheckedAgreement for c in checked):
        return None
    return checked


class _DataOnly(pickle.Unpickler):
    """An unpickler that builds data only: classes outside `allowed_classes()` are refused."""

    def find_class(self, module: str, name: str):
        found = allowed_classes().get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"not allowed in a cache entry: {module}.{name}")
        return found

    def persistent_load(self, pid):
        raise pickle.UnpicklingError("not allowed in a cache entry: persistent ids")


@lru_cache(maxsize=1)
def allowed_classes() -> dict[tuple[str, str], type]:
    """(module, name) → class for every class an entry may hold.

    zieldsl's data classes of the syntax tree, the checker, the catalogue and the diagnostics,
    each one a `node_dataclass` that `holds_data_only`; and `Decimal`, `date`.
    """
    import datetime
    import decimal

    from zieldsl import diagnostics
    from zieldsl.language import catalog, checker, nodes

    allowed: dict[tuple[str, str], object] = {("decimal", "Decimal"): decimal.Decimal,
                                              ("datetime", "date"): datetime.date,
                                              (__name__, "standard_catalogue"): standard_catalogue,
                                              (__name__, "standard_part"): standard_part}
    for module in (nodes, checker, catalog, diagnostics):
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and holds_data_only(value):
                allowed[(value.__module__, value.__qualname__)] = value
    return allowed


def holds_data_only(cls: type) -> bool:
    """A `node_dataclass` whose making and filling run nothing but `zieldsl.frozen`'s field setting.

    Unpickling calls a class's `__new__` (object's), then its `__setstate__` (frozen's, which sets
    the declared fields) or fills its `__dict__`; a reduce calls the class itself (the generated
    `__init__`, which sets the fields). A class that defines any of these itself is not allowed.
    """
    from zieldsl import frozen

    if not hasattr(cls, "__node_compare__") or cls.__mro__[1:] != (object,):
        return False
    own = vars(cls)
    if any(name in own for name in ("__new__", "__reduce__", "__reduce_ex__", "__getattr__",
                                    "__getattribute__", "__init_subclass__", "__class_getitem__")):
        return False
    for name, value in own.items():  # a property with a setter, or another descriptor that runs code when set
        if isinstance(value, property):
            if value.fset is not None or value.fdel is not None:
                return False
        elif hasattr(value, "__set__") and type(value).__name__ != "member_descriptor" \
                and name not in ("__dict__", "__weakref__"):
            return False
    allowed = {"__init__": (frozen._first_init,), "__setstate__": (frozen._first_setstate,),
               "__setattr__": (frozen._setattr,), "__delattr__": (frozen._delattr,)}
    for name, functions in allowed.items():
        function = own.get(name)
        if function is not None and function not in functions and function not in frozen.GENERATED:
            return False
    return True


@lru_cache(maxsize=1)
def code_fingerprint() -> bytes | None:
    """A digest of the code a check runs (`fingerprint_of` the installed package).

    None where the package's files cannot be read (installed as a zip archive, say): then
    nothing is cached, since a change of the code could not be seen.
    """
    package = Path(__file__).resolve().parents[1]
    if not (package / "language" / "checker.py").is_file():
        return None
    return fingerprint_of(package)


def fingerprint_of(package: Path) -> bytes:
    """A digest of the package's own `.py`, `.ziel` and `.lark` files, the grammar, lark's version, Python's.

    Content, not version numbers: an editable install changes without a new version.
    """
    import hashlib

    from zieldsl.resources import grammar_path

    digest = hashlib.blake2b(MAGIC + sys.version.encode("utf-8") + b"\0%d\0" % pickle.HIGHEST_PROTOCOL,
                             digest_size=32)
    files = [(str(path.relative_to(package)), path) for path in _code_files(package)]
    files.append(("<grammatik>", grammar_path()))
    lark = _lark_version_file()
    if lark is not None:
        files.append(("<lark>", lark))
    for label, path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\xff<unreadable>"
        label_bytes = label.encode("utf-8", "surrogatepass")
        digest.update(b"%d %d\n" % (len(label_bytes), len(data)) + label_bytes + data)
    return digest.digest()


def _code_files(package: Path) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__" and not d.startswith("."))
        found.extend(Path(folder, name) for name in sorted(names) if name.endswith((".py", ".ziel", ".lark")))
    return found


def _lark_version_file() -> Path | None:
    """lark's `__init__.py` (it holds `__version__`), found without importing lark."""
    from importlib.util import find_spec

    try:
        spec = find_spec("lark")
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec is not None and spec.origin else None
