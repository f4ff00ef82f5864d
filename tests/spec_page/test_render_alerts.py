"""The alerts summary: one row per alert, severity chips, runbook links."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.spec_page.alerts import alerts_summary, severity_chip, severity_level

from helpers.spec_page import make_spec, ops_text, soup, text_of


def rows(html):
    div = soup(html).find("div", class_="opsspec-alerts")
    return div.table.tbody.find_all("tr")


def test_rows(spec_from):
    spec = spec_from()
    seen = []
    html = alerts_summary(spec, lambda rb: seen.append(rb) or "#runbook-1-api-error-spike")
    div = soup(html).find("div", class_="opsspec-alerts")
    assert div.has_attr("data-search-exclude")
    assert [th.get_text() for th in div.thead.find_all("th")] == [
        "Alert",
        "Severity",
        "Condition",
        "Notification",
        "Runbook",
    ]
    first, second = rows(html)
    assert first.th.get_text() == "High Error Rate"
    chip = first.find(class_="opsspec-chip")
    assert chip["class"] == ["opsspec-chip", "opsspec-sev-critical"]
    assert chip.get_text() == "Critical"
    cells = first.find_all("td")
    assert text_of(str(cells[1])) == "Error rate > 1.44% for 5 minutes"
    assert cells[2].find("code").get_text() == "platform-primary"
    a = cells[3].find("a")
    assert a["href"] == "#runbook-1-api-error-spike"
    assert a.get_text() == "Runbook 1: API Error Spike"
    assert "opsspec-sev-high" in second.find(class_="opsspec-chip")["class"]
    assert seen == [spec.operations.alerts[0].runbook, spec.operations.alerts[1].runbook]


@pytest.mark.parametrize(
    "severity,level",
    [
        ("Critical", "critical"),
        ("high", "high"),
        ("Medium", "medium"),
        ("LOW", "low"),
        ("P1", "critical"),
        ("SEV-2", "high"),
        ("**Critical** (page)", "critical"),
        ("Whenever", "unknown"),
        (None, "unknown"),
    ],
)
def test_severity_levels(severity, level):
    assert severity_level(severity) == level
    chip = soup(severity_chip(severity)).span
    assert chip["class"] == ["opsspec-chip", f"opsspec-sev-{level}"]
    assert chip.get_text()  # the word is always visible


def test_missing_severity_chip_text():
    assert soup(severity_chip(None)).span.get_text() == "No severity"


def test_runbook_without_href_is_text_and_none_when_missing():
    alerts = (
        "#### Alert 1: A\n- **Condition**: x\n- **Severity**: Low\n- **Runbook**: Runbook 9\n\n"
        "#### Alert 2: B\n- **Severity**: Low\n"
    )
    spec = make_spec(ops_text(alerts=alerts))
    first, second = rows(alerts_summary(spec, lambda rb: None))
    assert first.find("a") is None
    assert first.find_all("td")[3].get_text() == "Runbook 9"
    assert second.find_all("td")[3].get_text() == "none"
    assert "not stated" in second.find_all("td")[1].get_text()


def test_table_alerts():
    alerts = (
        "| Name | Severity | Condition | Notification | Runbook |\n"
        "|------|----------|-----------|--------------|---------|\n"
        "| Upstream 503 storm | High | 503 ratio > 2% | #edge-oncall | [Runbook 1](#rb-1) |\n"
    )
    spec = make_spec(ops_text(alerts=alerts))
    (row,) = rows(alerts_summary(spec, lambda rb: "#rb-1" if rb else None))
    assert row.th.get_text() == "Upstream 503 storm"
    assert row.find("a")["href"] == "#rb-1"


def test_no_alerts():
    spec = make_spec(ops_text(alerts="None yet.\n"))
    assert alerts_summary(spec, lambda rb: None) == ""
