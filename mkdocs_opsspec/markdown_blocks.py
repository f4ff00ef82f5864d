"""A line lexer for the Markdown of spec files: front matter, headings, tables, visible lines.

It follows Python-Markdown's block rules (what MkDocs renders), so the structure it reports is the
structure readers see: headings and tables inside fenced code (``` and ~~~), indented code blocks
or HTML comments are hidden; a table starts a block (after a blank line or a heading) and runs to
the next blank line; a setext underline only counts under the first line of a block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .model import Table, TableRow

_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_SETEXT_RE = re.compile(r"^(=+|-+)[ \t]*$")
_ITEM_RE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_TABLE_SEP_CELL_RE = re.compile(r"^[ \t]*:?-+:?[ \t]*$")
_MARKUP_RE = re.compile(r"(\*\*|__|(?<!\w)_|\*|`)")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


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


_ROW_TOKEN_RE = re.compile(r"\\.|`+|\|")


def split_row(line: str) -> list[str]:
    """Cells of a pipe-table row. Escaped pipes and pipes inside backticks do not split (as in
    Python-Markdown's tables extension); outer pipes are optional."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    if "\\|" not in s and "`" not in s:  # other backslash escapes do not change the split
        return [c.strip() for c in s.split("|")]
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


def _is_separator(cells: list[str]) -> bool:
    return all(_TABLE_SEP_CELL_RE.match(c) for c in cells) and bool(cells)


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


def lex(text: str) -> Document:
    lines = split_lines(text)
    doc = Document(lines=lines)
    fm, fm_end, fm_error = parse_front_matter(lines)
    doc.front_matter, doc.front_matter_end, doc.front_matter_error = fm, fm_end, fm_error

    headings = doc.headings
    visible = doc.visible
    tables = doc.tables

    in_comment = False
    in_list = False
    in_indented_code = False
    block_start = True  # the next line starts a Python-Markdown block
    table: tuple[list[str], list[TableRow], int] | None = None
    prev_block_first: tuple[int, str] | None = None  # (line, text) if previous line began a block

    def close_table() -> None:
        nonlocal table
        if table is not None:
            header, rows, tline = table
            tables.append(
                (
                    len(visible),
                    Table(header=tuple(header), rows=tuple(rows), line=tline, section=None),
                )
            )
            table = None

    n = len(lines)
    i = fm_end
    while i < n:
        raw = lines[i]
        lineno = i + 1
        i += 1

        # --- HTML comments -----------------------------------------------------------------
        line = raw
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

        stripped = line.strip()
        if not stripped:
            if table is not None:
                close_table()
            block_start = True
            prev_block_first = None
            if in_indented_code:
                in_indented_code = False
            continue

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
                closing = _closing_line(lines, i, m.group(2))
                if closing != -1:
                    if table is not None:
                        close_table()
                    # the fenced lines are hidden: go on after the closing fence line
                    i = closing + 1
                    block_start = True
                    prev_block_first = None
                    continue
                # Python-Markdown renders a fence that never closes as text; say so
                if doc.unclosed_fence is None:
                    doc.unclosed_fence = lineno

        # --- tables --------------------------------------------------------------------------
        if table is not None:
            table[1].append(TableRow(cells=tuple(split_row(line)), line=lineno))
            visible.append(VisibleLine(lineno, line, False))
            block_start = False
            continue
        if block_start and "|" in line and i < n:
            header = split_row(line)
            nxt = lines[i]
            if len(header) > 1 or (stripped.startswith("|") or stripped.endswith("|")):
                sep = split_row(nxt) if "-" in nxt else []
                if len(sep) == len(header) and _is_separator(sep):
                    table = (header, [], lineno)
                    visible.append(VisibleLine(lineno, line, False))
                    visible.append(VisibleLine(lineno + 1, nxt, False))
                    i += 1
                    block_start = False
                    in_list = False
                    prev_block_first = None
                    continue

        # --- headings ------------------------------------------------------------------------
        if line[0] == "#":
            # an ATX heading: one to six "#" (more count as text), then the text
            level = min(len(line) - len(line.lstrip("#")), 6)
            text = line[level:].strip().rstrip("#").strip()
            headings.append(Heading(level, text, lineno))
            visible.append(VisibleLine(lineno, line, False))
            block_start = True  # the rest of the block is processed as a new block
            in_list = False
            prev_block_first = None
            continue

        if (
            prev_block_first is not None
            and (first == "=" or first == "-")
            and _SETEXT_RE.match(line)
        ):
            hline, htext = prev_block_first
            # the previous line becomes a heading (it was recorded as visible text already)
            headings.append(Heading(1 if line.lstrip()[0] == "=" else 2, htext.strip(), hline))
            prev_block_first = None
            block_start = True
            in_list = False
            continue

        if first in "-*+":
            is_item = len(stripped) > 1 and stripped[1] in " \t"
        elif first.isdigit():
            is_item = _ITEM_RE.match(line) is not None
        else:
            is_item = False
        if is_item:
            in_list = True
        elif indent == 0 and in_list and block_start:
            in_list = False
        visible.append(VisibleLine(lineno, line, is_item))
        prev_block_first = (lineno, line) if block_start and indent < 4 else None
        block_start = False

    close_table()
    return doc


def _closing_line(lines: list[str], start: int, fence: str) -> int:
    """The index of the first line from `start` on that closes the fence `fence`, or -1."""
    char = fence[0]
    for k in range(start, len(lines)):
        s = lines[k].strip()
        if s and s[0] == char and len(s) >= len(fence) and s.rstrip(char) == "":
            return k
    return -1
