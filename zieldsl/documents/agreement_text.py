"""The agreement document regenerated from the results, in the seed's structure and wording.

Title block, I. Grundsätze, II. Rahmenbedingungen with the budget lines, III.
Vereinbarungen with § 1, § 2 (each target's text and its generated sentence, e.g. "Das
Ziel ist im Jahr 2026 erreicht, wenn die Integrationsquote des Landkreises Leer um
5,8 % im Vergleich zum Jahr 2025 steigt.", and what it monitors where no text says so),
§ 3 (the file's prose section, or generated from `zieldialoge`, `bewertung`, `abschluss`
and `berücksichtigung`), and the signatures. No audit note: a contract carries no checksums.
"""

from __future__ import annotations

import re

from zieldsl import german as fmt
from zieldsl.documents import sentences as s
from zieldsl.results import AgreementResult, TargetResult

KNOWN_SECTIONS = ("grundsaetze", "rahmenbedingungen", "verpflichtung", "zielnachhaltung")


def paragraphs(text: str | None) -> list[str]:
    """Blank-line separated paragraphs, each on one line."""
    if not text:
        return []
    return [re.sub(r"\s*\n\s*", " ", p.strip()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]



# What the agreement is about, by the rail of § 48b Abs. 1 S. 1 SGB II its legal basis names (Nr. 1 BMAS–BA and
# Nr. 2 Agentur and Kommune with the Jobcenter need no addition: the parties say it).
RAILS = {"3": " hinsichtlich der Leistungserbringung durch die zugelassenen kommunalen Träger",
         "4": " hinsichtlich der Leistungserbringung durch die Kommunalen Jobcenter"}


def contract(r: AgreementResult, ph: s.Phrases) -> dict:
    """The agreement document: title block, sections I–III, § 1–3, the target sentences, signatures."""
    f = r.framework
    agency_name = f.agency.name if f.agency else r.agency
    genitive = f.agency.genitive if f.agency and f.agency.genitive else None
    sides = f.parties or ((f.land,) if f.land else ())  # several signing ministries or partners: all of them
    land_nom = s.join_and([s.party_phrase(ph, p.name, "nom") + (f" ({p.short})" if p.short else "")
                           for p in sides])
    closes = "schließen" if len(sides) > 1 else "schließt"
    title = r.title
    match = re.match(r"^Vereinbarung (zur .+?)(?: im Jahr \d{4})?$", title)
    rail = RAILS.get(next((nr for nr in RAILS if f.legal_basis and f"Nr. {nr}" in f.legal_basis), ""), "")
    legal = f" gemäß {f.legal_basis}" if f.legal_basis else ""
    body = f"{land_nom} mit {s.party_phrase(ph, agency_name, 'dat')}{rail}{legal} für das Jahr {r.target_year}"
    intro = (f"{s.capitalize(match.group(1))} {closes} {body} folgende" if match
             else f"{s.capitalize(land_nom)} {closes} mit {s.party_phrase(ph, agency_name, 'dat')}{rail}{legal} "
                  f"für das Jahr {r.target_year} folgende")
    sections = {sec.id: {"title": sec.title, "paragraphs": paragraphs(sec.text)} for sec in f.sections}
    closing = "," if f.regulation and re.search(r", (die|der|das) ", f.regulation) else ""  # ends a relative clause
    budgets = [f"{b.title} {fmt.number(b.amount, 0)} Euro" for b in f.budgets]
    if budgets:
        budgets[-1] += "."
    shorts = []
    for party in sides:
        named = s.party_phrase(ph, party.name, "nom")
        article = named.split(" ", 1)[0]
        shorts.append(f"{article if article in ('der', 'die', 'das') else 'das'} {party.short}" if party.short
                      else named)
    partners = s.join_and([s.capitalize(s.party_phrase(ph, agency_name, 'nom')), *shorts])
    targets = []
    for t in r.targets:
        if t.parent:
            continue
        subs = [sub for sub in r.targets if sub.parent == t.id]
        targets.append(_target(r, ph, t, subs, genitive, agency_name))
    signatures = []
    for sig in f.signatures:
        party = sig.party
        side = next((p for p in sides if sig.party in (p.short, p.name)), None)
        if side is not None:
            party = side.name
        elif f.agency and sig.party in (f.agency.short, f.agency.name):
            party = f.agency.name
        signatures.append({
            "place_date": f"{sig.place}, den {fmt.date_long(sig.date)}",
            "note": sig.note or "",
            "signatory": f"({sig.signatory})",
            "party": party,
        })
    # § numbers follow the sections the file has: without `verpflichtung` the targets are § 1, not § 2 after an
    # empty § 1; the file's other sections follow in its order
    review = sections.get("zielnachhaltung") or review_section(r, ph, partners)
    # the §§ in the file's order (`Framework.contract_order`), numbered as they come: no empty §
    order = f.contract_order or ("verpflichtung", "ziele", "zielnachhaltung",
                                 *(sec.id for sec in f.sections if sec.id not in KNOWN_SECTIONS))
    parts = []
    for key in order:
        if key == "ziele":
            parts.append({"kind": "ziele", "key": key, "title": "Ziele, Zielindikatoren und Ergänzungsgrößen",
                          "paragraphs": []})
        elif key == "zielnachhaltung" and review:
            parts.append({"kind": "abschnitt", "key": key, **review})
        elif key in sections and key not in ("grundsaetze", "rahmenbedingungen"):
            parts.append({"kind": "abschnitt", "key": key, **sections[key]})
    for number, part in enumerate(parts, start=1):
        part["number"] = number
    numbers = {part["key"]: part["number"] for part in parts}
    others = [sec for sec in f.sections if sec.id not in KNOWN_SECTIONS]
    return {
        "title": title,
        "intro": intro,
        "heading": "Vereinbarung",
        "sections": sections,
        "grundsaetze": sections.get("grundsaetze"),
        "rahmenbedingungen": sections.get("rahmenbedingungen"),
        "verpflichtung": sections.get("verpflichtung"),
        "zielnachhaltung": review,
        "parts": parts,  # the §§ in order; templates of earlier versions use the keys below
        "other_sections": [{"title": sec.title, "paragraphs": paragraphs(sec.text), "number": numbers[sec.id]}
                           for sec in others],
        "numbers": numbers,
        "budgets": budgets,
        "goals_intro": f"(1) {partners} vereinbaren sich zu folgenden Zielen:",
        "targets": targets,
        "regulation_sentence": (f"(2) Hinsichtlich der Zielindikatoren und der jeweils zu berücksichtigenden "
                                f"Ergänzungsgrößen findet die {f.regulation}{closing} Anwendung.")
        if f.regulation else "",
        "signatures": signatures,
    }

def _target(r: AgreementResult, ph: s.Phrases, t: TargetResult, subs: list[TargetResult],
            genitive: str | None, agency_name: str) -> dict:
    sentence = None
    if t.kind == "schwelle" or t.conditions:
        sentence = s.target_sentence(ph, t, agency_genitive=genitive, target_year=r.target_year,
                                     baseline_year=r.baseline_year)
    steps = [st for st in t.steps if st.kind == "schritt"]
    conditions = [st for st in t.steps if st.kind != "schritt"]

    def with_deadline(st) -> str:
        return st.text + (f" (bis zum {fmt.date_long(st.deadline)})" if st.deadline else "")

    # agreed emphases stand in the agreement as written, after the target's texts; what the target
    # monitors is said where no text of its own describes it (never an empty heading)
    own = [p for text in t.texts + t.emphases for p in paragraphs(text)]
    watched = monitoring_sentence(ph, t) if not t.texts else None
    if t.waived:  # `ausgesetzt "…"`, as the file gives the reason
        sentence = (sentence or "") + f" Das Ziel ist für das Jahr {r.target_year} ausgesetzt: {t.waived}"
        sentence = sentence.strip()
    view = {
        "number": t.number,
        "title": t.title,
        "paragraphs": own + ([watched] if watched and not sentence else []),
        "sentence": " ".join(p for p in (sentence, watched) if p) if sentence else "",
        "subtargets": [_subtarget(ph, sub) for sub in subs],
        "steps_intro": "",
        "steps": [with_deadline(st) for st in steps],
        "conditions_intro": "",
        "condition_lines": [],
    }
    if steps:
        view["steps_intro"] = ("Auf Basis der vorliegenden Erkenntnisse und Erfahrungen sowie der regionalen "
                               "Handlungsbedarfe verständigen sich die Zielvereinbarungspartner für "
                               f"{s.party_phrase(ph, agency_name, 'acc')} auf die folgenden Umsetzungsschritte:")
    if t.steps:
        word = s.conjunction(t.rule)
        lead = "Das Ziel ist erreicht, wenn die vereinbarten Schritte umgesetzt wurden" if steps else \
            "Das Ziel ist erreicht, wenn"
        if len(conditions) == 1:
            text = with_deadline(conditions[0])
            view["conditions_intro"] = f"{lead} sowie wenn {text} wurden." if steps else f"{lead} {text} wurden."
        elif conditions:
            view["conditions_intro"] = f"{lead} sowie" if steps else lead
            lines = [with_deadline(c) for c in conditions]
            view["condition_lines"] = [f"{line} {word}" for line in lines[:-1]] + [f"{lines[-1]} wurden."]
        else:
            view["conditions_intro"] = f"{lead}."
    return view

def _subtarget(ph: s.Phrases, sub: TargetResult) -> dict:
    texts = [p for text in sub.texts + sub.emphases for p in paragraphs(text)]
    sentence = s.subtarget_sentence(ph, sub) or ""
    return {
        "title": sub.title,
        "paragraphs": texts,
        "sentence": sentence,
        "text": " ".join(texts + ([sentence] if sentence else [])),
    }


TIMES = {1: "einmal", 2: "zweimal", 3: "dreimal", 4: "viermal", 6: "sechsmal", 12: "zwölfmal"}
# `zieldialoge quartalsweise` / `regelmäßig` as the sentence of § 3 says it
_DIALOGUE_RHYTHMS = {"quartalsweise": "unterjährig quartalsweise", "regelmäßig": "unterjährig in regelmäßigen Abständen"}


def review_section(r: AgreementResult, ph: s.Phrases, partners: str) -> dict:
    """§ 3 from what the file declares where it gives no prose section: `zieldialoge`, `bewertung`,
    `abschluss` and `berücksichtigung`, in the seed's order and wording."""
    f = r.framework
    out = []
    subject = "Zieldialoge zur Entwicklung der Kennzahlen und Ergänzungsgrößen nach § 48a SGB II sowie zum Stand " \
              "der Zielerreichung"
    if f.dialogues and not f.dialogues.startswith("mindestens"):  # a rhythm or the quarters, as agreed
        when = _DIALOGUE_RHYTHMS.get(f.dialogues, f.dialogues)  # "im zweiten Quartal" stands as it is
        out.append(f"{partners} führen {when} {subject}.")
    elif f.dialogues_minimum:
        times = TIMES.get(f.dialogues_minimum, f"{f.dialogues_minimum}-mal")
        out.append(f"{partners} führen unterjährig in regelmäßigen Abständen – mindestens jedoch {times} "
                   f"jährlich – {subject}.")
    has_dialogues = bool(f.dialogues_minimum or f.dialogues)
    waiting = "mit Wartezeit" if f.waiting_period else "ohne Wartezeit"
    basis = "Jahresfortschrittswerte" if f.basis == "jahresfortschrittswerte" else "Jahresendwerte"
    compared = ("jeweils die Jahresfortschrittswerte mit den gleichen Ladeständen verglichen"
                if f.vintage_policy == "gleicher" else
                "die Werte beider Jahre aus demselben Datenabzug verglichen")
    grounds = "die Zieldialoge und die Beurteilung" if has_dialogues else "die Beurteilung"
    out.append(f"Grundlage für {grounds} der Zielerreichung {r.target_year} bilden die "
               f"{basis} {waiting}. Für die (unterjährige) Beurteilung der vereinbarten Zielwerte "
               f"(Zielerreichung) werden {compared}.")
    if f.final_evaluation_year:
        out.append(f"Die Gesamtergebnisse der Zielsteuerung {r.target_year} werden auf Grundlage von "
                   f"Jahresendwerten {r.target_year} {waiting} im Rahmen des Dialogs im Frühjahr "
                   f"{f.final_evaluation_year} bewertet.")
    out.extend(p for c in f.considerations for p in paragraphs(c.text))
    title = "Zielnachhaltung und Zieldialoge" if has_dialogues else "Zielnachhaltung"
    return {"title": title, "paragraphs": [f"({i}) {text}" for i, text in enumerate(out, start=1)]}


def monitoring_sentence(ph: s.Phrases, t: TargetResult) -> str | None:
    """"Beobachtet werden, ohne Zielwert: die Integrationsquote der Geflüchteten (gewünscht: ein Anstieg) und
    …"; supplementary indicators are named as such."""
    def phrase(c) -> str:
        if c.kind == "abstand":
            names = [s.group_of(p) for p in c.components[:2]] or ["Frauen", "Männer"]
            between = "Frauen und Männern" if names == ["Frauen", "Männer"] else " und ".join(names)
            text = f"der Abstand zwischen {between} bei der Kennzahl »{c.indicator_title}«"
        else:
            text = s.with_group(ph.nominative(c.indicator, c.indicator_title), c.group, c.group_label,
                                c.group_genitive)
        if c.wanted_direction:
            wanted = {"steigt": "ein Anstieg", "sinkt": "ein Rückgang"}[c.wanted_direction]
            if c.kind == "abstand":
                wanted = "ein kleinerer Abstand" if c.wanted_direction == "sinkt" else "ein größerer Abstand"
            text += f" (gewünscht: {wanted})"
        elif c.forecast:
            text += f" (erwartet: {c.forecast.replace('steigt', 'Anstieg').replace('sinkt', 'Rückgang')})"
        return text

    parts = []
    if t.monitoring:
        lead = "Beobachtet werden außerdem, ohne Zielwert:" if t.conditions else "Beobachtet werden, ohne Zielwert:"
        parts.append(f"{lead} {s.join_and([phrase(c) for c in t.monitoring])}.")
    if t.supplementary:
        parts.append(f"Als Ergänzungsgrößen werden dargestellt: {s.join_and([phrase(c) for c in t.supplementary])}.")
    return " ".join(parts) or None
