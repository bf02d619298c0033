"""Small builders for evaluation tests: an agreement around a few lines, data added month by month."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from zieldsl.api import check_text
from zieldsl.inputs.store import ObservationStore
from zieldsl.diagnostics import Span
from zieldsl.months import Month

AGENCY = "01"

TEMPLATE = """vereinbarung t "Testvereinbarung" {{
    träger "Testkreis" kennung "{agency}"
    zieljahr {year}
    vergleichsjahr {baseline}
    bewertung jahresfortschrittswerte ohne wartezeit, {policy} ladestand
{body}
}}
"""


def agreement(body: str, year: int = 2026, policy: str = "gleicher", agency: str = AGENCY):
    text = TEMPLATE.format(agency=agency, year=year, baseline=year - 1, policy=policy, body=body)
    return check_text(text, "test.ziel")[0]


def spread(total, months: int = 12) -> list:
    """`total` over `months` months: equal parts, the remainder in the last month."""
    total = Decimal(total)
    base = (total / months).to_integral_value(rounding="ROUND_FLOOR")
    values = [base] * months
    values[-1] += total - base * months
    return values


class Data:
    """An ObservationStore filled programmatically; every value gets a line in a pretend file."""

    def __init__(self, name: str = "daten.csv"):
        self.store = ObservationStore()
        self.name = name
        self.line = 1

    def add(self, series, group, month, value, vintage=None, agency=AGENCY):
        self.line += 1
        month = Month.parse(month) if isinstance(month, str) else month
        vintage = datetime.date.fromisoformat(vintage) if isinstance(vintage, str) else vintage
        self.store.add(agency, series, group, month, Decimal(value), vintage, Span(self.name, self.line, 1))
        return self

    def year(self, series, group, year, values, vintage=None, agency=AGENCY):
        for month, value in enumerate(values, start=1):
            self.add(series, group, Month(year, month), value, vintage, agency)
        return self

    def constant(self, series, group, first, last, value, vintage=None):
        month, end = Month.parse(first), Month.parse(last)
        while month <= end:
            self.add(series, group, month, value, vintage)
            month = month.shift(1)
        return self

    def k2(self, group="gesamt", baseline=1000, actual=1058, stock=1000):
        """Integrations summing to `baseline` (2025) and `actual` (2026) over a constant eLb stock."""
        self.constant("elb", group, "2024-12", "2026-12", stock)
        self.year("integrationen", group, 2025, spread(baseline))
        self.year("integrationen", group, 2026, spread(actual))
        return self


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
