"""PDF from the HTML document, with WeasyPrint (an optional extra: pip install "zieldsl[pdf]").

The HTML is the source of truth; the PDF is its print rendering (the stylesheet's
@media print and @page rules). Reproducible: a fixed document identifier and the
document's own date as creation date, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime
import hashlib

from zieldsl.diagnostics import Diagnostic, ZielError


def html_to_pdf(html: bytes, when: datetime.date) -> bytes:
    """Render HTML bytes to PDF bytes; ZD530 when WeasyPrint (or its system libraries) is missing."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries WeasyPrint loads are absent
        raise ZielError([Diagnostic(
            "ZD530", f"PDF-Ausgabe ist hier nicht verfügbar: WeasyPrint fehlt oder lässt sich nicht laden ({exc})",
            hint='Installieren Sie die Erweiterung mit »pip install "zieldsl[pdf]"« (unter Debian zusätzlich '
                 '»apt-get install libpango-1.0-0 libpangoft2-1.0-0«) oder wählen Sie -o NAME.html bzw. .docx.')]) \
            from None
    stamp = when.strftime("%Y-%m-%dT00:00:00")
    text = html.decode("utf-8").replace(
        "<head>", f'<head>\n<meta name="dcterms.created" content="{stamp}">\n'
                  f'<meta name="dcterms.modified" content="{stamp}">', 1)
    identifier = hashlib.sha256(html).hexdigest()[:32].encode()
    return HTML(string=text).write_pdf(pdf_identifier=identifier)
