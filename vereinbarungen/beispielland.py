"""Erzeugt das ERFUNDENE Beispielland: sechs erfundene Landkreise mit Vereinbarung und Daten.

    python vereinbarungen/beispielland.py

schreibt den Ordner vereinbarungen/beispielland/ neu: je Kreis `KREIS-2026.ziel` (die
Zielvereinbarung 2026 mit dem Ministerium des erfundenen Landes Beispielland) und
`KREIS-2026.daten.csv` (die Kennzahldaten daneben, so dass `zieldsl evaluate`, `draft` und
`bericht` sie ohne --data finden).

Das Land, seine Kreise, Kennungen, Namen und Zahlen gibt es nicht. Die Zahlen sind die
erfundenen Leer-Beispieldaten (beispieldaten.py), je Kreis mit einem eigenen Größenfaktor
skaliert und im Zieljahr 2026 leicht verschoben, damit die Kreise unterschiedlich
abschneiden: mal werden alle Ziele erreicht, mal nur das der Frauen, mal keines. Auch die
Zielwerte unterscheiden sich je Kreis. Deterministisch, ohne Zufall; die Ausgabe ist bei
jedem Lauf byte-gleich (tests/test_example_agreements.py prüft das).
"""

from __future__ import annotations

import importlib.util
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "beispielland"
LAND = "Ministerium für Arbeit und Soziales des Landes Beispielland"
LAND_SHORT = "MAS"

# name, short name, key, size factor, level of integrations (both years), 2026 factors (integrations
# women, men; LZB stock), thresholds (K2 gesamt, frauen, männer; K3 falls by)
KREISE = [
    ("Landkreis Nordheide", "Nordheide", "09101", "1.35", "1.05", ("1.000", "1.010", "1.000"),
     ("5,0", "6,0", "4,0", "2,0")),
    ("Landkreis Auenwald", "Auenwald", "09102", "0.60", "0.90", ("0.985", "0.990", "1.006"),
     ("4,0", "5,0", "3,0", "2,5")),
    ("Landkreis Hohenmoor", "Hohenmoor", "09103", "2.10", "1.12", ("1.020", "1.030", "0.990"),
     ("6,5", "7,0", "6,0", "3,0")),
    ("Landkreis Seeland", "Seeland", "09104", "0.85", "0.95", ("0.960", "0.970", "1.015"),
     ("3,0", "3,5", "2,5", "1,0")),
    ("Landkreis Talberg", "Talberg", "09105", "1.10", "1.00", ("1.010", "0.990", "1.000"),
     ("5,8", "7,3", "4,4", "2,3")),
    ("Landkreis Weidenau", "Weidenau", "09106", "0.45", "0.85", ("1.040", "1.000", "0.995"),
     ("5,0", "5,0", "5,0", "2,0")),
]

AGREEMENT = '''# ERFUNDENES BEISPIEL: Das Land Beispielland und der {name} existieren nicht.
# Erzeugt von vereinbarungen/beispielland.py; zeigt die Landesübersicht (zieldsl bericht).

vereinbarung {ident} "Zielvereinbarung 2026 zwischen dem Land Beispielland und dem {name}" {{
    land "{land}" kurz "{land_short}"
    träger "{name}" kurz "{short}" kennung "{key}"
    rechtsgrundlage "§ 48b Abs. 1 S. 1 Nr. 4 SGB II"
    zieljahr 2026
    vergleichsjahr 2025

    bewertung jahresfortschrittswerte ohne wartezeit, gleicher ladestand
    abschluss jahresendwerte ohne wartezeit im frühjahr 2027
    zieldialoge mindestens 2 im jahr

    ziel 1 hilfebeduerftigkeit "Verringerung der Hilfebedürftigkeit" {{
        beobachtung K1
    }}

    ziel 2 integration "Verbesserung der Integration in Erwerbstätigkeit" {{
        K2 steigt um {k2} %
        ergänzungsgrößen K2E1, K2E3

        teilziel geschlechterspezifisch "Geschlechterspezifisches Ziel" {{
            frauen K2 steigt um {k2_women} %
            männer K2 steigt um {k2_men} %
            erreicht wenn alle bedingungen
        }}
    }}

    ziel 3 langzeitleistungsbezug "Vermeidung von langfristigem Leistungsbezug" {{
        K3 sinkt um {k3} %
        ergänzungsgröße K3E1
    }}
}}
'''


def _base_module():
    spec = importlib.util.spec_from_file_location("beispieldaten", HERE / "beispieldaten.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scaled(base: dict, scale: Decimal, levels: dict[str, Decimal], shifts: dict[tuple[str, str], Decimal]) -> dict:
    """Every series × scale × levels[series]; in 2026 also × shifts[(series, group)]; gesamt = frauen + männer."""
    out = {}
    for name, groups in base.items():
        out[name] = {}
        for group in ("frauen", "maenner"):
            values = {}
            for (year, month), value in groups[group].items():
                factor = scale * levels.get(name, Decimal(1))
                if year == 2026:
                    factor *= shifts.get((name, group), Decimal(1))
                if isinstance(value, Decimal):
                    values[(year, month)] = (value * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
                else:
                    values[(year, month)] = int((Decimal(value) * factor).quantize(Decimal(1), ROUND_HALF_UP))
            out[name][group] = values
        out[name]["gesamt"] = {k: out[name]["frauen"][k] + out[name]["maenner"][k] for k in out[name]["frauen"]}
    return out


def write() -> list[Path]:
    base_module = _base_module()
    base = base_module.build()
    FOLDER.mkdir(exist_ok=True)
    for old in FOLDER.iterdir():
        if old.suffix in (".ziel", ".csv"):
            old.unlink()
    written = []
    for name, short, key, scale, level, (women, men, lzb), (k2, k2_women, k2_men, k3) in KREISE:
        stem = f"{short.lower()}-2026"
        ident = f"{short.lower()}_2026"
        agreement = FOLDER / f"{stem}.ziel"
        agreement.write_text(AGREEMENT.format(ident=ident, name=name, short=short, key=key, land=LAND,
                                              land_short=LAND_SHORT, k2=k2, k2_women=k2_women, k2_men=k2_men,
                                              k3=k3), encoding="utf-8", newline="\n")
        shifts = {("integrationen", "frauen"): Decimal(women), ("integrationen", "maenner"): Decimal(men),
                  ("lzb", "frauen"): Decimal(lzb), ("lzb", "maenner"): Decimal(lzb)}
        levels = {series: Decimal(level) for series in ("integrationen", "integrationen_svb",
                                                         "integrationen_kontinuierlich", "integrationen_bedarfsdeckend")}
        series = scaled(base, Decimal(scale), levels, shifts)
        data = FOLDER / f"{stem}.daten.csv"
        header = [
            f"# ERFUNDENE BEISPIELDATEN für den erfundenen {name} im erfundenen Land Beispielland;",
            "# keine amtlichen Zahlen. Erzeugt von vereinbarungen/beispielland.py aus den Leer-Beispieldaten",
            "# (Monate 2024-12 bis 2026-12, Ladestand: 5. des Folgemonats).",
            "traeger;reihe;gruppe;monat;wert;ladestand",
        ]
        base_module.write_text(data, header + base_module.rows(key, series))
        written += [agreement, data]
    return written


if __name__ == "__main__":
    for path in write():
        print(f"geschrieben: {path.relative_to(HERE.parent)}")
