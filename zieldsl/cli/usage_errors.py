"""Click's usage errors in German.

Click words its own errors in English ("No such option", "Missing argument"). The
command group turns every `click.UsageError` into a `GermanUsageError` before
click prints it; the exit code (2) stays click's. Messages that commands raise
themselves (already German) pass through unchanged.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import IO, Any, Iterator

import click
from click import exceptions as click_errors

_PATH_KINDS = {"file": "die Datei", "directory": "der Ordner", "path": "der Pfad"}

# English texts of click (8.1 … 8.5) → German, for messages without a dedicated exception type.
_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing command\.?$"), "Es fehlt der Befehl, z. B. »zieldsl check DATEI«."),
    (re.compile(r"^No such command:? '?([^']+?)'?\.?$"), "Unbekannter Befehl »{0}«."),
    (re.compile(r"^No such option:? '?([^'\s]+?)'?\.?$"), "Unbekannte Option »{0}«."),
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), "Überzählige Angabe: {0}."),
    (re.compile(r"^Option '?([^']+?)'? requires an argument\.?$"), "Die Option »{0}« braucht einen Wert."),
    (re.compile(r"^Option '?([^']+?)'? does not take a value\.?$"), "Die Option »{0}« nimmt keinen Wert."),
    (re.compile(r"^Argument '?([^']+?)'? takes (\d+) values\.?$"), "»{0}« braucht {1} Werte."),
    (re.compile(r"^(?:File|Path|Directory) '(.+)' does not exist\.$"), "»{0}« gibt es nicht."),
    (re.compile(r"^(?:File|Path|Directory) '(.+)' is a directory\.$"), "»{0}« ist ein Ordner, keine Datei."),
    (re.compile(r"^(?:File|Path|Directory) '(.+)' is a file\.$"), "»{0}« ist eine Datei, kein Ordner."),
    (re.compile(r"^(?:File|Path|Directory) '(.+)' is not readable\.$"), "»{0}« kann nicht gelesen werden."),
    (re.compile(r"^(?:File|Path|Directory) '(.+)' is not writable\.$"), "In »{0}« kann nicht geschrieben werden."),
    (re.compile(r"^'(.+)' is not one of (.+)\.$"), "»{0}« ist nicht möglich; erlaubt sind {1}."),
    (re.compile(r"^'(.+)' is not a valid (?:integer|float|integer range|float range)\.$"),
     "»{0}« ist keine gültige Zahl."),
]


def translate(text: str) -> str:
    """One click message in German; texts it does not know are returned unchanged."""
    for pattern, german in _TRANSLATIONS:
        match = pattern.match(text.strip())
        if match:
            return german.format(*(group.replace("'", "") for group in match.groups()))
    return text


def _name(hint: str | None) -> str:
    """click's hint for a parameter ("'--art' / '--kind'") without its quotes."""
    return (hint or "").strip().replace("'", "").replace('"', "")


def german_message(err: click.UsageError) -> str:
    """The German text for a click usage error."""
    if isinstance(err, click_errors.MissingParameter):
        name = _name(err.param.get_error_hint(err.ctx) if err.param and err.ctx else err.param_hint)
        kind = err.param_type or (err.param.param_type_name if err.param else "parameter")
        what = {"argument": "die Angabe", "option": "die Option"}.get(kind, "die Angabe")
        return f"Es fehlt {what} »{name}«."
    if isinstance(err, click_errors.NoSuchOption):
        text = f"Unbekannte Option »{err.option_name}«."
        if err.possibilities:
            text += f" Meinten Sie »{err.possibilities[0]}«?"
        return text
    no_such_command = getattr(click_errors, "NoSuchCommand", None)
    if no_such_command is not None and isinstance(err, no_such_command):
        text = f"Unbekannter Befehl »{err.command_name}«."
        if err.possibilities:
            text += f" Meinten Sie »{err.possibilities[0]}«?"
        return text
    if isinstance(err, click.BadParameter) and (err.param is not None or err.param_hint is not None):
        name = _name(err.param.get_error_hint(err.ctx) if err.param and err.ctx else str(err.param_hint))
        return f"Ungültiger Wert für »{name}«: {translate(err.message)}"
    unknown = _NO_SUCH_COMMAND.match(err.message.strip())
    if unknown and err.ctx is not None and isinstance(err.ctx.command, click.Group):  # click < 8.4 suggests nothing
        from zieldsl.diagnostics import did_you_mean

        hint = did_you_mean(unknown.group(1), err.ctx.command.list_commands(err.ctx))
        return f"Unbekannter Befehl »{unknown.group(1)}«." + (f" {hint}" if hint else "")
    return translate(err.message)


_NO_SUCH_COMMAND = re.compile(r"^No such command:? '?([^']+?)'?\.?$")


class GermanUsageError(click.UsageError):
    """A usage error that click shows with German labels and a German message."""

    def __init__(self, original: click.UsageError):
        super().__init__(german_message(original), original.ctx)

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        color = ctx.color if ctx is not None else None
        if ctx is not None:
            usage = ctx.get_usage().replace("Usage:", "Aufruf:", 1)
            help_names = ctx.command.get_help_option_names(ctx) if ctx.command.get_help_option(ctx) else []
            hint = f"Hilfe: {ctx.command_path} {max(help_names, key=len)}\n" if help_names else ""
            click.echo(f"{usage}\n{hint}", file=file, err=file is None, color=color)
        click.echo(f"Fehler: {self.format_message()}", file=file, err=file is None, color=color)


@contextmanager
def german_usage_errors() -> Iterator[None]:
    """Re-raise click's usage errors as German ones (help requested without arguments stays help)."""
    try:
        yield
    except GermanUsageError:
        raise
    except click.UsageError as err:
        if type(err).__name__ == "NoArgsIsHelpError":
            raise
        raise GermanUsageError(err) from None
    except ValueError as err:  # os.stat on a path with a NUL byte, before any command runs
        if "null" not in str(err).lower():
            raise
        raise GermanUsageError(click.UsageError("Ein Pfad enthält ein NUL-Zeichen; so heißt keine Datei.")) from None
