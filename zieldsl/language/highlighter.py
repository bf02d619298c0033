"""Pygments lexer for `.ziel` files, so the docs (and any Pygments user) highlight the DSL.

Registered as `zieldsl` through the `pygments.lexers` entry point in pyproject.toml.
The word lists mirror the keywords of `grammars/zieldsl.lark`; a test compares them
with the grammar, so a new keyword cannot be forgotten here.
"""

from __future__ import annotations

import re

from pygments.lexer import RegexLexer, words
from pygments.token import Comment, Keyword, Literal, Name, Number, Operator, Punctuation, String, Whitespace

__all__ = ["ZielLexer", "DECLARATIONS", "KEYWORDS", "OPERATOR_WORDS", "GROUPS", "UNITS", "CONSTANTS"]

# Words that open a block or a definition.
DECLARATIONS = (
    "vereinbarung", "katalog", "ziel", "grundsatz", "teilziel", "reihe", "kennzahl",
    "ergänzungsgröße", "ergaenzungsgroesse", "ergänzungsgrößen", "ergaenzungsgroessen", "gruppe",
)

# Statement keywords and the words that belong to a statement.
KEYWORDS = (
    "land", "träger", "traeger", "kurz", "kennung", "genitiv", "rechtsgrundlage", "kennzahlenverordnung",
    "zieljahr", "vergleichsjahr", "bewertung", "abschluss", "wartezeit", "ladestand", "ohne", "mit",
    "im", "frühjahr", "fruehjahr", "zieldialoge", "jahr", "mittel", "annahme", "quelle",
    "berücksichtigung", "beruecksichtigung", "rechtsänderung", "rechtsaenderung", "ab", "abschnitt",
    "unterzeichnet", "in", "am", "durch", "zusatz", "text", "anzahl", "beobachtung", "prognose",
    "abstand", "schritt", "bedingung", "frist", "erreicht", "wenn", "definition", "formel", "gut",
    "zu", "fundstelle", "einheit", "bestand", "betrag", "schwerpunkt", "soll", "erprobungsjahr", "ausgesetzt",
    "vorschlag", "quartal", "partner",
)

# Words of a comparison: direction, qualifier, connectives.
OPERATOR_WORDS = (
    "steigt", "sinkt", "bleibt", "gleich", "beträgt", "betraegt", "um", "und", "nicht", "mehr", "als",
    "mindestens", "höchstens", "hoechstens", "maximal", "von", "auf", "zwischen", "davon", "alle", "eine",
    "steigen", "sinken",
)

# Population groups.
GROUPS = ("frauen", "männer", "maenner", "männern", "maennern", "gesamt")

# Units written after a number (besides the sign »%«).
UNITS = ("prozentpunkte", "eur")

# Fixed choices: evaluation basis, data-vintage policy, rule scopes.
CONSTANTS = (
    "jahresfortschrittswerte", "jahresendwerte", "gleicher", "gemeinsamer", "schritte", "bedingungen", "teilziele",
    "quartalsweise", "regelmäßig", "regelmaessig", "ersten", "zweiten", "dritten", "vierten",
)

_B = r"(?<![\w])"  # word boundaries that know umlauts (re's \w is Unicode-aware)
_E = r"(?![\w])"


class ZielLexer(RegexLexer):
    """Highlights zieldsl: keywords, groups, numbers with decimal comma, dates, texts, comments."""

    name = "zieldsl"
    aliases = ["zieldsl", "ziel"]
    filenames = ["*.ziel"]
    mimetypes = ["text/x-zieldsl"]
    flags = re.IGNORECASE | re.UNICODE

    tokens = {
        "root": [
            (r"\s+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"""(?:[^"\\]|\\.|"(?!""))*"""', String.Doc),
            (r'"(?:[^"\\\n]|\\.)*"', String.Double),
            (r'„[^“”"\n]*[“”]|“[^”"\n]*”', String.Double),  # typographic quotes copied from Word
            (r"\d{1,2}\.\d{1,2}\.\d{4}(?![\d.,])", Literal.Date),
            (r"\d{1,3}(?:\.\d{3})+,\d+(?![\d.])", Number.Float),
            (r"\d{1,3}(?:\.\d{3})+(?![\d.]|,\d)", Number.Integer),  # "1.200, davon …"
            (r"\d+,\d+(?![\d.])", Number.Float),
            (r"\d+[a-z]?(?![\w.,])", Number.Integer),
            (r"\d+", Number.Integer),
            (r"%", Operator),
            (words(DECLARATIONS, prefix=_B, suffix=_E), Keyword.Declaration),
            (words(KEYWORDS, prefix=_B, suffix=_E), Keyword),
            (words(OPERATOR_WORDS, prefix=_B, suffix=_E), Operator.Word),
            (words(GROUPS, prefix=_B, suffix=_E), Name.Builtin),
            (words(UNITS, prefix=_B, suffix=_E), Keyword.Type),
            (words(CONSTANTS, prefix=_B, suffix=_E), Keyword.Constant),
            (r"(?<=\()ca\.", Operator.Word),  # "(ca. 2.450 integrationen)": a figure in brackets
            (r"K\d(?:E\d)?(?![\w])", Name.Constant),  # indicator codes K1 … K3E4
            (r"[^\W\d]\w*(?=\s*\()", Name.Function),  # formula functions: quote(…)
            (r"[^\W\d]\w*", Name),
            (r"[{}(),:]", Punctuation),
        ],
    }
