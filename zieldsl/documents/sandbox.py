"""Jinja rendering in a sandbox: own templates may restyle a document, never reach Python.

Templates are looked up in `--vorlage DIR` first, then in the bundled `templates/`
folder, so an administrator overrides any single template by giving a file of the
same name. They run in an immutable `SandboxedEnvironment` with `StrictUndefined`
that additionally allows attribute access only on the kinds of objects a document
context holds (plain data, results, decimals, dates). Every failure of a template
becomes a `ZielError` (ZD5xx) in German naming the template file and line.
"""

from __future__ import annotations

import contextlib
import operator
import os
import re
import signal
import threading
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from jinja2 import (
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.exceptions import SecurityError
from jinja2.loaders import BaseLoader, split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum, pass_context
from markupsafe import Markup, escape

from zieldsl import german as formatting
from zieldsl.diagnostics import Diagnostic, Span, ZielError, did_you_mean
from zieldsl.files import read_limited
from zieldsl.resources import templates_dir

# Modules whose objects a template may look into; anything else (e.g. a docx
# template object reachable through an image) is opaque to templates.
SAFE_MODULES = frozenset({"builtins", "decimal", "datetime", "markupsafe", "jinja2.runtime", "jinja2.utils", "jinja2.environment",
                          "zieldsl.results", "zieldsl.documents.context"})
MAX_REPEAT = 1_000_000  # longest string or list a template may build with `*`, `center`, a format width …
MAX_EXPONENT = 100
MAX_LIPSUM = 20  # paragraphs of placeholder text
MAX_TEMPLATE_BYTES = 1_000_000  # a template or phrasen.yaml; the bundled ones have under 20 KB
MAX_RENDER_SECONDS = 20  # a document renders in well under a second
MAX_OUTPUT_BYTES = 50_000_000  # a rendered document; a real one has under 1 MB
_FORMAT_WIDTH = re.compile(r"\d{7,}")  # a width or precision of a million characters or more


class RenderTimeout(BaseException):
    """A template ran past MAX_RENDER_SECONDS (BaseException: no `except Exception` in a library eats it)."""


@contextlib.contextmanager
def render_deadline(seconds: float | None = None) -> Iterator[None]:
    """Raise RenderTimeout in the main thread when rendering takes longer than `seconds`.

    Uses the real-time interval timer (Unix); elsewhere, or outside the main thread,
    rendering runs without a time limit (the size limits still hold).
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # nested: the outer deadline holds
        yield
        return

    def expired(signum, frame):
        raise RenderTimeout()

    seconds = MAX_RENDER_SECONDS if seconds is None else seconds

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timeout_error(name: str) -> ZielError:
    return ZielError([Diagnostic("ZD512", f"Vorlage {display_name(name)}: das Ausfüllen dauert länger als "
                                          f"{MAX_RENDER_SECONDS} Sekunden und wurde abgebrochen",
                                 hint="Prüfen Sie Schleifen (for, range) in der Vorlage; ein Dokument entsteht in "
                                      "weniger als einer Sekunde.")])


def check_output_size(size: int, name: str) -> None:
    if size > MAX_OUTPUT_BYTES:
        raise ZielError([Diagnostic("ZD513", f"Vorlage {display_name(name)}: das Dokument würde größer als "
                                             f"{MAX_OUTPUT_BYTES // 1_000_000} MB und wird nicht geschrieben",
                                    hint="Prüfen Sie Schleifen und Wiederholungen in der Vorlage.")])


def _bounded(name: str, limit: int = MAX_REPEAT):
    """A filter that refuses widths or counts past `limit` before building anything."""
    original = DEFAULT_FILTERS[name]

    def guarded(*args, **kwargs):
        sizes = [v for v in list(args[1:]) + list(kwargs.values()) if isinstance(v, (int, float))]
        if any(abs(v) > limit for v in sizes):
            raise SecurityError(f"der Filter »{name}« mit {max(abs(v) for v in sizes):g} ist zu groß")
        return original(*args, **kwargs)

    for attribute in ("jinja_pass_arg",):
        if hasattr(original, attribute):
            setattr(guarded, attribute, getattr(original, attribute))
    return guarded


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002 - Jinja's names
    if n > MAX_LIPSUM or max > 1000 or min > 1000:
        raise SecurityError(f"lipsum mit {n} Absätzen ist zu groß")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


class DocumentUndefined(StrictUndefined):
    """StrictUndefined that also refuses to be shown inside a list: `map(attribute="nope") | list`
    would otherwise print "[Undefined, Undefined]" into the document instead of failing (ZD502)."""

    __repr__ = StrictUndefined._fail_with_undefined_error  # type: ignore[assignment]
    __format__ = StrictUndefined._fail_with_undefined_error  # type: ignore[assignment]


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """The sandbox for document templates (see module docstring)."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if type(obj).__module__ not in SAFE_MODULES:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, str) and attribute in ("format", "format_map") and _FORMAT_WIDTH.search(obj):
            raise SecurityError("die Formatangabe verlangt eine zu große Breite")
        return super().getattr(obj, attribute)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        if isinstance(__obj, str) or getattr(__obj, "__name__", "") in ("center", "ljust", "rjust", "zfill",
                                                                         "expandtabs"):
            sizes = [v for v in list(args) + list(kwargs.values()) if isinstance(v, int)]
            if any(abs(v) > MAX_REPEAT for v in sizes):
                raise SecurityError("die Anweisung ergäbe einen zu großen Text")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        if op == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"Potenz mit Exponent {right} ist zu groß")
        if op == "%" and isinstance(left, str) and _FORMAT_WIDTH.search(left):
            raise SecurityError("die Formatangabe verlangt eine zu große Breite")
        if op == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_REPEAT:
                    raise SecurityError("die Vervielfachung ergäbe einen zu großen Wert")
            return operator.mul(left, right)
        return super().call_binop(context, op, left, right)


def search_path(template_dir: str | Path | None) -> list[Path]:
    """Where templates are looked up, in order."""
    paths = [Path(template_dir)] if template_dir else []
    return paths + [templates_dir()]


def check_template_dir(template_dir: str | Path | None) -> None:
    if template_dir and not Path(template_dir).is_dir():
        raise ZielError([Diagnostic("ZD506", f"Vorlagenordner »{template_dir}« nicht gefunden",
                                    hint="--vorlage erwartet einen Ordner mit Vorlagen, z. B. eine Kopie von "
                                         "»templates/«.")])


def find_file(name: str, template_dir: str | Path | None) -> Path:
    """A non-Jinja template file (.docx, phrasen.yaml) by the same lookup order."""
    for folder in search_path(template_dir):
        candidate = folder / name
        if candidate.is_file():
            return inside_folder(candidate, folder)
    raise ZielError([Diagnostic("ZD505", f"Vorlage »{name}« nicht gefunden",
                                hint=f"Gesucht in: {', '.join(str(p) for p in search_path(template_dir))}")])


def inside_folder(path: Path, folder: Path) -> Path:
    """`path` if it really lies in `folder`; a symbolic link leading out of it is ZD514.

    Templates and phrase files are read only from inside their folder, so a template
    folder cannot smuggle ~/.ssh/id_rsa or /etc/passwd into a document.
    """
    try:
        real = path.resolve(strict=True)
        home = folder.resolve(strict=True)
    except (OSError, RuntimeError):  # a loop of links
        real, home = None, folder
    if real is None or not real.is_relative_to(home):
        raise ZielError([Diagnostic("ZD514", f"Vorlage »{path}« ist ein Verweis aus dem Vorlagenordner hinaus",
                                    Span(str(path), 1, 1),
                                    "Vorlagen und Satzbausteine werden nur aus dem Vorlagenordner selbst gelesen; "
                                    "kopieren Sie die Datei in den Ordner, statt auf sie zu verweisen.")])
    return path


def read_template_text(path: Path, name: str | None = None) -> str:
    """A template file's text: regular file, at most MAX_TEMPLATE_BYTES, UTF-8 (ZD515 with its position)."""
    shown = name or str(path)
    raw = read_limited(path, MAX_TEMPLATE_BYTES, shown, "Die Vorlage")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        shown_line = raw.split(b"\n")[line - 1].decode("utf-8", "replace")
        raise ZielError([Diagnostic("ZD515", "Vorlage ist nicht UTF-8-kodiert", Span(shown, line, column),
                                    "Speichern Sie die Vorlage als UTF-8.", "fehler", shown_line)]) from None


class FolderLoader(BaseLoader):
    """Templates from an ordered list of folders, each read only from inside its folder."""

    def __init__(self, folders: tuple[str, ...]):
        self.folders = [Path(f) for f in folders]

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if not candidate.is_file():
                continue
            inside_folder(candidate, folder)
            text = read_template_text(candidate)
            mtime = candidate.stat().st_mtime_ns

            def uptodate(path=candidate, seen=mtime) -> bool:
                try:
                    return path.stat().st_mtime_ns == seen
                except OSError:
                    return False

            return text, os.path.normpath(str(candidate)), uptodate
        raise TemplateNotFound(template)


_MD_ACTIVE = re.compile(r"[\\`\[\]]")
_MD_VALUE_START = re.compile(r"^([ \t]*)(#|>)")  # a value printed at the start of a line: heading, quote
_MD_LINE_START = re.compile(r"(\n)([ \t]*)(#|>|=|[-+*](?=[ \t])|\d+[.)](?=[ \t]))")  # lines inside a value


def markdown_escape(value: Any) -> Any:
    """A value for a Markdown document: no link, no code span, no heading or list it did not have.

    HTML (`<script>`, `<!--`, `<iframe>`) is escaped by autoescaping, as in HTML documents;
    this adds what Markdown alone makes active: backslashes, backticks and brackets (links,
    images), and block markers at the start of a line (headings, quotes, lists).
    """
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    text = _MD_ACTIVE.sub(lambda m: "\\" + m.group(), value)
    text = _MD_VALUE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", text)


def md_authored(value: Any) -> Markup:
    """Markdown the Land wrote for this document (the Würdigung): its structure kept, its HTML escaped.

    Lists, emphasis and paragraphs of the author's text stay Markdown; a tag or comment in it is
    escaped as in every other value, so it cannot hide or script the rendered page.
    """
    return Markup(escape(str(value)))


@pass_context
def _finalize(context, value: Any) -> Any:
    """Markdown templates escape every printed value (see markdown_escape); others print as they are."""
    if (context.name or "").endswith(".md.j2"):
        return markdown_escape(value)
    return value


def markdown_text(text: str) -> str:
    """Undo the entities that HTML escaping puts on quotes and ampersands; they mean nothing in Markdown.

    `<` stays `&lt;` where it could open a tag or a comment (`<script`, `</`, `<!--`, `<?`), so no
    tag of a value reaches the rendered page; a `<` before a space or a digit (`+2,1 % < 0`) and
    every `>` are plain text in Markdown and are written as they are.
    """
    text = _LOOSE_LT.sub("<", text.replace("&gt;", ">"))
    return text.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")


_LOOSE_LT = re.compile(r"&lt;(?![A-Za-z/!?])")


def make_environment(template_dir: str | Path | None = None, *, autoescape_all: bool = False) -> DocumentSandbox:
    """The sandboxed environment with zieldsl's German formatting filters.

    One per search path and working folder, so templates are compiled once per process
    (drafting many documents); Jinja reloads a template whose file has changed.
    """
    check_template_dir(template_dir)
    return _environment(os.getcwd(), tuple(str(p) for p in search_path(template_dir)), autoescape_all)


@lru_cache(maxsize=16)
def _environment(_cwd: str, folders: tuple[str, ...], autoescape_all: bool) -> DocumentSandbox:
    loader = FolderLoader(folders)
    env = DocumentSandbox(
        loader=loader,
        undefined=DocumentUndefined,
        # Markdown is escaped like HTML (then markdown_escape and markdown_text do the Markdown part).
        autoescape=True if autoescape_all else select_autoescape(enabled_extensions=("html", "htm", "html.j2",
                                                                                      "xml", "md.j2"),
                                                                 default_for_string=False, default=False),
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update({
        "number": formatting.number,
        "percent": formatting.percent,
        "points": formatting.points,
        "euro": formatting.euro,
        "amount": formatting.amount,
        "date_long": formatting.date_long,
        "date_short": formatting.date_short,
        "month_long": formatting.month_long,
        "md_cell": md_cell,
        "md_authored": md_authored,
    })
    env.filters.update({name: _bounded(name) for name in ("center", "indent", "wordwrap", "truncate", "batch",
                                                           "slice", "filesizeformat")})
    env.globals["lipsum"] = _lipsum
    return env


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks."""
    return re.sub(r"\s*\n\s*", " ", str(value)).replace("|", "\\|")


def render_template(env: DocumentSandbox, name: str, context: dict) -> str:
    """Render the template `name`; every template error becomes a German ZielError."""
    try:
        with render_deadline():
            template = env.get_template(name)
            text = _render_bounded(template.generate(context), name)
    except RenderTimeout:
        raise timeout_error(name) from None
    except (TemplateError, ArithmeticError, TypeError, ValueError, AttributeError, KeyError, IndexError,
            RecursionError, MemoryError, AssertionError) as exc:  # AssertionError: Jinja's argument checks
        raise template_error(exc, name, context) from None
    return markdown_text(text) if name.endswith(".md.j2") else text


def _render_bounded(chunks: Iterator[str], name: str) -> str:
    """Join the rendered pieces, stopping as soon as they pass MAX_OUTPUT_BYTES (characters)."""
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        check_output_size(size, name)
        out.append(chunk)
    return "".join(out)


# ------------------------------------------------------------------ errors in German


def _where(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The template file and line an error happened in (Jinja rewrites tracebacks to template lines)."""
    if isinstance(exc, TemplateSyntaxError):
        return (exc.filename or exc.name or fallback), exc.lineno
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith((".j2", ".jinja", ".html", ".md", ".txt")) or f.filename == "<template>"]
    if frames:
        frame = frames[-1]
        return (fallback if frame.filename == "<template>" else frame.filename), frame.lineno
    return fallback, None


def display_name(path: str) -> str:
    """A template path as the user knows it: bundled templates by name, own ones by path."""
    try:
        return str(Path(path).resolve().relative_to(templates_dir().resolve()))
    except (ValueError, OSError):
        return path


_SYNTAX = [
    (re.compile(r"unexpected end of template.*?looking for the following tags: '([^']+)'.*?closed is '([^']+)'",
                re.S | re.I),
     lambda m: f"Die Vorlage endet, bevor der Block »{m.group(2)}« geschlossen ist (erwartet: »{m.group(1)}«)"),
    (re.compile(r"unexpected end of template.*expected '([^']+)'", re.S | re.I),
     lambda m: f"Die Vorlage endet, bevor ein Block geschlossen ist (erwartet: »{m.group(1)}«)"),
    (re.compile(r"unexpected end of template", re.S | re.I), lambda m: "Die Vorlage endet mitten in einem Ausdruck"),
    (re.compile(r"Encountered unknown tag '([^']+)'.*?closed is '([^']+)'", re.S),
     lambda m: f"Unbekannter oder unpassender Befehl »{m.group(1)}« (offen ist noch der Block »{m.group(2)}«)"),
    (re.compile(r"Encountered unknown tag '([^']+)'", re.S), lambda m: f"Unbekannter Befehl »{m.group(1)}«"),
    (re.compile(r"expected token '([^']+)', got '([^']+)'"),
     lambda m: f"Erwartet war »{m.group(1)}«, gefunden »{m.group(2)}«"),
    (re.compile(r"unexpected '([^']+)'"), lambda m: f"Unerwartetes Zeichen »{m.group(1)}«"),
    (re.compile(r"No filter named '([^']+)'"), lambda m: f"Unbekannter Filter »{m.group(1)}«"),
    (re.compile(r"No test named '([^']+)'"), lambda m: f"Unbekannter Test »{m.group(1)}«"),
]
_UNDEFINED_NAME = re.compile(r"^'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
_UNSAFE = re.compile(r"attribute '([^']+)'")


def template_error(exc: BaseException, name: str, context: dict | None = None) -> ZielError:
    """Translate any template failure into one German diagnostic (ZD501–ZD505).

    The diagnostic's position is the template file and line (`feststellung.md.j2:12:5`),
    with the template line and a caret under the offending name where it can be found.
    """
    file, line = _where(exc, name)
    shown = display_name(file)
    source_line = None
    if line and Path(file).is_file():
        lines = Path(file).read_text(encoding="utf-8", errors="replace").splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else None
    original = getattr(exc, "message", None) or str(exc)
    focus = None

    if isinstance(exc, TemplateNotFound):
        focus = exc.name
        code, message = "ZD505", f"Vorlage »{exc.name}« nicht gefunden"
        hint = "Eigene Vorlagen liegen im Ordner von --vorlage; fehlende werden aus den mitgelieferten ergänzt."
    elif isinstance(exc, TemplateSyntaxError):
        text = next((fn(m) for pattern, fn in _SYNTAX if (m := pattern.search(original))),
                    "unverständlicher Ausdruck")
        code, message = "ZD501", f"Syntaxfehler in der Vorlage: {text}"
        hint = f"Jinja meldet: {original}"
    elif isinstance(exc, SecurityError):
        m = _UNSAFE.search(original)
        focus = m.group(1) if m else None
        what = f"Zugriff auf »{focus}«" if focus else f"Die Anweisung ({original})"
        code, message = "ZD503", f"{what} ist in Vorlagen nicht erlaubt"
        hint = ("Vorlagen sehen nur die Ergebnisse der Bewertung; Python-Interna und Dateien sind gesperrt. "
                "Die verfügbaren Felder beschreibt templates/LIESMICH.md.")
    elif isinstance(exc, UndefinedError):
        m = _UNDEFINED_NAME.search(original) or _NO_ATTRIBUTE.search(original)
        focus = m.group(1) if m else None
        code, message = "ZD502", f"»{focus or original}« ist in der Vorlage nicht definiert"
        hint = did_you_mean(focus, context) if context and focus and _UNDEFINED_NAME.search(original) else None
        hint = hint or ("Verfügbar sind agreement, period, overview, targets, circumstances, data_basis, audit, "
                        "appendix, contract und result; die Felder beschreibt templates/LIESMICH.md.")
    else:
        code = "ZD504"
        message = f"Fehler beim Ausführen der Vorlage ({type(exc).__name__}: {original})"
        hint = "Prüfen Sie Filter und Rechenausdrücke an dieser Stelle."
    if not line:
        return ZielError([Diagnostic(code, f"Vorlage {shown}: {message}", None, hint)])
    found = bool(source_line and focus and focus in source_line)
    column = source_line.index(focus) + 1 if found else 1
    end = column + len(focus) if found else None
    span = Span(shown, line, column, line if found else None, end)
    return ZielError([Diagnostic(code, message, span, hint, "fehler", source_line)])
