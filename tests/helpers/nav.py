"""MkDocs pages and navs built in memory (nothing read from or written to disk)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

DOCS = str(Path(__file__).parent)  # any existing folder: nothing is read from it


def config() -> MkDocsConfig:
    cfg = MkDocsConfig()
    cfg.load_dict({"site_name": "t", "docs_dir": DOCS})
    assert cfg.validate() == ([], [])
    return cfg


CFG = config()


def page(path: str, title: str | None = None) -> Page:
    """A page at docs path `path`; `title` as a `nav:` entry would give it."""
    return Page(title, File(path, DOCS, "/nonexistent-site", True), CFG)


def read(page_: Page, source: str) -> Page:
    """`page_` with `source` read and rendered, as MkDocs does before any page is built."""
    from mkdocs.utils.meta import get_data

    page_.markdown, page_.meta = get_data(source)
    page_.render(CFG, Files([page_.file]))
    return page_
