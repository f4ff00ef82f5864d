"""The one place where HTML is made: escaping, safe links and small element builders.

Every piece of spec text is untrusted. It reaches the page only through `esc` (or `tag`, `link`
and `inline`, which call it). Builders return `Markup`, a `str` that is already HTML; anything
else given to them as a child is escaped. Attribute values are always escaped; `href` values
must pass `safe_href` or the attribute is left out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

from .lexer import inline_text


class Markup(str):
    """A string that is HTML already (made by the builders here). Never wrap spec text in it."""

    __slots__ = ()


AttrValue = str | int | bool | None

_NAME_RE = re.compile(r"^[a-z][a-z0-9]*$")
_ATTR_RE = re.compile(r"^[a-z][a-z0-9-]*$")
_URL_ATTRS = frozenset({"href", "src", "action", "formaction", "cite", "poster", "background"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col"})
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = frozenset({"http", "https"})
# C0 controls, DEL and the characters browsers drop from URLs before looking at the scheme.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1", re.DOTALL)


_SPECIAL_RE = re.compile(r"[&<>\"']")


def esc(text: object) -> str:
    """`text` as HTML text or attribute value: & < > " ' escaped."""
    s = text if type(text) is str else str(text)
    if _SPECIAL_RE.search(s) is None:  # most values: nothing to escape, no five replaces
        return s
    return html.escape(s, quote=True)


def safe_href(url: str | None) -> str | None:
    """`url` if it is a relative URL, a `#fragment` or an http(s) URL; otherwise None.

    `javascript:`, `data:`, `vbscript:` and every other scheme give None, as do URLs with
    control characters (which browsers strip, so `java\\tscript:` would otherwise slip by).
    """
    if url is None:
        return None
    value = url.strip()
    if not value or _CONTROL_RE.search(value):
        return None
    m = _SCHEME_RE.match(value)
    if m is None:
        return value  # relative path, #fragment or //host
    if m.group(1).lower() not in _SAFE_SCHEMES or not value[m.end() :].startswith("//"):
        return None
    return value


def css_slug(text: str) -> str:
    """Lower-case letters, digits and hyphens: safe inside a class name."""
    return _SLUG_RE.sub("-", text.lower()).strip("-")


_CHECKED_NAMES: set[str] = set()  # attribute names that passed the check below
_CHECKED_ELEMENTS: set[str] = set()  # element names that passed the check in `tag`


def _attrs(attrs: Mapping[str, AttrValue] | None) -> str:
    if not attrs:
        return ""
    out: list[str] = []
    for name, value in attrs.items():
        if name not in _CHECKED_NAMES:
            if not _ATTR_RE.match(name) or name.startswith("on"):
                raise ValueError(f"attribute name not allowed: {name!r}")
            _CHECKED_NAMES.add(name)
        if value is None or value is False:
            continue
        if name in _URL_ATTRS:
            value = safe_href(str(value)) if value is not True else None
            if value is None:
                continue
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{esc(value)}"')
    return "".join(out)


def _children(children: Iterable[object]) -> str:
    parts: list[str] = []
    for child in children:
        kind = type(child)
        if kind is Markup:
            parts.append(child)  # type: ignore[arg-type]
        elif kind is str:
            parts.append(esc(child))
        elif child is None or child is False:
            continue
        elif isinstance(child, Markup):
            parts.append(child)
        elif isinstance(child, str | int):
            parts.append(esc(child))
        else:
            parts.append(_children(child))  # type: ignore[arg-type]
    return "".join(parts)


def start_tag(name: str, attrs: Mapping[str, AttrValue] | None = None) -> Markup:
    """`<name attrs>` alone (for an element whose children are placed line by line)."""
    if name not in _CHECKED_ELEMENTS:
        if not _NAME_RE.match(name):
            raise ValueError(f"element name not allowed: {name!r}")
        if name in ("script", "style", "iframe", "object", "embed"):
            raise ValueError(f"element not allowed: {name!r}")
        _CHECKED_ELEMENTS.add(name)
    return Markup(f"<{name}{_attrs(attrs)}>")


def tag(name: str, attrs: Mapping[str, AttrValue] | None = None, *children: object) -> Markup:
    """`<name attrs>children</name>`. Text children are escaped; `Markup` children are not;
    lists of children are flattened; None is skipped. Attribute values are escaped, False/None
    values dropped, True gives a bare attribute (`open`, `data-search-exclude`)."""
    start = start_tag(name, attrs)
    if name in _VOID:
        if children:
            raise ValueError(f"void element <{name}> has no children")
        return Markup(start)
    return Markup(f"{start}{_children(children)}</{name}>")


def join(*children: object, sep: str = "") -> Markup:
    """Children side by side (escaped as in `tag`); `sep` is plain text, escaped."""
    items = [c for c in children if c is not None and c is not False and c != ""]
    if not sep:
        return Markup(_children(items))
    return Markup(esc(sep).join(_children([c]) for c in items))


def link(
    href: str | None, attrs: Mapping[str, AttrValue] | None = None, *children: object
) -> Markup:
    """An `<a>` when `href` is safe, otherwise a `<span>` with the same children."""
    safe = safe_href(href)
    merged = dict(attrs or {})
    if safe is None:
        merged.pop("href", None)
        return tag("span", merged, *children)
    merged["href"] = safe
    return tag("a", merged, *children)


#: Characters a Markdown preprocessor may act on inside a raw HTML block (code fences, snippet
#: includes, macros), written as references in `code_block`.
_INERT = {ord("`"): "&#96;", ord("~"): "&#126;", ord("{"): "&#123;", ord("}"): "&#125;"}


def code_block(text: str, css_class: str, language: str | None = None) -> Markup:
    """`text` as `<pre><code>`, shown exactly as it is: escaped, and with backticks, tildes and
    braces as character references, so that no fence, snippet include or macro in it is acted
    on when the block sits in a Markdown page (a raw HTML block)."""
    attrs = {"class": f"language-{language}"} if language else None
    body = esc(text).translate(_INERT)
    return Markup(
        f"{start_tag('pre', {'class': css_class})}{start_tag('code', attrs)}{body}</code></pre>"
    )


def inline(text: str | None) -> Markup:
    """Table-cell or field text from the spec as HTML: `code spans` become `<code>`, other
    inline Markdown (emphasis, links) is reduced to its text, and everything is escaped."""
    if not text:
        return Markup("")
    parts: list[Markup] = []
    pos = 0
    for m in _CODE_SPAN_RE.finditer(text):
        before = text[pos : m.start()]
        if before:
            parts.append(Markup(esc(_plain(before))))
        parts.append(tag("code", None, m.group(2).strip()))
        pos = m.end()
    rest = text[pos:]
    if rest:
        parts.append(Markup(esc(_plain(rest))))
    return Markup("".join(parts))


def _plain(text: str) -> str:
    """Inline Markdown reduced to text, keeping the spaces at either end."""
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    core = inline_text(text)
    return f"{lead}{core}{trail}" if core else (" " if lead or trail else "")


def summary_box(css_class: str, title: str, head: object, rows: object) -> Markup:
    """A titled summary table kept out of the search index (recovery, alerts)."""
    return tag(
        "div",
        {"class": css_class, "data-search-exclude": True},
        tag("p", {"class": "opsspec-summary-title"}, title),
        tag("table", {"aria-label": title}, head, tag("tbody", None, rows)),
    )
