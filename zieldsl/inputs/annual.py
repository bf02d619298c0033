"""Annual totals in the indicator data: a CSV row whose `monat` is a year (`2026`) holds the year's sum.

Some sources give counts only per year ("2.450 Integrationen im Jahr 2025"). Decisions:

* the column convention: `monat` = `JJJJ` instead of `JJJJ-MM`; everything else as for a month;
* only for series that add up over the year (`anzahl`, `betrag`); a stock has no annual sum
  (its yearly figure is an average of monthly stocks), so a year row for it is refused (ZD405);
* the store keeps the total as its own series (`integrationen@jahr`) in the December slot of
  the year, so values, vintages and clashes follow the same rules as monthly values;
* the evaluation uses it for a full year only (as-of December): it stands in for the sum of
  January to December where the monthly values are not all there; the monthly values win
  where they are complete;
* an annual total and all twelve monthly values that add up to another sum: a warning at
  loading (ZD404); the monthly values are used.
"""

from __future__ import annotations

import re

from zieldsl.diagnostics import Diagnostic, Span
from zieldsl.inputs.store import ObservationStore, choose, entry_value

SUFFIX = "@jahr"
YEAR_RE = re.compile(r"(19|20|21)\d\d")
SUMMED_KINDS = ("anzahl", "betrag")


def annual_series(series: str) -> str:
    """The store's name for the annual totals of `series`."""
    return series + SUFFIX


def year_index(year: int) -> int:
    """The store's month index the annual total of `year` is kept at (its December)."""
    return year * 12 + 11


def disagreements(store: ObservationStore) -> list[tuple[str, Diagnostic]]:
    """ZD404 for every annual total whose year also has all twelve monthly values, with another sum."""
    out = []
    for agency in store.agencies():
        for name in sorted(s for s in store.series(agency) if s.endswith(SUFFIX)):
            series = name[: -len(SUFFIX)]
            for group in sorted(store.groups(agency, name)):
                totals = store.entries(agency, name, group)
                months = store.entries(agency, series, group)
                for index, stored in sorted(totals.items()):
                    year = index // 12
                    monthly = [choose(months.get(year * 12 + m), None) for m in range(12)]
                    total = choose(stored, None)
                    if total is None or any(entry is None for entry in monthly):
                        continue
                    summed = sum(entry_value(entry) for entry in monthly)
                    if summed == entry_value(total):
                        continue
                    file, line, column = store.source_of(total)
                    out.append((agency, Diagnostic(
                        "ZD404", f"Die Jahressumme {series} ({group}) {year} ist {_german(entry_value(total))}, die "
                                 f"zwölf Monatswerte ergeben {_german(summed)}; verwendet werden die Monatswerte",
                        Span(file, line, column),
                        "Jahressumme und Monatswerte aus derselben Lieferung nehmen, oder nur eines von beiden "
                        "angeben.", "warnung")))
    return out


def _german(value) -> str:
    from zieldsl import german

    return german.number(value)

