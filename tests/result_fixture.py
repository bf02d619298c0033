"""A hand-made evaluation result for the Leer agreement, for document tests that must not
depend on the evaluator: it covers every kind of target the seed has (judged figures
with a gender subtarget, monitoring, milestones, a principle) and a miss with a distance.
"""

from __future__ import annotations

import datetime
from decimal import Decimal as D

from zieldsl.evaluation.distance import margin
from zieldsl.results import (
    AgreementResult,
    AssumptionResult,
    BudgetLine,
    ConditionResult,
    Framework,
    InputFile,
    LegalChangeResult,
    MonthlyValue,
    Party,
    Reason,
    Section,
    Signature,
    SourceRef,
    StepResult,
    TargetResult,
)

FILE = "vereinbarungen/leer-2026.ziel"


def _monthly(baseline_year_end: D, actual_year_end: D, upto: int, places: int = 2, flat: bool = False):
    out = []
    for month in range(1, 13):
        share = D(1) if flat else D(month) / D(12)
        wobble = D(month % 3 - 1) / D(100)
        base = (baseline_year_end * share * (1 + wobble / 10)).quantize(D(1).scaleb(-places))
        act = (actual_year_end * share * (1 + wobble / 8)).quantize(D(1).scaleb(-places)) if month <= upto else None
        out.append(MonthlyValue(month, act, base))
    return tuple(out)


def _cond(indicator, title, group, kind, wording, baseline, actual, change, threshold, operator, status,
          *, unit="%", value_unit="%", verb="steigt", stated=None, upto=12, flat=False, line=1, decimals=1,
          reasons=(), qualifier=None):
    rounded = change.quantize(D(1).scaleb(-decimals)) if change is not None else None
    distance = margin(rounded, operator, threshold) if (threshold is not None and rounded is not None
                                                        and operator) else None
    return ConditionResult(
        indicator=indicator, indicator_title=title, group=group, kind=kind, wording=wording, unit=unit,
        value_unit=value_unit, baseline=baseline, actual=actual, change=change, change_rounded=rounded,
        threshold=threshold, operator=operator, decimals=decimals, distance=distance, status=status,
        reasons=reasons or (Reason("berechnung", f"{title}: {wording}", SourceRef(FILE, line, 9)),),
        source=SourceRef(FILE, line, 9),
        monthly=_monthly(baseline, actual, upto, flat=flat) if baseline is not None and actual is not None else (),
        verb=verb if kind != "beobachtung" and kind != "ergaenzung" and kind != "abstand" else None,
        qualifier=qualifier, stated_value=stated,
    )


def leer_result(as_of: str = "2026-12") -> AgreementResult:
    final = as_of.endswith("-12")
    upto = int(as_of[5:])
    k = D(1) if final else D(upto) / D(12)
    q = lambda v: (v * k).quantize(D("0.0001"))  # noqa: E731

    k2 = _cond("K2", "Integrationsquote", "gesamt", "veraenderung", "K2 steigt um 5,8 %",
               q(D("21.4")), q(D("22.75")), D("6.3084"), D("5.8"), ">=", "erreicht", stated=D("5.8"), upto=upto,
               line=84)
    k2f = _cond("K2", "Integrationsquote", "frauen", "veraenderung", "frauen K2 steigt um 7,3 %",
                q(D("18.2")), q(D("19.6")), D("7.6923"), D("7.3"), ">=", "erreicht", stated=D("7.3"), upto=upto,
                line=93)
    k2m = _cond("K2", "Integrationsquote", "maenner", "veraenderung", "männer K2 steigt um 4,4 %",
                q(D("24.3")), q(D("25.4")), D("4.5267"), D("4.4"), ">=", "erreicht", stated=D("4.4"), upto=upto,
                line=94)
    k3 = _cond("K3", "Veränderung des Bestands an Langzeitleistungsbeziehenden", "gesamt", "veraenderung",
               "K3 sinkt um 2,3 %", D("4102.5"), D("4022.4"), D("-1.9525"), D("-2.3"), "<=", "nicht_erreicht",
               value_unit="Anzahl", verb="sinkt", stated=D("2.3"), upto=upto, flat=True, line=103)
    sup = lambda code, title, b, a, ch: _cond(code, title, "gesamt", "ergaenzung", code, b, a, ch, None, None,  # noqa: E731
                                              "beobachtet", upto=upto, line=85)
    targets = (
        TargetResult(
            id="hilfebeduerftigkeit", number="1", title="Verringerung der Hilfebedürftigkeit", kind="beobachtung",
            status="beobachtet",
            texts=("Ziel ist es, dass erwerbsfähige Leistungsberechtigte ihren Lebensunterhalt unabhängig von der "
                   "Grundsicherung nach dem SGB II aus eigenen Mitteln und Kräften bestreiten.",),
            monitoring=(
                _cond("K1", "Veränderung der Summe der Leistungen zum Lebensunterhalt", "gesamt", "beobachtung",
                      "beobachtung K1", q(D("31245678")), q(D("30876543")), D("-1.1814"), None, None, "beobachtet",
                      value_unit="EUR", upto=upto, line=70),
                _cond("bedarfsdeckende_integrationen", "Anteil bedarfsdeckender Integrationen", "gesamt",
                      "beobachtung", "beobachtung bedarfsdeckende_integrationen", D("38.2"), D("39.0"),
                      D("2.0942"), None, None, "beobachtet", upto=upto, flat=True, line=71),
                _cond("lzb_4_jahre", "Langzeitleistungsbeziehende seit vier Jahren oder länger", "gesamt",
                      "beobachtung", "beobachtung lzb_4_jahre", D("1876"), D("1802"), D("-3.9446"), None, None,
                      "beobachtet", value_unit="Anzahl", upto=upto, flat=True, line=72),
            ),
            source=SourceRef(FILE, 63, 5),
        ),
        TargetResult(
            id="integration", number="2", title="Verbesserung der Integration in Erwerbstätigkeit", kind="schwelle",
            status="erreicht",
            texts=("Ziel ist es, die Hilfebedürftigkeit zu vermeiden oder zu überwinden. Dies soll vor allem durch "
                   "Integrationen in Erwerbstätigkeit erfolgen. Zielindikator für dieses Ziel ist die "
                   "Integrationsquote.",),
            conditions=(k2,),
            supplementary=(
                sup("K2E1", "Quote der Eintritte in geringfügige Beschäftigung", q(D("4.1")), q(D("3.9")),
                    D("-4.878")),
                sup("K2E2", "Quote der Eintritte in öffentlich geförderte Beschäftigung", q(D("2.2")), q(D("2.4")),
                    D("9.0909")),
                sup("K2E3", "Kontinuierliche Beschäftigung nach Integration", D("61.5"), D("62.1"), D("0.9756")),
                sup("K2E4", "Integrationsquote der Alleinerziehenden", q(D("12.4")), q(D("13.1")), D("5.6452")),
            ),
            rule="erreicht, wenn alle Bedingungen erreicht sind",
            reasons=(Reason("regel", "Ziel 2 ist erreicht, weil seine Bedingung erreicht ist."),),
            source=SourceRef(FILE, 77, 5),
        ),
        TargetResult(
            id="geschlechterspezifisch", number="2.1", title="Geschlechterspezifisches Ziel", kind="schwelle",
            status="erreicht",
            texts=("Zur Unterstützung der gleichberechtigten Teilhabe von Frauen und Männern am Arbeitsmarkt hat der "
                   "Landkreis Leer den o.g. Zielwert geschlechterspezifisch geplant.",),
            conditions=(k2f, k2m), rule="erreicht, wenn alle Bedingungen erreicht sind", parent="integration",
            source=SourceRef(FILE, 88, 9),
        ),
        TargetResult(
            id="langzeitleistungsbezug", number="3", title="Vermeidung von langfristigem Leistungsbezug",
            kind="schwelle", status="nicht_erreicht",
            texts=("Ziel ist die Vermeidung und Verringerung von Langzeitleistungsbezug.",),
            conditions=(k3,),
            supplementary=(
                sup("K3E1", "Integrationsquote der Langzeitleistungsbeziehenden", q(D("14.2")), q(D("14.9")),
                    D("4.9296")),
                sup("K3E2", "Aktivierungsquote der Langzeitleistungsbeziehenden", D("9.8"), D("10.3"), D("5.102")),
            ),
            rule="erreicht, wenn alle Bedingungen erreicht sind",
            source=SourceRef(FILE, 99, 5),
        ),
        TargetResult(
            id="dms", number="4", title="Einführung eines Dokumentenmanagementsystems (individualisierte "
                                        "Zielvereinbarung)",
            kind="meilenstein", status="erreicht" if final else "offen",
            texts=("Ziel ist, die Einführung des Dokumentenmanagementsystems d.3 einschließlich Aktenplan und "
                   "Aktenstruktur.",),
            steps=(
                StepResult("ist_analyse", "schritt", "IST-Analyse des abzulegenden Schriftguts einschließlich "
                           "Schutzbedarfsanalyse", "erledigt", datetime.date(2026, 3, 31),
                           "Analysebericht vom 31.03.2026", None),
                StepResult("scan_prozess", "schritt", "Festlegung eines Scan-Prozesses", "erledigt",
                           datetime.date(2026, 5, 15), "Dienstanweisung Scannen", None),
                StepResult("vorlagen", "schritt", "Inhaltliche Prüfungen, Aktualisierungen und Optimierung "
                           "sämtlicher Vorlagen sowie Fragmentierung, um die Grundlage zur effizienten "
                           "Schriftgutverwaltung anzulegen", "erledigt" if final else "in_arbeit",
                           datetime.date(2026, 10, 1) if final else None, "Vorlagenkatalog 2026" if final else None,
                           None),
                StepResult("eingefuehrt", "bedingung", "das Dokumentenmanagementsystem d.3 eingeführt",
                           "erledigt" if final else "offen", datetime.date(2026, 11, 30) if final else None,
                           "Produktivsetzung laut IT-Protokoll" if final else None, None),
                StepResult("effizienz", "bedingung", "die Effizienzsteigerung durch digitalisierte Prozesse und "
                           "Schnittstellenlösungen erreicht", "erledigt" if final else "offen",
                           datetime.date(2026, 12, 15) if final else None, "Evaluationsbericht" if final else None,
                           None),
            ),
            rule="erreicht, wenn alle Schritte und alle Bedingungen erledigt sind",
            source=SourceRef(FILE, 106, 5),
        ),
        TargetResult(
            id="lissa", number="5", title="Einführung des Fachverfahrens LämmKOMM Lissa (individualisierte "
                                          "Zielvereinbarung)",
            kind="meilenstein", status="nicht_erreicht" if final else "offen",
            texts=("Ziel ist, die Einführung des Fachverfahrens LämmKOMM Lissa im Bereich der aktiven Leistungen.",),
            steps=(
                StepResult("prozesse", "schritt", "Identifikation der bestehenden Prozesse, deren Optimierung sowie "
                           "die Konfiguration des neuen Systems", "erledigt", datetime.date(2026, 4, 30),
                           "Prozesslandkarte", None),
                StepResult("koordinierung", "schritt", "Koordinierung interner und externer Dienstleistungen der "
                           "landkreiseigenen IT-Abteilung sowie der Softwarehersteller", "erledigt",
                           datetime.date(2026, 6, 30), "Projektplan", None),
                StepResult("schulung", "schritt", "Schulung der Mitarbeitenden und manuelle Datenmigration",
                           "in_arbeit", None, None, None),
                StepResult("harmonisierung", "bedingung", "durch die Harmonisierung der Systeme eine einheitliche "
                           "und effiziente Arbeitsweise über Abteilungsgrenzen hinweg etabliert und die "
                           "Arbeitsprozesse mit den Querschnittsämtern vereinfacht", "offen", None, None, None),
            ),
            rule="erreicht, wenn alle Schritte und alle Bedingungen erledigt sind",
            source=SourceRef(FILE, 115, 5),
        ),
        TargetResult(
            id="gleichstellung", number="6", title="Gleichstellung von Frauen und Männern im SGB II",
            kind="grundsatz", status="beobachtet",
            texts=("Das Prinzip der Gleichstellung von Frauen und Männern in der Grundsicherung für Arbeitsuchende "
                   "ist auch in der Zielsteuerung zu verfolgen.",),
            monitoring=(
                _cond("K1E2", "Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten", "frauen",
                      "beobachtung", "beobachtung frauen K1E2", D("5321.4"), D("5250.1"), D("-1.3399"), None, None,
                      "beobachtet", value_unit="Anzahl", upto=upto, flat=True, line=128),
                _cond("K2", "Integrationsquote", "frauen", "beobachtung", "beobachtung frauen K2", q(D("18.2")),
                      q(D("19.6")), D("7.6923"), None, None, "beobachtet", upto=upto, line=129),
                _cond("K2", "Integrationsquote", "gesamt", "abstand", "beobachtung abstand K2 zwischen frauen und "
                      "männern", D("6.1"), D("5.8"), D("-0.3"), None, None, "beobachtet", unit="prozentpunkte",
                      value_unit="prozentpunkte", upto=upto, line=130),
            ),
            source=SourceRef(FILE, 124, 5),
        ),
    )
    framework = Framework(
        land=Party("land", "Niedersächsisches Ministerium für Soziales, Arbeit, Gesundheit und Gleichstellung", "MS"),
        agency=Party("traeger", "Landkreis Leer", "Leer", "03457", "des Landkreises Leer"),
        legal_basis="§ 48b Abs. 1 S. 1 Nr. 4 des Sozialgesetzbuchs Zweites Buch (SGB II)",
        regulation="Verordnung zur Festlegung der Kennzahlen nach § 48a des Zweiten Buches Sozialgesetzbuch vom "
                   "12.08.2010 (BGBl. I S. 1152), die zuletzt durch Artikel 1 der Verordnung vom 15. März 2019 "
                   "(BGBl. I S. 339) geändert worden ist",
        basis="jahresfortschrittswerte", waiting_period=False, vintage_policy="gleicher",
        final_evaluation_year=2027, dialogues_minimum=2,
        sections=(
            Section("grundsaetze", "Grundsätze", "Die Grundsicherung für Arbeitsuchende zielt darauf ab, "
                    "Leistungsberechtigten ein menschenwürdiges Leben zu ermöglichen.\n\nGeflüchtete Menschen "
                    "müssen eng unterstützt werden."),
            Section("rahmenbedingungen", "Rahmenbedingungen", "Die deutsche Wirtschaft befindet sich seit mehreren "
                    "Jahren in einer Phase der Stagnation.\n\nAls finanzielle Rahmenbedingungen stehen dem Landkreis "
                    "Leer im Gesamtbudget rd. 16,9 Mio. Euro für das Jahr 2026 zur Verfügung:"),
            Section("verpflichtung", "Verpflichtung der Vereinbarungspartner", "Der Landkreis Leer und das Land "
                    "Niedersachsen setzen sich dafür ein, dass die in § 2 vereinbarten Ziele erreicht werden."),
            Section("zielnachhaltung", "Zielnachhaltung und Zieldialoge im Land Niedersachsen",
                    "(1) Der Landkreis Leer und das Land Niedersachsen führen Zieldialoge.\n\n(4) Die Auswirkungen "
                    "von gesetzlichen Neuregelungen werden bei der Zielnachhaltung berücksichtigt."),
        ),
        signatures=(
            Signature("MS", "Hannover", datetime.date(2026, 1, 29), "Dr. Christine Arbogast", "In Vertretung"),
            Signature("Landkreis Leer", "Leer", datetime.date(2026, 2, 17), "Matthias Groote", None),
        ),
        budgets=(
            BudgetLine("verwaltungskosten", "Verwaltungskosten", D("9327771")),
            BudgetLine("eingliederung", "Leistungen zur Eingliederung in Arbeit", D("7616859")),
        ),
        assumptions=(
            AssumptionResult("svb_nds", "Sozialversicherungspflichtig Beschäftigte in Niedersachsen",
                             "steigt um 0,1 %", "IAB-Prognose", None, None, D("0.1")),
            AssumptionResult("alq_emden_leer", "Arbeitslosenquote im Agenturbezirk Emden-Leer", "von 6,6 % auf 6,7 %",
                             "IAB, regionale Arbeitsmarkt-Prognose", D("6.6"), D("6.7"), None),
        ),
        considerations=(
            Section("gesetzliche_neuregelungen", "gesetzliche_neuregelungen",
                    "Die Auswirkungen von gesetzlichen Neuregelungen werden bei der Zielnachhaltung berücksichtigt."),
        ),
        legal_changes=(
            LegalChangeResult("Bürgergeld-Gesetz (geschlechterspezifische Ziele verpflichtend)",
                              datetime.date(2023, 1, 1), False),
            LegalChangeResult("Neue Grundsicherung (Änderung des SGB II)", datetime.date(2026, 7, 1),
                              as_of >= "2026-07"),
        ),
    )
    return AgreementResult(
        agreement_id="leer_2026",
        title="Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2026",
        agency="Landkreis Leer", agency_key="03457", target_year=2026, baseline_year=2025, as_of=as_of,
        preliminary=True,
        data_vintage=datetime.date(2027, 1, 15) if final else datetime.date(2026, 7, 10),
        data_vintage_baseline=datetime.date(2026, 1, 15) if final else datetime.date(2025, 7, 10),
        vintage_policy="gleicher", targets=targets, framework=framework,
        inputs=(
            InputFile("vereinbarung", FILE, "a" * 64),
            InputFile("daten", "vereinbarungen/leer-2026.daten.csv", "b" * 64),
            InputFile("nachweise", "vereinbarungen/leer-2026.nachweise.yaml", "c" * 64),
        ),
        tool_version="0.1.0",
    )
