"""The draft judged against the data stored beside its file, cached between keystrokes.

Data and evidence are found by the same convention as `zieldsl evaluate FILE`
(`leer-2026.daten.csv`, `leer-2026.nachweise.yaml`). Reading them is the slow part,
so the loaded store is kept until a data file changes on disk or the agreement starts
naming other series.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from zieldsl.diagnostics import Diagnostic, ZielError
from zieldsl.language.checker import CheckedAgreement
from zieldsl.results import AgreementResult


@dataclass
class Judged:
    """The result, or why there is none (German), and which files were read."""

    result: AgreementResult | None
    problem: str | None
    files: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


def stamp(paths) -> tuple:
    """(path, mtime, size) of every file in `paths` (folders: their files), to notice changes on disk."""
    stamps = []
    for path in paths:
        path = Path(path)
        members = sorted(path.rglob("*")) if path.is_dir() else [path]
        for member in members:
            try:
                info = member.stat()
            except OSError:
                continue
            stamps.append((str(member), info.st_mtime_ns, info.st_size))
    return tuple(stamps)


_CACHE: dict[tuple, object] = {}


def _cached(key: tuple, load):
    if key not in _CACHE:
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[key] = load()
    return _CACHE[key]


def judge(checked: CheckedAgreement, path: str | os.PathLike | None) -> Judged:
    """Evaluate a checked draft with the data found beside `path` (nothing is written)."""
    from zieldsl.api import evaluate
    from zieldsl.evaluation.actuals import check_owners, own_names
    from zieldsl.inputs.csv_reader import load_data
    from zieldsl.inputs.store import ObservationStore
    from zieldsl.inputs.discovery import discover
    from zieldsl.inputs.evidence import load_evidence_files

    if path is None:
        return Judged(None, "Die Vereinbarung ist noch nicht gespeichert; ohne Datei gibt es keine Daten daneben.", ())
    found = discover(path)
    files = tuple(str(p) for p in [*found.data, *found.evidence])
    series = tuple(sorted(checked.catalog.series))
    names = tuple(sorted(checked.catalog.indicators)) + tuple(sorted(own_names(checked)))
    try:
        if found.data:
            groups = checked.catalog.group_codes()
            key = ("data", tuple(map(str, found.data)), stamp(found.data), series, names,
                   tuple(sorted(groups.items())))
            store = _cached(key, lambda: load_data(list(found.data), series, names, groups=groups))
            problems = check_owners(store, [checked])
            if problems:
                raise ZielError(problems)
        else:
            store = ObservationStore()
        evidence = None
        if found.evidence:
            key = ("evidence", tuple(map(str, found.evidence)), stamp(found.evidence))
            evidence = _cached(key, lambda: load_evidence_files(list(found.evidence)))
        result = evaluate(checked, store, evidence, None, [*found.data, *found.evidence])
    except ZielError as err:
        return Judged(None, "Die Daten neben der Vereinbarung enthalten Fehler.", files, tuple(err.diagnostics))
    except Exception as exc:  # noqa: BLE001 - an as-of or data problem must not break the editor
        return Judged(None, f"Bewertung nicht möglich: {exc}", files)
    if not found.data:
        return Judged(result, "Neben der Vereinbarung liegen keine Daten (NAME.daten.csv); "
                              "Kennzahlen sind nicht bewertbar.", files)
    return Judged(result, None, files)
