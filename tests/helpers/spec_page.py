"""Helpers for the renderer tests: operations specs built from text, and HTML checks."""

from __future__ import annotations

import datetime
import re

from bs4 import BeautifulSoup

from mkdocs_opsspec.model import Spec
from mkdocs_opsspec.parser import parse_file

REFERENCE = datetime.date(2026, 11, 26)

SLO_TABLE = """\
| Metric | Target | Measurement Window |
|--------|--------|--------------------|
| Availability | 99.9% | 30 days |
| Error rate | < 0.1% | 30 days |
| Latency p99 | < 300ms | 30 days |
"""

ALERTS = """\
#### Alert 1: High Error Rate
- **Condition**: Error rate > 1.44% for 5 minutes
- **Severity**: Critical
- **Notification**: PagerDuty `platform-primary`
- **Runbook**: [Runbook 1: API Error Spike](#runbook-1-api-error-spike)

#### Alert 2: Slow
- **Condition**: p99 > 300ms for 10 minutes
- **Severity**: High
- **Notification**: Slack `#alerts`
- **Runbook**: [Runbook 1: API Error Spike](#runbook-1-api-error-spike)
"""


def ops_text(
    *,
    name: str = "Order Intake API",
    guid: str = "3f9a1c7e2b04",
    version: str = "1.2.0",
    status: str = "Approved",
    updated: str = "2026-10-07",
    slos: str = SLO_TABLE,
    alerts: str = ALERTS,
    rollback_rto: str = "10 minutes",
    rollback_rpo: str = "0 (no data loss)",
    dr_rto: str = "1 hour",
    dr_rpo: str = "5 minutes",
    backup: str = "- **Frequency**: Every 5 minutes (WAL archiving), daily full snapshot\n"
    "- **Retention**: 35 days\n"
    "- **Location**: AWS Backup vault\n",
) -> str:
    return f"""# Operations Specification: {name}

**GUID**: {guid}
**Version**: {version}
**Status**: {status}
**Last Updated**: {updated}

## Overview

The service.

## Deployment

### Rollback Procedure

If deployment fails:
1. Abort the rollout
2. Verify

**RTO** (Recovery Time Objective): {rollback_rto}
**RPO** (Recovery Point Objective): {rollback_rpo}

## Monitoring

### Alerts

{alerts}
## Backup & Recovery

### Backup Strategy

{backup}
## Runbooks

### Runbook 1: API Error Spike

**When to use**: Alert 1 fires

**Steps**:
1. Look
2. Fix

**Escalation**: Secondary on-call

## SLOs (Service Level Objectives)

{slos}
## Disaster Recovery

**RTO**: {dr_rto}
**RPO**: {dr_rpo}
"""


def make_spec(text: str, path: str = "operations/ybs-spec_3f9a1c7e2b04.md") -> Spec:
    spec, _ = parse_file(path, text.encode())
    assert spec is not None, "not detected as a spec"
    return spec


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def text_of(html: str) -> str:
    """The visible text, whitespace collapsed."""
    return re.sub(r"\s+", " ", soup(html).get_text()).strip()


def assert_harmless(html: str) -> None:
    """No script or img element, no event handler attribute, no non-http(s) link."""
    doc = soup(html)
    assert doc.find("script") is None, html
    assert doc.find("img") is None, html
    assert doc.find("iframe") is None, html
    for el in doc.find_all(True):
        for attr, value in el.attrs.items():
            assert not attr.lower().startswith("on"), f"{attr} on <{el.name}> in {html}"
            if attr in ("href", "src", "action", "formaction"):
                v = value if isinstance(value, str) else " ".join(value)
                scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", v)
                assert scheme is None or scheme.group(1).lower() in ("http", "https"), v
