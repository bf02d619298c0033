"""The commands share their input options (`zieldsl.cli.options`): same names, same help, same errors."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main

REPO = Path(__file__).resolve().parents[1]
LEER = str(REPO / "vereinbarungen" / "leer-2026.ziel")
EVALUATING = ("evaluate", "explain", "draft", "bericht")


def command(name: str) -> click.Command:
    return main.get_command(click.Context(main), name)


def options(name: str) -> dict[str, click.Option]:
    return {p.name: p for p in command(name).params if isinstance(p, click.Option)}


def test_every_evaluating_command_reads_the_same_inputs():
    for name in EVALUATING:
        found = options(name)
        for option, flag in (("data", "--data"), ("evidence", "--nachweise"), ("as_of", "--as-of"),
                             ("vintage", "--ladestand")):
            assert flag in found[option].opts, (name, option)
    for option in ("evidence", "vintage"):
        assert len({options(name)[option].help for name in EVALUATING}) == 1, option
    assert options("evaluate")["as_of"].help == options("draft")["as_of"].help == options("explain")["as_of"].help


@pytest.mark.parametrize("name", EVALUATING)
def test_a_wrong_month_is_the_same_usage_error_everywhere(name):
    args = [name, LEER, "--as-of", "2026-13"] + (["2"] if name == "explain" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "Fehler: --monat: Monat 13 liegt nicht zwischen 1 und 12" in result.stderr
    assert "Traceback" not in result.output


def test_explain_reads_and_checks_the_agreement_once(monkeypatch):
    from zieldsl.language import loading

    calls = []
    original = loading.parse_text

    def counting(text, name="<eingabe>"):
        calls.append(name)
        return original(text, name)

    monkeypatch.setattr(loading, "parse_text", counting)
    result = CliRunner().invoke(main, ["explain", LEER, "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ziel 2 ")
    assert calls == [LEER]
