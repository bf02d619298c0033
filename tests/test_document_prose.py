"""The body of a document is German prose for the Landrat: no DSL syntax, no code names with comparison
signs, no calculation. The calculation (formulas, unrounded values, data points, hashes) is in the
appendix "Berechnung und Datengrundlage"; the gender split check is no part of a Feststellung."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from zieldsl import api

REPO = Path(__file__).resolve().parents[1]
AGREEMENTS = sorted((REPO / "vereinbarungen").glob("**/*.ziel"))
APPENDIX = "Anhang: Berechnung und Datengrundlage"

# DSL or calculation in prose, each with what it catches
LEAKS = {
    r"\b[A-Z]\d(?:E\d)?\s+(?:steigt|sinkt|beträgt|erreicht|bleibt)\b": "a code name as a sentence's subject (»K2 steigt«)",
    r"\b(?:frauen|männer|maenner|gesamt|alleinerziehende)\s+[A-Z]\d": "a DSL group before a code (»frauen K2«)",
    r"\d\s*(?:%|Prozentpunkte)?\s*[≥≤<>=]\s*[+−-]?\d": "a comparison of numbers (»580 ≥ 672«)",
    r"Ergebnis:\s*[A-Z]\d": "a result line with a code (»Ergebnis: K2 …«)",
    r"\b(?:integrationen|elb|lzb|llu|luh)\b": "a series name as written in the DSL",
    r"\b(?:beobachtung|anzahl|ergänzungsgröße|bedingung|schritt)\s+[\wÄÖÜäöü]": "a lowercase DSL keyword",
    r"erreicht wenn|\bziel \d": "DSL rule or target syntax",
    r"»[\wäöü]*_[\wäöü]*«": "an identifier with an underscore",
    r"\(ungerundet\)|kaufmännisch gerundet": "the calculation's unrounded values",
    r"SHA-256|[0-9a-f]{64}": "a hash",
    r"geschlechterspezifischen Ziele für": "the gender split check (it judges the agreement, not the year)",
}


def body_text(data: bytes, output_format: str) -> str:
    text = data.decode("utf-8")
    if output_format == "html":
        text = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"</t[dh]>", " | ", text)  # keep table cells apart
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    assert APPENDIX in text, "the appendix heading is missing"
    return text.split(APPENDIX, 1)[0]


def cases():
    for path in AGREEMENTS:
        for as_of in (None, "2026-06"):
            yield pytest.param(path, as_of, id=f"{path.stem}-{as_of or 'final'}")


@pytest.mark.parametrize("path, as_of", list(cases()))
def test_body_prose_has_no_dsl_and_no_calculation(path, as_of):
    (result,) = api.evaluate_files([path], as_of=as_of)
    wordings = {c.wording for t in result.targets for c in t.conditions + t.monitoring + t.supplementary
                if c.kind != "anzahl" or " " in c.wording}
    kind = "feststellung" if as_of is None else "zwischenbericht"
    for output_format in ("md", "html"):
        body = body_text(api.render_document(result, kind, output_format), output_format)
        leaks = {p: why for p, why in LEAKS.items() if not (as_of and why.startswith("the gender split"))}
        found = [f"{why}: »{m.group(0)}«" for pattern, why in leaks.items()
                 for m in [re.search(pattern, body)] if m]
        found += [f"a condition as written in the agreement: »{w}«" for w in sorted(wordings) if w in body]
        assert not found, f"{path.name} {kind} {output_format}: " + "; ".join(found)


def test_calculation_and_hashes_are_in_the_appendix(leer_path):
    (result,) = api.evaluate_files([leer_path])
    text = api.render_document(result, "feststellung", "md").decode("utf-8")
    body, appendix = text.split(APPENDIX, 1)
    assert "### Begründung\n\nVereinbart ist: Das Ziel ist im Jahr 2026 erreicht, wenn die Integrationsquote" in body
    assert "kaufmännisch gerundet" in appendix and "SHA-256" in appendix and "Summe integrationen" in appendix
    assert "Die Integrationsquote der Männer hat den Zielwert verfehlt; da alle Bedingungen erfüllt sein müssen, " \
           "ist das geschlechterspezifische Ziel nicht erreicht." in body
    # the gender split check is no part of the judgement, neither in the body nor in the appendix
    assert "geschlechterspezifischen Ziele für" not in text


def test_interim_report_notes_the_gender_split_check_on_the_agreement(leer_path):
    (result,) = api.evaluate_files([leer_path], as_of="2026-06")
    text = api.render_document(result, "zwischenbericht", "md").decode("utf-8")
    body = text.split(APPENDIX, 1)[0]
    assert "*Hinweis zur Vereinbarung:* Die geschlechterspezifischen Ziele für" in text
    assert "Hinweis zur Vereinbarung" in body
