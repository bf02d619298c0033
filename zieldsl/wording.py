"""The German words of results, in one place: statuses, groups, comparators, qualifiers, figures.

The evaluator's reasons, the terminal table, the `explain` text, the document sentences,
the charts and the template context all take their words from here, so that a step
without evidence reads »ohne Nachweis« everywhere and »+6,3 %« or »≥ +5,8 %« is written
by one function. `zieldsl.german` formats the numbers (babel, commercial rounding);
this module decides which form a figure takes where.

Figures come in two registers, on purpose:

* **prose** (`level_text`, `change_text`, `threshold_text`, …): documents, charts and
  reasons — levels with one decimal, »Prozentpunkte« spelt out;
* **cells** (`level_cell`, `change_cell`, `threshold_cell`, `distance_cell`): the terminal
  table and `explain` — levels with two decimals, »Pp.«, comparator signs.

Words of the DSL itself (keywords, as an author writes them) are not here: they belong
to the language (`zieldsl.language.clause_text`).
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING

from zieldsl.results import MET, MISSED, MONITORED, NOT_ASSESSABLE, OPEN

if TYPE_CHECKING:
    from fractions import Fraction

    from zieldsl.results import ConditionResult, TargetResult


class _GermanOnFirstUse:
    """`zieldsl.german` (and babel behind it), imported when a figure is first written.

    The language wing reads the group words from here, and `zieldsl check` writes no
    figure: it should not pay for babel. The first attribute looked up replaces this
    stand-in with the module itself.
    """

    def __getattr__(self, name: str):
        global german
        from zieldsl import german as module

        german = module
        return getattr(module, name)


german = _GermanOnFirstUse()

# ------------------------------------------------------------------ statuses

STATUS_WORDS = {
    MET: "erreicht",
    MISSED: "nicht erreicht",
    NOT_ASSESSABLE: "nicht bewertbar",
    MONITORED: "beobachtet",
    OPEN: "offen",
}

# Milestone steps (`results.StepResult.status`); a step the evidence does not mention is
# `ohne_nachweis` and reads the same in reasons, terminal and documents.
NO_EVIDENCE = "ohne Nachweis"
# No evidence file at all for an agreement with milestones: every step is open, said so.
NO_EVIDENCE_FILED = "offen – kein Nachweis vorgelegt"
STEP_STATUS_WORDS = {
    "erledigt": "erledigt",
    "in_arbeit": "in Arbeit",
    "offen": "offen",
    "ohne_nachweis": NO_EVIDENCE,
}
STEP_KIND_WORDS = {"schritt": "Schritt", "bedingung": "Bedingung"}
NOT_JUDGED = "ohne Bewertung"
WAIVED = "ausgesetzt"


# Before December a judged figure is "on course", not yet achieved (the Landesübersicht's words).
INTERIM_STATUS_WORDS = {MET: "auf Zielkurs", MISSED: "nicht auf Zielkurs", NOT_ASSESSABLE: "noch nicht bewertbar"}


def interim_status_word(status: str) -> str:
    """"auf Zielkurs" / "nicht auf Zielkurs" for preliminary values; other statuses as `status_word`."""
    return INTERIM_STATUS_WORDS.get(status) or status_word(status)


def status_word(status: str) -> str:
    """A target, condition or step status in words: "nicht_erreicht" → "nicht erreicht"."""
    return STATUS_WORDS.get(status) or STEP_STATUS_WORDS.get(status) or status.replace("_", " ")


def condition_status_word(c: ConditionResult, *, interim: bool = False) -> str:
    """The status word (before December: "auf Zielkurs", …); a monitored figure with a wanted direction
    (`soll steigen`) says whether it moved that way, without a verdict: "beobachtet, wie gewünscht"."""
    if c.in_wanted_direction is None:
        return interim_status_word(c.status) if interim else status_word(c.status)
    return f"{status_word(c.status)}, {'' if c.in_wanted_direction else 'nicht '}wie gewünscht"


def target_status_word(t: TargetResult, *, interim: bool = False) -> str:
    """A target of agreed texts and emphases only (`schwerpunkt`) is neither judged nor monitored; a waived one
    (`ausgesetzt`) says so; before December a judged target is "auf Zielkurs" or "nicht auf Zielkurs"."""
    if t.kind == "ausgesetzt":
        return WAIVED
    if t.kind == "schwerpunkt":
        return NOT_JUDGED
    return interim_status_word(t.status) if interim else status_word(t.status)


def step_kind_word(kind: str) -> str:
    """"Schritt" or "Bedingung" (a milestone condition)."""
    return STEP_KIND_WORDS.get(kind, "Bedingung")


# The gender split check's warning (`zieldsl.evaluation.plausibility`): it judges the agreement, not the
# year, so a Feststellung leaves it out (the check and the interim report show it).
PLAUSIBILITY_MISMATCH = "Die Ziele passen nicht zueinander"

# The input files named in an audit note (`results.InputFile.role`).
INPUT_ROLE_WORDS = {"vereinbarung": "Vereinbarung", "daten": "Daten", "nachweise": "Nachweise"}


def input_role_word(role: str) -> str:
    return INPUT_ROLE_WORDS.get(role, role)


# ------------------------------------------------------------------ agencies

def agency_key_text(key: str) -> str:
    """"03457", or for an agreement over several agencies (`kennung "03457", "03452"`, joined key
    "03457+03452"): "Summe der Träger 03457, 03452"."""
    keys = key.split("+")
    return key if len(keys) == 1 else f"Summe der Träger {', '.join(keys)}"


# ------------------------------------------------------------------ groups

# In brackets and table columns: "K2 (Frauen)", "integrationen (gesamt)".
GROUP_LABELS = {"gesamt": "gesamt", "frauen": "Frauen", "maenner": "Männer"}
# In prose: "…, insgesamt", "davon 258 von Frauen".
GROUP_WORDS = {"gesamt": "insgesamt", "frauen": "Frauen", "maenner": "Männer"}
# After a noun: "die Integrationsquote der Frauen" (no genitive for the whole).
GROUP_GENITIVE = {"frauen": "der Frauen", "maenner": "der Männer"}


def group_label(group: str) -> str:
    """"Frauen", "Männer", "gesamt" (unknown groups as they are)."""
    return GROUP_LABELS.get(group, group)


def condition_group_label(c: ConditionResult) -> str:
    """The group of a figure as the catalogue labels it ("Frauen", "Alleinerziehende")."""
    return c.group_label or group_label(c.group)


def condition_group_word(c: ConditionResult) -> str:
    """The group of a figure in prose: "insgesamt", "Frauen", "Alleinerziehende" (the catalogue's label)."""
    return GROUP_WORDS.get(c.group) or c.group_label or c.group


def group_word(group: str) -> str:
    """"Frauen", "Männer", "insgesamt" (unknown groups as they are)."""
    return GROUP_WORDS.get(group, group)


# ------------------------------------------------------------------ comparators, qualifiers, verbs

COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}
COMPARATOR_WORDS = {">=": "mindestens", "<=": "höchstens", ">": "mehr als", "<": "weniger als", "==": "genau"}

QUALIFIER_WORDS = {"mindestens": "mindestens", "maximal": "maximal", "höchstens": "höchstens",
                   "nicht_mehr_als": "nicht mehr als"}

# The verb of a condition inside a subordinate clause ("…, wenn die Quote um 5,8 % steigt").
CLAUSE_VERBS = {
    "steigt": "steigt",
    "sinkt": "sinkt",
    "bleibt_gleich": "gleich bleibt",
    "steigt_nicht": "nicht steigt",
    "sinkt_nicht": "nicht sinkt",
}
# A wanted direction of a monitored figure (`soll steigen`): in a table cell, and as an infinitive.
WISH_CELLS = {"steigt": "soll steigen", "sinkt": "soll sinken"}
WISH_WORDS = {"steigt": "steigen", "sinkt": "sinken"}
# The informative figure in brackets (`(auf 3.912)`) against the baseline year's data.
STATED_FIGURE_WORDS = {True: "stimmig", False: "nicht stimmig", None: "nicht geprüft"}
# Whether a monitored figure moved the wanted way (reported, never a verdict).
WANTED_WAY = {True: "in die gewünschte Richtung", False: "nicht in die gewünschte Richtung"}
# A direction-only condition as the agreed value in a table column ("vereinbart: Anstieg").
DIRECTION_NOUNS = {"steigt": "Anstieg", "sinkt": "Rückgang", "bleibt_gleich": "unverändert",
                   "steigt_nicht": "kein Anstieg", "sinkt_nicht": "kein Rückgang"}
# … and as the object of "vereinbart war …".
AGREED_DIRECTIONS = {"steigt": "ein Anstieg", "sinkt": "ein Rückgang", "bleibt_gleich": "keine Veränderung",
                     "steigt_nicht": "kein Anstieg", "sinkt_nicht": "kein Rückgang"}


def stated_figure_word(consistent: bool | None) -> str:
    """Whether the bracketed figure agrees with the binding one on the baseline data: "stimmig"."""
    return STATED_FIGURE_WORDS[consistent]


def comparator_sign(operator: str) -> str:
    """">=" → "≥"."""
    return COMPARATOR_SIGNS[operator]


def qualifier_word(qualifier: str | None, default: str = "") -> str:
    """"nicht_mehr_als" → "nicht mehr als"; no qualifier → `default`."""
    return QUALIFIER_WORDS.get(qualifier or "", default)


# ------------------------------------------------------------------ units

def unit_word(unit: str | None) -> str:
    """The unit after a stated number in prose: "%" or "Prozentpunkte"."""
    return "Prozentpunkte" if unit == "prozentpunkte" else "%"


# ------------------------------------------------------------------ figures in prose

def change_in_unit(value: Decimal | None, unit: str, places: int = 1, *, signed: bool = True) -> str:
    """A change in its unit: "+6,3 %", "−0,4 Prozentpunkte", "+1.200 EUR", "+12"."""
    if unit == "prozentpunkte":
        return german.points(value, places, signed)
    return german.amount(value, unit, places, signed=signed)


def level_text(value: Decimal | None, unit: str) -> str:
    """A baseline or actual value in prose and charts: ratios with one decimal, counts and euros whole."""
    if value is None:
        return "–"
    if unit == "%":
        return german.percent(value, 1)
    if unit == "prozentpunkte":
        return german.points(value, 1, signed=False)
    if unit == "EUR":
        return german.euro(value)
    return german.number(value, 0)


def _fraction(value):
    """`Fraction(value)`; the fractions module is imported on the first call, which then rebinds this name.

    `zieldsl check` writes no reason and should not pay for importing fractions (about 1 ms).
    """
    global _fraction
    from fractions import Fraction

    _fraction = Fraction
    return Fraction(value)


def reason_value(value: Fraction | Decimal | None, unit: str) -> str:
    """A figure inside a reason: percent with two decimals, whole numbers plain, else two decimals."""
    if value is None:
        return "–"
    exact = _fraction(value)
    with decimal.localcontext() as context:  # 28 digits, as the evaluator's `to_decimal`
        context.prec = 28
        context.rounding = decimal.ROUND_HALF_EVEN
        shown = Decimal(exact.numerator) / Decimal(exact.denominator)
    if unit == "%":
        return german.percent(shown, 2)
    text = german.number(shown, 0 if exact.denominator == 1 else 2)
    return f"{text} EUR" if unit == "EUR" else text


def condition_figure(c: ConditionResult, value: Decimal, places: int | None = None) -> str:
    """A value in the terms of condition `c` (its compared figure or threshold), in prose:
    a signed change in % or Prozentpunkte, a level in %, a whole count; `places` defaults to
    the condition's decimals."""
    places = c.decimals if places is None else places
    if c.kind == "niveau":  # a quota in %, a stock or count as a number, an amount in EUR
        return german.amount(value, c.unit, places)
    if c.kind == "anzahl":
        return german.number(value, 0)
    if c.unit == "prozentpunkte":
        return german.points(value, places, signed=True)
    return german.percent(value, places, signed=True)


def change_text(c: ConditionResult) -> str:
    """The compared figure as judged: "+6,3 %", "−0,4 Prozentpunkte", "31,1 %", "589"."""
    value = c.change_rounded if c.change_rounded is not None else c.change
    if value is None:
        return "–"
    return condition_figure(c, value, c.decimals)


def exact_change_text(c: ConditionResult) -> str:
    """The compared figure with two more decimals than judged (at most four): "+6,2839 %"."""
    if c.change is None or c.kind == "anzahl":
        return "–"
    return condition_figure(c, c.change, min(4, max(c.decimals + 2, german.places_of(c.change))))


def threshold_text(c: ConditionResult) -> str:
    """What was agreed, for a table column: "≥ +5,8 %", "≥ 612", "Anstieg"."""
    if c.threshold is None:
        return "–"
    if c.kind == "richtung":
        return DIRECTION_NOUNS.get(c.verb or "", "–")
    prefix = f"{comparator_sign(c.operator)} " if c.operator and c.operator != "==" else ""
    return prefix + condition_figure(c, c.threshold, c.decimals)


# ------------------------------------------------------------------ the distance to the threshold
#
# One convention everywhere (`zieldsl.evaluation.distance`): positive = the agreed value is
# exceeded (the good side: above a minimum, below a ceiling or an agreed fall), negative =
# missed; in the threshold's unit (Prozentpunkte for a change in % or a level, persons for
# counts), and for figures formed from persons also in persons.

DISTANCE_LEGEND = ("Abstand: wie weit das Ergebnis den vereinbarten Wert übertrifft (+) oder verfehlt (−), "
                   "bei Veränderungen in % und Quoten in Prozentpunkten, bei Anzahlen in Personen.")


def distance_text(c: ConditionResult) -> str:
    """Signed distance for document tables: "+0,5 Prozentpunkte", "−23" (+ = exceeded, − = missed)."""
    if c.distance is None or c.kind == "richtung":
        return "–"
    if c.kind == "anzahl":
        return german.number(c.distance, 0, signed=True)
    if c.kind == "niveau" and c.unit != "%":
        return german.amount(c.distance, c.unit, c.decimals, signed=True)
    return german.points(c.distance, c.decimals, signed=True)


def distance_points(c: ConditionResult) -> str | None:
    """The unsigned distance of a figure (not a count) in words: "0,3 Prozentpunkte"."""
    if c.distance is None or c.kind in ("richtung", "anzahl"):
        return None
    if c.kind == "niveau" and c.unit != "%":
        return german.amount(abs(c.distance), c.unit, c.decimals)
    return german.points(abs(c.distance), c.decimals, signed=False)


def margin_clause(c: ConditionResult, *, final: bool = True) -> str | None:
    """"der Zielwert ist um 0,4 Prozentpunkte übertroffen" / "… verfehlt" / "… genau erreicht"
    (before December: "… ist bisher …"); None for counts (said in persons) and direction-only."""
    if c.distance is None or c.operator is None or c.kind in ("richtung", "anzahl") or c.status not in (MET, MISSED):
        return None
    so_far = "" if final else "bisher "
    if c.distance == 0:
        return f"der Zielwert ist {so_far}genau erreicht"
    if c.kind == "niveau" and c.unit != "%":  # a level of a stock or an amount: in its own unit
        amount = german.amount(abs(c.distance), c.unit, c.decimals)
    else:
        amount = german.points(abs(c.distance), c.decimals, signed=False)
    return f"der Zielwert ist {so_far}um {amount} {'übertroffen' if c.distance > 0 else 'verfehlt'}"


def outlook_sentence(c: ConditionResult, noun: str, *, as_of_month: int, baseline_year: int) -> str | None:
    """Before December, what the months left need, with its assumption:
    "Für das Ziel sind im ganzen Jahr mindestens 1.397 Integrationen nötig, von Juli bis Dezember also im
    Durchschnitt 117 je Monat (bisher 116 je Monat). Annahme: …"."""
    o = c.outlook
    if o is None or o.months_left <= 0:
        return None
    months = "im Dezember" if o.months_left == 1 else f"von {german.month_name(as_of_month + 1)} bis Dezember"
    so_far = german.number(o.so_far_per_month, 0)
    bound = "mindestens" if o.at_least else "höchstens"
    if o.needed_total is None:
        return "Der Zielwert ist bis Dezember nicht mehr zu erreichen, auch wenn sich die übrigen Monate ändern."
    needed = german.number(o.needed_total, 0)
    if o.mean:
        text = f"Für das Ziel darf der Bestand im Jahresdurchschnitt {bound} {needed} {noun} betragen" \
            if not o.at_least else f"Für das Ziel muss der Bestand im Jahresdurchschnitt {bound} {needed} {noun} betragen"
    elif o.at_least:
        text = f"Für das Ziel sind im ganzen Jahr {bound} {needed} {noun} nötig"
    else:
        text = f"Für das Ziel dürfen es im ganzen Jahr {bound} {needed} {noun} sein"
    if o.per_month is None:
        text += f"; das ist {months} nicht mehr zu erreichen (bisher im Durchschnitt {so_far} je Monat)."
    elif o.at_least and o.per_month == 0:
        text += "; das ist mit den bisherigen Monaten bereits erreicht."
    else:
        per_month = german.number(o.per_month, 0)
        text += f", {months} also im Durchschnitt {bound} {per_month} je Monat (bisher {so_far} je Monat)."
    if o.baseline_year_end is None:
        return text
    assumption = ("Annahme: Die Monate bis Dezember verlaufen wie der Durchschnitt bisher"
                  + ("" if c.aggregate is None or c.aggregate.function in ("summe", "mittelwert")
                     else ", die Bezugsgröße (Nenner) bleibt bei ihrem bisherigen Durchschnitt")
                  + ("." if c.kind == "niveau" else
                     f"; verglichen wird mit dem Jahreswert {baseline_year} nach heutigem Datenstand "
                     f"({level_text(o.baseline_year_end, c.value_unit)})."))
    return f"{text} {assumption}"


def persons_noun(c: ConditionResult) -> str:
    """The persons of `c.persons` after a number, from the catalogue's series title:
    "Integrationen in Erwerbstätigkeit", "Personen im Bestand an Langzeitleistungsbeziehenden"."""
    title = c.persons.series_title if c.persons else c.indicator_title
    return f"Personen im {title}" if title.startswith("Bestand ") else title


def persons_sentence(c: ConditionResult, noun: str, *, final: bool = True) -> str | None:
    """The distance in persons, the other figures unchanged:
    "Um das Ziel zu erreichen, wären 1.397 statt 1.390 Integrationen nötig gewesen (7 mehr)." /
    "Für das Ziel hätten 1.384 statt 1.390 Integrationen genügt (6 weniger)."
    Before December (`final=False`) the same for the months so far, in the present tense."""
    p = c.persons
    if p is None or c.status not in (MET, MISSED):
        return None
    actual_whole = german.round_half_up(p.actual, 0)
    needed, actual = german.number(p.needed, 0), german.number(actual_whole, 0)
    difference = german.number(abs(p.needed - actual_whole), 0)
    mean = "im Monatsdurchschnitt " if p.mean else ""
    if c.status == MISSED:
        if p.at_least:
            return (f"Um das Ziel zu erreichen, wären {mean}{needed} statt {actual} {noun} nötig gewesen "
                    f"({difference} mehr)." if final else
                    f"Für den Zielwert wären bisher {mean}{needed} statt {actual} {noun} nötig ({difference} mehr).")
        return (f"Um das Ziel zu erreichen, hätten es {mean}höchstens {needed} statt {actual} {noun} sein dürfen "
                f"({difference} weniger)." if final else
                f"Für den Zielwert dürften es bisher {mean}höchstens {needed} statt {actual} {noun} sein "
                f"({difference} weniger).")
    if p.needed == actual_whole:
        return (f"Für das Ziel {'waren' if final else 'sind'} {mean}die {actual} {noun} gerade "
                f"{'genug' if p.at_least else 'noch zulässig'}; es gibt keinen Spielraum.")
    if p.at_least:
        return (f"Für das Ziel {'hätten' if final else 'würden bisher'} {mean}{needed} statt {actual} {noun} "
                f"{'genügt' if final else 'genügen'} ({difference} weniger).")
    return (f"Für das Ziel {'hätten es' if final else 'dürften es bisher'} {mean}bis zu {needed} statt {actual} "
            f"{noun} {'sein dürfen' if final else 'sein'} ({difference} mehr).")


# ------------------------------------------------------------------ figures in table cells

def level_cell(value: Decimal | None, unit: str) -> str:
    """A level in the terminal: "21,58 %", "+0,40 Pp.", "2.735", "35.235.036 EUR"."""
    if value is None:
        return "–"
    if unit == "%":
        return german.percent(value, 2)
    if unit == "prozentpunkte":
        return f"{german.number(value, 2, signed=True)} Pp."
    if unit == "EUR":
        return german.euro(value, 0)
    places = 0 if value == value.to_integral_value() else 1
    return german.number(value, places)


def change_cell(value: Decimal | None, unit: str, places: int) -> str:
    """A change in the terminal: "+6,3 %", "−0,4 Pp."; a count stays unsigned."""
    if value is None:
        return "–"
    if unit == "prozentpunkte":
        return f"{german.number(value, places, signed=True)} Pp."
    return change_in_unit(value, unit, places, signed=unit != "Anzahl")


def threshold_cell(c: ConditionResult) -> str:
    """The threshold with its comparator: "≥ +5,8 %", "≥ 612", "> 0,0 %", "Prognose +2,2 %"."""
    if c.threshold is None:
        return WISH_CELLS.get(c.wanted_direction or "", "–")
    if c.operator is None:  # a forecast beside a monitored figure
        return f"Prognose {change_cell(c.threshold, c.unit, max(1, german.places_of(c.threshold)))}"
    sign = comparator_sign(c.operator)
    if c.kind == "richtung":
        return f"{sign} {german.number(c.threshold, c.decimals)} %"
    if c.kind == "anzahl":
        return f"{sign} {german.number(c.threshold, 0)}"
    if c.kind == "niveau":
        return f"{sign} {german.amount(c.threshold, c.unit, c.decimals)}"
    return f"{sign} {change_cell(c.threshold, c.unit, c.decimals)}"


def distance_cell(c: ConditionResult) -> str:
    """The signed distance in the terminal (+ = exceeded, − = missed); a gap between percentages is
    in points: "+0,5 Pp."; counts in persons: "−23"."""
    if c.distance is None:
        return "–"
    if c.kind == "anzahl":
        text = german.number(c.distance, 0, signed=True)
        return text
    if c.kind == "niveau" and c.unit != "%":  # a stock or an amount: the difference in its own unit
        return german.amount(c.distance, c.unit, c.decimals, signed=True)
    if c.kind == "niveau" or c.unit in ("%", "prozentpunkte"):
        return f"{german.number(c.distance, c.decimals, signed=True)} Pp."
    return change_cell(c.distance, c.unit, c.decimals)
