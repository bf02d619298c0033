"""Import profiles: how the columns of someone else's table map to zieldsl's series (YAML, data not code).

A profile names the column with the agency code, where the Berichtsmonat and the
Ladestand come from, which cell texts mean "no value", how women/men are told apart
(column endings such as `_F`/`_M`, a group column, or a sheet per group) and which
column headings (wide shape) or which values of a series column (long shape) become
which series. The shipped profiles live in `zieldsl/inputs/profiles/`; a Land writes
its own file in the same format (docs/daten-herkunft.md). Problems: ZD700–ZD702.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from zieldsl.diagnostics import Diagnostic, Span, ZielError, did_you_mean
from zieldsl.language.catalog import Catalog

PROFILE_DIR = Path(__file__).resolve().parent.parent / "profiles"

SHAPES = ("breit", "lang")
MONTH_SOURCES = ("spalte", "blatt", "titel")
VINTAGE_SOURCES = ("spalte", "titel")
GROUPS = ("gesamt", "frauen", "maenner")
_GROUP_WORDS = {"gesamt": "gesamt", "frauen": "frauen", "maenner": "maenner", "männer": "maenner"}

_TOP_KEYS = ("profil", "titel", "form", "traeger", "berichtsmonat", "ladestand", "fehlend", "gruppen", "reihen",
             "reihe", "wert", "ignorieren", "blaetter_ohne", "eigene_reihen", "katalognamen")
_KEY_ALIASES = {"träger": "traeger", "blätter_ohne": "blaetter_ohne"}


@dataclass(frozen=True)
class Profile:
    """A checked import profile. Column names are compared case- and space-insensitively."""

    name: str
    title: str
    shape: str
    agency_columns: tuple[str, ...]
    agency_digits: int
    month_sources: tuple[str, ...]
    month_columns: tuple[str, ...]
    vintage_sources: tuple[str, ...]
    vintage_columns: tuple[str, ...]
    vintage_labels: tuple[str, ...]
    missing: frozenset[str]
    group_endings: tuple[tuple[str, str], ...]  # (ending, group), longest first
    group_columns: tuple[str, ...]
    group_values: dict[str, str]
    group_sheets: tuple[tuple[str, str], ...]  # (word in the sheet name, group)
    series: dict[str, str]  # heading (wide) or value (long), normalised → series name
    series_columns: tuple[str, ...]
    value_columns: tuple[str, ...]
    ignored: frozenset[str]
    skipped_sheets: tuple[re.Pattern, ...]
    path: str = ""
    own_series: frozenset[str] = field(default_factory=frozenset)


def normalise(text: object) -> str:
    """A heading or cell text as compared: trimmed, lower case, inner white space as one blank."""
    return " ".join(str(text).split()).lower()


def shipped_profiles() -> list[str]:
    """The names of the profiles that come with zieldsl (`zieldsl import --profil NAME`)."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def profile_path(name_or_path: str) -> Path:
    """A shipped profile by name (`bmas-48a`) or a profile file by path."""
    path = Path(name_or_path)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return path
    return PROFILE_DIR / f"{name_or_path}.yaml"


def load_profile(name_or_path: str, catalog: Catalog) -> Profile:
    """Read and check a profile; every problem at once as ZD700–ZD702."""
    path = profile_path(name_or_path)
    shown = str(path) if path.parent != PROFILE_DIR else f"Profil {path.stem}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError:
        known = shipped_profiles()
        hint = did_you_mean(name_or_path, known) or f"Mitgelieferte Profile: {', '.join(known)}; oder der Pfad einer YAML-Datei."
        raise ZielError([Diagnostic("ZD700", f"Importprofil »{name_or_path}« nicht gefunden",
                                    Span(shown if path.parent != PROFILE_DIR else name_or_path, 1, 1), hint)]) from None
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ZielError([Diagnostic("ZD700", "Importprofil ist kein gültiges YAML", Span(shown, line, column),
                                    "Einrückung mit Leerzeichen, »schlüssel: wert«, Listen mit »- «.")]) from None
    return _Checker(shown, node, catalog).check(data)


class _Checker:
    def __init__(self, shown: str, node, catalog: Catalog) -> None:
        self.shown = shown
        self.lines = _key_lines(node)
        self.catalog = catalog
        self.problems: list[Diagnostic] = []

    def fail(self, key: str, message: str, hint: str | None = None, code: str = "ZD701") -> None:
        self.problems.append(Diagnostic(code, message, Span(self.shown, self.lines.get(key, 1), 1), hint))

    def check(self, data) -> Profile:
        if not isinstance(data, dict):
            self.fail("", "Ein Importprofil ist eine Zuordnung »schlüssel: wert«", "Vorlage: docs/daten-herkunft.md")
            raise ZielError(self.problems)
        data = {_KEY_ALIASES.get(str(k), str(k)): v for k, v in data.items()}
        for key in data:
            if key not in _TOP_KEYS:
                self.fail(key, f"Unbekannter Schlüssel »{key}« im Importprofil",
                          did_you_mean(key, _TOP_KEYS) or f"Erlaubt: {', '.join(_TOP_KEYS)}.")
        shape = data.get("form", "breit")
        if shape not in SHAPES:
            self.fail("form", f"»form: {shape}« gibt es nicht", "»breit« (eine Spalte je Größe) oder »lang« "
                      "(eine Zeile je Wert).")
        agency = self.mapping(data, "traeger")
        groups = self.mapping(data, "gruppen")
        month = self.mapping(data, "berichtsmonat")
        vintage = self.mapping(data, "ladestand")
        own = frozenset(self.strings(data, "eigene_reihen"))
        known = set(self.catalog.series) | set(self.catalog.published_series()) | own
        series = {}
        raw_series = data.get("reihen") or {}
        if not isinstance(raw_series, dict) or not raw_series:
            self.fail("reihen", "»reihen« fehlt: welche Spalte (oder welcher Wert) wird welche Reihe?",
                      "Zum Beispiel »reihen: {Integrationen: integrationen, eLb: elb}«.")
            raw_series = {}
        for heading, target in raw_series.items():
            target = str(target)
            if target in self.catalog.indicators:
                published = [p.name for p in self.catalog.published_series().values() if p.code == target]
                self.fail("reihen", f"»{heading}: {target}« sagt nicht, welcher Wert von {target} gemeint ist",
                          f"Ein veröffentlichter Wert von {target} ist ein eigener Zeitraum: "
                          f"{' oder '.join(published)} (siehe docs/daten-herkunft.md).", code="ZD702")
            elif target not in known:
                self.fail("reihen", f"Reihe »{target}« (für »{heading}«) kennt der Katalog nicht",
                          did_you_mean(target, sorted(known)) or "Eigene Reihen unter »eigene_reihen« aufzählen.",
                          code="ZD702")
            series[normalise(heading)] = target
        catalog_names = {"ja": True, "nein": False}.get(str(data.get("katalognamen", "nein")).lower(),
                                                        data.get("katalognamen"))
        if not isinstance(catalog_names, bool):
            self.fail("katalognamen", "»katalognamen« ist »ja« oder »nein«")
        elif catalog_names:
            for name in sorted(set(self.catalog.series) | set(self.catalog.published_series()) | own):
                series.setdefault(normalise(name), name)
        month_sources = tuple(self.strings(month, "aus", "berichtsmonat") or ["spalte", "blatt", "titel"])
        for source in month_sources:
            if source not in MONTH_SOURCES:
                self.fail("berichtsmonat", f"Berichtsmonat »aus: {source}« gibt es nicht",
                          f"Erlaubt: {', '.join(MONTH_SOURCES)}.")
        vintage_sources = tuple(self.strings(vintage, "aus", "ladestand") or ["titel"])
        for source in vintage_sources:
            if source not in VINTAGE_SOURCES:
                self.fail("ladestand", f"Ladestand »aus: {source}« gibt es nicht",
                          f"Erlaubt: {', '.join(VINTAGE_SOURCES)}; sonst »zieldsl import --ladestand«.")
        endings, group_values, group_sheets = [], {}, []
        for ending, group in (groups.get("endungen") or {}).items():
            endings.append((normalise(ending) if str(ending).strip() else "", self.group(group)))
        for value, group in (groups.get("werte") or {}).items():
            group_values[normalise(value)] = self.group(group)
        for word, group in (groups.get("blaetter") or groups.get("blätter") or {}).items():
            group_sheets.append((normalise(word), self.group(group)))
        digits = agency.get("stellen", 5)
        if not isinstance(digits, int) or not 1 <= digits <= 12:
            self.fail("traeger", f"»stellen: {digits}« ist keine Stellenzahl", "Zum Beispiel »stellen: 5«.")
            digits = 5
        agency_columns = self.strings(agency, "spalten", "traeger")
        if not agency_columns:
            self.fail("traeger", "»traeger: spalten:« fehlt: in welcher Spalte steht die Kennung des Trägers?",
                      "Zum Beispiel »traeger: {spalten: [Schlüssel, Regionalschlüssel]}«.")
        if shape == "lang":
            for key in ("reihe", "wert"):
                if not self.strings(self.mapping(data, key), "spalten", key):
                    self.fail(key, f"Die lange Form braucht »{key}: spalten: [...]«",
                              "Die Spalte nennen, in der die Reihe bzw. der Wert steht.")
        skipped = []
        for pattern in self.strings(data, "blaetter_ohne"):
            try:
                skipped.append(re.compile(pattern, re.IGNORECASE))
            except re.error:
                self.fail("blaetter_ohne", f"»{pattern}« ist kein gültiges Suchmuster",
                          "Ein Wort oder ein regulärer Ausdruck, z. B. »Erläuterung«.")
        if self.problems:
            raise ZielError(self.problems)
        missing = data.get("fehlend", ["x", "-", "–", ".", ""])
        return Profile(
            name=str(data.get("profil") or Path(self.shown).stem),
            title=str(data.get("titel") or ""),
            shape=shape,
            agency_columns=tuple(map(normalise, agency_columns)),
            agency_digits=digits,
            month_sources=month_sources,
            month_columns=tuple(map(normalise, self.strings(month, "spalten"))),
            vintage_sources=vintage_sources,
            vintage_columns=tuple(map(normalise, self.strings(vintage, "spalten"))),
            vintage_labels=tuple(self.strings(vintage, "merkmale") or ["Datenstand", "Ladestand", "Stand"]),
            missing=frozenset(str(m).strip() for m in (missing if isinstance(missing, list) else [missing])),
            group_endings=tuple(sorted(endings, key=lambda pair: -len(pair[0]))),
            group_columns=tuple(map(normalise, self.strings(groups, "spalten"))),
            group_values=group_values,
            group_sheets=tuple(group_sheets),
            series=series,
            series_columns=tuple(map(normalise, self.strings(self.mapping(data, "reihe"), "spalten"))),
            value_columns=tuple(map(normalise, self.strings(self.mapping(data, "wert"), "spalten"))),
            ignored=frozenset(map(normalise, self.strings(data, "ignorieren"))),
            skipped_sheets=tuple(skipped),
            path=self.shown,
            own_series=own,
        )

    def mapping(self, data: dict, key: str) -> dict:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.fail(key, f"»{key}« muss eine Zuordnung sein (eingerückte »schlüssel: wert«-Zeilen)")
            return {}
        return value

    def strings(self, data: dict, key: str, where: str | None = None) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, (str, int)):
            return [str(value)]
        if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
            return [str(v) for v in value]
        self.fail(where or key, f"»{key}« muss ein Text oder eine Liste von Texten sein")
        return []

    def group(self, word) -> str:
        group = _GROUP_WORDS.get(str(word).strip().lower())
        if group is None:
            self.fail("gruppen", f"Unbekannte Gruppe »{word}«", "Erlaubt sind gesamt, frauen und maenner.")
            return "gesamt"
        return group


def _key_lines(node) -> dict[str, int]:
    """Line of each top-level key (for messages); empty when the document is not a mapping."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            name = _KEY_ALIASES.get(str(key.value), str(key.value))
            lines[name] = key.start_mark.line + 1
    return lines
