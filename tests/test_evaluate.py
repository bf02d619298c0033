"""Judging through the public API (`zieldsl.evaluation.engine.evaluate`), on hand-computed data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from _evaluation_helpers import AGENCY, Data, agreement, spread, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zieldsl.evaluation.engine import AsOfError, evaluate
from zieldsl.inputs.evidence import load_evidence
from zieldsl.months import Month

K2 = """    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
    }"""


def condition(result, number="2", index=0):
    return result.target(number).conditions[index]


def codes(item):
    return [r.code for r in item.reasons]


# ---------------------------------------------------------------- relative change, rounding


@pytest.mark.parametrize("baseline, actual, change, rounded, status", [
    (1000, 1058, "5.8", "5.8", "erreicht"),        # exactly +5,8 %
    (2000, 2115, "5.75", "5.8", "erreicht"),       # +5,75 % rounds half up to 5,8
    (5000, 5287, "5.74", "5.7", "nicht_erreicht"),  # +5,74 % rounds to 5,7
])
def test_k2_year_end_change_is_rounded_half_up_and_compared_inclusively(baseline, actual, change, rounded, status):
    result = evaluate(agreement(K2), Data().k2(baseline=baseline, actual=actual).store)
    c = condition(result)
    assert (c.change, c.change_rounded, c.status) == (Decimal(change), Decimal(rounded), status)
    assert c.threshold == Decimal("5.8") and c.operator == ">="
    assert c.distance == Decimal(rounded) - Decimal("5.8")
    assert result.as_of == "2026-12" and result.preliminary is False
    assert result.target("2").status == status


def test_women_met_and_men_missed_fail_the_gender_subtarget_but_not_the_overall_target():
    body = """    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
        teilziel geschlechterspezifisch "Geschlechterspezifisch" {
            frauen K2 steigt um 7,3 %
            männer K2 steigt um 4,4 %
            erreicht wenn alle bedingungen
        }
    }"""
    data = Data().k2("frauen", 1000, 1080).k2("maenner", 1000, 1040).k2("gesamt", 2000, 2120, 2000)
    result = evaluate(agreement(body), data.store)
    women, men = result.target("2.1").conditions
    assert (women.group, women.change_rounded, women.status) == ("frauen", Decimal("8.0"), "erreicht")
    assert (men.group, men.change_rounded, men.status) == ("maenner", Decimal("4.0"), "nicht_erreicht")
    assert men.distance == Decimal("-0.4")
    sub = result.target("geschlechterspezifisch")
    assert sub.number == "2.1" and sub.parent == "integration" and sub.status == "nicht_erreicht"
    assert result.target("2").status == "erreicht"  # the overall target is judged on its own (+6,0 %)
    assert condition(result).change_rounded == Decimal("6.0")


def test_a_rule_over_subtargets_lets_the_subtarget_decide_the_parent():
    body = """    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
        teilziel frauen "Frauen" {
            frauen K2 steigt um 7,3 %
        }
        erreicht wenn alle bedingungen und alle teilziele
    }"""
    data = Data().k2("frauen", 1000, 1000).k2("gesamt", 1000, 1100)
    result = evaluate(agreement(body), data.store)
    assert condition(result).status == "erreicht"
    assert result.target("2.1").status == "nicht_erreicht"
    assert result.target("2").status == "nicht_erreicht"


def test_k3_fall_of_exactly_2_3_percent_is_met():
    body = """    ziel 3 lzb "LZB" {
        K3 sinkt um 2,3 %
    }"""
    data = Data().year("lzb", "gesamt", 2025, [1000] * 12).year("lzb", "gesamt", 2026, [977] * 12)
    c = condition(evaluate(agreement(body), data.store), "3")
    assert (c.change, c.change_rounded, c.threshold, c.operator) == (Decimal("-2.3"), Decimal("-2.3"),
                                                                      Decimal("-2.3"), "<=")
    assert c.status == "erreicht" and c.distance == Decimal("0.0")


def test_minus_1_55_rounds_to_minus_1_6():
    body = """    ziel 3 lzb "LZB" {
        K3 sinkt um 1,6 %
    }"""
    data = Data().year("lzb", "gesamt", 2025, [1000] * 12).year("lzb", "gesamt", 2026, ["984.5"] * 12)
    c = condition(evaluate(agreement(body), data.store), "3")
    assert c.change == Decimal("-1.55") and c.change_rounded == Decimal("-1.6") and c.status == "erreicht"


def test_a_threshold_of_0_25_is_judged_at_two_decimals():
    body = """    ziel 3 lzb "LZB" {
        K3 sinkt um mindestens 0,25 %
    }"""
    data = Data().year("lzb", "gesamt", 2025, [10000] * 12).year("lzb", "gesamt", 2026, ["9975.5"] * 12)
    c = condition(evaluate(agreement(body), data.store), "3")
    assert c.decimals == 2
    assert (c.change, c.change_rounded, c.status) == (Decimal("-0.245"), Decimal("-0.25"), "erreicht")


# ---------------------------------------------------------------- not assessable


def test_zero_base_is_not_assessable_with_the_reason():
    body = """    ziel 1 llu "Leistungen" {
        K1 sinkt um 1 %
    }"""
    data = Data().year("llu", "gesamt", 2025, [0] * 12).year("llu", "gesamt", 2026, [500] * 12)
    c = condition(evaluate(agreement(body), data.store), "1")
    assert c.status == "nicht_bewertbar" and c.change is None and c.distance is None
    assert "basis_null" in codes(c)
    assert evaluate(agreement(body), data.store).target("1").status == "nicht_bewertbar"


def test_one_missing_month_is_not_assessable_and_named():
    data = Data()
    data.constant("elb", "gesamt", "2024-12", "2026-12", 1000)
    data.year("integrationen", "gesamt", 2025, [100] * 12)
    for month in range(1, 13):
        if month != 3:
            data.add("integrationen", "gesamt", Month(2026, month), 100)
    result = evaluate(agreement(K2), data.store, as_of="2026-12")
    c = condition(result)
    assert c.status == "nicht_bewertbar"
    missing = [r for r in c.reasons if r.code == "fehlender_monat"]
    assert missing and "integrationen (gesamt): März 2026" in missing[0].text
    assert c.actual is None and c.baseline is not None


def test_a_missing_group_is_named():
    body = """    ziel 2 integration "Integration" {
        frauen K2 steigt um 5,8 %
    }"""
    c = condition(evaluate(agreement(body), Data().k2("gesamt").store))
    assert c.status == "nicht_bewertbar"
    assert any(r.code == "fehlende_gruppe" and "keine Werte" in r.text and "Frauen" in r.text for r in c.reasons)


def test_an_agency_without_rows_is_not_assessable_not_a_crash():
    data = Data().k2()
    result = evaluate(agreement(K2, agency="99"), data.store)
    assert result.as_of == "2026-12"
    assert condition(result).status == "nicht_bewertbar"
    assert "keine_daten" in codes(result.target("2"))
    assert any("»99«" in w for w in result.warnings)


# ---------------------------------------------------------------- interim, denominators, levels


def test_interim_judgement_as_of_june_compares_with_january_to_june_of_the_baseline_year():
    data = Data()
    data.constant("elb", "gesamt", "2024-12", "2026-12", 1000)
    data.year("integrationen", "gesamt", 2025, [100] * 6 + [200] * 6)
    data.year("integrationen", "gesamt", 2026, [106] * 6 + [100] * 6)
    june = evaluate(agreement(K2), data.store, as_of="2026-06")
    c = condition(june)
    assert june.preliminary is True and june.as_of == "2026-06"
    assert c.baseline == Decimal("60") and c.actual == Decimal("63.6")  # 100 × 600 / 1000, 100 × 636 / 1000
    assert c.status == "erreicht" and c.change_rounded == Decimal("6.0")
    assert [m.month for m in c.monthly] == [1, 2, 3, 4, 5, 6]
    assert c.monthly[0].baseline == Decimal("10") and c.monthly[0].actual == Decimal("10.6")
    assert "vorlaeufig" in codes(june.target("2"))
    year_end = evaluate(agreement(K2), data.store)
    assert year_end.preliminary is False and condition(year_end).status == "nicht_erreicht"


def test_the_default_as_of_is_the_latest_month_of_the_target_year_in_the_data():
    data = Data()
    data.constant("elb", "gesamt", "2024-12", "2026-04", 1000)
    data.year("integrationen", "gesamt", 2025, [100] * 12)
    data.year("integrationen", "gesamt", 2026, [110] * 4)
    result = evaluate(agreement(K2), data.store)
    assert result.as_of == "2026-04" and result.preliminary is True
    assert condition(result).change_rounded == Decimal("10.0")


def test_as_of_outside_the_target_year_is_a_usage_error():
    with pytest.raises(AsOfError, match="Zieljahr 2026"):
        evaluate(agreement(K2), Data().k2().store, as_of="2025-12")
    with pytest.raises(AsOfError):
        evaluate(agreement(K2), Data().k2().store, as_of="Juni")


def test_k2_denominator_uses_the_preceding_months_national_june_2024():
    # BA: 804.171 integrations over an average stock of 3.963.017 (Dec 2023 … May 2024) = 20,3 %.
    body = """    ziel 2 integration "Integration" {
        K2 beträgt mindestens 20,3 %
    }"""
    data = Data()
    data.year("integrationen", "gesamt", 2024, [134_000] * 5 + [134_171])
    data.add("elb", "gesamt", "2023-12", 3_963_017)
    for month in range(1, 6):
        data.add("elb", "gesamt", Month(2024, month), 3_963_017)
    data.add("elb", "gesamt", "2024-06", 1)  # not part of the June denominator
    result = evaluate(agreement(body, year=2024), data.store, as_of="2024-06")
    c = condition(result)
    assert c.kind == "niveau" and c.change_rounded == Decimal("20.3") and c.status == "erreicht"
    assert c.actual == Decimal(100 * 804_171) / Decimal(3_963_017)
    assert c.baseline is None  # a level needs no baseline year
    assert any("Dezember 2023 bis Mai 2024" in r.text for r in c.reasons if r.code == "berechnung")


def test_percentage_points_and_levels():
    body = """    ziel 2 integration "Integration" {
        K2 steigt um 1,2 prozentpunkte
        K2 beträgt höchstens 21 %
    }"""
    met = evaluate(agreement(body), Data().k2(baseline=200, actual=212).store)
    points, level = met.target("2").conditions
    assert (points.kind, points.unit, points.change, points.status) == ("prozentpunkte", "prozentpunkte",
                                                                         Decimal("1.2"), "erreicht")
    # a ceiling missed by 0,2: on the bad side, so negative
    assert (level.change_rounded, level.status, level.distance) == (Decimal("21.2"), "nicht_erreicht",
                                                                    Decimal("-0.2"))
    missed = evaluate(agreement(body), Data().k2(baseline=200, actual=211).store)
    assert missed.target("2").conditions[0].status == "nicht_erreicht"


def test_count_condition_with_parts_reports_how_many_were_missing():
    body = """    ziel 2 integration "Integration" {
        anzahl integrationen mindestens 612, davon frauen mindestens 258
    }"""
    data = Data()
    data.year("integrationen", "frauen", 2025, spread(240)).year("integrationen", "frauen", 2026, spread(250))
    data.year("integrationen", "gesamt", 2025, spread(600)).year("integrationen", "gesamt", 2026, spread(620))
    c = condition(evaluate(agreement(body), data.store))
    assert c.kind == "anzahl" and c.actual == 620 and c.shortfall == 0 and c.distance == 8
    (women,) = c.components
    assert (women.group, women.actual, women.status, women.shortfall, women.distance) == (
        "frauen", 250, "nicht_erreicht", 8, -8)
    assert c.status == "nicht_erreicht"
    assert any("es fehlten 8" in r.text for r in women.reasons)


def test_ceiling_and_tolerance():
    body = """    ziel 1 kosten "Kosten" {
        K1E1 steigt um höchstens 4,6 %
        K1 sinkt um nicht mehr als 1,5 %
    }"""
    data = Data()
    data.year("luh", "gesamt", 2025, [1000] * 12).year("luh", "gesamt", 2026, [1046] * 12)
    data.year("llu", "gesamt", 2025, [1000] * 12).year("llu", "gesamt", 2026, [1100] * 12)
    ceiling, tolerance = evaluate(agreement(body), data.store).target("1").conditions
    assert (ceiling.operator, ceiling.change_rounded, ceiling.status) == ("<=", Decimal("4.6"), "erreicht")
    assert (tolerance.operator, tolerance.threshold, tolerance.status) == (">=", Decimal("-1.5"), "erreicht")
    data2 = Data()
    data2.year("luh", "gesamt", 2025, [1000] * 12).year("luh", "gesamt", 2026, ["1046.5"] * 12)
    data2.year("llu", "gesamt", 2025, [1000] * 12).year("llu", "gesamt", 2026, ["984.5"] * 12)
    ceiling, tolerance = evaluate(agreement(body), data2.store).target("1").conditions
    assert ceiling.status == "nicht_erreicht" and ceiling.distance == Decimal("-0.1")
    assert tolerance.change_rounded == Decimal("-1.6") and tolerance.status == "nicht_erreicht"


def test_direction_only_needs_a_change_that_survives_rounding():
    body = """    ziel 1 llu "Leistungen" {
        K1 sinkt
        erreicht wenn eine bedingung
    }"""
    data = Data().year("llu", "gesamt", 2025, [10000] * 12).year("llu", "gesamt", 2026, [9996] * 12)
    c = condition(evaluate(agreement(body), data.store), "1")
    assert (c.kind, c.change, c.change_rounded, c.operator) == ("richtung", Decimal("-0.04"), Decimal("0.0"), "<")
    assert c.status == "nicht_erreicht"


# ---------------------------------------------------------------- vintages, published values


def _revised_baseline(data: Data) -> Data:
    """Baseline values first published at 100 a month, revised to 110 half a year later."""
    for month in range(1, 13):
        data.add("integrationen", "gesamt", Month(2025, month), 100, "2026-01-05")
        data.add("integrationen", "gesamt", Month(2025, month), 110, "2026-07-05")
        data.add("integrationen", "gesamt", Month(2026, month), 106, "2027-01-05")
    data.constant("elb", "gesamt", "2024-12", "2025-12", 1000, "2026-01-05")
    data.constant("elb", "gesamt", "2026-01", "2026-12", 1000, "2027-01-05")
    return data


def test_vintage_policy_gleicher_reads_the_baseline_a_year_earlier():
    result = evaluate(agreement(K2, policy="gleicher"), _revised_baseline(Data()).store)
    c = condition(result)
    assert str(result.data_vintage) == "2027-01-05" and str(result.data_vintage_baseline) == "2026-01-05"
    assert c.baseline == Decimal("120") and c.change_rounded == Decimal("6.0") and c.status == "erreicht"


def test_vintage_policy_gemeinsamer_reads_both_years_from_one_extraction():
    result = evaluate(agreement(K2, policy="gemeinsamer"), _revised_baseline(Data()).store)
    c = condition(result)
    assert str(result.data_vintage_baseline) == "2027-01-05"
    assert c.baseline == Decimal("132") and c.status == "nicht_erreicht"  # 1272 / 1320: −3,6 %


def test_a_baseline_without_an_old_enough_vintage_falls_back_to_its_earliest_with_a_warning():
    data = Data()
    for month in range(1, 13):
        data.add("integrationen", "gesamt", Month(2025, month), 100, "2026-07-05")
        data.add("integrationen", "gesamt", Month(2026, month), 106, "2027-01-05")
    data.constant("elb", "gesamt", "2024-12", "2025-12", 1000, "2025-01-05")
    data.constant("elb", "gesamt", "2026-01", "2026-12", 1000, "2027-01-05")
    result = evaluate(agreement(K2), data.store)
    c = condition(result)
    assert c.status == "erreicht" and "ladestand_ersatz" in codes(c)
    assert any("frühest" in w for w in result.warnings)


def test_data_without_vintages_names_none():
    result = evaluate(agreement(K2), Data().k2().store)
    assert result.data_vintage is None and result.data_vintage_baseline is None


def test_published_values_are_taken_as_given_and_a_disagreement_is_reported():
    data = Data().k2(baseline=200, actual=2116 // 10)  # computed: 20,0 % and 21,1 %
    data.add("K2_jfw", "gesamt", "2025-12", "20.0").add("K2_jfw", "gesamt", "2026-12", "21.3")
    result = evaluate(agreement(K2), data.store)
    c = condition(result)
    assert c.baseline == Decimal("20.0") and c.actual == Decimal("21.3")
    assert c.change_rounded == Decimal("6.5") and c.status == "erreicht"
    assert "veroeffentlicht" in codes(c) and "abweichung_veroeffentlicht" in codes(c)
    assert any("weicht" in w and "21,3" in w for w in result.warnings)


def test_published_values_alone_are_enough():
    data = Data().add("K2_jfw", "gesamt", "2025-12", "20.0").add("K2_jfw", "gesamt", "2026-12", "21.16")
    c = condition(evaluate(agreement(K2), data.store))
    assert c.change == Decimal("5.8") and c.status == "erreicht" and "abweichung_veroeffentlicht" not in codes(c)


# ---------------------------------------------------------------- plausibility, monitoring


def _gender_body():
    return """    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
        teilziel g "Geschlechterspezifisch" {
            frauen K2 steigt um 7,3 %
            männer K2 steigt um 4,4 %
        }
    }"""


def test_gender_targets_that_fit_the_overall_target_give_a_reason_but_no_warning():
    data = Data().k2("frauen", 1000, 1080).k2("maenner", 1000, 1040).k2("gesamt", 2000, 2120, 2000)
    result = evaluate(agreement(_gender_body()), data.store)
    reason = next(r for r in result.target("2").reasons if r.code == "plausibilitaet_geschlecht")
    assert "+5,9 %" in reason.text  # (1000 × 7,3 + 1000 × 4,4) / 2000 = 5,85
    assert not result.warnings


def test_gender_targets_that_do_not_fit_the_overall_target_warn_with_the_implied_change():
    data = Data().k2("frauen", 200, 216).k2("maenner", 1800, 1872).k2("gesamt", 2000, 2088, 2000)
    result = evaluate(agreement(_gender_body()), data.store)
    warning = next(w for w in result.warnings if "geschlechterspezifischen" in w)
    assert "+4,7 %" in warning and "+5,8 %" in warning  # (200 × 7,3 + 1800 × 4,4) / 2000 = 4,69


def test_monitoring_gap_and_supplementary_are_observed_not_judged():
    body = """    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
        ergänzungsgrößen K2E1
    }
    grundsatz 6 gleichstellung "Gleichstellung" {
        beobachtung frauen K2
        beobachtung abstand K2 zwischen frauen und männern
        beobachtung K1 prognose sinkt um 2 %
    }"""
    data = Data().k2("frauen", 150, 165).k2("maenner", 250, 260).k2("gesamt", 400, 425, 2000)
    data.year("llu", "gesamt", 2025, [1000] * 12).year("llu", "gesamt", 2026, [990] * 12)
    data.year("eintritte_minijob", "gesamt", 2025, [10] * 12).year("eintritte_minijob", "gesamt", 2026, [11] * 12)
    result = evaluate(agreement(body), data.store)
    principle = result.target("6")
    assert principle.kind == "grundsatz" and principle.status == "beobachtet"
    women, gap, forecast = principle.monitoring
    assert women.status == "beobachtet" and women.change_rounded == Decimal("10.0")
    # gap women − men: 2025: 15 − 25 = −10 points; 2026: 16,5 − 26 = −9,5 points; change +0,5 points
    assert (gap.kind, gap.unit, gap.baseline, gap.actual, gap.change) == (
        "abstand", "prozentpunkte", Decimal("-10"), Decimal("-9.5"), Decimal("0.5"))
    assert forecast.threshold == Decimal("-2") and forecast.change_rounded == Decimal("-1.0")
    # K1 should fall (gut sinkt): −1,0 % against a forecast of −2 % is 1,0 point on the bad side
    assert forecast.distance == Decimal("-1.0") and forecast.forecast == "sinkt um 2 %"
    (supplementary,) = result.target("2").supplementary
    assert supplementary.kind == "ergaenzung" and supplementary.change_rounded == Decimal("10.0")


def test_small_base_is_flagged():
    body = """    ziel 2 integration "Integration" {
        frauen K2 steigt um 5,8 %
    }"""
    c = condition(evaluate(agreement(body), Data().k2("frauen", 50, 60, 300).store))
    assert c.small_base is True and "kleine_basis" in codes(c)


# ---------------------------------------------------------------- milestones


MILESTONES = """    ziel 4 dms "DMS" {
        schritt analyse "Analyse"
        schritt scan "Scan-Prozess"
        bedingung eingefuehrt "eingeführt"
        erreicht wenn alle schritte und alle bedingungen
    }"""


def _evidence(tmp_path, text):
    return load_evidence(write(tmp_path / "nachweise.yaml", text))


def test_milestones_all_done_are_met_and_missing_entries_count_as_not_done(tmp_path):
    done = _evidence(tmp_path, "ziele:\n  dms:\n    analyse: {status: erledigt}\n    scan: {status: erledigt}\n"
                               "    eingefuehrt: {status: erledigt, datum: 2026-10-01}\n")
    result = evaluate(agreement(MILESTONES), Data().k2().store, done)
    assert result.target("4").status == "erreicht" and result.target("4").kind == "meilenstein"
    partial = _evidence(tmp_path, "ziele:\n  dms:\n    analyse: {status: erledigt}\n"
                                  "    eingefuehrt: {status: in_arbeit}\n")
    year_end = evaluate(agreement(MILESTONES), Data().k2().store, partial)
    steps = {s.id: s.status for s in year_end.target("4").steps}
    assert steps == {"analyse": "erledigt", "scan": "ohne_nachweis", "eingefuehrt": "in_arbeit"}
    assert year_end.target("4").status == "nicht_erreicht"
    interim = evaluate(agreement(MILESTONES), Data().k2().store, partial, as_of="2026-06")
    assert interim.target("4").status == "offen"


def test_evidence_compiled_before_the_year_end_keeps_milestones_open(tmp_path):
    early = _evidence(tmp_path, "stand: 2026-11-30\nziele:\n  dms:\n    analyse: {status: erledigt}\n")
    result = evaluate(agreement(MILESTONES), Data().k2().store, early)
    assert result.target("4").status == "offen"


def test_evidence_for_unknown_targets_or_steps_is_a_warning_with_its_position(tmp_path):
    evidence = _evidence(tmp_path, "ziele:\n  dms:\n    analyze: {status: erledigt}\n  dsm:\n"
                                   "    analyse: {status: erledigt}\n")
    warnings = evaluate(agreement(MILESTONES), Data().k2().store, evidence).warnings
    assert any("nachweise.yaml:3:5: warnung ZD402:" in w and "»analyze«" in w and "Meinten Sie »analyse«" in w
               for w in warnings)
    assert any("nachweise.yaml:4:3: warnung ZD402:" in w and "unbekanntes Ziel »dsm«" in w and "^" in w
               for w in warnings)


# ---------------------------------------------------------------- the bundled example


def test_bundled_leer_example_year_end(leer_path):
    from zieldsl.api import evaluate_files

    (result,) = evaluate_files([leer_path])
    statuses = {t.number: t.status for t in result.targets}
    assert statuses == {"1": "beobachtet", "2": "erreicht", "2.1": "nicht_erreicht", "3": "erreicht",
                        "4": "erreicht", "5": "nicht_erreicht", "6": "beobachtet"}
    assert result.agency_key == "03457" and result.as_of == "2026-12" and not result.preliminary
    assert [i.role for i in result.inputs] == ["vereinbarung", "daten", "nachweise"]
    legal = {c.title: c.in_period for c in result.framework.legal_changes}
    assert legal["Neue Grundsicherung (Änderung des SGB II)"] is True
    assert legal["Bürgergeld-Gesetz (geschlechterspezifische Ziele verpflichtend)"] is False
    assert result.framework.assumptions[-1].wording == "von 6,6 % auf 6,7 %"


# ---------------------------------------------------------------- monotonicity (hypothesis)


MONOTONE = dict(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
months = st.lists(st.integers(min_value=0, max_value=400), min_size=12, max_size=12)
K2_AGREEMENT = agreement(K2)
K3_AGREEMENT = agreement("""    ziel 3 lzb "LZB" {
        K3 sinkt um 2,3 %
    }""")


@settings(**MONOTONE)
@given(baseline=months, actual=months, extra=st.integers(min_value=1, max_value=200),
       month=st.integers(min_value=1, max_value=12), stock=st.integers(min_value=100, max_value=5000))
def test_more_integrations_never_turn_met_into_missed(baseline, actual, extra, month, stock):
    def status(values):
        data = Data()
        data.constant("elb", "gesamt", "2024-12", "2026-12", stock)
        data.year("integrationen", "gesamt", 2025, baseline).year("integrationen", "gesamt", 2026, values)
        return condition(evaluate(K2_AGREEMENT, data.store)).status

    before = status(actual)
    more = list(actual)
    more[month - 1] += extra
    after = status(more)
    assert not (before == "erreicht" and after == "nicht_erreicht")
    if before == "erreicht":
        assert after == "erreicht"


@settings(**MONOTONE)
@given(baseline=st.lists(st.integers(min_value=1, max_value=5000), min_size=12, max_size=12),
       actual=st.lists(st.integers(min_value=1, max_value=5000), min_size=12, max_size=12),
       cut=st.integers(min_value=1, max_value=500), month=st.integers(min_value=1, max_value=12))
def test_a_lower_lzb_stock_never_turns_a_fall_target_from_met_to_missed(baseline, actual, cut, month):
    def status(values):
        data = Data().year("lzb", "gesamt", 2025, baseline).year("lzb", "gesamt", 2026, values)
        return condition(evaluate(K3_AGREEMENT, data.store), "3").status

    before = status(actual)
    lower = list(actual)
    lower[month - 1] = max(0, lower[month - 1] - cut)
    assert not (before == "erreicht" and status(lower) == "nicht_erreicht")


def test_results_for_the_agency_key_of_the_agreement_only():
    data = Data().k2()
    data.year("integrationen", "gesamt", 2026, [1] * 12, agency="02")
    result = evaluate(agreement(K2), data.store)
    assert result.agency_key == AGENCY and condition(result).status == "erreicht"


def test_a_step_done_after_the_as_of_month_does_not_count_for_an_interim_judgement(tmp_path):
    evidence = _evidence(tmp_path, "ziele:\n  dms:\n    analyse: {status: erledigt, datum: 2026-03-31}\n"
                                   "    scan: {status: erledigt, datum: 2026-05-31}\n"
                                   "    eingefuehrt: {status: erledigt, datum: 2026-09-30}\n")
    interim = evaluate(agreement(MILESTONES), Data().k2().store, evidence, as_of="2026-06")
    assert interim.target("4").status == "offen"
    assert any("nach dem Bewertungsmonat Juni 2026" in r.text for r in interim.target("4").reasons)
    assert evaluate(agreement(MILESTONES), Data().k2().store, evidence).target("4").status == "erreicht"
