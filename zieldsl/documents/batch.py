"""Drafts for many agreements at once: one document per agreement, the Landesübersicht and an index page.

File names come from the Träger ("Landkreis Leer" → `landkreis-leer.feststellung.html`), made
unique with the agency key or the agreement id where two agreements share a Träger. The index
page (`index.html`, or `index.md` for Markdown) links every document and the overview. Nothing
is written here: the caller gets name → bytes and writes the folder all at once
(`zieldsl.files.write_folder_atomic`).
"""

from __future__ import annotations

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
from zieldsl.forked import worker_count, worker_pool
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


class Drafts:
    """Documents rendered while the results are still coming: `add` each result as it is judged.

    Judging all Kreise of a Land runs in one process; drawing their charts costs more. With many
    documents (`expected` ≥ PARALLEL_FROM, or `workers` > 1) each added result goes at once to a
    pool of one worker process per core, so the drawing overlaps the judging instead of waiting
    for it. `finish` takes the documents in the order added, then renders the overview and index
    page in this process. The bytes do not depend on the number of workers or on the timing.
    Use as a context manager: leaving it early (a failed agreement, an error) stops the workers
    without waiting for documents nobody will write.
    """

    def __init__(self, kind: str | None, output_format: str, template_dir: str | Path | None = None, *,
                 expected: int = 0, workers: int | None = None) -> None:
        self.kind, self.output_format, self.template_dir = kind, output_format, template_dir
        self.count = workers if workers is not None else worker_count(expected, PARALLEL_FROM)
        self.jobs: list[tuple] = []
        self.rendered: list = []  # futures (with workers) in the order of `jobs`
        self.pool = None

    def __enter__(self) -> "Drafts":
        return self

    def __exit__(self, exc_type, *exc) -> bool:
        self.close(wait=exc_type is None)
        return False

    def close(self, wait: bool = True) -> None:
        """Stop the workers; documents not begun are dropped, and on a failure or Ctrl-C (`wait=False`)
        nobody waits for the ones being drawn."""
        if self.pool is not None:
            self.pool.shutdown(wait=wait, cancel_futures=True)
            self.pool = None

    def add(self, outcome: AgreementOutcome) -> None:
        """A judged agreement (a failed one is skipped: nothing is written then anyway)."""
        if outcome.result is None:
            return
        result = outcome.result
        job = (result, self.kind or default_kind(result), self.output_format, self.template_dir)
        self.jobs.append(job)
        if self.count > 1:
            if self.pool is None:
                self.pool = worker_pool(self.count)
            self.rendered.append(self.pool.submit(_render, job))

    def finish(self, outcomes: list[AgreementOutcome],
               progress: Callable[[AgreementResult], None] | None = None) -> dict[str, bytes]:
        """Every document, the overview and the index, as file name → bytes (outcomes must all be results,
        the ones added, in the same order); the first template failure is raised as a ZielError."""
        results = [o.result for o in outcomes if o.result is not None]
        if [job[0] for job in self.jobs] != results:
            raise ValueError("Drafts.finish: outcomes differ from the results added")
        names = [f"{base}.{job[1]}.{self.output_format}" for base, job in zip(file_names(results), self.jobs)]
        files: dict[str, bytes] = {}
        entries: list[dict] = []
        overview: bytes | ZielError | None = None
        if self.count > 1:  # while the workers still draw: the overview needs the results only
            overview = _attempt_overview(outcomes, self.output_format, self.template_dir)
        rendered = (f.result() for f in self.rendered) if self.count > 1 else map(_render, self.jobs)
        try:
            problems = _collect(rendered, names, self.jobs, files, entries, progress)
        except BaseException:
            self.close(wait=False)
            raise
        self.close()
        if problems:  # a document's failure comes first, as when the overview came after the documents
            raise ZielError(problems)
        if overview is None:
            overview = _attempt_overview(outcomes, self.output_format, self.template_dir)
        if isinstance(overview, ZielError):
            raise overview
        files[f"{OVERVIEW}.{self.output_format}"] = overview
        return _with_index(files, entries, results, self.output_format, self.template_dir)


def _attempt_overview(outcomes, output_format: str, template_dir) -> bytes | ZielError:
    try:
        return render_overview(land_overview(outcomes), output_format, template_dir)
    except ZielError as err:
        return err


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
    first template failure is raised as a ZielError. (`Drafts` does the same while judging goes on.)
    """
    with Drafts(kind, output_format, template_dir, expected=len(outcomes), workers=workers) as drafts:
        for outcome in outcomes:
            drafts.add(outcome)
        return drafts.finish(outcomes, progress)


def _with_index(files: dict[str, bytes], entries: list[dict], results: list[AgreementResult], output_format: str,
                template_dir: str | Path | None) -> dict[str, bytes]:
    overview_name = f"{OVERVIEW}.{output_format}"
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
