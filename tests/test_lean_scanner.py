"""The lean scanner of `zieldsl.language.lark_tuning` answers exactly as Lark's compiled one.

A state of the contextual lexer that has not been used often scans without compiling the
union of its terminals (`_LeanScanner`, `_LeanUnless`: one terminal after the other). Here every distinct state lexer of
the generated parser is compared with Lark's own scanner for it at every position of real
agreements, of the standard catalogue and of random word salads (keywords in odd
capitalisation, two words where one is expected, numbers, dates, strings), token type
after the keyword check included. Whole parses are compared with plain Lark in
tests/test_fuzz_inputs.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
WORDS = ["vereinbarung", "ziel", "Ziel", "ZIEL", "{", "}", '"x"', '"""a\n"b"\n"""', "# kommentar\n", "\n", "K2",
         "steigt", "sinkt", "um", "5,8", "1.234", "1.234,5", "12a", "31.12.2026", "%", "mindestens", "Mindestens",
         "höchstens", "hoechstens", "ca.", "Ca.", "auf", "männer", "Maennern", "frauen", "gesamt", "abstand",
         "prognose", "soll", "schritte", "Bedingungen", "ergänzungsgrößen", "ergaenzungsgroesse", "anzahl",
         "bestand", "ſ", "K", "ẞ", "ı", "ſchritt", "\u212aennzahl", "\u212aurz", "trÄger", "TRÄGER", "Träger",
         "mıt", "ıst", "geſamt", "ÄNDERUNG", "„x“", "“y”", ",", "(", ")", "x", "ä", "_x1", "\t", "  "]


@lru_cache(maxsize=1)
def lexers():
    from zieldsl.language.lark_tuning import _Shared
    from zieldsl.language.standalone import runtime

    module = runtime()
    contextual = module.Lark_StandAlone().parser.lexer
    shared = _Shared()
    distinct = {id(own): own for own in contextual.lexers.values()}
    pairs = [(own, shared.lean_lexer(own)) for own in distinct.values()]
    assert all(lean is not False for _own, lean in pairs)
    return module, pairs


def assert_same_everywhere(text: str, starts_only: bool = False) -> None:
    """Lean and compiled scanner agree at every position (or where a token can begin: after a space or sign)."""
    module, pairs = lexers()
    sliced = module.TextSlice.cast_from(text)
    positions = [pos for pos in range(len(text))
                 if not starts_only or pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_")]
    for own, lean in pairs:
        assert lean.scanner.allowed_types == own.scanner.allowed_types
        assert set(lean.callback) == set(own.callback)
        for pos in positions:
            expected = own.scanner.match(sliced, pos)
            assert lean.scanner.match(sliced, pos) == expected, (pos, text[pos:pos + 40])
            if expected is not None and expected[1] in own.callback:
                value, kind = expected
                assert (lean.callback[kind](module.Token(kind, value)).type
                        == own.callback[kind](module.Token(kind, value)).type), value


def test_lean_scanner_matches_larks_on_the_leer_agreement_and_the_standard_catalogue():
    for path in (REPO / "vereinbarungen" / "leer-2026.ziel", REPO / "zieldsl" / "language" / "standard.ziel"):
        assert_same_everywhere(path.read_text(encoding="utf-8"), starts_only=True)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30), st.lists(st.sampled_from([" ", "", "\n"]),
                                                                          min_size=30, max_size=30))
def test_lean_scanner_matches_larks_on_word_salad(words, gaps):
    assert_same_everywhere("".join(word + gap for word, gap in zip(words, gaps)))


def test_the_parser_uses_lean_scanners_and_compiles_few_state_scanners():
    """A small agreement is parsed with the root scanner and lean ones: no state compiles its own union."""
    from zieldsl.language.lark_tuning import share_scanner
    from zieldsl.language.standalone import runtime

    parser = runtime().Lark_StandAlone()
    share_scanner(parser)
    parser.parse('vereinbarung v "V" {\n  zieljahr 2026\n  ziel 1 k2 "K2" {\n    K2 steigt um 1,0 %\n  }\n}\n')
    states = parser.parser.lexer.lexers.values()
    assert not [wrapper for wrapper in states if wrapper.own._scanner is not None]
    assert parser.parser.lexer.root_lexer._scanner is None
    assert any(wrapper.lean for wrapper in states)


def test_the_parse_table_read_faster_equals_larks():
    from zieldsl.language.lark_tuning import parse_table
    from zieldsl.language.parser import lark_parser
    from zieldsl.language.standalone import runtime

    module = runtime()
    plain = module.Lark_StandAlone().parser.parser._parse_table
    loaded = lark_parser().parser.parser._parse_table
    assert type(loaded) is type(plain)
    assert loaded.states == plain.states
    assert (loaded.start_states, loaded.end_states) == (plain.start_states, plain.end_states)
    assert {type(arg) for row in loaded.states.values() for _action, arg in row.values()} == {int, module.Rule}
    rules = {id(r) for r in lark_parser().rules}
    assert all(id(arg) in rules for row in loaded.states.values() for action, arg in row.values() if action == 1)
    memo = module.SerializeMemoizer.deserialize(module.MEMO, {"Rule": module.Rule, "TerminalDef": module.TerminalDef}, {})
    assert parse_table(module, module.DATA["parser"]["parser"], memo).states == plain.states


def test_lexers_built_on_first_use_equal_larks():
    """`_LazyContextualLexer` builds each state's lexer when it is first needed: the same lexer as Lark's."""
    from zieldsl.language.lark_tuning import _LeanFirst, lexer_plugins
    from zieldsl.language.standalone import runtime

    module = runtime()
    plain = module.Lark_StandAlone().parser.lexer
    lazy = module.Lark_StandAlone(_plugins=lexer_plugins(module)).parser.lexer
    assert set(lazy.lexers) == set(plain.lexers)
    assert all(isinstance(wrapper, _LeanFirst) and wrapper._own is None for wrapper in lazy.lexers.values())

    def shape(lexer):
        return ([t.name for t in lexer.terminals], lexer.newline_types, lexer.ignore_types, lexer.user_callbacks,
                lexer.g_regex_flags, lexer.use_bytes, lexer.re, sorted(lexer.terminals_by_name))

    for state, own in plain.lexers.items():
        assert shape(lazy.lexers[state].own) == shape(own)
    assert shape(lazy.root_lexer) == shape(plain.root_lexer)
    # states that share a set of terminals share one lexer, as in Lark
    assert len({id(w) for w in lazy.lexers.values()}) == len({id(o) for o in plain.lexers.values()})


def _same(a, b, seen=None) -> bool:
    """Equal objects of the same classes, attribute by attribute (Lark's classes mostly lack __eq__)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if hasattr(a, "__dict__") and not isinstance(a, type):
        return _same(vars(a), vars(b))
    return a == b


def test_the_memo_read_faster_equals_larks():
    from zieldsl.language.lark_tuning import load_memo
    from zieldsl.language.standalone import runtime

    module = runtime()
    plain = module.SerializeMemoizer.deserialize(module.MEMO, {"Rule": module.Rule, "TerminalDef": module.TerminalDef}, {})
    fast = load_memo(module)
    assert plain.keys() == fast.keys()
    assert {type(v).__name__ for v in fast.values()} == {"Rule", "TerminalDef"}
    assert all(_same(plain[k], fast[k]) for k in plain)
    rules = [k for k in plain if type(plain[k]).__name__ == "Rule"]
    assert rules and [hash(fast[k]) for k in rules] == [hash(plain[k]) for k in rules]
    assert all(fast[k] == plain[k] for k in rules)
