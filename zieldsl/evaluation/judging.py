"""The judging rules of domain.md § 5, as pure functions: no data, no graph, no text output.

* Compute unrounded (exact rationals), round the compared figure commercially
  (half away from zero, `ROUND_HALF_UP`) to one decimal, or to the threshold's own
  decimals where it states more (`0,25` → two), then compare inclusively.
* A condition's wording decides operator and signed threshold:

  ============================================  ===========================
  wording                                       judged as
  ============================================  ===========================
  steigt um X / steigt um mindestens X          change ≥ X
  sinkt um X / sinkt um mindestens X            change ≤ −X
  steigt um maximal/höchstens/nicht mehr als X  change ≤ X   (ceiling)
  sinkt um maximal/höchstens/nicht mehr als X   change ≥ −X  (tolerance)
  steigt / sinkt (direction only)               rounded change > 0 / < 0
  bleibt gleich                                 rounded change = 0 (default reading)
  steigt nicht / sinkt nicht                    rounded change ≤ 0 / ≥ 0
  beträgt mindestens X % / erreicht X %         level ≥ X
  beträgt höchstens X %                         level ≤ X
  beträgt X % (no qualifier)                    level ≥ X, or ≤ X if the indicator's
                                                good direction is "sinkt"
  beträgt höchstens 3.912 (a stock or sum)      level ≤ 3912, rounded to the
                                                threshold's own places (whole)
  anzahl S mindestens N                         Σ S ≥ N
  anzahl S höchstens N                          Σ S ≤ N
  ============================================  ===========================

* The change is relative in % ((actual / baseline − 1) × 100) when the unit is
  "%", in percentage points (actual − baseline) for "prozentpunkte"; direction-only
  conditions use the relative change. A relative change on a zero base is undefined.
* Distance (`zieldsl.evaluation.distance.margin`): how far the rounded figure lies on
  the good (+) or bad (−) side of the threshold, in the threshold's unit (percentage
  points for a change in % and for a level).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Iterable

from zieldsl.evaluation.distance import margin
from zieldsl.language import nodes as n
from zieldsl.german import places_of
from zieldsl.results import MET, MISSED, MONITORED, NOT_ASSESSABLE, OPEN

CEILING_QUALIFIERS = ("maximal", "höchstens", "nicht_mehr_als")
# The unit of a level as judged: `31,1 %` a quota, `1.250.000 eur` an amount, a plain number a stock or count.
LEVEL_UNITS = {"%": "%", "eur": "EUR", None: "Anzahl"}

# kind of ConditionResult per condition shape
RELATIVE = "veraenderung"
POINTS = "prozentpunkte"
LEVEL = "niveau"
DIRECTION = "richtung"
COUNT = "anzahl"


@dataclass(frozen=True)
class Criterion:
    """How a condition is judged: `rounded figure <operator> threshold`, rounded to `decimals`."""

    kind: str  # RELATIVE | POINTS | LEVEL | DIRECTION | COUNT
    operator: str  # ">=", "<=", "==", ">", "<"
    threshold: Decimal  # signed (a fall of 2,3 % is −2.3)
    unit: str  # "%", "prozentpunkte", "Anzahl"
    decimals: int


@dataclass(frozen=True)
class Judgement:
    rounded: Decimal
    met: bool
    distance: Decimal


def decimals_for(threshold: Decimal | None, minimum: int = 1) -> int:
    """One decimal, or the threshold's own where it states more (Decimal("0.25") → 2)."""
    if threshold is None:
        return minimum
    return max(minimum, places_of(threshold))


def round_half_up(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Commercial rounding of an exact value: 5,75 → 5,8; −1,55 → −1,6; −0,04 → 0,0."""
    exact = value if type(value) is Fraction else Fraction(value)
    numerator, denominator = exact.numerator, exact.denominator  # denominator > 0
    whole, rest = divmod(abs(numerator) * 10 ** places, denominator)  # in integers: no rational is built
    if 2 * rest >= denominator:  # the dropped part is at least one half
        whole += 1
    if numerator < 0:
        whole = -whole
    result = Decimal(whole).scaleb(-places)
    return result.copy_abs() if whole == 0 else result


def relative_change(actual: Fraction, baseline: Fraction) -> Fraction | None:
    """(actual / baseline − 1) × 100; None on a base ≤ 0.

    Zero gives no finite change; a negative base flips the sign (−100 → −50 would read
    as "−50 %", a fall, though the figure rose). Both are undefined, never guessed.
    """
    if baseline <= 0:
        return None
    a = actual if type(actual) is Fraction else Fraction(actual)
    b = baseline if type(baseline) is Fraction else Fraction(baseline)
    # (a − b) × 100 / b in integers, one rational built at the end (the same value)
    return Fraction((a.numerator * b.denominator - b.numerator * a.denominator) * 100, a.denominator * b.numerator)


def undefined_base_text(label: str, baseline: Fraction, year: int) -> str:
    """Why a change in % has no value: "K3 war im Vergleichsjahr 2025 negativ (−100); …"."""
    from zieldsl import german as fmt

    was = "null" if baseline == 0 else f"negativ ({fmt.number(to_decimal_plain(baseline))})"
    return (f"{label} war im Vergleichsjahr {year} {was}; eine Veränderung in % ist nur auf einer positiven "
            "Basis definiert.")


def to_decimal_plain(value: Fraction) -> Decimal:
    """A Fraction as a Decimal with at most six places (for messages only)."""
    return Decimal(value.numerator) / Decimal(value.denominator) if value.denominator != 1 else Decimal(value.numerator)


def point_change(actual: Fraction, baseline: Fraction) -> Fraction:
    """actual − baseline, in percentage points."""
    return Fraction(actual) - Fraction(baseline)


def criterion_for(condition: n.Condition, good: str | None) -> Criterion:
    """Operator, signed threshold, unit and rounding for a condition (see the table above)."""
    verb, qualifier, value = condition.verb, condition.qualifier, condition.value
    if condition.measure == "direction":
        operator = {"steigt": ">", "sinkt": "<", "bleibt_gleich": "==", "steigt_nicht": "<=",
                    "sinkt_nicht": ">="}[verb]
        return Criterion(DIRECTION, operator, Decimal("0.0"), "%", 1)
    assert value is not None
    decimals = decimals_for(value)
    if condition.measure == "level":
        if qualifier == "höchstens":
            operator = "<="
        elif qualifier == "mindestens" or verb == "erreicht":
            operator = ">="
        else:
            operator = "<=" if good == "sinkt" else ">="
        unit = LEVEL_UNITS.get(condition.unit, "Anzahl")
        if unit != "%":  # a stock, count or amount: rounded to the threshold's own places (3.912 → whole)
            decimals = decimals_for(value, 0)
        return Criterion(LEVEL, operator, value, unit, decimals)
    kind = POINTS if condition.unit == "prozentpunkte" else RELATIVE
    ceiling = qualifier in CEILING_QUALIFIERS
    if verb == "steigt":
        operator, threshold = ("<=" if ceiling else ">="), value
    else:
        operator, threshold = (">=" if ceiling else "<="), -value
    return Criterion(kind, operator, threshold, condition.unit or "%", decimals)


def count_criterion(minimum: Decimal, bound: str = "mindestens") -> Criterion:
    """`anzahl … mindestens N`: the sum of the series ≥ N; `anzahl … höchstens N`: ≤ N; whole numbers."""
    return Criterion(COUNT, "<=" if bound == "höchstens" else ">=", minimum, "Anzahl", 0)


def compare(rounded: Decimal, operator: str, threshold: Decimal) -> bool:
    """Inclusive where the operator says so; equality counts as met for ≥ and ≤."""
    if operator == ">=":
        return rounded >= threshold
    if operator == "<=":
        return rounded <= threshold
    if operator == ">":
        return rounded > threshold
    if operator == "<":
        return rounded < threshold
    if operator == "==":
        return rounded == threshold
    raise ValueError(f"Unbekannter Vergleich »{operator}«")


def is_met(figure: Fraction | Decimal | int, criterion: Criterion) -> bool:
    """`judge(figure, criterion).met` without the distance: what the search for the persons needed
    (`zieldsl.evaluation.distance`) asks a dozen times per condition."""
    return compare(round_half_up(figure, criterion.decimals), criterion.operator, criterion.threshold)


def judge(figure: Fraction | Decimal | int, criterion: Criterion) -> Judgement:
    """Round the figure, compare it with the threshold, and measure the distance."""
    rounded = round_half_up(figure, criterion.decimals)
    met = compare(rounded, criterion.operator, criterion.threshold)
    return Judgement(rounded, met, margin(rounded, criterion.operator, criterion.threshold))




# ---------------------------------------------------------------- combining statuses


def combine_all(statuses: Iterable[str]) -> str:
    """All must hold: a miss decides; then nicht_bewertbar, then offen; monitoring is neutral."""
    found = [s for s in statuses if s != MONITORED]
    if MISSED in found:
        return MISSED
    if NOT_ASSESSABLE in found:
        return NOT_ASSESSABLE
    if OPEN in found:
        return OPEN
    return MET


def combine_any(statuses: Iterable[str]) -> str:
    """One must hold (`eine bedingung`): a met one decides; then nicht_bewertbar, then offen."""
    found = [s for s in statuses if s != MONITORED]
    if MET in found:
        return MET
    if NOT_ASSESSABLE in found:
        return NOT_ASSESSABLE
    if OPEN in found:
        return OPEN
    return MISSED
