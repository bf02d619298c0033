"""Positions in a text: 0-based lines and characters, converted to and from offsets.

The text is already normalised (`zieldsl.lines`: CRLF and lone CR became LF), so LF is
the only line break here, exactly as the parser and the editor count lines.
Characters are code points. Editors speaking LSP count UTF-16 units; the two agree
for every character of German text (all lie in the Basic Multilingual Plane).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Position:
    line: int
    character: int


@dataclass(frozen=True)
class Range:
    start: Position
    end: Position


class LineIndex:
    """Offsets of line starts, for fast offset ↔ position conversion in long files."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0]
        find = text.find
        at = find("\n")
        while at != -1:
            self.starts.append(at + 1)
            at = find("\n", at + 1)

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return Position(line, offset - self.starts[line])

    def offset(self, position: Position) -> int:
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] - 1 if position.line + 1 < len(self.starts) else len(self.text)
        return min(start + max(0, position.character), end)

    def range(self, start: int, end: int) -> Range:
        return Range(self.position(start), self.position(end))

    def line_text(self, line: int) -> str:
        if not 0 <= line < len(self.starts):
            return ""
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end]
