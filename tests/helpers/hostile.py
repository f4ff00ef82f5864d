"""Hostile text in every field that reaches HTML, for the builds of `test_hostile.py` (the plugin)
and `test_zensical.py` (the Markdown extension and `mkdocs-opsspec generate`): the spec texts,
and the checks of a built site."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
SVG = "<svg onload=window.__pwned=3>"
QUOTE = '" onmouseover="window.__pwned=4" x="'
JS_URL = "javascript:window.__pwned=5"
PAYLOADS = (SCRIPT, IMG, SVG, QUOTE)

OPS = f"""---
name: 'Front {SCRIPT}'
status: '{IMG}'
owner: '{SVG}'
---
# Operations Specification: `{IMG}`

**GUID**: `0000000000e1{SVG}`
**Version**: `1.0.0{QUOTE}`
**Status**: `Approved{SCRIPT}`
**Last Updated**: `2026-10-01{IMG}`

## Deployment

### Deployment Steps

1. `{SCRIPT}`

### Rollback Procedure

1. `{IMG}`

**RTO** (Recovery Time Objective): `10 minutes{SCRIPT}`
**RPO** (Recovery Point Objective): `{IMG}`

## Monitoring

### Health Checks

**Endpoint**: `/healthz{SVG}`
**Check Frequency**: `{SCRIPT}`
**Success Criteria**: `{QUOTE}`

### Alerts

#### Alert 1: `{SCRIPT}`
- **Condition**: `Error rate > 1% {IMG}`
- **Severity**: `Critical{SVG}`
- **Notification**: `{QUOTE}`
- **Runbook**: `{JS_URL}`

#### Alert 2: High errors
- **Condition**: Error rate > 1% for 5 minutes
- **Severity**: High
- **Notification**: `{IMG}`
- **Runbook**: `{JS_URL}`

| Alert | Condition | Severity | Channel | Runbook |
|-------|-----------|----------|---------|---------|
| `{SVG}` | `{SCRIPT}` | `{IMG}` | `{QUOTE}` | `{JS_URL}` |

## Backup & Recovery

### Backup Strategy
- **Frequency**: `{SCRIPT}`
- **Retention**: `{IMG}`

## Runbooks

### Runbook 1: `{IMG}`

**When to use**: `{SCRIPT}`

**Steps**:
1. `{SVG}`

**Escalation**: `{QUOTE}`

## Dependencies

### Upstream Dependencies
- **`{SCRIPT}`** (`ybs-spec_0000000000e2`): `{IMG}`
- **Unknown** (`ybs-spec_00000000dead`): `{SVG}`

## SLOs (Service Level Objectives)

| Metric | Target | Measurement Window |
|--------|--------|--------------------|
| Availability `{SCRIPT}` | `99.9%{IMG}` | `30 days{SVG}` |
| `{QUOTE}` | 99.9% | 30 days |
| Error rate | < 0.1% | `{SCRIPT}` |

## Disaster Recovery

**RTO**: `{SVG}`
**RPO**: `1 hour{QUOTE}`

## Related Specifications

- **`{SCRIPT}`**: `{JS_URL}`
- **Technical**: `technical/ybs-spec_0000000000e1.md{IMG}`
"""

TECH = f"""# Technical Specification: `{SCRIPT}`

**GUID**: 0000000000e1
**Version**: `{IMG}`
**Status**: `{SVG}`
**Last Updated**: 2026-10-01

## Dependencies

### Required (Must implement first)
- `ybs-spec_0000000000e2`  # `{SCRIPT}`

### Dependents (What depends on this)
- `ybs-spec_0000000000e2`  # {SVG}
"""

OTHER = f"""---
class: '{IMG}'
---
# Technical Specification: Other `{QUOTE}`

**GUID**: 0000000000e2
**Version**: 1.0.0
**Status**: Draft
**Last Updated**: 2026-10-01

## Dependencies

### Required (Must implement first)
- `ybs-spec_0000000000e1`  # cycle back
"""

BASE = f"""# Operations BASE Specification

**Version**: 1.0.0

## Backups

### Backup Strategy
- **Frequency**: `{SCRIPT}`
- **Retention**: `{IMG}`

### Disaster Recovery

**RTO**: `{SVG}`
**RPO**: 1 hour
"""


#: docs path -> text of the hostile site.
DOCS = {
    "operations/ybs-spec_0000000000e1.md": OPS,
    "technical/ybs-spec_0000000000e1.md": TECH,
    "technical/ybs-spec_0000000000e2.md": OTHER,
    "operations/_BASE.md": BASE,
    "index.md": "# Home\n",
}


def write_docs(docs: Path) -> None:
    for rel, text in DOCS.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(text, "utf-8")


def ours(soup: BeautifulSoup, rel: str) -> list:
    """The parts of a page we wrote: generated pages whole, injected fragments."""
    if rel.startswith("opsspec/"):
        return [soup.find("article") or soup]
    return soup.select("[class^=opsspec-], [class*=' opsspec-'], table:has(th.opsspec-slo-extra)")


#: The elements of the dependency graph pictures (no foreignObject, no script, no image).
GRAPH_ELEMENTS = {"defs", "marker", "g", "path", "a", "rect", "text", "title"}


def assert_no_live_markup(site: Path) -> None:
    """No script, image, handler or `javascript:` URL in what we wrote, and the payload text
    shown as text in the header strip."""
    pages = sorted(site.rglob("*.html"))
    assert any("opsspec/features/" in p.as_posix() for p in pages)
    checked = 0
    for path in pages:
        rel = path.relative_to(site).as_posix()
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for part in ours(soup, rel):
            checked += 1
            assert not part.find_all(["script", "img", "iframe", "object"]), rel
            for svg in part.find_all("svg"):  # only the dependency graph's, of our elements
                assert svg["class"] in (["opsspec-graph-svg"], ["opsspec-graph-swatch"]), rel
                assert {el.name for el in svg.find_all(True)} <= GRAPH_ELEMENTS, rel
            for el in [part, *part.find_all(True)]:
                for name, value in el.attrs.items():
                    assert not name.lower().startswith("on"), (rel, el.name, name)
                    text = " ".join(value) if isinstance(value, list) else str(value)
                    assert "javascript:" not in text.lower(), (rel, el.name, name, text)
    assert checked > 20
    spec = (site / "operations/ybs-spec_0000000000e1/index.html").read_text("utf-8")
    strip = BeautifulSoup(spec, "html.parser").find(class_="opsspec-strip")
    assert "onerror" in strip.get_text() or "script" in strip.get_text()


def assert_no_payload_runs(site: Path) -> None:
    """Headless Chromium loads every page, hovers every link we made: no payload runs."""
    from helpers.browser import browser, serve_dir

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    with serve_dir(site) as base, browser() as chrome:
        page = chrome.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in pages:
            page.goto(base + rel)
            # hover and click everything we made, in case a handler slipped through
            for el in page.query_selector_all(".opsspec-strip a, .opsspec-alerts a"):
                el.hover()
            assert page.evaluate("window.__pwned") is None, rel
        page.close()
    assert dialogs == []
