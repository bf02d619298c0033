"""What one evaluation of one agreement is about: agency, months, vintages, and its warnings.

Vintage policy (Ladestand, domain.md § 3). V is the cutoff for the target year:

* by default the *first publication* of the as-of month: the earliest `ladestand`
  at which the agency's indicator data (catalogue series and indicator codes, not
  budget or assumption rows) hold a value for that month. A target dialogue on the
  June figures uses the data as they stood when June first appeared, not a later
  revision. Without any value for the as-of month, V is the newest vintage.
* with `vintage_at_most` (CLI `--ladestand`) the newest vintage of the indicator data
  up to that day; if there is none that old, that day itself (then only values
  without `ladestand` qualify, and a warning says so).

Under `gleicher ladestand` (the default) the target year's values come from vintages
≤ V and the baseline year's from vintages ≤ V minus one year (minus the distance of
the two years), so both years are compared at the same data maturity; a baseline
value that has no vintage that old falls back to its earliest vintage, with a reason.
Under `gemeinsamer ladestand` both years come from vintages ≤ V (one extraction).
Without any `ladestand` the values are taken as they are and no vintage is named.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from zieldsl import german as fmt
from zieldsl.language.checker import CheckedAgreement
from zieldsl.inputs.store import ObservationStore
from zieldsl.months import Month


def years_earlier(day: datetime.date, years: int = 1) -> datetime.date:
    """The same date `years` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass
class Context:
    checked: CheckedAgreement
    store: ObservationStore
    agency: str  # the agency key as in the data's `traeger` column
    as_of: Month
    vintage: datetime.date | None  # V: cutoff for the target year
    vintage_baseline: datetime.date | None  # cutoff for the baseline year
    has_data: bool  # the data holds rows for this agency
    evidence_final: bool = False
    evidence_missing: bool = False  # milestones, but no evidence file: they stay open, never "missed"
    warnings: list[str] = field(default_factory=list)

    @property
    def target_year(self) -> int:
        return self.checked.target_year

    @property
    def baseline_year(self) -> int:
        return self.checked.baseline_year

    @property
    def month(self) -> int:
        return self.as_of.month

    @property
    def preliminary(self) -> bool:
        return self.as_of.month < 12

    @property
    def allow_fallback(self) -> bool:
        """Baseline values younger than the cutoff may stand in (policy `gleicher` only)."""
        return self.vintage_baseline is not None and self.checked.vintage_policy == "gleicher"

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)


def indicator_names(checked: CheckedAgreement) -> frozenset[str]:
    """The names that date the data: catalogue series and given year-to-date values (`K2_jfw`),
    not budget or assumption rows nor published twelve-month values and change rates."""
    return frozenset(checked.catalog.series) | frozenset(
        name for name, published in checked.catalog.published_series().items() if published.judged)


def _keys(store: ObservationStore, agency: str, names: frozenset[str]) -> list[tuple[str, str]]:
    return [(series, group) for series in sorted(store.series(agency) & names)
            for group in sorted(store.groups(agency, series))]


def _vintages_of(store: ObservationStore, agency: str, names: frozenset[str],
                 month: Month | None = None) -> set[datetime.date]:
    """Every `ladestand` of the agency's indicator data (of one month, if given)."""
    if month is not None:
        found = store.month_vintages(agency, names, month)
    else:
        found = set()
        for series, group in _keys(store, agency, names):
            for m in store.months(agency, series, group):
                found.update(store.vintages_of_month(agency, series, group, m))
    found.discard(None)
    return found


def first_publication(store: ObservationStore, agency: str, month: Month,
                      names: frozenset[str]) -> datetime.date | None:
    """The earliest `ladestand` at which the agency's indicator data hold a value for `month`."""
    vintages = _vintages_of(store, agency, names, month)
    return min(vintages) if vintages else None


def latest_vintage(store: ObservationStore, agency: str, at_most: datetime.date | None,
                   names: frozenset[str]) -> datetime.date | None:
    """The newest `ladestand` of the agency's indicator data, not after `at_most`."""
    found = [v for v in _vintages_of(store, agency, names) if at_most is None or v <= at_most]
    return max(found) if found else None


def latest_month(store: ObservationStore, agency: str, year: int, names: frozenset[str],
                 at_most: datetime.date | None = None) -> Month | None:
    """The last month of `year` with indicator data of the agency (as the data stood on `at_most`)."""
    keys = _keys(store, agency, names)
    for month in range(12, 0, -1):
        current = Month(year, month)
        for series, group in keys:
            if store.value(agency, series, group, current, at_most) is not None:
                return current
    return None


def vintage_cutoffs(checked: CheckedAgreement, store: ObservationStore, agency: str, as_of: Month,
                    at_most: datetime.date | None = None,
                    warn=None) -> tuple[datetime.date | None, datetime.date | None]:
    """(target-year cutoff V, baseline-year cutoff) under the agreement's vintage policy.

    V as the module docstring says: the first publication of `as_of`, or the newest
    vintage up to `at_most` when that is given. `warn` receives a German note when
    `at_most` lies before every vintage of the data.
    """
    names = indicator_names(checked)
    if at_most is not None:
        vintage = latest_vintage(store, agency, at_most, names)
        if vintage is None and _vintages_of(store, agency, names):
            vintage = at_most
            if warn is not None:
                warn(f"Die Daten des Trägers »{agency}« enthalten keinen Ladestand bis "
                     f"{fmt.date_short(at_most)}; bewertet wird nur mit Werten ohne Ladestand.")
    else:
        vintage = first_publication(store, agency, as_of, names) or latest_vintage(store, agency, None, names)
    if vintage is None:
        return None, None
    if checked.vintage_policy == "gemeinsamer":
        return vintage, vintage
    return vintage, years_earlier(vintage, max(1, checked.target_year - checked.baseline_year))
