"""Real sites: in-process MkDocs builds, their reports checked against the schema, and a crawl
of their links."""

from __future__ import annotations

import json
import logging
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_opsspec.report import load_schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example-site"
#: The example site's features, from its file names.
EXAMPLE_FEATURES = (
    "3f9a1c7e2b04",
    "4a0c6f2e8d73",
    "5c81b7f04e2d",
    "71c5e8a3f9b2",
    "9b4f1d62a0e8",
    "a7d20e5c91f3",
    "d2e7940bc6a1",
    "e06b3a9d7c15",
)
#: An operations spec with an error (its status is none of the default ones) and nothing else
#: but its header.
BAD_STATUS_SPEC = """# Operations Specification: Broken

**GUID**: 0000000000b1
**Version**: 1.0.0
**Status**: Bogus
**Last Updated**: 2026-10-01
"""


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


def build_themes(
    config_file: Path,
    themes: dict[str, dict[str, Any]],
    factory: pytest.TempPathFactory,
    prefix: str,
    epoch: str,
) -> dict[str, Path]:
    """One build of `config_file` per theme (name -> its `theme:` config), each into a new
    temporary folder `<prefix>-<name>`, on the date of SOURCE_DATE_EPOCH `epoch`."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", epoch)
    out = {}
    try:
        for name, theme in themes.items():
            site = factory.mktemp(f"{prefix}-{name}")
            build_site(config_file, site, theme=theme)
            out[name] = site
    finally:
        mp.undo()
    return out


def crawl(site: Path, site_prefix: str = "/") -> list[str]:
    """Every internal link of every HTML page resolves to a file of the site."""
    broken = []
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        rel_dir = html.parent.relative_to(site).as_posix()
        for el in soup.find_all(["a", "link", "script", "img"]):
            url = el.get("href") or el.get("src")
            if not url or url.startswith(("#", "mailto:", "data:", "javascript:")):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                if not path.startswith(site_prefix):
                    broken.append(f"{html}: {url}")
                    continue
                target = path[len(site_prefix) :]
            else:
                target = posixpath.normpath(posixpath.join(rel_dir, path))
            candidate = site / target
            if candidate.is_dir():
                candidate = candidate / "index.html"
            if not candidate.exists():
                broken.append(f"{html.relative_to(site)}: {url}")
    return broken


SPEC_FILE_RE = re.compile(
    r"^(business|functional|technical|testing|security|operations|architecture)/"
    r"(ybs-spec_[0-9a-f]{12}|_BASE|ybs-spec)\.md$"
)


def spec_files(docs: Path) -> set[str]:
    """The spec files of a docs_dir, by their path pattern (independent of the plugin)."""
    out = set()
    for p in docs.rglob("*.md"):
        rel = p.relative_to(docs).as_posix()
        if SPEC_FILE_RE.match(rel):
            out.add(rel)
    return out
