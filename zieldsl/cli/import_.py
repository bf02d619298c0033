"""`zieldsl import`: Excel and CSV tables → zieldsl's indicator CSV, by an import profile."""

from __future__ import annotations

import click

from zieldsl.cli.german_help import GermanCommand
from zieldsl.cli.options import fail, print_diagnostics, vintage_option
from zieldsl.diagnostics import ZielError

PROFILE_HELP = ("Importprofil: der Name eines mitgelieferten Profils (Standard »bmas-48a« für die "
                "veröffentlichten Tabellen nach § 48a SGB II) oder der Pfad einer eigenen YAML-Datei.")


@click.command(name="import", cls=GermanCommand,
               epilog="Beschrieben unter »Woher kommen die Daten?« (docs/daten-herkunft.md).")
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="TABELLEN...")
@click.option("-o", "--ausgabe", "--output", "output", type=click.Path(dir_okay=False), metavar="DATEI",
              help="Die CSV-Datei für zieldsl (ohne -o: auf die Standardausgabe).")
@click.option("--profil", "--profile", "profile", default="bmas-48a", show_default=True, help=PROFILE_HELP)
@vintage_option("Datum der Datenentnahme (Ladestand), wenn die Tabelle es nicht selbst nennt; gilt für alle Werte.")
def import_(sources, output, profile, vintage):
    """Tabellen (.xlsx, .csv) einlesen und als Kennzahldaten-CSV schreiben; berichtet, was gelesen wurde."""
    from zieldsl.api import import_tables, write_atomic

    try:
        result = import_tables(list(sources), profile, vintage)
    except ZielError as err:
        fail(err)
        return
    print_diagnostics(result.warnings)
    for line in result.report:
        click.echo(line, err=True)
    if output:
        try:
            write_atomic(output, result.csv_text.encode("utf-8"))
        except ZielError as err:
            fail(err)
        click.echo(f"Geschrieben: {output}", err=True)
    else:
        click.echo(result.csv_text, nl=False)
