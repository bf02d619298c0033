"""German numbers: zieldsl's fast grouping writes what babel's number pattern writes.

`zieldsl.german.number` groups digits with Python's `format` and the locale's symbols from
babel, because babel's `NumberPattern.apply` was most of the time of every reason text. The
two must never disagree: same text for every value, every number of places, signed or not.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from zieldsl.german import babel_number, number, round_half_up

_VALUES = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False,
                      allow_infinity=False, places=None) | st.integers(-10**15, 10**15).map(Decimal)


@settings(max_examples=500, deadline=None)
@given(_VALUES, st.integers(0, 4), st.booleans())
def test_the_text_is_babels(value, places, signed):
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = abs(rounded)
    expected = babel_number(rounded, places, signed)
    if signed and rounded == 0:
        expected = "±" + expected.lstrip("+-")
    assert number(value, places, signed) == expected


def test_known_texts():
    assert number(Decimal("9327771")) == "9.327.771"
    assert number(Decimal("5.75"), 1) == "5,8"
    assert number(Decimal("-1.55"), 1) == "-1,6"
    assert number(Decimal("-0.04"), 1) == "0,0"
    assert number(Decimal("0"), 1, signed=True) == "±0,0"
    assert number(Decimal("1234.5"), 2, signed=True) == "+1.234,50"
    assert number(Decimal("-1234567.891"), 2, signed=True) == "-1.234.567,89"
