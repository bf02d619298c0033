"""Files in and out: the one `.ziel` reader and the one atomic writer of the package.

Reading turns unreadable or non-UTF-8 files into positioned diagnostics (ZD001, ZD002).
Only regular files are read (a device such as /dev/zero or a FIFO is refused before a
byte is read, ZD006), and every size limit is enforced while reading: the reader stops
one byte past the limit instead of loading a huge file first (ZD601).

Writing goes through a temporary file in the target folder and `os.replace`: either the
complete new file is there afterwards or the old state is untouched, and an existing
file keeps its permission bits. The temporary file is removed on every failure,
including Ctrl-C and SIGTERM.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import BinaryIO, Iterator

from zieldsl.diagnostics import Diagnostic, DiagnosticBag, Span, ZielError
from zieldsl.lines import normalise

# A real agreement has 5–30 KB; 2 MB (about 60.000 lines) is still checked in a few seconds.
MAX_SOURCE_BYTES = 2_000_000


def describe_limit(size: int) -> str:
    """1_000_000 → "1.000.000"."""
    return f"{size:,}".replace(",", ".")


def _refuse(code: str, message: str, name: str, hint: str | None) -> ZielError:
    return ZielError([Diagnostic(code, message, Span(name, 1, 1), hint)])


def dangling_link(path: str | Path) -> str | None:
    """Where `path` points if it is a symbolic link to nothing (else None): such a file in a data
    folder is reported, never skipped, so that no data go missing unnoticed."""
    try:
        if os.path.islink(path) and not os.path.exists(path):
            return os.readlink(path)
    except OSError:
        pass
    return None


DANGLING_HINT = ("Die Verknüpfung entfernen oder die Datei, auf die sie zeigt, wiederherstellen; zieldsl "
                 "überspringt sie nicht, damit keine Daten unbemerkt fehlen.")


def open_regular(path: str | Path, name: str | None = None) -> BinaryIO:
    """Open `path` for binary reading if it is a regular file; devices, FIFOs and folders are ZD006.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and
    checked on the open descriptor, so nothing can swap it in between. A folder raises
    IsADirectoryError and other OSErrors pass too: the caller words them for its kind of file.
    """
    name = name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):  # the callers word this one themselves
            raise IsADirectoryError(21, "Ist ein Verzeichnis", str(path))
        if not stat.S_ISREG(mode):
            kind = "eine FIFO (Pipe)" if stat.S_ISFIFO(mode) \
                else "ein Gerät" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "keine gewöhnliche Datei"
            raise _refuse("ZD006", f"»{name}« ist {kind}, keine gewöhnliche Datei", name,
                          "zieldsl liest nur gewöhnliche Dateien; geben Sie den Pfad einer Datei an.")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: str | Path, limit: int, name: str | None = None, what: str = "Datei") -> bytes:
    """The bytes of a regular file, stopping one byte past `limit` (ZD601): never more is read."""
    name = name or str(path)
    with open_regular(path, name) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _refuse("ZD601", f"{what} ist zu groß (mehr als {describe_limit(limit)} Bytes)", name,
                      "Teilen Sie die Datei auf; so große Dateien verarbeitet zieldsl nicht in vertretbarer Zeit.")
    return data


def read_source(path: str | Path, display_name: str | None = None, *, keep_line_breaks: bool = False) -> str:
    """Read a `.ziel` file as UTF-8 with LF line breaks, reporting unreadable files as diagnostics.

    `keep_line_breaks` returns the text as it is in the file (for `fmt`, which must see a CRLF
    file as one to rewrite).
    """
    name = display_name or str(path)
    try:
        raw = read_limited(path, MAX_SOURCE_BYTES, name)
    except OSError as exc:
        bag = DiagnosticBag()
        reason = "Datei nicht gefunden" if isinstance(exc, FileNotFoundError) else f"Datei kann nicht gelesen werden ({exc.strerror or exc})"
        bag.add("ZD001", reason, Span(name, 1, 1), "Prüfen Sie den Pfad.")
        raise ZielError(bag.items) from None
    return decode_source(raw, name, keep_line_breaks=keep_line_breaks)


def decode_source(raw: bytes, name: str, *, keep_line_breaks: bool = False) -> str:
    """Bytes of a `.ziel` text (a file or standard input) as str with LF line breaks; non-UTF-8 becomes ZD002."""
    try:
        text = raw.decode("utf-8-sig")
        return text if keep_line_breaks else normalise(text)
    except UnicodeDecodeError as exc:
        before = normalise(raw[: exc.start].decode("utf-8", "replace"))
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
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
        with _terminate_as_exception():
            import tempfile

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
        if isinstance(exc, ValueError):  # e.g. a NUL byte in the file name
            raise ZielError([Diagnostic("ZD510", f"»{target}« kann nicht geschrieben werden "
                                                 f"(ungültiger Dateiname)")]) from None
        raise


class Terminated(BaseException):
    """SIGTERM arrived while a file was being written (the writer cleans up, then exits 143)."""


@contextlib.contextmanager
def _terminate_as_exception() -> Iterator[None]:
    """Turn SIGTERM into an exception while writing, so the temporary file is removed.

    Only the main thread may install signal handlers; elsewhere the default stays.
    (signal, threading and tempfile are imported where a file is written: a `check` never writes.)
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # pragma: no cover - embedded interpreters
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
    import tempfile

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
