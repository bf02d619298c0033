"""Calendar months as values: the unit every series and year-to-date value is indexed by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

class AsOfError(ValueError):
    """A wrong as-of month (`--monat`: not a month, or outside the target year): a usage error, exit code 2."""


_MONTH_RE = re.compile(r"^([0-9]{4})-([0-9]{2})$")  # ASCII digits only, as in .ziel and CSV files
_BY_INDEX: dict[int, "Month"] = {}  # shifted months, made once (immutable, so shared)


@total_ordering
@dataclass(frozen=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"Monat {self.month} liegt nicht zwischen 1 und 12")

    @classmethod
    def parse(cls, text: str) -> "Month":
        """Parse `YYYY-MM`; raises ValueError with a German message otherwise."""
        m = _MONTH_RE.match(text.strip())
        if not m:
            raise ValueError(f"»{text}« ist kein Monat im Format JJJJ-MM")
        return cls(int(m.group(1)), int(m.group(2)))

    def shift(self, months: int) -> "Month":
        index = self.year * 12 + (self.month - 1) + months
        found = _BY_INDEX.get(index)
        if found is None:
            found = _BY_INDEX[index] = Month(index // 12, index % 12 + 1)
        return found

    def __lt__(self, other: "Month") -> bool:
        return (self.year, self.month) < (other.year, other.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_between(first: Month, last: Month) -> list[Month]:
    """All months from `first` to `last`, both included."""
    out = []
    current = first
    while current <= last:
        out.append(current)
        current = current.shift(1)
    return out
