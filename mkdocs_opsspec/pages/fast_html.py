"""HTML for the tables, paragraphs and lists of a generated page, without Python-Markdown.

The generated pages are mostly tables, and Python-Markdown needs about 10 ms for a feature page's
(it runs some twenty inline patterns over every cell): with one page per feature, that was a
tenth of the whole build. Our templates write text in a small inline grammar: escaped text (see
`markdown_escape`), character references, links, `*emphasis*`, `**strong**` and simple inline
tags such as the portfolio's `<span data-sort>`.

- `tables_to_html` renders each pipe table made only of that grammar to the HTML
  Python-Markdown's `tables` extension gives, and puts a marker in its place;
- `prose_to_html` does the same for plain paragraphs and flat bullet lists;

the adapter swaps the markers for the HTML once the page is converted (tests hold both equal to
Python-Markdown's output). Anything else (say, from a user's template override) is left as
Markdown for Python-Markdown. No MkDocs here: links go through the `url_for` callback, which may
refuse one (None) to leave that block to MkDocs as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from ..markdown_blocks import split_row

MARKER = "<!--opsspec:table:{}-->"
MARKER_RE = re.compile(r"<!--opsspec:table:(\d+)-->")
PROSE_MARKER = "<!--opsspec:prose:{}-->"
PROSE_MARKER_RE = re.compile(r"<!--opsspec:prose:(\d+)-->")

_SEPARATOR_CELL_RE = re.compile(r"^:?-+:?$")
_ESCAPABLE = r"\\`*_{}\[\]()>#+\-.!|"
_INLINE_RE = re.compile(
    rf"""
      \\(?P<esc>[{_ESCAPABLE}])
    | (?P<ref>&(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)
    | \[(?P<text>(?:\\[{_ESCAPABLE}]|[^\\\[\]`*_<])*)\]\((?P<href>[^()\s<>"'\\]+)\)
    | \*\*(?P<strong>(?:\\[{_ESCAPABLE}]|[^\\*`_\[\]<])+?)\*\*
    | \*(?P<em>(?:\\[{_ESCAPABLE}]|[^\\*`_\[\]<])+?)\*
    | (?P<tag></?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z][A-Za-z0-9-]*(?:="[^"<>&]*")?)*\s*>)
    | (?P<special>[\\`*_\[\]<&]|!\[)
    """,
    re.VERBOSE,
)
_PLAIN_RE = re.compile(rf"(?:[^\\`*_\[\]<&!]|\\[{_ESCAPABLE}])*\Z")
_ESC_RE = re.compile(rf"\\([{_ESCAPABLE}])")
_ALIGN = {(True, False): "left", (False, True): "right", (True, True): "center"}


#: Markdown extensions under which Python-Markdown renders the blocks this module takes exactly as
#: it does with `tables` alone (tests hold each to that on every generated page). A site with
#: any other extension (`smarty` curls quotes, `pymdownx.magiclink` links bare addresses,
#: `pymdownx.emoji` turns `:x:` into images, ...) has its generated pages left to Python-Markdown.
NEUTRAL_EXTENSIONS = frozenset(
    {
        "abbr",
        "admonition",
        "attr_list",
        "codehilite",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "tables",
        "toc",
        "pymdownx.betterem",
        "pymdownx.blocks.admonition",
        "pymdownx.blocks.details",
        "pymdownx.blocks.tab",
        "pymdownx.details",
        "pymdownx.extra",
        "pymdownx.highlight",
        "pymdownx.inlinehilite",
        "pymdownx.saneheaders",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
    }
)


def extension_name(extension: object) -> str:
    """'toc' for 'toc', 'markdown.extensions.toc' or a `TocExtension` instance; other
    extensions by their dotted name ('pymdownx.details') or their class' module."""
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name.removeprefix("markdown.extensions.")


#: Neutral extensions only with their default settings: `abbr`'s glossary marks up words in
#: any text, `tables: {use_align_attribute: true}` aligns cells another way, `smart_enable`
#: of `pymdownx.betterem` (and of `pymdownx.extra`, which passes settings on) changes emphasis.
#: The others' settings only touch what the fast path leaves alone (headings, code, blocks).
SETTINGS_MATTER = frozenset({"abbr", "tables", "pymdownx.betterem", "pymdownx.extra"})


def blocking_extension(
    extensions: Iterable[object], settings: Mapping[str, object] | None = None
) -> str | None:
    """The first of a site's Markdown extensions that is not known to leave the blocks of this
    module as they are (by name, and for `SETTINGS_MATTER` by settings: `settings` maps a name
    as the site writes it to its settings, as MkDocs' `mdx_configs`), or None when all are."""
    settings = settings or {}
    for ext in extensions:
        name = extension_name(ext)
        if name not in NEUTRAL_EXTENSIONS:
            return name
        if name in SETTINGS_MATTER and (not isinstance(ext, str) or settings.get(ext)):
            return name  # with settings (an instance may carry any)
    return None


class _NotSimple(Exception):
    """A cell outside the grammar: the table is left to Python-Markdown."""


def tables_to_html(markdown: str, url_for: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """`markdown` with each simple pipe table replaced by a marker line, and the tables' HTML in
    marker order. A page with fenced or indented code or HTML comments is returned unchanged (a
    table-looking text there is not a table)."""
    lines = markdown.split("\n")
    if any(ln.startswith(("```", "~~~", "    ", "\t")) or "<!--" in ln for ln in lines):
        return markdown, []

    def table(block: list[str]) -> str | None:
        if not block[0].startswith("|") or len(block) < 2 or _separator(block[1]) is None:
            return None
        return _table_html(block, url_for)

    return _replace_blocks(lines, MARKER, table)


def _replace_blocks(
    lines: list[str], marker: str, render: Callable[[list[str]], str | None]
) -> tuple[str, list[str]]:
    """`lines` joined, with each block (lines that follow a blank line or start the page, up to
    the next blank line) that `render` turns into HTML replaced by `marker` (numbered), and the
    HTML in marker order."""
    out: list[str] = []
    blocks: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        if not lines[i].strip() or (i > 0 and lines[i - 1].strip()):
            out.append(lines[i])
            i += 1
            continue
        end = i + 1
        while end < n and lines[end].strip():
            end += 1
        html = render(lines[i:end])
        if html is None:
            out.extend(lines[i:end])
        else:
            out.append(marker.format(len(blocks)))
            blocks.append(html)
        i = end
    return "\n".join(out), blocks


def fill_tables(html: str, blocks: list[str]) -> tuple[str, int]:
    """`html` with the table markers replaced by their tables, and how many markers were found."""
    return _fill(MARKER_RE, html, blocks)


def fill_prose(html: str, blocks: list[str]) -> tuple[str, int]:
    """`html` with the prose markers replaced by their HTML, and how many were found."""
    return _fill(PROSE_MARKER_RE, html, blocks)


def _fill(marker_re: re.Pattern[str], html: str, blocks: list[str]) -> tuple[str, int]:
    found = 0

    def put(m: re.Match[str]) -> str:
        nonlocal found
        n = int(m.group(1))
        if n >= len(blocks):
            return m.group()
        found += 1
        return blocks[n]

    return marker_re.sub(put, html), found


# A paragraph line must start with a character no block syntax starts with (lists, headings,
# quotes, tables, code, HTML, rules, setext underlines, footnotes, references, admonitions,
# definition lists...): letters, digits not followed by `.` or `)`, a few symbols our
# templates use, or emphasis (`*` or `**` before a word; `*[` starts an abbreviation).
_PROSE_START = r"(?:[^\W\d_]|\d+(?![\d.)])|[·→✔✘⚠❓🔁]|\*\*(?=\S)|\*(?=[^\s*\[]))"
_PROSE_LINE_RE = re.compile(_PROSE_START + r"(?!.*(?:\s|\\)$)")
_ITEM_LINE_RE = re.compile(r"- (?=\S)(?!.*(?:\s|\\)$)")
_OWN_MARKER_RE = re.compile(r"<!--opsspec:table:\d+-->")


def prose_to_html(markdown: str, url_for: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """`markdown` with each simple paragraph and flat bullet list replaced by a marker line, and
    their HTML in marker order. A block is simple when it follows a blank line (or starts the
    page), ends at one, and every line is plain text in the inline grammar (paragraph) or a
    `- ` item of one line (list). A page with code or HTML comments (other than
    `tables_to_html`'s markers) is returned unchanged."""
    lines = markdown.split("\n")
    for ln in lines:
        if ln.startswith(("```", "~~~", "    ", "\t")) or (
            "<!--" in ln and not _OWN_MARKER_RE.fullmatch(ln)
        ):
            return markdown, []
    return _replace_blocks(lines, PROSE_MARKER, lambda block: _prose_html(block, url_for))


def _prose_html(block: list[str], url_for: Callable[[str], str | None]) -> str | None:
    try:
        if all(_ITEM_LINE_RE.match(ln) for ln in block):
            items = "\n".join(f"<li>{_inline(ln[2:].lstrip(' '), url_for)}</li>" for ln in block)
            return f"<ul>\n{items}\n</ul>"
        if all(_PROSE_LINE_RE.match(ln) for ln in block):
            return f"<p>{_inline(chr(10).join(block), url_for)}</p>"
    except _NotSimple:
        return None
    return None


def _separator(line: str) -> list[str | None] | None:
    """Alignments of a table's separator row, or None if the line is not one."""
    if "-" not in line or not line.lstrip().startswith(("|", ":", "-")):
        return None
    cells = split_row(line)
    if not cells or not all(_SEPARATOR_CELL_RE.match(c) for c in cells):
        return None
    return [_ALIGN.get((c.startswith(":"), c.endswith(":"))) for c in cells]


def _table_html(lines: list[str], url_for: Callable[[str], str | None]) -> str | None:
    if not all("|" in ln for ln in lines):
        return None
    aligns = _separator(lines[1])
    assert aligns is not None
    header = split_row(lines[0])
    width = len(aligns)
    if len(header) != width:
        return None
    styles = [f' style="text-align: {a};"' if a else "" for a in aligns]
    td_open = [f"<td{s}>" for s in styles]
    try:
        out = ["<table>", "<thead>", "<tr>"]
        out.extend(
            f"<th{s}>{_inline(text, url_for)}</th>" for text, s in zip(header, styles, strict=True)
        )
        out += ["</tr>", "</thead>", "<tbody>"]
        for row in lines[2:]:
            cells = split_row(row)
            if len(cells) != width:
                cells = (cells + [""] * width)[:width]
            out.append("<tr>")
            out.extend(
                f"{o}{_inline(text, url_for)}</td>" for text, o in zip(cells, td_open, strict=True)
            )
            out.append("</tr>")
    except _NotSimple:
        return None
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _inline(text: str, url_for: Callable[[str], str | None]) -> str:
    if not text:
        return text
    if _PLAIN_RE.match(text):  # most cells: text and backslash escapes only
        if "\\" in text:
            # every backslash here starts an escape pair; without an escaped backslash,
            # dropping the backslashes unescapes (much quicker than a regex substitution)
            text = _ESC_RE.sub(_unescaped, text) if "\\\\" in text else text.replace("\\", "")
        if ">" in text:  # "<" and "&" are not plain: only ">" can need escaping here
            return text.replace(">", "&gt;")
        return text
    out: list[str] = []
    pos = 0
    for m in _INLINE_RE.finditer(text):
        out.append(_text(text[pos : m.start()]))
        pos = m.end()
        kind = m.lastgroup
        if kind == "esc":
            out.append(_text(m.group("esc")))
        elif kind == "ref" or kind == "tag":
            out.append(m.group())
        elif kind == "href":
            url = url_for(m.group("href"))
            if url is None:
                raise _NotSimple
            label = _inline(m.group("text"), url_for)
            out.append(f'<a href="{_attr(url)}">{label}</a>')
        elif kind == "strong":
            out.append(f"<strong>{_inline(m.group('strong'), url_for)}</strong>")
        elif kind == "em":
            out.append(f"<em>{_inline(m.group('em'), url_for)}</em>")
        else:
            raise _NotSimple
    out.append(_text(text[pos:]))
    return "".join(out)


def _unescaped(m: re.Match[str]) -> str:
    return m.group(1)


def _text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(s: str) -> str:
    return _text(s).replace('"', "&quot;")
