"""The public Python entry point: check, load, evaluate and render agreements.

The CLI goes through these functions, so tests and other tools get exactly the
behaviour users get. Each stage lives in its own wing (`zieldsl.language`,
`zieldsl.inputs`, `zieldsl.evaluation`, `zieldsl.documents`); this module only
names the calls a user of the package needs. Heavy wings are imported on first use,
so `check` starts without networkx, jinja2 or docxtpl.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from zieldsl.files import read_source, write_atomic, write_folder_atomic
from zieldsl.months import AsOfError
from zieldsl.language.loading import (check_file, check_files, check_text, diagnose_text, load_agreement,
                                      load_agreements)

if TYPE_CHECKING:
    from zieldsl.inputs.discovery import Discovered
    from zieldsl.inputs.store import ObservationStore
    from zieldsl.inputs.evidence import Evidence
    from zieldsl.inputs.importing import ImportResult
    from zieldsl.language.checker import CheckedAgreement
    from zieldsl.months import Month
    from zieldsl.documents.batch import Drafts
    from zieldsl.evaluation.land import LandOverview
    from zieldsl.results import AgreementOutcome, AgreementResult

__all__ = ["AsOfError", "check_file", "check_files", "check_text", "default_document_kind", "dependency_graph", "describe_formula",
           "diagnose_text", "discover_inputs", "document_format", "document_title", "draft_all", "drafting",
           "dsl_words", "evaluate", "evaluate_each", "evaluate_files", "evaluate_loaded", "export_graph", "format_text",
           "graph_json", "import_tables", "is_final", "land_overview", "load_agreement", "load_agreements",
           "parse_as_of", "parse_vintage", "read_source", "render_document", "render_overview", "write_atomic",
           "write_folder_atomic"]


def evaluate(checked: CheckedAgreement, store: ObservationStore, evidence: Evidence | None = None,
             as_of: Month | str | None = None, data_files: Iterable[str | Path] = (), *,
             vintage_at_most: datetime.date | None = None) -> AgreementResult:
    """Judge one checked agreement against loaded data (`zieldsl.evaluation.engine.evaluate`)."""
    from zieldsl.evaluation import engine

    return engine.evaluate(checked, store, evidence, as_of, data_files, vintage_at_most=vintage_at_most)


def evaluate_files(agreement_paths: Sequence[str | Path], data_paths: Sequence[str | Path] = (),
                   as_of: str | Month | None = None, evidence_paths: Sequence[str | Path] | None = None, *,
                   report: Callable[[str], None] | None = None,
                   vintage_at_most: datetime.date | None = None) -> list[AgreementResult]:
    """Load agreements, data and evidence from files and judge every agreement; all problems of all
    files raise one ZielError (`zieldsl.evaluation.from_files`)."""
    from zieldsl.evaluation import from_files

    return from_files.evaluate_files(agreement_paths, data_paths, as_of, evidence_paths, report=report,
                                     vintage_at_most=vintage_at_most)


def evaluate_loaded(loaded: Sequence[tuple[str | Path, Sequence[CheckedAgreement]]],
                    data_paths: Sequence[str | Path] = (), as_of: str | Month | None = None,
                    evidence_paths: Sequence[str | Path] | None = None, *,
                    report: Callable[[str], None] | None = None,
                    vintage_at_most: datetime.date | None = None) -> list[AgreementResult]:
    """`evaluate_files` for agreements already loaded with `load_agreements`: (path, agreements) pairs."""
    from zieldsl.evaluation import from_files

    return from_files.evaluate_loaded(loaded, data_paths, as_of, evidence_paths, report=report,
                                      vintage_at_most=vintage_at_most)


def parse_as_of(text: str) -> Month:
    """`JJJJ-MM` → Month; raises `AsOfError` (a usage error) when it is not a month."""
    from zieldsl.evaluation.engine import parse_as_of as parse

    return parse(text)


def describe_formula(indicator) -> str:
    """An indicator's catalogue formula in words, for `explain` (`zieldsl.evaluation.indicators.describe`)."""
    from zieldsl.evaluation.indicators import describe

    return describe(indicator.function, indicator.args)


def dependency_graph(checked: CheckedAgreement):
    """The agreement's dependency graph, exactly as the evaluator walks it (a networkx DiGraph);
    a cycle raises ZielError (ZD401)."""
    from zieldsl.evaluation.graph import build_graph, cycle_error

    graph = build_graph(checked)
    error = cycle_error(graph)
    if error is not None:
        raise error
    return graph


def export_graph(graph, output_format: str) -> str:
    """A dependency graph as Mermaid, Graphviz DOT or JSON text (`zieldsl.evaluation.graph.export`)."""
    from zieldsl.evaluation.graph import export

    return export(graph, output_format)


def graph_json(graph) -> dict:
    """A dependency graph as a JSON object (node-link)."""
    from zieldsl.evaluation.graph import to_json

    return to_json(graph)


def evaluate_each(agreement_paths: Sequence[str | Path], data_paths: Sequence[str | Path] = (),
                  as_of: str | Month | None = None, evidence_paths: Sequence[str | Path] | None = None, *,
                  report: Callable[[str], None] | None = None, vintage_at_most: datetime.date | None = None,
                  progress: Callable[[AgreementOutcome], None] | None = None) -> list[AgreementOutcome]:
    """Judge many files, each on its own: a bad file gives diagnostics, the others results
    (`zieldsl.evaluation.batch.evaluate_each`)."""
    from zieldsl.evaluation import batch

    return batch.evaluate_each(agreement_paths, data_paths, as_of, evidence_paths, report=report,
                               vintage_at_most=vintage_at_most, progress=progress)


def render_document(result: AgreementResult, kind: str, output_format: str,
                    template_dir: str | Path | None = None, *, reference: str | None = None,
                    clerk: str | None = None, date: datetime.date | None = None) -> bytes:
    """A result as Markdown, HTML, Word or PDF bytes (`zieldsl.documents.output`).

    reference, clerk, date: the letterhead's Aktenzeichen, Bearbeitung and date (default: the
    data vintage); what is missing is marked for the official to fill in.
    """
    from zieldsl.documents import output
    from zieldsl.documents.context import Letterhead

    return output.render_document(result, kind, output_format, template_dir,
                                  Letterhead(reference=reference, clerk=clerk, date=date))



def land_overview(outcomes: Sequence[AgreementOutcome]) -> LandOverview:
    """The Land's view of many judged agreements: tables per target kind, Land figures, ranks
    (`zieldsl.evaluation.land`)."""
    from zieldsl.evaluation import land

    return land.overview(list(outcomes))


def render_overview(outcomes: Sequence[AgreementOutcome], output_format: str,
                    template_dir: str | Path | None = None) -> bytes:
    """The Landesübersicht as Markdown, HTML or Word bytes (`zieldsl.documents.overview`)."""
    from zieldsl.documents import overview

    return overview.render_overview(land_overview(outcomes), output_format, template_dir)


def draft_all(outcomes: Sequence[AgreementOutcome], kind: str | None, output_format: str,
              template_dir: str | Path | None = None,
              progress: Callable[[AgreementResult], None] | None = None,
              workers: int | None = None) -> dict[str, bytes]:
    """One document per agreement, the Landesübersicht and an index page, as file name → bytes
    (`zieldsl.documents.batch`; many documents are rendered in one process per core, `workers`
    overrides); write them with `write_folder_atomic`."""
    from zieldsl.documents import batch

    return batch.draft_all(list(outcomes), kind, output_format, template_dir, progress, workers)


def drafting(kind: str | None, output_format: str, template_dir: str | Path | None = None, *,
             expected: int = 0, workers: int | None = None) -> Drafts:
    """`draft_all` while judging goes on: `add` each outcome as `evaluate_each` reports it, then `finish`
    (`zieldsl.documents.batch.Drafts`; a context manager that stops its workers on leaving)."""
    from zieldsl.documents import batch

    return batch.Drafts(kind, output_format, template_dir, expected=expected, workers=workers)


def import_tables(sources: Sequence[str | Path], profile: str = "bmas-48a",
                  vintage: datetime.date | None = None) -> ImportResult:
    """Excel/CSV tables → zieldsl's indicator CSV text and a report (`zieldsl.inputs.importing`).

    `profile` is a shipped profile's name or a YAML path; `vintage` the Ladestand for every value
    when the tables do not name one. Raises ZielError with every refusal, positioned by cell.
    """
    from zieldsl.inputs import importing

    return importing.import_tables(sources, profile, vintage)


# ---------------------------------------------------------------- small services for the CLI and tools


def format_text(text: str, name: str = "<eingabe>") -> str:
    """An agreement text in canonical layout (`zieldsl fmt`); raises ZielError on syntax errors."""
    from zieldsl.language import formatter

    return formatter.format_text(text, name)


def parse_vintage(text: str) -> datetime.date:
    """`JJJJ-MM-TT` → the Ladestand date; ValueError with a German hint when it is not a date."""
    import re

    from zieldsl.inputs.numbers import date_hint

    stripped = text.strip()
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", stripped):
            return datetime.date.fromisoformat(stripped)
    except ValueError:
        pass
    raise ValueError(f"»{text}« ist kein Datum. {date_hint(text)}")


def discover_inputs(agreement: str | Path) -> Discovered:
    """The data and evidence files beside an agreement under the naming convention (`zieldsl.inputs.discovery`)."""
    from zieldsl.inputs.discovery import discover

    return discover(agreement)


def document_format(path: str | Path) -> str:
    """The document format a file name asks for (`.md`, `.html`, `.docx`, `.pdf`); ZielError (ZD508) otherwise."""
    from zieldsl.documents.output import format_for

    return format_for(path)


def default_document_kind(result: AgreementResult) -> str:
    """Feststellung when the data reach December of the target year, else Zwischenbericht."""
    from zieldsl.documents.context import default_kind

    return default_kind(result)


def is_final(result: AgreementResult) -> bool:
    """The data reach December of the target year: the year can be judged."""
    from zieldsl.documents.context import is_final as final

    return final(result)


def document_title(kind: str) -> str:
    """A document kind's German title (»Feststellung der Zielerreichung«, …)."""
    from zieldsl.documents.context import KIND_TITLES

    return KIND_TITLES[kind]


def dsl_words() -> dict[str, list[str]]:
    """The language's words by class, for editors' highlighting (`zieldsl.language.highlighter`)."""
    from zieldsl.language import highlighter as h

    return {"declarations": list(h.DECLARATIONS), "keywords": list(h.KEYWORDS), "operators": list(h.OPERATOR_WORDS),
            "groups": list(h.GROUPS), "units": list(h.UNITS), "constants": list(h.CONSTANTS)}
