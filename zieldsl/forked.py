"""`forked_map`: `map` over items that worker processes inherit instead of receiving.

Results are explained lazily (`zieldsl.later`): the costly part of writing 404 results as JSON
or documents is building their reasons, data points and monthly values, and that part is
independent per result. Worker processes forked from the process that holds the results see
them without any pickling; only an index goes out and the answer (a text, bytes) comes back.
With one core, few items or no `fork` (Windows, macOS by default) it is the plain `map`, with
the same answers in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Iterator, Sequence, TypeVar

__all__ = ["forked_map", "worker_count"]

Item = TypeVar("Item")
Answer = TypeVar("Answer")

_JOB: tuple[Callable, Sequence] | None = None  # what the forked workers inherit


def worker_count(items: int, at_least: int = 8) -> int:
    """One worker per available core (at most 8) when there are `at_least` items; else 1."""
    if items < at_least or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def forked_map(function: Callable[[Item], Answer], items: Sequence[Item], workers: int | None = None, *,
               at_least: int = 8) -> Iterator[Answer]:
    """`map(function, items)`, in order; in `workers` forked processes (default: `worker_count`, which
    keeps small jobs of fewer than `at_least` items in this process)."""
    count = worker_count(len(items), at_least) if workers is None else workers
    if count <= 1:
        yield from map(function, items)
        return
    global _JOB
    _JOB = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            _JOB = None  # the workers have their copy; the parent needs no second reference
            yield from pool.imap(_run, range(len(items)), chunksize=max(1, len(items) // (count * 16)))
    finally:
        _JOB = None


def _run(index: int):
    function, items = _JOB
    return function(items[index])
