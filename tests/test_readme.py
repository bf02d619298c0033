"""The README's first command holds: every zieldsl call in it runs and exits 0 (as the shell would expand it)."""

from __future__ import annotations

import glob
import os
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from zieldsl.cli.main import main

REPO = Path(__file__).resolve().parents[1]


def first_command() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    return block.splitlines()[0]


def test_the_first_command_is_one_line_whose_zieldsl_calls_succeed(monkeypatch):
    line = first_command()
    calls = [part.strip() for part in line.split("&&") if part.strip().startswith(".venv/bin/zieldsl")]
    assert [shlex.split(c)[1] for c in calls] == ["evaluate", "bericht"]
    monkeypatch.chdir(REPO)
    for call in calls:
        args = []
        for word in shlex.split(call)[1:]:
            args += sorted(glob.glob(word)) if any(ch in word for ch in "*?[") else [word]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (call, result.output)
    assert "Landesübersicht" in result.stdout and "Nordheide" in result.stdout
    assert os.path.isdir(REPO / "vereinbarungen" / "beispielland")


def test_the_second_command_is_what_ci_runs():
    """CI (.ci/run) installs and tests exactly as README's second command tells a developer to."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    second = re.search(r"```sh\n(.*?)```", text, re.S).group(1).splitlines()[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci.splitlines()
