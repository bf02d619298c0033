"""The `zieldsl` program: a plain `check` starts without click, everything else runs through click.

`zieldsl check a.ziel b.ziel [--streng]` is what editors, hooks and CI call most, and
importing click costs about as much as checking a small agreement. Such a call is run
here directly (same output, same exit codes, via `zieldsl.cli.checking`); any other
argument (an option, `-`, a directory, `--help`) or a terminal that is not UTF-8 hands
the whole command line to the click group in `zieldsl.cli.main`.
"""

from __future__ import annotations

import os
import sys

_FLAGS = {"--streng", "--strict"}


def run() -> None:
    """The console script."""
    files = _plain_check(sys.argv[1:])
    if files is None:
        from zieldsl.cli.main import main

        main()
        return
    strict = any(arg in _FLAGS for arg in sys.argv[2:])
    sys.exit(check(files, strict))


def check(files: list[str], strict: bool) -> int:
    from zieldsl.api import check_file
    from zieldsl.cli.checking import report_text

    failed = sum(report_text(path, check_file(path), strict, _echo) for path in files)
    return 1 if failed else 0


def _plain_check(argv: list[str]) -> list[str] | None:
    """The files of `check FILE… [--streng|--strict]`, or None when click should handle the call."""
    if len(argv) < 2 or argv[0] != "check":
        return None
    files = []
    for arg in argv[1:]:
        if arg in _FLAGS:
            continue
        if arg.startswith("-") or os.path.isdir(arg):
            return None
        files.append(arg)
    if not files or not all(_utf8(stream) for stream in (sys.stdout, sys.stderr)):
        return None
    return files


def _utf8(stream) -> bool:
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "") == "utf8"


def _echo(text: str, err: bool) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")
    stream.flush()
