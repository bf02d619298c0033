"""`zieldsl draft DATEIEN… -o ORDNER/`: one document per agreement, overview and index, all files or none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from zieldsl.cli.main import main

EXAMPLES = Path(__file__).resolve().parents[1] / "vereinbarungen"
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.fixture
def folder(tmp_path):
    for pattern in ("leer-2026.*", "musterkreis-2026.*"):
        for path in EXAMPLES.glob(pattern):
            shutil.copy(path, tmp_path / path.name)
    return tmp_path


def run(folder: Path, *args: str):
    return CliRunner().invoke(main, ["draft", str(folder / "leer-2026.ziel"), str(folder / "musterkreis-2026.ziel"),
                                     *args])


def snapshot(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def test_one_document_per_agreement_named_after_the_traeger_with_overview_and_index(folder):
    out = folder / "entwuerfe"
    result = run(folder, "-o", f"{out}/")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [".zieldsl-ordner", "index.html", "landesuebersicht.html", "landkreis-leer.feststellung.html",
                     "landkreis-musterkreis.feststellung.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in names[2:]:
        assert f'href="{name}"' in index
    assert "Bewerten" not in result.stderr and "Entwerfen" not in result.stderr  # no progress bar when piped
    assert "2 Entwürfe, Landesübersicht und Startseite geschrieben" in result.stderr


def test_markdown_and_interim_reports(folder):
    out = folder / "zwischen"
    result = run(folder, "-o", f"{out}/", "--format", "md", "--as-of", "2026-06")
    assert result.exit_code == 0, result.output
    assert (out / "landkreis-leer.zwischenbericht.md").is_file() and (out / "index.md").is_file()
    assert "[Landesübersicht](landesuebersicht.md)" in (out / "index.md").read_text(encoding="utf-8")


def test_a_broken_agreement_writes_nothing_and_leaves_the_folder_as_it_was(folder):
    out = folder / "entwuerfe"
    assert run(folder, "-o", f"{out}/").exit_code == 0
    before = snapshot(out)
    (folder / "kaputt.ziel").write_text("vereinbarung kaputt {\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(folder / "leer-2026.ziel"), str(folder / "kaputt.ziel"),
                                       "-o", f"{out}/", "--format", "md"])
    assert result.exit_code == 1
    assert "kaputt.ziel:" in result.stderr and "es wurde nichts geschrieben" in result.stderr
    assert snapshot(out) == before


def test_a_template_failing_on_the_second_document_leaves_the_old_folder_and_no_temporary_files(folder, tmp_path):
    out = folder / "entwuerfe"
    assert run(folder, "-o", f"{out}/").exit_code == 0
    before = snapshot(out)
    own = tmp_path / "vorlagen"
    own.mkdir()
    source = (TEMPLATES / "feststellung.html.j2").read_text(encoding="utf-8")
    (own / "feststellung.html.j2").write_text(
        "{% if agreement.agency_name == 'Landkreis Musterkreis' %}{{ 1 // 0 }}{% endif %}" + source, encoding="utf-8")
    result = run(folder, "-o", f"{out}/", "--template", str(own))
    assert result.exit_code == 1
    assert "ZD504" in result.stderr
    assert snapshot(out) == before
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_a_folder_with_foreign_files_is_never_replaced(folder):
    out = folder / "meine-dateien"
    out.mkdir()
    (out / "notizen.txt").write_text("wichtig", encoding="utf-8")
    result = run(folder, "-o", f"{out}/")
    assert result.exit_code == 1
    assert "ZD551" in result.stderr and "notizen.txt" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notizen.txt"]


def test_several_files_need_a_folder(folder):
    result = run(folder)
    assert result.exit_code == 2
    assert "-o ORDNER/" in result.output


def test_same_inputs_same_bytes(folder):
    first, second = folder / "a", folder / "b"
    assert run(folder, "-o", f"{first}/").exit_code == 0
    assert run(folder, "-o", f"{second}/").exit_code == 0
    assert snapshot(first) == snapshot(second)


def test_worker_processes_give_the_same_bytes_and_the_same_failures(folder, tmp_path):
    from zieldsl.api import draft_all, evaluate_each
    from zieldsl.diagnostics import ZielError

    outcomes = evaluate_each([folder / "leer-2026.ziel", folder / "musterkreis-2026.ziel"])
    assert draft_all(outcomes, None, "html", workers=2) == draft_all(outcomes, None, "html", workers=1)
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "feststellung.md.j2").write_text("{{ 1 // 0 }}", encoding="utf-8")
    for workers in (1, 2):
        with pytest.raises(ZielError) as caught:
            draft_all(outcomes, None, "md", own, workers=workers)
        assert caught.value.codes == ["ZD504"]


def test_ctrl_c_while_judging_with_documents_already_drawing_writes_nothing(folder):
    """Ctrl-C after the first agreement went to the drawing workers: "Abgebrochen." and 130, no traceback,
    no folder, and no waiting for the workers."""
    import subprocess
    import sys
    import textwrap

    out = folder / "entwuerfe"
    code = textwrap.dedent(f"""
        import os, signal, sys
        signal.signal(signal.SIGINT, signal.default_int_handler)
        import zieldsl.documents.batch as drafting
        drafting.PARALLEL_FROM = 2  # workers for two agreements
        import zieldsl.evaluation.batch as batch
        real, calls = batch.evaluate, []
        def interrupting(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:  # the first agreement is judged and handed to the workers
                os.kill(os.getpid(), signal.SIGINT)
            return real(*args, **kwargs)
        batch.evaluate = interrupting
        sys.argv = ["zieldsl", "draft", {str(folder / "leer-2026.ziel")!r}, {str(folder / "musterkreis-2026.ziel")!r},
                    "-o", {str(out) + "/"!r}]
        from zieldsl.cli.entry import run
        run()
    """)
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=folder)
    assert process.returncode == 130, process.stderr
    assert process.stderr.splitlines()[-1] == "Abgebrochen."
    assert "Traceback" not in process.stderr
    assert not out.exists()
