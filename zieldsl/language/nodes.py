"""The syntax tree: frozen dataclasses (cheap to define, `zieldsl.frozen`), one per construct, each with its source span.

Spans are excluded from equality so that `parse(fmt(x)) == parse(x)` compares
meaning, not layout. Nodes keep the author's surface choices where the formatter
must reproduce them (e.g. "höchstens" vs "maximal"), and the decimals of numbers
(a `Decimal("0.25")` keeps its two places, which the judging rules use).
"""

from __future__ import annotations

import datetime
from dataclasses import field
from decimal import Decimal
from typing import Union

from zieldsl.diagnostics import Span
# `@dataclass(frozen=True)` below is zieldsl's drop-in that compiles nothing at import (see zieldsl.frozen).
from zieldsl.frozen import node_dataclass as dataclass


def _span() -> Span:
    return field(default=None, compare=False, repr=False)  # type: ignore[return-value]


# ---------------------------------------------------------------- agreement framework


@dataclass(frozen=True)
class PartyLand:
    """`land "…" kurz "MS"` (a Land ministry) or `partner "…"` (BMAS, an Agentur für Arbeit, …): the side
    that agrees the targets with the träger. Several stand for several signing parties on that side."""

    name: str
    short: str | None
    span: Span = _span()
    role: str = "land"  # "land" | "partner"


@dataclass(frozen=True)
class PartyAgency:
    """`träger "Landkreis Leer" kennung "03457"`; with several codes (`kennung "03457", "03452"`) the agreement
    is judged on the agencies' summed figures, and `key` is their joined key ("03457+03452")."""

    name: str
    short: str | None
    key: str | None
    genitive: str | None
    span: Span = _span()
    keys: tuple[str, ...] = ()  # every code as written; one for an agreement with a single agency


@dataclass(frozen=True)
class LegalBasis:
    text: str
    span: Span = _span()


@dataclass(frozen=True)
class Regulation:
    text: str
    span: Span = _span()


@dataclass(frozen=True)
class TargetYear:
    year: int
    span: Span = _span()


@dataclass(frozen=True)
class BaselineYear:
    year: int
    span: Span = _span()


@dataclass(frozen=True)
class Evaluation:
    """`bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand`."""

    basis: str  # "jahresfortschrittswerte" | "jahresendwerte"
    waiting_period: bool  # True = "mit wartezeit"
    vintage_policy: str  # "gleicher" (same data maturity) | "gemeinsamer" (one extraction)
    span: Span = _span()


@dataclass(frozen=True)
class FinalEvaluation:
    """`abschluss jahresendwerte ohne wartezeit im frühjahr 2027`."""

    basis: str
    waiting_period: bool
    year: int
    span: Span = _span()


@dataclass(frozen=True)
class Dialogues:
    """`zieldialoge mindestens 2 im jahr`, `zieldialoge quartalsweise`, `zieldialoge im zweiten quartal`."""

    minimum: int | None
    span: Span = _span()
    rhythm: str | None = None  # "quartalsweise" | "regelmäßig"
    quarters: tuple[int, ...] = ()  # `im zweiten und vierten quartal` → (2, 4)


@dataclass(frozen=True)
class TrialYear:
    """`erprobungsjahr "…"`: the targets are judged and reported, but not binding this year."""

    text: str
    span: Span = _span()


@dataclass(frozen=True)
class Budget:
    id: str
    title: str
    amount: Decimal
    span: Span = _span()


@dataclass(frozen=True)
class Assumption:
    """A stated forecast: `von 6,6 % auf 6,7 %` or `steigt um 0,1 %`."""

    id: str
    title: str
    direction: str | None  # "steigt" | "sinkt" for a change, None for a range
    value: Decimal | None  # the change
    value_from: Decimal | None
    value_to: Decimal | None
    unit: str  # "%" | "prozentpunkte"
    unit_to: str | None
    source: str | None
    span: Span = _span()


@dataclass(frozen=True)
class Consideration:
    id: str
    text: str
    span: Span = _span()


@dataclass(frozen=True)
class LegalChange:
    title: str
    effective: datetime.date
    span: Span = _span()


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: str
    span: Span = _span()


@dataclass(frozen=True)
class Signature:
    party: str
    place: str
    date: datetime.date
    signatory: str
    note: str | None
    span: Span = _span()


# ---------------------------------------------------------------- target contents


@dataclass(frozen=True)
class Text:
    text: str
    span: Span = _span()


@dataclass(frozen=True)
class Emphasis:
    """`schwerpunkt "…"`: an agreed emphasis inside a target; part of the target, neither judged nor monitored."""

    text: str
    span: Span = _span()


@dataclass(frozen=True)
class Waiver:
    """`ausgesetzt "…"`: the target is waived this year; its figures are reported, not judged."""

    text: str
    span: Span = _span()


@dataclass(frozen=True)
class Proposal:
    """`(vorschlag 2,0 %)` after a condition: the value proposed in the planning procedure, not the agreed one."""

    value: Decimal
    unit: str | None  # "%" | "prozentpunkte" | "eur" | None (a number)
    span: Span = _span()


@dataclass(frozen=True)
class Equivalent:
    """The informative figure in brackets after a condition: `(auf 3.912)`, `(ca. 2.450 integrationen)`.

    The figure before the bracket is binding; this one is checked against the baseline year's data.
    Without `series` it is the indicator's own value (unit "%" | "eur" | None for a number);
    with `series` it is that series of the indicator's formula (a count or a stock).
    """

    value: Decimal
    unit: str | None
    series: str | None
    span: Span = _span()
    series_span: Span = _span()
    indicator: str | None = None  # after a count: the quota it gives, `(ca. 30,2 % K2)`


@dataclass(frozen=True)
class Condition:
    """A judged statement about one indicator: `frauen K2 steigt um 7,3 %`.

    measure: "change" (relative change or percentage points), "direction" (only the
    direction counts), "level" (the value reached: in percent for a
    ratio, a plain number for a stock or count, in euros for an amount).
    verb: "steigt" | "sinkt" | "bleibt_gleich" | "steigt_nicht" | "sinkt_nicht"
          | "beträgt" | "erreicht".
    qualifier: None | "mindestens" | "maximal" | "höchstens" | "nicht_mehr_als".
    """

    group: str | None  # "frauen" | "maenner" | "gesamt" | a catalogue group's name | None (= gesamt)
    indicator: str
    measure: str
    verb: str
    qualifier: str | None
    value: Decimal | None
    unit: str | None  # "%" | "prozentpunkte" | "eur" (a level in euros) | None (direction; a level as a number)
    span: Span = _span()
    indicator_span: Span = _span()
    group_span: Span = _span()
    equivalent: Equivalent | None = None  # `(auf 3.912)`: informative, the figure before it is binding
    proposal: Proposal | None = None  # `(vorschlag 2,0 %)`: proposed in the planning procedure


@dataclass(frozen=True)
class CountPart:
    group: str
    minimum: Decimal
    span: Span = _span()


@dataclass(frozen=True)
class CountCondition:
    """`anzahl integrationen mindestens 612, davon frauen mindestens 258`."""

    series: str
    minimum: Decimal  # the agreed number: a minimum, or with `bound` "höchstens" a ceiling
    parts: tuple[CountPart, ...]
    span: Span = _span()
    series_span: Span = _span()
    bound: str = "mindestens"  # "mindestens" | "höchstens" (`anzahl zugaenge_lzb höchstens 500`)
    equivalent: "Equivalent | None" = None  # `(ca. 30,2 % K2)`: the quota the count gives, informative


@dataclass(frozen=True)
class Forecast:
    direction: str
    value: Decimal
    unit: str
    span: Span = _span()


@dataclass(frozen=True)
class Monitoring:
    group: str | None
    indicator: str
    forecast: Forecast | None
    span: Span = _span()
    indicator_span: Span = _span()
    wish: str | None = None  # `soll steigen` → "steigt", `soll sinken` → "sinkt": the wanted direction
    group_span: Span = _span()


@dataclass(frozen=True)
class GapMonitoring:
    """`beobachtung abstand K2 zwischen frauen und männern`."""

    indicator: str
    group_a: str
    group_b: str
    span: Span = _span()
    indicator_span: Span = _span()
    wish: str | None = None  # `soll sinken`: the gap (its size, whatever its sign) should shrink


@dataclass(frozen=True)
class Supplementary:
    indicators: tuple[str, ...]
    span: Span = _span()
    indicator_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    deadline: datetime.date | None
    span: Span = _span()


@dataclass(frozen=True)
class MilestoneCondition:
    id: str
    text: str
    deadline: datetime.date | None
    span: Span = _span()


@dataclass(frozen=True)
class RuleTerm:
    """`alle schritte` (kind "all", scope "schritte"), `eine bedingung` (kind "any"), or a name."""

    kind: str  # "all" | "any" | "name"
    value: str  # scope for "all", "bedingungen" for "any", the referenced id for "name"
    span: Span = _span()


@dataclass(frozen=True)
class Rule:
    terms: tuple[RuleTerm, ...]
    span: Span = _span()


TargetItem = Union[
    Text, Emphasis, Waiver, Condition, CountCondition, Monitoring, GapMonitoring, Supplementary, Step, MilestoneCondition, Rule, "Target"
]


@dataclass(frozen=True)
class Target:
    """`ziel 2 integration "…" { … }`, `grundsatz 6 …`, or a nested `teilziel`."""

    kind: str  # "ziel" | "grundsatz" | "teilziel"
    number: str | None  # "2", "4a"; None for a subtarget
    id: str
    title: str
    items: tuple[TargetItem, ...]
    span: Span = _span()

    def of(self, node_type: type) -> list:
        return [item for item in self.items if isinstance(item, node_type)]


# ---------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class GroupDef:
    """`gruppe alleinerziehende "Alleinerziehende" kennung "AE" genitiv "der Alleinerziehenden"`.

    A population group beyond gesamt/frauen/männer: its name in the agreement, its German label,
    its code in the CSV column `gruppe` (default: the name) and its genitive for sentences.
    """

    id: str
    title: str
    key: str | None
    genitive: str | None
    span: Span = _span()


@dataclass(frozen=True)
class SeriesDef:
    id: str
    title: str
    kind: str  # "anzahl" | "bestand" | "betrag"
    unit: str | None
    span: Span = _span()


@dataclass(frozen=True)
class Formula:
    function: str
    args: tuple[str, ...]
    span: Span = _span()
    arg_spans: tuple[Span, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class IndicatorDef:
    kind: str  # "kennzahl" | "ergänzungsgröße"
    code: str
    title: str
    definition: str | None
    formula: Formula | None
    good: str | None  # "steigt" | "sinkt" | None
    parent: str | None
    law_ref: str | None
    span: Span = _span()
    parent_span: Span = _span()
    # the fields as written: (field, its span) in the author's order; the formatter keeps that order
    written: tuple[tuple[str, Span], ...] = field(default=(), compare=False, repr=False)


AgreementItem = Union[
    PartyLand, PartyAgency, LegalBasis, Regulation, TargetYear, BaselineYear, Evaluation, FinalEvaluation,
    Dialogues, Budget, Assumption, Consideration, LegalChange, Section, Signature, Target, SeriesDef, IndicatorDef,
    GroupDef, TrialYear,
]


@dataclass(frozen=True)
class Agreement:
    id: str
    title: str
    items: tuple[AgreementItem, ...]
    span: Span = _span()

    def of(self, node_type: type) -> list:
        return [item for item in self.items if isinstance(item, node_type)]

    def first(self, node_type: type):
        found = self.of(node_type)
        return found[0] if found else None


@dataclass(frozen=True)
class Catalog:
    id: str
    title: str
    items: tuple[Union[SeriesDef, IndicatorDef, LegalChange, GroupDef], ...]
    span: Span = _span()

    def of(self, node_type: type) -> list:
        return [item for item in self.items if isinstance(item, node_type)]


@dataclass(frozen=True)
class Comment:
    """A `#` comment; kept beside the tree so the formatter can put it back."""

    text: str
    line: int
    column: int
    own_line: bool


@dataclass(frozen=True)
class Document:
    """One parsed file: its agreements and catalogues, and its comments."""

    items: tuple[Union[Agreement, Catalog], ...]
    comments: tuple[Comment, ...] = field(default=(), compare=False, repr=False)
    source_name: str = field(default="", compare=False)

    @property
    def agreements(self) -> list[Agreement]:
        return [i for i in self.items if isinstance(i, Agreement)]

    @property
    def catalogs(self) -> list[Catalog]:
        return [i for i in self.items if isinstance(i, Catalog)]
