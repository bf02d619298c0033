"""`--help` in German, through click's own hooks rather than by patching click.

Click writes its help boilerplate in English ("Usage:", "Options:", "Show this message
and exit.", "[default: …]"). Every zieldsl command uses `GermanCommand` (or the group,
which mixes in the same behaviour): its context formats help with `GermanHelpFormatter`
(headings, usage prefix and the bracketed extras in German), and its help option says
"Diese Hilfe anzeigen und beenden.". Usage errors are worded in `zieldsl.cli.usage_errors`.
"""

from __future__ import annotations

import re

import click

HELP_TEXT = "Diese Hilfe anzeigen und beenden."
VERSION_HELP = "Die Version anzeigen und beenden."
USAGE_PREFIX = "Aufruf: "

_SECTIONS = {
    "Options": "Optionen",
    "Commands": "Befehle",
    "Arguments": "Angaben",
    "Positional arguments": "Angaben",
}
# The bracketed extras click appends to an option's help (click 8.1 … 8.5).
_EXTRAS = [
    (re.compile(r"\bdefault: "), "Standard: "),
    (re.compile(r"\brequired\b"), "erforderlich"),
    (re.compile(r"\benv var: "), "Umgebungsvariable: "),
    (re.compile(r"\(dynamic\)"), "(berechnet)"),
]
_EXTRA_BLOCK = re.compile(r"\[[^\[\]]*\]\s*$")


def _german_extras(text: str) -> str:
    """Translate the trailing `[default: x; required]` block of one help text, nothing else."""
    match = _EXTRA_BLOCK.search(text)
    if not match:
        return text
    block = match.group(0)
    for pattern, german in _EXTRAS:
        block = pattern.sub(german, block)
    return text[:match.start()] + block


class GermanHelpFormatter(click.HelpFormatter):
    """Click's formatter with German headings, usage prefix and option extras."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, USAGE_PREFIX if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_SECTIONS.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _german_extras(text)) for term, text in rows], col_max, col_spacing)


class GermanContext(click.Context):
    formatter_class = GermanHelpFormatter


class GermanHelpMixin:
    """The help option of a command, worded in German; the command's context formats in German."""

    context_class = GermanContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIONEN]")
        if isinstance(self, click.Group):
            kwargs.setdefault("subcommand_metavar", "BEFEHL [ANGABEN]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option


class GermanCommand(GermanHelpMixin, click.Command):
    """A zieldsl command: `@click.command(cls=GermanCommand)`."""
