"""The VS Code extension is a thin LSP client: run its activate() in node against stand-ins for the
`vscode` and `vscode-languageclient` modules and see that it starts `zieldsl lsp` for .ziel files."""

from __future__ import annotations

import json
import shutil
import subprocess

from editor_support import missing

NODE = shutil.which("node") or shutil.which("nodejs")

STAND_INS = {
    "vscode/index.js": """
        exports.workspace = {
          getConfiguration: (section) => ({ get: (key, fallback) => (globalThis.settings[section + "." + key] ?? fallback) }),
          createFileSystemWatcher: (glob) => ({ glob }),
        };
        exports.window = { showErrorMessage: (text) => globalThis.shown.push(text) };
    """,
    "vscode-languageclient/node.js": """
        exports.TransportKind = { stdio: 0 };
        exports.LanguageClient = class {
          constructor(id, name, server, client) { globalThis.created.push({ id, name, server, client }); }
          start() { return globalThis.startFails ? Promise.reject(new Error("ENOENT")) : Promise.resolve(); }
          stop() { globalThis.stopped = true; return Promise.resolve(); }
        };
    """,
}

SCRIPT = """
globalThis.created = []; globalThis.shown = []; globalThis.settings = %(settings)s;
globalThis.startFails = %(fails)s;
const extension = require("./extension.js");
const context = { subscriptions: [] };
Promise.resolve(extension.activate(context)).then(() => extension.deactivate()).then(() => {
  console.log(JSON.stringify({ created: globalThis.created, shown: globalThis.shown, stopped: !!globalThis.stopped }));
});
"""


def _activate(repo_root, tmp_path, settings=None, fails=False) -> dict:
    if NODE is None:
        missing("node (Debian: nodejs)")
    shutil.copy(repo_root / "editors" / "vscode" / "extension.js", tmp_path / "extension.js")
    for name, source in STAND_INS.items():
        target = tmp_path / "node_modules" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    script = SCRIPT % {"settings": json.dumps(settings or {}), "fails": json.dumps(fails)}
    (tmp_path / "run.js").write_text(script, encoding="utf-8")
    done = subprocess.run([NODE, "run.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_extension_starts_zieldsl_lsp_for_ziel_files(repo_root, tmp_path):
    out = _activate(repo_root, tmp_path)
    [client] = out["created"]
    assert client["server"] == {"command": "zieldsl", "args": ["lsp"], "transport": 0}
    assert {"scheme": "file", "language": "zieldsl"} in client["client"]["documentSelector"]
    assert out["stopped"] is True and out["shown"] == []


def test_the_server_command_is_a_setting(repo_root, tmp_path):
    out = _activate(repo_root, tmp_path, {"zieldsl.server.command": "/opt/venv/bin/zieldsl"})
    assert out["created"][0]["server"]["command"] == "/opt/venv/bin/zieldsl"


def test_a_server_that_does_not_start_is_explained_in_german(repo_root, tmp_path):
    out = _activate(repo_root, tmp_path, fails=True)
    [message] = out["shown"]
    assert message.startswith("Der Sprachserver »zieldsl lsp« startet nicht.")


def test_the_package_manifest_activates_on_the_language_and_points_at_the_client(repo_root):
    package = json.loads((repo_root / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))
    assert package["main"] == "./extension.js"
    assert package["activationEvents"] == ["onLanguage:zieldsl"]
    assert "vscode-languageclient" in package["dependencies"]
    assert package["contributes"]["grammars"][0]["path"] == "./syntaxes/zieldsl.tmLanguage.json"
