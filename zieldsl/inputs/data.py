"""Indicator data: CSV files of monthly values, loaded into a lean, vintage-aware store.

The CSV contract (design.md § 4): UTF-8 (a BOM is fine), `;` or `,` separated, a
case-insensitive header with the columns `traeger`, `reihe`, `gruppe`, `monat`,
`wert` and the optional `ladestand`, in any order. Every problem of every file is
reported at once, with file, line and column, in German (codes ZD300–ZD314).

Number rules (the field `wert`), chosen so that no value is read two ways:

* The file's *decimal mark* follows its separator: `,` in `;` files (German
  Excel), `.` in `,` files. With `,` as separator a decimal comma only survives
  when the field is quoted (`"5,8"`); the csv module handles the quotes.
* A number with both `.` and `,` uses the one that comes last as decimal mark
  and the other as thousands separator (`1.234,5`, `1,234.5`).
* A number with one kind of separator occurring several times must be
  thousands grouping (`9.327.771`).
* A number with a single separator: the file's decimal mark is always a decimal
  mark. The other character is a thousands separator only when it splits
  1–3 leading digits (not starting with 0) from exactly 3 digits, otherwise a
  decimal mark. So `1.234` is 1234 in a `;` file and 1.234 in a `,` file;
  `5.8`, `1234.5` and `0.250` are decimals everywhere.
* An optional leading `-` or `+`; no exponents, units, spaces or `%`.

Lines that are empty or start with `#` (between records) are skipped.
"""

from __future__ import annotations

import csv
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, Sequence

from zieldsl.diagnostics import Diagnostic, Span, ZielError, did_you_mean, sorted_diagnostics
from zieldsl.months import Month

__all__ = [
    "Observation",
    "ObservationStore",
    "GROUPS",
    "REQUIRED_COLUMNS",
    "load_indicator_csv",
    "load_data",
    "parse_number",
]

GROUPS = ("gesamt", "frauen", "maenner")
_MISSING = object()
_GROUP_ALIASES = {"gesamt": "gesamt", "frauen": "frauen", "maenner": "maenner", "männer": "maenner"}
_GROUP_FAST = {**_GROUP_ALIASES, **{k.capitalize(): v for k, v in _GROUP_ALIASES.items()}}
REQUIRED_COLUMNS = ("traeger", "reihe", "gruppe", "monat", "wert")
_OPTIONAL_COLUMNS = ("ladestand",)
_COLUMN_ALIASES = {"träger": "traeger"}
_EXPECTED_HEADER = "traeger;reihe;gruppe;monat;wert;ladestand"

MAX_ERRORS = 200
# Values kept in memory over all files (about 190 bytes each, docs/leistung.md): a national
# data set has about 580.000; past this limit loading stops with ZD603 instead of exhausting memory.
MAX_VALUES = 4_000_000
_SKIP_STARTS = frozenset("#\r\n \t\f\v")
MAX_LINE_CHARS = 64 * 1024

_MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_GERMAN_DATE_RE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_NUMBER_BODY_RE = re.compile(r"[0-9](?:[0-9.,]*[0-9])?")
_SIMPLE_DECIMAL = {mark: re.compile(r"[0-9]+" + re.escape(mark) + r"[0-9]+") for mark in ".,"}
_GROUPED = {sep: re.compile(r"[1-9][0-9]{0,2}(?:" + re.escape(sep) + r"[0-9]{3})+") for sep in ".,"}

# (vintage, value, file index, line, column): one plain tuple per stored value. The value is
# an int when the file held a plain integer (28 bytes instead of a Decimal's 104) and becomes
# a Decimal when read. A month maps to its single entry, or to a tuple of entries when it has
# several vintages; an entry never starts with a tuple, which tells the two apart.
_Entry = tuple


def _entries_of(stored) -> tuple:
    if not stored:
        return ()
    return stored if type(stored[0]) is tuple else (stored,)


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

    Kept deliberately plain because a national data set holds about half a million
    values: one flat dict per agency/series/group keyed by an int month index
    (`year * 12 + month - 1`, hashed in C), entries as tuples, interned dates;
    `Observation` objects, spans and Decimals of integer counts are only built
    when asked for.
    """

    def __init__(self) -> None:
        self._data: dict[tuple[str, str, str], dict[int, tuple]] = {}
        self._index: dict[str, dict[str, list[str]]] = {}  # agency → series → groups
        self._month_objects: dict[int, Month] = {}
        self.files: list[str] = []
        self._count = 0

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
        group = _GROUP_ALIASES.get(group.lower(), group)
        span = span or Span("<programm>", 1, 1)
        entry = (data_vintage, Decimal(value), self._file_index(span.file), span.line, span.column)
        clash = self._insert((agency, series, group), _month_index(month), entry)
        if clash is not None:
            raise ZielError([_conflict_diagnostic(self, clash, entry, None)])

    def merge(self, other: "ObservationStore") -> None:
        """Add all values of `other`; conflicting duplicates raise ZD309 and leave `self` unchanged."""
        offset = len(self.files)
        moved = [(key, index, entry[:2] + (entry[2] + offset,) + entry[3:])
                 for key, index, entry in other._entries()]
        conflicts = []
        for key, index, entry in moved:
            clash = _find_clash(_entries_of(self._data.get(key, {}).get(index)), entry)
            if clash is not None:
                conflicts.append(_conflict_diagnostic(_FileView(self.files + other.files), clash, entry, None))
        if conflicts:
            raise ZielError(sorted_diagnostics(conflicts))
        self.files.extend(other.files)
        for key, index, entry in moved:
            self._insert(key, index, entry)

    def _file_index(self, name: str) -> int:
        if name in self.files:
            return self.files.index(name)
        self.files.append(name)
        return len(self.files) - 1

    def _insert(self, key: tuple[str, str, str], index: int, entry: _Entry) -> _Entry | None:
        """Store `entry`; return the earlier entry it contradicts, if any (then nothing is stored)."""
        months = self._data.get(key)
        if months is None:
            months = self._data[key] = {}
            agency, series, group = key
            self._index.setdefault(agency, {}).setdefault(series, []).append(group)
        stored = months.get(index)
        if stored is None:
            months[index] = entry
            self._count += 1
            return None
        existing = _entries_of(stored)
        clash = _find_clash(existing, entry)
        if clash is not None:
            return clash
        if any(e[0] == entry[0] for e in existing):
            return None  # same vintage, same value: an accepted repetition
        months[index] = tuple(sorted(existing + (entry,), key=_vintage_key))
        self._count += 1
        return None

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
        group = _GROUP_ALIASES.get(group.lower(), group)
        for entry in reversed(self._entries_at(agency, series, group, month)):
            vintage = entry[0]
            if vintage_at_most is None or vintage is None or vintage <= vintage_at_most:
                return self._observation((agency, series, group), month, entry)
        return None

    def history(self, agency: str, series: str, group: str, month: Month) -> list[Observation]:
        """Every vintage of one value, oldest first (unversioned first)."""
        group = _GROUP_ALIASES.get(group.lower(), group)
        entries = self._entries_at(agency, series, group, month)
        return [self._observation((agency, series, group), month, e) for e in entries]

    def agencies(self) -> list[str]:
        return sorted(self._index)

    def series(self, agency: str) -> set[str]:
        return set(self._index.get(agency, {}))

    def groups(self, agency: str, series: str) -> set[str]:
        return set(self._index.get(agency, {}).get(series, ()))

    def months(self, agency: str, series: str | None = None, group: str | None = None) -> list[Month]:
        """Months with any value for the agency, optionally narrowed to one series and group."""
        found: set[int] = set()
        for key in self._keys(agency, series, group):
            found.update(self._data[key])
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
        months = self._data.get((agency, series, group))
        return _entries_of(months.get(_month_index(month))) if months else ()

    def _keys(self, agency: str, series: str | None, group: str | None) -> Iterator[tuple[str, str, str]]:
        group = _GROUP_ALIASES.get(group.lower(), group) if group is not None else None
        for series_name, groups in self._index.get(agency, {}).items():
            if series is None or series_name == series:
                for group_name in groups:
                    if group is None or group_name == group:
                        yield agency, series_name, group_name

    def _vintages(self, agency: str | None) -> set[datetime.date]:
        keys = self._data if agency is None else list(self._keys(agency, None, None))
        found: set[datetime.date] = set()
        for key in keys:
            for stored in self._data[key].values():
                found.update(e[0] for e in _entries_of(stored) if e[0] is not None)
        return found

    def _entries(self, sort: bool = False) -> Iterator[tuple[tuple[str, str, str], int, _Entry]]:
        for key in sorted(self._data) if sort else self._data:
            months = self._data[key]
            for index in sorted(months) if sort else months:
                for entry in _entries_of(months[index]):
                    yield key, index, entry

    def _month(self, index: int) -> Month:
        month = self._month_objects.get(index)
        if month is None:
            month = self._month_objects[index] = Month(index // 12, index % 12 + 1)
        return month

    def _observation(self, key: tuple[str, str, str], month: Month, entry: _Entry) -> Observation:
        vintage, value, file_index, line, column = entry
        span = Span(self.files[file_index], line, column)
        return Observation(*key, month, Decimal(value), vintage, span)


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


def _conflict_diagnostic(store, first: _Entry, second: _Entry, source_line: str | None) -> Diagnostic:
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


# -- number, month and date rules ----------------------------------------------
def parse_number(text: str, decimal_mark: str) -> Decimal:
    """Read `text` by the module's number rules; `decimal_mark` is the file's (`,` or `.`).

    Raises ValueError with a German reason for anything that is not a number.
    """
    body = text.strip()
    sign = ""
    if body[:1] in ("-", "+", "\u2212"):
        sign = "" if body[0] == "+" else "-"
        body = body[1:]
    if not _NUMBER_BODY_RE.fullmatch(body):
        raise ValueError("keine Zahl")
    plain = _plain_digits(body, decimal_mark)
    number = Decimal(sign + plain)
    if number.is_zero() and number.is_signed():
        number = number.copy_abs()
    return number


def _plain_digits(body: str, decimal_mark: str) -> str:
    """`body` (digits, dots, commas) as digits with at most one `.` decimal point."""
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        mark = "," if body.rfind(",") > body.rfind(".") else "."
        other = "." if mark == "," else ","
        if body.count(mark) != 1:
            raise ValueError("mehrere Dezimalzeichen")
        whole, fraction = body.split(mark)
        if not _GROUPED[other].fullmatch(whole):
            raise ValueError("Tausendertrennzeichen müssen Dreiergruppen trennen")
        return whole.replace(other, "") + "." + fraction
    if not commas and not dots:
        return body
    sep = "," if commas else "."
    if commas + dots > 1:
        if _GROUPED[sep].fullmatch(body):
            return body.replace(sep, "")
        raise ValueError("mehrere Dezimalzeichen")
    if sep != decimal_mark and _GROUPED[sep].fullmatch(body):
        return body.replace(sep, "")
    return body.replace(sep, ".")


def _parse_date(text: str) -> datetime.date:
    match = _DATE_RE.fullmatch(text)
    if not match:
        raise ValueError(text)
    return datetime.date(int(match[1]), int(match[2]), int(match[3]))


def date_hint(text: str) -> str:
    """A German hint for a bad `YYYY-MM-DD` date; shared with the evidence loader."""
    text = text.strip()
    german = _GERMAN_DATE_RE.fullmatch(text)
    if german:
        try:
            datetime.date(int(german[3]), int(german[2]), int(german[1]))
        except ValueError:
            return "Diesen Tag gibt es im Kalender nicht; Datum im Format JJJJ-MM-TT schreiben."
        return f"Datum im Format JJJJ-MM-TT schreiben, hier {german[3]}-{int(german[2]):02d}-{int(german[1]):02d}."
    if _DATE_RE.fullmatch(text):
        return "Diesen Tag gibt es im Kalender nicht."
    return "Datum im Format JJJJ-MM-TT schreiben, z. B. 2026-02-05."


def describe_os_error(error: OSError) -> str:
    """A short German reason for a file that cannot be opened; shared with the evidence loader."""
    if isinstance(error, IsADirectoryError):
        return "ist ein Verzeichnis"
    if isinstance(error, PermissionError):
        return "keine Leseberechtigung"
    return error.strerror or type(error).__name__


# -- diagnostics collection ----------------------------------------------------
class _Collector:
    """Collects diagnostics of all files; stops after MAX_ERRORS so a broken file cannot flood."""

    def __init__(self, limit: int = MAX_ERRORS) -> None:
        self.items: list[Diagnostic] = []
        self.limit = limit
        self.full = False

    def add(self, code: str, message: str, span: Span | None, hint: str | None = None,
            source_line: str | None = None) -> None:
        if self.full:
            return
        if len(self.items) >= self.limit:
            self.full = True
            code, hint = "ZD312", "Die ersten Fehler beheben und erneut prüfen."
            message = f"Mehr als {self.limit} Fehler – weitere Fehler ausgelassen"
        self.items.append(Diagnostic(code, message, span, hint, source_line=source_line))

    def raise_if_any(self) -> None:
        if self.items:
            raise ZielError(sorted_diagnostics(self.items))


# -- reading lines -------------------------------------------------------------
class _LineSource:
    """Feeds csv.reader one physical line at a time and keeps that raw line.

    A record never spans lines in this format: when the reader asks for a second
    line (an open quote), the source pretends end of input so the reader gives up
    on that record only, and marks it `cut`. Blank and `#` lines are skipped; a
    line that is not UTF-8, holds NUL bytes or is too long stops or skips reading.
    """

    def __init__(self, handle, file: str, report: Callable[..., None]) -> None:
        self.handle = handle
        self.file = file
        self.report = report
        self.number = 0
        self.current: str | None = None
        self.cut = False
        self.stopped = False

    def __iter__(self) -> "_LineSource":
        return self

    def __next__(self) -> str:
        if self.current is not None:
            self.cut = True
            raise StopIteration
        readline = self.handle.readline
        while not self.stopped:
            line = readline(MAX_LINE_CHARS)
            if not line:
                break
            self.number += 1
            if len(line) >= MAX_LINE_CHARS - 1 or not line.isascii() or "\x00" in line:
                if self._too_long(line) or not self._well_encoded(line):
                    continue
            if line[0] in _SKIP_STARTS:
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
            self.current = line
            return line
        raise StopIteration

    def done_with_record(self) -> None:
        self.current = None
        self.cut = False

    def _too_long(self, line: str) -> bool:
        if len(line) < MAX_LINE_CHARS or line.endswith(("\n", "\r")):
            return False
        while True:  # skip the rest of the overlong line without keeping it
            rest = self.handle.readline(MAX_LINE_CHARS)
            if not rest or rest.endswith(("\n", "\r")):
                break
        span = Span(self.file, self.number, 1)
        self.report("ZD314", f"Zeile ist länger als {MAX_LINE_CHARS} Zeichen", span,
                    "Ist das wirklich eine CSV-Datei mit Zeilenumbrüchen?")
        return True

    def _well_encoded(self, line: str) -> bool:
        if line.isascii() and "\x00" not in line:
            return True
        try:
            line.encode("utf-8")
        except UnicodeEncodeError as error:
            self._encoding_error(line, error.start, "Datei ist nicht UTF-8-kodiert")
            return False
        if "\x00" in line:
            self._encoding_error(line, line.index("\x00"), "Datei ist nicht UTF-8-kodiert (Nullbyte gefunden)")
            return False
        return True

    def _encoding_error(self, line: str, index: int, message: str) -> None:
        shown = line.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\x00", "\ufffd")
        self.report("ZD311", message, Span(self.file, self.number, index + 1),
                    "Die Datei als »CSV UTF-8« speichern (z. B. in Excel: »CSV UTF-8 (durch Trennzeichen "
                    "getrennt)«).", shown.rstrip("\r\n"))
        self.stopped = True


def _field_starts(line: str, delimiter: str) -> list[int]:
    """0-based start index of each field of a one-line record, following csv's quoting."""
    if '"' not in line:
        starts, position = [], 0
        for part in line.split(delimiter):
            starts.append(position)
            position += len(part) + 1
        return starts
    starts, state = [0], "start"
    for index, char in enumerate(line):
        if state == "quoted":
            state = "quote" if char == '"' else "quoted"
        elif char == delimiter and state != "quoted":
            starts.append(index + 1)
            state = "start"
        elif state == "start":
            state = "quoted" if char == '"' else "plain"
        elif state == "quote":
            state = "quoted" if char == '"' else "plain"
    return starts


# -- the loader ----------------------------------------------------------------
class _Record:
    """One CSV record with its raw line; positions are computed only when a message needs them."""

    __slots__ = ("row", "line", "source_line", "file", "_starts")

    def __init__(self, row: list[str], line: int, source_line: str, file: str, starts: list[int]) -> None:
        self.row = row
        self.line = line
        self.source_line = source_line
        self.file = file
        self._starts = starts if len(starts) == len(row) else [0] * len(row)

    def text(self, index: int) -> str:
        return self.row[index].strip()

    def column(self, index: int) -> int:
        """1-based column of the field's first non-blank character (its quote, if quoted)."""
        start = self._starts[index]
        if self.source_line[start:start + 1] == '"':
            return start + 1
        raw = self.row[index]
        return start + len(raw) - len(raw.lstrip()) + 1

    def span(self, index: int) -> Span:
        column = self.column(index)
        return Span(self.file, self.line, column, self.line, column + max(1, len(self.text(index))))


class _Loader:
    """Loads one or more CSV files into one store, sharing caches and the error collector."""

    def __init__(self, known_series: Collection[str], known_indicators: Collection[str],
                 non_negative: Collection[str] | None) -> None:
        self.store = ObservationStore()
        self.errors = _Collector()
        self.series_names = {name.lower(): name for name in known_indicators}
        self.series_names.update({name.lower(): name for name in known_series})
        self.non_negative = set(known_series if non_negative is None else non_negative)
        self.months: dict[str, int] = {}  # "2026-03" → month index
        self.vintages: dict[str, datetime.date | None] = {"": None}
        self.agencies: dict[str, str] = {}

    def report(self, code: str, message: str, record: _Record, index: int, hint: str | None) -> None:
        self.errors.add(code, message, record.span(index), hint, record.source_line)

    # files
    def load(self, path: str | Path, display_name: str | None = None) -> None:
        name = display_name or str(path)
        try:
            handle = open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")
        except FileNotFoundError:
            self.errors.add("ZD300", f"Datendatei »{name}« nicht gefunden", None,
                            "Pfad prüfen; Verzeichnisse werden nach *.csv durchsucht.")
            return
        except OSError as error:
            self._unreadable(name, error)
            return
        file_index = self.store._file_index(name)
        try:
            with handle:
                self._read(_LineSource(handle, name, self.errors.add), name, file_index)
        except OSError as error:
            self._unreadable(name, error)

    def _unreadable(self, name: str, error: OSError) -> None:
        self.errors.add("ZD300", f"Datendatei »{name}« kann nicht gelesen werden ({describe_os_error(error)})",
                        None, "Eine lesbare CSV-Datei oder einen Ordner mit CSV-Dateien angeben.")

    def _read(self, source: _LineSource, file: str, file_index: int) -> None:
        header = next(source, None)
        if header is None:
            if not source.stopped:
                self.errors.add("ZD301", "Datei ist leer: Kopfzeile fehlt", Span(file, 1, 1),
                                f"Die erste Zeile muss die Spalten nennen: {_EXPECTED_HEADER}")
            return
        header_line = source.number
        source.done_with_record()
        delimiter = self._sniff(header, file, header_line)
        if delimiter is None:
            return
        columns, width = self._columns(header, delimiter, file, header_line)
        if columns is None:
            return
        reader = csv.reader(source, delimiter=delimiter, strict=True)
        check = _RowCheck(self, columns, width, delimiter, file_index)
        while not self.errors.full:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                self._quote_error(source, file, delimiter)
            else:
                check(row, source.number, source.current)
            source.done_with_record()
            if self.store._count > MAX_VALUES:
                self._too_many_values(file, source.number)
                break

    def _too_many_values(self, file: str, line: int) -> None:
        self.errors.add("ZD603", f"Zu viele Werte: mehr als {MAX_VALUES:,} in den Daten".replace(",", "."),
                        Span(file, line, 1), "Die Daten aufteilen (z. B. je Land oder Träger) und nur die Dateien "
                                             "angeben, die die Vereinbarungen brauchen.")
        self.errors.full = True

    def _quote_error(self, source: _LineSource, file: str, delimiter: str) -> None:
        line = (source.current or "").rstrip("\r\n")
        if source.cut:
            message, column = "Anführungszeichen wird in dieser Zeile nicht geschlossen", _open_quote_column(
                line, delimiter)
        else:
            message = f"Nach einem schließenden Anführungszeichen muss »{delimiter}« folgen"
            column = _quote_problem_column(line, delimiter)
        self.errors.add("ZD314", message, Span(file, source.number, column),
                        "Anführungszeichen nur um ganze Felder setzen; ein »\"« im Feld wird als »\"\"« "
                        "geschrieben, ein Feld darf keinen Zeilenumbruch enthalten.", line)

    # header
    def _sniff(self, header: str, file: str, line: int) -> str | None:
        """`;` or `,`: whichever the header uses more (`;` on a tie)."""
        semicolons, commas = header.count(";"), header.count(",")
        if semicolons or commas:
            return ";" if semicolons >= commas else ","
        hint = f"Erwartete Kopfzeile: {_EXPECTED_HEADER}"
        if "\t" in header:
            hint = "Tabulatoren sind kein zulässiges Trennzeichen; »;« oder »,« verwenden. " + hint
        self.errors.add("ZD301", "Kopfzeile ohne Trennzeichen »;« oder »,«: Pflichtspalten fehlen",
                        Span(file, line, 1), hint, header.rstrip("\r\n"))
        return None

    def _columns(self, header: str, delimiter: str, file: str, line: int) -> tuple[dict[str, int] | None, int]:
        """Map column name → field index (and the header width); report bad and missing columns."""
        source_line = header.rstrip("\r\n")
        names = next(csv.reader([source_line], delimiter=delimiter, strict=False), [])
        record = _Record(names, line, source_line, file, _field_starts(source_line, delimiter))
        columns: dict[str, int] = {}
        allowed = REQUIRED_COLUMNS + _OPTIONAL_COLUMNS
        for index, raw in enumerate(names):
            name = raw.strip().lstrip("\ufeff").strip().lower()
            name = _COLUMN_ALIASES.get(name, name)
            if name in columns:
                self.report("ZD313", f"Spalte »{name}« kommt doppelt vor", record, index,
                            "Jede Spalte darf nur einmal in der Kopfzeile stehen.")
            elif not name:
                self.report("ZD313", "Leere Spaltenüberschrift", record, index,
                            "Überzählige Trennzeichen in der Kopfzeile entfernen.")
            elif name not in allowed:
                hint = did_you_mean(name, allowed) or f"Erlaubte Spalten: {', '.join(allowed)}."
                self.report("ZD313", f"Unbekannte Spalte »{raw.strip()}«", record, index, hint)
            else:
                columns[name] = index
        missing = [name for name in REQUIRED_COLUMNS if name not in columns]
        for name in missing:
            self.errors.add("ZD301", f"Pflichtspalte »{name}« fehlt in der Kopfzeile", Span(file, line, 1),
                            f"Erwartete Kopfzeile: {_EXPECTED_HEADER.replace(';', delimiter)}", source_line)
        return (None if missing else columns), len(names)


class _RowCheck:
    """Checks records of one file field by field and stores the good ones."""

    def __init__(self, loader: _Loader, columns: dict[str, int], width: int, delimiter: str,
                 file_index: int) -> None:
        self.loader = loader
        self.errors = loader.errors
        self.width = width
        self.delimiter = delimiter
        self.decimal_mark = "," if delimiter == ";" else "."
        self.file_index = file_index
        self.file = loader.store.files[file_index]
        self.agency, self.series, self.group = columns["traeger"], columns["reihe"], columns["gruppe"]
        self.month, self.value, self.vintage = columns["monat"], columns["wert"], columns.get("ladestand")
        # Exact-text caches for the common case; anything else takes the checking path.
        self.simple_decimal = _SIMPLE_DECIMAL[self.decimal_mark]
        self.fast_series = dict(loader.series_names)
        self.fast_series.update({name: name for name in loader.series_names.values()})

    def __call__(self, row: list[str], line: int, raw: str) -> None:
        """Store one record; clean, unquoted rows pass through cache look-ups only."""
        loader = self.loader
        if len(row) == self.width and '"' not in raw:
            agency = loader.agencies.get(row[self.agency])
            series = self.fast_series.get(row[self.series])
            group = _GROUP_FAST.get(row[self.group])
            month = loader.months.get(row[self.month])
            vintage = loader.vintages.get(row[self.vintage], _MISSING) if self.vintage is not None else None
            value = self._plain_value(row[self.value])
            if agency and series and group and month is not None and vintage is not _MISSING and value is not None:
                column = len(self.delimiter.join(row[:self.value])) + 2 if self.value else 1
                entry = (vintage, value, self.file_index, line, column)
                if loader.store._insert((agency, series, group), month, entry) is not None:
                    self.store((agency, series, group), month, entry, raw)  # reports the clash
                return
        source_line = raw.rstrip("\r\n")
        self.checked(_Record(row, line, source_line, self.file, _field_starts(source_line, self.delimiter)))

    def _plain_value(self, text: str) -> int | Decimal | None:
        """Unsigned integers and unsigned decimals with the file's decimal mark; else None."""
        if text.isdigit() and text.isascii():
            return int(text)
        if self.simple_decimal.fullmatch(text):
            return Decimal(text.replace(",", "."))
        return None

    def checked(self, record: _Record) -> None:
        """The slow path: check every field, report each problem, store the record if all is well."""
        if len(record.row) != self.width:
            self._wrong_width(record)
            return
        before = len(self.errors.items)
        agency = self._agency(record)
        series = self._series(record)
        group = self._group(record)
        month = self._month(record)
        value = self._value(record, series)
        vintage = self._vintage(record) if self.vintage is not None else None
        if len(self.errors.items) == before:
            entry = (vintage, value, self.file_index, record.line, record.column(self.value))
            self.store((agency, series, group), month, entry, record.source_line)

    def store(self, key: tuple[str, str, str], month: int, entry: _Entry, raw: str | None) -> None:
        clash = self.loader.store._insert(key, month, entry)
        if clash is not None:
            diagnostic = _conflict_diagnostic(self.loader.store, clash, entry, (raw or "").rstrip("\r\n"))
            self.errors.add(diagnostic.code, diagnostic.message, diagnostic.span, diagnostic.hint,
                            diagnostic.source_line)

    def _wrong_width(self, record: _Record) -> None:
        count, expected = len(record.row), self.width
        if count > expected:
            span = record.span(expected)
        else:
            end = len(record.source_line.rstrip()) + 1
            span = Span(record.file, record.line, end)
        hint = f"Jede Zeile braucht {expected} Felder wie die Kopfzeile."
        if self.delimiter == "," and count > expected:
            hint = ("Ein Dezimalkomma in einer komma-getrennten Datei muss in Anführungszeichen stehen "
                    "(\"5,8\"), oder die Datei mit »;« trennen.")
        self.errors.add("ZD302", f"Zeile hat {count} Felder, erwartet werden {expected}", span, hint,
                        record.source_line)

    def _agency(self, record: _Record) -> str | None:
        text = record.text(self.agency)
        if not text:
            self.loader.report("ZD310", "Träger fehlt (Spalte »traeger« ist leer)", record, self.agency,
                               "Die Kennung des Trägers eintragen, z. B. 03457.")
            return None
        self.loader.agencies.setdefault(record.row[self.agency], text)
        return text

    def _series(self, record: _Record) -> str | None:
        text = record.text(self.series)
        name = self.loader.series_names.get(text.lower())
        if name is None:
            known = self.loader.series_names.values()
            message = f"Unbekannte Reihe »{text}«" if text else "Reihe fehlt (Spalte »reihe« ist leer)"
            hint = did_you_mean(text, known) if text else None
            hint = hint or "Erlaubt sind die Reihen und Kennzahlen des Katalogs."
            self.loader.report("ZD303", message, record, self.series, hint)
        return name

    def _group(self, record: _Record) -> str | None:
        text = record.text(self.group)
        group = _GROUP_ALIASES.get(text.lower())
        if group is None:
            hint = did_you_mean(text, GROUPS) or "Erlaubt sind gesamt, frauen und maenner."
            self.loader.report("ZD304", f"Unbekannte Gruppe »{text}«", record, self.group, hint)
        return group

    def _month(self, record: _Record) -> int | None:
        text = record.text(self.month)
        cache = self.loader.months
        month = cache.get(text)
        if month is None:
            match = _MONTH_RE.fullmatch(text)
            if match and 1 <= int(match[2]) <= 12 and 1900 <= int(match[1]) <= 2199:
                month = cache.setdefault(text, int(match[1]) * 12 + int(match[2]) - 1)
                cache.setdefault(record.row[self.month], month)
            else:
                self.loader.report("ZD305", f"Ungültiger Monat »{text}«", record, self.month,
                                   "Monate im Format JJJJ-MM (Jahr 1900–2199) schreiben, z. B. 2026-03.")
        return month

    def _value(self, record: _Record, series: str | None) -> Decimal | None:
        text = record.text(self.value)
        if text.isdigit() and text.isascii():
            return int(text)
        try:
            value = parse_number(text, self.decimal_mark)
        except (ValueError, InvalidOperation):
            self._bad_number(record, text)
            return None
        if value < 0 and series in self.loader.non_negative:
            self.loader.report("ZD307", f"Negativer Wert {text} für die Reihe »{series}«", record, self.value,
                               "Bestände, Zählungen und Summen können nicht negativ sein; nur Kennzahlen "
                               "(Veränderungsraten) dürfen negativ sein.")
            return None
        return value

    def _bad_number(self, record: _Record, text: str) -> None:
        if not text:
            message, hint = "Wert fehlt (Spalte »wert« ist leer)", "Zeilen ohne Wert weglassen."
        else:
            example = "5,8 oder 1.234,5" if self.decimal_mark == "," else "5.8 oder 1234.5"
            message = f"»{text}« ist keine gültige Zahl"
            hint = f"Zahlen ohne Einheit und Leerzeichen schreiben, z. B. {example}."
        self.loader.report("ZD306", message, record, self.value, hint)

    def _vintage(self, record: _Record) -> datetime.date | None:
        text = record.text(self.vintage)
        if not text:
            return None
        cache = self.loader.vintages
        vintage = cache.get(text)
        if vintage is None:
            try:
                vintage = cache.setdefault(text, _parse_date(text))
                cache.setdefault(record.row[self.vintage], vintage)
            except ValueError:
                self.loader.report("ZD308", f"Ungültiger Ladestand »{text}«", record, self.vintage,
                                   date_hint(text) + " Ohne Ladestand das Feld leer lassen.")
        return vintage


def _quote_problem_column(line: str, delimiter: str) -> int:
    """1-based column of the first character after a closing quote that is not a delimiter."""
    state = "start"
    for index, char in enumerate(line):
        if state == "quoted":
            state = "quote" if char == '"' else "quoted"
        elif state == "quote":
            if char == '"':
                state = "quoted"
            elif char == delimiter:
                state = "start"
            else:
                return index + 1
        elif char == delimiter:
            state = "start"
        elif state == "start":
            state = "quoted" if char == '"' else "plain"
    return _open_quote_column(line, delimiter)


def _open_quote_column(line: str, delimiter: str) -> int:
    """1-based column of the quote that opens the last field, or 1."""
    starts = _field_starts(line, delimiter)
    for start in reversed(starts):
        if line[start:start + 1] == '"':
            return start + 1
    return 1


# -- public loading functions ---------------------------------------------------
def load_indicator_csv(
    path: str | Path,
    known_series: Collection[str],
    known_indicators: Collection[str],
    *,
    display_name: str | None = None,
    non_negative: Collection[str] | None = None,
) -> ObservationStore:
    """Load one indicator CSV file; raise one ZielError with every problem found.

    `known_series` are raw monthly series (non-negative unless `non_negative` names
    the non-negative ones explicitly), `known_indicators` are indicator codes whose
    published values may be negative. `display_name` is the file name shown in messages.
    """
    loader = _Loader(known_series, known_indicators, non_negative)
    loader.load(path, display_name)
    loader.errors.raise_if_any()
    return loader.store


def load_data(
    paths: Sequence[str | Path],
    known_series: Collection[str],
    known_indicators: Collection[str],
    *,
    non_negative: Collection[str] | None = None,
) -> ObservationStore:
    """Load CSV files and directories (every *.csv inside, sorted) into one store.

    Files named explicitly are read as CSV whatever their extension; a directory
    without CSV files contributes nothing. Duplicates across files follow the
    same rule as within one file. All problems of all files are raised together.
    """
    loader = _Loader(known_series, known_indicators, non_negative)
    for path in _expand(paths):
        if loader.errors.full:
            break
        loader.load(path)
    loader.errors.raise_if_any()
    return loader.store


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file()))
        else:
            files.append(path)
    return files
