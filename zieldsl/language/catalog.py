"""The indicator catalogue: series and indicators as data, from DSL text.

The standard catalogue (`language/standard.ziel`) holds K1…K3E4 of the
Kennzahlenverordnung and the series they are computed from. An agreement may add
its own `reihe` and `kennzahl` definitions; they extend (never silently replace)
the standard ones.
"""

from __future__ import annotations

from dataclasses import field
from functools import lru_cache
from pathlib import Path

from zieldsl.frozen import node_dataclass  # frozen classes that cost almost nothing at import
from zieldsl.language import nodes as n
from zieldsl.wording import GROUP_GENITIVE, GROUP_LABELS

STANDARD_CATALOG = Path(__file__).resolve().parent / "standard.ziel"

# Formula functions: name → (arity, unit of the value: "%" for ratios, None = unit of the series)
FUNCTIONS: dict[str, tuple[int, str | None]] = {
    "summe": (1, None),
    "mittelwert": (1, None),
    "quote": (2, "%"),
    "anteil": (2, "%"),
    "rate": (2, "%"),
    "rate_vormonat": (2, "%"),
}

SERIES_UNITS = {"anzahl": "Anzahl", "bestand": "Anzahl", "betrag": "EUR"}

# What kind of number a series holds, for the plausibility checks of the data loader:
# "bestand" a stock of persons, "anzahl" a count of events (both whole, never negative),
# "betrag" a sum in EUR (never negative), "rate" a published indicator value in % (signed),
# "stand" a given year-to-date level of a change indicator (K3_jfw: a mean stock; never negative).
SERIES_KINDS = {"bestand": "Bestand (Personen)", "anzahl": "Anzahl", "betrag": "Summe in EUR",
                "rate": "veröffentlichter Wert in %", "stand": "Jahresfortschrittswert eines Bestands oder einer Summe"}

# Published indicator values and the period each one covers (domain.md § 3a). A series
# name says what the number means; a bare indicator code (`K2`) is never a series, because
# the BA's K2 is a twelve-month quota and its K3 a change rate, not the year-to-date figure.
PUBLISHED_PERIODS = {
    "jfw": "Jahresfortschrittswert, Januar bis Berichtsmonat",
    "12monate": "Wert der letzten zwölf Monate, wie veröffentlicht",
    "veraenderung": "Veränderung gegenüber dem Vorjahresmonat in %, wie veröffentlicht",
}
LEVEL_FUNCTIONS = ("summe", "mittelwert")


@node_dataclass(frozen=True)
class PublishedSeries:
    """A published value of an indicator as its own series: `K2_12monate`, `K3_veraenderung`, `K2_jfw`.

    Only `_jfw` values stand in for the computed year-to-date figure, in the catalogue's
    meaning (domain.md § 3): a quota in % for ratio indicators, the level for change
    indicators (K3_jfw = mean LZB stock January … reporting month, never a rate). The
    others are kept and shown, never judged, since they cover another period.
    """

    name: str
    code: str
    period: str  # a key of PUBLISHED_PERIODS
    title: str

    level: bool = False  # a `_jfw` value of a change indicator: a sum or mean stock, never negative

    @property
    def judged(self) -> bool:
        return self.period == "jfw"


def published_series_of(indicator: "Indicator") -> tuple[PublishedSeries, ...]:
    """The published series an indicator has: change indicators a change rate, ratios a 12-month and a YTD value.

    Built once per indicator definition: judging asks for them for every figure of every agreement."""
    key = (indicator.code, indicator.title, indicator.function, indicator.args)  # all they depend on
    found = _PUBLISHED.get(key)
    if found is None:
        if len(_PUBLISHED) >= 4096:
            _PUBLISHED.clear()
        found = _PUBLISHED[key] = _published_series_of(indicator)
    return found


_PUBLISHED: dict[tuple, tuple[PublishedSeries, ...]] = {}


def _published_series_of(indicator: "Indicator") -> tuple[PublishedSeries, ...]:
    if indicator.function in LEVEL_FUNCTIONS:
        periods = ("veraenderung", "jfw")
    elif indicator.function:
        periods = ("12monate", "jfw")
    else:
        periods = ("jfw",)
    level = indicator.function in LEVEL_FUNCTIONS
    return tuple(PublishedSeries(f"{indicator.code}_{period}", indicator.code, period,
                                 f"{indicator.code} {indicator.title}: {PUBLISHED_PERIODS[period]}"
                                 + (f" ({indicator.function}({', '.join(indicator.args)}), kein Prozentwert)"
                                    if level and period == "jfw" else ""),
                                 level and period == "jfw")
                 for period in periods)


@node_dataclass(frozen=True)
class Indicator:
    """A resolved indicator definition with what the evaluator and the texts need."""

    code: str
    title: str
    kind: str  # "kennzahl" | "ergänzungsgröße"
    definition: str | None
    function: str
    args: tuple[str, ...]
    good: str | None  # "steigt" | "sinkt" | None
    parent: str | None
    law_ref: str | None
    unit: str  # "%" for ratios (a level in percent), else "Anzahl" / "EUR" / the series unit

    @property
    def is_ratio(self) -> bool:
        return self.unit == "%"


@node_dataclass(frozen=True)
class Group:
    """A population group: its name in agreements, German label, CSV code and genitive for sentences."""

    name: str
    label: str
    code: str
    genitive: str | None = None


# The groups every indicator is shown by (§ 48a: "nach Geschlecht"); their names are keywords of the language.
# Further groups (Alleinerziehende, Geflüchtete, …) are catalogue data: `gruppe` in standard.ziel or a file.
# Their German label and genitive are those of `zieldsl.wording`, so reasons, terminal and documents agree.
BUILTIN_GROUPS = {name: Group(name, GROUP_LABELS[name], name, GROUP_GENITIVE.get(name))
                  for name in ("gesamt", "frauen", "maenner")}


def judged_published_name(indicator: "Indicator") -> str | None:
    """`K2_jfw`: the published series that may stand in for the computed figure (ratio indicators only)."""
    return next((p.name for p in published_series_of(indicator) if p.judged), None)


def bare_code_hint(indicator: "Indicator") -> str:
    """Why `K2` alone is refused as a data series, and what to write instead."""
    options = " oder ".join(f"»{p.name}« ({p.title.split(': ', 1)[1]})" for p in published_series_of(indicator))
    words = "der Reihe" if len(indicator.args) == 1 else "den Reihen"
    raw = f" Aus {words} {' und '.join(indicator.args)} berechnet zieldsl {indicator.code} selbst." \
        if indicator.args else ""
    return f"Veröffentlichte Werte haben ihren eigenen Zeitraum: {options}.{raw}"


@node_dataclass(frozen=False)
class Catalog:
    """Series, indicators, legal changes and groups an agreement may name: the standard ones and its own."""

    series: dict[str, n.SeriesDef] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    legal_changes: list[n.LegalChange] = field(default_factory=list)
    groups: dict[str, Group] = field(default_factory=lambda: dict(BUILTIN_GROUPS))

    def published_series(self) -> dict[str, PublishedSeries]:
        """Every published series of the catalogue's indicators, by name."""
        return {p.name: p for indicator in self.indicators.values() for p in published_series_of(indicator)}

    def series_kind(self, name: str) -> str | None:
        """`bestand`, `anzahl`, `betrag` or `rate` for a series or published series; None if unknown."""
        definition = self.series.get(name)
        if definition is not None:
            return definition.kind
        published = self.published_series().get(name)
        if published is None:
            return None
        return "stand" if published.level else "rate"

    def find_series(self, name: str) -> str | None:
        """A series by its name, or written with capitals as in prose (`Integrationen` → `integrationen`)."""
        if name in self.series:
            return name
        same = [known for known in self.series if known.lower() == name.lower()]
        return same[0] if len(same) == 1 else None

    def copy(self) -> "Catalog":
        """An independent catalogue with the same definitions (agreements extend their own copy)."""
        return Catalog(dict(self.series), dict(self.indicators), list(self.legal_changes), dict(self.groups))

    def add_group(self, definition: n.GroupDef) -> None:
        self.groups[definition.id] = Group(definition.id, definition.title, definition.key or definition.id,
                                           definition.genitive)

    def group_label(self, name: str) -> str:
        """"Frauen", "Alleinerziehende"; an unknown name is shown as it is."""
        group = self.groups.get(name)
        return group.label if group is not None else name

    def group_codes(self) -> dict[str, str]:
        """CSV `gruppe` code → group name, for the data loader."""
        return {group.code: group.name for group in self.groups.values()}

    def indicator_unit(self, definition: n.IndicatorDef) -> str:
        if definition.formula is None:
            return "%"
        arity_unit = FUNCTIONS.get(definition.formula.function, (0, "%"))[1]
        if arity_unit:
            return arity_unit
        series = self.series.get(definition.formula.args[0]) if definition.formula.args else None
        if series is None:
            return "Anzahl"
        return series.unit or SERIES_UNITS[series.kind]

    def add_series(self, definition: n.SeriesDef) -> None:
        self.series[definition.id] = definition

    def add_indicator(self, definition: n.IndicatorDef) -> None:
        formula = definition.formula
        self.indicators[definition.code] = Indicator(
            code=definition.code,
            title=definition.title,
            kind=definition.kind,
            definition=definition.definition,
            function=formula.function if formula else "",
            args=formula.args if formula else (),
            good=definition.good,
            parent=definition.parent,
            law_ref=definition.law_ref,
            unit=self.indicator_unit(definition),
        )


@lru_cache(maxsize=1)
def standard_document() -> n.Document:
    """The standard catalogue's tree: generated ahead of time (`zieldsl.language.prebuilt`), else parsed."""
    from zieldsl.language.prebuilt import prebuilt_document

    document = prebuilt_document(STANDARD_CATALOG)
    if document is None:
        document = parse_standard_document()
    return document


def parse_standard_document() -> n.Document:
    """The standard catalogue's tree, parsed from `standard.ziel` (what the generated module must equal)."""
    from zieldsl.language.parser import parse_file

    return parse_file(STANDARD_CATALOG, display_name="zieldsl/language/standard.ziel")


def standard_catalog() -> Catalog:
    """A fresh catalogue filled from the standard prelude."""
    catalog = Catalog()
    for cat in standard_document().catalogs:
        for item in cat.items:
            if isinstance(item, n.SeriesDef):
                catalog.add_series(item)
            elif isinstance(item, n.GroupDef):
                catalog.add_group(item)
        for item in cat.items:
            if isinstance(item, n.IndicatorDef):
                catalog.add_indicator(item)
            elif isinstance(item, n.LegalChange):
                catalog.legal_changes.append(item)
    return catalog
