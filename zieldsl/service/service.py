"""One version of a document's text and every answer an editor asks about it.

`analyse(text, path)` parses and checks once (exactly as `zieldsl check`), and the
`Snapshot` answers diagnostics, formatting, hover, completion, definitions, the
outline and quick fixes from that. Hover and completion read the token structure
(`structure.py`), so they work in text that does not parse yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from zieldsl.diagnostics import Diagnostic, ZielError
from zieldsl.service.structure import Structure, Symbol, read_structure
from zieldsl.lines import normalise
from zieldsl.service.text import LineIndex, Position, Range


@dataclass(frozen=True)
class Problem:
    """A diagnostic of `check`, placed for an editor (0-based range)."""

    code: str
    message: str
    severity: str  # "fehler" | "warnung"
    range: Range
    hint: str | None
    diagnostic: Diagnostic = field(compare=False, repr=False)

    @property
    def text(self) -> str:
        """The message as an editor shows it: message and hint."""
        return self.message + (f"\nHinweis: {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Location:
    """Where something is defined: in this document (`path` None) or in another file."""

    path: Path | None
    range: Range


@dataclass(frozen=True)
class Hover:
    markdown: str
    range: Range


@dataclass(frozen=True)
class OutlineItem:
    name: str
    detail: str
    kind: str
    range: Range
    selection_range: Range
    children: tuple["OutlineItem", ...] = ()


def analyse(text: str, path: str | Path | None = None) -> "Snapshot":
    """Check `text` (named after `path` in diagnostics) and return the snapshot to ask."""
    return Snapshot(text, Path(path) if path is not None else None)


class Snapshot:
    """One version of a document. Cheap to create; each answer is computed on first use."""

    def __init__(self, text: str, path: Path | None = None):
        # CRLF and lone CR become LF (zieldsl.lines): lines and characters stay what the editor shows.
        self.text = normalise(text)
        self.path = path
        self.name = str(path) if path is not None else "<eingabe>"
        self.lines = LineIndex(self.text)

    # ------------------------------------------------------------ checking

    @cached_property
    def _checked(self):
        """(document or None, checked agreements or None, all diagnostics as `check` reports them)."""
        from zieldsl.language.checker import check_document
        from zieldsl.language.parser import parse_text

        try:
            document = parse_text(self.text, self.name)
        except ZielError as err:
            return None, None, err.diagnostics
        try:
            checked = check_document(document, self.text)
        except ZielError as err:
            return document, None, err.diagnostics
        return document, checked, [w for c in checked[:1] for w in c.warnings]

    @property
    def checked(self):
        """The checked agreements, or None while the text has errors."""
        return self._checked[1]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Exactly what `zieldsl check` prints for this text."""
        return list(self._checked[2])

    @cached_property
    def problems(self) -> list[Problem]:
        return [Problem(d.code, d.message, d.severity, self.span_range(d.span), d.hint, d) for d in self.diagnostics]

    def span_range(self, span) -> Range:
        """A diagnostic span as an editor range; a bare point covers the word there."""
        if span is None or span.file != self.name:
            return Range(Position(0, 0), Position(0, 0))
        start = Position(span.line - 1, span.column - 1)
        if span.end_line is not None and span.end_column is not None:
            end = Position(span.end_line - 1, span.end_column - 1)
            if end > start:
                return Range(start, end)
        offset = self.lines.offset(start)
        stop = offset
        while stop < len(self.text) and (self.text[stop].isalnum() or self.text[stop] in "_,."):
            stop += 1
        if stop == offset and stop < len(self.text) and self.text[stop] != "\n":
            stop += 1
        return Range(start, self.lines.position(stop))

    # ------------------------------------------------------------ formatting

    def formatted(self) -> str | None:
        """The text as `zieldsl fmt` writes it, or None when it has syntax errors.

        Reuses the parse tree of the diagnostics (`fmt` is `format_document` of the parsed text).
        """
        from zieldsl.language.formatter import format_document

        document = self._checked[0]
        return None if document is None else format_document(document, self.text)

    # ------------------------------------------------------------ structure

    @cached_property
    def structure(self) -> Structure:
        return read_structure(self.text)

    def outline(self) -> list[OutlineItem]:
        """The document's blocks and named statements, nested as written."""

        def item(s: Symbol) -> OutlineItem:
            label = f"{s.kind} {s.number} {s.id}" if s.number else f"{s.kind} {s.id}"
            return OutlineItem(label, s.title, s.kind, self.lines.range(s.start, s.end),
                               self.lines.range(s.name_start, s.name_end), tuple(item(c) for c in s.children))

        return [item(s) for s in self.structure.symbols]

    def offset(self, position: Position) -> int:
        return self.lines.offset(position)

    # ------------------------------------------------------------ data

    @cached_property
    def judged(self):
        """The draft judged against the data beside its file (`service.evaluation.Judged`), or None."""
        from zieldsl.service.evaluation import Judged, judge

        if not self.checked:
            return Judged(None, "Die Vereinbarung enthält Fehler; bewertet wird, sobald sie fehlerfrei ist.", ())
        return judge(self.checked[0], self.path)

    # ------------------------------------------------------------ editor questions

    def hover(self, position: Position) -> Hover | None:
        from zieldsl.service.hover import hover

        return hover(self, position)

    def completions(self, position: Position):
        from zieldsl.service.completion import complete

        return complete(self, position)

    def definition(self, position: Position) -> Location | None:
        from zieldsl.service.navigation import definition

        return definition(self, position)

    def quick_fixes(self, range_: Range | None = None):
        from zieldsl.service.fixes import quick_fixes

        return quick_fixes(self, range_)
