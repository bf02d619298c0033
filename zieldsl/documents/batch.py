"""Drafts for many agreements at once: one document per agreement, the Landesübersicht and an index page.

File names come from the Träger ("Landkreis Leer" → `landkreis-leer.feststellung.html`), made
unique with the agency key or the agreement id where two agreements share a Träger. The index
page (`index.html`, or `index.md` for Markdown) links every document and the overview. Nothing
is written here: the caller gets name → bytes and writes the folder all at once
(`zieldsl.files.write_folder_atomic`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Callable

from zieldsl import german as fmt
from zieldsl.diagnostics import ZielError
from zieldsl.documents import sandbox as render
from zieldsl.documents.context import KIND_TITLES, default_kind
from zieldsl.documents.output import render_document, tidy_markdown
from zieldsl.documents.overview import TEMPLATE as OVERVIEW, render_overview, status_word
from zieldsl.evaluation.land import overview as land_overview
from zieldsl.results import MET, MISSED, NOT_ASSESSABLE, AgreementOutcome, AgreementResult

INDEX_TEMPLATE = "entwuerfe_index"
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def slug(text: str) -> str:
    """"Landkreis Leer" → "landkreis-leer"; "Region Hannover (Jobcenter)" → "region-hannover-jobcenter"."""
    text = unicodedata.normalize("NFKD", text.translate(_UMLAUTS)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "vereinbarung"


def file_names(results: list[AgreementResult]) -> list[str]:
    """A unique base name per result, from the Träger; the key or the agreement id where needed."""
    bases = [slug(r.agency or r.agreement_id) for r in results]
    names = []
    for index, (base, result) in enumerate(zip(bases, results)):
        if bases.count(base) > 1:
            keyed = [f"{b}-{slug(r.agency_key or '')}" for b, r in zip(bases, results)]
            base = keyed[index] if result.agency_key and keyed.count(keyed[index]) == 1 else \
                f"{base}-{slug(result.agreement_id)}"
        names.append(base)
    seen: dict[str, int] = {}
    unique = []
    for name in names:  # still equal (same Träger, same id in two files): number them
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return unique


PARALLEL_FROM = 8  # documents: below this, starting worker processes costs more than it saves


def _render(job: tuple) -> tuple[bytes | None, list]:
    """One document in a worker process; a template failure comes back as diagnostics, not as an exception."""
    result, kind, output_format, template_dir = job
    try:
        return render_document(result, kind, output_format, template_dir), []
    except ZielError as err:
        return None, list(err.diagnostics)


def _workers(jobs: int) -> int:
    if jobs < PARALLEL_FROM:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _collect(rendered, names, jobs, files, entries, progress) -> list:
    """Take the rendered documents in order; return the diagnostics of the first failure (else [])."""
    for name, job, (data, problems) in zip(names, jobs, rendered):
        if problems:
            return problems
        result, chosen = job[0], job[1]
        files[name] = data
        counts = {s: sum(1 for t in result.targets if t.status == s) for s in (MET, MISSED, NOT_ASSESSABLE)}
        interim = result.preliminary
        entries.append({
            "file": name, "agency": result.agency, "agency_key": result.agency_key or "–",
            "kind_title": KIND_TITLES[chosen], "as_of": fmt.month_long(result.as_of),
            "summary": ", ".join(f"{n} {status_word(s, interim)}" for s, n in counts.items() if n) or "–",
        })
        if progress is not None:
            progress(result)
    return []


def draft_all(outcomes: list[AgreementOutcome], kind: str | None, output_format: str,
              template_dir: str | Path | None = None,
              progress: Callable[[AgreementResult], None] | None = None,
              workers: int | None = None) -> dict[str, bytes]:
    """Every document, the overview and the index, as file name → bytes (outcomes must all be results).

    Documents are independent of each other, so from PARALLEL_FROM documents on they are rendered
    in one worker process per core (`workers` overrides); the bytes are the same either way. The
    first template failure is raised as a ZielError.
    """
    results = [o.result for o in outcomes if o.result is not None]
    files: dict[str, bytes] = {}
    entries = []
    jobs, names = [], []
    for result, base in zip(results, file_names(results)):
        chosen = kind or default_kind(result)
        names.append(f"{base}.{chosen}.{output_format}")
        jobs.append((result, chosen, output_format, template_dir))
    count = workers if workers is not None else _workers(len(jobs))
    if count > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods()
                                              else None)
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            rendered = pool.map(_render, jobs, chunksize=max(1, len(jobs) // (count * 8)))
            done = _collect(rendered, names, jobs, files, entries, progress)
    else:
        done = _collect(map(_render, jobs), names, jobs, files, entries, progress)
    if done:
        raise ZielError(done)
    overview_name = f"{OVERVIEW}.{output_format}"
    files[overview_name] = render_overview(land_overview(outcomes), output_format, template_dir)
    index_format = "md" if output_format == "md" else "html"
    env = render.make_environment(template_dir)
    years = sorted({r.target_year for r in results})
    context = {
        "title": f"Entwürfe {'/'.join(map(str, years))}", "entries": entries, "overview": overview_name,
        "number": len(entries), "tool": f"zieldsl {results[0].tool_version}" if results else "zieldsl",
    }
    text = render.render_template(env, f"{INDEX_TEMPLATE}.{index_format}.j2", context)
    if index_format == "md":
        text = tidy_markdown(text)
    files[f"index.{index_format}"] = text.encode("utf-8")
    return files
