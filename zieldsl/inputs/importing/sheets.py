"""Tables to import, as rows of cells with their positions: Excel workbooks (openpyxl) and CSV files.

Every sheet becomes a `Sheet` whose cells keep what the file held: numbers as int or
Decimal (an Excel number is a binary double; it is taken by its shortest decimal
representation, which is the number Excel shows, so 5,21 stays 5,21), text as str,
dates as `datetime.date`. Positions are `datei.xlsx:Blatt:Zeile:Spalte` (CSV files
have no sheet: `datei.csv:Zeile:Spalte`). Unreadable files are ZD703.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from zieldsl.diagnostics import Diagnostic, Span, ZielError

Cell = object  # str | int | Decimal | datetime.date | None


@dataclass(frozen=True)
class Sheet:
    """One table: `rows[i][j]` is the cell in row i + 1, column j + 1."""

    file: str
    name: str | None  # the sheet name; None for a CSV file
    rows: list[list[Cell]]
    decimal_mark: str = ","  # for numbers written as text: German Excel and `;` files use a comma

    @property
    def where(self) -> str:
        """`datei.xlsx:Blatt` (or `datei.csv`), the file part of a position."""
        return f"{self.file}:{self.name}" if self.name is not None else self.file

    def span(self, row: int, column: int) -> Span:
        """Row and column count from 1."""
        return Span(self.where, row, column)


def column_letter(column: int) -> str:
    """1 → A, 27 → AA: how spreadsheet users name a column."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheets(path: str | Path) -> list[Sheet]:
    """All sheets of an `.xlsx` file, or the one table of a `.csv` file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    if suffix in (".csv", ".txt"):
        return [_read_csv(path)]
    hint = ("Alte Excel-Dateien (.xls) in Excel oder LibreOffice als .xlsx speichern."
            if suffix in (".xls", ".ods") else "Gelesen werden .xlsx- und .csv-Dateien.")
    raise ZielError([Diagnostic("ZD703", f"»{path.name}« ist keine Excel-Datei (.xlsx) und keine CSV-Datei",
                                Span(str(path), 1, 1), hint)])


def _unreadable(path: Path, reason: str) -> ZielError:
    return ZielError([Diagnostic("ZD703", f"Datei kann nicht gelesen werden: {reason}", Span(str(path), 1, 1),
                                 "Den Pfad prüfen; die Datei in Excel öffnen und als .xlsx oder CSV (UTF-8) "
                                 "speichern.")])


def _read_workbook(path: Path) -> list[Sheet]:
    import openpyxl

    if not path.is_file():
        raise _unreadable(path, "nicht gefunden" if not path.exists() else "keine Datei")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files; all mean "not a workbook"
        raise _unreadable(path, f"keine gültige .xlsx-Arbeitsmappe ({type(exc).__name__})") from None
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            rows = [[_cell(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
            sheets.append(Sheet(str(path), worksheet.title, rows))
        return sheets
    finally:
        workbook.close()


def _cell(value) -> Cell:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if value != int(value) else int(value)
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _read_csv(path: Path) -> Sheet:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc.strerror or type(exc).__name__) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # German Excel's "CSV" without UTF-8
    head = "\n".join(text.splitlines()[:20])
    delimiter = max((";", "\t", ","), key=head.count)
    rows = [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return Sheet(str(path), None, rows, "." if delimiter == "," else ",")
