"""`zieldsl bericht`: the Landesübersicht of many agreements (all Kreise of a Land) in one document."""

from __future__ import annotations

import sys

import click

from zieldsl.cli.german_help import GermanCommand
from zieldsl.cli.options import (DISCOVERY_HELP, EXIT_INPUT_ERROR, as_of_option, data_option, evidence_option, fail,
                                 print_diagnostics, template_option, vintage_option)
from zieldsl.diagnostics import ZielError


@click.command(epilog=DISCOVERY_HELP, cls=GermanCommand)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="DATEIEN...")
@data_option("CSV-Datei oder Ordner mit Kennzahldaten (mehrfach möglich), z. B. eine Datei für das ganze Land.")
@evidence_option()
@as_of_option("Bewertungsmonat im Zieljahr (Standard: je Kreis der letzte Monat mit Daten).")
@vintage_option()
@click.option("-o", "--ausgabe", "--output", "output", type=click.Path(dir_okay=False), metavar="DATEI",
              help="Ausgabedatei; die Endung bestimmt das Format: .md, .html oder .docx. "
                   "Ohne -o: Markdown auf die Standardausgabe.")
@template_option("Ordner mit eigenen Vorlagen (landesuebersicht.md.j2, .html.j2, .docx).")
def bericht(files, data, evidence, as_of, vintage, output, template_dir):
    """Landesübersicht: alle Vereinbarungen eines Landes in einem Dokument.

    Je Zielart eine Tabelle mit einer Zeile je Kreis (Wert, Veränderung, Zielwert, Abstand, Status,
    Frauen und Männer, Rang), die Zahl der erreichten und verfehlten Ziele, der Landeswert (Summe der
    Zähler durch Summe der Nenner), Diagramme (HTML), Datenstand und Prüfsummen aller Eingaben. Vor
    Dezember ein Zwischenstand: »auf Zielkurs« statt »erreicht«.

    Eine fehlerhafte Datei wird gemeldet und in der Übersicht als nicht bewertet aufgeführt; der
    Exit-Code ist dann 1. Die Ausgabedatei wird vollständig oder gar nicht geschrieben.
    """
    from zieldsl.api import AsOfError, document_format, evaluate_each, render_overview, write_atomic

    try:
        output_format = document_format(output) if output else "md"
    except ZielError as err:
        raise click.UsageError(err.diagnostics[0].message + ". " + (err.diagnostics[0].hint or "")) from None
    try:
        outcomes = evaluate_each(list(files), list(data), as_of, list(evidence) if evidence else None,
                                 report=None, vintage_at_most=vintage)
    except AsOfError as exc:
        raise click.UsageError(str(exc)) from None
    failed = [o for o in outcomes if o.failed]
    for outcome in failed:
        print_diagnostics(list(outcome.diagnostics))
    try:
        body = render_overview(outcomes, output_format, template_dir)
        if output:
            write_atomic(output, body)
    except ZielError as err:
        fail(err)
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
