"""The Land's own assessment (Würdigung), kept in a file beside the agreement.

`leer-2026.ziel` → `leer-2026.wuerdigung.md`, written by the ministry's official, one
section per target and one for the circumstances of § 3 (4)/(5):

    ## Ziel 2
    Die Integrationsquote …

    ## Teilziel 2.1
    …

    ## Umstände (§ 3 Abs. 4 und 5)
    …

The Feststellung and the Zwischenbericht include each section verbatim where it belongs;
zieldsl only reads this file, never writes it, so regenerating a draft never loses the
assessment. Without the file (or without a section) the draft marks where the
assessment belongs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from zieldsl.files import read_source
from zieldsl.results import AgreementResult

SUFFIX = ".wuerdigung.md"
_TARGET = re.compile(r"^##\s+(?:Ziel|Teilziel|Grundsatz)\s+(\d+(?:\.\d+)*)\b", re.IGNORECASE)
_CIRCUMSTANCES = re.compile(r"^##\s+.*(?:§\s*3|Umstände|Berücksichtigung)", re.IGNORECASE)


@dataclass(frozen=True)
class Assessment:
    """What the file holds: the text per target number and for § 3 (4)/(5), as written."""

    file_name: str
    found: bool
    targets: dict[str, str] = field(default_factory=dict)
    circumstances: str = ""


def file_for(result: AgreementResult) -> Path | None:
    """The assessment file beside the agreement file the result was judged from."""
    agreement = next((f.name for f in result.inputs if f.role == "vereinbarung"), None)
    if not agreement:
        return None
    path = Path(agreement)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(stem + SUFFIX)


def load(result: AgreementResult) -> Assessment:
    """Read the assessment beside the agreement; an absent file is an empty assessment."""
    path = file_for(result)
    if path is None:
        return Assessment(file_name="", found=False)
    if not path.is_file():
        return Assessment(file_name=path.name, found=False)
    return parse(read_source(path), path.name)


def parse(text: str, file_name: str) -> Assessment:
    """Split the file at its `## ` headings; text before the first heading is ignored (a title)."""
    targets: dict[str, list[str]] = {}
    circumstances: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        match = _TARGET.match(line)
        if match:
            current = targets.setdefault(match.group(1), [])
            continue
        if _CIRCUMSTANCES.match(line):
            current = circumstances
            continue
        if line.startswith("## "):
            current = None
            continue
        if current is not None:
            current.append(line.rstrip())
    return Assessment(file_name=file_name, found=True,
                      targets={k: "\n".join(v).strip() for k, v in targets.items() if "\n".join(v).strip()},
                      circumstances="\n".join(circumstances).strip())


def paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, lines within a paragraph joined by a space."""
    return [" ".join(line.strip() for line in block.splitlines()) for block in re.split(r"\n\s*\n", text.strip())
            if block.strip()]
