"""`zieldsl graph`: the agreement's dependency graph, exactly as the evaluator walks it."""

from __future__ import annotations

import click

from zieldsl.diagnostics import ZielError


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot", "json"]), default="mermaid",
              show_default=True, help="Ausgabeformat: Mermaid-Flussdiagramm, Graphviz-DOT oder JSON (node-link).")
def graph(file, fmt):
    """Den Abhängigkeitsgraphen ausgeben: Reihen → Kennzahlen → Bedingungen → Ziele → Vereinbarung."""
    import json

    from zieldsl.api import load_agreements
    from zieldsl.cli.main import _fail
    from zieldsl.evaluation.graph import build_graph, cycle_error, export, to_json

    try:
        agreements = load_agreements(file)
        graphs = [build_graph(checked) for checked in agreements]
        for g in graphs:
            error = cycle_error(g)
            if error is not None:
                raise error
    except ZielError as err:
        _fail(err)
    if fmt == "json" and len(graphs) > 1:
        click.echo(json.dumps([to_json(g) for g in graphs], ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(export(g, fmt) for g in graphs), nl=False)
