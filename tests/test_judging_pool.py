"""Agreements judged by forked workers (`zieldsl.evaluation.judging_pool`) give the results one
process gives: the same verdicts and figures, and, when anyone reads them, the same reasons, data
points and monthly values (sent unbuilt, built here by judging the agreement again)."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

import pytest

from zieldsl.api import evaluate_files
from zieldsl.evaluation import judging_pool
from zieldsl.later import Later
from zieldsl.results import to_json_dict

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import national  # noqa: E402


@pytest.fixture(scope="module")
def twelve(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    _csv, agreements, _rows = national(folder, 12)
    return agreements, [folder / "national.csv"]


def _json(results) -> str:
    return json.dumps([to_json_dict(r) for r in results], ensure_ascii=False, sort_keys=True, default=str)


def _judged_by_workers(monkeypatch, twelve, workers: int):
    agreements, data = twelve
    monkeypatch.setattr(judging_pool, "_AT_LEAST", 2)
    monkeypatch.setattr(judging_pool, "worker_count", lambda items, at_least: workers)
    return evaluate_files(agreements, data, evidence_paths=[])


@pytest.mark.parametrize("workers", [2, 3])
def test_results_of_workers_equal_those_judged_here(monkeypatch, twelve, workers):
    agreements, data = twelve
    monkeypatch.setenv("ZIELDSL_PROZESSE", "1")
    here = evaluate_files(agreements, data, evidence_paths=[])
    monkeypatch.delenv("ZIELDSL_PROZESSE")
    split = _judged_by_workers(monkeypatch, twelve, workers)
    # sent results keep their explanations unbuilt until read
    unbuilt = [value for value in vars_of(split[-1]) if isinstance(value, Later) and value._items is None]
    assert unbuilt, "the last agreement's results were not sent by a worker"
    assert [r.agency_key for r in split] == [r.agency_key for r in here]
    assert _json(split) == _json(here)  # reads every reason, data point and monthly value
    assert split == here


def test_sent_results_pickle_with_their_explanations(monkeypatch, twelve):
    """Results judged by a worker can be sent on (to the processes that draw documents): pickling
    builds their explanations here."""
    split = _judged_by_workers(monkeypatch, twelve, 2)
    again = pickle.loads(pickle.dumps(split))
    assert _json(again) == _json(split)


def vars_of(result) -> list:
    """Every value reachable from a result's targets and conditions (one level of fields each)."""
    out = []
    for target in result.targets:
        for condition in (*target.conditions, *target.monitoring, *target.supplementary):
            out.extend(getattr(condition, name) for name in condition.__node_fields__)
    return out
