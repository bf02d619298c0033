"""`zieldsl check` in text form, without click: shared by the click command and the fast start.

A plain `zieldsl check FILE…` (the most frequent call, from editors and hooks) is run by
`zieldsl.cli.entry` without importing click at all; both paths print through `report_text`,
so their output is the same byte for byte (a test compares them).
"""

from __future__ import annotations

from typing import Callable, Sequence

from zieldsl.diagnostics import Diagnostic

# echo(text, err): print one line to stdout (err=False) or stderr (err=True)
Echo = Callable[[str, bool], None]


def report_text(path: str, diagnostics: Sequence[Diagnostic], strict: bool, echo: Echo) -> bool:
    """Print one file's diagnostics and its summary line; True when the file counts as failed."""
    for diagnostic in diagnostics:
        echo(diagnostic.render(), True)
    errors = [d for d in diagnostics if d.is_error or strict]
    if errors:
        echo(f"{path}: {len(errors)} Fehler.", True)
        return True
    warnings = len(diagnostics)
    suffix = f" ({warnings} Warnung{'en' if warnings != 1 else ''})" if warnings else ""
    echo(f"{path}: in Ordnung{suffix}.", False)
    return False
