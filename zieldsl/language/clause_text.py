"""A clause of a target back as DSL text: `frauen K2 steigt um mindestens 5,8 %`.

One printer for the formatter (`zieldsl fmt`), the checker's messages (»K3 steigt um 1 %«
widerspricht …) and the graph's labels when a clause's own source line is not at hand.
It writes the canonical spelling: lowercase keywords with umlauts, German numbers with
the decimals they carry (`number`), never depending on locale data.
"""

from __future__ import annotations

from decimal import Decimal

from zieldsl.language import nodes as n

GROUP_WORDS = {"frauen": "frauen", "maenner": "männer", "gesamt": "gesamt"}
GROUP_DATIVE = {"frauen": "frauen", "maenner": "männern", "gesamt": "gesamt"}  # "zwischen frauen und männern"
QUALIFIERS = {"mindestens": "mindestens", "maximal": "maximal", "höchstens": "höchstens",
              "nicht_mehr_als": "nicht mehr als"}
DIRECTION_ONLY = {"steigt": "steigt", "sinkt": "sinkt", "steigt_nicht": "steigt nicht",
                  "sinkt_nicht": "sinkt nicht", "bleibt_gleich": "bleibt gleich"}
UNITS = {"%": "%", "prozentpunkte": "prozentpunkte", "eur": "eur"}
WISHES = {None: "", "steigt": " soll steigen", "sinkt": " soll sinken"}


def number(value: Decimal) -> str:
    """`Decimal("9327771")` → "9.327.771", `Decimal("0.25")` → "0,25": the decimals it carries.

    Written here rather than with babel (`zieldsl.german`) because this is the grammar's
    NUMBER syntax, which must not depend on locale data.
    """
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite number: {value}")
    text = "".join(map(str, digits))
    if exponent >= 0:
        whole, fraction = text + "0" * exponent, ""
    else:
        text = text.rjust(1 - exponent, "0")
        whole, fraction = text[:exponent], text[exponent:]
    whole = whole.lstrip("0") or "0"
    groups = []
    while len(whole) > 3:
        whole, tail = whole[:-3], whole[-3:]
        groups.insert(0, tail)
    out = ".".join([whole, *groups])
    return ("-" if sign else "") + out + ("," + fraction if fraction else "")


def group(name: str) -> str:
    """Built-in groups in their usual spelling (`männer`); catalogue groups (`gruppe`) by their name."""
    return GROUP_WORDS.get(name, name)


def unit(value: str) -> str:
    return UNITS[value]


def condition_text(c: n.Condition) -> str:
    """`frauen K2 steigt um mindestens 5,8 %`, `K1 sinkt nicht`, `K5 beträgt höchstens 30 %`."""
    words = [group(c.group)] if c.group else []
    words.append(c.indicator)
    if c.measure == "direction":
        words.append(DIRECTION_ONLY[c.verb])
        return " ".join(words)
    if c.measure == "change":
        words += [c.verb, "um"]
    else:  # level: "beträgt" | "erreicht"
        words.append(c.verb)
    if c.qualifier:
        words.append(QUALIFIERS[c.qualifier])
    words.append(number(c.value))
    if c.unit is not None:  # a level of a stock or sum is a plain number: `K3 beträgt höchstens 3.912`
        words.append(unit(c.unit))
    text = " ".join(words)
    if c.proposal is not None:
        return f"{text} ({proposal_text(c.proposal)})"
    return f"{text} ({equivalent_text(c.equivalent)})" if c.equivalent is not None else text


def proposal_text(p: n.Proposal) -> str:
    """`vorschlag 2,0 %`."""
    return f"vorschlag {number(p.value)}" + (f" {unit(p.unit)}" if p.unit is not None else "")


def equivalent_text(e: n.Equivalent) -> str:
    """`auf 3.912` (the indicator's own value), `ca. 2.450 integrationen` (a series of its formula)."""
    if e.indicator is not None:
        return f"ca. {number(e.value)} % {e.indicator}"
    if e.series is not None:
        return f"ca. {number(e.value)} {e.series}"
    return f"auf {number(e.value)}" + (f" {unit(e.unit)}" if e.unit is not None else "")


def count_condition_text(c: n.CountCondition) -> str:
    """`anzahl integrationen mindestens 612, davon frauen mindestens 258`."""
    text = f"anzahl {c.series} {c.bound} {number(c.minimum)}"
    if c.equivalent is not None:
        text += f" ({equivalent_text(c.equivalent)})"
    if c.parts:
        parts = [f"{group(p.group)} mindestens {number(p.minimum)}" for p in c.parts]
        text += ", davon " + " und ".join(parts)
    return text


def monitoring_text(m: n.Monitoring) -> str:
    """`beobachtung frauen K1 prognose steigt um 2,2 % soll sinken`."""
    words = ["beobachtung"]
    if m.group:
        words.append(group(m.group))
    words.append(m.indicator)
    if m.forecast:
        f = m.forecast
        words += ["prognose", f.direction, "um", number(f.value), unit(f.unit)]
    return " ".join(words) + WISHES[m.wish]


def gap_monitoring_text(g: n.GapMonitoring) -> str:
    """`beobachtung abstand K2 zwischen frauen und männern`."""
    return (f"beobachtung abstand {g.indicator} zwischen {GROUP_DATIVE.get(g.group_a, g.group_a)} und "
            f"{GROUP_DATIVE.get(g.group_b, g.group_b)}" + WISHES[g.wish])


CLAUSES = {
    n.Condition: condition_text,
    n.CountCondition: count_condition_text,
    n.Monitoring: monitoring_text,
    n.GapMonitoring: gap_monitoring_text,
}


def clause_text(item) -> str:
    """Any clause of a target (condition, count, monitoring, gap) as DSL text."""
    printer = CLAUSES.get(type(item))
    return printer(item) if printer is not None else str(item)
