"""Plausibility of one value for the kind of series it is given for, shared by the CSV loader and the importer.

The catalogue gives every series a kind (`catalog.SERIES_KINDS`): a stock of persons
(`bestand`) and a count (`anzahl`) are whole and never negative, a sum in EUR (`betrag`)
is never negative, a published indicator value (`rate`, in %) may be anything. A value
that breaks its kind is almost always a rate pasted where a level belongs (`-1,8` as the
LZB stock) or a lost thousands dot (`2,860` persons), so it is refused rather than judged.
A stock that jumps by a factor of ten or more between two months can be real (a new
agency area) but is mostly a typo; it is a warning that the documents print.
"""

from __future__ import annotations

from decimal import Decimal

JUMP_FACTOR = 10
WHOLE_KINDS = ("bestand", "anzahl")
NON_NEGATIVE_KINDS = ("bestand", "anzahl", "betrag", "stand")

_KIND_WORDS = {"bestand": "ein Bestand an Personen", "anzahl": "eine Anzahl", "betrag": "eine Summe in EUR",
               "stand": "ein Jahresfortschrittswert eines Bestands oder einer Summe"}


def value_problem(kind: str | None, value: Decimal | int) -> tuple[str, str] | None:
    """(message, hint) when `value` cannot be a value of a series of this kind; None when it can."""
    if kind in NON_NEGATIVE_KINDS and value < 0:
        return (f"negativ, aber die Reihe ist {_KIND_WORDS[kind]}",
                "Bestände, Anzahlen und Summen sind nie negativ; eine veröffentlichte Veränderungsrate "
                "(z. B. K3 = -1,8 %) gehört in ihre eigene Reihe (K3_veraenderung), nicht in lzb.")
    if kind in WHOLE_KINDS and Decimal(value) != Decimal(value).to_integral_value():
        return (f"keine ganze Zahl, aber die Reihe ist {_KIND_WORDS[kind]}",
                "Personen und Ereignisse werden ganz gezählt. Ist ein Tausenderpunkt gemeint (2.860 statt "
                "2,860)? Oder ist es eine Quote bzw. Veränderungsrate, die in eine eigene Reihe gehört "
                "(K2_12monate, K3_veraenderung)?")
    return None


def is_jump(previous: Decimal | int, current: Decimal | int) -> bool:
    """A stock that grows or shrinks by a factor of JUMP_FACTOR or more from one month to the next."""
    if previous <= 0 or current <= 0:
        return False
    return current >= previous * JUMP_FACTOR or previous >= current * JUMP_FACTOR
