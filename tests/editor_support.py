"""Editor tests need the `editor` extras (and chromium, node). Locally they skip without them;
under `.ci/run` (ZIELDSL_REQUIRE_EDITOR_TESTS=1) a missing piece fails the test instead."""

from __future__ import annotations

import os

import pytest

REQUIRED = os.environ.get("ZIELDSL_REQUIRE_EDITOR_TESTS") == "1"


def need_module(name: str):
    """Import `name`, or skip (fail under CI) with the install hint."""
    try:
        return __import__(name)
    except ImportError:
        message = f"{name} fehlt: pip install -e '.[editor,editor-test]'"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)


def missing(what: str) -> None:
    """A missing program: skip locally, fail under CI."""
    if REQUIRED:
        pytest.fail(f"{what} fehlt; .ci/run installiert es")
    pytest.skip(f"{what} fehlt")
