"""German number and date formatting (babel), the one place figures become text.

Rounding is commercial (half away from zero, `ROUND_HALF_UP`) and done here with
Decimal before babel sees the number, so text and judgement never disagree.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

LOCALE = "de_DE"


@lru_cache(maxsize=None)
def _locale() -> Locale:
    return Locale.parse(LOCALE)


@lru_cache(maxsize=None)
def _number_pattern(places: int, signed: bool) -> NumberPattern:
    """The parsed babel pattern (what `format_decimal` parses anew on every call)."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return parse_pattern(pattern)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Kaufmännisch runden: −1,55 → −1,6; 5,75 → 5,8."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def places_of(value: Decimal) -> int:
    """Decimals as written: Decimal("0.25") → 2, Decimal("5.8") → 1, Decimal("14") → 0."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number(value: Decimal | int | None, places: int | None = None, signed: bool = False) -> str:
    """`9327771` → "9.327.771", `Decimal("5.8")` → "5,8"; `places` rounds half up first."""
    if value is None:
        return "–"
    value = Decimal(value)
    if places is None:
        places = places_of(value)
    value = round_half_up(value, places)
    if value == 0:
        value = abs(value)  # never print "-0,0"
    text = _grouped(value, places, signed)
    if signed and value == 0:
        text = "±" + text.lstrip("+-")
    return text


def _grouped(value: Decimal, places: int, signed: bool) -> str:
    """What babel's pattern `#,##0.00` (with `+…;-…` when signed) writes for a value already rounded
    to `places`, with the locale's symbols from babel.

    Python's own `format` groups and places the digits; since the value has exactly `places`
    decimals, nothing is rounded again. babel's `NumberPattern.apply` took 28 µs a number (most of
    the time of a reason text); this takes 2. tests/test_german_numbers.py holds both to the same
    text on random values.
    """
    decimal, group, minus, plus = _symbols()
    text = format(value, f",.{places}f")
    if text[0] == "-":
        sign, text = minus, text[1:]
    else:
        sign = plus if signed else ""
    return sign + text.translate({44: group, 46: decimal})  # "," → group, "." → decimal, at once


@lru_cache(maxsize=None)
def _symbols() -> tuple[str, str, str, str]:
    symbols = _locale().number_symbols["latn"]
    return symbols["decimal"], symbols["group"], symbols["minusSign"], symbols["plusSign"]


def babel_number(value: Decimal, places: int, signed: bool) -> str:
    """babel's own text for a value rounded to `places` (the reference `_grouped` is tested against)."""
    return _number_pattern(places, signed).apply(value, _locale(), decimal_quantization=True,
                                                 group_separator=True, numbering_system="latn")


def percent(value: Decimal | None, places: int | None = None, signed: bool = False) -> str:
    """"5,8 %" (German style: a space before the sign)."""
    return "–" if value is None else f"{number(value, places, signed)} %"


def points(value: Decimal | None, places: int | None = None, signed: bool = True) -> str:
    """"+0,4 Prozentpunkte"."""
    if value is None:
        return "–"
    one = round_half_up(abs(Decimal(value)), places if places is not None else places_of(Decimal(value))) == 1
    return f"{number(value, places, signed)} Prozentpunkt{'' if one else 'e'}"


def euro(value: Decimal | None, places: int = 0) -> str:
    """"9.327.771 EUR"."""
    return "–" if value is None else f"{number(value, places)} EUR"


def amount(value: Decimal | None, unit: str, places: int | None = None, signed: bool = False) -> str:
    """A figure with its unit: "%" → percent, "prozentpunkte" → points, "EUR", "Anzahl" → plain."""
    if unit == "%":
        return percent(value, places, signed)
    if unit == "prozentpunkte":
        return points(value, places, signed)
    if unit == "EUR":
        return "–" if value is None else f"{number(value, places if places is not None else 0, signed)} EUR"
    return number(value, places if places is not None else 0, signed) if value is not None else "–"


def date_long(value: datetime.date | None) -> str:
    """"17. Februar 2026"."""
    return "–" if value is None else format_date(value, format="d. MMMM y", locale=LOCALE)


def date_short(value: datetime.date | None) -> str:
    """"17.02.2026"."""
    return "–" if value is None else f"{value.day:02d}.{value.month:02d}.{value.year}"


_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"]


def month_name(month: int) -> str:
    return _MONTHS[month - 1]


def month_long(text: str) -> str:
    """"2026-06" → "Juni 2026"."""
    year, month = text.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


# ------------------------------------------------------------------ typography of running text

_UNIT_SPACE = re.compile(r"(\d) (%|EUR\b|Euro\b|Prozentpunkte?\b|Pp\.)")
_MINUS = re.compile(r"(^|[\s(\[/;:])-(?=\d)")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]{1,200})"')
_DIGIT = re.compile(r"\d").search


def typeset(text: str) -> str:
    """German typesetting of a text shown in a document: a no-break space between a number and
    its unit ("5,8 %", "9.327.771 EUR", "0,4 Prozentpunkte" never split across lines), the minus
    sign (−2,3 % instead of -2,3 %), German quotation marks („…“) for straight ones.

    Applied to the strings a document shows (`zieldsl.documents.context`), never to numbers
    meant for machines (JSON) or to markup.
    """
    if not text:
        return text
    if _DIGIT(text):  # units and minus signs stand next to a digit; most shown texts have none
        text = _UNIT_SPACE.sub("\\1\u00a0\\2", text)
        text = _MINUS.sub("\\1\u2212", text)
    return _STRAIGHT_QUOTES.sub("\u201e\\1\u201c", text) if '"' in text else text
