"""Constructs for agreements as written in the field (issue 13): emphases, wanted directions, groups, …

Through the public API and the documents, as a user gets them.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from _evaluation_helpers import Data, agreement, spread

from zieldsl.api import check_text, evaluate, render_document
from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError
from zieldsl.language.formatter import format_text


def _evaluate(body: str, data: Data | None = None):
    return evaluate(agreement(body), (data or Data().k2()).store)


# ---------------------------------------------------------------- emphasis (schwerpunkt)

EMPHASIS = """    ziel 2 integration "Integration" {
        K2 steigt um 5,8 %
        schwerpunkt "Besondere Aufmerksamkeit gilt der Erwerbsbeteiligung von Frauen."
    }
    ziel 3 analyse "Analyse des Rückgangs" {
        schwerpunkt "Die Gründe des Rückgangs werden analysiert."
    }"""


def test_an_emphasis_is_part_of_the_target_and_not_monitoring():
    result = _evaluate(EMPHASIS)
    judged, analysis = result.target("2"), result.target("3")
    assert judged.emphases == ("Besondere Aufmerksamkeit gilt der Erwerbsbeteiligung von Frauen.",)
    assert judged.status == "erreicht" and not judged.monitoring
    assert analysis.kind == "schwerpunkt" and not analysis.monitoring and not analysis.conditions
    text = render_document(result, "feststellung", "md").decode("utf-8").replace("\u00a0", " ").replace("\u2212", "-")
    assert "Als Schwerpunkt ist vereinbart: Besondere Aufmerksamkeit gilt der Erwerbsbeteiligung von Frauen." in text
    assert "Das Ziel 3 enthält vereinbarte Schwerpunkte ohne Zielwert und wird nicht bewertet." in text
    assert "Ziel 3 wird im Rahmen eines Monitorings" not in text


def test_a_target_with_text_only_is_not_called_monitored():
    result = _evaluate("""    ziel 4 nur_text "Nur Text" {
        text "Die Partner tauschen sich aus."
    }""")
    target = result.target("4")
    assert target.kind == "schwerpunkt"
    text = render_document(result, "feststellung", "md").decode("utf-8").replace("\u00a0", " ").replace("\u2212", "-")
    assert "Das Ziel 4 enthält vereinbarte Texte ohne Zielwert und wird nicht bewertet." in text
    assert "Monitoring" not in text.split("Ziel 4")[-1].split("\n#")[0]


def test_the_agreement_document_states_the_emphasis_as_written():
    result = _evaluate(EMPHASIS)
    text = render_document(result, "vereinbarung", "md").decode("utf-8").replace("\u00a0", " ").replace("\u2212", "-")
    assert "Besondere Aufmerksamkeit gilt der Erwerbsbeteiligung von Frauen." in text


# ---------------------------------------------------------------- wanted direction (soll steigen/sinken)


def test_monitoring_with_a_wanted_direction_reports_it_without_a_verdict():
    result = _evaluate("""    ziel 1 beobachtet "Beobachtung" {
        beobachtung K2 soll steigen
        beobachtung K2 soll sinken
    }""")
    rising, falling = result.target("1").monitoring
    assert rising.change_rounded == Decimal("5.8")
    assert (rising.status, rising.wanted_direction, rising.in_wanted_direction) == ("beobachtet", "steigt", True)
    assert (falling.status, falling.wanted_direction, falling.in_wanted_direction) == ("beobachtet", "sinkt", False)
    assert result.target("1").status == "beobachtet"
    assert any(r.code == "gewuenschte_richtung" and "keine Bewertung" in r.text for r in falling.reasons)
    text = render_document(result, "feststellung", "md").decode("utf-8").replace("\u00a0", " ").replace("\u2212", "-")
    assert "gewünscht ist ein Anstieg, die Entwicklung geht in die gewünschte Richtung" in text
    assert "gewünscht ist ein Rückgang, die Entwicklung geht nicht in die gewünschte Richtung" in text


def test_a_wanted_direction_with_a_forecast_compares_with_the_forecast():
    result = _evaluate("""    ziel 1 beobachtet "Beobachtung" {
        beobachtung K2 prognose steigt um 6,0 % soll steigen
    }""")
    (item,) = result.target("1").monitoring
    assert item.threshold == Decimal("6.0") and item.in_wanted_direction is False


def test_the_gap_between_women_and_men_should_shrink():
    data = Data().k2("frauen", baseline=200, actual=240).k2("maenner", baseline=300, actual=310)
    result = _evaluate("""    grundsatz 6 gleichstellung "Gleichstellung" {
        beobachtung abstand K2 zwischen frauen und männern soll sinken
    }""", data)
    (gap,) = result.target("6").monitoring
    # 2025: 20 % − 30 % = −10 Pp.; 2026: 24 % − 31 % = −7 Pp.: the gap shrank
    assert (gap.baseline, gap.actual) == (Decimal("-10"), Decimal("-7"))
    assert gap.in_wanted_direction is True and gap.status == "beobachtet"


@pytest.mark.parametrize("line", [
    "beobachtung K2 soll steigen",
    "beobachtung frauen K1E2 prognose sinkt um 1,0 % soll sinken",
    "beobachtung abstand K2 zwischen frauen und männern soll sinken",
    'schwerpunkt "Die Gründe des Rückgangs werden analysiert."',
])
def test_new_statements_keep_their_form_in_the_formatter(line):
    text = f'vereinbarung a "A" {{\n    träger "T"\n    zieljahr 2026\n\n    ziel 1 a "A" {{\n        {line}\n    }}\n}}\n'
    assert format_text(text) == text
    check_text(text)


def test_a_wanted_direction_needs_its_verb():
    with pytest.raises(ZielError) as info:
        check_text('vereinbarung a "A" { träger "T" zieljahr 2026 ziel 1 a "A" { beobachtung K2 soll } }')
    assert info.value.codes


# ---------------------------------------------------------------- groups beyond gesamt/frauen/männer


def test_a_catalogue_group_is_judged_on_its_own_rows():
    data = Data().k2().k2("alleinerziehende", baseline=100, actual=110, stock=500)
    result = _evaluate("""    ziel 1 alleinerziehende "Alleinerziehende" {
        alleinerziehende K2 steigt um 5,0 %
        beobachtung alleinerziehende K2 soll steigen
    }""", data)
    (judged,), (watched,) = result.target("1").conditions, result.target("1").monitoring
    assert (judged.group, judged.group_label, judged.change_rounded, judged.status) == \
        ("alleinerziehende", "Alleinerziehende", Decimal("10.0"), "erreicht")
    assert watched.group == "alleinerziehende" and watched.in_wanted_direction is True
    text = render_document(result, "feststellung", "md").decode("utf-8").replace("\u00a0", " ").replace("\u2212", "-")
    assert "Die Integrationsquote der Alleinerziehenden stieg von 20,0 % auf 22,0 %" in text


def test_a_group_without_rows_is_not_assessable_with_the_group_named():
    result = _evaluate("""    ziel 1 u25 "Junge Menschen" {
        unter25 K2 steigt um 1,0 %
    }""")
    (judged,) = result.target("1").conditions
    assert judged.status == "nicht_bewertbar"
    assert any("unter 25-Jährige" in r.text for r in judged.reasons)


def test_csv_rows_name_a_group_by_its_code(tmp_path):
    from zieldsl.api import evaluate_files

    agreement_file = tmp_path / "kreis.ziel"
    agreement_file.write_text("""vereinbarung kreis "Kreis" {
    träger "Kreis" kennung "01"
    zieljahr 2026
    gruppe ukraine "Geflüchtete aus der Ukraine" kennung "UA" genitiv "der Geflüchteten aus der Ukraine"
    ziel 1 a "A" {
        beobachtung ukraine K1E2 soll sinken
        beobachtung unter25 K1E2
    }
}
""", encoding="utf-8")
    lines = ["traeger;reihe;gruppe;monat;wert"]
    for year, value in ((2025, 100), (2026, 90)):
        for month in range(1, 13):
            lines += [f"01;elb;UA;{year}-{month:02d};{value}", f"01;elb;u25;{year}-{month:02d};{value * 2}"]
    data_file = tmp_path / "daten.csv"
    data_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (result,) = evaluate_files([agreement_file], [data_file])
    ukraine, young = result.target("1").monitoring
    assert (ukraine.group, ukraine.change_rounded, ukraine.in_wanted_direction) == ("ukraine", Decimal("-10.0"), True)
    assert (young.group, young.group_label, young.actual) == ("unter25", "unter 25-Jährige", Decimal("180"))


def test_an_unknown_csv_group_lists_the_codes_of_the_catalogue(tmp_path):
    from zieldsl.api import evaluate_files

    agreement_file = tmp_path / "kreis.ziel"
    agreement_file.write_text('vereinbarung kreis "Kreis" { träger "Kreis" kennung "01" zieljahr 2026 '
                              'ziel 1 a "A" { beobachtung K1E2 } }', encoding="utf-8")
    data_file = tmp_path / "daten.csv"
    data_file.write_text("traeger;reihe;gruppe;monat;wert\n01;elb;alleinerzihende;2026-01;5\n", encoding="utf-8")
    with pytest.raises(ZielError) as info:
        evaluate_files([agreement_file], [data_file])
    (problem,) = info.value.diagnostics
    assert problem.code == "ZD304" and problem.hint == "Meinten Sie »alleinerziehende«?"


@pytest.mark.parametrize("line, code, message, hint", [
    ("alleinerzeihende K2E4 steigt um 3 %", "ZD230", "Unbekannte Gruppe »alleinerzeihende«",
     "Meinten Sie »alleinerziehende«?"),
    ("beobachtung gefluechtet K1E2", "ZD230", "Unbekannte Gruppe »gefluechtet«", "Meinten Sie »gefluechtete«?"),
    ("anzahl integrationen mindestens 5, davon senioren mindestens 2", "ZD230", "Unbekannte Gruppe »senioren«",
     None),
])
def test_an_unknown_group_gets_its_own_message(line, code, message, hint):
    with pytest.raises(ZielError) as info:
        check_text(f'vereinbarung a "A" {{\n träger "T"\n zieljahr 2026\n ziel 1 a "A" {{\n  {line}\n }}\n}}\n')
    (problem,) = info.value.diagnostics
    assert (problem.code, problem.message, problem.span.line) == (code, message, 5)
    if hint:
        assert problem.hint == hint
    else:
        assert "gruppe senioren" in problem.hint


def test_a_group_defined_twice_is_reported():
    with pytest.raises(ZielError) as info:
        check_text('vereinbarung a "A" { träger "T" zieljahr 2026 gruppe alleinerziehende "AE" '
                   'gruppe neu "Neu" kennung "u25" }')
    assert [d.code for d in info.value.diagnostics] == ["ZD232", "ZD232"]


def test_group_statements_keep_their_form_in_the_formatter():
    text = ('vereinbarung a "A" {\n    träger "T"\n    zieljahr 2026\n\n'
            '    gruppe ukraine "Geflüchtete aus der Ukraine" kennung "UA" genitiv "der Geflüchteten"\n\n'
            '    ziel 1 a "A" {\n        ukraine K2 steigt um 3 %\n        beobachtung ukraine K1E2\n'
            '        beobachtung abstand K2 zwischen ukraine und gesamt\n'
            '        anzahl integrationen mindestens 5, davon ukraine mindestens 2\n    }\n}\n')
    assert format_text(text) == text
    check_text(text)


# ---------------------------------------------------------------- the way officials write (point 9)


def _target(lines: str) -> str:
    return (f'vereinbarung a "A" {{\n    träger "T"\n    zieljahr 2026\n\n    ziel 1 a "A" {{\n{lines}\n    }}\n}}\n')


def _problems(text: str) -> list[tuple[str, int, int, str, str | None]]:
    with pytest.raises(ZielError) as info:
        check_text(text)
    return [(d.code, d.span.line, d.span.column, d.message, d.hint) for d in info.value.diagnostics]


def test_published_word_order_with_the_qualifier_first_is_accepted():
    first = check_text(_target("        K3 sinkt mindestens um 0,5 %"))[0].targets[0].target.items[0]
    second = check_text(_target("        K3 sinkt um mindestens 0,5 %"))[0].targets[0].target.items[0]
    assert first == second and first.qualifier == "mindestens"
    assert "K3 sinkt um mindestens 0,5 %" in format_text(_target("        K3 sinkt mindestens um 0,5 %"))


def test_typographic_quotes_from_word_are_texts():
    (checked,) = check_text(_target("        text „Die Partner tauschen sich aus.“\n"
                                    "        schwerpunkt “Besondere Aufmerksamkeit”"))
    text, emphasis = checked.targets[0].target.items
    assert (text.text, emphasis.text) == ("Die Partner tauschen sich aus.", "Besondere Aufmerksamkeit")


@pytest.mark.parametrize("line, expected", [
    ("        K2E3 gleich bleibt",
     ("ZD130", 6, 14, "»gleich bleibt«: das Verb steht in der Vereinbarung vorn", "Schreiben Sie »K2E3 bleibt gleich«.")),
    ("        K1 um 2 % erhöht",
     ("ZD131", 6, 9, "»K1 um 2 % erhöht«: die Richtung steht in der Vereinbarung vor der Zahl",
      "Schreiben Sie »K1 steigt um 2 %«.")),
    ("        frauen K2 um 1,5 % verringert",
     ("ZD131", 6, 9, "»frauen K2 um 1,5 % verringert«: die Richtung steht in der Vereinbarung vor der Zahl",
      "Schreiben Sie »frauen K2 sinkt um 1,5 %«.")),
    ('        schritt s "S" frist 30.06.27',
     ("ZD132", 6, 29, "»30.06.27«: die Jahreszahl hat nur zwei Stellen",
      "Datumsangaben schreiben Sie mit vierstelligem Jahr (TT.MM.JJJJ): »30.06.2027«.")),
    ("        K2 steigt\n        K3 sinkt\n        erreicht wenn beide bedingungen",
     ("ZD133", 8, 23, "»beide bedingungen«: gemeint ist »alle bedingungen«",
      "Schreiben Sie »erreicht wenn alle bedingungen«; »alle« gilt für zwei wie für mehr.")),
    ("        K2 steigt\n        ergänzungsgrößen K2E1 K2E2",
     ("ZD134", 7, 26, "Zwischen den Kennzahlen fehlt ein Komma",
      "Mehrere Kennzahlen trennen Sie mit Kommas: »ergänzungsgrößen K2E1, K2E2«.")),
    ("        anzahl integrationen mindestens 34 500",
     ("ZD136", 6, 41, "»34 500«: Leerzeichen als Tausendertrennzeichen",
      "Tausender trennen Sie mit einem Punkt: »34.500«.")),
    ("        K2 steigt um 5,8 Prozent",
     ("ZD108", 6, 26, "»Prozent« ist keine Einheit der Sprache", "Schreiben Sie »%«, z. B. »steigt um 5,8 %«.")),
])
def test_official_wordings_get_a_message_with_the_accepted_form(line, expected):
    assert _problems(_target(line)) == [expected]


def test_a_missing_brace_is_reported_once_at_its_block_without_consequential_errors():
    text = ('vereinbarung a "A" {\n    träger "T"\n    zieljahr 2026\n\n'
            '    ziel 1 a "A" {\n        teilziel t "T" {\n            frauen K2 steigt\n        K2 steigt\n    }\n\n'
            '    ziel 2 b "B" {\n        K3 sinkt um 1 %\n    }\n\n    ziel 3 c "C" {\n        K1 sinkt\n    }\n}\n')
    assert _problems(text) == [("ZD135", 6, 9, "Der Block aus Zeile 6 ist nicht geschlossen: es fehlt »}«",
                                "Die schließende Klammer gehört vor Zeile 8 (»K2 steigt«).")]


def test_a_missing_brace_and_a_later_real_error_are_both_reported():
    text = ('vereinbarung a "A" {\n    träger "T"\n    zieljahr 2026\n\n'
            '    ziel 1 a "A" {\n        K2 steigt\n\n    ziel 2 b "B" {\n        K3 sinkt um 1\n    }\n}\n')
    assert [p[0] for p in _problems(text)] == ["ZD135", "ZD108"]


# ---------------------------------------------------------------- several agreements in one file (point 8)

TWO = """vereinbarung nord_2026 "Nord" {
    träger "Kreis Nord" kennung "01"
    zieljahr 2026

    ziel 1 integration "Integration" {
        K2 steigt um 1 %
    }
}

vereinbarung sued_2026 "Süd" {
    träger "Kreis Süd" kennung "02"
    zieljahr 2026

    ziel 1 integration "Integration" {
        K2 steigt um 2 %
    }

    ziel 2 nur_sued "Nur Süd" {
        K3 sinkt
    }
}
"""


@pytest.fixture
def two_agreements(tmp_path):
    path = tmp_path / "zwei.ziel"
    path.write_text(TWO, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["draft", "explain"])
def test_draft_and_explain_ask_which_agreement(two_agreements, command):
    from click.testing import CliRunner

    from zieldsl.cli.main import main

    args = [command, str(two_agreements)] + (["integration"] if command == "explain" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "enthält 2 Vereinbarungen (nord_2026, sued_2026)" in result.output
    assert "--vereinbarung nord_2026" in result.output
    chosen = CliRunner().invoke(main, args + ["--vereinbarung", "sued_2026"])
    assert chosen.exit_code == 0, chosen.output
    assert ("Kreis Süd" in chosen.output) if command == "draft" else ("K2 steigt um 2 %" in chosen.output)


def test_explain_takes_the_only_agreement_with_the_target_and_names_unknown_ids(two_agreements):
    from click.testing import CliRunner

    from zieldsl.cli.main import main

    only = CliRunner().invoke(main, ["explain", str(two_agreements), "nur_sued"])
    assert only.exit_code == 0 and "K3 sinkt" in only.output
    wrong = CliRunner().invoke(main, ["draft", str(two_agreements), "--vereinbarung", "sued2026"])
    assert wrong.exit_code == 2 and "Meinten Sie »sued_2026«?" in wrong.output


# ---------------------------------------------------------------- counts with parts in any order (point 6)


def test_count_parts_stand_in_any_order_with_commas_and_the_number_first():
    written = _target("        anzahl integrationen mindestens 612, davon männer mindestens 300, mindestens 258 frauen")
    (checked,) = check_text(written)
    (count,) = checked.targets[0].target.items
    assert [(p.group, p.minimum) for p in count.parts] == [("maenner", Decimal("300")), ("frauen", Decimal("258"))]
    assert "anzahl integrationen mindestens 612, davon männer mindestens 300 und frauen mindestens 258" in \
        format_text(written)


def test_target_numbers_as_the_agreement_writes_them():
    text = _target("        K2 steigt").replace("ziel 1 a", "ziel IV a")
    (checked,) = check_text(text)
    assert checked.targets[0].number == "IV"
    assert format_text(text) == text


# ---------------------------------------------------------------- levels of stocks and sums, figures in brackets


def _lzb(baseline: str, actual: str) -> Data:
    """A constant LZB stock: `baseline` from December 2024 to December 2025, `actual` in 2026."""
    return Data().constant("lzb", "gesamt", "2024-12", "2025-12", baseline).constant("lzb", "gesamt", "2026-01",
                                                                                      "2026-12", actual)


def _condition(result, number="1"):
    return result.target(number).conditions[0]


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2212", "-")


def test_a_ceiling_on_a_stock_is_judged_on_the_mean_stock_in_whole_persons():
    body = """    ziel 1 lzb "Langzeitleistungsbezug" {
        K3 beträgt höchstens 3.912
    }"""
    over = _condition(_evaluate(body, _lzb("3950", "3920")))
    assert (over.kind, over.unit, over.status) == ("niveau", "Anzahl", "nicht_erreicht")
    # 8 persons over the ceiling: on the bad side, so negative (positive = exceeded, negative = missed)
    assert over.change_rounded == Decimal("3920") and over.distance == Decimal("-8") and over.decimals == 0
    assert "gerundet auf ganze Zahlen" in " ".join(r.text for r in over.reasons)
    # 3.912,4 rounds to 3.912: met (the agreed number's own places)
    data = Data()
    data.constant("lzb", "gesamt", "2024-12", "2025-12", "3950")
    data.year("lzb", "gesamt", 2026, ["3912"] * 7 + ["3913"] * 5)  # mean 3.912,42
    assert _condition(_evaluate(body, data)).status == "erreicht"


def test_a_ceiling_on_an_amount_is_in_euros_and_shown_so():
    data = Data().constant("llu", "gesamt", "2024-12", "2026-12", "1000000")
    result = _evaluate("""    ziel 1 llu "Leistungen zum Lebensunterhalt" {
        K1 beträgt höchstens 11.000.000 eur
    }""", data)
    c = _condition(result)
    assert (c.unit, c.status, c.distance) == ("EUR", "nicht_erreicht", Decimal("-1000000"))  # missed: negative
    text = _plain(render_document(result, "vereinbarung", "md").decode("utf-8"))
    assert "höchstens 11.000.000 EUR beträgt" in text


@pytest.mark.parametrize("stated, consistent, implied", [
    ("3.912", True, "3912"),   # 3.928 × (1 − 0,4 %) = 3.912,3
    ("3.890", False, "3912"),  # 3.885 … 3.895 does not meet 3.910,3 … 3.914,3
])
def test_the_figure_in_brackets_is_checked_against_the_baseline_year(stated, consistent, implied):
    result = _evaluate(f"""    ziel 1 lzb "Langzeitleistungsbezug" {{
        K3 sinkt um 0,4 % (auf {stated})
    }}""", _lzb("3928", "3900"))
    c = _condition(result)
    assert c.status == "erreicht"  # judged on the binding figure before the bracket only
    f = c.stated_figure
    assert (f.text, f.consistent, f.implied, f.unit, f.series) == (f"auf {stated}", consistent, Decimal(implied),
                                                                  "Anzahl", None)
    warned = [w for w in result.warnings if "ZD403" in w]
    assert bool(warned) != consistent
    assert any(r.code == "klammerangabe" and "Bindend ist die Angabe vor der Klammer" in r.text for r in c.reasons)


@pytest.mark.parametrize("stated, consistent", [("302", True), ("ca. 300", True), ("ca. 2.450", False)])
def test_a_count_in_brackets_follows_from_a_quota_and_the_baseline_denominator(stated, consistent):
    # K2 2025: 1.000 integrations over a mean stock of 1.000 eLb; 30,2 % of it are 302 integrations
    result = _evaluate(f"""    ziel 1 iq "Integrationsquote" {{
        K2 erreicht 30,2 % ({stated} Integrationen)
    }}""")
    f = _condition(result).stated_figure
    assert (f.series, f.implied, f.consistent) == ("integrationen", Decimal("302"), consistent)
    text = _plain(render_document(result, "vereinbarung", "md").decode("utf-8"))
    assert f"einen Wert von 30,2 % (ca. {stated.replace('ca. ', '')} Integrationen) erreicht" in text


def test_a_figure_in_brackets_without_a_complete_baseline_year_is_not_checked():
    data = Data().constant("lzb", "gesamt", "2025-01", "2025-06", "3928").constant("lzb", "gesamt", "2026-01",
                                                                                    "2026-06", "3900")
    result = _evaluate("""    ziel 1 lzb "Langzeitleistungsbezug" {
        K3 sinkt um 0,4 % (auf 3.912)
    }""", data)
    c = _condition(result)
    assert c.status == "erreicht" and c.stated_figure.consistent is None and c.stated_figure.implied is None
    assert "nicht geprüft" in c.stated_figure.note
    assert not [w for w in result.warnings if "ZD403" in w]


def test_the_terminal_and_json_show_the_figure_in_brackets():
    root = Path(__file__).resolve().parent.parent / "vereinbarungen"
    args = [str(root / "feldkreis-2026.ziel"), "--data", str(root / "feldkreis-2026.daten.csv")]
    shown = CliRunner().invoke(main, ["evaluate", *args])
    assert shown.exit_code == 0, shown.output
    assert "in Klammern: auf 1.683" in shown.output and "stimmig" in shown.output
    as_json = CliRunner().invoke(main, ["evaluate", *args, "--json"])
    body = json.loads(as_json.output)
    figures = [c["stated_figure"] for t in body["agreements"][0]["result"]["targets"] for c in t["conditions"]
               if c["stated_figure"]]
    assert [(f["text"], f["consistent"]) for f in figures] == [("vorschlag 2,0 %", None), ("ca. 29,7 % K2", True),
                                                               ("auf 1.683", True), ("ca. 1.190 integrationen", True)]


@pytest.mark.parametrize("line, code, message", [
    ("K3 sinkt (auf 3.912)", "ZD233", "vor der Klammer steht keine Zahl"),
    ("K2 erreicht 30,2 % (auf 31 %)", "ZD233", "nennt noch einmal den Wert"),
    ("K2 steigt um 3 % (ca. 4.100 elb)", "ZD233", "»elb« lässt sich aus »K2« nicht ableiten"),
    ("K1E3 sinkt um 3 % (ca. 10 zugaenge_elb)", "ZD233", "lässt sich aus »K1E3« nicht ableiten"),
    ("K3 sinkt um 0,4 % (auf 3.912 %)", "ZD205", "in der Klammer steht als Zahl ohne Einheit"),
    ("K2 steigt um 3 % (ca. 300 integrationn)", "ZD202", "Unbekannte Reihe »integrationn«"),
    ("K3 beträgt höchstens 3.912 %", "ZD205", "passt nicht zu »K3«"),
    ("K2 beträgt 30", "ZD108", "Nach dem Wert fehlt »%«"),
    ("K1 beträgt höchstens 3.912", "ZD205", "der Wert steht in Euro"),
])
def test_levels_and_brackets_that_do_not_fit_are_reported(line, code, message):
    problems = _problems(_target(line))
    assert [(p[0], p[3]) for p in problems if p[0] == code and message in p[3]], problems


@pytest.mark.parametrize("written, formatted", [
    ("K3 sinkt um 0,4 % (3.912)", "K3 sinkt um 0,4 % (auf 3.912)"),
    ("K2 erreicht 30,2 % (2.450 Integrationen)", "K2 erreicht 30,2 % (ca. 2.450 Integrationen)"),
    ("K2 steigt um 3 % (auf 30,5 %)", "K2 steigt um 3 % (auf 30,5 %)"),
    ("K3 betraegt hoechstens 3.912", "K3 beträgt höchstens 3.912"),
    ("K1 beträgt höchstens 1.000 EUR", "K1 beträgt höchstens 1.000 eur"),
])
def test_levels_and_brackets_keep_their_meaning_in_the_formatter(written, formatted):
    text = format_text(_target(written))
    assert formatted in text
    assert format_text(text) == text


# ---------------------------------------------------------------- several agencies together (point 5)

REGION = """vereinbarung region "Region" {{
    träger "Region" kennung {keys}
    zieljahr 2026
    ziel 1 iq "Integrationsquote" {{
        K2 steigt um 4,0 %
    }}
    ziel 2 anzahl "Integrationen" {{
        anzahl integrationen mindestens 1.500
    }}
}}
"""


def _region_data(skip: tuple[str, str] | None = None) -> Data:
    """Agency 01: 1.000 integrations over 1.000 eLb each year (100 %); agency 02: 200 → 260 over 4.000 eLb."""
    data = Data()
    for agency, stock, before, after in (("01", 1000, 1000, 1000), ("02", 4000, 200, 260)):
        data.add("elb", "gesamt", "2024-12", stock, agency=agency)
        for year, total in ((2025, before), (2026, after)):
            for month, value in enumerate(spread(total), start=1):
                data.add("elb", "gesamt", f"{year}-{month:02d}", stock, agency=agency)
                if skip != (agency, f"{year}-{month:02d}"):
                    data.add("integrationen", "gesamt", f"{year}-{month:02d}", value, agency=agency)
    return data


def test_an_agreement_over_several_agencies_is_judged_on_summed_counts():
    checked = check_text(REGION.format(keys='"01", "02"'), "region.ziel")[0]
    result = evaluate(checked, _region_data().store)
    quota = result.target("1").conditions[0]
    # (1.000 + 260) / (1.000 + 4.000) = 25,2 % against (1.000 + 200) / 5.000 = 24,0 %: +5,0 %, met.
    # Averaging the quotas would give (100 % + 6,5 %) / 2 against (100 % + 5 %) / 2: +1,4 %, missed.
    assert (quota.baseline, quota.actual, quota.change_rounded, quota.status) == (
        Decimal("24"), Decimal("25.2"), Decimal("5.0"), "erreicht")
    count = result.target("2").conditions[0]
    assert (count.actual, count.status) == (Decimal("1260"), "nicht_erreicht")
    assert result.agency_key == "01+02"


def test_a_month_missing_for_one_agency_leaves_the_sum_not_assessable():
    checked = check_text(REGION.format(keys='"01", "02"'), "region.ziel")[0]
    result = evaluate(checked, _region_data(skip=("02", "2026-03")).store)
    quota = result.target("1").conditions[0]
    assert quota.status == "nicht_bewertbar"
    assert "März 2026" in " ".join(r.text for r in quota.reasons)


def test_an_agency_without_rows_in_a_summed_agreement_is_an_error(tmp_path):
    ziel = tmp_path / "region.ziel"
    ziel.write_text(REGION.format(keys='"01", "03"'), encoding="utf-8")
    csv = tmp_path / "daten.csv"
    csv.write_text("traeger;reihe;gruppe;monat;wert\n01;integrationen;gesamt;2026-01;5\n", encoding="utf-8")
    shown = CliRunner().invoke(main, ["evaluate", str(ziel), "--data", str(csv)])
    assert shown.exit_code == 1
    assert "ZD330" in shown.output and "»03«" in shown.output and "summiert mehrere Träger" in shown.output


def test_the_example_region_names_its_agencies_and_keeps_its_form():
    root = Path(__file__).resolve().parent.parent / "vereinbarungen"
    shown = CliRunner().invoke(main, ["evaluate", str(root / "kuestenregion-2026.ziel")])
    assert shown.exit_code == 0, shown.output
    assert "Träger: Jobcenter der Küstenregion (Summe der Träger 09101, 09102, 09103)" in shown.output
    text = (root / "kuestenregion-2026.ziel").read_text(encoding="utf-8")
    assert format_text(text) == text


def test_a_key_named_twice_is_reported():
    problems = _problems(REGION.format(keys='"01", "02", "01"'))
    assert [p[0] for p in problems] == ["ZD234"]


# ---------------------------------------------------------------- annual totals in the data (point 6)

ANNUAL = """vereinbarung j "J" {
    träger "T" kennung "01"
    zieljahr 2026
    ziel 1 anzahl "Integrationen" {
        anzahl integrationen mindestens 1.050
    }
    ziel 2 iq "Integrationsquote" {
        K2 steigt um 5 %
    }
}
"""


def _annual_csv(tmp_path, extra: str = "") -> list[str]:
    rows = ["traeger;reihe;gruppe;monat;wert", "01;integrationen;gesamt;2025;1.000",
            "01;integrationen;gesamt;2026;1.100"]
    rows += [f"01;elb;gesamt;{month};4.000" for month in
             ["2024-12"] + [f"{y}-{m:02d}" for y in (2025, 2026) for m in range(1, 13)]]
    data = tmp_path / "daten.csv"
    data.write_text("\n".join(rows) + "\n" + extra, encoding="utf-8")
    ziel = tmp_path / "j.ziel"
    ziel.write_text(ANNUAL, encoding="utf-8")
    return [str(ziel), "--data", str(data)]


def test_annual_totals_stand_in_for_the_months_of_a_full_year(tmp_path):
    shown = CliRunner().invoke(main, ["evaluate", *_annual_csv(tmp_path), "--json"])
    assert shown.exit_code == 0, shown.output
    targets = json.loads(shown.output)["agreements"][0]["result"]["targets"]
    count, quota = targets[0]["conditions"][0], targets[1]["conditions"][0]
    assert (count["actual"], count["baseline"], count["status"]) == ("1100", "1000", "erreicht")
    # 100 × 1.100 / 4.000 = 27,5 % against 25,0 %: +10 %
    assert (quota["actual"], quota["baseline"], quota["change_rounded"]) == ("27.5", "25", "10.0")
    points = [p for r in quota["reasons"] for p in r["data"] if p["series"] == "integrationen"]
    assert {p["month"] for p in points} == {"2025", "2026"}
    assert any("(Jahressumme)" in r["text"] for r in quota["reasons"])
    assert not [r for r in quota["reasons"] if r["code"] == "kleine_basis" and "0 integrationen" in r["text"]]


def test_annual_totals_do_not_judge_a_part_of_the_year(tmp_path):
    shown = CliRunner().invoke(main, ["evaluate", *_annual_csv(tmp_path), "--as-of", "2026-06", "--json"])
    targets = json.loads(shown.output)["agreements"][0]["result"]["targets"]
    assert targets[0]["conditions"][0]["status"] == "nicht_bewertbar"


def test_monthly_values_win_over_a_different_annual_total_with_a_warning(tmp_path):
    months = "".join(f"01;integrationen;gesamt;2026-{m:02d};100\n" for m in range(1, 13))  # 1.200, not 1.100
    shown = CliRunner().invoke(main, ["evaluate", *_annual_csv(tmp_path, months), "--json"])
    body = json.loads(shown.output)["agreements"][0]["result"]
    assert body["targets"][0]["conditions"][0]["actual"] == "1200"
    assert any("ZD404" in w and "1.100" in w and "1.200" in w for w in body["warnings"])


def test_an_annual_total_for_a_stock_is_refused(tmp_path):
    shown = CliRunner().invoke(main, ["evaluate", *_annual_csv(tmp_path, "01;elb;gesamt;2026;4.000\n")])
    assert shown.exit_code == 1 and "ZD405" in shown.output and "»elb« ist ein Bestand" in shown.output


# ---------------------------------------------------------------- the agreement's frame (point 7)


def test_a_waived_target_reports_its_figures_without_a_verdict():
    result = _evaluate("""    ziel 2 iq "Integration" {
        K2 steigt um 5,8 %
        ausgesetzt "Wegen der Neuregelung wird 2026 kein Zielwert vereinbart."
    }""")
    target = result.target("2")
    assert (target.kind, target.status, target.waived) == ("ausgesetzt", "beobachtet",
                                                          "Wegen der Neuregelung wird 2026 kein Zielwert vereinbart.")
    assert [c.status for c in target.conditions] == ["beobachtet"]
    assert "wäre es erreicht" in target.reasons[0].text
    text = _plain(render_document(result, "feststellung", "md").decode("utf-8"))
    assert "Das Ziel 2 ist in diesem Jahr ausgesetzt und wird nicht bewertet: Wegen der Neuregelung" in text
    agreement_text = _plain(render_document(result, "vereinbarung", "md").decode("utf-8"))
    assert "Das Ziel ist für das Jahr 2026 ausgesetzt: Wegen der Neuregelung" in agreement_text


def test_a_proposal_is_reported_beside_the_agreed_value_and_never_judged():
    result = _evaluate("""    ziel 2 iq "Integration" {
        K2 steigt um 5,0 % (vorschlag 7,0 %)
    }""")  # +5,8 % in the data
    c = _condition(result, "2")
    assert c.status == "erreicht" and c.threshold == Decimal("5.0")
    f = c.stated_figure
    assert (f.kind, f.text, f.met, f.unit) == ("vorschlag", "vorschlag 7,0 %", False, "%")
    assert "Im Planungsverfahren vorgeschlagen: +7,0 %; vereinbart: +5,0 %" in f.note


def test_the_trial_year_and_the_dialogues_are_in_the_results_and_documents():
    result = _evaluate("""    zieldialoge im zweiten und vierten quartal
    erprobungsjahr "Die Ziele werden 2026 erprobt."
    ziel 2 iq "Integration" {
        K2 steigt um 5,0 %
    }""")
    assert result.framework.dialogues == "im zweiten und vierten Quartal"
    assert result.framework.trial_year == "Die Ziele werden 2026 erprobt."
    text = _plain(render_document(result, "feststellung", "md").decode("utf-8"))
    assert "**Erprobungsjahr, Ziele nicht verbindlich:** Die Ziele werden 2026 erprobt." in text


@pytest.mark.parametrize("written, formatted, words", [
    ("zieldialoge quartalsweise", "zieldialoge quartalsweise", "quartalsweise"),
    ("zieldialoge regelmaessig", "zieldialoge regelmäßig", "regelmäßig"),
    ("zieldialoge im ersten und dritten quartal", "zieldialoge im ersten und dritten quartal",
     "im ersten und dritten Quartal"),
    ("zieldialoge mindestens 2 im jahr", "zieldialoge mindestens 2 im jahr", "mindestens 2 im Jahr"),
])
def test_dialogues_as_agreements_write_them(written, formatted, words):
    text = f'vereinbarung a "A" {{\n    träger "T"\n    zieljahr 2026\n    {written}\n}}\n'
    assert f"    {formatted}\n" in format_text(text)
    assert _evaluate(f"    {written}").framework.dialogues == words


@pytest.mark.parametrize("lines, code, message", [
    ('ausgesetzt "a"\n        ausgesetzt "b"', "ZD212", "mehr als einmal »ausgesetzt«"),
    ("K2 steigt um 3,0 % (vorschlag 2,0 prozentpunkte)", "ZD205", "anderen Einheit"),
    ("K2 steigt (vorschlag 2,0 %)", "ZD233", "kein Zielwert"),
])
def test_frame_statements_that_do_not_fit_are_reported(lines, code, message):
    problems = _problems(_target("        K2 steigt um 1 %\n        " + lines))
    assert [p for p in problems if p[0] == code and message in p[3]], problems


def test_new_frame_statements_keep_their_form_in_the_formatter():
    for line in ('        ausgesetzt "Für 2026 ausgesetzt."', "        K2 steigt um 3,0 % (vorschlag 2,0 %)"):
        text = format_text(_target(line))
        assert line in text and format_text(text) == text


def test_several_signing_parties_stand_in_the_agreement_document_in_the_files_order():
    root = Path(__file__).resolve().parent.parent / "vereinbarungen"
    shown = CliRunner().invoke(main, ["evaluate", str(root / "beispielland-bmas-2026.ziel"), "--json"])
    assert shown.exit_code == 0, shown.output
    framework = json.loads(shown.stdout)["agreements"][0]["result"]["framework"]
    assert [(p["role"], p["short"]) for p in framework["parties"]] == [("partner", "BMAS"), ("land", "MAS"),
                                                                       ("land", "MW")]
    result = evaluate(check_text((root / "beispielland-bmas-2026.ziel").read_text(encoding="utf-8"),
                                 str(root / "beispielland-bmas-2026.ziel"))[0], _region_data().store)
    text = _plain(render_document(result, "vereinbarung", "md").decode("utf-8"))
    assert ("Das Bundesministerium für Arbeit und Soziales (BMAS), das Ministerium für Arbeit und Soziales des "
            "Landes Beispielland (MAS) und das Ministerium für Wirtschaft des Landes Beispielland (MW) schließen "
            "mit dem Land Beispielland hinsichtlich der Leistungserbringung durch die zugelassenen kommunalen "
            "Träger gemäß § 48b Abs. 1 S. 1 Nr. 3 SGB II") in text
    assert "Das Land Beispielland, das BMAS, das MAS und das MW vereinbaren sich zu folgenden Zielen:" in text
    assert "(Vorname Name)  \nMinisterium für Wirtschaft des Landes Beispielland" in text


def test_a_partner_named_twice_is_reported_and_partner_keeps_its_form():
    text = ('vereinbarung a "A" {\n    partner "Bundesministerium für Arbeit und Soziales" kurz "BMAS"\n'
            '    land "Ministerium" kurz "M"\n    träger "T"\n    zieljahr 2026\n}\n')
    assert format_text(text) == text
    problems = _problems(text.replace('land "Ministerium" kurz "M"', 'partner "Bundesministerium für Arbeit und '
                                                                     'Soziales"'))
    assert [p[0] for p in problems] == ["ZD212"]


def test_paragraphs_are_numbered_over_the_sections_the_file_has():
    result = _evaluate("""    abschnitt dialog "Zieldialoge" "Die Partner treffen sich."
    ziel 2 iq "Integration" {
        K2 steigt um 5,0 %
    }""")
    text = _plain(render_document(result, "vereinbarung", "md").decode("utf-8"))
    # the file's own section stands before the targets, so it is § 1; the targets follow as § 2 and the review
    # section generated from `bewertung` right after them as § 3
    assert "#### § 1 Zieldialoge" in text and "#### § 2 Ziele, Zielindikatoren und Ergänzungsgrößen" in text
    assert "#### § 3 Zielnachhaltung" in text and "§ 4" not in text


def test_a_count_can_have_a_ceiling():
    data = Data().k2()  # 1.058 integrations in 2026
    over = _evaluate("""    ziel 2 anzahl "Integrationen" {
        anzahl integrationen hoechstens 1.000
    }""", data)
    c = _condition(over, "2")
    assert (c.status, c.operator, c.distance, c.shortfall, c.qualifier) == ("nicht_erreicht", "<=", Decimal("-58"),
                                                                          None, "höchstens")
    text = _plain(render_document(over, "feststellung", "md").decode("utf-8"))
    assert "hätten es höchstens 1.000 statt 1.058 Integrationen sein dürfen (58 weniger)" in text
    assert format_text(_target("        anzahl integrationen hoechstens 1.000")).count("anzahl integrationen "
                                                                                    "höchstens 1.000") == 1
    problems = _problems(_target("        anzahl integrationen höchstens 1.000, davon frauen mindestens 400"))
    assert [p[0] for p in problems] == ["ZD236"]


@pytest.mark.parametrize("quota, consistent", [("30,2 %", True), ("33,0 %", False)])
def test_a_quota_in_brackets_after_a_binding_count_is_checked(quota, consistent):
    # 302 integrations over the baseline year's mean eLb stock of 1.000: 30,2 %
    result = _evaluate(f"""    ziel 2 anzahl "Integrationen" {{
        anzahl integrationen mindestens 302 (ca. {quota} K2)
    }}""")
    c = _condition(result, "2")
    f = c.stated_figure
    assert (f.indicator, f.implied, f.consistent) == ("K2", Decimal("30.2"), consistent)
    assert bool([w for w in result.warnings if "ZD403" in w]) != consistent
    text = _plain(render_document(result, "vereinbarung", "md").decode("utf-8"))
    assert f"mindestens 302 Integrationen (Integrationsquote ca. {quota}) erreicht werden" in text


@pytest.mark.parametrize("line, message", [
    ("anzahl integrationen mindestens 1.200 (ca. 29,7 % K1)", "»K1« ist keine Quote aus »integrationen«"),
    ("anzahl integrationen mindestens 1.200 (29,7 %)", "nennt die Klammer die Quote"),
    ("K2 steigt um 3 % (ca. 30 % K2)", "keine weitere Kennzahl"),
])
def test_brackets_after_counts_that_do_not_fit_are_reported(line, message):
    problems = _problems(_target("        " + line))
    assert [p for p in problems if p[0] == "ZD233" and message in p[3]], problems
