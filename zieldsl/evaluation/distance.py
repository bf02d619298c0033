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
from zieldsl.results import Aggregate, Outlook, PersonsNeeded

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
                   series_kind: str, at_least: bool, boundary: Fraction | None = None) -> PersonsNeeded | None:
    """The whole number of persons at which the target turns met, found with `met(figure value)`.

    `at_least`: the fewest persons with which it is met (more is better); otherwise the
    most (fewer is better). None when the figure is not formed from persons, or no number
    of persons would meet the target. `boundary`: the figure value at which the unrounded
    threshold is reached, if known; the search starts there (the answer does not depend on it).
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

    near = int(boundary / per_person) if boundary is not None and boundary > 0 else None
    needed = _search(ok, int(actual) + 1, at_least, near)
    if needed is None:
        return None
    return PersonsNeeded(series=series, series_title=series_title, mean=mean, actual=to_decimal(actual),
                         needed=Decimal(needed), at_least=at_least)


def count_persons(series: str, series_title: str, actual: Decimal, minimum: Decimal,
                  at_least: bool = True) -> PersonsNeeded:
    """`anzahl S mindestens N`: N persons needed, the sum there was; `anzahl S höchstens N` (`at_least` False):
    at most N allowed."""
    return PersonsNeeded(series=series, series_title=series_title, mean=False, actual=actual, needed=minimum,
                         at_least=at_least)


def _search(ok: Callable[[int], bool], start: int, at_least: bool, near: int | None = None) -> int | None:
    """The boundary of a monotone predicate over whole numbers ≥ 0: the least n with ok(n) (`at_least`),
    else the greatest; None when there is none up to 2**63 × `start`.

    Brackets the boundary by steps that double, outwards from `near` (a guess; `start` without
    one), then bisects. A good guess (the threshold turned into persons) brackets in a few steps
    where doubling from the actual number took a dozen; the answer is the same for any guess."""
    flips = ok if at_least else (lambda n: not ok(n))  # False … False True … True either way
    limit = max(start, 1) * 2**63  # as far as doubling from `start` used to look
    first = _first_flip(flips, min(max(near if near is not None else max(start, 1), 0), limit), limit)
    if first is None:
        return None
    if at_least:
        return first
    return first - 1 if first > 0 else None


def _first_flip(flips: Callable[[int], bool], guess: int, limit: int) -> int | None:
    """The least n in 0 … `limit` with flips(n) (False … False True … True), or None."""
    step = 1
    if flips(guess):
        high = guess
        while True:  # downwards until a False (or below zero)
            low = high - step
            if low < 0:
                low = -1
                break
            if not flips(low):
                break
            high, step = low, step * 2
    else:
        low = guess
        while True:  # upwards until a True (or past the limit)
            high = min(low + step, limit)
            if flips(high):
                break
            if high == limit:
                return None
            low, step = high, step * 2
    while high - low > 1:  # bisect (by hand: `bisect` needs a range, whose length must fit 64 bits)
        middle = (low + high) // 2
        if flips(middle):
            high = middle
        else:
            low = middle
    return high




def outlook(*, met: Callable[[Fraction], bool], aggregate: Aggregate, series: str, series_title: str,
            series_kind: str, at_least: bool, baseline_year_end: Fraction) -> Outlook | None:
    """What the months left need for the target at December, from the months so far.

    Assumption (said with the figure): the remaining months go like the average so far in
    everything but the counted persons, so a quota's denominator stays at its mean so far.
    `met(value)` judges a year-end figure value against `baseline_year_end`.
    """
    months = aggregate.months
    if months >= 12 or series_kind not in PERSON_KINDS:
        return None
    mean = series_kind == "bestand"
    total = Fraction(aggregate.actual_numerator)
    so_far = total / months  # per month: events, or the mean stock
    if aggregate.function == "summe":
        per_person = Fraction(1)
    elif aggregate.function == "mittelwert":
        per_person = Fraction(1, 12)  # the year-end value is the mean of twelve months: value = Σ / 12
    elif aggregate.function in ("quote", "anteil") and aggregate.actual_denominator:
        monthly_denominator = Fraction(aggregate.actual_denominator) / months
        per_person = Fraction(100) / (monthly_denominator * (1 if aggregate.function == "quote" else 12))
    else:
        return None
    # the year's total of monthly values (events, or monthly stocks) with which the target is met
    needed = _search(lambda n: met(per_person * n), int(so_far * 12) + 1, at_least)
    left = 12 - months
    per_month = (Fraction(needed) - total) / left if needed is not None else None
    if per_month is not None and per_month < 0:
        per_month = Fraction(0) if at_least else None  # already enough (at least) / not reachable (at most)
    needed_total = Fraction(needed) / 12 if needed is not None and mean else needed
    return Outlook(series=series, series_title=series_title, mean=mean, at_least=at_least, months_left=left,
                   baseline_year_end=to_decimal(baseline_year_end),
                   needed_total=to_decimal(Fraction(needed_total)) if needed_total is not None else None,
                   per_month=to_decimal(per_month), so_far_per_month=to_decimal(so_far))


def count_outlook(series: str, series_title: str, actual: Fraction, minimum: Decimal, months: int) -> Outlook | None:
    """`anzahl S mindestens N` before December: N − the sum so far over the months left."""
    if months >= 12:
        return None
    left = 12 - months
    per_month = max(Fraction(0), (Fraction(minimum) - Fraction(actual)) / left)
    return Outlook(series=series, series_title=series_title, mean=False, at_least=True, months_left=left,
                   baseline_year_end=None, needed_total=minimum, per_month=to_decimal(per_month),
                   so_far_per_month=to_decimal(Fraction(actual) / months))
