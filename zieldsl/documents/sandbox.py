"""Jinja rendering in a sandbox: own templates may restyle a document, never reach Python.

Templates are looked up in `--template DIR` first, then in the bundled `templates/`
folder, so an administrator overrides any single template by giving a file of the
same name. They run in an immutable `SandboxedEnvironment` with `StrictUndefined`
that additionally allows attribute access only on the kinds of objects a document
context holds (plain data, results, decimals, dates). Every failure of a template
becomes a `ZielError` (ZD5xx) in German naming the template file and line.
"""

from __future__ import annotations

import operator
import os
import re
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from zieldsl import german as formatting
from zieldsl.diagnostics import Diagnostic, Span, ZielError, did_you_mean
from zieldsl.resources import templates_dir

# Modules whose objects a template may look into; anything else (e.g. a docx
# template object reachable through an image) is opaque to templates.
SAFE_MODULES = frozenset({"builtins", "decimal", "datetime", "markupsafe", "jinja2.runtime", "jinja2.utils", "jinja2.environment",
                          "zieldsl.results", "zieldsl.documents.context"})
MAX_REPEAT = 1_000_000  # longest string or list a template may build with `*`
MAX_EXPONENT = 100


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """The sandbox for document templates (see module docstring)."""

    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if type(obj).__module__ not in SAFE_MODULES:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, op: str, left: Any, right: Any) -> Any:
        if op == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"Potenz mit Exponent {right} ist zu groß")
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
                                    hint="--template erwartet einen Ordner mit Vorlagen, z. B. eine Kopie von "
                                         "»templates/«.")])


def find_file(name: str, template_dir: str | Path | None) -> Path:
    """A non-Jinja template file (.docx, phrasen.yaml) by the same lookup order."""
    for folder in search_path(template_dir):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise ZielError([Diagnostic("ZD505", f"Vorlage »{name}« nicht gefunden",
                                hint=f"Gesucht in: {', '.join(str(p) for p in search_path(template_dir))}")])


def make_environment(template_dir: str | Path | None = None, *, autoescape_all: bool = False) -> DocumentSandbox:
    """The sandboxed environment with zieldsl's German formatting filters.

    One per search path and working folder, so templates are compiled once per process
    (drafting many documents); Jinja reloads a template whose file has changed.
    """
    check_template_dir(template_dir)
    return _environment(os.getcwd(), tuple(str(p) for p in search_path(template_dir)), autoescape_all)


@lru_cache(maxsize=16)
def _environment(_cwd: str, folders: tuple[str, ...], autoescape_all: bool) -> DocumentSandbox:
    loader = ChoiceLoader([FileSystemLoader(folder) for folder in folders])
    env = DocumentSandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=True if autoescape_all else select_autoescape(enabled_extensions=("html", "htm", "html.j2",
                                                                                      "xml"),
                                                                 default_for_string=False, default=False),
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
    })
    return env


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks."""
    return re.sub(r"\s*\n\s*", " ", str(value)).replace("|", "\\|")


def render_template(env: DocumentSandbox, name: str, context: dict) -> str:
    """Render the template `name`; every template error becomes a German ZielError."""
    try:
        template = env.get_template(name)
        return template.render(context)
    except (TemplateError, ArithmeticError, TypeError, ValueError, AttributeError, KeyError, IndexError,
            RecursionError, MemoryError) as exc:
        raise template_error(exc, name, context) from None


def render_string(env: DocumentSandbox, source: str, context: dict, display_name: str) -> str:
    """Render template text that is not a file of its own (the XML inside a .docx)."""
    try:
        return env.from_string(source).render(context)
    except (TemplateError, ArithmeticError, TypeError, ValueError, AttributeError, KeyError, IndexError,
            RecursionError, MemoryError) as exc:
        raise template_error(exc, display_name, context) from None


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
        hint = "Eigene Vorlagen liegen im Ordner von --template; fehlende werden aus den mitgelieferten ergänzt."
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
