"""Golden files for the documents: compare, or rewrite with ZIELDSL_UPDATE_GOLDEN=1.

Word files are compared through what a reader sees and what the file says about
itself: the text of paragraphs and table cells in document order, the core
properties, and the names and sizes of embedded images.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("ZIELDSL_UPDATE_GOLDEN") == "1"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN_DIR / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"Golden-Datei {path} fehlt; mit ZIELDSL_UPDATE_GOLDEN=1 anlegen."
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (f"{name} weicht von der Golden-Datei ab; nach Prüfung mit "
                                f"ZIELDSL_UPDATE_GOLDEN=1 aktualisieren.")


def plain(text: str) -> str:
    """A document's text with no-break spaces and minus signs as plain ones, for assertions about
    wording (the typography itself is checked in tests/test_documents.py)."""
    return text.replace("\u00a0", " ").replace("\u2212", "-")


def html_for_golden(text: str) -> str:
    """HTML with each chart's drawing left out (kept: its title and description).

    The drawing is matplotlib's, whose path data may shift between its versions; charts
    are checked for determinism and content in tests/test_documents.py.
    """
    return re.sub(r"(<svg [^>]*>\n<title .*?</desc>\n).*?(</svg>)", r"\1<!-- Zeichnung -->\n\2", text, flags=re.S)


def docx_text(data: bytes) -> str:
    """Core properties, then every paragraph (with its style) and table row, in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    lines = ["# Eigenschaften"]
    for field in ("title", "subject", "author", "last_modified_by", "keywords", "comments", "category",
                  "identifier", "language", "content_status", "version", "revision", "created", "modified",
                  "last_printed"):
        value = getattr(props, field)
        lines.append(f"{field}: {value.isoformat() if hasattr(value, 'isoformat') else value}")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        media = sorted((i.filename, archive.read(i)) for i in archive.infolist()
                       if i.filename.startswith("word/media/"))
    lines.append("# Bilder")
    # pixel size rather than bytes: the compressed size moves with the plotting library's version
    lines.extend(f"{name} ({int.from_bytes(png[16:20], 'big')}×{int.from_bytes(png[20:24], 'big')} Pixel)"
                 for name, png in media)
    lines.append("# Text")
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            image = " [Bild]" if child.xpath(".//w:drawing") else ""
            if paragraph.text or image:
                lines.append(f"[{paragraph.style.name}] {paragraph.text}{image}")
        elif tag == "tbl":
            for row in Table(child, document).rows:
                lines.append("| " + " | ".join(cell.text for cell in row.cells) + " |")
    for section in document.sections:
        lines.append("# Kopf- und Fußzeile")
        lines.extend(p.text for p in section.header.paragraphs if p.text)
        lines.extend(p.text for p in section.footer.paragraphs if p.text)
    return "\n".join(lines) + "\n"
