"""The lexer on the lines at the edges of Markdown's block rules: plain lines, list items,
headings, setext underlines, indents, Unicode whitespace, table rows."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.lexer import lex

CASES = {
    # a "-" line under a block's first line is a setext underline, the next one an item
    "setext_dash": (
        "Title\n---\n- item\n",
        [(2, "Title", 1)],
        [(1, "Title", False), (3, "- item", True)],
    ),
    # up to three spaces: text or items; four in a list: text, not code
    "indented_items": (
        "- a\n   - b\n  1. c\n    d\n\n    code\n",
        [],
        [
            (1, "- a", True),
            (2, "   - b", True),
            (3, "  1. c", True),
            (4, "    d", False),
            (6, "    code", False),
        ],
    ),
    # Unicode whitespace and digits: a no-break space before "#" is no heading, a
    # superscript two no item number, an Arabic-Indic three is one
    "unicode_starts": (
        "\xa0# not a heading\n². not an item\n٣. z\n\u3000\n",
        [],
        [(1, "\xa0# not a heading", False), (2, "². not an item", False), (3, "٣. z", True)],
    ),
    "tab_indent": (
        "-\tx\n \t- y\n\n\tcode\n",
        [],
        [(1, "-\tx", True), (2, " \t- y", True), (4, "\tcode", False)],
    ),
    "fence_in_list": (
        "- item\n    ```\n    # hidden\n    ```\n# shown\n",
        [(1, "shown", 5)],
        [(1, "- item", True), (5, "# shown", False)],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_lines_at_the_edges_of_the_block_rules(name: str) -> None:
    text, headings, visible = CASES[name]
    doc = lex(text)
    assert [(h.level, h.text, h.line) for h in doc.headings] == headings
    assert [(v.line, v.text, v.item) for v in doc.visible] == visible


def test_table_rows_with_escaped_pipes() -> None:
    doc = lex("| a | b |\n|---|---|\n| 1 | 2 |\n|x\\|y| z |\n\nafter\n")
    [(index, table)] = doc.tables
    assert index == 4
    assert table.header == ("a", "b")
    assert [r.cells for r in table.rows] == [("1", "2"), ("x|y", "z")]
    assert [r.line for r in table.rows] == [3, 4]
