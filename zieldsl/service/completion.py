"""Completion: the words that may follow at the cursor, read from the line and the enclosing block.

The rules mirror the grammar (`grammars/zieldsl.lark`) for the statements people type most:
conditions, monitoring, supplementary figures, rules, counts and catalogue entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zieldsl.service.text import Position, Range
from zieldsl.service.words import FUNCTIONS, meaning

_WORD = re.compile(r"[^\W\d]\w*$|$")
_LINE_WORDS = re.compile(r'"(?:[^"\\]|\\.)*"?|[^\s,(){}"]+|,|\(')

AGREEMENT_ITEMS = ["land", "träger", "rechtsgrundlage", "kennzahlenverordnung", "zieljahr", "vergleichsjahr",
                   "bewertung", "abschluss", "zieldialoge", "mittel", "annahme", "berücksichtigung",
                   "rechtsänderung", "abschnitt", "unterzeichnet", "ziel", "grundsatz", "reihe", "kennzahl",
                   "ergänzungsgröße"]
TARGET_ITEMS = ["text", "beobachtung", "ergänzungsgrößen", "anzahl", "schritt", "bedingung", "teilziel",
                "erreicht wenn", "frauen", "männer", "gesamt"]
CATALOG_ITEMS = ["reihe", "kennzahl", "ergänzungsgröße", "rechtsänderung"]
INDICATOR_ITEMS = ["definition", "formel", "gut", "zu", "fundstelle"]
VERBS = ["steigt", "sinkt", "bleibt gleich", "beträgt", "erreicht"]
QUALIFIERS = ["mindestens", "maximal", "höchstens", "nicht mehr als"]
GROUPS = ["frauen", "männer", "gesamt"]
RULE_TERMS = ["alle schritte", "alle bedingungen", "alle teilziele", "eine bedingung"]


@dataclass(frozen=True)
class Completion:
    label: str
    kind: str  # "keyword" | "indicator" | "group" | "id" | "series" | "function" | "unit"
    detail: str
    replace: Range  # the part of the word already typed

    @property
    def insert_text(self) -> str:
        return self.label


def _words(before: str) -> list[str]:
    return [w.lower() for w in _LINE_WORDS.findall(before)]


def complete(snapshot, position: Position) -> list[Completion]:
    from zieldsl.service.hover import catalog_of

    offset = snapshot.offset(position)
    line = snapshot.lines.line_text(position.line)[: position.character]
    prefix = _WORD.search(line).group(0)
    before = _words(line[: len(line) - len(prefix)])
    replace = Range(Position(position.line, position.character - len(prefix)), position)
    chain = snapshot.structure.enclosing(offset)
    block = chain[-1].kind if chain else None
    catalog = catalog_of(snapshot)
    out: list[Completion] = []

    def add(labels, kind: str, details: dict | None = None) -> None:
        for label in labels:
            detail = (details or {}).get(label) or meaning(label.split()[0]) or ""
            out.append(Completion(label, kind, detail, replace))

    def indicators(only_supplementary: bool = False) -> None:
        items = sorted(catalog.indicators.values(), key=lambda i: (len(i.code), i.code))
        for i in items:
            if only_supplementary and i.kind == "kennzahl":
                continue
            out.append(Completion(i.code, "indicator", i.title, replace))

    def target_ids() -> None:
        target = next((s for s in reversed(chain) if s.kind in ("ziel", "grundsatz", "teilziel")), None)
        for s in target.children if target else ():
            if s.kind in ("schritt", "bedingung", "teilziel"):
                out.append(Completion(s.id, "id", f"{s.kind}: {s.title}", replace))

    last = before[-1] if before else None
    first = before[0] if before else None
    in_target = block in ("ziel", "grundsatz", "teilziel")
    if not before:
        if block is None:
            add(["vereinbarung", "katalog"], "keyword")
        elif block == "vereinbarung":
            add(AGREEMENT_ITEMS, "keyword")
        elif block == "katalog":
            add(CATALOG_ITEMS, "keyword")
        elif block == "kennzahl":
            add(INDICATOR_ITEMS, "keyword")
        elif in_target:
            add(TARGET_ITEMS, "keyword")
            indicators()
    elif first in ("ergänzungsgrößen", "ergaenzungsgroessen", "ergänzungsgröße", "ergaenzungsgroesse") and in_target:
        if last == "," or len(before) == 1:
            indicators(only_supplementary=True)
    elif last in ("frauen", "männer", "maenner", "gesamt") and len(before) == 1 and in_target:
        indicators()
    elif last == "beobachtung":
        add(GROUPS, "group")
        add(["abstand"], "keyword")
        indicators()
    elif last in ("abstand", "zu") or (first == "beobachtung" and last in GROUPS):
        indicators()
    elif first == "beobachtung" and "abstand" in before:
        if last in catalog.indicators:
            add(["zwischen"], "keyword")
        elif last in ("zwischen", "und"):
            add(["frauen", "männern"], "group")
        elif last in ("frauen", "männern", "maennern"):
            add(["und"], "keyword")
    elif last in catalog.indicators or (last and last.upper() in catalog.indicators):
        if first == "beobachtung":
            add(["prognose"], "keyword")
        else:
            add(VERBS, "keyword")
    elif last in ("steigt", "sinkt"):
        add(["um"] if first in ("annahme", "beobachtung", "gut") or "prognose" in before else ["um", "nicht"],
            "keyword")
    elif last == "bleibt":
        add(["gleich"], "keyword")
    elif last == "um" and in_target and "prognose" not in before:
        add(QUALIFIERS, "keyword")
    elif last in ("beträgt", "betraegt") or (last == "erreicht" and len(before) > 1):
        add(["mindestens", "höchstens"], "keyword")
    elif last and re.fullmatch(r"\d[\d.]*(,\d+)?", last):
        if first == "mittel":
            add(["eur"], "unit")
        elif in_target or first == "annahme":
            add(["%", "prozentpunkte"], "unit")
    elif last == "anzahl":
        add(sorted(catalog.series), "series", {k: v.title for k, v in catalog.series.items()})
    elif last == "erreicht":
        add(["wenn"], "keyword")
    elif last == "wenn" or (last == "und" and "wenn" in before):
        add(RULE_TERMS, "keyword")
        target_ids()
    elif last == "alle":
        add(["schritte", "bedingungen", "teilziele"], "keyword")
    elif last == "formel":
        add(sorted(FUNCTIONS), "function", FUNCTIONS)
    elif last in ("(", ",") and first == "formel":
        add(sorted(catalog.series), "series", {k: v.title for k, v in catalog.series.items()})
    elif last == "gut":
        add(["steigt", "sinkt"], "keyword")
    elif first in ("bewertung", "abschluss"):
        if last in ("bewertung", "abschluss"):
            add(["jahresfortschrittswerte", "jahresendwerte"], "keyword")
        elif last in ("jahresfortschrittswerte", "jahresendwerte"):
            add(["ohne", "mit"], "keyword")
        elif last in ("ohne", "mit"):
            add(["wartezeit"], "keyword")
        elif last == "," and first == "bewertung":
            add(["gleicher", "gemeinsamer"], "keyword")
        elif last in ("gleicher", "gemeinsamer"):
            add(["ladestand"], "keyword")
    wanted = prefix.lower()
    return [c for c in out if c.label.lower().startswith(wanted)] if wanted else out
