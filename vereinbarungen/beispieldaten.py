"""Erzeugt die ERFUNDENEN Beispieldaten für die Vereinbarung mit dem Landkreis Leer.

    python vereinbarungen/beispieldaten.py        # schreibt leer-2026.daten.csv daneben

Die Zahlen sind ausgedacht (keine amtlichen Werte), aber in realistischer Größe
für den Landkreis Leer: rund 6.500 erwerbsfähige Leistungsberechtigte, 2.800
Langzeitleistungsbeziehende, 110 Integrationen und 2,9 Mio. EUR Leistungen zum
Lebensunterhalt im Monat. Sie sind so gewählt, dass zum Jahresende 2026

* die Integrationsquote (K2) insgesamt um gut 6 % steigt (Ziel 5,8 %: erreicht),
  die der Frauen um 8 % (Ziel 7,3 %: erreicht), die der Männer nur um 4 %
  (Ziel 4,4 %: nicht erreicht, also ist das geschlechterspezifische Teilziel verfehlt),
* der Bestand an Langzeitleistungsbeziehenden (K3) um etwa 2,8 % sinkt (Ziel 2,3 %: erreicht).

Deterministisch (fester Startwert), ohne Abhängigkeiten außer der Standardbibliothek;
die Ausgabe ist bei jedem Lauf byte-gleich. Monate 2024-12 bis 2026-12, Gruppen
frauen und maenner, gesamt = frauen + maenner. Ladestand: der 5. des Folgemonats.
"""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEED = 48
AGENCY = "03457"
MONTHS = [(2024, 12)] + [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 13)]
OUTPUT = Path(__file__).resolve().parent / "leer-2026.daten.csv"

# Seasonal weights for events (integrations peak in spring and late summer).
SEASON = [0.80, 0.90, 1.05, 1.10, 1.05, 0.95, 0.95, 1.10, 1.15, 1.05, 0.95, 0.70]
# Seasonal factor for stocks (a little higher in winter).
STOCK_SEASON = [1.010, 1.012, 1.008, 1.002, 0.998, 0.995, 0.994, 0.993, 0.994, 0.996, 0.998, 1.002]

# Integration quota change per group, target year against baseline year.
QUOTA_CHANGE = {"frauen": Decimal("0.080"), "maenner": Decimal("0.040")}


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def vintage(year: int, month: int) -> str:
    following = datetime.date(year + (month == 12), month % 12 + 1, 5)
    return following.isoformat()


def stock(rng: random.Random, start: float, end_2025: float, end_2026: float) -> dict[tuple[int, int], int]:
    """A monthly stock: linear from `start` (Dec 2024) to `end_2025` and `end_2026`, seasonal, a little noise."""
    out = {}
    for index, (year, month) in enumerate(MONTHS):
        if index <= 12:
            level = start + (end_2025 - start) * index / 12
        else:
            level = end_2025 + (end_2026 - end_2025) * (index - 12) / 12
        noise = 1 + rng.uniform(-0.002, 0.002)
        out[(year, month)] = round(level * STOCK_SEASON[month - 1] * noise)
    return out


def spread(rng: random.Random, total: int, year: int) -> dict[tuple[int, int], int]:
    """Distribute a yearly total over the months by season and noise; the sum is exactly `total`."""
    weights = [SEASON[m] * (1 + rng.uniform(-0.06, 0.06)) for m in range(12)]
    raw = [total * w / sum(weights) for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(12), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return {(year, m + 1): counts[m] for m in range(12)}


def events(rng: random.Random, per_month_2025: float, change: float) -> dict[tuple[int, int], int]:
    """Monthly counts for Dec 2024 and both years, the 2026 total changed by `change`."""
    out = {(2024, 12): round(per_month_2025 * SEASON[11])}
    out.update(spread(rng, round(per_month_2025 * 12), 2025))
    out.update(spread(rng, round(per_month_2025 * 12 * (1 + change)), 2026))
    return out


def share(rng: random.Random, values: dict, ratio: float, jitter: float = 0.05) -> dict:
    """A part of another series (e.g. integrations into employment subject to social insurance)."""
    return {k: min(v, round(v * ratio * (1 + rng.uniform(-jitter, jitter)))) for k, v in values.items()}


def amounts(rng: random.Random, per_month: float, change: float) -> dict[tuple[int, int], Decimal]:
    out = {}
    for year, month in MONTHS:
        level = per_month * (1 + change) if year == 2026 else per_month
        value = Decimal(str(level * (1 + rng.uniform(-0.015, 0.015))))
        out[(year, month)] = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return out


def mean(values: dict, year: int, months: list[int], previous: bool = False) -> Decimal:
    keys = [((year, m - 1) if m > 1 else (year - 1, 12)) if previous else (year, m) for m in months]
    return Decimal(sum(values[k] for k in keys)) / len(keys)


def integrations_for(rng: random.Random, elb: dict, baseline_total: int, change: Decimal) -> dict:
    """Integrations whose 2026 quota is the 2025 quota raised by `change` (at the 2026 stock)."""
    counts = {(2024, 12): round(baseline_total / 12 * SEASON[11])}
    counts.update(spread(rng, baseline_total, 2025))
    quota_2025 = Decimal(baseline_total) / mean(elb, 2025, list(range(1, 13)), previous=True)
    target = quota_2025 * (1 + change) * mean(elb, 2026, list(range(1, 13)), previous=True)
    counts.update(spread(rng, int(target.quantize(Decimal(1), rounding=ROUND_HALF_UP)), 2026))
    return counts


def build() -> dict[str, dict[str, dict]]:
    rng = random.Random(SEED)
    series: dict[str, dict[str, dict]] = {}
    # Stocks: women's eLb stock falls more than men's (composition shift towards men).
    elb = {"frauen": stock(rng, 3420, 3380, 3180), "maenner": stock(rng, 3080, 3110, 3210)}
    integrations = {"frauen": integrations_for(rng, elb["frauen"], 540, QUOTA_CHANGE["frauen"]),
                    "maenner": integrations_for(rng, elb["maenner"], 780, QUOTA_CHANGE["maenner"])}
    lzb = {"frauen": stock(rng, 1560, 1545, 1475), "maenner": stock(rng, 1270, 1255, 1205)}
    series["elb"] = elb
    series["integrationen"] = integrations
    series["lzb"] = lzb
    series["zugaenge_elb"] = {"frauen": events(rng, 95, 0.01), "maenner": events(rng, 105, 0.02)}
    series["abgaenge_elb"] = {"frauen": events(rng, 100, 0.03), "maenner": events(rng, 110, 0.03)}
    series["llu"] = {"frauen": amounts(rng, 1_520_000, 0.012), "maenner": amounts(rng, 1_380_000, 0.010)}
    series["luh"] = {"frauen": amounts(rng, 1_240_000, 0.035), "maenner": amounts(rng, 1_060_000, 0.030)}
    series["eintritte_minijob"] = {"frauen": events(rng, 15, 0.02), "maenner": events(rng, 11, -0.03)}
    series["eintritte_oeffentlich"] = {"frauen": events(rng, 4, 0.0), "maenner": events(rng, 5, 0.05)}
    svb = {g: share(rng, integrations[g], 0.76) for g in integrations}
    series["integrationen_svb"] = svb
    series["integrationen_kontinuierlich"] = {g: share(rng, svb[g], 0.62) for g in svb}
    series["integrationen_alleinerziehende"] = {"frauen": events(rng, 11, 0.06), "maenner": events(rng, 1, 0.0)}
    series["elb_alleinerziehende"] = {"frauen": stock(rng, 860, 850, 835), "maenner": stock(rng, 52, 51, 50)}
    series["integrationen_lzb"] = {"frauen": events(rng, 16, 0.05), "maenner": events(rng, 22, 0.04)}
    series["lzb_aktiviert"] = {g: share(rng, lzb[g], 0.105, 0.03) for g in lzb}
    series["zugaenge_lzb"] = {"frauen": events(rng, 30, -0.04), "maenner": events(rng, 27, -0.05)}
    series["abgaenge_lzb"] = {"frauen": events(rng, 34, 0.02), "maenner": events(rng, 31, 0.03)}
    series["integrationen_bedarfsdeckend"] = {g: share(rng, integrations[g], 0.45, 0.08) for g in integrations}
    series["lzb_4j"] = {"frauen": stock(rng, 780, 770, 752), "maenner": stock(rng, 640, 632, 620)}
    for values in series.values():
        values["gesamt"] = {k: values["frauen"][k] + values["maenner"][k] for k in values["frauen"]}
    return series


def german(value) -> str:
    return str(value).replace(".", ",")


def write(path: Path = OUTPUT) -> None:
    series = build()
    lines = [
        "# ERFUNDENE BEISPIELDATEN – keine amtlichen Zahlen der Statistik der Bundesagentur für Arbeit.",
        "# Erzeugt von vereinbarungen/beispieldaten.py (fester Startwert); zeigt zieldsl an der Vereinbarung",
        "# mit dem Landkreis Leer (leer-2026.ziel). Monate 2024-12 bis 2026-12, Ladestand: 5. des Folgemonats.",
        "traeger;reihe;gruppe;monat;wert;ladestand",
    ]
    for name in sorted(series):
        for group in ("gesamt", "frauen", "maenner"):
            for year, month in MONTHS:
                value = series[name][group][(year, month)]
                lines.append(f"{AGENCY};{name};{group};{month_key(year, month)};{german(value)};"
                             f"{vintage(year, month)}")
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")


if __name__ == "__main__":
    write()
    print(f"geschrieben: {OUTPUT}")
