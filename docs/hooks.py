"""mkdocs hooks: generated pages and checked examples.

- `<!-- zieldsl: katalog -->` becomes the indicator catalogue, generated from
  `zieldsl/language/standard.ziel` through `docbuild.generated`.
- `<!-- zieldsl: module -->` becomes the module map of the developer page.
- `<!-- zieldsl: vorlagenfelder -->` becomes the list of template fields, taken from the
  context `zieldsl draft` really builds for the bundled Leer example.
- `<!-- zieldsl: fehlercodes -->` becomes the table of all diagnostic codes; the
  build fails when a code of the sources has no section on the page.
- Every ```zieldsl block is checked, marked error examples get their real
  messages, `befehl` markers their real output (`docbuild.pages`).
Every problem is logged as a warning, which `mkdocs build --strict` turns into a failure.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# The build helpers live outside the installed package (tools/docbuild).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from docbuild import generated as catalog_docs
from docbuild.pages import process_page

log = logging.getLogger("mkdocs.hooks.zieldsl")

CATALOG_MARKER = "<!-- zieldsl: katalog -->"
CODES_MARKER = "<!-- zieldsl: fehlercodes -->"
MODULES_MARKER = "<!-- zieldsl: module -->"
FIELDS_MARKER = "<!-- zieldsl: vorlagenfelder -->"


def on_page_markdown(markdown: str, page, config, files) -> str:
    repo_root = Path(config["config_file_path"]).resolve().parent
    source = f"docs/{page.file.src_uri}"
    markdown, problems = process_page(markdown, source, repo_root)
    for problem in problems:
        log.warning(problem)
    if CATALOG_MARKER in markdown:
        markdown = markdown.replace(CATALOG_MARKER, catalog_docs.catalog_markdown())
    if CODES_MARKER in markdown:
        codes = catalog_docs.diagnostic_codes()
        for problem in catalog_docs.code_problems(markdown, codes):
            log.warning(f"{source}: {problem}")
        markdown = markdown.replace(CODES_MARKER, catalog_docs.codes_overview(codes))
    if MODULES_MARKER in markdown:
        markdown = markdown.replace(MODULES_MARKER, catalog_docs.module_map_markdown())
    if FIELDS_MARKER in markdown:
        markdown = markdown.replace(FIELDS_MARKER, catalog_docs.template_fields_markdown(repo_root))
    return markdown
