"""The CSV reader's fast path against its checking path, on generated messy files.

The fast path (`_RowCheck.rows` over whole blocks of plain lines, `_Text`) must store every
value with the same line, column, value and vintage, and report the same diagnostics in the
same order, as the checking path that reads line by line and checks every field. Blocks are
made small so that their boundaries fall everywhere: inside CRLF pairs' neighbourhood, inside
overlong lines, right after the header.
"""

from __future__ import annotations

import zlib

from hypothesis import example, given
from hypothesis import strategies as st

from fuzzing import fuzz
from zieldsl.diagnostics import ZielError
from zieldsl.inputs import csv_reader
from zieldsl.inputs.csv_reader import _skipped, load_data

SERIES = ["elb", "lzb", "integrationen", "llu"]
INDICATORS = ["K2_12monate", "K3_veraenderung"]
KINDS = {"elb": "bestand", "lzb": "bestand", "integrationen": "anzahl", "llu": "betrag"}
REFUSED = {"K2": "Die veröffentlichte Kennzahl heißt K2_12monate."}
EXPECTED = ["03457", "12345"]

COLUMNS = ["traeger", "reihe", "gruppe", "monat", "wert", "ladestand"]
# Field texts that load (a code missing its leading zero loads with a warning), and ones that do not.
AGENCIES = ["03457"] * 4 + ["12345"] * 3 + ["3457", " 03457"]
BAD_AGENCIES = ["", "#1", "X-9", "Köln"]
SERIES_TEXTS = ["elb", "elb", "lzb", "integrationen", "integrationen", "llu", "llu", "K3_veraenderung", "ELB",
                " lzb"]
BAD_SERIES_TEXTS = ["K2", "elbx", ""]
GROUPS = ["gesamt", "gesamt", "frauen", "Maenner", "männer", " frauen"]
BAD_GROUPS = ["xyz", ""]
VINTAGES = ["", "", "2026-01-05", "2026-02-05", "05.02.2026", " 2026-01-05"]
BAD_VINTAGES = ["2026-13-01", "gestern"]
VALUES = ["5", "17", "0", "4711", "12{mark}5", "0{mark}50", "123456789012345", "00012", "x", "fehlt"]
BAD_VALUES = ["1234567890123456", "1.234,5", "-3", "", "?", " 7", "7 ", "3,", ",5", "9" * 30, "５", "1e3"]
BAD_MONTHS = ["2026", "2026-13", "26-01", " 2026-01"]
JUNK_LINES = ["", "   ", "# Kommentar", "\t# eingerückt", " \x0b", "#"]
BAD_JUNK_LINES = ["\x1c", "  ;  ", "\ufeff03457"]
# a NUL byte, a byte that is not UTF-8 (kept as a surrogate until written), a quote left open
BROKEN_LINES = ["03457;elb;gesamt;2026-01;" + chr(0) + ";", chr(0xDCFF) + ";elb", '"03457;elb']


@st.composite
def messy_csv(draw) -> bytes:
    """A data file mostly of series month after month; half of them with every kind of trouble
    mixed in, the others loadable (so that the stored values are compared, not only messages)."""
    messy = draw(st.integers(0, 2)) == 0
    pick = lambda good, bad: draw(st.sampled_from(bad if messy and draw(st.integers(0, 3)) == 0 else good))
    delimiter = draw(st.sampled_from([";", ";", ","]))
    mark = "," if delimiter == ";" else "."
    columns = COLUMNS if draw(st.booleans()) else COLUMNS[:5]
    order = draw(st.permutations(columns))
    parts = [delimiter.join(order)]
    # Several series over the same few months, as real files have them: after the first series
    # the months are known, so the next ones take the fast path.
    base, window = draw(st.integers(2024 * 12, 2026 * 12)), draw(st.integers(1, 12))
    run = None
    for _ in range(draw(st.integers(0, 60))):
        kind = pick(["next"] * 12 + ["new", "junk", "quoted", "again"],
                    ["quoted", "width", "bytes", "long", "hidden"])
        if kind == "junk":
            parts.append(pick(JUNK_LINES, BAD_JUNK_LINES))
            continue
        if kind == "bytes":
            parts.append(draw(st.sampled_from(BROKEN_LINES)))
            continue
        if kind == "long":
            parts.append("03457;elb;gesamt;2026-01;" + "9" * draw(st.integers(10, 60)))
            continue
        if run is None or kind == "new" or (kind == "next" and run["month"] >= base + window - 1):
            run = {"traeger": pick(AGENCIES, BAD_AGENCIES), "reihe": pick(SERIES_TEXTS, BAD_SERIES_TEXTS),
                   "gruppe": pick(GROUPS, BAD_GROUPS), "ladestand": pick(VINTAGES, BAD_VINTAGES),
                   "month": base + draw(st.sampled_from([0, 0, 0, 1, window]))}
        elif kind == "next":
            run["month"] += draw(st.sampled_from([1] * 16 + [2, 0, -1, -13]))
        month = run["month"]
        # a value depends on its series and month, so that a month given twice repeats it (unless messy)
        value = VALUES[zlib.crc32(f"{run['traeger'].strip().zfill(5)} {run['reihe'].strip().lower()} {month}".encode())
                       % len(VALUES)].format(mark=mark)
        if mark in value and run["reihe"].strip().lower() not in ("llu", "k3_veraenderung"):
            value = "5"  # counts and stocks take whole numbers
        bad_values = BAD_VALUES + [other.format(mark=mark) for other in VALUES]
        fields = dict(run, monat=f"{month // 12}-{month % 12 + 1:02d}", wert=pick([value], bad_values))
        fields["monat"] = pick([fields["monat"]], BAD_MONTHS)
        texts = [fields[name] for name in order]
        if kind == "again" and len(parts) > 1:  # the line before once more
            parts.append(parts[-1])
            continue
        if kind == "hidden":  # `#03457` is an agency in quotes; at the start of a line it begins a comment
            texts[order.index("traeger")] = '"#03457"'
            parts.append(delimiter.join(texts))
            texts[order.index("traeger")] = "#03457"
        if kind == "quoted":
            index = draw(st.integers(0, len(texts) - 1))
            texts[index] = pick([f'"{texts[index]}"'], [f'"{texts[index]}', '"a""b"', f'"{texts[index]}"x'])
        line = delimiter.join(texts)
        if kind == "width":
            line = draw(st.sampled_from([line + delimiter, line.rpartition(delimiter)[0], line + delimiter + "1"]))
        parts.append(line)
    endings = [pick(["\n", "\n", "\r\n"], ["\r"]) for _ in parts]
    text = "".join(part + ending for part, ending in zip(parts, endings))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    prefix = draw(st.sampled_from(["", "", "\ufeff", "\n", "# Quelle\r\n"]))
    return (prefix + text).encode("utf-8", "surrogateescape")


def _outcome(path) -> tuple:
    """Everything a load shows: every stored entry with its position, marks and warnings; or the errors."""
    try:
        store = load_data([path], SERIES, INDICATORS, kinds=KINDS, refused=REFUSED, expected_agencies=EXPECTED)
    except ZielError as error:
        return "fehler", [(d.code, d.message, d.span, d.hint, d.source_line) for d in error.diagnostics]
    entries = {(agency, series, group): store.entries(agency, series, group)
               for agency in store.agencies() for series in sorted(store.series(agency))
               for group in sorted(store.groups(agency, series))}
    typed = {key: {month: repr(stored) for month, stored in months.items()} for key, months in entries.items()}
    return ("werte", typed, [(o.agency, o.series, o.group, o.month, o.value, o.data_vintage, o.span)
                             for o in store.observations()],
            store.missing_marks, [(owner, d.render()) for owner, d in store.warnings], len(store))


def _checking_rows(self, lines: list[str], number: int) -> bool:
    """The reference: every record of every line through the checking path."""
    for line in lines:
        if not _skipped(line):
            self.quoted(line.split(self.delimiter), number, line)
            if self.errors.full:
                return False
        number += 1
    return True


@fuzz(300)
@given(data=messy_csv(), block=st.sampled_from([1, 2, 5, 16, 40, 97, 1 << 20]),
       limits=st.sampled_from([(64, 200, 4_000_000), (64, 3, 4_000_000), (48, 200, 9), (200, 5, 20)]))
@example(data='traeger;reihe;gruppe;monat;wert\n"#03457";elb;gesamt;2026-01;5\n#03457;elb;gesamt;2026-01;6\n'
          .encode(), block=40, limits=(64, 200, 4_000_000))  # a comment that looks like a known record
def test_fast_path_stores_and_reports_exactly_as_the_checking_path(tmp_path_factory, monkeypatch, data, block,
                                                                   limits):
    path = tmp_path_factory.mktemp("csv") / "daten.csv"
    path.write_bytes(data)
    line_chars, errors, values = limits
    with monkeypatch.context() as patch:
        patch.setattr(csv_reader, "MAX_LINE_CHARS", line_chars)
        patch.setattr(csv_reader, "MAX_ERRORS", errors)
        patch.setattr(csv_reader, "MAX_VALUES", values)
        patch.setattr(csv_reader, "_BLOCK_CHARS", block)
        fast = _outcome(path)
        patch.setattr(csv_reader, "_plain_lines", lambda block: None)
        patch.setattr(csv_reader._RowCheck, "rows", _checking_rows)
        checking = _outcome(path)
    assert fast == checking
