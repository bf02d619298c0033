"""Text → syntax tree. One cached LALR parser behind `parse_text` / `parse_file`.

Syntax errors become German diagnostics (`syntax_errors.py`); the parser keeps
going after an error by blanking the offending statement and parsing again, so a
file with several mistakes reports them all at once.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from zieldsl.language import nodes as n
from zieldsl.diagnostics import DiagnosticBag, Source, Span, ZielError
from zieldsl.lines import ambiguous_break, normalise
from zieldsl.lines import position as line_column
from zieldsl.language.standalone import runtime

# The generated parser module (`zieldsl.language.standalone`): its own Lark classes, no lark import.
_lark = runtime()
Token, Transformer, Tree, v_args = _lark.Token, _lark.Transformer, _lark.Tree, _lark.v_args
UnexpectedInput, VisitError = _lark.UnexpectedInput, _lark.VisitError

MAX_SYNTAX_ERRORS = 20
MAX_INPUT_CHARS = 2_000_000  # the same bound as zieldsl.files.MAX_SOURCE_BYTES
MAX_TREE_DEPTH = 100  # a real agreement is about 8 levels deep
# Recovery re-parses the text from the start after each syntax error. Past this many characters
# read again (all re-parses together) it stops and reports the errors found so far, so a huge
# file with errors near its end cannot keep the parser busy for minutes. Files below 250.000
# characters never reach it.
MAX_REPARSE_CHARS = 5_000_000


@lru_cache(maxsize=1)
def lark_parser():
    """The LALR parser generated from `grammars/zieldsl.lark` (`zieldsl.language.standalone`), once per process."""
    from zieldsl.language.lark_tuning import lexer_plugins, load_memo, share_scanner, table_plugins

    # `Lark_StandAlone()` is `Lark._load_from_dict(DATA, MEMO)`; here with the memo read ahead and two plugins
    parser = _lark.Lark._load_from_dict(_lark.DATA, load_memo(_lark),
                                        _plugins={**table_plugins(_lark), **lexer_plugins(_lark)})
    share_scanner(parser)  # its states scan lean already; this only checks
    return parser


def parse_file(path: str | Path, display_name: str | None = None) -> n.Document:
    """Read and parse a `.ziel` file; unreadable files are reported like syntax errors."""
    from zieldsl.files import read_source

    name = display_name or str(path)
    return parse_text(read_source(path, name), name)


def parse_text(text: str, name: str = "<eingabe>") -> n.Document:
    """Parse agreement text; raises `ZielError` with every syntax error found."""
    from zieldsl.collector import gc_paused

    text = normalise(text)
    with gc_paused():
        return _parse_text(text, name)


def _parse_text(text: str, name: str) -> n.Document:
    source = Source(name, text)
    bag = DiagnosticBag(source)
    if len(text) > MAX_INPUT_CHARS:
        bag.add("ZD601", f"Datei ist zu groß ({len(text):,} Zeichen; höchstens {MAX_INPUT_CHARS:,})".replace(",", "."),
                Span(name, 1, 1))
        raise ZielError(bag.items)
    if "\x00" in text:
        at = text.index("\x00")
        line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        bag.add("ZD003", "Datei enthält ein NUL-Zeichen (Binärdatei?)", Span(name, line, column),
                "Eine Vereinbarung ist eine Textdatei im Format UTF-8.")
        raise ZielError(bag.items)
    ambiguous = ambiguous_break(text)
    if ambiguous is not None:
        at, char_name = ambiguous
        line, column = line_column(text, at)
        bag.add("ZD004", f"Das Zeichen {char_name} ist nur für manche Programme ein Zeilenumbruch",
                Span(name, line, column, line, column + 1),
                "Ersetzen Sie es durch einen gewöhnlichen Zeilenumbruch (Enter) oder ein Leerzeichen; "
                "Zeilen enden mit LF, CRLF oder CR.")
        raise ZielError(bag.items)

    work = text
    last_position = -1
    reread = 0
    for _ in range(MAX_SYNTAX_ERRORS):
        try:
            tree = lark_parser().parse(work)
        except UnexpectedInput as err:
            from zieldsl.language.syntax_errors import describe, missing_brace, recover  # only when needed

            position = getattr(err, "pos_in_stream", None)
            if position is None or position <= last_position:
                break
            unclosed = missing_brace(work)
            if unclosed is not None and unclosed[1] < position:
                # One message at the block that lacks its `}`, then on with the `}` in place (no cascade).
                opened, at = unclosed
                line, column = text.count("\n", 0, opened) + 1, opened - text.rfind("\n", 0, opened)
                start = text.rfind("\n", 0, opened) + 1
                first = len(text[start:opened]) - len(text[start:opened].lstrip())
                before = text.count("\n", 0, at) + 1
                bag.add("ZD135", f"Der Block aus Zeile {line} ist nicht geschlossen: es fehlt »}}«",
                        Span(name, line, first + 1, line, column + 1),
                        f"Die schließende Klammer gehört vor Zeile {before} "
                        f"(»{text[at + 1:text.find(chr(10), at) if chr(10) in text[at:] else None].strip()[:40]}«).")
                work = work[:at] + "}" + work[at + 1:]
                continue
            last_position = position
            code, message, span, hint = describe(err, work, name)
            bag.add(code, message, span, hint)
            repaired = recover(err, work)
            if repaired is None or repaired == work:
                break
            work = repaired
            reread += position
            if reread > MAX_REPARSE_CHARS:
                break
            continue
        deep = _too_deep(tree)
        if deep is not None:
            bag.add("ZD602", f"Die Blöcke sind zu tief verschachtelt (mehr als {MAX_TREE_DEPTH} Ebenen)",
                    Span(name, getattr(deep.meta, "line", 1), getattr(deep.meta, "column", 1)),
                    "Teilziele stehen direkt in ihrem Ziel; tiefere Verschachtelung ist nicht vorgesehen.")
            break
        # The repaired text keeps every position, so its value errors (dates, …) are real ones too.
        document = _to_document(tree, source, bag)
        bag.raise_if_errors()
        return document
    bag.raise_if_errors()
    raise AssertionError("unreachable: parse loop ended without result or error")


def _too_deep(tree):
    """The first subtree nested deeper than MAX_TREE_DEPTH, found without recursion.

    Building the nodes recurses once per level; a pathological file (a thousand
    nested `teilziel` blocks) must end in a diagnostic, not in a RecursionError.
    """
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            return node
        stack.extend((child, depth + 1) for child in getattr(node, "children", ()) if isinstance(child, Tree))
    return None


_STRING_OR_COMMENT = re.compile(r'["#]')
_TRIPLE_REST = re.compile(r'(?:\\.|\\\Z|[^\\])*?(?:"""|\Z)', re.S)  # escapes like the lexer: a\""""
_SINGLE_REST = re.compile(r'(?:\\.|\\\Z|[^"\\\n])*', re.S)


def _comments(text: str) -> list[n.Comment]:
    """Find `#` comments outside strings (the lexer drops them).

    Jumps from quote to `#` with regular expressions; what it skips and where it
    stops is exactly what a character-by-character scanner would do (a test
    compares the two on random text).
    """
    out: list[n.Comment] = []
    i, line, line_start, size = 0, 1, 0, len(text)
    search = _STRING_OR_COMMENT.search
    while True:
        found = search(text, i)
        if found is None:
            return out
        at = found.start()
        newlines = text.count("\n", i, at)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", i, at) + 1
        if text[at] == "#":
            end = text.find("\n", at)
            end = size if end < 0 else end
            own_line = text[line_start:at].strip() == ""
            out.append(n.Comment(text[at:end].rstrip(), line, at - line_start + 1, own_line))
            i = end
        elif text.startswith('"""', at):
            end = _TRIPLE_REST.match(text, at + 3).end()
            line += text.count("\n", at, end)
            last_newline = text.rfind("\n", at, end)
            if last_newline >= 0:
                line_start = last_newline + 1
            i = end
        else:  # a string ends at its quote or, unclosed, at the end of the line (both skipped)
            i = _SINGLE_REST.match(text, at + 1).end() + 1


# ---------------------------------------------------------------- tree → nodes


MAX_WHOLE_DIGITS = 15  # 999 billion euros and more; no figure of an agreement comes near
MAX_DECIMAL_DIGITS = 6


def _tokens_of(tree, types: tuple[str, ...]):
    """The tree's tokens of these types, in order (the standalone module's Tree has no `scan_values`)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        children = getattr(node, "children", None)
        if children is None:
            if getattr(node, "type", None) in types:
                yield node
            continue
        stack.extend(reversed(children))


def _check_numbers(tree, name: str, bag: DiagnosticBag) -> None:
    """Numbers with ASCII digits only (ZD122) and a size every later step computes exactly (ZD121).

    Python's `\\d` also matches Arabic-Indic or full-width digits, and a 40-digit threshold
    would pass the check and crash the evaluation; both are reported here, before any value is built.
    """
    for token in _tokens_of(tree, ("NUMBER", "DATE", "TARGET_NUMBER")):
        text = str(token)
        foreign = next((ch for ch in text if ch.isdigit() and not ch.isascii()), None)
        span = Span(name, token.line, token.column, token.end_line, token.end_column)
        if foreign is not None:
            import unicodedata

            ascii_text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text)
            bag.add("ZD122", f"»{text}« enthält die Ziffer »{foreign}« (U+{ord(foreign):04X} "
                             f"{unicodedata.name(foreign, 'UNBEKANNT')}), keine Ziffer 0–9", span,
                    f"Schreiben Sie »{ascii_text}«.")
            continue
        if token.type != "NUMBER":
            continue
        whole, _, fraction = text.replace(".", "").partition(",")
        if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS or len(fraction) > MAX_DECIMAL_DIGITS:
            bag.add("ZD121", f"»{text[:30]}{'…' if len(text) > 30 else ''}« hat zu viele Stellen (höchstens "
                             f"{MAX_WHOLE_DIGITS} vor und {MAX_DECIMAL_DIGITS} nach dem Komma)", span,
                    "So große oder so genaue Zahlen kommen in einer Vereinbarung nicht vor; prüfen Sie die Zahl.")


def _to_document(tree, source: Source, bag: DiagnosticBag) -> n.Document:
    """Build the nodes; value errors (invalid dates, …) are collected in `bag`, not raised."""
    from zieldsl.language.lark_tuning import transform as lark_transform

    _check_numbers(tree, source.name, bag)
    bag.raise_if_errors()
    try:
        items = lark_transform(_Builder(source.name, bag), tree)
    except VisitError as exc:
        raise exc.orig_exc from None
    return n.Document(tuple(items), tuple(_comments(source.text)), source.name)


def number_value(token: Token) -> Decimal:
    """`9.327.771` → 9327771, `5,8` → 5.8, keeping the written decimals (`0,25` → 0.25)."""
    return Decimal(str(token).replace(".", "").replace(",", "."))


def string_value(token: Token) -> str:
    raw = str(token)
    if raw[:1] in "„“":  # typographic quotes copied from Word: the text between them, as it stands
        return raw[1:-1]
    if raw.startswith('"""'):
        body = raw[3:-3]
        if body.startswith("\n"):
            body = body[1:]
        if body.endswith("\n"):
            body = body[:-1]
    else:
        body = raw[1:-1]
    return re.sub(r'\\(["\\])', r"\1", body)


_MONTH_NAMES = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember"]

_GROUPS = {"frauen": "frauen", "männer": "maenner", "maenner": "maenner", "männern": "maenner",
           "maennern": "maenner", "gesamt": "gesamt"}
_QUALIFIERS = {"mindestens": "mindestens", "maximal": "maximal", "höchstens": "höchstens",
               "hoechstens": "höchstens", "nicht": "nicht_mehr_als"}
_LEVEL_VERBS = {"beträgt": "beträgt", "betraegt": "beträgt", "erreicht": "erreicht"}


class _GroupName(str):
    """A catalogue group's name as written, with its position (for "unknown group" messages)."""

    span: Span

    def __new__(cls, value: str, span: Span):
        made = super().__new__(cls, value)
        made.span = span
        return made


@v_args(meta=True)
class _Builder(Transformer):
    """Lark tree → frozen dataclasses; rule name ≈ class name (lark's create_ast idea)."""

    def __init__(self, file: str, bag: DiagnosticBag):
        super().__init__()
        self.file = file
        self.bag = bag

    def _span(self, meta) -> Span:
        if getattr(meta, "empty", True):
            return Span(self.file, 1, 1)
        return Span(self.file, meta.line, meta.column, meta.end_line, meta.end_column)

    def _tspan(self, token: Token) -> Span:
        return Span(self.file, token.line, token.column, token.end_line, token.end_column)

    def _date(self, token: Token) -> datetime.date:
        """A `TT.MM.JJJJ` date; an impossible one is reported and replaced by a placeholder."""
        day, month, year = (int(p) for p in str(token).split("."))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            if not 1 <= month <= 12:
                reason = f"einen Monat {month} gibt es nicht"
            elif year < 1:
                reason = f"das Jahr {year} gibt es nicht"
            else:
                import calendar

                days = calendar.monthrange(year, month)[1]
                reason = f"der {_MONTH_NAMES[month - 1]} {year} hat {days} Tage"
            self.bag.add("ZD111", f"»{token}« ist kein gültiges Datum: {reason}", self._tspan(token),
                         "Datumsangaben schreiben Sie als TT.MM.JJJJ, z. B. 17.02.2026.")
            return datetime.date.min

    def _int(self, token: Token, what: str, example: str) -> int:
        value = number_value(token)
        if value != value.to_integral_value():
            self.bag.add("ZD112", f"{what} ist eine ganze Zahl, nicht »{token}«", self._tspan(token),
                         f"Schreiben Sie z. B. »{example}«.")
        return int(value)

    # -- toplevel
    def start(self, meta, children):
        return children

    def agreement(self, meta, c):
        return n.Agreement(str(c[0]), string_value(c[1]), tuple(c[2:]), self._span(meta))

    def catalog(self, meta, c):
        return n.Catalog(str(c[0]), string_value(c[1]), tuple(c[2:]), self._span(meta))

    # -- framework
    def party_land(self, meta, c):
        return n.PartyLand(string_value(c[0]), string_value(c[1]) if c[1] else None, self._span(meta))

    def agency_keys(self, meta, c):
        return tuple(string_value(x).strip() for x in c)  # trimmed like the codes in CSV files

    def party_partner(self, meta, c):
        return n.PartyLand(string_value(c[0]), string_value(c[1]) if c[1] else None, self._span(meta), "partner")

    def party_agency(self, meta, c):
        name, short, keys, genitive = c
        keys = keys or ()
        key = "+".join(keys) if keys else None
        return n.PartyAgency(string_value(name), string_value(short) if short is not None else None, key,
                             string_value(genitive) if genitive is not None else None, self._span(meta), keys)

    def legal_basis(self, meta, c):
        return n.LegalBasis(string_value(c[0]), self._span(meta))

    def regulation(self, meta, c):
        return n.Regulation(string_value(c[0]), self._span(meta))

    def target_year(self, meta, c):
        return n.TargetYear(self._int(c[0], "Das Zieljahr", "zieljahr 2026"), self._span(meta))

    def baseline_year(self, meta, c):
        return n.BaselineYear(self._int(c[0], "Das Vergleichsjahr", "vergleichsjahr 2025"), self._span(meta))

    def value_basis(self, meta, c):
        return str(c[0]).lower()

    def waiting(self, meta, c):
        return str(c[0]).lower() == "mit"

    def vintage_policy(self, meta, c):
        return str(c[0]).lower()

    def evaluation(self, meta, c):
        return n.Evaluation(c[0], c[1], c[2], self._span(meta))

    def final_evaluation(self, meta, c):
        return n.FinalEvaluation(c[0], c[1], self._int(c[-1], "Das Jahr der Abschlussbewertung", "im frühjahr 2027"),
                                 self._span(meta))

    def dialogues(self, meta, c):
        first = c[0]
        if isinstance(first, int):  # `im zweiten und vierten quartal`
            return n.Dialogues(len(c), self._span(meta), None, tuple(c))
        if first in ("quartalsweise", "regelmäßig"):
            return n.Dialogues(4 if first == "quartalsweise" else None, self._span(meta), first)
        minimum = self._int(first, "Die Zahl der Zieldialoge", "zieldialoge mindestens 2 im jahr")
        return n.Dialogues(minimum, self._span(meta))

    def rhythm(self, meta, c):
        return "quartalsweise" if str(c[0]).lower() == "quartalsweise" else "regelmäßig"

    def quarter(self, meta, c):
        return {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4}[str(c[0]).lower()]

    def trial_year(self, meta, c):
        return n.TrialYear(string_value(c[0]), self._span(meta))

    def waiver(self, meta, c):
        return n.Waiver(string_value(c[0]), self._span(meta))

    def proposal_unit(self, meta, c):
        return {"%": "%", "prozentpunkte": "prozentpunkte"}.get(str(c[0]).lower(), "eur")

    def proposal(self, meta, c):
        return n.Proposal(number_value(c[0]), c[1], self._span(meta))

    def budget(self, meta, c):
        return n.Budget(str(c[0]), string_value(c[1]), number_value(c[2]), self._span(meta))

    def unit(self, meta, c):
        return "%" if str(c[0]) == "%" else "prozentpunkte"

    def direction(self, meta, c):
        return str(c[0]).lower()

    def assumption_range(self, meta, c):
        return ("range", number_value(c[0]), c[1], number_value(c[2]), c[3])

    def assumption_change(self, meta, c):
        return ("change", c[0], number_value(c[1]), c[2])

    def assumption(self, meta, c):
        ident, title, value, source = str(c[0]), string_value(c[1]), c[2], c[3]
        src = string_value(source) if source is not None else None
        if value[0] == "range":
            _, a, unit_a, b, unit_b = value
            return n.Assumption(ident, title, None, None, a, b, unit_a, unit_b, src, self._span(meta))
        _, direction, amount, unit = value
        return n.Assumption(ident, title, direction, amount, None, None, unit, None, src, self._span(meta))

    def consideration(self, meta, c):
        return n.Consideration(str(c[0]), string_value(c[1]), self._span(meta))

    def legal_change(self, meta, c):
        return n.LegalChange(string_value(c[0]), self._date(c[1]), self._span(meta))

    def section(self, meta, c):
        return n.Section(str(c[0]), string_value(c[1]), string_value(c[2]), self._span(meta))

    def signature(self, meta, c):
        note = string_value(c[4]) if c[4] is not None else None
        return n.Signature(string_value(c[0]), string_value(c[1]), self._date(c[2]), string_value(c[3]), note,
                           self._span(meta))

    # -- targets
    def target_kind(self, meta, c):
        return str(c[0]).lower()

    def target(self, meta, c):
        return n.Target(c[0], str(c[1]), str(c[2]), string_value(c[3]), tuple(c[4:]), self._span(meta))

    def subtarget(self, meta, c):
        return n.Target("teilziel", None, str(c[0]), string_value(c[1]), tuple(c[2:]), self._span(meta))

    def text(self, meta, c):
        return n.Text(string_value(c[0]), self._span(meta))

    def emphasis(self, meta, c):
        return n.Emphasis(string_value(c[0]), self._span(meta))

    def wish(self, meta, c):
        return {"steigen": "steigt", "sinken": "sinkt"}[str(c[0]).lower()]

    def group(self, meta, c):
        """A built-in group (normalised spelling) or, as written, the name of a catalogue group."""
        token = c[0]
        if token.type == "NAME":
            return _GroupName(str(token), self._tspan(token))
        return _GROUPS[str(token).lower()]

    def gender(self, meta, c):
        return _GROUPS[str(c[0]).lower()]

    def group_def(self, meta, c):
        return n.GroupDef(str(c[0]), string_value(c[1]), string_value(c[2]) if c[2] is not None else None,
                          string_value(c[3]) if c[3] is not None else None, self._span(meta))

    def qualifier(self, meta, c):
        return _QUALIFIERS[str(c[0]).lower()]

    def level_qualifier(self, meta, c):
        return _QUALIFIERS[str(c[0]).lower()]

    def level_verb(self, meta, c):
        return _LEVEL_VERBS[str(c[0]).lower()]

    def change(self, meta, c):
        return ("change", c[0], c[1], number_value(c[2]), c[3])

    def change_qualified_first(self, meta, c):
        """`sinkt mindestens um 0,5 %`, as published agreements write it: the same as `sinkt um mindestens 0,5 %`."""
        return ("change", c[0], c[1], number_value(c[2]), c[3])

    def direction_only(self, meta, c):
        if str(c[0]).lower() == "bleibt":
            return ("direction", "bleibt_gleich", None, None, None)
        verb = c[0] + ("_nicht" if c[1] is not None else "")
        return ("direction", verb, None, None, None)

    def level(self, meta, c):
        return ("level", c[0], c[1], number_value(c[2]), c[3])

    def level_unit(self, meta, c):
        return "%" if str(c[0]) == "%" else "eur"

    def equivalent_unit(self, meta, c):
        token = c[0]
        if token.type == "NAME":
            return ("series", str(token), self._tspan(token))
        return ("unit", "%" if str(token) == "%" else "eur", None)

    def equivalent(self, meta, c):
        value, what = c[0], c[1]
        unit = what[1] if what is not None and what[0] == "unit" else None
        series, series_span = (what[1], what[2]) if what is not None and what[0] == "series" else (None, None)
        return n.Equivalent(number_value(value), unit, series, self._span(meta), series_span)

    def equivalent_quota(self, meta, c):
        value, _percent, indicator = c
        return n.Equivalent(number_value(value), "%", None, self._span(meta), self._tspan(indicator),
                            str(indicator))

    def condition(self, meta, c):
        group, name, (measure, verb, qualifier, value, unit), bracket = c
        group_span = group.span if isinstance(group, _GroupName) else None
        equivalent = bracket if isinstance(bracket, n.Equivalent) else None
        proposal = bracket if isinstance(bracket, n.Proposal) else None
        return n.Condition(str(group) if group is not None else None, str(name), measure, verb, qualifier, value,
                           unit, self._span(meta), self._tspan(name), group_span, equivalent, proposal)

    def count_part(self, meta, c):
        return n.CountPart(str(c[0]), number_value(c[1]), self._span(meta))

    def count_part_number_first(self, meta, c):
        return n.CountPart(str(c[1]), number_value(c[0]), self._span(meta))

    def count_bound(self, meta, c):
        return "mindestens" if str(c[0]).lower() == "mindestens" else "höchstens"

    def count_condition(self, meta, c):
        parts = tuple(x for x in c[4:] if x is not None)
        return n.CountCondition(str(c[0]), number_value(c[2]), parts, self._span(meta), self._tspan(c[0]), c[1],
                                c[3])

    def forecast(self, meta, c):
        return n.Forecast(c[0], number_value(c[1]), c[2], self._span(meta))

    def monitoring(self, meta, c):
        if len(c) == 3:  # `beobachtung gefluechtete K1E2`: one token, group and indicator
            token, forecast, wish = c
            group, gap, indicator = re.match(r"(\w+)([ \t]+)(\w+)", str(token)).groups()
            start = token.column + len(group) + len(gap)
            group_span = Span(self.file, token.line, token.column, token.line, token.column + len(group))
            indicator_span = Span(self.file, token.line, start, token.line, start + len(indicator))
            return n.Monitoring(group, indicator, forecast, self._span(meta), indicator_span, wish, group_span)
        group, name, forecast, wish = c
        return n.Monitoring(group, str(name), forecast, self._span(meta), self._tspan(name), wish)

    def gap_monitoring(self, meta, c):
        return n.GapMonitoring(str(c[0]), str(c[1]), str(c[2]), self._span(meta), self._tspan(c[0]), c[3])

    def supplementary(self, meta, c):
        return n.Supplementary(tuple(str(x) for x in c), self._span(meta), tuple(self._tspan(x) for x in c))

    def step(self, meta, c):
        return n.Step(str(c[0]), string_value(c[1]), self._date(c[2]) if c[2] is not None else None,
                      self._span(meta))

    def milestone_condition(self, meta, c):
        return n.MilestoneCondition(str(c[0]), string_value(c[1]), self._date(c[2]) if c[2] is not None else None,
                                    self._span(meta))

    def rule_term(self, meta, c):
        return n.RuleTerm("all", str(c[0]).lower(), self._span(meta))

    def rule_any(self, meta, c):
        return n.RuleTerm("any", "bedingungen", self._span(meta))

    def rule_name(self, meta, c):
        return n.RuleTerm("name", str(c[0]), self._span(meta))

    def rule(self, meta, c):
        return n.Rule(tuple(c[1:]), self._span(meta))

    # -- catalogue
    def series_kind(self, meta, c):
        return str(c[0]).lower()

    def series_def(self, meta, c):
        unit = string_value(c[3]) if c[3] is not None else None
        return n.SeriesDef(str(c[0]), string_value(c[1]), c[2], unit, self._span(meta))

    def indicator_kind(self, meta, c):
        return "kennzahl" if c and str(c[0]).lower() == "kennzahl" else "ergänzungsgröße"

    def definition(self, meta, c):
        return ("definition", string_value(c[0]), None, self._span(meta))

    def formula(self, meta, c):
        f = n.Formula(str(c[0]), tuple(str(x) for x in c[1:]), self._span(meta), tuple(self._tspan(x) for x in c[1:]))
        return ("formula", f, None, self._span(meta))

    def good_direction(self, meta, c):
        return ("good", c[0], None, self._span(meta))

    def parent(self, meta, c):
        return ("parent", str(c[0]), self._tspan(c[0]), self._span(meta))

    def law_ref(self, meta, c):
        return ("law_ref", string_value(c[0]), None, self._span(meta))

    def indicator_def(self, meta, c):
        kind, code, title, *body = c
        fields: dict = {}
        parent_span = None
        written = []
        for key, value, span, field_span in body:
            written.append((key, field_span))
            if key in fields:
                german = {"definition": "definition", "formula": "formel", "good": "gut", "parent": "zu",
                          "law_ref": "fundstelle"}[key]
                self.bag.add("ZD113", f"»{german}« steht in Kennzahl »{code}« mehrfach", span or self._span(meta),
                             "Jede Angabe darf in einer Kennzahl nur einmal stehen.")
            fields[key] = value
            if key == "parent":
                parent_span = span
        return n.IndicatorDef(kind, str(code), string_value(title), fields.get("definition"), fields.get("formula"),
                              fields.get("good"), fields.get("parent"), fields.get("law_ref"), self._span(meta),
                              parent_span, tuple(written))
