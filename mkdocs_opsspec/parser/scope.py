"""Section-scoped views of a lexed document, and the bold key-value line syntax."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter

from ..lexer import Document, Heading, VisibleLine
from ..model import KeyValue, Section, Table

# `**Key**: v`, `**Key:** v`, `- **Key**: v`, `**RTO** (Recovery Time Objective): v`
_KV_RE = re.compile(
    r"^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?\*\*(?P<key>[^*]+?)\*\*"
    r"(?P<paren>[ \t]*\([^)]*\))?[ \t]*(?P<colon>:)?(?P<value>.*)$"
)
# `- Key: value` (plain list items, for a closed vocabulary of keys)
_PLAIN_KV_RE = re.compile(
    r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<key>[A-Za-z][\w /&-]{0,40}?):[ \t]+(?P<value>.+)$"
)
_ITEM_MARKER_RE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_NUMBERED_RE = re.compile(r"^ {0,3}\d+[.)][ \t]+")


def clean_value(value: str) -> str:
    """A field value without surrounding backticks."""
    v = value.strip()
    if len(v) >= 2 and v[0] == "`" and v[-1] == "`" and "`" not in v[1:-1]:
        v = v[1:-1].strip()
    return v


def key_value(line: VisibleLine, plain_keys: frozenset[str] = frozenset()) -> KeyValue | None:
    """The key-value pair a line states, or None. `plain_keys` (normalised) also admits
    `- Key: value` items without bold."""
    found = line_entry(line.text, line.item, plain_keys)
    return None if found is None else KeyValue(found[0], found[1], line.line)


Entry = tuple[str, str, str]
_NO_KEYS: frozenset[str] = frozenset()


def line_entry(text: str, item: bool, plain_keys: frozenset[str] = _NO_KEYS) -> Entry | None:
    """(key, value, normalised key) of the pair `key_value` finds on a line with this text
    (`item`: whether a list item marker starts it)."""
    found = _read_key_value(text, item, plain_keys)
    return None if found is None else (found[0], found[1], normalize_key(found[0]))


def _read_key_value(text: str, item: bool, plain_keys: frozenset[str]) -> tuple[str, str] | None:
    if "**" in text:
        m = _KV_RE.match(text)
        if m is not None:
            key = m.group("key").strip()
            if key.endswith(":"):
                key = key[:-1].strip()
            elif m.group("colon") is None:
                return None
            return key, clean_value(m.group("value"))
    if plain_keys and item:
        m = _PLAIN_KV_RE.match(text)
        if m is not None and normalize_key(m.group("key")) in plain_keys:
            return m.group("key").strip(), clean_value(m.group("value"))
    return None


def normalize_key(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")


def item_text(line: VisibleLine) -> str:
    """A list item's text without its marker. (The marker pattern is anchored at the start,
    so its first match, which `sub(count=1)` replaced, is its `match`.)"""
    text = line.text
    m = _ITEM_MARKER_RE.match(text)
    return (text if m is None else text[m.end() :]).strip()


# `_NUMBERED_RE` after a line break: the literal first character lets the search skip ahead
# (a MULTILINE `^` is tried at every position)
_NUMBERED_LINES_RE = re.compile("\n" + _NUMBERED_RE.pattern[1:])


def count_numbered(lines: list[VisibleLine]) -> int:
    """How many of `lines` are numbered list items (`_NUMBERED_RE`), with one search of the
    lines each preceded by a line break (a line's text holds none, and a match never
    reaches past the end of its line)."""
    return len(_NUMBERED_LINES_RE.findall("\n" + "\n".join([v.text for v in lines])))


_LINE = attrgetter("line")


def _table_line(entry: tuple[int, Table]) -> int:
    return entry[1].line


@dataclass
class Scope:
    """Lines, tables and headings of the document between two line numbers (inclusive)."""

    doc: Document
    first: int
    last: int

    def lines(self) -> list[VisibleLine]:
        return lines_between(self.doc, self.first, self.last)

    def tables(self) -> list[Table]:
        return tables_between(self.doc, self.first, self.last)

    def headings(self) -> list[Heading]:
        headings = self.doc.headings
        lo = bisect_left(headings, self.first, key=_LINE)
        hi = bisect_right(headings, self.last, key=_LINE)
        return headings[lo:hi]


def lines_between(doc: Document, first: int, last: int) -> list[VisibleLine]:
    """The visible lines of `doc` from line `first` to line `last` (inclusive)."""
    visible = doc.visible
    lo = bisect_left(visible, first, key=_LINE)
    return visible[lo : bisect_right(visible, last, lo, key=_LINE)]


def tables_between(doc: Document, first: int, last: int) -> list[Table]:
    """The tables of `doc` starting from line `first` to line `last` (inclusive)."""
    tables = doc.tables
    lo = bisect_left(tables, first, key=_table_line)
    return [t for _, t in tables[lo : bisect_right(tables, last, lo, key=_table_line)]]


def section_lines(doc: Document, section: Section) -> list[VisibleLine]:
    """`section_scope(doc, section).lines()` without the `Scope`."""
    return lines_between(doc, section.line + 1, section.end_line)


def section_scope(doc: Document, section: Section) -> Scope:
    return Scope(doc, section.line + 1, section.end_line)
