"""Series values per vintage, and an indicator's year-to-date figure in both years.

The "reihe" nodes of the graph read the monthly values of one series and group
(target year and baseline year, each at its vintage cutoff); the "kennzahl"
nodes turn them into year-to-date figures by the catalogue formula, month by
month for the charts. A published year-to-date value of a ratio indicator (CSV
`reihe` = `K2_jfw`) is taken as given; where the raw series give a value too, both
are compared at one decimal and a disagreement is reported (published wins).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from fractions import Fraction
from typing import Iterable, Iterator, Mapping, NamedTuple

from zieldsl import german as fmt
from zieldsl.language.catalog import Indicator
from zieldsl.later import Later
from zieldsl.inputs.plausibility import is_jump
from zieldsl.inputs.annual import annual_series, year_index
from zieldsl.inputs.store import Observation, ObservationStore, choose, earliest, entry_value, entry_vintage
from zieldsl.evaluation.context import Context
from zieldsl.evaluation.indicators import (RATIO_FUNCTIONS, SeriesTable, YearToDate, denominator_months, months_of, to_decimal, year_to_date,
                                 year_to_date_values)
from zieldsl.evaluation.judging import round_half_up
from zieldsl.months import Month, months_between
from zieldsl.results import DataPoint, MonthlyValue, Reason, SourceRef
from zieldsl.wording import group_label as builtin_group_label
from zieldsl.wording import reason_value

def group_label(ctx: Context, group: str) -> str:
    """"Frauen", "Alleinerziehende": built-in groups and the catalogue's (`gruppe`) by their German label."""
    return ctx.checked.catalog.group_label(group)


def group_fields(ctx: Context, group: str) -> dict:
    """The group's label and genitive for a ConditionResult (documents and terminal read them)."""
    found = ctx.checked.catalog.groups.get(group)
    return {"group_label": found.label if found else group, "group_genitive": found.genitive if found else None}
SMALL_COUNT = 100  # a sum of events below this is a small base
SMALL_STOCK = 500  # a mean stock below this is a small base
JUMP_CODE = "ZD333"  # the warning for a stock that jumps tenfold (docs/fehlermeldungen.md)


@dataclass(frozen=True, eq=False)
class SeriesValues:
    """One series of one group: the values of both years as read at their vintage cutoffs.

    actual: December of the year before the target year … the as-of month (target-year cutoff);
    baseline: the same months one comparison distance earlier (baseline cutoff).
    fallback: baseline months read from a vintage younger than the cutoff (no older one exists).

    Each year keeps the months that have a value and the store positions of the entries chosen
    (`ObservationStore.select`): a national run holds some 13.000 of these in its results. The
    entries (`entries`), exact numbers (`numbers`), data points (`point`) and `Observation`
    objects (`actual`, `baseline`) are built from the store when first asked for.
    """

    series: str
    group: str
    chosen_actual: "Chosen"
    chosen_baseline: "Chosen"
    fallback: tuple[Month, ...]
    present: bool  # the agency has values of this series for this group
    series_present: bool  # … for any group
    store: ObservationStore
    agency: str
    marked: Mapping[Month, tuple] = field(default_factory=dict)  # months the data mark as missing (marker, span)
    annual: Mapping[str, tuple] = field(default_factory=dict)  # "actual"/"baseline" → the year's total (CSV JJJJ)

    def annual_total(self, which: str, year: int) -> tuple | None:
        """The year's total where it stands in for the months: given, and not all twelve months are."""
        entry = self.annual.get(which)
        if entry is None:
            return None
        months = self.chosen(which).months
        if all(Month(year, m) in months for m in range(1, 13)):
            return None  # the monthly values win (a disagreement was reported at loading, ZD404)
        return entry

    def annual_point(self, which: str, year: int) -> DataPoint | None:
        entry = self.annual.get(which)
        if entry is None:
            return None
        file, line, column = self.store.source_of(entry)
        return DataPoint(self.series, self.group, str(year), Decimal(entry_value(entry)), entry_vintage(entry),
                         SourceRef(file, line, column))

    def chosen(self, which: str) -> "Chosen":
        return self.chosen_actual if which == "actual" else self.chosen_baseline

    def has(self, which: str, month: Month) -> bool:
        """Whether the year has a value for `month`."""
        return month in self.chosen(which).months

    def entries(self, which: str) -> Mapping[Month, tuple]:
        """month → the chosen entry (vintage, value, file index, line, column), in month order."""
        name = "_entries_" + which
        found = self.__dict__.get(name)
        if found is None:
            chosen, entry_at = self.chosen(which), self.store.entry_at
            found = self.__dict__[name] = {month: entry_at(p) for month, p in zip(chosen.months, chosen.positions)}
        return found

    @cached_property
    def actual(self) -> dict[Month, Observation]:
        return self._observations("actual")

    @cached_property
    def baseline(self) -> dict[Month, Observation]:
        return self._observations("baseline")

    def values(self, which: str) -> Mapping[Month, Observation]:
        return self.actual if which == "actual" else self.baseline

    def numbers(self, which: str) -> Mapping[Month, int | Fraction]:
        """The values as exact numbers (ints stay ints, decimals become rationals), converted once."""
        name = "_numbers_" + which
        found = self.__dict__.get(name)
        if found is None:
            chosen = self.chosen(which)
            found = self.__dict__[name] = dict(zip(chosen.months, self.store.numbers_at(chosen.positions)))
        return found

    def point(self, which: str, month: Month) -> DataPoint | None:
        """The data point of one month (shared by every figure and reason that shows it)."""
        key = (which, month)
        found = self._points.get(key)
        if found is None:
            entry = self.entries(which).get(month)
            if entry is None:
                return None
            file, line, column = self.store.source_of(entry)
            found = self._points[key] = DataPoint(self.series, self.group, str(month), Decimal(entry_value(entry)),
                                                  entry_vintage(entry), SourceRef(file, line, column))
        return found

    def pack(self) -> None:
        """Once the agreement is judged: drop what judging built (numbers, entries); the months and
        store positions stay, for explanations that may never be asked for (`zieldsl.later`)."""
        for name in ("_numbers_actual", "_numbers_baseline", "_entries_actual", "_entries_baseline"):
            self.__dict__.pop(name, None)

    @cached_property
    def _points(self) -> dict[tuple[str, Month], DataPoint]:
        return {}

    def _observations(self, which: str) -> dict[Month, Observation]:
        return {month: self.store.observation_of(self.agency, self.series, self.group, month, entry)
                for month, entry in self.entries(which).items()}


class Chosen(NamedTuple):
    """The months of one year that have a value, and the store positions of their chosen entries."""

    months: tuple[Month, ...]
    positions: array


_NOTHING_CHOSEN = Chosen((), array("q"))


@lru_cache(maxsize=256)
def _period(year: int, month: int) -> tuple[tuple[Month, ...], tuple[int, ...]]:
    """The months December of year−1 … `month` of `year` and their store indices."""
    months = tuple(months_between(Month(year, 1).shift(-1), Month(year, month)))
    return months, tuple(m.year * 12 + m.month - 1 for m in months)


def _chosen(months: tuple[Month, ...], positions: list[int]) -> Chosen:
    if -1 not in positions:
        return Chosen(months, array("q", positions))
    kept = [i for i, position in enumerate(positions) if position >= 0]
    return Chosen(tuple(months[i] for i in kept), array("q", [positions[i] for i in kept]))


def period_months(ctx: Context, year: int) -> list[Month]:
    """December of year−1 … the as-of month of `year`: everything a year-to-date value can need."""
    return list(_period(year, ctx.month)[0])


def load_series(ctx: Context, series: str, group: str) -> SeriesValues:
    """Read one series and group for both years (the work of a "reihe" node)."""
    store = ctx.store
    actual = baseline = _NOTHING_CHOSEN
    fallback: tuple[Month, ...] = ()
    months, indices = _period(ctx.target_year, ctx.month)
    selected = store.select(ctx.agency, series, group, indices, ctx.vintage)
    if selected is not None:
        actual = _chosen(months, selected[0])
        months, indices = _period(ctx.baseline_year, ctx.month)
        positions, substituted = store.select(ctx.agency, series, group, indices, ctx.vintage_baseline,
                                              ctx.allow_fallback)
        baseline = _chosen(months, positions)
        fallback = tuple(months[i] for i in substituted)
    annual = _annual_entries(ctx, series, group)
    series_present = store.has(ctx.agency, series) or bool(annual)
    present = series_present and (store.has(ctx.agency, series, group) or bool(annual))
    marked = store.missing_marks.get((ctx.agency, series, group), {})
    if marked:  # the data name the series, but say "no value": that is a missing month, not a missing series
        series_present = present = True
    values = SeriesValues(series, group, actual, baseline, fallback, present, series_present, store,
                          ctx.agency, marked, annual)
    _warn_jumps(ctx, values)
    return values


def _annual_entries(ctx: Context, series: str, group: str) -> dict[str, tuple]:
    """The annual totals (CSV `monat` = JJJJ) of both years at their cutoffs; only for a full year (December)."""
    name = annual_series(series)
    if ctx.month != 12 or not ctx.store.has(ctx.agency, name):
        return {}
    stored = ctx.store.entries(ctx.agency, name, group)
    if not stored:
        return {}
    out = {}
    for which, year, vintage in (("actual", ctx.target_year, ctx.vintage),
                                 ("baseline", ctx.baseline_year, ctx.vintage_baseline)):
        found = stored.get(year_index(year))
        entry = choose(found, vintage)
        if entry is None and found is not None and which == "baseline" and ctx.allow_fallback:
            entry = earliest(found)
        if entry is not None:
            out[which] = entry
    return out


def _warn_jumps(ctx: Context, values: SeriesValues) -> None:
    """A stock that changes tenfold from one month to the next is most likely a data error: warn (file:line)."""
    series, group, store = values.series, values.group, values.store
    definition = ctx.checked.catalog.series.get(series)
    if definition is None or definition.kind != "bestand":
        return
    positions = {month: position  # both years' months; the target year's where they overlap
                 for which in ("baseline", "actual")
                 for month, position in zip(values.chosen(which).months, values.chosen(which).positions)}
    months = sorted(positions)
    numbers = dict(zip(months, store.values_at([positions[m] for m in months])))
    for before, after in zip(months, months[1:]):
        if after != before.shift(1):
            continue
        old, new = numbers[before], numbers[after]
        if is_jump(old, new):
            file, line, _column = store.source_of(store.entry_at(positions[after]))
            ctx.warn(f"{file}:{line}: Der Bestand »{series}« ({group_label(ctx, group)}) springt von "
                     f"{fmt.number(Decimal(old))} ({fmt.month_long(str(before))}) auf {fmt.number(Decimal(new))} "
                     f"({fmt.month_long(str(after))}), um mehr als das Zehnfache ({JUMP_CODE}); die Daten prüfen "
                     "(Tausenderpunkt, Einheit, Reihe).")


def data_point(obs: Observation) -> DataPoint:
    return DataPoint(obs.series, obs.group, str(obs.month), obs.value, obs.data_vintage,
                     SourceRef(obs.span.file, obs.span.line, obs.span.column))


@dataclass(frozen=True)
class YearFigure:
    """The figure of one year (as-of month's year-to-date value) and where it comes from."""

    year: int
    value: Fraction | None
    computed: YearToDate | None  # from raw series (None if the indicator has no raw series)
    published: Observation | None
    points: tuple[DataPoint, ...]  # the raw monthly values used (or the published value)
    missing: tuple[tuple[str, str, Month], ...]  # (series, group, month) without a value
    undefined: bool  # a zero denominator


@dataclass(frozen=True)
class Figure:
    """An indicator for one group in both years: the "kennzahl" node's value."""

    indicator: Indicator
    group: str
    actual: YearFigure
    baseline: YearFigure
    monthly: tuple[MonthlyValue, ...]
    reasons: tuple[Reason, ...]
    small_base: bool
    inputs: Mapping[str, SeriesValues]
    group_label: str = ""

    @property
    def label(self) -> str:
        return f"{self.indicator.code} ({self.group_label or builtin_group_label(self.group)})"


def _fetcher(inputs: Mapping[str, SeriesValues], which: str) -> SeriesTable:
    return SeriesTable({series: values.numbers(which) for series, values in inputs.items()})


def _year_value(ctx: Context, indicator: Indicator, inputs: Mapping[str, SeriesValues],
                published: SeriesValues | None, which: str, month: int) -> tuple:
    year = ctx.target_year if which == "actual" else ctx.baseline_year
    computed = None
    if indicator.args and all(a in inputs for a in indicator.args):
        computed = year_to_date(indicator.function, indicator.args, year, month, _fetcher(inputs, which),
                                _totals(inputs, indicator.args[:1], which, year, month))
    given = None
    if published is not None and published.has(which, Month(year, month)):
        given = published.values(which)[Month(year, month)]
    return year, computed, given


def _totals(inputs: Mapping[str, SeriesValues], series: tuple[str, ...], which: str, year: int,
            month: int) -> dict[str, int | Fraction] | None:
    """Annual totals that stand in for a full year's months of `series` (`zieldsl.inputs.annual`)."""
    if month != 12:
        return None
    out = {}
    for name in series:
        values = inputs.get(name)
        entry = values.annual_total(which, year) if values is not None else None
        if entry is not None:
            value = entry_value(entry)
            out[name] = value if type(value) is int else Fraction(value)
    return out or None


def year_figure(ctx: Context, indicator: Indicator, group: str, inputs: Mapping[str, SeriesValues],
                published: SeriesValues | None, which: str, month: int) -> YearFigure:
    year, computed, given = _year_value(ctx, indicator, inputs, published, which, month)
    if given is not None:
        return YearFigure(year, Fraction(given.value), computed, given, (data_point(given),), (), False)
    if computed is None:
        code = indicator.code
        return YearFigure(year, None, None, None, (), ((code, group, Month(year, month)),), False)
    points = Later(lambda: _year_points(inputs, which, year, computed))
    missing = tuple((series, group, m) for series, m in computed.missing)
    return YearFigure(year, computed.value, computed, None, points, missing, computed.undefined is not None)


def _year_points(inputs: Mapping[str, SeriesValues], which: str, year: int,
                 computed: YearToDate) -> Iterator[DataPoint]:
    """The data points a computed year figure rests on (annual totals first, then the months used)."""
    for series in computed.totals:
        point = inputs[series].annual_point(which, year)
        if point is not None:
            yield point
    for series, m in computed.used:
        point = inputs[series].point(which, m)
        if point is not None:
            yield point


def _monthly_values(ctx: Context, indicator: Indicator, inputs: Mapping[str, SeriesValues],
                    published: SeriesValues | None, which: str, month: int) -> list[Fraction | None]:
    """`year_figure(…, k).value` for k = 1 … month in one pass: the monthly values of the charts."""
    year = ctx.target_year if which == "actual" else ctx.baseline_year
    values: list[Fraction | None] = [None] * month
    if indicator.args and all(a in inputs for a in indicator.args):
        values = year_to_date_values(indicator.function, indicator.args, year, month, _fetcher(inputs, which))
    if published is not None:
        given = published.numbers(which)
        for k in range(1, month + 1):
            found = given.get(Month(year, k))
            if found is not None:
                values[k - 1] = Fraction(found)
    return values


def compute_figure(ctx: Context, indicator: Indicator, group: str, inputs: Mapping[str, SeriesValues],
                   published: SeriesValues | None) -> Figure:
    """The figure at the as-of month in both years; its monthly values and reasons when first read.

    What judging needs (the values, whether the base is small) is computed here, and so is every
    warning; the monthly values and the reasons are `Later`s built from the same figures.
    """
    month = ctx.month
    actual = year_figure(ctx, indicator, group, inputs, published, "actual", month)
    baseline = year_figure(ctx, indicator, group, inputs, published, "baseline", month)
    for figure in (baseline, actual):
        deviation = _deviation_text(indicator, group_label(ctx, group), figure)
        if deviation is not None:
            ctx.warn(deviation)
    small = _small_base(ctx, indicator, group, inputs, (baseline, actual))
    fallback = sorted({m for s in inputs.values() for m in s.fallback}
                      | (set(published.fallback) if published else set()))
    if fallback:
        ctx.warn(_fallback_warning(ctx))
    monthly = Later(lambda: _monthly(ctx, indicator, inputs, published, month, actual, baseline))
    reasons = Later(lambda: _figure_reasons(ctx, indicator, group, (baseline, actual), small, fallback))
    return Figure(indicator, group, actual, baseline, monthly, reasons, bool(small), inputs, group_label(ctx, group))


def _monthly(ctx: Context, indicator: Indicator, inputs: Mapping[str, SeriesValues], published: SeriesValues | None,
             month: int, actual: YearFigure, baseline: YearFigure) -> Iterator[MonthlyValue]:
    """Both years' values month by month (the charts); the last month is the judged figure."""
    actual_values = _monthly_values(ctx, indicator, inputs, published, "actual", month)
    baseline_values = _monthly_values(ctx, indicator, inputs, published, "baseline", month)
    actual_values[-1], baseline_values[-1] = actual.value, baseline.value
    return (MonthlyValue(k, to_decimal(a), to_decimal(b))
            for k, a, b in zip(range(1, month + 1), actual_values, baseline_values))


def _figure_reasons(ctx: Context, indicator: Indicator, group: str, figures: tuple[YearFigure, YearFigure],
                    small: str | None, fallback: list[Month]) -> Iterator[Reason]:
    """The reasons of a figure: its computation in both years, summed agencies, a small base, a fallback."""
    for figure in figures:
        yield from _computation_reasons(ctx, indicator, group, figure)
    keys = ctx.checked.agency.keys if ctx.checked.agency is not None else ()
    if len(keys) > 1:  # an agreement over several agencies (`zieldsl.evaluation.summed`)
        yield Reason("summe_traeger", f"{indicator.code} ({group_label(ctx, group)}): aus den Summen der "
                                      f"Träger {', '.join(keys)} gebildet; jeder "
                                      "Datenpunkt ist eine solche Summe und nennt die Zeile des ersten "
                                      "Trägers.")
    if small:
        yield Reason("kleine_basis", small)
    if fallback:
        yield _fallback_reason(ctx, fallback)


# ---------------------------------------------------------------- reasons


def period_text(first: Month, last: Month) -> str:
    if first == last:
        return fmt.month_long(str(first))
    if first.year == last.year:
        return f"{fmt.month_name(first.month)} bis {fmt.month_long(str(last))}"
    return f"{fmt.month_long(str(first))} bis {fmt.month_long(str(last))}"


def _series_unit(ctx: Context, series: str) -> str:
    definition = ctx.checked.catalog.series.get(series)
    if definition is None:
        return "Anzahl"
    return "EUR" if definition.kind == "betrag" or (definition.unit or "").upper() == "EUR" else "Anzahl"


def computation_text(ctx: Context, indicator: Indicator, computed: YearToDate) -> str:
    """The formula with its numbers: "100 × Summe integrationen Januar bis Juni 2026 (612) / …"."""
    period = period_text(computed.first, computed.last)
    if computed.totals:
        period += " (Jahressumme)"
    function, args = computed.function, computed.args
    if function == "summe":
        return f"Summe {args[0]} {period} = {reason_value(computed.value, _series_unit(ctx, args[0]))}"
    if function == "mittelwert":
        return f"Durchschnitt {args[0]} {period} = {reason_value(computed.value, _series_unit(ctx, args[0]))}"
    z, n = args
    num = reason_value(computed.numerator, _series_unit(ctx, z))
    den_first, den_last = denominator_months(function, computed.last.year, computed.last.month) or (None, None)
    den_period = period_text(den_first, den_last) if den_first else period
    den = reason_value(computed.denominator, _series_unit(ctx, n))
    value = reason_value(computed.value, "%")
    if function == "quote":
        return f"100 × Summe {z} {period} ({num}) / Durchschnitt {n} {den_period} ({den}) = {value}"
    if function == "anteil":
        return f"100 × Summe {z} ({num}) / Summe {n} ({den}), {period} = {value}"
    suffix = " des Vormonats" if function == "rate_vormonat" else ""
    return f"Durchschnitt der Monatswerte 100 × {z} / {n}{suffix}, {period} = {value}"


def _computation_reasons(ctx: Context, indicator: Indicator, group: str, figure: YearFigure) -> list[Reason]:
    label = f"{indicator.code} ({group_label(ctx, group)}) {figure.year}"
    out: list[Reason] = []
    computed = figure.computed
    if computed is not None and computed.value is not None:
        published_name = f"{indicator.code}_jfw"
        points = tuple(p for p in figure.points if p.series != published_name) if figure.published else figure.points
        out.append(Reason("berechnung", f"{label}: {computation_text(ctx, indicator, computed)}", data=points))
    elif computed is not None and computed.undefined:
        out.append(Reason("nenner_null", f"{label}: Der Nenner ({computed.args[-1]}) ist null; "
                                         "der Wert ist nicht definiert."))
    if figure.published is not None:
        shown = reason_value(figure.value, indicator.unit)
        out.append(Reason("veroeffentlicht", f"{label}: veröffentlichter Jahresfortschrittswert {shown} "
                                             f"({figure.published.month}) übernommen.",
                          data=(data_point(figure.published),)))
        deviation = _deviation_text(indicator, group_label(ctx, group), figure)
        if deviation is not None:
            out.append(Reason("abweichung_veroeffentlicht", deviation, data=(data_point(figure.published),)))
    return out


def _deviation_text(indicator: Indicator, group_text: str, figure: YearFigure) -> str | None:
    """A published value that differs from the value computed from the raw series (a warning and a reason)."""
    computed = figure.computed
    if figure.published is None or computed is None or computed.value is None:
        return None
    published_rounded = round_half_up(figure.value, 1)
    computed_rounded = round_half_up(computed.value, 1)
    if published_rounded == computed_rounded:
        return None
    return (f"{indicator.code} ({group_text}) {figure.year}: veröffentlichter Wert "
            f"{fmt.number(published_rounded, 1)} weicht vom aus den Reihen berechneten Wert "
            f"{fmt.number(computed_rounded, 1)} ab; verwendet wird der veröffentlichte Wert.")


def _small_base(ctx: Context, indicator: Indicator, group: str, inputs: Mapping[str, SeriesValues],
                figures: Iterable[YearFigure]) -> str | None:
    """A sentence when a ratio's numerator (or a count) sums to less than 100, or a stock averages
    less than 500, in either year; amounts (EUR) are never small."""
    notes = []
    for figure in figures:
        computed = figure.computed
        if computed is None or computed.value is None:
            continue
        current, previous = _year_months(figure.year, computed.last.month)
        which = "actual" if figure.year == ctx.target_year else "baseline"
        for position, series in enumerate(computed.args):
            definition = ctx.checked.catalog.series.get(series)
            if definition is None or series not in inputs:
                continue
            values = inputs[series].numbers(which)
            ratio_numerator = position == 0 and computed.function in RATIO_FUNCTIONS
            if definition.kind == "anzahl" or ratio_numerator:
                found = list(map(values.get, current))
                total = sum(found) if None not in found else sum(v for v in found if v is not None)
                if series in computed.totals:  # the year's total from the data (`monat` = JJJJ)
                    total = computed.numerator
                if total < SMALL_COUNT:
                    notes.append(f"{reason_value(total, 'Anzahl')} {series} im Jahr {figure.year}")
            elif definition.kind == "bestand":
                used = previous if position == 1 and computed.function in ("quote", "rate_vormonat") else current
                present = [v for v in map(values.get, used) if v is not None]
                mean = Fraction(sum(present)) / len(present) if present else None
                if present and mean < SMALL_STOCK:
                    notes.append(f"durchschnittlich {reason_value(mean, 'Anzahl')} {series} "
                                 f"im Jahr {figure.year}")
    if not notes:
        return None
    unique = list(dict.fromkeys(notes))
    return (f"Kleine Basis für {indicator.code} ({group_label(ctx, group)}): {'; '.join(unique)}. "
            "Bei so kleinen Zahlen schwanken Veränderungen stark.")


@lru_cache(maxsize=256)
def _year_months(year: int, month: int) -> tuple[tuple[Month, ...], tuple[Month, ...]]:
    """January … `month` of `year`, and the month before each."""
    current = tuple(months_of(year, month))
    return current, tuple(m.shift(-1) for m in current)


def _fallback_reason(ctx: Context, months: list[Month]) -> Reason:
    cutoff = fmt.date_short(ctx.vintage_baseline)
    text = (f"Für das Vergleichsjahr {ctx.baseline_year} gibt es für {describe_months(months)} keinen Ladestand "
            f"bis {cutoff}; verwendet wird jeweils der früheste vorhandene Ladestand.")
    return Reason("ladestand_ersatz", text)


def _fallback_warning(ctx: Context) -> str:
    cutoff = fmt.date_short(ctx.vintage_baseline)
    return (f"Vergleichsjahr {ctx.baseline_year}: nicht für alle Werte liegt ein Ladestand bis {cutoff} vor "
            "(gleicher Ladestand); verwendet wird jeweils der früheste vorhandene Ladestand.")


def describe_months(months: Iterable[Month]) -> str:
    """Consecutive months as ranges: "Dezember 2025 bis Februar 2026, Mai 2026"."""
    ordered = sorted(set(months))
    parts: list[str] = []
    start = prev = None
    for month in ordered:
        if start is None:
            start = prev = month
        elif month == prev.shift(1):
            prev = month
        else:
            parts.append(period_text(start, prev))
            start = prev = month
    if start is not None:
        parts.append(period_text(start, prev))
    return ", ".join(parts)


def describe_missing(missing: Iterable[tuple[str, str, Month]],
                     inputs: Mapping[str, SeriesValues] | None = None) -> str:
    """"integrationen (Frauen): März 2026; elb (gesamt): keine Werte in den Daten"."""
    by_series: dict[tuple[str, str], list[Month]] = {}
    for series, group, month in missing:
        by_series.setdefault((series, group), []).append(month)
    parts = []
    for (series, group), months in by_series.items():
        values = (inputs or {}).get(series)
        label = f"{series} ({builtin_group_label(group)})"
        if values is not None and values.group == group and not values.present:
            parts.append(f"{label}: keine Werte in den Daten")
        else:
            text = f"{label}: {describe_months(months)}"
            marks = [values.marked[m] for m in months if values is not None and m in values.marked]
            if marks:
                marker, span = marks[0]
                text += (f" (in den Daten als fehlend gekennzeichnet: »{marker}« in {span.file}, Zeile "
                         f"{span.line}{' u. a.' if len(marks) > 1 else ''})")
            parts.append(text)
    return "; ".join(parts)


def missing_code(missing: Iterable[tuple[str, str, Month]], inputs: Mapping[str, SeriesValues]) -> str:
    """fehlende_reihe / fehlende_gruppe when a series or group is absent entirely, else fehlender_monat."""
    for series, _group, _month in missing:
        values = inputs.get(series)
        if values is not None and not values.series_present:
            return "fehlende_reihe"
        if values is not None and not values.present:
            return "fehlende_gruppe"
    return "fehlender_monat"


def is_ratio(indicator: Indicator) -> bool:
    return indicator.function in RATIO_FUNCTIONS
