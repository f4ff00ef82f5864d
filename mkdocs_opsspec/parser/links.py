"""Links between specs: Related Specifications, dependency lists, and `$ref` references."""

from __future__ import annotations

import re

from ..lexer import Document
from ..model import Dependency, RefLink, RelatedSpec, Section
from .scope import Scope, clean_value, item_text, line_entry, section_lines

_GUID_REF_RE = re.compile(r"ybs-spec_([0-9a-f]{12})(?![0-9a-zA-Z])")
_LINK_TARGET_RE = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE_RE = re.compile(r"`([^`]+)`")
_BOLD_NAME_RE = re.compile(r"\*\*([^*]+?)\*\*")
_CODE_SPAN_RE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_REF_RE = re.compile(r"\$ref:([^\s#`)\]>]+)(?:#([\w.-]+))?")
_COMMENT_NAME_RE = re.compile(r"#\s*(.+?)\s*(?:[-–—:]\s.*)?$")

DEPENDENCY_SECTIONS = ("required", "optional", "conflicts", "dependents")
OPERATIONS_DEPENDENCY_SECTIONS = {
    "upstream_dependencies": "upstream",
    "downstream_dependencies": "downstream",
}


def read_related(doc: Document, sections: list[Section]) -> list[RelatedSpec]:
    out: list[RelatedSpec] = []
    for section in [s for s in sections if s.key == "related_specifications"]:
        for line in section_lines(doc, section):
            if not line.item:
                continue
            kv = line_entry(line.text, False)  # `key_value(line)`
            label = kv[0] if kv else ""
            # the whole item: a code span or link after the label is the target, whatever it is
            target = _link_target(item_text(line) if kv is None else _after_label(line.text))
            if target is None:
                continue
            out.append(RelatedSpec(label, target, line.line))
    return out


def _after_label(text: str) -> str:
    """The text of a `- **Label**: value` item after the label."""
    end = text.find("**", text.find("**") + 2)
    return text[end + 2 :].lstrip(" \t:") if end != -1 else text


def _link_target(text: str) -> str | None:
    m = _LINK_TARGET_RE.search(text)
    if m:
        return m.group(1)
    m = _CODE_RE.search(text)
    if m:
        return m.group(1).strip()
    value = clean_value(text)
    if value.endswith(".md") and " " not in value:
        return value
    return None


def read_dependencies(
    doc: Document, sections: list[Section], kinds: dict[str, str]
) -> list[Dependency]:
    """List items under the sections whose keys are in `kinds` (section key -> dependency kind)."""
    out: list[Dependency] = []
    for section in [s for s in sections if s.key in kinds]:
        kind = kinds[section.key]  # type: ignore[index]
        for line in section_lines(doc, section):
            if not line.item:
                continue
            text = item_text(line)
            m = _GUID_REF_RE.search(text) if "ybs-spec_" in text else None
            guid = m.group(1) if m else None
            out.append(Dependency(kind, text, line.line, guid, _dependency_name(text)))
    return out


def _dependency_name(text: str) -> str | None:
    m = _BOLD_NAME_RE.search(text) if "**" in text else None
    if m:
        return m.group(1).strip().rstrip(":").strip()
    if "#" in text:
        m = _COMMENT_NAME_RE.search(text.split("`")[-1] if "`" in text else text)
        if m:
            return m.group(1).strip()
    return None


def read_refs(scope: Scope) -> list[RefLink]:
    """`$ref:path#anchor` references; one inside inline code (`` `$ref:x.md#a` ``) shows the
    syntax and references nothing."""
    out: list[RefLink] = []
    for line in scope.lines():
        if "$ref:" not in line.text:
            continue
        spans = [(m.start(), m.end()) for m in _CODE_SPAN_RE.finditer(line.text)]
        for m in _REF_RE.finditer(line.text):
            if any(a <= m.start() < b for a, b in spans):
                continue
            out.append(RefLink(target=m.group(1), anchor=m.group(2), line=line.line))
    return out
