"""Erzeugt die ERFUNDENEN Beispieldaten für die Vereinbarungen in diesem Ordner.

    python vereinbarungen/beispieldaten.py

schreibt daneben

* leer-2026.daten.csv: Landkreis Leer (leer-2026.ziel),
* musterkreis-2026.daten.csv und musterkreis-2026.nachweise.yaml: der fiktive
  Landkreis Musterkreis (musterkreis-2026.ziel),
* feldkreis-2026.daten.csv: der fiktive Landkreis Feldkreis (feldkreis-2026.ziel) mit
  Gruppen über Frauen und Männer hinaus.

Die Zahlen sind ausgedacht (keine amtlichen Werte). Für Leer sind sie in realistischer
Größe: rund 6.500 erwerbsfähige Leistungsberechtigte, 2.800 Langzeitleistungsbeziehende,
110 Integrationen und 2,9 Mio. EUR Leistungen zum Lebensunterhalt im Monat. Sie sind so
gewählt, dass zum Jahresende 2026

* die Integrationsquote (K2) insgesamt um gut 6 % steigt (Ziel 5,8 %: erreicht),
  die der Frauen um 8 % (Ziel 7,3 %: erreicht), die der Männer nur um 4 %
  (Ziel 4,4 %: nicht erreicht, also ist das geschlechterspezifische Teilziel verfehlt),
* der Bestand an Langzeitleistungsbeziehenden (K3) um etwa 2,8 % sinkt (Ziel 2,3 %: erreicht),
* die Haushaltsmittel (monatliche Ausgaben 2026) und die vier Annahmen (Monatswerte 2025
  und 2026) Ist-Werte haben: Verwaltungskosten 2,0 % über, Eingliederungsmittel 2,8 % unter
  dem Ansatz; Arbeitslosenquote Emden-Leer 6,9 % statt 6,7 %, Beschäftigung gesunken statt
  gestiegen, Arbeitslosigkeit stärker gestiegen, im SGB II wie angenommen.

Der Musterkreis (Trägerschlüssel 99999) zeigt jede Formulierung der Vereinbarung mit einem
gemischten Ergebnis: Ziel 1 erreicht (eine von drei Bedingungen genügt), Ziel 2 nicht
bewertbar (für die Integrationen der Männer fehlt der September 2026 absichtlich), Ziel 3
knapp verfehlt (−0,21 % statt −0,25 %), Ziel 4 erreicht, Ziel 5 und 7 verfehlt, Ziel 6
erreicht (Anteil genau gleich), Ziel 8 erreicht, Ziel 9 offen (Nachweise vom 15.12.2026).
Haushaltsmittel stehen dort als eine Dezemberzeile mit der Jahressumme. Ladestand: wegen
„mit wartezeit“ der 5. des vierten Monats nach dem Datenmonat (Dezember 2026 → 05.04.2027).

Deterministisch (feste Startwerte), ohne Abhängigkeiten außer der Standardbibliothek;
die Ausgabe ist bei jedem Lauf byte-gleich. Monate 2024-12 bis 2026-12, Gruppen
frauen und maenner, gesamt = frauen + maenner. Ladestand in Leer: der 5. des Folgemonats.
"""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEED = 48
AGENCY = "03457"
MONTHS = [(2024, 12)] + [(2025, m) for m in range(1, 13)] + [(2026, m) for m in range(1, 13)]
HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "leer-2026.daten.csv"
MUSTERKREIS_SEED = 2026
MUSTERKREIS_AGENCY = "99999"
MUSTERKREIS_OUTPUT = HERE / "musterkreis-2026.daten.csv"
MUSTERKREIS_EVIDENCE = HERE / "musterkreis-2026.nachweise.yaml"
FELDKREIS_SEED = 1311
FELDKREIS_AGENCY = "99998"
FELDKREIS_OUTPUT = HERE / "feldkreis-2026.daten.csv"
GROUPS = ("gesamt", "frauen", "maenner")
# Catalogue groups as the CSV column `gruppe` writes them (`kennung` in the standard catalogue).
FELDKREIS_GROUPS = GROUPS + ("alleinerziehende", "gefluechtete", "u25")

# Seasonal weights for events (integrations peak in spring and late summer).
SEASON = [0.80, 0.90, 1.05, 1.10, 1.05, 0.95, 0.95, 1.10, 1.15, 1.05, 0.95, 0.70]
# Seasonal factor for stocks (a little higher in winter).
STOCK_SEASON = [1.010, 1.012, 1.008, 1.002, 0.998, 0.995, 0.994, 0.993, 0.994, 0.996, 0.998, 1.002]

# Integration quota change per group, target year against baseline year.
QUOTA_CHANGE = {"frauen": Decimal("0.080"), "maenner": Decimal("0.040")}


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def vintage(year: int, month: int, lag: int = 0) -> str:
    """The 5th of the month after `month` (`lag` months later still, e.g. 3 for values after the waiting period)."""
    index = year * 12 + month + lag  # the following month, as an index
    return datetime.date(index // 12, index % 12 + 1, 5).isoformat()


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


def exact_total(values: dict, year: int, total) -> dict:
    """`values` with December of `year` moved so that the year's twelve values sum to exactly `total`."""
    out = dict(values)
    current = sum(out[(year, m)] for m in range(1, 13))
    out[(year, 12)] += total - current
    return out


def spending(rng: random.Random, total: int, weights: list[float], year: int = 2026) -> dict:
    """Monthly spending in whole euros, by `weights` with a little noise; the sum is exactly `total`."""
    noisy = [w * (1 + rng.uniform(-0.04, 0.04)) for w in weights]
    raw = [total * w / sum(noisy) for w in noisy]
    counts = [int(r) for r in raw]
    counts[-1] += total - sum(counts)
    return {(year, m + 1): counts[m] for m in range(12)}


def levels(rng: random.Random, means: dict[int, str], season: list[float], places: int) -> dict:
    """Monthly levels (rates, counts, amounts) whose mean in each year is exactly `means[year]`."""
    quantum = Decimal(1).scaleb(-places)
    out = {}
    for year, mean_text in means.items():
        target = Decimal(mean_text)
        for month in range(1, 13):
            value = target * Decimal(str(season[month - 1] * (1 + rng.uniform(-0.004, 0.004))))
            out[(year, month)] = value.quantize(quantum, rounding=ROUND_HALF_UP)
        out = exact_total(out, year, target * 12)
    return out


# Unemployment is higher in winter; spending runs evenly with a December peak; measures grow over the year.
UNEMPLOYMENT_SEASON = [1.06, 1.06, 1.03, 1.00, 0.98, 0.97, 0.99, 0.99, 0.96, 0.95, 0.98, 1.03]
EMPLOYMENT_SEASON = [0.995, 0.995, 0.997, 0.999, 1.000, 1.001, 1.000, 1.002, 1.004, 1.004, 1.003, 1.000]
ADMINISTRATION_WEIGHTS = [1.0] * 11 + [1.3]
INTEGRATION_WEIGHTS = [0.70, 0.75, 0.90, 0.95, 1.00, 1.00, 0.95, 0.95, 1.10, 1.15, 1.20, 1.35]


def leer_actuals() -> dict[str, dict[str, dict]]:
    """Budget spending 2026 and the assumptions' monthly values 2025/2026 (group gesamt only)."""
    rng = random.Random(SEED + 1)
    return {
        "verwaltungskosten": {"gesamt": spending(rng, 9_512_004, ADMINISTRATION_WEIGHTS)},
        "eingliederung": {"gesamt": spending(rng, 7_401_236, INTEGRATION_WEIGHTS)},
        # Sozialversicherungspflichtig Beschäftigte in Niedersachsen: −0,3 % statt +0,1 %.
        "svb_nds": {"gesamt": levels(rng, {2025: "3124800", 2026: "3115426"}, EMPLOYMENT_SEASON, 0)},
        # Arbeitslose in Niedersachsen: +1,8 % statt +0,5 %.
        "alo_nds": {"gesamt": levels(rng, {2025: "268400", 2026: "273231"}, UNEMPLOYMENT_SEASON, 0)},
        # Arbeitslose im SGB II in Niedersachsen: +2,2 % wie angenommen.
        "alo_sgb2_nds": {"gesamt": levels(rng, {2025: "163500", 2026: "167097"}, UNEMPLOYMENT_SEASON, 0)},
        # Arbeitslosenquote im Agenturbezirk Emden-Leer: 6,6 % (2025) und 6,9 % statt 6,7 % (2026).
        "alq_emden_leer": {"gesamt": levels(rng, {2025: "6.6", 2026: "6.9"}, UNEMPLOYMENT_SEASON, 1)},
    }


# ---------------------------------------------------------------- Musterkreis


def quota_total(stock_values: dict, baseline_total: int, change: float) -> int:
    """The 2026 count whose quota (over the preceding months' mean stock) is the 2025 quota × (1 + change)."""
    quota_2025 = Decimal(baseline_total) / mean(stock_values, 2025, list(range(1, 13)), previous=True)
    target = quota_2025 * Decimal(str(1 + change)) * mean(stock_values, 2026, list(range(1, 13)), previous=True)
    return int(target.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def counts(rng: random.Random, total_2025: int, total_2026: int) -> dict:
    """Monthly counts December 2024 … December 2026 with exact yearly totals."""
    out = {(2024, 12): round(total_2025 / 12 * SEASON[11])}
    out.update(spread(rng, total_2025, 2025))
    out.update(spread(rng, total_2026, 2026))
    return out


def with_total(values: dict) -> dict:
    values["gesamt"] = {k: values["frauen"][k] + values["maenner"][k] for k in values["frauen"]}
    return values


def build_musterkreis() -> dict[str, dict[str, dict]]:
    """Every series the Musterkreis agreement needs, tuned for the statuses the module docstring lists."""
    rng = random.Random(MUSTERKREIS_SEED)
    series: dict[str, dict[str, dict]] = {}
    elb = {"frauen": stock(rng, 1040, 1020, 995), "maenner": stock(rng, 990, 1000, 985)}
    series["elb"] = with_total(elb)
    # K2 level 31,1 % and at least 612 integrations (258 of women) reached; women +1,2 pp reached.
    series["integrationen"] = with_total({"frauen": counts(rng, 268, 300), "maenner": counts(rng, 320, 335)})
    # K1E3 (entry rate) falls: fewer entries at a stable stock. K1E4 observed.
    series["zugaenge_elb"] = with_total({"frauen": events(rng, 38, -0.08), "maenner": events(rng, 42, -0.08)})
    series["abgaenge_elb"] = with_total({"frauen": events(rng, 40, 0.02), "maenner": events(rng, 43, 0.02)})
    # K1 (benefits) rises: "sinkt" missed; K1E1 (housing) +6 %: above the ceiling of 4,6 %.
    series["llu"] = with_total({"frauen": amounts(rng, 610_000, 0.015), "maenner": amounts(rng, 560_000, 0.015)})
    series["luh"] = with_total({"frauen": amounts(rng, 480_000, 0.06), "maenner": amounts(rng, 420_000, 0.06)})
    series["eintritte_minijob"] = with_total({"frauen": events(rng, 6, 0.02), "maenner": events(rng, 5, -0.03)})
    series["eintritte_oeffentlich"] = with_total({"frauen": events(rng, 2, 0.0), "maenner": events(rng, 2, 0.05)})
    # K2E3 stays exactly the same: 60 % of integrations into insured jobs in both years.
    series["integrationen_svb"] = with_total({"frauen": counts(rng, 205, 230), "maenner": counts(rng, 245, 250)})
    series["integrationen_kontinuierlich"] = with_total({"frauen": counts(rng, 123, 138),
                                                         "maenner": counts(rng, 147, 150)})
    # K2E4 (single parents) falls by less than the tolerated 1,5 %.
    single = {"frauen": stock(rng, 320, 318, 314), "maenner": stock(rng, 24, 24, 24)}
    series["elb_alleinerziehende"] = with_total(single)
    men_single = 6
    women_single = quota_total(single["gesamt"], 66, -0.008) - men_single
    series["integrationen_alleinerziehende"] = with_total({"frauen": counts(rng, 60, women_single),
                                                           "maenner": counts(rng, 6, men_single)})
    # K3 falls by 0,21 %: the agreed "mindestens 0,25 %" is just missed. K3E3 +9 %: within 14 %.
    lzb = {"frauen": stock(rng, 560, 555, 557), "maenner": stock(rng, 540, 535, 538)}
    lzb = with_total(lzb)
    total_2025 = sum(lzb["gesamt"][(2025, m)] for m in range(1, 13))
    wanted = int((Decimal(total_2025) * Decimal("0.9979")).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    lzb["frauen"] = exact_total(lzb["frauen"], 2026, sum(lzb["frauen"][(2026, m)] for m in range(1, 13))
                                + wanted - sum(lzb["gesamt"][(2026, m)] for m in range(1, 13)))
    series["lzb"] = with_total(lzb)
    # K3E1 8,4 %: at least 7,5 % reached. K3E2 (activation) falls: "sinkt nicht" missed.
    series["integrationen_lzb"] = with_total({"frauen": counts(rng, 38, 40), "maenner": counts(rng, 48, 52)})
    series["lzb_aktiviert"] = with_total({g: {k: round(v * (0.125 if k[0] < 2026 else 0.115))
                                              for k, v in lzb[g].items()} for g in ("frauen", "maenner")})
    series["zugaenge_lzb"] = with_total({"frauen": counts(rng, 126, 137), "maenner": counts(rng, 138, 151)})
    series["abgaenge_lzb"] = with_total({"frauen": events(rng, 12, 0.02), "maenner": events(rng, 13, 0.01)})
    series["integrationen_bedarfsdeckend"] = with_total(
        {g: share(rng, series["integrationen"][g], 0.45, 0.08) for g in ("frauen", "maenner")})
    series["lzb_4j"] = with_total({"frauen": stock(rng, 232, 236, 241), "maenner": stock(rng, 198, 200, 204)})
    # The agreement's own series: participants in measures and the women among them (44,6 %: below 45,0 %).
    participants = stock(rng, 300, 306, 318)
    share_women = {2024: Decimal("0.44"), 2025: Decimal("0.439"), 2026: Decimal("0.446")}
    women = {k: int((v * share_women[k[0]]).quantize(Decimal(1), rounding=ROUND_HALF_UP))
             for k, v in participants.items()}
    women = exact_total(women, 2026, int((sum(participants[(2026, m)] for m in range(1, 13))
                                          * share_women[2026]).quantize(Decimal(1), rounding=ROUND_HALF_UP)))
    series["teilnehmende"] = {"gesamt": participants}
    series["teilnehmende_frauen"] = {"gesamt": women}
    # The men's integrations of September 2026 are missing on purpose: "männer K2 steigt" is not assessable.
    del series["integrationen"]["maenner"][(2026, 9)]
    rng_actuals = random.Random(MUSTERKREIS_SEED + 1)
    # Budget lines as one December row each: the annual total.
    series["verwaltungskosten"] = {"gesamt": {(2026, 12): 5_298_411}}
    series["eingliederung"] = {"gesamt": {(2026, 12): 4_236_118}}
    # Assumptions: the rate in Musterstadt 5,2 % instead of 5,3 %; Musterland +0,3 instead of +0,2 points;
    # housing costs +5,0 % instead of +4,0 %.
    series["alq_musterstadt"] = {"gesamt": levels(rng_actuals, {2025: "5.1", 2026: "5.2"}, UNEMPLOYMENT_SEASON, 1)}
    series["alq_musterland"] = {"gesamt": levels(rng_actuals, {2025: "4.8", 2026: "5.1"}, UNEMPLOYMENT_SEASON, 1)}
    series["mieten"] = {"gesamt": levels(rng_actuals, {2025: "512.40", 2026: "538.02"}, [1.0] * 12, 2)}
    return series


MUSTERKREIS_NACHWEISE = """\
# ERFUNDENE BEISPIEL-NACHWEISE – den Landkreis Musterkreis gibt es nicht.
# Erzeugt von vereinbarungen/beispieldaten.py. Sie zeigen die Meilensteinziele 8 und 9 der
# Vereinbarung musterkreis-2026.ziel: Die elektronische Akte ist eingeführt (die Bedingung
# »papierlos« ist noch in Arbeit, die Regel verlangt sie nicht); bei der Erreichbarkeit ist nur
# die Online-Terminbuchung erledigt, nach der Frist. Zusammengestellt am 15.12.2026, also vor
# dem Jahresende: Was nicht erledigt ist, bleibt »offen«, bis die abschließenden Nachweise vorliegen.
stand: 2026-12-15
ziele:
  eakte:
    konzept:
      status: erledigt
      datum: 2026-03-20
      nachweis: "Fachkonzept Aktenführung, Version 1.0, mit Löschfristen"
    pilot:
      status: erledigt
      datum: 2026-06-26
      nachweis: "Abschlussbericht Pilotbetrieb Geschäftsstelle Musterstadt"
    rollout:
      status: erledigt
      datum: 2026-11-27
      nachweis: "Einführungsprotokolle aller Geschäftsstellen"
    eingefuehrt:
      status: erledigt
      datum: 2026-12-01
      nachweis: "Produktivbetrieb in allen Geschäftsstellen seit 01.12.2026"
    papierlos:
      status: in_arbeit
      nachweis: "Dienstanweisung zur ausschließlich elektronischen Anlage im Entwurf"
  erreichbarkeit:
    terminbuchung:
      status: erledigt
      datum: 2026-10-14
      nachweis: "Online-Terminbuchung für alle Geschäftsstellen freigeschaltet"
    servicecenter:
      status: offen
    onlineantrag:
      status: in_arbeit
      nachweis: "Freischaltung für Januar 2027 geplant"
"""


def build_feldkreis() -> dict[str, dict[str, dict]]:
    """The fictitious Landkreis Feldkreis: groups beyond gender (single parents, refugees, under-25s).

    The groups are parts of the whole (not summed into gesamt). To the end of 2026: K2 +3,6 %
    overall (target 3,0 %: met), single parents' K2 +10 % (target 5,0 %: met), refugees' eLb stock
    falls (wanted), the women–men gap in K2 narrows (wanted), under-25s' K2 falls (not as wanted).
    """
    rng = random.Random(FELDKREIS_SEED)
    series: dict[str, dict[str, dict]] = {}
    elb = {"frauen": stock(rng, 2100, 2080, 2030), "maenner": stock(rng, 1950, 1960, 1930)}
    series["elb"] = with_total(elb)
    series["integrationen"] = with_total({"frauen": counts(rng, 520, 560), "maenner": counts(rng, 640, 650)})
    parts = {"alleinerziehende": (stock(rng, 610, 600, 585), 95, 0.10),
             "gefluechtete": (stock(rng, 480, 470, 440), 70, 0.12),
             "u25": (stock(rng, 520, 515, 505), 150, -0.05)}
    for group, (stock_values, total_2025, change) in parts.items():
        series["elb"][group] = stock_values
        series["integrationen"][group] = counts(rng, total_2025, quota_total(stock_values, total_2025, change))
    series["lzb"] = {"gesamt": stock(rng, 1700, 1680, 1640)}
    return series


# ---------------------------------------------------------------- writing


def german(value) -> str:
    return str(value).replace(".", ",")


def rows(agency: str, series: dict[str, dict[str, dict]], lag: int = 0, groups=GROUPS) -> list[str]:
    """One CSV line per value: series by name, groups gesamt/frauen/maenner (or `groups`), months in order."""
    out = []
    for name in sorted(series):
        for group in groups:
            for year, month in sorted(series[name].get(group, {})):
                value = series[name][group][(year, month)]
                out.append(f"{agency};{name};{group};{month_key(year, month)};{german(value)};"
                           f"{vintage(year, month, lag)}")
    return out


def write_text(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def write(path: Path = OUTPUT) -> None:
    series = {**build(), **leer_actuals()}
    lines = [
        "# ERFUNDENE BEISPIELDATEN – keine amtlichen Zahlen der Statistik der Bundesagentur für Arbeit.",
        "# Erzeugt von vereinbarungen/beispieldaten.py (fester Startwert); zeigt zieldsl an der Vereinbarung",
        "# mit dem Landkreis Leer (leer-2026.ziel). Monate 2024-12 bis 2026-12, Ladestand: 5. des Folgemonats.",
        "# Auch die Ist-Werte der Haushaltsmittel (verwaltungskosten, eingliederung: Ausgaben je Monat 2026)",
        "# und der Annahmen (alo_nds, alo_sgb2_nds, alq_emden_leer, svb_nds: Monatswerte) sind erfunden.",
        "traeger;reihe;gruppe;monat;wert;ladestand",
    ]
    write_text(path, lines + rows(AGENCY, series))


def write_musterkreis(path: Path = MUSTERKREIS_OUTPUT, evidence: Path = MUSTERKREIS_EVIDENCE) -> None:
    lines = [
        "# ERFUNDENE BEISPIELDATEN für den fiktiven Landkreis Musterkreis (musterkreis-2026.ziel);",
        "# den Landkreis, seine Zahlen und seine Ladestände gibt es nicht. Erzeugt von",
        "# vereinbarungen/beispieldaten.py (fester Startwert). Monate 2024-12 bis 2026-12; Ladestand: der 5. des",
        "# vierten Monats nach dem Datenmonat (Werte nach der Wartezeit). Absichtlich fehlt der Wert",
        "# integrationen/maenner für 2026-09. Haushaltsmittel: je eine Dezemberzeile mit der Jahressumme.",
        "traeger;reihe;gruppe;monat;wert;ladestand",
    ]
    write_text(path, lines + rows(MUSTERKREIS_AGENCY, build_musterkreis(), lag=3))
    evidence.write_text(MUSTERKREIS_NACHWEISE, encoding="utf-8", newline="\n")


def write_feldkreis(path: Path = FELDKREIS_OUTPUT) -> None:
    lines = [
        "# ERFUNDENE BEISPIELDATEN für den fiktiven Landkreis Feldkreis (feldkreis-2026.ziel); den Landkreis",
        "# und seine Zahlen gibt es nicht. Erzeugt von vereinbarungen/beispieldaten.py (fester Startwert).",
        "# Gruppen über frauen/maenner hinaus stehen mit ihrer Kennung aus dem Katalog (alleinerziehende,",
        "# gefluechtete, u25); sie sind Teile von gesamt. Monate 2024-12 bis 2026-12, Ladestand: 5. des Folgemonats.",
        "traeger;reihe;gruppe;monat;wert;ladestand",
    ]
    write_text(path, lines + rows(FELDKREIS_AGENCY, build_feldkreis(), groups=FELDKREIS_GROUPS))


if __name__ == "__main__":
    write()
    write_musterkreis()
    write_feldkreis()
    for written in (OUTPUT, MUSTERKREIS_OUTPUT, MUSTERKREIS_EVIDENCE, FELDKREIS_OUTPUT):
        print(f"geschrieben: {written}")
