"""`zieldsl draft`: the Feststellung, the Zwischenbericht or the agreement itself as a document."""

from __future__ import annotations

import sys

import click

from zieldsl.cli.german_help import GermanCommand
from zieldsl.cli.options import (AGREEMENT_HELP, DISCOVERY_HELP, EXIT_INPUT_ERROR, as_of_option, data_option, evidence_option, fail,
                                 ask_which, pick_agreements, print_diagnostics, report_found, template_option,
                                 vintage_option)
from zieldsl.diagnostics import ZielError

KINDS = ("feststellung", "zwischenbericht", "vereinbarung")


def _parse_date(_ctx, _param, value):
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"»{value}« ist kein Datum der Form JJJJ-MM-TT.") from None


@click.command(epilog=DISCOVERY_HELP, cls=GermanCommand)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="DATEIEN...")
@data_option()
@evidence_option()
@click.option("--art", "--kind", "kind", type=click.Choice(KINDS),
              help="Art des Dokuments (Standard: Feststellung, wenn die Daten bis Dezember des Zieljahres "
                   "reichen, sonst Zwischenbericht).")
@as_of_option()
@vintage_option()
@click.option("-o", "--ausgabe", "--output", "output", type=click.Path(), metavar="PFAD",
              help="Ausgabedatei; die Endung bestimmt das Format: .md, .html, .docx oder .pdf (PDF mit der "
                   "Erweiterung zieldsl[pdf]). "
                   "Ohne -o: Markdown auf die Standardausgabe. Bei mehreren Vereinbarungen ein Ordner (ORDNER/).")
@click.option("--format", "batch_format", type=click.Choice(("md", "html", "docx")),
              help="Format der Dokumente im Ordner bei mehreren Vereinbarungen (Standard: html).")
@template_option()
@click.option("--aktenzeichen", "--reference", "reference", metavar="TEXT",
              help="Aktenzeichen für den Briefkopf (ohne: Platzhalter zum Ausfüllen).")
@click.option("--bearbeitung", "--clerk", "clerk", metavar="NAME",
              help="Bearbeiterin oder Bearbeiter für den Briefkopf (ohne: Platzhalter zum Ausfüllen).")
@click.option("--datum", "--date", "date", metavar="JJJJ-MM-TT", callback=_parse_date,
              help="Datum im Briefkopf (Standard: Ladestand der Daten, nie das heutige Datum).")
@click.option("--vereinbarung", "agreement", metavar="ID", help=AGREEMENT_HELP)
def draft(files, data, evidence, kind, as_of, vintage, output, batch_format, template_dir, reference, clerk, date,
          agreement):
    """Ein Dokument aus Vereinbarung und Daten entwerfen: Feststellung, Zwischenbericht oder Vereinbarung.

    Mit mehreren Vereinbarungen und -o ORDNER/: ein Dokument je Vereinbarung (Dateiname nach dem Träger),
    dazu die Landesübersicht und eine Startseite index.html mit Verweisen auf alle.

    Die Datei (der Ordner) wird vollständig oder gar nicht geschrieben. Exit-Code 1 bei fehlerhaften
    Eingaben oder Vorlagen, 2 bei falscher Bedienung.
    """
    import os

    if len(files) > 1 or (output and (output.endswith(("/", os.sep)) or os.path.isdir(output))):
        _draft_folder(files, data, evidence, kind, as_of, vintage, output, batch_format or "html", template_dir)
        return
    if batch_format:
        raise click.UsageError("--format gilt nur für mehrere Vereinbarungen mit -o ORDNER/; sonst bestimmt die "
                               "Endung von -o das Format.")
    file = files[0]
    from zieldsl.api import (AsOfError, default_document_kind, document_format, document_title, evaluate_files,
                             is_final, render_document, write_atomic)
    from zieldsl.german import month_long

    try:
        output_format = document_format(output) if output else "md"
    except ZielError as err:
        raise click.UsageError(err.diagnostics[0].message + ". " + (err.diagnostics[0].hint or "")) from None
    try:
        results = evaluate_files([file], list(data), as_of, list(evidence) if evidence else None,
                                 report=report_found, vintage_at_most=vintage)
    except AsOfError as exc:
        raise click.UsageError(str(exc)) from None
    except ZielError as err:
        fail(err)
    results = pick_agreements(results, agreement, file, "draft")
    if len(results) > 1:
        ask_which(results, file, "draft")
    result = results[0]
    kind = kind or default_document_kind(result)
    if kind == "feststellung" and not is_final(result):
        click.echo(f"Hinweis: Die Daten reichen nur bis {month_long(result.as_of)}; die Feststellung beruht auf "
                   "vorläufigen Werten.", err=True)
    try:
        body = render_document(result, kind, output_format, template_dir, reference=reference, clerk=clerk,
                               date=date)
        if output:
            write_atomic(output, body)
    except ZielError as err:
        fail(err)
    if output:
        stand = "" if kind == "vereinbarung" else f" (Stand {month_long(result.as_of)})"
        click.echo(f"{output}: {document_title(kind)} geschrieben{stand}.", err=True)
    else:
        sys.stdout.flush()
        click.echo(body.decode("utf-8"), nl=False)


def _draft_folder(files, data, evidence, kind, as_of, vintage, output, output_format, template_dir) -> None:
    """All documents into one folder, all or nothing, with a progress bar on a terminal.

    Each judged agreement goes to the drafting workers at once, so documents are drawn while the
    others are still being judged (`zieldsl.api.drafting`).
    """
    from zieldsl.api import AsOfError, drafting, evaluate_each, write_folder_atomic

    if not output:
        raise click.UsageError("Für mehrere Vereinbarungen braucht draft einen Ordner: -o ORDNER/.")
    show = sys.stderr.isatty()

    def bar(label: str, length: int):
        return click.progressbar(length=length, label=label, file=sys.stderr) if show else _NoBar()

    with drafting(kind, output_format, template_dir, expected=len(files)) as drafts:
        try:
            with bar("Bewerten ", len(files)) as progress:
                seen: set[str] = set()

                def evaluated(outcome):
                    drafts.add(outcome)
                    if outcome.file not in seen:
                        seen.add(outcome.file)
                        progress.update(1)

                outcomes = evaluate_each(list(files), list(data), as_of, list(evidence) if evidence else None,
                                         vintage_at_most=vintage, progress=evaluated)
        except AsOfError as exc:
            raise click.UsageError(str(exc)) from None
        failed = [o for o in outcomes if o.failed]
        if failed:
            for outcome in failed:
                print_diagnostics(list(outcome.diagnostics))
            click.echo(f"{len(failed)} von {len(outcomes)} Vereinbarungen nicht bewertet "
                       f"({', '.join(sorted({o.file for o in failed}))}); es wurde nichts geschrieben, "
                       f"»{output}« ist unverändert.", err=True)
            sys.exit(EXIT_INPUT_ERROR)
        try:
            with bar("Entwerfen", len(outcomes)) as progress:
                documents = drafts.finish(outcomes, progress=lambda _result: progress.update(1))
            write_folder_atomic(output, documents)
        except ZielError as err:
            fail(err)
    click.echo(f"{output}: {len(outcomes)} Entwürfe, Landesübersicht und Startseite geschrieben "
               f"({len(documents)} Dateien).", err=True)


class _NoBar:
    """Stands in for click's progress bar when stderr is not a terminal: quiet when piped."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, _steps: int) -> None:
        pass
