"""`zieldsl evaluate` and `zieldsl explain`: judge agreements against data, and show why."""

from __future__ import annotations

import json
import sys

import click

from zieldsl.diagnostics import ZielError

DISCOVERY_HELP = (
    "Ohne --data sucht zieldsl die Daten neben der Vereinbarung: zu »vereinbarungen/leer-2026.ziel« die Datei "
    "»leer-2026.daten.csv« und/oder den Ordner »leer-2026.daten/« (alle *.csv darin); ohne --nachweise ebenso "
    "»leer-2026.nachweise.yaml« (oder der Ordner »leer-2026.nachweise/«). Welche Dateien verwendet wurden, steht "
    "auf der Standardfehlerausgabe."
)


def _fail(err: ZielError) -> None:
    from zieldsl.cli.main import _fail as fail

    fail(err)


def _usage(message: str) -> None:
    """A usage error (exit code 2); the command group shows it with German labels."""
    raise click.UsageError(message)


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
        _usage(f"{command}: Vereinbarung »{wanted}« gibt es in {file} nicht. {hint}")
    return chosen


def ask_which(results: list, file: str, command: str) -> None:
    """Several agreements and no `--vereinbarung`: say which there are instead of taking the first."""
    ids = ", ".join(r.agreement_id for r in results)
    _usage(f"{command}: {file} enthält {len(results)} Vereinbarungen ({ids}). Wählen Sie eine mit "
           f"--vereinbarung, z. B. »--vereinbarung {results[0].agreement_id}«.")


def _run(files, data, evidence, as_of, vintage=None):
    from zieldsl.evaluation.engine import AsOfError, evaluate_files

    try:
        return evaluate_files(list(files), list(data), as_of, list(evidence) if evidence else None,
                              report=lambda text: click.echo(text, err=True), vintage_at_most=vintage)
    except AsOfError as exc:
        _usage(str(exc))
    except ZielError as err:
        _fail(err)


_data_option = click.option("--data", "data", multiple=True, type=click.Path(),
                            help="CSV-Datei oder Ordner mit Kennzahldaten (mehrfach möglich).")
_evidence_option = click.option("--nachweise", "evidence", multiple=True, type=click.Path(),
                                help="YAML-Datei oder Ordner mit Nachweisen zu Meilensteinen (mehrfach möglich).")
_as_of_option = click.option("--as-of", "as_of", metavar="JJJJ-MM",
                             help="Bewertungsmonat im Zieljahr (Standard: letzter Monat mit Daten).")


def _parse_vintage(ctx, param, value):
    """`--ladestand JJJJ-MM-TT` → date; anything else is a usage error with a German hint."""
    if value is None:
        return None
    import datetime
    import re

    from zieldsl.inputs.numbers import date_hint

    text = value.strip()
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise click.BadParameter(f"»{value}« ist kein Datum. {date_hint(value)}")


VINTAGE_HELP = ("Daten so bewerten, wie sie an diesem Tag vorlagen: Ladestand V ist der neueste Ladestand bis "
                "zu diesem Datum (Vergleichsjahr bei »gleicher ladestand«: bis V minus ein Jahr). Standard: der "
                "Ladestand, mit dem der Bewertungsmonat zuerst geliefert wurde.")
_vintage_option = click.option("--ladestand", "vintage", metavar="JJJJ-MM-TT", callback=_parse_vintage,
                               help=VINTAGE_HELP)


@click.command(epilog=DISCOVERY_HELP)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_data_option
@_evidence_option
@_as_of_option
@_vintage_option
@click.option("--json", "as_json", is_flag=True,
              help="Ergebnis als ein JSON-Objekt (Schema zieldsl-ergebnis/2.0), auch bei fehlerhaften Dateien.")
def evaluate(files, data, evidence, as_of, vintage, as_json):
    """Vereinbarungen anhand der Daten bewerten: eine Zeile je Ziel und Bedingung.

    Eine fehlerhafte Datei wird gemeldet, die übrigen werden trotzdem bewertet. Der Exit-Code ist 0, auch
    wenn Ziele verfehlt sind; 1, wenn eine Eingabe fehlerhaft war, 2 bei falscher Bedienung.
    """
    from zieldsl import __version__
    from zieldsl.api import evaluate_each
    from zieldsl.cli.main import EXIT_INPUT_ERROR, _print_diagnostics
    from zieldsl.cli.terminal import overview, render
    from zieldsl.evaluation.engine import AsOfError
    from zieldsl.results import to_json_batch

    try:
        outcomes = evaluate_each(list(files), list(data), as_of, list(evidence) if evidence else None,
                                 report=lambda text: click.echo(text, err=True), vintage_at_most=vintage)
    except AsOfError as exc:
        _usage(str(exc))
    failed = [o for o in outcomes if o.failed]
    for outcome in failed:
        _print_diagnostics(list(outcome.diagnostics))
    if failed:
        errors = sum(1 for o in failed for d in o.diagnostics if d.is_error)
        click.echo(f"{errors} Fehler gefunden.", err=True)
        click.echo(f"{len(failed)} von {len(outcomes)} Vereinbarungen nicht bewertet "
                   f"({', '.join(sorted({o.file for o in failed}))}).", err=True)
    results = [o.result for o in outcomes if o.result is not None]
    if as_json:
        body = to_json_batch(outcomes, __version__)
        click.echo(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=False))
    else:
        parts = []
        if len(results) > 1:
            parts.append(overview(results))
        parts.extend(render(r) for r in results)
        click.echo("\n".join(parts), nl=False)
    if failed:
        sys.exit(EXIT_INPUT_ERROR)


@click.command(epilog=DISCOVERY_HELP)
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("target")
@_data_option
@_evidence_option
@_as_of_option
@_vintage_option
@click.option("--vereinbarung", "agreement", metavar="ID", help=AGREEMENT_HELP)
def explain(file, target, data, evidence, as_of, vintage, agreement):
    """Die Begründung eines Ziels zeigen: Regel, Bedingungen, Formeln, Datenpunkte mit Datei:Zeile.

    TARGET ist die Kennung (z. B. »integration«) oder die Nummer (z. B. »2« oder »2.1«) des Ziels.
    Enthält die Datei mehrere Vereinbarungen mit diesem Ziel, wählt --vereinbarung ID eine aus.
    """
    from zieldsl.api import load_agreements
    from zieldsl.diagnostics import did_you_mean
    from zieldsl.cli.terminal import explain as render_explain
    from zieldsl.evaluation.indicators import describe

    results = _run([file], data, evidence, as_of, vintage)
    try:
        checked = load_agreements(file)
    except ZielError as err:  # pragma: no cover - already loaded once by _run
        _fail(err)
    pairs = [(r, c) for r, c in zip(results, checked)
             if r in pick_agreements(results, agreement, file, "explain")]
    matching = [(r, c) for r, c in pairs if r.target(target) is not None]
    if len(matching) > 1:
        ask_which([r for r, _c in matching], file, "explain")
    for result, checked_agreement in matching:
        found = result.target(target)
        formulas = {code: describe(i.function, i.args) for code, i in checked_agreement.catalog.indicators.items()
                    if i.args}
        click.echo(render_explain(result, found, checked_agreement.source_text, formulas), nl=False)
        return
    results = [r for r, _c in pairs]
    known = [t.id for r in results for t in r.targets] + [t.number for r in results for t in r.targets]
    listing = ", ".join(f"{t.number} ({t.id})" for r in results for t in r.targets)
    hint = did_you_mean(target, known) or f"Bekannt sind: {listing}."
    _usage(f"Ziel »{target}« gibt es in {file} nicht. {hint}")
