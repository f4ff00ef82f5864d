"""Hostile spec text in every rendered field stays text: no script or img element, no event
handler attribute, no javascript: link."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.model import Finding, Severity
from mkdocs_opsspec.spec_page.alerts import alerts_summary
from mkdocs_opsspec.spec_page.badge import status_badge
from mkdocs_opsspec.spec_page.context import SiblingLink
from mkdocs_opsspec.spec_page.findings_block import findings_block
from mkdocs_opsspec.spec_page.header_strip import header_strip
from mkdocs_opsspec.spec_page.recovery import recovery_summary
from mkdocs_opsspec.spec_page.slo_table import slo_tables

from helpers.spec_page import assert_harmless, make_spec, ops_text, soup

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
QUOTE = '" onmouseover="x'
JS = "javascript:alert(1)"
HOSTILE = (SCRIPT, IMG, QUOTE, JS)


def hostile_spec(payload: str):
    slos = (
        "| Metric | Target | Measurement Window |\n|---|---|---|\n"
        f"| {payload} | {payload} | {payload} |\n"
        f"| Availability {payload} | 99.9% | 30 days |\n"
    )
    alerts = (
        f"#### Alert 1: {payload}\n"
        f"- **Condition**: {payload}\n"
        f"- **Severity**: {payload}\n"
        f"- **Notification**: {payload}\n"
        f"- **Runbook**: {payload}\n\n"
        f"#### Alert 2: x\n- **Severity**: Critical\n- **Runbook**: [{payload}]({JS})\n\n"
        f"| Alert | Severity | Condition | Notification | Runbook |\n|---|---|---|---|---|\n"
        f"| {payload} | {payload} | {payload} | {payload} | {payload} |\n"
    )
    backup = f"- **Frequency**: {payload}\n- **Retention**: {payload}\n"
    text = ops_text(
        name=payload,
        guid=payload,
        version=payload,
        status=payload,
        updated=payload,
        slos=slos,
        alerts=alerts,
        rollback_rto=payload,
        rollback_rpo=payload,
        dr_rto=payload,
        dr_rpo=payload,
        backup=backup,
    )
    return make_spec(text)


def rendered(payload: str, ctx) -> list[str]:
    spec = hostile_spec(payload)
    siblings = [
        SiblingLink("business", JS, payload, "present"),
        SiblingLink(payload, payload, payload, "present"),
        SiblingLink("testing", None, None, payload),
        SiblingLink("operations", None, payload, "self"),
    ]
    findings = [
        Finding(spec.path, line, sev, payload, payload)
        for line, sev in ((None, Severity.ERROR), (3, Severity.WARNING), (5, Severity.INFO))
    ]
    findings += [
        Finding(spec.path, spec.operations.rollback.rto.line, Severity.ERROR, "OS401", payload)
    ]
    slo_findings = [
        Finding(spec.path, s.line, Severity.ERROR, payload, payload) for s in spec.operations.slos
    ]
    tables = slo_tables(spec, slo_findings, lambda line: payload).values()
    out = [
        status_badge(payload, ctx),
        header_strip(spec, siblings, ctx),
        findings_block(spec, findings, lambda line: JS if line == 3 else payload),
        recovery_summary(spec, findings),
        alerts_summary(spec, lambda runbook: runbook),  # a careless href: the raw text
        alerts_summary(spec, lambda runbook: JS),
        *(h for t in tables for h in t.headers),
        *(cell for t in tables for cells, _ in t.rows for cell in cells),
        *(t.notes for t in tables),
    ]
    return out


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_harmless_everywhere(payload, ctx):
    for html in rendered(payload, ctx):
        assert_harmless(html)


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_is_still_shown_as_text(payload, ctx):
    spec = hostile_spec(payload)
    assert spec.status == payload  # the parser kept it: the test really exercises escaping
    strip = soup(header_strip(spec, [], ctx))
    assert payload in strip.get_text()
    assert strip.find("button")["data-copy"] == spec.guid
    alerts = soup(alerts_summary(spec, lambda runbook: runbook))
    assert payload in alerts.get_text()


def test_javascript_runbook_is_not_a_link(ctx):
    spec = hostile_spec(JS)
    html = alerts_summary(spec, lambda runbook: runbook)
    first = soup(html).find("tbody").find("tr")  # Alert 1, whose runbook is the bare URL
    assert first.find("a") is None
    assert first.find_all("td")[3].get_text() == JS
    for a in soup(html).find_all("a"):
        assert not a["href"].lower().startswith("javascript")


def test_findings_message_is_escaped(ctx):
    spec = hostile_spec("x")
    html = findings_block(spec, [Finding(spec.path, 1, Severity.ERROR, "OS1", SCRIPT)], str)
    assert "&lt;script&gt;" in html
    assert soup(html).find("script") is None
