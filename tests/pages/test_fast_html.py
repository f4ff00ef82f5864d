"""The generated pages' tables, paragraphs and lists rendered without Python-Markdown give the
HTML Python-Markdown gives: Python-Markdown (with its `tables` extension) is the oracle, on every
block of every generated page of the example site and of the hostile and dependency-cycle
fixtures, and on blocks made to be near the edge of the grammar."""

from __future__ import annotations

import re

import markdown
import pytest

from mkdocs_opsspec.pages import generate_pages
from mkdocs_opsspec.pages.fast_html import (
    NEUTRAL_EXTENSIONS,
    blocking_extension,
    extension_name,
    fill_prose,
    fill_tables,
    prose_to_html,
    tables_to_html,
)

from .conftest import build
from .test_escape import hostile_site
from .test_pages import example, family


def identity(href: str) -> str:
    return href


def python_markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["tables"])


def table_blocks(text: str) -> list[str]:
    """The pipe tables of a page: runs of lines starting with '|' (found here, not by the code
    under test)."""
    return re.findall(r"(?m)^(?:\|.*\n?)+", text)


def all_pages() -> dict[str, str]:
    docs, others = example()
    out = {}
    for name, built in (
        ("example", build(docs, other_paths=tuple(others))),
        ("hostile", build(hostile_site())),
        ("family", build(family())),
    ):
        for path, text in generate_pages(built.catalog, built.readiness, built.options).items():
            out[f"{name}:{path}"] = text
    return out


PAGES = all_pages()


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_table_matches_python_markdown(page: str) -> None:
    text = PAGES[page]
    blocks = table_blocks(text)
    assert blocks, page  # every generated page has a table
    for block in blocks:
        marked, html = tables_to_html(block.rstrip("\n"), identity)
        assert marked == "<!--opsspec:table:0-->", (page, block[:200])  # taken, not left over
        assert html == [python_markdown(block)], (page, block[:200])


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_with_tables_put_back_matches_python_markdown(page: str) -> None:
    text = PAGES[page]
    marked, blocks = tables_to_html(text, identity)
    assert len(blocks) == len(table_blocks(text))
    assert "|---" not in marked
    filled, found = fill_tables(python_markdown(marked), blocks)
    assert found == len(blocks)

    def squeeze(s: str) -> str:
        return re.sub(r">\s+<", "><", s).strip()

    assert squeeze(filled) == squeeze(python_markdown(text))


TABLE = "| A | B |\n|---|--:|\n| {} | 1 |"


@pytest.mark.parametrize(
    "cell",
    [
        "`code`",  # code span
        "_under_",  # underscore emphasis
        "![img](x.png)",  # image
        "[*em* link](x.md)",  # markup inside a link
        "a * b",  # a lone asterisk
        "<http://example.com>",  # autolink
        "x\\y",  # a backslash before a non-escapable character
        "[a](x.md 'title')",  # link title
    ],
)
def test_cells_outside_the_grammar_leave_the_table_to_python_markdown(cell: str) -> None:
    table = TABLE.format(cell)
    assert tables_to_html(table, identity) == (table, [])


def test_a_refused_link_leaves_the_table_to_mkdocs() -> None:
    table = TABLE.format("[x](missing.md)")
    assert tables_to_html(table, lambda href: None) == (table, [])
    marked, blocks = tables_to_html(table, lambda href: "../x/")
    assert marked == "<!--opsspec:table:0-->"
    assert '<td><a href="../x/">x</a></td>' in blocks[0]


@pytest.mark.parametrize(
    "page",
    [
        "```\n| A |\n|---|\n| 1 |\n```",
        "    code\n\n| A |\n|---|\n| 1 |",
        "<!-- a comment -->\n\n| A |\n|---|\n| 1 |",
    ],
)
def test_pages_with_code_or_comments_are_left_alone(page: str) -> None:
    assert tables_to_html(page, identity) == (page, [])


def test_a_table_needs_a_blank_line_before_it() -> None:
    page = "text\n| A |\n|---|\n| 1 |"
    assert tables_to_html(page, identity) == (page, [])


def test_rows_are_padded_and_cut_to_the_header() -> None:
    _, blocks = tables_to_html("| A | B |\n|:--|:-:|\n| 1 |\n| 1 | 2 | 3 |", identity)
    assert blocks == [python_markdown("| A | B |\n|:--|:-:|\n| 1 |\n| 1 | 2 | 3 |")]
    assert '<td style="text-align: center;"></td>' in blocks[0]
    assert ">3<" not in blocks[0]


def test_a_marker_with_no_table_is_left_in_place() -> None:
    assert fill_tables("<!--opsspec:table:3-->", ["<table></table>"]) == (
        "<!--opsspec:table:3-->",
        0,
    )


def squeeze(s: str) -> str:
    return re.sub(r">\s+<", "><", s).strip()


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_with_prose_and_tables_put_back_matches_python_markdown(page: str) -> None:
    text = PAGES[page]
    marked, tables = tables_to_html(text, identity)
    marked, prose = prose_to_html(marked, identity)
    assert prose, page  # every generated page has a paragraph or a list taken
    html, found = fill_prose(python_markdown(marked), prose)
    assert found == len(prose)
    html, found = fill_tables(html, tables)
    assert found == len(tables)
    assert squeeze(html) == squeeze(python_markdown(text))


def test_feature_page_paragraphs_and_lists_are_taken() -> None:
    page = next(k for k in sorted(PAGES) if k.startswith("family:") and "/features/" in k)
    marked, _ = prose_to_html(tables_to_html(PAGES[page], identity)[0], identity)
    kept = [ln for ln in marked.split("\n") if ln.strip() and not ln.startswith("<!--")]
    assert all(ln.startswith("#") for ln in kept), kept  # only headings are left to Markdown


SIMPLE_BLOCKS = [
    "**Level**: Gold\n· Silver needs: a; b",
    "Plain text with a [link](x.md) and *em* and **strong** &amp; an \\_escape\\_.",
    "- one\n- [two](x.md) → *three*\n- **four**: 4",
    "A line\nand a second line",
    "8 features by type",
    "*missing* marks a type\nthe feature lacks",
]


@pytest.mark.parametrize("block", SIMPLE_BLOCKS)
def test_simple_blocks_are_taken_and_match_python_markdown(block: str) -> None:
    page = f"# T\n\n{block}\n\nafter"
    marked, prose = prose_to_html(page, identity)
    assert marked.split("\n")[2] == "<!--opsspec:prose:0-->", marked
    html, found = fill_prose(python_markdown(marked), prose)
    assert found == 2  # the block and the paragraph after it
    assert squeeze(html) == squeeze(python_markdown(page))


@pytest.mark.parametrize(
    "block",
    [
        "1. ordered",  # an ordered list
        "* star item",  # a list with another marker
        "> quote",
        "---",  # a rule
        "Title\n=====",  # setext heading
        "Term\n: definition",  # definition list (extension)
        "[ref]: https://example.com",  # reference definition
        "*[HTML]: Hyper Text",  # abbreviation (extension)
        "two spaces  \nmake a break",  # hard line break
        "- item\n  continued",  # list item with a continuation line
        "- item\nnot an item",  # lazy continuation
        "text with `code`",  # outside the inline grammar
        "text with a_b",
        "<div>html</div>",
        "!!! note",  # admonition
        "1999. was a year",  # an ordered list
        "2) item",  # an ordered list in other flavours: left alone
    ],
)
def test_other_blocks_are_left_to_python_markdown(block: str) -> None:
    page = f"{block}\n\nafter"
    marked, prose = prose_to_html(page, identity)
    assert marked.split("\n")[: len(block.split(chr(10)))] == block.split("\n")
    assert len(prose) == 1  # only "after" was taken


def test_a_paragraph_straight_after_a_heading_is_left_alone() -> None:
    page = "# Title\nText right under it\n\nafter"
    marked, prose = prose_to_html(page, identity)
    assert marked.startswith("# Title\nText right under it\n")
    assert len(prose) == 1


def test_prose_in_pages_with_code_or_comments_is_left_alone() -> None:
    for page in ("```\ncode\n```\n\ntext", "<!-- c -->\n\ntext", "    code\n\ntext"):
        assert prose_to_html(page, identity) == (page, [])
    # the table markers of tables_to_html are no reason to leave a page alone
    assert prose_to_html("<!--opsspec:table:0-->\n\ntext", identity) == (
        "<!--opsspec:table:0-->\n\n<!--opsspec:prose:0-->",
        ["<p>text</p>"],
    )


def test_a_refused_link_leaves_the_paragraph_to_mkdocs() -> None:
    page = "See [x](missing.md)."
    assert prose_to_html(page, lambda href: None) == (page, [])


def _rendered_fast(
    text: str, extensions: list[str], configs: dict[str, dict[str, object]] | None = None
) -> str:
    """`text` as the adapter renders a generated page: blocks taken out, the rest converted by
    Python-Markdown with `extensions`, the blocks put back."""
    marked, tables = tables_to_html(text, identity)
    marked, prose = prose_to_html(marked, identity)
    converted = markdown.markdown(marked, extensions=extensions, extension_configs=configs or {})
    html, found = fill_prose(converted, prose)
    assert found == len(prose)
    html, found = fill_tables(html, tables)
    assert found == len(tables)
    return html


@pytest.mark.parametrize("extension", sorted(NEUTRAL_EXTENSIONS))
def test_neutral_extensions_render_the_taken_blocks_alike(extension: str) -> None:
    """The claim behind NEUTRAL_EXTENSIONS, checked with each extension on: every generated page
    (the hostile fixture's spec text included) and the edge blocks come out as Python-Markdown
    with that extension renders them."""
    extensions = ["tables", extension]
    pages = [*PAGES.values(), *(f"# T\n\n{b}\n\nafter" for b in SIMPLE_BLOCKS)]
    for text in pages:
        expected = markdown.markdown(text, extensions=extensions)
        assert squeeze(_rendered_fast(text, extensions)) == squeeze(expected), text[:300]


@pytest.mark.parametrize(
    ("extension", "block"),
    [
        ("smarty", 'He said "ready" -- it\'s done...'),
        ("pymdownx.smartsymbols", "Copyright (c) 2026, 1/2 done"),
        ("pymdownx.magiclink", "See https://example.com/runbook for details"),
        ("pymdownx.emoji", "Status :rocket: shipped"),
        ("pymdownx.caret", "a ^^b^^ c"),
        ("pymdownx.mark", "a ==b== c"),
        ("pymdownx.tilde", "a ~~b~~ c"),
        ("pymdownx.keys", "press ++ctrl+c++"),
        ("nl2br", "one line\nand another"),
    ],
)
def test_other_extensions_would_render_the_blocks_differently(extension: str, block: str) -> None:
    """Why the list is closed: these extensions change text the fast path renders as is, so a
    site with one of them has its generated pages left to Python-Markdown."""
    assert blocking_extension(["toc", "tables", extension]) == extension
    text = f"# T\n\n{block}\n\nafter"
    extensions = ["tables", extension]
    assert squeeze(_rendered_fast(text, extensions)) != squeeze(
        markdown.markdown(text, extensions=extensions)
    )


def test_extension_names_as_mkdocs_lists_them() -> None:
    from markdown.extensions.toc import TocExtension

    assert blocking_extension(["toc", "markdown.extensions.tables", TocExtension()]) is None
    assert extension_name(TocExtension()) == "toc"
    assert blocking_extension(["toc", "my_company.extension", "smarty"]) == "my_company.extension"


@pytest.mark.parametrize(
    ("extension", "settings", "block"),
    [
        ("abbr", {"glossary": {"API": "Application Programming Interface"}}, "Order Intake API"),
        ("tables", {"use_align_attribute": True}, "| a |\n|:-:|\n| b |"),
        ("pymdownx.betterem", {"smart_enable": "all"}, "foo*bar*baz"),
    ],
)
def test_some_extensions_are_neutral_only_with_default_settings(
    extension: str, settings: dict[str, object], block: str
) -> None:
    """With these settings Python-Markdown renders the blocks differently, so a site that sets
    them has its generated pages left to Python-Markdown; without settings they pass (the
    parametrized test above holds them to it)."""
    text = f"# T\n\n{block}\n\nafter"
    extensions = ["tables", extension] if extension != "tables" else ["tables"]
    configs = {extension: settings}
    expected = markdown.markdown(text, extensions=extensions, extension_configs=configs)
    html = _rendered_fast(text, extensions, configs)
    assert squeeze(html) != squeeze(expected)  # why the settings matter
    assert blocking_extension(["toc", extension], {extension: settings}) == extension
    assert blocking_extension(["toc", extension], {"toc": {"permalink": True}}) is None
