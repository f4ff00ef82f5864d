"""Fixture specs for the catalog, readiness and page tests: Markdown text parsed and analysed
as a build would (reference date 2026-11-26)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from mkdocs_opsspec.analysis import Analysis, Options, analyse
from mkdocs_opsspec.catalog import Catalog, build_catalog
from mkdocs_opsspec.generated_pages.common import PageOptions
from mkdocs_opsspec.readiness import Readiness, ReadinessOptions, assess_catalog

REFERENCE = dt.date(2026, 11, 26)

HEALTH = """\
### Health Checks

**Endpoint**: `/healthz`
**Check Frequency**: Every 30 seconds
**Success Criteria**: Status code 200, response time < 200ms
"""

ALERTS = """\
### Alerts

#### Alert 1: High Error Rate
- **Condition**: Error rate > 1.44% for 5 minutes
- **Severity**: Critical
- **Notification**: PagerDuty `primary`
- **Runbook**: [Runbook 1: API Error Spike](#runbook-1-api-error-spike)

#### Alert 2: Slow Responses
- **Condition**: Latency p99 > 300ms for 10 minutes
- **Severity**: Medium
- **Notification**: Slack `#alerts`
- **Runbook**: [Runbook 1: API Error Spike](#runbook-1-api-error-spike)
"""

BACKUPS = """\
### Backup Strategy

- **Frequency**: Every 5 minutes (WAL archiving)
- **Retention**: 35 days
- **Location**: Backup vault in another region
"""

NO_DATA_BACKUPS = """\
### Backup Strategy

The service is stateless: it holds no data, so there is nothing to back up.
"""

SLOS = """\
## SLOs (Service Level Objectives)

| Metric | Target | Measurement Window |
|--------|--------|--------------------|
| Availability | 99.9% | 30 days |
| Error rate | < 0.1% | 30 days |
| Latency p99 | < 300ms | 30 days |
"""

DR = """\
## Disaster Recovery

**RTO**: 1 hour
**RPO**: 5 minutes
"""

NO_DATA_DR = """\
## Disaster Recovery

**RTO**: 1 hour
**RPO**: N/A (stateless, no data held)
"""


def operations_spec(
    guid: str,
    name: str,
    *,
    status: str = "Approved",
    version: str = "1.0.0",
    updated: str = "2026-10-01",
    health: str | None = HEALTH,
    alerts: str = ALERTS,
    backups: str = BACKUPS,
    slos: str = SLOS,
    dr: str = DR,
    rollback_rto: str = "10 minutes",
    upstream: str = "- **Database**: writes fail",
    downstream: str = "- **Reporting**: reports are late",
    related: str = "",
    header_extra: str = "",
) -> str:
    """An operations spec that reaches gold with the defaults; parts can be swapped."""
    return f"""\
# Operations Specification: {name}

**GUID**: {guid}
**Version**: {version}
**Status**: {status}
**Last Updated**: {updated}
{header_extra}
## Overview

The {name} service.

## Deployment

### Deployment Steps

1. Deploy with a canary
2. Watch the dashboard

### Rollback Procedure

1. Abort the rollout
2. Verify health

**RTO** (Recovery Time Objective): {rollback_rto}
**RPO** (Recovery Point Objective): 0 (no data loss)

## Monitoring

{health or ""}
{alerts}
## Backup & Recovery

{backups}
## Runbooks

### Runbook 1: API Error Spike

**When to use**: Alert 1 fires

**Steps**:

1. Check the dashboard
2. Roll back if a deploy caused it

**Escalation**: Page the secondary

## Dependencies

### Upstream Dependencies

{upstream}

### Downstream Dependencies

{downstream}

{slos}
{dr}
## Related Specifications

{related}
"""


def technical_spec(
    guid: str,
    name: str,
    *,
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
    dependents: tuple[str, ...] = (),
    conflicts: tuple[str, ...] = (),
    feature_class: str | None = None,
    status: str = "Approved",
) -> str:
    def items(guids: tuple[str, ...]) -> str:
        return "\n".join(f"- `ybs-spec_{g}`  # Feature {g}" for g in guids) or "None."

    klass = f"**Class**: {feature_class}\n" if feature_class else ""
    return f"""\
# Technical Specification: {name}

**GUID**: {guid}
**Version**: 1.0.0
**Status**: {status}
**Last Updated**: 2026-10-01
{klass}
## Overview

How {name} is built.

## Dependencies

### Required (Must implement first)
{items(required)}

### Optional (Nice-to-have)
{items(optional)}

### Conflicts (Mutually exclusive)
{items(conflicts)}

### Dependents (What depends on this)
{items(dependents)}
"""


def simple_spec(spec_type: str, guid: str, name: str, *, status: str = "Approved", extra="") -> str:
    return f"""\
# {spec_type.capitalize()} Specification: {name}

**GUID**: {guid}
**Version**: 1.0.0
**Status**: {status}
**Last Updated**: 2026-10-01
{extra}
## Overview

Text.
"""


@dataclass
class Built:
    analysis: Analysis
    catalog: Catalog
    readiness: dict[str, Readiness]
    options: PageOptions


def build(
    files: dict[str, str] | dict[str, str | bytes],
    *,
    default_class: str | None = None,
    other_paths: tuple[str, ...] = (),
    page_options: PageOptions | None = None,
    rules: dict[str, str] | None = None,
) -> Built:
    # a file given as bytes is read as they are (invalid UTF-8 stays invalid)
    sources = [
        (path, text.encode("utf-8") if isinstance(text, str) else text)
        for path, text in sorted(files.items())
    ]
    analysis = analyse(
        sources,
        Options(reference_date=REFERENCE, feature_class=default_class, rules=rules or {}),
        other_paths=other_paths,
    )
    catalog = build_catalog(
        analysis.specs,
        analysis.findings,
        default_class=default_class,
        doc_paths=[*files, *other_paths],
    )
    readiness = assess_catalog(catalog, ReadinessOptions(reference_date=REFERENCE))
    options = page_options or PageOptions(reference_date=REFERENCE)
    return Built(analysis, catalog, readiness, options)


def page_html(text: str, extensions: list[str] | None = None) -> BeautifulSoup:
    """A generated page as MkDocs renders it: front matter taken off, then Python-Markdown."""
    body, _meta = get_data(text)
    return BeautifulSoup(
        markdown.markdown(body, extensions=extensions or ["tables"]), "html.parser"
    )


def page_title(text: str) -> str:
    """A generated page's `title` (its front matter's: HTML text, as themes use it)."""
    return str(get_data(text)[1]["title"])


EXAMPLE_DOCS = Path(__file__).resolve().parents[2] / "example-site" / "docs"


def example() -> tuple[dict[str, str], list[str]]:
    """The example site's Markdown files (path -> text) and its other files."""
    files = sorted(p for p in EXAMPLE_DOCS.rglob("*") if p.is_file())
    docs = {
        p.relative_to(EXAMPLE_DOCS).as_posix(): p.read_text("utf-8")
        for p in files
        if p.suffix == ".md"
    }
    others = [p.relative_to(EXAMPLE_DOCS).as_posix() for p in files if p.suffix != ".md"]
    return docs, others
