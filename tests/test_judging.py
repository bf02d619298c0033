"""The judging rules of domain.md § 5 on hand-computed figures."""

from decimal import Decimal
from fractions import Fraction

import pytest

from zieldsl.language import nodes as n
from zieldsl.evaluation.judging import (count_criterion, criterion_for, decimals_for, judge, point_change, relative_change,
                             round_half_up)


def cond(measure, verb, value=None, qualifier=None, unit="%"):
    return n.Condition(None, "K2", measure, verb, qualifier, Decimal(value) if value else None,
                       unit if measure != "direction" else None)


@pytest.mark.parametrize("figure, places, expected", [
    ("5.75", 1, "5.8"), ("5.74", 1, "5.7"), ("-1.55", 1, "-1.6"), ("-0.04", 1, "0.0"), ("0.245", 2, "0.25"),
    ("-2.25", 1, "-2.3"), ("611.5", 0, "612"),
])
def test_commercial_rounding(figure, places, expected):
    assert str(round_half_up(Decimal(figure), places)) == expected


def test_rounding_is_exact_on_a_boundary_that_decimal_division_would_miss():
    # 100/3 raised by 5,75 % is exactly a change of 5,75 %; no 0,0…01 lost on the way.
    baseline = Fraction(100, 3)
    actual = baseline * Fraction(10575, 10000)
    assert round_half_up(relative_change(actual, baseline), 1) == Decimal("5.8")


@pytest.mark.parametrize("change, met", [("5.8", True), ("5.75", True), ("5.74", False), ("9", True)])
def test_rise_by_at_least(change, met):
    result = judge(Decimal(change), criterion_for(cond("change", "steigt", "5.8"), "steigt"))
    assert result.met is met


def test_distance_is_signed_rounded_minus_threshold():
    result = judge(Decimal("5.74"), criterion_for(cond("change", "steigt", "5.8"), "steigt"))
    assert result.rounded == Decimal("5.7") and result.distance == Decimal("-0.1")


@pytest.mark.parametrize("change, met", [("-2.3", True), ("-2.25", True), ("-2.24", False), ("1", False)])
def test_fall_by(change, met):
    criterion = criterion_for(cond("change", "sinkt", "2.3"), "sinkt")
    assert (criterion.operator, criterion.threshold) == ("<=", Decimal("-2.3"))
    assert judge(Decimal(change), criterion).met is met


def test_threshold_with_two_decimals_is_judged_at_two_decimals():
    criterion = criterion_for(cond("change", "sinkt", "0.25", "mindestens"), "sinkt")
    assert criterion.decimals == 2
    assert judge(Decimal("-0.245"), criterion).met is True  # −0,245 → −0,25
    assert judge(Decimal("-0.244"), criterion).met is False  # −0,24 (one decimal would give −0,2 anyway)
    assert decimals_for(Decimal("14")) == 1


@pytest.mark.parametrize("qualifier", ["maximal", "höchstens", "nicht_mehr_als"])
def test_ceiling_and_tolerance(qualifier):
    ceiling = criterion_for(cond("change", "steigt", "14", qualifier), "sinkt")
    assert judge(Decimal("14.04"), ceiling).met and not judge(Decimal("14.05"), ceiling).met
    tolerance = criterion_for(cond("change", "sinkt", "1.5", qualifier), "steigt")
    assert judge(Decimal("-1.5"), tolerance).met and judge(Decimal("3"), tolerance).met
    assert not judge(Decimal("-1.55"), tolerance).met


@pytest.mark.parametrize("verb, change, met", [
    ("sinkt", "-0.04", False), ("sinkt", "-0.05", True), ("steigt", "0.05", True), ("steigt", "0.04", False),
    ("bleibt_gleich", "0.04", True), ("bleibt_gleich", "0.05", False), ("steigt_nicht", "0.04", True),
    ("steigt_nicht", "0.1", False), ("sinkt_nicht", "-0.04", True), ("sinkt_nicht", "-0.1", False),
])
def test_direction_only(verb, change, met):
    assert judge(Decimal(change), criterion_for(cond("direction", verb), None)).met is met


def test_levels():
    at_least = criterion_for(cond("level", "beträgt", "31.1", "mindestens"), "steigt")
    assert judge(Decimal("31.06"), at_least).met and not judge(Decimal("31.04"), at_least).met
    at_most = criterion_for(cond("level", "beträgt", "28.4", "höchstens"), "steigt")
    assert judge(Decimal("28.4"), at_most).met and not judge(Decimal("28.5"), at_most).met
    reaches = criterion_for(cond("level", "erreicht", "31.1"), "sinkt")
    assert reaches.operator == ">="
    assert criterion_for(cond("level", "beträgt", "31.1"), "steigt").operator == ">="
    assert criterion_for(cond("level", "beträgt", "31.1"), None).operator == ">="
    assert criterion_for(cond("level", "beträgt", "10"), "sinkt").operator == "<="
    result = judge(Decimal("28.3"), at_least)
    assert result.distance == Decimal("-2.8")


def test_percentage_points():
    criterion = criterion_for(cond("change", "steigt", "1.2", unit="prozentpunkte"), "steigt")
    assert criterion.kind == "prozentpunkte"
    assert judge(point_change(Fraction("21.35"), Fraction("20.2")), criterion).met  # 1,15 → 1,2
    assert not judge(point_change(Fraction("21.34"), Fraction("20.2")), criterion).met


def test_counts_and_shortfall():
    criterion = count_criterion(Decimal("612"))
    result = judge(589, criterion)
    assert not result.met and result.distance == Decimal("-23")
    assert judge(612, criterion).met


def test_zero_base_has_no_relative_change():
    assert relative_change(Fraction(5), Fraction(0)) is None
    assert relative_change(Fraction(105), Fraction(100)) == 5


def test_combining_statuses():
    from zieldsl.evaluation.judging import combine_all, combine_any

    assert combine_all(["erreicht", "nicht_bewertbar", "nicht_erreicht"]) == "nicht_erreicht"  # decided
    assert combine_all(["erreicht", "nicht_bewertbar", "offen"]) == "nicht_bewertbar"
    assert combine_all(["erreicht", "offen", "beobachtet"]) == "offen"
    assert combine_all(["erreicht", "beobachtet"]) == "erreicht"
    assert combine_any(["nicht_bewertbar", "erreicht"]) == "erreicht"  # decided despite the gap
    assert combine_any(["nicht_erreicht", "nicht_bewertbar"]) == "nicht_bewertbar"
    assert combine_any(["nicht_erreicht", "offen"]) == "offen"
    assert combine_any(["nicht_erreicht"]) == "nicht_erreicht"


from hypothesis import given, strategies as st  # noqa: E402

_rationals = st.fractions(max_denominator=10**9) | st.integers(-10**12, 10**12).map(Fraction)


@given(_rationals, st.integers(0, 4))
def test_rounding_in_integers_is_the_rational_definition(value, places):
    """`round_half_up` works on numerator and denominator; the rule it implements, in rationals:
    the magnitude times 10^places, its floor, plus one when what is dropped is at least one half."""
    magnitude = abs(value) * 10 ** places
    whole = int(magnitude) + (1 if magnitude - int(magnitude) >= Fraction(1, 2) else 0)
    expected = Decimal(-whole if value < 0 else whole).scaleb(-places)
    result = round_half_up(value, places)
    assert result == expected and str(result) == str(expected.copy_abs() if whole == 0 else expected)


@given(_rationals, _rationals | st.decimals(allow_nan=False, allow_infinity=False, places=3))
def test_relative_change_in_integers_is_the_rational_definition(actual, baseline):
    """(actual / baseline − 1) × 100 built from integers equals the rational arithmetic; None on a base ≤ 0."""
    change = relative_change(actual, baseline)
    if baseline <= 0:
        assert change is None
    else:
        assert change == (Fraction(actual) - Fraction(baseline)) * 100 / Fraction(baseline)
        assert type(change) is Fraction
