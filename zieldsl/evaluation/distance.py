"""The distance to the threshold, in one convention, and the same distance in persons.

* **margin**: how far the rounded, judged figure lies on the good side (positive) or the
  bad side (negative) of the threshold, in the threshold's own unit (percentage points
  for a change in % or a level, persons for a count). "Good" is the side the agreement
  asks for: above a minimum, below a ceiling or an agreed fall. A met target never has
  a negative margin; a missed one never a positive margin (except direction-only
  targets, where a change rounded to 0,0 is neither: margin 0, missed).
* **persons**: for a figure formed from counts of persons (a quota, a share, a count, a
  mean stock), the number of persons with which the target would have been met exactly,
  against the number there were, the other figures unchanged: "1.397 statt 1.390
  Integrationen". Found by exact search over whole persons with the judging rule itself,
  so that rounding is respected.

Both are computed here, carried in `results.ConditionResult` (`distance`, `persons`), and
only rendered by the terminal, the JSON and the documents.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Callable

from zieldsl.evaluation.indicators import to_decimal
from zieldsl.results import Aggregate, PersonsNeeded

# Series kinds of the catalogue whose values are persons (or events of persons).
PERSON_KINDS = ("anzahl", "bestand")


def margin(rounded: Decimal, operator: str, threshold: Decimal) -> Decimal:
    """Signed distance to the threshold: positive on the good side, negative on the bad side.

    `>=`/`>`: rounded − threshold; `<=`/`<`: threshold − rounded; `==`: −|rounded − threshold|.
    Zero is always written without a sign.
    """
    if operator in (">=", ">"):
        value = rounded - threshold
    elif operator in ("<=", "<"):
        value = threshold - rounded
    else:
        value = -abs(rounded - threshold)
    return value.copy_abs() if value == 0 else value


def forecast_margin(rounded: Decimal, forecast: Decimal, good: str | None) -> Decimal | None:
    """A monitored figure against its forecast, in the same convention: positive when it
    developed better than forecast (by the wanted or the indicator's good direction)."""
    if good == "steigt":
        return margin(rounded, ">=", forecast)
    if good == "sinkt":
        return margin(rounded, "<=", forecast)
    return None


def _value_per_person(aggregate: Aggregate, mean: bool) -> Fraction | None:
    """The figure's value per person (value = factor × persons), the denominator unchanged."""
    months = aggregate.months
    denominator = aggregate.actual_denominator
    if aggregate.function == "summe":
        factor = Fraction(1)
    elif aggregate.function == "mittelwert":
        factor = Fraction(1, months)
    elif aggregate.function in ("quote", "anteil"):
        if not denominator:
            return None
        factor = Fraction(100) / Fraction(denominator)
        if aggregate.function == "quote":
            factor *= months
    else:
        return None
    return factor * months if mean else factor


def persons_needed(*, met: Callable[[Fraction], bool], aggregate: Aggregate, series: str, series_title: str,
                   series_kind: str, at_least: bool) -> PersonsNeeded | None:
    """The whole number of persons at which the target turns met, found with `met(figure value)`.

    `at_least`: the fewest persons with which it is met (more is better); otherwise the
    most (fewer is better). None when the figure is not formed from persons, or no number
    of persons would meet the target.
    """
    if series_kind not in PERSON_KINDS:
        return None
    mean = series_kind == "bestand"
    per_person = _value_per_person(aggregate, mean)
    if per_person is None or per_person <= 0:
        return None
    total = Fraction(aggregate.actual_numerator)
    actual = total / aggregate.months if mean else total

    def ok(persons: int) -> bool:
        return met(per_person * persons)

    needed = _search(ok, int(actual) + 1, at_least)
    if needed is None:
        return None
    return PersonsNeeded(series=series, series_title=series_title, mean=mean, actual=to_decimal(actual),
                         needed=Decimal(needed), at_least=at_least)


def count_persons(series: str, series_title: str, actual: Decimal, minimum: Decimal) -> PersonsNeeded:
    """`anzahl S mindestens N`: N persons needed, the sum there was."""
    return PersonsNeeded(series=series, series_title=series_title, mean=False, actual=actual, needed=minimum,
                         at_least=True)


def _search(ok: Callable[[int], bool], start: int, at_least: bool) -> int | None:
    """The boundary of a monotone predicate over whole numbers ≥ 0 (binary search)."""
    if at_least:
        high = max(start, 1)
        for _ in range(64):
            if ok(high):
                break
            high *= 2
        else:
            return None
        if ok(0):
            return 0
        low = 0
        while high - low > 1:
            middle = (low + high) // 2
            if ok(middle):
                high = middle
            else:
                low = middle
        return high
    if not ok(0):
        return None
    low, high = 0, max(start, 1)
    for _ in range(64):
        if not ok(high):
            break
        low, high = high, high * 2
    else:
        return None
    while high - low > 1:
        middle = (low + high) // 2
        if ok(middle):
            low = middle
        else:
            high = middle
    return low


