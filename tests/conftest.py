"""Fixtures every test may use (helpers live in the `helpers` package)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def site_factory(tmp_path: Path) -> Iterator[Any]:
    """Copy a site folder into tmp_path and return a builder for it."""

    def make(source: Path, name: str = "site") -> Path:
        target = tmp_path / name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("site"))
        return target

    yield make


@pytest.fixture(scope="module")
def chrome() -> Iterator[Any]:
    """Headless Chromium (a persistent context), one per test module."""
    from helpers.browser import browser

    with browser() as context:
        yield context
