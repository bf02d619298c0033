"""What the commands share: the input options (`--daten`, `--nachweise`, `--monat`, `--ladestand`,
`--vorlage`; the English names `--data`, `--as-of`, `--template` stay as aliases), their German help,
and how diagnostics and usage errors end a command.

`--monat` becomes a `Month` here, once, and travels as one; `--ladestand` a date.
"""

from __future__ import annotations

import sys

import click

from zieldsl.diagnostics import Diagnostic, Span, ZielError

EXIT_INPUT_ERROR = 1

DISCOVERY_HELP = (
    "Ohne --daten sucht zieldsl die Daten neben der Vereinbarung: zu »vereinbarungen/leer-2026.ziel« die Datei "
    "»leer-2026.daten.csv« und/oder den Ordner »leer-2026.daten/« (alle *.csv darin); ohne --nachweise ebenso "
    "»leer-2026.nachweise.yaml« (oder der Ordner »leer-2026.nachweise/«). Welche Dateien verwendet wurden, steht "
    "auf der Standardfehlerausgabe."
)
DATA_HELP = "CSV-Datei oder Ordner mit Kennzahldaten (mehrfach möglich)."
EVIDENCE_HELP = "YAML-Datei oder Ordner mit Nachweisen zu Meilensteinen (mehrfach möglich)."
AS_OF_HELP = "Bewertungsmonat im Zieljahr (Standard: letzter Monat mit Daten)."
VINTAGE_HELP = ("Daten so bewerten, wie sie an diesem Tag vorlagen: Ladestand V ist der neueste Ladestand bis "
                "zu diesem Datum (Vergleichsjahr bei »gleicher ladestand«: bis V minus ein Jahr). Standard: der "
                "Ladestand, mit dem der Bewertungsmonat zuerst geliefert wurde.")
TEMPLATE_HELP = "Ordner mit eigenen Vorlagen; sie ersetzen die mitgelieferten gleichen Namens."


# ------------------------------------------------------------------ ending a command


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Every diagnostic, rendered with file:line:column and caret, on stderr."""
    for diagnostic in diagnostics:
        click.echo(diagnostic.render(), err=True)


def fail(err: ZielError) -> None:
    """Bad input: all diagnostics, their count, exit code 1."""
    print_diagnostics(err.diagnostics)
    errors = sum(1 for d in err.diagnostics if d.is_error)
    click.echo(f"{errors} Fehler gefunden.", err=True)
    sys.exit(EXIT_INPUT_ERROR)


STDIN_NAME = "<stdin>"


def read_stdin(*, keep_line_breaks: bool = False) -> str:
    """Standard input as agreement text (UTF-8), for `check -` and `fmt -`; the size limit applies while reading."""
    from zieldsl.files import MAX_SOURCE_BYTES, decode_source, describe_limit

    raw = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
    if len(raw) > MAX_SOURCE_BYTES:
        raise ZielError([Diagnostic("ZD601", f"Die Eingabe ist zu groß (mehr als {describe_limit(MAX_SOURCE_BYTES)} "
                                             "Bytes)", Span(STDIN_NAME, 1, 1))])
    return decode_source(raw, STDIN_NAME, keep_line_breaks=keep_line_breaks)


def usage(message: str) -> None:
    """Wrong use of the command (exit code 2); the command group shows it with German labels."""
    raise click.UsageError(message)


# ------------------------------------------------------------------ files with several agreements

AGREEMENT_HELP = "Die Kennung der Vereinbarung, wenn die Datei mehrere enthält (z. B. »leer_2026«)."


def pick_agreements(results: list, wanted: str | None, file: str, command: str) -> list:
    """The results `--vereinbarung` asks for: all without it, else the one with that id (usage error if none)."""
    from zieldsl.diagnostics import did_you_mean

    if wanted is None:
        return results
    chosen = [r for r in results if r.agreement_id == wanted]
    if not chosen:
        ids = [r.agreement_id for r in results]
        hint = did_you_mean(wanted, ids) or f"Die Datei enthält: {', '.join(ids)}."
        usage(f"{command}: Vereinbarung »{wanted}« gibt es in {file} nicht. {hint}")
    return chosen


def ask_which(results: list, file: str, command: str) -> None:
    """Several agreements and no `--vereinbarung`: say which there are instead of taking the first."""
    ids = ", ".join(r.agreement_id for r in results)
    usage(f"{command}: {file} enthält {len(results)} Vereinbarungen ({ids}). Wählen Sie eine mit "
          f"--vereinbarung, z. B. »--vereinbarung {results[0].agreement_id}«.")


# ------------------------------------------------------------------ options


def parse_as_of(ctx, param, value):
    """`--as-of JJJJ-MM` → Month; anything else is a usage error."""
    if value is None:
        return None
    from zieldsl.api import AsOfError, parse_as_of as parse

    try:
        return parse(value)
    except AsOfError as exc:
        raise click.UsageError(str(exc), ctx) from None


def parse_vintage(ctx, param, value):
    """`--ladestand JJJJ-MM-TT` → date; anything else is a usage error with a German hint."""
    if value is None:
        return None
    from zieldsl.api import parse_vintage as parse

    try:
        return parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def data_option(help: str = DATA_HELP):
    return click.option("--daten", "--data", "data", multiple=True, type=click.Path(), metavar="PFAD", help=help)


def evidence_option(help: str = EVIDENCE_HELP):
    return click.option("--nachweise", "evidence", multiple=True, type=click.Path(), metavar="PFAD", help=help)


def as_of_option(help: str = AS_OF_HELP):
    return click.option("--monat", "--as-of", "as_of", metavar="JJJJ-MM", callback=parse_as_of, help=help)


def vintage_option(help: str = VINTAGE_HELP):
    return click.option("--ladestand", "vintage", metavar="JJJJ-MM-TT", callback=parse_vintage, help=help)


def template_option(help: str = TEMPLATE_HELP):
    return click.option("--vorlage", "--template", "template_dir", type=click.Path(exists=True, file_okay=False),
                        metavar="ORDNER", help=help)


def report_found(text: str) -> None:
    """Which data and evidence files were found beside an agreement: a note on stderr."""
    click.echo(text, err=True)
