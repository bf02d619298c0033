"""What one evaluation of one agreement is about: agency, months, vintages, and its warnings.

Vintage policy (Ladestand, domain.md § 3): when the data carries `ladestand`,
V is the latest vintage of the agency's data (not after `vintage_at_most`, if
given). Under `gleicher ladestand` (the default) the target year's values come
from vintages ≤ V and the baseline year's from vintages ≤ V minus one year (minus the distance
of the two years), so
both years are compared at the same data maturity; a baseline value that has no
vintage that old falls back to its earliest vintage, with a reason. Under
`gemeinsamer ladestand` both years come from vintages ≤ V (one extraction).
Without any `ladestand` the values are taken as they are and no vintage is named.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from zieldsl.checker import CheckedAgreement
from zieldsl.data import ObservationStore
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


def latest_vintage(store: ObservationStore, agency: str, at_most: datetime.date | None) -> datetime.date | None:
    """V: the newest `ladestand` of the agency's data, not after `at_most`."""
    if at_most is None:
        return store.latest_vintage(agency)
    found = [o.data_vintage for o in store.observations()
             if o.agency == agency and o.data_vintage is not None and o.data_vintage <= at_most]
    return max(found) if found else None


def vintage_cutoffs(checked: CheckedAgreement, store: ObservationStore, agency: str,
                    at_most: datetime.date | None) -> tuple[datetime.date | None, datetime.date | None]:
    """(target-year cutoff, baseline-year cutoff) under the agreement's vintage policy."""
    vintage = latest_vintage(store, agency, at_most)
    if vintage is None:
        return None, None
    if checked.vintage_policy == "gemeinsamer":
        return vintage, vintage
    return vintage, years_earlier(vintage, max(1, checked.target_year - checked.baseline_year))
