"""A large CSV file read in parts by worker processes (`zieldsl.inputs.csv_split`) gives exactly
what one reader gives: the same stored values at the same positions, the same marks, warnings
and errors. Any part with something to report makes the file be read once more by one reader."""

from __future__ import annotations

import os
from concurrent.futures import Future

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import fuzz
from test_csv_fast_path import INDICATORS, KINDS, SERIES, _outcome, messy_csv
from zieldsl.inputs import csv_reader, csv_split
from zieldsl.inputs.csv_reader import load_data
from zieldsl.inputs.store import ObservationStore


class _HerePool:
    """A stand-in for the worker pool that runs each part at once in this process."""

    def submit(self, function, *args):
        future = Future()
        future.set_result(function(*args))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


def _columns(store: ObservationStore) -> tuple:
    """The store as stored: every column, every series' month positions, the index, the vintages."""
    c = store._columns
    return (store.files, len(store), [(key, m.base, m.heads.tolist()) for key, m in store._data.items()],
            {agency: {series: list(groups) for series, groups in by.items()} for agency, by in store._index.items()},
            [list(a) for a in (c.vintage, c.value, c.exponent, c.file, c.line, c.column, c.following)],
            c.vintage_list, c.other)


@fuzz(200)
@given(data=messy_csv(), parts=st.integers(2, 4))
def test_parts_joined_are_what_one_reader_stores_and_reports(tmp_path_factory, monkeypatch, data, parts):
    _assert_split_reads_as_one(tmp_path_factory, monkeypatch, data, parts)


@st.composite
def clean_csv(draw) -> bytes:
    """A loadable file: series month after month, some months again under a later vintage, gaps,
    a series taken up again further down, decimals, comments, blank lines, CRLF, a BOM."""
    vintage = draw(st.booleans())
    rows = ["traeger;reihe;gruppe;monat;wert" + (";ladestand" if vintage else "")]
    for _ in range(draw(st.integers(1, 12))):
        agency = draw(st.sampled_from(["03457", "12345"]))
        series = draw(st.sampled_from(SERIES))
        group = draw(st.sampled_from(["gesamt", "frauen", "maenner"]))
        month = draw(st.integers(0, 30))
        for _ in range(draw(st.integers(1, 14))):
            month += draw(st.sampled_from([1] * 10 + [2, 5]))
            if series == "llu":
                value = f"{month * 13 % 1000},{month % 100:02d}"
            else:
                value = str(month * 7 % 97)
            stand = draw(st.sampled_from(["2026-01-05", "2026-02-05", ""])) if vintage else None
            if stand:  # a later vintage of the same month may carry another value
                value = value if stand == "2026-01-05" else str(int(value.replace(",", "")) + 1)
            row = f"{agency};{series};{group};{2024 + month // 12}-{month % 12 + 1:02d};{value}"
            rows.append(row + (f";{stand}" if vintage else ""))
            if draw(st.integers(0, 15)) == 0:
                rows.append(draw(st.sampled_from(["", "# Zwischenzeile", "   "])))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    text = ending.join(rows) + draw(st.sampled_from([ending, ""]))
    return (draw(st.sampled_from(["", "\ufeff"])) + text).encode("utf-8")


@fuzz(200)
@given(data=clean_csv(), parts=st.integers(2, 5))
def test_parts_of_a_clean_file_are_joined_into_the_store_one_reader_builds(tmp_path_factory, monkeypatch, data,
                                                                         parts):
    _assert_split_reads_as_one(tmp_path_factory, monkeypatch, data, parts)


def _assert_split_reads_as_one(tmp_path_factory, monkeypatch, data: bytes, parts: int) -> None:
    """Loading `data` in `parts` parts (run here, one after the other) gives what one reader gives."""
    path = tmp_path_factory.mktemp("csv") / "daten.csv"
    path.write_bytes(data)
    one = _outcome(path)
    one_store = _store_or_none(path)
    with monkeypatch.context() as patch:
        patch.setattr(csv_split, "SPLIT_BYTES", 1)
        patch.setattr(csv_split, "worker_count", lambda items, at_least: parts)
        patch.setattr(csv_split, "worker_pool", lambda count: _HerePool())
        split = _outcome(path)
        split_store = _store_or_none(path)
    assert split == one
    assert (split_store is None) == (one_store is None)
    if one_store is not None:
        assert _columns(split_store) == _columns(one_store)


def _store_or_none(path):
    try:
        return load_data([path], SERIES, INDICATORS, kinds=KINDS)
    except Exception:  # noqa: BLE001 - the errors themselves are compared by `_outcome`
        return None


def test_plan_cuts_after_line_ends_and_counts_the_lines_before_each_part(tmp_path):
    lines = [b"traeger;reihe;gruppe;monat;wert\r\n"] + [b"03457;elb;gesamt;2026-%02d;%d\r\n" % (m % 12 + 1, m)
                                                        for m in range(1000)]
    path = tmp_path / "d.csv"
    path.write_bytes(b"".join(lines))
    header, parts = csv_split._plan(path, path.stat().st_size, 3)
    assert header == lines[0] and len(parts) == 3
    data = path.read_bytes()
    for start, end, before in parts:
        assert data[start - 1:start] == b"\n"
        assert data[len(header):start].count(b"\n") == before
    assert parts[-1][1] == len(data)


@pytest.mark.parametrize("text", [b"a;b\rc;d\n" * 10, b"traeger;reihe\n03457;elb\r" * 3,
                                  b"\n# Quelle\ntraeger;reihe;gruppe;monat;wert\n", b"x" * 100])
def test_a_lone_carriage_return_or_a_late_header_is_left_to_one_reader(tmp_path, text):
    path = tmp_path / "d.csv"
    path.write_bytes(text)
    assert csv_split._plan(path, len(text), 2) is None


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores for worker processes")
def test_a_large_file_is_read_by_worker_processes_into_the_same_store(tmp_path, monkeypatch):
    rows = ["traeger;reihe;gruppe;monat;wert;ladestand"]
    for agency in range(120):
        for series in SERIES:
            for group in ("gesamt", "frauen", "maenner"):
                for month in range(25):
                    value = f"{(agency * 7 + month) % 900},{month % 10}" if series == "llu" else str(agency + month)
                    rows.append(f"{agency:05d};{series};{group};{2025 + month // 12}-{month % 12 + 1:02d};{value};"
                                f"2026-{month % 12 + 1:02d}-05")
    path = tmp_path / "gross.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.delenv("ZIELDSL_PROZESSE", raising=False)
    monkeypatch.setattr(csv_split, "SPLIT_BYTES", 1 << 16)
    joined = []
    real_join = ObservationStore.join
    monkeypatch.setattr(ObservationStore, "join", lambda self, packed: joined.append(1) or real_join(self, packed))
    split = load_data([path], SERIES, INDICATORS, kinds=KINDS)
    assert joined, "the file was not read in parts"
    monkeypatch.setenv("ZIELDSL_PROZESSE", "1")
    one = load_data([path], SERIES, INDICATORS, kinds=KINDS)
    assert _columns(split) == _columns(one)
    assert len(one) == 120 * len(SERIES) * 3 * 25
