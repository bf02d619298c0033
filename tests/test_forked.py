"""`forked_map`: the answers of `map`, in order, whether worker processes write them or not."""

from __future__ import annotations

import os

from zieldsl.forked import forked_map, worker_count


def test_workers_give_the_answers_of_map_in_order():
    items = [f"Kreis {n}" for n in range(40)]
    suffix = "-geprüft"  # a closure: the workers inherit it, nothing is pickled but the index
    answers = list(forked_map(lambda item: (item + suffix, os.getpid()), items, workers=2))
    assert [a for a, _pid in answers] == [item + suffix for item in items]
    assert {pid for _a, pid in answers} - {os.getpid()}, "the answers should come from worker processes"


def test_few_items_or_one_worker_stay_in_this_process():
    assert worker_count(3) == 1
    answers = list(forked_map(lambda item: (item, os.getpid()), [1, 2, 3], workers=1))
    assert answers == [(1, os.getpid()), (2, os.getpid()), (3, os.getpid())]
    assert list(forked_map(str, [])) == []
