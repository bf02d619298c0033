"""`check -` / `fmt -` read standard input; `check --format json|sarif|github` for tools; pre-commit hooks."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from zieldsl.cli.main import main


def _run(args, stdin=None):
    return CliRunner().invoke(main, args, input=stdin)


def _broken(leer_path) -> str:
    return leer_path.read_text(encoding="utf-8").replace("K2 steigt um 5,8 %", "K2 steigt um 5.8 %", 1)


def test_check_reads_standard_input(leer_path):
    ok = _run(["check", "-"], leer_path.read_bytes())
    assert ok.exit_code == 0
    assert ok.stdout == "<stdin>: in Ordnung.\n"
    bad = _run(["check", "-"], _broken(leer_path).encode())
    assert bad.exit_code == 1
    assert bad.stderr.startswith("<stdin>:70:22: fehler ZD102: »5.8«: Dezimalpunkt statt Dezimalkomma\n")


def test_check_reports_non_utf8_standard_input_as_zd002():
    result = _run(["check", "-"], b'vereinbarung x "\xe4" {}\n')
    assert result.exit_code == 1
    assert "<stdin>:1:17: fehler ZD002" in result.stderr


def test_check_as_json(leer_path, tmp_path):
    broken = tmp_path / "entwurf.ziel"
    broken.write_text(_broken(leer_path), encoding="utf-8")
    result = _run(["check", "--format", "json", str(leer_path), str(broken)])
    assert result.exit_code == 1
    files = json.loads(result.stdout)["files"]
    assert [(f["file"], f["errors"], f["warnings"]) for f in files] == [(str(leer_path), 0, 0), (str(broken), 1, 0)]
    assert files[1]["diagnostics"] == [{
        "code": "ZD102", "severity": "fehler", "message": "»5.8«: Dezimalpunkt statt Dezimalkomma",
        "hint": "Zahlen schreiben Sie mit Komma: »5,8«.", "file": str(broken),
        "line": 70, "column": 22, "end_line": 70, "end_column": 25}]


def test_check_as_sarif_validates_against_the_sarif_schema_shape(leer_path):
    result = _run(["check", "--format", "sarif", "-"], _broken(leer_path).encode())
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    [run] = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "zieldsl"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["ZD102"]
    [finding] = run["results"]
    assert finding["ruleId"] == "ZD102" and finding["level"] == "error"
    assert finding["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 70, "startColumn": 22, "endLine": 70, "endColumn": 25}


def test_check_as_github_annotations_escapes_what_github_needs(leer_path):
    text = leer_path.read_text(encoding="utf-8").replace("K2 steigt um 5,8 %", "K2 steigt um 5,8", 1)
    result = _run(["check", "--format", "github", "-"], text.encode())
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=<stdin>,line=70,col=25,endLine=70,endColumn=26,title=ZD108::Nach der Zahl fehlt die Einheit"
        "%0AHinweis: Schreiben Sie »%25« für eine Veränderung in Prozent oder »prozentpunkte« für Prozentpunkte, "
        "z. B. »steigt um 5,8 %25«.\n")


def test_a_warning_is_an_annotation_of_level_warning(leer_path):
    text = leer_path.read_text(encoding="utf-8").replace("K3 sinkt um 2,3 %", "K3 steigt um 2,3 %", 1)
    result = _run(["check", "--format", "github", "-"], text.encode())
    assert result.exit_code == 0
    assert result.stdout.startswith("::warning file=<stdin>,line=88,col=9,")
    assert _run(["check", "--format", "github", "--streng", "-"], text.encode()).exit_code == 1


def test_fmt_formats_standard_input_to_standard_output(leer_path):
    text = leer_path.read_text(encoding="utf-8")
    messy = text.replace("    zieljahr 2026", "  ZIELJAHR   2026", 1)
    result = _run(["fmt", "-"], messy.encode())
    assert result.exit_code == 0
    assert result.stdout == text
    check = _run(["fmt", "--check", "-"], messy.encode())
    assert (check.exit_code, check.stdout) == (1, "würde umformatiert: <stdin>\n")
    assert _run(["fmt", "--check", "-"], text.encode()).exit_code == 0


def test_fmt_of_broken_standard_input_reports_and_prints_nothing(leer_path):
    result = _run(["fmt", "-"], _broken(leer_path).encode())
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "ZD102" in result.stderr


def test_fmt_does_not_mix_standard_input_and_files(leer_path):
    result = _run(["fmt", "-", str(leer_path)], b"")
    assert result.exit_code == 2


def test_the_pre_commit_hooks_run_check_and_fmt_check(repo_root):
    hooks = yaml.safe_load((repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {"zieldsl-check": "zieldsl check",
                                                   "zieldsl-fmt": "zieldsl fmt --check"}
    assert all(h["files"] == r"\.ziel$" and h["language"] == "python" for h in hooks)
