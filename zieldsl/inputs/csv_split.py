"""One large CSV file read by several processes, a part of its lines each, and the parts joined.

A national data file holds over half a million values; reading and checking them is the
largest part of a national run after judging. Where the machine has more than one core
(`zieldsl.forked`), a file of some megabytes is cut at line ends into one part per
worker; each worker reads the header and its part with the ordinary reader (so every rule
and every line number is the same) into a store of its own, and the parts are joined in
file order (`ObservationStore.join`). That gives the store one reader builds: the same
values at the same positions, the same vintages in the same order.

Only the plain case is split. When any part reports anything (an error, a warning, a value
marked missing), when a series continues in a later part other than with its next month, or
when a line break is a lone carriage return (then counting `\\n` would not count lines), the
parts are dropped and the file is read once more by one reader, which reports exactly what
it always reported.
"""

from __future__ import annotations

import io
import os
import stat
from typing import Callable

from zieldsl.forked import worker_count, worker_pool
from zieldsl.inputs import csv_reader
from zieldsl.inputs.csv_reader import _LineSource, _Loader, _Text
from zieldsl.inputs.store import ObservationStore

__all__ = ["SPLIT_BYTES", "load_split"]

SPLIT_BYTES = 4 << 20  # below this a file is read faster than worker processes start
_SCAN = 1 << 20


def load_split(loader: _Loader, path, name: str) -> ObservationStore | None:
    """The store of file `path` (shown as `name`) read in parts, the first here and the others by
    worker processes, or None: then it is read the ordinary way (small, one core, not a regular
    file, or a part had anything to say)."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    workers = worker_count(status.st_size // SPLIT_BYTES, at_least=1)
    if workers < 2:
        return None
    plan = _plan(path, status.st_size, workers)
    if plan is None:
        return None
    header, parts = plan
    global _JOB
    _JOB = (loader, path, name, header, parts)
    pool = worker_pool(len(parts) - 1)
    try:
        others = [pool.submit(_read_other, index) for index in range(1, len(parts))]  # forked: they inherit _JOB
        _JOB = None
        first = _read_part(loader.fresh(), path, name, header, parts[0])
        packed = [future.result() for future in others]
    except Exception:  # a worker that died (out of memory): one reader reads the file instead
        pool.shutdown(wait=False, cancel_futures=True)
        return None
    except BaseException:  # Ctrl-C: drop the work not begun, do not wait for it
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        _JOB = None
    pool.shutdown()
    if first is None or any(part is None for part in packed):
        return None
    for part in packed:
        if not first.join(part):
            return None
    return first if len(first) <= csv_reader.MAX_VALUES else None


_JOB: tuple | None = None  # what the forked workers inherit


def _read_other(index: int) -> tuple | None:
    """In a worker: part `index`, packed (`ObservationStore.packed`), or None."""
    loader, path, name, header, parts = _JOB
    store = _read_part(loader.fresh(), path, name, header, parts[index])
    return store.packed() if store is not None else None


def _plan(path, size: int, workers: int) -> tuple[bytes, list[tuple[int, int, int]]] | None:
    """The header line and the parts (first byte, end, number of lines before the part), each cut
    after a `\\n`; None when a carriage return is not followed by `\\n` or the header is overlong."""
    with open(path, "rb") as handle:
        header = handle.readline(4 * csv_reader.MAX_LINE_CHARS)
        if not header.endswith(b"\n") or b"\r" in header[:-2]:
            return None
        shown = header.removeprefix(b"\xef\xbb\xbf").strip()
        if not shown or shown.startswith(b"#"):  # the header is a later line: the ordinary reader finds it
            return None
        # this process takes a little less: after its part it unpickles and joins the others
        first = (size - len(header)) * 9 // (10 * workers)
        targets = [len(header) + first + (size - len(header) - first) * k // (workers - 1) for k in range(workers - 1)]
        cuts: list[tuple[int, int]] = []
        lines, position, open_return = 0, len(header), False
        while True:
            block = handle.read(_SCAN)
            if not block:
                break
            if open_return and not block.startswith(b"\n"):
                return None
            if b"\r" in block and block.count(b"\r") - block.endswith(b"\r") != block.count(b"\r\n"):
                return None  # a carriage return that ends a line on its own
            open_return = block.endswith(b"\r")
            while targets and position + len(block) > targets[0]:
                found = block.find(b"\n", max(0, targets[0] - position))
                if found < 0:
                    break
                cuts.append((position + found + 1, lines + block.count(b"\n", 0, found + 1)))
                targets.pop(0)
            lines += block.count(b"\n")
            position += len(block)
        if open_return:
            return None
    starts = [(len(header), 0), *cuts]
    parts = []
    for index, (start, before) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else size
        if end > start:
            parts.append((start, end, before))
    return (header, parts) if len(parts) > 1 else None


def _read_part(reader: _Loader, path, name: str, header: bytes,
               part: tuple[int, int, int]) -> ObservationStore | None:
    """The store `reader` (a fresh loader) reads from one part (the header, then the lines from
    byte `start` to `end`), or None if reading it reported anything."""
    start, end, before = part
    raw = _Range(path, header, start, end)
    text = _Text(io.TextIOWrapper(io.BufferedReader(raw, 1 << 16), encoding="utf-8-sig", errors="surrogateescape",
                                  newline=""))
    file_index = reader.store._file_index(name)
    try:
        reader._read(text, _PartSource(text, name, reader.errors.add, before), name, file_index)
    finally:
        raw.close()
    store = reader.store
    if reader.errors.items or store.warnings or store.missing_marks:
        return None
    return store


class _Range(io.RawIOBase):
    """The header, then bytes `start` … `end` of the file: one part, streamed (not held in memory)."""

    def __init__(self, path, header: bytes, start: int, end: int) -> None:
        super().__init__()
        self.handle = open(path, "rb")  # noqa: SIM115 - closed with this reader
        self.handle.seek(start)
        self.header, self.left = header, end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.header:
            count = min(len(buffer), len(self.header))
            buffer[:count] = self.header[:count]
            self.header = self.header[count:]
            return count
        if self.left <= 0:
            return 0
        count = self.handle.readinto(memoryview(buffer)[:min(len(buffer), self.left)])
        self.left -= count or 0
        return count or 0

    def close(self) -> None:
        self.handle.close()
        super().close()


class _PartSource(_LineSource):
    """The header, then the part's lines numbered as in the whole file (`before` lines precede the part)."""

    def __init__(self, text: _Text, file: str, report: Callable[..., None], before: int) -> None:
        super().__init__(text, file, report)
        self.before = before

    def __next__(self) -> str:
        line = super().__next__()
        if self.before:  # after the header (line 1): the part's first line is line 2 + before
            self.number += self.before
            self.before = 0
        return line
