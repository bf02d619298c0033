"""`check --format`: diagnostics as text, JSON, SARIF 2.1.0 (code scanning) or GitHub annotations.

Text is what people read (stderr, with line and caret); the other formats are for tools and go to
stdout as one document for all files, so a CI step can pipe them on.
"""

from __future__ import annotations

from zieldsl import __version__
from zieldsl.diagnostics import Diagnostic
from zieldsl.json_text import json_text

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _place(d: Diagnostic, fallback: str) -> dict:
    span = d.span
    place = {"file": span.file if span else fallback, "line": span.line if span else 1,
             "column": span.column if span else 1}
    if span is not None and span.end_line is not None and span.end_column is not None:
        place.update(end_line=span.end_line, end_column=span.end_column)
    return place


def as_json(checked: list[tuple[str, list[Diagnostic]]]) -> str:
    """One object per file: its path, whether it passed, and its diagnostics."""
    files = []
    for name, diagnostics in checked:
        items = [{"code": d.code, "severity": d.severity, "message": d.message, "hint": d.hint, **_place(d, name)}
                 for d in diagnostics]
        files.append({"file": name, "errors": sum(d.is_error for d in diagnostics),
                      "warnings": sum(not d.is_error for d in diagnostics), "diagnostics": items})
    return json_text({"files": files})


def as_sarif(checked: list[tuple[str, list[Diagnostic]]]) -> str:
    """SARIF 2.1.0: one run of the tool `zieldsl`, one rule per ZD code met."""
    results, rules = [], {}
    for name, diagnostics in checked:
        for d in diagnostics:
            rules.setdefault(d.code, {"id": d.code, "help": {
                "text": f"Erklärung und Beispiel: Dokumentation, Seite »Fehlermeldungen«, Abschnitt {d.code}."}})
            place = _place(d, name)
            region = {"startLine": place["line"], "startColumn": place["column"]}
            if "end_line" in place:
                region.update(endLine=place["end_line"], endColumn=place["end_column"])
            text = d.message + (f" Hinweis: {d.hint}" if d.hint else "")
            results.append({"ruleId": d.code, "level": "error" if d.is_error else "warning",
                            "message": {"text": text},
                            "locations": [{"physicalLocation": {"artifactLocation": {"uri": place["file"]},
                                                                "region": region}}]})
    run = {"tool": {"driver": {"name": "zieldsl", "version": __version__,
                               "rules": [rules[code] for code in sorted(rules)]}},
           "results": results}
    return json_text({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(checked: list[tuple[str, list[Diagnostic]]]) -> str:
    """GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=ZD102::…`."""
    lines = []
    for name, diagnostics in checked:
        for d in diagnostics:
            place = _place(d, name)
            props = [f"file={_escape_property(place['file'])}", f"line={place['line']}", f"col={place['column']}"]
            if "end_line" in place:
                props += [f"endLine={place['end_line']}", f"endColumn={place['end_column']}"]
            props.append(f"title={_escape_property(d.code)}")
            text = d.message + (f"\nHinweis: {d.hint}" if d.hint else "")
            lines.append(f"::{'error' if d.is_error else 'warning'} {','.join(props)}::{_escape_data(text)}")
    return "\n".join(lines)


RENDERERS = {"json": as_json, "sarif": as_sarif, "github": as_github}
