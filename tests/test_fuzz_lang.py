"""Fuzzing the input classes of issue 12: line breaks, look-alike letters, huge numbers, hostile templates.

Each test states the invariant the fix established. In the suite they run a few derandomized
examples; the long campaign runs them (with test_parser_fuzz.py and test_fuzz_inputs.py) under
`pytest --hypothesis-profile=lang` (docs/developers.md, the count in docs/leistung.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from unittest import mock

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import fuzz
from zieldsl.api import check_text
from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError
from zieldsl.documents import sandbox
from zieldsl.lines import AMBIGUOUS_BREAKS
from zieldsl.lookalikes import _LOOKALIKES, unicode_name

REPO = Path(__file__).resolve().parents[1]
SOURCES = [p.read_text(encoding="utf-8") for p in sorted((REPO / "vereinbarungen").glob("*.ziel"))]
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"
LEER_ROWS = [line for line in (REPO / "vereinbarungen" / "leer-2026.daten.csv").read_text(encoding="utf-8")
             .splitlines() if not line.startswith("#")]
FOR_LATIN: dict[str, list[str]] = {}
for _char, _latin in _LOOKALIKES.items():
    FOR_LATIN.setdefault(_latin, []).append(_char)
FOR_LATIN.update({c: FOR_LATIN.get(c, []) + [chr(ord(c) - ord("A") + ord("Ａ"))] for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
FOR_LATIN.update({d: [chr(ord(d) - ord("0") + ord("０"))] for d in "0123456789"})


def outcome(text: str):
    """What check makes of a text: the agreements' normalised sources, or the diagnostics' code and place."""
    try:
        return ("ok", [hash(c.source_text) for c in check_text(text, "fuzz.ziel")])
    except ZielError as err:
        assert err.diagnostics, "a ZielError without a diagnostic"
        return ("fehler", [(d.code, d.span.line if d.span else None) for d in err.diagnostics])


# ------------------------------------------------------------------ line breaks


@st.composite
def comments_with_breaks(draw):
    """A real agreement with comments inserted at line ends, each ended by one kind of line break."""
    text = draw(st.sampled_from(SOURCES))
    lines = text.split("\n")
    chosen = draw(st.lists(st.integers(0, len(lines) - 2), min_size=1, max_size=4, unique=True))
    breaks = {i: draw(st.sampled_from(["\r", "\r\n", "\n", *AMBIGUOUS_BREAKS])) for i in chosen}
    for i in breaks:  # CR, then an empty line's LF, is one CRLF: a single break (as every editor shows it)
        if breaks[i] == "\r" and lines[i + 1] == "" and i + 1 not in breaks:
            breaks[i] = "\r\n"
    comment = draw(st.sampled_from(["  # x", " # Kommentar mit »Zeichen«", "#", "  # K3 sinkt um 50 %"]))
    plain = "\n".join(line + (comment if i in breaks else "") for i, line in enumerate(lines))
    mixed = "".join(line + (comment + breaks[i] if i in breaks else "\n") for i, line in enumerate(lines[:-1]))
    return plain, mixed + lines[-1], breaks


@fuzz(15)
@given(comments_with_breaks())
def test_a_comment_never_swallows_the_next_line(case):
    """CR, CRLF and LF end a comment alike; U+2028, NEL and friends are refused on their own line."""
    plain, mixed, breaks = case
    ambiguous = sorted(i + 1 for i, b in breaks.items() if b in AMBIGUOUS_BREAKS)
    if not ambiguous:
        assert outcome(mixed) == outcome(plain)
        return
    kind, diagnostics = outcome(mixed)
    assert kind == "fehler"
    assert ambiguous[0] in [line for _code, line in diagnostics], (ambiguous, diagnostics)


# ------------------------------------------------------------------ look-alike letters

AGREEMENT = """vereinbarung t "T" {{
    träger "Landkreis T" kennung "03457"
    zieljahr 2026
    ziel 1 a "A" {{
        {line}
    }}
}}
"""
NAMES = [("K2", "{} steigt um 1 %"), ("K3", "{} sinkt um 2,3 %"), ("K1", "{} sinkt um 1 %"),
         ("integrationen", "anzahl {} mindestens 612"), ("frauen", "K2 {} steigt um 1 %")]


@st.composite
def disguised_names(draw):
    """A known name with one or two letters swapped for look-alikes from another script."""
    name, line = draw(st.sampled_from(NAMES))
    positions = [i for i, c in enumerate(name) if c in FOR_LATIN]
    swapped = draw(st.lists(st.sampled_from(positions), min_size=1, max_size=2, unique=True))
    letters = list(name)
    for i in swapped:
        letters[i] = draw(st.sampled_from(FOR_LATIN[name[i]]))
    return name, "".join(letters), line


@fuzz(15)
@given(disguised_names())
def test_a_look_alike_letter_is_named_with_the_latin_spelling(case):
    name, disguised, line = case
    try:
        check_text(AGREEMENT.format(line=line.format(disguised)), "fuzz.ziel")
    except ZielError as err:
        hints = " ".join(d.hint or "" for d in err.diagnostics)
    else:
        raise AssertionError(f"»{disguised}« was taken for »{name}«")
    for char in sorted({c for c in disguised if not c.isascii()}):
        assert unicode_name(char) in hints, (disguised, hints)
    assert f"Meinten Sie »{name}«?" in hints, hints


# ------------------------------------------------------------------ huge numbers

digits = st.integers(1, 6000).map(lambda n: "9" * n)


@st.composite
def huge_csv_values(draw):
    """The Leer data with some values replaced by numbers of up to 6.000 digits, with or without decimals."""
    rows = list(LEER_ROWS)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(1, len(rows) - 1))
        cells = rows[index].split(";")
        number = draw(digits)
        form = draw(st.sampled_from(["{}", "{},5", "-{}", "{}.000", "1,{}", "0,{}"]))
        cells[4] = form.format(number)
        rows[index] = ";".join(cells)
    return "\n".join(rows) + "\n"


@fuzz(6)
@given(huge_csv_values())
def test_huge_numbers_in_data_end_in_a_result_or_a_message(tmp_path_factory, csv_text):
    path = tmp_path_factory.mktemp("zahlen") / "daten.csv"
    path.write_text(csv_text, encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(LEER), "--daten", str(path), "--json"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 1:
        assert re.search(r"fehler ZD\d{3}", result.stderr), result.stderr


@st.composite
def huge_agreement_numbers(draw):
    number = draw(digits)
    line = draw(st.sampled_from([
        "K2 steigt um {} %", "K3 sinkt um {},5 %", "anzahl integrationen mindestens {}", "K2 steigt um 0,{} %",
        "K2 erreicht {} %", "K2 steigt um {} prozentpunkte",
    ]))
    year = draw(st.sampled_from(["2026", number[:5000], "2" + number[:30]]))
    return AGREEMENT.replace("2026", year).format(line=line.format(number))


@fuzz(10)
@given(huge_agreement_numbers())
def test_huge_numbers_in_an_agreement_end_in_a_result_or_a_message(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("zahlen") / "t.ziel"
    path.write_text(text, encoding="utf-8")
    for command in (["check", str(path)], ["evaluate", str(path), "--daten", str(REPO / "vereinbarungen" /
                                                                                   "leer-2026.daten.csv")]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code in (0, 1), (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


# ------------------------------------------------------------------ hostile templates

BOMBS = [
    "{% for i in range(N) %}{% for j in range(N) %}x{% endfor %}{% endfor %}",
    "{{ lipsum(n=N) }}", "{{ 'a' | center(N) }}", "{{ N ** N ** N }}", "{{ 'x' * N }}", "{{ [0] * N }}",
    "{{ range(N) | list | length }}", "{{ 'ab' | wordwrap(N) }}", "{{ 'ab' | indent(N) }}",
    "{{ range(N) | batch(N) | list | length }}", "{{ '%*d' | format(N, 1) }}", "{{ '{:>N}'.format(1) }}",
    "{{ [1, 2] | map(attribute='nope') | list }}", "{{ d.nope }}", "{{ [d.nope] }}", "{{ ''.__class__ }}",
    "{{ d.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}", "{% set x = 'y' * N %}{{ x | length }}",
    "{{ d | tojson }}", "{{ d.a | number }}", "{{ d.a | percent }}", "{% macro m(k) %}{{ m(k) }}{% endmacro %}{{ m(1) }}",
    "{{ (d.items() | list)[0] }}", "{{ 'x' | truncate(N) }}", "{{ d.a / 0 }}", "{{ d.a // 0 }}",
    "{% for k in d %}{{ k }}{% endfor %}", "{{ self }}", "{{ namespace(a=N).a }}", "{{ 'x' | replace('x', 'xx' * N) }}",
]


@st.composite
def hostile_templates(draw):
    parts = draw(st.lists(st.sampled_from(BOMBS), min_size=1, max_size=3))
    sizes = st.sampled_from(["3", "100", "100000", "10000000", "400000000", "1e8", "-1", "99999999999999999999"])
    return "\n".join(part.replace("N", draw(sizes)) for part in parts) + "\n"


@fuzz(25)
@given(hostile_templates())
def test_a_hostile_template_ends_in_text_or_a_template_message(tmp_path_factory, source):
    """Within the time and size limits, never Python's own error, never "Undefined" in the output."""
    folder = tmp_path_factory.mktemp("vorlagen")
    (folder / "t.md.j2").write_text(source, encoding="utf-8")
    with mock.patch.object(sandbox, "MAX_RENDER_SECONDS", 2):
        try:
            text = sandbox.render_template(sandbox.make_environment(folder), "t.md.j2", {"d": {"a": 5}})
        except ZielError as err:
            assert all(d.code.startswith(("ZD5", "ZD6")) for d in err.diagnostics), err.diagnostics
            return
    assert "Undefined" not in text
    assert len(text.encode("utf-8")) <= sandbox.MAX_OUTPUT_BYTES
