"""Under `mkdocs serve` one plugin object makes every rebuild: a rebuild must find what the
first build found, baseline matches included (a baseline entry written for the heading above a
finding matches through the spec's headings), and logs only the findings of the files that
changed."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

SPEC = """\
# Operations Specification: Checkout

**GUID**: 0123456789ab
**Version**: 1.0.0
**Status**: Draft
**Last Updated**: 2020-01-01

## Overview

Takes orders.
"""


def fingerprint(rule: str, text: str) -> str:
    """A baseline entry's fingerprint, as the baseline file format defines it: the first 16 hex
    digits of SHA-256 of the rule, a NUL and the line's text with its blanks collapsed."""
    return hashlib.sha256(f"{rule}\0{text}".encode()).hexdigest()[:16]


def test_a_serve_rebuild_finds_what_the_first_build_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "operations" / "ybs-spec_0123456789ab.md").write_text(SPEC, "utf-8")
    # OS109 (Last Updated is stale) is on line 6; this entry was written for the heading above
    # it, line 1, as baselines of an older version were
    entry = fingerprint("OS109", "# Operations Specification: Checkout")
    (tmp_path / "baseline.json").write_text(
        '{"baseline": 1, "findings": [{"path": "operations/ybs-spec_0123456789ab.md", '
        f'"rule": "OS109", "fingerprint": "{entry}"}}]}}\n',
        "utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: serve\nplugins:\n  - opsspec:\n      baseline: baseline.json\n", "utf-8"
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "s"))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["opsspec"]
    runs = []
    try:
        for _ in range(2):
            build(config)
            assert plugin.analysis is not None
            runs.append([(f.line, f.rule, f.baselined) for f in plugin.analysis.findings])
    finally:
        config.plugins.on_shutdown()
    first, second = runs
    assert (6, "OS109", True) in first
    assert second == first


def test_a_serve_rebuild_logs_the_findings_of_changed_files_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26: 2020-01-01 is stale
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    first = docs / "operations" / "ybs-spec_0123456789ab.md"
    second = docs / "operations" / "ybs-spec_0123456789cd.md"
    first.write_text(SPEC, "utf-8")
    second.write_text(SPEC.replace("0123456789ab", "0123456789cd"), "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: serve\nplugins:\n  - opsspec\n", "utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "s"))
    config.plugins.on_startup(command="serve", dirty=False)

    def logged_stale() -> list[str]:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            build(config)
        return sorted(
            r.getMessage().split(":")[1].strip()
            for r in caplog.records
            if " OS109 " in r.getMessage()
        )

    try:
        assert logged_stale() == [
            "docs/operations/ybs-spec_0123456789ab.md",
            "docs/operations/ybs-spec_0123456789cd.md",
        ]
        assert logged_stale() == []  # nothing changed
        first.write_text(SPEC.replace("Takes orders.", "Takes and ships orders."), "utf-8")
        assert logged_stale() == ["docs/operations/ybs-spec_0123456789ab.md"]
    finally:
        config.plugins.on_shutdown()
