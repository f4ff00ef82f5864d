"""MkDocs itself checks the links of the generated pages: the example site, with the pages
written into a copy of its docs_dir, builds with link validation and no warning."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs_opsspec.generated_pages import generate_pages

from helpers.pages import build, example
from helpers.sites import EXAMPLE, build_site


def test_mkdocs_validates_every_generated_link(tmp_path: Path) -> None:
    docs, others = example()
    built = build(docs, other_paths=tuple(others))
    pages = generate_pages(built.catalog, built.readiness, built.options)
    site = tmp_path / "site-src"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("site"))
    for path, text in pages.items():
        target = site / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    # only the pages are under test here, not the plugin: build without it
    result = build_site(site / "mkdocs.yml", tmp_path / "out", plugins=["search"])
    warnings = result.messages(logging.WARNING)
    assert warnings == []
    portfolio = result.html("opsspec/portfolio/index.html")
    assert "data-opsspec-portfolio" in portfolio
    assert 'href="../../../operations/ybs-spec_3f9a1c7e2b04/"' in result.html(
        "opsspec/features/3f9a1c7e2b04/index.html"
    )
