"""Deterministic generators for benchmark inputs: big agreements, national data.

Everything here is made up (no official figures) and byte-identical on every run:
the random generators have fixed seeds.

* `agreement_text(targets)`: one agreement with `targets` threshold targets;
* `national(folder, agencies)`: one CSV with every raw series of the standard
  catalogue × 3 groups × 25 months for each agency, and one agreement per agency
  (the Leer agreement with the agency's `kennung`).
"""

from __future__ import annotations

import datetime
import importlib.util
import random
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"

_WORDINGS = [
    "K2 steigt um {a},{b} %",
    "K3 sinkt um {a},{b} %",
    "frauen K2 steigt um {a},{b} %",
    "männer K2 steigt um {a},{b} %",
    "K1 sinkt um nicht mehr als {a},{b} %",
    "K2 beträgt mindestens 2{a},{b} %",
    "K2E3 steigt um {a},{b} prozentpunkte",
    "anzahl integrationen mindestens {a}{b}0, davon frauen mindestens {b}0",
]


def agreement_text(targets: int, seed: int = 1, key: str = "03457", ident: str = "gross") -> str:
    """An agreement with `targets` threshold targets of mixed wordings."""
    rng = random.Random(seed)
    lines = [
        f'vereinbarung {ident} "Generierte Vereinbarung mit {targets} Zielen" {{',
        '    land "Land" kurz "L"',
        f'    träger "Träger {key}" kennung "{key}"',
        "    zieljahr 2026",
        "    vergleichsjahr 2025",
        "    bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand",
    ]
    for number in range(1, targets + 1):
        wording = rng.choice(_WORDINGS).format(a=rng.randint(1, 9), b=rng.randint(0, 9))
        lines += [
            f'    ziel {number} ziel_{number} "Ziel Nummer {number}" {{',
            f'        text "Beschreibung des Ziels {number} mit Umlauten: Größe, Änderung."',
            f"        {wording}",
            "        beobachtung K1E2",
            "    }",
        ]
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- national scale

GROUPS = ("gesamt", "frauen", "maenner")


def _example_data_module():
    """vereinbarungen/beispieldaten.py (the Leer example data) as a module: the base the agencies vary."""
    path = REPO / "vereinbarungen" / "beispieldaten.py"
    spec = importlib.util.spec_from_file_location("beispieldaten", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def agency_keys(agencies: int) -> list[str]:
    """Five-digit keys with leading zeros, like the BA's Jobcenter numbers."""
    return [f"{1001 + 239 * i:05d}" for i in range(agencies)]


def national_rows(agencies: int, seed: int = 404):
    """Yield (key, series, group, month, value text, vintage) for every agency.

    Each agency is the Leer example scaled by its own size factor, with each
    women's and men's value moved by up to ±4 % (gesamt = frauen + männer), so the
    verdicts differ between agencies.
    """
    base_module = _example_data_module()
    base = base_module.build()
    months = base_module.MONTHS
    month_keys = {m: base_module.month_key(*m) for m in months}
    vintages = {m: base_module.vintage(*m) for m in months}
    rng = random.Random(seed)
    cent = Decimal("0.01")
    for key in agency_keys(agencies):
        scale = rng.uniform(0.3, 4.0)
        for series in sorted(base):
            values = base[series]
            amount = isinstance(values["frauen"][months[0]], Decimal)
            varied = {}
            for group in ("frauen", "maenner"):
                varied[group] = {}
                for month in months:
                    factor = scale * rng.uniform(0.96, 1.04)
                    raw = values[group][month]
                    if amount:
                        varied[group][month] = (raw * Decimal(repr(round(factor, 6)))).quantize(cent, ROUND_HALF_UP)
                    else:
                        varied[group][month] = int(raw * factor + 0.5)
            varied["gesamt"] = {m: varied["frauen"][m] + varied["maenner"][m] for m in months}
            for group in GROUPS:
                for month in months:
                    text = str(varied[group][month]).replace(".", ",")
                    yield key, series, group, month_keys[month], text, vintages[month]


def write_national_csv(path: Path, agencies: int) -> int:
    """The national CSV (`;`, decimal commas, with `ladestand`); returns the number of data rows."""
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("traeger;reihe;gruppe;monat;wert;ladestand\n")
        for row in national_rows(agencies):
            out.write(";".join(row) + "\n")
            count += 1
    return count


def write_csv_of_size(path: Path, megabytes: float) -> int:
    """A national-style CSV of about `megabytes` MB (as many agencies as it takes); returns its rows."""
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("traeger;reihe;gruppe;monat;wert;ladestand\n")
        written, count, limit = 0, 0, megabytes * 1_000_000
        for row in national_rows(100_000):
            line = ";".join(row) + "\n"
            out.write(line)
            written += len(line)
            count += 1
            if written >= limit and row[2:4] == ("maenner", "2026-12"):
                break
    return count


def agency_agreement(key: str) -> str:
    """The Leer agreement, made the agreement of agency `key` (its id and `kennung`)."""
    text = LEER.read_text(encoding="utf-8")
    text = text.replace('kennung "03457"', f'kennung "{key}"', 1)
    return re.sub(r"^vereinbarung leer_2026 ", f"vereinbarung jc_{key}_2026 ", text, count=1, flags=re.M)


def national(folder: Path, agencies: int = 404) -> tuple[Path, list[Path], int]:
    """Write the national CSV and one agreement per agency into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / "national.csv"
    rows = write_national_csv(csv_path, agencies)
    agreements = []
    for key in agency_keys(agencies):
        path = folder / f"jc-{key}-2026.ziel"
        path.write_text(agency_agreement(key), encoding="utf-8")
        agreements.append(path)
    return csv_path, agreements, rows
