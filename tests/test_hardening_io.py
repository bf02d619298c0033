"""Issue 12, reading and writing: line breaks, special and huge files, broken output, signals, encodings.

Every case runs through the command line (CliRunner or a real process) as a user would.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl import files
from zieldsl.cli.main import main
from zieldsl.lines import split_lines

REPO = Path(__file__).resolve().parents[1]
LEER = REPO / "vereinbarungen" / "leer-2026.ziel"

HEAD = 'vereinbarung t "T" {\n    träger "T" kennung "1"\n    zieljahr 2026\n    vergleichsjahr 2025\n'


def agreement(body: str) -> str:
    return HEAD + '    ziel 1 z "Z" {\n' + body + "    }\n}\n"


def conditions(text: str, tmp_path: Path) -> list[str]:
    """The conditions `zieldsl evaluate --json` judges in target 1."""
    import json

    path = tmp_path / "t.ziel"
    path.write_bytes(text.encode("utf-8"))
    (tmp_path / "t.daten.csv").write_text("traeger;reihe;gruppe;monat;wert\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    return [c["indicator"] for c in payload["agreements"][0]["result"]["targets"][0]["conditions"]]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, **kwargs.pop("env", {})}
    return subprocess.run([sys.executable, "-m", "zieldsl", *args], capture_output=True, env=env, timeout=120,
                          **kwargs)


# ---------------------------------------------------------------- item 1: one definition of a line break

@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_a_comment_ends_where_the_editor_ends_the_line(ending, tmp_path):
    """`# x⏎(CR)  K3 sinkt um 50 %`: the second condition exists, as the editor shows it."""
    text = agreement(f"        K3 sinkt um 2,3 %  # x{ending}        K2 steigt um 50 %\n")
    assert conditions(text, tmp_path) == ["K3", "K2"]


def test_a_file_with_only_cr_line_endings_is_not_one_comment(tmp_path):
    path = tmp_path / "mac.ziel"
    path.write_bytes(("# Kopf\n" + agreement("        K3 sinkt um 2,3 %\n        K2 stieg\n")).replace("\n", "\r")
                     .encode())
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:8:" in result.stderr  # "K2 stieg" is on line 8, counted as the editor counts
    assert " 8 |         K2 stieg" in result.stderr


@pytest.mark.parametrize("char, name", [("\u2028", "U+2028 LINE SEPARATOR"), ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
                                        ("\x85", "U+0085 NEXT LINE (NEL)"), ("\x0c", "U+000C FORM FEED"),
                                        ("\x0b", "U+000B VERTICAL TABULATION")])
def test_characters_that_only_some_programs_break_lines_at_are_refused(tmp_path, char, name):
    path = tmp_path / "ls.ziel"
    path.write_text(agreement(f"        K3 sinkt um 2,3 %  # x{char}        K2 steigt um 50 %\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:6:31: fehler ZD004: Das Zeichen {name} ist nur für manche Programme ein Zeilenumbruch" \
        in result.stderr


def test_fmt_writes_lf_line_endings_whatever_the_file_had(tmp_path):
    from zieldsl.language.formatter import format_text

    layout = format_text(agreement("        K3 sinkt um 2,3 %\n"), "t.ziel")
    lines = layout.split("\n")
    mixed = "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(lines[:-1]))
    path = tmp_path / "gemischt.ziel"
    path.write_bytes(mixed.encode())
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 0, result.output
    assert f"umformatiert: {path}" in result.stdout
    assert path.read_bytes() == layout.encode()
    assert CliRunner().invoke(main, ["fmt", "--check", str(path)]).exit_code == 0


def test_explain_shows_the_source_line_of_a_cr_file(tmp_path):
    text = (LEER.read_text(encoding="utf-8")).replace("\n", "\r")
    path = tmp_path / "leer-2026.ziel"
    path.write_bytes(text.encode())
    for suffix in (".daten.csv", ".nachweise.yaml"):
        (tmp_path / f"leer-2026{suffix}").write_bytes((REPO / "vereinbarungen" / f"leer-2026{suffix}").read_bytes())
    result = CliRunner().invoke(main, ["explain", str(path), "1"])
    assert result.exit_code == 0, result.output
    line = next(i for i, t in enumerate(split_lines(text), 1) if t.strip().startswith("ziel 1 "))
    assert f"{path}:{line}: ziel 1 " in result.stdout


def test_split_lines_is_the_editors_view():
    assert split_lines("a\r\nb\rc\nd\n") == ["a", "b", "c", "d"]
    assert split_lines("a\u2028b\x0cc") == ["a\u2028b\x0cc"]


# ---------------------------------------------------------------- item 7: special and huge files

@pytest.mark.parametrize("args", [["check", "/dev/zero"],
                                  ["evaluate", str(LEER), "--data", "/dev/zero"],
                                  ["evaluate", str(LEER), "--nachweise", "/dev/zero"]])
def test_devices_are_refused_before_reading(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "fehler ZD006: »/dev/zero« ist ein Gerät, keine gewöhnliche Datei" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("option", ["check", "--data", "--nachweise"])
def test_a_fifo_does_not_block(tmp_path, option):
    fifo = tmp_path / "rohr.csv"
    os.mkfifo(fifo)
    args = ["check", str(fifo)] if option == "check" else ["evaluate", str(LEER), option, str(fifo)]
    process = run(*args, cwd=tmp_path, text=True)
    assert process.returncode == 1, process.stderr
    assert f"»{fifo}« ist eine FIFO (Pipe), keine gewöhnliche Datei" in process.stderr


def test_the_size_limit_applies_while_reading(tmp_path, monkeypatch):
    """A file past the limit is refused after reading limit + 1 bytes, never read whole."""
    path = tmp_path / "gross.ziel"
    path.write_bytes(b"# " + b"x" * 5000 + b"\n")
    reads = []
    real = files.open_regular

    def spy(*args, **kwargs):
        handle = real(*args, **kwargs)
        original = handle.read
        handle.read = lambda n=-1: reads.append(n) or original(n)
        return handle

    monkeypatch.setattr(files, "open_regular", spy)
    monkeypatch.setattr(files, "MAX_SOURCE_BYTES", 1000)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:1:1: fehler ZD601: Datei ist zu groß (mehr als 1.000 Bytes)" in result.stderr
    assert reads == [1001]


def test_the_agreement_limit_is_two_million_bytes():
    assert files.MAX_SOURCE_BYTES == 2_000_000


# ---------------------------------------------------------------- item 8: output that cannot be written

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_on_stdout_is_a_german_message(tmp_path):
    with open("/dev/full", "w") as full:
        process = subprocess.run([sys.executable, "-m", "zieldsl", "evaluate", str(LEER)], stdout=full,
                                 stderr=subprocess.PIPE, text=True, timeout=120, cwd=tmp_path)
    assert process.returncode == 1
    assert "fehler ZD511: Die Ausgabe kann nicht geschrieben werden" in process.stderr
    assert "Traceback" not in process.stderr and "Exception ignored" not in process.stderr


def test_a_closed_pipe_is_no_traceback(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "zieldsl", "explain", str(LEER), "1"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=tmp_path)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) in (0, 1)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_a_too_long_output_name_is_a_german_message(tmp_path):
    result = CliRunner().invoke(main, ["draft", str(LEER), "-o", str(tmp_path / ("x" * 300 + ".md"))])
    assert result.exit_code == 1, result.output
    assert "fehler ZD510" in result.stderr and "kann nicht geschrieben werden" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_nul_byte_in_a_path_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["draft", str(LEER), "-o", str(tmp_path / "a\x00b.md")])
    assert result.exit_code == 2, result.output
    assert "Fehler: Ein Pfad enthält ein NUL-Zeichen" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root may write anywhere")
def test_a_read_only_folder_is_a_german_message(tmp_path):
    folder = tmp_path / "nur-lesen"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = CliRunner().invoke(main, ["draft", str(LEER), "-o", str(folder / "f.md")])
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 1
    assert "fehler ZD510" in result.stderr


def test_output_into_proc_is_a_german_message():
    if not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    result = CliRunner().invoke(main, ["draft", str(LEER), "-o", "/proc/entwurf.md"])
    assert result.exit_code == 1, result.output
    assert "fehler ZD510" in result.stderr


def test_ctrl_c_during_start_up_is_a_german_message(tmp_path):
    """SIGINT while the command line is still being imported: "Abgebrochen.", exit 130, no traceback."""
    code = textwrap.dedent("""
        import os, signal, sys, builtins
        # as on a console: a shell that starts the suite in the background hands on an ignored SIGINT
        signal.signal(signal.SIGINT, signal.default_int_handler)
        real_import = builtins.__import__
        def interrupting(name, *args, **kwargs):
            if name == "click":
                builtins.__import__ = real_import
                os.kill(os.getpid(), signal.SIGINT)
            return real_import(name, *args, **kwargs)
        builtins.__import__ = interrupting
        sys.argv = ["zieldsl", "evaluate", "x.ziel"]
        from zieldsl.cli.entry import run
        run()
    """)
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert process.returncode == 130, process.stderr
    assert process.stderr.strip() == "Abgebrochen."


def test_ctrl_c_while_a_command_runs_is_a_german_message(tmp_path):
    """SIGINT while click runs a command (here: while agreements are judged) is not click's "Aborted!"
    with exit code 1, but "Abgebrochen." and 130 like everywhere else."""
    code = textwrap.dedent(f"""
        import os, signal, sys
        signal.signal(signal.SIGINT, signal.default_int_handler)
        import zieldsl.evaluation.engine as engine
        real = engine.evaluate
        def interrupting(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGINT)
            return real(*args, **kwargs)
        engine.evaluate = interrupting
        import zieldsl.evaluation.batch as batch
        batch.evaluate = interrupting
        sys.argv = ["zieldsl", "evaluate", {str(LEER)!r}, "--json"]
        from zieldsl.cli.entry import run
        run()
    """)
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert process.returncode == 130, process.stderr
    assert process.stderr.splitlines()[-1] == "Abgebrochen."  # after the notes on the files found
    assert "Aborted" not in process.stderr and "Traceback" not in process.stderr
    assert process.stdout == ""


# ---------------------------------------------------------------- item 11: UTF-8 whatever the console

@pytest.mark.parametrize("args", [["evaluate"], ["evaluate", "--json"], ["explain", "_", "1"], ["draft", "_"]])
def test_a_cp1252_console_gets_utf8(tmp_path, args):
    args = [str(LEER) if a == "_" else a for a in args]
    if args[0] == "evaluate":
        args.insert(1, str(LEER))
    process = run(*args, env={"PYTHONIOENCODING": "cp1252"}, cwd=tmp_path)
    assert process.returncode == 0, process.stderr.decode("utf-8", "replace")
    out = process.stdout.decode("utf-8")  # strict: the bytes are UTF-8
    assert any(symbol in out for symbol in "≥≤−→–"), out[:400]


# ---------------------------------------------------------------- item 13: SIGTERM and file modes

def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path):
    """The signal arrives while the bytes are on their way to the disk: exit 143, no hidden file."""
    target = tmp_path / "t.ziel"
    target.write_text(agreement("  K3 sinkt um 2,3 %\n"), encoding="utf-8")
    before = target.read_bytes()
    code = textwrap.dedent(f"""
        import os, signal, sys
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGTERM)
        os.fsync = fsync
        sys.argv = ["zieldsl", "fmt", {str(target)!r}]
        from zieldsl.cli.entry import run
        run()
    """)
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert process.returncode == 143, process.stderr
    assert "Traceback" not in process.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.ziel"]
    assert target.read_bytes() == before


def test_overwriting_keeps_the_file_mode(tmp_path):
    target = tmp_path / "geheim.md"
    target.write_text("alt\n", encoding="utf-8")
    target.chmod(0o600)
    result = CliRunner().invoke(main, ["draft", str(LEER), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") != "alt\n"


def test_fmt_keeps_the_file_mode(tmp_path):
    target = tmp_path / "t.ziel"
    target.write_text(agreement("  K3 sinkt um 2,3 %\n"), encoding="utf-8")
    target.chmod(0o640)
    assert CliRunner().invoke(main, ["fmt", str(target)]).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
