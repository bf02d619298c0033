"""The shape of a document read from its tokens: blocks, named definitions, references.

Built from the tokens of the text (with the word lists of the Pygments lexer in
`zieldsl.language.highlighter`), not from the parse tree, so hover, completion, the outline and go to definition keep working
while the text is half written and does not parse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple


class Token(NamedTuple):
    kind: str  # comment string date number percent punct other, or for words: decl keyword op group unit
    #            const code function name
    value: str
    start: int
    end: int

    @property
    def word(self) -> str:
        return self.value.lower()


# Declarations that name something: keyword → (outline kind, block or statement)
BLOCKS = {"vereinbarung": "vereinbarung", "katalog": "katalog", "ziel": "ziel", "grundsatz": "grundsatz",
          "teilziel": "teilziel", "kennzahl": "kennzahl", "ergänzungsgröße": "kennzahl",
          "ergaenzungsgroesse": "kennzahl"}
STATEMENTS = {"reihe": "reihe", "schritt": "schritt", "bedingung": "bedingung", "annahme": "annahme",
              "mittel": "mittel", "abschnitt": "abschnitt", "berücksichtigung": "berücksichtigung",
              "beruecksichtigung": "berücksichtigung"}


@dataclass
class Symbol:
    """A named definition: a block (`ziel 2 integration "…" { … }`) or a statement (`schritt …`)."""

    kind: str  # "vereinbarung", "katalog", "ziel", "grundsatz", "teilziel", "kennzahl", "reihe", "schritt", …
    id: str
    title: str
    number: str | None
    start: int  # the keyword
    end: int  # after the closing brace or the statement's last token
    name_start: int
    name_end: int
    children: list["Symbol"] = field(default_factory=list)
    parent: "Symbol | None" = field(default=None, repr=False)
    is_block: bool = False
    body_start: int = 0  # blocks: the offset after their "{"


@dataclass
class Structure:
    tokens: list[Token]
    symbols: list[Symbol]  # top level, children nested
    flat: list[Symbol]
    by_id: dict[str, Symbol]

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def token_at(self, offset: int) -> Token | None:
        """The word-like token touching `offset` (the cursor may sit just after it)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        for j in (i, i - 1):
            if 0 <= j < len(self.tokens):
                t = self.tokens[j]
                if t.start <= offset <= t.end and t.kind not in ("punct", "comment", "other"):
                    return t
        return None

    def enclosing(self, offset: int) -> list[Symbol]:
        """The blocks around `offset`, outermost first (a position on the keyword line counts as outside)."""
        chain: list[Symbol] = []
        level = self.symbols
        while True:
            inner = next((s for s in level if s.is_block and s.body_start <= offset < s.end), None)
            if inner is None:
                return chain
            chain.append(inner)
            level = inner.children


_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z) | "(?:[^"\\\n]|\\.)*"?)
  | (?P<date>\d{1,2}\.\d{1,2}\.\d{4}(?![\d.,]))
  | (?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.]) | \d+(?:,\d+)?[a-z]?(?![\w.]) | \d[\d.,]*)
  | (?P<percent>%)
  | (?P<approx>(?<=\()(?i:ca)\.)
  | (?P<word>[^\W\d]\w*)
  | (?P<punct>[{}(),:])
  | (?P<other>\S)
""", re.VERBOSE)
_CODE = re.compile(r"K\d(?:E\d)?")
_FUNCTION_AFTER = re.compile(r"\s*\(")


@lru_cache(maxsize=1)
def _word_kinds() -> dict[str, str]:
    """Lower-case word → kind, from the word lists of the Pygments lexer (one source for both)."""
    from zieldsl.language import highlighter as h

    kinds: dict[str, str] = {}
    for words, kind in ((h.CONSTANTS, "const"), (h.UNITS, "unit"), (h.GROUPS, "group"), (h.OPERATOR_WORDS, "op"),
                        (h.KEYWORDS, "keyword"), (h.DECLARATIONS, "decl")):
        kinds.update(dict.fromkeys(words, kind))
    return kinds


def tokens(text: str) -> list[Token]:
    """The text's tokens (blanks skipped) with the kinds the Pygments lexer gives them, in one regex pass.

    The lexer itself is too slow for every keystroke in a long file; the word lists are shared.
    """
    kinds = _word_kinds()
    out = []
    append = out.append
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind == "word":
            lower = value.lower()
            if lower in kinds:
                kind = kinds[lower]
            elif _CODE.fullmatch(value):
                kind = "code"
            elif _FUNCTION_AFTER.match(text, match.end()):
                kind = "function"
            else:
                kind = "name"
        elif kind == "approx":  # "(ca. 2.450 integrationen)", as the Pygments lexer marks it
            kind = "op"
        append(Token(kind, value, match.start(), match.end()))
    return out


def _title(string_token: Token | None) -> str:
    if string_token is None:
        return ""
    value = string_token.value
    quote = '"""' if value.startswith('"""') else '"'
    return value[len(quote):-len(quote) if value.endswith(quote) and len(value) >= 2 * len(quote) else None].strip()


def read_structure(text: str) -> Structure:
    """Tokens, then definitions and blocks in one pass over them."""
    toks = tokens(text)
    code = [t for t in toks if t.kind != "comment"]
    roots: list[Symbol] = []
    flat: list[Symbol] = []
    stack: list[Symbol | None] = []  # None for a brace that opens no named block
    pending: Symbol | None = None
    count = len(code)
    i = 0
    while i < count:
        t = code[i]
        word = t.word
        if t.kind == "punct" and t.value == "{":
            if pending is not None:
                pending.body_start = t.end
            stack.append(pending)
            pending = None
            i += 1
            continue
        if t.kind == "punct" and t.value == "}":
            if stack:
                closed = stack.pop()
                if closed is not None:
                    closed.end = t.end
            i += 1
            continue
        symbol = None
        if t.kind == "decl" and word in BLOCKS:
            j = i + 1
            number = None
            if word in ("ziel", "grundsatz") and j < count and code[j].kind == "number":
                number = code[j].value
                j += 1
            if j < count and code[j].kind in ("name", "code", "group", "keyword", "op", "const", "unit", "decl"):
                name = code[j]
                title = code[j + 1] if j + 1 < count and code[j + 1].kind == "string" else None
                if title is not None or word not in ("ergänzungsgröße", "ergaenzungsgroesse"):
                    symbol = Symbol(BLOCKS[word], name.value, _title(title), number, t.start,
                                    (title or name).end, name.start, name.end, is_block=True)
                    symbol.body_start = len(text) + 1
                    pending = symbol
                    i = j + (2 if title else 1)
        elif t.kind in ("decl", "keyword") and word in STATEMENTS:
            j = i + 1
            if j + 1 < count and code[j].kind != "string" and code[j + 1].kind == "string":
                name, title = code[j], code[j + 1]
                last = code[j + 2] if j + 2 < count and code[j + 2].kind == "string" else title  # abschnitt text
                symbol = Symbol(STATEMENTS[word], name.value, _title(title), None, t.start, last.end,
                                name.start, name.end)
                i = j + 2
        if symbol is None:
            i += 1
            continue
        parent = next((s for s in reversed(stack) if s is not None), None)
        symbol.parent = parent
        (parent.children if parent is not None else roots).append(symbol)
        flat.append(symbol)
        if symbol.is_block:
            symbol.end = len(text)  # until its closing brace is seen
    by_id: dict[str, Symbol] = {}
    for s in flat:
        if s.kind not in ("vereinbarung", "katalog"):
            by_id.setdefault(s.id, s)
    return Structure(toks, roots, flat, by_id)

