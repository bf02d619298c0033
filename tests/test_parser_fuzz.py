"""Whatever the input, parsing and checking end in a result or in `ZielError` with positions.

Hypothesis feeds random text, streams of DSL words and mutated copies of every
real file (the agreements in vereinbarungen/ and the standard catalogue). The
suite runs a short campaign; set ZIELDSL_FUZZ_EXAMPLES (e.g. 20000) for a long one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import CAMPAIGN_EXAMPLES, campaign
from zieldsl.api import check_text
from zieldsl.diagnostics import ZielError
from zieldsl.lines import AMBIGUOUS_BREAKS, split_lines

REPO_ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((REPO_ROOT / "vereinbarungen").glob("*.ziel")) + [REPO_ROOT / "zieldsl" / "language" / "standard.ziel"]
SOURCES = [path.read_text(encoding="utf-8") for path in FILES]

# A long campaign: ZIELDSL_FUZZ_EXAMPLES examples each, or the profile's with --hypothesis-profile=lang.
EXAMPLES = CAMPAIGN_EXAMPLES if campaign() else int(os.environ.get("ZIELDSL_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                derandomize=not campaign() and "ZIELDSL_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces that steer random input into the parser's deeper states.
WORDS = [
    "vereinbarung", "katalog", "ziel", "teilziel", "grundsatz", "{", "}", '"Titel"', '"""Text\n"""', "K1", "K2",
    "K3E1", "frauen", "männer", "maenner", "gesamt", "steigt", "sinkt", "bleibt", "gleich", "nicht", "mehr", "als",
    "um", "mindestens", "höchstens", "maximal", "beträgt", "erreicht", "wenn", "alle", "eine", "schritte",
    "bedingung", "bedingungen", "teilziele", "und", "5,8", "0,25", "1.612", "9.327.771", "5.8", "%",
    "prozentpunkte", "anzahl", "integrationen", "davon", ",", "beobachtung", "abstand", "zwischen", "prognose",
    "ergänzungsgrößen", "schritt", "frist", "17.02.2026", "31.02.2026", "2026", "zieljahr", "vergleichsjahr",
    "träger", "land", "kurz", "kennung", '"03457"', "bewertung", "jahresfortschrittswerte", "ohne", "mit",
    "wartezeit", "gleicher", "gemeinsamer", "ladestand", "abschluss", "im", "frühjahr", "zieldialoge", "jahr",
    "mittel", "eur", "annahme", "von", "auf", "quelle", "unterzeichnet", "in", "am", "durch", "zusatz",
    "reihe", "bestand", "betrag", "kennzahl", "formel", "quote", "(", ")", "gut", "zu", "fundstelle",
    "rechtsänderung", "ab", "berücksichtigung", "abschnitt", "text", "#", "\n", '"', "€", "\t", "\x00", "\ufeff",
    # line breaks of every kind (issue 12): CR and CRLF end a line, the ambiguous ones are refused
    "\r", "\r\n", "# x\r", *AMBIGUOUS_BREAKS, "К3", "Κ2", "K\u200b2", "１２",
]
HEADER = 'vereinbarung f "F" {\n träger "T"\n zieljahr 2026\n ziel 1 z "Z" {\n'


def assert_only_own_error(text: str) -> None:
    """Return normally or raise ZielError whose diagnostics all have a position and a message."""
    try:
        check_text(text, "fuzz.ziel")
    except ZielError as err:
        assert err.diagnostics, "ZielError ohne Meldung"
        for diagnostic in err.diagnostics:
            span = diagnostic.span
            assert span is not None, diagnostic
            assert span.line >= 1 and span.column >= 1, diagnostic
            assert span.line <= len(split_lines(text)) + 1, diagnostic
            assert diagnostic.message.strip(), diagnostic
            assert diagnostic.code.startswith("ZD")
            assert diagnostic.render()


@st.composite
def mutated(draw) -> str:
    """A real file with a few deletions, insertions, replacements, swapped lines or a cut."""
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "insert", "insert_word", "replace", "swap", "duplicate", "cut"]))
        pos = draw(st.integers(0, len(text)))
        if op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)):]
        elif op == "insert":
            text = text[:pos] + draw(st.text(max_size=5)) + text[pos:]
        elif op == "insert_word":
            text = text[:pos] + draw(st.sampled_from(WORDS)) + text[pos:]
        elif op == "replace":
            text = text[:pos] + draw(st.characters()) + text[pos + 1:]
        elif op in ("swap", "duplicate"):
            lines = text.split("\n")
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if op == "swap":
                lines[a], lines[b] = lines[b], lines[a]
            else:
                lines.insert(b, lines[a])
            text = "\n".join(lines)
        else:
            text = text[:pos]
    return text


@FUZZ
@given(mutated())
def test_mutated_real_files(text):
    assert_only_own_error(text)


@st.composite
def line_endings_mixed(draw) -> tuple[str, str]:
    """A real file (or a mutated one) and the same text with each line ended by LF, CRLF or CR at random."""
    text = draw(st.sampled_from(SOURCES) | mutated())
    lines = text.split("\n")
    endings = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines) - 1,
                            max_size=len(lines) - 1))
    # CR, then an empty line's LF, is one CRLF: a single break. Backwards, so that a CR fixed to LF is
    # seen by the line before it (CR, CR, LF on empty lines: every CR becomes LF).
    for i in reversed(range(len(endings) - 1)):
        if endings[i] == "\r" and lines[i + 1] == "" and endings[i + 1] == "\n":
            endings[i] = "\n"
    for i in range(len(endings)):  # a line the mutation ended in CR was CRLF: only LF keeps it one break
        if lines[i].endswith("\r"):  # (campaign finding: »#\r« + »\r\n« is two breaks in every editor)
            endings[i] = "\n"
    return text, "".join(line + ending for line, ending in zip(lines, endings)) + lines[-1]


def _outcome(text: str):
    try:
        return [(c.agreement.id, hash(c.source_text)) for c in check_text(text, "fuzz.ziel")]
    except ZielError as err:
        return [d.render() for d in err.diagnostics]


@FUZZ
@given(line_endings_mixed())
def test_line_endings_never_change_the_meaning(case):
    """LF, CRLF and CR are one line break: same agreements, same diagnostics at the same positions."""
    text, mixed = case
    if "\r" in text:  # the mutation inserted its own CR; compare against the normalised text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    assert _outcome(mixed) == _outcome(text)


@FUZZ
@given(st.sampled_from(SOURCES), st.data())
def test_an_ambiguous_line_break_is_always_reported_where_it_is(text, data):
    at = data.draw(st.integers(0, len(text)), label="offset")
    char = data.draw(st.sampled_from(AMBIGUOUS_BREAKS), label="char")
    broken = text[:at] + char + text[at:]
    with pytest.raises(ZielError) as caught:
        check_text(broken, "fuzz.ziel")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "ZD004"
    before = text[:at]
    assert (diagnostic.span.line, diagnostic.span.column) == (before.count("\n") + 1,
                                                              at - before.rfind("\n"))


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text):
    assert_only_own_error(text)


@FUZZ
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.booleans())
def test_streams_of_dsl_words(words, inside_target):
    text = " ".join(words)
    assert_only_own_error(HEADER + text if inside_target else text)


@pytest.mark.parametrize("text", [
    "{" * 5000,
    "}" * 5000,
    HEADER + "{" * 5000,
    HEADER + 'teilziel a "t" {\n' * 3000 + "}\n" * 3002,
    HEADER + "K2 steigt um " + "9" * 200_000 + " %\n}\n}\n",
    HEADER + "K" * 200_000 + " steigt um 1 %\n}\n}\n",
    HEADER + 'text "' + "x" * 200_000 + '"\n}\n}\n',
    HEADER + 'text """' + "x\n" * 100_000 + '\n}\n}\n',
    HEADER + "K2 steigt um 5.8 %\n" * 5_000 + "}\n}\n",
    HEADER + "% " * 100_000 + "\n}\n}\n",
    HEADER + "K2 steigt um 5,8 %\n" * 5_000 + "}\n}\n",
    "#" * 200_000,
    "\n" * 200_000,
], ids=["open-braces", "close-braces", "open-braces-in-target", "nested-subtargets", "long-number", "long-name",
        "long-string", "open-multiline-text", "many-errors", "long-garbage-line", "many-conditions",
        "long-comment", "many-empty-lines"])
def test_pathological_input_ends_with_a_result_or_a_diagnostic(text):
    assert_only_own_error(text)


def test_nesting_too_deep_is_a_diagnostic_not_a_crash():
    with pytest.raises(ZielError) as caught:
        check_text(HEADER + 'teilziel a "t" {\n' * 1000 + "}\n" * 1002, "tief.ziel")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "ZD602"
    assert diagnostic.message == "Die Blöcke sind zu tief verschachtelt (mehr als 100 Ebenen)"
