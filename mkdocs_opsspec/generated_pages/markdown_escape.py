"""The one place spec text becomes Markdown.

Every piece of spec text (names, statuses, versions, GUID-like strings, finding messages) is
untrusted. It reaches a generated page only through `md`, which makes it inert: HTML-escaped
(`& < > " '`), Markdown specials backslash-escaped, and the table pipe and `~` written as
character references (they are escaped that way whatever extensions the site enables), line
breaks and control characters turned into spaces. So no element, attribute, link, emphasis,
heading or table cell can come from spec text.

`Md` marks a string that is Markdown already (escaped text, links built from our own paths).
`finalize` is the Jinja `finalize` hook: it passes `Md` through and escapes everything else, so a
value a template forgets to pipe through `|md` is escaped all the same, and never twice.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..lexer import BACKSLASH_ESCAPABLE


class Md(str):
    """A string that is safe Markdown already. Never wrap spec text in it: call `md`."""

    __slots__ = ()


_BACKSLASHED = BACKSLASH_ESCAPABLE
#: Characters written as references: HTML specials, the table pipe, and characters that are
#: special only with some extensions (where a backslash would show up literally without them).
_REFERENCES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
}
_SPACE_RE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


def _escape_char(c: str) -> str:
    ref = _REFERENCES.get(c)
    if ref is not None:
        return ref
    if c in _BACKSLASHED:
        return "\\" + c
    return c


_TABLE = {ord(c): _escape_char(c) for c in (*_BACKSLASHED, *_REFERENCES)}


def md(text: object) -> Md:
    """`text` as inert Markdown inline text. `None` gives an empty string; `Md` is returned as
    it is (it is escaped already)."""
    if isinstance(text, Md):
        return text
    if text is None:
        return Md("")
    if isinstance(text, Decimal):
        text = format(text, "f")
    return _escape(str(text))


def _escape(text: str) -> Md:
    return Md(_SPACE_RE.sub(" ", text).strip().translate(_TABLE))


def finalize(value: object) -> str:
    """Jinja `finalize`: every `{{ ... }}` result goes through `md` unless it is `Md`."""
    return md(value)
