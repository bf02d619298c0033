"""Files → results: load agreements, data and evidence from files, then judge every agreement.

`evaluate_files` is all or nothing (one `ZielError` with every problem of every file), which
suits one agreement or a set that belongs together; `zieldsl.evaluation.batch.evaluate_each`
judges file by file instead. Without data paths, each agreement's data and evidence are
looked for beside it (`zieldsl.inputs.discovery`).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Callable, Sequence

from zieldsl.diagnostics import ZielError, sorted_diagnostics
from zieldsl.evaluation.actuals import check_owners
from zieldsl.evaluation.engine import (agency_key, agency_problems, evaluate, load_store, resolve_as_of,
                                       with_data_warnings)
from zieldsl.collector import young_collections_only
from zieldsl.evaluation.framework import digests_once
from zieldsl.evaluation.judging_pool import judge_all
from zieldsl.inputs.evidence import load_evidence_files
from zieldsl.inputs.store import ObservationStore
from zieldsl.language.checker import CheckedAgreement
from zieldsl.months import Month
from zieldsl.results import AgreementResult

__all__ = ["evaluate_files", "evaluate_loaded", "load_agreement_files"]


def evaluate_files(agreement_paths: Sequence[str | Path], data_paths: Sequence[str | Path] = (),
                   as_of: str | Month | None = None, evidence_paths: Sequence[str | Path] | None = None, *,
                   report: Callable[[str], None] | None = None,
                   vintage_at_most: datetime.date | None = None) -> list[AgreementResult]:
    """Load agreements, data and evidence from files and judge every agreement.

    Without `data_paths`, each agreement's data is looked for beside it (`zieldsl.inputs.discovery`);
    without `evidence_paths` likewise its evidence. `report` receives German notes on which
    files were found. `vintage_at_most` (CLI `--ladestand`) reads the data as they stood on
    that day. Besides the catalogue's series and indicators, the data may name the budget
    lines and assumptions of an agreement as `reihe`, on rows of that agreement's agency only.
    All problems of all files are raised together as one ZielError; a wrong `as_of` raises
    AsOfError.
    """
    with young_collections_only():  # reading and judging builds much that lives on
        return evaluate_loaded(load_agreement_files(agreement_paths), data_paths, as_of, evidence_paths,
                               report=report, vintage_at_most=vintage_at_most)


def load_agreement_files(agreement_paths: Sequence[str | Path]) -> list[tuple[Path, list[CheckedAgreement]]]:
    """Parse and check every agreement file; all problems of all files raised together as one ZielError."""
    from zieldsl.language.loading import load_each

    loaded: list[tuple[Path, list[CheckedAgreement]]] = []
    problems = []
    paths = list(agreement_paths)
    for path, (checked, found) in zip(paths, load_each(paths)):
        if checked is None:
            problems.extend(found)
        else:
            loaded.append((Path(path), checked))
    if problems:
        raise ZielError(problems)
    return loaded


def evaluate_loaded(loaded: Sequence[tuple[str | Path, Sequence[CheckedAgreement]]],
                    data_paths: Sequence[str | Path] = (), as_of: str | Month | None = None,
                    evidence_paths: Sequence[str | Path] | None = None, *,
                    report: Callable[[str], None] | None = None,
                    vintage_at_most: datetime.date | None = None) -> list[AgreementResult]:
    """`evaluate_files` for agreements already loaded (path, its checked agreements): data, evidence, results."""
    from zieldsl.inputs.discovery import discover

    loaded = [(Path(path), list(group)) for path, group in loaded]
    all_checked = [c for _p, group in loaded for c in group]
    if as_of is not None:
        for checked in all_checked:  # a wrong --monat is reported before any data is read
            resolve_as_of(checked, ObservationStore(), as_of)
    errors = []

    def attempt(load, *args, **options):
        try:
            return load(*args, **options)
        except ZielError as err:
            errors.extend(err.diagnostics)
            return None

    def data_store(paths, agreements):
        if not paths:
            return ObservationStore()
        store = attempt(load_store, list(paths), agreements, all_checked)
        if store is not None:
            errors.extend(check_owners(store, agreements))
        return store

    def evidence_of(paths):
        return attempt(load_evidence_files, list(paths)) if paths else None

    shared_store = data_store(data_paths, all_checked) if data_paths else None
    shared_evidence = evidence_of(evidence_paths) if evidence_paths else None
    inputs = []
    for path, group in loaded:
        found = discover(path) if not data_paths or evidence_paths is None else None  # files beside it
        data = list(data_paths) if data_paths else found.data
        store = shared_store if data_paths else data_store(data, group)
        if not data_paths and report is not None:
            report(f"{path}: Daten: {', '.join(map(str, data)) if data else 'keine gefunden'}")
        if evidence_paths is None:
            evidence_files = found.evidence
            evidence = evidence_of(evidence_files)
            if report is not None and evidence_files:
                report(f"{path}: Nachweise: {', '.join(map(str, evidence_files))}")
        else:
            evidence_files, evidence = list(evidence_paths), shared_evidence
        inputs.append((group, store, evidence, [*data, *evidence_files]))
    for group, store, _evidence, _files in inputs:
        if store is not None and len(store):
            errors.extend(agency_problems(group, store))
    if errors:  # every problem of every data and evidence file at once
        raise ZielError(sorted_diagnostics(errors))
    def job(checked, store, evidence, files):
        return lambda: with_data_warnings(evaluate(checked, store, evidence, as_of, files,
                                                   vintage_at_most=vintage_at_most), store, agency_key(checked))

    with digests_once(), young_collections_only():  # one national CSV named in 404 results is hashed once
        return judge_all([job(checked, store, evidence, files)
                          for group, store, evidence, files in inputs for checked in group])
