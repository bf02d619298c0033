"""Limits: pathological input finishes with a result or ZielError; data size is bounded.

No timing is asserted: each input is bounded in size, so a test that finishes shows
the parser did not hang (hanging inputs once took minutes: errors near the end of a
big file were re-parsed from the start up to 20 times, see MAX_REPARSE_CHARS).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from zieldsl.inputs import csv_reader
from zieldsl.language import parser as parser_module
from zieldsl.api import check_text
from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError
from zieldsl.language.formatter import format_text

HEAD = 'vereinbarung t "T" {\n träger "T" kennung "1"\n zieljahr 2026\n'
TARGET = '    ziel {n} z{n} "Ziel {n}" {{\n        K2 steigt um 5,8 %\n    }}\n'

PATHOLOGICAL = {
    "3000 offene Teilziele": HEAD + ' ziel 1 z "Z" {\n' + 'teilziel t "t" {\n' * 3000,
    "2000 geschlossene Teilziele": HEAD + ' ziel 1 z "Z" {\n' + "".join(f'teilziel t{i} "t" {{\n' for i in range(2000))
                                   + "}\n" * 2000 + "}\n}\n",
    "100.000 öffnende Klammern": "{" * 100_000,
    "100.000 schließende Klammern": HEAD + "}" * 100_000,
    "Text mit 300.000 Zeichen": HEAD + ' abschnitt a "A" "' + "x" * 300_000 + '"\n}\n',
    "offener dreifacher Text": HEAD + ' abschnitt a "A" """' + "x\n" * 100_000,
    "Zahl mit 300.000 Ziffern": HEAD + " zieljahr " + "1" * 300_000 + ".\n}\n",
    "Wort mit 300.000 Buchstaben": HEAD + " " + "ä" * 300_000 + "\n}\n",
    "20.000 kaputte Zeilen": HEAD + "K2 steigt um\n" * 20_000 + "}\n",
    "50.000 Kommentarzeilen": HEAD + "# x\n" * 50_000 + "}\n",
    "100.000 Anführungszeichen": '"' * 100_000,
    "30.000 dreifache Anführungszeichen": '"""' * 30_000,
    "Rückstriche am Ende": HEAD + ' abschnitt a "A" "' + "\\" * 50_001,
    "Zeilenenden nur mit CR": HEAD.replace("\n", "\r") + "}\r",
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_agreement_finishes(name):
    text = PATHOLOGICAL[name]
    try:
        check_text(text, "p.ziel")
    except ZielError as err:
        assert err.diagnostics
        assert all(d.span is not None and d.span.line >= 1 for d in err.diagnostics)


@pytest.mark.parametrize("name", ["2000 geschlossene Teilziele", "50.000 Kommentarzeilen", "20.000 kaputte Zeilen"])
def test_pathological_agreement_through_fmt_and_check(name, tmp_path):
    path = tmp_path / "p.ziel"
    path.write_text(PATHOLOGICAL[name], encoding="utf-8")
    for args in (["check", str(path)], ["fmt", "--check", str(path)]):
        result = CliRunner().invoke(main, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code in (0, 1)
        assert "Traceback" not in result.output


def test_deep_nesting_is_a_diagnostic_not_a_recursion_error():
    with pytest.raises(ZielError) as caught:
        check_text(PATHOLOGICAL["2000 geschlossene Teilziele"], "p.ziel")
    assert caught.value.codes == ["ZD602"]


def test_formatter_survives_what_the_parser_accepts():
    text = HEAD + "".join(TARGET.format(n=n) for n in range(1, 200)) + "}\n"
    assert format_text(format_text(text, "p.ziel"), "p.ziel") == format_text(text, "p.ziel")


def test_recovery_stops_after_reading_the_budget_again(monkeypatch):
    """Errors near the end of a big file: the re-parses stop at MAX_REPARSE_CHARS, errors so far are shown."""
    body = "".join(TARGET.format(n=n) for n in range(1, 40))
    text = HEAD + body + "    ziel 99 kaputt \"K\" {\n" + "        K2 steigt 5,8 %\n" * 30 + "    }\n}\n"
    with pytest.raises(ZielError) as unlimited:
        check_text(text, "p.ziel")
    assert len(unlimited.value.diagnostics) == parser_module.MAX_SYNTAX_ERRORS
    monkeypatch.setattr(parser_module, "MAX_REPARSE_CHARS", 3 * len(text))
    with pytest.raises(ZielError) as limited:
        check_text(text, "p.ziel")
    assert 1 <= len(limited.value.diagnostics) <= 4
    assert limited.value.diagnostics == unlimited.value.diagnostics[:len(limited.value.diagnostics)]


def test_too_many_values_are_refused_with_a_clear_message(tmp_path, monkeypatch):
    """Memory is bounded: past MAX_VALUES the CSV is refused (ZD603), evaluate exits with 1."""
    lines = ["traeger;reihe;gruppe;monat;wert"]
    lines += [f"03457;elb;gesamt;{2000 + i // 12}-{i % 12 + 1:02d};{6000 + i}" for i in range(300)]
    path = tmp_path / "viel.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(csv_reader, "MAX_VALUES", 100)
    result = CliRunner().invoke(main, ["evaluate", "vereinbarungen/leer-2026.ziel", "--data", str(path)])
    assert result.exit_code == 1, result.output
    assert f"{path}:102:1: fehler ZD603: Zu viele Werte: mehr als 100 in den Daten" in result.stderr
    assert "Traceback" not in result.output


def test_overlong_csv_line_is_skipped_without_reading_it_whole(tmp_path):
    path = tmp_path / "lang.csv"
    path.write_text("traeger;reihe;gruppe;monat;wert\n03457;elb;gesamt;2026-01;" + "9" * 3_000_000 + "\n",
                    encoding="utf-8")
    with pytest.raises(ZielError) as caught:
        csv_reader.load_indicator_csv(path, ["elb"], [])
    assert caught.value.codes == ["ZD314"]
