"""Header fields: the first run of field lines after the H1, and front matter.

The header starts after the first H1 (or after the front matter when the file's first heading is
no H1), may skip one `## Key: value` heading (`## Project: Checkout` followed by the fields), and
ends at the next other heading. Within it, the header is the first run of field lines: bold
(`**Status**: Approved`, `- **Status:** Approved`) or plain (`Status: Approved`, `- Version:
1.0.0`), blank lines in between allowed; the first other line ends it. So a `Status: 200` in a
later section, or in prose after the header, is never the Status.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from operator import attrgetter

from ..lexer import Document, Heading, VisibleLine
from ..model import HeaderField
from .scope import clean_value, line_entry, normalize_key

_LINE = attrgetter("line")

#: Header key (normalised) -> canonical field name.
HEADER_KEYS: dict[str, str] = {
    "guid": "guid",
    "spec_guid": "guid",
    "version": "version",
    "document_version": "version",
    "doc_version": "version",
    "spec_version": "version",
    "status": "status",
    "last_updated": "last_updated",
    "updated": "last_updated",
    "last_modified": "last_updated",
    "last_update": "last_updated",
    "date": "last_updated",
    "class": "class",
    "feature_class": "class",
    "owner": "owner",
    "owners": "owner",
    "team": "owner",
    "system": "system",
}

#: Front matter key -> canonical field name.
FRONT_MATTER_KEYS: dict[str, str] = {
    "guid": "guid",
    "version": "version",
    "status": "status",
    "last_updated": "last_updated",
    "last-updated": "last_updated",
    "updated": "last_updated",
    "date": "last_updated",
    "class": "class",
    "owner": "owner",
}


def front_matter_value(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (list, dict)):
        return None
    return str(value).strip()


#: A plain field line: `Status: Approved`, `- Version: 1.0.0` (a short key, a blank, a value).
_PLAIN_FIELD_RE = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?P<key>[A-Za-z][\w /&().-]{0,40}?)[ \t]*:[ \t]+(?P<value>\S.*)$"
)
#: A heading that is itself a field: `## Project: Checkout Platform`.
_FIELD_HEADING_RE = re.compile(r"^[A-Za-z][\w /&().-]{0,40}?[ \t]*:[ \t]+\S")


def _field(line: VisibleLine) -> tuple[str, str] | None:
    """(key, value) of a field line, or None."""
    text = line.text
    if "**" in text:
        found = line_entry(text, line.item)
        if found is not None:
            return found[0], found[1]
    m = _PLAIN_FIELD_RE.match(text)
    if m is None or "**" in text:
        return None
    return m.group("key").strip(), clean_value(m.group("value"))


def _header_range(doc: Document) -> tuple[int, int, Heading | None]:
    """(first line, last line) where the header may be, and the `## Key: value` heading it
    skipped (or None)."""
    headings = doc.headings
    first = doc.front_matter_end + 1
    k = 0
    if headings and headings[0].level == 1:
        first, k = headings[0].line + 1, 1
    skipped = None
    if k < len(headings) and headings[k].level == 2 and _FIELD_HEADING_RE.match(headings[k].text):
        skipped = headings[k]
        k += 1
    last = headings[k].line - 1 if k < len(headings) else len(doc.lines)
    return first, last, skipped


def header_lines(doc: Document) -> list[tuple[VisibleLine, str, str]]:
    """The header's field lines, each with its key and value: the first run of them after the
    H1 (see the module's docstring)."""
    first, last, skipped = _header_range(doc)
    out: list[tuple[VisibleLine, str, str]] = []
    visible = doc.visible
    lo = bisect_left(visible, first, key=_LINE)
    for line in visible[lo:]:
        if line.line > last:
            break
        if skipped is not None and line.line == skipped.line:
            if out:
                break  # a `## Key: value` heading after the fields ends the header
            continue
        found = _field(line)
        if found is None:
            if out:
                break
            continue
        out.append((line, found[0], found[1]))
    return out


def read_fields(doc: Document) -> dict[str, HeaderField]:
    """Header fields; a field the header lacks is taken from front matter."""
    fields: dict[str, HeaderField] = {}
    for line, key, value in header_lines(doc):
        name = HEADER_KEYS.get(normalize_key(key))
        if name is not None and name not in fields:
            fields[name] = HeaderField(name, value, line.line, "header")
    fm = doc.front_matter
    for key, name in FRONT_MATTER_KEYS.items() if fm else ():
        if name in fields or key not in fm:
            continue
        value = front_matter_value(fm[key])
        if value is not None:
            fields[name] = HeaderField(name, value, front_matter_line(doc, key), "front_matter")
    return fields


def front_matter_field(doc: Document, name: str) -> HeaderField | None:
    """The front matter's own value for a canonical field, even where the header has one."""
    for key, canonical in FRONT_MATTER_KEYS.items():
        if canonical == name and key in doc.front_matter:
            value = front_matter_value(doc.front_matter[key])
            if value is not None:
                return HeaderField(name, value, front_matter_line(doc, key), "front_matter")
    return None


def front_matter_line(doc: Document, key: str) -> int | None:
    prefix = key + ":"
    for i in range(1, max(doc.front_matter_end - 1, 1)):
        if doc.lines[i].startswith(prefix):
            return i + 1
    return 1 if doc.front_matter_end else None
