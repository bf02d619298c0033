"""The public facade: load and check agreements in one call each.

Everything the CLI does goes through these functions, so tests and other tools
get exactly the behaviour users get.
"""

from __future__ import annotations

from pathlib import Path

from zieldsl.checker import CheckedAgreement, check_document
from zieldsl.diagnostics import Diagnostic, DiagnosticBag, Span, ZielError
from zieldsl.parser import parse_text


def read_source(path: str | Path, display_name: str | None = None) -> str:
    """Read a `.ziel` file as UTF-8, reporting unreadable files as diagnostics."""
    name = display_name or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        bag = DiagnosticBag()
        reason = "Datei nicht gefunden" if isinstance(exc, FileNotFoundError) else f"Datei kann nicht gelesen werden ({exc.strerror or exc})"
        bag.add("ZD001", reason, Span(name, 1, 1), "Prüfen Sie den Pfad.")
        raise ZielError(bag.items) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bag = DiagnosticBag()
        bag.add("ZD002", "Datei ist nicht UTF-8-kodiert", Span(name, line, column),
                "Speichern Sie die Datei als UTF-8 (in Editoren meist »Kodierung: UTF-8«).")
        raise ZielError(bag.items) from None


def check_text(text: str, name: str = "<eingabe>") -> list[CheckedAgreement]:
    """Parse and check agreement text; raises ZielError with all errors."""
    return check_document(parse_text(text, name), text)


def load_agreements(path: str | Path, display_name: str | None = None) -> list[CheckedAgreement]:
    """Parse and check every agreement in a file."""
    name = display_name or str(path)
    return check_text(read_source(path, name), name)


def load_agreement(path: str | Path) -> CheckedAgreement:
    """The one agreement of a file (the common case)."""
    agreements = load_agreements(path)
    if len(agreements) != 1:
        bag = DiagnosticBag()
        bag.add("ZD005", f"Die Datei enthält {len(agreements)} Vereinbarungen; erwartet ist genau eine", Span(str(path), 1, 1))
        raise ZielError(bag.items)
    return agreements[0]


def check_file(path: str | Path) -> list[Diagnostic]:
    """All diagnostics (errors and warnings) for a file, without raising."""
    try:
        checked = load_agreements(path)
    except ZielError as err:
        return err.diagnostics
    return [w for c in checked[:1] for w in c.warnings]
