"""Every agreement in vereinbarungen/ judged on the example data beside it, as `zieldsl evaluate --json` gives it."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main
from zieldsl.results import STATUSES

AGREEMENTS = sorted((Path(__file__).resolve().parents[1] / "vereinbarungen").rglob("*.ziel"))


@pytest.fixture(scope="module")
def validator():
    text = resources.files("zieldsl").joinpath("schema", "ergebnis.schema.json").read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator({"$defs": json.loads(text)["$defs"], "$ref": "#/$defs/ergebnis"})


@pytest.fixture(scope="module")
def bodies() -> dict[str, dict]:
    out = {}
    for path in AGREEMENTS:
        result = CliRunner().invoke(main, ["evaluate", str(path), "--json"])
        assert result.exit_code == 0, result.output
        entries = json.loads(result.stdout)["agreements"]
        assert len(entries) == 1 and "result" in entries[0], entries
        out[path.name] = entries[0]["result"]
    return out


def statuses(body: dict) -> set[str]:
    """Statuses of targets and of every judged, monitored or supplementary figure (and their parts)."""
    found = set()
    for target in body["targets"]:
        found.add(target["status"])
        for key in ("conditions", "monitoring", "supplementary"):
            for condition in target[key]:
                found.add(condition["status"])
                found.update(part["status"] for part in condition["components"])
    return found


def test_there_are_example_agreements_with_data():
    assert {p.name for p in AGREEMENTS} >= {"leer-2026.ziel", "musterkreis-2026.ziel"}


@pytest.mark.parametrize("path", AGREEMENTS, ids=lambda p: p.name)
def test_each_agreement_is_judged_on_its_discovered_data_and_matches_the_schema(path, bodies, validator):
    body = bodies[path.name]
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    roles = [i["role"] for i in body["inputs"]]
    assert "daten" in roles, f"{path.name}: keine Beispieldaten gefunden"
    assert body["data_vintage"] is not None
    assert not any(c["status"] == "nicht_bewertbar" and any(r["code"] == "keine_daten" for r in c["reasons"])
                   for t in body["targets"] for c in t["conditions"])
    framework = body["framework"]
    assert all(b["actual"] is not None and b["comparison"] for b in framework["budgets"])
    assert all(a["actual"] is not None and a["comparison"] for a in framework["assumptions"])


def test_every_status_appears_across_the_examples(bodies):
    seen = set().union(*(statuses(body) for body in bodies.values()))
    assert seen >= set(STATUSES), f"es fehlen: {sorted(set(STATUSES) - seen)}"


def test_the_musterkreis_example_mixes_the_verdicts_and_names_the_missing_month(bodies):
    body = bodies["musterkreis-2026.ziel"]
    by_number = {t["number"]: t for t in body["targets"]}
    assert {n: t["status"] for n, t in by_number.items()} == {
        "1": "erreicht", "2": "nicht_bewertbar", "2.1": "erreicht", "2.2": "nicht_bewertbar",
        "3": "nicht_erreicht", "4": "erreicht", "5": "nicht_erreicht", "6": "erreicht", "7": "nicht_erreicht",
        "8": "erreicht", "9": "offen", "10": "beobachtet"}
    men = by_number["2.2"]["conditions"][0]
    assert men["status"] == "nicht_bewertbar"
    assert any(r["code"] == "fehlender_monat" and "integrationen (Männer): September 2026" in r["text"]
               for r in men["reasons"])
    assert body["data_vintage"] == body["data_vintage_baseline"] == "2027-04-05"  # gemeinsamer Ladestand


def test_the_beispielland_is_what_its_generator_writes(tmp_path):
    """vereinbarungen/beispielland/ comes from vereinbarungen/beispielland.py, byte for byte (deterministic)."""
    import importlib.util

    folder = Path(__file__).resolve().parents[1] / "vereinbarungen"
    spec = importlib.util.spec_from_file_location("beispielland", folder / "beispielland.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.FOLDER = tmp_path
    written = module.write()
    committed = sorted(p.name for p in (folder / "beispielland").iterdir())
    assert sorted(p.name for p in written) == committed and len(committed) == 12
    for path in written:
        assert path.read_bytes() == (folder / "beispielland" / path.name).read_bytes(), path.name
        assert "ERFUNDEN" in path.read_text(encoding="utf-8").splitlines()[0]
