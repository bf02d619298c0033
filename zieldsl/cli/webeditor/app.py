"""The web editor's HTTP side: a Starlette app that asks the language service and the workspace.

Everything is local: the page and its script come from `static/` inside the package, the
server listens on 127.0.0.1 only, accepts only the Host names of the loopback address, and
every API call must carry the session token the page was served with (so no other web page
open in the browser can drive it).
"""

from __future__ import annotations

import html
import threading
from collections import OrderedDict
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from zieldsl.cli.webeditor.workspace import Conflict, Workspace
from zieldsl.diagnostics import ZielError
from zieldsl.service import Position, Snapshot, analyse

STATIC = Path(__file__).resolve().parent / "static"
KINDS = {"feststellung": "Feststellung", "zwischenbericht": "Zwischenbericht", "vereinbarung": "Vereinbarung"}


def _range(r) -> dict:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


class Session:
    """The edited file and the last few snapshots (hover and completion reuse the analysis of the text)."""

    def __init__(self, path: Path, token: str):
        self.workspace = Workspace(path)
        self.token = token
        self.snapshots: OrderedDict[tuple, Snapshot] = OrderedDict()
        self.previews: OrderedDict[tuple, bytes] = OrderedDict()
        # One analysis at a time: requests run in a thread pool, the parser and the caches are shared.
        # Rendering a document (the slow part of the preview) runs outside the lock.
        self.lock = threading.Lock()

    def snapshot(self, text: str) -> Snapshot:
        """The analysis of `text`; anew when the data or evidence beside the file changed on disk."""
        key = (text, self.workspace.inputs_stamp())
        found = self.snapshots.pop(key, None) or analyse(text, self.workspace.path)
        self.snapshots[key] = found
        while len(self.snapshots) > 4:
            self.snapshots.popitem(last=False)
        return found


def create_app(path: Path, token: str) -> Starlette:
    session = Session(path, token)

    async def body(request: Request) -> dict:
        if request.headers.get("x-zieldsl-token") != session.token:
            raise PermissionError
        return await request.json() if request.method == "POST" else {}

    def guarded(handler, locked: bool = True):
        def run(data):
            if not locked:
                return handler(data)
            with session.lock:
                return handler(data)

        async def endpoint(request: Request):
            try:
                data = await body(request)
            except PermissionError:
                return JSONResponse({"message": "Sitzung ungültig; bitte die Seite neu laden."}, status_code=403)
            from starlette.concurrency import run_in_threadpool

            return await run_in_threadpool(run, data)
        return endpoint

    def index(request: Request):
        page = (STATIC / "index.html").read_text(encoding="utf-8")
        page = page.replace("{{token}}", session.token).replace("{{name}}", html.escape(path.name))
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    def document(data):
        try:
            text, digest, exists = session.workspace.load()
        except ZielError as err:
            return JSONResponse({"message": err.diagnostics[0].message}, status_code=422)
        return JSONResponse({"text": text, "digest": digest, "exists": exists, "name": path.name, "path": str(path)})

    def disk(data):
        return JSONResponse({"digest": session.workspace.disk_digest()})

    def check(data):
        snapshot = session.snapshot(data["text"])
        problems = [{"code": p.code, "message": p.message, "hint": p.hint, "severity": p.severity,
                     "range": _range(p.range),
                     "fixes": [{"title": f.title, "edits": [{"range": _range(e.range), "text": e.new_text}
                                                           for e in f.edits]}
                               for f in snapshot.quick_fixes(p.range) if f.problem == p]}
                    for p in snapshot.problems]
        outline = [{"name": o.name, "detail": o.detail, "line": o.selection_range.start.line,
                    "children": [{"name": c.name, "detail": c.detail, "line": c.selection_range.start.line}
                                 for c in o.children]} for o in snapshot.outline()]
        return JSONResponse({"problems": problems, "outline": outline})

    def evaluate(data):
        from zieldsl.cli.terminal import COLUMNS, rows, status_word
        from zieldsl.api import default_document_kind

        snapshot = session.snapshot(data["text"])
        judged = snapshot.judged
        result = judged.result
        out = {"note": judged.problem, "columns": list(COLUMNS), "rows": [], "statuses": [], "stand": None,
               "data_problems": [d.render() for d in judged.diagnostics]}
        if result is not None:
            from zieldsl.german import month_long

            out["rows"] = rows(result)
            out["stand"] = month_long(result.as_of) + (" (vorläufig)" if result.preliminary else "")
            out["statuses"] = [status_word(t.status) for t in result.targets]
            out["default_kind"] = default_document_kind(result)
        return JSONResponse(out)

    def rendered(data, output_format: str) -> tuple[bytes | None, str | None]:
        from zieldsl.api import render_document

        kind = data.get("kind", "zwischenbericht")
        if kind not in KINDS:
            return None, "Unbekannte Art des Dokuments."
        with session.lock:
            judged = session.snapshot(data["text"]).judged
            if judged.result is None:
                return None, judged.problem
            key = (kind, output_format, judged.result)
            content = session.previews.get(key)
        if content is None:
            try:
                content = render_document(judged.result, kind, output_format)
            except ZielError as err:
                return None, err.diagnostics[0].message
            with session.lock:
                session.previews[key] = content
                while len(session.previews) > 4:
                    session.previews.popitem(last=False)
        return content, None

    def preview(data):
        content, problem = rendered(data, "html")
        if content is None:
            return JSONResponse({"html": None, "note": problem})
        return JSONResponse({"html": content.decode("utf-8"), "note": None})

    def word(data):
        content, problem = rendered(data, "docx")
        if content is None:
            return JSONResponse({"message": problem}, status_code=422)
        name = f"{path.stem}-{data.get('kind', 'zwischenbericht')}.docx"
        return Response(content, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    def hover(data):
        found = session.snapshot(data["text"]).hover(Position(data["line"], data["character"]))
        return JSONResponse(None if found is None else {"markdown": found.markdown, "range": _range(found.range)})

    def complete(data):
        items = session.snapshot(data["text"]).completions(Position(data["line"], data["character"]))
        return JSONResponse([{"label": c.label, "kind": c.kind, "detail": c.detail, "range": _range(c.replace)}
                             for c in items])

    def definition(data):
        found = session.snapshot(data["text"]).definition(Position(data["line"], data["character"]))
        if found is None:
            return JSONResponse(None)
        return JSONResponse({"here": found.path is None, "file": None if found.path is None else found.path.name,
                             "range": _range(found.range)})

    def format_text(data):
        formatted = session.snapshot(data["text"]).formatted()
        if formatted is None:
            return JSONResponse({"message": "Nicht formatiert: der Text enthält Fehler."}, status_code=422)
        return JSONResponse({"text": formatted})

    def save(data):
        try:
            saved = session.workspace.save(data["text"], data.get("base", ""), bool(data.get("force")))
        except Conflict:
            return JSONResponse({"message": "Die Datei wurde außerhalb des Editors geändert. Laden Sie die Fassung "
                                            "von der Festplatte oder behalten Sie Ihre und speichern erneut."},
                                status_code=409)
        except ZielError as err:
            return JSONResponse({"message": err.diagnostics[0].message}, status_code=500)
        message = f"Gespeichert: {path.name}"
        if saved.errors:
            message += f" (enthält noch {saved.errors} Fehler)"
        if saved.backup is not None:
            message += f"; die vorige fehlerfreie Fassung liegt in {saved.backup.name}"
        return JSONResponse({"digest": saved.digest, "message": message + "."})

    def words(data):
        from zieldsl.api import dsl_words

        return JSONResponse(dsl_words())

    api = [("document", document, "GET"), ("disk", disk, "GET"), ("words", words, "GET"), ("check", check, "POST"),
           ("evaluate", evaluate, "POST"), ("preview", preview, "POST"), ("word", word, "POST"),
           ("hover", hover, "POST"), ("complete", complete, "POST"), ("definition", definition, "POST"),
           ("format", format_text, "POST"), ("save", save, "POST")]
    def no_icon(request: Request):
        return Response(status_code=204)

    routes = [Route("/", index), Route("/favicon.ico", no_icon), Mount("/static", StaticFiles(directory=STATIC), name="static")]
    routes += [Route(f"/api/{name}", guarded(handler, locked=name not in ("preview", "word")), methods=[method])
               for name, handler, method in api]
    return Starlette(routes=routes,
                     middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=["127.0.0.1", "localhost"])])
