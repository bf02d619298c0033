"""Documents as bytes, and files written so that no half-written draft is ever left behind.

`render_document` turns an evaluation result into Markdown, HTML or Word bytes;
`write_atomic` puts bytes on disk through a temporary file in the target folder
and `os.replace`. Word files are made reproducible: fixed core properties derived
from the data (not the clock) and a zip with sorted entries and fixed timestamps.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

import yaml

from zieldsl.documents import context as documents
from zieldsl.documents import sandbox as render
from zieldsl.documents import word_layout
from zieldsl.diagnostics import Diagnostic, Span, ZielError
from zieldsl.files import write_atomic  # noqa: F401  (re-exported for callers of this module)
from zieldsl.results import AgreementResult
from zieldsl.documents.sentences import PHRASES_FILE, Phrases

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
CHART_WIDTH_MM = 160


def format_for(path: str | Path) -> str:
    """The output format from a file name's suffix; ZD508 for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise ZielError([Diagnostic("ZD508", f"Unbekanntes Ausgabeformat »{suffix or Path(path).name}« für "
                                             f"»{path}«",
                                    hint="Die Endung von -o bestimmt das Format: .md, .html, .docx oder .pdf.")])
    return SUFFIX_FORMATS[suffix]


def load_phrases(template_dir: str | Path | None) -> Phrases:
    """phrasen.yaml from --vorlage DIR or the bundled templates; YAML errors as ZD509."""
    path = render.find_file(PHRASES_FILE, template_dir)
    try:
        stat = path.stat()
        return _phrases(str(path), stat.st_mtime_ns, stat.st_size)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        span = Span(str(path), mark.line + 1, mark.column + 1) if mark else None
        raise ZielError([Diagnostic("ZD509", f"Satzbausteine in »{path.name}« sind kein gültiges YAML "
                                             f"({getattr(exc, 'problem', None) or exc})", span)]) from None
    except (AttributeError, TypeError) as exc:
        raise ZielError([Diagnostic("ZD509", f"Satzbausteine in »{path.name}« haben nicht die erwartete Form "
                                             f"({exc})", Span(str(path), 1, 1),
                                    "Erwartet sind die Abschnitte »kennzahlen«, »reihen« und »kernwoerter« "
                                    "wie in der mitgelieferten Datei.")]) from None


@lru_cache(maxsize=16)
def _phrases(path: str, _mtime_ns: int, _size: int) -> Phrases:
    """phrasen.yaml read once per version of the file (drafting many documents)."""
    return Phrases.load(Path(path))


def render_document(result: AgreementResult, kind: str, output_format: str,
                    template_dir: str | Path | None = None,
                    letterhead: documents.Letterhead | None = None) -> bytes:
    """The document `kind` for `result` in `output_format` ("md", "html", "docx", "pdf"), as bytes."""
    render.check_template_dir(template_dir)
    phrases = load_phrases(template_dir)
    if output_format == "docx":
        return render_docx(result, kind, phrases, template_dir, letterhead)
    if output_format == "pdf":
        from zieldsl.documents import pdf

        return pdf.html_to_pdf(render_document(result, kind, "html", template_dir, letterhead),
                               documents.document_date(result, kind))
    env = render.make_environment(template_dir)
    context = documents.build_context(result, kind, output_format, phrases=phrases, letterhead=letterhead)
    text = render.render_template(env, f"{kind}.{output_format}.j2", context)
    render.check_output_size(len(text), f"{kind}.{output_format}.j2")
    if output_format == "md":
        text = tidy_markdown(text)
    return text.encode("utf-8")


def tidy_markdown(text: str) -> str:
    """At most one blank line in a row, no trailing blank lines (templates stay readable)."""
    text = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
    return text.strip("\n") + "\n"


# ------------------------------------------------------------------ Word


class WordImage:
    """A chart for a Word template; opaque to templates (its module is outside the sandbox's list)."""

    __slots__ = ("_inline", "_alt")

    def __init__(self, template, png: bytes, alt: str):
        from docx.shared import Mm
        from docxtpl import InlineImage

        self._inline = InlineImage(template, io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
        self._alt = alt

    def __html__(self) -> str:
        xml = self._inline._insert_image()
        return xml.replace("<wp:docPr ", f"<wp:docPr descr={quoteattr(self._alt)} ", 1)

    __str__ = __html__


def render_docx(result: AgreementResult, kind: str, phrases: Phrases, template_dir: str | Path | None,
                letterhead: documents.Letterhead | None = None) -> bytes:
    """Fill the Word template `<kind>.docx` with docxtpl inside the sandbox."""
    from zieldsl.documents.word_template import docx_template_class

    DocxTemplate = docx_template_class()

    name = f"{kind}.docx"
    path = render.find_file(name, template_dir)
    _refuse_zip_bomb(path)
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds for a broken file
        raise ZielError([Diagnostic("ZD507", f"Die Vorlage »{path}« ist keine lesbare Word-Datei ({exc})",
                                    hint="Speichern Sie die Vorlage in Word oder LibreOffice als .docx.")]) from None
    context = documents.build_context(result, kind, "docx", phrases=phrases,
                                      image_factory=lambda png, alt: WordImage(template, png, alt),
                                      letterhead=letterhead)
    env = render.make_environment(template_dir, autoescape_all=True)
    try:
        with render.render_deadline():
            template.render(context, jinja_env=env)
    except render.RenderTimeout:
        raise render.timeout_error(str(path)) from None
    except ZielError:
        raise
    except Exception as exc:  # noqa: BLE001 - every template failure becomes a German diagnostic
        # docxtpl renders the document XML with one paragraph per line: report the paragraph, not the line
        first = render.template_error(exc, name, context).diagnostics[0]
        line = first.span.line if first.span else None
        paragraph = _docx_paragraph(exc, template, line)
        where = f"Vorlage {render.display_name(str(path))}" + (f", Absatz {line - 1}" if line and line > 1 else "")
        hint = f"Absatz in der Vorlage: »{paragraph}«. {first.hint or ''}".strip() if paragraph else first.hint
        raise ZielError([Diagnostic(first.code, f"{where}: {first.message}", None, hint)]) from None
    word_layout.fit_tables(template.docx)
    when = documents.document_date(result, kind)
    _core_properties(template.docx.core_properties, result, kind, when)
    buffer = io.BytesIO()
    template.save(buffer)
    render.check_output_size(buffer.tell(), str(path))
    return normalise_zip(_without_attached_template(buffer.getvalue()), when)


MAX_DOCX_UNPACKED = 100_000_000  # the bundled Word templates unpack to under 1 MB


def _refuse_zip_bomb(path: Path) -> None:
    """A .docx whose parts unpack to more than MAX_DOCX_UNPACKED bytes is refused before it is opened."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # DocxTemplate reports unreadable files (ZD507)
    if unpacked > MAX_DOCX_UNPACKED:
        raise ZielError([Diagnostic("ZD507", f"Die Vorlage »{path}« entpackt sich auf mehr als "
                                             f"{MAX_DOCX_UNPACKED // 1_000_000} MB; sie wird nicht geöffnet",
                                    hint="Eine Word-Vorlage hat wenige hundert KB; ist das eine Zip-Bombe?")])


_ATTACHED = re.compile(rb"<w:attachedTemplate\b[^>]*/>")
_ATTACHED_REL = re.compile(rb"<Relationship\b[^>]*/attachedTemplate\"[^>]*/>|<Relationship\b[^>]*"
                           rb"Type=\"[^\"]*/attachedTemplate\"[^>]*/>")


def _without_attached_template(data: bytes) -> bytes:
    """Drop Word's template link (`attachedTemplate`), so opening a draft fetches nothing from outside."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    settings, rels = entries.get("word/settings.xml", b""), entries.get("word/_rels/settings.xml.rels", b"")
    if b"attachedTemplate" not in settings and b"attachedTemplate" not in rels:
        return data
    entries["word/settings.xml"] = _ATTACHED.sub(b"", settings)
    if rels:
        entries["word/_rels/settings.xml.rels"] = _ATTACHED_REL.sub(b"", rels)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries.items():
            target.writestr(name, content)
    return out.getvalue()


def _docx_paragraph(exc: BaseException, template, line: int | None) -> str | None:
    """The text of the paragraph with the failing tag in a Word template.

    docxtpl renders the document XML with one paragraph per line; syntax errors carry
    the text around them, runtime errors only the line, which is looked up here.
    """
    lines = [text.strip() for text in getattr(exc, "docx_context", None) or [] if text.strip()]
    if not lines and line:
        try:
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(template.get_xml()))
            source = xml.splitlines()
            if 0 < line <= len(source):
                lines = [re.sub(r"<[^>]+>", "", source[line - 1]).strip()]
        except Exception:  # noqa: BLE001 - only an extra hint; the diagnostic stands without it
            lines = []
    lines = [text for text in lines if text]
    if not lines:
        return None
    tagged = [text for text in lines if "{" in text]
    return (tagged[len(tagged) // 2] if tagged else lines[len(lines) // 2])[:160]


def _core_properties(props, result: AgreementResult, kind: str, when: datetime.date) -> None:
    stamp = datetime.datetime(when.year, when.month, when.day)
    kind_title = documents.KIND_TITLES[kind]
    props.author = "zieldsl"
    props.last_modified_by = "zieldsl"
    props.title = f"{kind_title} {result.target_year} – {result.agency}" if kind != documents.VEREINBARUNG \
        else result.title
    props.subject = result.title
    props.keywords = f"Zielvereinbarung; § 48b SGB II; {result.agency}; {result.target_year}"
    props.comments = (f"Erstellt mit zieldsl {result.tool_version}; Datenstand "
                      f"{result.as_of}" + (f", Ladestand {result.data_vintage.isoformat()}"
                                            if result.data_vintage else ""))
    props.category = kind_title
    props.identifier = result.agreement_id
    props.language = "de-DE"
    props.content_status = "Entwurf" if kind != documents.VEREINBARUNG else ""
    props.version = result.tool_version
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def normalise_zip(data: bytes, when: datetime.date) -> bytes:
    """Rewrite a zip (a .docx) with sorted entries and fixed timestamps: same content, same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    names = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name], compresslevel=9)
    return out.getvalue()
