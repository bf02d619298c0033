"""Indicator data: CSV files of monthly values, loaded into a lean, vintage-aware store.

The CSV contract (design.md § 4): UTF-8 (a BOM is fine), `;` or `,` separated, a
case-insensitive header with the columns `traeger`, `reihe`, `gruppe`, `monat`,
`wert` and the optional `ladestand`, in any order. Every problem of every file is
reported at once, with file, line and column, in German (codes ZD300–ZD314).

The number rules of the field `wert` are in `zieldsl.inputs.numbers`.

Lines that are empty or start with `#` (between records) are skipped.

Plausibility (issue 11, codes ZD331–ZD334): a `wert` of `x`, `-`, `–`, `.` or
`fehlt` marks a value as missing: it is recorded per agency, series, group and month
(`ObservationStore.missing_mark`), so only the figures that need it become
`nicht_bewertbar`. Series of the kinds `bestand` and `anzahl` (`kinds`) take whole
numbers only. Names in `refused` (bare indicator codes such as `K2`, whose published
meaning is not the judged figure) are refused with the hint given. An agency code that
no agreement uses but that is one of `expected_agencies` with a leading zero put back
(`3457` for `03457`) lost that zero in a spreadsheet: it is read with the zero and a
warning (`ObservationStore.warnings`).
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable, Collection, Mapping, Sequence

from zieldsl.collector import young_collections_only
from zieldsl.diagnostics import Diagnostic, Span, ZielError, did_you_mean, sorted_diagnostics
from zieldsl.files import DANGLING_HINT, dangling_link, open_regular
from zieldsl.inputs.annual import SUMMED_KINDS, YEAR_RE, annual_series, disagreements, year_index
from zieldsl.inputs.numbers import MONTH_RE, date_hint, parse_date, parse_number
from zieldsl.inputs.plausibility import WHOLE_KINDS, value_problem
from zieldsl.inputs.store import GROUP_ALIASES, ObservationStore, conflict_diagnostic

__all__ = [
    "REQUIRED_COLUMNS",
    "load_indicator_csv",
    "load_data",
    "describe_os_error",
]

_MISSING = object()
_GROUP_FAST = {**GROUP_ALIASES, **{k.capitalize(): v for k, v in GROUP_ALIASES.items()}}
REQUIRED_COLUMNS = ("traeger", "reihe", "gruppe", "monat", "wert")
_OPTIONAL_COLUMNS = ("ladestand",)
_COLUMN_ALIASES = {"träger": "traeger"}
_EXPECTED_HEADER = "traeger;reihe;gruppe;monat;wert;ladestand"

MISSING_MARKERS = frozenset({"x", "X", "-", "–", ".", "fehlt"})
MAX_ERRORS = 200
# Values kept in memory over all files (about 40 bytes each, docs/leistung.md): a national
# data set has about 580.000; past this limit loading stops with ZD603 instead of exhausting memory.
MAX_VALUES = 4_000_000
_SKIP_STARTS = frozenset("#\r\n \t\f\v")
_SEPARATORS = (";", ",", "\t")
MAX_LINE_CHARS = 64 * 1024


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

    def __init__(self, limit: int | None = None) -> None:
        self.items: list[Diagnostic] = []
        self.limit = MAX_ERRORS if limit is None else limit
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
_BLOCK_CHARS = 1 << 20  # characters read at once: a block of about 35.000 rows, memory stays bounded


class _Text:
    """The text of one file in bounded blocks that end at a line end.

    `fast_lines` hands a whole block to the fast path when a cheap look at it (in C) shows that
    every line is a plain record, blank or a comment: no quote, no NUL, no bad UTF-8, no lone `\r`,
    no overlong line. Any other block is read line by line through `readline`, which returns
    what the file's own `readline` would (`newline=""`), so line numbers stay those of the file.
    """

    def __init__(self, handle) -> None:
        self.handle = handle
        self.carry = ""  # read, but after the last line end of the block before
        self.rest = io.StringIO(newline="")  # the block `readline` reads from
        self.rest_size = 0
        self.rest_complete = True
        self.offered: tuple[str, bool] | None = None

    def readline(self, size: int) -> str:
        line = self.rest.readline(size)
        while len(line) < size and not line.endswith(("\n", "\r")):
            block = self._next_block()
            if block is None:
                break
            self._read_by_line(*block)
            line += self.rest.readline(size - len(line))
        return line

    def offer_rest(self) -> None:
        """Offer what `readline` has left of its block to the fast path (after the header)."""
        left = self.rest.read()
        if left:
            self.offered = (left, self.rest_complete)
            self._read_by_line("", True)

    def fast_lines(self, room: int) -> list[str] | None:
        """The lines of the next block (without line ends) if the fast path can take them all and there
        are at most `room`; else None, and `readline` reads on. Only between blocks: else None too."""
        if self.rest.tell() < self.rest_size:
            return None
        block = self._next_block()
        if block is None:
            return None
        text, complete = block
        lines = _plain_lines(text) if complete else None
        if lines is None or len(lines) > room:
            self._read_by_line(text, complete)
            return None
        return lines

    def _read_by_line(self, text: str, complete: bool) -> None:
        self.rest = io.StringIO(text, newline="")
        self.rest_size, self.rest_complete = len(text), complete

    def _next_block(self) -> tuple[str, bool] | None:
        """(text, whether it ends at a line end or the end of the file); None at the end of the file.

        A block ends after its last `\n`; without one, after its last `\r` that is not its last
        character (which might be followed by `\n`); without either, it ends inside a line."""
        if self.offered is not None:
            block, self.offered = self.offered, None
            return block
        text = self.carry
        while True:
            data = self.handle.read(_BLOCK_CHARS)
            if not data:
                self.carry = ""
                return (text, True) if text else None
            text += data
            cut = text.rfind("\n") + 1 or text.rfind("\r", 0, len(text) - 1) + 1
            if cut:
                self.carry = text[cut:]
                return text[:cut], True
            cut = len(text) - 1 if text.endswith("\r") else len(text)
            if cut:
                self.carry = text[cut:]
                return text[:cut], False


def _plain_lines(block: str) -> list[str] | None:
    """The lines of a block that holds only unquoted records, blank lines and comments (given as
    blank lines); else None."""
    if '"' in block or "\x00" in block:
        return None
    if "\r" in block:
        if block.count("\r") != block.count("\r\n"):
            return None
        block = block.replace("\r\n", "\n")
    if not block.isascii():
        try:
            block.encode("utf-8")
        except UnicodeEncodeError:  # a byte that is not UTF-8, kept as a surrogate
            return None
    lines = block.split("\n")
    if not lines[-1]:
        lines.pop()
    if lines and max(map(len, lines)) >= MAX_LINE_CHARS - 2:
        return None
    if "#" in block:
        lines = ["" if "#" in line and _skipped(line) else line for line in lines]
    return lines


def _skipped(line: str) -> bool:
    """A blank line or a comment (`#`), with or without its line end."""
    if line and line[0] not in _SKIP_STARTS:
        return False
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


class _LineSource:
    """The lines of the blocks the fast path does not take (`_Text.readline`), one physical line
    at a time, each kept as it was read; `number` counts the file's lines.

    A record never spans lines in this format: when csv.reader asks for a second line (an
    open quote, `_OneRecord`), the source pretends end of input so the reader gives up on
    that record only, and marks it `cut`. Blank and `#` lines are skipped; a line that is
    not UTF-8, holds NUL bytes or is too long stops or skips reading.
    """

    def __init__(self, text: _Text, file: str, report: Callable[..., None]) -> None:
        self.text = text
        self.file = file
        self.report = report
        self.number = 0
        self.current: str | None = None
        self.cut = False
        self.stopped = False
        self.header_read = False

    def __iter__(self) -> "_LineSource":
        return self

    def __next__(self) -> str:
        if self.current is not None:
            self.cut = True
            raise StopIteration
        readline = self.text.readline
        while not self.stopped:
            line = readline(MAX_LINE_CHARS)
            if not line:
                break
            self.number += 1
            if len(line) >= MAX_LINE_CHARS - 1 or not line.isascii() or "\x00" in line:
                if self._too_long(line) or not self._well_encoded(line):
                    continue
            if line[0] in _SKIP_STARTS and _skipped(line):
                continue
            self.current = line
            self.header_read = True
            return line
        raise StopIteration

    def done_with_record(self) -> None:
        self.current = None
        self.cut = False

    def _too_long(self, line: str) -> bool:
        if len(line) < MAX_LINE_CHARS or line.endswith(("\n", "\r")):
            return False
        separators = [line.count(s) for s in _SEPARATORS]
        while True:  # skip the rest of the overlong line without keeping it
            rest = self.text.readline(MAX_LINE_CHARS)
            separators = [count + rest.count(s) for count, s in zip(separators, _SEPARATORS)]
            if not rest or rest.endswith(("\n", "\r")):
                break
        span = Span(self.file, self.number, 1)
        if not self.header_read:  # the header itself: no later line may stand in for it
            columns = f"{max(separators) + 1:,}".replace(",", ".")
            self.report("ZD314", f"Die Kopfzeile ist länger als {MAX_LINE_CHARS} Zeichen ({columns} Spalten)", span,
                        f"Eine Datendatei nennt in der ersten Zeile ihre Spalten: {_EXPECTED_HEADER} (und "
                        "höchstens einige weitere). Ist das eine Tabelle in Breitformat? Dann mit »zieldsl "
                        "import« einlesen.")
            self.stopped = True
            return True
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


class _OneRecord:
    """One physical line for csv.reader: asked for a second (an open quote), it ends the input and
    marks the record `cut`, as `_LineSource` does."""

    def __init__(self, source: _LineSource, line: str) -> None:
        self.source = source
        self.line: str | None = line

    def __iter__(self) -> "_OneRecord":
        return self

    def __next__(self) -> str:
        line, self.line = self.line, None
        if line is None:
            self.source.cut = True
            raise StopIteration
        return line


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
                 non_negative: Collection[str] | None, groups: Mapping[str, str] | None = None,
                 kinds: Mapping[str, str] | None = None, refused: Mapping[str, str] | None = None,
                 expected_agencies: Collection[str] = ()) -> None:
        self.arguments = (known_series, known_indicators, non_negative, groups, kinds, refused, expected_agencies)
        self.store = ObservationStore()
        # CSV `gruppe` code (any case) → group name: the built-in groups plus the catalogue's (`gruppe … kennung`)
        self.group_codes = {code.lower(): name for code, name in GROUP_ALIASES.items()}
        self.group_codes.update({code.lower(): name for code, name in (groups or {}).items()})
        self.fast_groups = {**_GROUP_FAST, **{code: name for code, name in (groups or {}).items()}}
        self.errors = _Collector()
        self.series_names = {name.lower(): name for name in known_indicators}
        self.series_names.update({name.lower(): name for name in known_series})
        self.non_negative = set(known_series if non_negative is None else non_negative)
        self.kinds = dict(kinds or {})
        self.whole = {name for name, kind in self.kinds.items() if kind in WHOLE_KINDS}
        self.refused = {name.lower(): (name, hint) for name, hint in (refused or {}).items()}
        self.expected = frozenset(expected_agencies)
        self.months: dict[str, int] = {}  # "2026-03" → month index
        self.vintages: dict[str, datetime.date | None] = {"": None}
        self.agencies: dict[str, str] = {}

    def report(self, code: str, message: str, record: _Record, index: int, hint: str | None) -> None:
        self.errors.add(code, message, record.span(index), hint, record.source_line)

    def fresh(self) -> "_Loader":
        """A loader with the same names and rules and nothing read yet."""
        return _Loader(*self.arguments)

    # files
    def load(self, path: str | Path, display_name: str | None = None) -> None:
        name = display_name or str(path)
        if not self.store.files and not self.errors.items:  # a large first file: read in parts where cores allow
            from zieldsl.inputs.csv_split import load_split

            store = load_split(self, path, name)
            if store is not None:
                self.store = store
                return
        try:
            handle = io.TextIOWrapper(open_regular(path, name), encoding="utf-8-sig", errors="surrogateescape",
                                      newline="")
        except FileNotFoundError:
            target = dangling_link(path)
            if target is not None:
                self.errors.add("ZD300", f"Datendatei »{name}« ist eine Verknüpfung auf »{target}«, das es nicht "
                                         "gibt", None, DANGLING_HINT)
                return
            self.errors.add("ZD300", f"Datendatei »{name}« nicht gefunden", None,
                            "Pfad prüfen; Verzeichnisse werden nach *.csv durchsucht.")
            return
        except OSError as error:
            self._unreadable(name, error)
            return
        except ZielError as error:  # not a regular file
            first = error.diagnostics[0]
            self.errors.add(first.code, first.message, first.span, first.hint)
            return
        file_index = self.store._file_index(name)
        try:
            with handle:
                text = _Text(handle)
                self._read(text, _LineSource(text, name, self.errors.add), name, file_index)
        except OSError as error:
            self._unreadable(name, error)

    def _unreadable(self, name: str, error: OSError) -> None:
        self.errors.add("ZD300", f"Datendatei »{name}« kann nicht gelesen werden ({describe_os_error(error)})",
                        None, "Eine lesbare CSV-Datei oder einen Ordner mit CSV-Dateien angeben.")

    def _read(self, text: _Text, source: _LineSource, file: str, file_index: int) -> None:
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
        check = _RowCheck(self, columns, width, delimiter, file_index)
        store = self.store
        if self.errors.full:
            return
        text.offer_rest()
        while True:
            lines = text.fast_lines(MAX_VALUES - store._count)  # no block can pass the limit
            if lines is not None:
                if not check.rows(lines, source.number + 1):
                    break
                source.number += len(lines)
                continue
            line = next(source, None)
            if line is None or self.errors.full:  # the source's own report (ZD314) may have filled it
                break
            if '"' in line:  # quoted fields: the csv module reads the record (a line of its own)
                try:
                    row = next(csv.reader(_OneRecord(source, line), delimiter=delimiter, strict=True))
                except csv.Error:
                    self._quote_error(source, file, delimiter)
                else:
                    check.quoted(row, source.number, line)
            else:
                check.rows([line.rstrip("\r\n")], source.number)
            source.done_with_record()
            if store._count > MAX_VALUES:
                self._too_many_values(file, source.number)
                break
            if self.errors.full:
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
        self.fast_series = dict(loader.series_names)
        self.fast_series.update({name: name for name in loader.series_names.values()})
        self.appender = loader.store.appender(file_index)
        # The series of the run `rows` stored last, its texts in the file, and the month that may
        # come next (-1: none; reset when `quoted` stores anything).
        self.run: tuple[str, str, str] | None = None
        self.run_texts: tuple[str | None, str | None, str | None] = (None, None, None)
        self.follows = -1

    def rows(self, lines: list[str], number: int) -> bool:
        """Check and store one-line records without quotes (nearly all), from line `number` on.

        The fast path: a field is known by one look-up of its exact text in the caches the
        checking path fills (`quoted`). A new series or the next month of one starts a run of
        months (`_Appender.open`); a row with the run's texts of agency, series and group and its
        next month goes to the store's pending lists without a look-up or a call. Blank lines
        and comments are skipped; every other record takes `quoted`. False once the error limit
        is reached.
        """
        loader, appender, errors = self.loader, self.appender, self.errors
        agencies, series_names, groups = loader.agencies.get, self.fast_series.get, loader.fast_groups.get
        months, vintages, whole = loader.months.get, loader.vintages.get, loader.whole
        delimiter, mark, width, file_index, plain = self.delimiter, self.decimal_mark, self.width, self.file_index, \
            appender.PLAIN
        agency_at, series_at, group_at, month_at, value_at = self.agency, self.series, self.group, self.month, \
            self.value
        vintage_at = self.vintage if self.vintage is not None else -1
        # The value's column: the line's length less the value, the fields after it and their separators.
        after, one_after, alone = slice(value_at + 1, None), value_at == width - 2, int(value_at == width - 1)
        add_vintage, add_value, add_exponent = appender.vintages.append, appender.values.append, \
            appender.exponents.append
        add_line, add_column = appender.lines.append, appender.columns.append
        run, (run_agency, run_series, run_group), follows = self.run, self.run_texts, self.follows
        number -= 1
        for raw in lines:
            number += 1
            row = raw.split(delimiter)
            if len(row) == width:
                if row[group_at] == run_group and row[series_at] == run_series and row[agency_at] == run_agency:
                    same = True  # the texts of the run's series: the same look-ups
                    agency, series, group = run
                else:
                    same = False
                    agency = agencies(row[agency_at])
                    series = series_names(row[series_at])
                    group = groups(row[group_at])
                month = months(row[month_at])
                vintage = vintages(row[vintage_at], _MISSING) if vintage_at >= 0 else None
                text = row[value_at]
                if text.isdigit() and len(text) <= 15 and text.isascii():
                    value, exponent = int(text), plain
                else:  # an unsigned decimal with the file's decimal mark, as `SIMPLE_DECIMAL`
                    whole_part, _mark, fraction = text.partition(mark)
                    if whole_part.isdigit() and fraction.isdigit() and len(text) <= 15 and text.isascii() \
                            and series not in whole:
                        value, exponent = int(whole_part + fraction), -len(fraction)
                    else:
                        value = None
                if agency and series and group and month is not None and vintage is not _MISSING \
                        and value is not None:
                    column = len(raw) - len(text) - len(row[-1] if one_after else delimiter.join(row[after])) + alone
                    if month != follows or not same:
                        key = (agency, series, group)
                        if not appender.open(key, month):  # a month stored before, or a gap
                            if exponent != plain:
                                value = Decimal(text.replace(",", "."))
                            entry = (vintage, value, file_index, number, column)
                            clash = appender.insert(key, month, entry)
                            follows = -1
                            if clash is not None:
                                self.clash(clash, entry, raw)
                                if errors.full:
                                    return False
                            continue
                        run, follows = key, month
                        run_agency, run_series, run_group = row[agency_at], row[series_at], row[group_at]
                    add_vintage(vintage)
                    add_value(value)
                    add_exponent(exponent)
                    add_line(number)
                    add_column(column)
                    follows += 1
                    continue
            if not _skipped(raw):
                self.quoted(row, number, raw)
                follows = -1
                if errors.full:
                    return False
        appender.flush()
        self.run, self.run_texts, self.follows = run, (run_agency, run_series, run_group), follows
        return True

    def quoted(self, row: list[str], line: int, raw: str) -> None:
        """A record with quotes, or one the look-ups of `rows` did not settle: every field checked."""
        self.appender.end()
        self.appender.flush()
        self.follows = -1
        source_line = raw.rstrip("\r\n")
        self.checked(_Record(row, line, source_line, self.file, _field_starts(source_line, self.delimiter)))

    def checked(self, record: _Record) -> None:
        """The slow path: check every field, report each problem, store the record if all is well."""
        if len(record.row) != self.width:
            self._wrong_width(record)
            return
        before = len(self.errors.items)
        agency = self._agency(record)
        series = self._series(record)
        group = self._group(record)
        value = self._value(record, series)
        month, series = self._month_or_year(record, series)
        vintage = self._vintage(record) if self.vintage is not None else None
        if value is _MISSING:
            if len(self.errors.items) == before:
                index_month = self.loader.store._month(month)
                self.loader.store.mark_missing(agency, series, group, index_month, record.text(self.value),
                                               record.span(self.value))
            return
        if len(self.errors.items) == before:
            entry = (vintage, value, self.file_index, record.line, record.column(self.value))
            self.store((agency, series, group), month, entry, record.source_line)

    def store(self, key: tuple[str, str, str], month: int, entry: tuple, raw: str) -> None:
        clash = self.loader.store._insert(key, month, entry)
        if clash is not None:
            self.clash(clash, entry, raw)

    def clash(self, first: tuple, entry: tuple, raw: str) -> None:
        """ZD309: `entry` contradicts the `first` one stored."""
        diagnostic = conflict_diagnostic(self.loader.store, first, entry, raw.rstrip("\r\n"))
        self.errors.add(diagnostic.code, diagnostic.message, diagnostic.span, diagnostic.hint, diagnostic.source_line)

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
        if text not in self.loader.expected and "0" + text in self.loader.expected and text.isdigit():
            fixed = "0" + text
            if record.row[self.agency] not in self.loader.agencies:
                span = record.span(self.agency)
                self.loader.store.warnings.append((fixed, Diagnostic(
                    "ZD334", f"Trägerkennung »{text}« hat eine Stelle zu wenig: als »{fixed}« gelesen (führende "
                             "Null ergänzt)", span,
                    "Tabellenprogramme entfernen führende Nullen; die Spalte »traeger« als Text formatieren "
                    "oder mit »zieldsl import« einlesen.", "warnung", record.source_line)))
            text = fixed
        self.loader.agencies.setdefault(record.row[self.agency], text)
        return text

    def _series(self, record: _Record) -> str | None:
        text = record.text(self.series)
        name = self.loader.series_names.get(text.lower())
        if name is None and text.lower() in self.loader.refused:
            code, hint = self.loader.refused[text.lower()]
            self.loader.report("ZD331", f"»{code}« allein sagt nicht, welcher Wert gemeint ist", record,
                               self.series, hint)
            return None
        if name is None:
            known = self.loader.series_names.values()
            message = f"Unbekannte Reihe »{text}«" if text else "Reihe fehlt (Spalte »reihe« ist leer)"
            hint = did_you_mean(text, known) if text else None
            hint = hint or "Erlaubt sind die Reihen und Kennzahlen des Katalogs."
            self.loader.report("ZD303", message, record, self.series, hint)
        return name

    def _group(self, record: _Record) -> str | None:
        text = record.text(self.group)
        group = self.loader.group_codes.get(text.lower())
        if group is None:
            codes = sorted(set(self.loader.group_codes) - {"männer"})
            hint = did_you_mean(text, codes) or f"Erlaubt sind {', '.join(codes)}."
            self.loader.report("ZD304", f"Unbekannte Gruppe »{text}«", record, self.group, hint)
        return group

    def _month_or_year(self, record: _Record, series: str | None) -> tuple[int | None, str | None]:
        """`2026-03` a month; `2026` the annual total of a count or amount (`zieldsl.inputs.annual`)."""
        text = record.text(self.month)
        if not YEAR_RE.fullmatch(text):
            return self._month(record), series
        kind = self.loader.kinds.get(series) if series is not None else None
        if series is not None and self.loader.kinds and kind not in SUMMED_KINDS:
            what = "ein Bestand" if kind == "bestand" else "keine Summe über das Jahr"
            self.loader.report("ZD405", f"»{text}« ist eine Jahressumme, aber »{series}« ist {what}", record,
                               self.month, "Eine Jahressumme gibt es nur für Anzahlen und Beträge (z. B. "
                                           "integrationen, llu); Bestände stehen je Monat (JJJJ-MM).")
            return None, series
        return year_index(int(text)), annual_series(series) if series is not None else None

    def _month(self, record: _Record) -> int | None:
        text = record.text(self.month)
        cache = self.loader.months
        month = cache.get(text)
        if month is None:
            match = MONTH_RE.fullmatch(text)
            if match and 1 <= int(match[2]) <= 12 and 1900 <= int(match[1]) <= 2199:
                month = cache.setdefault(text, int(match[1]) * 12 + int(match[2]) - 1)
                cache.setdefault(record.row[self.month], month)
            else:
                self.loader.report("ZD305", f"Ungültiger Monat »{text}«", record, self.month,
                                   "Monate im Format JJJJ-MM (Jahr 1900–2199) schreiben, z. B. 2026-03; "
                                   "eine Jahressumme mit dem Jahr allein, z. B. 2026.")
        return month

    def _value(self, record: _Record, series: str | None):
        """The number; `_MISSING` for a missing-value marker; None after a reported problem."""
        text = record.text(self.value)
        if text.isdigit() and text.isascii() and len(text) <= 15:
            return int(text)
        if text in MISSING_MARKERS:
            return _MISSING
        try:
            value = parse_number(text, self.decimal_mark)
        except (ValueError, InvalidOperation) as error:
            self._bad_number(record, text, str(error) if str(error).startswith("zu viele Stellen") else None)
            return None
        if value < 0 and series in self.loader.non_negative:
            self.loader.report("ZD307", f"Negativer Wert {text} für die Reihe »{series}«", record, self.value,
                               "Bestände, Zählungen und Summen können nicht negativ sein; nur Kennzahlen "
                               "(Veränderungsraten) dürfen negativ sein.")
            return None
        if series in self.loader.whole and value != value.to_integral_value():
            message, hint = value_problem(self.loader.kinds[series], value)
            self.loader.report("ZD332", f"Wert {text} für die Reihe »{series}« ist {message}", record, self.value,
                               hint)
            return None
        return value

    def _bad_number(self, record: _Record, text: str, reason: str | None = None) -> None:
        if reason:
            shown = text if len(text) <= 30 else text[:30] + "…"
            message, hint = f"»{shown}« hat {reason}", "So große oder so genaue Werte kommen in den Daten nicht vor."
        elif not text:
            message, hint = ("Wert fehlt (Spalte »wert« ist leer)",
                             "Zeilen ohne Wert weglassen oder einen fehlenden Wert mit »x« kennzeichnen.")
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
                vintage = cache.setdefault(text, parse_date(text))
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
    groups: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    refused: Mapping[str, str] | None = None,
    expected_agencies: Collection[str] = (),
) -> ObservationStore:
    """Load one indicator CSV file; raise one ZielError with every problem found.

    `known_series` are raw monthly series (non-negative unless `non_negative` names
    the non-negative ones explicitly), `known_indicators` are indicator codes whose
    published values may be negative. `display_name` is the file name shown in messages.
    `kinds` gives series kinds for the plausibility checks, `refused` names refused with a hint,
    `expected_agencies` the agreements' agency codes (to recognise a lost leading zero).
    """
    loader = _Loader(known_series, known_indicators, non_negative, groups, kinds, refused, expected_agencies)
    with young_collections_only():  # no full collection walks what lives on meanwhile (agreements, results)
        loader.load(path, display_name)
    loader.errors.raise_if_any()
    return loader.store


def load_data(
    paths: Sequence[str | Path],
    known_series: Collection[str],
    known_indicators: Collection[str],
    *,
    non_negative: Collection[str] | None = None,
    groups: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    refused: Mapping[str, str] | None = None,
    expected_agencies: Collection[str] = (),
) -> ObservationStore:
    """Load CSV files and directories (every *.csv inside, sorted) into one store.

    Files named explicitly are read as CSV whatever their extension; a directory
    without CSV files contributes nothing. Duplicates across files follow the
    same rule as within one file. All problems of all files are raised together.
    `groups` maps the `gruppe` codes of catalogue groups to their names (besides
    gesamt, frauen and maenner).
    """
    loader = _Loader(known_series, known_indicators, non_negative, groups, kinds, refused, expected_agencies)
    with young_collections_only():  # no full collection walks what lives on meanwhile (agreements, results)
        for path in _expand(paths):
            if loader.errors.full:
                break
            loader.load(path)
    loader.errors.raise_if_any()
    loader.store.warnings.extend(disagreements(loader.store))
    return loader.store


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            # Everything named *.csv but a folder: a dangling link or a FIFO is reported, not skipped.
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and not p.is_dir()))
        else:
            files.append(path)
    return files
