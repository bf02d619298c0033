"""Every way real agreements word a target (domain.md § 4) parses to the right syntax tree.

Each wording is checked through the public API inside a small agreement; the
fields the evaluator and the documents rely on are pinned: measure, verb,
qualifier, value with its written decimals, unit and group. Keywords are
case-insensitive and have ASCII spellings (maenner, traeger, hoechstens).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from zieldsl.language import nodes as n
from zieldsl.api import check_text, load_agreement

HEADER = '''vereinbarung probe_2026 "Probe" {
    träger "Landkreis Probe" kennung "00000"
    zieljahr 2026
    vergleichsjahr 2025
'''


def agreement_with(body: str) -> n.Agreement:
    (checked,) = check_text(HEADER + body + "\n}\n", "wortlaut.ziel")
    return checked.agreement


def target_with(items: str) -> n.Target:
    agreement = agreement_with('    ziel 1 probe "Probe" {\n        ' + items + "\n    }")
    return agreement.of(n.Target)[0]


def decimals(value: Decimal) -> int:
    return -value.as_tuple().exponent


CONDITIONS = [
    # wording, (group, indicator, measure, verb, qualifier, value, unit), decimals written
    ("K2 steigt um 5,8 %", (None, "K2", "change", "steigt", None, "5.8", "%"), 1),
    ("K3 sinkt um 2,3 %", (None, "K3", "change", "sinkt", None, "2.3", "%"), 1),
    ("K2 sinkt um nicht mehr als 1,5 %", (None, "K2", "change", "sinkt", "nicht_mehr_als", "1.5", "%"), 1),
    ("K1E1 steigt um maximal 14 %", (None, "K1E1", "change", "steigt", "maximal", "14", "%"), 0),
    ("K1E1 steigt um höchstens 4,6 %", (None, "K1E1", "change", "steigt", "höchstens", "4.6", "%"), 1),
    ("K1E1 steigt um hoechstens 4,6 %", (None, "K1E1", "change", "steigt", "höchstens", "4.6", "%"), 1),
    ("K3 sinkt um mindestens 0,25 %", (None, "K3", "change", "sinkt", "mindestens", "0.25", "%"), 2),
    ("K2 steigt um 5,80 %", (None, "K2", "change", "steigt", None, "5.80", "%"), 2),
    ("K2E3 bleibt gleich", (None, "K2E3", "direction", "bleibt_gleich", None, None, None), None),
    ("K1 steigt nicht", (None, "K1", "direction", "steigt_nicht", None, None, None), None),
    ("K2 sinkt nicht", (None, "K2", "direction", "sinkt_nicht", None, None, None), None),
    ("K1 sinkt", (None, "K1", "direction", "sinkt", None, None, None), None),
    ("K2 steigt", (None, "K2", "direction", "steigt", None, None, None), None),
    ("K2 erreicht 31,1 %", (None, "K2", "level", "erreicht", None, "31.1", "%"), 1),
    ("K2 beträgt 31,1 %", (None, "K2", "level", "beträgt", None, "31.1", "%"), 1),
    ("K3E1 beträgt mindestens 7,5 %", (None, "K3E1", "level", "beträgt", "mindestens", "7.5", "%"), 1),
    ("K1E3 betraegt hoechstens 12 %", (None, "K1E3", "level", "beträgt", "höchstens", "12", "%"), 0),
    ("K2 steigt um 1,2 prozentpunkte", (None, "K2", "change", "steigt", None, "1.2", "prozentpunkte"), 1),
    ("K3E2 sinkt um höchstens 0,5 Prozentpunkte",
     (None, "K3E2", "change", "sinkt", "höchstens", "0.5", "prozentpunkte"), 1),
    ("frauen K2 steigt um 7,3 %", ("frauen", "K2", "change", "steigt", None, "7.3", "%"), 1),
    ("männer K2 steigt um 4,4 %", ("maenner", "K2", "change", "steigt", None, "4.4", "%"), 1),
    ("maenner K2 steigt um 4,4 %", ("maenner", "K2", "change", "steigt", None, "4.4", "%"), 1),
    ("Männer K2 steigt um 4,4 %", ("maenner", "K2", "change", "steigt", None, "4.4", "%"), 1),
    ("gesamt K2 steigt um 5,8 %", ("gesamt", "K2", "change", "steigt", None, "5.8", "%"), 1),
    ("frauen K2 erreicht 30 %", ("frauen", "K2", "level", "erreicht", None, "30", "%"), 0),
    ("K2E4 steigt um 3,5 %", (None, "K2E4", "change", "steigt", None, "3.5", "%"), 1),
    ("K3E1 steigt um 4 %", (None, "K3E1", "change", "steigt", None, "4", "%"), 0),
    ("K2 STEIGT UM 5,8 %", (None, "K2", "change", "steigt", None, "5.8", "%"), 1),
    ("K3 Sinkt Um Mindestens 0,25 %", (None, "K3", "change", "sinkt", "mindestens", "0.25", "%"), 2),
    ("K2 sinkt um NICHT MEHR ALS 1,5 %", (None, "K2", "change", "sinkt", "nicht_mehr_als", "1.5", "%"), 1),
    ("K2E3 Bleibt Gleich", (None, "K2E3", "direction", "bleibt_gleich", None, None, None), None),
    ("FRAUEN K2 ERREICHT 31,1 %", ("frauen", "K2", "level", "erreicht", None, "31.1", "%"), 1),
]


@pytest.mark.parametrize("wording, expected, places", CONDITIONS, ids=[c[0] for c in CONDITIONS])
def test_condition_wording(wording, expected, places):
    (condition,) = target_with(wording).of(n.Condition)
    group, indicator, measure, verb, qualifier, value, unit = expected
    assert condition.group == group
    assert condition.indicator == indicator
    assert condition.measure == measure
    assert condition.verb == verb
    assert condition.qualifier == qualifier
    assert condition.unit == unit
    if value is None:
        assert condition.value is None
    else:
        assert type(condition.value) is Decimal
        assert condition.value == Decimal(value)
        assert decimals(condition.value) == places


def test_condition_span_points_at_the_indicator():
    (condition,) = target_with("frauen K2 steigt um 7,3 %").of(n.Condition)
    assert (condition.span.line, condition.span.column) == (6, 9)
    assert (condition.indicator_span.line, condition.indicator_span.column) == (6, 16)


@pytest.mark.parametrize("wording, series, minimum, parts", [
    ("anzahl integrationen mindestens 612, davon frauen mindestens 258",
     "integrationen", "612", [("frauen", "258")]),
    ("anzahl integrationen mindestens 1.612, davon frauen mindestens 758 und männer mindestens 800",
     "integrationen", "1612", [("frauen", "758"), ("maenner", "800")]),
    ("anzahl integrationen mindestens 612", "integrationen", "612", []),
    ("Anzahl integrationen Mindestens 612, Davon maenner mindestens 300", "integrationen", "612",
     [("maenner", "300")]),
    ("anzahl integrationen_lzb mindestens 95", "integrationen_lzb", "95", []),
])
def test_absolute_counts_with_gender_parts(wording, series, minimum, parts):
    (count,) = target_with(wording).of(n.CountCondition)
    assert count.series == series
    assert count.minimum == Decimal(minimum) and type(count.minimum) is Decimal
    assert [(p.group, p.minimum) for p in count.parts] == [(g, Decimal(v)) for g, v in parts]


@pytest.mark.parametrize("wording, group, indicator, forecast", [
    ("beobachtung K1", None, "K1", None),
    ("beobachtung frauen K2", "frauen", "K2", None),
    ("beobachtung K1E2 prognose sinkt um 1,0 %", None, "K1E2", ("sinkt", "1.0", "%")),
    ("Beobachtung K2 Prognose steigt um 0,5 Prozentpunkte", None, "K2", ("steigt", "0.5", "prozentpunkte")),
    ("beobachtung männer K3E1 prognose steigt um 2 %", "maenner", "K3E1", ("steigt", "2", "%")),
    ("beobachtung bedarfsdeckende_integrationen", None, "bedarfsdeckende_integrationen", None),
])
def test_monitoring_with_and_without_forecast(wording, group, indicator, forecast):
    (monitoring,) = target_with(wording).of(n.Monitoring)
    assert (monitoring.group, monitoring.indicator) == (group, indicator)
    if forecast is None:
        assert monitoring.forecast is None
    else:
        f = monitoring.forecast
        assert (f.direction, f.value, f.unit) == (forecast[0], Decimal(forecast[1]), forecast[2])
        assert decimals(f.value) == decimals(Decimal(forecast[1]))


def test_several_monitoring_lines_in_one_target_keep_their_order():
    target = target_with("beobachtung K1\n beobachtung K1E2 prognose sinkt um 1 %\n beobachtung frauen K2")
    assert [(m.group, m.indicator) for m in target.of(n.Monitoring)] == [
        (None, "K1"), (None, "K1E2"), ("frauen", "K2")]


@pytest.mark.parametrize("wording, indicator, groups", [
    ("beobachtung abstand K2 zwischen frauen und männern", "K2", ("frauen", "maenner")),
    ("beobachtung abstand K3E1 zwischen maennern und frauen", "K3E1", ("maenner", "frauen")),
    ("BEOBACHTUNG ABSTAND K2 ZWISCHEN FRAUEN UND MÄNNERN", "K2", ("frauen", "maenner")),
])
def test_gap_monitoring(wording, indicator, groups):
    (gap,) = target_with(wording).of(n.GapMonitoring)
    assert (gap.indicator, gap.group_a, gap.group_b) == (indicator, *groups)


@pytest.mark.parametrize("wording, indicators", [
    ("ergänzungsgrößen K2E1, K2E2, K2E3", ("K2E1", "K2E2", "K2E3")),
    ("ergaenzungsgroessen K3E1, K3E2", ("K3E1", "K3E2")),
    ("ergänzungsgröße K2E4", ("K2E4",)),
    ("ergaenzungsgroesse K1E1", ("K1E1",)),
])
def test_supplementary_indicators(wording, indicators):
    (supplementary,) = target_with(wording).of(n.Supplementary)
    assert supplementary.indicators == indicators


def test_milestones_with_deadlines_and_rule():
    target = target_with(
        'schritt konzept "Fachkonzept" frist 31.03.2026\n'
        'schritt pilot "Pilotbetrieb"\n'
        'bedingung eingefuehrt "eingeführt" frist 31.12.2026\n'
        "erreicht wenn alle schritte und eingefuehrt")
    assert [(s.id, s.text, s.deadline) for s in target.of(n.Step)] == [
        ("konzept", "Fachkonzept", datetime.date(2026, 3, 31)), ("pilot", "Pilotbetrieb", None)]
    (condition,) = target.of(n.MilestoneCondition)
    assert (condition.id, condition.text, condition.deadline) == ("eingefuehrt", "eingeführt", datetime.date(2026, 12, 31))
    (rule,) = target.of(n.Rule)
    assert [(t.kind, t.value) for t in rule.terms] == [("all", "schritte"), ("name", "eingefuehrt")]


@pytest.mark.parametrize("wording, terms", [
    ("erreicht wenn alle bedingungen", [("all", "bedingungen")]),
    ("erreicht wenn eine bedingung", [("any", "bedingungen")]),
    ("Erreicht Wenn Eine Bedingung", [("any", "bedingungen")]),
    ("ERREICHT WENN ALLE BEDINGUNGEN UND ALLE TEILZIELE", [("all", "bedingungen"), ("all", "teilziele")]),
])
def test_combination_rules(wording, terms):
    target = target_with(f'K2 steigt\n K3 sinkt\n teilziel frauen "Frauen" {{ frauen K2 steigt }}\n {wording}')
    (rule,) = target.of(n.Rule)
    assert [(t.kind, t.value) for t in rule.terms] == terms


def test_subtarget_with_its_own_values_and_the_parent_needing_all_subtargets():
    agreement = agreement_with('''
    ziel 2 integration "Integration" {
        K2 erreicht 31,1 %
        teilziel frauen "Integrationsquote der Frauen" {
            frauen K2 steigt um 1,2 prozentpunkte
        }
        teilziel maenner "Integrationsquote der Männer" {
            männer K2 steigt
        }
        erreicht wenn alle bedingungen und alle teilziele
    }''')
    (target,) = agreement.of(n.Target)
    assert [(s.kind, s.id, s.number) for s in target.of(n.Target)] == [
        ("teilziel", "frauen", None), ("teilziel", "maenner", None)]
    assert target.of(n.Target)[0].of(n.Condition)[0].unit == "prozentpunkte"


def test_principle_names_what_it_watches():
    agreement = agreement_with('''
    grundsatz 6 gleichstellung "Gleichstellung" {
        text "Das Prinzip der Gleichstellung ist zu verfolgen."
        beobachtung frauen K2
        beobachtung abstand K2 zwischen frauen und männern
    }''')
    (principle,) = agreement.of(n.Target)
    assert (principle.kind, principle.number) == ("grundsatz", "6")
    assert principle.of(n.Condition) == []


def test_own_indicator_defined_in_the_agreement_is_a_ratio_in_the_catalogue():
    text = HEADER + '''
    reihe frauen_in_massnahmen "Frauen in Maßnahmen" bestand
    reihe in_massnahmen "Teilnehmende in Maßnahmen" bestand
    kennzahl frauenanteil "Frauenanteil in Maßnahmen" {
        definition "Frauen je Teilnehmende"
        formel anteil(frauen_in_massnahmen, in_massnahmen)
        gut steigt
    }
    ziel 7 massnahmen "Frauen in Maßnahmen" {
        frauenanteil beträgt mindestens 45,0 %
    }
}
'''
    (checked,) = check_text(text, "eigene.ziel")
    (definition,) = checked.agreement.of(n.IndicatorDef)
    assert (definition.kind, definition.code, definition.good) == ("kennzahl", "frauenanteil", "steigt")
    assert (definition.formula.function, definition.formula.args) == ("anteil", ("frauen_in_massnahmen", "in_massnahmen"))
    indicator = checked.catalog.indicators["frauenanteil"]
    assert indicator.is_ratio and indicator.args == ("frauen_in_massnahmen", "in_massnahmen")
    assert checked.agreement.of(n.Target)[0].of(n.Condition)[0].value == Decimal("45.0")


@pytest.mark.parametrize("umlaut, ascii_spelling", [
    ('träger "Landkreis Probe"', 'traeger "Landkreis Probe"'),
    ('berücksichtigung a "Text"', 'beruecksichtigung a "Text"'),
    ('rechtsänderung "Gesetz" ab 01.07.2026', 'rechtsaenderung "Gesetz" ab 01.07.2026'),
    ("abschluss jahresendwerte ohne wartezeit im frühjahr 2027", "abschluss jahresendwerte ohne wartezeit im fruehjahr 2027"),
])
def test_ascii_spellings_mean_the_same(umlaut, ascii_spelling):
    def parsed(line: str):
        body = line if line.startswith(("träger", "traeger")) else 'träger "Landkreis Probe"\n' + line
        (checked,) = check_text(f'vereinbarung p "P" {{\n zieljahr 2026\n {body}\n}}\n', "ascii.ziel")
        return checked.agreement.items
    assert parsed(umlaut) == parsed(ascii_spelling)


@pytest.mark.parametrize("line, basis, waiting, vintage", [
    ("bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand", "jahresfortschrittswerte", False, "gleicher"),
    ("bewertung jahresfortschrittswerte ohne wartezeit, gemeinsamer ladestand",
     "jahresfortschrittswerte", False, "gemeinsamer"),
    ("Bewertung Jahresendwerte mit Wartezeit, Gemeinsamer Ladestand", "jahresendwerte", True, "gemeinsamer"),
])
def test_evaluation_basis(line, basis, waiting, vintage):
    evaluation = agreement_with("    " + line).first(n.Evaluation)
    assert (evaluation.basis, evaluation.waiting_period, evaluation.vintage_policy) == (basis, waiting, vintage)


@pytest.mark.parametrize("line, expected", [
    ('annahme alq "Arbeitslosenquote" von 6,6 % auf 6,7 %', (None, None, "6.6", "6.7", "%", "%")),
    ('annahme alq "Arbeitslosenquote" steigt um 0,2 prozentpunkte', ("steigt", "0.2", None, None, "prozentpunkte", None)),
    ('annahme svb "Beschäftigte" sinkt um 0,1 %', ("sinkt", "0.1", None, None, "%", None)),
])
def test_assumptions(line, expected):
    a = agreement_with("    " + line).first(n.Assumption)
    direction, value, value_from, value_to, unit, unit_to = expected
    dec = (lambda v: Decimal(v) if v is not None else None)
    assert (a.direction, a.value, a.value_from, a.value_to, a.unit, a.unit_to) == (
        direction, dec(value), dec(value_from), dec(value_to), unit, unit_to)


def test_budget_with_thousands_dots():
    budget = agreement_with('    mittel verwaltungskosten "Verwaltungskosten" 9.327.771 EUR').first(n.Budget)
    assert budget.amount == Decimal("9327771")


def test_comments_are_kept_beside_the_tree():
    (checked,) = check_text(HEADER + "    # Zielwerte nach Rücksprache\n}  # Ende\n", "kommentar.ziel")
    assert checked.agreement.first(n.TargetYear).year == 2026
    from zieldsl.language.parser import parse_text

    document = parse_text(HEADER + "    # Zielwerte nach Rücksprache\n}  # Ende\n", "kommentar.ziel")
    assert [(c.text, c.line, c.own_line) for c in document.comments] == [
        ("# Zielwerte nach Rücksprache", 5, True), ("# Ende", 6, False)]


# ---------------------------------------------------------------- the second agreement uses them all


@pytest.fixture(scope="module")
def musterkreis(musterkreis_path):
    return load_agreement(musterkreis_path)


def test_musterkreis_checks_clean(musterkreis):
    assert musterkreis.warnings == []
    agency = musterkreis.agency
    assert (agency.name, agency.key) == ("Landkreis Musterkreis", "99999")
    assert musterkreis.vintage_policy == "gemeinsamer" and musterkreis.waiting_period is True


def test_musterkreis_uses_every_wording_the_seed_lacks(musterkreis):
    targets = [f.target for f in musterkreis.targets]
    conditions = [c for t in targets for c in t.of(n.Condition)]
    shapes = {(c.measure, c.verb, c.qualifier, c.unit) for c in conditions}
    assert {
        ("change", "sinkt", "nicht_mehr_als", "%"),
        ("change", "steigt", "maximal", "%"),
        ("change", "steigt", "höchstens", "%"),
        ("change", "sinkt", "mindestens", "%"),
        ("direction", "bleibt_gleich", None, None),
        ("direction", "steigt_nicht", None, None),
        ("direction", "sinkt_nicht", None, None),
        ("level", "erreicht", None, "%"),
        ("level", "beträgt", "mindestens", "%"),
        ("change", "steigt", None, "prozentpunkte"),
        ("direction", "sinkt", None, None),
        ("direction", "steigt", None, None),
    } <= shapes
    assert Decimal("0.25") in {c.value for c in conditions}
    assert {"K2E4", "K3E1", "frauenanteil_massnahmen"} <= {c.indicator for c in conditions}
    counts = [c for t in targets for c in t.of(n.CountCondition)]
    assert [(c.series, c.minimum, [(p.group, p.minimum) for p in c.parts]) for c in counts] == [
        ("integrationen", Decimal("612"), [("frauen", Decimal("258"))])]
    monitoring = [m for t in targets for m in t.of(n.Monitoring)]
    assert any(m.forecast for m in monitoring) and any(m.forecast is None for m in monitoring)
    assert any(t.of(n.GapMonitoring) for t in targets if t.kind == "grundsatz")
    assert any(t.of(n.Supplementary) for t in targets)
    assert any(s.deadline for t in targets for s in t.of(n.Step))
    terms = {(term.kind, term.value) for t in targets for r in t.of(n.Rule) for term in r.terms}
    assert {("any", "bedingungen"), ("all", "teilziele"), ("name", "eingefuehrt")} <= terms
    assert musterkreis.agreement.of(n.IndicatorDef) and musterkreis.agreement.of(n.SeriesDef)
    assert any(a.unit == "prozentpunkte" for a in musterkreis.agreement.of(n.Assumption))
    assert musterkreis.agreement.of(n.LegalChange)
