"""Find the bundled folders (grammars/, templates/) in a wheel and in a source tree.

A wheel carries them under `zieldsl/_data/` (hatchling force-include); an editable
install or a plain checkout sees them at the repository root. One helper for both.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """The folder `name` (e.g. "grammars"), installed copy first, then the source tree."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Ordner »{name}« gehört zur Installation von zieldsl, wurde aber nicht gefunden")


def grammar_path() -> Path:
    return data_dir("grammars") / "zieldsl.lark"


def templates_dir() -> Path:
    return data_dir("templates")
