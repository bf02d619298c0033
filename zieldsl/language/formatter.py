"""The canonical layout of `.ziel` files (`zieldsl fmt`), comments and texts kept.

The layout comes from the syntax tree alone (nodes.py): 4 spaces per block level,
one statement per line, lowercase keywords with umlauts, German numbers. The source
text is read only to learn where comments and blank lines were, so that every
comment comes back exactly once and `parse(fmt(x)) == parse(x)` and
`fmt(fmt(x)) == fmt(x)` hold.

How comments are placed: the output is a sequence of *units* in source order (a
statement, a block's opening line, a block's `}`), each knowing the source lines it
came from. A comment at the end of a unit's last line stays there (trailing); any
other comment goes on its own line before the first unit that ends after it (so a
comment before `}` stays before `}`, and one inside a statement broken over lines
moves above that statement); comments after the last unit close the file.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass, field

from zieldsl.language import nodes as n
from zieldsl.language.clause_text import CLAUSES, number
from zieldsl.language.clause_text import unit as unit_keyword

INDENT = "    "
# Prose (`text`, the body of `abschnitt`) longer than this stands as a `"""` block, as authors write it.
PROSE_INLINE_MAX = 120

# Statements of one kind sit together; a change of kind gets a blank line.
_KIND_GROUPS: dict[type, str] = {
    n.PartyLand: "parteien", n.PartyAgency: "parteien", n.LegalBasis: "parteien", n.Regulation: "parteien",
    n.TargetYear: "parteien", n.BaselineYear: "parteien",
    n.Evaluation: "bewertung", n.FinalEvaluation: "bewertung", n.Dialogues: "bewertung", n.TrialYear: "bewertung",
    n.Budget: "mittel", n.Assumption: "annahme", n.Consideration: "berücksichtigung",
    n.LegalChange: "rechtsänderung", n.Signature: "unterzeichnung", n.SeriesDef: "reihe", n.GroupDef: "gruppe",
}
# Blocks get a blank line before and after them.
_BLOCKS = (n.Target, n.IndicatorDef, n.Section)

_INDICATOR_FIELDS = ("definition", "formula", "good_direction", "parent", "law_ref")


# ---------------------------------------------------------------- public API


def format_text(text: str, name: str = "<eingabe>") -> str:
    """Parse `text` and return it in canonical layout; raises `ZielError` on syntax errors."""
    from zieldsl.language.parser import parse_text
    from zieldsl.lines import normalise

    text = normalise(text)
    return format_document(parse_text(text, name), text)


def format_document(document: n.Document, source_text: str) -> str:
    """The canonical text of a parsed document; `source_text` is the text it was parsed from."""
    layout = _Layout(source_text)
    for index, item in enumerate(document.items):
        layout.item(item, depth=0, blank=index > 0)
    return layout.render(document.comments)


# ---------------------------------------------------------------- lexical pieces


def date(value: datetime.date) -> str:
    """`TT.MM.JJJJ`."""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def string(text: str, block: bool = False) -> str:
    """A string literal the parser reads back as `text` (see parser.string_value).

    One line: `"…"` with `"` and `\\` escaped. Several lines (or `block`): a `\"\"\"`
    block whose first and last line break the parser strips again; inside it only
    backslashes and quotes that would form `\"\"\"` are escaped, so quotes stay readable.
    """
    body = text.replace("\\", "\\\\")
    if "\n" not in text and not block:
        return '"' + body.replace('"', '\\"') + '"'
    return '"""\n' + re.sub(r'"(?=")', r'\\"', body) + '\n"""'


def prose(text: str) -> str:
    """The text of `text` or `abschnitt`: inline when short, else a block."""
    return string(text, block=len(text) > PROSE_INLINE_MAX)


# ---------------------------------------------------------------- statements


def _supplementary(s: n.Supplementary) -> str:
    keyword = "ergänzungsgrößen" if len(s.indicators) > 1 else "ergänzungsgröße"
    return f"{keyword} {', '.join(s.indicators)}"


def _with_deadline(keyword: str, item: n.Step | n.MilestoneCondition) -> str:
    text = f"{keyword} {item.id} {string(item.text)}"
    return text + (f" frist {date(item.deadline)}" if item.deadline else "")


def _rule_term(term: n.RuleTerm) -> str:
    if term.kind == "all":
        return f"alle {term.value}"
    if term.kind == "any":
        return "eine bedingung"
    return term.value


def _party_land(p: n.PartyLand) -> str:
    return f"{p.role} {string(p.name)}" + (f" kurz {string(p.short)}" if p.short is not None else "")


def _party_agency(p: n.PartyAgency) -> str:
    text = f"träger {string(p.name)}"
    if p.short is not None:
        text += f" kurz {string(p.short)}"
    if p.keys:
        text += " kennung " + ", ".join(string(key) for key in p.keys)
    if p.genitive is not None:
        text += f" genitiv {string(p.genitive)}"
    return text


_QUARTERS = {1: "ersten", 2: "zweiten", 3: "dritten", 4: "vierten"}


def _dialogues(d: n.Dialogues) -> str:
    if d.quarters:
        return "zieldialoge im " + " und ".join(_QUARTERS[q] for q in d.quarters) + " quartal"
    if d.rhythm:
        return f"zieldialoge {d.rhythm}"
    return f"zieldialoge mindestens {d.minimum} im jahr"


def _waiting(flag: bool) -> str:
    return "mit" if flag else "ohne"


def _assumption(a: n.Assumption) -> str:
    text = f"annahme {a.id} {string(a.title)} "
    if a.direction is None:
        text += f"von {number(a.value_from)} {unit_keyword(a.unit)} auf {number(a.value_to)} {unit_keyword(a.unit_to or a.unit)}"
    else:
        text += f"{a.direction} um {number(a.value)} {unit_keyword(a.unit)}"
    return text + (f" quelle {string(a.source)}" if a.source is not None else "")


def _signature(s: n.Signature) -> str:
    text = (f"unterzeichnet {string(s.party)} in {string(s.place)} am {date(s.date)} "
            f"durch {string(s.signatory)}")
    return text + (f" zusatz {string(s.note)}" if s.note is not None else "")


def _group_def(g: n.GroupDef) -> str:
    text = f"gruppe {g.id} {string(g.title)}"
    for keyword, value in (("kennung", g.key), ("genitiv", g.genitive)):
        if value is not None:
            text += f" {keyword} {string(value)}"
    return text


def _series_def(s: n.SeriesDef) -> str:
    text = f"reihe {s.id} {string(s.title)} {s.kind}"
    return text + (f" einheit {string(s.unit)}" if s.unit is not None else "")


_STATEMENTS = {
    n.PartyLand: _party_land,
    n.PartyAgency: _party_agency,
    n.LegalBasis: lambda x: f"rechtsgrundlage {string(x.text)}",
    n.Regulation: lambda x: f"kennzahlenverordnung {string(x.text)}",
    n.TargetYear: lambda x: f"zieljahr {x.year}",
    n.BaselineYear: lambda x: f"vergleichsjahr {x.year}",
    n.Evaluation: lambda x: f"bewertung {x.basis} {_waiting(x.waiting_period)} wartezeit, {x.vintage_policy} ladestand",
    n.FinalEvaluation: lambda x: f"abschluss {x.basis} {_waiting(x.waiting_period)} wartezeit im frühjahr {x.year}",
    n.Dialogues: lambda x: _dialogues(x),
    n.TrialYear: lambda x: f"erprobungsjahr {string(x.text)}",
    n.Budget: lambda x: f"mittel {x.id} {string(x.title)} {number(x.amount)} eur",
    n.Assumption: _assumption,
    n.Consideration: lambda x: f"berücksichtigung {x.id} {string(x.text)}",
    n.LegalChange: lambda x: f"rechtsänderung {string(x.title)} ab {date(x.effective)}",
    n.Section: lambda x: f"abschnitt {x.id} {string(x.title)} {prose(x.text)}",
    n.Signature: _signature,
    n.SeriesDef: _series_def,
    n.GroupDef: _group_def,
    n.Text: lambda x: f"text {prose(x.text)}",
    n.Emphasis: lambda x: f"schwerpunkt {string(x.text)}",
    n.Waiver: lambda x: f"ausgesetzt {string(x.text)}",
    **CLAUSES,
    n.Supplementary: _supplementary,
    n.Step: lambda x: _with_deadline("schritt", x),
    n.MilestoneCondition: lambda x: _with_deadline("bedingung", x),
    n.Rule: lambda x: "erreicht wenn " + " und ".join(_rule_term(t) for t in x.terms),
}


def _indicator_field(kind: str, d: n.IndicatorDef) -> str:
    if kind == "definition":
        return f"definition {string(d.definition)}"
    if kind == "formula":
        return f"formel {d.formula.function}({', '.join(d.formula.args)})"
    if kind == "good_direction":
        return f"gut {d.good}"
    if kind == "parent":
        return f"zu {d.parent}"
    return f"fundstelle {string(d.law_ref)}"


def _indicator_present(kind: str, d: n.IndicatorDef) -> bool:
    value = {"definition": d.definition, "formula": d.formula, "good_direction": d.good,
             "parent": d.parent, "law_ref": d.law_ref}[kind]
    return value is not None


# ---------------------------------------------------------------- layout


@dataclass
class _Unit:
    """One piece of output: a statement, a block's opening line or a block's `}`.

    `text` may hold line breaks (multi-line texts); indentation applies to its first
    line only, since the other lines belong to the text. `start`/`end` are the source
    lines it came from, used to place comments and blank lines.
    """

    text: str
    depth: int
    start: int
    end: int
    blank: bool = False
    opening: bool = False
    closing: bool = False
    leading: list[n.Comment] = field(default_factory=list)
    trailing: n.Comment | None = None


class _Layout:
    """Collects units in source order, then places comments and renders the text."""

    def __init__(self, source_text: str):
        self.source = source_text
        self.lines = source_text.split("\n")
        self.units: list[_Unit] = []
        self._line_offsets: list[int] | None = None

    # -- building units

    def item(self, node, depth: int, blank: bool) -> None:
        if isinstance(node, (n.Agreement, n.Catalog)):
            keyword = "vereinbarung" if isinstance(node, n.Agreement) else "katalog"
            self._open(f"{keyword} {node.id} {string(node.title)} {{", node, depth, blank)
            self._children(node.items, depth + 1, grouped=True)
            self._close(node, depth)
        elif isinstance(node, n.Target):
            number_part = f" {node.number}" if node.number is not None else ""
            self._open(f"{node.kind}{number_part} {node.id} {string(node.title)} {{", node, depth, blank)
            self._children(node.items, depth + 1, grouped=False)
            self._close(node, depth)
        elif isinstance(node, n.IndicatorDef):
            self._open(f"{node.kind} {node.code} {string(node.title)} {{", node, depth, blank)
            for kind, start, end in self._indicator_items(node):
                self.units.append(_Unit(_indicator_field(kind, node), depth + 1, start, end))
            self._close(node, depth)
        else:
            start, end = _lines(node.span)
            self.units.append(_Unit(_STATEMENTS[type(node)](node), depth, start, end, blank=blank))

    def _children(self, items, depth: int, grouped: bool) -> None:
        """Items of a block; `grouped` (agreements, catalogues) also separates kinds by a blank line."""
        blocks = _BLOCKS if grouped else (n.Target,)  # inside a target only nested targets stand apart
        previous = None
        for node in items:
            blank = previous is not None and (
                isinstance(node, blocks) or isinstance(previous, blocks)
                or (grouped and _KIND_GROUPS.get(type(node)) != _KIND_GROUPS.get(type(previous)))
            )
            self.item(node, depth, blank)
            previous = node

    def _open(self, text: str, node, depth: int, blank: bool) -> None:
        start, _ = _lines(node.span)
        self.units.append(_Unit(text, depth, start, self._brace_line(node.span), blank=blank, opening=True))

    def _close(self, node, depth: int) -> None:
        _, end = _lines(node.span)
        self.units.append(_Unit("}", depth, end, end, closing=True))

    # -- reading positions from the source

    def _brace_line(self, span) -> int:
        """The line of the `{` that opens the block starting at `span` (strings and comments skipped)."""
        start, _ = _lines(span)
        if span is None or not self.source:
            return start
        if self._line_offsets is None:
            offsets, total = [], 0
            for line in self.lines:
                offsets.append(total)
                total += len(line) + 1
            self._line_offsets = offsets
        if not 1 <= span.line <= len(self._line_offsets):
            return start
        i, text, size = self._line_offsets[span.line - 1] + span.column - 1, self.source, len(self.source)
        while i < size:
            ch = text[i]
            if ch == "{":
                return text.count("\n", 0, i) + 1
            if text.startswith('"""', i):
                i += 3
                while i < size and not text.startswith('"""', i):
                    i += 2 if text[i] == "\\" else 1
                i += 3
            elif ch == '"':
                i += 1
                while i < size and text[i] not in '"\n':
                    i += 2 if text[i] == "\\" else 1
                i += 1
            elif ch == "#":
                end = text.find("\n", i)
                i = size if end < 0 else end
            else:
                i += 1
        return start

    def _indicator_items(self, node: n.IndicatorDef) -> list[tuple[str, int, int]]:
        """The fields of an indicator definition in the author's order, with their lines (from the parse)."""
        if not node.written:  # built in code, not parsed: the canonical order, on the block's line
            brace = self._brace_line(node.span)
            return [(kind, brace, brace) for kind in _INDICATOR_FIELDS if _indicator_present(kind, node)]
        rule = {"good": "good_direction"}
        return [(rule.get(key, key), span.line, span.end_line or span.line) for key, span in node.written]

    # -- comments, blank lines, text

    def _had_blank(self, after: int, before: int) -> bool:
        """Whether the author left an empty line strictly between two source lines."""
        return any(not self.lines[k - 1].strip() for k in range(max(after + 1, 1), min(before, len(self.lines) + 1)))

    def _place_comments(self, comments) -> list[n.Comment]:
        last_ending_on: dict[int, _Unit] = {}
        running, ends = 0, []
        for unit in self.units:
            last_ending_on[unit.end] = unit
            running = max(running, unit.end)
            ends.append(running)
        at_end: list[n.Comment] = []
        for comment in sorted(comments, key=lambda c: (c.line, c.column)):
            owner = None if comment.own_line else last_ending_on.get(comment.line)
            if owner is not None and owner.trailing is None:
                owner.trailing = comment
                continue
            index = bisect.bisect_right(ends, comment.line)
            if index < len(self.units):
                self.units[index].leading.append(comment)
            else:
                at_end.append(comment)
        return at_end

    def render(self, comments) -> str:
        at_end = self._place_comments(comments)
        out: list[str] = []
        previous_line = 0  # last source line already written (for the author's blank lines)
        fresh = True  # at the start of the file or of a block: no blank line here

        def blank_line(wanted: bool) -> None:
            if wanted and not fresh:
                out.append("")

        for unit in self.units:
            first = True
            comment_depth = unit.depth + (1 if unit.closing else 0)
            for comment in unit.leading:
                blank_line((unit.blank and first) or self._had_blank(previous_line, comment.line))
                out.append(INDENT * comment_depth + comment.text)
                previous_line, fresh, first = max(previous_line, comment.line), False, False
            if not unit.closing:
                blank_line((unit.blank and first) or self._had_blank(previous_line, unit.start))
            lines = unit.text.split("\n")
            lines[0] = INDENT * unit.depth + lines[0]
            if unit.trailing is not None:
                lines[-1] += "  " + unit.trailing.text
            out.extend(lines)
            previous_line, fresh = max(previous_line, unit.end), unit.opening
        for comment in at_end:
            blank_line(self._had_blank(previous_line, comment.line))
            out.append(comment.text)
            previous_line, fresh = comment.line, False
        return "\n".join(out) + "\n" if out else ""


def _lines(span) -> tuple[int, int]:
    if span is None:
        return 0, 0
    return span.line, span.end_line if span.end_line is not None else span.line
