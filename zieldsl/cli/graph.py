"""`zieldsl graph`: the agreement's dependency graph, exactly as the evaluator walks it."""

from __future__ import annotations

import click

from zieldsl.cli.german_help import GermanCommand
from zieldsl.diagnostics import ZielError
from zieldsl.json_text import json_text


@click.command(cls=GermanCommand)
@click.argument("file", type=click.Path(dir_okay=False), metavar="DATEI")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot", "json"]), default="mermaid",
              show_default=True, help="Ausgabeformat: Mermaid-Flussdiagramm, Graphviz-DOT oder JSON (node-link).")
def graph(file, fmt):
    """Den Abhängigkeitsgraphen ausgeben: Reihen → Kennzahlen → Bedingungen → Ziele → Vereinbarung."""
    from zieldsl.api import dependency_graph, export_graph, graph_json, load_agreements
    from zieldsl.cli.options import fail

    try:
        graphs = [dependency_graph(checked) for checked in load_agreements(file)]
    except ZielError as err:
        fail(err)
    if fmt == "json" and len(graphs) > 1:
        click.echo(json_text([graph_json(g) for g in graphs]))
        return
    click.echo("\n".join(export_graph(g, fmt) for g in graphs), nl=False)
