"""The distance to the threshold: one convention (positive = exceeded, negative = missed, in the
threshold's unit) and the same distance in persons, through the API, the JSON and the CLI."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from _evaluation_helpers import Data, agreement
from click.testing import CliRunner

from zieldsl.cli.main import main
from zieldsl.evaluation.engine import evaluate
from zieldsl.wording import persons_sentence


def k3(baseline_mean: int, actual_mean: int) -> Data:
    data = Data()
    data.year("lzb", "gesamt", 2025, [baseline_mean] * 12).year("lzb", "gesamt", 2026, [actual_mean] * 12)
    return data


def judged(clause: str, data: Data):
    body = f"""    ziel 1 z "Ziel" {{
        {clause}
    }}"""
    return evaluate(agreement(body), data.store).target("1").conditions[0]


# clause, data, status, distance, persons needed, persons there were, at least
CASES = [
    # a rise in %: K2 = 100 × integrations / 1.000 eLb; +5,8 % on 1.000 needs 1.057,5 → 1.058
    ("K2 steigt um 5,8 %", Data().k2(actual=1070), "erreicht", "1.2", 1058, 1070, True),
    ("K2 steigt um 5,8 %", Data().k2(actual=1050), "nicht_erreicht", "-0.8", 1058, 1050, True),
    # a fall in %: K3 = mean LZB stock; −2,3 % on 1.000 allows at most 977,5 → 977 on average
    ("K3 sinkt um 2,3 %", k3(1000, 970), "erreicht", "0.7", 977, 970, False),
    ("K3 sinkt um 2,3 %", k3(1000, 990), "nicht_erreicht", "-1.3", 977, 990, False),
    # percentage points: from 20 % (200 of 1.000) by 1,2 points needs 21,15 % → 212 integrations
    ("K2 steigt um 1,2 prozentpunkte", Data().k2(baseline=200, actual=215), "erreicht", "0.3", 212, 215, True),
    ("K2 steigt um 1,2 prozentpunkte", Data().k2(baseline=200, actual=210), "nicht_erreicht", "-0.2", 212, 210, True),
    # a fall in percentage points: from 20 % by 1 point allows 19,05 % → at most 190 integrations
    ("K2 sinkt um 1 prozentpunkte", Data().k2(baseline=200, actual=185), "erreicht", "0.5", 190, 185, False),
    ("K2 sinkt um 1 prozentpunkte", Data().k2(baseline=200, actual=195), "nicht_erreicht", "-0.5", 190, 195, False),
    # a level, minimum and ceiling: 21 % of 1.000 is 209,5 → 210 (at least), 210,4… → 210 (at most)
    ("K2 beträgt mindestens 21 %", Data().k2(baseline=200, actual=215), "erreicht", "0.5", 210, 215, True),
    ("K2 beträgt mindestens 21 %", Data().k2(baseline=200, actual=205), "nicht_erreicht", "-0.5", 210, 205, True),
    ("K2 beträgt höchstens 21 %", Data().k2(baseline=200, actual=205), "erreicht", "0.5", 210, 205, False),
    ("K2 beträgt höchstens 21 %", Data().k2(baseline=200, actual=212), "nicht_erreicht", "-0.2", 210, 212, False),
    # a count: persons directly
    ("anzahl integrationen mindestens 612", Data().k2(actual=620), "erreicht", "8", 612, 620, True),
    ("anzahl integrationen mindestens 612", Data().k2(actual=600), "nicht_erreicht", "-12", 612, 600, True),
]


@pytest.mark.parametrize("clause, data, status, distance, needed, actual, at_least", CASES)
def test_distance_is_positive_when_exceeded_and_negative_when_missed(clause, data, status, distance, needed,
                                                                     actual, at_least):
    c = judged(clause, data)
    assert c.status == status
    assert c.distance == Decimal(distance)
    assert (c.distance >= 0) == (status == "erreicht")
    assert c.persons is not None
    assert (c.persons.needed, c.persons.actual, c.persons.at_least) == (needed, actual, at_least)


@pytest.mark.parametrize("clause, data, status, distance, needed, actual, at_least", CASES)
def test_the_needed_persons_are_exactly_the_boundary_of_the_judging_rule(clause, data, status, distance, needed,
                                                                         actual, at_least):
    """With the needed number the target is met; one person fewer (more, for a ceiling) misses it."""
    if clause.startswith("anzahl"):
        return  # a count's boundary is the agreed number itself
    series = "lzb" if clause.startswith("K3") else "integrationen"

    def with_persons(n):
        fresh = Data()
        if series == "lzb":
            fresh = k3(1000, n)
        else:
            fresh = Data().k2(baseline=1000 if "5,8" in clause else 200, actual=n)  # the case's baseline
        return judged(clause, fresh).status

    beyond = needed - 1 if at_least else needed + 1
    assert with_persons(needed) == "erreicht"
    assert with_persons(beyond) == "nicht_erreicht"


def test_persons_sentences_for_met_and_missed():
    missed = judged("K2 steigt um 5,8 %", Data().k2(actual=1050))
    assert persons_sentence(missed, "Integrationen") == \
        "Um das Ziel zu erreichen, wären 1.058 statt 1.050 Integrationen nötig gewesen (8 mehr)."
    met = judged("K2 steigt um 5,8 %", Data().k2(actual=1070))
    assert persons_sentence(met, "Integrationen") == "Für das Ziel hätten 1.058 statt 1.070 Integrationen genügt (12 weniger)."
    fall = judged("K3 sinkt um 2,3 %", k3(1000, 990))
    assert persons_sentence(fall, "Langzeitleistungsbeziehende") == (
        "Um das Ziel zu erreichen, hätten es im Monatsdurchschnitt höchstens 977 statt 990 "
        "Langzeitleistungsbeziehende sein dürfen (13 weniger).")
    interim = persons_sentence(missed, "Integrationen", final=False)
    assert interim == "Für den Zielwert wären bisher 1.058 statt 1.050 Integrationen nötig (8 mehr)."


def test_published_rates_and_sums_in_euro_have_no_persons():
    data = Data()
    data.year("llu", "gesamt", 2025, [1000] * 12).year("llu", "gesamt", 2026, [1100] * 12)
    c = judged("K1 sinkt um 1 %", data)
    assert c.status == "nicht_erreicht" and c.distance == Decimal("-11.0") and c.persons is None


def test_json_terminal_and_explain_show_the_same_distance(leer_path):
    out = CliRunner().invoke(main, ["evaluate", str(leer_path), "--json"])
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout)["agreements"][0]["result"]
    conditions = {c["wording"]: c for t in body["targets"] for c in t["conditions"]}
    k3_json = conditions["K3 sinkt um 2,3 %"]
    assert k3_json["status"] == "erreicht" and k3_json["distance"] == "0.5"  # a met fall: positive
    assert k3_json["persons"] == {"series": "lzb", "series_title": "Bestand an Langzeitleistungsbeziehenden",
                                  "mean": True, "actual": "2735.5", "needed": "2751", "at_least": False}
    men = conditions["männer K2 steigt um 4,4 %"]
    assert men["status"] == "nicht_erreicht" and men["distance"] == "-0.4"
    assert (men["persons"]["needed"], men["persons"]["actual"]) == ("830", "827")

    table = CliRunner().invoke(main, ["evaluate", str(leer_path)]).stdout
    k3_row = next(line for line in table.splitlines() if "K3 sinkt um 2,3 %" in line)
    assert "+0,5 Pp." in k3_row and "erreicht" in k3_row
    men_row = next(line for line in table.splitlines() if "männer K2" in line)
    assert "-0,4 Pp." in men_row

    explained = CliRunner().invoke(main, ["explain", str(leer_path), "2.1"]).stdout
    assert "Abstand: -0,4 Pp. (+ übertroffen, − verfehlt)" in explained
    assert ("In Personen: Um das Ziel zu erreichen, wären 830 statt 827 Integrationen in Erwerbstätigkeit "
            "nötig gewesen (3 mehr).") in explained


def test_documents_say_the_distance_in_words_and_in_persons(leer_path, tmp_path):
    out = tmp_path / "leer.md"
    done = CliRunner().invoke(main, ["draft", str(leer_path), "-o", str(out)])
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert "vereinbart waren +4,4\u00a0%; der Zielwert ist um 0,4\u00a0Prozentpunkte verfehlt." in text
    assert "Um das Ziel zu erreichen, wären 830 statt 827 Integrationen nötig gewesen (3 mehr)." in text
    assert ("Für das Ziel hätten es im Monatsdurchschnitt bis zu 2.751 statt 2.736 Langzeitleistungsbeziehende "
            "sein dürfen (15 mehr).") in text
    assert "| +0,5\u00a0Prozentpunkte | erreicht |" in text  # K3's row: a met fall is positive


# ---------------------------------------------------------------- before December: on course, and what is needed


def interim(clause: str, data: Data, as_of: str = "2026-06"):
    from zieldsl.months import Month

    body = f"""    ziel 1 z "Ziel" {{
        {clause}
    }}"""
    return evaluate(agreement(body), data.store, as_of=Month.parse(as_of)).target("1").conditions[0]


def test_outlook_for_a_quota_needs_the_rest_of_the_year_at_the_mean_denominator():
    # 2025: 1.000 integrations over 1.000 eLb → 100 %; +5,8 % needs 1.057,5 → 1.058 in the year.
    # 2026 so far: 498 in six months (83 a month, the pace of 2025); the rest needs (1.058 − 498) / 6 ≈ 93,3.
    c = interim("K2 steigt um 5,8 %", Data().k2(actual=1000))
    o = c.outlook
    assert c.status == "nicht_erreicht"  # same pace as last year: not on course
    assert (o.needed_total, o.months_left, o.at_least, o.mean) == (1058, 6, True, False)
    assert o.per_month == Decimal("93.33333333333333333333333333") and o.so_far_per_month == 83
    assert o.baseline_year_end == 100


def test_outlook_for_a_mean_stock_is_the_mean_the_remaining_months_may_have():
    # 2025: mean 1.000; −2,3 % allows a year mean of at most 977,5 (−2,25 % rounds to −2,3 %): twelve monthly
    # stocks of 11.730 in all
    c = interim("K3 sinkt um 2,3 %", k3(1000, 980))
    o = c.outlook
    assert (o.mean, o.at_least, o.months_left) == (True, False, 6)
    assert o.needed_total == Decimal("977.5")  # the largest year mean that still meets −2,3 % after rounding
    assert o.per_month == Decimal(975)  # (11.730 − 6 × 980) / 6
    assert o.so_far_per_month == 980


def test_outlook_for_a_count_and_when_already_enough():
    c = interim("anzahl integrationen mindestens 612", Data().k2(actual=1000))
    assert (c.outlook.needed_total, c.outlook.per_month) == (612, 19)  # 498 so far: (612 − 498) / 6
    enough = interim("anzahl integrationen mindestens 400", Data().k2(actual=1000))
    assert enough.outlook.per_month == 0


def test_no_outlook_at_year_end():
    assert judged("K2 steigt um 5,8 %", Data().k2(actual=1070)).outlook is None


def test_interim_report_says_on_course_and_what_is_still_needed(leer_path, tmp_path):
    out = tmp_path / "zwischenbericht.md"
    done = CliRunner().invoke(main, ["draft", str(leer_path), "--as-of", "2026-06", "-o", str(out)])
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    body = text.split("## Anhang: Berechnung und Datengrundlage")[0]
    assert "Nach dem vorläufigen Stand Juni 2026 ist das Ziel 2 nicht auf Zielkurs." in body
    assert "| Ziel 2 | Verbesserung der Integration in Erwerbstätigkeit | nicht auf Zielkurs |" in body
    assert ("Für das Ziel sind im ganzen Jahr mindestens 1.397 Integrationen nötig, von Juli bis Dezember also im "
            "Durchschnitt mindestens 117 je Monat (bisher 116 je Monat). Annahme: Die Monate bis Dezember "
            "verlaufen wie der Durchschnitt bisher, die Bezugsgröße (Nenner) bleibt bei ihrem bisherigen "
            "Durchschnitt; verglichen wird mit dem Jahreswert 2025 nach heutigem Datenstand (20,3\u00a0%).") in body
    assert "das Ziel 2 ist damit nicht auf Zielkurs" in body
    # "erreicht" is the word of the year-end judgement, not of June
    assert "| nicht erreicht |" not in body and "| erreicht |" not in body

    table = CliRunner().invoke(main, ["evaluate", str(leer_path), "--as-of", "2026-06"]).stdout
    assert "nicht auf Zielkurs" in table and "nicht erreicht" not in table
    explained = CliRunner().invoke(main, ["explain", str(leer_path), "2", "--as-of", "2026-06"]).stdout
    assert "Bis Dezember: Für das Ziel sind im ganzen Jahr mindestens 1.397 Integrationen in Erwerbstätigkeit" \
           in explained


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 10**6), st.one_of(st.none(), st.integers(0, 2 * 10**6)),
       st.booleans())
def test_the_search_for_persons_finds_the_boundary_from_any_guess(boundary, start, near, at_least):
    """`_search` over a monotone predicate: the least n that meets it (`at_least`), else the greatest;
    the same for every starting guess, and the same as doubling from the actual number."""
    from zieldsl.evaluation.distance import _search

    def ok(n):  # more is better (at_least) or fewer is better, turning at `boundary`
        return n >= boundary if at_least else n <= boundary

    assert _search(ok, start, at_least, near) == boundary
    assert _search(ok, start, at_least) == boundary


def test_the_search_says_none_where_no_number_meets_it():
    from zieldsl.evaluation.distance import _search

    assert _search(lambda n: False, 10, True) is None
    assert _search(lambda n: False, 10, True, near=5) is None
    assert _search(lambda n: n > 10 * 2**63, 10, True) is None  # beyond what doubling from 10 looks at
    assert _search(lambda n: n >= 10 * 2**63, 10, True, near=3) == 10 * 2**63
    assert _search(lambda n: False, 10, False) is None  # fewer is better, but even 0 is too many
