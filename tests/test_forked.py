"""`forked_map`: the answers of `map`, in order, whether worker processes write them or not."""

from __future__ import annotations

import os
from pathlib import Path

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


def test_many_agreement_files_are_read_by_workers_as_one_process_reads_them(tmp_path):
    """`load_each` from 16 files on: the checked agreements and the diagnostics of a broken file are
    those of `load_agreements`, file by file, in order."""
    from zieldsl.diagnostics import ZielError
    from zieldsl.language.loading import load_agreements, load_each

    leer = (Path(__file__).resolve().parents[1] / "vereinbarungen" / "leer-2026.ziel").read_text(encoding="utf-8")
    paths = []
    for number in range(20):
        path = tmp_path / f"kreis-{number:02d}.ziel"
        text = leer.replace('kennung "03457"', f'kennung "{3400 + number:05d}"')
        if number == 7:
            text = text.replace("zieljahr 2026", "zieljahr zweitausend")
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    found = load_each(paths)
    assert len(found) == 20
    for path, (checked, problems) in zip(paths, found):
        try:
            expected, expected_problems = load_agreements(path), []
        except ZielError as err:
            expected, expected_problems = None, list(err.diagnostics)
        assert checked == expected
        assert problems == expected_problems
    assert found[7][0] is None and found[7][1]
    assert found[8][0][0].agency.key == "03408"


def test_zieldsl_prozesse_limits_the_workers(monkeypatch):
    monkeypatch.setenv("ZIELDSL_PROZESSE", "1")
    assert worker_count(1000) == 1
    monkeypatch.setenv("ZIELDSL_PROZESSE", "viele")  # not a number: as if unset
    assert worker_count(1000) == min(len(os.sched_getaffinity(0)), 8)
