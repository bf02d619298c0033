"""Hover texts in German: catalogue definitions, keyword meanings, values judged from the data."""

from __future__ import annotations

from zieldsl import german
from zieldsl.service.text import Position
from zieldsl.service.words import FUNCTIONS, meaning
from zieldsl.wording import change_in_unit, group_label, status_word


def catalog_of(snapshot):
    """The catalogue the draft sees: its own when it checks, else the standard one."""
    if snapshot.checked:
        return snapshot.checked[0].catalog
    return _standard()


_STANDARD = []


def _standard():
    from zieldsl.language.catalog import standard_catalog

    if not _STANDARD:
        _STANDARD.append(standard_catalog())
    return _STANDARD[0]


def _indicator_text(indicator) -> str:
    kind = "Kennzahl" if indicator.kind == "kennzahl" else "Ergänzungsgröße"
    out = [f"**{indicator.code}** – {indicator.title} ({kind})"]
    if indicator.definition:
        out.append(indicator.definition)
    details = []
    if indicator.function:
        details.append(f"Formel: `{indicator.function}({', '.join(indicator.args)})`")
    if indicator.good:
        details.append(f"gut: {indicator.good}")
    if indicator.parent:
        details.append(f"zu {indicator.parent}")
    if indicator.law_ref:
        details.append(indicator.law_ref)
    details.append(f"Einheit: {indicator.unit}")
    out.append(" · ".join(details))
    return "\n\n".join(out)


def _value(value, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "%":
        return german.percent(value, 2)
    if unit == "EUR":
        return german.euro(value)
    return german.number(value, 0 if value == value.to_integral_value() else 1)


def _condition_line(c) -> str:
    parts = [f"{c.wording} ({group_label(c.group)}): Vorjahr {_value(c.baseline, c.value_unit)}, "
             f"Ist {_value(c.actual, c.value_unit)}"]
    if c.change_rounded is not None and c.kind != "niveau":
        parts.append(f"Veränderung {change_in_unit(c.change_rounded, c.unit, c.decimals)}")
    parts.append(f"**{status_word(c.status)}**")
    return ", ".join(parts)


def _results_for(snapshot, code: str, offset: int) -> list[str]:
    judged = snapshot.judged
    result = judged.result if judged is not None else None
    if result is None:
        return []
    chain = snapshot.structure.enclosing(offset)
    targets = [s.id for s in chain if s.kind in ("ziel", "grundsatz", "teilziel")]
    wanted = [result.target(targets[-1])] if targets else list(result.targets)
    lines = []
    for target in wanted:
        if target is None:
            continue
        for c in (*target.conditions, *target.monitoring, *target.supplementary):
            if c.indicator == code:
                lines.append("- " + _condition_line(c))
    if lines:
        lines.insert(0, f"Stand {german.month_long(result.as_of)}{' (vorläufig)' if result.preliminary else ''}:")
    return lines[:12]


def _symbol_text(snapshot, symbol) -> str:
    head = f"**{symbol.kind} {symbol.number + ' ' if symbol.number else ''}{symbol.id}**"
    out = [head + (f" – {symbol.title}" if symbol.title else "")]
    judged = snapshot.judged
    if symbol.kind in ("ziel", "grundsatz", "teilziel") and judged is not None and judged.result is not None:
        target = judged.result.target(symbol.id)
        if target is not None:
            out.append(f"Status (Stand {german.month_long(judged.result.as_of)}): "
                       f"**{status_word(target.status)}**")
    return "\n\n".join(out)


def hover(snapshot, position: Position):
    from zieldsl.service.service import Hover

    offset = snapshot.offset(position)
    token = snapshot.structure.token_at(offset)
    if token is None or token.kind in ("string", "number", "date", "comment"):
        return None
    where = snapshot.lines.range(token.start, token.end)
    catalog = catalog_of(snapshot)
    text = None
    indicator = catalog.indicators.get(token.value) or _standard().indicators.get(token.value)
    if indicator is not None and token.kind in ("code", "name"):
        text = _indicator_text(indicator)
        values = _results_for(snapshot, indicator.code, offset)
        if values:
            text += "\n\n" + "\n".join(values)
    elif token.kind in ("name", "code") and token.value in snapshot.structure.by_id:
        text = _symbol_text(snapshot, snapshot.structure.by_id[token.value])
    elif token.kind in ("name",) and token.value in catalog.series:
        series = catalog.series[token.value]
        text = f"**{series.id}** – {series.title} (Reihe, {series.kind})"
    elif token.kind == "function" and token.word in FUNCTIONS:
        text = f"**{token.word}** – {FUNCTIONS[token.word]}"
    else:
        explained = meaning(token.value)
        if explained:
            text = f"**{token.value}** – {explained}"
    return Hover(text, where) if text else None
