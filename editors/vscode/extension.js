// zieldsl for VS Code: a thin client of the language server `zieldsl lsp`.
// Checking, hover, completion, definitions, outline, formatting and quick fixes all come
// from the server; this file only starts it for .ziel files. Colours come from the
// TextMate grammar in syntaxes/.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const settings = vscode.workspace.getConfiguration("zieldsl");
  const command = settings.get("server.command", "zieldsl");
  const args = settings.get("server.args", ["lsp"]);
  return { command, args, transport: TransportKind.stdio };
}

function activate(context) {
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "zieldsl" }, { scheme: "untitled", language: "zieldsl" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{ziel,csv,yaml,yml}") },
  };
  client = new LanguageClient("zieldsl", "zieldsl", serverOptions(), clientOptions);
  context.subscriptions.push({ dispose: () => (client ? client.stop() : undefined) });
  return client.start().catch((error) => {
    vscode.window.showErrorMessage(
      "Der Sprachserver »zieldsl lsp« startet nicht. Ist zieldsl mit dem Zusatz »editor« installiert " +
        "(pip install 'zieldsl[editor]') und der Befehl in der Einstellung »zieldsl.server.command« richtig? " +
        String(error)
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
