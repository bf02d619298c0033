"""`zieldsl draft` as a user calls it: formats, kinds, atomic writing, reproducible bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.documents import output as writers
from zieldsl.cli.main import main
from zieldsl.diagnostics import ZielError

REPO = Path(__file__).resolve().parents[1]
LEER = str(REPO / "vereinbarungen" / "leer-2026.ziel")


def run(*args: str):
    return CliRunner().invoke(main, ["draft", *args])


def test_bundled_example_as_in_the_readme(tmp_path):
    target = tmp_path / "x.md"
    done = subprocess.run([sys.executable, "-m", "zieldsl", "draft", "vereinbarungen/leer-2026.ziel", "-o",
                           str(target)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert f"{target}: Feststellung der Zielerreichung geschrieben (Stand Dezember 2026)." in done.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Feststellung der Zielerreichung 2026\n")
    assert "## Zu berücksichtigende Umstände (§ 3 Abs. 4 und 5)" in text
    assert "| Vereinbarung | vereinbarungen/leer-2026.ziel |" in text


def test_without_output_the_markdown_goes_to_stdout():
    result = run(LEER)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Feststellung der Zielerreichung 2026\n")
    assert "Das Ziel 2 ist erreicht. Die Integrationsquote stieg von 20,3\u00a0% auf 21,6\u00a0%" in result.stdout


@pytest.mark.parametrize("suffix,start", [(".html", b"<!DOCTYPE html>"), (".docx", b"PK\x03\x04"),
                                          (".markdown", b"# Feststellung")])
def test_format_follows_the_suffix(tmp_path, suffix, start):
    target = tmp_path / f"entwurf{suffix}"
    result = run(LEER, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(start)


def test_kinds_and_as_of(tmp_path):
    result = run(LEER, "--as-of", "2026-06")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Zwischenbericht zur Zielerreichung 2026\n\n**Vorläufig** – Landkreis Leer, "
                                    "Stand Juni 2026.")
    result = run(LEER, "--kind", "vereinbarung")
    assert result.stdout.startswith("# Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende "
                                    "im Jahr 2026\n")
    result = run(LEER, "--kind", "feststellung", "--as-of", "2026-09")
    assert result.exit_code == 0
    assert "Hinweis: Die Daten reichen nur bis September 2026" in result.stderr
    assert result.stdout.startswith("# Feststellung der Zielerreichung 2026\n")


def test_wrong_usage_exits_with_2_and_writes_nothing(tmp_path):
    result = run(LEER, "-o", str(tmp_path / "x.odt"))
    assert result.exit_code == 2 and "Unbekanntes Ausgabeformat ».odt«" in result.stderr
    result = run(LEER, "--as-of", "2025-12", "-o", str(tmp_path / "x.md"))
    assert result.exit_code == 2 and "liegt nicht im Zieljahr 2026" in result.stderr
    result = run(LEER, "--kind", "bericht")
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


def test_missing_output_folder_is_an_input_error(tmp_path):
    result = run(LEER, "-o", str(tmp_path / "fehlt" / "x.md"))
    assert result.exit_code == 1
    assert "ZD510" in result.stderr and "fehlt" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_bad_agreement_reports_diagnostics_and_writes_nothing(tmp_path):
    broken = tmp_path / "kaputt.ziel"
    broken.write_text("vereinbarung x \"X\" {\n    zieljahr 2026\n    ziel 1 a \"A\" { K9 steigt um 1 % }\n",
                      encoding="utf-8")
    result = run(str(broken), "-o", str(tmp_path / "x.md"))
    assert result.exit_code == 1
    assert "kaputt.ziel:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.md").exists()


def test_failed_render_leaves_an_existing_file_untouched(tmp_path):
    target = tmp_path / "entwurf.md"
    target.write_text("alter Stand\n", encoding="utf-8")
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    (folder / "feststellung.md.j2").write_text("# Teil 1\n{{ nicht_da }}\n", encoding="utf-8")
    result = run(LEER, "--template", str(folder), "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "alter Stand\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entwurf.md", "vorlagen"]


def test_atomic_write_removes_its_temporary_file_when_replacing_fails(tmp_path, monkeypatch):
    target = tmp_path / "entwurf.md"
    target.write_bytes(b"alt")

    def refuse(src, dst):
        raise PermissionError(13, "Zugriff verweigert")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ZielError) as caught:
        writers.write_atomic(target, b"neu")
    assert caught.value.codes == ["ZD510"]
    assert target.read_bytes() == b"alt"
    assert [p.name for p in tmp_path.iterdir()] == ["entwurf.md"]


def test_atomic_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "entwurf.md"
    target.write_bytes(b"ein alter, langer Inhalt")
    writers.write_atomic(target, b"neu")
    assert target.read_bytes() == b"neu"
    assert [p.name for p in tmp_path.iterdir()] == ["entwurf.md"]


@pytest.mark.parametrize("suffix", [".md", ".html", ".docx"])
def test_same_inputs_give_identical_bytes_whatever_the_hash_seed(tmp_path, suffix):
    outputs = []
    for seed in ("1", "4242"):
        target = tmp_path / f"seed{seed}{suffix}"
        env = dict(os.environ, PYTHONHASHSEED=seed,  # each seed checks afresh: its own cache
                   ZIELDSL_CACHE=str(tmp_path / f"cache-{seed}"))
        done = subprocess.run([sys.executable, "-m", "zieldsl", "draft", "vereinbarungen/leer-2026.ziel", "-o",
                               str(target)], cwd=REPO, capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
