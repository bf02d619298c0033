"""German sentences for the documents, built from evaluation results only.

Two families: the agreement's own target sentences ("Das Ziel ist im Jahr 2026
erreicht, wenn die Integrationsquote des Landkreises Leer um 5,8 % im Vergleich zum
Jahr 2025 steigt.") and the verdict sentences of a Feststellung or Zwischenbericht
("Das Ziel 2 ist erreicht. Die Integrationsquote stieg von 21,4 % auf 22,7 %, das
sind +6,3 %; vereinbart waren +5,8 %."). How an indicator is named in a sentence
comes from `phrasen.yaml` beside the templates (data, not code), with a neutral
fallback for indicators it does not know.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from zieldsl import german as fmt
from zieldsl.results import (JUDGED_KINDS, MET, MISSED, MONITORED, NOT_ASSESSABLE, OPEN, ConditionResult,
                             TargetResult)
from zieldsl.wording import (AGREED_DIRECTIONS, CLAUSE_VERBS, GROUP_GENITIVE, GROUP_WORDS, WANTED_WAY,
                             change_in_unit, change_text, condition_group_word, interim_status_word, level_text,
                             margin_clause, outlook_sentence, persons_sentence, qualifier_word, status_word,
                             unit_word)

PHRASES_FILE = "phrasen.yaml"

ARTICLE_CASES = {  # nominative article → (accusative, dative)
    "der": ("den", "dem"),
    "die": ("die", "der"),
    "das": ("das", "dem"),
}


def _refuse_aliases(text: str, path: Path) -> None:
    """No YAML aliases in phrase files: a few lines of `&a [*b, *b, …]` expand to gigabytes (ZD509)."""
    from zieldsl.diagnostics import Diagnostic, Span, ZielError

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise ZielError([Diagnostic("ZD509", f"Satzbausteine in »{path.name}« verwenden einen YAML-Verweis "
                                                 f"(*{event.anchor}); Verweise sind hier nicht erlaubt",
                                        Span(str(path), mark.line + 1, mark.column + 1),
                                        "Schreiben Sie jeden Satzbaustein aus, statt mit & und * zu verweisen.")])


@dataclass
class Phrases:
    """The contents of phrasen.yaml: indicator phrases, count nouns, party head nouns."""

    indicators: dict[str, dict[str, str]] = field(default_factory=dict)
    series: dict[str, str] = field(default_factory=dict)
    head_nouns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Phrases":
        from zieldsl.documents.sandbox import read_template_text

        text = read_template_text(path)
        _refuse_aliases(text, path)
        data = yaml.safe_load(text) or {}
        return cls(
            indicators={str(k): {str(a): str(b) for a, b in (v or {}).items()}
                        for k, v in (data.get("kennzahlen") or {}).items()},
            series={str(k): str(v) for k, v in (data.get("reihen") or {}).items()},
            head_nouns={str(k).lower(): str(v) for k, v in (data.get("kernwoerter") or {}).items()},
        )

    def nominative(self, code: str, title: str) -> str:
        """"die Integrationsquote"; unknown indicators: "die Kennzahl »<title>«"."""
        entry = self.indicators.get(code)
        if entry and entry.get("nominativ"):
            return entry["nominativ"]
        return f"die Kennzahl »{title}«"

    def label(self, code: str, title: str) -> str:
        """The indicator's name for table rows and charts (no article): "Integrationsquote"."""
        entry = self.indicators.get(code) or {}
        return entry.get("bezeichnung") or title

    def clause_verb(self, code: str, verb: str) -> str:
        entry = self.indicators.get(code) or {}
        return entry.get(verb) or CLAUSE_VERBS.get(verb, verb)

    def count_noun(self, series: str, title: str) -> str:
        return self.series.get(series) or title


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def with_group(noun: str, group: str, label: str | None = None, genitive: str | None = None) -> str:
    """"die Integrationsquote der Frauen"; a phrase that already has an attribute gets
    the group in brackets: "die Zahl der erwerbsfähigen Leistungsberechtigten (Frauen)".
    A catalogue group comes with its own label and genitive ("der Alleinerziehenden")."""
    if group == "gesamt":
        return noun
    genitive = GROUP_GENITIVE.get(group, genitive)
    label = GROUP_WORDS.get(group, label or group)
    if genitive is None or re.search(r" (der|des|an|von|nach|in|für|seit) ", noun):
        return f"{noun} ({label})"
    return f"{noun} {genitive}"


def group_of(c: ConditionResult) -> str:
    """"Frauen", "Alleinerziehende": the group's label (`zieldsl.wording.condition_group_word`)."""
    return condition_group_word(c)


def subject(phrases: Phrases, c: ConditionResult, capital: bool = True) -> str:
    """"Die Integrationsquote der Frauen"."""
    text = with_group(phrases.nominative(c.indicator, c.indicator_title), c.group, c.group_label, c.group_genitive)
    return capitalize(text) if capital else text


# ------------------------------------------------------------------ parties with articles


def party_phrase(phrases: Phrases, name: str, case: str = "nom") -> str:
    """A party name with its definite article, adjectives declined weakly.

    "Niedersächsisches Ministerium für …" → "das Niedersächsische Ministerium für …"
    (nominative), "dem Niedersächsischen Ministerium …" (dative); "Landkreis Leer" →
    "der/den/dem Landkreis Leer". Names without a known head noun stay bare.
    """
    words = name.split(" ")
    for index, word in enumerate(words):
        lowered = word.lower()
        article = next((a for noun, a in sorted(phrases.head_nouns.items(), key=lambda kv: -len(kv[0]))
                        if lowered.endswith(noun)), None)
        if article is None:
            continue
        weak = "en" if case == "dat" or (case == "acc" and article == "der") else "e"
        declined = [_weak_adjective(w, weak) for w in words[:index]]
        article_text = {"nom": article, "acc": ARTICLE_CASES[article][0], "dat": ARTICLE_CASES[article][1]}[case]
        return " ".join([article_text, *declined, *words[index:]])
    return name


def _weak_adjective(word: str, ending: str) -> str:
    for strong in ("es", "er", "e"):
        if word[:1].isupper() and word.endswith(strong) and len(word) > 3:
            return word[: -len(strong)] + ending
    return word


def subtarget_subject(title: str) -> str:
    """"Geschlechterspezifisches Ziel" → "Das geschlechterspezifische Ziel"; else "Das Teilziel »…«"."""
    words = title.split(" ")
    if len(words) == 2 and words[1] == "Ziel" and words[0].endswith("es"):
        return f"Das {words[0][:-1].lower()} Ziel"
    return f"Das Teilziel »{title}«"


# ------------------------------------------------------------------ the agreement's sentences


def _stated(c: ConditionResult) -> str:
    value = c.stated_value if c.stated_value is not None else (abs(c.threshold) if c.threshold is not None else None)
    if value is None:
        return ""
    qualifier = qualifier_word(c.qualifier)
    unit = unit_word(c.unit)
    if c.unit == "prozentpunkte" and value == 1:
        unit = "Prozentpunkt"
    return " ".join(p for p in (qualifier, fmt.number(value), unit) if p)


def agreement_clause(phrases: Phrases, c: ConditionResult, *, agency_genitive: str | None,
                     baseline_year: int | None, target_year: int | None) -> str:
    """One condition as a subordinate clause, verb last.

    With `baseline_year` (a main target): "die Integrationsquote des Landkreises Leer um
    5,8 % im Vergleich zum Jahr 2025 steigt"; without (a subtarget): "die
    Integrationsquote der Frauen um 7,3 % steigt".
    """
    if c.kind == "anzahl":
        return _count_clause(phrases, c)
    who = subject(phrases, c, capital=False)
    if agency_genitive:
        who = f"{who} {agency_genitive}"
    compared = f" im Vergleich zum Jahr {baseline_year}" if baseline_year else ""
    verb = c.verb or ""
    bracket = stated_bracket(phrases, c)
    if c.kind == "niveau":
        value = " ".join(p for p in (qualifier_word(c.qualifier),
                                      fmt.amount(c.stated_value if c.stated_value is not None else c.threshold,
                                                 c.unit, None if c.unit == "%" else c.decimals))
                         if p)
        if verb == "erreicht":
            return f"{who} einen Wert von {value}{bracket} erreicht"
        return f"{who} {value}{bracket} beträgt"
    if c.kind == "richtung" or verb in ("bleibt_gleich", "steigt_nicht", "sinkt_nicht"):
        return f"{who}{compared} {phrases.clause_verb(c.indicator, verb)}"
    return f"{who} um {_stated(c)}{bracket}{compared} {phrases.clause_verb(c.indicator, verb)}"


def stated_bracket(phrases: Phrases, c: ConditionResult) -> str:
    """The informative figure as the agreement states it: " (auf 3.912)", " (ca. 2.450 Integrationen)"."""
    f = c.stated_figure
    if f is None or f.kind == "vorschlag":  # a proposal of the planning procedure is not the agreement's wording
        return ""
    if f.series is not None:
        return f" (ca. {fmt.number(f.value)} {phrases.count_noun(f.series, f.series)})"
    return f" (auf {fmt.amount(f.value, f.unit, fmt.places_of(f.value))})"


def _count_clause(phrases: Phrases, c: ConditionResult) -> str:
    noun = phrases.count_noun(c.indicator, c.indicator_title)
    qualifier = qualifier_word(c.qualifier, "mindestens")
    text = f"{qualifier} {fmt.number(c.stated_value if c.stated_value is not None else c.threshold)} {noun}"
    if c.stated_figure is not None and c.stated_figure.indicator:  # `(ca. 30,2 % K2)` as the file states it
        f = c.stated_figure
        name = phrases.nominative(f.indicator, f.indicator).split(" ", 1)[-1]  # "Integrationsquote"
        text += f" ({name} ca. {fmt.percent(f.value, fmt.places_of(f.value))})"
    text += " erreicht werden"
    parts = [f"{qualifier_word(p.qualifier, 'mindestens')} "
             f"{fmt.number(p.stated_value if p.stated_value is not None else p.threshold)} "
             + (f"von {GROUP_WORDS[p.group]}" if p.group in GROUP_GENITIVE else f"in der Gruppe »{group_of(p)}«")
             for p in c.components if p.group != "gesamt"]
    if parts:
        text = f"{text}, davon {join_and(parts)}"
    return text


def join_and(items: list[str], word: str = "und") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def conjunction(rule: str | None) -> str:
    """"oder" when the combination rule asks for one condition only, else "und"."""
    text = (rule or "").lower()
    return "oder" if ("eine bedingung" in text or "einer der" in text or "mindestens eine" in text) else "und"


def target_sentence(phrases: Phrases, target: TargetResult, *, agency_genitive: str | None,
                    target_year: int, baseline_year: int) -> str | None:
    """"Das Ziel ist im Jahr 2026 erreicht, wenn …." for a main target with judged conditions."""
    judged = [c for c in target.conditions if c.kind in JUDGED_KINDS]
    if not judged:
        return None
    clauses = [agreement_clause(phrases, c, agency_genitive=agency_genitive, baseline_year=baseline_year,
                                target_year=target_year) for c in judged]
    return f"Das Ziel ist im Jahr {target_year} erreicht, wenn {join_and(clauses, conjunction(target.rule))}."


def subtarget_sentence(phrases: Phrases, target: TargetResult) -> str | None:
    """"Das geschlechterspezifische Ziel ist erreicht, wenn die Integrationsquote der Frauen um
    7,3 % und die der Männer um 4,4 % steigt." (same indicator and verb merge into one clause)."""
    judged = [c for c in target.conditions if c.kind in JUDGED_KINDS]
    if not judged:
        return None
    word = conjunction(target.rule)
    first = judged[0]
    same = (len(judged) > 1 and word == "und"
            and all((c.indicator, c.verb, c.qualifier, c.kind, c.unit) ==
                    (first.indicator, first.verb, first.qualifier, first.kind, first.unit) for c in judged)
            and len({c.group for c in judged}) == len(judged) and first.kind in ("veraenderung", "prozentpunkte"))
    if same:
        noun = phrases.nominative(first.indicator, first.indicator_title)
        article = noun.split(" ", 1)[0]
        parts = [f"{noun} {GROUP_GENITIVE.get(first.group, first.group_genitive or '')}".rstrip()
                 + f" um {_stated(first)}"]
        parts += [f"{article} {GROUP_GENITIVE.get(c.group, c.group_genitive or '')}".rstrip() + f" um {_stated(c)}"
                  for c in judged[1:]]
        body = f"{join_and(parts)} {phrases.clause_verb(first.indicator, first.verb or '')}"
    else:
        body = join_and([agreement_clause(phrases, c, agency_genitive=None, baseline_year=None, target_year=None)
                         for c in judged], word)
    return f"{subtarget_subject(target.title)} ist erreicht, wenn {body}."


# ------------------------------------------------------------------ verdict sentences


@dataclass(frozen=True)
class Period:
    """The compared period: the whole year (Feststellung) or January to the as-of month."""

    month: int
    month_name: str
    as_of_long: str
    final: bool
    end: datetime.date | None = None  # last day of the as-of month
    baseline_year: int | None = None

    def done(self, step) -> bool:
        """A milestone counts as done when it was done by the end of the as-of month."""
        return step.status == "erledigt" and (step.date is None or self.end is None or step.date <= self.end)

    @property
    def months_text(self) -> str:
        return "im Januar" if self.month == 1 else f"in den Monaten Januar bis {self.month_name}"


def distance_sentences(phrases: Phrases, c: ConditionResult, period: Period) -> str:
    """The distance to the threshold (`zieldsl.wording`): the clause in the threshold's unit, then
    the sentence in persons: "; der Zielwert ist um 0,4 Prozentpunkte verfehlt. Um das Ziel zu
    erreichen, wären 830 statt 827 Integrationen nötig gewesen (3 mehr)"."""
    text = ""
    clause = margin_clause(c, final=period.final)
    if clause:
        text += f"; {clause}"
    sentences = []
    for part in (c,) + (c.components if c.kind == "anzahl" else ()):
        if part is not c and part.status == MET:
            continue  # a count's parts: only the ones that missed
        noun = phrases.count_noun(part.persons.series, part.persons.series_title) if part.persons else ""
        sentence = persons_sentence(part, noun, final=period.final)
        if sentence and part is not c:
            sentence = f"{group_of(part)}: {sentence}"
        if sentence:
            sentences.append(sentence)
    if not period.final:
        noun = phrases.count_noun(c.outlook.series, c.outlook.series_title) if c.outlook else ""
        outlook = outlook_sentence(c, noun, as_of_month=period.month, baseline_year=period.baseline_year)
        if outlook:
            sentences.append(outlook)
    if sentences:
        text += ". " + " ".join(sentences).rstrip(".")
    return text


def _agreed(c: ConditionResult) -> str:
    """What was agreed, as the object of "vereinbart waren …"."""
    qualifier = qualifier_word(c.qualifier)
    if c.kind == "richtung":
        return AGREED_DIRECTIONS.get(c.verb or "", "eine Entwicklung")
    if c.kind == "niveau":
        return " ".join(p for p in (qualifier, fmt.amount(c.threshold, c.unit, c.decimals)) if p)
    if c.kind == "anzahl":
        return " ".join(p for p in (qualifier or "mindestens", fmt.number(c.threshold, 0)) if p)
    if qualifier:
        direction = "Anstieg" if c.verb == "steigt" else "Rückgang"
        unit = unit_word(c.unit)
        value = c.stated_value if c.stated_value is not None else abs(c.threshold or 0)
        return f"ein {direction} um {qualifier} {fmt.number(value, c.decimals)} {unit}"
    return change_in_unit(c.threshold, "prozentpunkte" if c.unit == "prozentpunkte" else "%", c.decimals)


def _agreed_clause(c: ConditionResult, period: Period) -> str:
    agreed = _agreed(c)
    plural = not agreed.startswith(("ein ", "eine ", "kein", "keine "))
    if period.final:
        return f"vereinbart {'waren' if plural else 'war'} {agreed}"
    return f"vereinbart {'sind' if plural else 'ist'} {agreed}"


def figure_sentence(phrases: Phrases, c: ConditionResult, period: Period, *, explain: bool = True) -> str:
    """One figure's development: "Die Integrationsquote stieg von 21,4 % auf 22,7 %, das sind +6,3 %;
    vereinbart waren +5,8 %." (interim: "… stieg in den Monaten Januar bis Juni von …")."""
    who = subject(phrases, c)
    if c.kind == "anzahl":
        who = f"Die Zahl der {phrases.count_noun(c.indicator, c.indicator_title)}"
    elif c.kind == "abstand":
        who = gap_subject(c)
    if c.status == NOT_ASSESSABLE or (c.change is None and c.kind != "anzahl"):
        reason = reason_summary(c) if explain else ""
        return f"{who} ist nicht bewertbar{': ' + reason if reason else ''}."
    when = "" if period.final else f" {period.months_text}"
    judged = c.kind in JUDGED_KINDS and c.threshold is not None and c.status in (MET, MISSED)
    if c.kind == "anzahl":
        noun = phrases.count_noun(c.indicator, c.indicator_title)
        year = period.as_of_long.split()[-1]
        span = f"Im Jahr {year}" if period.final else (
            f"Im Januar {year}" if period.month == 1 else f"Von Januar bis {period.month_name} {year}")
        text = f"{span} wurden {fmt.number(c.actual, 0)} {noun} erreicht"
        if c.baseline is not None:
            text += f" (Vorjahreszeitraum: {fmt.number(c.baseline, 0)})"
    elif c.kind == "niveau":
        verb = "betrug" if period.final else "beträgt"
        text = f"{who} {verb}{when} {level_text(c.actual, c.value_unit)}"
        if c.baseline is not None:
            text += f" (Vorjahreszeitraum: {level_text(c.baseline, c.value_unit)})"
    elif c.kind == "abstand":
        text = _gap_sentence(phrases, c, period, when)
    else:
        moved = c.change_rounded if c.change_rounded is not None else c.change
        verb = "stieg" if moved > 0 else "sank" if moved < 0 else "blieb unverändert"
        if moved == 0:
            text = f"{who} blieb{when} mit {level_text(c.actual, c.value_unit)} unverändert " \
                   f"(Vorjahreszeitraum: {level_text(c.baseline, c.value_unit)})"
        else:
            text = (f"{who} {verb}{when} von {level_text(c.baseline, c.value_unit)} auf "
                    f"{level_text(c.actual, c.value_unit)}, das sind {change_text(c)}")
        if c.forecast:
            text += f"; erwartet war: {c.forecast.replace('steigt', 'Anstieg').replace('sinkt', 'Rückgang')}"
    text += wish_clause(c)
    if judged:
        text += f"; {_agreed_clause(c, period)}"
        text += distance_sentences(phrases, c, period)
    return text + "."


def gap_subject(c: ConditionResult) -> str:
    """"Der Abstand zwischen Frauen und Männern bei der Kennzahl »Integrationsquote«"."""
    names = [group_of(part) for part in c.components[:2]] or ["Frauen", "Männer"]
    between = "Frauen und Männern" if names == ["Frauen", "Männer"] else f"den Gruppen {' und '.join(names)}"
    return f"Der Abstand zwischen {between} bei der Kennzahl »{c.indicator_title}«"


def _gap_sentence(phrases: Phrases, c: ConditionResult, period: Period, when: str) -> str:
    """"Die Integrationsquote der Frauen lag um 9,1 Prozentpunkte unter dem Wert der Männer
    (Vorjahreszeitraum: 9,3 Prozentpunkte darunter); der Abstand hat sich um 0,2 Prozentpunkte verringert"."""
    first, second = (c.components + (None, None))[:2]
    if first is not None and second is not None:
        who = capitalize(with_group(phrases.nominative(c.indicator, c.indicator_title), first.group,
                                    first.group_label, first.group_genitive))
        other = f"der {group_of(second)}" if second.group in GROUP_GENITIVE else (
            second.group_genitive or f"der Gruppe »{group_of(second)}«")
    else:
        who = capitalize(with_group(phrases.nominative(c.indicator, c.indicator_title), "frauen"))
        other = "der Männer"
    verb = "lag" if period.final else "liegt"
    if c.actual is None:
        return f"{gap_subject(c)} ist nicht zu bilden"
    now = c.actual.quantize(Decimal("0.1"))
    if now == 0:
        text = f"{who} {verb}{when} gleichauf mit dem Wert {other}"
    else:
        side = "unter" if now < 0 else "über"
        text = f"{who} {verb}{when} um {fmt.points(abs(now), 1, signed=False)} {side} dem Wert {other}"
    if c.baseline is None:
        return text
    before = c.baseline.quantize(Decimal("0.1"))
    if before == 0:
        text += " (Vorjahreszeitraum: gleichauf)"
    else:
        text += (f" (Vorjahreszeitraum: {fmt.points(abs(before), 1, signed=False)} "
                 f"{'darunter' if before < 0 else 'darüber'})")
    if (now < 0) == (before < 0) or now == 0 or before == 0:
        moved = "verringert" if abs(now) < abs(before) else "vergrößert" if abs(now) > abs(before) else None
        text += (f"; der Abstand hat sich um {fmt.points(abs(abs(now) - abs(before)), 1, signed=False)} {moved}"
                 if moved else "; der Abstand ist unverändert")
    return text


def components_sentence(phrases: Phrases, c: ConditionResult) -> str | None:
    """Numerator and denominator of a ratio, since a shrinking denominator raises a quota too:
    "Zähler und Nenner: Integrationen +5,3 % (von 1.320 auf 1.390), erwerbsfähige
    Leistungsberechtigte -0,9 % (von 6.497 auf 6.441)."."""
    parts = []
    for part in c.components:
        if part.group != c.group or part.change is None or part.baseline is None or part.actual is None:
            continue
        name = phrases.count_noun(part.indicator, part.indicator_title)
        moved = change_in_unit(part.change_rounded if part.change_rounded is not None else part.change, "%", 1)
        parts.append(f"{name} {moved} (von {level_text(part.baseline, part.value_unit)} auf "
                     f"{level_text(part.actual, part.value_unit)})")
    if len(parts) != 2:
        return None
    return f"Zähler und Nenner: {parts[0]}, {parts[1]}."


# Reasons that explain a computation or a rule rather than why a figure is missing.
INFO_REASONS = frozenset({"berechnung", "vergleich", "regel", "beobachtung", "plausibilitaet_geschlecht",
                          "kleine_basis", "vorlaeufig", "veroeffentlicht", "prognose", "abstand", "nachweis",
                          "nachweisstand", "ladestand_ersatz", "abweichung_veroeffentlicht",
                          "gewuenschte_richtung", "ohne_bewertung"})


MONTH_PATTERN = re.compile(r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                           r"Dezember) \d{4}")

# Why a figure has no value, in plain words for the body (the evaluator's exact text is in the appendix).
PLAIN_REASONS = {
    "fehlende_reihe": "die Daten enthalten eine für die Berechnung nötige Reihe nicht",
    "fehlende_gruppe": "die Daten enthalten für diese Personengruppe keine Werte",
    "basis_null": ("im Vergleichsjahr ist der Wert null oder negativ; eine Veränderung in % ist dort nicht "
                   "definiert"),
    "nenner_null": "die Bezugsgröße (Nenner) ist null; der Wert ist nicht definiert",
}


def plain_reason(reason) -> str:
    """A reason why nothing can be judged, in plain German without code names: "für September 2026
    fehlen Werte (Einzelheiten im Anhang)"."""
    if reason.code == "fehlender_monat":
        months = list(dict.fromkeys(MONTH_PATTERN.findall(reason.text)))
        when = f"für {join_and(months)} " if months else ""
        return f"{when}fehlen Werte (Einzelheiten im Anhang)"
    return PLAIN_REASONS.get(reason.code, reason.text.rstrip("."))


def reason_summary(c: ConditionResult) -> str:
    """The reasons why a figure cannot be judged, in plain words, without the computation steps."""
    texts = [plain_reason(r) for r in c.reasons if r.code not in INFO_REASONS]
    return "; ".join(dict.fromkeys(texts))


def target_label(target: TargetResult) -> str:
    """"das Ziel 2", "der Grundsatz 6", "das geschlechterspezifische Ziel"."""
    if target.parent:
        return subtarget_subject(target.title)
    if target.kind == "grundsatz":
        return f"Der Grundsatz {target.number}"
    return f"Das Ziel {target.number}"


def verdict_sentence(phrases: Phrases, target: TargetResult, period: Period) -> str:
    """The first sentence about a target: its status (the figure sentences give the distance).

    Final: "Das Ziel 2 ist nicht erreicht." Interim: "Nach dem vorläufigen Stand Juni 2026 ist
    das Ziel 2 noch nicht erreicht."
    """
    label = target_label(target)
    if target.kind == "ausgesetzt":  # `ausgesetzt "…"`: the reason as the agreement gives it
        return f"{label} ist in diesem Jahr ausgesetzt und wird nicht bewertet: {target.waived.rstrip('.')}."
    if target.kind == "schwerpunkt" or (target.kind == "grundsatz" and not target.monitoring
                                        and not target.supplementary):
        what = "vereinbarte Schwerpunkte" if target.emphases else "vereinbarte Texte"
        return f"{label} enthält {what} ohne Zielwert und wird nicht bewertet."
    if target.status == MONITORED or (target.kind in ("beobachtung", "grundsatz") and not target.conditions):
        return f"{label} wird im Rahmen eines Monitorings beobachtet und nicht bewertet."

    def says(rest: str) -> str:
        if period.final:
            return f"{label} ist {rest}"
        return f"Nach dem vorläufigen Stand {period.as_of_long} ist {label[:1].lower()}{label[1:]} {rest}"

    if target.status == MET:
        return says("erreicht." if period.final else "auf Zielkurs.")
    if target.status == MISSED:
        return says("nicht erreicht." if period.final else "nicht auf Zielkurs.")
    if target.status == NOT_ASSESSABLE and not period.final:
        reasons = [plain_reason(r) for r in target.reasons if r.code not in INFO_REASONS]
        reasons = [r for r in dict.fromkeys(reasons) if r]
        return says("noch nicht bewertbar") + (f": {'; '.join(reasons)}" if reasons else "") + "."
    if target.status == NOT_ASSESSABLE:
        reasons = [plain_reason(r) for r in target.reasons if r.code not in INFO_REASONS]
        reasons = [r for r in dict.fromkeys(reasons) if r]
        return says("nicht bewertbar") + (f": {'; '.join(reasons)}" if reasons else "") + "."
    if target.steps:
        done = sum(1 for step in target.steps if period.done(step))
        return says(f"noch offen: {done} von {len(target.steps)} Umsetzungsschritten und Bedingungen sind erledigt.")
    return says("noch offen.")


def emphasis_sentence(target: TargetResult) -> str | None:
    """"Als Schwerpunkt ist vereinbart: Besondere Aufmerksamkeit gilt der Erwerbsbeteiligung von Frauen." —
    an agreed emphasis is part of the target, never described as monitoring."""
    if not target.emphases:
        return None
    items = [e.strip().rstrip(".") for e in target.emphases]
    if len(items) == 1:
        return f"Als Schwerpunkt ist vereinbart: {items[0]}."
    return f"Als Schwerpunkte sind vereinbart: {'; '.join(items)}."


def wish_clause(c: ConditionResult) -> str:
    """"; gewünscht ist ein Rückgang, die Entwicklung geht in die gewünschte Richtung" (monitoring, no verdict)."""
    if c.in_wanted_direction is None:
        return ""
    if c.kind == "abstand":
        wanted = "ein kleinerer Abstand" if c.wanted_direction == "sinkt" else "ein größerer Abstand"
    else:
        wanted = AGREED_DIRECTIONS["sinkt" if c.wanted_direction == "sinkt" else "steigt"]
    if c.threshold is not None and c.kind != "abstand":
        wanted += " mindestens wie prognostiziert"
    way = WANTED_WAY[bool(c.in_wanted_direction)]
    return f"; gewünscht ist {wanted}, die Entwicklung geht {way}"


def milestone_sentence(target: TargetResult, period: Period) -> str | None:
    """"Alle 3 Umsetzungsschritte und 2 Bedingungen sind erledigt." / what is still missing."""
    if not target.steps:
        return None
    steps = [s for s in target.steps if s.kind == "schritt"]
    conditions = [s for s in target.steps if s.kind != "schritt"]
    missing = [s for s in target.steps if not period.done(s)]
    if not missing:
        parts = []
        if steps:
            parts.append(f"{'alle ' if len(steps) > 1 else ''}{_count(len(steps), 'Umsetzungsschritt', 'Umsetzungsschritte')}")
        if conditions:
            parts.append(_count(len(conditions), "Bedingung", "Bedingungen"))
        verb = "ist" if len(target.steps) == 1 else "sind"
        return capitalize(f"{join_and(parts)} {verb} nachweislich erledigt.")
    names = [f"»{s.text}« ({step_status_text(s, period)})" for s in missing]
    return f"Nicht erledigt {'ist' if len(missing) == 1 else 'sind'}: {join_and(names)}."


def step_status_text(step, period: Period) -> str:
    """"erledigt", "in Arbeit", or "erst nach Juni 2026 erledigt" for evidence dated after the as-of month."""
    if step.status == "erledigt" and not period.done(step):
        return f"erst nach {period.as_of_long} erledigt"
    return status_word(step.status)


def _count(n: int, singular: str, plural: str) -> str:
    words = {1: "ein", 2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs"}
    if n == 1:
        return f"ein{'e' if singular.endswith('ung') else ''} {singular}"
    return f"{words.get(n, str(n))} {plural}"


# ------------------------------------------------------------------ the justification (Begründung)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _has(items: list, singular: str, plural: str) -> str:
    return singular if len(items) == 1 else plural


def _rule_clause(target: TargetResult) -> str | None:
    """The combination rule as a clause, step names replaced by their text: "alle Schritte erledigt und
    die Bedingung »das Dokumentenmanagementsystem d.3 eingeführt« erfüllt sind"."""
    rule = (target.rule or "").removeprefix("Ohne eigene Regel gilt: ").rstrip(".")
    if not rule:
        return None
    rule = re.sub(r"^[Ee]rreicht, wenn ", "", rule)
    for step in target.steps:
        word = "den Schritt" if step.kind == "schritt" else "die Bedingung"
        rule = rule.replace(f"»{step.id}«", f"{word} »{step.text.rstrip('.')}«")
    return rule


def agreed_sentence(phrases: Phrases, target: TargetResult, *, agency_genitive: str | None, target_year: int,
                    baseline_year: int) -> str | None:
    """What was agreed, in the agreement's own words (no DSL): "Vereinbart ist: Das Ziel ist im Jahr
    2026 erreicht, wenn die Integrationsquote des Landkreises Leer um 5,8 % … steigt."."""
    if target.parent:
        sentence = subtarget_sentence(phrases, target)
    else:
        sentence = target_sentence(phrases, target, agency_genitive=agency_genitive, target_year=target_year,
                                   baseline_year=baseline_year)
    if sentence is None and target.steps:
        clause = _rule_clause(target)
        if clause:
            sentence = f"{target_label(target)} ist erreicht, wenn {clause}."
    if sentence and not target.steps and "Teilziel" in (target.rule or ""):
        rule = _rule_clause(target) or ""
        extra = "alle Teilziele erreicht sein" if "alle Teilziele" in rule else "die vereinbarten Teilziele erreicht sein"
        sentence += f" Außerdem müssen {extra}."
    return f"Vereinbart ist: {sentence}" if sentence else None


def conclusion_sentence(phrases: Phrases, target: TargetResult, period: Period) -> str | None:
    """What follows from the figures under the agreed rule, in plain German."""
    label = _lower_first(target_label(target))
    judged = [c for c in target.conditions if c.kind in JUDGED_KINDS]
    if target.steps and not judged:
        if target.status == MET:
            return f"Alles Vereinbarte ist nachweislich erledigt; {label} ist damit erreicht."
        if target.status == MISSED:
            return (f"Nicht alles Vereinbarte ist bis zum Ende des Zieljahres erledigt; {label} ist damit nicht "
                    "erreicht.")
        if target.status == OPEN:
            return f"Noch ist nicht alles Vereinbarte erledigt; {label} ist offen."
        return None
    if not judged:
        return None
    names = lambda items: join_and([subject(phrases, c, capital=False) for c in items])  # noqa: E731
    met = [c for c in judged if c.status == MET]
    missed = [c for c in judged if c.status == MISSED]
    unknown = [c for c in judged if c.status == NOT_ASSESSABLE]
    any_rule = conjunction(target.rule) == "oder"
    if not period.final:
        return _course_sentence(target, label, names, met, missed, unknown, period)
    if target.status == MET:
        if any_rule and len(judged) > 1:
            return (f"Es genügt, dass eine der Bedingungen erfüllt ist: {names(met)} "
                    f"{_has(met, 'hat', 'haben')} den Zielwert erreicht; {label} ist damit erreicht.")
        if len(judged) == 1:
            return capitalize(f"{names(met)} hat den Zielwert erreicht; {label} ist damit erreicht.")
        return f"Alle vereinbarten Bedingungen sind erfüllt; {label} ist damit erreicht."
    if target.status == MISSED:
        if not missed:
            return f"Ein Teilziel ist nicht erreicht; {label} ist damit nicht erreicht."
        if any_rule:
            return f"Keine der vereinbarten Bedingungen ist erfüllt; {label} ist damit nicht erreicht."
        text = capitalize(f"{names(missed)} {_has(missed, 'hat', 'haben')} den Zielwert verfehlt")
        if len(judged) > 1:
            return f"{text}; da alle Bedingungen erfüllt sein müssen, ist {label} nicht erreicht."
        return f"{text}; {label} ist damit nicht erreicht."
    if target.status == NOT_ASSESSABLE:
        if unknown:
            return capitalize(f"{names(unknown)} {_has(unknown, 'ist', 'sind')} nicht bewertbar; {label} ist "
                              "daher nicht bewertbar.")
        return f"Ein Teilziel ist nicht bewertbar; {label} ist daher nicht bewertbar."
    return None


def justification(phrases: Phrases, target: TargetResult, period: Period, *, agency_genitive: str | None,
                  target_year: int, baseline_year: int) -> str:
    """The Begründung: what was agreed and what follows (what happened is said just above it)."""
    parts = [agreed_sentence(phrases, target, agency_genitive=agency_genitive, target_year=target_year,
                             baseline_year=baseline_year),
             conclusion_sentence(phrases, target, period)]
    return " ".join(p for p in parts if p)


def _course_sentence(target: TargetResult, label: str, names, met: list, missed: list, unknown: list,
                     period: Period) -> str | None:
    """Before December: on course or not, by the months so far against the same months a year earlier."""
    so_far = f"nach den Monaten {period.months_text.removeprefix('in den Monaten ')}" if period.month > 1 \
        else "nach dem Januar"
    if target.status == MET:
        if len(met) == 1:
            return capitalize(f"{names(met)} liegt {so_far} auf dem Zielpfad; {label} ist damit auf Zielkurs.")
        return f"Die vereinbarten Größen liegen {so_far} auf dem Zielpfad; {label} ist damit auf Zielkurs."
    if target.status == MISSED and missed:
        return capitalize(f"{names(missed)} {_has(missed, 'liegt', 'liegen')} {so_far} hinter dem Zielpfad; "
                          f"{label} ist damit nicht auf Zielkurs. Was bis Dezember noch nötig ist, steht bei den "
                          "Zahlen oben.")
    if target.status == MISSED:
        return f"Ein Teilziel ist nicht auf Zielkurs; {label} ist es damit auch nicht."
    if target.status == NOT_ASSESSABLE:
        if unknown:
            return capitalize(f"{names(unknown)} {_has(unknown, 'ist', 'sind')} noch nicht bewertbar; {label} "
                              "ist daher noch nicht bewertbar.")
        return f"Ein Teilziel ist noch nicht bewertbar; {label} ist daher noch nicht bewertbar."
    return None
