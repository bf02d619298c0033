"""The cache of checked agreements: a second run over unchanged files gives the same, without parsing again.

Through `load_agreement_files` (what evaluate, draft and bericht read agreements with) and the CLI.
"""

from __future__ import annotations

import os
import pickle
import shutil
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError
from zieldsl.evaluation.from_files import load_agreement_files
from zieldsl.language import agreement_cache, loading

from fuzzing import fuzz

EXAMPLES = Path(__file__).resolve().parents[1] / "vereinbarungen"
NAMES = sorted(p.name for p in EXAMPLES.glob("*.ziel"))


@pytest.fixture
def files(tmp_path):
    """The example agreements, copied (with their data) into a folder of their own."""
    folder = tmp_path / "vereinbarungen"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return [folder / name for name in NAMES]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ZIELDSL_CACHE", str(folder))
    return folder / agreement_cache.FOLDER


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def fresh(paths, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setenv("ZIELDSL_CACHE", "aus")
        return load_agreement_files(paths)


def refuse_parsing(*_args, **_kwargs):
    raise AssertionError("parsed again although the cache holds the file")


def test_a_warm_run_gives_what_a_fresh_check_gives_without_parsing(files, cache, monkeypatch):
    expected = fresh(files, monkeypatch)
    assert entries(cache) == []
    cold = load_agreement_files(files)
    assert len(entries(cache)) == len(files)
    with monkeypatch.context() as patch:
        patch.setattr(loading, "check_text", refuse_parsing)
        warm = load_agreement_files(files)
    assert warm == cold == expected
    for (_p, got), (_q, want) in zip(warm, expected):
        assert [c.warnings for c in got] == [c.warnings for c in want]
        assert [c.catalog for c in got] == [c.catalog for c in want]
        assert [c.source_text for c in got] == [c.source_text for c in want]


def test_evaluate_prints_the_same_bytes_cold_and_warm(files, cache, monkeypatch):
    monkeypatch.chdir(files[0].parent)
    arguments = ["evaluate", *NAMES, "--json"]
    with monkeypatch.context() as patch:
        patch.setenv("ZIELDSL_CACHE", "aus")
        uncached = CliRunner().invoke(main, arguments)
    cold = CliRunner().invoke(main, arguments)
    warm = CliRunner().invoke(main, arguments)
    assert uncached.exit_code == 0, uncached.output
    assert len(entries(cache)) == len(files)
    assert cold.stdout_bytes == warm.stdout_bytes == uncached.stdout_bytes
    assert cold.stderr_bytes == warm.stderr_bytes == uncached.stderr_bytes


def test_changed_bytes_are_checked_again(files, cache, monkeypatch):
    load_agreement_files(files)
    target = files[0]
    text = target.read_text(encoding="utf-8")
    (_path, (before,)), = load_agreement_files([target])
    changed = text.replace(before.agreement.title, before.agreement.title + " (geändert)", 1)
    assert changed != text
    target.write_text(changed, encoding="utf-8")
    (_path, (after,)), = load_agreement_files([target])
    assert after.agreement.title == before.agreement.title + " (geändert)"
    assert load_agreement_files([target]) == fresh([target], monkeypatch)
    target.write_bytes(changed.replace("\n", "\r\n").encode("utf-8"))  # other bytes, the same text
    assert load_agreement_files([target]) == fresh([target], monkeypatch)


def test_the_same_bytes_under_another_name_carry_that_name(files, cache, monkeypatch):
    load_agreement_files(files)
    renamed = files[0].with_name("umbenannt.ziel")
    shutil.copyfile(files[0], renamed)
    relative = os.path.relpath(files[0])
    for path in (renamed, relative):
        (_path, group), = load_agreement_files([path])
        assert {c.source_name for c in group} == {str(path)}
        assert {c.agreement.span.file for c in group} == {str(path)}
        assert all(w.span.file == str(path) for c in group for w in c.warnings)
        assert load_agreement_files([path]) == fresh([path], monkeypatch)


@pytest.mark.parametrize("damage", ["truncated", "empty", "garbage", "other-entry", "unchecked-sum", "fifo", "folder"])
def test_a_damaged_entry_is_ignored(files, cache, monkeypatch, damage):
    first, second = files[:2]
    load_agreement_files([first, second])
    (entry,) = [e for e in entries(cache) if str(first).encode() in e.read_bytes()]
    (other,) = [e for e in entries(cache) if e != entry]
    data = entry.read_bytes()
    if damage == "truncated":
        entry.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "garbage":
        entry.write_bytes(b"\x80\x05garbage" * 100)
    elif damage in ("fifo", "folder"):  # reading must neither hang nor fail
        entry.unlink()
        os.mkfifo(entry) if damage == "fifo" else entry.mkdir()
    elif damage == "other-entry":
        entry.write_bytes(other.read_bytes())
    else:
        entry.write_bytes(data[:-3] + bytes(b ^ 1 for b in data[-3:]))
    assert load_agreement_files([first, second]) == fresh([first, second], monkeypatch)
    assert len(entries(cache)) == 2
    if damage not in ("fifo", "folder"):  # written anew (a folder in its place stays)
        assert load_agreement_files([first]) == fresh([first], monkeypatch)


def test_an_entry_that_would_run_code_is_refused_without_running_it(files, cache, monkeypatch, tmp_path):
    marker = tmp_path / "ausgefuehrt"

    class Planted:
        def __reduce__(self):
            return os.system, (f"touch {marker}",)

    first = files[0]
    load_agreement_files([first])
    (entry,) = entries(cache)
    key = entry.name.removesuffix(".pickle")
    for payload in (pickle.dumps(Planted()), pickle.dumps([Planted()], protocol=2),
                    pickle.dumps(Planted(), protocol=0)):
        header = agreement_cache.MAGIC + key.encode() + b" %d %d\n" % (len(payload), zlib.crc32(payload))
        entry.write_bytes(header + payload)
        assert load_agreement_files([first]) == fresh([first], monkeypatch)
        assert not marker.exists()
    with pytest.raises(pickle.UnpicklingError):
        agreement_cache._decode(header + payload, key)
    assert not marker.exists()


class _Referring:
    def __init__(self, pid, how):
        self.pid, self.how = pid, how

    def __reduce__(self):
        return agreement_cache.standard_part, (self.pid,)


class _ReferencePickler(pickle.Pickler):
    def persistent_id(self, obj):
        return obj.pid if isinstance(obj, _Referring) and obj.how == "persistent" else None


@pytest.mark.parametrize("how", ["reduce", "persistent"])
@pytest.mark.parametrize("pid", [10 ** 9, -1, "os.system", ("standardkatalog",), 1.5, True])
def test_an_entry_that_refers_to_unknown_parts_is_refused(files, cache, monkeypatch, pid, how):
    import io

    first = files[0]
    load_agreement_files([first])
    (entry,) = entries(cache)
    key = entry.name.removesuffix(".pickle")
    out = io.BytesIO()
    _ReferencePickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump([_Referring(pid, how)])
    payload = out.getvalue()
    entry.write_bytes(agreement_cache.MAGIC + key.encode() + b" %d %d\n" % (len(payload), zlib.crc32(payload))
                      + payload)
    with pytest.raises(pickle.UnpicklingError):
        agreement_cache.unpack(payload)
    assert load_agreement_files([first]) == fresh([first], monkeypatch)


def test_files_with_errors_are_not_kept_and_report_afresh(files, cache):
    broken = files[0].with_name("kaputt.ziel")
    broken.write_text('vereinbarung v "V" {\n  zieljahr 2026\n  ziel x "X" { kennzahl K9 }\n}\n', encoding="utf-8")
    reports = []
    for _run in range(2):
        with pytest.raises(ZielError) as caught:
            load_agreement_files([files[0], broken])
        reports.append(caught.value.diagnostics)
    assert reports[0] == reports[1] and reports[0]
    assert len(entries(cache)) == 1  # the good file only


def test_switched_off_nothing_is_written(files, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ZIELDSL_CACHE", "aus")
    load_agreement_files(files)
    result = CliRunner().invoke(main, ["evaluate", *map(str, files), "--json"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_an_entry_whose_time_cannot_be_renewed_is_still_used(files, cache, monkeypatch):
    load_agreement_files(files)
    for entry in entries(cache):
        os.utime(entry, (1_000_000, 1_000_000))

    def read_only(*_args, **_kwargs):
        raise PermissionError(13, "nur lesbar")

    with monkeypatch.context() as patch:
        patch.setattr(agreement_cache.os, "utime", read_only)
        patch.setattr(loading, "check_text", refuse_parsing)
        assert load_agreement_files(files)


def test_a_cache_that_cannot_be_written_is_no_error(files, tmp_path, monkeypatch):
    blocked = tmp_path / "eine-datei"
    blocked.write_text("kein Ordner", encoding="utf-8")
    monkeypatch.setenv("ZIELDSL_CACHE", str(blocked))
    assert load_agreement_files(files) == fresh(files, monkeypatch)
    assert blocked.read_text(encoding="utf-8") == "kein Ordner"


def test_the_folder_is_pruned_to_its_limit_least_recently_used_first(files, cache, monkeypatch):
    load_agreement_files(files)
    first = entries(cache)
    total = sum(entry.stat().st_size for entry in first)
    monkeypatch.setattr(agreement_cache, "LIMIT_BYTES", total)
    load_agreement_files(files)  # nothing written, nothing pruned
    assert entries(cache) == first
    unused = [entry for entry in first
              if any(str(path).encode() in entry.read_bytes() for path in (files[0], files[-1]))]
    for age, entry in enumerate(first):  # long unused, in this order
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    with files[0].open("a", encoding="utf-8") as changed:
        changed.write("\n# geändert\n")
    load_agreement_files(files[:-1])  # renews the entries it uses, writes one: now beyond the limit
    kept = entries(cache)
    assert sum(entry.stat().st_size for entry in kept) <= total * 3 // 4
    removed = [entry for entry in first if entry not in kept]
    assert len(unused) == 2 and unused[0] in removed  # the least recently used goes first
    if set(removed) - set(unused):
        assert set(unused) <= set(removed)  # entries used in the last run only after all others
    assert load_agreement_files(files) == fresh(files, monkeypatch)


def test_hits_and_misses_together_in_forked_workers(files, cache, monkeypatch):
    """From 16 files the misses are checked in worker processes, which write their entries."""
    folder = files[0].parent
    many = []
    for index in range(36):
        copy = folder / f"kopie-{index:02d}.ziel"
        shutil.copyfile(files[index % len(files)], copy)
        many.append(copy)
    expected = fresh(many, monkeypatch)
    load_agreement_files(many[::2])
    assert len(entries(cache)) == 18
    assert load_agreement_files(many) == expected  # 18 hits, 18 misses
    assert len(entries(cache)) == 36
    with monkeypatch.context() as patch:
        patch.setattr(loading, "check_text", refuse_parsing)
        assert load_agreement_files(many) == expected


def test_entries_hold_only_classes_that_hold_data():
    from zieldsl.language.checker import CheckedAgreement

    allowed = agreement_cache.allowed_classes()
    assert CheckedAgreement in allowed.values()
    classes = [cls for cls in allowed.values() if isinstance(cls, type)]
    assert all(agreement_cache.holds_data_only(cls) for cls in classes if cls.__module__.startswith("zieldsl"))
    assert {cls.__module__ for cls in classes} <= {
        "zieldsl.language.nodes", "zieldsl.language.checker", "zieldsl.language.catalog", "zieldsl.diagnostics",
        "decimal", "datetime"}
    # besides classes only the two look-ups of the standard catalogue's parts
    assert [f for f in allowed.values() if not isinstance(f, type)] == [
        agreement_cache.standard_catalogue, agreement_cache.standard_part]

    class Runs:
        __node_compare__ = ()

        def __setstate__(self, state):
            os.system("true")

    assert not agreement_cache.holds_data_only(Runs)


def test_the_code_fingerprint_covers_every_source_file(tmp_path):
    package = Path(agreement_cache.__file__).resolve().parents[1]
    copy = tmp_path / "zieldsl"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = agreement_cache.fingerprint_of(copy)
    assert agreement_cache.fingerprint_of(copy) == before
    for relative in ("language/checker.py", "language/standard.ziel", "wording.py"):
        path = copy / relative
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert agreement_cache.fingerprint_of(copy) != before, relative
        path.write_bytes(original)
    assert agreement_cache.fingerprint_of(copy) == before


@st.composite
def varied_agreements(draw):
    """The Leer agreement with another title, another assumed change and another file name."""
    title = draw(st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters='"\\'),
                         min_size=1, max_size=40).filter(str.strip))
    change = draw(st.decimals(min_value=0, max_value=999, places=3, allow_nan=False, allow_infinity=False))
    name = draw(st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=20))
    text = (EXAMPLES / "leer-2026.ziel").read_text(encoding="utf-8")
    text = text.replace('"Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2026"',
                        f'"{title}"', 1)
    text = text.replace("steigt um 0,1 %", f"steigt um {str(change).replace('.', ',')} %", 1)
    return name, text


@fuzz(15)
@given(varied_agreements())
def test_any_agreement_comes_back_from_the_cache_as_it_was_checked(tmp_path_factory, case):
    name, text = case
    folder = tmp_path_factory.mktemp("varied")
    path = folder / f"{name}.ziel"
    path.write_text(text, encoding="utf-8")
    before = os.environ.get("ZIELDSL_CACHE")
    try:
        os.environ["ZIELDSL_CACHE"] = "aus"
        try:
            expected = load_agreement_files([path])
        except ZielError:
            event("not an agreement")
            return  # a title the language does not take: nothing to cache
        os.environ["ZIELDSL_CACHE"] = str(folder / "cache")
        cold = load_agreement_files([path])
        assert len(entries(folder / "cache" / agreement_cache.FOLDER)) == 1
        warm = load_agreement_files([path])
    finally:
        os.environ["ZIELDSL_CACHE"] = before if before is not None else "aus"
    assert warm == cold == expected
    (_p, (got,)), (_q, (want,)) = warm[0], expected[0]
    assert (got.agreement.title, got.warnings, got.source_text, got.targets) == \
        (want.agreement.title, want.warnings, want.source_text, want.targets)


def _check_process(*args, cwd):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "zieldsl", "check", *args], cwd=cwd, capture_output=True,
                          timeout=120)


def test_check_of_several_files_reports_the_same_from_the_cache(files, cache, monkeypatch):
    folder = files[0].parent
    (folder / "kaputt.ziel").write_text('vereinbarung v "V" {\n  zieljahr 2026\n  ziel x "X" { kennzahl K9 }\n}\n',
                                        encoding="utf-8")
    names = [*NAMES, "kaputt.ziel", "fehlt.ziel"]
    with monkeypatch.context() as patch:
        patch.setenv("ZIELDSL_CACHE", "aus")
        uncached = _check_process(*names, cwd=folder)
    cold = _check_process(*names, cwd=folder)
    assert len(entries(cache)) == len(NAMES)  # not the broken or missing file
    warm = _check_process(*names, cwd=folder)
    assert uncached.returncode == cold.returncode == warm.returncode == 1
    assert uncached.stdout == cold.stdout == warm.stdout
    assert uncached.stderr == cold.stderr == warm.stderr
    assert b"kaputt.ziel" in warm.stderr and b"fehlt.ziel" in warm.stderr
    monkeypatch.chdir(folder)
    with monkeypatch.context() as patch:
        patch.setattr(loading, "check_text", refuse_parsing)
        clicked = CliRunner().invoke(main, ["check", *NAMES])
    assert clicked.exit_code == 0, clicked.output
    assert clicked.stdout_bytes == _check_process(*NAMES, cwd=folder).stdout


def test_check_of_one_file_checks_afresh_and_keeps_nothing(files, cache):
    done = _check_process(str(files[0]), cwd=files[0].parent)
    assert done.returncode == 0, done.stderr
    assert entries(cache) == []
