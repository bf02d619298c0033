"""Conditions: a figure (or a count) judged, monitored or shown beside a target.

Each function builds the `results.ConditionResult` of one "bedingung" node of the
graph from the figures it depends on. Statuses instead of exceptions: a missing
month, a missing group, a zero base or a zero denominator give `nicht_bewertbar`
with a reason naming what is missing.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Mapping

from zieldsl import german as fmt
from zieldsl.language import nodes as n
from zieldsl.later import Later
from zieldsl.evaluation.context import Context
from zieldsl.evaluation.distance import count_outlook, count_persons, forecast_margin, outlook, persons_needed
from zieldsl.evaluation.figures import (Figure, SeriesValues, data_point, describe_missing, group_fields, group_label,
                                        is_ratio, missing_code)
from zieldsl.evaluation.indicators import to_decimal, year_to_date
from zieldsl.evaluation.stated_figures import stated_figure, stated_quota
from zieldsl.inputs.store import entry_value
from zieldsl.evaluation.judging import (COUNT, DIRECTION, LEVEL, POINTS, Criterion, combine_all, count_criterion,
                                        criterion_for, is_met, judge, point_change, relative_change, round_half_up,
                                        undefined_base_text)
from zieldsl.inputs.store import choose, entry_value
from zieldsl.months import Month, months_between
from zieldsl.language.clause_text import proposal_text
from zieldsl.results import (MET, MISSED, MONITORED, NOT_ASSESSABLE, Aggregate, ConditionResult, MonthlyValue, Reason,
                             SourceRef, StatedFigure)
from zieldsl.wording import (WANTED_WAY, WISH_WORDS, change_in_unit, comparator_sign, reason_value, status_word,
                             unit_word)


def source_ref(span) -> SourceRef | None:
    return SourceRef(span.file, span.line, span.column) if span is not None else None


def _missing_reasons(figure: Figure, which: tuple[str, ...]) -> list[Reason]:
    reasons = []
    for name in which:
        year_figure = getattr(figure, name)
        if year_figure.missing:
            text = (f"{figure.label} {year_figure.year} ist nicht zu bilden; es fehlen Werte: "
                    f"{describe_missing(year_figure.missing, figure.inputs)}.")
            reasons.append(Reason(missing_code(year_figure.missing, figure.inputs), text))
        elif year_figure.undefined:
            reasons.append(Reason("nenner_null", f"{figure.label} {year_figure.year}: Der Nenner ist null; "
                                                 "der Wert ist nicht definiert."))
    return reasons


def _later_reasons(figure: Figure, own: list) -> Later:
    """The figure's reasons, then the condition's own (a callable among them writes its reason when read)."""
    return Later(lambda: (*figure.reasons, *(item() if callable(item) else item for item in own)))


def _components(ctx: Context, figure: Figure) -> tuple[ConditionResult, ...]:
    """Numerator and denominator development of a ratio (an IQ mixes both effects).

    A share (`anteil`) sums its series over the months; for a stock that sum means nothing
    to a reader, so a stock is shown as its monthly mean (the ratio and the change stay the same).
    """
    if not is_ratio(figure.indicator):
        return ()
    actual, baseline = figure.actual.computed, figure.baseline.computed
    if actual is None or baseline is None or actual.value is None or baseline.value is None:
        return ()
    out = []
    for role, attr, series in (("Zähler", "numerator", figure.indicator.args[0]),
                               ("Nenner", "denominator", figure.indicator.args[1])):
        a, b = getattr(actual, attr), getattr(baseline, attr)
        definition = ctx.checked.catalog.series.get(series)
        if figure.indicator.function == "anteil" and definition is not None and definition.kind == "bestand":
            a = a / len(months_between(actual.first, actual.last)) if a is not None else None
            b = b / len(months_between(baseline.first, baseline.last)) if b is not None else None
        change = relative_change(a, b) if a is not None and b is not None else None
        out.append(ConditionResult(
            indicator=series, indicator_title=definition.title if definition is not None else series,
            group=figure.group, kind="beobachtung", wording=f"{role}: {series}", unit="%",
            value_unit="Anzahl", baseline=to_decimal(b), actual=to_decimal(a), change=to_decimal(change),
            change_rounded=round_half_up(change, 1) if change is not None else None, threshold=None,
            operator=None, decimals=1, distance=None, status=MONITORED))
    return tuple(out)


ADDING_UP = ("summe", "mittelwert", "quote", "anteil")


def aggregate_of(figure: Figure) -> Aggregate | None:
    """The totals behind a figure computed from raw series by a formula that adds up across agencies.

    None for rates (a mean of monthly ratios), published values and figures that cannot be formed.
    """
    actual, baseline = figure.actual.computed, figure.baseline.computed
    if actual is None or baseline is None or actual.function not in ADDING_UP:
        return None
    if figure.actual.value != actual.value or figure.baseline.value != baseline.value:
        return None  # the judged value came from a published figure, not from these sums
    if actual.value is None or baseline.value is None:
        return None
    months = len(months_between(actual.first, actual.last))
    if months != len(months_between(baseline.first, baseline.last)):
        return None

    def totals(computed):
        numerator, denominator = computed.numerator, computed.denominator
        if computed.function == "mittelwert":
            numerator = numerator * months
        if computed.function == "quote":
            denominator = denominator * months
        return to_decimal(numerator), to_decimal(denominator) if computed.function in ("quote", "anteil") else None

    actual_num, actual_den = totals(actual)
    baseline_num, baseline_den = totals(baseline)
    return Aggregate(actual.function, months, actual_num, actual_den, baseline_num, baseline_den)


def judged(ctx: Context, condition: n.Condition, figure: Figure, wording: str) -> ConditionResult:
    """A condition with a threshold: change in %, percentage points, level or direction."""
    indicator = figure.indicator
    criterion = criterion_for(condition, indicator.good)
    ref = source_ref(condition.span)
    needs = ("actual",) if criterion.kind == LEVEL else ("baseline", "actual")
    reasons: list = []  # after the figure's own: Reasons, or callables that write one when the reasons are read
    base = dict(indicator=indicator.code, indicator_title=indicator.title, group=figure.group,
                kind=criterion.kind, wording=wording, unit=criterion.unit, value_unit=indicator.unit,
                baseline=to_decimal(figure.baseline.value), actual=to_decimal(figure.actual.value),
                threshold=criterion.threshold, operator=criterion.operator, decimals=criterion.decimals,
                source=ref, monthly=figure.monthly, small_base=figure.small_base,
                components=Later(lambda: _components(ctx, figure)), verb=condition.verb, qualifier=condition.qualifier,
                stated_value=condition.value, aggregate=aggregate_of(figure), **group_fields(ctx, figure.group))
    if condition.equivalent is not None:
        stated = stated_figure(ctx, condition, indicator, figure.group)
        base["stated_figure"] = stated
        reasons.append(Reason("klammerangabe", stated.note, source_ref(condition.equivalent.span)))
    missing = _missing_reasons(figure, needs)
    if missing:
        return ConditionResult(change=None, change_rounded=None, distance=None, status=NOT_ASSESSABLE,
                               reasons=_later_reasons(figure, reasons + missing), **base)
    actual, baseline = figure.actual.value, figure.baseline.value
    if criterion.kind == LEVEL:
        value = actual
    elif criterion.kind == POINTS:
        value = point_change(actual, baseline)
    else:
        value = relative_change(actual, baseline)
        if value is None:
            reasons.append(Reason("basis_null", undefined_base_text(figure.label, Fraction(baseline),
                                                                    ctx.baseline_year), ref))
            return ConditionResult(change=None, change_rounded=None, distance=None, status=NOT_ASSESSABLE,
                                   reasons=_later_reasons(figure, reasons), **base)
    judgement = judge(value, criterion)
    reasons.append(lambda: Reason("vergleich", comparison_text(criterion, value, judgement.rounded, judgement.met,
                                                               figure, ctx), ref))
    if condition.proposal is not None:
        proposal = _proposal(condition, indicator, value, criterion)
        base["stated_figure"] = proposal
        reasons.append(Reason("vorschlag", proposal.note, source_ref(condition.proposal.span)))
    return ConditionResult(change=to_decimal(value), change_rounded=judgement.rounded, distance=judgement.distance,
                           status=MET if judgement.met else MISSED, reasons=_later_reasons(figure, reasons),
                           persons=_persons(ctx, figure, criterion, base["aggregate"]),
                           outlook=_outlook(ctx, figure, criterion, base["aggregate"]), **base)


def _figure_of(criterion: Criterion, baseline: Fraction | None):
    """The judged figure (change in %, in points, or the level) of a value against `baseline`."""
    def figure_of(value: Fraction) -> Fraction | None:
        if criterion.kind == LEVEL:
            return value
        if baseline is None:
            return None
        if criterion.kind == POINTS:
            return point_change(value, baseline)
        return relative_change(value, baseline)
    return figure_of


def _meets(criterion: Criterion, baseline: Fraction | None):
    figure_of = _figure_of(criterion, baseline)

    def met(value: Fraction) -> bool:
        compared = figure_of(value)
        return compared is not None and is_met(compared, criterion)
    return met


def _baseline_year_end(ctx: Context, figure: Figure) -> Fraction | None:
    """The baseline year's December value by the catalogue formula, as the current data show it."""
    indicator = figure.indicator
    if not indicator.args:
        return None
    stored = {series: ctx.store.entries(ctx.agency, series, figure.group) for series in indicator.args}

    def fetch(series, month):
        entry = choose((stored.get(series) or {}).get(month.year * 12 + month.month - 1), ctx.vintage)
        return Fraction(entry_value(entry)) if entry is not None else None

    computed = year_to_date(indicator.function, indicator.args, ctx.baseline_year, 12, fetch)
    return computed.value if not computed.missing else None


def _outlook(ctx: Context, figure: Figure, criterion: Criterion, aggregate: Aggregate | None):
    """Before December: what the remaining months need (`zieldsl.evaluation.distance.outlook`)."""
    if ctx.month >= 12 or aggregate is None or criterion.operator == "==":
        return None
    series = figure.indicator.args[0] if figure.indicator.args else None
    definition = ctx.checked.catalog.series.get(series) if series else None
    if definition is None:
        return None
    year_end = _baseline_year_end(ctx, figure)
    if year_end is None and criterion.kind != LEVEL:
        return None
    return outlook(met=_meets(criterion, year_end), aggregate=aggregate, series=series,
                   series_title=definition.title, series_kind=definition.kind,
                   at_least=criterion.operator in (">=", ">"),
                   baseline_year_end=year_end if year_end is not None else Fraction(0))


def _persons(ctx: Context, figure: Figure, criterion: Criterion, aggregate: Aggregate | None):
    """The distance in persons: how many (integrations, LZB on average) the threshold needed."""
    if aggregate is None or criterion.operator == "==":
        return None
    series = figure.indicator.args[0] if figure.indicator.args else None
    definition = ctx.checked.catalog.series.get(series) if series else None
    if definition is None:
        return None
    baseline = Fraction(figure.baseline.value) if figure.baseline.value is not None else None
    return persons_needed(met=_meets(criterion, baseline), aggregate=aggregate, series=series, series_title=definition.title,
                          series_kind=definition.kind, at_least=criterion.operator in (">=", ">"),
                          boundary=_threshold_value(criterion, baseline))


def _threshold_value(criterion: Criterion, baseline: Fraction | None) -> Fraction | None:
    """The figure value at which the unrounded threshold is reached (where the search for persons starts)."""
    threshold = Fraction(criterion.threshold)
    if criterion.kind == LEVEL:
        return threshold
    if baseline is None:
        return None
    if criterion.kind == POINTS:
        return baseline + threshold
    return baseline * (1 + threshold / 100) if baseline > 0 else None


def _proposal(condition: n.Condition, indicator, value: Fraction, agreed: Criterion) -> StatedFigure:
    """`(vorschlag 2,0 %)`: the value proposed in the planning procedure, compared with the figure like the
    agreed one, but never judged."""
    p = condition.proposal
    criterion = criterion_for(replace(condition, value=p.value, proposal=None, equivalent=None), indicator.good)
    judgement = judge(value, criterion)
    shown = change_in_unit if criterion.kind != LEVEL else (lambda v, u, places: fmt.amount(v, u, places))
    proposed = shown(criterion.threshold, criterion.unit, criterion.decimals)
    agreed_text = shown(agreed.threshold, agreed.unit, agreed.decimals)
    reached = shown(judgement.rounded, criterion.unit, criterion.decimals)
    note = (f"Im Planungsverfahren vorgeschlagen: {proposed}; vereinbart: {agreed_text}. Mit {reached} wäre "
            f"der Vorschlag {status_word(MET if judgement.met else MISSED)}; bewertet wird der vereinbarte Wert.")
    return StatedFigure(proposal_text(p), p.value, criterion.unit, None, None, None, note, "vorschlag",
                        judgement.met)


def comparison_text(criterion: Criterion, value: Fraction, rounded: Decimal, met: bool, figure: Figure,
                    ctx: Context) -> str:
    """"Veränderung +6,2839… % → gerundet +6,3 %; +6,3 % ≥ +5,8 %: erreicht"."""
    unit = criterion.unit
    places = criterion.decimals
    exact = fmt.number(to_decimal(value), min(6, max(places + 2, 4)), signed=criterion.kind != LEVEL)
    if criterion.kind == LEVEL:
        what = f"Wert {figure.label} {ctx.target_year}"
        shown_rounded = fmt.amount(rounded, unit, places)
        shown_threshold = fmt.amount(criterion.threshold, unit, places)
    else:
        what = "Veränderung" + (" in Prozentpunkten" if criterion.kind == POINTS else " gegenüber dem Vorjahr")
        shown_rounded = change_in_unit(rounded, unit, places)
        shown_threshold = change_in_unit(criterion.threshold, unit, places)
    verdict = status_word(MET if met else MISSED)
    sign = comparator_sign(criterion.operator)
    to = "ganze Zahlen" if places == 0 else f"{places} Nachkommastelle{'n' if places != 1 else ''}"
    text = (f"{what}: {exact} (ungerundet), kaufmännisch gerundet auf {to}: {shown_rounded}; "
            f"{shown_rounded} {sign} {shown_threshold}: {verdict}.")
    if criterion.kind == DIRECTION:
        text += " Nur die Richtung zählt; eine auf 0,0 gerundete Veränderung ist keine Veränderung."
    return text


def monitored(ctx: Context, item, figure: Figure, wording: str, kind: str = "beobachtung") -> ConditionResult:
    """Monitoring (`beobachtung`) or a supplementary indicator: values and change, no verdict.

    The change is relative in %; a `prognose` states the expected change, which becomes the
    threshold the distance is measured to (still no verdict).
    """
    indicator = figure.indicator
    forecast = getattr(item, "forecast", None)
    reasons: list = _missing_reasons(figure, ("baseline", "actual"))
    actual, baseline = figure.actual.value, figure.baseline.value
    change = None
    unit = forecast.unit if forecast else "%"
    if actual is not None and baseline is not None:
        change = point_change(actual, baseline) if unit == "prozentpunkte" else relative_change(actual, baseline)
        if change is None:
            reasons.append(Reason("basis_null", undefined_base_text(figure.label, Fraction(baseline),
                                                                    ctx.baseline_year)))
    threshold = distance = None
    wish = getattr(item, "wish", None)
    rounded = round_half_up(change, 1) if change is not None else None
    if forecast is not None:
        threshold = forecast.value if forecast.direction == "steigt" else -forecast.value
        if rounded is not None:
            distance = forecast_margin(rounded, threshold, wish or indicator.good)
            reasons.append(Reason("prognose", f"Prognose {change_in_unit(threshold, unit)}, eingetreten "
                                              f"{change_in_unit(rounded, unit)}.", source_ref(item.span)))
    on_course = None
    if wish is not None and rounded is not None:
        on_course = wanted_direction(wish, rounded, threshold)
        reasons.append(Reason("gewuenschte_richtung", wish_text(wish, rounded, threshold, on_course, unit),
                              source_ref(item.span)))
    return ConditionResult(
        indicator=indicator.code, indicator_title=indicator.title, group=figure.group, kind=kind, wording=wording,
        unit=unit, value_unit=indicator.unit, baseline=to_decimal(baseline), actual=to_decimal(actual),
        change=to_decimal(change), change_rounded=rounded, threshold=threshold, operator=None, decimals=1,
        distance=distance, status=MONITORED, reasons=_later_reasons(figure, reasons),
        source=source_ref(getattr(item, "span", None)), monthly=figure.monthly, small_base=figure.small_base,
        components=Later(lambda: _components(ctx, figure)),
        forecast=forecast_text(forecast) if forecast else None, wanted_direction=wish,
        in_wanted_direction=on_course, **group_fields(ctx, figure.group))


def _size(value: Decimal, unit: str) -> str:
    return fmt.points(value, 1, signed=False) if unit == "prozentpunkte" else fmt.number(value, 1)


def wanted_direction(wish: str, rounded: Decimal, forecast: Decimal | None) -> bool:
    """Did a monitored figure move the wanted way? Without a forecast: a non-zero rounded change in that
    direction (as for `K1 sinkt`); with one: at least as far as the forecast in that direction."""
    if forecast is None:
        return rounded > 0 if wish == "steigt" else rounded < 0
    return rounded >= forecast if wish == "steigt" else rounded <= forecast


def wish_text(wish: str, rounded: Decimal, forecast: Decimal | None, on_course: bool, unit: str) -> str:
    """"Gewünscht: sinken (gegenüber der Prognose −1,0 %); eingetreten −1,4 %: in die gewünschte Richtung."."""
    against = f" (gegenüber der Prognose {change_in_unit(forecast, unit)})" if forecast is not None else ""
    verdict = WANTED_WAY[on_course]
    return (f"Gewünscht: {WISH_WORDS[wish]}{against}; eingetreten {change_in_unit(rounded, unit)}: {verdict}. "
            "Das ist eine Beobachtung, keine Bewertung.")


def forecast_text(forecast: n.Forecast) -> str:
    """"steigt um 2,2 %" as written."""
    return f"{forecast.direction} um {fmt.number(forecast.value)} {unit_word(forecast.unit)}"


def gap(ctx: Context, item: n.GapMonitoring, first: Figure, second: Figure, wording: str) -> ConditionResult:
    """`beobachtung abstand K2 zwischen frauen und männern`: first − second in both years, and its change.

    For ratios the gap is in percentage points; `group` is the first group named.
    """
    indicator = first.indicator
    unit = "prozentpunkte" if indicator.is_ratio else indicator.unit

    def difference(a, b):
        return a - b if a is not None and b is not None else None

    actual = difference(first.actual.value, second.actual.value)
    baseline = difference(first.baseline.value, second.baseline.value)
    change = difference(actual, baseline)
    reasons = list(_missing_reasons(first, ("baseline", "actual")) + _missing_reasons(second, ("baseline", "actual")))
    if change is not None:
        text = (f"Abstand {indicator.code} {group_label(ctx, first.group)} − {group_label(ctx, second.group)}: "
                f"{ctx.baseline_year} {reason_value(baseline, '')}, {ctx.target_year} {reason_value(actual, '')}; "
                f"Veränderung {change_in_unit(round_half_up(change, 1), unit)}.")
        reasons.append(Reason("abstand", text, source_ref(item.span)))
    monthly = Later(lambda: (
        MonthlyValue(a.month, a.actual - b.actual if a.actual is not None and b.actual is not None else None,
                     a.baseline - b.baseline if a.baseline is not None and b.baseline is not None else None)
        for a, b in zip(first.monthly, second.monthly)))
    plain = replace(item, wish=None)  # the wish concerns the gap, not each group's own figure
    parts = (monitored(ctx, plain, first, f"{indicator.code} ({group_label(ctx, first.group)})"),
             monitored(ctx, plain, second, f"{indicator.code} ({group_label(ctx, second.group)})"))
    on_course = None
    if item.wish is not None and actual is not None and baseline is not None:
        # the size of the gap, whichever group is ahead: |gap| rounded to one decimal in both years
        now, before = round_half_up(abs(actual), 1), round_half_up(abs(baseline), 1)
        size_change = now - before
        on_course = wanted_direction(item.wish, size_change, None)
        verdict = WANTED_WAY[on_course]
        reasons.append(Reason("gewuenschte_richtung", f"Gewünscht: der Abstand soll {WISH_WORDS[item.wish]}; "
                                                      f"er betrug {_size(before, unit)} und beträgt "
                                                      f"{_size(now, unit)} "
                                                      f"({change_in_unit(size_change, unit)}): {verdict}. Das ist "
                                                      "eine Beobachtung, keine Bewertung.", source_ref(item.span)))
    return ConditionResult(
        indicator=indicator.code, indicator_title=indicator.title, group=first.group, kind="abstand",
        wording=wording, unit=unit, value_unit=unit, baseline=to_decimal(baseline), actual=to_decimal(actual),
        change=to_decimal(change), change_rounded=round_half_up(change, 1) if change is not None else None,
        threshold=None, operator=None, decimals=1, distance=None, status=MONITORED, reasons=tuple(reasons),
        source=source_ref(item.span), monthly=monthly, small_base=first.small_base or second.small_base,
        components=parts, wanted_direction=item.wish, in_wanted_direction=on_course,
        **group_fields(ctx, first.group))


def _count_monthly(ctx: Context, values: SeriesValues, actual, baseline) -> list[MonthlyValue]:
    """The running sums of a count in both years, month by month (the chart)."""
    monthly = []
    for k in range(1, ctx.month + 1):
        a = sum((values.actual[Month(ctx.target_year, i)].value for i in range(1, k + 1)
                 if Month(ctx.target_year, i) in values.actual), Decimal(0))
        b = sum((values.baseline[Month(ctx.baseline_year, i)].value for i in range(1, k + 1)
                 if Month(ctx.baseline_year, i) in values.baseline), Decimal(0))
        monthly.append(MonthlyValue(k, a, b))
    if actual.totals or baseline.totals:  # a year's total: the running sums end in it
        last = monthly[-1]
        monthly[-1] = MonthlyValue(last.month, to_decimal(actual.value) if actual.totals else last.actual,
                                   to_decimal(baseline.value) if baseline.totals else last.baseline)
    return monthly


def _count_points(ctx: Context, values: SeriesValues, actual) -> tuple:
    """The data points of a count's sum in the target year (the year's total first, where it stood in)."""
    points = tuple(data_point(values.actual[m]) for _s, m in actual.used if m in values.actual)
    if actual.totals:
        points = (values.annual_point("actual", ctx.target_year),) + points
    return points


def count(ctx: Context, item: n.CountCondition, inputs: Mapping[str, SeriesValues], wording: str,
          title: str) -> ConditionResult:
    """`anzahl integrationen mindestens 612, davon frauen mindestens 258`: Σ over months 1..m of the
    target year against each minimum; met only if every part is met."""
    ref = source_ref(item.span)
    results = []
    for group, minimum, span in [("gesamt", item.minimum, item.span)] + [(p.group, p.minimum, p.span)
                                                                         for p in item.parts]:
        values = inputs[group]
        criterion = count_criterion(minimum, item.bound)
        ceiling = item.bound == "höchstens"
        sums = {}
        for which, year in (("actual", ctx.target_year), ("baseline", ctx.baseline_year)):
            fetch = lambda s, m, v=values.values(which): v[m].value if m in v else None  # noqa: E731
            total = values.annual_total(which, year) if ctx.month == 12 else None  # `monat` = JJJJ in the data
            sums[which] = year_to_date("summe", (item.series,), year, ctx.month, fetch,
                                       {item.series: entry_value(total)} if total is not None else None)
        actual, baseline = sums["actual"], sums["baseline"]
        monthly = Later(lambda values=values, actual=actual, baseline=baseline:
                        _count_monthly(ctx, values, actual, baseline))
        points = Later(lambda values=values, actual=actual: _count_points(ctx, values, actual))
        reasons = []
        if group == "gesamt" and item.equivalent is not None:  # `(ca. 30,2 % K2)`: checked, never judged
            stated = stated_quota(ctx, item)
            reasons.append(Reason("klammerangabe", stated.note, source_ref(item.equivalent.span)))
        label = f"{item.series} ({group_label(ctx, group)})"
        part_wording = wording if group == "gesamt" else \
            f"davon {group_label(ctx, group)} mindestens {fmt.number(minimum, 0)}"
        base = dict(indicator=item.series, indicator_title=title, group=group, kind=COUNT, wording=part_wording,
                    unit="Anzahl", value_unit="Anzahl", baseline=to_decimal(baseline.value),
                    threshold=minimum, operator=criterion.operator, decimals=0, source=source_ref(span),
                    monthly=monthly, small_base=False, qualifier=item.bound if group == "gesamt" else "mindestens",
                    stated_value=minimum, stated_figure=stated if group == "gesamt" and item.equivalent else None,
                    **group_fields(ctx, group))
        if actual.value is None:
            missing = [(s, group, m) for s, m in actual.missing]
            reasons.append(Reason(missing_code(missing, {item.series: values}),
                                  f"{label} {ctx.target_year} ist nicht zu bilden; es fehlen Werte: "
                                  f"{describe_missing(missing, {item.series: values})}.", ref))
            results.append(ConditionResult(actual=None, change=None, change_rounded=None, distance=None,
                                           status=NOT_ASSESSABLE, reasons=tuple(reasons), **base))
            continue
        judgement = judge(actual.value, criterion)
        reasons.append(Reason("berechnung", f"{label}: Summe {fmt.month_name(1)} bis "
                                            f"{fmt.month_long(str(Month(ctx.target_year, ctx.month)))} = "
                                            f"{reason_value(actual.value, 'Anzahl')}"
                                            f"{' (Jahressumme aus den Daten)' if actual.totals else ''}", data=points))
        shortfall = None if ceiling else max(Decimal(0), minimum - judgement.rounded)
        if judgement.met:
            verdict = status_word(MET)
        elif ceiling:
            verdict = f"{status_word(MISSED)}, {fmt.number(judgement.rounded - minimum, 0)} mehr als vereinbart"
        else:
            verdict = f"{status_word(MISSED)}, es fehlten {fmt.number(shortfall, 0)}"
        compared = (f"{reason_value(actual.value, 'Anzahl')} {comparator_sign(criterion.operator)} "
                    f"{fmt.number(minimum, 0)}: {verdict}.")
        reasons.append(Reason("vergleich", compared, source_ref(span)))
        results.append(ConditionResult(actual=to_decimal(actual.value), change=to_decimal(actual.value),
                                       change_rounded=judgement.rounded, distance=judgement.distance,
                                       status=MET if judgement.met else MISSED, reasons=tuple(reasons),
                                       shortfall=shortfall,
                                       persons=count_persons(item.series, title, judgement.rounded, minimum,
                                                             not ceiling),
                                       outlook=None if ceiling else count_outlook(item.series, title,
                                                                                  Fraction(actual.value), minimum,
                                                                                  ctx.month),
                                       **base))
    overall, parts = results[0], tuple(results[1:])
    status = combine_all([overall.status] + [p.status for p in parts])
    if parts:
        summary = "; ".join(f"{group_label(ctx, p.group)}: {status_word(p.status)}" for p in (overall,) + parts)
        extra = (Reason("regel", f"Die Anzahl ist erreicht, wenn alle Teile erreicht sind ({summary}).", ref),)
    else:
        extra = ()
    return replace(overall, status=status, components=parts, reasons=overall.reasons + extra)
