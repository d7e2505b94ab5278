"""Fixtures of the review tests: the sample day loaded once, copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .sample import run


@pytest.fixture(autouse=True)
def _default_store(monkeypatch):
    monkeypatch.delenv("DIPLOMACY_REVIEW_DB", raising=False)  # the store beside each test's warehouse


@pytest.fixture(scope="session")
def loaded(tmp_path_factory) -> Path:
    wh = tmp_path_factory.mktemp("loaded") / "warehouse"
    run(wh)
    return wh


@pytest.fixture
def wh(loaded, tmp_path) -> Path:
    """A private copy of the loaded sample day (its store: tmp_path/diplomacy_review.db)."""
    shutil.copytree(loaded, tmp_path / "warehouse")
    return tmp_path / "warehouse"
