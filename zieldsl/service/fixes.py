"""Quick fixes for the common mistakes, each tied to the diagnostic it repairs.

Decimal point instead of comma (ZD102), a missing unit (ZD108), a misspelt word or
name with a »Meinten Sie …?« hint (ZD115, ZD201, ZD202, …), typographic quotes (ZD101).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zieldsl.service.text import Position, Range

_SUGGESTION = re.compile(r"Meinten Sie »(.+?)«\?")
_QUOTED = re.compile(r"»(.+?)«")
TYPOGRAPHIC_QUOTES = "„“”‟″«»‚‘’"


@dataclass(frozen=True)
class Edit:
    range: Range
    new_text: str


@dataclass(frozen=True)
class QuickFix:
    title: str
    code: str  # the diagnostic it repairs
    problem: object  # the `Problem`
    edits: tuple[Edit, ...]
    preferred: bool = True


def _overlaps(a: Range, b: Range) -> bool:
    return not (a.end < b.start or b.end < a.start)


def quick_fixes(snapshot, wanted: Range | None = None) -> list[QuickFix]:
    """Fixes for the problems touching `wanted` (all problems when None)."""
    out: list[QuickFix] = []
    for problem in snapshot.problems:
        if wanted is not None and not _overlaps(problem.range, wanted):
            continue
        out.extend(_fixes(snapshot, problem))
    return out


def _fixes(snapshot, problem) -> list[QuickFix]:
    r = problem.range
    hint = problem.hint or ""
    if problem.code == "ZD102":
        shown = _QUOTED.findall(hint)
        if shown:
            return [QuickFix(f"Dezimalkomma schreiben: »{shown[0]}«", problem.code, problem, (Edit(r, shown[0]),))]
    if problem.code == "ZD108":
        at = Range(r.start, r.start)
        return [QuickFix("»%« ergänzen", problem.code, problem, (Edit(at, " %"),)),
                QuickFix("»prozentpunkte« ergänzen", problem.code, problem, (Edit(at, " prozentpunkte"),), False)]
    suggestion = _SUGGESTION.search(hint)
    if suggestion:
        return [QuickFix(f"Ersetzen durch »{suggestion.group(1)}«", problem.code, problem,
                         (Edit(r, suggestion.group(1)),))]
    if problem.code in ("ZD101", "ZD100"):
        line = snapshot.lines.line_text(r.start.line)
        start = r.start.character
        if start < len(line) and line[start] in TYPOGRAPHIC_QUOTES:
            closing = next((i for i in range(start + 1, len(line)) if line[i] in TYPOGRAPHIC_QUOTES), None)
            edits = [Edit(Range(Position(r.start.line, start), Position(r.start.line, start + 1)), '"')]
            if closing is not None:
                edits.append(Edit(Range(Position(r.start.line, closing), Position(r.start.line, closing + 1)), '"'))
            return [QuickFix("Gerade Anführungszeichen \"…\" schreiben", problem.code, problem, tuple(edits))]
    return []


def apply(text: str, edits) -> str:
    """The text with `edits` applied (ranges refer to the original text)."""
    from zieldsl.service.text import LineIndex

    lines = LineIndex(text)
    spans = sorted(((lines.offset(e.range.start), lines.offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
