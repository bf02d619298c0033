"""The one file the web editor edits: the file on disk stays the single truth.

Saving is atomic (`zieldsl.files.write_atomic`) and refuses to overwrite a version the
editor has not seen (edited elsewhere meanwhile). Before a save replaces a version that
checks without errors, that version is kept as `NAME.ziel.bak`: the last good version
is never lost, even when a draft with errors is saved over it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from zieldsl.api import diagnose_text, write_atomic
from zieldsl.diagnostics import ZielError
from zieldsl.files import decode_source

NEW_AGREEMENT = '''vereinbarung neue_vereinbarung "Zielvereinbarung" {
    träger "Landkreis Beispiel" kennung "99999"
    zieljahr 2026
    vergleichsjahr 2025

    ziel 2 integration "Verbesserung der Integration in Erwerbstätigkeit" {
        K2 steigt um 5,8 %
    }
}
'''


def digest(data: bytes | None) -> str:
    """Fingerprint of a version on disk ("" for a file that does not exist)."""
    return "" if data is None else hashlib.sha256(data).hexdigest()


class Conflict(Exception):
    """The file changed on disk since the editor loaded or saved it."""


@dataclass(frozen=True)
class Saved:
    digest: str
    backup: Path | None  # where the replaced good version was kept, if one was
    errors: int  # errors in the saved text (a draft may be saved unfinished)


class Workspace:
    def __init__(self, path: Path):
        self.path = path
        self.backup_path = path.with_name(path.name + ".bak")

    def read_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def load(self) -> tuple[str, str, bool]:
        """(text, digest, exists); a new file starts with a small example agreement."""
        raw = self.read_bytes()
        if raw is None:
            return NEW_AGREEMENT, "", False
        return decode_source(raw, str(self.path)), digest(raw), True

    def inputs_stamp(self) -> tuple:
        """Names, times and sizes of the data and evidence beside the file (changes when they change)."""
        from zieldsl.api import discover_inputs as discover
        from zieldsl.service.evaluation import stamp

        found = discover(self.path)
        return stamp([*found.data, *found.evidence])

    def disk_digest(self) -> str:
        return digest(self.read_bytes())

    def save(self, text: str, base: str, force: bool = False) -> Saved:
        """Write `text` if the file on disk is still the version `base` (or `force`)."""
        old = self.read_bytes()
        if not force and digest(old) != base:
            raise Conflict()
        backup = None
        if old is not None and _is_good(old, str(self.path)) and old != text.encode("utf-8"):
            write_atomic(self.backup_path, old)
            backup = self.backup_path
        data = text.encode("utf-8")
        write_atomic(self.path, data)
        errors = sum(d.is_error for d in diagnose_text(text, str(self.path)))
        return Saved(digest(data), backup, errors)


def _is_good(raw: bytes, name: str) -> bool:
    try:
        text = decode_source(raw, name)
    except ZielError:
        return False
    return not any(d.is_error for d in diagnose_text(text, name))
