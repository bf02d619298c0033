"""Same inputs, same bytes: every output is independent of PYTHONHASHSEED; writes are atomic.

Two processes with different hash seeds (and each with its own, freshly built grammar
cache) run every output-producing command on copies of the example agreements:
evaluate (text and JSON), explain, graph in all formats, check, fmt and draft as
Markdown, HTML and Word. Their stdout and written files must be byte-identical.
The second half interrupts writes (fmt, draft, the grammar cache) and checks that
the old file is untouched and no temporary file is left behind.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "vereinbarungen"
NAMES = ["leer-2026.ziel", "leer-2026.daten.csv", "leer-2026.nachweise.yaml", "musterkreis-2026.ziel",
         "musterkreis-2026.daten.csv", "musterkreis-2026.nachweise.yaml"]

# Runs inside the child process: every command via the CLI entry point, outputs as JSON.
CHILD = r"""
import json, sys
from pathlib import Path
from click.testing import CliRunner
from zieldsl.cli.main import main

commands = json.loads(sys.argv[1])
out = {}
for name, args, files in commands:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    out[name] = {"exit": result.exit_code, "stdout": result.stdout,
                 "files": {f: Path(f).read_bytes().hex() for f in files if Path(f).exists()}}
print(json.dumps(out, ensure_ascii=False))
"""

UGLY = "vereinbarung  unformatiert \"Unformatiert\"{\n träger \"Kreis\"   kennung \"01\"\nzieljahr 2026 " \
       "# Kommentar\n   ziel 1 z \"Z\" { K2 steigt um 5,8 %\n frauen K2 steigt um 7,3 % } }\n"

COMMANDS = [
    ("evaluate-json", ["evaluate", "leer-2026.ziel", "--json"], []),
    ("evaluate-text", ["evaluate", "leer-2026.ziel"], []),
    ("evaluate-two", ["evaluate", "leer-2026.ziel", "musterkreis-2026.ziel", "--json"], []),
    ("evaluate-march", ["evaluate", "musterkreis-2026.ziel", "--as-of", "2026-03", "--json"], []),
    ("explain", ["explain", "leer-2026.ziel", "integration"], []),
    ("graph-mermaid", ["graph", "leer-2026.ziel", "--format", "mermaid"], []),
    ("graph-dot", ["graph", "leer-2026.ziel", "--format", "dot"], []),
    ("graph-json", ["graph", "musterkreis-2026.ziel", "--format", "json"], []),
    ("check", ["check", "leer-2026.ziel", "musterkreis-2026.ziel"], []),
    ("fmt", ["fmt", "unformatiert.ziel"], ["unformatiert.ziel"]),
    ("draft-md", ["draft", "leer-2026.ziel", "-o", "f.md"], ["f.md"]),
    ("draft-html", ["draft", "leer-2026.ziel", "-o", "f.html"], ["f.html"]),
    ("draft-docx", ["draft", "leer-2026.ziel", "-o", "f.docx"], ["f.docx"]),
    ("draft-interim", ["draft", "musterkreis-2026.ziel", "--kind", "zwischenbericht", "--as-of", "2026-06",
                       "-o", "z.html"], ["z.html"]),
    ("draft-agreement", ["draft", "leer-2026.ziel", "--kind", "vereinbarung", "-o", "v.docx"], ["v.docx"]),
]


def run_with_seed(seed: str, folder: Path) -> dict:
    folder.mkdir()
    for name in NAMES:
        shutil.copy(EXAMPLES / name, folder / name)
    (folder / "unformatiert.ziel").write_text(UGLY, encoding="utf-8")
    env = dict(os.environ, PYTHONHASHSEED=seed, ZIELDSL_CACHE=str(folder / "cache"))
    process = subprocess.run([sys.executable, "-c", CHILD, json.dumps(COMMANDS)], cwd=folder, env=env,
                             capture_output=True, text=True, timeout=600)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def test_every_output_is_the_same_whatever_the_hash_seed(tmp_path):
    first = run_with_seed("1", tmp_path / "a")
    second = run_with_seed("2", tmp_path / "b")
    assert set(first) == {name for name, _args, _files in COMMANDS}
    for name, _args, files in COMMANDS:
        assert first[name]["exit"] == 0, (name, first[name]["stdout"][-2000:])
        assert first[name]["stdout"] or first[name]["files"], name
        assert set(first[name]["files"]) == set(files), name
        assert first[name] == second[name], f"{name} hängt vom Hash-Startwert ab"


# ---------------------------------------------------------------- atomic writes


def _only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_fmt_leaves_the_file_whole_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "unformatiert.ziel"
    path.write_text(UGLY, encoding="utf-8")

    def broken_replace(*_args):
        raise OSError(28, "Auf dem Gerät ist kein Speicherplatz mehr verfügbar")

    monkeypatch.setattr("zieldsl.files.os.replace", broken_replace)
    result = CliRunner().invoke(main, ["fmt", str(path)])
    assert result.exit_code == 1
    assert "kann nicht geschrieben werden" in result.stderr
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == UGLY
    assert _only(tmp_path) == ["unformatiert.ziel"]


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_draft_leaves_an_existing_file_whole_when_writing_fails(tmp_path, monkeypatch, suffix):
    output = tmp_path / f"entwurf{suffix}"
    output.write_bytes(b"alter Entwurf\n")

    def broken_fsync(_fd):
        raise OSError(5, "Ein-/Ausgabefehler")

    monkeypatch.setattr("zieldsl.files.os.fsync", broken_fsync)
    result = CliRunner().invoke(main, ["draft", str(EXAMPLES / "leer-2026.ziel"), "-o", str(output)])
    assert result.exit_code == 1, result.output
    assert "ZD510" in result.stderr
    assert "Traceback" not in result.output
    assert output.read_bytes() == b"alter Entwurf\n"
    assert _only(tmp_path) == [output.name]


def test_draft_writes_the_whole_file_or_nothing(tmp_path):
    output = tmp_path / "entwurf.html"
    result = CliRunner().invoke(main, ["draft", str(EXAMPLES / "leer-2026.ziel"), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert _only(tmp_path) == ["entwurf.html"]


def test_grammar_cache_is_written_atomically_and_a_broken_one_is_ignored(tmp_path, monkeypatch):
    from zieldsl.language import lark_tuning
    from zieldsl.resources import grammar_path

    grammar = grammar_path().read_text(encoding="utf-8")
    options = dict(parser="lalr", lexer="contextual", propagate_positions=True, maybe_placeholders=True)
    monkeypatch.setenv("ZIELDSL_CACHE", str(tmp_path))

    def broken_replace(*_args):
        raise OSError(28, "kein Speicherplatz")

    with monkeypatch.context() as patch:
        patch.setattr(lark_tuning.os, "replace", broken_replace)
        parser = lark_tuning.cached_lark(grammar, **options)
    assert parser.parse('vereinbarung v "V" { zieljahr 2026 }')
    assert _only(tmp_path) == []  # nothing half-written

    lark_tuning.cached_lark(grammar, **options)
    (cache,) = tmp_path.iterdir()
    cache.write_bytes(cache.read_bytes()[:1000])  # truncated, as after a crash
    again = lark_tuning.cached_lark(grammar, **options)
    assert again.parse('vereinbarung v "V" { zieljahr 2026 }')
    cache.write_bytes(b"\x00not marshal at all")
    assert lark_tuning.cached_lark(grammar, **options).parse('vereinbarung v "V" { zieljahr 2026 }')

    monkeypatch.setenv("ZIELDSL_CACHE", "aus")
    assert lark_tuning.cache_dir() is None
