"""Lark's parse errors → German diagnostics with a position, a code and a hint.

Lark names terminals (`NUMBER`, `LBRACE`); users need the words they can type
(»%«, »{«, »steigt«). The commonest mistakes are recognised by the parser state
they leave behind (the idea of lark's `match_examples`, keyed by the LALR state
alone so that the depth of nesting does not matter), or by asking the parser
whether one missing token (»}«) would make the input valid.
"""

from __future__ import annotations

import re
from functools import lru_cache

import sys
from typing import TYPE_CHECKING

from zieldsl.diagnostics import Span, did_you_mean

# Descriptions of the terminals that are patterns, not words.
_PATTERN_NAMES = {
    "NAME": "ein Name",
    "NUMBER": "eine Zahl (z. B. 5,8)",
    "TARGET_NUMBER": "eine Zielnummer (z. B. 2)",
    "STRING": "ein Text in Anführungszeichen",
    "DATE": "ein Datum (TT.MM.JJJJ)",
    "RULE_SCOPE": "»schritte«, »bedingungen« oder »teilziele«",
    "$END": "das Dateiende",
}
_RULE_SCOPES = ["schritte", "bedingungen", "teilziele"]

_HEADER = 'vereinbarung a "t" { '
_TARGET = _HEADER + 'ziel 1 a "t" { '

# Broken snippets whose parser state identifies a mistake (lark's match_examples idea).
_EXAMPLES: dict[str, list[str]] = {
    "missing_unit": [
        _TARGET + "K2 steigt um 5,8 }",
        _TARGET + "K2 sinkt um mindestens 0,25 }",
        _TARGET + "K2 sinkt um nicht mehr als 1,5 }",
        _TARGET + "beobachtung K1 prognose steigt um 2 }",
        _HEADER + 'annahme a "t" steigt um 0,1 }',
        _HEADER + 'annahme a "t" von 6,6 auf',
        _HEADER + 'annahme a "t" von 6,6 % auf 6,7 }',
    ],
    "missing_level_unit": [
        _TARGET + "K2 erreicht 31,1 }",
        _TARGET + "K2 beträgt mindestens 31,1 }",
    ],
    "missing_count_value": [
        _TARGET + "anzahl integrationen mindestens 612, davon frauen }",
        _TARGET + "anzahl integrationen mindestens 612, davon frauen mindestens }",
        _TARGET + "anzahl integrationen mindestens 612, davon }",
        _TARGET + "anzahl integrationen mindestens 612, davon frauen mindestens 258 und }",
        _TARGET + "anzahl integrationen mindestens 612, davon frauen mindestens 258 und männer }",
        _TARGET + "anzahl integrationen mindestens 612, davon frauen mindestens 258 und männer mindestens }",
    ],
    "missing_count_total": [
        _TARGET + "anzahl integrationen mindestens }",
        _TARGET + "anzahl integrationen mindestens , davon",
    ],
    "missing_verb": [
        _TARGET + "K2 }",
        _TARGET + "frauen K2 }",
        _TARGET + "K2 K3",
    ],
    "missing_value": [
        _TARGET + "K2 steigt um %",
        _TARGET + "K2 steigt um mindestens %",
        _TARGET + "K2 steigt um nicht mehr als %",
        _TARGET + "K2 erreicht %",
        _TARGET + "K2 beträgt mindestens %",
        _TARGET + "beobachtung K1 prognose steigt um %",
    ],
}

_MESSAGES = {
    "missing_unit": ("ZD108", "Nach der Zahl fehlt die Einheit",
                     "Schreiben Sie »%« für eine Veränderung in Prozent oder »prozentpunkte« für Prozentpunkte, "
                     "z. B. »steigt um 5,8 %«."),
    "missing_level_unit": ("ZD108", "Nach dem Wert fehlt »%«",
                           "Ein erreichter Wert steht in Prozent, z. B. »K2 erreicht 31,1 %«."),
    "missing_count_value": ("ZD109", "Nach »davon« fehlt der Wert für die Gruppe",
                            "Schreiben Sie z. B. »davon frauen mindestens 258« oder "
                            "»davon frauen mindestens 258 und männer mindestens 300«."),
    "missing_count_total": ("ZD109", "Nach »mindestens« fehlt die Anzahl",
                            "Schreiben Sie z. B. »anzahl integrationen mindestens 612«."),
    "missing_verb": ("ZD107", "Nach der Kennzahl fehlt, wie sie sich entwickeln soll",
                     "Erlaubt sind »steigt«, »sinkt«, »bleibt gleich«, »steigt nicht«, »sinkt nicht«, "
                     "»beträgt« und »erreicht«, z. B. »K2 steigt um 5,8 %«."),
    "missing_value": ("ZD110", "Vor der Einheit fehlt die Zahl",
                      "Schreiben Sie z. B. »steigt um 5,8 %« oder »erreicht 31,1 %«."),
}

_VERBS = ["steigt", "sinkt", "bleibt", "beträgt", "erreicht"]

# What each kind of block may contain, for hints when a statement is not understood.
_BLOCK_HINTS = [
    ({"TEILZIEL", "SCHRITT", "_BEOBACHTUNG"},
     "Erwartet: eine Bedingung wie »K2 steigt um 5,8 %«, »anzahl …«, »beobachtung …«, »ergänzungsgrößen …«, "
     "»schritt …«, »bedingung …«, »teilziel …«, »erreicht wenn …«, »text …« oder die schließende Klammer »}«."),
    ({"ZIEL", "ZIELJAHR", "ABSCHNITT"},
     "Erwartet: eine Angabe der Vereinbarung wie »ziel«, »grundsatz«, »abschnitt«, »zieljahr«, »träger«, "
     "»unterzeichnet« oder die schließende Klammer »}«."),
    ({"REIHE", "KENNZAHL"},
     "Erwartet: »reihe«, »kennzahl«, »ergänzungsgröße«, »rechtsänderung« oder die schließende Klammer »}«."),
    ({"FORMEL", "DEFINITION", "GUT"},
     "Erwartet: »definition«, »formel«, »gut«, »zu«, »fundstelle« oder die schließende Klammer »}«."),
]

_INDENT = re.compile(r"[ \t]*")
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

if TYPE_CHECKING:  # for the annotations only: at run time both families are accepted (_kinds)
    from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken


def _kinds(name: str) -> tuple[type, ...]:
    """Lark's exception class `name` in both families: the generated parser's (what zieldsl's
    parser raises) and lark's own (when lark is loaded, e.g. for a parser built at run time)."""
    from zieldsl.language.standalone import runtime

    found = [getattr(runtime(), name)]
    for module in (sys.modules.get("lark.exceptions"), sys.modules.get("lark.lexer"), sys.modules.get("lark.tree")):
        if module is not None and hasattr(module, name):
            found.append(getattr(module, name))
            break
    return tuple(found)



@lru_cache(maxsize=1)
def _terminal_words() -> dict[str, str]:
    """Terminal name → word for every keyword of the grammar."""
    from zieldsl.language.parser import lark_parser

    words = {}
    for terminal in lark_parser().terminals:
        if terminal.name in _PATTERN_NAMES:
            continue
        if terminal.pattern.type == "str":
            words[terminal.name] = terminal.pattern.value
    return words


def _expected_words(expected) -> list[str]:
    """»word« for each expected terminal; ASCII spellings hidden where the umlaut one is listed."""
    words = _terminal_words()
    plain = {words[name] for name in expected if name in words}
    spelled = {w.translate(_ASCII) for w in plain if w.translate(_ASCII) != w}
    out = {f"»{w}«" for w in plain if w not in spelled}
    described = [_PATTERN_NAMES[name] for name in expected if name in _PATTERN_NAMES]
    return sorted(out) + sorted(set(described))


def _expected_hint(expected) -> str | None:
    names = set(expected)
    for marker, hint in _BLOCK_HINTS:
        if marker <= names:
            return hint
    words = _expected_words(names)
    if not words:
        return None
    if len(words) > 10:
        words = words[:10] + ["…"]
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} oder {words[-1]}"
    return f"Erwartet: {listed}."


@lru_cache(maxsize=1)
def _example_states() -> dict[int, str]:
    """LALR state → mistake, from parsing the broken examples once."""
    from zieldsl.language.parser import lark_parser

    table: dict[int, str] = {}
    for label, examples in _EXAMPLES.items():
        for example in examples:
            try:
                lark_parser().parse(example)
            except _kinds("UnexpectedToken") as err:
                table.setdefault(err.state.position, label)
            except _kinds("UnexpectedInput"):
                pass
    return table


def _classify(err: UnexpectedToken) -> str | None:
    state = getattr(err, "state", None)
    if state is None:
        return None
    return _example_states().get(state.position)


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _previous_token_end(text: str, pos: int) -> int:
    """Position just after the last non-blank character before `pos`."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _indent(text: str, pos: int) -> tuple[int, bool]:
    """Indentation of the line holding `pos`, and whether `pos` is its first non-blank character."""
    start = text.rfind("\n", 0, pos) + 1
    indent = _INDENT.match(text, start).end() - start
    return indent, start + indent == pos


def _braces(text: str, stop: int | None = None):
    """Yield (position, character) of every brace before `stop`, skipping strings and comments."""
    i, size = 0, len(text) if stop is None else min(stop, len(text))
    while i < size:
        ch = text[i]
        if text.startswith('"""', i):
            i += 3
            while i < len(text) and not text.startswith('"""', i):  # escapes as the lexer reads them
                i += 2 if text[i] == "\\" else 1
            i += 3
            continue
        if ch == '"':
            j = i + 1
            while j < len(text) and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        if ch in "{}":
            yield i, ch
        i += 1


def _unclosed_brace_line(text: str) -> int | None:
    """Line of the `{` whose `}` is missing, guessed from the indentation where it can be.

    Counting alone finds only the outermost open block; a block whose closing brace
    sits further left than its opening line, or that is followed by a block opened at
    its own indentation, is the one the author forgot to close.
    """
    stack: list[tuple[int, int]] = []  # (position, indentation of the opening line)
    suspect: int | None = None
    for pos, ch in _braces(text):
        indent, first = _indent(text, pos)
        if ch == "{":
            # `ziel 2 … {` at the indentation of a still open, indented `ziel 1 … {`
            nested = len(stack) >= 2 and stack[-1][1] > stack[-2][1]
            if suspect is None and nested and not first and indent <= stack[-1][1]:
                suspect = stack[-1][0]
            stack.append((pos, indent))
        elif stack:
            opened, opened_indent = stack.pop()
            if suspect is None and first and indent < opened_indent:
                suspect = opened
    if not stack:
        return None
    return _line_col(text, suspect if suspect is not None else stack[-1][0])[0]


def _depth_before(text: str, pos: int) -> int:
    depth = 0
    for _, ch in _braces(text, pos):
        depth += 1 if ch == "{" else -1
    return depth


def _last_toplevel_close(text: str, pos: int) -> int | None:
    """Line of the `}` that closed the last top-level block before `pos`."""
    depth, line = 0, None
    for at, ch in _braces(text, pos):
        depth += 1 if ch == "{" else -1
        if ch == "}" and depth == 0:
            line = _line_col(text, at)[0]
    return line


# ---------------------------------------------------------------- describing an error


def describe(err: UnexpectedInput, text: str, file: str) -> tuple[str, str, Span, str | None]:
    """(code, message, span, hint) for one Lark error."""
    if isinstance(err, _kinds("UnexpectedCharacters")):
        return _describe_characters(err, text, file)
    if isinstance(err, _kinds("UnexpectedEOF")) or (isinstance(err, _kinds("UnexpectedToken")) and err.token.type == "$END"):
        return _describe_eof(err, text, file)
    assert isinstance(err, _kinds("UnexpectedToken"))
    _first_word(err)
    return official_wording(err.token.start_pos, text, file) or _describe_token(err, text, file)


def _describe_characters(err: UnexpectedCharacters, text: str, file: str):
    pos = err.pos_in_stream
    ch = text[pos]
    found = official_wording(pos, text, file)
    if found is not None:
        return found
    span = Span(file, err.line, err.column, err.line, err.column + 1)
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if text[max(pos - 2, 0):pos + 1] == '"""':
        line, col = _line_col(text, pos - 2)
        return ("ZD105", "Der mehrzeilige Text ist nicht abgeschlossen: die schließenden »\"\"\"« fehlen",
                Span(file, line, col, line, col + 3),
                'Ein mehrzeiliger Text beginnt und endet mit drei Anführungszeichen: """…""".')
    spaced_date = re.match(r"\d{1,2}\.\s+\d{1,2}\.\s*\d{4}|\d{1,2}\.\d{1,2}\.\s+\d{4}", text[pos:])
    if ch.isdigit() and spaced_date:
        written = spaced_date.group(0)
        compact = re.sub(r"\s+", "", written)
        return ("ZD106", f"»{written}«: im Datum stehen Leerzeichen",
                Span(file, err.line, err.column, err.line, err.column + len(written)),
                f"Schreiben Sie das Datum ohne Leerzeichen als TT.MM.JJJJ: »{compact}«.")
    english = re.match(r"\d+\.\d+", text[pos:]) if ch.isdigit() else None
    if english and not re.match(r"\d{1,2}\.\d{1,2}\.\d{4}", text[pos:]):
        pos = pos + english.group(0).index(".")
        ch, before, after = ".", text[pos - 1], text[pos + 1]
    if ch == "." and before.isdigit() and after.isdigit():
        start = pos
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        end = pos + 1
        while end < len(text) and (text[end].isdigit() or (text[end] == "." and text[end + 1:end + 2].isdigit())):
            end += 1
        written = text[start:end]
        line, col = _line_col(text, start)
        return ("ZD102", f"»{written}«: Dezimalpunkt statt Dezimalkomma",
                Span(file, line, col, line, col + len(written)),
                f"Zahlen schreiben Sie mit Komma: »{written.replace('.', ',')}«.")
    if ch == '"':
        return ("ZD105", "Der Text ist nicht abgeschlossen: das schließende »\"« fehlt", span,
                'Ein Text steht in einer Zeile zwischen "…"; mehrzeilige Texte stehen zwischen """…""".')
    if ch in "+-−" and after.isdigit():
        return ("ZD101", f"Vorzeichen »{ch}« vor der Zahl", span,
                "Die Richtung steht im Wort davor: »steigt um 5,8 %« oder »sinkt um 2,3 %«, ohne Vorzeichen.")
    if ch.isdigit():
        return ("ZD106", "Hier ist keine Zahl erwartet", span,
                "Datumsangaben schreiben Sie als TT.MM.JJJJ, Zahlen mit Dezimalkomma, z. B. 5,8.")
    hint = _expected_hint(err.allowed or ())
    if ch == "€":
        hint = "Beträge schreiben Sie mit »eur«, z. B. »9.327.771 eur«."
    shown = f"»{ch}«" if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}"
    return ("ZD101", f"Unerwartetes Zeichen {shown}", span, hint)


def _describe_eof(err: UnexpectedInput, text: str, file: str):
    pos = _previous_token_end(text, len(text))
    line, col = _line_col(text, max(pos - 1, 0)) if pos else (1, 1)
    opened = _unclosed_brace_line(text)
    if opened is not None:
        return ("ZD103", "Unerwartetes Dateiende: ein Block ist nicht geschlossen", Span(file, line, col),
                f"Es fehlt die schließende Klammer »}}« zum Block aus Zeile {opened}.")
    expected = getattr(err, "expected", None) or getattr(err, "accepts", None) or ()
    return ("ZD103", "Unerwartetes Dateiende: die Anweisung ist unvollständig", Span(file, line, col),
            _expected_hint(expected))


def _closing_brace_fits(err: UnexpectedToken) -> bool:
    """Would the input go on if a `}` stood before the unexpected token?"""
    parser = getattr(err, "interactive_parser", None)
    if parser is None or "RBRACE" not in (err.accepts or err.expected):
        return False
    try:
        probe = parser.copy()
        probe.feed_token(type(err.token)("RBRACE", "}"))
        return err.token.type in probe.accepts()
    except Exception:  # the probe is a guess; a failing guess means "no"
        return False


# Words that start a statement inside a target; an unknown word there is read as an indicator.
_TARGET_STATEMENTS = ["anzahl", "beobachtung", "ergänzungsgrößen", "ergänzungsgröße", "schritt", "bedingung",
                      "teilziel", "text", "erreicht", "frauen", "männer", "gesamt"]


def _misspelt_statement(err: UnexpectedToken, file: str):
    """`beobachtng K1`: the word read as an indicator is a misspelt statement keyword.

    Since a catalogue group may stand before the indicator (`alleinerziehende K2E4 steigt`), two
    words are read as group and indicator; a misspelt keyword (`beobachtng K1`) or verb
    (`K2 stiegt um 5,8 %`) is found among them.
    """
    stack = getattr(err.state, "value_stack", None) or []
    previous = stack[-1] if stack else None
    before = stack[-2] if len(stack) >= 2 else None
    group = None
    if isinstance(before, _kinds("Tree")) and before.data == "group" and before.children \
            and isinstance(before.children[0], _kinds("Token")) and before.children[0].type == "NAME":
        group = before.children[0]
    if not isinstance(previous, _kinds("Token")) or previous.type != "NAME":
        return None
    candidates = []
    if group is not None:
        candidates = [(group, _TARGET_STATEMENTS), (previous, _VERBS)]
    elif err.token.type == "NAME":
        candidates = [(previous, _TARGET_STATEMENTS)]
    for word, known in candidates:
        guess = did_you_mean(str(word), known)
        if guess is not None:
            span = Span(file, word.line, word.column, word.end_line, word.end_column)
            return ("ZD115", f"Unbekanntes Wort »{word}«", span, guess)
    return None


def _first_word(err: UnexpectedInput) -> None:
    """A `beobachtung`-only token (group and indicator, `gefluechtete K1E2`) that the lexer offers
    elsewhere in an error is reported as the single word it starts with."""
    token = getattr(err, "token", None)
    if isinstance(token, _kinds("Token")) and token.type == "GROUPED_INDICATOR":
        word = re.match(r"\w+", str(token)).group(0)
        err.token = type(token).new_borrow_pos("NAME", word, token)
        err.token.end_pos = token.start_pos + len(word)
        err.token.end_column = token.column + len(word)
        err.token.end_line = token.line


def _describe_token(err: UnexpectedToken, text: str, file: str):
    token = err.token
    span = Span(file, token.line, token.column, token.end_line, token.end_column)
    value = str(token)
    expected_names = set(err.accepts or err.expected)
    kind = _classify(err)
    if expected_names == {"LBRACE"}:
        pos = _previous_token_end(text, token.start_pos)
        line, col = _line_col(text, pos)
        return ("ZD104", "Es fehlt die öffnende Klammer »{«", Span(file, line, col, line, col + 1),
                "Nach dem Titel beginnt der Block mit »{« und endet mit »}«.")
    if kind == "missing_verb":
        misspelt = _misspelt_statement(err, file)
        if misspelt is not None:
            return misspelt
    if kind in _MESSAGES:
        code, message, hint = _MESSAGES[kind]
        pos = _previous_token_end(text, token.start_pos)
        missing_after = kind in ("missing_unit", "missing_level_unit", "missing_count_value")
        if missing_after or text.count("\n", pos, token.start_pos):
            # what is missing belongs right after the previous word, not on the next line
            line, col = _line_col(text, pos)
            span = Span(file, line, col, line, col + 1)
        elif kind == "missing_verb" and token.type == "NAME":
            guess = did_you_mean(value, _VERBS)
            if guess:
                return ("ZD115", f"Unbekanntes Wort »{value}«", span, guess)
        return code, message, span, hint
    if token.type == "NUMBER" and "_UM" in expected_names:
        return ("ZD116", "Vor der Zahl fehlt »um«", span,
                "Eine Veränderung schreiben Sie »steigt um 5,8 %«, einen erreichten Wert »erreicht 31,1 %«.")
    if token.type == "RBRACE" and _depth_before(text, token.start_pos) <= 0:
        return ("ZD118", "Überzählige schließende Klammer »}«", span,
                "Zu dieser Klammer gehört keine öffnende »{«. Löschen Sie sie oder prüfen Sie, "
                "ob ein Block darüber zu früh geschlossen wurde.")
    if "VEREINBARUNG" in expected_names and "$END" in expected_names:
        closed = _last_toplevel_close(text, token.start_pos)
        if closed is not None:
            return ("ZD119", f"»{value}« steht außerhalb der Vereinbarung", span,
                    f"Die Vereinbarung ist schon in Zeile {closed} mit »}}« geschlossen; "
                    "steht dort eine Klammer zu viel?")
        return ("ZD119", f"Die Datei muss mit »vereinbarung« oder »katalog« beginnen, nicht mit »{value}«", span,
                'Eine Vereinbarung beginnt mit »vereinbarung NAME "Titel" {«.')
    if token.type != "RBRACE" and _closing_brace_fits(err):
        opened = _unclosed_brace_line(text[: token.start_pos])
        where = f" des Blocks aus Zeile {opened}" if opened is not None else ""
        return ("ZD120", f"Vor »{value}« fehlt die schließende Klammer »}}«{where}", span,
                "Jeder Block, der mit »{« beginnt, endet mit »}«.")
    words = _terminal_words()
    if token.type == "NAME":
        wanted = [words[name] for name in expected_names if name in words]
        if "RULE_SCOPE" in expected_names:
            wanted += _RULE_SCOPES
        guess = did_you_mean(value, [w for w in wanted if w[:1].isalpha()])
        if guess:
            return ("ZD115", f"Unbekanntes Wort »{value}«", span, guess)
    shown = f"»{value}«" if token.type != "STRING" else "Ein Text in Anführungszeichen"
    hint = _expected_hint(expected_names)
    if token.type == "RBRACE":
        hint = "Die Anweisung vor der Klammer ist unvollständig. " + (hint or "")
    return ("ZD100", f"{shown} ist an dieser Stelle nicht erwartet", span, hint.strip() if hint else None)


# ---------------------------------------------------------------- the way officials write

_RISE_WORDS = {"erhöht", "erhoeht", "gesteigert", "steigt", "steigen", "wächst", "waechst", "zunimmt"}
_FALL_WORDS = {"verringert", "gesenkt", "reduziert", "sinkt", "sinken", "zurückgeht", "zurueckgeht", "abgebaut",
               "abnimmt"}
_VERB_LAST = re.compile(
    r"(?P<subject>(?:[^\W\d]\w*[ \t]+)?[^\W\d]\w*)[ \t]+um[ \t]+(?P<value>\d[\d.,]*[ \t]*(?:%|prozentpunkte?\b|prozent\b))"
    r"[ \t]+(?:sich[ \t]+)?(?P<verb>\w+)", re.I)
_SAME_LAST = re.compile(r"(?P<subject>(?:[^\W\d]\w*[ \t]+)?[^\W\d]\w*)[ \t]+(?P<said>gleich[ \t]+bleibt|nicht[ \t]+steigt"
                        r"|nicht[ \t]+sinkt)\b", re.I)
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")
_BOTH = re.compile(r"\b(beide|beiden|sämtliche|saemtliche|jede|jeder)[ \t]+(bedingungen|bedingung|schritte|teilziele)\b", re.I)
_SUPPLEMENTARY = re.compile(r"(?P<keyword>erg(?:ä|ae)nzungsgr(?:ö|oe)(?:ß|ss)en?)[ \t]+(?P<names>[^\W\d]\w*(?:[ \t]*,?[ \t]*"
                            r"[^\W\d]\w*)+)", re.I)
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d.])")


_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"?|„[^“”"\n]*[“”]?|“[^”"\n]*”?')
_CODE_SKIP = re.compile(r'"""(?:\\.|[^\\])*?(?:"""|\Z)|"(?:[^"\\\n]|\\.)*"|„[^“”"\n]*[“”]|“[^”"\n]*”|#[^\n]*', re.S)


def missing_brace(text: str) -> tuple[int, int] | None:
    """(position of the `{`, position where its `}` belongs) for a block left open, judged by indentation.

    A block whose body is indented deeper than its opening line ends where a line comes back to the
    opening line's indentation without a `}`. Only used when the braces do not balance, and only where
    the `}` can take the place of a blank before that line (positions never move).
    """
    skipped = [(m.start(), m.end()) for m in _CODE_SKIP.finditer(text)]
    code = list(text)
    for begin, end in skipped:
        code[begin:end] = [ch if ch == "\n" else " " for ch in text[begin:end]]
    code_text = "".join(code)
    if code_text.count("{") <= code_text.count("}"):
        return None
    stack: list[list[int]] = []  # [position of "{", indentation of its line, indentation of the body or -1]
    offset = 0
    for line in code_text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if stripped.strip() and "\t" not in line[:indent]:
            if stack:
                top = stack[-1]
                if top[2] < 0:
                    top[2] = indent
                elif top[2] > top[1] and indent <= top[1] and not stripped.startswith("}"):
                    return (top[0], offset + indent - 1) if indent > 0 else None
            for index, ch in enumerate(line):
                if ch == "{":
                    stack.append([offset + index, indent, -1])
                elif ch == "}" and stack:
                    stack.pop()
        offset += len(line) + 1
    return None


def _line_at(text: str, pos: int) -> tuple[int, str]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, text[start:len(text) if end < 0 else end]


def _span_of(text: str, file: str, start: int, end: int) -> Span:
    line, column = _line_col(text, start)
    return Span(file, line, column, line, column + (end - start))


def official_wording(pos: int, text: str, file: str):
    """Published agreements' phrasings the language writes differently: a message that shows its form.

    Looked for on the line of the error (and, when the error stands at the start of a line, on the
    line before, where the statement the parser could not finish is): a verb at the end
    (`K1 um 2 % erhöht`, `K2E3 gleich bleibt`), a two-digit year (`30.06.27`), `beide bedingungen`,
    a list without commas, thousands separated by a space (`34 500`), and the word `Prozent` for `%`.
    """
    start, line = _line_at(text, pos)
    line = _STRINGS.sub(lambda m: " " * len(m.group(0)), line)
    found = _wording_on_line(start, line, pos - start, text, file)
    if found is None and not line[:pos - start].strip():
        before = _previous_token_end(text, start)
        if before > 0:
            start, line = _line_at(text, before - 1)
            line = _STRINGS.sub(lambda m: " " * len(m.group(0)), line)
            found = _wording_on_line(start, line, len(line), text, file)
    return found


_WORDING_LINE_LIMIT = 1_000  # longer lines are no phrasing of an official; their patterns would cost seconds


def _wording_on_line(start: int, line: str, column: int, text: str, file: str):
    if len(line) > _WORDING_LINE_LIMIT:
        return None
    code_part = line.split("#", 1)[0]
    for match in _SHORT_YEAR.finditer(code_part):
        if match.start() <= column < match.end() + 1:
            day, month, year = match.groups()
            return ("ZD132", f"»{match.group(0)}«: die Jahreszahl hat nur zwei Stellen",
                    _span_of(text, file, start + match.start(), start + match.end()),
                    f"Datumsangaben schreiben Sie mit vierstelligem Jahr (TT.MM.JJJJ): "
                    f"»{int(day):02d}.{int(month):02d}.20{year}«.")
    for match in _SPACED_THOUSANDS.finditer(code_part):
        if match.start() <= column <= match.end():
            written = match.group(0)
            dotted = re.sub(r"[ \u00a0\u202f]", ".", written)
            return ("ZD136", f"»{written}«: Leerzeichen als Tausendertrennzeichen",
                    _span_of(text, file, start + match.start(), start + match.end()),
                    f"Tausender trennen Sie mit einem Punkt: »{dotted}«.")
    match = _VERB_LAST.search(code_part)
    if match and match.group("verb").lower() in _RISE_WORDS | _FALL_WORDS:
        verb = "steigt" if match.group("verb").lower() in _RISE_WORDS else "sinkt"
        value = re.sub(r"(?i)[ \t]*prozent\b", " %", match.group("value"))
        return ("ZD131", f"»{match.group(0).strip()}«: die Richtung steht in der Vereinbarung vor der Zahl",
                _span_of(text, file, start + match.start(), start + match.end()),
                f"Schreiben Sie »{match.group('subject')} {verb} um {value}«.")
    match = _SAME_LAST.search(code_part)
    if match:
        said = " ".join(match.group("said").lower().split())
        proper = {"gleich bleibt": "bleibt gleich", "nicht steigt": "steigt nicht", "nicht sinkt": "sinkt nicht"}[said]
        return ("ZD130", f"»{said}«: das Verb steht in der Vereinbarung vorn",
                _span_of(text, file, start + match.start("said"), start + match.end("said")),
                f"Schreiben Sie »{match.group('subject')} {proper}«.")
    match = _BOTH.search(code_part)
    if match:
        scope = match.group(2).lower()
        scope = {"bedingung": "bedingungen"}.get(scope, scope)
        return ("ZD133", f"»{match.group(0)}«: gemeint ist »alle {scope}«",
                _span_of(text, file, start + match.start(), start + match.end()),
                f"Schreiben Sie »erreicht wenn alle {scope}«; »alle« gilt für zwei wie für mehr.")
    match = _SUPPLEMENTARY.match(code_part.strip())
    if match and re.search(r"\w[ \t]+\w", match.group("names")):
        names = re.findall(r"\w+", match.group("names"))
        offset = start + len(code_part) - len(code_part.lstrip())
        return ("ZD134", "Zwischen den Kennzahlen fehlt ein Komma",
                _span_of(text, file, offset + match.start("names"), offset + match.end("names")),
                f"Mehrere Kennzahlen trennen Sie mit Kommas: »{match.group('keyword')} {', '.join(names)}«.")
    match = re.search(r"(?i)\d[ \t]+(prozent|prozentpunkt)(?!\w)", code_part)
    if match:
        word = match.group(1)
        proper = "%" if word.lower() == "prozent" else "prozentpunkte"
        return ("ZD108", f"»{word}« ist keine Einheit der Sprache",
                _span_of(text, file, start + match.start(1), start + match.end(1)),
                f"Schreiben Sie »{proper}«, z. B. »steigt um 5,8 {proper}«.")
    return None


# ---------------------------------------------------------------- recovery


def recover(err: UnexpectedInput, text: str) -> str | None:
    """The text with the error neutralised so parsing can go on, or None to stop.

    Positions never move: text is blanked (line breaks kept) or a blank is turned
    into the missing `}`.
    """
    if isinstance(err, _kinds("UnexpectedEOF")) or (isinstance(err, _kinds("UnexpectedToken")) and err.token.type == "$END"):
        return None
    pos = err.pos_in_stream
    if isinstance(err, _kinds("UnexpectedCharacters")) and text[max(pos - 2, 0):pos + 1] == '"""':
        return None  # everything after an open multi-line text is text: nothing sensible follows
    if isinstance(err, _kinds("UnexpectedToken")):
        token = err.token
        if token.type == "RBRACE" and _depth_before(text, token.start_pos) <= 0:
            return _blank_range(text, token.start_pos, token.end_pos)
        if token.type != "RBRACE" and pos > 0 and text[pos - 1] in " \t" and _closing_brace_fits(err):
            return text[: pos - 1] + "}" + text[pos:]
    region = recovery_region(err, text)
    if region is None:
        return None
    return _blank_range(text, *region)


def _blank_range(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def recovery_region(err: UnexpectedInput, text: str) -> tuple[int, int] | None:
    """The text to blank so parsing can go on after `err`, or None to stop.

    The statement around the error is removed: from the start of the line that
    holds the error to its end; a line that opens a block takes the whole block.
    """
    if isinstance(err, _kinds("UnexpectedEOF")) or (isinstance(err, _kinds("UnexpectedToken")) and err.token.type == "$END"):
        return None
    pos = err.pos_in_stream
    if isinstance(err, _kinds("UnexpectedToken")):
        # An error at the start of a line usually means the line before is unfinished.
        line_start = text.rfind("\n", 0, pos) + 1
        if text[line_start:pos].strip() == "" and err.token.type not in ("RBRACE",):
            prev_end = _previous_token_end(text, line_start)
            if prev_end > 0 and text[prev_end - 1] not in "{}":
                pos = prev_end - 1
        elif err.token.type == "RBRACE":
            prev_end = _previous_token_end(text, pos)
            if prev_end > 0 and text[prev_end - 1] not in "{}":
                pos = prev_end - 1
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    line = text[start:end]
    opens, closes = line.count("{"), line.count("}")
    if opens > closes:
        depth, i = 0, start
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    return start, i + 1
            i += 1
        return None
    if closes > opens:
        # keep the closing braces so the surrounding blocks stay balanced
        cut = start + line.find("}")
        return (start, cut) if cut > start else None
    return start, end
