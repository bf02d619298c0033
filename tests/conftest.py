"""Shared fixtures: where the repository, its agreements and the standard catalogue are."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
AGREEMENTS_DIR = REPO_ROOT / "vereinbarungen"
STANDARD_CATALOG = REPO_ROOT / "zieldsl" / "catalog" / "standard.ziel"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def leer_path() -> Path:
    return AGREEMENTS_DIR / "leer-2026.ziel"


@pytest.fixture(scope="session")
def musterkreis_path() -> Path:
    return AGREEMENTS_DIR / "musterkreis-2026.ziel"
