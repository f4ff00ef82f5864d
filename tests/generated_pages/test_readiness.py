"""Readiness levels of fixture specs, against hand-written expectations."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.readiness import (
    ACTIONS,
    CHECKS,
    FAIL,
    NA,
    NOT_CHECKED,
    PASS,
    Check,
    Readiness,
    readiness_of,
)
from mkdocs_opsspec.spec_page.badge import readiness_badge

from helpers.pages import ALERTS, DR, NO_DATA_BACKUPS, NO_DATA_DR, build, operations_spec

GUID = "aaaaaaaaaaa1"
PATH = f"operations/ybs-spec_{GUID}.md"


def assess(**kw: object) -> Readiness:
    built = build({PATH: operations_spec(GUID, "Alpha", **kw)})  # type: ignore[arg-type]
    return built.readiness[PATH]


def states(r: Readiness) -> dict[str, str]:
    return {c.key: c.state for c in r.checks}


def blocking(r: Readiness) -> list[str]:
    return [c.key for c in r.blocking]


def test_complete_approved_spec_is_gold() -> None:
    r = assess()
    assert r.level == "gold"
    assert r.blocking == []
    assert r.next_level is None
    assert set(states(r).values()) == {PASS}
    assert [c.key for c in r.checks] == [key for _, key, _, _ in CHECKS]


def test_missing_health_checks_is_none() -> None:
    r = assess(health=None)
    assert r.level == "none"
    # the required section is missing (OS201) and no health check is defined
    assert blocking(r) == ["sections", "health_check"]
    assert r.next_level == "bronze"
    assert "OS201" in r.blocking[0].detail
    # the other levels' checks still pass: only the missing section holds it back
    assert [k for k, s in states(r).items() if s != PASS] == ["sections", "health_check"]


def test_missing_version_is_none() -> None:
    r = assess(version="")
    assert r.level == "none"
    assert blocking(r) == ["header"]
    assert "Version" in r.blocking[0].detail


def test_header_rule_error_is_none() -> None:
    r = assess(version="one")  # OS105: not a semantic version
    assert r.level == "none"
    assert blocking(r) == ["header"]
    assert "OS105" in r.blocking[0].detail


def test_stateless_service_has_no_backup_checks() -> None:
    r = assess(backups=NO_DATA_BACKUPS, dr=NO_DATA_DR)
    assert states(r)["backups"] == NA
    assert states(r)["backup_within_rpo"] == NA
    assert r.level == "gold"


def test_draft_is_silver_held_by_status() -> None:
    r = assess(status="Draft")
    assert r.level == "silver"
    assert blocking(r) == ["final_status"]
    assert "Draft" in r.blocking[0].detail


def test_stale_spec_is_silver() -> None:
    r = assess(updated="2025-01-01")
    assert r.level == "silver"
    assert blocking(r) == ["fresh"]
    assert "694 days" in r.blocking[0].detail


def test_alert_without_notification_is_bronze() -> None:
    alerts = ALERTS.replace("- **Notification**: Slack `#alerts`\n", "")
    r = assess(alerts=alerts)
    assert r.level == "bronze"
    assert blocking(r) == ["alert_fields"]
    assert "Slow Responses" in r.blocking[0].detail


def test_critical_alert_with_unresolved_runbook_is_bronze() -> None:
    alerts = ALERTS.replace("(#runbook-1-api-error-spike)", "(#no-such-heading)", 1)
    r = assess(alerts=alerts)
    assert r.level == "bronze"
    assert blocking(r) == ["runbooks"]
    assert "High Error Rate" in r.blocking[0].detail


def test_medium_alerts_only_need_no_runbook() -> None:
    alerts = ALERTS.replace("**Severity**: Critical", "**Severity**: Low")
    alerts = alerts.replace("(#runbook-1-api-error-spike)", "(#nowhere)")
    r = assess(alerts=alerts)
    assert states(r)["runbooks"] == NA
    assert r.level == "gold"


def test_unparsed_rto_fails_with_its_finding_and_is_never_a_pass() -> None:
    r = assess(dr=DR.replace("1 hour", "a few hours"))
    # OS402 (the RTO does not parse) fails the check of its area
    assert states(r)["dr_objectives"] == FAIL
    assert "OS402" in next(c.detail for c in r.checks if c.key == "dr_objectives")
    assert states(r)["rollback_within_dr"] == NOT_CHECKED
    assert r.level == "bronze"
    assert blocking(r) == ["dr_objectives"]


def test_placeholder_rto_fails() -> None:
    r = assess(dr=DR.replace("1 hour", "[time]"))
    assert states(r)["dr_objectives"] == FAIL
    assert "placeholder" in next(c.detail for c in r.checks if c.key == "dr_objectives")
    assert r.level == "bronze"


def test_loose_error_alert_is_silver() -> None:
    r = assess(alerts=ALERTS.replace("> 1.44%", "> 5%"))
    assert r.level == "silver"
    assert blocking(r) == ["alerts_match_slos"]
    assert "OS506" in r.blocking[0].detail


def test_no_error_rate_slo_makes_consistency_na() -> None:
    slos = (
        "## SLOs (Service Level Objectives)\n\n"
        "| Metric | Target | Measurement Window |\n"
        "|--------|--------|--------------------|\n"
        "| Availability | 99.9% | 30 days |\n"
    )
    r = assess(slos=slos)
    assert states(r)["alerts_match_slos"] == NA
    assert r.level == "gold"


def test_daily_backups_against_5_minute_rpo() -> None:
    r = assess(backups="### Backup Strategy\n\n- **Frequency**: Daily\n- **Retention**: 30 days\n")
    assert r.level == "silver"
    assert blocking(r) == ["backup_within_rpo"]
    assert "OS405" in r.blocking[0].detail


def test_rollback_slower_than_dr() -> None:
    r = assess(rollback_rto="2 hours")
    assert r.level == "silver"
    assert blocking(r) == ["rollback_within_dr"]


def test_related_spec_missing() -> None:
    r = assess(related="- **Technical**: `technical/ybs-spec_aaaaaaaaaaa1.md`")
    assert r.level == "silver"
    assert blocking(r) == ["links"]
    assert "OS701" in r.blocking[0].detail


def test_bronze_and_silver_failures_block_only_bronze() -> None:
    r = assess(health=None, status="Draft", backups="### Backup Strategy\n\nTBD\n")
    assert r.level == "none"
    assert blocking(r) == ["sections", "health_check"]
    assert states(r)["backups"] == FAIL
    assert states(r)["final_status"] == FAIL


def test_levels_are_cumulative() -> None:
    checks = [
        Check("bronze", "a", "A", PASS),
        Check("silver", "b", "B", FAIL),
        Check("gold", "c", "C", PASS),
    ]
    r = readiness_of(checks)
    assert r.level == "bronze"
    assert [c.key for c in r.blocking] == ["b"]


@pytest.mark.parametrize("state", [NOT_CHECKED, FAIL])
def test_not_checked_counts_as_not_passing(state: str) -> None:
    r = readiness_of([Check("bronze", "a", "A", state), Check("silver", "b", "B", PASS)])
    assert r.level == "none"
    assert [c.key for c in r.blocking] == ["a"]


def test_na_counts_as_passing() -> None:
    r = readiness_of([Check(lv, lv, lv, NA) for lv in ("bronze", "silver", "gold")])
    assert r.level == "gold"


def test_details_count_in_the_singular_and_the_plural() -> None:
    """The fixture spec has 2 deploy and 2 rollback steps, 3 SLOs, 2 alerts (one Critical) and
    1 backup entry."""
    details = {c.key: c.detail for c in assess().checks}
    assert details["deploy_rollback"] == "2 deploy steps, 2 rollback steps"
    assert details["slo"] == "3 of 3 SLOs have a target and a window"
    assert details["alert_fields"] == "2 alerts"
    assert details["runbooks"] == "1 Critical/High alert has a runbook"
    assert details["backups"] == "1 backup entry"


def test_every_check_has_an_instruction() -> None:
    assert set(ACTIONS) == {key for _, key, _, _ in CHECKS}
    assert all(text[0].isupper() and not text.endswith(".") for text in ACTIONS.values())
    r = assess(status="Review")
    assert r.blocking[0].action == (
        "Approve the spec (status Approved or Implemented) with no placeholder left"
    )


def test_readiness_badges_name_each_level_in_words() -> None:
    assert [str(readiness_badge(lv)) for lv in ("gold", "none")] == [
        '<span class="opsspec-badge opsspec-level opsspec-level-gold" data-search-exclude>'
        "Gold</span>",
        '<span class="opsspec-badge opsspec-level opsspec-level-none" data-search-exclude>'
        "Below Bronze</span>",
    ]
