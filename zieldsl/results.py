"""Evaluation results: what the evaluator produces and the only thing templates see.

Plain frozen dataclasses with Decimal figures (made by `zieldsl.frozen`, which compiles nothing
at import: `zieldsl check` imports this module through `zieldsl.wording`). `to_json_dict` turns them into the
versioned JSON of design.md § 5 (numbers as exact decimal strings, never floats).
The agreement's framework (parties, sections, signatures, budgets, assumptions) is
carried here too, so that the agreement document can be rendered from results alone.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any, Iterator

from zieldsl.diagnostics import Diagnostic
from zieldsl.frozen import node_dataclass as dataclass
from zieldsl.later import Later
from zieldsl.months import Month

# The JSON contract's version: "zieldsl-ergebnis/MAJOR.MINOR". A minor step only adds (fields, status
# codes, reason codes); anything a reader could trip over (removing, renaming, changing a meaning or
# the shape) is a new major version. docs/datenformate.md states the rule for users.
SCHEMA_VERSION = "zieldsl-ergebnis/3.0"
SCHEMA_ID = "urn:zieldsl:schema:ergebnis:3.0"

# Status words (contract, design.md § 5)
MET = "erreicht"
MISSED = "nicht_erreicht"
NOT_ASSESSABLE = "nicht_bewertbar"
MONITORED = "beobachtet"
OPEN = "offen"
STATUSES = (MET, MISSED, NOT_ASSESSABLE, MONITORED, OPEN)

# Kinds of `ConditionResult` that carry a verdict (the others are monitored or shown beside it)
JUDGED_KINDS = ("veraenderung", "prozentpunkte", "niveau", "richtung", "anzahl")


@dataclass(frozen=True)
class SourceRef:
    """A place in an input file: the agreement clause or the data row behind a figure."""

    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class DataPoint:
    """One input value used by a result (series, group, month, vintage, where it came from)."""

    series: str
    group: str
    month: str  # YYYY-MM
    value: Decimal
    data_vintage: datetime.date | None
    source: SourceRef | None


@dataclass(frozen=True)
class Reason:
    """One step of the explanation, in German, with what it rests on."""

    code: str  # stable machine key, e.g. "berechnung", "fehlender_monat", "basis_null", "regel"
    text: str
    source: SourceRef | None = None
    data: tuple[DataPoint, ...] = ()


@dataclass(frozen=True)
class MonthlyValue:
    """Year-to-date value of one month in the target and the baseline year (for charts)."""

    month: int
    actual: Decimal | None
    baseline: Decimal | None


@dataclass(frozen=True)
class Aggregate:
    """The sums a figure is formed from, so that the figures of several agencies add up (the Land's figure).

    function: the catalogue formula, one that adds up across agencies: "summe" (value = Σ numerator),
    "mittelwert" (Σ numerator / months), "quote" (100 × Σ numerator / (Σ denominator / months)) or
    "anteil" (100 × Σ numerator / Σ denominator). Numerators and denominators are totals over the
    months of the period (never means), for the target year (actual_*) and the baseline year.
    Averaging rates of agencies would weigh a small Kreis like a big one; summing these does not.
    """

    function: str
    months: int
    actual_numerator: Decimal
    actual_denominator: Decimal | None
    baseline_numerator: Decimal
    baseline_denominator: Decimal | None


@dataclass(frozen=True)
class StatedFigure:
    """The informative figure in brackets after a condition (`K3 sinkt um 0,4 % (auf 3.912)`), or the value
    proposed in the planning procedure (`(vorschlag 2,0 %)`: compared with the figure too, `met`, never judged).

    The figure before the bracket is binding and judged; this one is checked against the
    baseline year's full-year data: `implied` is what the binding figure gives on those data
    (for a series, e.g. integrations, the series' total or mean), `consistent` whether the two
    agree within the rounding of both numbers (None when the baseline year's data are missing).
    """

    text: str  # as the agreement states it: "auf 3.912", "ca. 2.450 integrationen", "vorschlag 2,0 %"
    value: Decimal
    unit: str  # "%", "prozentpunkte", "Anzahl", "EUR"
    series: str | None  # the series of the formula the figure counts, or None for the indicator itself
    implied: Decimal | None
    consistent: bool | None
    note: str  # German: how `implied` was formed, or why it could not be
    kind: str = "erlaeuterung"  # "erlaeuterung" (`auf`, `ca.`) | "vorschlag" (proposed in the planning procedure)
    met: bool | None = None  # a proposal: whether the figure reaches it as well (never a verdict)
    indicator: str | None = None  # after a count: the quota named in the bracket, `(ca. 30,2 % K2)`


@dataclass(frozen=True)
class PersonsNeeded:
    """The distance to the threshold in persons (`zieldsl.evaluation.distance`).

    needed: the whole number of persons with which the target is met exactly, the other
    figures unchanged (the fewest when `at_least`, else the most); actual: the persons there
    were. mean: the persons are a monthly mean of a stock (LZB), not a sum over the months.
    """

    series: str
    series_title: str
    mean: bool
    actual: Decimal
    needed: Decimal
    at_least: bool


@dataclass(frozen=True)
class Outlook:
    """Before December: what the rest of the year needs for the target (`zieldsl.evaluation.distance`).

    Assumes the remaining months go like the months so far in everything but the counted persons
    (the denominator of a quota stays at its mean so far), and compares with the baseline year's
    year-end value as the current data show it (`baseline_year_end`).
    needed_total: the persons the whole year needs (a sum) or may have (a mean stock, `mean`);
    per_month: what each remaining month needs on average (at least, or at most when not
    `at_least`); so_far_per_month: the average of the months so far. None values: not reachable.
    """

    series: str
    series_title: str
    mean: bool
    at_least: bool
    months_left: int
    baseline_year_end: Decimal | None  # None for a count (`anzahl`): its minimum holds for the year
    needed_total: Decimal | None
    per_month: Decimal | None
    so_far_per_month: Decimal


@dataclass(frozen=True)
class ConditionResult:
    """A judged or monitored figure for one indicator and group.

    kind: "veraenderung" (relative change, %), "prozentpunkte", "niveau", "richtung",
          "anzahl", "beobachtung", "abstand", "ergaenzung".
    change: the compared figure unrounded (relative change in %, change in
            percentage points, the level, or the count); change_rounded: as judged.
    operator: ">=", "<=", "==", ">", "<" applied as `change_rounded operator threshold`.
    distance: how far change_rounded lies on the good (+) or bad (−) side of the threshold, in
              the threshold's unit (percentage points for % figures and levels, persons for
              counts); for a monitored figure with a forecast: better (+) or worse (−) than
              forecast; None when not judged (`zieldsl.evaluation.distance`).
    persons: the same distance in persons where the figure is formed from persons.
    """

    indicator: str
    indicator_title: str
    group: str  # "gesamt" | "frauen" | "maenner" | a catalogue group's name (`gruppe`)
    kind: str
    wording: str  # the condition as the agreement states it, e.g. "K2 steigt um 5,8 %"
    unit: str  # "%", "prozentpunkte", "Anzahl", "EUR"
    value_unit: str  # unit of baseline/actual: "%" for ratios, "Anzahl", "EUR"
    baseline: Decimal | None
    actual: Decimal | None
    change: Decimal | None
    change_rounded: Decimal | None
    threshold: Decimal | None
    operator: str | None
    decimals: int
    distance: Decimal | None
    status: str
    reasons: tuple[Reason, ...] = ()
    source: SourceRef | None = None
    monthly: tuple[MonthlyValue, ...] = ()
    small_base: bool = False
    components: tuple["ConditionResult", ...] = ()  # e.g. numerator/denominator development, gender parts
    shortfall: Decimal | None = None  # counts: how many were missing to the minimum (0 when met)
    # The condition as written, for sentences like "… um 5,8 % … steigt" (None for monitoring):
    verb: str | None = None  # "steigt", "sinkt", "bleibt_gleich", "steigt_nicht", "sinkt_nicht", "beträgt", "erreicht"
    qualifier: str | None = None  # None, "mindestens", "maximal", "höchstens", "nicht_mehr_als"
    stated_value: Decimal | None = None  # the number as written (positive), e.g. 5.8
    forecast: str | None = None  # monitoring with "prognose": the forecast as written, e.g. "steigt um 2,2 %"
    # monitoring with `soll steigen` / `soll sinken`: the wanted direction ("steigt" | "sinkt") and whether the
    # figure moved that way (beyond the forecast, where one is given); reported, never a verdict
    wanted_direction: str | None = None
    in_wanted_direction: bool | None = None
    aggregate: Aggregate | None = None  # the sums behind the figure where they add up across agencies (judged only)
    group_label: str | None = None  # "Frauen", "Alleinerziehende": the group's German label from the catalogue
    group_genitive: str | None = None  # "der Alleinerziehenden", for sentences; None where the catalogue has none
    stated_figure: StatedFigure | None = None  # the informative figure in brackets, checked against the baseline
    persons: PersonsNeeded | None = None  # the distance in persons (quotas, shares, counts, mean stocks)
    outlook: Outlook | None = None  # before December: what the remaining months need


@dataclass(frozen=True)
class StepResult:
    id: str
    kind: str  # "schritt" | "bedingung"
    text: str
    status: str  # "erledigt" | "in_arbeit" | "offen" | "ohne_nachweis"
    date: datetime.date | None
    proof: str | None
    deadline: datetime.date | None
    source: SourceRef | None = None


@dataclass(frozen=True)
class TargetResult:
    """kind: "schwelle" (judged figures), "meilenstein", "beobachtung", "grundsatz", "schwerpunkt" (only agreed
    texts and emphases: nothing judged or monitored; status "beobachtet" means "not judged" there),
    "ausgesetzt" (waived this year: figures reported, status "beobachtet", `waived` the reason)."""

    id: str
    number: str
    title: str
    kind: str
    status: str
    texts: tuple[str, ...] = ()
    conditions: tuple[ConditionResult, ...] = ()
    monitoring: tuple[ConditionResult, ...] = ()
    supplementary: tuple[ConditionResult, ...] = ()
    steps: tuple[StepResult, ...] = ()
    rule: str | None = None  # the combination rule in German
    reasons: tuple[Reason, ...] = ()
    parent: str | None = None
    source: SourceRef | None = None
    emphases: tuple[str, ...] = ()  # `schwerpunkt "…"`: agreed emphases, part of the target, not monitoring
    waived: str | None = None  # `ausgesetzt "…"`: the target is waived this year, with the agreement's reason


@dataclass(frozen=True)
class Party:
    role: str  # "land" | "partner" | "traeger"
    name: str
    short: str | None
    key: str | None = None
    genitive: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Signature:
    party: str
    place: str
    date: datetime.date
    signatory: str
    note: str | None


@dataclass(frozen=True)
class BudgetLine:
    id: str
    title: str
    amount: Decimal
    actual: Decimal | None = None  # spent, where the data has it
    actual_through: str | None = None  # YYYY-MM: the last month the spending sum includes
    comparison: str | None = None  # German: "verausgabt …, das sind … mehr als angesetzt."


@dataclass(frozen=True)
class AssumptionResult:
    id: str
    title: str
    wording: str  # "von 6,6 % auf 6,7 %" / "steigt um 0,1 %"
    source: str | None
    expected_from: Decimal | None
    expected_to: Decimal | None
    expected_change: Decimal | None
    actual: Decimal | None = None  # where the data has it: the mean level (range) or the change
    comparison: str | None = None  # German sentence comparing forecast and outcome
    unit: str = "%"  # "%" | "prozentpunkte": the unit of the stated values and of `actual`


@dataclass(frozen=True)
class LegalChangeResult:
    title: str
    effective: datetime.date
    in_period: bool  # falls into the compared period (baseline year start … as_of)


@dataclass(frozen=True)
class Framework:
    """What the agreement says beyond its targets (for the documents)."""

    land: Party | None
    agency: Party | None
    legal_basis: str | None
    regulation: str | None
    basis: str  # "jahresfortschrittswerte" | "jahresendwerte"
    waiting_period: bool
    vintage_policy: str  # "gleicher" | "gemeinsamer"
    final_evaluation_year: int | None
    dialogues_minimum: int | None
    sections: tuple[Section, ...] = ()
    signatures: tuple[Signature, ...] = ()
    budgets: tuple[BudgetLine, ...] = ()
    assumptions: tuple[AssumptionResult, ...] = ()
    considerations: tuple[Section, ...] = ()  # id, title (= id), text
    legal_changes: tuple[LegalChangeResult, ...] = ()
    waiting_period_over: bool | None = None  # `mit wartezeit`: loaded after it ended? (None: not asked)
    dialogues: str | None = None  # the agreed target dialogues in words: "quartalsweise", "im zweiten Quartal"
    trial_year: str | None = None  # `erprobungsjahr "…"`: the targets are not binding this year (the text)
    parties: tuple[Party, ...] = ()  # every `land` and `partner` in the file's order: the side facing the träger
    # the parts of the agreement's § section in the file's order: "verpflichtung", "ziele", "zielnachhaltung"
    # (a prose section, or the place of `zieldialoge`/`bewertung`/… it is generated from) and other section ids
    contract_order: tuple[str, ...] = ()


@dataclass(frozen=True)
class InputFile:
    role: str  # "vereinbarung" | "daten" | "nachweise"
    name: str
    sha256: str


@dataclass(frozen=True)
class AgreementResult:
    agreement_id: str
    title: str
    agency: str
    agency_key: str | None
    target_year: int
    baseline_year: int
    as_of: str  # YYYY-MM
    preliminary: bool
    data_vintage: datetime.date | None
    data_vintage_baseline: datetime.date | None
    vintage_policy: str
    targets: tuple[TargetResult, ...]
    framework: Framework
    inputs: tuple[InputFile, ...] = ()
    warnings: tuple[str, ...] = ()
    tool_version: str = ""
    schema: str = SCHEMA_VERSION

    @property
    def as_of_month(self) -> Month:
        """`as_of` as a Month (the JSON keeps the string)."""
        return Month.parse(self.as_of)

    def target(self, ident: str) -> TargetResult | None:
        for t in self.targets:
            if t.id == ident or t.number == ident:
                return t
        return None


@dataclass(frozen=True)
class AgreementOutcome:
    """One entry of a batch: the result of one agreement, or the diagnostics that stopped its file."""

    file: str
    result: AgreementResult | None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def failed(self) -> bool:
        return self.result is None


_AS_THEY_ARE = frozenset({str, int, bool, float, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """A result as JSON values. Called for every value of every result (404 agreements: millions),
    so the common cases are decided by the exact class, and a dataclass's field names are looked
    up once per class."""
    cls = value.__class__
    if cls in _AS_THEY_ARE:
        return value
    names = _FIELD_NAMES.get(cls)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if cls is tuple or cls is list or cls is Later:
        return [_plain(v) for v in value]
    return _plain_other(value)


def _plain_other(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (SourceRef,)):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[value.__class__] = tuple(f.name for f in dataclasses.fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_json_dict(result: AgreementResult) -> dict:
    """The JSON object of design.md § 5 (contract): exact decimals as strings, stable key order."""
    body = _plain(result)
    return {
        "schema": result.schema,
        "agreement": {"id": result.agreement_id, "title": result.title, "agency": result.agency,
                      "agency_key": result.agency_key},
        "as_of": result.as_of,
        "preliminary": result.preliminary,
        "data_vintage": body["data_vintage"],
        "data_vintage_baseline": body["data_vintage_baseline"],
        "vintage_policy": result.vintage_policy,
        "target_year": result.target_year,
        "baseline_year": result.baseline_year,
        "targets": body["targets"],
        "framework": body["framework"],
        "inputs": body["inputs"],
        "warnings": body["warnings"],
        "tool_version": result.tool_version,
    }




def diagnostic_json(d: Diagnostic) -> dict:
    """A diagnostic as JSON: code, severity, German message and hint, file/line/column (null if unknown)."""
    span = d.span
    return {"code": d.code, "severity": d.severity, "message": d.message, "hint": d.hint,
            "file": span.file if span else None, "line": span.line if span else None,
            "column": span.column if span else None}


def json_batch_text(outcomes: list[AgreementOutcome], tool_version: str) -> Iterator[str]:
    """`to_json_batch` as the text `evaluate --json` prints (`json.dumps(…, ensure_ascii=False, indent=2)`),
    in pieces: one agreement's JSON at a time, so that 404 results never stand in memory as one tree
    of dictionaries and one string. The joined pieces are byte for byte that `json.dumps`.

    Each agreement's text is written in a worker process per core (`zieldsl.forked`): building the
    reasons and data points the JSON holds is most of the work, and independent per agreement."""
    from zieldsl.forked import forked_map
    from zieldsl.json_text import json_text

    envelope = to_json_batch([], tool_version)
    failed = sum(1 for o in outcomes if o.failed)
    envelope["summary"] = {"agreements": len(outcomes), "evaluated": len(outcomes) - failed, "failed": failed}
    text = json_text(envelope)
    if not outcomes:
        yield text
        return
    head, tail = text.rsplit('"agreements": []', 1)
    yield head + '"agreements": [\n'
    last = len(outcomes) - 1
    for index, text in enumerate(forked_map(_entry_text, outcomes)):
        yield text + (",\n" if index < last else "\n")
    yield "  ]" + tail


def _entry_text(outcome: AgreementOutcome) -> str:
    """One entry of the batch, indented to stand two levels deep."""
    from zieldsl.json_text import json_text

    # json escapes line breaks inside strings, so every "\n" here is one of the layout's own
    return "    " + json_text(_batch_entry(outcome)).replace("\n", "\n    ")


def _batch_entry(o: AgreementOutcome) -> dict:
    if o.result is not None:
        return {"file": o.file, "result": to_json_dict(o.result)}
    return {"file": o.file, "diagnostics": [diagnostic_json(d) for d in o.diagnostics]}


def to_json_batch(outcomes: list[AgreementOutcome], tool_version: str) -> dict:
    """What `zieldsl evaluate --json` prints (contract, schema zieldsl-ergebnis/3.x): always one object.

    `agreements` has one entry per agreement, in the order of the files: `{"file", "result"}` with the
    object of `to_json_dict`, or `{"file", "diagnostics"}` when the file (or its data) could not be read.
    """
    entries = [_batch_entry(o) for o in outcomes]
    failed = sum(1 for o in outcomes if o.failed)
    return {
        "schema": SCHEMA_VERSION,
        "tool_version": tool_version,
        "summary": {"agreements": len(outcomes), "evaluated": len(outcomes) - failed, "failed": failed},
        "agreements": entries,
    }
