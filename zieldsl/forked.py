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
import signal
from typing import Callable, Iterator, Sequence, TypeVar

__all__ = ["forked_map", "worker_count", "worker_pool"]

Item = TypeVar("Item")
Answer = TypeVar("Answer")

_JOB: tuple[Callable, Sequence] | None = None  # what the forked workers inherit


def worker_count(items: int, at_least: int = 8) -> int:
    """One worker per available core (at most 8, or `ZIELDSL_PROZESSE`) when there are `at_least` items; else 1.

    `ZIELDSL_PROZESSE=1` keeps everything in one process (a machine shared with other work, a
    container whose CPU quota is smaller than the cores it sees); the outputs are the same.
    """
    if items < at_least or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    limit = os.environ.get("ZIELDSL_PROZESSE", "").strip()
    if limit.isdigit() and int(limit) >= 1:
        cores = min(cores, int(limit))
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
    pool = worker_pool(count)
    try:
        answers = pool.map(_run, range(len(items)), chunksize=max(1, len(items) // (count * 16)))
        _JOB = None  # the workers were forked at the first task and have their copy
        yield from answers
    except BaseException:  # Ctrl-C, a failure: drop the work not begun, do not wait for it
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown()
    finally:
        _JOB = None


def worker_pool(count: int):
    """`count` worker processes, forked where the system can, that leave Ctrl-C to this process.

    A `concurrent.futures` pool: a worker that dies (out of memory) raises BrokenProcessPool in
    this process instead of leaving it waiting for an answer that never comes."""
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    return ProcessPoolExecutor(count, mp_context=context, initializer=_quiet_worker)


def _quiet_worker() -> None:
    """Ctrl-C is the parent's to handle (it stops the workers); a stopped worker ends without a word."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(index: int):
    function, items = _JOB
    return function(items[index])
