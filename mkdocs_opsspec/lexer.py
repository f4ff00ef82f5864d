"""A line lexer for the Markdown of spec files: front matter, headings, tables, visible lines.

It follows Python-Markdown's block rules (what MkDocs renders), so the structure it reports is the
structure readers see: headings and tables inside fenced code (``` and ~~~), indented code blocks
or HTML comments are hidden; a table starts a block (after a blank line or a heading) and runs to
the next blank line; a setext underline only counts under the first line of a block.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from itertools import islice

from .model import Table, TableRow

_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_SETEXT_RE = re.compile(r"^(=+|-+)[ \t]*$")
_ITEM_RE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_TABLE_SEP_CELL_RE = re.compile(r"^[ \t]*:?-+:?[ \t]*$")
_MARKUP_RE = re.compile(r"(\*\*|__|(?<!\w)_|\*|`)")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
#: Python-Markdown's ESCAPED_CHARS: a backslash before one of them gives the character itself.
BACKSLASH_ESCAPABLE = frozenset("\\`*_{}[]()#+-.!")
#: An HTML character reference: `&lt;`, `&#60;`, `&#x3c;`.
CHARACTER_REFERENCE_RE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
_ESCAPE_OR_REFERENCE_RE = re.compile(
    rf"\\([{re.escape(''.join(sorted(BACKSLASH_ESCAPABLE)))}])|{CHARACTER_REFERENCE_RE.pattern}"
)


@dataclass(slots=True)
class Heading:
    level: int
    text: str  # as written, trailing #'s removed, stripped
    line: int


@dataclass(slots=True)
class VisibleLine:
    line: int
    text: str  # the raw line (with indentation), HTML comments removed
    item: bool  # a list item marker starts it


@dataclass
class Document:
    lines: list[str]  # every line of the file (no line endings)
    front_matter: dict[str, object] = field(default_factory=dict)
    front_matter_end: int = 0  # number of lines the front matter takes (0 if none)
    front_matter_error: tuple[int, str] | None = None
    headings: list[Heading] = field(default_factory=list)
    visible: list[VisibleLine] = field(default_factory=list)
    tables: list[tuple[int, Table]] = field(default_factory=list)  # (index in visible, table)
    unclosed_fence: int | None = None  # line of a fence that never closes


def split_lines(text: str) -> list[str]:
    """Split on \\n, \\r\\n and \\r only (str.splitlines also splits on form feeds and others,
    which would shift line numbers away from what editors show)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def inline_text(text: str) -> str:
    """Heading or cell text without inline Markdown: links keep their text, emphasis and code
    markers go."""
    if "[" in text:
        text = _LINK_RE.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text:
        text = _MARKUP_RE.sub("", text)
    return text.strip()


def unescaped_text(text: str) -> str:
    """Text as the rendered page shows it: backslash escapes (`\\*` gives `*`) and character
    references (`&lt;` gives `<`) resolved; other Markdown is left as it is."""
    if "\\" not in text and "&" not in text:
        return text
    return _ESCAPE_OR_REFERENCE_RE.sub(lambda m: m.group(1) or html.unescape(m.group(0)), text)


_ROW_TOKEN_RE = re.compile(r"\\.|`+|\|")
_strip = str.strip


def split_row(line: str) -> list[str]:
    """Cells of a pipe-table row. Escaped pipes and pipes inside backticks do not split (as in
    Python-Markdown's tables extension); outer pipes are optional."""
    s = line.strip()
    if s[:1] == "|":
        s = s[1:]
    if s[-1:] == "|" and s[-2:] != "\\|":
        s = s[:-1]
    if "\\|" not in s and "`" not in s:  # other backslash escapes do not change the split
        return list(map(_strip, s.split("|")))
    cells: list[str] = []
    buf: list[str] = []
    pos = 0
    tick_run = 0  # length of the backtick run that opened the current code span
    for m in _ROW_TOKEN_RE.finditer(s):
        tok = m.group()
        c = tok[0]
        if c == "\\":
            buf.append(s[pos : m.start()])
            buf.append("|" if tok == "\\|" else tok)
            pos = m.end()
        elif c == "`":
            if tick_run == 0:
                # an opening run: a code span only if a run of the same length closes it
                if s.find(tok, m.end()) != -1:
                    tick_run = len(tok)
            elif len(tok) == tick_run:
                tick_run = 0
        elif tick_run == 0:  # a pipe outside code
            buf.append(s[pos : m.start()])
            cells.append("".join(buf).strip())
            buf = []
            pos = m.end()
    buf.append(s[pos:])
    cells.append("".join(buf).strip())
    return cells


def _row_cells(line: str) -> tuple[str, ...]:
    """`split_row` as a tuple, with a shorter way for rows without escaped pipes or code."""
    s = line.strip()
    if "\\|" in s or "`" in s:
        return tuple(split_row(line))
    # no "\\|" anywhere, so a last "|" is always an outer pipe
    if s[:1] == "|":
        s = s[1:]
    if s[-1:] == "|":
        s = s[:-1]
    return tuple(map(_strip, s.split("|")))


def _is_separator(cells: list[str]) -> bool:
    return bool(cells) and all(map(_TABLE_SEP_CELL_RE.match, cells))


def _table_header(line: str, nxt: str) -> tuple[str, ...] | None:
    """The header cells if `line` (with a "|") and the line after it `nxt` start a table."""
    header = split_row(line)
    stripped = line.strip()
    if len(header) > 1 or (stripped.startswith("|") or stripped.endswith("|")):
        sep = split_row(nxt) if "-" in nxt else []
        if len(sep) == len(header) and _is_separator(sep):
            return tuple(header)
    return None


def _indent_width(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def parse_front_matter(lines: list[str]) -> tuple[dict[str, object], int, tuple[int, str] | None]:
    """YAML front matter between a first line `---` and the next `---` or `...` line.
    Returns (data, lines used, error). Invalid YAML gives ({}, lines used, (line, message))."""
    if not lines or lines[0].rstrip() != "---":
        return {}, 0, None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            import yaml  # here: most specs have no front matter, and PyYAML takes 10 ms to load

            end = i + 1
            block = "\n".join(lines[1:i])
            try:
                data = yaml.safe_load(block) if block.strip() else {}
            except (ValueError, RecursionError) as exc:  # PyYAML's constructors, deep nesting
                return {}, end, (1, f"front matter cannot be read: {exc.__class__.__name__}")
            except yaml.YAMLError as exc:
                mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                problem = getattr(exc, "problem", None) or "invalid YAML"
                return {}, end, (line, f"front matter is not valid YAML: {problem}")
            if data is None:
                data = {}
            if not isinstance(data, dict):
                return {}, end, (1, "front matter is not a mapping of keys to values")
            return {str(k): v for k, v in data.items()}, end, None
    return {}, 0, None


def _atx_heading(line: str) -> tuple[int, str]:
    """(level, text) of an ATX heading line: one to six "#" (more count as text), then the text
    without closing "#"s; an escaped "#" (`C\\#`) is text, as in Python-Markdown."""
    level = min(len(line) - len(line.lstrip("#")), 6)
    text = line[level:].strip()
    bare = text.rstrip("#")
    if len(bare) < len(text) and (len(bare) - len(bare.rstrip("\\"))) % 2:
        bare += "#"
    return level, bare.strip()


def lex(text: str) -> Document:
    """Front matter, headings, tables and visible lines of a spec's Markdown.

    One pass over the lines. HTML comments are removed first, and only looked for when the
    text has a "<!--".
    """
    lines = split_lines(text)
    doc = Document(lines=lines)
    fm, fm_end, fm_error = parse_front_matter(lines)
    doc.front_matter, doc.front_matter_end, doc.front_matter_error = fm, fm_end, fm_error

    headings = doc.headings
    add_heading = headings.append
    visible = doc.visible
    add_visible = visible.append
    tables = doc.tables
    item_match = _ITEM_RE.match
    # without "<!--" anywhere no line can start, hold or end a comment
    has_comments = "<!--" in text

    in_comment = False
    in_list = False
    in_indented_code = False
    block_start = True  # the next line starts a Python-Markdown block
    table: tuple[tuple[str, ...], list[TableRow], int] | None = None
    # line number and text of the previous line if it began a block (a setext underline may
    # follow); the number is 0 when there is none
    prev_line = 0
    prev_text = ""
    unclosed_fence: int | None = None

    def close_table() -> None:
        nonlocal table
        if table is not None:
            header, rows, tline = table
            tables.append(
                (
                    len(visible),
                    Table(header=header, rows=tuple(rows), line=tline, section=None),
                )
            )
            table = None

    n = len(lines)
    it = enumerate(islice(lines, fm_end, None), fm_end + 1)
    # `lineno` is the 1-based number of `line`, so `lines[lineno]` is the next line
    for lineno, line in it:
        # --- HTML comments -----------------------------------------------------------------
        if has_comments:
            if in_comment:
                end = line.find("-->")
                if end == -1:
                    continue
                in_comment = False
                line = line[end + 3 :]
                if not line.strip():
                    block_start = True
                    continue
            if "<!--" in line:
                while True:
                    start = line.find("<!--")
                    if start == -1:
                        break
                    end = line.find("-->", start + 4)
                    if end == -1:
                        in_comment = True
                        line = line[:start]
                        break
                    line = line[:start] + line[end + 3 :]
                if not line.strip():
                    if in_comment:
                        close_table()
                    continue

        # --- blank lines ---------------------------------------------------------------------
        if not line or line.isspace():  # (str.strip drops exactly the isspace characters)
            if table is not None:
                close_table()
            block_start = True
            prev_line = 0
            in_indented_code = False
            continue
        # --- every other line ----------------------------------------------------------------
        stripped = line.strip()  # not empty: blank lines were handled above
        first = stripped[0]
        if line[0] == " ":
            rest = line.lstrip(" ")
            indent = len(line) - len(rest) if rest[0] != "\t" else _indent_width(line)
        elif line[0] == "\t":
            indent = _indent_width(line)
        else:
            indent = 0

        # --- indented code -------------------------------------------------------------------
        if in_indented_code:
            if indent >= 4:
                continue
            in_indented_code = False
        if indent >= 4 and block_start and not in_list and table is None:
            in_indented_code = True
            continue

        if first == "`" or first == "~":
            m = _FENCE_RE.match(line) if indent < 4 or in_list else None
            if m is None and in_list and stripped[:3] in ("```", "~~~"):
                m = _FENCE_RE.match(stripped)
            if m is not None and not (m.group(2)[0] == "`" and "`" in m.group(3)):
                closing = _closing_line(lines, lineno, m.group(2))
                if closing != -1:
                    if table is not None:
                        close_table()
                    # the fenced lines are hidden: go on after the closing fence line
                    next(islice(it, closing - lineno, None), None)
                    block_start = True
                    prev_line = 0
                    continue
                # Python-Markdown renders a fence that never closes as text; say so
                if unclosed_fence is None:
                    unclosed_fence = lineno

        # --- tables --------------------------------------------------------------------------
        if table is not None:
            table[1].append(TableRow(_row_cells(line), lineno))
            add_visible(VisibleLine(lineno, line, False))
            block_start = False
            continue
        if block_start and "|" in line and lineno < n:
            nxt = lines[lineno]
            header = _table_header(line, nxt)
            if header is not None:
                table = (header, [], lineno)
                add_visible(VisibleLine(lineno, line, False))
                add_visible(VisibleLine(lineno + 1, nxt, False))
                next(it, None)  # the separator line is the table's
                block_start = False
                in_list = False
                prev_line = 0
                continue

        # --- headings ------------------------------------------------------------------------
        if line[0] == "#":
            level_text = _atx_heading(line)
            add_heading(Heading(level_text[0], level_text[1], lineno))
            add_visible(VisibleLine(lineno, line, False))
            block_start = True  # the rest of the block is processed as a new block
            in_list = False
            prev_line = 0
            continue

        if prev_line and (first == "=" or first == "-") and _SETEXT_RE.match(line):
            # the previous line becomes a heading (it was recorded as visible text already)
            add_heading(Heading(1 if line.lstrip()[0] == "=" else 2, prev_text.strip(), prev_line))
            prev_line = 0
            block_start = True
            in_list = False
            continue

        if first in "-*+":
            is_item = len(stripped) > 1 and stripped[1] in " \t"
        elif first.isdigit():
            is_item = item_match(line) is not None
        else:
            is_item = False
        if is_item:
            in_list = True
        elif indent == 0 and in_list and block_start:
            in_list = False
        add_visible(VisibleLine(lineno, line, is_item))
        if block_start and indent < 4:
            prev_line, prev_text = lineno, line
        else:
            prev_line = 0
        block_start = False

    close_table()
    doc.unclosed_fence = unclosed_fence
    return doc


def _closing_line(lines: list[str], start: int, fence: str) -> int:
    """The index of the first line from `start` on that closes the fence `fence`, or -1."""
    char = fence[0]
    for k in range(start, len(lines)):
        if char not in lines[k]:
            continue  # the usual fenced line: no need to strip it
        s = lines[k].strip()
        if s and s[0] == char and len(s) >= len(fence) and s.rstrip(char) == "":
            return k
    return -1
