"""Judging many agreements on more than one core: this process judges the first share, forked
workers judge the others and send their results back without the explanations.

Judging is independent per agreement, and a worker forked after the data were loaded sees the
same store and agreements without any copying. What costs is sending results back: their
explanations (`zieldsl.later`) were built only to be pickled, at several times the cost of the
verdict. So a worker numbers the Laters it makes per agreement and sends an unbuilt one as
(agreement, number); here such a Later, when first read (by `--json`, a document, `explain`),
judges that agreement once more, which makes the same Laters in the same order, and builds the
one with that number. A run that only wants verdicts never pays for that; the results are equal
either way. With one core, few agreements or no `fork`, everything is judged here, in order.
"""

from __future__ import annotations

import pickle
from typing import Callable, Sequence

from zieldsl.forked import worker_count, worker_pool
from zieldsl.later import numbered, receiving, sending
from zieldsl.results import AgreementResult

__all__ = ["judge_all"]

Job = Callable[[], AgreementResult]

_AT_LEAST = 48  # fewer agreements are judged faster than a worker process starts
_JOBS: Sequence[Job] | None = None  # what the forked workers inherit


def judge_all(jobs: Sequence[Job]) -> list[AgreementResult]:
    """`[job() for job in jobs]`, the later jobs judged by forked workers where that is faster."""
    workers = worker_count(len(jobs), at_least=_AT_LEAST)
    if workers < 2:
        return [job() for job in jobs]
    global _JOBS
    first = [jobs[0]()]  # judged before forking: the workers inherit what the first one loaded and hashed
    bounds = _shares(len(jobs), workers)
    _JOBS = jobs
    pool = worker_pool(workers - 1)
    try:
        sent = [pool.submit(_judge_share, start, stop) for start, stop in bounds[1:]]  # forked now
        _JOBS = None
        here = first + [jobs[index]() for index in range(1, bounds[0][1])]
        received = [future.result() for future in sent]
    except BaseException:  # Ctrl-C, a failure: drop the work not begun, do not wait for it
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        _JOBS = None
    pool.shutdown()
    explainer = _Explainer(jobs)
    with receiving(explainer):
        for blob in received:
            here.extend(pickle.loads(blob))
    return here


def _shares(count: int, workers: int) -> list[tuple[int, int]]:
    """(start, stop) of each process's agreements, equal shares: what the workers spend on pickling
    their results, this process spends on unpickling them (measured on the national set)."""
    weights = [1.0] * workers
    total = sum(weights)
    bounds, start = [], 0
    for index, weight in enumerate(weights):
        stop = count if index == workers - 1 else min(count, start + round(count * weight / total))
        bounds.append((start, stop))
        start = stop
    return bounds


def _judge_share(start: int, stop: int) -> bytes:
    """In a worker: the results of jobs start … stop − 1, pickled with their explanations unbuilt."""
    jobs = _JOBS
    results = []
    for index in range(start, stop):
        with numbered(index):
            results.append(jobs[index]())
    with sending():
        return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


class _Explainer:
    """Builds a Later of a result judged elsewhere: judges that agreement again (once), numbering."""

    def __init__(self, jobs: Sequence[Job]) -> None:
        self.jobs = list(jobs)
        self.made: dict[int, list] = {}

    def __call__(self, token: int, number: int) -> tuple:
        made = self.made.get(token)
        if made is None:
            with numbered(token) as made:
                self.jobs[token]()
            self.made[token] = made
        return made[number]._tuple()
