"""Hostile text in every field that reaches HTML: no live markup in any page the plugin writes or
injects into. The payloads sit in code spans (so MkDocs shows the author's own page as text) and
in front matter (which MkDocs does not render): only a plugin that forgot to escape would make
them live. A headless Chromium then loads every page and checks no payload ran."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.hostile import SCRIPT, assert_no_live_markup, assert_no_payload_runs, write_docs
from helpers.sites import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    write_docs(root / "docs")
    (root / "mkdocs.yml").write_text(
        "site_name: hostile\ntheme:\n  name: material\nplugins:\n  - search\n  - opsspec\n"
        "markdown_extensions:\n  - toc\n  - tables\n",
        "utf-8",
    )
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1795651200")
    try:
        build_site(root / "mkdocs.yml", root / "site")
    finally:
        mp.undo()
    return root / "site"


def test_no_live_markup_in_what_the_plugin_writes(site: Path) -> None:
    assert_no_live_markup(site)


def test_report_and_portfolio_json_carry_the_text_verbatim(site: Path) -> None:
    import json

    report = json.loads((site / "opsspec-report.json").read_text("utf-8"))
    spec = next(s for s in report["specs"] if s["path"] == "operations/ybs-spec_0000000000e1.md")
    assert spec["name"] == f"Front {SCRIPT}"  # front matter name wins
    portfolio = (site / "opsspec" / "portfolio.json").read_text("utf-8")
    assert "window.__pwned" in portfolio  # data, not markup: JSON is not rendered


@pytest.mark.browser
def test_no_payload_runs_in_chromium(site: Path) -> None:
    assert_no_payload_runs(site)
