"""The generated pages' tables, as HTML.

A page's headings and prose are Markdown; its tables are HTML made with `markup` (the one place
spec text becomes HTML) and placed in the Markdown as raw HTML blocks, which Python-Markdown
passes through as they are. So a table looks the same under any set of Markdown extensions,
and costs no Markdown parsing. Links in raw HTML are not rewritten by the site builder, so each
one is made by the page's link resolver (`PageOptions.link`).

Tables carry `data-search-exclude`: they repeat what the specs say (every feature page has the
same readiness check names), and a search for "backup" should find the specs, not every table.
They carry `data-opsspec-table` too, and no class (so Material still styles them and puts them
in its scrolling frame): `assets/opsspec.css` makes them scroll sideways where a theme does not,
keeps their first column (the row's name) in view, and keeps `wide` columns from being
squeezed to a word a line on a phone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..markup import Markup, start_tag, tag
from .markdown_escape import Md


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = False  # right-aligned
    key: str | None = None  # `data-opsspec-col`, for the portfolio's filters
    wide: bool = False  # holds a few words a line: kept wider when a phone squeezes the table


def table(columns: Sequence[Column], rows: Iterable[Sequence[object]], *, label: str) -> Md:
    """A table of `columns`; each row holds one value per column (text is escaped, `Markup`
    is placed as it is). One row per line and no blank line, so it is one raw HTML block."""
    head = "".join(
        tag(
            "th",
            {
                "scope": "col",
                "class": _WIDE if c.wide else None,
                "style": _RIGHT if c.numeric else None,
                "data-opsspec-col": c.key,
            },
            c.title,
        )
        for c in columns
    )
    lines = [
        start_tag(
            "table", {"aria-label": label, "data-search-exclude": True, "data-opsspec-table": True}
        ),
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        cells = "".join(
            tag(
                "td",
                {"class": _WIDE if c.wide else None, "style": _RIGHT if c.numeric else None},
                value,
            )
            for c, value in zip(columns, row, strict=True)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines += ["</tbody>", "</table>"]
    return Md("\n".join(lines))


_RIGHT = "text-align: right"
_WIDE = "opsspec-wide"


def plain_number(value: Decimal | int | float) -> str:
    """A data-sort number: no exponent, no trailing zeros."""
    if isinstance(value, Decimal):
        s = format(value, "f")
        return s.rstrip("0").rstrip(".") if "." in s else s
    return str(value)


def sort_cell(shown: object, sort: object = None) -> Markup:
    """`shown` in `<span data-sort="...">` when there is a sort value (numbers for durations
    and percentages, ISO dates), for the portfolio's sorting script."""
    if sort is None or sort == "":
        return tag("span", None, shown)
    if isinstance(sort, (Decimal, int, float)) and not isinstance(sort, bool):
        sort = plain_number(sort)
    return tag("span", {"data-sort": str(sort)}, shown)
