"""Regenerate the generated modules of zieldsl/language (after a change of the grammar or the standard catalogue).

    python tools/generate_parser.py            # write the modules (those that are not current)
    python tools/generate_parser.py --check    # exit 1 if a module is stale or was edited

Lark's standalone generator writes the parse tables and the part of Lark that runs them
into one module, so `zieldsl check` never imports lark (docs/leistung.md). The module's
header records the SHA-256 of the grammar and of the generated text
(`zieldsl.language.standalone`); tests/test_standalone_parser.py checks both.

`zieldsl/language/_standard_document.py` is the syntax tree of the standard catalogue
(`zieldsl/language/standard.ziel`) as Python code, so that a start need not parse it
(`zieldsl.language.prebuilt`). It is compared in full with a fresh generation, since a
change of the grammar or the parser may change the tree as well.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from zieldsl.language import prebuilt  # noqa: E402
from zieldsl.language.standalone import source, staleness  # noqa: E402

TARGET = REPO / "zieldsl" / "language" / "_lark_standalone.py"
GRAMMAR = REPO / "grammars" / "zieldsl.lark"
CATALOGUE_TARGET = REPO / "zieldsl" / "language" / "_standard_document.py"
CATALOGUE = REPO / "zieldsl" / "language" / "standard.ziel"


def main(argv: list[str]) -> int:
    first = parser_module(argv)
    return first or catalogue_module(argv)


def catalogue_text() -> str:
    """The generated catalogue module as it must read now (parses standard.ziel with the current parser)."""
    from zieldsl.language.catalog import parse_standard_document

    return prebuilt.source(parse_standard_document(), CATALOGUE.read_bytes().decode("utf-8"))


def catalogue_module(argv: list[str]) -> int:
    expected = catalogue_text()
    current = CATALOGUE_TARGET.read_text(encoding="utf-8") if CATALOGUE_TARGET.exists() else None
    name = CATALOGUE_TARGET.relative_to(REPO)
    if current == expected:
        print(f"{name} ist aktuell.")
        return 0
    if "--check" in argv:
        problem = prebuilt.staleness(current, CATALOGUE.read_bytes().decode("utf-8")) if current else "die Datei fehlt"
        print(f"{name} ist nicht aktuell ({problem or 'der Baum des Katalogs hat sich geändert'}): "
              "python tools/generate_parser.py ausführen.")
        return 1
    CATALOGUE_TARGET.write_text(expected, encoding="utf-8", newline="\n")
    print(f"{name} neu erzeugt.")
    return 0


def parser_module(argv: list[str]) -> int:
    grammar = GRAMMAR.read_text(encoding="utf-8")
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    problem = staleness(current, grammar) if current else "die Datei fehlt"
    name = TARGET.relative_to(REPO)
    if "--check" in argv:
        if problem:
            print(f"{name} ist nicht aktuell ({problem}): python tools/generate_parser.py ausführen.")
            return 1
        print(f"{name} ist aktuell.")
        return 0
    if problem or "--force" in argv:
        TARGET.write_text(source(grammar), encoding="utf-8", newline="\n")
        print(f"{name} neu erzeugt.")
    else:
        print(f"{name} ist aktuell.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
