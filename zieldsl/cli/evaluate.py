"""`zieldsl evaluate` and `zieldsl explain`: judge agreements against data, and show why."""

from __future__ import annotations

import sys

import click

from zieldsl.cli.german_help import GermanCommand
from zieldsl.cli.options import (AGREEMENT_HELP, DISCOVERY_HELP, EXIT_INPUT_ERROR, as_of_option, ask_which, data_option,
                                 evidence_option, fail, pick_agreements, print_diagnostics, report_found, usage,
                                 vintage_option)
from zieldsl.diagnostics import ZielError


@click.command(epilog=DISCOVERY_HELP, cls=GermanCommand)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="DATEIEN...")
@data_option()
@evidence_option()
@as_of_option()
@vintage_option()
@click.option("--json", "as_json", is_flag=True,
              help="Ergebnis als ein JSON-Objekt (Schema zieldsl-ergebnis/3.0), auch bei fehlerhaften Dateien.")
def evaluate(files, data, evidence, as_of, vintage, as_json):
    """Vereinbarungen anhand der Daten bewerten: eine Zeile je Ziel und Bedingung.

    Eine fehlerhafte Datei wird gemeldet, die übrigen werden trotzdem bewertet. Der Exit-Code ist 0, auch
    wenn Ziele verfehlt sind; 1, wenn eine Eingabe fehlerhaft war, 2 bei falscher Bedienung.
    """
    from zieldsl import __version__
    from zieldsl.api import AsOfError, evaluate_each
    from zieldsl.cli.terminal import overview, render
    from zieldsl.results import json_batch_text

    try:
        outcomes = evaluate_each(list(files), list(data), as_of, list(evidence) if evidence else None,
                                 report=report_found, vintage_at_most=vintage)
    except AsOfError as exc:
        usage(str(exc))
    failed = [o for o in outcomes if o.failed]
    for outcome in failed:
        print_diagnostics(list(outcome.diagnostics))
    if failed:
        errors = sum(1 for o in failed for d in o.diagnostics if d.is_error)
        click.echo(f"{errors} Fehler gefunden.", err=True)
        click.echo(f"{len(failed)} von {len(outcomes)} Vereinbarungen nicht bewertet "
                   f"({', '.join(sorted({o.file for o in failed}))}).", err=True)
    results = [o.result for o in outcomes if o.result is not None]
    if as_json:
        for piece in json_batch_text(outcomes, __version__):  # one agreement at a time (404 of them: 140 MB)
            click.echo(piece, nl=False)
        click.echo("")
    else:
        parts = []
        if len(results) > 1:
            parts.append(overview(results))
        parts.extend(render(r) for r in results)
        click.echo("\n".join(parts), nl=False)
    if failed:
        sys.exit(EXIT_INPUT_ERROR)


@click.command(epilog=DISCOVERY_HELP, cls=GermanCommand)
@click.argument("file", type=click.Path(dir_okay=False), metavar="DATEI")
@click.argument("target", metavar="ZIEL")
@data_option()
@evidence_option()
@as_of_option()
@vintage_option()
@click.option("--vereinbarung", "agreement", metavar="ID", help=AGREEMENT_HELP)
def explain(file, target, data, evidence, as_of, vintage, agreement):
    """Die Begründung eines Ziels zeigen: Regel, Bedingungen, Formeln, Datenpunkte mit Datei:Zeile.

    ZIEL ist die Kennung (z. B. »integration«) oder die Nummer (z. B. »2« oder »2.1«) des Ziels.
    Enthält die Datei mehrere Vereinbarungen mit diesem Ziel, wählt --vereinbarung ID eine aus.
    """
    from zieldsl.api import AsOfError, describe_formula, evaluate_loaded, load_agreements
    from zieldsl.cli.terminal import explain as render_explain
    from zieldsl.diagnostics import did_you_mean

    try:  # loaded and checked once: the results and the source lines come from the same agreements
        checked = load_agreements(file)
        results = evaluate_loaded([(file, checked)], list(data), as_of, list(evidence) if evidence else None,
                                  report=report_found, vintage_at_most=vintage)
    except AsOfError as exc:
        usage(str(exc))
    except ZielError as err:
        fail(err)
    pairs = [(r, c) for r, c in zip(results, checked)
             if r in pick_agreements(results, agreement, file, "explain")]
    matching = [(r, c) for r, c in pairs if r.target(target) is not None]
    if len(matching) > 1:
        ask_which([r for r, _c in matching], file, "explain")
    for result, checked_agreement in matching:
        found = result.target(target)
        formulas = {code: describe_formula(i) for code, i in checked_agreement.catalog.indicators.items() if i.args}
        click.echo(render_explain(result, found, checked_agreement.source_text, formulas), nl=False)
        return
    results = [r for r, _c in pairs]
    known = [t.id for r in results for t in r.targets] + [t.number for r in results for t in r.targets]
    listing = ", ".join(f"{t.number} ({t.id})" for r in results for t in r.targets)
    hint = did_you_mean(target, known) or f"Bekannt sind: {listing}."
    usage(f"Ziel »{target}« gibt es in {file} nicht. {hint}")
