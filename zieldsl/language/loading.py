"""Text or file → checked agreements: parse, then check, every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from zieldsl.diagnostics import Diagnostic, DiagnosticBag, Span, ZielError
from zieldsl.files import read_source
from zieldsl.lines import normalise
from zieldsl.language.checker import CheckedAgreement, check_document
from zieldsl.language.parser import parse_text


def check_text(text: str, name: str = "<eingabe>") -> list[CheckedAgreement]:
    """Parse and check agreement text; raises ZielError with all errors."""
    text = normalise(text)
    return check_document(parse_text(text, name), text)


def load_agreements(path: str | Path, display_name: str | None = None) -> list[CheckedAgreement]:
    """Parse and check every agreement in a file."""
    name = display_name or str(path)
    return check_text(read_source(path, name), name)


def load_each(paths: Sequence[str | Path]) -> list[tuple[list[CheckedAgreement] | None, list[Diagnostic]]]:
    """`load_agreements` of many files: per file (its agreements, []) or (None, its diagnostics), in order.

    From 16 files on, all but the first are read in forked worker processes, one per core
    (`zieldsl.forked`): parsing 404 agreements was a third of a national run, and a checked
    agreement comes back pickled in a tenth of the time its parse took. The first file is read
    here, so that the workers inherit a parser that is ready.
    """
    from zieldsl.forked import forked_map  # multiprocessing only where many files are read, never for `check`

    paths = list(paths)
    if not paths:
        return []
    return [_attempt_load(paths[0])] + list(forked_map(_attempt_load, paths[1:], at_least=15))


def _attempt_load(path: str | Path) -> tuple[list[CheckedAgreement] | None, list[Diagnostic]]:
    try:
        return load_agreements(path), []
    except ZielError as err:
        return None, list(err.diagnostics)


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


def diagnose_text(text: str, name: str = "<eingabe>") -> list[Diagnostic]:
    """All diagnostics for agreement text (e.g. read from stdin), exactly as `check_file` reports a file."""
    try:
        checked = check_text(text, name)
    except ZielError as err:
        return err.diagnostics
    return [w for c in checked[:1] for w in c.warnings]
