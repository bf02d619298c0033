"""Go to definition: ids of the document, and the entries of the indicator catalogue."""

from __future__ import annotations

import re
from functools import lru_cache

from zieldsl.service.text import LineIndex, Position, Range

_CATALOG_ENTRY = re.compile(r"^[ \t]*(?:kennzahl|ergänzungsgröße|ergaenzungsgroesse|reihe)[ \t]+(\w+)",
                            re.MULTILINE | re.IGNORECASE)


@lru_cache(maxsize=1)
def standard_entries() -> dict[str, Range]:
    """Name → range of its definition in the standard catalogue file."""
    from zieldsl.language.catalog import STANDARD_CATALOG

    text = STANDARD_CATALOG.read_text(encoding="utf-8")
    lines = LineIndex(text)
    return {m.group(1): lines.range(m.start(1), m.end(1)) for m in _CATALOG_ENTRY.finditer(text)}


def definition(snapshot, position: Position):
    """Where the word under the cursor is defined, or None."""
    from zieldsl.language.catalog import STANDARD_CATALOG
    from zieldsl.service.service import Location

    token = snapshot.structure.token_at(snapshot.offset(position))
    if token is None or token.kind in ("string", "number", "date"):
        return None
    symbol = snapshot.structure.by_id.get(token.value)
    if symbol is not None:
        return Location(None, snapshot.lines.range(symbol.name_start, symbol.name_end))
    entry = standard_entries().get(token.value)
    if entry is not None:
        return Location(STANDARD_CATALOG, entry)
    return None
