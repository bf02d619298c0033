"""Loading indicator CSV files: number styles, vintages, and precise German diagnostics."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zieldsl.inputs import csv_reader
from zieldsl.inputs.csv_reader import MAX_ERRORS, load_data, load_indicator_csv
from zieldsl.inputs.numbers import parse_number
from zieldsl.inputs.store import ObservationStore
from zieldsl.diagnostics import Diagnostic, Span, ZielError
from zieldsl.months import Month

SERIES = ["integrationen", "elb", "lzb", "llu", "luh"]
INDICATORS = ["K1", "K2", "K3"]
JAN, FEB = Month(2026, 1), Month(2026, 2)


def write(tmp_path: Path, text: str | bytes, name: str = "daten.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def load(path: Path, **options) -> ObservationStore:
    return load_indicator_csv(path, SERIES, INDICATORS, **options)


def problems(path: Path, **options) -> list[Diagnostic]:
    with pytest.raises(ZielError) as caught:
        load(path, **options)
    return caught.value.diagnostics


def only_problem(tmp_path: Path, text: str | bytes) -> Diagnostic:
    found = problems(write(tmp_path, text))
    assert len(found) == 1, [d.render() for d in found]
    return found[0]


def value(store: ObservationStore, *key, **options) -> Decimal | None:
    observation = store.value(*key, **options)
    return None if observation is None else observation.value


# -- good files -----------------------------------------------------------------
def test_semicolon_file_with_german_numbers(tmp_path):
    path = write(tmp_path, (
        "traeger;reihe;gruppe;monat;wert\n"
        "03457;elb;gesamt;2026-01;9.327.771\n"
        "03457;llu;gesamt;2026-01;1.234,5\n"
        "03457;lzb;gesamt;2026-01;1.234\n"
        "03457;K2;frauen;2026-01;5,8\n"
        "03457;K3;gesamt;2026-01;-1,55\n"
        "03457;luh;gesamt;2026-01;1234.5\n"
    ))
    store = load(path)
    assert value(store, "03457", "elb", "gesamt", JAN) == Decimal("9327771")
    assert value(store, "03457", "llu", "gesamt", JAN) == Decimal("1234.5")
    assert value(store, "03457", "lzb", "gesamt", JAN) == Decimal("1234")
    assert value(store, "03457", "K2", "frauen", JAN) == Decimal("5.8")
    assert value(store, "03457", "K3", "gesamt", JAN) == Decimal("-1.55")
    assert value(store, "03457", "luh", "gesamt", JAN) == Decimal("1234.5")
    assert all(isinstance(o.value, Decimal) for o in store)
    assert len(store) == 6


def test_comma_file_with_english_numbers_and_quoted_decimal_comma(tmp_path):
    path = write(tmp_path, (
        "traeger,reihe,gruppe,monat,wert\n"
        "03457,K2,gesamt,2026-01,\"5,8\"\n"
        "03457,llu,gesamt,2026-01,1234.5\n"
        "03457,lzb,gesamt,2026-01,1.234\n"
        "03457,elb,gesamt,2026-01,\"1,234\"\n"
        "03457,luh,gesamt,2026-01,\"9.327.771\"\n"
    ))
    store = load(path)
    assert value(store, "03457", "K2", "gesamt", JAN) == Decimal("5.8")
    assert value(store, "03457", "llu", "gesamt", JAN) == Decimal("1234.5")
    assert value(store, "03457", "lzb", "gesamt", JAN) == Decimal("1.234")
    assert value(store, "03457", "elb", "gesamt", JAN) == Decimal("1234")
    assert value(store, "03457", "luh", "gesamt", JAN) == Decimal("9327771")


def test_bom_umlaut_header_any_order_and_case(tmp_path):
    text = "\ufeffWert;Monat;Gruppe;Reihe;Träger;LADESTAND\r\n12;2026-01;gesamt;ELB;03457;2026-02-05\r\n"
    store = load(write(tmp_path, text))
    observation = store.value("03457", "elb", "gesamt", JAN)
    assert observation.value == 12
    assert observation.data_vintage == datetime.date(2026, 2, 5)
    assert observation.span == Span(str(tmp_path / "daten.csv"), 2, 1)


def test_maenner_spellings_are_normalised_and_leading_zeros_kept(tmp_path):
    path = write(tmp_path, (
        "traeger;reihe;gruppe;monat;wert\n"
        "03457;K2;männer;2026-01;4,4\n"
        "03457;K2;Männer;2026-02;4,5\n"
        "00001;K2;Frauen;2026-01;7,3\n"
    ))
    store = load(path)
    assert store.agencies() == ["00001", "03457"]
    assert store.groups("03457", "K2") == {"maenner"}
    assert value(store, "03457", "K2", "maenner", FEB) == Decimal("4.5")
    assert value(store, "03457", "K2", "männer", JAN) == Decimal("4.4")
    assert value(store, "00001", "K2", "frauen", JAN) == Decimal("7.3")


def test_value_picks_latest_vintage_not_after_the_limit(tmp_path):
    path = write(tmp_path, (
        "traeger;reihe;gruppe;monat;wert;ladestand\n"
        "03457;elb;gesamt;2026-01;100;2026-03-05\n"
        "03457;elb;gesamt;2026-01;90;\n"
        "03457;elb;gesamt;2026-01;95;2026-02-05\n"
        "03457;lzb;gesamt;2026-01;7;2026-02-05\n"
    ))
    store = load(path)
    key = ("03457", "elb", "gesamt", JAN)
    assert value(store, *key) == 100
    assert value(store, *key, vintage_at_most=datetime.date(2026, 3, 4)) == 95
    assert value(store, *key, vintage_at_most=datetime.date(2026, 2, 5)) == 95
    assert value(store, *key, vintage_at_most=datetime.date(2026, 1, 1)) == 90
    assert value(store, "03457", "lzb", "gesamt", JAN, vintage_at_most=datetime.date(2026, 1, 1)) is None
    assert [o.data_vintage for o in store.history(*key)] == [None, datetime.date(2026, 2, 5), datetime.date(2026, 3, 5)]
    assert store.latest_vintage() == datetime.date(2026, 3, 5)
    assert store.vintages() == [datetime.date(2026, 2, 5), datetime.date(2026, 3, 5)]
    assert store.vintages("03402") == [] and store.latest_vintage("03457", at_most=datetime.date(2026, 3, 1)) == \
        datetime.date(2026, 2, 5)
    assert len(store) == 4


def test_queries_over_agencies_series_and_months(tmp_path):
    path = write(tmp_path, (
        "traeger;reihe;gruppe;monat;wert\n"
        "03457;elb;gesamt;2025-12;1\n"
        "03457;elb;frauen;2026-02;1\n"
        "03457;K2;gesamt;2026-01;1\n"
        "03402;elb;gesamt;2025-11;1\n"
    ))
    store = load(path)
    assert store.agencies() == ["03402", "03457"]
    assert store.series("03457") == {"elb", "K2"}
    assert store.months("03457") == [Month(2025, 12), JAN, FEB]
    assert store.months("03457", "elb", "frauen") == [FEB]
    assert store.latest_month("03457") == FEB
    assert store.latest_month("03457", year=2025) == Month(2025, 12)
    assert store.latest_month("99999") is None
    assert store.latest_vintage("03457") is None
    assert store.files == [str(path)]


def test_same_value_repeated_is_accepted_comments_and_blank_lines_skipped(tmp_path):
    path = write(tmp_path, (
        "# Beispieldaten, keine amtlichen Angaben\n"
        "\n"
        "traeger;reihe;gruppe;monat;wert\n"
        "03457;elb;gesamt;2026-01;1.234\n"
        "   \n"
        "# noch ein Kommentar\n"
        "03457;elb;gesamt;2026-01;1234\n"
    ))
    store = load(path)
    assert len(store) == 1
    assert store.value("03457", "elb", "gesamt", JAN).span.line == 4


def test_observation_span_points_at_the_value_field(tmp_path):
    path = write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;K2;gesamt;2026-01;  5,8\n")
    assert load(path).value("03457", "K2", "gesamt", JAN).span == Span(str(path), 2, 27)
    quoted = write(tmp_path, 'traeger,reihe,gruppe,monat,wert\n"03457",K2,gesamt,2026-01,"5,8"\n', "q.csv")
    assert load(quoted).value("03457", "K2", "gesamt", JAN).span == Span(str(quoted), 2, 27)


def test_display_name_is_used_in_spans(tmp_path):
    path = write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;K2;gesamt;2026-01;?\n")
    with pytest.raises(ZielError) as caught:
        load(path, display_name="daten/leer.csv")
    assert str(caught.value.diagnostics[0].span) == "daten/leer.csv:2:25"


def test_indicator_values_may_be_negative_raw_series_not(tmp_path):
    path = write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;K3;gesamt;2026-01;-2,3\n")
    assert value(load(path), "03457", "K3", "gesamt", JAN) == Decimal("-2.3")
    saldo = write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;luh;gesamt;2026-01;-5\n", "s.csv")
    store = load(saldo, non_negative={"elb"})
    assert value(store, "03457", "luh", "gesamt", JAN) == -5


def test_load_data_reads_directories_and_merges_files(tmp_path):
    folder = tmp_path / "daten"
    folder.mkdir()
    write(folder, "traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-01;10\n", "b.csv")
    write(folder, "traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-01;10\n", "a.CSV")
    write(folder, "nicht: csv\n", "notiz.txt")
    extra = write(tmp_path, "traeger,reihe,gruppe,monat,wert\n03457,lzb,gesamt,2026-01,3\n", "extra.csv")
    store = load_data([folder, extra], SERIES, INDICATORS)
    assert [Path(f).name for f in store.files] == ["a.CSV", "b.csv", "extra.csv"]
    assert len(store) == 2


def test_load_data_reports_conflicts_across_files_and_all_file_errors(tmp_path):
    first = write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-01;10\n", "a.csv")
    second = write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-01;11\n", "b.csv")
    broken = write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-13;1\n", "c.csv")
    with pytest.raises(ZielError) as caught:
        load_data([first, second, broken, tmp_path / "fehlt.csv"], SERIES, INDICATORS)
    assert caught.value.codes == ["ZD300", "ZD309", "ZD305"]
    conflict = caught.value.diagnostics[1]
    assert (conflict.span.file, conflict.span.line, conflict.span.column) == (str(second), 2, 26)
    assert f"in {first}, Zeile 2 schon 10" in conflict.message


def test_merge_combines_stores_and_refuses_conflicts(tmp_path):
    a = load(write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-01;10\n", "a.csv"))
    b = load(write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-02;12\n", "b.csv"))
    c = load(write(tmp_path, "traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-02;13\n", "c.csv"))
    a.merge(b)
    assert len(a) == 2 and a.files == [str(tmp_path / "a.csv"), str(tmp_path / "b.csv")]
    with pytest.raises(ZielError) as caught:
        a.merge(c)
    assert caught.value.codes == ["ZD309"]
    assert caught.value.diagnostics[0].span.file == str(tmp_path / "c.csv")
    assert len(a) == 2 and value(a, "03457", "elb", "gesamt", FEB) == 12


def test_programmatic_add():
    store = ObservationStore()
    store.add("03457", "elb", "Männer", "2026-01", "5.8")
    store.add("03457", "elb", "maenner", JAN, Decimal("5.80"))
    assert value(store, "03457", "elb", "maenner", JAN) == Decimal("5.8")
    with pytest.raises(ZielError):
        store.add("03457", "elb", "maenner", JAN, 6)
    with pytest.raises(TypeError):
        store.add("03457", "elb", "maenner", FEB, 5.8)


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("5,8", ",", "5.8"), ("1.234", ",", "1234"), ("1.234,5", ",", "1234.5"), ("9.327.771", ",", "9327771"),
        ("1234.5", ",", "1234.5"), ("5.8", ",", "5.8"), ("0.250", ",", "0.250"), ("1,234", ",", "1.234"),
        ("1,234.5", ",", "1234.5"), ("-1,55", ",", "-1.55"), ("+3", ",", "3"), ("-0", ",", "0"),
        ("1.234", ".", "1.234"), ("1,234", ".", "1234"), ("5,8", ".", "5.8"), ("9,327,771", ".", "9327771"),
        ("9.327.771", ".", "9327771"), ("1.234,5", ".", "1234.5"), ("\u22122.3", ".", "-2.3"),
    ],
)
def test_number_rules(text, mark, expected):
    result = parse_number(text, mark)
    assert result == Decimal(expected) and str(result) == expected


@pytest.mark.parametrize(
    "text", ["", "abc", "5,8 %", "1e5", "1 234", "1,2,3", "12.34.5", "1.23,4", ",5", "5.", "--1", "NaN", "1.2.3,4,5"]
)
def test_number_rules_reject(text):
    with pytest.raises(ValueError):
        parse_number(text, ",")


# -- broken files: exact code, position and message ---------------------------
HEADER = "traeger;reihe;gruppe;monat;wert;ladestand\n"


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "fragment"),
    [
        ("", "ZD301", 1, 1, "Datei ist leer"),
        ("traeger;reihe;gruppe;monat\n", "ZD301", 1, 1, "Pflichtspalte »wert« fehlt"),
        ("traeger\tgruppe\n", "ZD301", 1, 1, "ohne Trennzeichen"),
        (HEADER + "03457;elb;gesamt;2026-01;1;;7\n", "ZD302", 2, 29, "Zeile hat 7 Felder, erwartet werden 6"),
        (HEADER + "03457;elb;gesamt;2026-01\n", "ZD302", 2, 25, "Zeile hat 4 Felder"),
        ("traeger,reihe,gruppe,monat,wert\n03457,K2,gesamt,2026-01,5,8\n", "ZD302", 2, 27, "6 Felder"),
        (HEADER + "03457;elbb;gesamt;2026-01;1;\n", "ZD303", 2, 7, "Unbekannte Reihe »elbb«"),
        (HEADER + "03457;elb;divers;2026-01;1;\n", "ZD304", 2, 11, "Unbekannte Gruppe »divers«"),
        (HEADER + "03457;elb;gesamt;2026-13;1;\n", "ZD305", 2, 18, "Ungültiger Monat »2026-13«"),
        (HEADER + "03457;elb;gesamt;01/2026;1;\n", "ZD305", 2, 18, "Ungültiger Monat"),
        (HEADER + "03457;K2;gesamt;2026-01;5,8 %;\n", "ZD306", 2, 25, "»5,8 %« ist keine gültige Zahl"),
        (HEADER + "03457;K2;gesamt;2026-01;k. A.;\n", "ZD306", 2, 25, "keine gültige Zahl"),
        (HEADER + "03457;K2;gesamt;2026-01; ;\n", "ZD306", 2, 26, "Wert fehlt"),
        (HEADER + "03457;elb;gesamt;2026-01;-3;\n", "ZD307", 2, 26, "Negativer Wert -3 für die Reihe »elb«"),
        (HEADER + "03457;elb;gesamt;2026-01;3;05.02.2026\n", "ZD308", 2, 28, "Ungültiger Ladestand »05.02.2026«"),
        (HEADER + "03457;elb;gesamt;2026-01;3;2026-02-30\n", "ZD308", 2, 28, "Ungültiger Ladestand"),
        (HEADER + "03457;elb;gesamt;2026-01;3;\n03457;elb;gesamt;2026-01;4;\n", "ZD309", 3, 26,
         "hier 4, in Zeile 2 schon 3"),
        (HEADER + " ;elb;gesamt;2026-01;3;\n", "ZD310", 2, 2, "Träger fehlt"),
        (HEADER + "03457;\"elb;gesamt;2026-01;3;\n", "ZD314", 2, 7, "nicht geschlossen"),
        (HEADER + "03457;\"elb\"x;gesamt;2026-01;3;\n", "ZD314", 2, 12, "muss »;« folgen"),
        ("traeger;reihe;gruppe;monat;wert;stand\n", "ZD313", 1, 33, "Unbekannte Spalte »stand«"),
        ("traeger;reihe;reihe;gruppe;monat;wert\n", "ZD313", 1, 15, "Spalte »reihe« kommt doppelt vor"),
    ],
)
def test_broken_csv(tmp_path, text, code, line, column, fragment):
    problem = only_problem(tmp_path, text)
    assert (problem.code, problem.span.line, problem.span.column) == (code, line, column), problem.render()
    assert fragment in problem.message
    assert problem.hint
    if text:
        assert problem.source_line == text.splitlines()[line - 1]


def test_hints_name_the_likely_fix(tmp_path):
    assert only_problem(tmp_path, HEADER + "03457;elbb;gesamt;2026-01;1;\n").hint == "Meinten Sie »elb«?"
    assert only_problem(tmp_path, "traeger;reihe;gruppe;monat;wert;ladestnd\n").hint == "Meinten Sie »ladestand«?"
    assert "2026-02-05" in only_problem(tmp_path, HEADER + "03457;elb;gesamt;2026-01;3;05.02.2026\n").hint
    comma = only_problem(tmp_path, "traeger,reihe,gruppe,monat,wert\n03457,K2,gesamt,2026-01,5,8\n")
    assert "Anführungszeichen" in comma.hint
    missing = problems(write(tmp_path, "traeger;wert\n"))
    expected = [f"Pflichtspalte »{column}« fehlt in der Kopfzeile" for column in ("reihe", "gruppe", "monat")]
    assert [d.message for d in missing] == expected
    assert "traeger;reihe;gruppe;monat;wert" in missing[0].hint


def test_missing_file(tmp_path):
    found = problems(tmp_path / "fehlt.csv")
    assert [d.code for d in found] == ["ZD300"]
    assert "nicht gefunden" in found[0].message and found[0].span is None


def test_directory_given_as_file(tmp_path):
    found = problems(tmp_path)
    assert [d.code for d in found] == ["ZD300"] and "ist ein Verzeichnis" in found[0].message


def test_latin1_file_is_reported_once_with_position(tmp_path):
    text = (HEADER + "03457;elb;Männer;2026-01;3;\n03457;elb;Männer;2026-02;3;\n").encode("latin-1")
    problem = only_problem(tmp_path, text)
    assert (problem.code, problem.span.line, problem.span.column) == ("ZD311", 2, 12)
    assert problem.message == "Datei ist nicht UTF-8-kodiert"


def test_nul_bytes_and_utf16_are_encoding_errors(tmp_path):
    nul = only_problem(tmp_path, (HEADER + "03457;elb;gesamt;2026-01;3\x00;\n").encode())
    assert (nul.code, nul.span.line, nul.span.column) == ("ZD311", 2, 27)
    utf16 = only_problem(tmp_path, HEADER.encode("utf-16"))
    assert (utf16.code, utf16.span.line) == ("ZD311", 1)


def test_all_problems_of_a_file_are_reported_in_order(tmp_path):
    text = HEADER + "03457;elbb;gesamt;2026-13;?;\n03457;elb;gesamt;2026-01;1;\n;elb;alle;2026-01;1;2026-1-1\n"
    found = problems(write(tmp_path, text))
    assert [(d.code, d.span.line, d.span.column) for d in found] == [
        ("ZD303", 2, 7), ("ZD305", 2, 19), ("ZD306", 2, 27), ("ZD310", 4, 1), ("ZD304", 4, 6), ("ZD308", 4, 21),
    ]


def test_error_flood_is_cut_off(tmp_path):
    text = HEADER + "03457;elb;gesamt;2026-01;?;\n" * (MAX_ERRORS + 50)
    found = problems(write(tmp_path, text))
    assert len(found) == MAX_ERRORS + 1
    assert found[-1].code == "ZD312" and "weitere Fehler ausgelassen" in found[-1].message


def test_error_limit_reached_at_an_overlong_line_ends_reading_there(tmp_path, monkeypatch):
    """The line after the error limit is not checked (its problems could not be reported)."""
    monkeypatch.setattr(csv_reader, "MAX_ERRORS", 3)
    text = HEADER + ("03457;elb;gesamt;2026-01;" + "9" * 70_000 + ";\n") * 4 + "03457;elb;gesamt;2026-13;5;\n"
    found = problems(write(tmp_path, text))
    assert [(p.code, p.span.line) for p in found] == [("ZD314", 2), ("ZD314", 3), ("ZD314", 4), ("ZD312", 5)]


def test_rendered_diagnostic_underlines_the_field(tmp_path):
    problem = only_problem(tmp_path, HEADER + "03457;K2;gesamt;2026-01;5,8 %;\n")
    rendered = problem.render().splitlines()
    assert rendered[0].endswith("daten.csv:2:25: fehler ZD306: »5,8 %« ist keine gültige Zahl")
    assert rendered[2] == "   |                         ^^^^^"


# -- robustness: only ZielError escapes, always with a position -----------------
VALID = (
    "traeger;reihe;gruppe;monat;wert;ladestand\n"
    "03457;elb;gesamt;2026-01;1.234;2026-02-05\n"
    "03457;K2;männer;2026-01;\"5,8\";\n"
).encode()


def check_robust(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        load(path)
    except ZielError as error:
        assert error.diagnostics
        line_count = data.count(b"\n") + data.count(b"\r") + 1
        for diagnostic in error.diagnostics:
            assert diagnostic.span is not None and diagnostic.code.startswith("ZD3")
            assert 1 <= diagnostic.span.line <= line_count and diagnostic.span.column >= 1
            diagnostic.render()


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, kind, chunk in edits:
        position %= len(out) + 1
        if kind == 0:
            out[position:position] = chunk
        elif kind == 1:
            del out[position:position + len(chunk)]
        else:
            out[position:position + len(chunk)] = chunk
    return bytes(out)


robust = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
NASTY = st.binary(max_size=4) | st.sampled_from([b";", b",", b'"', b"\n", b"\r", b"\x00", b"\xff", b"\xc3", b"-", b"."])


@robust
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(tmp_path, data):
    check_robust(tmp_path / "zufall.csv", data)


@robust
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 2), NASTY), max_size=6))
def test_mutated_csv_never_crashes(tmp_path, edits):
    check_robust(tmp_path / "mutiert.csv", mutate(VALID, edits))
