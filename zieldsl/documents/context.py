"""The template context: evaluation results turned into what a document shows.

Everything here is derived from an `AgreementResult` alone (never from the syntax
tree or raw data): formatted figures, German sentences, chart data, the audit
footer. Templates get plain dicts, lists and strings (safe in the sandbox, easy to
use from a Word template) plus the untouched `result` for custom templates.

Dict keys avoid the names of dict methods (`items`, `values`, `keys`, …), which a
Jinja attribute lookup would find first.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Any, Callable

from markupsafe import Markup

from zieldsl.documents import agreement_text
from zieldsl.documents import assessment as assessments
from zieldsl.documents import charts
from zieldsl import german as fmt
from zieldsl.documents import sentences as s
from zieldsl.documents.agreement_text import paragraphs
from zieldsl.months import Month
from zieldsl.results import JUDGED_KINDS, MET, MISSED, NOT_ASSESSABLE, AgreementResult, ConditionResult, TargetResult
from zieldsl.wording import (DISTANCE_LEGEND, PLAUSIBILITY_MISMATCH, change_text, condition_figure,
                             condition_group_word, distance_text, exact_change_text, input_role_word,
                             interim_status_word, level_text, status_word, threshold_text)

PLAUSIBILITY = "plausibilitaet_geschlecht"  # the reason code of `zieldsl.evaluation.plausibility`

FESTSTELLUNG = "feststellung"
ZWISCHENBERICHT = "zwischenbericht"
VEREINBARUNG = "vereinbarung"
KINDS = (FESTSTELLUNG, ZWISCHENBERICHT, VEREINBARUNG)
KIND_TITLES = {
    FESTSTELLUNG: "Feststellung der Zielerreichung",
    ZWISCHENBERICHT: "Zwischenbericht zur Zielerreichung",
    VEREINBARUNG: "Vereinbarung",
}

# An image for a Word template: (png bytes, alternative text) → object the template prints.
ImageFactory = Callable[[bytes, str], Any]


def is_final(result: AgreementResult) -> bool:
    """The data reach December of the target year: the year can be judged."""
    return result.as_of_month >= Month(result.target_year, 12)


def default_kind(result: AgreementResult) -> str:
    """Feststellung when the data reach December of the target year, else Zwischenbericht."""
    return FESTSTELLUNG if is_final(result) else ZWISCHENBERICHT


def document_date(result: AgreementResult, kind: str) -> datetime.date:
    """The date a document is "of": the data vintage, else the end of the as-of month.

    For the agreement itself the last signature. Never the day of the run, so that
    output stays reproducible.
    """
    if kind == VEREINBARUNG and result.framework.signatures:
        return max(sig.date for sig in result.framework.signatures)
    if result.data_vintage is not None:
        return result.data_vintage
    year, month = result.as_of_month.year, result.as_of_month.month
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Letterhead:
    """What the Land's letterhead needs beyond the agreement: file number, clerk, date of the letter."""

    reference: str | None = None  # Aktenzeichen
    clerk: str | None = None  # Bearbeitung
    date: datetime.date | None = None  # default: the document's date (data vintage), never the clock


LETTERHEAD_PLACEHOLDER = "(bitte eintragen)"


def build_context(result: AgreementResult, kind: str, output_format: str, *, phrases: s.Phrases,
                  image_factory: ImageFactory | None = None, letterhead: Letterhead | None = None,
                  assessment: "assessments.Assessment | None" = None) -> dict:
    """The full context for one document kind in one format ("md", "html", "docx")."""
    builder = _Builder(result, kind, output_format, phrases, image_factory)
    context = builder.build()
    context["letterhead"] = letterhead_view(result, kind, letterhead or Letterhead())
    if kind != VEREINBARUNG:
        add_assessment(context, assessment if assessment is not None else assessments.load(result))
    result_object = context.pop("result")
    context = _typeset(context)
    context["result"] = result_object
    return context


def _typeset(value):
    """German typography (no-break space before units, minus sign, quotes) on every shown string."""
    if isinstance(value, Markup) or not isinstance(value, (str, dict, list, tuple)):
        return value
    if isinstance(value, str):
        return fmt.typeset(value)
    if isinstance(value, dict):
        return {key: _typeset(item) for key, item in value.items()}
    return [_typeset(item) for item in value]


def add_assessment(context: dict, assessment: assessments.Assessment) -> None:
    """The Land's Würdigung at each target and at § 3 (4)/(5), or a mark where it belongs."""
    file_name = assessment.file_name or "NAME.wuerdigung.md"
    context["assessment"] = {
        "file_name": file_name,
        "found": assessment.found,
        "circumstances": assessment.circumstances,
        "circumstances_paragraphs": assessments.paragraphs(assessment.circumstances),
        "circumstances_placeholder": f"[Würdigung der Umstände durch das Land: in »{file_name}« unter "
                                     f"»## Umstände (§ 3 Abs. 4 und 5)« eintragen; die Datei wird beim "
                                     f"Neuerzeugen nie überschrieben.]",
    }

    def attach(target: dict, main: bool) -> None:
        text = assessment.targets.get(str(target["number"]), "")
        target["assessment"] = text
        target["assessment_paragraphs"] = assessments.paragraphs(text)
        heading = "Ziel" if main else "Teilziel"
        target["assessment_placeholder"] = "" if not main else (
            f"[Würdigung des Landes: in »{file_name}« unter »## {heading} {target['number']}« eintragen.]")
        for sub in target["subtargets"]:
            attach(sub, False)

    for target in context["targets"]:
        attach(target, True)


def letterhead_view(result: AgreementResult, kind: str, letterhead: Letterhead) -> dict:
    """The letterhead as the templates print it; what is not given is marked for the official to fill in."""
    land = result.framework.land
    return {
        "sender": land.name if land else "",
        "reference": letterhead.reference or LETTERHEAD_PLACEHOLDER,
        "clerk": letterhead.clerk or LETTERHEAD_PLACEHOLDER,
        "date": fmt.date_long(letterhead.date or document_date(result, kind)),
    }


def value_status_short(result: AgreementResult) -> str:
    """"vorläufig (Januar bis Juni)" or "Jahresendwerte ohne Wartezeit"."""
    if result.preliminary:
        month = fmt.month_name(result.as_of_month.month)
        return f"vorläufig (Januar bis {month})" if month != "Januar" else "vorläufig (Januar)"
    if result.framework.waiting_period and result.framework.waiting_period_over is False:
        return "Jahresendwerte vor Ablauf der Wartezeit (vorläufig)"
    waiting = "mit" if result.framework.waiting_period else "ohne"
    return f"Jahresendwerte {waiting} Wartezeit"


def value_status(result: AgreementResult) -> str:
    """Whether the figures are preliminary, in one sentence."""
    if result.preliminary:
        return ("Die Werte sind vorläufig: Sie umfassen nur einen Teil des Zieljahres; die abschließende "
                "Bewertung folgt auf Grundlage der Jahresendwerte.")
    if result.framework.waiting_period and result.framework.waiting_period_over is False:
        return ("Vereinbart sind Werte mit Wartezeit, aber die Daten wurden vor Ablauf der Wartezeit geladen: "
                "Die Werte sind vorläufig und können sich noch ändern.")
    if result.framework.waiting_period:
        return "Die Werte sind Jahresendwerte nach Ablauf der Wartezeit."
    return ("Die Werte sind Jahresendwerte ohne Wartezeit, wie für die Beurteilung vereinbart; nach Ablauf der "
            "Wartezeit können sich die Daten noch geringfügig ändern.")


class _Builder:
    def __init__(self, result: AgreementResult, kind: str, output_format: str, phrases: s.Phrases,
                 image_factory: ImageFactory | None):
        self.r = result
        self.kind = kind
        self.format = output_format
        self.phrases = phrases
        self.image_factory = image_factory
        year, month = result.as_of_month.year, result.as_of_month.month
        self.month = month if year == result.target_year else 12
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        self.period = s.Period(self.month, fmt.month_name(self.month), fmt.month_long(result.as_of),
                               is_final(result), end, result.baseline_year)
        self.charts: list[dict] = []

    # ------------------------------------------------------------------ top level

    def build(self) -> dict:
        r = self.r
        self.agreement_view = self.agreement()
        targets = [self.target(t) for t in r.targets if not t.parent]
        context = {
            "kind": self.kind,
            "kind_title": KIND_TITLES[self.kind],
            "output_format": self.format,
            "final": self.period.final,
            "preliminary": r.preliminary,
            "result": r,
            "agreement": self.agreement_view,
            "period": self.period_view(),
            "overview": [self.overview_row(t) for t in r.targets],
            "targets": targets,
            "circumstances": self.circumstances(),
            "data_basis": self.data_basis(),
            "audit": self.audit(),
            "appendix": self.charts,
            "calculation": [{"heading": view["heading"], "reasons": view["reasons"]}
                            for target in targets for view in [target, *target["subtargets"]] if view["reasons"]],
            "contract": agreement_text.contract(r, self.phrases) if self.kind == VEREINBARUNG else None,
            "document_date": fmt.date_long(document_date(r, self.kind)),
        }
        return context

    def agreement(self) -> dict:
        r, f = self.r, self.r.framework
        land = f.land
        agency = f.agency
        sides = f.parties or ((land,) if land else ())  # several signing ministries or partners
        land_display = ", ".join(f"{p.name} ({p.short})" if p.short else p.name for p in sides)  # "… und Träger"
        agency_name = agency.name if agency else r.agency
        parties = [s.party_phrase(self.phrases, p.name, "dat") + (f" ({p.short})" if p.short else "") for p in sides]
        parties.append(s.party_phrase(self.phrases, agency_name, "dat"))
        return {
            "id": r.agreement_id,
            "title": r.title,
            "target_year": r.target_year,
            "baseline_year": r.baseline_year,
            "land_name": land.name if land else "",
            "land_short": land.short if land and land.short else "",
            "land_display": land_display,
            "agency_name": agency_name,
            "agency_key": (r.agency_key or "").replace("+", ", "),  # several agencies: "09101, 09102"
            "agency_genitive": (agency.genitive if agency and agency.genitive else f"von {agency_name}"),
            "parties_line": "zwischen " + s.join_and(parties),
            "legal_basis": f.legal_basis or "",
            "regulation": f.regulation or "",
            "trial_year": f.trial_year or "",  # `erprobungsjahr "…"`: the targets are not binding this year
            "dialogues": f.dialogues or "",  # "quartalsweise", "im zweiten Quartal", "mindestens 2 im Jahr"
        }

    def period_view(self) -> dict:
        r, f = self.r, self.r.framework
        if self.period.final:
            actual_label, baseline_label = str(r.target_year), str(r.baseline_year)
        elif self.month == 1:
            actual_label, baseline_label = f"Januar {r.target_year}", f"Januar {r.baseline_year}"
        else:
            short = self.period.month_name[:3] + "."
            actual_label = f"Jan.–{short} {r.target_year}"
            baseline_label = f"Jan.–{short} {r.baseline_year}"
        basis = "Jahresfortschrittswerte" if f.basis == "jahresfortschrittswerte" else "Jahresendwerte"
        basis += " mit Wartezeit" if f.waiting_period else " ohne Wartezeit"
        return {
            "as_of": r.as_of,
            "as_of_long": self.period.as_of_long,
            "month": self.month,
            "month_name": self.period.month_name,
            "months_text": "Januar bis Dezember" if self.month == 12 else
                           ("Januar" if self.month == 1 else f"Januar bis {self.period.month_name}"),
            "actual_label": actual_label,
            "baseline_label": baseline_label,
            "data_vintage": fmt.date_long(r.data_vintage) if r.data_vintage else "nicht angegeben",
            "data_vintage_baseline": fmt.date_long(r.data_vintage_baseline) if r.data_vintage_baseline
            else "nicht angegeben",
            "basis_text": basis,
            "vintage_text": "beide Jahre beim gleichen Ladestand" if r.vintage_policy == "gleicher"
            else "beide Jahre aus einem gemeinsamen Datenabzug",
            "status_text": value_status_short(r),
        }

    def status_text(self, status: str) -> str:
        """"erreicht" at year end; before December "auf Zielkurs", "nicht auf Zielkurs", "noch nicht bewertbar"."""
        return status_word(status) if self.period.final else interim_status_word(status)

    # ------------------------------------------------------------------ targets

    def target(self, t: TargetResult) -> dict:
        judged = [c for c in t.conditions if c.kind in JUDGED_KINDS]
        # when the whole target lacks data, say so once instead of at every figure
        explain = not any(r.code == "keine_daten" for r in t.reasons)
        conditions = [self.condition(t, c, explain=explain) for c in t.conditions]
        subs = [self.target(sub) for sub in self.r.targets if sub.parent == t.id]
        verdict = s.verdict_sentence(self.phrases, t, self.period)
        figure_sentences = [text for c in conditions for text in (c["sentence"], c["components_sentence"]) if text]
        milestone = s.milestone_sentence(t, self.period)
        if milestone:
            figure_sentences.append(milestone)
        emphasis = s.emphasis_sentence(t)
        if emphasis:
            figure_sentences.insert(0, emphasis)
        if t.parent:
            heading = f"{t.title} ({t.number})"
        elif t.kind == "grundsatz":
            heading = f"Grundsatz {t.number}: {t.title}"
        else:
            heading = f"Ziel {t.number}: {t.title}"
        # the calculation goes to the appendix; the gender split check judges the agreement, not the
        # year, so only the interim report shows it (as a note on the agreement)
        notes = [r.text for r in t.reasons if r.code == PLAUSIBILITY]
        reasons = [r.text for r in t.reasons if r.code != PLAUSIBILITY]
        for c in t.conditions:
            reasons.extend(r.text for r in c.reasons)
        return {
            "id": t.id,
            "number": t.number,
            "title": t.title,
            "heading": heading,
            "kind": t.kind,
            "is_principle": t.kind == "grundsatz",
            "is_subtarget": bool(t.parent),
            "status": t.status,
            "status_text": self.status_text(t.status),
            "verdict": verdict,
            "sentences": figure_sentences,
            "summary": " ".join([verdict, *figure_sentences]),
            "conditions": conditions,
            "monitoring": [self.condition(t, c, explain=explain) for c in t.monitoring],
            "supplementary": [self.condition(t, c, explain=explain) for c in t.supplementary],
            "steps": [self.step(step) for step in t.steps],
            "steps_chart": self.timeline(t, heading),
            "rule": t.rule or "",
            "reasons": list(dict.fromkeys(reasons)),
            "all_reasons": list(dict.fromkeys(reasons + [text for sub in subs for text in sub["all_reasons"]])),
            "justification": s.justification(self.phrases, t, self.period,
                                             agency_genitive=self.agreement_view["agency_genitive"],
                                             target_year=self.r.target_year, baseline_year=self.r.baseline_year),
            "agreement_notes": [] if self.period.final else list(dict.fromkeys(notes)),
            "texts": [p for text in t.texts for p in paragraphs(text)],
            "emphases": list(t.emphases),
            "subtargets": subs,
            "source": str(t.source) if t.source else "",
        }

    def condition(self, t: TargetResult, c: ConditionResult, *, explain: bool = True) -> dict:
        code = c.indicator
        label = f"{self.phrases.label(code, c.indicator_title)} ({code})" if c.kind != "anzahl" else \
            s.capitalize(self.phrases.count_noun(code, c.indicator_title))
        if c.group != "gesamt":
            label += f", {condition_group_word(c)}"
        if c.kind == "abstand":
            label = f"Abstand {' – '.join(s.group_of(p) for p in c.components[:2])}: {c.indicator_title} ({code})"
        view = {
            "indicator": code,
            "indicator_title": c.indicator_title,
            "label": label,
            "group": c.group,
            "group_text": condition_group_word(c),
            "kind": c.kind,
            "wording": c.wording,
            "status": c.status,
            "status_text": self.status_text(c.status),
            "judged": c.status in (MET, MISSED) and c.kind in JUDGED_KINDS,
            "baseline": level_text(c.baseline, c.value_unit),
            "actual": level_text(c.actual, c.value_unit),
            "change": change_text(c) if c.change is not None or c.change_rounded is not None else "–",
            "change_exact": exact_change_text(c),
            "threshold": threshold_text(c),
            "distance": distance_text(c),
            "sentence": s.figure_sentence(self.phrases, c, self.period, explain=explain),
            "components_sentence": (s.components_sentence(self.phrases, c) or "")
            if c.kind in JUDGED_KINDS and c.status != NOT_ASSESSABLE else "",
            "small_base": c.small_base,
            "forecast": c.forecast or "",
            "reasons": [r.text for r in c.reasons],
            "source": str(c.source) if c.source else "",
            "chart": None,
        }
        if c.kind in JUDGED_KINDS and c.status != NOT_ASSESSABLE and c.monthly:
            view["chart"] = self.chart(t, c, label)
        return view

    def chart(self, t: TargetResult, c: ConditionResult, label: str) -> dict | None:
        ident = re.sub(r"[^a-z0-9]+", "-", f"diagramm-{t.id}-{c.indicator}-{c.group}".lower()).strip("-")
        phrase = s.with_group(self.phrases.label(c.indicator, c.indicator_title), c.group)
        model = charts.chart_for(c, ident=ident, label=phrase, target_year=self.r.target_year,
                                 baseline_year=self.r.baseline_year)
        if model is None:
            return None
        rows = []
        by_month = {m.month: m for m in c.monthly}
        for month in range(1, 13):
            m = by_month.get(month)
            if m is None:
                continue
            level = charts.threshold_level(c, m.baseline) if m.baseline is not None else None
            if c.kind in ("niveau", "anzahl"):
                level = c.threshold
            rows.append({
                "month": fmt.month_name(month),
                "baseline": level_text(m.baseline, c.value_unit),
                "actual": level_text(m.actual, c.value_unit),
                "threshold": level_text(level, c.value_unit) if level is not None else "–",
            })
        view = {
            "ident": ident,
            "title": model.title,
            "description": model.description,
            "heading": f"{'Teilziel' if t.parent else 'Ziel'} {t.number}: {label}",
            "threshold_label": _monthly_threshold_label(c, self.r.baseline_year),
            "rows": rows,
            "svg": Markup(charts.svg(model)) if self.format == "html" else "",
            "image": None,
        }
        if self.format == "docx" and self.image_factory is not None:
            view["image"] = self.image_factory(charts.png(model), f"{model.title}. {model.description}")
        self.charts.append(view)
        return view

    def timeline(self, t: TargetResult, heading: str) -> dict | None:
        """The milestone timeline of a target: evidence dates and deadlines."""
        if not t.steps:
            return None
        ident = re.sub(r"[^a-z0-9]+", "-", f"zeitleiste-{t.id}".lower()).strip("-")
        model = charts.milestone_chart(t.steps, ident=ident, title=f"{heading}: Umsetzungsschritte im Zeitverlauf",
                                       year=self.r.target_year, as_of=self.period.end, done=self.period.done)
        if model is None:
            return None
        view = {"ident": ident, "title": model.title, "description": model.description,
                "svg": Markup(charts.svg(model)) if self.format == "html" else "", "image": None}
        if self.format == "docx" and self.image_factory is not None:
            view["image"] = self.image_factory(charts.png(model), f"{model.title}. {model.description}")
        return view

    def step(self, step) -> dict:
        return {
            "id": step.id,
            "kind": step.kind,
            "kind_text": "Umsetzungsschritt" if step.kind == "schritt" else "Bedingung",
            "text": step.text,
            "status": step.status,
            "status_text": s.step_status_text(step, self.period),
            "done": self.period.done(step),
            "date": fmt.date_long(step.date) if step.date else "–",
            "proof": step.proof or "–",
            "deadline": fmt.date_long(step.deadline) if step.deadline else "",
        }

    def overview_row(self, t: TargetResult) -> dict:
        judged = [c for c in t.conditions if c.kind in JUDGED_KINDS]
        if len(judged) == 1 and judged[0].change is not None:
            c = judged[0]
            figure = f"{change_text(c)} (vereinbart: {threshold_text(c)})"
        elif judged:
            same_indicator = len({c.indicator for c in judged}) == 1
            parts = []
            for c in judged:
                label = s.capitalize(self.phrases.count_noun(c.indicator, c.indicator_title)) \
                    if c.kind == "anzahl" else self.phrases.label(c.indicator, c.indicator_title)
                name = condition_group_word(c) if same_indicator else \
                    label + (f" ({condition_group_word(c)})" if c.group != "gesamt" else "")
                figure_text = change_text(c) if c.change is not None or c.change_rounded is not None else "–"
                parts.append(f"{name}: {figure_text} ({threshold_text(c)})")
            figure = "; ".join(parts)
        elif t.steps:
            done = sum(1 for step in t.steps if self.period.done(step))
            figure = f"{done} von {len(t.steps)} erledigt"
        elif t.monitoring:
            figure = f"{len(t.monitoring)} beobachtete Größe{'n' if len(t.monitoring) > 1 else ''}"
        else:
            figure = "–"
        if t.parent:
            label = t.number
        else:
            label = ("Grundsatz " if t.kind == "grundsatz" else "Ziel ") + t.number
        return {
            "number": t.number,
            "title": t.title,
            "label": label,
            "is_subtarget": bool(t.parent),
            "status": t.status,
            "status_text": self.status_text(t.status),
            "figure": figure,
        }

    # ------------------------------------------------------------------ § 3 (4), (5)

    def circumstances(self) -> dict:
        f = self.r.framework
        legal = [{
            "title": change.title,
            "effective": fmt.date_long(change.effective),
            "sentence": f"{change.title}: in Kraft seit {fmt.date_long(change.effective)}; die Neuregelung fällt "
                        f"in den Bewertungszeitraum und ist bei der Beurteilung der Zielerreichung zu "
                        f"berücksichtigen.",
        } for change in f.legal_changes if change.in_period]
        budgets = []
        for line in f.budgets:
            # a deviation from the annual amount only means something once the year's spending is complete
            complete = line.actual is not None and (line.actual_through is None or line.actual_through.endswith("-12"))
            deviation = None
            if complete and line.amount:
                deviation = (line.actual - line.amount) * 100 / line.amount
            actual = "liegt nicht vor"
            if line.actual is not None:
                actual = fmt.euro(line.actual)
                if not complete:
                    actual += f" (bis {fmt.month_long(line.actual_through)})"
            budgets.append({
                "title": line.title,
                "amount": fmt.euro(line.amount),
                "actual": actual,
                "deviation": fmt.percent(deviation, 1, signed=True) if deviation is not None else "–",
                "has_actual": line.actual is not None,
                "comparison": line.comparison or "",
            })
        assumptions = [{
            "title": a.title,
            "wording": a.wording,
            "source": a.source or "–",
            "actual": self._assumption_actual(a),
            "comparison": a.comparison or "Der tatsächliche Wert liegt in den Daten nicht vor.",
            "has_actual": a.actual is not None,
            "has_comparison": a.comparison is not None,
        } for a in f.assumptions]
        return {
            "legal_changes": legal,
            "budgets": budgets,
            "budget_total": fmt.euro(sum((b.amount for b in f.budgets), start=0)) if f.budgets else "",
            "any_budget_actual": any(b["has_actual"] for b in budgets),
            "compared_budgets": [b for b in budgets if b["comparison"]],
            "assumptions": assumptions,
            "compared_assumptions": [a for a in assumptions if a["has_comparison"]],
            "considerations": [p for c in f.considerations for p in paragraphs(c.text)],
        }

    @staticmethod
    def _assumption_actual(a) -> str:
        """The outcome in the assumption's terms: the level for "von … auf …", the signed change otherwise."""
        if a.actual is None:
            return "liegt nicht vor"
        stated = [v for v in (a.expected_from, a.expected_to, a.expected_change) if v is not None]
        places = max([1] + [fmt.places_of(v) for v in stated])
        return fmt.amount(a.actual, a.unit, places, signed=a.expected_change is not None)

    def data_basis(self) -> dict:
        r = self.r
        p = self.period_view()
        months = p["months_text"]
        text = (f"Grundlage sind die {p['basis_text']} für {months} {r.target_year}"
                f" (Ladestand {p['data_vintage']}), verglichen mit denselben Monaten des Jahres {r.baseline_year}")
        if r.vintage_policy == "gleicher":
            text += f" beim gleichen Ladestand des Vorjahres ({p['data_vintage_baseline']})."
        else:
            text += " aus demselben Datenabzug."
        status = value_status(r)
        if any(c.distance is not None and c.operator for t in r.targets for c in t.conditions):
            status += " " + DISTANCE_LEGEND  # how to read the tables' »Abstand« column
        warnings = [w for w in r.warnings if self.period.final is False or PLAUSIBILITY_MISMATCH not in w]
        return {"sentence": text, "status_sentence": status, "warnings": warnings}

    def audit(self) -> dict:
        r = self.r
        files = [{"role": f.role, "role_text": input_role_word(f.role),
                  "name": f.name, "sha256": f.sha256} for f in r.inputs]
        return {
            "tool": f"zieldsl {r.tool_version}".strip(),
            "tool_version": r.tool_version,
            "files": files,
            "data_vintage": fmt.date_long(r.data_vintage) if r.data_vintage else "nicht angegeben",
            "as_of_long": self.period.as_of_long,
            "schema": r.schema,
        }


def _monthly_threshold_label(c: ConditionResult, baseline_year: int) -> str:
    """The heading of the monthly table's threshold column: the level the agreed threshold implies."""
    if c.threshold is None or c.kind not in ("veraenderung", "prozentpunkte", "niveau", "anzahl"):
        return ""
    if c.kind in ("veraenderung", "prozentpunkte"):
        return f"Zielpfad ({condition_figure(c, c.threshold)} gegenüber {baseline_year})"
    if c.kind == "niveau":
        return f"Zielwert ({condition_figure(c, c.threshold)})"
    return f"Zielwert für das Jahr ({condition_figure(c, c.threshold)})"
