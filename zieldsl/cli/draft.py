"""`zieldsl draft`: the Feststellung, the Zwischenbericht or the agreement itself as a document."""

from __future__ import annotations

import sys

import click

from zieldsl.cli.evaluate import DISCOVERY_HELP, VINTAGE_HELP, _parse_vintage
from zieldsl.diagnostics import ZielError

KINDS = ("feststellung", "zwischenbericht", "vereinbarung")


def _fail(err: ZielError) -> None:
    from zieldsl.cli.main import _fail as fail

    fail(err)


@click.command(epilog=DISCOVERY_HELP)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--data", "data", multiple=True, type=click.Path(),
              help="CSV-Datei oder Ordner mit Kennzahldaten (mehrfach möglich).")
@click.option("--nachweise", "evidence", multiple=True, type=click.Path(),
              help="YAML-Datei oder Ordner mit Nachweisen zu Meilensteinen (mehrfach möglich).")
@click.option("--kind", "kind", type=click.Choice(KINDS),
              help="Art des Dokuments (Standard: Feststellung, wenn die Daten bis Dezember des Zieljahres "
                   "reichen, sonst Zwischenbericht).")
@click.option("--as-of", "as_of", metavar="JJJJ-MM",
              help="Bewertungsmonat im Zieljahr (Standard: letzter Monat mit Daten).")
@click.option("--ladestand", "vintage", metavar="JJJJ-MM-TT", callback=_parse_vintage, help=VINTAGE_HELP)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="Ausgabedatei; die Endung bestimmt das Format: .md, .html oder .docx. "
                   "Ohne -o: Markdown auf die Standardausgabe.")
@click.option("--template", "template_dir", type=click.Path(exists=True, file_okay=False),
              help="Ordner mit eigenen Vorlagen; sie ersetzen die mitgelieferten gleichen Namens.")
def draft(file, data, evidence, kind, as_of, vintage, output, template_dir):
    """Ein Dokument aus Vereinbarung und Daten entwerfen: Feststellung, Zwischenbericht oder Vereinbarung.

    Die Datei wird vollständig oder gar nicht geschrieben. Exit-Code 1 bei fehlerhaften Eingaben oder
    Vorlagen, 2 bei falscher Bedienung.
    """
    from zieldsl.documents.context import KIND_TITLES, default_kind, is_final
    from zieldsl.evaluation.engine import AsOfError, evaluate_files
    from zieldsl.german import month_long
    from zieldsl.documents.output import format_for, render_document, write_atomic

    try:
        output_format = format_for(output) if output else "md"
    except ZielError as err:
        raise click.UsageError(err.diagnostics[0].message + ". " + (err.diagnostics[0].hint or "")) from None
    try:
        results = evaluate_files([file], list(data), as_of, list(evidence) if evidence else None,
                                 report=lambda text: click.echo(text, err=True), vintage_at_most=vintage)
    except AsOfError as exc:
        raise click.UsageError(str(exc)) from None
    except ZielError as err:
        _fail(err)
    if len(results) != 1:
        raise click.UsageError(f"»{file}« enthält {len(results)} Vereinbarungen; draft braucht genau eine.")
    result = results[0]
    kind = kind or default_kind(result)
    if kind == "feststellung" and not is_final(result):
        click.echo(f"Hinweis: Die Daten reichen nur bis {month_long(result.as_of)}; die Feststellung beruht auf "
                   "vorläufigen Werten.", err=True)
    try:
        body = render_document(result, kind, output_format, template_dir)
        if output:
            write_atomic(output, body)
    except ZielError as err:
        _fail(err)
    if output:
        stand = "" if kind == "vereinbarung" else f" (Stand {month_long(result.as_of)})"
        click.echo(f"{output}: {KIND_TITLES[kind]} geschrieben{stand}.", err=True)
    else:
        sys.stdout.flush()
        click.echo(body.decode("utf-8"), nl=False)
