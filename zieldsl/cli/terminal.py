"""Results as German terminal text: the evaluation table, the overview, and the `explain` chain.

Reads only `results` objects (and, for `explain`, the agreement's source lines);
status, group and figure words come from `zieldsl.wording` (the cell register).
"""

from __future__ import annotations

from zieldsl import german as fmt
from zieldsl.lines import split_lines
from zieldsl.results import (MET, MISSED, MONITORED, NOT_ASSESSABLE, OPEN, AgreementResult, ConditionResult, Reason,
                             StepResult, TargetResult)
from zieldsl.wording import (agency_key_text, change_cell, condition_group_label, condition_status_word, distance_cell,
                             group_label, level_cell, outlook_sentence, persons_noun, persons_sentence,
                             stated_figure_word, status_word, step_kind_word, target_status_word, threshold_cell)

COLUMNS = ("Nr.", "Ziel", "Gruppe", "Vorjahr", "Ist", "Veränderung", "Zielwert", "Abstand", "Status")
RIGHT = {"Vorjahr", "Ist", "Veränderung", "Zielwert", "Abstand"}
TITLE_WIDTH = 46


def _short(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _condition_row(c: ConditionResult, indent: str = "  ", interim: bool = False) -> list[str]:
    change = c.change_rounded
    places = c.decimals if c.kind not in ("beobachtung", "ergaenzung", "abstand") else 1
    if c.kind == "niveau":
        change_text = "–"
    else:
        change_text = change_cell(change, c.unit, places)
    return ["", _short(indent + c.wording), condition_group_label(c), level_cell(c.baseline, c.value_unit),
            level_cell(c.actual, c.value_unit), change_text, threshold_cell(c), distance_cell(c),
            condition_status_word(c, interim=interim)]


def _step_row(s: StepResult) -> list[str]:
    word = step_kind_word(s.kind)
    when = f" ({fmt.date_short(s.date)})" if s.date else ""
    return ["", _short(f"  {word} {s.id}{when}"), "", "", "", "", "", "", status_word(s.status)]


def rows(result: AgreementResult) -> list[list[str]]:
    out = []
    for t in result.targets:
        out.append([t.number, _short(t.title), "", "", "", "", "", "",
                    target_status_word(t, interim=result.preliminary)])
        for emphasis in t.emphases:
            out.append(["", _short(f"  Schwerpunkt: {emphasis}"), "", "", "", "", "", "", "vereinbart"])
        for c in t.conditions:
            out.append(_condition_row(c, interim=result.preliminary))
            if c.stated_figure is not None and c.stated_figure.kind == "vorschlag":
                f = c.stated_figure
                out.append(["", _short(f"    {f.text}"), "", "", "", "", "", "",
                            f"Vorschlag {status_word(MET if f.met else MISSED)}"])
            elif c.stated_figure is not None:
                f = c.stated_figure
                implied = f"aus {result.baseline_year}: {level_cell(f.implied, f.unit)}" if f.implied is not None \
                    else "nicht geprüft"
                out.append(["", _short(f"    in Klammern: {f.text}"), "", "", "", "", "", implied,
                            stated_figure_word(f.consistent)])
            for part in c.components if c.kind == "anzahl" else ():
                out.append(_condition_row(part, "    ", interim=result.preliminary))
        for s in t.steps:
            out.append(_step_row(s))
        for c in t.monitoring:
            out.append(_condition_row(c))
        for c in t.supplementary:
            out.append(_condition_row(c))
    return out


def table(header: tuple[str, ...], body: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h) for i, h in enumerate(header)]

    def line(cells):
        parts = [(c.rjust(w) if header[i] in RIGHT else c.ljust(w)) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule] + [line(r) for r in body])


def header_lines(result: AgreementResult) -> list[str]:
    agency = result.agency + (f" ({agency_key_text(result.agency_key)})" if result.agency_key else "")
    lines = [f"Vereinbarung {result.agreement_id}: {result.title}", f"Träger: {agency}"]
    month = fmt.month_long(result.as_of)
    if result.preliminary:
        last = fmt.month_name(result.as_of_month.month)
        stand = (f"Stand: {month} – vorläufig (Jahresfortschrittswert Januar bis {last} {result.target_year}, "
                 f"verglichen mit Januar bis {last} {result.baseline_year})")
    else:
        stand = f"Stand: {month} – Jahresendwert {result.target_year} gegenüber {result.baseline_year}"
    lines.append(stand)
    if result.framework.trial_year:
        lines.append(f"Erprobungsjahr, Ziele nicht verbindlich: {result.framework.trial_year}")
    if result.data_vintage is not None:
        policy = "gleicher Ladestand" if result.vintage_policy == "gleicher" else "gemeinsamer Ladestand"
        lines.append(f"Ladestand: {fmt.date_short(result.data_vintage)}, Vergleichsjahr "
                     f"{fmt.date_short(result.data_vintage_baseline)} ({policy})")
    else:
        lines.append("Ladestand: nicht angegeben (Daten ohne Spalte »ladestand«)")
    data = [f.name for f in result.inputs if f.role == "daten"]
    evidence = [f.name for f in result.inputs if f.role == "nachweise"]
    lines.append(f"Daten: {', '.join(data) if data else 'keine'}"
                 + (f" · Nachweise: {', '.join(evidence)}" if evidence else ""))
    return lines


def render(result: AgreementResult) -> str:
    """Header, one row per target and condition, and the warnings."""
    out = header_lines(result) + ["", table(COLUMNS, rows(result))]
    if result.warnings:
        out += ["", "Warnungen:"] + ["  - " + w.replace("\n", "\n    ") for w in result.warnings]
    return "\n".join(out) + "\n"


def overview(results: list[AgreementResult]) -> str:
    """One line per agreement: statuses counted over targets and subtargets."""
    statuses = (MET, MISSED, NOT_ASSESSABLE, OPEN, MONITORED)
    header = ("Vereinbarung", "Träger", "Stand", *(status_word(s) for s in statuses))
    body = []
    for r in results:
        counts = {s: sum(1 for t in r.targets if t.status == s) for s in statuses}
        stand = r.as_of + (" (vorläufig)" if r.preliminary else "")
        body.append([r.agreement_id, f"{r.agency} ({r.agency_key})" if r.agency_key else r.agency, stand,
                     *(str(v) for v in counts.values())])
    return "Übersicht\n" + table(header, body) + "\n"


# ---------------------------------------------------------------- explain


def _reason_lines(reason: Reason, indent: str = "    ") -> list[str]:
    where = f" [{reason.source}]" if reason.source else ""
    lines = [f"{indent}- {reason.text}{where}"]
    for p in reason.data:
        vintage = f", Ladestand {p.data_vintage.isoformat()}" if p.data_vintage else ""
        value = fmt.number(p.value)
        lines.append(f"{indent}    {p.month}  {p.series} ({group_label(p.group)}) = {value}{vintage}"
                     f"  ← {p.source}")
    return lines


def _source_line(source_text: str, ref) -> str | None:
    if ref is None:
        return None
    lines = split_lines(source_text)
    if 1 <= ref.line <= len(lines):
        return f"  {ref}: {lines[ref.line - 1].strip()}"
    return None


def explain(result: AgreementResult, target: TargetResult, source_text: str, formulas: dict[str, str]) -> str:
    """The reasoning chain of one target, in German, down to the data points and source lines."""
    out = [f"Ziel {target.number} »{target.title}« ({target.id}): "
           f"{target_status_word(target, interim=result.preliminary)}"]
    line = _source_line(source_text, target.source)
    if line:
        out.append(line)
    stand = fmt.month_long(result.as_of) + (" (vorläufig)" if result.preliminary else "")
    vintage = f", Ladestand {fmt.date_short(result.data_vintage)}" if result.data_vintage else ""
    out.append(f"Stand: {stand}{vintage}")
    if target.rule:
        out.append(f"Regel: {target.rule}")
    for emphasis in target.emphases:
        out.append(f"Vereinbarter Schwerpunkt: {emphasis}")
    sections = [("Bedingung", target.conditions), ("Beobachtung", target.monitoring),
                ("Ergänzungsgröße", target.supplementary)]
    for word, items in sections:
        for c in items:
            out.append("")
            out.append(f"{word}: {c.wording} ({condition_group_label(c)}) – "
                       f"{condition_status_word(c, interim=result.preliminary)}")
            line = _source_line(source_text, c.source)
            if line:
                out.append(line)
            if c.indicator in formulas:
                out.append(f"  Formel {c.indicator}: {formulas[c.indicator]}")
            out.append(f"  Vorjahr {result.baseline_year}: {level_cell(c.baseline, c.value_unit)}; "
                       f"Ist {result.target_year}: {level_cell(c.actual, c.value_unit)}")
            if c.change is not None and c.kind != "niveau":
                out.append(f"  Veränderung ungerundet: {fmt.number(c.change, 6, signed=True)}; gerundet "
                           f"({c.decimals} Nachkommastelle{'n' if c.decimals != 1 else ''}): "
                           f"{change_cell(c.change_rounded, c.unit, c.decimals)}")
            if c.operator:
                out.append(f"  Zielwert: {threshold_cell(c)}; Abstand: {distance_cell(c)} "
                           "(+ übertroffen, − verfehlt)")
                persons = persons_sentence(c, persons_noun(c), final=not result.preliminary) \
                    if c.persons else None
                if persons:
                    out.append(f"  In Personen: {persons}")
                outlook = outlook_sentence(c, persons_noun(c), as_of_month=result.as_of_month.month,
                                           baseline_year=result.baseline_year) if c.outlook else None
                if outlook:
                    out.append(f"  Bis Dezember: {outlook}")
            if c.monthly:
                out.append(f"  Jahresfortschrittswerte je Monat ({result.baseline_year} → {result.target_year}):")
                for m in c.monthly:
                    out.append(f"    {fmt.month_name(m.month):<10} {level_cell(m.baseline, c.value_unit):>16}"
                               f"  → {level_cell(m.actual, c.value_unit):>16}")
            if c.small_base:
                out.append("  Achtung: kleine Basis")
            out.append("  Begründung:")
            for reason in c.reasons:
                out.extend(_reason_lines(reason))
            for part in c.components:
                out.append(f"  Teil: {part.wording} ({condition_group_label(part)}): "
                           f"{level_cell(part.baseline, part.value_unit)} → "
                           f"{level_cell(part.actual, part.value_unit)}"
                           f" ({change_cell(part.change_rounded, part.unit, part.decimals)}) – "
                           f"{status_word(part.status)}")
                for reason in part.reasons:
                    out.extend(_reason_lines(reason, "      "))
    if target.steps:
        out.append("")
        out.append("Schritte und Bedingungen:")
        for s in target.steps:
            where = f" [{s.source}]" if s.source else ""
            out.append(f"  {step_kind_word(s.kind)} {s.id}: "
                       f"{status_word(s.status)}{where}")
    if target.reasons:
        out.append("")
        out.append("Gründe für das Ziel:")
        for reason in target.reasons:
            out.extend(_reason_lines(reason, "  "))
    return "\n".join(out) + "\n"
