"""The command line: English verbs, German messages, exit codes 0 / 1 / 2.

Each command imports what it needs when it runs, so `zieldsl check` starts
without loading networkx, jinja2 or docxtpl.
"""

from __future__ import annotations

import sys

import click

from zieldsl import __version__
from zieldsl.cli.german_help import VERSION_HELP, GermanCommand, GermanHelpMixin
from zieldsl.cli.options import EXIT_INPUT_ERROR, STDIN_NAME, read_stdin
from zieldsl.diagnostics import ZielError

def utf8_streams() -> None:
    """Write UTF-8 whatever the console's code page (cp1252 cannot encode ≥ ≤ − →)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if reconfigure is not None and encoding != "utf8":
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # pragma: no cover - a stream already in use
                pass


OUTPUT_FAILED = "ZD511"


def output_failed(exc: OSError) -> None:
    """The standard output cannot be written (disk full, closed pipe): say so on stderr, exit 1."""
    import errno
    import os

    if exc.errno == errno.EPIPE:
        message = "Die Ausgabe wurde vorzeitig geschlossen (Pipe)."
    else:
        message = f"Die Ausgabe kann nicht geschrieben werden ({exc.strerror or exc})."
    try:
        os.write(2, f"fehler {OUTPUT_FAILED}: {message}\n".encode("utf-8"))
    except OSError:
        pass
    # Nothing more may reach the broken stream, not even Python's flush at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(EXIT_INPUT_ERROR)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Commands that live in their own modules, imported only when called.
LAZY_COMMANDS = {
    "fmt": "zieldsl.cli.fmt:fmt",
    "evaluate": "zieldsl.cli.evaluate:evaluate",
    "explain": "zieldsl.cli.evaluate:explain",
    "graph": "zieldsl.cli.graph:graph",
    "draft": "zieldsl.cli.draft:draft",
    "bericht": "zieldsl.cli.bericht:bericht",
    "lsp": "zieldsl.cli.lsp:lsp",
    "editor": "zieldsl.cli.editor:editor",
    "import": "zieldsl.cli.import_:import_",
}


class LazyGroup(GermanHelpMixin, click.Group):
    """A click group that imports a command's module only when that command runs.

    It also words click's usage errors in German (`zieldsl.cli.usage_errors`) and its help
    (`zieldsl.cli.german_help`).
    """

    command_class = GermanCommand

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run with UTF-8 output; a failing stdout (/dev/full, a closed pipe) is a German message, exit 1."""
        if standalone_mode:
            utf8_streams()
        try:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        except OSError as exc:
            output_failed(exc)

    def make_context(self, *args, **kwargs):
        from zieldsl.cli.usage_errors import german_usage_errors

        with german_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        from zieldsl.cli.usage_errors import german_usage_errors

        with german_usage_errors():
            return super().invoke(ctx)

    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS:
            import importlib

            module_name, attr = LAZY_COMMANDS[name].split(":")
            try:
                return getattr(importlib.import_module(module_name), attr)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                return None
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="zieldsl", message="%(prog)s %(version)s",
                      help=VERSION_HELP)
def main() -> None:
    """zieldsl: Zielvereinbarungen nach § 48b SGB II prüfen, bewerten und begründen."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True),
                metavar="DATEIEN...")
@click.option("--streng", "--strict", "strict", is_flag=True, help="Warnungen wie Fehler behandeln.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True, help="Ausgabe: Text für Menschen, JSON, SARIF (Code-Scanning) oder "
                                      "GitHub-Anmerkungen; alles außer Text auf die Standardausgabe.")
def check(files: tuple[str, ...], strict: bool, output_format: str) -> None:
    """Vereinbarungen prüfen und alle Fehler und Warnungen melden (»-« liest die Standardeingabe)."""
    from zieldsl.api import check_files, diagnose_text
    from zieldsl.cli.checking import report_text

    failed = 0
    checked = []
    from_files = iter(check_files([path for path in files if path != "-"]))
    for path in files:
        if path == "-":
            try:
                diagnostics = diagnose_text(read_stdin(), STDIN_NAME)
            except ZielError as err:
                diagnostics = err.diagnostics
            path = STDIN_NAME
        else:
            diagnostics = next(from_files)
        checked.append((path, diagnostics))
        if output_format == "text":
            failed += report_text(path, diagnostics, strict, lambda text, err: click.echo(text, err=err))
        elif any(d.is_error or strict for d in diagnostics):
            failed += 1
    if output_format != "text":
        from zieldsl.cli.report_formats import RENDERERS

        rendered = RENDERERS[output_format](checked)
        if rendered:
            click.echo(rendered)
    sys.exit(EXIT_INPUT_ERROR if failed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
