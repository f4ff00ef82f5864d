"""Headings matched to template sections by meaning (the rule in `sections`' docstring).

Each heading's expected keys are written by hand. The lookalikes are headings a bare keyword test
would take (they hold 'alert', 'backup', 'rollback', 'slo', 'health', 'recovery' or 'disaster
recovery'), yet they are about something else and must mean no section."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.parser import parse_file
from mkdocs_opsspec.sections import match_section, match_sections


@pytest.mark.parametrize(
    ("heading", "keys"),
    [
        # the template's names and their aliases
        ("Rollback Procedure", ("rollback_procedure",)),
        ("Health Checks", ("health_checks",)),
        ("🚨 Alerts", ("alerts",)),
        ("7. SLOs (Service Level Objectives)", ("slos",)),
        ("2. Service Level Objectives", ("slos",)),
        ("Backup & Recovery", ("backup_recovery",)),
        # a name, then words naming parts of the same subject
        ("Rollback Plan and Procedures", ("rollback_procedure",)),
        ("4. Rollback Plan and Procedures", ("rollback_procedure",)),
        ("Health Check Endpoints", ("health_checks",)),
        ("SLOs and Error Budgets", ("slos",)),
        ("3. Disaster Recovery & Restoration Verification", ("disaster_recovery",)),
        ("DR Plan", ("disaster_recovery",)),
        ("Backup and Recovery Procedures", ("backup_recovery",)),
        ("Alerting Rules", ("alerts",)),
        # names joined with 'and': each counts
        ("Monitoring and Alerts", ("monitoring", "alerts")),
        ("Backup & Disaster Recovery", ("backup_recovery", "disaster_recovery")),
        ("Deployment and Rollback", ("deployment", "rollback_procedure")),
    ],
)
def test_headings_that_mean_a_section(heading: str, keys: tuple[str, ...]) -> None:
    assert match_sections(heading) == keys
    assert match_section(heading) == keys[0]


LOOKALIKES = [
    "Health of the On-call Team",
    "History of Rollbacks",
    "Alerts We Retired",
    "Backup Contacts",
    "Alertmanager Upgrade Notes",
    "Deprecated SLOs (kept for reference)",
    "Why We Don't Roll Back Index Mappings",
    "Alert Fatigue Retrospective",
    "Disaster Recovery Game Day Log",
    "Recovery of Deleted Customer Accounts",
    "SLO Reporting Dashboards",
    "Rollback Retrospective 2026-09",
    "Alert 1: High Error Rate",
    "Runbook 2: Slow postings",
    "Recovery Time Objectives (RTO)",
]


@pytest.mark.parametrize("heading", LOOKALIKES)
def test_lookalikes_mean_no_section(heading: str) -> None:
    assert match_sections(heading) == ()
    assert match_section(heading) is None


def test_one_heading_satisfies_two_required_sections() -> None:
    text = (
        "# Operations Specification: Payments\n\n**GUID**: 0123456789ab\n\n"
        "## Backup & Disaster Recovery\n\n**RTO**: 4 hours\n**RPO**: 1 hour\n"
    )
    spec, _ = parse_file("operations/ybs-spec_0123456789ab.md", text.encode())
    assert spec is not None
    (section,) = spec.sections
    assert (section.key, section.keys) == (
        "backup_recovery",
        ("backup_recovery", "disaster_recovery"),
    )
    assert spec.section("disaster_recovery") is section
    assert spec.operations is not None and spec.operations.disaster_recovery is not None
    assert spec.operations.disaster_recovery.line == 5
