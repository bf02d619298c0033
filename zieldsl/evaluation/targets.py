"""Targets: combine the conditions by the agreement's rule; milestones from the evidence.

Combination (`erreicht wenn …`; default: all conditions, and all steps for a
milestone target):

* all: any `nicht_erreicht` decides (nicht_erreicht); otherwise any
  `nicht_bewertbar` → nicht_bewertbar; otherwise any `offen` → offen; else erreicht.
* any (`eine bedingung`): any `erreicht` decides; otherwise nicht_bewertbar, then
  offen, else nicht_erreicht.

Subtargets are targets of their own and count for the parent only when its rule
says `alle teilziele` or names them. Monitoring-only targets and principles
(`grundsatz`) are `beobachtet`.

Milestones: a step or condition is done when the evidence says `erledigt` (with a
`datum` after the as-of month it does not count yet for that month); a missing
entry is `ohne_nachweis` (not done). Not done is `nicht_erreicht` once the target
year is over — as-of month December and the evidence compiled (`stand`) on or after
31 December of the target year (or no `stand` given) — and `offen` before. Without
any evidence file a milestone is `offen` ("offen – kein Nachweis vorgelegt"), never
`nicht_erreicht`: a missing or misnamed file must not tell an agency it failed.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from zieldsl import german as fmt
from zieldsl.language import nodes as n
from zieldsl.language.checker import FlatTarget
from zieldsl.diagnostics import Diagnostic, did_you_mean
from zieldsl.evaluation.conditions import source_ref
from zieldsl.evaluation.context import Context
from zieldsl.inputs.evidence import Evidence
from zieldsl.evaluation.judging import combine_all, combine_any
from zieldsl.results import (JUDGED_KINDS, MET, MISSED, MONITORED, NOT_ASSESSABLE, OPEN, ConditionResult, Reason,
                             StepResult, TargetResult)
from zieldsl.wording import NO_EVIDENCE_FILED, status_word, step_kind_word



def evidence_is_final(ctx: Context, evidence: Evidence | None) -> bool:
    """The year is over for milestones: as-of December, evidence compiled at or after the year's end."""
    if ctx.as_of.month != 12 or evidence is None:
        return False
    stand = evidence.as_of
    return stand is None or stand >= datetime.date(ctx.target_year, 12, 31)


def step_result(ctx: Context, target: n.Target, item, evidence: Evidence | None) -> StepResult:
    found = evidence.get(target.id, item.id) if evidence is not None else None
    kind = "schritt" if isinstance(item, n.Step) else "bedingung"
    if found is None:
        return StepResult(item.id, kind, item.text, "ohne_nachweis", None, None, item.deadline, source_ref(item.span))
    return StepResult(item.id, kind, item.text, found.status, found.date, found.proof, item.deadline,
                      source_ref(found.span))


def done_later(ctx: Context, step: StepResult) -> bool:
    """Done, but after the as-of month: an interim judgement does not count it yet."""
    return step.status == "erledigt" and step.date is not None and step.date > _month_end(ctx)


def step_status(ctx: Context, step: StepResult) -> str:
    if step.status == "erledigt" and not done_later(ctx, step):
        return MET
    return MISSED if ctx.evidence_final else OPEN


def _step_reason(ctx: Context, step: StepResult, status: str) -> Reason:
    word = step_kind_word(step.kind)
    if ctx.evidence_missing:
        text = f"{word} »{step.id}«: {NO_EVIDENCE_FILED} (keine Nachweisdatei gefunden)"
        if step.deadline and step.deadline <= _month_end(ctx):
            text += f"; Frist {fmt.date_short(step.deadline)}"
        return Reason("kein_nachweis", text + ".", step.source)
    text = f"{word} »{step.id}«: {status_word(step.status)}"
    if step.date:
        text += f" am {fmt.date_short(step.date)}"
    if step.proof:
        text += f" (Nachweis: {step.proof})"
    if step.status == "ohne_nachweis":
        text += " – kein Eintrag in den Nachweisen; zählt als nicht erledigt"
    if done_later(ctx, step):
        text += f", also nach dem Bewertungsmonat {fmt.month_long(str(ctx.as_of))}"
    if status == MISSED:
        text += f"; das Zieljahr {ctx.target_year} ist abgelaufen: nicht erfüllt"
    elif status == OPEN:
        text += "; noch offen"
    if step.deadline and step.status != "erledigt" and step.deadline <= _month_end(ctx):
        text += f"; die Frist {fmt.date_short(step.deadline)} ist verstrichen"
    if step.deadline and step.status == "erledigt" and step.date and step.date > step.deadline:
        text += f"; erledigt nach der Frist {fmt.date_short(step.deadline)}"
    return Reason("nachweis", text + ".", step.source)


def _month_end(ctx: Context) -> datetime.date:
    following = ctx.as_of.shift(1)
    return datetime.date(following.year, following.month, 1) - datetime.timedelta(days=1)


def default_terms(target: n.Target) -> tuple[n.RuleTerm, ...]:
    terms = []
    if target.of(n.Step):
        terms.append(n.RuleTerm("all", "schritte"))
    if target.of(n.Condition) or target.of(n.CountCondition) or target.of(n.MilestoneCondition):
        terms.append(n.RuleTerm("all", "bedingungen"))
    return tuple(terms)


def rule_text(terms: tuple[n.RuleTerm, ...], explicit: bool) -> str | None:
    if not terms:
        return None
    parts = []
    for term in terms:
        if term.kind == "all":
            parts.append({"schritte": "alle Schritte erledigt", "bedingungen": "alle Bedingungen erfüllt",
                          "teilziele": "alle Teilziele erreicht"}[term.value])
        elif term.kind == "any":
            parts.append("mindestens eine Bedingung erfüllt")
        else:
            parts.append(f"»{term.value}« erfüllt")
    singular = len(terms) == 1 and terms[0].kind in ("any", "name")
    text = f"erreicht, wenn {' und '.join(parts)} {'ist' if singular else 'sind'}"
    if explicit:
        return text[0].upper() + text[1:] + "."
    return f"Ohne eigene Regel gilt: {text}."


def target_result(ctx: Context, flat: FlatTarget, items: list, subtargets: dict[str, TargetResult],
                  evidence: Evidence | None) -> TargetResult:
    """Combine the results of a target's items (ConditionResult or StepResult, in text order)."""
    target = flat.target
    conditions = tuple(r for r in items if isinstance(r, ConditionResult) and r.kind in JUDGED_KINDS)
    monitoring = tuple(r for r in items if isinstance(r, ConditionResult) and r.kind in ("beobachtung", "abstand"))
    supplementary = tuple(r for r in items if isinstance(r, ConditionResult) and r.kind == "ergaenzung")
    steps = tuple(r for r in items if isinstance(r, StepResult))
    rules = target.of(n.Rule)
    terms = rules[0].terms if rules else default_terms(target)
    texts = tuple(t.text for t in target.of(n.Text))
    emphases = tuple(e.text for e in target.of(n.Emphasis))
    common = dict(id=target.id, number=flat.number, title=target.title, texts=texts, conditions=conditions,
                  monitoring=monitoring, supplementary=supplementary, steps=steps, parent=flat.parent,
                  source=source_ref(target.span), emphases=emphases)
    waivers = target.of(n.Waiver)
    if waivers:
        return _waived(ctx, target, waivers[0], items, subtargets, evidence, common)
    if target.kind == "grundsatz" or not terms:
        if target.kind == "grundsatz":
            kind = "grundsatz"
        elif monitoring or supplementary or subtargets:
            kind = "beobachtung"
        else:
            kind = "schwerpunkt"
        if kind == "schwerpunkt":
            reason = Reason("ohne_bewertung", "Das Ziel enthält vereinbarte Schwerpunkte oder Texte, aber keine "
                                              "Bedingung und keine Beobachtung; es wird nicht bewertet.",
                            source_ref(target.span))
        else:
            reason = Reason("beobachtung", "Wird beobachtet, nicht bewertet: Werte und Veränderung ohne Urteil.",
                            source_ref(target.span))
        return TargetResult(kind=kind, status=MONITORED, rule=None, reasons=(reason,), **common)

    step_statuses = {s.id: step_status(ctx, s) for s in steps}
    reasons: list[Reason] = [_step_reason(ctx, s, step_statuses[s.id]) for s in steps]
    condition_statuses = [c.status for c in conditions] + [step_statuses[s.id] for s in steps
                                                           if s.kind == "bedingung"]
    named = dict(step_statuses)
    named.update({sub_id: sub.status for sub_id, sub in subtargets.items()})
    term_statuses = []
    for term in terms:
        if term.kind == "all" and term.value == "schritte":
            status = combine_all(step_statuses[s.id] for s in steps if s.kind == "schritt")
        elif term.kind == "all" and term.value == "bedingungen":
            status = combine_all(condition_statuses)
        elif term.kind == "any":
            status = combine_any(condition_statuses)
        elif term.kind == "all" and term.value == "teilziele":
            status = combine_all(sub.status for sub in subtargets.values())
        else:
            status = named.get(term.value, NOT_ASSESSABLE)
        term_statuses.append(status)
    status = combine_all(term_statuses)
    text = rule_text(terms, bool(rules))
    rule_source = source_ref(rules[0].span) if rules else source_ref(target.span)
    outcome = ", ".join(f"{_item_label(c)}: {status_word(c.status)}" for c in conditions)
    for sub_id, sub in subtargets.items():
        outcome += (", " if outcome else "") + f"Teilziel {sub.number}: {status_word(sub.status)}"
    reasons.insert(0, Reason("regel", f"{text} {('Ergebnis: ' + outcome + '.') if outcome else ''}".strip(),
                             rule_source))
    if steps and not ctx.evidence_final:
        reasons.append(Reason("nachweisstand", _evidence_state(ctx, evidence)))
    if conditions and ctx.preliminary:
        first, last = fmt.month_name(1), fmt.month_name(ctx.month)
        reasons.append(Reason("vorlaeufig", f"Vorläufig: Jahresfortschrittswert {first} bis {last} "
                                            f"{ctx.target_year}, verglichen mit {first} bis {last} "
                                            f"{ctx.baseline_year}; das Jahresergebnis steht erst mit dem "
                                            "Dezemberwert fest."))
    kind = "schwelle" if conditions else "meilenstein"
    return TargetResult(kind=kind, status=status, rule=text, reasons=tuple(reasons), **common)


def _waived(ctx: Context, target: n.Target, waiver: n.Waiver, items: list, subtargets: dict,
            evidence: Evidence | None, common: dict) -> TargetResult:
    """`ausgesetzt "…"`: the target's figures are reported like monitoring, with what the agreed values would
    have given, and the target is neither met nor missed."""
    plain = replace(target, items=tuple(i for i in target.items if not isinstance(i, n.Waiver)))
    would = target_result(ctx, FlatTarget(plain, common["number"], common["parent"]), items, subtargets, evidence)
    note = f"Das Ziel ist für {ctx.target_year} ausgesetzt: {waiver.text.rstrip('.')}."
    if would.status in (MET, MISSED, NOT_ASSESSABLE) and would.kind in ("schwelle", "meilenstein"):
        note += (f" Die Werte werden berichtet, nicht bewertet; nach den vereinbarten Zielwerten wäre es "
                 f"{status_word(would.status)}.")
    reported = tuple(replace(c, status=MONITORED, reasons=c.reasons + (
        Reason("ausgesetzt", f"Ausgesetzt: {status_word(c.status)} nach dem vereinbarten Wert, ohne Bewertung.",
               source_ref(waiver.span)),)) for c in would.conditions)
    return TargetResult(**{**common, "conditions": reported}, kind="ausgesetzt", status=MONITORED, rule=None,
                        reasons=(Reason("ausgesetzt", note, source_ref(waiver.span)),), waived=waiver.text)


def _item_label(result: ConditionResult) -> str:
    return result.wording


def _evidence_state(ctx: Context, evidence: Evidence | None) -> str:
    if ctx.evidence_missing:
        return (f"Es wurde keine Nachweisdatei vorgelegt: die Meilensteine sind {NO_EVIDENCE_FILED}; "
                "sie werden erst mit Nachweisen bewertet.")
    if ctx.as_of.month != 12:
        return (f"Stand {fmt.month_long(str(ctx.as_of))}: das Zieljahr läuft noch; nicht Erledigtes ist offen.")
    stand = evidence.as_of if evidence is not None else None
    return (f"Die Nachweise haben den Stand {fmt.date_short(stand)}, vor dem Ende des Zieljahres "
            f"{ctx.target_year}; nicht Erledigtes bleibt offen.")


def evidence_warnings(ctx: Context, targets: list[FlatTarget], evidence: Evidence | None) -> list[str]:
    """ZD402: entries for targets, steps or conditions the agreement does not know, with their YAML position."""
    if evidence is None:
        return []
    known: dict[str, set[str]] = {}
    for flat in targets:
        known[flat.target.id] = {i.id for i in flat.target.items if isinstance(i, (n.Step, n.MilestoneCondition))}
    found: list[Diagnostic] = []
    for target in evidence.targets():
        if target not in known:
            span = evidence.target_span(target)
            hint = did_you_mean(target, [t for t, items in known.items() if items])
            found.append(Diagnostic("ZD402", f"Nachweis für unbekanntes Ziel »{target}« (Vereinbarung "
                                             f"»{ctx.checked.id}«); er wird nicht berücksichtigt", span,
                                    hint or "Die Ziele stehen mit ihrer Kennung in der Vereinbarung.", "warnung",
                                    evidence.source_line(span) if span else None))
            continue
        for item in evidence.items_for(target):
            if item.item not in known[target]:
                hint = did_you_mean(item.item, known[target])
                found.append(Diagnostic("ZD402", f"Ziel »{target}« hat keinen Schritt und keine Bedingung "
                                                 f"»{item.item}«; der Nachweis wird nicht berücksichtigt",
                                        item.span, hint or "Schritte und Bedingungen stehen mit ihrer Kennung "
                                                           "im Ziel der Vereinbarung.", "warnung",
                                        evidence.source_line(item.span)))
    return [d.render() for d in found]
