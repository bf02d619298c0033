"""The bad-input corpus: every broken file ends in exit code 1 and a German, positioned message.

tests/bad_inputs/ holds broken agreements (ziel/), indicator CSV files (csv/), evidence
YAML files (yaml/) and template folders for `draft --template` (vorlagen/); the manifest
expected.yaml names each one's code, line and a part of its message. Each is run
through the command line as a user would: `check` for agreements, `evaluate` of the
Leer agreement for data and evidence, `draft` for templates (an existing output file
must survive unchanged, and no temporary file may be left behind).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from zieldsl.cli.main import main

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "bad_inputs"
MANIFEST = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"
LEER_DATA = REPO / "vereinbarungen" / "leer-2026.daten.csv"
LEER_EVIDENCE = REPO / "vereinbarungen" / "leer-2026.nachweise.yaml"
FIRST_ERROR = re.compile(r"^(?:(?P<file>.*?):(?P<line>\d+):(?P<column>\d+): )?fehler (?P<code>ZD\d{3}): (?P<message>.*)$",
                         re.M)
OLD_CONTENT = b"alter Entwurf, darf nicht verschwinden\n"


def command(entry: str, output: Path | None) -> list[str]:
    """The zieldsl arguments for a corpus entry (the folder decides the command)."""
    path = CORPUS / entry
    kind = entry.split("/")[0]
    if kind == "ziel":
        return ["check", str(path)]
    if kind == "csv":
        return ["evaluate", str(LEER), "--data", str(path), "--nachweise", str(LEER_EVIDENCE)]
    if kind == "yaml":
        return ["evaluate", str(LEER), "--data", str(LEER_DATA), "--nachweise", str(path)]
    assert kind == "vorlagen" and output is not None
    return ["draft", str(LEER), "--data", str(LEER_DATA), "--nachweise", str(LEER_EVIDENCE), "--template", str(path),
            "-o", str(output)]


def check_outcome(entry: str, exit_code: int, stderr: str, output_dir: Path | None) -> None:
    expected = MANIFEST[entry]
    assert exit_code == 1, stderr
    assert "Traceback" not in stderr, stderr
    first = FIRST_ERROR.search(stderr)
    assert first is not None, stderr
    assert first["code"] == expected["code"], stderr
    assert expected["meldung"] in first["message"], stderr
    if "zeile" in expected:
        assert first["file"] is not None and int(first["line"]) == expected["zeile"], stderr
        assert Path(first["file"]).resolve().is_relative_to((CORPUS / entry).resolve()), stderr
    assert re.search(r"\d+ Fehler gefunden\.|: \d+ Fehler\.", stderr), stderr
    if output_dir is not None:
        output = output_dir / expected["ausgabe"]
        assert output.read_bytes() == OLD_CONTENT, "die vorhandene Ausgabedatei wurde verändert"
        assert sorted(p.name for p in output_dir.iterdir()) == [output.name], "Reste einer halben Ausgabe"


def test_corpus_is_complete():
    """At least 60 entries of all four kinds; every file has an entry, every entry a file."""
    kinds = {entry.split("/")[0] for entry in MANIFEST}
    assert kinds == {"ziel", "csv", "yaml", "vorlagen"}
    assert len(MANIFEST) >= 60
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*") if p.parent.name != "bad_inputs"}
    assert on_disk == set(MANIFEST)
    for entry, expected in MANIFEST.items():
        assert re.fullmatch(r"ZD\d{3}", expected["code"]), entry
        assert expected["meldung"].strip(), entry
        assert entry.startswith("vorlagen/") == ("ausgabe" in expected), entry


@pytest.mark.parametrize("entry", sorted(MANIFEST))
def test_bad_input_is_reported_in_german_with_exit_code_1(entry, tmp_path):
    output_dir = None
    output = None
    if entry.startswith("vorlagen/"):
        output_dir = tmp_path / "ausgabe"
        output_dir.mkdir()
        output = output_dir / MANIFEST[entry]["ausgabe"]
        output.write_bytes(OLD_CONTENT)
    result = CliRunner().invoke(main, command(entry, output))
    assert isinstance(result.exception, SystemExit), result.exception
    check_outcome(entry, result.exit_code, result.stderr, output_dir)


# One of each kind once more in a real process: what a user's shell sees.
SUBPROCESS_SAMPLE = ["ziel/mehrere_fehler.ziel", "csv/zu_viele_fehler.csv", "yaml/python_tag.yaml",
                     "vorlagen/sandbox_globals"]


@pytest.mark.parametrize("entry", SUBPROCESS_SAMPLE)
def test_bad_input_in_a_real_process(entry, tmp_path):
    output_dir = None
    output = None
    if entry.startswith("vorlagen/"):
        output_dir = tmp_path / "ausgabe"
        output_dir.mkdir()
        output = output_dir / MANIFEST[entry]["ausgabe"]
        output.write_bytes(OLD_CONTENT)
    process = subprocess.run([sys.executable, "-m", "zieldsl", *command(entry, output)], capture_output=True,
                             text=True, cwd=tmp_path, timeout=120)
    check_outcome(entry, process.returncode, process.stderr, output_dir)
    assert process.stdout == "" or entry.startswith("ziel/")
