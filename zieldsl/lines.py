"""The one definition of a line break in a `.ziel` file, shared by every reader of lines.

A line ends at LF, CRLF or a lone CR, exactly where every editor starts a new line.
The reader, the parser's positions, the diagnostics, the formatter, `explain` and
editor tools all split lines with this module, so a comment can never swallow a line
an editor shows as a line of its own. Characters that only some programs treat as
line breaks (NEL U+0085, LINE SEPARATOR U+2028, PARAGRAPH SEPARATOR U+2029, vertical
tab, form feed, the information separators U+001C–U+001E) are refused in agreement
text (ZD004) instead of being guessed at.
"""

from __future__ import annotations

import re

LINE_BREAK = re.compile(r"\r\n|\r|\n")
AMBIGUOUS_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_AMBIGUOUS = re.compile(f"[{re.escape(AMBIGUOUS_BREAKS)}]")
_NAMES = {"\x0b": "VERTICAL TABULATION", "\x0c": "FORM FEED", "\x1c": "FILE SEPARATOR",
          "\x1d": "GROUP SEPARATOR", "\x1e": "RECORD SEPARATOR", "\x85": "NEXT LINE (NEL)",
          "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def normalise(text: str) -> str:
    """CRLF and lone CR become LF; positions (line, column) stay what an editor shows."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[str]:
    """The lines of `text` without their breaks; a final break does not start an extra line."""
    lines = text.split("\n") if "\r" not in text else LINE_BREAK.split(text)  # the same, without a regex
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def ambiguous_break(text: str) -> tuple[int, str] | None:
    """The offset and the Unicode name of the first character that is a line break only for some programs."""
    found = _AMBIGUOUS.search(text)
    if found is None:
        return None
    char = found.group()
    return found.start(), f"U+{ord(char):04X} {_NAMES[char]}"


def position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), both from 1, of `offset` in already normalised text."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)
