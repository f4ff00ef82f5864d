"""Alert rules (OS501-OS506): fixtures with hand-counted lines, and near misses."""

from __future__ import annotations

import time

import pytest

from mkdocs_opsspec.rules import alerts

from helpers.rules import assert_registered, findings, header, rows

FILLER = "- **Dashboard**: Grafana `checkout`"
RUNBOOK_DOCS = ("runbooks/db.md", "runbooks/index.md", "operations/ybs-spec_0123456789ab.md")


def spec(
    name: str = "High Error Rate",
    condition: str | None = "Error rate > 5% for 5 minutes",
    severity: str | None = "Critical",
    notification: str | None = "PagerDuty `checkout-primary`",
    runbook: str | None = "[Runbook 2: Error Spike](#runbook-2-error-spike)",
    slo_target: str = "< 1%",
    slo_window: str = "30 days",
    title: str = "# Operations Specification: Checkout",
) -> str:
    """The alert is on line 8 (fields on lines 9-12); runbooks on 16 and 21; the SLO row 30."""
    lines = [
        *header(title),  # lines 1-5
        "### Alerts",  # 6
        "",  # 7
        f"#### Alert 1: {name}",  # 8
        f"- **Condition**: {condition}" if condition is not None else FILLER,  # 9
        f"- **Severity**: {severity}" if severity is not None else FILLER,  # 10
        f"- **Notification**: {notification}" if notification is not None else FILLER,  # 11
        f"- **Runbook**: {runbook}" if runbook is not None else FILLER,  # 12
        "",  # 13
        "## Runbooks",  # 14
        "",  # 15
        "### Runbook 1: Database Failover",  # 16
        "",  # 17
        "**Steps**:",  # 18
        "1. Promote the replica",  # 19
        "",  # 20
        "### Runbook 2: Error Spike",  # 21
        "",  # 22
        "**Steps**:",  # 23
        "1. Roll back the last release",  # 24
        "",  # 25
        "## SLOs (Service Level Objectives)",  # 26
        "",  # 27
        "| Metric | Target | Measurement Window |",  # 28
        "|--------|--------|--------------------|",  # 29
        f"| Error rate | {slo_target} | {slo_window} |",  # 30
    ]
    return "\n".join(lines) + "\n"


def check(doc_paths: tuple[str, ...] = RUNBOOK_DOCS, **kw) -> list[tuple[str, int | None, str]]:
    return rows(alerts, spec(**kw), dedent=False, doc_paths=doc_paths)


def messages(doc_paths: tuple[str, ...] = RUNBOOK_DOCS, **kw) -> list[str]:
    return [f.message for f in findings(alerts, spec(**kw), dedent=False, doc_paths=doc_paths)]


def test_codes_are_registered():
    assert_registered(
        "Alerts and runbooks",
        {
            "OS501": ("alert-severity-unknown", "error"),
            "OS502": ("alert-field-missing", "error"),
            "OS503": ("alert-runbook-missing", "error"),
            "OS504": ("alert-runbook-unresolved", "error"),
            "OS505": ("error-rate-alert-below-slo", "error"),
            "OS506": ("error-rate-alert-too-loose", "warning"),
        },
    )


def test_a_complete_alert_has_no_findings():
    assert check() == []


# --- severity and fields ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "hint"),
    [
        ("P1", "use 'Critical'"),
        ("Sev2", "use 'High'"),
        ("SEV-3", "use 'Medium'"),
        ("Warning", "use 'Medium'"),
        ("Critical (pages on-call)", "use 'Critical'"),
        ("Urgent!!", "use one of them"),
    ],
)
def test_severity_not_in_the_scale(severity, hint):
    # on the line of the value the message names: the Severity line, not the alert heading
    assert check(severity=severity) == [("OS501", 10, "error")]
    assert messages(severity=severity) == [
        f"alert 'High Error Rate' severity '{severity}' is not one of Critical, High, Medium, "
        f"Low: {hint}"
    ]


@pytest.mark.parametrize("severity", ["critical", "HIGH", "**High**", "`Medium`", "Low"])
def test_severity_in_the_scale_any_case(severity):
    assert check(severity=severity) == []


def test_alert_without_condition_or_notification():
    assert check(condition=None) == [("OS502", 8, "error")]
    # one cause, one finding: the alert lacks fields, and the finding names them all
    assert check(condition=None, notification=None) == [("OS502", 8, "error")]
    assert messages(condition=None, notification=None) == [
        "alert 'High Error Rate' has no condition and no notification: add '- **Condition**: "
        "...' (e.g. 'Error rate > 1% for 5 minutes') and '- **Notification**: ...' (e.g. "
        "'PagerDuty on-call')"
    ]
    assert messages(notification=None) == [
        "alert 'High Error Rate' has no notification: add '- **Notification**: ...' "
        "(e.g. 'PagerDuty on-call')"
    ]


def test_alert_without_severity():
    assert check(severity=None) == [("OS502", 8, "error")]


# --- runbooks -------------------------------------------------------------------------------------


def test_paging_alert_without_runbook():
    assert check(runbook=None) == [("OS503", 8, "error")]
    assert check(severity="High", runbook=None) == [("OS503", 8, "error")]


def test_paging_alert_whose_runbook_names_nothing():
    assert check(runbook="See the wiki") == [("OS503", 12, "error")]
    (msg,) = messages(runbook="See the wiki")
    assert msg.startswith(
        "Critical alert 'High Error Rate' runbook: 'See the wiki' is not a link, a page or the "
        "name of a runbook on this page: "
    )


@pytest.mark.parametrize(
    ("runbook", "why"),
    [
        ("[Runbook 3](#runbook-3-cache-flush)", "'#runbook-3-cache-flush' is not the id of a"),
        ("[DB](../runbooks/missing.md)", "is not a page of the site"),
        ("../runbooks/missing.md#failover", "is not a page of the site"),
        ("[Out](../../outside.md)", "points outside the docs folder"),
        ("Runbook 5", "names Runbook 5, but this page's runbooks are: 1, 2"),
        ("[Mail](mailto:oncall@example.com)", "is not a page of the site or an http(s) URL"),
    ],
)
def test_paging_alert_whose_runbook_does_not_resolve(runbook, why):
    assert check(runbook=runbook) == [("OS504", 12, "error")]
    (msg,) = messages(runbook=runbook)
    assert why in msg


@pytest.mark.parametrize(
    "runbook",
    [
        "[Runbook 1](#runbook-1-database-failover)",
        "Runbook 2",
        "See Runbook 1",
        "error spike",
        "Database Failover",
        "https://wiki.example.com/runbooks/checkout",
        "[DB failover](../runbooks/db.md#failover)",
        "../runbooks/db.md",
        "`../runbooks/`",
        "[This page](ybs-spec_0123456789ab.md#runbook-2-error-spike)",
        "[Top of the page](#operations-specification-checkout)",
    ],
)
def test_runbooks_that_resolve(runbook):
    assert check(runbook=runbook) == []


def test_page_links_are_accepted_without_a_file_list():
    assert check(runbook="../runbooks/missing.md", doc_paths=()) == []


def test_low_severity_alerts_need_no_runbook():
    assert check(severity="Medium", runbook=None) == []
    assert check(severity="Low", runbook="[x](#nowhere)") == []


def test_placeholder_runbook_is_left_to_the_placeholder_rule():
    assert check(runbook="Link to response procedure") == []


def test_base_alert_policies_need_no_runbook():
    source = spec(runbook=None, title="# Operations BASE Specification")
    assert rows(alerts, source, "operations/_BASE.md", dedent=False) == []


# --- error-rate alerts against the error-rate SLO ----------------------------------------------


def test_error_rate_alert_tighter_than_the_slo():
    assert check(condition="Error rate > 0.5% for 5 minutes") == [("OS505", 9, "error")]
    assert messages(condition="Error rate > 0.5% for 5 minutes") == [
        "alert 'High Error Rate' fires at an error rate above 0.5%, tighter than the SLO itself "
        "('< 1%' over '30 days', line 30), so it pages while the SLO holds: raise it to at "
        "least 1%; a page at 14.4% burns 2% of the budget per hour"
    ]


@pytest.mark.parametrize("severity", ["Medium", "Low"])
def test_a_ticket_may_fire_below_the_slo_or_above_the_burn_rate(severity):
    for condition in ("Error rate > 0.5% for 5 minutes", "Error rate > 20% for 5 minutes"):
        assert check(condition=condition, severity=severity) == []


def test_error_rate_alert_looser_than_the_page_burn_rate():
    assert check(condition="Error rate > 20% for 5 minutes") == [("OS506", 9, "warning")]
    assert messages(condition="Error rate > 20% for 5 minutes") == [
        "alert 'High Error Rate' threshold 20% is so loose that it pages only after burning "
        "the budget faster than the page burn rate (14.4 for the SLO '< 1%' over '30 days', "
        "line 30): lower it to at most 14.4%"
    ]


def test_errors_in_the_alert_name_count():
    found = check(name="Checkout Errors", condition="5xx share > 20% for 5 minutes")
    assert found == [("OS506", 9, "warning")]


@pytest.mark.parametrize(
    ("name", "condition", "target", "window"),
    [
        ("High Error Rate", "Error rate > 14.4% for 5 minutes", "< 1%", "30 days"),  # SLO x 14.4
        ("High Error Rate", "Error rate > 1% for 5 minutes", "< 1%", "30 days"),  # the SLO
        ("High Error Rate", "Error rate (5xx) > 1.44% for 5 minutes", "< 0.1%", "30 days"),
        ("High Error Rate", "Error rate > 0.336% for 5 minutes", "< 0.1%", "7 days"),  # x 3.36
        ("High Error Rate", "Error rate > 50% for 5 minutes", "< 1%", "24 hours"),  # < 7 days
        ("High CPU", "CPU > 90% for 5 minutes", "< 1%", "30 days"),  # not about errors
        ("High Error Rate", "Error rate doubles within 10 minutes", "< 1%", "30 days"),
    ],
)
def test_error_rate_alerts_consistent_with_the_slo(name, condition, target, window):
    assert check(name=name, condition=condition, slo_target=target, slo_window=window) == []


def test_error_rate_alert_over_a_week():
    # 7 days: page burn rate 0.02 x 168 h / 1 h = 3.36, so at most 0.336% for a 0.1% SLO
    found = check(
        condition="Error rate > 0.4% for 5 minutes", slo_target="< 0.1%", slo_window="7 days"
    )
    assert found == [("OS506", 9, "warning")]


def test_short_windows_still_catch_thresholds_below_the_slo():
    found = check(condition="Error rate > 0.5% for 5 minutes", slo_window="24 hours")
    assert found == [("OS505", 9, "error")]
    (msg,) = messages(condition="Error rate > 0.5% for 5 minutes", slo_window="24 hours")
    assert msg.endswith("raise it to at least 1%")


def test_a_runbook_line_of_unclosed_links_takes_linear_time():
    """`[a](` 20,000 times: the link pattern stops at the next bracket (it took 47 s)."""
    started = time.perf_counter()
    found = check(runbook="[a](" * 20000)
    assert time.perf_counter() - started < 10
    assert found == [("OS503", 12, "error")]
