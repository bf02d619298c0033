"""`--help` is German for every command, and the German option names have their English aliases."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main

REPO = Path(__file__).resolve().parents[1]
LEER = str(REPO / "vereinbarungen" / "leer-2026.ziel")

ENGLISH = ["Usage:", "Options:", "Commands:", "Show this message", "Show the version", "[default:", "required]",
           "[OPTIONS]", "COMMAND [ARGS]", "FILES...", "DIRECTORY", "INTEGER"]
COMMANDS = sorted(main.list_commands(click.Context(main)))


def help_of(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], prog_name="zieldsl")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_has_no_english_click_boilerplate(name):
    if name is not None and main.get_command(click.Context(main), name) is None:
        pytest.skip(f"{name}: the editor extra is not installed")
    text = help_of(*([name] if name else []))
    assert text.startswith("Aufruf: zieldsl")
    assert "\nOptionen:\n" in text
    assert "Diese Hilfe anzeigen und beenden." in text
    for english in ENGLISH:
        assert english not in text, (name, english)


def test_the_group_lists_its_commands_in_german():
    text = help_of()
    assert "Aufruf: zieldsl [OPTIONEN] BEFEHL [ANGABEN]..." in text
    assert "\nBefehle:\n" in text
    assert "Die Version anzeigen und beenden." in text


def test_defaults_are_shown_in_german():
    assert "[Standard: mermaid]" in help_of("graph")


def test_long_option_names_are_german_first():
    for name in COMMANDS:
        command = main.get_command(click.Context(main), name)
        if command is None:
            continue
        for param in command.params:
            if isinstance(param, click.Option):
                long_names = [o for o in param.opts if o.startswith("--")]
                assert long_names[0] not in {"--data", "--as-of", "--template", "--output", "--kind", "--reference",
                                             "--clerk", "--date", "--check", "--diff", "--strict", "--profile",
                                             "--no-browser"}, (name, param.opts)


@pytest.mark.parametrize("german, english", [("--daten", "--data"), ("--monat", "--as-of")])
def test_the_english_names_still_work(german, english):
    data = str(REPO / "vereinbarungen" / "leer-2026.daten.csv")
    value = data if german == "--daten" else "2026-06"
    runner = CliRunner()
    first = runner.invoke(main, ["evaluate", LEER, german, value])
    second = runner.invoke(main, ["evaluate", LEER, english, value])
    assert first.exit_code == second.exit_code == 0, first.output
    assert first.stdout == second.stdout


def test_usage_errors_use_the_german_words():
    result = CliRunner().invoke(main, ["evaluate", "--monat", "2026-06"], prog_name="zieldsl")
    assert result.exit_code == 2
    assert "Aufruf: zieldsl evaluate [OPTIONEN] DATEIEN..." in result.stderr
    assert "Fehler: Es fehlt die Angabe »DATEIEN...«." in result.stderr


def test_a_wrong_value_names_the_option_with_its_alias():
    result = CliRunner().invoke(main, ["draft", LEER, "--art", "brief"], prog_name="zieldsl")
    assert result.exit_code == 2
    assert "Ungültiger Wert für »--art / --kind«" in result.stderr
