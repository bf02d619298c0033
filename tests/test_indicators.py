"""Year-to-date values from raw series: the catalogue formulas, computed by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest

from zieldsl.evaluation.indicators import over_months, required, to_decimal, year_to_date
from zieldsl.evaluation.judging import round_half_up
from zieldsl.months import Month


def table(values: dict[tuple[str, str], int | str]):
    """fetch() over a dict keyed by (series, 'YYYY-MM')."""
    return lambda series, month: (Decimal(str(values[(series, str(month))]))
                                  if (series, str(month)) in values else None)


def test_quote_uses_the_stock_of_the_preceding_months_national_june_2024():
    # BA: national June 2024, 804.171 integrations over an average stock of 3.963.017 → 20,3 %.
    integrations = [130_000, 128_000, 140_000, 135_000, 136_000, 135_171]
    stocks = [3_950_000, 3_960_000, 3_970_000, 3_965_000, 3_962_000, 3_971_102]  # Dec 2023 … May 2024
    assert sum(integrations) == 804_171 and sum(stocks) == 6 * 3_963_017
    values = {("integrationen", f"2024-{m:02d}"): v for m, v in zip(range(1, 7), integrations)}
    values.update({("elb", str(Month(2023, 12).shift(k))): v for k, v in enumerate(stocks)})
    values[("elb", "2024-06")] = 1  # the reporting month's own stock is not part of the denominator
    ytd = year_to_date("quote", ("integrationen", "elb"), 2024, 6, table(values))
    assert ytd.numerator == 804_171
    assert ytd.denominator == 3_963_017
    assert ytd.value == Fraction(100 * 804_171, 3_963_017)
    assert round_half_up(ytd.value, 1) == Decimal("20.3")
    assert ("elb", Month(2023, 12)) in ytd.used and ("elb", Month(2024, 6)) not in ytd.used


def test_sum_mean_share_and_rates():
    values = {("r", "2026-01"): 10, ("r", "2026-02"): 20, ("r", "2026-03"): 60,
              ("n", "2025-12"): 100, ("n", "2026-01"): 200, ("n", "2026-02"): 400, ("n", "2026-03"): 300}
    fetch = table(values)
    assert year_to_date("summe", ("r",), 2026, 3, fetch).value == 90
    assert year_to_date("mittelwert", ("r",), 2026, 3, fetch).value == 30
    assert year_to_date("anteil", ("r", "n"), 2026, 3, fetch).value == Fraction(100 * 90, 900)
    # rate: mean of 100·r(i)/n(i) = (5 + 5 + 20) / 3 = 10
    assert year_to_date("rate", ("r", "n"), 2026, 3, fetch).value == 10
    # rate_vormonat: mean of 100·r(i)/n(i−1) = (10 + 10 + 15) / 3
    assert year_to_date("rate_vormonat", ("r", "n"), 2026, 3, fetch).value == Fraction(35, 3)


def test_missing_month_is_named_and_gives_no_value():
    values = {("r", "2026-01"): 10, ("r", "2026-03"): 60}
    ytd = year_to_date("summe", ("r",), 2026, 3, table(values))
    assert ytd.value is None
    assert ytd.missing == (("r", Month(2026, 2)),)


def test_zero_denominator_is_undefined_not_an_error():
    values = {("z", "2026-01"): 5, ("n", "2025-12"): 0}
    ytd = year_to_date("quote", ("z", "n"), 2026, 1, table(values))
    assert ytd.value is None and ytd.undefined == "nenner_null"


def test_required_months_for_a_quote():
    needed = required("quote", ("z", "n"), [Month(2026, 1), Month(2026, 2)])
    assert needed == [("z", Month(2026, 1)), ("z", Month(2026, 2)), ("n", Month(2025, 12)), ("n", Month(2026, 1))]


def test_to_decimal_keeps_terminating_values_exact():
    assert to_decimal(Fraction(203, 10)) == Decimal("20.3")
    assert str(to_decimal(Fraction(1, 3))) == "0.3333333333333333333333333333"
    assert to_decimal(None) is None


def test_unknown_function_is_rejected():
    with pytest.raises(ValueError):
        over_months("median", ("r",), [Month(2026, 1)], table({}))


from hypothesis import given, strategies as st  # noqa: E402

from zieldsl.evaluation.indicators import SeriesTable  # noqa: E402
from zieldsl.language.catalog import FUNCTIONS  # noqa: E402


@given(st.sampled_from(sorted(FUNCTIONS)), st.integers(1, 12),
       st.lists(st.none() | st.integers(0, 10**6), min_size=26, max_size=26),
       st.lists(st.none() | st.integers(0, 10**6), min_size=26, max_size=26))
def test_whole_numbers_and_rationals_give_the_same_year_to_date_value(function, month, zs, ns):
    """Counts and stocks take an integer path (`_whole`), anything else the rational one; a table
    (`SeriesTable`) is read series by series, a plain `fetch` value by value: all four agree."""
    months = [Month(2025, 12)] + [Month(2026, m) for m in range(1, 13)] + [Month(2026, 12).shift(k) for k in range(1, 14)]
    table = {"z": {m: v for m, v in zip(months, zs) if v is not None},
             "n": {m: v for m, v in zip(months, ns) if v is not None}}
    rational = {name: {m: Fraction(v) for m, v in values.items()} for name, values in table.items()}
    args = ("z",) if function in ("summe", "mittelwert") else ("z", "n")

    def fetch(values):
        return lambda series, m: values[series].get(m)

    results = [year_to_date(function, args, 2026, month, source)
               for source in (SeriesTable(table), fetch(table), SeriesTable(rational), fetch(rational))]
    first = results[0]
    for other in results[1:]:
        assert other == first
        assert [type(getattr(other, f)) for f in ("value", "numerator", "denominator")] == \
               [type(getattr(first, f)) for f in ("value", "numerator", "denominator")]
