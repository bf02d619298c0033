"""Judge one checked agreement against loaded data: the entry point `evaluate`.

The agreement becomes a dependency graph (`zieldsl.evaluation.graph`); each node is
evaluated once, in topological order: series are read at their vintage, figures
computed, conditions judged, targets combined. The result is a
`results.AgreementResult`, the only thing the CLI and the templates see.

Decisions documented here (see also the modules of `zieldsl.evaluation`):

* as-of month: `--monat` must lie in the target year; the default is the latest
  month of the target year the agency's indicator data cover (as they stood at
  `vintage_at_most`, if given; December if there is none; then every figure is
  `nicht_bewertbar`, with the reason). Before December the result is
  `preliminary`: year-to-date values of months 1…m compared with the same months
  of the baseline year.
* the agency: the agreement's `träger … kennung "03457"` is matched against the
  CSV column `traeger`; without a `kennung` the agency's name is used.
* vintages: see `zieldsl.evaluation.context`. By default the target year is read
  as the data stood when the as-of month was first published; `vintage_at_most`
  (CLI `--ladestand`) sets that cutoff. `data_vintage` is the cutoff the target
  year was read at, `data_vintage_baseline` the baseline year's.
* budget lines and assumptions: actuals from CSV rows whose `reihe` is their id,
  accepted only for the agency of the agreement that declares them
  (`zieldsl.evaluation.actuals`).
* gender split plausibility: `zieldsl.evaluation.plausibility`.

Loading agreements, data and evidence from files is `zieldsl.evaluation.from_files`.
"""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Iterable, Sequence

from zieldsl import __version__
from zieldsl import german as fmt
from zieldsl.diagnostics import Diagnostic
from zieldsl.evaluation import conditions as cond
from zieldsl.evaluation.actuals import own_names, with_actuals
from zieldsl.evaluation.context import Context, indicator_names, latest_month, vintage_cutoffs
from zieldsl.evaluation.figures import SeriesValues, compute_figure, load_series
from zieldsl.evaluation.framework import build_framework, input_files
from zieldsl.evaluation.graph import build_graph, evaluate_graph, target_id
from zieldsl.evaluation.plausibility import with_plausibility
from zieldsl.evaluation.summed import store_for
from zieldsl.evaluation.targets import evidence_is_final, evidence_warnings, step_result, target_result
from zieldsl.inputs.csv_reader import load_data
from zieldsl.inputs.evidence import Evidence
from zieldsl.inputs.store import ObservationStore
from zieldsl.language import nodes as n
from zieldsl.language.catalog import bare_code_hint
from zieldsl.language.checker import CheckedAgreement
from zieldsl.months import AsOfError, Month
from zieldsl.results import AgreementResult, Reason
from zieldsl.wording import NO_EVIDENCE_FILED

__all__ = ["AsOfError", "agency_problems", "evaluate", "load_store", "parse_as_of", "resolve_as_of", "with_data_warnings"]


def agency_key(checked: CheckedAgreement) -> str:
    agency = checked.agency
    if agency is None:
        return ""
    return agency.key or agency.name


def parse_as_of(text: str) -> Month:
    """`--monat JJJJ-MM` (alias `--monat`) → Month, parsed once where it enters (CLI, API); AsOfError if it is no month."""
    try:
        return Month.parse(text)
    except ValueError as exc:
        raise AsOfError(f"--monat: {exc}") from None


def resolve_as_of(checked: CheckedAgreement, store: ObservationStore, as_of: Month | str | None, *,
                  vintage_at_most: datetime.date | None = None) -> Month:
    """The as-of month: the one asked for (inside the target year) or the latest the indicator data cover
    (as they stood on `vintage_at_most`, if given)."""
    year = checked.target_year
    if as_of is not None:
        if isinstance(as_of, str):
            as_of = parse_as_of(as_of)
        if as_of.year != year:
            raise AsOfError(f"--monat {as_of} liegt nicht im Zieljahr {year} der Vereinbarung »{checked.id}«; "
                            f"erlaubt sind {year}-01 bis {year}-12.")
        return as_of
    latest = latest_month(store_for(checked, store), agency_key(checked), year, indicator_names(checked),
                          vintage_at_most)
    return latest if latest is not None else Month(year, 12)


def evaluate(checked: CheckedAgreement, store: ObservationStore, evidence: Evidence | None = None,
             as_of: Month | str | None = None, data_files: Iterable[str | Path] = (), *,
             vintage_at_most: datetime.date | None = None) -> AgreementResult:
    """Judge one checked agreement against the data in `store` and the milestone `evidence`.

    `data_files` (CSV and YAML paths) are named with their sha256 in the result's inputs.
    The data are read as they stood at the cutoff V (`zieldsl.evaluation.context`): by default
    the first publication of the as-of month; `vintage_at_most` (CLI `--ladestand`) sets V to
    the newest vintage up to that day.
    """
    agency = agency_key(checked)
    month = resolve_as_of(checked, store, as_of, vintage_at_most=vintage_at_most)
    store = store_for(checked, store)  # several agencies (`kennung "03457", "03452"`): their sums
    has_data = store.has_agency(agency)
    notes: list[str] = []
    vintage, vintage_baseline = (vintage_cutoffs(checked, store, agency, month, vintage_at_most, notes.append)
                                 if has_data else (None, None))
    ctx = Context(checked, store, agency, month, vintage, vintage_baseline, has_data)
    for note in notes:
        ctx.warn(note)
    ctx.evidence_final = evidence_is_final(ctx, evidence)
    if evidence is None and has_milestones(checked):
        ctx.evidence_missing = True
        ctx.warn(f"Keine Nachweisdatei für die Vereinbarung »{checked.id}« gefunden: die Meilensteine sind "
                 f"»{NO_EVIDENCE_FILED}«, nicht »nicht erreicht«. Die Nachweise neben der Vereinbarung "
                 "ablegen (NAME.nachweise.yaml) oder mit --nachweise angeben.")
    waiting_over = waiting_period_over(checked, month, vintage)
    if waiting_over is False:
        ctx.warn(waiting_warning(checked, month, vintage))
    if not has_data:
        ctx.warn(f"Die Daten enthalten keine Zeilen für den Träger »{agency}« (Vereinbarung »{checked.id}«); "
                 "Kennzahlen sind nicht bewertbar.")
    graph = build_graph(checked)
    values = evaluate_graph(graph, _NodeEvaluator(ctx, evidence, graph))
    for value in values.values():
        if isinstance(value, SeriesValues):
            value.pack()
    targets = [values[target_id(flat.target.id)] for flat in checked.targets]
    targets = with_plausibility(ctx, checked, values, targets)
    framework = with_actuals(ctx, build_framework(checked, month))
    framework = dataclasses.replace(framework, waiting_period_over=waiting_over)
    if not has_data:
        reason = Reason("keine_daten", f"Für den Träger »{agency}« enthalten die Daten keine Zeilen.")
        targets = [dataclasses.replace(t, reasons=t.reasons + (reason,)) if t.conditions else t for t in targets]
    warnings = list(ctx.warnings) + evidence_warnings(ctx, checked.targets, evidence)
    party = checked.agency
    return AgreementResult(
        agreement_id=checked.id,
        title=checked.agreement.title,
        agency=party.name if party else "",
        agency_key=party.key if party else None,
        target_year=checked.target_year,
        baseline_year=checked.baseline_year,
        as_of=str(month),
        preliminary=ctx.preliminary,
        data_vintage=vintage,
        data_vintage_baseline=vintage_baseline,
        vintage_policy=checked.vintage_policy,
        targets=tuple(targets),
        framework=framework,
        inputs=input_files(checked, data_files),
        warnings=tuple(warnings),
        tool_version=__version__,
    )


class _NodeEvaluator:
    """Evaluates one graph node from the values of its prerequisites."""

    def __init__(self, ctx: Context, evidence: Evidence | None, graph):
        self.ctx = ctx
        self.evidence = evidence
        self.flat = {f.target.id: f for f in ctx.checked.targets}
        self.order = {node: attrs.get("order", 0) for node, attrs in graph.nodes(data=True)}

    def __call__(self, node: str, attrs: dict, inputs: dict):
        return getattr(self, attrs["kind"])(node, attrs, inputs)

    def reihe(self, node, attrs, inputs):
        return load_series(self.ctx, attrs["series"], attrs["group"])

    def kennzahl(self, node, attrs, inputs):
        name = f"{attrs['indicator']}_jfw"
        raw = {v.series: v for v in inputs.values() if v.series != name}
        published = next((v for v in inputs.values() if v.series == name), None)
        return compute_figure(self.ctx, attrs["item"], attrs["group"], raw, published)

    def bedingung(self, node, attrs, inputs):
        ctx, role, item = self.ctx, attrs["role"], attrs["item"]
        figures = list(inputs.values())
        if role == "bedingung":  # the label of a condition's node is its wording (`graph._condition_inputs`)
            return cond.judged(ctx, item, figures[0], attrs["label"])
        if role == "beobachtung":
            return cond.monitored(ctx, item, figures[0], attrs["label"])
        if role == "ergaenzung":
            supplementary, code = item
            figure = figures[0]
            return cond.monitored(ctx, supplementary, figure, f"Ergänzungsgröße {code}",
                                  kind="ergaenzung")
        if role == "abstand":
            by_group = {f.group: f for f in figures}
            return cond.gap(ctx, item, by_group[item.group_a], by_group[item.group_b], attrs["label"])
        if role == "anzahl":
            by_group = {v.group: v for v in figures}
            title = ctx.checked.catalog.series[item.series].title
            return cond.count(ctx, item, by_group, attrs["label"], title)
        return step_result(ctx, self.flat[attrs["target"]].target, item, self.evidence)

    def ziel(self, node, attrs, inputs):
        graph_items = []
        subtargets = {}
        for pred, value in inputs.items():
            if pred.startswith("ziel:"):
                subtargets[value.id] = value
            else:
                graph_items.append((self.order[pred], value))
        items = [value for _order, value in sorted(graph_items, key=lambda pair: pair[0])]
        subtargets = dict(sorted(subtargets.items(), key=lambda pair: pair[1].number))
        return target_result(self.ctx, attrs["item"], items, subtargets, self.evidence)

    def vereinbarung(self, node, attrs, inputs):
        return {pred: value.status for pred, value in inputs.items()}


# ---------------------------------------------------------------- agencies without rows


def needs_data(checked: CheckedAgreement) -> bool:
    """The agreement judges or monitors figures (not only milestones and principles)."""
    return any(flat.target.of(n.Condition) or flat.target.of(n.CountCondition) or flat.target.of(n.Supplementary)
               for flat in checked.targets)


def agency_problems(agreements: Iterable[CheckedAgreement], store: ObservationStore) -> list[Diagnostic]:
    """ZD330: data were given, but none for the agreement's agency (a wrong or mangled `kennung`)."""
    found = store.agencies()
    problems = []
    for checked in agreements:
        for key in agency_keys(checked):
            if needs_data(checked) and key not in found:
                problems.append(_no_rows(checked, key, found))
    return problems


def agency_keys(checked: CheckedAgreement) -> list[str]:
    """The codes of the agreement's agencies as in the data (several for a summed agreement)."""
    agency = checked.agency
    if agency is not None and agency.keys:
        return list(agency.keys)
    return [agency_key(checked)]


def _no_rows(checked: CheckedAgreement, key: str, found: list[str]) -> Diagnostic:
    shown = ", ".join(found[:10]) + (f" … ({len(found)} Träger)" if len(found) > 10 else "")
    close = [f for f in found if f.lstrip("0") == key.lstrip("0")]
    hint = (f"Die Daten enthalten »{close[0]}«: führende Nullen prüfen (Excel entfernt sie)." if close else
            "Die Kennung des Trägers in der Vereinbarung (»kennung«) und die Spalte »traeger« der Daten "
            "vergleichen; oder die Daten des richtigen Trägers angeben.")
    if len(agency_keys(checked)) > 1:
        hint += " Die Vereinbarung summiert mehrere Träger; ohne die Zeilen jedes Trägers gibt es keine Summe."
    span = checked.agency.span if checked.agency is not None else None
    return Diagnostic("ZD330", f"Die Daten enthalten keine Zeile für den Träger »{key}« der "
                               f"Vereinbarung »{checked.id}«; gefunden: {shown}", span, hint)


# ---------------------------------------------------------------- milestones and waiting time


def has_milestones(checked: CheckedAgreement) -> bool:
    return any(isinstance(item, (n.Step, n.MilestoneCondition)) for flat in checked.targets
               for item in flat.target.items)


def waiting_period_end(month: Month) -> datetime.date:
    """The last day of the third month after `month`: figures loaded after it are past the waiting time."""
    following = month.shift(4)
    return datetime.date(following.year, following.month, 1) - datetime.timedelta(days=1)


def waiting_period_over(checked: CheckedAgreement, month: Month, vintage: datetime.date | None) -> bool | None:
    """For `mit wartezeit`: were the figures loaded after the waiting time (None: the agreement does not ask)?"""
    if not checked.waiting_period:
        return None
    return vintage is not None and vintage > waiting_period_end(month)


def waiting_warning(checked: CheckedAgreement, month: Month, vintage: datetime.date | None) -> str:
    end = fmt.date_short(waiting_period_end(month))
    if vintage is None:
        loaded = "Die Daten nennen keinen Ladestand, also ist nicht belegt, dass"
    else:
        loaded = f"Die Daten haben den Ladestand {fmt.date_short(vintage)}; damit ist nicht belegt, dass"
    return (f"Die Vereinbarung »{checked.id}« bewertet Werte mit Wartezeit (drei Monate): {loaded} die Werte bis "
            f"{fmt.month_long(str(month))} nach Ablauf der Wartezeit (nach dem {end}) geladen wurden. Die Werte "
            "gelten als vorläufig; mit Daten eines späteren Ladestands erneut bewerten.")


# ---------------------------------------------------------------- loading data for agreements


def load_store(paths: Sequence[str | Path], agreements: Sequence[CheckedAgreement],
               catalogues: Sequence[CheckedAgreement]) -> ObservationStore:
    """Load indicator data for `agreements` with the names and checks of their catalogues (issue 11).

    Raw series are non-negative and checked by kind (`bestand`/`anzahl` whole); published
    values (`K2_12monate`, `K3_veraenderung`, `K2_jfw`) and the agreements' budget and
    assumption ids may be signed; `K3_jfw`-style levels may not; a bare indicator code is
    refused (ZD331); a code missing its leading zero is repaired for these agreements (ZD334).
    `catalogues` are all agreements judged together (their series are known everywhere).
    """
    published = {name: p for c in catalogues for name, p in c.catalog.published_series().items()}
    kinds = {s: d.kind for c in catalogues for s, d in c.catalog.series.items()}
    series = sorted(set(kinds) | {name for name, p in published.items() if p.level})
    signed = sorted({name for name, p in published.items() if not p.level}
                    | {name for c in agreements for name in own_names(c)})
    refused = {code: bare_code_hint(indicator) for c in catalogues
               for code, indicator in c.catalog.indicators.items() if code not in kinds}
    groups = {code: name for c in agreements for code, name in c.catalog.group_codes().items()}
    return load_data(list(paths), series, signed, groups=groups, kinds=kinds, refused=refused,
                     expected_agencies=sorted({key for c in catalogues for key in agency_keys(c)}))


def with_data_warnings(result: AgreementResult, store: ObservationStore | None, agency: str) -> AgreementResult:
    """The loader's warnings about this agency's rows (a repaired code, …) go to the terminal and the document."""
    if store is None:
        return result
    keys = {agency, *agency.split("+")}  # a summed agreement: the warnings about each of its agencies
    texts = tuple(d.render() for owner, d in store.warnings if owner in keys)
    return dataclasses.replace(result, warnings=texts + result.warnings) if texts else result
