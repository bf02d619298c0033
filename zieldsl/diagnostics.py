"""Diagnostics: positioned, German, collected and reported together.

Every problem a user can cause (agreement text, data files, templates) becomes a
`Diagnostic` with a stable code, a span and a hint. Producers add diagnostics to a
`DiagnosticBag`; at the end of a phase the bag raises one `ZielError` holding all
of them, so the user sees every problem of a file at once.

Code ranges: ZD1xx syntax, ZD2xx agreement checks, ZD3xx data files,
ZD4xx evaluation, ZD5xx templates and output, ZD6xx limits.
"""

from __future__ import annotations

from dataclasses import field
from typing import Iterable, Literal

from zieldsl.frozen import node_dataclass  # frozen classes that cost almost nothing at import
from zieldsl.lines import split_lines

Severity = Literal["fehler", "warnung"]


@node_dataclass(frozen=True)
class Span:
    """A region of a source file; lines and columns count from 1."""

    file: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@node_dataclass(frozen=True)
class Diagnostic:
    """One problem, ready to print: where, what, how to fix it."""

    code: str
    message: str
    span: Span | None = None
    hint: str | None = None
    severity: Severity = "fehler"
    source_line: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "fehler"

    def render(self) -> str:
        """`file:line:column: fehler ZD104: message`, the line, a caret and the hint."""
        where = f"{self.span}: " if self.span else ""
        out = [f"{where}{self.severity} {self.code}: {self.message}"]
        if self.span is not None and self.source_line is not None:
            number = str(self.span.line)
            text = self.source_line.rstrip("\n").expandtabs(1)
            out.append(f" {number} | {text}")
            width = 1
            if self.span.end_line == self.span.line and self.span.end_column:
                width = max(1, self.span.end_column - self.span.column)
            width = min(width, max(1, len(text) - self.span.column + 1))
            out.append(f" {' ' * len(number)} | {' ' * (self.span.column - 1)}{'^' * width}")
        if self.hint:
            out.append(f"  Hinweis: {self.hint}")
        return "\n".join(out)


class ZielError(Exception):
    """The one exception type zieldsl lets escape for bad input; holds all diagnostics."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))

    @property
    def codes(self) -> list[str]:
        return [d.code for d in self.diagnostics]


@node_dataclass(frozen=False)
class Source:
    """A named text; gives the line a diagnostic shows."""

    name: str
    text: str
    _lines: list[str] | None = field(default=None, repr=False)

    def line(self, number: int) -> str | None:
        if self._lines is None:
            self._lines = split_lines(self.text)
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return None

    def span(self, line: int, column: int, end_line: int | None = None, end_column: int | None = None) -> Span:
        return Span(self.name, line, column, end_line, end_column)


@node_dataclass(frozen=False)
class DiagnosticBag:
    """Collects diagnostics for one source; raises them together."""

    source: Source | None = None
    items: list[Diagnostic] = field(default_factory=list)

    def add(
        self,
        code: str,
        message: str,
        span: Span | None = None,
        hint: str | None = None,
        severity: Severity = "fehler",
    ) -> Diagnostic:
        line = None
        if span is not None and self.source is not None and span.file == self.source.name:
            line = self.source.line(span.line)
        diagnostic = Diagnostic(code, message, span, hint, severity, line)
        self.items.append(diagnostic)
        return diagnostic

    def warn(self, code: str, message: str, span: Span | None = None, hint: str | None = None) -> Diagnostic:
        return self.add(code, message, span, hint, "warnung")

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if not d.is_error]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ZielError(sorted_diagnostics(self.items))


def sorted_diagnostics(items: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Order by file and position so output is stable and reads top to bottom."""

    def key(d: Diagnostic):
        s = d.span
        return (s.file if s else "", s.line if s else 0, s.column if s else 0, d.code)

    return sorted(items, key=key)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A German "Meinten Sie …?" hint for the closest candidate, if any is close.

    A word with look-alike letters (a Cyrillic К in »К3«) gets a hint naming each such character
    and the Latin spelling, since the two read the same on screen.
    """
    import difflib

    from zieldsl import lookalikes

    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    explanation = lookalikes.explain(word)
    if explanation is not None:
        latin, _replaced = lookalikes.latin_form(word)  # type: ignore[misc]
        match = difflib.get_close_matches(latin.lower(), list(lowered), n=1, cutoff=0.6)
        return f"{explanation} Meinten Sie »{lowered[match[0]] if match else latin}«?"
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    if match:
        return f"Meinten Sie »{lowered[match[0]]}«?"
    return None
