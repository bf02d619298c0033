"""`zieldsl bericht`: the Landesübersicht of many agreements (all Kreise of a Land) in one document."""

from __future__ import annotations

import sys

import click

from zieldsl.cli.evaluate import DISCOVERY_HELP, VINTAGE_HELP, _parse_vintage
from zieldsl.diagnostics import ZielError


@click.command(epilog=DISCOVERY_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--data", "data", multiple=True, type=click.Path(),
              help="CSV-Datei oder Ordner mit Kennzahldaten (mehrfach möglich), z. B. eine Datei für das ganze Land.")
@click.option("--nachweise", "evidence", multiple=True, type=click.Path(),
              help="YAML-Datei oder Ordner mit Nachweisen zu Meilensteinen (mehrfach möglich).")
@click.option("--as-of", "as_of", metavar="JJJJ-MM",
              help="Bewertungsmonat im Zieljahr (Standard: je Kreis der letzte Monat mit Daten).")
@click.option("--ladestand", "vintage", metavar="JJJJ-MM-TT", callback=_parse_vintage, help=VINTAGE_HELP)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="Ausgabedatei; die Endung bestimmt das Format: .md, .html oder .docx. "
                   "Ohne -o: Markdown auf die Standardausgabe.")
@click.option("--template", "template_dir", type=click.Path(exists=True, file_okay=False),
              help="Ordner mit eigenen Vorlagen (landesuebersicht.md.j2, .html.j2, .docx).")
def bericht(files, data, evidence, as_of, vintage, output, template_dir):
    """Landesübersicht: alle Vereinbarungen eines Landes in einem Dokument.

    Je Zielart eine Tabelle mit einer Zeile je Kreis (Wert, Veränderung, Zielwert, Abstand, Status,
    Frauen und Männer, Rang), die Zahl der erreichten und verfehlten Ziele, der Landeswert (Summe der
    Zähler durch Summe der Nenner), Diagramme (HTML), Datenstand und Prüfsummen aller Eingaben. Vor
    Dezember ein Zwischenstand: »auf Zielkurs« statt »erreicht«.

    Eine fehlerhafte Datei wird gemeldet und in der Übersicht als nicht bewertet aufgeführt; der
    Exit-Code ist dann 1. Die Ausgabedatei wird vollständig oder gar nicht geschrieben.
    """
    from zieldsl.api import evaluate_each, render_overview, write_atomic
    from zieldsl.cli.main import EXIT_INPUT_ERROR, _fail, _print_diagnostics
    from zieldsl.documents.output import format_for
    from zieldsl.evaluation.engine import AsOfError

    try:
        output_format = format_for(output) if output else "md"
    except ZielError as err:
        raise click.UsageError(err.diagnostics[0].message + ". " + (err.diagnostics[0].hint or "")) from None
    try:
        outcomes = evaluate_each(list(files), list(data), as_of, list(evidence) if evidence else None,
                                 report=None, vintage_at_most=vintage)
    except AsOfError as exc:
        raise click.UsageError(str(exc)) from None
    failed = [o for o in outcomes if o.failed]
    for outcome in failed:
        _print_diagnostics(list(outcome.diagnostics))
    try:
        body = render_overview(outcomes, output_format, template_dir)
        if output:
            write_atomic(output, body)
    except ZielError as err:
        _fail(err)
    judged = len(outcomes) - len(failed)
    if output:
        click.echo(f"{output}: Landesübersicht mit {judged} Vereinbarung{'en' if judged != 1 else ''} geschrieben.",
                   err=True)
    else:
        sys.stdout.flush()
        click.echo(body.decode("utf-8"), nl=False)
    if failed:
        click.echo(f"{len(failed)} von {len(outcomes)} Vereinbarungen nicht bewertet "
                   f"({', '.join(sorted({o.file for o in failed}))}).", err=True)
        sys.exit(EXIT_INPUT_ERROR)
