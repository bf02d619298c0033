"""The indicator catalogue: series and indicators as data, from DSL text.

The standard catalogue (`language/standard.ziel`) holds K1…K3E4 of the
Kennzahlenverordnung and the series they are computed from. An agreement may add
its own `reihe` and `kennzahl` definitions; they extend (never silently replace)
the standard ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from zieldsl.language import nodes as n

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


@dataclass(frozen=True)
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


@dataclass
class Catalog:
    series: dict[str, n.SeriesDef] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    legal_changes: list[n.LegalChange] = field(default_factory=list)

    def copy(self) -> "Catalog":
        """An independent catalogue with the same definitions (agreements extend their own copy)."""
        return Catalog(dict(self.series), dict(self.indicators), list(self.legal_changes))

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
    from zieldsl.language.parser import parse_file

    return parse_file(STANDARD_CATALOG, display_name="zieldsl/language/standard.ziel")


def standard_catalog() -> Catalog:
    """A fresh catalogue filled from the standard prelude."""
    catalog = Catalog()
    for cat in standard_document().catalogs:
        for item in cat.items:
            if isinstance(item, n.SeriesDef):
                catalog.add_series(item)
        for item in cat.items:
            if isinstance(item, n.IndicatorDef):
                catalog.add_indicator(item)
            elif isinstance(item, n.LegalChange):
                catalog.legal_changes.append(item)
    return catalog
