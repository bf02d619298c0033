"""The documents: German sentences, figures, charts, the agreement regenerated, golden files.

Sentences are checked on a hand-made result (independent of the evaluator) and on the
bundled Leer example as a user gets it; the golden files hold every kind × format of
the bundled example.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import zipfile
from decimal import Decimal as D
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from golden_files import assert_golden, docx_text, html_for_golden
from result_fixture import leer_result
from zieldsl.documents import charts
from zieldsl.documents import context as documents
from zieldsl.documents import output as writers
from zieldsl.api import evaluate_files
from zieldsl.results import ConditionResult, MonthlyValue, PersonsNeeded

REPO = Path(__file__).resolve().parents[1]
from conftest import SEED_FILE as SEED  # noqa: E402
LEER = "vereinbarungen/leer-2026.ziel"
MUSTERKREIS = "vereinbarungen/musterkreis-2026.ziel"


def md(result, kind=None) -> str:
    """The Markdown as a reader compares it: no-break spaces and minus signs as plain ones
    (the typography itself is checked in test_typography_is_german_in_every_format)."""
    return plain(writers.render_document(result, kind or documents.default_kind(result), "md").decode("utf-8"))


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2212", "-")


@lru_cache(maxsize=None)
def bundled(as_of: str | None = None, agreement: str = LEER):
    """A bundled example (Leer by default) judged as `zieldsl draft` judges it (paths relative to the repository)."""
    cwd = Path.cwd()
    import os

    os.chdir(REPO)
    try:
        return evaluate_files([agreement], [], as_of)[0]
    finally:
        os.chdir(cwd)


# ------------------------------------------------------------------ verdict sentences (hand-made result)


def test_met_target_states_the_development_and_what_was_agreed():
    text = md(leer_result())
    assert ("Das Ziel 2 ist erreicht. Die Integrationsquote stieg von 21,4 % auf 22,8 %, das sind +6,3 %; "
            "vereinbart waren +5,8 %; der Zielwert ist um 0,5 Prozentpunkte übertroffen.") in text


def test_missed_target_names_the_distance_in_percentage_points():
    text = md(leer_result())
    # a fall of 2,0 % against an agreed fall of 2,3 %: on the bad side, in the threshold's unit
    assert ("Das Ziel 3 ist nicht erreicht. Der durchschnittliche Bestand an Langzeitleistungsbeziehenden sank von "
            "4.103 auf 4.022, das sind -2,0 %; vereinbart waren -2,3 %; der Zielwert ist um 0,3 Prozentpunkte "
            "verfehlt.") in text


def test_gender_subtarget_and_monitoring_and_supplementary_figures_are_reported():
    text = md(leer_result())
    assert ("Die Integrationsquote der Frauen stieg von 18,2 % auf 19,6 %, das sind +7,7 %; vereinbart waren +7,3 %; "
            "der Zielwert ist um 0,4 Prozentpunkte übertroffen.") in text
    assert "| Integrationsquote (K2), Männer | 24,3 % | 25,4 % | +4,5 % | ≥ +4,4 % | +0,1 Prozentpunkte | erreicht |" in text
    assert "Die Summe der Leistungen zum Lebensunterhalt sank von 31.245.678 EUR auf 30.876.543 EUR" in text
    assert "| Quote der Eintritte in geringfügige Beschäftigung (K2E1) | 4,1 % | 3,9 % | -4,9 % |" in text
    assert "Das Ziel 1 wird im Rahmen eines Monitorings beobachtet und nicht bewertet." in text


def test_milestones_show_status_date_and_proof():
    text = md(leer_result())
    assert "| Festlegung eines Scan-Prozesses | erledigt | 15. Mai 2026 | Dienstanweisung Scannen |" in text
    assert "Das Ziel 5 ist nicht erreicht. Nicht erledigt sind: »Schulung der Mitarbeitenden" in text
    assert "Alle drei Umsetzungsschritte und zwei Bedingungen sind nachweislich erledigt." in text


def test_count_target_names_the_missing_integrations():
    result = leer_result()
    count = ConditionResult(
        indicator="integrationen", indicator_title="Integrationen in Erwerbstätigkeit", group="gesamt",
        kind="anzahl", wording="anzahl integrationen mindestens 612", unit="Anzahl", value_unit="Anzahl",
        baseline=D(570), actual=D(589), change=D(589), change_rounded=D(589), threshold=D(612), operator=">=",
        decimals=0, distance=D(-23), status="nicht_erreicht", shortfall=D(23), qualifier="mindestens",
        stated_value=D(612), verb=None,
        persons=PersonsNeeded("integrationen", "Integrationen in Erwerbstätigkeit", False, D(589), D(612), True))
    target = dataclasses.replace(result.targets[3], conditions=(count,))
    text = md(dataclasses.replace(result, targets=result.targets[:3] + (target,) + result.targets[4:]))
    assert ("Das Ziel 3 ist nicht erreicht. Im Jahr 2026 wurden 589 Integrationen erreicht (Vorjahreszeitraum: 570); "
            "vereinbart waren mindestens 612. Um das Ziel zu erreichen, wären 612 statt 589 Integrationen nötig "
            "gewesen (23 mehr).") in text


def test_not_assessable_figure_gives_the_reason():
    from zieldsl.results import Reason

    result = leer_result()
    k3 = dataclasses.replace(result.targets[3].conditions[0], actual=None, change=None, change_rounded=None,
                             distance=None, status="nicht_bewertbar", monthly=(),
                             reasons=(Reason("fehlender_monat", "Für lzb fehlt der Wert für Mai 2026."),))
    target = dataclasses.replace(result.targets[3], conditions=(k3,), status="nicht_bewertbar")
    text = md(dataclasses.replace(result, targets=result.targets[:3] + (target,) + result.targets[4:]))
    assert "Das Ziel 3 ist nicht bewertbar." in text
    # the body in plain words, the evaluator's exact reason in the appendix
    assert ("Der durchschnittliche Bestand an Langzeitleistungsbeziehenden ist nicht bewertbar: für Mai 2026 fehlen "
            "Werte (Einzelheiten im Anhang).") in text
    assert "- Für lzb fehlt der Wert für Mai 2026." in text.split("## Anhang: Berechnung und Datengrundlage")[1]


def test_interim_report_is_marked_preliminary_with_the_distance_still_to_go():
    result = leer_result("2026-06")
    assert documents.default_kind(result) == "zwischenbericht"
    text = md(result)
    assert text.startswith("# Zwischenbericht zur Zielerreichung 2026\n\n**Vorläufig**")
    assert "vereinbart sind -2,3 %; der Zielwert ist bisher um 0,3 Prozentpunkte verfehlt." in text
    assert "stieg in den Monaten Januar bis Juni von" in text
    assert "| Kennzahl | Jan.–Jun. 2025 | Jan.–Jun. 2026 |" in text
    assert "**Werte:** vorläufig (Januar bis Juni)" in text


def test_default_kind_follows_the_as_of_month():
    assert documents.default_kind(leer_result("2026-12")) == "feststellung"
    assert documents.default_kind(leer_result("2026-11")) == "zwischenbericht"


def test_circumstances_of_section_3_are_listed():
    text = md(leer_result())
    section = text.split("## Zu berücksichtigende Umstände (§ 3 Abs. 4 und 5)", 1)[1].split("## Datengrundlage")[0]
    assert "Neue Grundsicherung (Änderung des SGB II): in Kraft seit 1. Juli 2026" in section
    assert "Bürgergeld" not in section  # 2023, outside the compared period
    assert "| Verwaltungskosten | 9.327.771 EUR | liegt nicht vor | – |" in section
    assert "| Arbeitslosenquote im Agenturbezirk Emden-Leer | IAB, regionale Arbeitsmarkt-Prognose | von 6,6 % auf 6,7 % |" in section
    assert "> Die Auswirkungen von gesetzlichen Neuregelungen werden bei der Zielnachhaltung berücksichtigt." in section


def test_budget_actuals_are_compared_where_the_results_have_them():
    result = leer_result()
    framework = result.framework
    budgets = (dataclasses.replace(framework.budgets[0], actual=D("9500000")),) + framework.budgets[1:]
    result = dataclasses.replace(result, framework=dataclasses.replace(framework, budgets=budgets))
    assert "| Verwaltungskosten | 9.327.771 EUR | 9.500.000 EUR | +1,8 % |" in md(result)


def test_audit_footer_names_version_hashes_and_data_date_but_not_the_run_date():
    text = md(leer_result())
    footer = text.split("*Prüfvermerk:*", 1)[1]
    assert "zieldsl 0.1.0" in footer and "Datenstand Dezember 2026, Ladestand 15. Januar 2027" in footer
    assert f"| Daten | vereinbarungen/leer-2026.daten.csv | `{'b' * 64}` |" in footer
    today = datetime.date.today()
    assert today.isoformat() not in text and f"{today.day}. " + ["Januar", "Februar", "März", "April", "Mai",
                                                                    "Juni", "Juli", "August", "September",
                                                                    "Oktober", "November", "Dezember"][
        today.month - 1] + f" {today.year}" not in footer


def test_html_is_accessible_and_escapes_what_the_agreement_says():
    result = leer_result()
    result = dataclasses.replace(result, targets=(dataclasses.replace(result.targets[0], title="Alpha <script>x</script>"),)
                                 + result.targets[1:])
    html = writers.render_document(result, "feststellung", "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"de\">")
    assert "<script>x</script>" not in html and "Alpha &lt;script&gt;x&lt;/script&gt;" in html
    assert '<th scope="col">Kennzahl</th>' in html and '<th scope="row">Integrationsquote (K2)</th>' in html
    assert "@media print" in html
    svgs = re.findall(r"<svg .*?</svg>", html, flags=re.S)
    assert len(svgs) == 6  # four judged figures, two milestone timelines
    for svg in svgs:
        ElementTree.fromstring(svg)  # well-formed
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert sum("Veränderung 2026 gegenüber 2025" in svg for svg in svgs) == 4
    assert sum("Zeitleiste der Umsetzungsschritte" in svg for svg in svgs) == 2
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "HTML ids must be unique"


def test_html_tags_are_balanced():
    from html.parser import HTMLParser

    void = {"meta", "br", "line", "circle", "rect", "polyline"}

    class Checker(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.errors = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in void:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if tag in void:
                return
            if self.stack and self.stack[-1] == tag:
                self.stack.pop()
            else:
                self.errors.append((tag, self.getpos()))

    for kind in documents.KINDS:
        checker = Checker()
        checker.feed(writers.render_document(leer_result(), kind, "html").decode("utf-8"))
        assert checker.errors == [] and checker.stack == [], kind


# ------------------------------------------------------------------ the agreement regenerated


def test_party_names_are_declined_with_their_article():
    from zieldsl.documents.sentences import Phrases, party_phrase

    phrases = writers.load_phrases(None)
    assert isinstance(phrases, Phrases)
    name = "Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung"
    assert party_phrase(phrases, name, "nom").startswith("das Niedersächsische Ministerium für")
    assert party_phrase(phrases, name, "dat").startswith("dem Niedersächsischen Ministerium für")
    assert party_phrase(phrases, "Landkreis Leer", "acc") == "den Landkreis Leer"
    assert party_phrase(phrases, "Stadt Musterstadt", "dat") == "der Stadt Musterstadt"


def test_regenerated_agreement_follows_the_seed_structure():
    text = md(bundled(), "vereinbarung")
    order = ["# Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2026",
             "### I. Grundsätze", "### II. Rahmenbedingungen", "- Verwaltungskosten 9.327.771 Euro",
             "- Leistungen zur Eingliederung in Arbeit 7.616.859 Euro.", "### III. Vereinbarungen",
             "#### § 1 Verpflichtung der Vereinbarungspartner", "#### § 2 Ziele, Zielindikatoren und Ergänzungsgrößen",
             "**2. Verbesserung der Integration in Erwerbstätigkeit**", "(2) Hinsichtlich der Zielindikatoren",
             "#### § 3 Zielnachhaltung und Zieldialoge im Land Niedersachsen", "Hannover, den 29. Januar 2026",
             "(Dr. Christine Arbogast)", "Leer, den 17. Februar 2026", "(Matthias Groote)"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert ("schließt das Niedersächsische Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung (MS) "
            "mit dem Landkreis Leer hinsichtlich der Leistungserbringung") in text


@pytest.mark.skipif(not SEED.is_file(), reason="Seed-Vereinbarung (../shared/seeds) nicht vorhanden")
def test_target_sentences_reproduce_the_seed_word_for_word():
    seed = SEED.read_text(encoding="utf-8")
    text = md(bundled(), "vereinbarung")
    sentences = [
        "Das Ziel ist im Jahr 2026 erreicht, wenn die Integrationsquote des Landkreises Leer um 5,8 % im Vergleich "
        "zum Jahr 2025 steigt.",
        "Das Ziel ist im Jahr 2026 erreicht, wenn der durchschnittliche Bestand an Langzeitleistungsbeziehenden des "
        "Landkreises Leer um 2,3 % im Vergleich zum Jahr 2025 reduziert wird.",
        "Das geschlechterspezifische Ziel ist erreicht, wenn die Integrationsquote der Frauen um 7,3 % und die der "
        "Männer um 4,4 % steigt.",
        "(2) Hinsichtlich der Zielindikatoren und der jeweils zu berücksichtigenden Ergänzungsgrößen findet die "
        "Verordnung zur Festlegung der Kennzahlen nach § 48a des Zweiten Buches Sozialgesetzbuch vom 12.08.2010 "
        "(BGBl. I S. 1152), die zuletzt durch Artikel 1 der Verordnung vom 15. März 2019 (BGBl. I S. 339) geändert "
        "worden ist, Anwendung.",
        "Das Ziel ist erreicht, wenn die vereinbarten Schritte umgesetzt wurden sowie",
    ]
    for sentence in sentences:
        assert sentence in seed, sentence
        assert sentence in text, sentence
    generated = re.findall(r"^Das Ziel ist im Jahr 2026 erreicht, wenn .*$", text, flags=re.M)
    seeded = re.findall(r"^Das Ziel ist im Jahr 2026 erreicht, wenn .*$", seed, flags=re.M)
    assert generated == seeded


# ------------------------------------------------------------------ charts


def _condition(kind: str, threshold: D, unit: str = "%", monthly=None, **changes) -> ConditionResult:
    fields = dict(
        indicator="K2", indicator_title="Integrationsquote", group="gesamt", kind=kind, wording="", unit=unit,
        value_unit="%", baseline=D(20), actual=D(21), change=D(5), change_rounded=D(5), threshold=threshold,
        operator=">=", decimals=1, distance=D(0), status="erreicht",
        monthly=monthly if monthly is not None else (MonthlyValue(1, D("1.5"), D("2.0")), MonthlyValue(2, None, D("4.0")),
                                                     MonthlyValue(3, D("6.3"), D("6.0"))))
    fields.update(changes)
    return ConditionResult(**fields)


def test_line_chart_shows_the_judged_figure_per_month_with_the_threshold():
    """Per month the change of January-to-month against the same months a year earlier, not two rising lines."""
    relative = charts.chart_for(_condition("veraenderung", D("5.8"), change=D("5.04"), change_rounded=D("5.0")),
                                ident="a", label="Integrationsquote", target_year=2026, baseline_year=2025)
    assert relative.shape == "verlauf"
    assert relative.points[0] == (1, D("-25.0000"))  # 1,5 against 2,0: −25 %; February has no value yet
    assert relative.points[-1] == (3, D("5.04"))  # the evaluator's unrounded figure at the last month
    assert relative.threshold == D("5.8") and relative.good_side == "oben"
    assert relative.final[:2] == (3, D("5.0")) and "ungerundet" in relative.final[2]
    assert "Werte des Zieljahres liegen bis März vor." in relative.description
    points = charts.chart_for(_condition("prozentpunkte", D("1.2"), "prozentpunkte", change=D("0.3"),
                                         change_rounded=D("0.3")),
                              ident="b", label="IQ", target_year=2026, baseline_year=2025)
    assert [v for _m, v in points.points] == [D("-0.5"), D("0.3")] and points.unit == "prozentpunkte"
    level = charts.chart_for(_condition("niveau", D("31.1"), change=D("6.3")), ident="c", label="IQ",
                             target_year=2026, baseline_year=2025)
    assert [v for _m, v in level.points] == [D("1.5"), D("6.3")] and not level.signed


def test_met_by_rounding_is_visible_in_the_chart_label():
    """−1,455 % is judged as −1,5 %: the marker sits on the rounded value and the label gives both."""
    falling = _condition("veraenderung", D("-1.5"), operator="<=", change=D("-1.455"), change_rounded=D("-1.5"),
                         monthly=(MonthlyValue(11, D("98"), D("100")), MonthlyValue(12, D("98.545"), D("100"))))
    chart = charts.chart_for(falling, ident="k3", label="Bestand", target_year=2026, baseline_year=2025)
    assert chart.final[1] == D("-1.5") and chart.good_side == "unten"
    assert "Dez: \u22121,5\u00a0%" in chart.final[2] and "(ungerundet \u22121,455\u00a0%)" in chart.final[2]


def test_december_only_data_give_a_bar_comparison():
    only = _condition("veraenderung", D("5.8"), change=D("6.07"), change_rounded=D("6.1"),
                      monthly=(MonthlyValue(12, D("22.7"), D("21.4")),))
    chart = charts.chart_for(only, ident="d", label="Integrationsquote", target_year=2026, baseline_year=2025)
    assert chart.shape == "balken"
    assert [(name.split("\n")[0], kind) for name, _v, kind in chart.bars] == [
        ("2025", "basis"), ("Zielwert", "ziel"), ("2026", "ist")]
    assert chart.bars[1][1] == D("21.4") * D("1.058")
    assert plain(chart.description).startswith("Balkendiagramm. 2025: 21,4 %; Zielwert: 22,6 %; 2026: 22,7 %.")
    assert charts.png(chart).startswith(b"\x89PNG")


def test_milestones_give_a_timeline():
    target = leer_result().targets[5]
    chart = charts.milestone_chart(target.steps, ident="z", title="Ziel 4", year=2026,
                                   as_of=datetime.date(2026, 12, 31), done=lambda step: step.status == "erledigt")
    assert chart.shape == "zeitleiste" and len(chart.steps) == len(target.steps)
    assert chart.description.startswith("Zeitleiste der Umsetzungsschritte und Bedingungen.")
    assert "<svg" in charts.svg(chart)


def test_chart_renders_as_svg_and_png_deterministically():
    chart = charts.chart_for(leer_result().targets[1].conditions[0], ident="k2", label="Integrationsquote",
                             target_year=2026, baseline_year=2025)
    svg = charts.svg(chart)
    ElementTree.fromstring(svg)
    assert "vereinbart: mindestens +5,8" in svg and "Integrationsquote: Veränderung 2026 gegenüber 2025" in svg
    assert 'id="k2-' in svg and not re.search(r'id="(?!k2-)', svg)  # ids unique per chart in one HTML page
    assert svg == charts.svg(chart)
    png = charts.png(chart)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png == charts.png(chart)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width >= 1400 and height >= 700  # sharp in Word at 16 cm
    assert b"Software" not in png and b"Date" not in svg.encode()


def _line_charts() -> list:
    """Line charts of every kind the examples hold: changes, points, levels, counts, labels above and below."""
    models = []
    for as_of in ("2026-03", "2026-06", "2026-10", None):
        for agreement in (LEER, "vereinbarungen/musterkreis-2026.ziel"):
            result = bundled(as_of, agreement)
            for t in result.targets:
                for c in t.conditions:
                    chart = charts.chart_for(c, ident=f"z{len(models)}", label=c.indicator_title,
                                             target_year=result.target_year, baseline_year=result.target_year - 1)
                    if chart is not None and chart.shape == "verlauf":
                        models.append(chart)
    return models


def test_a_line_chart_does_not_depend_on_the_charts_drawn_before_it():
    """Line charts share one figure per thread (only what changes is set): the bytes must be those of a chart
    drawn first on a new figure (a new thread gets one), whatever was drawn before and in what order."""
    import threading

    models = _line_charts()
    assert len(models) >= 12 and {m.unit for m in models} >= {"%", "Anzahl"}
    assert {m.final[0] <= 9 for m in models} == {True, False} and any(m.baseline_points for m in models)

    def first_on_new_figure(model):
        out = []
        worker = threading.Thread(target=lambda: out.append((charts.svg(model), charts.png(model))))
        worker.start()
        worker.join()
        return out[0]

    fresh = [first_on_new_figure(m) for m in models]
    assert [(charts.svg(m), charts.png(m)) for m in models] == fresh
    assert [charts.svg(m) for m in reversed(models)] == [svg for svg, _png in reversed(fresh)]


def test_charts_are_byte_identical_across_hash_seeds(tmp_path):
    import os
    import subprocess
    import sys

    script = ("import hashlib, sys\n"
              "sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
              "from result_fixture import leer_result\n"
              "from zieldsl.documents import charts\n"
              "c = leer_result().targets[1].conditions[0]\n"
              "ch = charts.chart_for(c, ident='k2', label='Integrationsquote', target_year=2026, baseline_year=2025)\n"
              "print(hashlib.sha256(charts.png(ch) + charts.svg(ch).encode()).hexdigest())\n")
    digests = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLCONFIGDIR": str(tmp_path / seed)}
        out = subprocess.run([sys.executable, "-c", script, str(REPO / "tests"), str(REPO)], env=env,
                             capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


# ------------------------------------------------------------------ Word


def test_word_document_has_charts_with_alt_text_and_fixed_properties():
    data = writers.render_document(leer_result(), "feststellung", "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        document_xml = archive.read("word/document.xml").decode("utf-8")
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2027, 1, 15, 0, 0, 0)}  # the data vintage, not the clock
    assert sum(1 for i in infos if i.filename.startswith("word/media/")) == 6  # 4 figures, 2 timelines
    assert document_xml.count('descr="Integrationsquote') == 3
    text = plain(docx_text(data))
    assert "author: zieldsl" in text and "created: 2027-01-15T00:00:00" in text
    assert ("[Normal] Das Ziel 3 ist nicht erreicht. Der durchschnittliche Bestand an "
            "Langzeitleistungsbeziehenden sank") in text
    assert "{{" not in text and "{%" not in text


def test_word_templates_in_the_repository_are_what_the_build_script_makes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_docx_templates", REPO / "tools" / "build_docx_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = tmp_path
    for name, build in (("feststellung.docx", module.feststellung), ("zwischenbericht.docx", module.zwischenbericht),
                        ("vereinbarung.docx", module.vereinbarung),
                        ("landesuebersicht.docx", module.landesuebersicht)):
        built = module.save(build(), name).read_bytes()
        assert built == (REPO / "templates" / name).read_bytes(), f"{name}: build_docx_templates.py neu ausführen"


# ------------------------------------------------------------------ golden files of the bundled example

CASES = [("feststellung", None), ("zwischenbericht", "2026-06"), ("vereinbarung", None)]


@pytest.mark.parametrize("output_format", ["md", "html", "docx"])
@pytest.mark.parametrize("kind,as_of", CASES)
def test_bundled_example_matches_golden_file(kind, as_of, output_format):
    data = writers.render_document(bundled(as_of), kind, output_format)
    if output_format == "docx":
        assert_golden(f"leer-2026.{kind}.docx.txt", docx_text(data))
    else:
        text = data.decode("utf-8")
        assert_golden(f"leer-2026.{kind}.{output_format}", html_for_golden(text) if output_format == "html" else text)


def test_musterkreis_feststellung_matches_golden_file():
    """The fictitious county judged on its example data: every wording, mixed statuses, actuals from one row."""
    data = writers.render_document(bundled(None, MUSTERKREIS), "feststellung", "md")
    assert_golden("musterkreis-2026.feststellung.md", data.decode("utf-8"))


@pytest.mark.parametrize("output_format", ["md", "html", "docx"])
def test_every_kind_renders_for_an_agreement_with_every_wording_and_no_data(output_format, tmp_path):
    """The fictitious Musterkreis agreement uses every kind of condition; without data all are not assessable."""
    alone = tmp_path / "musterkreis-2026.ziel"  # away from its example data
    alone.write_text((REPO / "vereinbarungen" / "musterkreis-2026.ziel").read_text(encoding="utf-8"), encoding="utf-8")
    result = evaluate_files([alone], [], None, [])[0]
    for kind in documents.KINDS:
        data = writers.render_document(result, kind, output_format)
        text = docx_text(data) if output_format == "docx" else data.decode("utf-8")
        assert "{{" not in text and "Traceback" not in text
    text = md(result, "vereinbarung")
    assert ("Das Ziel ist im Jahr 2026 erreicht, wenn die Integrationsquote des Landkreises Musterkreis einen Wert "
            "von 31,1 % erreicht und mindestens 612 Integrationen erreicht werden, davon mindestens 258 von "
            "Frauen.") in text
    assert ("Das Ziel ist im Jahr 2026 erreicht, wenn der durchschnittliche Bestand an Langzeitleistungsbeziehenden "
            "des Landkreises Musterkreis um mindestens 0,25 % im Vergleich zum Jahr 2025 reduziert wird") in text
    assert "- ein telefonisches Servicecenter eingerichtet oder" in text
    report = md(result, "feststellung")
    assert "Das Ziel 2 ist nicht bewertbar: Für den Träger »99999« enthalten die Daten keine Zeilen." in report


# ------------------------------------------------------------------ Word layout, letterhead, PDF


def _docx(result, kind="feststellung", **letterhead):
    from zieldsl.api import render_document

    return render_document(result, kind, "docx", **letterhead)


def test_word_tables_are_fitted_to_their_content_and_break_no_words():
    import docx
    from docx.oxml.ns import qn

    from zieldsl.documents import word_layout

    document = docx.Document(io.BytesIO(_docx(bundled())))
    text_width = (document.sections[0].page_width - document.sections[0].left_margin
                  - document.sections[0].right_margin) / 635
    fitted = 0
    for table in document.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) <= text_width + len(grid)
        if "zieldsl:fest" in table._tbl.xml:
            continue  # the letterhead keeps its own widths
        fitted += 1
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
            for cell, width in zip(row.cells, grid):
                for paragraph in cell.paragraphs:
                    size = next((r.font.size.pt for r in paragraph.runs if r.font.size), 11)
                    bold = any(r.bold for r in paragraph.runs)
                    for word in paragraph.text.split():
                        room = width / 20 - word_layout.CELL_PADDING_PT
                        assert word_layout.text_width_pt(word, size, bold) <= room + 0.5, (word, grid)
    assert fitted >= 10
    first = document.tables[2]  # Ziel 2: the figures table
    widths = {int(col.get(qn("w:w"))) for col in first._tbl.tblGrid.findall(qn("w:gridCol"))}
    assert len(widths) > 2  # not the equal widths of the template


def test_word_keeps_headings_results_and_charts_with_what_follows():
    import docx

    document = docx.Document(io.BytesIO(_docx(bundled())))
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text.startswith("Ergebnis: "):
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
            assert paragraphs[index + 1].paragraph_format.keep_with_next  # the summary stays with its table
        if paragraph._p.xpath(".//w:drawing"):
            assert paragraph.paragraph_format.keep_with_next  # an image stays with its caption
            assert paragraphs[index + 1].text.startswith("Abbildung:")


def test_signature_block_of_the_agreement_stays_on_one_page():
    import docx

    document = docx.Document(io.BytesIO(_docx(bundled(), "vereinbarung")))
    texts = [p.text for p in document.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("Hannover, den")) - 1
    end = max(i for i, t in enumerate(texts) if t.startswith("für den Landkreis") or "Landkreis Leer" == t)
    block = document.paragraphs[start:end + 1]
    assert len(block) >= 8
    assert all(p.paragraph_format.keep_with_next for p in block[:-1])
    assert not block[-1].paragraph_format.keep_with_next


def test_letterhead_takes_file_number_clerk_and_date_or_marks_them(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from zieldsl.cli.main import main

    plain = md(bundled())
    assert "\n**Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung**\n" in plain
    assert "Aktenzeichen: (bitte eintragen) · Bearbeitung: (bitte eintragen) · Datum: 5. Januar 2027" in plain
    runner = CliRunner()
    monkeypatch.chdir(REPO)
    out = tmp_path / "f.docx"
    result = runner.invoke(main, ["draft", LEER, "--reference", "105.3-43015/2026", "--clerk", "Frau Meyer",
                                  "--date", "2027-03-12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = docx_text(out.read_bytes())
    assert "| Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung | " \
           "Aktenzeichen: 105.3-43015/2026\nBearbeitung: Frau Meyer\nDatum: 12. März 2027 |" in text
    bad = runner.invoke(main, ["draft", LEER, "--date", "12.03.2027"])
    assert bad.exit_code == 2 and "JJJJ-MM-TT" in bad.output


def test_pdf_from_the_html_is_reproducible(tmp_path):
    from zieldsl.diagnostics import ZielError

    try:
        first = writers.render_document(bundled(), "feststellung", "pdf")
    except ZielError as err:  # WeasyPrint is an extra; without it the user gets ZD530, not a traceback
        assert err.diagnostics[0].code == "ZD530"
        pytest.skip("WeasyPrint nicht installiert")
    assert first.startswith(b"%PDF-") and first == writers.render_document(bundled(), "feststellung", "pdf")
    assert writers.format_for(tmp_path / "x.pdf") == "pdf"



# ------------------------------------------------------------------ typography, the Land's assessment, house style


def test_typography_is_german_in_every_format():
    """A number never parts from its unit at a line end; a minus is a minus sign; the same in all formats."""
    text = writers.render_document(bundled(), "feststellung", "md").decode("utf-8")
    assert "das sind +6,2\u00a0%; vereinbart waren +5,8\u00a0%" in text
    assert "\u22122,8\u00a0%" in text and "9.327.771\u00a0EUR" in text
    assert not re.search(r"\d %", text) and not re.search(r"(^|\s)-\d", text, flags=re.M)
    html = writers.render_document(bundled(), "feststellung", "html").decode("utf-8")
    assert "\u22122,8\u00a0%" in html
    word = docx_text(writers.render_document(bundled(), "feststellung", "docx"))
    assert "\u22122,8\u00a0%" in word and "+0,4\u00a0Prozentpunkte" in word
    from zieldsl import german

    assert german.typeset('Quote "neu" -1,5 % und 3 EUR') == "Quote \u201eneu\u201c \u22121,5\u00a0% und 3\u00a0EUR"
    assert german.typeset("2026-06, K3-Quote, leer-2026.ziel") == "2026-06, K3-Quote, leer-2026.ziel"


@given(st.text(alphabet=st.sampled_from(list('0123456789٣ -%"()[]/;:\nEURoPp.aäzK')), max_size=60))
def test_typesetting_skips_only_what_cannot_change(text):
    """typeset leaves out the unit and minus rules for texts without a digit and the quote rule without a quote
    (for speed): the same text as all three rules in a row."""
    from zieldsl import german

    full = german._STRAIGHT_QUOTES.sub("\u201e\\1\u201c", german._MINUS.sub(
        "\\1\u2212", german._UNIT_SPACE.sub("\\1\u00a0\\2", text)))
    assert german.typeset(text) == full


def _agreement_copy(tmp_path) -> Path:
    import shutil

    folder = tmp_path / "vereinbarungen"
    shutil.copytree(REPO / "vereinbarungen", folder)
    return folder / "leer-2026.ziel"


def test_assessment_file_is_included_verbatim_and_never_overwritten(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from zieldsl.cli.main import main

    agreement = _agreement_copy(tmp_path)
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["draft", str(agreement.relative_to(tmp_path)), "-o", "ohne.md"])
    assert result.exit_code == 0, result.output
    without = (tmp_path / "ohne.md").read_text(encoding="utf-8")
    # the placeholder's brackets are escaped like every value of a Markdown document (they render as brackets)
    assert "*\\[Würdigung des Landes: in »leer-2026.wuerdigung.md« unter »## Ziel 2« eintragen.\\]*" in without
    assert "Würdigung der Umstände durch das Land: in »leer-2026.wuerdigung.md«" in without
    assert not (tmp_path / "vereinbarungen" / "leer-2026.wuerdigung.md").exists()  # zieldsl never writes it

    text = ("# Würdigung des Landes 2026\n\n## Ziel 2\n\nDer Anstieg beruht vor allem auf mehr Integrationen;\n"
            "der Rückgang der eLb trug wenig bei.\n\nZweiter Absatz.\n\n- erstens **wichtig**\n- zweitens <script>x</script>\n\n## Teilziel 2.1\n\nDie Männer verfehlen knapp.\n\n"
            "## Umstände (§ 3 Abs. 4 und 5)\n\nDie Neue Grundsicherung wirkte ab Juli.\n")
    path = tmp_path / "vereinbarungen" / "leer-2026.wuerdigung.md"
    path.write_text(text, encoding="utf-8")
    for name in ("mit.md", "mit.html", "mit.docx", "mit.md"):
        result = runner.invoke(main, ["draft", str(agreement.relative_to(tmp_path)), "-o", name])
        assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == text  # regenerating never touches the assessment
    with_it = (tmp_path / "mit.md").read_text(encoding="utf-8")
    section = with_it.split("## Ziel 2:", 1)[1].split("## Ziel 3:", 1)[0]
    assert ("### Würdigung des Landes\n\nDer Anstieg beruht vor allem auf mehr Integrationen;\nder Rückgang der eLb "
            "trug wenig bei.\n\nZweiter Absatz.") in section
    # the Land's own Markdown keeps its lists and emphasis; HTML in it is escaped, never active
    assert "\n- erstens **wichtig**\n- zweitens &lt;script>x&lt;/script>\n" in section
    assert "#### Würdigung zu Geschlechterspezifisches Ziel (2.1)\n\nDie Männer verfehlen knapp." in section
    assert "Die Neue Grundsicherung wirkte ab Juli." in with_it and "eintragen.\\]" not in section
    html = (tmp_path / "mit.html").read_text(encoding="utf-8")
    assert "<p>Der Anstieg beruht vor allem auf mehr Integrationen; der Rückgang der eLb trug wenig bei.</p>" in html
    word = docx_text((tmp_path / "mit.docx").read_bytes())
    assert "[Normal] Zweiter Absatz." in word and "[Normal] Die Neue Grundsicherung wirkte ab Juli." in word


def test_house_style_example_template_changes_the_look_not_the_text():
    import importlib.util

    import docx

    spec = importlib.util.spec_from_file_location("build_docx_templates", REPO / "tools" / "build_docx_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    example = REPO / "docs" / "beispiele" / "hausstil"
    buffer = io.BytesIO()
    module.hausstil().save(buffer)
    assert writers.normalise_zip(buffer.getvalue(), module.BUILD_DATE.date()) == \
        (example / "feststellung.docx").read_bytes(), "build_docx_templates.py neu ausführen"

    styled = writers.render_document(bundled(), "feststellung", "docx", example)
    bundled_text = docx_text(writers.render_document(bundled(), "feststellung", "docx"))
    styled_text = docx_text(styled)
    body = lambda text: text.split("# Text", 1)[1].split("# Kopf- und Fußzeile", 1)[0]  # noqa: E731
    assert body(styled_text) == body(bundled_text)
    assert "Referat 105 – Landkreis Leer" in styled_text
    document = docx.Document(io.BytesIO(styled))
    assert document.styles["Normal"].font.name == "Liberation Serif"
    assert str(document.styles["Heading 1"].font.color.rgb) == "8B1A1A"
