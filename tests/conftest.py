"""Shared fixtures: where the repository, its agreements and the standard catalogue are."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from fuzzing import CAMPAIGN_EXAMPLES, CAMPAIGN_PROFILE, SLOW_IS_FINE

REPO_ROOT = Path(__file__).resolve().parents[1]
# The docs-build helpers (tools/docbuild) are not part of the installed package.
sys.path.insert(0, str(REPO_ROOT / "tools"))

# The long fuzz campaign (docs/developers.md): `pytest --hypothesis-profile=lang tests/test_fuzz_*.py …`.
# Never the default; the suite's fuzz tests run short and derandomized (tests/fuzzing.py).
settings.register_profile(CAMPAIGN_PROFILE, max_examples=CAMPAIGN_EXAMPLES, deadline=None, derandomize=False,
                          suppress_health_check=SLOW_IS_FINE, print_blob=True)

# The suite never writes into the user's cache (~/.cache/zieldsl): the grammar and the checked
# agreements are cached in a folder of this test run, which every subprocess inherits.
_TEST_CACHE = tempfile.mkdtemp(prefix="zieldsl-testcache-")
os.environ["ZIELDSL_CACHE"] = _TEST_CACHE
atexit.register(shutil.rmtree, _TEST_CACHE, ignore_errors=True)

AGREEMENTS_DIR = REPO_ROOT / "vereinbarungen"
STANDARD_CATALOG = REPO_ROOT / "zieldsl" / "language" / "standard.ziel"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def leer_path() -> Path:
    return AGREEMENTS_DIR / "leer-2026.ziel"


@pytest.fixture(scope="session")
def musterkreis_path() -> Path:
    return AGREEMENTS_DIR / "musterkreis-2026.ziel"


# The signed agreement the project was created from (public document). The copy in tests/fixtures
# keeps the word-for-word comparisons running where ../shared is not beside the clone.
_SHARED_SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_2715e803b3f7eab2.txt"
SEED_FILE = _SHARED_SEED if _SHARED_SEED.is_file() else Path(__file__).resolve().parent / "fixtures" / "seed-leer-2026.txt"
