"""The Land's view of many agreements: one table per kind of target, the Land's own figure, ranks.

Built from evaluation results alone. Decisions:

* a *target kind* is an indicator (or, for count targets, a series) that at least one
  Kreis has a judged condition on; its row for a Kreis is that Kreis's first judged
  condition on it for `gesamt`, with its women's and men's conditions beside it;
* the Land's figure is formed from the sums behind each Kreis's figure
  (`results.Aggregate`): numerators and denominators are added, then divided, so a big
  Kreis weighs more than a small one, as in the Land's own statistics. Averaging the
  Kreise's quotas would be wrong. It is formed only when every Kreis of the table has
  those sums for the same months; otherwise the reason says which Kreise are missing.
  Rates (means of monthly ratios) and published indicator values do not add up, so they
  get no Land figure. Counts (`anzahl`) simply add up. The Land has no threshold of its
  own here: its figure is shown, not judged;
* the rank orders Kreise by how far they are beyond their own threshold in the good
  direction (the distance, positive on the good side); equal distances share
  a rank (1, 2, 2, 4). Kreise without a distance get no rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from zieldsl.evaluation.indicators import to_decimal
from zieldsl.evaluation.judging import point_change, relative_change, round_half_up
from zieldsl.results import (MET, MISSED, NOT_ASSESSABLE, AgreementOutcome, AgreementResult, ConditionResult,
                             InputFile)

JUDGED_KINDS = ("veraenderung", "prozentpunkte", "niveau", "richtung", "anzahl")
COUNTED = (MET, MISSED, NOT_ASSESSABLE)


@dataclass(frozen=True)
class KreisRow:
    """One Kreis in the table of a target kind."""

    result: AgreementResult
    condition: ConditionResult | None  # the gesamt condition
    women: ConditionResult | None
    men: ConditionResult | None
    margin: Decimal | None  # distance beyond the own threshold in the good direction
    rank: int | None = None


@dataclass(frozen=True)
class LandFigure:
    """The Land's figure for one group: from the summed numerators and denominators of its Kreise."""

    group: str
    baseline: Decimal | None
    actual: Decimal | None
    change: Decimal | None  # relative change in %, unrounded
    change_rounded: Decimal | None  # one decimal, half up
    points: Decimal | None  # change in percentage points (ratios only), one decimal
    kreise: int  # how many Kreise it is formed from
    reason: str | None = None  # why it is not formed


@dataclass(frozen=True)
class TargetKind:
    key: str
    indicator: str
    title: str
    kind: str  # of the first gesamt condition (veraenderung, prozentpunkte, niveau, richtung, anzahl)
    value_unit: str
    rows: tuple[KreisRow, ...]
    counts: tuple[tuple[str, int], ...]  # status → number of Kreise (gesamt condition)
    land: tuple[LandFigure, ...]  # gesamt, frauen, maenner (those that occur)
    ranked: bool


@dataclass(frozen=True)
class LandOverview:
    results: tuple[AgreementResult, ...]
    failed: tuple[AgreementOutcome, ...]
    kinds: tuple[TargetKind, ...]
    preliminary: bool  # any Kreis judged on preliminary values
    as_of: tuple[str, ...]  # the distinct as-of months
    target_years: tuple[int, ...]
    inputs: tuple[InputFile, ...]  # every input file once (name, role, sha256)


def _judged(result: AgreementResult):
    """(indicator key, condition) of every judged condition, in the order of the agreement."""
    for target in result.targets:
        if target.kind != "schwelle":
            continue
        for condition in target.conditions:
            if condition.kind not in JUDGED_KINDS:
                continue
            if condition.kind == "anzahl":
                yield f"anzahl {condition.indicator}", condition
                for part in condition.components:
                    yield f"anzahl {condition.indicator}", part
            else:
                yield condition.indicator, condition


def margin_of(condition: ConditionResult | None) -> Decimal | None:
    """The distance beyond the own threshold, positive on the good side (already so in results)."""
    if condition is None or condition.distance is None or condition.operator is None:
        return None
    return condition.distance


def _ranked(rows: list[KreisRow]) -> list[KreisRow]:
    margins = sorted((r.margin for r in rows if r.margin is not None), reverse=True)
    out = []
    for row in rows:
        rank = None if row.margin is None else 1 + sum(1 for m in margins if m > row.margin)
        out.append(KreisRow(row.result, row.condition, row.women, row.men, row.margin, rank))
    return out


def _value(function: str, months: int, numerator: Fraction, denominator: Fraction | None) -> Fraction | None:
    if function == "summe":
        return numerator
    if function == "mittelwert":
        return numerator / months
    if not denominator:
        return None
    if function == "quote":
        return 100 * numerator * months / denominator
    return 100 * numerator / denominator  # anteil


def land_figure(group: str, conditions: list[tuple[str, ConditionResult | None]]) -> LandFigure:
    """The Land's figure from (Kreis name, condition) pairs: summed numerators over summed denominators."""
    missing = [name for name, c in conditions if c is None or (c.kind != "anzahl" and c.aggregate is None)
               or (c.kind == "anzahl" and (c.actual is None or c.baseline is None))]
    count = len(conditions)
    if missing:
        return LandFigure(group, None, None, None, None, None, 0,
                          f"nicht zu bilden: keine addierbaren Werte für {', '.join(missing)}")
    present = [c for _n, c in conditions]
    if all(c.kind == "anzahl" for c in present):
        actual = sum(Fraction(c.actual) for c in present)
        baseline = sum(Fraction(c.baseline) for c in present)
        ratio = False
    else:
        aggregates = [c.aggregate for c in present]
        if any(a is None for a in aggregates):
            return LandFigure(group, None, None, None, None, None, 0, "nicht zu bilden: Zählziele und Kennzahlen "
                                                                        "gemischt")
        kinds = {(a.function, a.months) for a in aggregates}
        if len(kinds) != 1:
            return LandFigure(group, None, None, None, None, None, 0,
                              "nicht zu bilden: die Kreise haben unterschiedliche Zeiträume (Stand)")
        function, months = kinds.pop()

        def total(attr):
            values = [getattr(a, attr) for a in aggregates]
            return None if any(v is None for v in values) else sum(Fraction(v) for v in values)

        actual = _value(function, months, total("actual_numerator"), total("actual_denominator"))
        baseline = _value(function, months, total("baseline_numerator"), total("baseline_denominator"))
        ratio = function in ("quote", "anteil")
    if actual is None or baseline is None:
        return LandFigure(group, None, None, None, None, None, 0, "nicht zu bilden: der Nenner ist null")
    change = relative_change(actual, baseline)
    return LandFigure(group, to_decimal(baseline), to_decimal(actual), to_decimal(change),
                      round_half_up(change, 1) if change is not None else None,
                      round_half_up(point_change(actual, baseline), 1) if ratio else None, count)


def overview(outcomes: list[AgreementOutcome]) -> LandOverview:
    """The Land overview of the judged agreements (failed ones are listed, not counted)."""
    results = [o.result for o in outcomes if o.result is not None]
    failed = tuple(o for o in outcomes if o.result is None)
    order: list[str] = []
    found: dict[str, dict[int, dict[str, ConditionResult]]] = {}
    for index, result in enumerate(results):
        for key, condition in _judged(result):
            if key not in found:
                order.append(key)
                found[key] = {}
            found[key].setdefault(index, {}).setdefault(condition.group, condition)
    kinds = []
    for key in order:
        by_kreis = found[key]
        rows = []
        for index, groups in sorted(by_kreis.items(), key=lambda item: (results[item[0]].agency,
                                                                          results[item[0]].agreement_id)):
            main = groups.get("gesamt")
            rows.append(KreisRow(results[index], main, groups.get("frauen"), groups.get("maenner"), margin_of(main)))
        rows = _ranked(rows)
        first = next((c for g in by_kreis.values() for c in g.values()), None)
        mains = [r.condition for r in rows if r.condition is not None]
        sample = mains[0] if mains else first
        counts = tuple((status, sum(1 for c in mains if c.status == status)) for status in COUNTED)
        lands = []
        for group, attr in (("gesamt", "condition"), ("frauen", "women"), ("maenner", "men")):
            if any(getattr(r, attr) is not None for r in rows):
                lands.append(land_figure(group, [(r.result.agency, getattr(r, attr)) for r in rows]))
        title = sample.indicator_title if sample.kind != "anzahl" else f"Anzahl {sample.indicator_title}"
        kinds.append(TargetKind(key, sample.indicator, title, sample.kind, sample.value_unit, tuple(rows), counts,
                                tuple(lands), sum(1 for r in rows if r.rank is not None) >= 2))
    inputs: dict[tuple[str, str], InputFile] = {}
    for result in results:
        for item in result.inputs:
            inputs.setdefault((item.role, item.name), item)
    return LandOverview(
        results=tuple(results), failed=failed, kinds=tuple(kinds),
        preliminary=any(r.preliminary for r in results),
        as_of=tuple(sorted({r.as_of for r in results})),
        target_years=tuple(sorted({r.target_year for r in results})),
        inputs=tuple(sorted(inputs.values(), key=lambda f: ({"vereinbarung": 0, "daten": 1}.get(f.role, 2),
                                                            f.name))),
    )
