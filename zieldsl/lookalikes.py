"""Letters that look Latin but are not: »К3« with a Cyrillic К reads like K3 and is another name.

Names in agreements and data (indicators, series, groups, targets) are Latin letters and digits.
A name with a Cyrillic or Greek capital, a full-width letter or a similar look-alike is almost
always pasted from somewhere else; the diagnostics name the character with its Unicode name and
give the Latin spelling instead of only saying "unknown".
"""

from __future__ import annotations

import unicodedata

# Cyrillic and Greek letters drawn like Latin ones in common fonts (a small part of Unicode's
# confusables.txt: the ones that occur in names like K2, K3E1, integration, frauen).
_LOOKALIKES = {
    # Cyrillic capitals and small letters
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "к": "k",
    # Greek capitals and small letters
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "κ": "k", "ρ": "p",
}


def latin_for(char: str) -> str | None:
    """The ASCII character `char` is mistaken for, or None if it is ASCII or looks like nothing Latin."""
    if char.isascii():
        return None
    if char in _LOOKALIKES:
        return _LOOKALIKES[char]
    folded = unicodedata.normalize("NFKC", char)  # full-width Ｋ, superscript ², …
    if folded != char and folded.isascii() and folded.isalnum():
        return folded
    return None


def unicode_name(char: str) -> str:
    """`U+041A CYRILLIC CAPITAL LETTER KA`."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNBENANNTES ZEICHEN')}"


def latin_form(word: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The word with every look-alike replaced by its Latin letter, and the replaced (char, latin) pairs;
    None if the word has no look-alike."""
    replaced: list[tuple[str, str]] = []
    letters = []
    for char in word:
        latin = latin_for(char)
        if latin is None:
            letters.append(char)
        else:
            letters.append(latin)
            if (char, latin) not in replaced:
                replaced.append((char, latin))
    if not replaced:
        return None
    return "".join(letters), replaced


def explain(word: str) -> str | None:
    """A German sentence naming the look-alike characters of `word`, or None if it has none."""
    form = latin_form(word)
    if form is None:
        return None
    _latin, replaced = form
    parts = [f"»{char}« ({unicode_name(char)}) sieht aus wie das lateinische »{latin}«, ist es aber nicht"
             for char, latin in replaced[:3]]
    return f"»{word}« enthält ein Zeichen aus einer anderen Schrift: " + "; ".join(parts) + "."
