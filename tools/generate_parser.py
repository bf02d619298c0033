"""Regenerate zieldsl/language/_lark_standalone.py from grammars/zieldsl.lark (after every grammar change).

    python tools/generate_parser.py            # write the module (if the grammar changed)
    python tools/generate_parser.py --check    # exit 1 if the module is stale or was edited

Lark's standalone generator writes the parse tables and the part of Lark that runs them
into one module, so `zieldsl check` never imports lark (docs/leistung.md). The module's
header records the SHA-256 of the grammar and of the generated text
(`zieldsl.language.standalone`); tests/test_standalone_parser.py checks both.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from zieldsl.language.standalone import source, staleness  # noqa: E402

TARGET = REPO / "zieldsl" / "language" / "_lark_standalone.py"
GRAMMAR = REPO / "grammars" / "zieldsl.lark"


def main(argv: list[str]) -> int:
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
