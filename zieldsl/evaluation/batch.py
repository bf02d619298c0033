"""Judge many agreement files at once, file by file: a bad file is reported, the others are judged.

`evaluate_files` (`zieldsl.evaluation.from_files`) raises one `ZielError` when any input is wrong, which suits
one agreement. A Land judging all its Kreise needs the opposite: every file gets an
`AgreementOutcome`, either the results of its agreements or the diagnostics that
stopped it. A problem in a data or evidence file shared by all agreements (`--daten`,
`--nachweise`) stops every agreement that depends on it; data found beside one
agreement stops only that one. A wrong `as_of` is still a usage error (AsOfError).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Callable, Sequence

from zieldsl.collector import young_collections_only
from zieldsl.diagnostics import Diagnostic, ZielError, sorted_diagnostics
from zieldsl.evaluation.actuals import check_owners
from zieldsl.evaluation.engine import (agency_key, agency_problems, evaluate, load_store, resolve_as_of,
                                       with_data_warnings)
from zieldsl.evaluation.framework import digests_once
from zieldsl.inputs.store import ObservationStore
from zieldsl.inputs.evidence import load_evidence_files
from zieldsl.language.checker import CheckedAgreement
from zieldsl.months import Month
from zieldsl.results import AgreementOutcome

__all__ = ["evaluate_each"]


def _attempt(load, *args, **options) -> tuple[object | None, list[Diagnostic]]:
    try:
        return load(*args, **options), []
    except ZielError as err:
        return None, list(err.diagnostics)


def evaluate_each(agreement_paths: Sequence[str | Path], data_paths: Sequence[str | Path] = (),
                  as_of: str | Month | None = None, evidence_paths: Sequence[str | Path] | None = None, *,
                  report: Callable[[str], None] | None = None, vintage_at_most: datetime.date | None = None,
                  progress: Callable[[AgreementOutcome], None] | None = None) -> list[AgreementOutcome]:
    """One outcome per agreement (or per failed file), in the order of the files and their agreements.

    Arguments as `zieldsl.evaluation.from_files.evaluate_files`; `progress` is called after each outcome.
    """
    with young_collections_only():  # reading and judging builds much that lives on
        return _evaluate_each(agreement_paths, data_paths, as_of, evidence_paths, report, vintage_at_most, progress)


def _evaluate_each(agreement_paths, data_paths, as_of, evidence_paths, report, vintage_at_most,
                   progress) -> list[AgreementOutcome]:
    from zieldsl.inputs.discovery import discover
    from zieldsl.language.loading import load_each

    paths = list(agreement_paths)
    loaded: list[tuple[Path, list[CheckedAgreement] | None, list[Diagnostic]]] = [
        (Path(path), checked, problems) for path, (checked, problems) in zip(paths, load_each(paths))]
    all_checked = [c for _p, group, _d in loaded if group for c in group]
    if as_of is not None:
        for checked in all_checked:  # a wrong --monat is a usage error, before any data is read
            resolve_as_of(checked, ObservationStore(), as_of)

    def data_store(paths, agreements) -> tuple[ObservationStore | None, list[Diagnostic]]:
        if not paths:
            return ObservationStore(), []
        store, problems = _attempt(load_store, list(paths), agreements, all_checked)
        if store is not None:
            problems = problems + check_owners(store, agreements)
        return store, problems

    shared_store, shared_problems = (data_store(data_paths, all_checked) if data_paths else (None, []))
    shared_evidence, shared_evidence_problems = (_attempt(load_evidence_files, list(evidence_paths))
                                                 if evidence_paths else (None, []))
    outcomes: list[AgreementOutcome] = []

    def done(outcome: AgreementOutcome) -> None:
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)

    with digests_once():  # one national CSV named in many results is hashed once
        for path, group, problems in loaded:
            if group is None:
                done(AgreementOutcome(str(path), None, tuple(sorted_diagnostics(problems))))
                continue
            found = discover(path)
            if data_paths:
                data, store, problems = list(data_paths), shared_store, list(shared_problems)
            else:
                data = found.data
                store, problems = data_store(data, group)
                if report is not None:
                    report(f"{path}: Daten: {', '.join(map(str, data)) if data else 'keine gefunden'}")
            if evidence_paths is None:
                evidence_files = found.evidence
                evidence, evidence_problems = (_attempt(load_evidence_files, list(evidence_files))
                                               if evidence_files else (None, []))
                if report is not None and evidence_files:
                    report(f"{path}: Nachweise: {', '.join(map(str, evidence_files))}")
            else:
                evidence_files, evidence = list(evidence_paths), shared_evidence
                evidence_problems = list(shared_evidence_problems)
            problems = problems + evidence_problems
            if problems or store is None:
                done(AgreementOutcome(str(path), None, tuple(sorted_diagnostics(problems))))
                continue
            for checked in group:
                missing_agency = agency_problems([checked], store) if len(store) else []
                if missing_agency:  # data given, but none for this agency (ZD330): only this one stops
                    done(AgreementOutcome(str(path), None, tuple(missing_agency)))
                    continue
                try:
                    result = evaluate(checked, store, evidence, as_of, [*data, *evidence_files],
                                      vintage_at_most=vintage_at_most)
                except ZielError as err:
                    done(AgreementOutcome(str(path), None, tuple(sorted_diagnostics(err.diagnostics))))
                    continue
                done(AgreementOutcome(str(path), with_data_warnings(result, store, agency_key(checked)), ()))
    return outcomes
