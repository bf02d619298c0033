"""Files in and out: the one `.ziel` reader and the one atomic writer of the package.

Reading turns unreadable or non-UTF-8 files into positioned diagnostics (ZD001, ZD002).
Writing goes through a temporary file in the target folder and `os.replace`: either the
complete new file is there afterwards or the old state is untouched, and an existing
file keeps its permission bits.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from zieldsl.diagnostics import Diagnostic, DiagnosticBag, Span, ZielError


def read_source(path: str | Path, display_name: str | None = None) -> str:
    """Read a `.ziel` file as UTF-8, reporting unreadable files as diagnostics."""
    name = display_name or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        bag = DiagnosticBag()
        reason = "Datei nicht gefunden" if isinstance(exc, FileNotFoundError) else f"Datei kann nicht gelesen werden ({exc.strerror or exc})"
        bag.add("ZD001", reason, Span(name, 1, 1), "Prüfen Sie den Pfad.")
        raise ZielError(bag.items) from None
    return decode_source(raw, name)


def decode_source(raw: bytes, name: str) -> str:
    """Bytes of a `.ziel` text (a file or standard input) as str; non-UTF-8 becomes ZD002."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bag = DiagnosticBag()
        bag.add("ZD002", "Datei ist nicht UTF-8-kodiert", Span(name, line, column),
                "Speichern Sie die Datei als UTF-8 (in Editoren meist »Kodierung: UTF-8«).")
        raise ZielError(bag.items) from None


def write_atomic(path: str | Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace.

    The new file gets `mode`, else the mode of the file it replaces, else the umask's
    default. The temporary file is removed on any failure; an OSError becomes ZD510.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ZielError([Diagnostic("ZD510", f"Ordner »{folder}« für die Ausgabe »{target}« gibt es nicht",
                                    hint="Legen Sie den Ordner an oder wählen Sie mit -o einen anderen Pfad.")])
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
    temp_name = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException as exc:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except FileNotFoundError:
                pass
        if isinstance(exc, OSError):
            raise ZielError([Diagnostic("ZD510", f"»{target}« kann nicht geschrieben werden "
                                                 f"({exc.strerror or exc})")]) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FOLDER_MARKER = ".zieldsl-ordner"


def write_folder_atomic(folder: str | Path, files: dict[str, bytes]) -> None:
    """Replace `folder` with exactly `files` (name → bytes): all of them or, after any failure, none.

    Everything is written into a temporary folder beside it first; then the old folder (if any) is
    moved aside, the new one renamed into place and the old one removed. A folder that holds files
    zieldsl did not write (no marker file `.zieldsl-ordner`) is never replaced (ZD551).
    """
    import shutil

    target = Path(folder)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ZielError([Diagnostic("ZD510", f"Ordner »{parent}« für die Ausgabe »{target}« gibt es nicht",
                                    hint="Legen Sie den Ordner an oder wählen Sie mit -o einen anderen Pfad.")])
    if target.exists() and not target.is_dir():
        raise ZielError([Diagnostic("ZD551", f"»{target}« ist eine Datei, kein Ordner",
                                    hint="Geben Sie mit -o einen Ordner an, z. B. »entwuerfe/«.")])
    if target.is_dir():
        foreign = sorted(p.name for p in target.iterdir() if p.name != FOLDER_MARKER)
        if foreign and not (target / FOLDER_MARKER).is_file():
            shown = ", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")
            raise ZielError([Diagnostic("ZD551", f"Der Ordner »{target}« enthält schon Dateien, die nicht von "
                                                 f"zieldsl stammen ({shown}); er wird nicht ersetzt",
                                        hint="Wählen Sie mit -o einen neuen oder leeren Ordner; zieldsl ersetzt "
                                             "nur Ordner, die es selbst geschrieben hat.")])
    temp = None
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
        for name, data in sorted({**files, FOLDER_MARKER: b"Von zieldsl geschrieben; wird beim naechsten Lauf "
                                                          b"ganz ersetzt.\n"}.items()):
            if Path(name).name != name or name in ("", ".", ".."):
                raise ValueError(f"unzulässiger Dateiname {name!r}")
            with open(temp / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp, 0o777 & ~_umask())
        if target.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".alt", dir=parent))
            os.rmdir(old)
            os.replace(target, old)
            try:
                os.replace(temp, target)
            except BaseException:
                os.replace(old, target)
                raise
            temp = None
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temp, target)
            temp = None
    except OSError as exc:
        raise ZielError([Diagnostic("ZD510", f"»{target}« kann nicht geschrieben werden "
                                             f"({exc.strerror or exc}); der Ordner ist unverändert")]) from None
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
