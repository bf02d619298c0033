"""Checked documentation: every DSL code block of the docs (fence `zieldsl`) goes through the checker.

Marker convention (an HTML comment on the line right before the fence; invisible
on the site):

    <!-- zieldsl: ziel -->                  wrap the block into a target `ziel 99 …{ }`
    <!-- zieldsl: vereinbarung -->          wrap it into an agreement (the default for fragments)
    <!-- zieldsl: fehler ZD201 -->          the block must produce exactly these error codes
    <!-- zieldsl: warnung ZD206 -->         … or pass with exactly these warning codes
    <!-- zieldsl: ziel fehler ZD205 -->     words combine
    <!-- zieldsl: unformatiert -->          a whole agreement that is meant to differ from `zieldsl fmt`
    <!-- zieldsl: datei:vereinbarungen/neu.ziel -->
                                           (any fence language) the build writes the block
                                           to this file before it runs `befehl` markers

A block that starts with `vereinbarung` or `katalog` is checked as it stands; any
other block is a fragment and is wrapped into a minimal agreement (with `träger`
and `zieljahr` unless it names them). A block without `fehler`/`warnung` must pass
without errors and warnings. For marked blocks the mkdocs hook prints the real
messages below the block, with line numbers counted inside the block.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from zieldsl.api import check_text
from zieldsl.diagnostics import Diagnostic, ZielError

EXAMPLE_FILE = "beispiel.ziel"

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)[^\n]*$")
_MARKER = re.compile(r"^\s*<!--\s*zieldsl:\s*(?P<words>[^>]*?)\s*-->\s*$")
_CODE = re.compile(r"^ZD\d{3}$")
_WHOLE = re.compile(r"^\s*(?:#[^\n]*\n|\s)*(vereinbarung|katalog)\b", re.IGNORECASE)
_HAS_AGENCY = re.compile(r"^\s*(träger|traeger)\b", re.IGNORECASE | re.MULTILINE)
_HAS_YEAR = re.compile(r"^\s*zieljahr\b", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Example:
    """One ```zieldsl block of a Markdown file and what its marker asks for."""

    file: str
    line: int  # line of the opening fence, counting from 1
    code: str  # the block's text
    wrap: str  # "keine" | "vereinbarung" | "ziel"
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    marker_line: int | None = None  # line of the marker comment, if any
    end_line: int = 0  # line of the closing fence
    unformatted: bool = False  # a whole agreement deliberately not in `zieldsl fmt` layout

    @property
    def expects_output(self) -> bool:
        return bool(self.errors or self.warnings)


class MarkerError(ValueError):
    """A marker comment the convention does not know."""


def _parse_marker(words: str, file: str, line: int) -> dict:
    wrap, errors, warnings, current, unformatted = None, [], [], None, False
    for word in words.split():
        lowered = word.lower()
        if lowered in ("ziel", "vereinbarung"):
            wrap = lowered
        elif lowered == "unformatiert":
            unformatted = True
        elif lowered in ("fehler", "warnung"):
            current = errors if lowered == "fehler" else warnings
        elif _CODE.match(word) and current is not None:
            current.append(word)
        elif (lowered.startswith("datei:") and len(word) > 6) or (lowered.startswith("kodierung:") and len(word) > 10):
            continue  # a file for the build's workspace, and its encoding (see docbuild.pages)
        else:
            raise MarkerError(f"{file}:{line}: unbekanntes Wort »{word}« in der Markierung »<!-- zieldsl: {words} -->«")
    return {"wrap": wrap, "errors": tuple(errors), "warnings": tuple(warnings), "unformatted": unformatted}


def extract(markdown: str, file: str = "<markdown>") -> list[Example]:
    """Every ```zieldsl block of a Markdown text, with its marker (fences inside other fences skipped)."""
    lines = markdown.splitlines()
    examples: list[Example] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, lang, indent = match.group("fence"), match.group("lang").lower(), match.group("indent")
        start = i
        i += 1
        body: list[str] = []
        while i < len(lines) and not (lines[i].strip().startswith(fence[0] * len(fence))
                                      and lines[i].strip().strip(fence[0]) == ""):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        end = i
        i += 1
        if lang not in ("zieldsl", "ziel"):
            continue
        marker, marker_line = {"wrap": None, "errors": (), "warnings": (), "unformatted": False}, None
        j = start - 1
        if j >= 0 and _MARKER.match(lines[j]):
            marker_line = j + 1
            marker = _parse_marker(_MARKER.match(lines[j]).group("words"), file, marker_line)
        code = "\n".join(body) + "\n"
        wrap = marker["wrap"] or ("keine" if _WHOLE.match(code) else "vereinbarung")
        examples.append(Example(file, start + 1, code, wrap, marker["errors"], marker["warnings"], marker_line,
                                end + 1, marker["unformatted"]))
    return examples


def wrapped(example: Example) -> tuple[str, int]:
    """The text the checker sees and how many lines precede the block in it."""
    if example.wrap == "keine":
        return example.code, 0
    head = ['vereinbarung beispiel "Beispiel" {']
    if not _HAS_AGENCY.search(example.code):
        head.append('    träger "Landkreis Beispiel" kennung "99999"')
    if not _HAS_YEAR.search(example.code):
        head.append("    zieljahr 2026")
    tail = ["}"]
    if example.wrap == "ziel":
        head.append('    ziel 99 beispiel "Beispiel" {')
        tail.insert(0, "    }")
    return "\n".join(head) + "\n" + example.code + "\n".join(tail) + "\n", len(head)


def diagnose(example: Example) -> list[Diagnostic]:
    """Errors (or, if none, warnings) of the block, positions counted inside the block."""
    text, offset = wrapped(example)
    try:
        diagnostics = [w for agreement in check_text(text, EXAMPLE_FILE) for w in agreement.warnings]
    except ZielError as err:
        diagnostics = err.diagnostics
    seen, out = set(), []
    for d in diagnostics:
        key = (d.code, d.message, d.span)
        if key in seen:  # warnings are shared by every agreement of a file
            continue
        seen.add(key)
        out.append(_shift(d, offset, example.code.count("\n")))
    return out


def _shift(d: Diagnostic, offset: int, length: int) -> Diagnostic:
    span = d.span
    if span is None or offset == 0:
        return d
    if not offset < span.line <= offset + length:
        return dataclasses.replace(d, span=None, source_line=None)  # points into the wrapper
    end_line = span.end_line - offset if span.end_line is not None else None
    return dataclasses.replace(d, span=dataclasses.replace(span, line=span.line - offset, end_line=end_line))


def problems(example: Example) -> list[str]:
    """What is wrong with a docs example (empty when it does what its marker says)."""
    diagnostics = diagnose(example)
    errors = sorted({d.code for d in diagnostics if d.is_error})
    warnings = sorted({d.code for d in diagnostics if not d.is_error})
    where = f"{example.file}:{example.line}"
    out = []
    if errors != sorted(set(example.errors)):
        got = ", ".join(errors) or "keine"
        want = ", ".join(sorted(set(example.errors))) or "keine"
        out.append(f"{where}: Beispiel liefert Fehler {got}, erwartet {want}")
        if not example.errors:
            out += [f"  {line}" for d in diagnostics for line in d.render().splitlines()]
    if not errors and warnings != sorted(set(example.warnings)):
        got = ", ".join(warnings) or "keine"
        want = ", ".join(sorted(set(example.warnings))) or "keine"
        out.append(f"{where}: Beispiel liefert Warnungen {got}, erwartet {want}")
    return out


def layout_problems(example: Example) -> list[str]:
    """A whole, valid agreement in the docs is shown in the layout `zieldsl fmt` gives it."""
    from zieldsl.language.formatter import format_text

    if example.wrap != "keine" or example.errors or example.unformatted:
        return []
    try:
        formatted = format_text(example.code, EXAMPLE_FILE)
    except ZielError:
        return []  # problems() reports it
    if formatted == example.code:
        return []
    return [f"{example.file}:{example.line}: Beispiel ist nicht im Format von »zieldsl fmt« "
            "(sonst »<!-- zieldsl: unformatiert -->« davor)"]


def check_markdown(markdown: str, file: str = "<markdown>") -> list[str]:
    """All problems of all DSL blocks of a Markdown text (empty list: every example is fine)."""
    try:
        examples = extract(markdown, file)
    except MarkerError as err:
        return [str(err)]
    return [problem for example in examples for problem in problems(example) + layout_problems(example)]


def rendered_output(example: Example) -> str:
    """The messages `zieldsl check beispiel.ziel` prints for the block, as the docs show them."""
    return "\n".join(d.render() for d in diagnose(example))
