"""Budget lines and assumptions compared with actuals from the data (§ 3 (4)/(5) of the agreements)."""

from __future__ import annotations

import re
from decimal import Decimal

from _evaluation_helpers import Data, agreement, write
from click.testing import CliRunner

from zieldsl.documents import output as writers
from zieldsl.cli.main import main
from zieldsl.api import evaluate, evaluate_files

FRAMEWORK = """    annahme alq "Arbeitslosenquote im Agenturbezirk" von 6,6 % auf 6,7 % quelle "IAB"
    annahme svb "Beschäftigte" steigt um 0,1 %
    annahme alq_land "Arbeitslosenquote im Land" steigt um 0,2 prozentpunkte
    mittel verwaltungskosten "Verwaltungskosten" 9.327.771 eur
    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
    }"""


def with_actuals(data: Data) -> Data:
    """K2 data plus monthly actuals: spending 792.667 EUR a month (9.512.004 EUR a year), the rate in the
    district at 6,8/7,0 % (mean 6,9 %), employment 1000 → 997 (−0,3 %), the Land's rate 4,8 → 5,1 %."""
    data.k2()
    data.year("verwaltungskosten", "gesamt", 2026, [792_667] * 12)
    data.year("alq", "gesamt", 2026, ["6.8", "7.0"] * 6)
    data.year("svb", "gesamt", 2025, [1000] * 12).year("svb", "gesamt", 2026, [997] * 12)
    data.year("alq_land", "gesamt", 2025, ["4.8"] * 12).year("alq_land", "gesamt", 2026, ["5.1"] * 12)
    return data


def framework(result):
    f = result.framework
    return {b.id: b for b in f.budgets}, {a.id: a for a in f.assumptions}


def test_budget_actual_is_the_sum_of_the_months_and_compared_with_the_amount():
    budgets, _ = framework(evaluate(agreement(FRAMEWORK), with_actuals(Data()).store))
    line = budgets["verwaltungskosten"]
    assert (line.actual, line.actual_through) == (Decimal("9512004"), "2026-12")
    assert line.comparison == "verausgabt 9.512.004 EUR, das sind 184.233 EUR (+2,0 %) mehr als angesetzt."


def test_one_december_row_with_the_annual_total_gives_the_same_budget_actual():
    data = Data().k2().add("verwaltungskosten", "gesamt", "2026-12", 9_000_000)
    budgets, _ = framework(evaluate(agreement(FRAMEWORK), data.store))
    assert budgets["verwaltungskosten"].actual == Decimal("9000000")
    assert budgets["verwaltungskosten"].comparison == ("verausgabt 9.000.000 EUR, das sind 327.771 EUR (-3,5 %) "
                                                       "weniger als angesetzt.")


def test_interim_budget_is_spending_so_far_against_the_share_of_the_year():
    budgets, _ = framework(evaluate(agreement(FRAMEWORK), with_actuals(Data()).store, as_of="2026-06"))
    line = budgets["verwaltungskosten"]
    assert (line.actual, line.actual_through) == (Decimal(792_667 * 6), "2026-06")
    assert line.comparison == ("bis Juni 2026 verausgabt 4.756.002 EUR, das sind 51,0 % des Jahresansatzes von "
                               "9.327.771 EUR (zeitanteilig 50,0 %).")
    # a single December row is not there yet in June
    data = Data().k2().add("verwaltungskosten", "gesamt", "2026-12", 9_000_000)
    budgets, _ = framework(evaluate(agreement(FRAMEWORK), data.store, as_of="2026-06"))
    assert budgets["verwaltungskosten"].actual is None and budgets["verwaltungskosten"].comparison is None


def test_assumption_range_compares_the_mean_with_the_stated_value():
    _, assumptions = framework(evaluate(agreement(FRAMEWORK), with_actuals(Data()).store))
    alq = assumptions["alq"]
    assert alq.actual == Decimal("6.9") and alq.unit == "%"
    assert alq.comparison == ("Erwartet war ein Anstieg von 6,6 % auf 6,7 %; eingetreten sind 6,9 % "
                              "(+0,2 Prozentpunkte über der Annahme).")


def test_assumption_change_compares_the_change_of_the_means():
    _, assumptions = framework(evaluate(agreement(FRAMEWORK), with_actuals(Data()).store))
    assert assumptions["svb"].actual == Decimal("-0.3")
    assert assumptions["svb"].comparison == ("Erwartet war ein Anstieg um 0,1 %; eingetreten ist ein Rückgang um "
                                             "0,3 % (-0,4 Prozentpunkte unter der Annahme).")
    land = assumptions["alq_land"]
    assert land.unit == "prozentpunkte" and land.actual == Decimal("0.3")
    assert land.comparison == ("Erwartet war ein Anstieg um 0,2 Prozentpunkte; eingetreten ist ein Anstieg um "
                               "0,3 Prozentpunkte (+0,1 Prozentpunkte über der Annahme).")


def test_interim_assumptions_name_the_months_they_rest_on():
    _, assumptions = framework(evaluate(agreement(FRAMEWORK), with_actuals(Data()).store, as_of="2026-03"))
    assert assumptions["alq"].comparison == (
        "Erwartet war ein Anstieg von 6,6 % auf 6,7 %; eingetreten sind bisher 6,9 % (Durchschnitt Januar bis "
        "März 2026; +0,2 Prozentpunkte über der Annahme).")
    assert assumptions["svb"].comparison.endswith("(Januar bis März 2026 gegenüber denselben Monaten 2025; "
                                                  "-0,4 Prozentpunkte unter der Annahme).")


def test_a_final_comparison_on_december_rows_only_names_the_month_without_bisher():
    data = Data().k2().add("alq", "gesamt", "2026-12", "6.9")
    data.add("svb", "gesamt", "2025-12", 1000).add("svb", "gesamt", "2026-12", 997)
    _, assumptions = framework(evaluate(agreement(FRAMEWORK), data.store))
    assert assumptions["alq"].comparison == ("Erwartet war ein Anstieg von 6,6 % auf 6,7 %; eingetreten sind 6,9 % "
                                             "(Durchschnitt Dezember 2026; +0,2 Prozentpunkte über der Annahme).")
    assert assumptions["svb"].comparison.endswith("eingetreten ist ein Rückgang um 0,3 % (Dezember 2026 gegenüber "
                                                  "Dezember 2025; -0,4 Prozentpunkte unter der Annahme).")


def test_a_change_without_baseline_values_or_on_a_zero_base_is_explained_not_computed():
    data = Data().k2().year("svb", "gesamt", 2026, [997] * 12)
    data.year("alq_land", "gesamt", 2025, [0] * 12).year("alq_land", "gesamt", 2026, ["5.1"] * 12)
    body = FRAMEWORK.replace("0,2 prozentpunkte", "0,2 %")
    _, assumptions = framework(evaluate(agreement(body), data.store))
    assert assumptions["svb"].actual is None
    assert assumptions["svb"].comparison == ("Erwartet war ein Anstieg um 0,1 %; für das Vergleichsjahr 2025 "
                                             "enthalten die Daten keine Werte, die Veränderung ist nicht bestimmbar.")
    assert assumptions["alq_land"].actual is None and "ist null" in assumptions["alq_land"].comparison
    assert assumptions["alq"].actual is None and assumptions["alq"].comparison is None  # no rows at all


def test_an_id_that_is_also_a_catalogue_name_gets_no_actual_but_a_warning():
    body = FRAMEWORK + '\n    mittel llu "Leistungen zum Lebensunterhalt" 1.000 eur'
    result = evaluate(agreement(body), with_actuals(Data()).year("llu", "gesamt", 2026, [5] * 12).store)
    budgets, _ = framework(result)
    assert budgets["llu"].actual is None
    assert any("»llu«" in w and "auch eine Reihe oder Kennzahl des Katalogs" in w for w in result.warnings)


# ---------------------------------------------------------------- the data contract in files


def files(tmp_path, rows: str, agency: str = "01"):
    ziel = write(tmp_path / "test.ziel", agreement(FRAMEWORK, agency=agency).source_text)
    data = write(tmp_path / "daten.csv", "traeger;reihe;gruppe;monat;wert\n" + rows)
    return ziel, data


def test_budget_and_assumption_rows_load_from_csv_for_their_agreement(tmp_path):
    ziel, data = files(tmp_path, "01;verwaltungskosten;gesamt;2026-12;9.512.004\n01;alq;gesamt;2026-12;6,9\n"
                                 "01;svb;gesamt;2025-12;-1\n")  # assumption values may be negative
    (result,) = evaluate_files([ziel], [data])
    budgets, assumptions = framework(result)
    assert budgets["verwaltungskosten"].actual == Decimal("9512004") and assumptions["alq"].actual == Decimal("6.9")


def test_rows_with_another_agreements_names_are_refused_with_position(tmp_path):
    ziel, data = files(tmp_path, "01;verwaltungskosten;gesamt;2026-12;1\n02;svb;gesamt;2026-01;1\n"
                                 "02;svb;gesamt;2026-02;1\n")
    result = CliRunner().invoke(main, ["evaluate", str(ziel), "--data", str(data)])
    assert result.exit_code == 1
    out = result.output
    assert f"{data}:3:4: fehler ZD303: Unbekannte Reihe »svb« für den Träger »02«" in out
    assert "»svb« ist eine Annahme (annahme) der Vereinbarung »t« (Träger »01«)" in out and "Betrifft 2 Zeilen" in out
    assert re.search(r" 3 \| 02;svb;gesamt;2026-01;1\n\s+\|    \^\^\^\n", out)


def test_names_no_agreement_declares_are_unknown_as_before(tmp_path):
    ziel, data = files(tmp_path, "01;verwaltungskostn;gesamt;2026-11;1\n")
    out = CliRunner().invoke(main, ["evaluate", str(ziel), "--data", str(data)]).output
    assert f"{data}:2:4: fehler ZD303: Unbekannte Reihe »verwaltungskostn«" in out
    assert "Meinten Sie »verwaltungskosten«" in out


def test_discovered_data_accept_only_the_names_of_their_own_agreement(tmp_path, leer_path, musterkreis_path):
    folder = tmp_path / "v"
    folder.mkdir()
    for source in (leer_path, musterkreis_path):
        write(folder / source.name, source.read_text(encoding="utf-8"))
    write(folder / "musterkreis-2026.daten.csv", "traeger;reihe;gruppe;monat;wert\n99999;svb_nds;gesamt;2026-01;1\n"
                                                 "99999;mieten;gesamt;2026-01;512\n")
    result = CliRunner().invoke(main, ["evaluate", str(folder / "leer-2026.ziel"), str(folder / "musterkreis-2026.ziel")])
    assert result.exit_code == 1
    assert "musterkreis-2026.daten.csv:2:7: fehler ZD303: Unbekannte Reihe »svb_nds«" in result.output
    assert "1 Fehler gefunden." in result.output  # »mieten« in line 3 is the Musterkreis agreement's own assumption


# ---------------------------------------------------------------- the documents


def test_documents_show_the_comparisons_in_all_three_formats():
    from golden_files import docx_text

    result = evaluate(agreement(FRAMEWORK), with_actuals(Data()).store)
    budget = "Verwaltungskosten: verausgabt 9.512.004 EUR, das sind 184.233 EUR (+2,0 %) mehr als angesetzt."
    assumption = ("Arbeitslosenquote im Agenturbezirk: Erwartet war ein Anstieg von 6,6 % auf 6,7 %; eingetreten "
                  "sind 6,9 % (+0,2 Prozentpunkte über der Annahme).")
    from golden_files import plain

    md = plain(writers.render_document(result, "feststellung", "md").decode("utf-8"))
    assert f"- {budget}" in md and f"- {assumption}" in md
    assert "| Verwaltungskosten | 9.327.771 EUR | 9.512.004 EUR | +2,0 % |" in md
    assert "| Arbeitslosenquote im Land | – | steigt um 0,2 Prozentpunkte | +0,3 Prozentpunkte |" in md
    html = plain(writers.render_document(result, "feststellung", "html").decode("utf-8"))
    assert f"<li>{budget}</li>" in html and f"<li>{assumption}</li>" in html
    word = plain(docx_text(writers.render_document(result, "feststellung", "docx")))
    assert f"[List Bullet] {budget}" in word and f"[List Bullet] {assumption}" in word
    interim = plain(writers.render_document(evaluate(agreement(FRAMEWORK), with_actuals(Data()).store,
                                                     as_of="2026-06"), "zwischenbericht", "md").decode("utf-8"))
    assert "| Verwaltungskosten | 9.327.771 EUR | 4.756.002 EUR (bis Juni 2026) | – |" in interim
