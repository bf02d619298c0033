"""Milestone evidence: YAML files saying which steps and conditions are done, when, and how proven.

Format (design.md § 4)::

    stand: 2026-12-31            # optional: when the evidence was compiled
    ziele:
      dms:                       # target id
        ist_analyse:             # step or condition id
          status: erledigt       # erledigt | in_arbeit | offen
          datum: 2026-03-31      # optional, YYYY-MM-DD
          nachweis: "Bericht …"  # optional free text

The file is read with `yaml.compose` (safe: it only builds nodes, never objects),
so every value keeps its line and column; the nodes are converted here. All
problems are reported at once (codes ZD320–ZD329). Whether the target and item
ids exist in the agreement is the evaluator's check; this module keeps the
positions it needs for that.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import yaml

from zieldsl.files import DANGLING_HINT, dangling_link, read_limited
from zieldsl.inputs.csv_reader import describe_os_error
from zieldsl.inputs.numbers import date_hint
from zieldsl.diagnostics import Diagnostic, DiagnosticBag, Source, Span, ZielError, did_you_mean, sorted_diagnostics

__all__ = ["STATUSES", "EvidenceItem", "Evidence", "load_evidence", "load_evidence_files", "merge_evidence"]

STATUSES = ("erledigt", "in_arbeit", "offen")
_TOP_KEYS = ("stand", "ziele")
_ITEM_KEYS = ("status", "datum", "nachweis")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NULL_TAG = "tag:yaml.org,2002:null"
_EXAMPLE = "»ziele:«, darunter eingerückt Ziel, Schritt und »status: erledigt«"

# A real evidence file has a few KB; past this it is refused while reading (ZD601).
MAX_EVIDENCE_BYTES = 5_000_000


@dataclass(frozen=True)
class EvidenceItem:
    """The evidence for one step or condition of one target."""

    target: str
    item: str
    status: str
    date: datetime.date | None
    proof: str | None
    span: Span


class Evidence:
    """Evidence of one or more files, by target id and item id (file order kept).

    `as_of` is the latest `stand` of the files; the sources are kept (evidence files
    are small) so the evaluator can show the line of an unknown target or step.
    """

    def __init__(self, as_of: datetime.date | None = None) -> None:
        self.as_of = as_of
        self.files: list[str] = []
        self._items: dict[str, dict[str, EvidenceItem]] = {}
        self._target_spans: dict[str, Span] = {}
        self._sources: dict[str, Source] = {}

    def get(self, target: str, item: str) -> EvidenceItem | None:
        return self._items.get(target, {}).get(item)

    def items_for(self, target: str) -> list[EvidenceItem]:
        return list(self._items.get(target, {}).values())

    def targets(self) -> list[str]:
        """Every target id named in the files (also those without items), sorted."""
        return sorted(self._target_spans)

    def target_span(self, target: str) -> Span | None:
        """Where the target's key stands (for "unknown target" messages of the evaluator)."""
        return self._target_spans.get(target)

    def source_line(self, span: Span) -> str | None:
        """The text of the line a span points at, so other phases can show a caret."""
        source = self._sources.get(span.file)
        return source.line(span.line) if source else None

    def __iter__(self) -> Iterator[EvidenceItem]:
        for target in self.targets():
            yield from self._items.get(target, {}).values()

    def __len__(self) -> int:
        return sum(len(items) for items in self._items.values())

    def __repr__(self) -> str:
        return f"Evidence({len(self)} Einträge, stand={self.as_of}, Dateien={self.files!r})"

    def merge(self, other: "Evidence") -> None:
        """Add `other`'s items; the same item in both must say the same, else ZD327 (nothing merged)."""
        bag = DiagnosticBag()
        for item in other:
            self._check_duplicate(item, bag, other.source_line(item.span))
        bag.raise_if_errors()
        for target, span in other._target_spans.items():
            self._add_target(target, span)
        for item in other:
            self._put(item)
        self.files.extend(other.files)
        self._sources.update(other._sources)
        if other.as_of is not None and (self.as_of is None or other.as_of > self.as_of):
            self.as_of = other.as_of

    def _check_duplicate(self, item: EvidenceItem, bag: DiagnosticBag, source_line: str | None) -> bool:
        """Report ZD327 if the item exists with other contents; True if it is new."""
        old = self.get(item.target, item.item)
        if old is None:
            return True
        if (old.status, old.date, old.proof) != (item.status, item.date, item.proof):
            bag.extend([Diagnostic(
                "ZD327",
                f"Nachweis für »{item.target}.{item.item}« steht schon in {old.span.file}:{old.span.line} "
                f"mit anderem Inhalt",
                item.span,
                "Jeden Schritt und jede Bedingung nur einmal nachweisen.",
                source_line=source_line,
            )])
        return False

    def _add_target(self, target: str, span: Span) -> None:
        self._target_spans.setdefault(target, span)

    def _put(self, item: EvidenceItem) -> None:
        self._items.setdefault(item.target, {}).setdefault(item.item, item)


# -- loading -------------------------------------------------------------------
def load_evidence(path: str | Path, display_name: str | None = None) -> Evidence:
    """Load one evidence file; raise one ZielError with every problem found."""
    bag = DiagnosticBag()
    evidence = Evidence()
    _load_into(evidence, Path(path), display_name or str(path), bag)
    bag.raise_if_errors()
    return evidence


def load_evidence_files(paths: Sequence[str | Path]) -> Evidence:
    """Load several files and directories (every *.yaml / *.yml inside, sorted) into one Evidence.

    An item given in two files must say the same in both (else ZD327); `as_of` is the
    latest `stand`. All problems of all files are raised together.
    """
    evidence = Evidence()
    diagnostics: list[Diagnostic] = []
    for path in _expand(paths):
        bag = DiagnosticBag()
        _load_into(evidence, path, str(path), bag)
        diagnostics.extend(bag.items)
    if any(d.is_error for d in diagnostics):
        raise ZielError(sorted_diagnostics(diagnostics))
    return evidence


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            # Everything named *.yaml but a folder: a dangling link or a FIFO is reported, not skipped.
            files.extend(sorted(p for p in path.iterdir()
                                if p.suffix.lower() in (".yaml", ".yml") and not p.is_dir()))
        else:
            files.append(path)
    return files


def _load_into(evidence: Evidence, path: Path, name: str, bag: DiagnosticBag) -> None:
    """Read, parse and convert one file into `evidence`, adding problems to `bag`."""
    text = _read_text(path, name, bag)
    if text is None:
        return
    source = Source(name, text)
    bag.source = source
    root = _compose(text, source, bag)
    if root is _FAILED:
        return
    evidence.files.append(name)
    evidence._sources[name] = source
    _Converter(evidence, source, bag).document(root)


def _read_text(path: Path, name: str, bag: DiagnosticBag) -> str | None:
    try:
        data = read_limited(path, MAX_EVIDENCE_BYTES, name, "Die Nachweisdatei")
    except ZielError as error:
        bag.extend(error.diagnostics)
        return None
    except FileNotFoundError:
        target = dangling_link(path)
        if target is not None:
            bag.add("ZD320", f"Nachweisdatei »{name}« ist eine Verknüpfung auf »{target}«, das es nicht gibt", None,
                    DANGLING_HINT)
            return None
        bag.add("ZD320", f"Nachweisdatei »{name}« nicht gefunden", None, "Pfad prüfen.")
        return None
    except OSError as error:
        bag.add("ZD320", f"Nachweisdatei »{name}« kann nicht gelesen werden ({describe_os_error(error)})", None)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", "replace")) + 1
        shown = data[line_start:].split(b"\n", 1)[0].decode("utf-8", "replace")
        diagnostic = Diagnostic("ZD328", "Datei ist nicht UTF-8-kodiert", Span(name, line, column),
                                "Die Datei als UTF-8 speichern.", source_line=shown)
        bag.extend([diagnostic])
        return None


_FAILED = object()


def _compose(text: str, source: Source, bag: DiagnosticBag):
    """The YAML node tree, None for an empty document, or _FAILED after reporting the error."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or "unbekanntes Problem"
        if error.context:
            problem = f"{problem} ({error.context})"
        bag.add("ZD321", f"YAML-Syntaxfehler: {_german_problem(problem)}", source.span(line, column),
                _syntax_hint(problem))
    except yaml.YAMLError as error:  # ReaderError: forbidden characters, no mark object
        position = getattr(error, "position", 0) or 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        bag.add("ZD321", "YAML-Syntaxfehler: unzulässiges Steuerzeichen in der Datei", source.span(line, column),
                "Steuerzeichen (z. B. Nullbytes) entfernen; ist das wirklich eine YAML-Datei?")
    except RecursionError:
        bag.add("ZD321", "YAML-Syntaxfehler: zu tief verschachtelt", source.span(1, 1))
    return _FAILED


# PyYAML's commonest problem texts in German; the original stays in brackets for searching.
_PROBLEMS_DE = {
    "while scanning a quoted scalar": "Anführungszeichen nicht geschlossen",
    "mapping values are not allowed here": "Doppelpunkt an unerwarteter Stelle",
    "could not find expected ':'": "Doppelpunkt nach dem Schlüssel fehlt",
    "found character '\\t' that cannot start any token": "Tabulator statt Leerzeichen",
    "expected <block end>, but found": "Einrückung passt nicht zur Zeile davor",
    "found unexpected end of stream": "Datei endet mitten in einem Wert",
    "found undefined alias": "unbekannter Verweis (*)",
    "expected a single document in the stream": "mehr als ein Dokument in der Datei",
    "found duplicate anchor": "doppelter Anker (&)",
    "while parsing a flow": "Klammer »[« oder »{« nicht geschlossen",
}


def _german_problem(problem: str) -> str:
    for english, german in _PROBLEMS_DE.items():
        if english in problem:
            return f"{german} (YAML: {problem})"
    return f"Datei ist kein gültiges YAML (YAML: {problem})"


def _syntax_hint(problem: str) -> str | None:
    if "\\t" in problem or "tab" in problem:
        return "Tabulatoren sind in YAML nicht erlaubt; mit Leerzeichen einrücken."
    if "mapping values are not allowed" in problem:
        return "Einrückung prüfen; Texte mit »:« in Anführungszeichen setzen."
    if "could not find expected ':'" in problem:
        return "Fehlt ein Doppelpunkt nach dem Schlüssel?"
    if "expected a single document" in problem:
        return "Nur ein Dokument je Datei; »---« entfernen."
    return "Einrückung, Doppelpunkte und Anführungszeichen prüfen."


class _Converter:
    """Turns the node tree into EvidenceItems, reporting every problem with its node's position."""

    def __init__(self, evidence: Evidence, source: Source, bag: DiagnosticBag) -> None:
        self.evidence = evidence
        self.source = source
        self.bag = bag

    def span(self, node: yaml.Node) -> Span:
        """The node's start; scalars on one line also get their end, so the caret underlines them."""
        start, end = node.start_mark, node.end_mark
        if isinstance(node, yaml.ScalarNode) and end is not None and end.line == start.line:
            return self.source.span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        return self.source.span(start.line + 1, start.column + 1)

    def document(self, root: yaml.Node | None) -> None:
        if root is None or _is_null(root):
            self.bag.add("ZD322", "Nachweisdatei ist leer", self.source.span(1, 1),
                         f"Erwartet wird {_EXAMPLE}.")
            return
        pairs = self.mapping(root, "Die oberste Ebene")
        if pairs is None:
            return
        entries = self.keyed(pairs, _TOP_KEYS, "oberste Ebene")
        if "stand" in entries:
            self.evidence_date(entries["stand"][1])
        if "ziele" not in entries:
            self.bag.add("ZD322", "Schlüssel »ziele« fehlt", self.span(root), f"Erwartet wird {_EXAMPLE}.")
            return
        ziele = entries["ziele"][1]
        if _is_null(ziele):
            return
        targets = self.mapping(ziele, "»ziele«")
        for target, key, value in self.named(targets, lambda name: f"Ziel »{name}« steht doppelt unter »ziele«"):
            self.target(target, key, value)

    def evidence_date(self, node: yaml.Node) -> None:
        stand = self.date(node, "stand")
        if stand is not None and (self.evidence.as_of is None or stand > self.evidence.as_of):
            self.evidence.as_of = stand

    def target(self, target: str, key: yaml.Node, node: yaml.Node) -> None:
        self.evidence._add_target(target, self.span(key))
        hint = f"Unter »{target}:« eingerückt die Schritte mit »status:« aufführen."
        pairs = self.mapping(node, f"Das Ziel »{target}«", hint)
        def doubled(name: str) -> str:
            return f"Schritt »{name}« steht doppelt im Ziel »{target}«"

        for item, item_key, value in self.named(pairs, doubled):
            self.item(target, item, item_key, value)

    def item(self, target: str, item: str, key: yaml.Node, node: yaml.Node) -> None:
        hint = f"Unter »{item}:« eingerückt »status: erledigt« (und ggf. »datum:«, »nachweis:«) schreiben."
        pairs = self.mapping(node, f"»{target}.{item}«", hint)
        if pairs is None:
            return
        before = len(self.bag.errors)
        entries = self.keyed(pairs, _ITEM_KEYS, f"»{target}.{item}«")
        status = self.status(entries.get("status"), key, target, item)
        date = self.date(entries["datum"][1], "datum") if "datum" in entries else None
        proof = self.text(entries["nachweis"][1], "nachweis") if "nachweis" in entries else None
        if len(self.bag.errors) != before or status is None:
            return
        evidence_item = EvidenceItem(target, item, status, date, proof, self.span(key))
        if self.evidence._check_duplicate(evidence_item, self.bag, self.source.line(key.start_mark.line + 1)):
            self.evidence._put(evidence_item)

    # -- node helpers ----------------------------------------------------------
    def mapping(self, node: yaml.Node, what: str, hint: str | None = None):
        """The (key, value) node pairs of a mapping, or None after reporting ZD322."""
        if isinstance(node, yaml.MappingNode):
            return node.value
        self.bag.add("ZD322", f"{what} muss eine Zuordnung (»schlüssel: wert«) sein", self.span(node),
                     hint or f"Erwartet wird {_EXAMPLE}.")
        return None

    def named(self, pairs, message: Callable[[str], str]):
        """(name, key node, value node) for each pair with a usable, not repeated name."""
        seen: dict[str, yaml.Node] = {}
        for key, value in pairs or ():
            name = self.identifier(key)
            if name is None:
                continue
            if name in seen:
                first = seen[name].start_mark.line + 1
                self.bag.add("ZD327", f"{message(name)} (zuerst in Zeile {first})", self.span(key),
                             "Jedes Ziel und jeden Schritt nur einmal aufführen; Einträge zusammenlegen.")
                continue
            seen[name] = key
            yield name, key, value

    def keyed(self, pairs, allowed: tuple[str, ...], where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Known keys → (key node, value node); unknown and doubled keys are reported."""
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in pairs:
            name = self.identifier(key)
            if name is None:
                continue
            if name in entries:
                first = entries[name][0].start_mark.line + 1
                self.bag.add("ZD327", f"Schlüssel »{name}« doppelt ({where}, zuerst in Zeile {first})",
                             self.span(key), "Jeden Schlüssel nur einmal angeben.")
            elif name not in allowed:
                hint = did_you_mean(name, allowed) or f"Erlaubt: {', '.join(allowed)}."
                self.bag.add("ZD325", f"Unbekannter Schlüssel »{name}« ({where})", self.span(key), hint)
            else:
                entries[name] = (key, value)
        return entries

    def identifier(self, node: yaml.Node) -> str | None:
        """A key as text; YAML may type `4:` as a number, which is fine as an id."""
        if isinstance(node, yaml.ScalarNode) and node.value.strip() and not _is_null(node):
            return node.value.strip()
        self.bag.add("ZD329", "Schlüssel muss ein einfacher Name sein", self.span(node),
                     "Namen wie »ist_analyse« verwenden, keine Listen oder leeren Schlüssel.")
        return None

    def scalar(self, node: yaml.Node, key: str) -> str | None:
        """A scalar's text, None for an empty value; reports lists and mappings."""
        if isinstance(node, yaml.ScalarNode):
            return None if _is_null(node) else node.value
        self.bag.add("ZD329", f"»{key}« muss ein einfacher Wert sein, keine Liste oder Zuordnung",
                     self.span(node), None)
        return None

    def status(self, entry, key: yaml.Node, target: str, item: str) -> str | None:
        if entry is None:
            self.bag.add("ZD326", f"Status fehlt für »{target}.{item}«", self.span(key),
                         "»status: erledigt«, »status: in_arbeit« oder »status: offen« ergänzen.")
            return None
        node = entry[1]
        text = self.scalar(node, "status")
        if text is None:
            if isinstance(node, yaml.ScalarNode):
                self.bag.add("ZD326", f"Status fehlt für »{target}.{item}«", self.span(node),
                             "erledigt, in_arbeit oder offen eintragen.")
            return None
        status = text.strip().lower()
        if status in STATUSES:
            return status
        hint = did_you_mean(status.replace(" ", "_"), STATUSES) or "Erlaubt: erledigt, in_arbeit, offen."
        self.bag.add("ZD323", f"Unbekannter Status »{text.strip()}«", self.span(node), hint)
        return None

    def date(self, node: yaml.Node, key: str) -> datetime.date | None:
        text = self.scalar(node, key)
        if text is None:
            return None
        match = _DATE_RE.fullmatch(text.strip())
        if match:
            try:
                return datetime.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                pass
        self.bag.add("ZD324", f"Ungültiges Datum »{text.strip()}« bei »{key}«", self.span(node), date_hint(text))
        return None

    def text(self, node: yaml.Node, key: str) -> str | None:
        text = self.scalar(node, key)
        if text is None or not text.strip():
            return None
        return text.strip()


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


def merge_evidence(parts: Iterable[Evidence]) -> Evidence:
    """One Evidence from several (e.g. loaded separately); conflicts raise ZD327."""
    merged = Evidence()
    for part in parts:
        merged.merge(part)
    return merged
