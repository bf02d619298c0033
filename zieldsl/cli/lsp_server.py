"""The Language Server Protocol face of the language service (pygls, over stdio).

Every answer comes from `zieldsl.service`; this module only converts between LSP
messages and the service's positions, problems, hovers, completions and fixes.
"""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from zieldsl import __version__
from zieldsl.service import Position, Range, Snapshot, analyse
from zieldsl.service.fixes import QuickFix

COMPLETION_KINDS = {"keyword": lsp.CompletionItemKind.Keyword, "indicator": lsp.CompletionItemKind.Constant,
                    "group": lsp.CompletionItemKind.EnumMember, "id": lsp.CompletionItemKind.Reference,
                    "series": lsp.CompletionItemKind.Variable, "function": lsp.CompletionItemKind.Function,
                    "unit": lsp.CompletionItemKind.Unit}
# Diagnostics wait until typing pauses this long, so a long file is not checked once per keystroke.
DEBOUNCE_SECONDS = 0.2
SYMBOL_KINDS = {"vereinbarung": lsp.SymbolKind.Module, "katalog": lsp.SymbolKind.Package,
                "ziel": lsp.SymbolKind.Class, "grundsatz": lsp.SymbolKind.Interface,
                "teilziel": lsp.SymbolKind.Struct, "kennzahl": lsp.SymbolKind.Constant,
                "reihe": lsp.SymbolKind.Variable, "schritt": lsp.SymbolKind.Event,
                "bedingung": lsp.SymbolKind.Boolean, "annahme": lsp.SymbolKind.Property,
                "mittel": lsp.SymbolKind.Number, "abschnitt": lsp.SymbolKind.String,
                "berücksichtigung": lsp.SymbolKind.String}


def to_lsp_range(r: Range) -> lsp.Range:
    return lsp.Range(lsp.Position(r.start.line, r.start.character), lsp.Position(r.end.line, r.end.character))


def from_lsp_range(r: lsp.Range) -> Range:
    return Range(Position(r.start.line, r.start.character), Position(r.end.line, r.end.character))


class ZielServer(LanguageServer):
    """Keeps the last snapshot of every open document, so questions between edits reuse its analysis."""

    def __init__(self):
        super().__init__("zieldsl", __version__)
        self.snapshots: dict[str, Snapshot] = {}
        self.pending: dict[str, asyncio.Task] = {}

    def snapshot(self, uri: str) -> Snapshot:
        document = self.workspace.get_text_document(uri)
        current = self.snapshots.get(uri)
        if current is None or current.text != document.source:
            path = document.path if uri.startswith("file:") else None
            current = analyse(document.source, path)
            self.snapshots[uri] = current
        return current

    def publish_soon(self, uri: str) -> None:
        """Publish after a short pause; a newer edit replaces the waiting one."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

        async def later():
            await asyncio.sleep(DEBOUNCE_SECONDS)
            self.pending.pop(uri, None)
            if uri in self.workspace.text_documents:
                self.publish(uri)

        self.pending[uri] = asyncio.ensure_future(later())

    def publish(self, uri: str) -> None:
        snapshot = self.snapshot(uri)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=[diagnostic(p) for p in snapshot.problems]))


def diagnostic(problem) -> lsp.Diagnostic:
    severity = lsp.DiagnosticSeverity.Error if problem.severity == "fehler" else lsp.DiagnosticSeverity.Warning
    return lsp.Diagnostic(range=to_lsp_range(problem.range), message=problem.text, severity=severity,
                          code=problem.code, source="zieldsl")


def code_action(uri: str, fix: QuickFix) -> lsp.CodeAction:
    edits = [lsp.TextEdit(to_lsp_range(e.range), e.new_text) for e in fix.edits]
    return lsp.CodeAction(title=fix.title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic(fix.problem)],
                          edit=lsp.WorkspaceEdit(changes={uri: edits}), is_preferred=fix.preferred)


def outline_symbol(item) -> lsp.DocumentSymbol:
    return lsp.DocumentSymbol(name=item.name, detail=item.detail, kind=SYMBOL_KINDS.get(item.kind, lsp.SymbolKind.Object),
                              range=to_lsp_range(item.range), selection_range=to_lsp_range(item.selection_range),
                              children=[outline_symbol(c) for c in item.children])


def build_server() -> ZielServer:
    server = ZielServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ZielServer, params: lsp.DidOpenTextDocumentParams):
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: ZielServer, params: lsp.DidChangeTextDocumentParams):
        ls.publish_soon(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ZielServer, params: lsp.DidSaveTextDocumentParams):
        ls.snapshots.pop(params.text_document.uri, None)  # the data beside the file may have changed too
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ZielServer, params: lsp.DidCloseTextDocumentParams):
        ls.snapshots.pop(params.text_document.uri, None)
        waiting = ls.pending.pop(params.text_document.uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: ZielServer, params: lsp.DidChangeWatchedFilesParams):
        """Data or evidence beside an agreement changed: judge every open document again."""
        ls.snapshots.clear()
        for uri in list(ls.workspace.text_documents):
            ls.publish(uri)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: ZielServer, params: lsp.HoverParams):
        found = ls.snapshot(params.text_document.uri).hover(Position(params.position.line, params.position.character))
        if found is None:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=found.markdown),
                         range=to_lsp_range(found.range))

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" ", ","]))
    def completion(ls: ZielServer, params: lsp.CompletionParams):
        items = ls.snapshot(params.text_document.uri).completions(
            Position(params.position.line, params.position.character))
        return lsp.CompletionList(is_incomplete=False, items=[
            lsp.CompletionItem(label=c.label, kind=COMPLETION_KINDS.get(c.kind), detail=c.detail or None,
                               sort_text=f"{index:04d}",
                               text_edit=lsp.TextEdit(to_lsp_range(c.replace), c.insert_text))
            for index, c in enumerate(items)])

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ZielServer, params: lsp.DefinitionParams):
        found = ls.snapshot(params.text_document.uri).definition(
            Position(params.position.line, params.position.character))
        if found is None:
            return None
        uri = params.text_document.uri if found.path is None else found.path.resolve().as_uri()
        return lsp.Location(uri=uri, range=to_lsp_range(found.range))

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(ls: ZielServer, params: lsp.DocumentSymbolParams):
        return [outline_symbol(item) for item in ls.snapshot(params.text_document.uri).outline()]

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ZielServer, params: lsp.DocumentFormattingParams):
        snapshot = ls.snapshot(params.text_document.uri)
        formatted = snapshot.formatted()
        if formatted is None or formatted == snapshot.text:
            return []
        whole = snapshot.lines.range(0, len(snapshot.text))
        return [lsp.TextEdit(to_lsp_range(whole), formatted)]

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_actions(ls: ZielServer, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        fixes = ls.snapshot(uri).quick_fixes(from_lsp_range(params.range))
        return [code_action(uri, fix) for fix in fixes]

    return server
