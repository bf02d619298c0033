"""The value store: every loaded indicator value, kept lean and vintage-aware.

A national data set holds about half a million values, so the store keeps plain
tuples in flat dicts and builds `Observation` objects, spans and Decimals only
when asked. Filled by the CSV reader (`zieldsl.inputs.csv_reader`) or
programmatically with `ObservationStore.add`.
"""

from __future__ import annotations

import datetime
from array import array
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Iterable, Iterator

from zieldsl.diagnostics import Diagnostic, Span, ZielError, sorted_diagnostics
from zieldsl.months import Month

__all__ = ["Observation", "ObservationStore", "GROUPS", "GROUP_ALIASES", "choose", "conflict_diagnostic", "earliest",
           "entry_value", "entry_vintage"]

GROUPS = ("gesamt", "frauen", "maenner")
GROUP_ALIASES = {"gesamt": "gesamt", "frauen": "frauen", "maenner": "maenner", "männer": "maenner"}

# (vintage, value, file index, line, column): one plain tuple per stored value. The value is
# an int when the file held a plain integer (28 bytes instead of a Decimal's 104) and becomes
# a Decimal when read. A month maps to its single entry, or to a tuple of entries when it has
# several vintages; an entry never starts with a tuple, which tells the two apart.
_Entry = tuple


def _vintage_key(entry: _Entry) -> tuple[bool, datetime.date]:
    """Unversioned values sort first, then by vintage."""
    return (entry[0] is not None, entry[0] or datetime.date.min)


@dataclass(frozen=True)
class Observation:
    """One value of one series for one agency, group and month, as read from a file."""

    agency: str
    series: str
    group: str
    month: Month
    value: Decimal
    data_vintage: datetime.date | None
    span: Span


class ObservationStore:
    """All loaded values: (agency, series, group) → month index → entry (or entries by vintage).

    Columnar, because a national data set holds about half a million values: every entry
    lives in parallel arrays (`_Columns`, about 40 bytes per value with the month index,
    docs/leistung.md), each agency/series/group keeps the first position of each month
    (`_Months`), the vintages of one month are linked oldest first. Entries come back as
    plain tuples; `Observation` objects, spans and Decimals are only built when asked for.
    """

    def __init__(self) -> None:
        self._columns = _Columns()
        self._data: dict[tuple[str, str, str], _Months] = {}  # key → first position of each month
        self._index: dict[str, dict[str, list[str]]] = {}  # agency → series → groups
        self._month_objects: dict[int, Month] = {}
        self.files: list[str] = []
        self._count = 0
        # Values the data mark as missing (`x`, `-`, `.`): (agency, series, group) → month → (marker, span).
        self.missing_marks: dict[tuple[str, str, str], dict[Month, tuple[str, Span]]] = {}
        # Warnings of the loader (a repaired agency code, …): (agency, diagnostic).
        self.warnings: list[tuple[str, Diagnostic]] = []

    def mark_missing(self, agency: str, series: str, group: str, month: Month, marker: str, span: Span) -> None:
        """Record that the data say "no value" for this month (the value stays absent)."""
        self.missing_marks.setdefault((agency, series, group), {}).setdefault(month, (marker, span))

    def missing_mark(self, agency: str, series: str, group: str, month: Month) -> tuple[str, Span] | None:
        """The marker and position, when the data marked this value as missing."""
        return self.missing_marks.get((agency, series, group), {}).get(month)

    # -- filling ---------------------------------------------------------------
    def add(
        self,
        agency: str,
        series: str,
        group: str,
        month: Month | str,
        value: Decimal | int | str,
        data_vintage: datetime.date | None = None,
        span: Span | None = None,
    ) -> None:
        """Add one value programmatically (tests, other loaders); a conflicting duplicate raises ZD309.

        `value` is a Decimal, an int or a str in Python's Decimal syntax ("5.8"); floats
        are refused because they are not exact.
        """
        if isinstance(value, float):
            raise TypeError("Gleitkommazahlen sind nicht exakt; Decimal, int oder str verwenden")
        month = Month.parse(month) if isinstance(month, str) else month
        group = GROUP_ALIASES.get(group.lower(), group)
        span = span or Span("<programm>", 1, 1)
        entry = (data_vintage, Decimal(value), self._file_index(span.file), span.line, span.column)
        clash = self._insert((agency, series, group), _month_index(month), entry)
        if clash is not None:
            raise ZielError([conflict_diagnostic(self, clash, entry, None)])

    def merge(self, other: "ObservationStore") -> None:
        """Add all values of `other`; conflicting duplicates raise ZD309 and leave `self` unchanged."""
        offset = len(self.files)
        moved = [(key, index, entry[:2] + (entry[2] + offset,) + entry[3:])
                 for key, index, entry in other._entries()]
        conflicts = []
        for key, index, entry in moved:
            clash = _find_clash(self._chain(key, index), entry)
            if clash is not None:
                conflicts.append(conflict_diagnostic(_FileView(self.files + other.files), clash, entry, None))
        if conflicts:
            raise ZielError(sorted_diagnostics(conflicts))
        self.files.extend(other.files)
        for key, index, entry in moved:
            self._insert(key, index, entry)
        for key, months in other.missing_marks.items():
            for month, mark in months.items():
                self.mark_missing(*key, month, *mark)
        self.warnings.extend(other.warnings)

    def packed(self) -> tuple:
        """This store as a few arrays and lists (quick to send to another process), for `join`."""
        if self.missing_marks or self.warnings:
            raise ValueError("a store with marks or warnings is not packed")
        columns = self._columns
        keys = list(self._data)
        bases = array("q", [months.base for months in self._data.values()])
        lengths = array("q", [len(months.heads) for months in self._data.values()])
        heads = array("i")
        for months in self._data.values():
            heads.extend(months.heads)
        unlinked = max(columns.following, default=-1) < 0  # one vintage a month: every link is -1
        one_file = not any(columns.file)
        return (list(self.files), self._count, keys, bases, lengths, heads, columns.vintage, columns.value,
                columns.exponent, None if one_file else columns.file, columns.line, columns.column,
                None if unlinked else columns.following, list(columns.vintage_list), dict(columns.other))

    def join(self, packed: tuple) -> bool:
        """Append a store (`packed`) read from the lines that follow this store's lines in the same file
        (`zieldsl.inputs.csv_split`), as one reader reading on would have stored it: its values after
        these (positions shifted), its vintages numbered on, a series it continues extended.

        False, with nothing changed, when that is not plain appending: another file, marks or
        warnings here, or a series continued with a month this store has or precedes.
        """
        (files, count, keys, bases, lengths, heads, vintage, value, exponent, file, line, column, following,
         vintage_list, other) = packed
        if files != self.files or self.missing_marks or self.warnings:
            return False
        data = self._data
        for key, base in zip(keys, bases):
            mine = data.get(key)
            if mine is not None and base < mine.base + len(mine.heads):
                return False
        columns = self._columns
        offset = len(columns.value)
        ids = [columns.vintage_id(item) for item in vintage_list]
        columns.vintage.extend(vintage if ids == list(range(len(ids))) else array("I", map(ids.__getitem__, vintage)))
        columns.value.extend(value)
        columns.exponent.extend(exponent)
        columns.file.extend(file if file is not None else array("I", [0]) * len(value))
        columns.line.extend(line)
        columns.column.extend(column)
        if following is None:
            columns.following.extend(array("i", [-1]) * len(value))
        else:
            columns.following.extend(array("i", [p + offset if p >= 0 else -1 for p in following]))
        columns.other.update({position + offset: item for position, item in other.items()})
        shifted = array("i", [p + offset if p >= 0 else -1 for p in heads])
        start = 0
        for key, base, length in zip(keys, bases, lengths):
            part = shifted[start:start + length]
            start += length
            mine = data.get(key)
            if mine is None:
                self._new_series(key, base).heads = part
            else:
                mine.heads.extend(array("i", [-1]) * (base - mine.base - len(mine.heads)))
                mine.heads.extend(part)
        self._count += count
        return True

    def _file_index(self, name: str) -> int:
        if name in self.files:
            return self.files.index(name)
        self.files.append(name)
        return len(self.files) - 1

    def appender(self, file_index: int) -> "_Appender":
        """A helper for loaders whose rows come series by series, month after month (`_Appender`)."""
        return _Appender(self, file_index)

    def _insert(self, key: tuple[str, str, str], index: int, entry: _Entry) -> _Entry | None:
        """Store `entry`; return the earlier entry it contradicts, if any (then nothing is stored)."""
        months = self._data.get(key)
        if months is None:
            months = self._new_series(key, index)
        columns = self._columns
        heads = months.heads
        offset = index - months.base
        if offset == len(heads):  # the next month of a series, as files usually come: append
            heads.append(columns.append(entry))
            self._count += 1
            return None
        head = heads[offset] if 0 <= offset < len(heads) else -1
        if head < 0:
            months.set(index, columns.append(entry))
            self._count += 1
            return None
        positions = columns.chain(head)
        existing = [columns.entry(p) for p in positions]
        clash = _find_clash(existing, entry)
        if clash is not None:
            return clash
        if any(e[0] == entry[0] for e in existing):
            return None  # same vintage, same value: an accepted repetition
        positions.append(columns.append(entry))
        existing.append(entry)
        ordered = [p for _e, p in sorted(zip(existing, positions), key=lambda pair: _vintage_key(pair[0]))]
        months.set(index, columns.link(ordered))
        self._count += 1
        return None

    def _new_series(self, key: tuple[str, str, str], index: int) -> "_Months":
        months = self._data[key] = _Months(index)
        agency, series, group = key
        self._index.setdefault(agency, {}).setdefault(series, []).append(group)
        return months

    # -- reading ---------------------------------------------------------------
    def value(
        self,
        agency: str,
        series: str,
        group: str,
        month: Month,
        vintage_at_most: datetime.date | None = None,
    ) -> Observation | None:
        """The value with the latest vintage not after `vintage_at_most` (None: no limit).

        An unversioned value (no `ladestand`) always qualifies but loses to any
        qualifying versioned one.
        """
        group = GROUP_ALIASES.get(group.lower(), group)
        for entry in reversed(self._entries_at(agency, series, group, month)):
            vintage = entry[0]
            if vintage_at_most is None or vintage is None or vintage <= vintage_at_most:
                return self._observation((agency, series, group), month, entry)
        return None

    def entries(self, agency: str, series: str, group: str) -> dict[int, tuple]:
        """The stored entries of one series and group, by month index (`year * 12 + month - 1`).

        Pick an entry with `choose` or `earliest`, and build an `Observation` (`observation_of`)
        or a source (`source_of`) only when one is shown; the evaluator's own path is `select`.
        """
        months = self._data.get((agency, series, GROUP_ALIASES.get(group.lower(), group)))
        if months is None:
            return _NO_ENTRIES
        columns, out = self._columns, {}
        following, entry = columns.following, columns.entry
        for index, head in months.items():
            if following[head] < 0:  # one vintage, the common case
                out[index] = entry(head)
            else:
                out[index] = tuple(entry(p) for p in columns.chain(head))
        return out

    def select(self, agency: str, series: str, group: str, indices: Iterable[int],
               vintage_at_most: datetime.date | None, earliest_instead: bool = False) -> tuple[list[int], list[int]] | None:
        """The positions of the entries `choose(…, vintage_at_most)` picks at each month index (-1: none).

        The evaluator's fast path: it keeps positions, and builds entry tuples (`entry_at`) or reads
        values (`values_at`) from them. With `earliest_instead`, a month that has values but none old
        enough takes its earliest one (`earliest`); the offsets of those months in `indices` come
        second. None when the store has nothing of this series and group.
        """
        months = self._data.get((agency, series, GROUP_ALIASES.get(group.lower(), group)))
        if months is None:
            return None
        columns = self._columns
        heads, base = months.heads, months.base
        count = len(heads)
        following, vintage_ids, vintages = columns.following, columns.vintage, columns.vintage_list
        positions: list[int] = []
        substituted: list[int] = []
        for offset, index in enumerate(indices):
            at = index - base
            head = heads[at] if 0 <= at < count else -1
            if head >= 0:
                if following[head] < 0:  # one vintage, the common case
                    vintage = vintages[vintage_ids[head]]
                    if vintage_at_most is None or vintage is None or vintage <= vintage_at_most:
                        positions.append(head)
                        continue
                else:
                    chain = columns.chain(head)
                    for position in reversed(chain):
                        vintage = vintages[vintage_ids[position]]
                        if vintage_at_most is None or vintage is None or vintage <= vintage_at_most:
                            positions.append(position)
                            break
                    else:
                        head = -1 if not earliest_instead else chain[0]
                        if head >= 0:
                            substituted.append(offset)
                        positions.append(head)
                    continue
                if earliest_instead:
                    substituted.append(offset)
                    positions.append(head)
                    continue
            positions.append(-1)
        return positions, substituted

    def entry_at(self, position: int) -> _Entry:
        """The entry at a position `select` gave."""
        return self._columns.entry(position)

    def values_at(self, positions: Iterable[int]) -> list[int | Decimal]:
        """The stored numbers at positions `select` gave (as `entry_value` of their entries)."""
        return list(map(self._columns.value_at, positions))

    def observation_of(self, agency: str, series: str, group: str, month: Month, entry: _Entry) -> Observation:
        """The `Observation` of an entry returned by `choose` or `earliest`."""
        return self._observation((agency, series, group), month, entry)

    def source_of(self, entry: _Entry) -> tuple[str, int, int]:
        """(file, line, column) of an entry."""
        return self.files[entry[2]], entry[3], entry[4]

    def history(self, agency: str, series: str, group: str, month: Month) -> list[Observation]:
        """Every vintage of one value, oldest first (unversioned first)."""
        group = GROUP_ALIASES.get(group.lower(), group)
        entries = self._entries_at(agency, series, group, month)
        return [self._observation((agency, series, group), month, e) for e in entries]

    def vintages_of_month(self, agency: str, series: str, group: str, month: Month) -> list[datetime.date | None]:
        """The `ladestand` of every stored vintage of one value, oldest first (`history` without the values)."""
        months = self._data.get((agency, series, GROUP_ALIASES.get(group.lower(), group)))
        head = months.get(_month_index(month)) if months is not None else -1
        if head < 0:
            return []
        columns = self._columns
        vintage_ids, vintages = columns.vintage, columns.vintage_list
        return [vintages[vintage_ids[p]] for p in columns.chain(head)]

    def numbers_at(self, positions: Iterable[int]) -> list[int | Fraction]:
        """The numbers at positions `select` gave, exactly: an int as it is, a decimal as a rational
        (`Fraction(entry_value(entry))`, built from the stored coefficient without a Decimal)."""
        columns = self._columns
        exponents, coefficients, other = columns.exponent, columns.value, columns.other
        out: list[int | Fraction] = []
        for position in positions:
            exponent = exponents[position]
            if exponent == _INT:
                out.append(coefficients[position])
            elif exponent == _OTHER:
                value = other[position]
                out.append(value if type(value) is int else Fraction(value))
            elif exponent < 0:
                out.append(Fraction(coefficients[position], 10 ** -exponent))
            else:
                out.append(Fraction(coefficients[position] * 10 ** exponent))
        return out

    def month_vintages(self, agency: str, names: "set[str] | frozenset[str]", month: Month) -> set[datetime.date | None]:
        """The `ladestand` of every stored value of `agency` in `month`, over the series `names` and all groups."""
        index = _month_index(month)
        columns = self._columns
        vintage_ids, vintages = columns.vintage, columns.vintage_list
        found: set[datetime.date | None] = set()
        for series, groups in self._index.get(agency, {}).items():
            if series in names:
                for group in groups:
                    head = self._data[(agency, series, group)].get(index)
                    if head >= 0:
                        found.update(vintages[vintage_ids[p]] for p in columns.chain(head))
        return found

    def agencies(self) -> list[str]:
        return sorted(self._index)

    def has_agency(self, agency: str) -> bool:
        """Whether any value of `agency` is stored (`agency in agencies()` without sorting them all)."""
        return agency in self._index

    def series(self, agency: str) -> set[str]:
        return set(self._index.get(agency, {}))

    def groups(self, agency: str, series: str) -> set[str]:
        return set(self._index.get(agency, {}).get(series, ()))

    def has(self, agency: str, series: str, group: str | None = None) -> bool:
        """Whether values of `series` (for `group`, if given) are stored for `agency`, without building sets."""
        groups = self._index.get(agency, {}).get(series)
        return groups is not None and (group is None or group in groups)

    def months(self, agency: str, series: str | None = None, group: str | None = None) -> list[Month]:
        """Months with any value for the agency, optionally narrowed to one series and group."""
        found: set[int] = set()
        for key in self._keys(agency, series, group):
            found.update(index for index, _head in self._data[key].items())
        return [self._month(index) for index in sorted(found)]

    def latest_month(self, agency: str, year: int | None = None) -> Month | None:
        """The last month the agency has data for (within `year`, if given)."""
        months = [m for m in self.months(agency) if year is None or m.year == year]
        return months[-1] if months else None

    def latest_vintage(self, agency: str | None = None, at_most: datetime.date | None = None) -> datetime.date | None:
        """The newest `ladestand` (of one agency, not after `at_most`); None if there is none."""
        vintages = [v for v in self._vintages(agency) if at_most is None or v <= at_most]
        return max(vintages) if vintages else None

    def vintages(self, agency: str | None = None) -> list[datetime.date]:
        """All distinct `ladestand` dates (of one agency), oldest first."""
        return sorted(self._vintages(agency))

    def observations(self) -> Iterator[Observation]:
        """All stored values in a stable order (agency, series, group, month, vintage)."""
        for key, index, entry in self._entries(sort=True):
            yield self._observation(key, self._month(index), entry)

    def __iter__(self) -> Iterator[Observation]:
        return self.observations()

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"ObservationStore({self._count} Werte, {len(self._index)} Träger, Dateien={self.files!r})"

    # -- internals -------------------------------------------------------------
    def _entries_at(self, agency: str, series: str, group: str, month: Month) -> tuple[_Entry, ...]:
        return self._chain((agency, series, group), _month_index(month))

    def _chain(self, key: tuple[str, str, str], index: int) -> tuple[_Entry, ...]:
        """Every entry of one month, in vintage order."""
        months = self._data.get(key)
        head = months.get(index) if months is not None else -1
        if head < 0:
            return ()
        columns = self._columns
        return tuple(columns.entry(p) for p in columns.chain(head))

    def _keys(self, agency: str, series: str | None, group: str | None) -> Iterator[tuple[str, str, str]]:
        group = GROUP_ALIASES.get(group.lower(), group) if group is not None else None
        for series_name, groups in self._index.get(agency, {}).items():
            if series is None or series_name == series:
                for group_name in groups:
                    if group is None or group_name == group:
                        yield agency, series_name, group_name

    def _vintages(self, agency: str | None) -> set[datetime.date]:
        columns = self._columns
        if agency is None:
            return set(columns.vintage_list[1:])
        ids: set[int] = set()
        for key in self._keys(agency, None, None):
            for _index, head in self._data[key].items():
                ids.update(columns.vintage[p] for p in columns.chain(head))
        return {columns.vintage_list[i] for i in ids if i}

    def _entries(self, sort: bool = False) -> Iterator[tuple[tuple[str, str, str], int, _Entry]]:
        columns = self._columns
        for key in sorted(self._data) if sort else self._data:
            for index, head in self._data[key].items():  # months ascending
                for position in columns.chain(head):
                    yield key, index, columns.entry(position)

    def _month(self, index: int) -> Month:
        month = self._month_objects.get(index)
        if month is None:
            month = self._month_objects[index] = Month(index // 12, index % 12 + 1)
        return month

    def _observation(self, key: tuple[str, str, str], month: Month, entry: _Entry) -> Observation:
        vintage, value, file_index, line, column = entry
        span = Span(self.files[file_index], line, column)
        return Observation(*key, month, Decimal(value), vintage, span)


_INT, _OTHER = 127, -128  # exponent codes: a plain int in `value`; a value kept in `other`
_LIMIT = 2**63


class _Appender:
    """Appends the rows of one data file, which lists series month after month, in bulk.

    `open` starts a run of months of one series (a new series, or the month after its last):
    that month and the ones after it go to the pending lists `vintages`, `values`, `exponents`,
    `lines` and `columns` (a value as coefficient, at least 0 and below 2**63, and exponent,
    `PLAIN` for a plain int; see `_Columns`), added by the loader with no look-up and no call.
    `flush` writes them to the columns at once; the run stays open. Anything else goes through
    `insert`, which flushes, ends the run and stores the entry the ordinary way
    (`ObservationStore._insert`); so must every other change to the store (`end`, then `flush`).
    """

    __slots__ = ("store", "file_index", "months", "first", "vintages", "values", "exponents", "lines", "columns")
    PLAIN = _INT

    def __init__(self, store: ObservationStore, file_index: int) -> None:
        self.store = store
        self.file_index = file_index
        self.months: _Months | None = None  # the series of the open run
        self.first = 0  # the position of the run's first month not yet in `months.heads`
        self.vintages: list[datetime.date | None] = []
        self.values: list[int] = []
        self.exponents: list[int] = []
        self.lines: list[int] = []
        self.columns: list[int] = []

    def open(self, key: tuple[str, str, str], index: int) -> bool:
        """Start a run at month `index` of `key` if the series is new or `index` is its next month."""
        self.end()
        store = self.store
        months = store._data.get(key)
        if months is None:
            months = store._new_series(key, index)
        elif index - months.base != len(months.heads):
            return False
        self.months, self.first = months, len(store._columns.value) + len(self.values)
        return True

    def end(self) -> None:
        """End the open run: its months' positions go to the series."""
        if self.months is not None:
            after = len(self.store._columns.value) + len(self.values)
            self.months.heads.frombytes(_positions(self.first, after))
            self.months = None

    def insert(self, key: tuple[str, str, str], index: int, entry: _Entry) -> _Entry | None:
        """Store `entry` the ordinary way (`ObservationStore._insert`); the entry it contradicts, or None."""
        self.end()
        self.flush()
        return self.store._insert(key, index, entry)

    def flush(self) -> None:
        """Write the pending months to the columns."""
        count = len(self.values)
        if not count:
            return
        store = self.store
        columns = store._columns
        if self.months is not None:
            after = len(columns.value) + count
            self.months.heads.frombytes(_positions(self.first, after))
            self.first = after
        ids = columns.vintage_ids
        vintage_ids = list(map(ids.get, self.vintages))
        if None in vintage_ids:  # a vintage not seen before: numbered in order of appearance
            vintage_ids = [columns.vintage_id(vintage) for vintage in self.vintages]
        columns.vintage.fromlist(vintage_ids)
        columns.value.frombytes(array("Q", self.values).tobytes())  # as array("q") for 0 ≤ value < 2**63, faster
        columns.exponent.fromlist(self.exponents)
        columns.file.extend(array("I", [self.file_index]) * count)
        columns.line.fromlist(self.lines)
        columns.column.fromlist(self.columns)
        columns.following.extend(array("i", [-1]) * count)
        store._count += count
        for pending in (self.vintages, self.values, self.exponents, self.lines, self.columns):
            pending.clear()


def _positions(start: int, stop: int) -> bytes:
    """Positions start … stop - 1 as the bytes of an array("i") (an unsigned array is filled faster)."""
    return array("I", range(start, stop)).tobytes()


_NO_ENTRIES: dict[int, tuple] = {}


class _Columns:
    """Every stored entry, in parallel arrays (about 27 bytes per value instead of a tuple's ~180).

    An entry is (vintage, value, file index, line, column), rebuilt as a tuple when read.
    Values are kept exactly: a plain int as itself, a Decimal as coefficient and exponent
    (`Decimal(coefficient).scaleb(exponent)` gives it back digit for digit), anything larger
    or special in `other`. `following` links the vintages of one month, oldest first.
    """

    __slots__ = ("vintage", "value", "exponent", "file", "line", "column", "following", "vintage_list",
                 "vintage_ids", "other")

    def __init__(self) -> None:
        self.vintage = array("I")
        self.value = array("q")
        self.exponent = array("b")
        self.file = array("I")
        self.line = array("I")
        self.column = array("I")
        self.following = array("i")
        self.vintage_list: list[datetime.date | None] = [None]
        self.vintage_ids: dict[datetime.date | None, int] = {None: 0}
        self.other: dict[int, int | Decimal] = {}

    def append(self, entry: _Entry) -> int:
        vintage, value, file_index, line, column = entry
        position = len(self.value)
        vintage_id = self.vintage_ids.get(vintage)
        if vintage_id is None:
            vintage_id = self.vintage_id(vintage)
        if type(value) is int and -_LIMIT < value < _LIMIT:
            coefficient, exponent = value, _INT
        else:
            coefficient, exponent = _encode(value)
            if exponent == _OTHER:
                self.other[position] = value
        self.vintage.append(vintage_id)
        self.value.append(coefficient)
        self.exponent.append(exponent)
        self.file.append(file_index)
        self.line.append(line)
        self.column.append(column)
        self.following.append(-1)
        return position

    def vintage_id(self, vintage: datetime.date | None) -> int:
        """The number of a vintage in `vintage_list`; a new one is added at the end."""
        vintage_id = self.vintage_ids.get(vintage)
        if vintage_id is None:
            vintage_id = self.vintage_ids[vintage] = len(self.vintage_list)
            self.vintage_list.append(vintage)
        return vintage_id

    def entry(self, position: int) -> _Entry:
        return (self.vintage_list[self.vintage[position]], self.value_at(position), self.file[position],
                self.line[position], self.column[position])

    def value_at(self, position: int) -> int | Decimal:
        """The value as it was read: a plain int, a Decimal digit for digit, or what `other` keeps."""
        exponent = self.exponent[position]
        if exponent == _INT:
            return self.value[position]
        if exponent == _OTHER:
            return self.other[position]
        return Decimal(self.value[position]).scaleb(exponent)

    def chain(self, head: int) -> list[int]:
        positions = [head]
        following = self.following[head]
        while following >= 0:
            positions.append(following)
            following = self.following[following]
        return positions

    def link(self, positions: list[int]) -> int:
        """Chain `positions` in this order; returns the first."""
        for current, following in zip(positions, positions[1:]):
            self.following[current] = following
        self.following[positions[-1]] = -1
        return positions[0]


def _encode(value: int | Decimal) -> tuple[int, int]:
    """(coefficient, exponent) for the columns, or (0, _OTHER) when the value must be kept as it is."""
    if type(value) is int:
        return (value, _INT) if -_LIMIT < value < _LIMIT else (0, _OTHER)
    if isinstance(value, Decimal) and value.is_finite() and not (value.is_zero() and value.is_signed()):
        sign, digits, exponent = value.as_tuple()
        if -128 < exponent < 127 and len(digits) <= 18:
            coefficient = int("".join(map(str, digits)))
            return (-coefficient if sign else coefficient), exponent
    return 0, _OTHER


class _Months:
    """The first position of each month of one series, by month index (a small array from `base`)."""

    __slots__ = ("base", "heads")

    def __init__(self, index: int) -> None:
        self.base = index
        self.heads = array("i")

    def get(self, index: int) -> int:
        offset = index - self.base
        return self.heads[offset] if 0 <= offset < len(self.heads) else -1

    def set(self, index: int, position: int) -> None:
        offset = index - self.base
        if offset < 0:
            self.heads[0:0] = array("i", [-1]) * -offset
            self.base, offset = index, 0
        elif offset >= len(self.heads):
            self.heads.extend(array("i", [-1]) * (offset - len(self.heads) + 1))
        self.heads[offset] = position

    def items(self) -> Iterator[tuple[int, int]]:
        """(month index, first position) of every month with a value, ascending."""
        base = self.base
        return ((base + offset, head) for offset, head in enumerate(self.heads) if head >= 0)


def choose(stored, vintage_at_most: datetime.date | None) -> _Entry | None:
    """The entry with the latest vintage not after `vintage_at_most` (as `ObservationStore.value`)."""
    if stored is None:
        return None
    if type(stored[0]) is not tuple:
        vintage = stored[0]
        if vintage_at_most is None or vintage is None or vintage <= vintage_at_most:
            return stored
        return None
    for entry in reversed(stored):
        vintage = entry[0]
        if vintage_at_most is None or vintage is None or vintage <= vintage_at_most:
            return entry
    return None


def earliest(stored) -> _Entry | None:
    """The first entry in vintage order (unversioned first), as `ObservationStore.history(…)[0]`."""
    if not stored:
        return None
    return stored[0] if type(stored[0]) is tuple else stored


def entry_value(entry: _Entry) -> int | Decimal:
    """The stored number: an int for plain integers, else a Decimal."""
    return entry[1]


def entry_vintage(entry: _Entry) -> datetime.date | None:
    return entry[0]


def _month_index(month: Month) -> int:
    return month.year * 12 + month.month - 1


@dataclass
class _FileView:
    """Just the file list, so conflict messages can be built before a merge happens."""

    files: list[str]


def _find_clash(existing: Iterable[_Entry], entry: _Entry) -> _Entry | None:
    for old in existing:
        if old[0] == entry[0] and old[1] != entry[1]:
            return old
    return None


def conflict_diagnostic(store, first: _Entry, second: _Entry, source_line: str | None) -> Diagnostic:
    """ZD309 at the second occurrence, naming where the first one was."""
    first_file, second_file = store.files[first[2]], store.files[second[2]]
    where = f"Zeile {first[3]}" if first_file == second_file else f"{first_file}, Zeile {first[3]}"
    vintage = f", Ladestand {first[0].isoformat()}" if first[0] else ""
    return Diagnostic(
        "ZD309",
        f"Doppelte Zeile mit anderem Wert: hier {_german(second[1])}, in {where} schon {_german(first[1])}"
        f" (gleicher Träger, Reihe, Gruppe, Monat{vintage})",
        Span(second_file, second[3], second[4]),
        "Jeder Wert darf je Träger, Reihe, Gruppe, Monat und Ladestand nur einmal vorkommen; "
        "verschiedene Stände mit der Spalte »ladestand« unterscheiden.",
        source_line=source_line,
    )


def _german(value: Decimal | int) -> str:
    return format(Decimal(value), "f").replace(".", ",")

