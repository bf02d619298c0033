"""Year-to-date values (Jahresfortschrittswerte) from raw monthly series, per catalogue formula.

The formulas of `catalog.FUNCTIONS`, over the months 1 … m of a year y (m = the
reporting month; domain.md § 3):

* `summe(r)`             Σ r(1..m)
* `mittelwert(r)`        mean of the monthly stocks r(1..m)
* `quote(z, n)`          100 × Σ z(1..m) / mean(n over the months preceding each:
                         December of y−1 … m−1)
* `anteil(z, n)`         100 × Σ z(1..m) / Σ n(1..m)
* `rate(z, n)`           mean over i of 100 × z(i) / n(i)
* `rate_vormonat(z, n)`  mean over i of 100 × z(i) / n(i−1)

The December value is the year-end value (Jahresendwert). Everything is computed
with exact rationals (`fractions.Fraction`, never floats) so that a value that is
exactly on a rounding boundary (a change of +5,75 %) stays exactly there; the
boundary to the rest of zieldsl is `to_decimal`, which gives a Decimal with 28
significant digits. Nothing here knows about agencies, groups or vintages: a
`fetch(series, month)` callable supplies the values.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Callable, Mapping

from zieldsl.months import Month

PRECISION = 28

# fetch(series, month) → the value, or None when the data has no value for it
Fetch = Callable[[str, Month], "Decimal | Fraction | int | None"]

RATIO_FUNCTIONS = ("quote", "anteil", "rate", "rate_vormonat")


@dataclass(frozen=True)
class YearToDate:
    """One year-to-date value and what it rests on.

    value: the figure (None when it cannot be formed: `missing` or `undefined` say why).
    numerator: Σ of the numerator series (ratios), Σ (summe) or mean (mittelwert) of the series.
    denominator: the denominator as the formula uses it (mean stock for quote, Σ for anteil,
                 mean stock for the rates); None for summe/mittelwert.
    used: every (series, month) the value rests on, in formula order.
    missing: the (series, month) pairs without a value.
    undefined: "nenner_null" when a denominator is zero.
    """

    function: str
    args: tuple[str, ...]
    first: Month
    last: Month
    value: Fraction | None
    numerator: Fraction | None
    denominator: Fraction | None
    used: tuple[tuple[str, Month], ...]
    missing: tuple[tuple[str, Month], ...]
    undefined: str | None = None
    totals: tuple[str, ...] = ()  # series whose annual total (CSV `monat` = JJJJ) stood in for their months


_DIVISION = decimal.Context(prec=PRECISION, rounding=decimal.ROUND_HALF_EVEN)
_EXACT_INTEGERS = 10**PRECISION


def to_decimal(value: Fraction | None) -> Decimal | None:
    """An exact rational as a Decimal of 28 significant digits (exact where it terminates)."""
    if value is None:
        return None
    numerator, denominator = value.numerator, value.denominator
    if denominator == 1 and -_EXACT_INTEGERS < numerator < _EXACT_INTEGERS:
        return Decimal(numerator)  # what the division by one gives, without it
    return _DIVISION.divide(Decimal(numerator), Decimal(denominator))


def months_of(year: int, month: int) -> list[Month]:
    """January … `month` of `year`."""
    return list(_months_of(year, month))


@lru_cache(maxsize=1024)
def _months_of(year: int, month: int) -> tuple[Month, ...]:
    return tuple(Month(year, m) for m in range(1, month + 1))


@lru_cache(maxsize=1024)
def _required(function: str, args: tuple[str, ...], current: tuple[Month, ...]) -> tuple[tuple[str, Month], ...]:
    return tuple(required(function, args, list(current)))


@lru_cache(maxsize=1024)
def _runs(function: str, args: tuple[str, ...], current: tuple[Month, ...]) -> tuple[tuple[str, tuple[Month, ...]], ...]:
    """`required` as (series, its months) runs, in the same order."""
    runs: list[tuple[str, list[Month]]] = []
    for series, month in _required(function, args, current):
        if not runs or runs[-1][0] != series:
            runs.append((series, []))
        runs[-1][1].append(month)
    return tuple((series, tuple(months)) for series, months in runs)


class SeriesTable:
    """A `Fetch` over a table series → month → value, which `over_months` reads series by series."""

    __slots__ = ("table",)

    def __init__(self, table: "dict[str, Mapping[Month, Decimal | Fraction | int]]") -> None:
        self.table = table

    def __call__(self, series: str, month: Month):
        values = self.table.get(series)
        return values.get(month) if values is not None else None


def required(function: str, args: tuple[str, ...], current: list[Month]) -> list[tuple[str, Month]]:
    """Every (series, month) the formula needs for a value over the months `current`."""
    previous = [m.shift(-1) for m in current]
    if function in ("summe", "mittelwert"):
        return [(args[0], m) for m in current]
    numerator, denominator = args
    if function in ("quote", "rate_vormonat"):
        return [(numerator, m) for m in current] + [(denominator, m) for m in previous]
    if function in ("anteil", "rate"):
        return [(numerator, m) for m in current] + [(denominator, m) for m in current]
    raise ValueError(f"Unbekannte Formel »{function}«")


def year_to_date(function: str, args: tuple[str, ...], year: int, month: int, fetch: Fetch,
                 totals: "dict[str, Fraction | int] | None" = None) -> YearToDate:
    """The year-to-date value of `month` in `year` by the catalogue formula `function(args)`.

    `totals`: annual totals that stand in for the sum of a series over the months (a full
    year of a `summe`, or the numerator of a `quote` or `anteil`; `zieldsl.inputs.annual`).
    """
    if totals:
        return _with_totals(function, args, _months_of(year, month), fetch, totals)
    return over_months(function, args, _months_of(year, month), fetch)


def _with_totals(function: str, args: tuple[str, ...], current, fetch: Fetch, totals) -> YearToDate:
    """`over_months` with the sum of the series in `totals` taken from there instead of from the months."""
    used = [series for series in args[:1] if series in totals and function in ("summe", "quote", "anteil")]
    if not used:
        return over_months(function, args, list(current), fetch)
    series = used[0]
    total = Fraction(totals[series])
    months = list(current)

    def stand_in(name: str, month: Month):
        if name == series and month in months:
            return total if month == months[-1] else 0  # the months' sum is the annual total
        return fetch(name, month)

    result = over_months(function, args, months, stand_in)
    kept = tuple(key for key in result.used if key[0] != series or key[1] not in months)
    return YearToDate(result.function, result.args, result.first, result.last, result.value, result.numerator,
                      result.denominator, kept, result.missing, result.undefined, (series,))


def year_to_date_values(function: str, args: tuple[str, ...], year: int, last: int,
                        fetch: Fetch) -> list[Fraction | None]:
    """`year_to_date(function, args, year, k, fetch).value` for k = 1 … `last`, in one pass.

    The monthly values of a chart need only the figure, not what it rests on; running
    sums give exactly the same rationals as computing each month from scratch.
    """
    months = _months_of(year, last)
    if function in ("summe", "mittelwert"):
        numerators, denominators = _fractions(fetch, args[0], months), None
    elif function in ("quote", "rate_vormonat"):
        numerators = _fractions(fetch, args[0], months)
        denominators = _fractions(fetch, args[1], [m.shift(-1) for m in months])
    elif function in ("anteil", "rate"):
        numerators, denominators = _fractions(fetch, args[0], months), _fractions(fetch, args[1], months)
    else:
        raise ValueError(f"Unbekannte Formel »{function}«")
    whole = all(v is None or v.denominator == 1 for v in numerators + (denominators or []))
    if whole:  # counts and stocks: add ints, build the rationals at the end (same values, far faster)
        return _whole_values(function, [None if v is None else v.numerator for v in numerators],
                             None if denominators is None else
                             [None if v is None else v.numerator for v in denominators])
    values: list[Fraction | None] = []
    sum_z = sum_n = sum_ratios = Fraction(0)
    complete, zero_denominator = True, False
    for index, z in enumerate(numerators):
        n = denominators[index] if denominators is not None else None
        complete = complete and z is not None and (denominators is None or n is not None)
        if not complete:
            values.append(None)
            continue
        count = index + 1
        sum_z += z
        if function == "summe":
            values.append(Fraction(sum_z))
            continue
        if function == "mittelwert":
            values.append(Fraction(sum_z) / count)
            continue
        sum_n += n
        if function == "quote":
            values.append(None if sum_n == 0 else 100 * Fraction(sum_z) / (Fraction(sum_n) / count))
        elif function == "anteil":
            values.append(None if sum_n == 0 else 100 * Fraction(sum_z) / sum_n)
        else:
            zero_denominator = zero_denominator or n == 0
            if zero_denominator:
                values.append(None)
            else:
                sum_ratios += 100 * Fraction(z) / n
                values.append(Fraction(sum_ratios) / count)
    return values


def _whole_values(function: str, numerators: list[int | None],
                  denominators: list[int | None] | None) -> list[Fraction | None]:
    """`year_to_date_values` for whole numbers (counts and stocks): integer running sums and one
    rational per month, built from two integers (the same value as the general path's arithmetic
    on rationals, which builds four or five)."""
    values: list[Fraction | None] = []
    sum_z = sum_n = 0
    sum_ratios = Fraction(0)
    zero_denominator = False
    for index, z in enumerate(numerators):
        n = denominators[index] if denominators is not None else None
        if z is None or (denominators is not None and n is None):
            values.extend([None] * (len(numerators) - index))
            break
        count = index + 1
        sum_z += z
        if function == "summe":
            values.append(Fraction(sum_z))
        elif function == "mittelwert":
            values.append(Fraction(sum_z, count))
        elif function == "quote":
            sum_n += n
            values.append(None if sum_n == 0 else Fraction(100 * sum_z * count, sum_n))
        elif function == "anteil":
            sum_n += n
            values.append(None if sum_n == 0 else Fraction(100 * sum_z, sum_n))
        else:
            zero_denominator = zero_denominator or n == 0
            if zero_denominator:
                values.append(None)
            else:
                sum_ratios += Fraction(100 * z, n)
                values.append(sum_ratios / count)
    return values


def _fractions(fetch: Fetch, series: str, months) -> list[Fraction | int | None]:
    """The values as exact numbers: ints stay ints (the sums below build the rationals)."""
    out: list[Fraction | int | None] = []
    for month in months:
        raw = fetch(series, month)
        out.append(raw if raw is None or type(raw) is int or type(raw) is Fraction else Fraction(raw))
    return out


def over_months(function: str, args: tuple[str, ...], current: list[Month], fetch: Fetch) -> YearToDate:
    """The formula over consecutive months `current` (their year-to-date value)."""
    current = tuple(current)
    args = tuple(args)
    needed = _required(function, args, current)
    table = getattr(fetch, "table", None)  # a `SeriesTable`: its months are looked up series by series
    if table is None:
        raws = [fetch(series, month) for series, month in needed]
    else:
        raws = []
        for series, months in _runs(function, args, current):
            values = table.get(series)
            raws += map(values.get, months) if values is not None else [None] * len(months)
    if None in raws:
        missing = tuple(key for key, raw in zip(needed, raws) if raw is None)
        return YearToDate(function, args, current[0], current[-1], None, None, None, needed, missing)
    count = len(current)
    # `needed` holds the numerator's months first, then the denominator's (`required`)
    if all(type(raw) is int for raw in raws):
        return _whole(function, args, current, needed, raws[:count], raws[count:])
    values = [raw if type(raw) is int or type(raw) is Fraction else Fraction(raw) for raw in raws]
    numerators, denominators = values[:count], values[count:]
    base = dict(function=function, args=args, first=current[0], last=current[-1], used=needed, missing=())
    if function == "summe":
        total = _exact_sum(numerators)
        return YearToDate(value=total, numerator=total, denominator=None, **base)
    if function == "mittelwert":
        mean = _exact_sum(numerators) / count
        return YearToDate(value=mean, numerator=mean, denominator=None, **base)
    numerator = _exact_sum(numerators)
    if function == "quote":
        mean = _exact_sum(denominators) / count
        if mean == 0:
            return YearToDate(value=None, numerator=numerator, denominator=mean, undefined="nenner_null", **base)
        return YearToDate(value=100 * numerator / mean, numerator=numerator, denominator=mean, **base)
    if function == "anteil":
        total = _exact_sum(denominators)
        if total == 0:
            return YearToDate(value=None, numerator=numerator, denominator=total, undefined="nenner_null", **base)
        return YearToDate(value=100 * numerator / total, numerator=numerator, denominator=total, **base)
    # rate, rate_vormonat: mean of the monthly ratios
    if any(d == 0 for d in denominators):
        return YearToDate(value=None, numerator=numerator, denominator=_exact_sum(denominators) / count,
                          undefined="nenner_null", **base)
    ratios = [100 * Fraction(z) / d for z, d in zip(numerators, denominators)]
    return YearToDate(value=_exact_sum(ratios) / count, numerator=numerator,
                      denominator=_exact_sum(denominators) / count, **base)


def _whole(function: str, args: tuple[str, ...], current: tuple[Month, ...], needed: tuple,
           numerators: list[int], denominators: list[int]) -> YearToDate:
    """`over_months` for whole numbers (counts and stocks, nearly all data): integer sums and
    each rational built once from two integers, the same values as the general arithmetic."""
    count = len(current)
    first, last = current[0], current[-1]
    sum_z = sum(numerators)
    if function == "summe":
        total = Fraction(sum_z)
        return YearToDate(function, args, first, last, total, total, None, needed, ())
    if function == "mittelwert":
        mean = Fraction(sum_z, count)
        return YearToDate(function, args, first, last, mean, mean, None, needed, ())
    numerator, sum_n = Fraction(sum_z), sum(denominators)
    if function == "quote":
        mean = Fraction(sum_n, count)
        if sum_n == 0:
            return YearToDate(function, args, first, last, None, numerator, mean, needed, (), "nenner_null")
        return YearToDate(function, args, first, last, Fraction(100 * sum_z * count, sum_n), numerator, mean,
                          needed, ())
    if function == "anteil":
        total = Fraction(sum_n)
        if sum_n == 0:
            return YearToDate(function, args, first, last, None, numerator, total, needed, (), "nenner_null")
        return YearToDate(function, args, first, last, Fraction(100 * sum_z, sum_n), numerator, total, needed, ())
    mean = Fraction(sum_n, count)  # rate, rate_vormonat: mean of the monthly ratios
    if any(d == 0 for d in denominators):
        return YearToDate(function, args, first, last, None, numerator, mean, needed, (), "nenner_null")
    ratios = sum(Fraction(100 * z, d) for z, d in zip(numerators, denominators))
    return YearToDate(function, args, first, last, ratios / count, numerator, mean, needed, ())


def _exact_sum(values) -> Fraction | int:
    """`sum(values)` of rationals; whole numbers are added as ints (a Fraction addition costs ~20×)."""
    items = list(values)
    if items and all(v.denominator == 1 for v in items):
        return Fraction(sum(v.numerator for v in items))
    return sum(items)


def denominator_months(function: str, year: int, month: int) -> tuple[Month, Month] | None:
    """First and last month of the denominator (quote: December y−1 … m−1); None without one."""
    if function in ("quote", "rate_vormonat"):
        return Month(year, 1).shift(-1), Month(year, month).shift(-1)
    if function in ("anteil", "rate"):
        return Month(year, 1), Month(year, month)
    return None


def describe(function: str, args: tuple[str, ...]) -> str:
    """The formula in German words, as `explain` and the reasons print it."""
    if function == "summe":
        return f"Summe von {args[0]} der Monate Januar bis Berichtsmonat"
    if function == "mittelwert":
        return f"Durchschnitt der Monatsbestände {args[0]} von Januar bis Berichtsmonat"
    z, n = args
    if function == "quote":
        return f"100 × Summe {z} / Durchschnitt {n} der jeweiligen Vormonate (Dezember des Vorjahres bis Vormonat)"
    if function == "anteil":
        return f"100 × Summe {z} / Summe {n}"
    if function == "rate":
        return f"Durchschnitt der Monatswerte 100 × {z} / {n}"
    if function == "rate_vormonat":
        return f"Durchschnitt der Monatswerte 100 × {z} / {n} des Vormonats"
    return function
