"""National data, small: the generated national set (benchmarks/generate.py) judged through the CLI.

The benchmark runs 404 agencies; here three agencies, complete and with holes (every
41st row removed: missing months and groups), so that a change made for speed that
changes a single byte of any output fails a test. Two independent checks:

* the K2/K3 verdicts equal those of the benchmark's hand-written loop (plain
  fractions, no zieldsl code);
* `evaluate` (text and JSON), `explain` and the Feststellung equal the golden files
  under `tests/golden/national/` (after an intended change of wording: review, then
  `ZIELDSL_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_national.py`).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from golden_files import assert_golden
from zieldsl.api import evaluate_files, render_document
from zieldsl.cli.main import main

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import national  # noqa: E402
from run import bare_loop  # noqa: E402

AGENCIES = 3


@pytest.fixture(scope="module")
def national_set(tmp_path_factory):
    """(folder, agreements as relative paths): full data in voll/, holes in luecken/; outputs name relative paths."""
    folder = tmp_path_factory.mktemp("national")
    _csv, agreements, _rows = national(folder / "voll", AGENCIES)
    lines = (folder / "voll" / "national.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "luecken").mkdir()
    (folder / "luecken" / "national.csv").write_text(
        lines[0] + "".join(line for i, line in enumerate(lines[1:]) if i % 41 != 40), encoding="utf-8")
    return folder, [str(p.relative_to(folder)) for p in agreements]


def _cli(folder: Path, args: list[str]) -> str:
    before = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(before)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_verdicts_equal_the_hand_written_loop(national_set):
    folder, agreements = national_set
    body = json.loads(_cli(folder, ["evaluate", *agreements, "--data", "voll/national.csv", "--json"]))
    ours = {}
    for entry in body["agreements"]:
        result = entry["result"]
        found = {}
        for target in result["targets"]:
            for condition in target["conditions"]:
                if condition["group"] == "gesamt" and condition["indicator"] in ("K2", "K3"):
                    found.setdefault(condition["indicator"], condition["status"])
        ours[result["agreement"]["agency_key"]] = found
    expected = bare_loop(folder / "voll" / "national.csv")
    assert ours == expected
    assert len(expected) == AGENCIES


@pytest.mark.parametrize("variant", ["voll", "luecken"])
def test_outputs_equal_the_golden_files(national_set, variant):
    folder, agreements = national_set
    data = ["--data", f"{variant}/national.csv"]
    assert_golden(f"national/{variant}.evaluate.txt", _cli(folder, ["evaluate", *agreements, *data]))
    assert_golden(f"national/{variant}.explain.txt",
                  "".join(_cli(folder, ["explain", agreements[0], target, *data])
                          for target in ("integration", "langzeitleistungsbezug")))
    if variant == "luecken":
        assert_golden(f"national/{variant}.evaluate.json",
                      _cli(folder, ["evaluate", agreements[1], *data, "--json"]))
        before = os.getcwd()
        os.chdir(folder)
        try:
            results = evaluate_files(agreements, [f"{variant}/national.csv"], evidence_paths=[])
        finally:
            os.chdir(before)
        assert_golden(f"national/{variant}.feststellung.md",
                      render_document(results[2], "feststellung", "md").decode("utf-8"))
