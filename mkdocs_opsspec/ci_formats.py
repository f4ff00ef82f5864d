"""Findings for CI systems: plain text, GitHub workflow annotations, JUnit XML, SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from . import GENERATOR, __version__
from .model import Finding, Spec, findings_by_path
from .report import source_path
from .rules.registry import RULES
from .words import counted


def _where(f: Finding, prefix: str) -> str:
    return f"{source_path(prefix, f.path)}:{f.line or 1}"


def text_lines(findings: Iterable[Finding], prefix: str) -> Iterator[str]:
    for f in findings:
        note = " (baselined)" if f.baselined else ""
        yield f"{_where(f, prefix)}: {f.severity.value} {f.rule} {f.message}{note}"


def summary_line(specs: int, counts: dict[str, int], baselined: int = 0) -> str:
    """'3 specs checked: 1 error, 2 warnings, 0 infos (1 baselined)'."""
    line = (
        f"{counted(specs, 'spec')} checked: {counted(counts['error'], 'error')}, "
        f"{counted(counts['warning'], 'warning')}, {counted(counts['info'], 'info')}"
    )
    return line + (f" ({baselined} baselined)" if baselined else "")


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_lines(findings: Iterable[Finding], prefix: str) -> Iterator[str]:
    """`::error file=...,line=...,title=OS101::message` workflow commands."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for f in findings:
        kind = "notice" if f.baselined else level[f.severity.value]
        props = f"file={_gh_escape(source_path(prefix, f.path), True)}"
        if f.line:
            props += f",line={f.line}"
        props += f",title={_gh_escape(f.rule, True)}"
        yield f"::{kind} {props}::{_gh_escape(f.message)}"


def junit_xml(specs: list[Spec], findings: list[Finding], prefix: str) -> str:
    """One test case per spec file; each error finding a failure (warnings are in system-out)."""
    by_path = findings_by_path(findings)
    paths = sorted({s.path for s in specs} | set(by_path))
    failures = sum(
        1
        for p in paths
        if any(f.severity.value == "error" and not f.baselined for f in by_path.get(p, []))
    )
    # imported here: xml.sax.saxutils pulls in urllib.request, http.client and ssl (8 ms at
    # every start, for a format few runs ask for)
    from xml.sax.saxutils import escape, quoteattr

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="mkdocs-opsspec" tests="{len(paths)}" failures="{failures}">',
        f'<testsuite name="opsspec" tests="{len(paths)}" failures="{failures}" errors="0">',
    ]
    for p in paths:
        name = quoteattr(source_path(prefix, p))
        out.append(f'<testcase classname="opsspec" name={name}>')
        items = by_path.get(p, [])
        errors = [f for f in items if f.severity.value == "error" and not f.baselined]
        if errors:
            body = "\n".join(f"{_where(f, prefix)}: {f.rule} {f.message}" for f in errors)
            msg = quoteattr(counted(len(errors), "error finding"))
            out.append(f'<failure message={msg} type="opsspec">{escape(body)}</failure>')
        others = [f for f in items if f not in errors]
        if others:
            body = "\n".join(text_lines(others, prefix))
            out.append(f"<system-out>{escape(body)}</system-out>")
        out.append("</testcase>")
    out += ["</testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


def sarif(findings: list[Finding], prefix: str) -> dict[str, Any]:
    used = sorted({f.rule for f in findings})
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": RULES[code].summary},
            "defaultConfiguration": {"level": _sarif_level(RULES[code].severity.value)},
        }
        for code in used
        if code in RULES
    ]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        region = {"startLine": f.line} if f.line else {}
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": source_path(prefix, f.path)},
                **({"region": region} if region else {}),
            }
        }
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": _sarif_level(f.severity.value),
            "message": {"text": f.message},
            "locations": [location],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.baselined:
            result["baselineState"] = "unchanged"
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mkdocs-opsspec",
                        "version": __version__,
                        "fullName": GENERATOR,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }


def sarif_json(findings: list[Finding], prefix: str) -> str:
    return json.dumps(sarif(findings, prefix), indent=2) + "\n"


def _sarif_level(severity: str) -> str:
    return {"error": "error", "warning": "warning", "info": "note"}[severity]
