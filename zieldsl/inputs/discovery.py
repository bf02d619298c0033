"""Find the data stored beside an agreement, so `zieldsl evaluate FILE` runs without options.

Convention (documented in the CLI help): for `vereinbarungen/leer-2026.ziel`

* indicator data: `leer-2026.daten.csv` and/or the folder `leer-2026.daten/` (every *.csv in it);
* milestone evidence: `leer-2026.nachweise.yaml` (or `.yml`) and/or the folder
  `leer-2026.nachweise/` (every *.yaml / *.yml in it).

Paths keep the form the agreement path was given in, so messages name them as the user wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DATA_SUFFIX = ".daten"
EVIDENCE_SUFFIX = ".nachweise"


@dataclass(frozen=True)
class Discovered:
    data: list[Path] = field(default_factory=list)
    evidence: list[Path] = field(default_factory=list)


def stem(agreement: Path) -> str:
    """`leer-2026.ziel` → `leer-2026`."""
    return agreement.name[: -len(agreement.suffix)] if agreement.suffix else agreement.name


def discover(agreement: str | Path) -> Discovered:
    """The data and evidence files beside `agreement` under the naming convention."""
    agreement = Path(agreement)
    base = agreement.parent / stem(agreement)
    data: list[Path] = []
    evidence: list[Path] = []
    csv_file = base.with_name(base.name + DATA_SUFFIX + ".csv")
    if csv_file.is_file():
        data.append(csv_file)
    data_dir = base.with_name(base.name + DATA_SUFFIX)
    if data_dir.is_dir() and any(p.suffix.lower() == ".csv" for p in data_dir.iterdir()):
        data.append(data_dir)
    for suffix in (".yaml", ".yml"):
        candidate = base.with_name(base.name + EVIDENCE_SUFFIX + suffix)
        if candidate.is_file():
            evidence.append(candidate)
    evidence_dir = base.with_name(base.name + EVIDENCE_SUFFIX)
    if evidence_dir.is_dir() and any(p.suffix.lower() in (".yaml", ".yml") for p in evidence_dir.iterdir()):
        evidence.append(evidence_dir)
    return Discovered(data, evidence)
