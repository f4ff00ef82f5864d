"""Baselines for adopting the plugin on a site with existing findings.

`mkdocs-opsspec baseline` writes the current findings as entries of path, rule and a fingerprint
of the offending text (the finding's source line, whitespace-normalised; the message when there
is no line), so entries survive lines moving up or down. With the `baseline` option set, a
finding matching an entry is reported as baselined and never fails a build; entries that match
nothing any more are listed so the file can be pruned.

Baselines written before 0.x (issue 16) still match: findings of one cause that were several
(OS201, OS401, OS502, OS601) are now one on the same line, which uses up one of their entries
(the rest are listed as matching nothing); a finding that moved from a block's heading to the
line of its value (OS501: the `**Severity**:` line, not the alert heading) matches an entry
written for that heading. Entries that match nothing otherwise (a merged finding of a spec
without a title line, whose message changed) are listed; `mkdocs-opsspec baseline` names them
when it rewrites the file.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from . import GENERATOR
from .model import Finding, Spec

BASELINE_VERSION = 1


@dataclass(frozen=True)
class Entry:
    path: str
    rule: str
    fingerprint: str


def fingerprint(finding: Finding, lines: list[str] | None) -> str:
    if finding.line is not None and lines is not None and 0 < finding.line <= len(lines):
        text = " ".join(lines[finding.line - 1].split())
    else:
        text = finding.message
    return hashlib.sha256(f"{finding.rule}\0{text}".encode()).hexdigest()[:16]


def _lines_by_path(specs: Iterable[Spec]) -> dict[str, list[str]]:
    return {s.path: s.document.lines for s in specs if s.document is not None}


def entries_for(findings: Iterable[Finding], specs: Iterable[Spec]) -> list[Entry]:
    lines = _lines_by_path(specs)
    return [Entry(f.path, f.rule, fingerprint(f, lines.get(f.path))) for f in findings]


def dumps(entries: list[Entry]) -> str:
    data = {
        "baseline": BASELINE_VERSION,
        "generator": GENERATOR,
        "findings": [
            {"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint}
            for e in sorted(entries, key=lambda e: (e.path, e.rule, e.fingerprint))
        ],
    }
    return json.dumps(data, indent=2) + "\n"


class BaselineError(ValueError):
    pass


def loads(text: str) -> list[Entry]:
    try:
        data: Any = json.loads(text)
        return [
            Entry(str(e["path"]), str(e["rule"]), str(e["fingerprint"])) for e in data["findings"]
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise BaselineError(
            f"not a baseline file written by 'mkdocs-opsspec baseline': {exc}"
        ) from exc


def apply(
    findings: list[Finding], specs: Iterable[Spec], entries: list[Entry]
) -> tuple[list[Finding], list[Entry]]:
    """Mark findings that match an entry (each entry matches as many findings as it was written
    for) and return (findings, entries that matched nothing). A finding that matches no entry
    may match one written for the heading of the block it is in (see the module's docstring)."""
    budget = Counter(entries)
    spec_list = list(specs)
    lines = _lines_by_path(spec_list)
    out = list(findings)
    unmatched: list[int] = []
    for k, f in enumerate(out):
        key = Entry(f.path, f.rule, fingerprint(f, lines.get(f.path)))
        if budget[key] > 0:
            budget[key] -= 1
            out[k] = replace(f, baselined=True)
        else:
            unmatched.append(k)
    if unmatched and +budget:
        headings = _heading_lines(spec_list)
        for k in unmatched:
            f = out[k]
            above = _heading_above(headings.get(f.path, []), f.line)
            if above is None:
                continue
            key = Entry(f.path, f.rule, fingerprint(replace(f, line=above), lines.get(f.path)))
            if budget[key] > 0:
                budget[key] -= 1
                out[k] = replace(f, baselined=True)
    left = sorted((e for e, n in budget.items() for _ in range(n)), key=lambda e: (e.path, e.rule))
    return out, left


def _heading_lines(specs: list[Spec]) -> dict[str, list[int]]:
    return {s.path: [h.line for h in s.document.headings] for s in specs if s.document is not None}


def _heading_above(headings: list[int], line: int | None) -> int | None:
    """The line of the last heading before `line` (None: no line, no heading, or a heading)."""
    if line is None:
        return None
    k = bisect_left(headings, line)
    if k < len(headings) and headings[k] == line:
        return None  # the finding is on a heading already
    return headings[k - 1] if k else None
