"""Number, month and date rules of the data files, so that no value is read two ways.

Number rules (the CSV field `wert`):

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

Dates are `JJJJ-MM-TT` (`ladestand`, evidence dates); `date_hint` explains a bad one in German.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

__all__ = ["parse_number", "parse_date", "date_hint", "MONTH_RE", "SIMPLE_DECIMAL"]

MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{2})")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_GERMAN_DATE_RE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_NUMBER_BODY_RE = re.compile(r"[0-9](?:[0-9.,]*[0-9])?")
SIMPLE_DECIMAL = {mark: re.compile(r"[0-9]+" + re.escape(mark) + r"[0-9]+") for mark in ".,"}
_GROUPED = {sep: re.compile(r"[1-9][0-9]{0,2}(?:" + re.escape(sep) + r"[0-9]{3})+") for sep in ".,"}


# Values every later step computes exactly (decimal's 28 digits; issue 12 found 29-digit crashes).
MAX_WHOLE_DIGITS = 15
MAX_DECIMAL_DIGITS = 10


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
    whole, _, fraction = plain.partition(".")
    if len(whole.lstrip("0")) > MAX_WHOLE_DIGITS or len(fraction) > MAX_DECIMAL_DIGITS:
        raise ValueError(f"zu viele Stellen (höchstens {MAX_WHOLE_DIGITS} vor und {MAX_DECIMAL_DIGITS} nach dem "
                         f"Komma)")
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


def parse_date(text: str) -> datetime.date:
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

