"""Lark's parse errors → German diagnostics with a position, a code and a hint.

Lark names terminals (`NUMBER`, `LBRACE`); users need the words they can type
(»%«, »{«, »steigt«). The commonest mistakes are recognised by the parser state
they leave behind (`match_examples`, as in lark's error_reporting_lalr example).
"""

from __future__ import annotations

from functools import lru_cache

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from zieldsl.diagnostics import Span, did_you_mean

# Descriptions of the terminals that are patterns, not words.
_PATTERN_NAMES = {
    "NAME": "ein Name",
    "NUMBER": "eine Zahl (z. B. 5,8)",
    "TARGET_NUMBER": "eine Zielnummer (z. B. 2)",
    "STRING": "ein Text in Anführungszeichen",
    "DATE": "ein Datum (TT.MM.JJJJ)",
    "$END": "das Dateiende",
}

_HEADER = 'vereinbarung a "t" { '
_TARGET = _HEADER + 'ziel 1 a "t" { '

# Broken snippets whose parser state identifies a mistake (lark's match_examples).
_EXAMPLES: dict[str, list[str]] = {
    "missing_unit": [
        _TARGET + "K2 steigt um 5,8 }",
        _TARGET + "K2 sinkt um mindestens 0,25 }",
        _TARGET + "frauen K2 steigt um 7,3 frauen",
        _TARGET + "K2 steigt um 5,8 K3",
        _TARGET + "beobachtung K1 prognose steigt um 2 }",
    ],
    "missing_count_value": [
        _TARGET + "anzahl integrationen mindestens 612, davon frauen }",
        _TARGET + "anzahl integrationen mindestens 612, davon frauen mindestens }",
        _TARGET + "anzahl integrationen mindestens 612, davon }",
        _TARGET + "anzahl integrationen mindestens 612, davon frauen und",
    ],
    "missing_verb": [
        _TARGET + "K2 stiegt",
        _TARGET + "frauen K2 sinkr",
        _TARGET + "K2 }",
    ],
    "missing_value": [
        _TARGET + "K2 steigt um %",
        _TARGET + "K2 steigt um mindestens %",
        _TARGET + "K2 steigt um }",
    ],
    "missing_open_brace": [
        'vereinbarung a "t" ziel',
        _HEADER + 'ziel 1 a "t" K2',
        _TARGET + 'teilziel a "t" frauen',
    ],
}

_MESSAGES = {
    "missing_unit": ("ZD108", "Nach der Zahl fehlt die Einheit",
                     "Schreiben Sie »%« für eine relative Veränderung oder »prozentpunkte«, z. B. »steigt um 5,8 %«."),
    "missing_count_value": ("ZD109", "Nach »davon« fehlt der Wert für die Gruppe",
                            "Schreiben Sie z. B. »davon frauen mindestens 258«."),
    "missing_verb": ("ZD107", "Nach der Kennzahl fehlt, wie sie sich entwickeln soll",
                     "Erlaubt sind »steigt«, »sinkt«, »bleibt gleich«, »steigt nicht«, »sinkt nicht«, "
                     "»beträgt« und »erreicht«."),
    "missing_value": ("ZD110", "Nach »um« fehlt die Zahl",
                      "Schreiben Sie z. B. »steigt um 5,8 %«."),
    "missing_open_brace": ("ZD104", "Es fehlt die öffnende Klammer »{«",
                           "Nach dem Titel beginnt der Block mit »{« und endet mit »}«."),
}


@lru_cache(maxsize=1)
def _terminal_words() -> dict[str, str]:
    """Terminal name → »word« for every keyword of the grammar."""
    from zieldsl.parser import lark_parser

    words = {}
    for terminal in lark_parser().terminals:
        if terminal.name in _PATTERN_NAMES:
            continue
        if terminal.pattern.type == "str":
            words[terminal.name] = terminal.pattern.value
    return words


def keywords() -> list[str]:
    """Every keyword of the language, sorted; used for hints and editor support."""
    return sorted({w for w in _terminal_words().values() if w[:1].isalpha()})


def _expected_words(expected) -> list[str]:
    words = _terminal_words()
    out = []
    for name in sorted(expected):
        if name in words:
            out.append(f"»{words[name]}«")
        elif name in _PATTERN_NAMES:
            out.append(_PATTERN_NAMES[name])
    return sorted(set(out), key=lambda w: (not w.startswith("»"), w))


def _classify(err: UnexpectedInput) -> str | None:
    from zieldsl.parser import lark_parser

    parser = lark_parser()
    try:
        return err.match_examples(parser.parse, _EXAMPLES, use_accepts=True)
    except Exception:  # match_examples re-parses examples; never let it mask the real error
        return None


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _previous_token_end(text: str, pos: int) -> int:
    """Position just after the last non-blank character before `pos`."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _unclosed_brace_line(text: str) -> int | None:
    """Line of the last `{` that is never closed (strings and comments skipped)."""
    stack: list[int] = []
    i, size = 0, len(text)
    while i < size:
        ch = text[i]
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            i = size if end < 0 else end + 3
            continue
        if ch == '"':
            j = i + 1
            while j < size and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = size if end < 0 else end
            continue
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            stack.pop()
        i += 1
    return _line_col(text, stack[-1])[0] if stack else None


def describe(err: UnexpectedInput, text: str, file: str) -> tuple[str, str, Span, str | None]:
    """(code, message, span, hint) for one Lark error."""
    if isinstance(err, UnexpectedCharacters):
        return _describe_characters(err, text, file)
    if isinstance(err, UnexpectedEOF) or (isinstance(err, UnexpectedToken) and err.token.type == "$END"):
        return _describe_eof(err, text, file)
    assert isinstance(err, UnexpectedToken)
    return _describe_token(err, text, file)


def _describe_characters(err: UnexpectedCharacters, text: str, file: str):
    pos = err.pos_in_stream
    ch = text[pos]
    span = Span(file, err.line, err.column, err.line, err.column + 1)
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    import re

    english = re.match(r"\d+\.\d+", text[pos:]) if ch.isdigit() else None
    if english and not re.match(r"\d{1,2}\.\d{1,2}\.\d{4}", text[pos:]):
        pos = pos + english.group(0).index(".")
        ch, before, after = ".", text[pos - 1], text[pos + 1]
    if ch == "." and before.isdigit() and after.isdigit():
        start = pos
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        end = pos + 1
        while end < len(text) and text[end].isdigit():
            end += 1
        written = text[start:end]
        line, col = _line_col(text, start)
        return ("ZD102", f"»{written}«: Dezimalpunkt statt Dezimalkomma", Span(file, line, col, line, col + len(written)),
                f"Zahlen schreiben Sie mit Komma: »{written.replace('.', ',')}«.")
    if ch == '"':
        return ("ZD105", "Der Text ist nicht abgeschlossen: das schließende »\"« fehlt", span,
                'Ein Text steht in einer Zeile zwischen "…"; mehrzeilige Texte stehen zwischen """…""".')
    if ch.isdigit():
        return ("ZD106", "Hier ist keine Zahl erwartet", span,
                "Datumsangaben schreiben Sie als TT.MM.JJJJ; Zahlen mit Dezimalkomma, z. B. 5,8.")
    expected = _expected_words(err.allowed or ())
    hint = f"Erwartet: {', '.join(expected[:8])}." if expected else None
    shown = repr(ch) if not ch.isprintable() else f"»{ch}«"
    return ("ZD101", f"Unerwartetes Zeichen {shown}", span, hint)


def _describe_eof(err: UnexpectedInput, text: str, file: str):
    pos = _previous_token_end(text, len(text))
    line, col = _line_col(text, max(pos - 1, 0)) if pos else (1, 1)
    opened = _unclosed_brace_line(text)
    if opened is not None:
        return ("ZD103", "Unerwartetes Dateiende: ein Block ist nicht geschlossen", Span(file, line, col),
                f"Es fehlt eine schließende Klammer »}}« zum Block aus Zeile {opened}.")
    expected = _expected_words(getattr(err, "expected", None) or getattr(err, "accepts", None) or ())
    return ("ZD103", "Unerwartetes Dateiende", Span(file, line, col),
            f"Erwartet: {', '.join(expected[:8])}." if expected else None)


def _describe_token(err: UnexpectedToken, text: str, file: str):
    token = err.token
    span = Span(file, token.line, token.column, token.end_line, token.end_column)
    value = str(token)
    expected_names = err.accepts or err.expected
    expected = _expected_words(expected_names)
    kind = _classify(err)
    if set(expected_names) == {"LBRACE"}:
        kind = "missing_open_brace"
    if kind in _MESSAGES:
        code, message, hint = _MESSAGES[kind]
        if kind in ("missing_unit", "missing_open_brace"):
            pos = _previous_token_end(text, token.start_pos)
            line, col = _line_col(text, pos)
            span = Span(file, line, col, line, col + 1)
        elif kind == "missing_verb" and token.type == "NAME":
            verbs = ["steigt", "sinkt", "bleibt", "beträgt", "erreicht"]
            guess = did_you_mean(value, verbs)
            if guess:
                return ("ZD107", f"Unbekanntes Wort »{value}«", span, guess)
        return code, message, span, hint
    words = _terminal_words()
    if token.type == "NAME":
        lowered = value.lower()
        wanted = [words[name] for name in expected_names if name in words]
        if lowered in (w.lower() for w in wanted):
            return ("ZD114", f"»{value}«: Schlüsselwörter werden klein geschrieben", span, f"Schreiben Sie »{lowered}«.")
        guess = did_you_mean(value, [w for w in wanted if w[:1].isalpha()])
        if guess:
            return ("ZD115", f"Unbekanntes Schlüsselwort »{value}«", span, guess)
    shown = f"»{value}«" if token.type != "STRING" else "ein Text"
    hint = f"Erwartet: {', '.join(expected[:10])}." if expected else None
    if token.type == "RBRACE" and "}" not in [words.get(e) for e in expected_names]:
        hint = (hint or "") + " Die Anweisung davor ist unvollständig."
    return ("ZD100", f"Unerwartet: {shown}", span, hint)


def recovery_region(err: UnexpectedInput, text: str) -> tuple[int, int] | None:
    """The text to blank so parsing can go on after `err`, or None to stop.

    The statement around the error is removed: from the start of the line that
    holds the error to its end; a line that opens a block takes the whole block.
    """
    if isinstance(err, UnexpectedEOF) or (isinstance(err, UnexpectedToken) and err.token.type == "$END"):
        return None
    pos = err.pos_in_stream
    if isinstance(err, UnexpectedToken):
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
    if err.__class__ is UnexpectedCharacters and text[pos] == '"':
        return start, end
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
