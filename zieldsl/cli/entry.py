"""The `zieldsl` program: a plain `check` starts without click, everything else runs through click.

`zieldsl check a.ziel b.ziel [--streng]` is what editors, hooks and CI call most, and
importing click costs about as much as checking a small agreement. Such a call is run
here directly (same output, same exit codes, via `zieldsl.cli.checking`); any other
argument (an option, `-`, a directory, `--help`) or a terminal that is not UTF-8 hands
the whole command line to the click group in `zieldsl.cli.main`.

Nothing but German ends a run: Ctrl-C at any moment, even while Python is still
importing the command line, ends with "Abgebrochen." and exit code 130; SIGTERM during
a write ends with 143 after the temporary file is removed (`zieldsl.files`); a standard
output that cannot be written is ZD511.
"""

from __future__ import annotations

import gc
import os
import signal
import sys

_FLAGS = {"--streng", "--strict"}
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Interrupted(BaseException):
    """Ctrl-C while a command runs. Not a KeyboardInterrupt, which click would turn into
    "Aborted!" and exit code 1."""


def _interrupted(signum, frame) -> None:
    raise Interrupted()


def run() -> None:
    """The console script; interruptions end quietly with the shell's exit codes."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where the caller ignores Ctrl-C
        signal.signal(signal.SIGINT, _interrupted)
    try:
        _run()
    except (KeyboardInterrupt, Interrupted):
        _leave("Abgebrochen.", EXIT_INTERRUPTED)
    except OSError as exc:  # the fast path's output (click's path handles its own)
        from zieldsl.cli.main import output_failed

        output_failed(exc)
    except BaseException as exc:
        if type(exc).__name__ == "Terminated":
            _leave("Beendet (SIGTERM); halb geschriebene Dateien wurden entfernt.", EXIT_TERMINATED)
        raise
    finally:
        # Python's last garbage collection at exit walks every object still alive: after judging 404
        # agreements that was 2 s spent after the output was written. Frozen objects are left out of it.
        gc.freeze()


def _leave(message: str, code: int) -> None:
    try:
        os.write(2, (message + "\n").encode("utf-8"))
    except OSError:
        pass
    sys.exit(code)


def _run() -> None:
    files = _plain_check(sys.argv[1:])
    if files is None:
        from zieldsl.cli.main import main

        main(prog_name="zieldsl")
        return
    strict = any(arg in _FLAGS for arg in sys.argv[2:])
    sys.exit(check(files, strict))


def check(files: list[str], strict: bool) -> int:
    from zieldsl.api import check_files
    from zieldsl.cli.checking import report_text

    failed = sum(report_text(path, found, strict, _echo) for path, found in zip(files, check_files(files)))
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
