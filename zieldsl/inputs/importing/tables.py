"""Turn the sheets of published or Land tables into zieldsl's values, by an import profile.

Wide shape: one row per agency, one column per series and group (`K2_F`). Long shape:
one row per value, with columns for the series, the group and the value. Rows whose
agency cell is not an agency code (Land, West/Ost, Bund, footnotes) are skipped and
reported. A code with one digit less than the profile's `stellen` lost its leading
zero in a spreadsheet (county codes of the Länder 01–09 begin with 0): it is padded,
with a warning naming the cell. Everything that cannot be mapped is refused with
its position `datei.xlsx:Blatt:Zeile:Spalte` (ZD703–ZD712), all at once.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from zieldsl.diagnostics import Diagnostic, Span, did_you_mean
from zieldsl.inputs.importing.profile import Profile, normalise
from zieldsl.inputs.importing.sheets import Cell, Sheet, column_letter
from zieldsl.inputs.numbers import parse_number
from zieldsl.inputs.plausibility import value_problem
from zieldsl.language.catalog import Catalog
from zieldsl.months import Month

MISSING = "x"  # how a missing value is written to zieldsl's CSV
HEADER_SEARCH_ROWS = 40
MAX_PROBLEMS = 200

_MONTH_NAMES = {
    "januar": 1, "jan": 1, "jänner": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3, "mrz": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
_MONTH_NAME_RE = re.compile(r"\b(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?\s*([0-9]{4})\b",
                            re.IGNORECASE)
_MONTH_NUMBER_RE = re.compile(r"\b(?:([0-9]{4})[-/]([0-9]{1,2})|([0-9]{1,2})[./]([0-9]{4}))\b")
_GERMAN_DATE = r"([0-9]{1,2})\.\s?([0-9]{1,2})\.\s?([0-9]{4})"
_ISO_DATE = r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
_DATE_RE = re.compile(_GERMAN_DATE + "|" + _ISO_DATE)
_GROUP_WORDS = {"gesamt": "gesamt", "insgesamt": "gesamt", "frauen": "frauen", "weiblich": "frauen",
                "maenner": "maenner", "männer": "maenner", "männlich": "maenner"}


@dataclass(frozen=True)
class Value:
    """One value read from a table: a number, or None when the cell marks it missing."""

    agency: str
    series: str
    group: str
    month: Month
    vintage: datetime.date | None
    value: Decimal | int | None
    span: Span
    raw: str  # the cell as written, for messages and the missing-value report


@dataclass
class Reading:
    """What the importer found: values, skipped rows and sheets, warnings and refusals."""

    values: dict[tuple, Value] = field(default_factory=dict)
    skipped: list[tuple[Span, str]] = field(default_factory=list)
    sheets_read: list[str] = field(default_factory=list)
    rows_read: int = 0
    problems: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    vintages: dict[str, str] = field(default_factory=dict)  # sheet → where its Ladestand came from

    def refuse(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Diagnostic(code, message, span, hint))

    def warn(self, code: str, message: str, span: Span, hint: str | None = None) -> None:
        self.warnings.append(Diagnostic(code, message, span, hint, "warnung"))


def read_tables(sheets_by_file: list[tuple[str, list[Sheet]]], profile: Profile, catalog: Catalog,
                vintage: datetime.date | None) -> Reading:
    """Read every sheet of every file by the profile; `vintage` (CLI --ladestand) wins over the table's."""
    reading = Reading()
    kinds = {name: catalog.series_kind(name) for name in set(profile.series.values())}
    for file, sheets in sheets_by_file:
        found_header = False
        for sheet in sheets:
            if sheet.name is not None and any(p.search(sheet.name) for p in profile.skipped_sheets):
                reading.skipped.append((Span(sheet.where, 1, 1), "Blatt ohne Daten (laut Profil »blaetter_ohne«)"))
                continue
            header = _header_row(sheet, profile)
            if header is None:
                if any(any(c not in (None, "") for c in row) for row in sheet.rows):
                    reading.skipped.append((Span(sheet.where, 1, 1), "keine Kopfzeile mit der Spalte des Trägers "
                                                                     f"({', '.join(profile.agency_columns)})"))
                continue
            found_header = True
            _SheetReader(sheet, header, profile, kinds, vintage, reading).read()
        if not found_header:
            reading.refuse("ZD704", "Keine Tabelle gefunden: keine Zeile enthält die Spalte des Trägers "
                           f"({', '.join(profile.agency_columns)})", Span(file, 1, 1),
                           "Im Importprofil unter »traeger: spalten:« die Überschrift der Spalte mit der Kennung "
                           "eintragen, oder ein anderes Profil wählen (--profil).")
    return reading


def _header_row(sheet: Sheet, profile: Profile) -> int | None:
    """0-based index of the first row that has the agency column's heading."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if any(isinstance(c, str) and normalise(c) in profile.agency_columns for c in row):
            return index
    return None


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format(cell, "f").replace(".", ",")
    return str(cell).strip()


def month_in_text(text: str) -> Month | None:
    """A Berichtsmonat in a sheet name or title: »Juni 2026«, »Jun. 2026«, »2026-06«, »06/2026«, »06.2026«.

    Full dates (a Datenstand »05.07.2026«) are not months and are ignored.
    """
    text = _DATE_RE.sub(" ", text)
    match = _MONTH_NAME_RE.search(text)
    if match:
        return Month(int(match[2]), _MONTH_NAMES[match[1].lower()])
    match = _MONTH_NUMBER_RE.search(text)
    if match:
        year, month = (match[1], match[2]) if match[1] else (match[4], match[3])
        if 1 <= int(month) <= 12:
            return Month(int(year), int(month))
    return None


def date_in_text(text: str) -> datetime.date | None:
    match = _DATE_RE.search(text)
    if not match:
        return None
    try:
        if match[1]:
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        return datetime.date(int(match[4]), int(match[5]), int(match[6]))
    except ValueError:
        return None


def _cell_month(cell: Cell) -> Month | None:
    if isinstance(cell, datetime.date):
        return Month(cell.year, cell.month)
    if isinstance(cell, int) and 190001 <= cell <= 219912 and 1 <= cell % 100 <= 12:
        return Month(cell // 100, cell % 100)  # 202606
    return month_in_text(_text(cell)) if cell is not None else None


def _cell_date(cell: Cell) -> datetime.date | None:
    if isinstance(cell, datetime.date):
        return cell
    return date_in_text(_text(cell)) if cell is not None else None


class _SheetReader:
    """Reads one sheet from its header row on."""

    def __init__(self, sheet: Sheet, header: int, profile: Profile, kinds: dict, vintage: datetime.date | None,
                 reading: Reading) -> None:
        self.sheet, self.header, self.profile, self.kinds, self.reading = sheet, header, profile, kinds, reading
        self.headings = [normalise(c) if c is not None else "" for c in sheet.rows[header]]
        self.title = [row for row in sheet.rows[:header]]
        self.fixed_vintage = vintage

    # -- where things are
    def pos(self, row: int, column: int) -> Span:
        return self.sheet.span(row + 1, column + 1)

    def column_of(self, names: tuple[str, ...]) -> int | None:
        for index, heading in enumerate(self.headings):
            if heading in names:
                return index
        return None

    def read(self) -> None:
        profile, reading = self.profile, self.reading
        agency_column = self.column_of(profile.agency_columns)
        month_column = self.column_of(profile.month_columns) if "spalte" in profile.month_sources else None
        vintage_column = self.column_of(profile.vintage_columns) if "spalte" in profile.vintage_sources else None
        sheet_month = None if month_column is not None else self.sheet_month()
        if month_column is None and sheet_month is None:
            reading.refuse("ZD707", "Berichtsmonat nicht erkennbar: keine Monatsspalte, kein Monat im Blattnamen "
                           f"»{self.sheet.name or ''}« oder im Titel", self.pos(self.header, 0),
                           "Das Blatt nach dem Monat benennen (»Juni 2026« oder »2026-06«), eine Spalte "
                           "»Berichtsmonat« anlegen oder im Profil »berichtsmonat: aus:« anpassen.")
            return
        sheet_vintage = self.fixed_vintage or (None if vintage_column is not None else self.title_vintage())
        sheet_group = next((g for word, g in profile.group_sheets if self.sheet.name and word in
                            normalise(self.sheet.name)), None)
        columns = self.wide_columns(agency_column, month_column, vintage_column, sheet_group) \
            if profile.shape == "breit" else self.long_columns(agency_column, month_column, vintage_column)
        if columns is None:
            return
        reading.sheets_read.append(self.sheet.where)
        for index in range(self.header + 1, len(self.sheet.rows)):
            row = self.sheet.rows[index]
            if all(c in (None, "") for c in row):
                continue
            agency = self.agency(row, index, agency_column)
            if agency is None:
                continue
            month = sheet_month
            if month_column is not None:
                month = _cell_month(row[month_column] if month_column < len(row) else None)
                if month is None:
                    reading.refuse("ZD707", f"»{_text(row[month_column]) if month_column < len(row) else ''}« ist "
                                   "kein Berichtsmonat", self.pos(index, month_column),
                                   "Monate als »2026-06«, »06/2026« oder »Juni 2026« schreiben.")
                    continue
            vintage = sheet_vintage
            if vintage_column is not None and not self.fixed_vintage:
                cell = row[vintage_column] if vintage_column < len(row) else None
                vintage = _cell_date(cell)
                if vintage is None and cell not in (None, ""):
                    reading.refuse("ZD708", f"»{_text(cell)}« ist kein Ladestand (Datum)",
                                   self.pos(index, vintage_column), "Datum als TT.MM.JJJJ oder JJJJ-MM-TT.")
                    continue
            reading.rows_read += 1
            columns(row, index, agency, month, vintage)

    def sheet_month(self) -> Month | None:
        for source in self.profile.month_sources:
            if source == "blatt" and self.sheet.name:
                month = month_in_text(self.sheet.name)
            elif source == "titel":
                month = next((m for m in (month_in_text(_text(c)) for row in self.title for c in row if
                                          isinstance(c, str)) if m), None)
            else:
                month = None
            if month is not None:
                return month
        return None

    def title_vintage(self) -> datetime.date | None:
        """A date next to a label such as »Datenstand« above the table (same cell or the next one)."""
        if "titel" not in self.profile.vintage_sources:
            return None
        labels = [label.lower() for label in self.profile.vintage_labels]
        for row_index, row in enumerate(self.title):
            for column, cell in enumerate(row):
                text = _text(cell).lower()
                if not any(label in text for label in labels):
                    continue
                found = date_in_text(text)
                if found is None:
                    found = next((d for d in (_cell_date(c) for c in row[column + 1:]) if d), None)
                if found is not None:
                    self.reading.vintages[self.sheet.where] = (f"aus dem Titel, {self.sheet.where}:"
                                                               f"{row_index + 1}:{column + 1}")
                    return found
        return None

    # -- agencies
    def agency(self, row: list[Cell], index: int, column: int) -> str | None:
        cell = row[column] if column < len(row) else None
        digits = self.profile.agency_digits
        if isinstance(cell, Decimal) and cell == cell.to_integral_value():
            cell = int(cell)
        text = str(cell) if isinstance(cell, int) else _text(cell)
        if not text:
            first = next((_text(c) for c in row if c not in (None, "")), "")
            self.reading.skipped.append((self.pos(index, column), f"ohne Trägerkennung (»{first[:40]}«)"))
            return None
        if text.isdigit() and len(text) == digits:
            return text
        if text.isdigit() and len(text) == digits - 1:
            fixed = "0" + text
            self.reading.warn("ZD710", f"Trägerkennung »{text}« hat eine Stelle zu wenig: als »{fixed}« gelesen "
                              "(führende Null ergänzt)", self.pos(index, column),
                              "Tabellenprogramme entfernen führende Nullen; die Spalte als Text formatieren.")
            return fixed
        reason = (f"Regionalzeile »{text}« (keine {digits}-stellige Trägerkennung)" if text.isalnum() and len(text) < 12
                  else f"keine Trägerkennung (»{text[:60]}«)")
        self.reading.skipped.append((self.pos(index, column), reason))
        return None

    # -- the two shapes
    def wide_columns(self, agency_column, month_column, vintage_column, sheet_group):
        """Map each heading to (series, group); refuse what the profile does not know."""
        profile = self.profile
        used = {agency_column, month_column, vintage_column}
        mapped: list[tuple[int, str, str]] = []
        ok = True
        for index, heading in enumerate(self.headings):
            if index in used or not heading or heading in profile.ignored:
                continue
            target = self.series_of(heading, sheet_group)
            if target is None:
                ok = False
                self.reading.refuse("ZD705", f"Spalte »{_text(self.sheet.rows[self.header][index])}« ist im "
                                    f"Importprofil nicht zugeordnet{self.letter(index)}", self.pos(self.header, index),
                                    did_you_mean(heading, list(profile.series)) or
                                    "Im Profil unter »reihen« einer Reihe zuordnen oder unter »ignorieren« "
                                    "aufführen.")
                continue
            mapped.append((index, *target))
        if not ok:
            return None

        def read_row(row, index, agency, month, vintage):
            for column, series, group in mapped:
                cell = row[column] if column < len(row) else None
                self.add(agency, series, group, month, vintage, cell, index, column)

        return read_row

    def series_of(self, heading: str, sheet_group: str | None) -> tuple[str, str] | None:
        for ending, group in self.profile.group_endings:
            base = heading[: len(heading) - len(ending)].strip() if ending else heading
            if heading.endswith(ending) and base in self.profile.series:
                return self.profile.series[base], (sheet_group if not ending and sheet_group else group)
        if heading in self.profile.series:
            return self.profile.series[heading], sheet_group or "gesamt"
        return None

    def long_columns(self, agency_column, month_column, vintage_column):
        profile = self.profile
        series_column = self.column_of(profile.series_columns)
        value_column = self.column_of(profile.value_columns)
        group_column = self.column_of(profile.group_columns)
        for name, column, names in (("reihe", series_column, profile.series_columns),
                                    ("wert", value_column, profile.value_columns)):
            if column is None:
                self.reading.refuse("ZD705", f"Spalte für »{name}« fehlt in der Kopfzeile (erwartet: "
                                    f"{', '.join(names)})", self.pos(self.header, 0),
                                    f"Im Profil unter »{name}: spalten:« die Überschrift eintragen.")
                return None

        def read_row(row, index, agency, month, vintage):
            cell = row[series_column] if series_column < len(row) else None
            series = profile.series.get(normalise(_text(cell)))
            if series is None:
                self.reading.refuse("ZD712", f"»{_text(cell)}« ist im Importprofil keiner Reihe zugeordnet",
                                    self.pos(index, series_column),
                                    did_you_mean(normalise(_text(cell)), list(profile.series)) or
                                    "Im Profil unter »reihen« zuordnen.")
                return
            group = "gesamt"
            if group_column is not None:
                word = normalise(_text(row[group_column] if group_column < len(row) else None))
                group = profile.group_values.get(word) or _GROUP_WORDS.get(word)
                if group is None:
                    self.reading.refuse("ZD711", f"Unbekannte Gruppe »{word}«", self.pos(index, group_column),
                                        "Im Profil unter »gruppen: werte:« zuordnen (gesamt, frauen, maenner).")
                    return
            self.add(agency, series, group, month, vintage, row[value_column] if value_column < len(row) else None,
                     index, value_column)

        return read_row

    # -- values
    def letter(self, column: int) -> str:
        return f" (Spalte {column_letter(column + 1)})" if self.sheet.name is not None else ""

    def add(self, agency, series, group, month, vintage, cell, row, column) -> None:
        reading, span = self.reading, self.pos(row, column)
        raw = _text(cell)
        value = self.number(cell, raw, span, series)
        if value is False:
            return
        item = Value(agency, series, group, month, vintage, value, span, raw)
        key = (agency, series, group, month, vintage)
        earlier = reading.values.get(key)
        if earlier is not None and earlier.value != value:
            reading.refuse("ZD709", f"Derselbe Wert ({agency}, {series}, {group}, {month}) steht schon in "
                           f"{earlier.span} mit »{earlier.raw}«, hier »{raw}«", span,
                           "Jeder Wert darf je Träger, Reihe, Gruppe, Monat und Ladestand nur einmal vorkommen; "
                           "doppelte Blätter oder Dateien entfernen.")
            return
        reading.values[key] = item

    def number(self, cell: Cell, raw: str, span: Span, series: str):
        """The cell's number, None for a missing-value marker, False after a refusal."""
        if (cell is None and "" in self.profile.missing) or (isinstance(cell, str) and raw in self.profile.missing):
            return None
        if isinstance(cell, (int, Decimal)):
            value = cell
        elif isinstance(cell, str):

            try:
                value = parse_number(raw, self.sheet.decimal_mark)
            except (ValueError, InvalidOperation):
                markers = ", ".join(f"»{m}«" for m in sorted(self.profile.missing) if m)
                self.reading.refuse("ZD706", f"»{raw}« ist keine Zahl{self.letter(span.column - 1)}", span,
                                    f"Fehlende Werte kennzeichnet das Profil mit {markers}; andere Texte sind "
                                    "nicht erlaubt.")
                return False
        else:
            self.reading.refuse("ZD706", f"Leere Zelle oder kein Zahlwert »{raw}«{self.letter(span.column - 1)}",
                                span, "Im Profil unter »fehlend« festlegen, was eine leere Zelle bedeutet.")
            return False
        problem = value_problem(self.kinds.get(series), value)
        if problem is not None:
            message, hint = problem
            self.reading.refuse("ZD706", f"Wert {raw} für »{series}« ist {message}", span, hint)
            return False
        return value
