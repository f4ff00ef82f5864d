"""Header fields: the bold key-value lines between the H1 and the first H2, and front matter."""

from __future__ import annotations

import datetime as dt

from ..lexer import Document
from ..model import HeaderField
from .scope import Scope, normalize_key

#: Header key (normalised) -> canonical field name.
HEADER_KEYS: dict[str, str] = {
    "guid": "guid",
    "spec_guid": "guid",
    "version": "version",
    "status": "status",
    "last_updated": "last_updated",
    "updated": "last_updated",
    "last_modified": "last_updated",
    "date": "last_updated",
    "class": "class",
    "feature_class": "class",
    "owner": "owner",
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


def header_block(doc: Document) -> Scope:
    """Lines after the first H1 (or the front matter) up to the first H2."""
    first = doc.front_matter_end + 1
    last = len(doc.lines)
    for h in doc.headings:
        if h.level == 1 and first == doc.front_matter_end + 1 and h.line >= first:
            first = h.line + 1
        elif h.level == 2:
            last = h.line - 1
            break
    return Scope(doc, first, last)


def read_fields(doc: Document) -> dict[str, HeaderField]:
    """Header fields; a field the header block lacks is taken from front matter."""
    fields: dict[str, HeaderField] = {}
    for kv in header_block(doc).key_values():
        name = HEADER_KEYS.get(normalize_key(kv.key))
        if name is not None and name not in fields:
            fields[name] = HeaderField(name, kv.value, kv.line, "header")
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
