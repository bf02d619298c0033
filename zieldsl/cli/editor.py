"""`zieldsl editor [DATEI]`: the local web editor, served on 127.0.0.1 and opened in the browser."""

from __future__ import annotations

import secrets
import socket
from pathlib import Path

import click

from zieldsl.cli.german_help import GermanCommand

MISSING_EXTRA = ("Für »zieldsl editor« fehlen Pakete. Installieren Sie zieldsl mit dem Zusatz »editor«: "
                 "pip install 'zieldsl[editor]'")
HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@click.command(cls=GermanCommand)
@click.argument("file", required=False, default="entwurf.ziel", type=click.Path(dir_okay=False), metavar="[DATEI]")
@click.option("--port", type=click.IntRange(0, 65535), default=0, metavar="PORT",
              help="Port auf 127.0.0.1 (Standard: ein freier Port).")
@click.option("--kein-browser", "--no-browser", "no_browser", is_flag=True, help="Den Browser nicht öffnen.")
def editor(file: str, port: int, no_browser: bool) -> None:
    """Vereinbarung im Browser bearbeiten: Prüfung beim Tippen, Bewertung und Vorschau daneben.

    Der Editor läuft nur auf diesem Rechner (127.0.0.1). Gespeichert wird in DATEI (Standard:
    entwurf.ziel, wird beim ersten Speichern angelegt); die vorige fehlerfreie Fassung bleibt
    als DATEI.bak erhalten. Beenden mit Strg+C.
    """
    try:
        import uvicorn

        from zieldsl.cli.webeditor.app import create_app
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("starlette", "uvicorn", "anyio"):
            raise click.ClickException(MISSING_EXTRA) from None
        raise
    path = Path(file).resolve()
    if not path.parent.is_dir():
        raise click.UsageError(f"Den Ordner »{path.parent}« gibt es nicht.")
    port = port or _free_port()
    url = f"http://{HOST}:{port}/"
    app = create_app(path, secrets.token_urlsafe(24))
    click.echo(f"zieldsl editor: {url} (Datei {file}; beenden mit Strg+C)", err=True)
    if not no_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    uvicorn.run(app, host=HOST, port=port, log_level="warning")
