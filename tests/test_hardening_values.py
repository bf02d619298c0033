"""Issue 12, figures: undefined changes on a base ≤ 0, implausible thresholds, numbers too long, digits.

Through the command line, as a user meets them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main

REPO = Path(__file__).resolve().parents[1]
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"


def agreement(body: str, extra: str = "", key: str = "1") -> str:
    return (f'vereinbarung t "T" {{\n    träger "T" kennung "{key}"\n    zieljahr 2026\n    vergleichsjahr 2025\n'
            f'{extra}    ziel 1 z "Z" {{\n{body}    }}\n}}\n')


def data(rows: dict[str, tuple[str, str]], key: str = "1") -> str:
    lines = ["traeger;reihe;gruppe;monat;wert"]
    for series, (before, now) in rows.items():
        for year, value in ((2025, before), (2026, now)):
            lines += [f"{key};{series};gesamt;{year}-{m:02d};{value}" for m in range(1, 13)]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str, csv: str) -> Path:
    path = tmp_path / "t.ziel"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "t.daten.csv").write_text(csv, encoding="utf-8")
    return path


# ---------------------------------------------------------------- item 2: a base ≤ 0

# A negative year-to-date level (K3_jfw: a mean stock) is refused when read (ZD307); a given quota may be signed.
@pytest.mark.parametrize("code, before, now, was", [("K2", "-100", "-50", "negativ (-100)"),
                                                    ("K3", "0", "5", "null")])
def test_a_change_in_percent_on_a_base_at_or_below_zero_is_not_assessable(tmp_path, code, before, now, was):
    path = write(tmp_path, agreement(f"        {code} sinkt um 2,3 %\n"), data({f"{code}_jfw": (before, now)}))
    result = CliRunner().invoke(main, ["evaluate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    condition = json.loads(result.stdout)["agreements"][0]["result"]["targets"][0]["conditions"][0]
    assert condition["status"] == "nicht_bewertbar"
    assert condition["change"] is None
    texts = [r["text"] for r in condition["reasons"]]
    assert f"{code} (gesamt) war im Vergleichsjahr 2025 {was}; eine Veränderung in % ist nur auf einer positiven " \
           "Basis definiert." in texts


def test_points_stay_defined_where_the_agreement_asks_for_points(tmp_path):
    path = write(tmp_path, agreement("        K2 steigt um 0,5 prozentpunkte\n"), data({"K2_jfw": ("-1", "0")}))
    result = CliRunner().invoke(main, ["evaluate", str(path), "--json"])
    condition = json.loads(result.stdout)["agreements"][0]["result"]["targets"][0]["conditions"][0]
    assert condition["status"] == "erreicht"
    assert condition["change_rounded"] == "1.0"


def test_an_assumption_from_a_negative_base_is_no_fall_by_200_percent(tmp_path):
    text = agreement("        K3 sinkt um 2,3 %\n", extra='    annahme alo "Arbeitslosigkeit" steigt um 2,2 %\n')
    path = write(tmp_path, text, data({"K3_jfw": ("100", "90"), "alo": ("-10", "10")}))
    result = CliRunner().invoke(main, ["draft", str(path), "-o", str(tmp_path / "f.md")])
    assert result.exit_code == 0, result.output
    document = (tmp_path / "f.md").read_text(encoding="utf-8")
    assert "200" not in document
    assert ("der Durchschnitt des Vergleichsjahres 2025 ist negativ, eine Veränderung in % ist nur auf einer "
            "positiven Basis bestimmbar") in document


# ---------------------------------------------------------------- item 3: plausibility

@pytest.mark.parametrize("condition, code", [("K3 sinkt um 150 %", "ZD123"), ("K2 beträgt mindestens 50.000 %", "ZD124")])
def test_implausible_figures_warn_and_fail_with_streng(tmp_path, condition, code):
    path = tmp_path / "t.ziel"
    path.write_text(agreement(f"        {condition}\n"), encoding="utf-8")
    plain = CliRunner().invoke(main, ["check", str(path)])
    assert plain.exit_code == 0 and f"warnung {code}" in plain.stderr
    strict = CliRunner().invoke(main, ["check", "--streng", str(path)])
    assert strict.exit_code == 1 and f"{path}: 1 Fehler." in strict.stderr


# ---------------------------------------------------------------- item 9: numbers too long for exact arithmetic

@pytest.mark.parametrize("body, extra", [
    ("        K2 steigt um 1234567890123456789012345678 %\n", ""),
    ("        K2 steigt um 5,8 %\n", '    mittel m "Mittel" 1234567890123456789012345678901234 eur\n'),
])
def test_what_check_accepts_evaluate_can_compute(tmp_path, body, extra):
    path = write(tmp_path, agreement(body, extra), data({"K2_jfw": ("20", "21")}))
    for command in (["check", str(path)], ["evaluate", str(path)]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "fehler ZD121" in result.stderr and "hat zu viele Stellen" in result.stderr


def test_a_5000_digit_target_year_is_a_diagnostic(tmp_path):
    path = tmp_path / "t.ziel"
    path.write_text(agreement("        K2 steigt um 5,8 %\n").replace("2026", "9" * 5000, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3:14: fehler ZD121" in result.stderr


@pytest.mark.parametrize("value", ["12345678901234567890123456789", "1,12345678901234567"])
def test_csv_values_with_too_many_digits_are_refused(tmp_path, value):
    csv = tmp_path / "d.csv"
    csv.write_text(f"traeger;reihe;gruppe;monat;wert\n03457;integrationen;gesamt;2026-01;{value}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(LEER), "--data", str(csv)])
    assert result.exit_code == 1
    assert f"{csv}:2:" in result.stderr and "hat zu viele Stellen" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- item 12: one rule for digits, trimmed keys

def test_digits_of_other_scripts_are_refused_everywhere(tmp_path):
    path = tmp_path / "t.ziel"
    path.write_text(agreement("        K2 steigt um ５,８ %\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "fehler ZD122: »５,８« enthält die Ziffer »５« (U+FF15 FULLWIDTH DIGIT FIVE)" in result.stderr
    assert "Hinweis: Schreiben Sie »5,8«." in result.stderr
    as_of = CliRunner().invoke(main, ["evaluate", str(LEER), "--as-of", "２０２６-０３"])
    assert as_of.exit_code != 0
    csv = tmp_path / "d.csv"
    csv.write_text("traeger;reihe;gruppe;monat;wert\n03457;integrationen;gesamt;2026-01;٥\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["evaluate", str(LEER), "--data", str(csv)]).exit_code == 1


def test_the_agency_key_is_trimmed_like_csv_codes(tmp_path):
    path = write(tmp_path, agreement("        K2 steigt um 5,8 %\n", key=" 1 "), data({"K2_jfw": ("20", "22")}))
    result = CliRunner().invoke(main, ["evaluate", str(path), "--json"])
    payload = json.loads(result.stdout)["agreements"][0]["result"]
    assert payload["agreement"]["agency_key"] == "1"
    assert payload["targets"][0]["status"] == "erreicht"
