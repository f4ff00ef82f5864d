"""Glob patterns over docs_dir-relative paths: `*` and `?` stay in one folder, `**` spans any."""

from __future__ import annotations

import re
from collections.abc import Iterable


def _compile(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    p = pattern.lstrip("/")
    while i < len(p):
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif p.startswith("**", i):
            out.append(".*")
            i += 2
        elif p[i] == "*":
            out.append("[^/]*")
            i += 1
        elif p[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(p[i]))
            i += 1
    body = "".join(out)
    # a pattern without a slash matches the file name at any depth, as in .gitignore
    prefix = "" if "/" in pattern.strip("/") or pattern.startswith("/") else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


def matches_any(path: str, patterns: Iterable[str]) -> bool:
    return any(_compile(p).match(path) for p in patterns)
