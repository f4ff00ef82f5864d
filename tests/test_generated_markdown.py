"""The generated pages are plain Markdown that Python-Markdown renders as it renders any page:
the plugin does not touch their HTML after conversion, and their tables (HTML written into the
Markdown) come out the same under the example site's extensions, Material's own documentation
set and `markdown_extensions: []`."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from helpers.sites import EXAMPLE

#: The Markdown extensions of Material for MkDocs' own documentation (its mkdocs.yml), as far as
#: they work without a project around them.
MATERIAL_DOCS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    {"toc": {"permalink": True}},
    "pymdownx.arithmatex",
    {"pymdownx.betterem": {"smart_enable": "all"}},
    "pymdownx.caret",
    "pymdownx.details",
    "pymdownx.emoji",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.magiclink",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.snippets",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
    "pymdownx.tilde",
]
EXTENSION_SETS = {"example": None, "material-docs": MATERIAL_DOCS, "none": []}


def _build(tmp: Path, extensions: list | None, monkeypatch: pytest.MonkeyPatch) -> dict:
    """Build the example site; per generated page: its Markdown, the HTML Python-Markdown made
    of it (`Page.render`), and the HTML that went into the theme's template."""
    seen: dict[str, dict[str, str]] = {}
    real_render = Page.render

    def render(self: Page, config, files) -> None:  # type: ignore[no-untyped-def]
        real_render(self, config, files)
        if self.file.src_uri.startswith("opsspec/"):
            seen[self.file.src_uri] = {"markdown": self.markdown, "rendered": self.content}

    monkeypatch.setattr(Page, "render", render)
    overrides = {} if extensions is None else {"markdown_extensions": extensions}
    cfg = load_config(str(EXAMPLE / "mkdocs.yml"), site_dir=str(tmp), **overrides)
    cfg.plugins.on_startup(command="build", dirty=False)
    real_context = cfg.plugins.on_page_context

    def on_page_context(context, *, page, config, nav):  # type: ignore[no-untyped-def]
        out = real_context(context, page=page, config=config, nav=nav)
        if page.file.src_uri in seen:
            seen[page.file.src_uri]["templated"] = page.content
        return out

    monkeypatch.setattr(cfg.plugins, "on_page_context", on_page_context)
    build(cfg)
    return seen


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1795651200")
    out = {}
    try:
        for name, extensions in EXTENSION_SETS.items():
            out[name] = _build(tmp_path_factory.mktemp(name), extensions, mp)
            mp.undo()
            mp.setenv("SOURCE_DATE_EPOCH", "1795651200")
    finally:
        mp.undo()
    return out


@pytest.mark.parametrize("name", list(EXTENSION_SETS))
def test_the_plugin_leaves_the_generated_pages_html_as_python_markdown_made_it(
    builds: dict, name: str
) -> None:
    pages = builds[name]
    assert "opsspec/portfolio.md" in pages and len(pages) >= 10
    for path, page in pages.items():
        assert page["templated"] == page["rendered"], path


def test_tables_are_the_same_under_every_extension_set(builds: dict) -> None:
    def tables(html: str) -> list[str]:
        return [str(t) for t in BeautifulSoup(html, "html.parser").find_all("table")]

    example = builds["example"]
    for path, page in example.items():
        expected = tables(page["rendered"])
        assert expected or path.endswith(("graph.md", "rules.md")), path  # pages without tables
        for name in ("material-docs", "none"):
            assert tables(builds[name][path]["rendered"]) == expected, (name, path)


def test_the_tables_are_the_html_written_into_the_markdown(builds: dict) -> None:
    """Python-Markdown passes the tables through as the core wrote them (raw HTML blocks)."""
    page = builds["none"]["opsspec/portfolio.md"]
    start = page["markdown"].index("<table")
    end = page["markdown"].index("</table>", start) + len("</table>")
    assert page["markdown"][start:end] in page["rendered"]
