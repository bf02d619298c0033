"""`zieldsl fmt`: bring `.ziel` files into the canonical layout (see zieldsl.language.formatter).

Line breaks come out as LF whatever the file had (CRLF, CR or a mix; see zieldsl.lines).
A file with syntax errors is reported and left as it is; a changed file is replaced
atomically (temporary file beside it, then `os.replace`), so an interrupted run never
leaves half a file behind.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from zieldsl.cli.german_help import GermanCommand
from zieldsl.cli.options import EXIT_INPUT_ERROR, print_diagnostics
from zieldsl.diagnostics import ZielError
from zieldsl.files import write_atomic


def _diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"{path} (bisher)", tofile=f"{path} (formatiert)")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


@click.command(cls=GermanCommand)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True),
                metavar="DATEIEN...")
@click.option("--pruefen", "--check", "check_only", is_flag=True,
              help="Nichts schreiben; mit Code 1 enden, wenn eine Datei umformatiert würde.")
@click.option("--unterschiede", "--diff", "show_diff", is_flag=True,
              help="Änderungen als Unified Diff zeigen, nichts schreiben.")
def fmt(files: tuple[str, ...], check_only: bool, show_diff: bool) -> None:
    """Dateien in die einheitliche Schreibweise bringen (Kommentare bleiben erhalten).

    »-« liest die Standardeingabe und schreibt das Ergebnis auf die Standardausgabe.
    """
    from zieldsl.api import read_source
    from zieldsl.api import format_text

    if "-" in files:
        if len(files) > 1:
            raise click.UsageError("»-« (Standardeingabe) lässt sich nicht mit Dateien mischen.")
        _format_stdin(check_only, show_diff)

    broken = changed = 0
    for name in files:
        try:
            before = read_source(name, keep_line_breaks=True)
            after = format_text(before, name)
        except ZielError as err:
            print_diagnostics(err.diagnostics)
            click.echo(f"{name}: nicht formatiert, die Datei enthält Fehler.", err=True)
            broken += 1
            continue
        if before == after:
            continue
        changed += 1
        if show_diff:
            click.echo(_diff(name, before, after), nl=False)
        if check_only:
            click.echo(f"würde umformatiert: {name}")
        elif not show_diff:
            try:
                write_atomic(Path(name), after.encode("utf-8"))
            except ZielError as err:
                print_diagnostics(err.diagnostics)
                changed, broken = changed - 1, broken + 1
                continue
            click.echo(f"umformatiert: {name}")
    click.echo(_summary(len(files), changed, broken, written=not (check_only or show_diff)), err=True)
    sys.exit(EXIT_INPUT_ERROR if broken or (check_only and changed) else 0)


def _format_stdin(check_only: bool, show_diff: bool) -> None:
    """`fmt -`: standard input formatted to standard output (with --check/--diff: only report)."""
    from zieldsl.cli.options import STDIN_NAME, read_stdin
    from zieldsl.api import format_text

    try:
        before = read_stdin(keep_line_breaks=True)
        after = format_text(before, STDIN_NAME)
    except ZielError as err:
        print_diagnostics(err.diagnostics)
        click.echo(f"{STDIN_NAME}: nicht formatiert, der Text enthält Fehler.", err=True)
        sys.exit(EXIT_INPUT_ERROR)
    if show_diff:
        click.echo(_diff(STDIN_NAME, before, after), nl=False)
    elif check_only:
        if before != after:
            click.echo(f"würde umformatiert: {STDIN_NAME}")
    else:
        click.echo(after, nl=False)
    sys.exit(EXIT_INPUT_ERROR if check_only and before != after else 0)


def _summary(total: int, changed: int, broken: int, written: bool) -> str:
    """"2 Dateien umformatiert, 1 unverändert, 1 mit Fehlern."."""
    def files(count: int) -> str:
        return f"{count} Datei{'' if count == 1 else 'en'}"

    verb = "umformatiert" if written else "würde umformatiert" if changed == 1 else "würden umformatiert"
    parts = [f"{files(changed)} {verb}", f"{total - changed - broken} unverändert"]
    if broken:
        parts.append(f"{broken} mit Fehlern")
    return ", ".join(parts) + "."
