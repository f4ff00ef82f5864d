"""Small helpers every rule module uses: building a finding and quoting values in messages."""

from __future__ import annotations

from ..model import Finding, Severity, Spec
from .registry import Rule


def quote(value: object, limit: int = 60) -> str:
    """'value' for messages: whitespace collapsed, cut to `limit` characters."""
    shown = " ".join(str(value).split())
    if len(shown) > limit:
        shown = shown[: limit - 3] + "..."
    return f"'{shown}'"


def finding(
    spec: Spec, rule: Rule, line: int | None, message: str, severity: Severity | None = None
) -> Finding:
    return Finding(spec.path, line, severity or rule.severity, rule.code, message)


def plain(value: str | None) -> str:
    """A value without code marks, emphasis and surrounding whitespace, spaces collapsed."""
    if not value:
        return ""
    if "`" not in value and "*" not in value and "_" not in value and "  " not in value:
        return value.strip()
    v = value.replace("`", "")
    if "**" in v:
        v = v.replace("**", "")
    return " ".join(v.strip(" \t*_").split())


def joined(items: list[str], word: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (with `word` before the last)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"
