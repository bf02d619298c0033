"""Text or file → checked agreements: parse, then check, every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from zieldsl.diagnostics import Diagnostic, DiagnosticBag, Span, ZielError
from zieldsl.files import MAX_SOURCE_BYTES, decode_source, read_limited, read_source
from zieldsl.lines import normalise
from zieldsl.language.checker import CheckedAgreement, check_document
from zieldsl.language.parser import parse_text


def check_text(text: str, name: str = "<eingabe>") -> list[CheckedAgreement]:
    """Parse and check agreement text; raises ZielError with all errors."""
    text = normalise(text)
    return check_document(parse_text(text, name), text)


def load_agreements(path: str | Path, display_name: str | None = None) -> list[CheckedAgreement]:
    """Parse and check every agreement in a file."""
    name = display_name or str(path)
    return check_text(read_source(path, name), name)


def load_each(paths: Sequence[str | Path]) -> list[tuple[list[CheckedAgreement] | None, list[Diagnostic]]]:
    """`load_agreements` of many files: per file (its agreements, []) or (None, its diagnostics), in order.

    A file read before with the same bytes under the same name (and the same zieldsl) comes from
    the cache of checked agreements (`zieldsl.language.agreement_cache`) without being parsed
    again. Of the others, from 16 on, all but the first are read in forked worker processes, one
    per core (`zieldsl.forked`): parsing 404 agreements was a third of a national run, and a
    checked agreement comes back pickled in a tenth of the time its parse took. The first is
    read here, so that the workers inherit a parser that is ready.
    """
    return _read_each(paths, for_check=False)


def _read_each(paths: Sequence[str | Path], for_check: bool) -> list:
    """`load_each`; with `for_check` only each file's diagnostics (`_diagnostics`), which is all a
    worker then sends back."""
    from zieldsl.language.agreement_cache import open_cache  # hashlib and pickle only where many files are read

    paths = list(paths)
    cache = open_cache() if paths else None
    if cache is None:
        return _load_fresh([(path, None, None) for path in paths], for_check)
    from zieldsl.collector import gc_paused

    answers: list = [None] * len(paths)
    misses = []
    with gc_paused():  # thousands of small objects that all live on
        for index, path in enumerate(paths):
            name = str(path)
            raw = _raw(path, name)
            key = cache.key(name, raw) if raw is not None else None
            checked = cache.get(key, name) if key is not None else None
            if checked is None:
                misses.append((index, (path, raw, (cache, key) if key is not None else None)))
            else:
                answers[index] = _diagnostics((checked, [])) if for_check else (checked, [])
    for (index, _item), answer in zip(misses, _load_fresh([item for _index, item in misses], for_check)):
        answers[index] = answer
    if any(item[2] is not None for _index, item in misses):
        cache.prune()  # entries may have been written (in this process or the workers)
    return answers


def _load_fresh(items: list, for_check: bool = False) -> list:
    """`_attempt_load` of each (path, bytes read or None, (cache, key) or None), the many in forked workers.

    A worker sends back the very pickle it stored in the cache (the pool would pickle the
    agreements a second time), or for `check` only the diagnostics.
    """
    from zieldsl.collector import gc_paused
    from zieldsl.forked import forked_map, worker_count  # multiprocessing only where many files are read

    if not items:
        return []
    workers = worker_count(len(items) - 1, at_least=15)
    if workers <= 1:
        answers = [_attempt_load(item) for item in items]
        return [_diagnostics(answer) for answer in answers] if for_check else answers
    first = _attempt_load(items[0])  # before the workers are forked: they inherit a parser that is ready
    if for_check:
        return [_diagnostics(first), *forked_map(_attempt_diagnostics, items[1:], workers)]
    answers = [first]
    with gc_paused():  # thousands of small objects that all live on
        answers.extend((_unpickled(checked), problems)
                       for checked, problems in forked_map(_attempt_load_packed, items[1:], workers))
    return answers


def _diagnostics(answer) -> list[Diagnostic]:
    """What `check_file` reports for a file loaded as (its agreements or None, its diagnostics)."""
    checked, problems = answer
    return problems if checked is None else [w for c in checked[:1] for w in c.warnings]


def _attempt_diagnostics(item) -> list[Diagnostic]:
    """`_attempt_load` in a worker process for `check`: only the diagnostics come back."""
    return _diagnostics(_attempt_load(item))


def _raw(path: str | Path, name: str) -> bytes | None:
    """The file's bytes as `read_source` reads them; None when it cannot (the fresh load words why)."""
    try:
        return read_limited(path, MAX_SOURCE_BYTES, name)
    except (OSError, ZielError):
        return None


def _checked(item) -> tuple[list[CheckedAgreement] | None, list[Diagnostic]]:
    """Check a file, from the bytes already read if there are any."""
    path, raw, _store = item
    try:
        if raw is None:
            return load_agreements(path), []
        name = str(path)
        return check_text(decode_source(raw, name), name), []
    except ZielError as err:
        return None, list(err.diagnostics)


def _attempt_load(item) -> tuple[list[CheckedAgreement] | None, list[Diagnostic]]:
    """`_checked`; a file without errors goes into the cache."""
    checked, problems = _checked(item)
    store = item[2]
    if checked is not None and store is not None:
        from zieldsl.language.agreement_cache import pack

        payload = pack(checked)
        if payload is not None:
            store[0].put(store[1], payload)
    return checked, problems


def _attempt_load_packed(item) -> tuple[bytes | list[CheckedAgreement] | None, list[Diagnostic]]:
    """`_attempt_load` in a worker process: the agreements come back as the pickle stored in the cache."""
    from zieldsl.language.agreement_cache import pack

    checked, problems = _checked(item)
    if checked is None:
        return None, problems
    payload = pack(checked)
    if payload is None:  # the pool pickles them its own way (and fails as it would have)
        return checked, problems
    store = item[2]
    if store is not None:
        store[0].put(store[1], payload)
    return payload, problems


def _unpickled(checked):
    """What a worker sent (`_attempt_load_packed`): the agreements, or their pickle made by `pack`."""
    from zieldsl.language.agreement_cache import unpack

    return unpack(checked) if isinstance(checked, bytes) else checked


def load_agreement(path: str | Path) -> CheckedAgreement:
    """The one agreement of a file (the common case)."""
    agreements = load_agreements(path)
    if len(agreements) != 1:
        bag = DiagnosticBag()
        bag.add("ZD005", f"Die Datei enthält {len(agreements)} Vereinbarungen; erwartet ist genau eine", Span(str(path), 1, 1))
        raise ZielError(bag.items)
    return agreements[0]


def check_file(path: str | Path) -> list[Diagnostic]:
    """All diagnostics (errors and warnings) for a file, without raising."""
    try:
        checked = load_agreements(path)
    except ZielError as err:
        return err.diagnostics
    return _diagnostics((checked, []))


def check_files(paths: Sequence[str | Path]) -> list[list[Diagnostic]]:
    """`check_file` of each file, in order; more than one file are read as `load_each` reads them.

    That is: an unchanged file that checked without errors before comes from the cache of
    checked agreements (with its warnings), the others are checked, from 16 on in worker
    processes. A single file is always checked afresh (and `check` of one file imports nothing
    the cache needs).
    """
    paths = list(paths)
    if len(paths) == 1:
        return [check_file(paths[0])]
    return _read_each(paths, for_check=True)


def diagnose_text(text: str, name: str = "<eingabe>") -> list[Diagnostic]:
    """All diagnostics for agreement text (e.g. read from stdin), exactly as `check_file` reports a file."""
    try:
        checked = check_text(text, name)
    except ZielError as err:
        return err.diagnostics
    return [w for c in checked[:1] for w in c.warnings]
