"""Shared helpers: in-process MkDocs builds of real sites, and the report schema."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_opsspec.report import load_schema

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "example-site"


@dataclass
class Built:
    site_dir: Path
    records: list[logging.LogRecord]

    def report(self, name: str = "opsspec-report.json") -> dict[str, Any]:
        data = json.loads((self.site_dir / name).read_text("utf-8"))
        validate_report(data)
        return data

    def messages(self, level: int = logging.DEBUG) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def html(self, rel: str) -> str:
        return (self.site_dir / rel).read_text("utf-8")


def validate_report(data: dict[str, Any]) -> None:
    jsonschema.validate(data, load_schema())


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def record_paths(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[str]:
    """Replace `owner.name`, a function whose first argument is a docs path, with one that
    also records the paths it is called with (the list returned)."""
    calls: list[str] = []
    real = getattr(owner, name)

    def recorded(path: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def build_site(config_file: Path, site_dir: Path, **overrides: Any) -> Built:
    """Build a site in-process, as `mkdocs build` does; `overrides` replace config keys."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        cfg = load_config(config_file=str(config_file), site_dir=str(site_dir), **overrides)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return Built(site_dir, handler.records)


@pytest.fixture
def site_factory(tmp_path: Path) -> Iterator[Any]:
    """Copy a site folder into tmp_path and return a builder for it."""

    def make(source: Path, name: str = "site") -> Path:
        target = tmp_path / name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("site"))
        return target

    yield make
