"""`zieldsl check` and `zieldsl --version` as a user runs them: exit codes 0 / 1 / 2, German output.

In-process through click's CliRunner, and as real processes (`python -m zieldsl`,
the installed `zieldsl` script) from another working directory.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl import __version__
from zieldsl.cli.main import main

BROKEN = '''vereinbarung kaputt_2026 "Kaputt" {
    träger "Landkreis Probe"
    zieljahr 2026
    ziel 1 integration "Integration" {
        K2 steigt um 5,8
        K3 sinkt um 2.3 %
    }
}
'''

WARNING_ONLY = '''vereinbarung warnung_2026 "Warnung" {
    träger "Landkreis Probe"
    zieljahr 2026
    vergleichsjahr 2024
}
'''

ENGLISH_CLICK_WORDS = ("Usage:", "Error:", "Try '", "No such", "Missing argument", "Traceback")


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="zieldsl")


@pytest.fixture
def broken(tmp_path) -> Path:
    path = tmp_path / "kaputt.ziel"
    path.write_text(BROKEN, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["leer-2026.ziel", "musterkreis-2026.ziel"])
def test_check_passes_on_the_bundled_agreements(repo_root, name):
    path = repo_root / "vereinbarungen" / name
    result = run("check", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: in Ordnung.\n"
    assert result.stderr == ""


def test_check_several_files_at_once(leer_path, musterkreis_path):
    result = run("check", str(leer_path), str(musterkreis_path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{leer_path}: in Ordnung.", f"{musterkreis_path}: in Ordnung."]


def test_check_reports_all_errors_of_a_broken_file_on_stderr(broken):
    result = run("check", str(broken))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert f"{broken}:5:25: fehler ZD108: Nach der Zahl fehlt die Einheit" in lines
    assert f"{broken}:6:21: fehler ZD102: »2.3«: Dezimalpunkt statt Dezimalkomma" in lines
    assert " 5 |         K2 steigt um 5,8" in lines
    assert lines[-1] == f"{broken}: 2 Fehler."
    assert not any(word in result.output for word in ENGLISH_CLICK_WORDS)


def test_check_goes_on_after_a_broken_file_and_fails_overall(broken, leer_path):
    result = run("check", str(broken), str(leer_path))
    assert result.exit_code == 1
    assert result.stdout == f"{leer_path}: in Ordnung.\n"
    assert f"{broken}: 2 Fehler." in result.stderr


def test_warnings_pass_unless_strict(tmp_path):
    path = tmp_path / "warnung.ziel"
    path.write_text(WARNING_ONLY, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0
    assert result.stdout == f"{path}: in Ordnung (1 Warnung).\n"
    assert f"{path}:4:5: warnung ZD207:" in result.stderr
    assert run("check", "--streng", str(path)).exit_code == 1


def test_missing_file_is_an_input_error(tmp_path):
    path = tmp_path / "fehlt.ziel"
    result = run("check", str(path))
    assert result.exit_code == 1
    assert f"{path}:1:1: fehler ZD001: Datei nicht gefunden" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, message", [
    (["check"], "Fehler: Es fehlt die Angabe »DATEIEN...«."),
    (["check", "--foo", "a.ziel"], "Fehler: Unbekannte Option »--foo«. Meinten Sie »--format«?"),
    (["--vers"], "Fehler: Unbekannte Option »--vers«. Meinten Sie »--version«?"),
    (["chek", "a.ziel"], "Fehler: Unbekannter Befehl »chek«. Meinten Sie »check«?"),
    (["pruefen", "a.ziel"], "Fehler: Unbekannter Befehl »pruefen«."),
    (["check", "--streng=ja", "a.ziel"], "Fehler: Die Option »--streng« nimmt keinen Wert."),
])
def test_usage_errors_exit_2_in_german(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message
    assert not any(word in result.output for word in ENGLISH_CLICK_WORDS)


def test_usage_error_shows_the_call_and_where_help_is():
    result = run("check")
    assert result.stderr.splitlines() == [
        "Aufruf: zieldsl check [OPTIONEN] DATEIEN...",
        "Hilfe: zieldsl check --help",
        "",
        "Fehler: Es fehlt die Angabe »DATEIEN...«.",
    ]


def test_a_directory_instead_of_a_file_is_a_usage_error(tmp_path):
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Fehler: Ungültiger Wert für »DATEIEN...«: »{tmp_path}« ist ein Ordner, keine Datei.")


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"zieldsl {__version__}\n"


# ---------------------------------------------------------------- real processes


def test_python_dash_m_version():
    done = subprocess.run([sys.executable, "-m", "zieldsl", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout == f"zieldsl {__version__}\n"


def test_check_from_another_working_directory(tmp_path, leer_path, musterkreis_path):
    shutil.copy(leer_path, tmp_path / "leer.ziel")
    done = subprocess.run([sys.executable, "-m", "zieldsl", "check", "leer.ziel", str(musterkreis_path)],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["leer.ziel: in Ordnung.", f"{musterkreis_path}: in Ordnung."]


def test_broken_file_in_a_real_process_has_no_traceback(tmp_path):
    (tmp_path / "kaputt.ziel").write_text(BROKEN, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "zieldsl", "check", "kaputt.ziel"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "kaputt.ziel:5:25: fehler ZD108: Nach der Zahl fehlt die Einheit" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_usage_error_in_a_real_process_exits_2(tmp_path):
    done = subprocess.run([sys.executable, "-m", "zieldsl", "check"], cwd=tmp_path, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2
    assert "Fehler: Es fehlt die Angabe »DATEIEN...«." in done.stderr
    assert "Traceback" not in done.stderr


def test_installed_script_from_another_working_directory(tmp_path, leer_path):
    script = Path(sys.executable).parent / "zieldsl"
    if not script.exists():
        pytest.skip("kein installiertes zieldsl-Skript neben dem Python dieser Tests")
    done = subprocess.run([str(script), "check", str(leer_path)], cwd=tmp_path, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{leer_path}: in Ordnung.\n"


# ---------------------------------------------------------------- the fast start (no click)


def _process(*args: str, cwd: Path):
    return subprocess.run([sys.executable, "-m", "zieldsl", *args], capture_output=True, cwd=cwd,
                          env={**__import__("os").environ, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.parametrize("case", ["ok", "broken", "warning", "warning-strict", "missing", "several"])
def test_plain_check_without_click_prints_what_click_prints(tmp_path, case):
    """`zieldsl check FILE…` runs without click; output and exit code equal the click command's."""
    (tmp_path / "kaputt.ziel").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "warnung.ziel").write_text(WARNING_ONLY, encoding="utf-8")
    shutil.copy(Path(__file__).resolve().parents[1] / "vereinbarungen" / "leer-2026.ziel", tmp_path / "leer.ziel")
    args = {"ok": ["leer.ziel"], "broken": ["kaputt.ziel"], "warning": ["warnung.ziel"],
            "warning-strict": ["warnung.ziel", "--streng"], "missing": ["fehlt.ziel"],
            "several": ["leer.ziel", "kaputt.ziel", "--strict", "warnung.ziel", "fehlt.ziel"]}[case]
    fast = _process("check", *args, cwd=tmp_path)
    import os

    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        clicked = CliRunner().invoke(main, ["check", *args])
    finally:
        os.chdir(before)
    assert fast.returncode == clicked.exit_code
    assert fast.stdout.decode("utf-8") == clicked.stdout
    assert fast.stderr.decode("utf-8") == clicked.stderr


def test_plain_check_imports_neither_click_nor_lark_nor_babel(tmp_path):
    """Nor what only a failure, a write, many files or a reason need: hashlib (it loads OpenSSL), tempfile, the
    syntax-error texts, multiprocessing, fractions."""
    shutil.copy(Path(__file__).resolve().parents[1] / "vereinbarungen" / "leer-2026.ziel", tmp_path / "leer.ziel")
    code = ("import sys; sys.argv = ['zieldsl', 'check', 'leer.ziel']\n"
            "from zieldsl.cli.entry import run\n"
            "try:\n    run()\nexcept SystemExit as exit:\n"
            "    print(sorted({m.split('.')[0] for m in sys.modules} & {'click', 'lark', 'networkx', 'jinja2', 'babel',"
            " 'hashlib', 'tempfile', 'multiprocessing', 'fractions'} | {m for m in sys.modules if m == 'zieldsl.language.syntax_errors'}),"
            " exit.code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=tmp_path, text=True)
    assert done.stdout.strip().endswith("[] 0"), done.stdout + done.stderr
