"""The informative figure in brackets after a condition, checked against the baseline year.

Agreements state a target twice: "K3 sinkt um 0,4 % (auf 3.912)", "eine Integrationsquote
von 30,2 % (ca. 2.450 Integrationen)". Decisions:

* the figure before the bracket is binding and judged as any condition; the one in the
  bracket informs and is never judged;
* it is checked against the baseline year's data for January to December (as the data
  stand at the evaluation's cutoff): the binding figure applied to the baseline gives the
  implied value (a change: baseline × (1 + change/100), or + points; a level: itself), and
  for a series of the formula its total (`quote`, `anteil`: level/100 × denominator;
  `summe`, `mittelwert`: the figure itself);
* "beyond rounding": the binding number stands for everything that rounds to it (0,4 % for
  0,35 … 0,45 %), the bracketed one for everything that rounds to it: a count or amount to its
  last non-zero digit (3.912 ± 0,5; ca. 2.450 ± 5), a percentage to its written places
  (30,2 % ± 0,05). They agree when the two ranges meet;
  otherwise the result says so and the evaluation warns (ZD403);
* without a complete baseline year the figure is reported as not checked, never guessed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from zieldsl import german as fmt
from zieldsl.evaluation.context import Context
from zieldsl.evaluation.figures import group_label
from zieldsl.evaluation.indicators import to_decimal, year_to_date
from zieldsl.evaluation.judging import LEVEL_UNITS, round_half_up
from zieldsl.inputs.store import choose, earliest, entry_value
from zieldsl.language import nodes as n
from zieldsl.language.catalog import Indicator
from zieldsl.language.clause_text import condition_text, equivalent_text
from zieldsl.months import Month
from zieldsl.results import StatedFigure
from zieldsl.wording import reason_value

CODE = "ZD403"


def rounding_range(value: Decimal, *, last_nonzero: bool) -> tuple[Fraction, Fraction]:
    """The numbers that round to `value`: to its written places, or (a bracketed whole number) to its
    last non-zero digit (2.450 → 2.445 … 2.455)."""
    exponent = value.as_tuple().exponent
    if last_nonzero and exponent >= 0 and value != 0:
        exponent = value.normalize().as_tuple().exponent
    half = Fraction(1, 2) * Fraction(10) ** exponent
    return Fraction(value) - half, Fraction(value) + half


def _baseline_year(ctx: Context, indicator: Indicator, group: str):
    """The indicator's figure of the whole baseline year, as the data stand at the evaluation's cutoff."""
    cache: dict[str, dict] = {}

    def fetch(series: str, month: Month):
        entries = cache.get(series)
        if entries is None:
            entries = cache[series] = ctx.store.entries(ctx.agency, series, group)
        stored = entries.get(month.year * 12 + month.month - 1)
        entry = choose(stored, ctx.vintage) if stored is not None else None
        if entry is None and stored is not None:
            entry = earliest(stored)
        return entry_value(entry) if entry is not None else None

    return year_to_date(indicator.function, indicator.args, ctx.baseline_year, 12, fetch)


def stated_figure(ctx: Context, condition: n.Condition, indicator: Indicator, group: str) -> StatedFigure:
    """Check `condition.equivalent` against the baseline year (see the module docstring)."""
    e = condition.equivalent
    series = ctx.checked.catalog.find_series(e.series) if e.series is not None else None
    unit = "Anzahl" if series is not None else ("%" if indicator.is_ratio else LEVEL_UNITS.get(e.unit, "Anzahl"))
    written = equivalent_text(e) if series is None else f"ca. {fmt.number(e.value)} {series}"
    base = ctx.baseline_year
    label = f"{indicator.code} ({group_label(ctx, group)})"
    figure = _baseline_year(ctx, indicator, group) if indicator.args else None
    if figure is None or figure.value is None:
        return StatedFigure(written, e.value, unit, series, None, None,
                            f"Die Angabe in Klammern »{written}« ist nicht geprüft: {label} ist für das Vergleichsjahr "
                            f"{base} (Januar bis Dezember) aus den Daten nicht zu bilden.")
    low, high = rounding_range(condition.value, last_nonzero=False)
    if condition.measure == "level":
        levels = (low, high, Fraction(condition.value))
        how = f"aus »{condition_text(_plain(condition))}«"
    else:
        sign = 1 if condition.verb == "steigt" else -1
        baseline = figure.value

        def level(change: Fraction) -> Fraction:
            if condition.unit == "prozentpunkte":
                return baseline + sign * change
            return baseline * (1 + sign * change / 100)

        levels = (level(low), level(high), level(Fraction(condition.value)))
        how = (f"aus {label} {base} = {reason_value(figure.value, indicator.unit)} (Januar bis Dezember) und "
               f"»{condition_text(_plain(condition))}«")
    if series is not None and indicator.function in ("quote", "anteil"):
        denominator = figure.denominator
        levels = tuple(value * denominator / 100 for value in levels)
        how += (f" mit dem Nenner des Vergleichsjahrs ({indicator.args[1]}: "
                f"{reason_value(denominator, 'Anzahl')})")
    implied_low, implied_high = sorted(levels[:2])
    stated_low, stated_high = rounding_range(e.value, last_nonzero=unit != "%")
    consistent = stated_low <= implied_high and stated_high >= implied_low
    places = fmt.places_of(e.value)
    places = places if unit == "Anzahl" else max(places, 1)  # a count stays whole where the bracket's is
    implied = round_half_up(levels[2], places)
    shown = fmt.amount(implied, unit, places)
    verdict = ("das passt im Rahmen der Rundung" if consistent else
               f"die Angabe weicht über die Rundung hinaus davon ab ({CODE})")
    note = (f"Angabe in Klammern »{written}«: {how} ergeben sich {shown}; {verdict}. Bindend ist die Angabe vor "
            "der Klammer.")
    if not consistent:
        span = e.span
        ctx.warn(f"{span.file}:{span.line}: Die Angabe in Klammern »{written}« passt nicht zu "
                 f"»{condition_text(_plain(condition))}«: {how} ergeben sich {shown} ({CODE}). Bindend ist die "
                 "Angabe vor der Klammer; die Zahl in der Klammer prüfen.")
    return StatedFigure(written, e.value, unit, series, to_decimal(Fraction(implied)), consistent, note)


def stated_quota(ctx: Context, item: n.CountCondition) -> StatedFigure:
    """`anzahl integrationen mindestens 2.450 (ca. 30,2 % K2)`: the count is binding; the quota it gives on the
    baseline year's denominator (K2: the mean eLb stock of the whole baseline year) is checked like any bracket."""
    e = item.equivalent
    indicator = ctx.checked.catalog.indicators[e.indicator]
    written = equivalent_text(e)
    figure = _baseline_year(ctx, indicator, "gesamt")
    said = f"anzahl {item.series} {item.bound} {fmt.number(item.minimum)}"
    if figure.value is None or not figure.denominator:
        return StatedFigure(written, e.value, "%", None, None, None,
                            f"Die Angabe in Klammern »{written}« ist nicht geprüft: der Nenner von {indicator.code} "
                            f"ist für das Vergleichsjahr {ctx.baseline_year} (Januar bis Dezember) aus den Daten "
                            "nicht zu bilden.", indicator=indicator.code)
    denominator = figure.denominator
    low, high = rounding_range(item.minimum, last_nonzero=False)
    implied_low, implied_high = 100 * low / denominator, 100 * high / denominator
    stated_low, stated_high = rounding_range(e.value, last_nonzero=False)
    consistent = stated_low <= implied_high and stated_high >= implied_low
    places = max(fmt.places_of(e.value), 1)
    implied = round_half_up(100 * Fraction(item.minimum) / denominator, places)
    how = (f"aus »{said}« und dem Nenner von {indicator.code} im Vergleichsjahr {ctx.baseline_year} "
           f"({indicator.args[1]}: {reason_value(denominator, 'Anzahl')})")
    shown = fmt.percent(implied, places)
    verdict = ("das passt im Rahmen der Rundung" if consistent else
               f"die Angabe weicht über die Rundung hinaus davon ab ({CODE})")
    if not consistent:
        ctx.warn(f"{e.span.file}:{e.span.line}: Die Angabe in Klammern »{written}« passt nicht zu »{said}«: {how} "
                 f"ergeben sich {shown} ({CODE}). Bindend ist die Angabe vor der Klammer; die Zahl in der Klammer "
                 "prüfen.")
    return StatedFigure(written, e.value, "%", None, implied, consistent,
                        f"Angabe in Klammern »{written}«: {how} ergeben sich {shown}; {verdict}. Bindend ist die "
                        "Angabe vor der Klammer.", indicator=indicator.code)


def _plain(condition: n.Condition) -> n.Condition:
    """The condition without its bracket, for messages."""
    return replace(condition, equivalent=None)
