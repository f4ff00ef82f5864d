"""Baselines for adopting the plugin on a site with existing findings.

`mkdocs-opsspec baseline` writes the current findings as entries of path, rule and a fingerprint
of the offending text (the finding's source line, whitespace-normalised; the message when there
is no line), so entries survive lines moving up or down. With the `baseline` option set, a
finding matching an entry is reported as baselined and never fails a build; entries that match
nothing any more are listed so the file can be pruned.
"""

from __future__ import annotations

import hashlib
import json
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
    for) and return (findings, entries that matched nothing)."""
    budget = Counter(entries)
    lines = _lines_by_path(specs)
    out = []
    for f in findings:
        key = Entry(f.path, f.rule, fingerprint(f, lines.get(f.path)))
        if budget[key] > 0:
            budget[key] -= 1
            out.append(replace(f, baselined=True))
        else:
            out.append(f)
    unmatched = sorted(
        (e for e, n in budget.items() for _ in range(n)), key=lambda e: (e.path, e.rule)
    )
    return out, unmatched
