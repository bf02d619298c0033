"""Generated documentation: the indicator catalogue page and the list of diagnostic codes.

The docs must not retype what the code already knows. The mkdocs hook
(`docs/hooks.py`) calls these functions while building the site, and the tests
call them too, so a new indicator or a new diagnostic code shows up in the docs
(or fails the build) without anyone remembering to copy it.
"""

from __future__ import annotations

import re
from pathlib import Path

from zieldsl.language.catalog import FUNCTIONS, SERIES_UNITS, Catalog, standard_catalog
from zieldsl.german import date_long

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "zieldsl"

# What each formula function computes, in the words of the catalogue's header comment.
FUNCTION_TEXTS: dict[str, str] = {
    "summe": "Summe der Monatswerte Januar bis Berichtsmonat: Σ r(m)",
    "mittelwert": "Durchschnitt der Monatsbestände Januar bis Berichtsmonat",
    "quote": "100 × Σ z(m) ÷ Durchschnitt von n(m − 1): der Nenner ist jeweils der Bestand des Vormonats",
    "anteil": "100 × Σ z(m) ÷ Σ n(m)",
    "rate": "Durchschnitt der Monatsquoten 100 × z(m) ÷ n(m)",
    "rate_vormonat": "Durchschnitt der Monatsquoten 100 × z(m) ÷ n(m − 1)",
}

_SERIES_KINDS = {"anzahl": "Anzahl (Ereignisse im Monat)", "bestand": "Bestand (Stand im Monat)",
                 "betrag": "Betrag (Summe im Monat)"}
_GOOD = {"steigt": "steigt", "sinkt": "sinkt", None: "–"}

# A diagnostic code as the sources write it: a string literal such as the one in checker.py for ZD201.
_CODE_LITERAL = re.compile(r"""["'](ZD\d{3})["']""")
_DOC_HEADING = re.compile(r"^#{2,4}\s+(ZD\d{3})\b", re.MULTILINE)

CODE_RANGES = (
    ("ZD0", "Dateien lesen"),
    ("ZD1", "Syntax"),
    ("ZD2", "Prüfung der Vereinbarung"),
    ("ZD3", "Datendateien (CSV und YAML)"),
    ("ZD4", "Bewertung"),
    ("ZD5", "Vorlagen und Ausgabe"),
    ("ZD6", "Grenzen"),
    ("ZD7", "Import von Tabellen"),
)


def _cell(text: str | None) -> str:
    """Text safe for a Markdown table cell."""
    return "–" if not text else text.replace("|", "\\|").replace("\n", " ")


def _formula(function: str, args: tuple[str, ...]) -> str:
    return f"`{function}({', '.join(args)})`" if function else "–"


def catalog_markdown(catalog: Catalog | None = None) -> str:
    """The Kennzahlenkatalog page body: indicators, their formulas, the series, the legal changes."""
    catalog = catalog or standard_catalog()
    out: list[str] = []
    indicators = list(catalog.indicators.values())
    out += ["## Übersicht {#uebersicht}", "",
            "| Code | Name | Art | gehört zu | gut ist | Einheit |",
            "|---|---|---|---|---|---|"]
    for ind in indicators:
        kind = "Kennzahl" if ind.kind == "kennzahl" else "Ergänzungsgröße"
        parent = f"[{ind.parent}](#{ind.parent.lower()})" if ind.parent else "–"
        out.append(f"| [`{ind.code}`](#{ind.code.lower()}) | {_cell(ind.title)} | {kind} | {parent} | "
                   f"{_GOOD.get(ind.good, ind.good)} | {_cell(ind.unit)} |")
    out += ["", "## Kennzahlen und Ergänzungsgrößen {#kennzahlen}", ""]
    for ind in indicators:
        children = [c.code for c in indicators if c.parent == ind.code]
        out += [f"### {ind.code} – {ind.title} {{#{ind.code.lower()}}}", ""]
        if ind.definition:
            out += [ind.definition + ".", ""]
        out.append(f"- **Art:** {'Kennzahl' if ind.kind == 'kennzahl' else 'Ergänzungsgröße'}"
                   + (f" zu [{ind.parent}](#{ind.parent.lower()})" if ind.parent else ""))
        out.append(f"- **Formel:** {_formula(ind.function, ind.args)}"
                   + (f": {FUNCTION_TEXTS[ind.function]}" if ind.function in FUNCTION_TEXTS else ""))
        if ind.args:
            named = ", ".join(f"`{a}` ({catalog.series[a].title})" for a in ind.args if a in catalog.series)
            out.append(f"- **Reihen:** {named}")
        out.append(f"- **Einheit:** {ind.unit}" + (" (eine Quote; Veränderungen in % oder prozentpunkte)"
                                                    if ind.is_ratio else " (Veränderungen nur in %)"))
        out.append(f"- **Gut ist:** {'die Kennzahl ' + ind.good if ind.good else 'keine Richtung festgelegt'}")
        if ind.law_ref:
            out.append(f"- **Fundstelle:** {ind.law_ref}")
        if children:
            out.append("- **Ergänzungsgrößen:** " + ", ".join(f"[{c}](#{c.lower()})" for c in children))
        out.append("")
    out += ["## Formeln", "",
            "Alle Formeln rechnen über die Monate m = Januar … Berichtsmonat des Jahres "
            "(Jahresfortschrittswert).", "",
            "| Formel | Reihen | Berechnung |", "|---|---|---|"]
    for function, (arity, _unit) in FUNCTIONS.items():
        params = "r" if arity == 1 else "z, n"
        out.append(f"| `{function}({params})` | {arity} | {FUNCTION_TEXTS.get(function, '–')} |")
    out += ["", "## Reihen {#reihen}", "",
            "Die Monatsreihen, die in den Daten in der Spalte `reihe` stehen dürfen.", "",
            "| Reihe | Bedeutung | Art | Einheit |", "|---|---|---|---|"]
    for series in catalog.series.values():
        unit = series.unit or SERIES_UNITS[series.kind]
        out.append(f"| `{series.id}` | {_cell(series.title)} | {_SERIES_KINDS.get(series.kind, series.kind)} "
                   f"| {unit} |")
    if catalog.legal_changes:
        out += ["", "## Rechtsänderungen {#rechtsaenderungen}", "",
                "Der Katalog nennt Rechtsänderungen, die nach § 3 (4) der Vereinbarungen bei der Beurteilung "
                "zu berücksichtigen sind.", "",
                "| gilt ab | Rechtsänderung |", "|---|---|"]
        for change in catalog.legal_changes:
            out.append(f"| {date_long(change.effective)} | {_cell(change.title)} |")
    return "\n".join(out) + "\n"


def diagnostic_codes(package_dir: Path = PACKAGE_DIR) -> dict[str, list[str]]:
    """Every diagnostic code the sources can emit → the modules that use it (sorted)."""
    found: dict[str, set[str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir.parent).as_posix()
        for code in _CODE_LITERAL.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, set()).add(relative)
    return {code: sorted(found[code]) for code in sorted(found)}


def documented_codes(markdown: str) -> list[str]:
    """Codes that have their own heading (`### ZD201 …`) on the Fehlermeldungen page."""
    return _DOC_HEADING.findall(markdown)


def code_problems(markdown: str, codes: dict[str, list[str]] | None = None) -> list[str]:
    """German complaints about codes the sources use but the page lacks, and the reverse."""
    codes = diagnostic_codes() if codes is None else codes
    documented = documented_codes(markdown)
    problems = [f"Code {code} ({', '.join(codes[code])}) ist in docs/fehlermeldungen.md nicht beschrieben"
                for code in codes if code not in documented]
    problems += [f"Code {code} ist beschrieben, kommt in den Quellen aber nicht (mehr) vor"
                 for code in documented if code not in codes]
    problems += [f"Code {code} ist mehrfach beschrieben" for code in sorted(set(documented))
                 if documented.count(code) > 1]
    return problems


def codes_overview(codes: dict[str, list[str]] | None = None) -> str:
    """A table of every code by range, linking to its section."""
    codes = diagnostic_codes() if codes is None else codes
    out = ["| Bereich | Codes |", "|---|---|"]
    for prefix, label in CODE_RANGES:
        members = [c for c in codes if c.startswith(prefix)]
        if members:
            links = ", ".join(f"[{c}](#{c.lower()})" for c in members)
            out.append(f"| {prefix}xx {label} | {links} |")
    return "\n".join(out) + "\n"


def module_map_markdown(package_dir: Path = PACKAGE_DIR) -> str:
    """A table of the package's modules with the first line of each docstring (for developers.md)."""
    import ast

    out = ["| Module | Purpose |", "|---|---|"]
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir.parent).as_posix()
        if "/_data/" in relative:
            continue
        try:
            docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        except SyntaxError:
            docstring = ""
        first = docstring.strip().split("\n\n")[0].replace("\n", " ")
        out.append(f"| `{relative}` | {_cell(first) if first else '–'} |")
    return "\n".join(out) + "\n"


def template_fields(repo_root: Path) -> list[tuple[str, str]]:
    """(field path, example) for every field a document template sees, from the bundled Leer example.

    Built from the real context (`zieldsl.documents.context.build_context`) of a Feststellung and of the
    agreement document, so the Vorlagen page lists exactly what templates get.
    """
    import os

    from zieldsl.documents.context import build_context
    from zieldsl.api import evaluate_files
    from zieldsl.documents.output import load_phrases

    previous = os.getcwd()
    os.chdir(repo_root)  # relative paths in the example values, whatever the checkout's location
    try:
        (result,) = evaluate_files(["vereinbarungen/leer-2026.ziel"])
        phrases = load_phrases(None)
        contexts = [build_context(result, kind, "html", phrases=phrases) for kind in ("feststellung", "vereinbarung")]
    finally:
        os.chdir(previous)
    found: dict[str, str] = {}
    for context in contexts:
        _walk(context, "", found)
    # a list that has fields of its own is described by them
    return [(path, example) for path, example in found.items()
            if not any(other.startswith(path + ".") for other in found)]


def _example(value) -> str:
    from markupsafe import Markup

    if isinstance(value, Markup) and str(value).lstrip().startswith("<svg"):
        return "<svg …> (Diagramm als SVG)"
    text = str(value) if not isinstance(value, str) else value
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "…"


def _walk(value, path: str, found: dict[str, str]) -> None:
    import dataclasses

    if path == "result":
        found.setdefault(path, "das vollständige Bewertungsergebnis (zieldsl.results.AgreementResult)")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{path}.{key}" if path else key, found)
        return
    if isinstance(value, (list, tuple)):
        path = path + "[]"
        if not value:
            found.setdefault(path, "(leer im Beispiel)")
        for item in value:
            if isinstance(item, (dict, list, tuple)):
                _walk(item, path, found)
            elif found.get(path) in (None, "(leer im Beispiel)"):
                found[path] = _example(item)
        return
    if dataclasses.is_dataclass(value):
        found.setdefault(path, f"({type(value).__name__})")
        return
    example = _example(value) if value not in (None, "") else "(leer im Beispiel)"
    if found.get(path) in (None, "(leer im Beispiel)"):
        found[path] = example


def template_fields_markdown(repo_root: Path) -> str:
    """Tables of template fields for docs/vorlagen.md, one per top-level field."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for path, example in template_fields(repo_root):
        top = path.split(".")[0]
        groups.setdefault(top if "." in path else "", []).append((path, example))
    out: list[str] = []
    for top, rows in groups.items():
        out += ["", f"#### `{top}`" if top else "#### Einzelne Felder", "",
                "| Feld | Beispiel aus der Leer-Vereinbarung |", "|---|---|"]
        for path, example in rows:
            shown = _cell(example) if example.startswith("(") or "`" in example else f"`{_cell(example)}`"
            out.append(f"| `{path}` | {shown} |")
    return "\n".join(out).lstrip("\n") + "\n"
