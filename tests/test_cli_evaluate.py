"""`zieldsl evaluate` and `zieldsl explain` as a user calls them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def schema():
    text = resources.files("zieldsl").joinpath("schema", "ergebnis.schema.json").read_text(encoding="utf-8")
    loaded = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def test_bundled_example_runs_from_another_working_directory(leer_path, tmp_path):
    env = dict(os.environ, PYTHONHASHSEED="1")
    done = subprocess.run([sys.executable, "-m", "zieldsl", "evaluate", str(leer_path)], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Träger: Landkreis Leer (03457)" in out
    assert "Stand: Dezember 2026 – Jahresendwert 2026 gegenüber 2025" in out
    assert "Ladestand: 05.01.2027, Vergleichsjahr 05.01.2026 (gleicher Ladestand)" in out
    for column in ("Nr.", "Ziel", "Gruppe", "Vorjahr", "Ist", "Veränderung", "Zielwert", "Abstand", "Status"):
        assert column in out.splitlines()[6]
    assert "K2 steigt um 5,8 %" in out and "≥ +5,8 %" in out and "nicht erreicht" in out
    assert "leer-2026.daten.csv" in done.stderr and "leer-2026.nachweise.yaml" in done.stderr


def test_json_validates_against_the_shipped_schema_and_is_deterministic(leer_path, schema, tmp_path):
    outputs = []
    for seed in ("0", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed,  # each seed checks afresh: its own cache
                   ZIELDSL_CACHE=str(tmp_path / f"cache-{seed}"))
        done = subprocess.run([sys.executable, "-m", "zieldsl", "evaluate", str(leer_path), "--json"],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    envelope = json.loads(outputs[0])
    jsonschema.validate(envelope, schema, cls=jsonschema.Draft202012Validator)
    assert envelope["schema"] == "zieldsl-ergebnis/3.0"
    assert envelope["summary"] == {"agreements": 1, "evaluated": 1, "failed": 0}
    body = envelope["agreements"][0]["result"]
    assert body["schema"] == "zieldsl-ergebnis/3.0" and body["preliminary"] is False
    k2 = body["targets"][1]["conditions"][0]
    assert k2["threshold"] == "5.8" and k2["status"] == "erreicht" and isinstance(k2["change_rounded"], str)


def test_two_agencies_in_one_data_file_interim_json_validates(leer_path, musterkreis_path, schema, tmp_path):
    # the bundled catalogue series once more under the Musterkreis key: one file, two agencies, two agreements
    rows = leer_path.with_name("leer-2026.daten.csv").read_text(encoding="utf-8").splitlines()
    data = tmp_path / "zwei.csv"
    leer_only = ("alo_nds;", "alo_sgb2_nds;", "alq_emden_leer;", "svb_nds;")  # Leer's assumptions
    data.write_text("\n".join(rows + [r.replace("03457;", "99999;", 1) for r in rows
                                      if r.startswith("03457;") and not r[6:].startswith(leer_only)]),
                    encoding="utf-8")
    result = run("evaluate", str(leer_path), str(musterkreis_path), "--data", str(data), "--as-of", "2026-06",
                 "--json")
    assert result.exit_code == 0, result.output
    envelope = json.loads(result.stdout)
    jsonschema.validate(envelope, schema, cls=jsonschema.Draft202012Validator)
    bodies = [entry["result"] for entry in envelope["agreements"]]
    assert [b["agreement"]["id"] for b in bodies] == ["leer_2026", "musterkreis_2026"]
    for body in bodies:
        assert body["preliminary"] is True and body["as_of"] == "2026-06"
    count = bodies[1]["targets"][1]["conditions"][1]
    assert count["kind"] == "anzahl" and count["components"][0]["group"] == "frauen"
    assert bodies[1]["vintage_policy"] == "gemeinsamer"
    # as of June: the data as they stood when June was first published, for both years (gemeinsamer ladestand)
    assert bodies[1]["data_vintage"] == bodies[1]["data_vintage_baseline"] == "2026-07-05"
    assert (bodies[0]["data_vintage"], bodies[0]["data_vintage_baseline"]) == ("2026-07-05", "2025-07-05")


def test_many_agreements_get_an_overview_first(leer_path, musterkreis_path):
    result = run("evaluate", str(leer_path), str(musterkreis_path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("Übersicht") < out.index("Vereinbarung leer_2026:") < out.index("Vereinbarung musterkreis_2026:")
    assert "musterkreis_2026  Landkreis Musterkreis (99999)" in out


def test_interim_header_says_preliminary(leer_path):
    result = run("evaluate", str(leer_path), "--as-of", "2026-06")
    assert result.exit_code == 0, result.output
    assert "Stand: Juni 2026 – vorläufig (Jahresfortschrittswert Januar bis Juni 2026, verglichen mit Januar " \
           "bis Juni 2025)" in result.output


def test_as_of_outside_the_target_year_is_a_usage_error(leer_path):
    result = run("evaluate", str(leer_path), "--as-of", "2025-12")
    assert result.exit_code == 2
    assert "liegt nicht im Zieljahr 2026" in result.output
    assert run("evaluate", str(leer_path), "--as-of", "Juni").exit_code == 2


def test_bad_data_is_reported_with_file_line_and_column(leer_path, tmp_path):
    data = tmp_path / "daten.csv"
    data.write_text("traeger;reihe;gruppe;monat;wert\n03457;integrationen;gesamt;2026-13;12\n"
                    "03457;integration;gesamt;2026-01;12\n", encoding="utf-8")
    result = run("evaluate", str(leer_path), "--data", str(data))
    assert result.exit_code == 1
    assert f"{data}:2:" in result.output and "Ungültiger Monat »2026-13«" in result.output
    assert f"{data}:3:" in result.output and "Meinten Sie »integrationen«" in result.output
    assert "Traceback" not in result.output


def test_explicit_data_and_evidence_paths(leer_path, tmp_path):
    evidence = tmp_path / "nw.yaml"
    evidence.write_text("stand: 2026-12-31\nziele:\n  lissa:\n    harmonisierung: {status: erledigt}\n"
                        "    prozesse: {status: erledigt}\n    koordinierung: {status: erledigt}\n"
                        "    schulung: {status: erledigt}\n", encoding="utf-8")
    data = leer_path.with_name("leer-2026.daten.csv")
    result = run("evaluate", str(leer_path), "--data", str(data), "--nachweise", str(evidence), "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)["agreements"][0]["result"]
    statuses = {t["number"]: t["status"] for t in body["targets"]}
    assert statuses["5"] == "erreicht" and statuses["4"] == "nicht_erreicht"
    assert [i["role"] for i in body["inputs"]] == ["vereinbarung", "daten", "nachweise"]


def test_without_data_beside_the_agreement_everything_is_not_assessable(tmp_path, leer_path):
    copy = tmp_path / "leer-2026.ziel"
    copy.write_text(leer_path.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("evaluate", str(copy))
    assert result.exit_code == 0, result.output
    assert "Daten: keine gefunden" in result.output
    assert "nicht bewertbar" in result.output and "keine Zeilen für den Träger »03457«" in result.output


def test_explain_prints_the_chain_down_to_data_points(leer_path):
    result = run("explain", str(leer_path), "2.1")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Ziel 2.1 »Geschlechterspezifisches Ziel« (geschlechterspezifisch): nicht erreicht" in out
    assert "Regel: Erreicht, wenn alle Bedingungen erfüllt sind." in out
    assert "leer-2026.ziel:79: männer K2 steigt um 4,4 %" in out
    assert "Formel K2: 100 × Summe integrationen / Durchschnitt elb der jeweiligen Vormonate" in out
    assert "2026-03  integrationen (Männer) = " in out and "leer-2026.daten.csv:" in out
    assert "kaufmännisch gerundet auf 1 Nachkommastelle" in out and "≥ +4,4 %: nicht erreicht" in out


def test_explain_by_id_and_unknown_targets(leer_path):
    assert run("explain", str(leer_path), "lissa").exit_code == 0
    wrong = run("explain", str(leer_path), "lisa")
    assert wrong.exit_code == 2 and "Meinten Sie »lissa«" in wrong.output


def test_help_documents_the_discovery_convention():
    result = run("evaluate", "--help")
    assert result.exit_code == 0
    assert "leer-2026.daten.csv" in result.output and "leer-2026.nachweise.yaml" in result.output


def test_problems_in_data_and_evidence_are_reported_together(leer_path, tmp_path):
    data = tmp_path / "daten.csv"
    data.write_text("traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-01;viele\n", encoding="utf-8")
    evidence = tmp_path / "nw.yaml"
    evidence.write_text("ziele:\n  dms:\n    ist_analyse:\n      status: fertig\n", encoding="utf-8")
    result = run("evaluate", str(leer_path), "--data", str(data), "--nachweise", str(evidence))
    assert result.exit_code == 1
    assert "»viele« ist keine gültige Zahl" in result.output and "Unbekannter Status »fertig«" in result.output
