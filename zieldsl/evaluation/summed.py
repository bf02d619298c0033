"""An agreement over several agencies (`kennung "03457", "03452"`): their raw series added up.

"In den 12 Optionskommunen zusammen 28.000 Integrationen", a regional or Land-wide total:
the agreement is judged on one figure formed from the agencies' summed monthly values, as
the Land's own statistics form it. Decisions:

* raw series (counts, stocks, amounts), their annual totals and budget lines are added month by
  month (year by year); every
  indicator is then computed from the sums, so a quota is Σ integrations / Σ mean stock,
  never an average of the agencies' quotas (a big agency weighs more than a small one);
* published indicator values (`K2_jfw`, `K2_12monate`, `K3_veraenderung`) and assumption
  rows are not added: rates and quotas do not add up;
* a month has a sum only where every agency has a value for it (at that vintage);
  a missing or marked value of one agency leaves the sum missing, so the figure is
  `nicht_bewertbar` with the month named, never a sum of fewer agencies;
* vintages: the sum at a vintage V adds each agency's value as it stood at V, for every V
  at which some agency's value changed, so the evaluation's vintage rules apply unchanged;
* a summed value points to the first agency's row as its source.
"""

from __future__ import annotations

import weakref
from decimal import Decimal

from zieldsl.diagnostics import Span
from zieldsl.inputs.annual import annual_series
from zieldsl.inputs.store import ObservationStore, choose, entry_value, entry_vintage
from zieldsl.language.checker import CheckedAgreement
from zieldsl.months import Month

_CACHE: "weakref.WeakKeyDictionary[ObservationStore, dict]" = weakref.WeakKeyDictionary()


def is_summed(checked: CheckedAgreement) -> bool:
    agency = checked.agency
    return agency is not None and len(agency.keys) > 1


def store_for(checked: CheckedAgreement, store: ObservationStore) -> ObservationStore:
    """The store the agreement is judged on: `store` itself, or its agencies summed under the joined key."""
    if not is_summed(checked):
        return store
    agency = checked.agency
    names = _summed_names(checked)
    cache = _CACHE.setdefault(store, {})
    key = (agency.keys, names)
    if key not in cache:
        cache[key] = summed_store(store, agency.keys, agency.key, names)
    return cache[key]


def _summed_names(checked: CheckedAgreement) -> frozenset[str]:
    """Catalogue series and budget lines: what adds up across agencies."""
    from zieldsl.language import nodes as n

    series = frozenset(checked.catalog.series) | frozenset(b.id for b in checked.agreement.of(n.Budget))
    return series | frozenset(annual_series(name) for name in series)  # and their annual totals


def summed_store(store: ObservationStore, keys: tuple[str, ...], into: str, names: frozenset[str]) -> ObservationStore:
    """A new store holding, under `into`, the month-by-month sums of `names` over the agencies `keys`."""
    out = ObservationStore()
    first, others = keys[0], keys[1:]
    for series in sorted(store.series(first) & names):
        for group in sorted(store.groups(first, series)):
            parts = [store.entries(agency, series, group) for agency in keys]
            for index in sorted(parts[0]):
                month = Month(index // 12, index % 12 + 1)
                if any(store.missing_mark(agency, series, group, month) for agency in keys):
                    marked = next(store.missing_mark(a, series, group, month) for a in keys
                                  if store.missing_mark(a, series, group, month))
                    out.mark_missing(into, series, group, month, *marked)
                    continue
                stored = [part.get(index) for part in parts]
                if any(s is None for s in stored):
                    continue
                for vintage in _vintages(stored):
                    chosen = [choose(s, vintage) for s in stored]
                    if any(entry is None for entry in chosen):
                        continue
                    total = sum((Decimal(entry_value(entry)) for entry in chosen), Decimal(0))
                    file, line, column = store.source_of(chosen[0])
                    out.add(into, series, group, month, total, vintage, Span(file, line, column))
    for agency in (first, *others):
        for owner, diagnostic in store.warnings:
            if owner == agency:
                out.warnings.append((into, diagnostic))
    return out


def _vintages(stored: list) -> list:
    """Every vintage at which one of the agencies' values was given; [None] when no value has one.

    A value without a vintage counts at every vintage (as `choose` reads it), so it joins each dated sum.
    """
    found = set()
    for entries in stored:
        for entry in (entries if type(entries[0]) is tuple else (entries,)):
            found.add(entry_vintage(entry))
    dated = sorted(v for v in found if v is not None)
    return dated or [None]
