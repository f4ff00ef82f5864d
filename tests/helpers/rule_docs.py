"""The rules' documented examples checked the way `check` checks them: written into a docs tree
(with a mkdocs.yml holding the example's plugin options, and its monitoring files beside it),
then analysed with the options that config gives, on a fixed reference date.

An example that is part of a spec (`Example.part`) is completed with `FRAME`, a complete and
clean operations spec written by hand (a test holds that it gives no finding): the example's
header stands for FRAME's header, each of its top-level sections for FRAME's section of the
same heading (with that section's subsections), a section FRAME lacks is added at the end, and
front matter goes on top.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import yaml

from mkdocs_opsspec.analysis import analyse
from mkdocs_opsspec.model import Finding
from mkdocs_opsspec.plugin.config import load_options
from mkdocs_opsspec.rules.docs import Example, ExampleFile
from mkdocs_opsspec.scan import docs_files
from mkdocs_opsspec.settings import options_from

REFERENCE_DATE = dt.date(2026, 11, 26)

FRAME = """\
# Operations Specification: Checkout

**GUID**: 0123456789ab
**Version**: 1.4.0
**Status**: Approved
**Last Updated**: 2026-10-02

## Overview

Checkout takes a customer's basket and turns it into an order.

## Deployment

### Rollback Procedure

1. `kubectl rollout undo deployment/checkout`
2. Watch the error rate on the Checkout dashboard for 10 minutes.

**RTO**: 15 minutes
**RPO**: 0 (a rollback writes no data)

## Monitoring

### Health Checks

**Endpoint**: `/healthz`
**Check Frequency**: Every 30 seconds
**Success Criteria**: Status code 200 within 500ms

### Alerts

#### Alert 1: Checkout errors
- **Condition**: Error rate > 2% for 5 minutes
- **Severity**: High
- **Notification**: PagerDuty, checkout on-call
- **Runbook**: [Checkout errors](#runbook-checkout-errors)

## Backup & Recovery

### Backup Strategy
- **Frequency**: Every hour
- **Retention**: 30 days

## Runbooks

### Runbook: Checkout errors

1. Check the latest deployment; roll back if it is less than an hour old.
2. Check the payment provider's status page.

## SLOs (Service Level Objectives)

| Metric | Target | Measurement Window |
|--------|--------|--------------------|
| Availability | 99.9% | 30 days |
| Error rate | < 1% | 30 days |

## Disaster Recovery

**RTO**: 4 hours
**RPO**: 1 hour
"""

_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(index, level, text) of the ATX headings outside code fences."""
    out: list[tuple[int, int, str]] = []
    fence = ""
    for k, line in enumerate(lines):
        m = _FENCE_RE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            continue
        if m:
            fence = m.group(1)
            continue
        h = _HEADING_RE.match(line)
        if h:
            out.append((k, len(h.group(1)), h.group(2)))
    return out


def _front_matter(lines: list[str]) -> tuple[list[str], list[str]]:
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        return lines[: end + 1], lines[end + 1 :]
    return [], lines


def complete(part: str, frame: str = FRAME) -> str:
    """The operations spec that `part` is part of (see the module's docstring)."""
    front, body = _front_matter(part.splitlines())
    out = frame.splitlines()
    found = _headings(body)
    first_section = next((k for k, level, _ in found if level > 1), len(body))
    header = body[:first_section]
    while header and not header[0].strip():
        header.pop(0)
    if header:
        if not header[0].startswith("# "):
            raise ValueError(f"a part's text before its sections must be a header: {header}")
        frame_first = next(k for k, level, _ in _headings(out) if level > 1)
        out = header + ([""] if header[-1].strip() else []) + out[frame_first:]
    if front:
        front.append("")
    blocks: list[tuple[int, int, str]] = []  # the part's top-level sections
    for k, level, text in found:
        if k >= first_section and (not blocks or level <= blocks[-1][1]):
            blocks.append((k, level, text))
    for i, (k, level, text) in enumerate(blocks):
        end = blocks[i + 1][0] if i + 1 < len(blocks) else len(body)
        section = body[k:end]
        while section and not section[-1].strip():
            section.pop()
        heads = _headings(out)
        at = next((j for j, (_, lv, t) in enumerate(heads) if lv == level and t == text), None)
        if at is None:
            out = [*out, "", *section]
            continue
        start = heads[at][0]
        stop = next((h[0] for h in heads[at + 1 :] if h[1] <= level), len(out))
        out = out[:start] + section + [""] + out[stop:]
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(front + out) + "\n"


def file_text(text: str, part: bool) -> str:
    return complete(text) if part else text


def write_example(example: Example, root: Path) -> Path:
    """The example's files under `root` (docs in `root/docs`); returns its mkdocs.yml."""
    docs = root / "docs"
    files = [
        ExampleFile(example.path, example.text, example.part),
        *example.files,
    ]
    for f in files:
        target = docs / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        encoding = example.encoding if f.path == example.path else "utf-8"
        target.write_bytes(file_text(f.text, f.part).encode(encoding))
    for f in example.monitoring:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f.text, "utf-8")
    settings = yaml.safe_load(example.settings) or {}
    config = {"site_name": "Example", "plugins": [{"opsspec": settings} if settings else "opsspec"]}
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return config_file


def example_findings(example: Example, root: Path) -> list[Finding]:
    """What `check` reports on the example's files, with its plugin options, on REFERENCE_DATE."""
    config_file = write_example(example, root)
    settings = yaml.safe_load(example.settings) or {}
    config = load_options(settings, str(config_file))
    docs = root / "docs"
    options = options_from(config, str(config_file), str(docs))
    options = dataclasses.replace(options, reference_date=REFERENCE_DATE)
    listing = docs_files(docs, None)
    return analyse(list(listing.markdown.items()), options, other_paths=listing.others).findings
