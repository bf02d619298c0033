"""`zieldsl evaluate --json` over many files: always one object that validates, a bad file reported, exit 1."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from zieldsl.api import evaluate_each
from zieldsl.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[1] / "vereinbarungen"


@pytest.fixture(scope="module")
def validator():
    text = resources.files("zieldsl").joinpath("schema", "ergebnis.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture
def folder(tmp_path):
    for path in EXAMPLES.glob("leer-2026.*"):
        shutil.copy(path, tmp_path / path.name)
    for path in EXAMPLES.glob("musterkreis-2026.*"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "kaputt.ziel").write_text('vereinbarung kaputt_2026 "Kaputt" {\n    zieljahr 2026\n    K2 steigt\n}\n',
                                          encoding="utf-8")
    return tmp_path


def test_a_broken_agreement_is_reported_and_the_others_are_judged(folder, validator, monkeypatch):
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["evaluate", "leer-2026.ziel", "kaputt.ziel", "musterkreis-2026.ziel",
                                       "--json"])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    assert body["summary"] == {"agreements": 3, "evaluated": 2, "failed": 1}
    files = [(e["file"], "result" in e) for e in body["agreements"]]
    assert files == [("leer-2026.ziel", True), ("kaputt.ziel", False), ("musterkreis-2026.ziel", True)]
    broken = body["agreements"][1]["diagnostics"]
    assert broken and all(d["file"] == "kaputt.ziel" and d["line"] >= 1 and d["code"].startswith("ZD")
                          for d in broken)
    assert body["agreements"][0]["result"]["agreement"]["id"] == "leer_2026"
    # the same diagnostics on stderr, with the usual caret, and the count of what was left out
    assert "kaputt.ziel:3:" in result.stderr and "1 von 3 Vereinbarungen nicht bewertet" in result.stderr


def test_text_output_also_judges_the_rest_and_exits_1(folder, monkeypatch):
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["evaluate", "leer-2026.ziel", "kaputt.ziel", "musterkreis-2026.ziel"])
    assert result.exit_code == 1
    assert "Vereinbarung leer_2026:" in result.stdout and "Vereinbarung musterkreis_2026:" in result.stdout
    assert "Traceback" not in result.output


def test_one_file_gets_the_same_envelope(folder, validator, monkeypatch):
    monkeypatch.chdir(folder)
    good = CliRunner().invoke(main, ["evaluate", "leer-2026.ziel", "--json"])
    assert good.exit_code == 0
    body = json.loads(good.stdout)
    validator.validate(body)
    assert body["summary"]["failed"] == 0 and body["agreements"][0]["result"]["agreement"]["id"] == "leer_2026"
    bad = CliRunner().invoke(main, ["evaluate", "kaputt.ziel", "--json"])
    assert bad.exit_code == 1
    body = json.loads(bad.stdout)
    validator.validate(body)
    assert body["summary"] == {"agreements": 1, "evaluated": 0, "failed": 1}


def test_broken_data_beside_one_agreement_stops_only_that_one(folder):
    data = folder / "musterkreis-2026.daten.csv"
    data.write_text(data.read_text(encoding="utf-8") + "99999;integrationen;gesamt;2026-13;1;2027-04-05\n", encoding="utf-8")
    outcomes = evaluate_each([folder / "leer-2026.ziel", folder / "musterkreis-2026.ziel"])
    assert [o.failed for o in outcomes] == [False, True]
    assert any("2026-13" in d.message for d in outcomes[1].diagnostics)


def test_a_missing_file_is_an_entry_with_zd001(folder, validator, monkeypatch):
    monkeypatch.chdir(folder)
    result = CliRunner().invoke(main, ["evaluate", "fehlt.ziel", "leer-2026.ziel", "--json"])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    validator.validate(body)
    assert body["agreements"][0]["diagnostics"][0]["code"] == "ZD001"


def test_the_json_is_written_one_agreement_at_a_time_and_is_the_same_text(tmp_path):
    """`evaluate --json` prints the batch in pieces (memory); joined they are `json.dumps` of the whole batch."""
    from zieldsl.results import json_batch_text, to_json_batch

    repo = Path(__file__).resolve().parents[1]
    files = [str(p) for p in sorted((repo / "vereinbarungen").glob("*.ziel"))][:3] + [str(tmp_path / "fehlt.ziel")]
    outcomes = evaluate_each(files)
    assert [o.failed for o in outcomes] == [False, False, False, True]
    for chosen in (outcomes, outcomes[:1], outcomes[-1:], []):
        whole = json.dumps(to_json_batch(chosen, "0"), ensure_ascii=False, indent=2)
        pieces = list(json_batch_text(chosen, "0"))
        assert "".join(pieces) == whole
        assert len(pieces) == len(chosen) + 2 or not chosen
    printed = CliRunner().invoke(main, ["evaluate", *files[:3], "--json"])
    assert printed.exit_code == 0, printed.output
    assert printed.stdout == json.dumps(to_json_batch(outcomes[:3], json.loads(printed.stdout)["tool_version"]),
                                        ensure_ascii=False, indent=2) + "\n"


def test_many_agreements_are_written_by_worker_processes_with_the_same_bytes(folder, monkeypatch):
    """From eight agreements on, each entry's JSON is written in forked workers; the text stays the same."""
    monkeypatch.chdir(folder)
    files = ["leer-2026.ziel", "kaputt.ziel", "musterkreis-2026.ziel"] * 3
    import zieldsl.forked

    forked = CliRunner().invoke(main, ["evaluate", *files, "--json"])
    monkeypatch.setattr(zieldsl.forked, "worker_count", lambda items, at_least=8: 1)
    serial = CliRunner().invoke(main, ["evaluate", *files, "--json"])
    assert forked.exit_code == serial.exit_code == 1
    assert forked.stdout == serial.stdout
    assert json.loads(forked.stdout)["summary"] == {"agreements": 9, "evaluated": 6, "failed": 3}
