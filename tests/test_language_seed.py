"""Every rule-bearing part of the Leer 2026 agreement is in the parsed file, with its values.

The agreement is loaded as a user loads it (`zieldsl.api.load_agreement`); the
free-text sections are compared paragraph by paragraph with the signed seed text
when the shared folder is beside the clone.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from pathlib import Path

import pytest

from zieldsl.language import nodes as n
from zieldsl.api import check_text, load_agreement

# CI has /work/shared beside the clone as ../shared.
from conftest import SEED_FILE as SEED_TEXT  # noqa: E402


@pytest.fixture(scope="module")
def leer(leer_path):
    return load_agreement(leer_path)


@pytest.fixture(scope="module")
def agreement(leer) -> n.Agreement:
    return leer.agreement


def target(agreement: n.Agreement, number: str) -> n.Target:
    (found,) = [t for t in agreement.of(n.Target) if t.number == number]
    return found


def conditions(t: n.Target) -> list[tuple]:
    return [(c.group, c.indicator, c.measure, c.verb, c.qualifier, c.value, c.unit) for c in t.of(n.Condition)]


def test_checks_without_errors_or_warnings(leer):
    assert leer.id == "leer_2026"
    assert leer.warnings == []


def test_parties(agreement):
    land = agreement.first(n.PartyLand)
    assert land.name == "Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung"
    assert land.short == "MS"
    agency = agreement.first(n.PartyAgency)
    assert (agency.name, agency.short, agency.key) == ("Landkreis Leer", "Leer", "03457")
    assert agency.genitive == "des Landkreises Leer"


def test_legal_basis_and_regulation(agreement):
    assert agreement.first(n.LegalBasis).text == "§ 48b Abs. 1 S. 1 Nr. 4 des Sozialgesetzbuchs Zweites Buch (SGB II)"
    regulation = agreement.first(n.Regulation).text
    assert regulation.startswith("Verordnung zur Festlegung der Kennzahlen nach § 48a")
    assert "vom 12.08.2010 (BGBl. I S. 1152)" in regulation
    assert "Verordnung vom 15. März 2019 (BGBl. I S. 339)" in regulation


def test_years(leer, agreement):
    assert agreement.first(n.TargetYear).year == 2026
    assert agreement.first(n.BaselineYear).year == 2025
    assert (leer.target_year, leer.baseline_year) == (2026, 2025)


def test_signatures(agreement):
    ms, lk = agreement.of(n.Signature)
    assert (ms.party, ms.place, ms.date, ms.signatory, ms.note) == (
        "MS", "Hannover", datetime.date(2026, 1, 29), "Dr. Christine Arbogast", "In Vertretung")
    assert (lk.party, lk.place, lk.date, lk.signatory, lk.note) == (
        "Landkreis Leer", "Leer", datetime.date(2026, 2, 17), "Matthias Groote", None)


def test_assumptions_from_the_iab_forecast(agreement):
    found = {a.id: a for a in agreement.of(n.Assumption)}
    assert list(found) == ["svb_nds", "alo_nds", "alo_sgb2_nds", "alq_emden_leer"]
    assert [(a.direction, a.value, a.unit) for a in list(found.values())[:3]] == [
        ("steigt", Decimal("0.1"), "%"), ("steigt", Decimal("0.5"), "%"), ("steigt", Decimal("2.2"), "%")]
    alq = found["alq_emden_leer"]
    assert alq.title == "Arbeitslosenquote im Agenturbezirk Emden-Leer"
    assert (alq.value_from, alq.unit, alq.value_to, alq.unit_to) == (Decimal("6.6"), "%", Decimal("6.7"), "%")
    assert alq.direction is None and alq.value is None
    assert alq.source == "IAB, regionale Arbeitsmarkt-Prognose"


def test_budget_lines_are_exact_decimals(agreement):
    budgets = [(b.id, b.title, b.amount) for b in agreement.of(n.Budget)]
    assert budgets == [
        ("verwaltungskosten", "Verwaltungskosten", Decimal("9327771")),
        ("eingliederung", "Leistungen zur Eingliederung in Arbeit", Decimal("7616859")),
    ]
    assert all(type(b.amount) is Decimal for b in agreement.of(n.Budget))


def test_target_1_monitors_k1_and_the_quality_of_integrations(agreement):
    t = target(agreement, "1")
    assert (t.kind, t.id, t.title) == ("ziel", "hilfebeduerftigkeit", "Verringerung der Hilfebedürftigkeit")
    assert [(m.group, m.indicator, m.forecast) for m in t.of(n.Monitoring)] == [
        (None, "K1", None), (None, "bedarfsdeckende_integrationen", None), (None, "lzb_4_jahre", None)]
    assert t.of(n.Condition) == [] and t.of(n.Rule) == []


def test_target_2_integration_rate_with_gender_subtarget_needing_both(agreement):
    t = target(agreement, "2")
    assert (t.kind, t.id, t.title) == ("ziel", "integration", "Verbesserung der Integration in Erwerbstätigkeit")
    assert conditions(t) == [(None, "K2", "change", "steigt", None, Decimal("5.8"), "%")]
    assert t.of(n.Supplementary)[0].indicators == ("K2E1", "K2E2", "K2E3", "K2E4")
    (sub,) = t.of(n.Target)
    assert (sub.kind, sub.number, sub.id) == ("teilziel", None, "geschlechterspezifisch")
    assert conditions(sub) == [
        ("frauen", "K2", "change", "steigt", None, Decimal("7.3"), "%"),
        ("maenner", "K2", "change", "steigt", None, Decimal("4.4"), "%"),
    ]
    (rule,) = sub.of(n.Rule)
    assert [(term.kind, term.value) for term in rule.terms] == [("all", "bedingungen")]


def test_target_2_subtarget_is_a_target_of_its_own(leer):
    flat = [(f.number, f.target.id, f.parent) for f in leer.targets]
    assert ("2.1", "geschlechterspezifisch", "integration") in flat


def test_target_3_long_term_benefit_receipt_falls(agreement):
    t = target(agreement, "3")
    assert (t.kind, t.id) == ("ziel", "langzeitleistungsbezug")
    assert conditions(t) == [(None, "K3", "change", "sinkt", None, Decimal("2.3"), "%")]


@pytest.mark.parametrize("number, ident, steps, milestone_conditions", [
    ("4", "dms", ["ist_analyse", "scan_prozess", "vorlagen"], ["eingefuehrt", "effizienz"]),
    ("5", "lissa", ["prozesse", "koordinierung", "schulung"], ["harmonisierung"]),
])
def test_targets_4_and_5_are_milestones(agreement, number, ident, steps, milestone_conditions):
    t = target(agreement, number)
    assert (t.kind, t.id) == ("ziel", ident)
    assert [s.id for s in t.of(n.Step)] == steps
    assert [c.id for c in t.of(n.MilestoneCondition)] == milestone_conditions
    assert all(s.deadline is None for s in t.of(n.Step))
    (rule,) = t.of(n.Rule)
    assert [(term.kind, term.value) for term in rule.terms] == [("all", "schritte"), ("all", "bedingungen")]
    assert t.of(n.Condition) == []


def test_milestone_texts_are_the_agreed_steps(agreement):
    dms = target(agreement, "4")
    assert dms.of(n.Step)[0].text == "IST-Analyse des abzulegenden Schriftguts einschließlich Schutzbedarfsanalyse"
    assert dms.of(n.Step)[1].text == "Festlegung eines Scan-Prozesses"
    assert dms.of(n.MilestoneCondition)[0].text == "das Dokumentenmanagementsystem d.3 eingeführt"
    lissa = target(agreement, "5")
    assert lissa.of(n.Step)[2].text == "Schulung der Mitarbeitenden und manuelle Datenmigration"


def test_target_6_is_a_principle_that_watches_the_gender_gap(agreement):
    t = target(agreement, "6")
    assert (t.kind, t.id, t.title) == ("grundsatz", "gleichstellung", "Gleichstellung von Frauen und Männern im SGB II")
    assert [(m.group, m.indicator) for m in t.of(n.Monitoring)] == [("frauen", "K1E2"), ("frauen", "K2")]
    (gap,) = t.of(n.GapMonitoring)
    assert (gap.indicator, gap.group_a, gap.group_b) == ("K2", "frauen", "maenner")
    assert t.of(n.Condition) == [] and t.of(n.Rule) == []


def test_evaluation_basis(leer, agreement):
    evaluation = agreement.first(n.Evaluation)
    assert (evaluation.basis, evaluation.waiting_period, evaluation.vintage_policy) == (
        "jahresfortschrittswerte", False, "gleicher")
    assert (leer.basis, leer.waiting_period, leer.vintage_policy) == ("jahresfortschrittswerte", False, "gleicher")


def test_the_other_reading_of_the_data_state_is_selectable(leer_path):
    text = leer_path.read_text(encoding="utf-8")
    line = "bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand"
    assert line in text
    (checked,) = check_text(text.replace(line, line.replace("gleicher", "gemeinsamer")), "leer-gemeinsam.ziel")
    assert checked.vintage_policy == "gemeinsamer"
    assert checked.agreement.first(n.Evaluation).vintage_policy == "gemeinsamer"


def test_dialogues_and_final_evaluation(agreement):
    assert agreement.first(n.Dialogues).minimum == 2
    final = agreement.first(n.FinalEvaluation)
    assert (final.basis, final.waiting_period, final.year) == ("jahresendwerte", False, 2027)


def test_considerations_of_paragraph_3_4_and_5(agreement):
    found = {c.id: c.text for c in agreement.of(n.Consideration)}
    assert found == {
        "gesetzliche_neuregelungen":
            "Die Auswirkungen von gesetzlichen Neuregelungen werden bei der Zielnachhaltung berücksichtigt.",
        "haushalt_und_konjunktur":
            "Abweichungen von den unter den finanziellen Rahmenbedingungen genannten Haushaltsmitteln und den "
            "gesamtwirtschaftlichen Eckwerten sowie konjunkturelle und strukturelle Besonderheiten werden bei der "
            "Beurteilung der Zielerreichung ebenso berücksichtigt.",
    }


def test_sections_are_present_in_order(agreement):
    assert [(s.id, s.title) for s in agreement.of(n.Section)] == [
        ("grundsaetze", "Grundsätze"),
        ("rahmenbedingungen", "Rahmenbedingungen"),
        ("verpflichtung", "Verpflichtung der Vereinbarungspartner"),
        ("zielnachhaltung", "Zielnachhaltung und Zieldialoge im Land Niedersachsen"),
    ]


# ---------------------------------------------------------------- verbatim against the signed text


def seed_paragraphs(start: str, stop: str) -> list[str]:
    """The paragraphs of the seed between two headings, markup and bullet lists left out."""
    if not SEED_TEXT.is_file():
        pytest.skip(f"Seed-Text nicht vorhanden: {SEED_TEXT}")
    text = SEED_TEXT.read_text(encoding="utf-8")
    begin = text.index(start) + len(start)
    body = text[begin:text.index(stop, begin)]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body)]
    return [p for p in paragraphs if p and not p.startswith(("- ", "#", "**"))]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def section(agreement: n.Agreement, ident: str) -> str:
    (found,) = [s for s in agreement.of(n.Section) if s.id == ident]
    return found.text


@pytest.mark.parametrize("ident, start, stop", [
    ("grundsaetze", "I. Grundsätze**", "## II. Rahmenbedingungen"),
    ("rahmenbedingungen", "## II. Rahmenbedingungen", "### **III. Vereinbarungen**"),
    ("verpflichtung", "§ 1 Verpflichtung der Vereinbarungspartner**", "#### **§ 2"),
    ("zielnachhaltung", "§ 3 Zielnachhaltung und Zieldialoge im Land Niedersachsen**", "Hannover, den"),
])
def test_sections_are_kept_verbatim(agreement, ident, start, stop):
    expected = seed_paragraphs(start, stop)
    assert len(expected) >= 1
    assert paragraphs(section(agreement, ident)) == expected


def test_rahmenbedingungen_budget_bullets_match_the_budget_lines(agreement):
    if not SEED_TEXT.is_file():
        pytest.skip(f"Seed-Text nicht vorhanden: {SEED_TEXT}")
    text = SEED_TEXT.read_text(encoding="utf-8")
    for budget in agreement.of(n.Budget):
        amount = f"{budget.amount:,}".replace(",", ".")
        assert f"- {budget.title} {amount} Euro" in text


@pytest.mark.parametrize("number, start, stop", [
    ("1", "1. Verringerung der Hilfebedürftigkeit", "2. Verbesserung der Integration"),
    ("3", "3. Vermeidung von langfristigem Leistungsbezug", "Das Ziel ist im Jahr 2026 erreicht, wenn der"),
])
def test_target_texts_are_kept_verbatim(agreement, number, start, stop):
    (text,) = target(agreement, number).of(n.Text)
    assert paragraphs(text.text) == seed_paragraphs(start, stop)


def test_principle_text_is_kept_verbatim(agreement):
    (text,) = target(agreement, "6").of(n.Text)
    assert paragraphs(text.text) == seed_paragraphs("6. Gleichstellung von Frauen und Männern im SGB II", "(2) Hinsichtlich")


def test_catalog_block_in_the_same_file_extends_the_agreement():
    """A Land's own `katalog` beside the agreement makes its indicators usable there."""
    from zieldsl.api import check_text
    from zieldsl.language.catalog import standard_catalog

    text = '''katalog land_nds "Kennzahlen des Landes" {
    reihe eintritte_massnahmen "Eintritte in Maßnahmen" anzahl

    kennzahl eintritte "Eintritte in Maßnahmen" {
        formel summe(eintritte_massnahmen)
        gut steigt
    }
}

vereinbarung x "X" {
    träger "T" kennung "1"
    zieljahr 2026

    ziel 1 a "A" {
        eintritte steigt um 2 %
    }
}
'''
    (checked,) = check_text(text, "land.ziel")
    assert checked.catalog.indicators["eintritte"].unit == "Anzahl"
    assert "eintritte" not in standard_catalog().indicators
