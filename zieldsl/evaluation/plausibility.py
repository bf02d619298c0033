"""The gender split plausibility rule: do the targets for women and men add up to the overall target?

Where a main target has an overall change target in % and targets for both women and
men on the same indicator (in the target or its subtargets), the overall change they
imply (each group's baseline figure raised by its target, denominators held at
baseline: the numerator-weighted mean of the group targets) is stated as a reason,
and a warning is added when it differs from the overall target by more than
`TOLERANCE` (0,3 percentage points). It never changes a status.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

from zieldsl.evaluation.conditions import source_ref
from zieldsl.evaluation.context import Context
from zieldsl.evaluation.figures import Figure, is_ratio
from zieldsl.evaluation.graph import figure_id, group_of
from zieldsl.evaluation.indicators import to_decimal
from zieldsl.evaluation.judging import criterion_for, round_half_up
from zieldsl.language import nodes as n
from zieldsl.language.checker import CheckedAgreement
from zieldsl.results import Reason
from zieldsl.wording import PLAUSIBILITY_MISMATCH, change_in_unit

TOLERANCE = Fraction(3, 10)  # percentage points of change


def with_plausibility(ctx: Context, checked: CheckedAgreement, values: dict, targets: list) -> list:
    """The targets, each main target with an overall change in % and targets for both genders on the
    same indicator carrying the reason `plausibilitaet_geschlecht` (and a warning beyond the tolerance)."""
    by_id = {t.id: i for i, t in enumerate(targets)}
    for flat in checked.targets:
        if flat.parent is not None:
            continue
        target = flat.target
        overall = [c for c in target.of(n.Condition)
                   if group_of(c) == "gesamt" and c.measure == "change" and c.unit == "%"]
        gendered = [c for t in [target] + target.of(n.Target) for c in t.of(n.Condition)
                    if group_of(c) in ("frauen", "maenner") and c.measure == "change" and c.unit == "%"]
        for condition in overall:
            reason = implied_overall(ctx, checked, condition, gendered, values)
            if reason is not None:
                index = by_id[target.id]
                targets[index] = dataclasses.replace(targets[index], reasons=targets[index].reasons + (reason,))
    return targets


def implied_overall(ctx: Context, checked: CheckedAgreement, overall: n.Condition, gendered: list,
                    values: dict) -> Reason | None:
    """The overall change the gender targets imply, compared with the stated overall target."""
    indicator = checked.catalog.indicators[overall.indicator]
    parts = {}
    for c in gendered:
        if c.indicator == overall.indicator:
            parts.setdefault(group_of(c), c)
    if set(parts) != {"frauen", "maenner"}:
        return None
    weights, thresholds = {}, {}
    for group, c in parts.items():
        figure: Figure | None = values.get(figure_id(c.indicator, group))
        if figure is None:
            return None
        baseline = figure.baseline
        if is_ratio(indicator):
            weight = baseline.computed.numerator if baseline.computed is not None else None
        else:
            weight = baseline.value
        if weight is None:
            return None
        weights[group] = Fraction(weight)
        thresholds[group] = Fraction(criterion_for(c, indicator.good).threshold)
    total = sum(weights.values())
    if total == 0:
        return None
    implied = sum(weights[g] * thresholds[g] for g in weights) / total
    stated = Fraction(criterion_for(overall, indicator.good).threshold)
    difference = implied - stated
    shown = {g: change_in_unit(to_decimal(thresholds[g]), "%", 1) for g in thresholds}
    implied_text = change_in_unit(round_half_up(implied, 1), "%", 1)
    stated_text = change_in_unit(Decimal(stated.numerator) / stated.denominator, "%", 1)
    text = (f"Die geschlechterspezifischen Ziele für die Kennzahl »{indicator.title}« ({overall.indicator}; "
            f"Frauen {shown['frauen']}, Männer "
            f"{shown['maenner']}) ergeben, gewichtet mit den Werten des Vergleichsjahres {ctx.baseline_year} "
            f"(Nenner wie im Vergleichsjahr), zusammen eine Veränderung von {implied_text}; das Gesamtziel ist "
            f"{stated_text} (Abweichung {change_in_unit(round_half_up(difference, 1), 'prozentpunkte', 1)}).")
    if abs(difference) > TOLERANCE:
        tolerance = change_in_unit(to_decimal(TOLERANCE), "prozentpunkte", 1, signed=False)
        ctx.warn(f"{checked.source_name}:{overall.span.line}: {text} Die Ziele passen nicht zueinander "
                 f"(mehr als {tolerance} Abweichung).")
    return Reason("plausibilitaet_geschlecht", text, source_ref(overall.span))
