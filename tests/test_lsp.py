"""`zieldsl lsp` in a real LSP session over stdio: a subprocess spoken to in JSON-RPC, as an editor does.

initialize → didOpen (diagnostics are pushed) → hover → completion → definition → outline → code action
→ formatting → didChange (diagnostics update) → shutdown → exit.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading

import pytest
from editor_support import need_module

need_module("pygls")

TIMEOUT = 60


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin/stdout."""

    def __init__(self, cwd):
        self.process = subprocess.Popen([sys.executable, "-m", "zieldsl", "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        self.kept: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                key, value = line.split(":", 1)
                headers[key.lower()] = value.strip()
            self.inbox.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None):
        """Send a request and wait for its response; notifications meanwhile are kept for `wait_for`."""
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self.inbox.get(timeout=TIMEOUT)
            if message.get("id") == ident and "method" not in message:
                assert "error" not in message, message
                return message["result"]
            self.kept.append(message)

    def wait_for(self, method: str) -> dict:
        """The next notification `method` (kept or still to come)."""
        for index, message in enumerate(self.kept):
            if message.get("method") == method:
                return self.kept.pop(index)["params"]
        while True:
            message = self.inbox.get(timeout=TIMEOUT)
            if message.get("method") == method:
                return message["params"]


@pytest.fixture()
def session(repo_root):
    client = Client(repo_root)
    yield client
    if client.process.poll() is None:
        client.process.kill()
    client.process.wait(timeout=TIMEOUT)
    client.process.stdout.close()
    client.process.stdin.close()
    client.process.stderr.close()


def _pos(line, character):
    return {"line": line, "character": character}


def test_a_full_lsp_session_over_stdio(session, leer_path):
    uri = leer_path.resolve().as_uri()
    text = leer_path.read_text(encoding="utf-8")
    init = session.request("initialize", {"processId": None, "rootUri": leer_path.parent.resolve().as_uri(),
                                          "capabilities": {}})
    capabilities = init["capabilities"]
    assert init["serverInfo"]["name"] == "zieldsl"
    for feature in ("hoverProvider", "completionProvider", "definitionProvider", "documentSymbolProvider",
                    "documentFormattingProvider", "codeActionProvider"):
        assert capabilities.get(feature), feature
    session.notify("initialized", {})

    broken = text.replace("K2 steigt um 5,8 %", "K2 steigt um 5.8 %", 1)
    session.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "zieldsl", "version": 1,
                                                             "text": broken}})
    published = session.wait_for("textDocument/publishDiagnostics")
    assert published["uri"] == uri
    [problem] = published["diagnostics"]
    assert problem["code"] == "ZD102"
    assert problem["severity"] == 1
    assert problem["source"] == "zieldsl"
    assert problem["range"] == {"start": _pos(69, 21), "end": _pos(69, 24)}
    assert problem["message"] == ("»5.8«: Dezimalpunkt statt Dezimalkomma\n"
                                  "Hinweis: Zahlen schreiben Sie mit Komma: »5,8«.")

    [action] = session.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": problem["range"], "context": {"diagnostics": [problem]}})
    assert action["title"] == "Dezimalkomma schreiben: »5,8«"
    assert action["kind"] == "quickfix"
    assert action["edit"]["changes"][uri] == [{"range": problem["range"], "newText": "5,8"}]

    hover = session.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": _pos(69, 9)})
    assert hover["contents"]["kind"] == "markdown"
    assert hover["contents"]["value"].startswith("**K2** – Integrationsquote (Kennzahl)")
    assert hover["range"] == {"start": _pos(69, 8), "end": _pos(69, 10)}

    definition = session.request("textDocument/definition", {"textDocument": {"uri": uri}, "position": _pos(69, 9)})
    assert definition["uri"].endswith("/zieldsl/language/standard.ziel")

    # fix the mistake the way the editor applies the quick fix: the diagnostics go away
    session.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": problem["range"], "text": "5,8"}]})
    assert session.wait_for("textDocument/publishDiagnostics")["diagnostics"] == []

    hover = session.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": _pos(69, 9)})
    assert "Ist 21,58 %" in hover["contents"]["value"]  # with the data beside the file, the judged value

    session.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"range": {"start": _pos(69, 8), "end": _pos(69, 26)}, "text": "K2 "}]})
    session.wait_for("textDocument/publishDiagnostics")
    completion = session.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": _pos(69, 11)})
    labels = [item["label"] for item in completion["items"]]
    assert labels == ["steigt", "sinkt", "bleibt gleich", "beträgt", "erreicht"]
    assert completion["items"][0]["textEdit"]["range"] == {"start": _pos(69, 11), "end": _pos(69, 11)}

    symbols = session.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    assert symbols[0]["name"] == "vereinbarung leer_2026"
    assert "ziel 2 integration" in [s["name"] for s in symbols[0]["children"]]

    session.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 4},
        "contentChanges": [{"text": text.replace("    zieljahr 2026", "  zieljahr   2026", 1)}]})
    session.wait_for("textDocument/publishDiagnostics")
    [edit] = session.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                                          "options": {"tabSize": 4, "insertSpaces": True}})
    assert edit["newText"] == text
    assert edit["range"]["start"] == _pos(0, 0)

    # the data beside the file changed (the client watches *.csv): the open document is judged again
    session.notify("workspace/didChangeWatchedFiles", {"changes": [
        {"uri": leer_path.with_name("leer-2026.daten.csv").resolve().as_uri(), "type": 2}]})
    assert session.wait_for("textDocument/publishDiagnostics")["uri"] == uri

    session.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert session.wait_for("textDocument/publishDiagnostics") == {"uri": uri, "diagnostics": []}

    assert session.request("shutdown", None) is None
    session.notify("exit", None)
    assert session.process.wait(timeout=TIMEOUT) == 0


def test_lsp_without_the_editor_extra_says_what_to_install(monkeypatch):
    import builtins

    from click.testing import CliRunner

    from zieldsl.cli.main import main

    real_import = builtins.__import__

    def no_pygls(name, *args, **kwargs):
        if name.startswith("pygls") or name.startswith("lsprotocol"):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "zieldsl.cli.lsp_server", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pygls)
    result = CliRunner().invoke(main, ["lsp"])
    assert result.exit_code == 1
    assert "pip install 'zieldsl[editor]'" in result.stderr
