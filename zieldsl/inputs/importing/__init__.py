"""`zieldsl import`: published § 48a tables and a Land's own tables → zieldsl's indicator CSV.

The way in for real figures (issue 11): Excel (.xlsx, read with openpyxl) or CSV
tables, wide or long, mapped by an import profile (`profile.py`, YAML) to series,
groups, agency codes, Berichtsmonat and Ladestand. The result is the CSV of
docs/datenformate.md plus a report of what was read and skipped; what cannot be
mapped is refused with its cell position. Published rates and twelve-month quotas
keep their own series names (`K3_veraenderung`, `K2_12monate`), so they are never
read as a stock or a year-to-date value.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Sequence

from zieldsl.diagnostics import Diagnostic, Span, ZielError, sorted_diagnostics
from zieldsl.inputs.importing.profile import Profile, load_profile, shipped_profiles
from zieldsl.inputs.importing.sheets import read_sheets
from zieldsl.inputs.importing.tables import MISSING, Reading, Value, read_tables
from zieldsl.language.catalog import Catalog, published_series_of, standard_catalog

__all__ = ["ImportResult", "import_tables", "shipped_profiles"]

HEADER = "traeger;reihe;gruppe;monat;wert;ladestand"
SHOWN_SKIPS = 12
SHOWN_AGENCIES = 12


@dataclass(frozen=True)
class ImportResult:
    """The CSV text to write, the report lines for the terminal and the warnings."""

    csv_text: str
    report: tuple[str, ...]
    warnings: tuple[Diagnostic, ...]
    values: tuple[Value, ...]


def import_tables(sources: Sequence[str | Path], profile: str = "bmas-48a",
                  vintage: datetime.date | None = None, catalog: Catalog | None = None) -> ImportResult:
    """Read `sources` by the profile (a shipped name or a YAML path); raise ZielError with every refusal."""
    catalog = catalog or standard_catalog()
    checked = load_profile(profile, catalog)
    files, problems = [], []
    for source in sources:
        try:
            files.append((str(source), read_sheets(source)))
        except ZielError as err:
            problems.extend(err.diagnostics)
    reading = read_tables(files, checked, catalog, vintage)
    problems.extend(reading.problems)
    if not problems and not reading.values:
        skipped = "; ".join(f"{span}: {reason}" for span, reason in reading.skipped[:3])
        problems.append(Diagnostic("ZD713", "Keine Werte gelesen: jede Zeile wurde übersprungen",
                                   Span(str(sources[0]) if sources else "", 1, 1),
                                   f"Übersprungen: {skipped or 'keine Datenzeilen'}. Profil (--profil) und Spalte "
                                   "des Trägers prüfen."))
    if problems:
        raise ZielError(sorted_diagnostics(problems + reading.warnings))
    values = tuple(sorted(reading.values.values(), key=_order))
    return ImportResult(_csv(values, checked, sources), tuple(_report(reading, values, checked, catalog, vintage)),
                        tuple(sorted_diagnostics(reading.warnings)), values)


def _order(value: Value):
    return (value.agency, value.series, ("gesamt", "frauen", "maenner").index(value.group), value.month,
            value.vintage or datetime.date.min)


def _number(value: Decimal | int | None) -> str:
    if value is None:
        return MISSING
    text = format(Decimal(value), "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",")


def _csv(values: Sequence[Value], profile: Profile, sources: Sequence[str | Path]) -> str:
    names = ", ".join(Path(s).name for s in sources)
    lines = [f"# Erzeugt mit »zieldsl import« aus {names} (Importprofil {profile.name})",
             "# x = in der Quelle als fehlend gekennzeichnet", HEADER]
    for v in values:
        lines.append(";".join((v.agency, v.series, v.group, str(v.month), _number(v.value),
                               v.vintage.isoformat() if v.vintage else "")))
    return "\n".join(lines) + "\n"


def _range(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{items[0]} bis {items[-1]}"


def _report(reading: Reading, values: Sequence[Value], profile: Profile, catalog: Catalog,
            vintage: datetime.date | None) -> list[str]:
    agencies = sorted({v.agency for v in values})
    months = sorted({str(v.month) for v in values})
    series = sorted({v.series for v in values})
    groups = [g for g in ("gesamt", "frauen", "maenner") if any(v.group == g for v in values)]
    vintages = sorted({v.vintage.isoformat() for v in values if v.vintage})
    missing = [v for v in values if v.value is None]
    shown = ", ".join(agencies[:SHOWN_AGENCIES]) + (f" … (insgesamt {len(agencies)})" if len(agencies) > SHOWN_AGENCIES else "")
    out = [f"Importprofil: {profile.name}" + (f" – {profile.title}" if profile.title else ""),
           f"Gelesen: {len(reading.sheets_read)} Tabellenbl{'att' if len(reading.sheets_read) == 1 else 'ätter'}, "
           f"{reading.rows_read} Zeilen, {len(values)} Werte",
           f"Träger ({len(agencies)}): {shown}",
           f"Monate ({len(months)}): {_range(months)}",
           f"Reihen ({len(series)}): {', '.join(series)}",
           f"Gruppen: {', '.join(groups)}"]
    if vintage is not None:
        out.append(f"Ladestand: {vintage.isoformat()} (--ladestand)")
    elif vintages:
        where = "; ".join(sorted(set(reading.vintages.values()))) or "aus der Spalte"
        shown = ", ".join(vintages) if len(vintages) <= 3 else f"{len(vintages)} verschiedene, {_range(vintages)}"
        out.append(f"Ladestand: {shown} ({where})")
    else:
        out.append("Ladestand: keiner angegeben – mit --ladestand JJJJ-MM-TT das Datum der Datenentnahme nennen, "
                   "sonst kann zieldsl Wartezeit und gleiche Ladestände nicht prüfen")
    if missing:
        marks = sorted({m.raw or "leer" for m in missing})
        out.append(f"Fehlende Werte: {len(missing)} (gekennzeichnet mit {', '.join(marks)}; als »x« übernommen, "
                   "nur die Ziele, die sie brauchen, werden nicht bewertbar)")
    if reading.skipped:
        out.append(f"Übersprungen: {len(reading.skipped)}")
        for span, reason in reading.skipped[:SHOWN_SKIPS]:
            out.append(f"  {span}: {reason}")
        if len(reading.skipped) > SHOWN_SKIPS:
            out.append(f"  … und {len(reading.skipped) - SHOWN_SKIPS} weitere")
    out.extend(_published_notes(values, catalog))
    return out


def _published_notes(values: Sequence[Value], catalog: Catalog) -> list[str]:
    """What the published values are, and which judged figures still lack raw numerators/denominators."""
    present: dict[str, set[str]] = {}
    for value in values:
        present.setdefault(value.group, set()).add(value.series)
    everything = set().union(*present.values()) if present else set()
    published = sorted(p.name + f" ({p.title.split(': ', 1)[1]})" for p in catalog.published_series().values()
                       if p.name in everything)
    out = []
    if published:
        out.append("Veröffentlichte Kennzahlwerte, übernommen als eigene Reihen (nicht der Jahresfortschrittswert, "
                   "werden nicht bewertet):")
        out.extend(f"  {name}" for name in published)
    notes = []
    for indicator in catalog.indicators.values():
        names = [p.name for p in published_series_of(indicator)]
        lacking_by_group = {}
        for group in ("gesamt", "frauen", "maenner"):
            have = present.get(group, set())
            if not indicator.args or not (indicator.args[0] in have or any(n in have for n in names)):
                continue
            lacking = [a for a in indicator.args if a not in have]
            if lacking:
                lacking_by_group[group] = lacking
        for lacking in sorted({tuple(v) for v in lacking_by_group.values()}):
            groups = [g for g, v in lacking_by_group.items() if tuple(v) == lacking]
            notes.append(f"{indicator.code} ({', '.join(groups)}): es fehlen die Rohreihen {', '.join(lacking)}")
    if notes:
        out.append("Zum Bewerten (Jahresfortschrittswerte aus Zähler und Nenner) fehlen:")
        out.extend(f"  {note}" for note in notes)
    return out
