"""`zieldsl lsp`: the language server for editors (VS Code, Neovim, Emacs …), over stdio."""

from __future__ import annotations

import click

from zieldsl.cli.german_help import GermanCommand

MISSING_EXTRA = ("Für »zieldsl lsp« fehlen Pakete. Installieren Sie zieldsl mit dem Zusatz »editor«: "
                 "pip install 'zieldsl[editor]'")


@click.command(cls=GermanCommand)
def lsp() -> None:
    """Sprachserver (Language Server Protocol) über stdio starten – für VS Code, Neovim, Emacs.

    Der Editor startet den Befehl selbst; er prüft beim Tippen, zeigt Erklärungen, ergänzt
    Wörter, formatiert und schlägt Korrekturen vor.
    """
    try:
        from zieldsl.cli.lsp_server import build_server
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("pygls", "lsprotocol"):
            raise click.ClickException(MISSING_EXTRA) from None
        raise
    build_server().start_io()
