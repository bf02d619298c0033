"""The house keeps its shape: the import-linter layers contract, and a wheel with only what users run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_the_pipeline_layers_contract_holds():
    """`lint-imports` reads the layers contract in pyproject.toml; a broken contract fails the suite."""
    lint = Path(sys.executable).with_name("lint-imports")
    command = [str(lint)] if lint.exists() else [sys.executable, "-m", "importlinter.cli"]
    result = subprocess.run([*command, "--config", str(REPO / "pyproject.toml")], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_no_wing_reaches_into_a_higher_wing_through_a_lazy_import():
    """import-linter sees imports inside functions too; this guards that it really does for our lazy CLI."""
    source = (REPO / "zieldsl" / "cli" / "main.py").read_text(encoding="utf-8")
    assert "zieldsl.cli." in source  # the lazy command table names the command modules


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built as `python -m build` builds it (hatchling from the test extras, no network)."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("src") / "repo"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".venv", ".git", "site", "__pycache__",
                                                                ".pytest_cache", ".hypothesis", "*.egg-info"))
    result = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
                             str(source)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel_path,) = out.glob("zieldsl-*.whl")
    return wheel_path


def test_the_wheel_holds_only_what_a_user_runs(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "zieldsl/api.py" in names
    assert "zieldsl/language/standard.ziel" in names
    assert "zieldsl/_data/grammars/zieldsl.lark" in names
    assert "zieldsl/_data/templates/feststellung.docx" in names
    assert "zieldsl/schema/ergebnis.schema.json" in names
    # the web editor's page, script and style ship in the wheel (no CDN, no network)
    for asset in ("index.html", "editor.js", "editor.css"):
        assert f"zieldsl/cli/webeditor/static/{asset}" in names
    top = {name.split("/")[0] for name in names}
    assert top <= {"zieldsl", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}, top
    forbidden = [n for n in names if "build_docx_templates" in n or "docbuild" in n or "doc_build" in n
                 or n.startswith("tests/") or "/tests/" in n]
    assert forbidden == []
