"""The house keeps its shape: the import-linter layers contract, and a wheel with only what users run."""

from __future__ import annotations

import re
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
    assert "2 kept, 0 broken" in result.stdout


def test_the_contract_sees_imports_inside_functions():
    """Most wings are imported on first use, inside functions; the import graph the contracts are
    checked on must contain those imports, or a lazy import could reach up unnoticed."""
    import grimp

    graph = grimp.build_graph("zieldsl")
    details = graph.get_import_details(importer="zieldsl.cli.draft", imported="zieldsl.api")
    source = (REPO / "zieldsl" / "cli" / "draft.py").read_text(encoding="utf-8").splitlines()
    lazy = [d for d in details if source[d["line_number"] - 1].startswith(" ")]
    assert lazy, details  # `draft` imports the API inside its function, and the graph has it


def test_the_cli_reaches_the_wings_only_through_the_api():
    """No command module imports language, inputs, evaluation or documents itself."""
    import grimp

    graph = grimp.build_graph("zieldsl")
    cli = {m for m in graph.modules if m.startswith("zieldsl.cli")}
    wings = ("zieldsl.language", "zieldsl.inputs", "zieldsl.evaluation", "zieldsl.documents")
    reaching = sorted((m, i) for m in cli for i in graph.find_modules_directly_imported_by(m) if i.startswith(wings))
    assert reaching == []


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built as `python -m build` builds it (hatchling from the test extras, no network)."""
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("src") / "repo"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".venv", ".venv-*", ".git", "site", "__pycache__",
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


def test_the_wheel_says_what_it_is(wheel):
    """Licence as an SPDX expression with its file, the one version, every imported library declared."""
    from email.parser import Parser

    from zieldsl import __version__

    archive = zipfile.ZipFile(wheel)
    (metadata_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in archive.namelist())
    assert "Natural Language :: German" in metadata.get_all("Classifier")
    required = {re.split(r"[<>=!~; \[]", r, maxsplit=1)[0].lower() for r in metadata.get_all("Requires-Dist")
                if "extra ==" not in r}
    # The third-party packages the shipped code imports outside the optional extras.
    assert {"lark", "pyyaml", "jinja2", "markupsafe", "networkx", "click", "babel", "docxtpl", "python-docx",
            "pygments", "matplotlib", "openpyxl"} <= required


def test_the_changelog_has_the_current_version():
    from zieldsl import __version__

    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Änderungen")
    assert f"## [{__version__}]" in changelog


def test_every_module_of_the_package_has_its_place_in_the_layers():
    """A new top-level module or wing must be placed in the contract, or it would escape it unnoticed."""
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    package = REPO / "zieldsl"
    present = {f"zieldsl.{p.stem}" for p in package.glob("*.py") if p.stem not in ("__init__", "__main__")}
    present |= {f"zieldsl.{p.name}" for p in package.iterdir() if (p / "__init__.py").exists()}
    assert sorted(present - placed) == []
