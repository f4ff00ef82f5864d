"""Cross-check the parser against Python-Markdown: for every golden and example-site spec, the
headings (level and text) and table row counts the parser reports are the ones the rendered HTML
shows. The HTML comes from Python-Markdown with the example site's extensions, as MkDocs renders.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from mkdocs_opsspec.lexer import inline_text, lex

ROOT = Path(__file__).parent.parent
FILES = sorted(
    p
    for p in [
        *(ROOT / "tests" / "golden").rglob("*.md"),
        *(ROOT / "example-site" / "docs").rglob("*.md"),
    ]
    if p.name != "README.md"
)
EXTENSIONS = [
    "toc",
    "tables",
    "admonition",
    "attr_list",
    "pymdownx.details",
    "pymdownx.superfences",
]


def rendered(text: str) -> BeautifulSoup:
    body, _meta = get_data(text)
    html = markdown.Markdown(extensions=EXTENSIONS).convert(body)
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_parser_sees_what_markdown_renders(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    text = text.replace("\r\n", "\n")
    soup = rendered(text)
    doc = lex(text)

    html_headings = [
        (int(h.name[1]), " ".join(h.get_text().split()))
        for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    ]
    parsed_headings = [(h.level, " ".join(inline_text(h.text).split())) for h in doc.headings]
    assert parsed_headings == html_headings

    html_tables = [
        len(t.find_all("tr")) - len(t.find("thead").find_all("tr")) for t in soup.find_all("table")
    ]
    parsed_tables = [len(t.rows) for _, t in doc.tables]
    assert parsed_tables == html_tables
