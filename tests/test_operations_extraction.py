"""Edge cases of the operations extraction that its fast paths must keep: the no-data
sentence search (case-insensitive, also for non-ASCII case folds), numbered-step counting,
short table rows, and key-value lines with and without bold."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.parser import parse_text

HEAD = "# Operations Specification: Orders\n\n**GUID**: 0123456789ab\n\n"


def _ops(body: str):
    spec = parse_text("operations/ybs-spec_0123456789ab.md", HEAD + body)
    assert spec is not None and spec.operations is not None
    return spec.operations


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The service is stateless.", True),
        ("The service is STATELESS.", True),
        ("It holds no persistent data.", True),
        ("No data is stored here.", True),
        ("It keeps no state.", True),
        ("ſtateless (a long s folds to s)", True),  # non-ASCII: IGNORECASE folds it
        ("It \u212aeeps no data (Kelvin sign folds to k).", True),
        ("Restore the last good backup.", False),
        ("RPO 0 (no data loss).", False),
        ("statelessness", False),
    ],
)
def test_no_data_sentence(sentence: str, found: bool) -> None:
    ops = _ops(f"## Overview\n\nIntro line.\n{sentence}\n\n## Other\n\nThe service is stateless.\n")
    assert ops.no_data_line == (8 if found else None)


def test_numbered_steps_counted() -> None:
    body = (
        "## Deployment\n\n### Deployment Steps\n\n1. one\n   2) two\n    3. code, not a step\n"
        "4.no space\n\uff15. fullwidth digit\n- 6. bullet\n"
    )
    assert _ops(body).deploy_steps == 3


def test_short_rows_give_empty_cells() -> None:
    body = (
        "## Monitoring\n\n### Metrics\n\n| Metric | Type | Threshold | Alert Condition |\n"
        "|---|---|---|---|\n| Errors | Gauge |\n| **Latency** |\n"
    )
    metrics = _ops(body).metrics
    assert [(m.name, m.type, m.threshold, m.alert_condition) for m in metrics] == [
        ("Errors", "Gauge", "", ""),
        ("Latency", "", "", ""),
    ]


def test_alert_fields_bold_and_plain() -> None:
    body = (
        "## Monitoring\n\n### Alerts\n\n#### Alert 1: High Errors\n- Severity: High\n"
        "- **Severity**: Low\n- **Condition** errors up\n- Notify: pager\n- Other: x\n"
    )
    (alert,) = _ops(body).alerts
    assert (alert.severity, alert.condition, alert.notification) == ("High", None, "pager")
    assert sorted(alert.fields) == ["notify", "severity"]
    assert alert.fields["severity"].line == 10


# --- real documents (issue 16): RTO/RPO, SLO tables and backups as teams write them ----------
# HEAD takes lines 1-4, so a body's first line is line 5.


def _seconds(obj: object) -> tuple[int | None, int] | None:
    if obj is None:
        return None
    seconds = obj.seconds  # type: ignore[attr-defined]
    return (None if seconds is None else int(seconds), obj.line)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lines", "rto", "rpo"),
    [
        (["**RTO**: 4 hours", "**RPO**: 1 hour"], (14400, 7), (3600, 8)),
        (
            ["**Recovery Time Objective (RTO):** < 1 hour", "**Recovery Point Objective:** 5 min"],
            (3600, 7),
            (300, 8),
        ),
        (["- RTO: 30m", "- RPO: 0 (a rollback never touches data)"], (1800, 7), (0, 8)),
        (["RTO: 2 hours", "rpo: 15 minutes"], (7200, 7), (900, 8)),
        (
            ["| Objective | Target |", "|---|---|", "| RTO | 4 hours |", "| RPO | 15 minutes |"],
            (14400, 9),
            (900, 10),
        ),
    ],
)
def test_rto_rpo_forms(lines: list[str], rto: tuple[int, int], rpo: tuple[int, int]) -> None:
    ops = _ops("## Disaster Recovery\n\n" + "\n".join(lines) + "\n")
    assert ops.disaster_recovery is not None
    assert _seconds(ops.disaster_recovery.rto) == rto
    assert _seconds(ops.disaster_recovery.rpo) == rpo


def test_per_component_objectives_are_each_reported_and_the_strictest_is_the_rto() -> None:
    body = (
        "## Disaster Recovery\n"  # 5
        "\n"
        "### Recovery Time Objectives (RTO)\n"  # 7
        "\n"
        "- Checkout API: 45 minutes (regional failover)\n"  # 9
        "- Orders database: 1 hour\n"  # 10
        "\n"
        "### RPO\n"  # 12
        "\n"
        "- Orders database: 5 minutes\n"  # 14
        "- Cart cache: 24 hours\n"  # 15
        "\n"
        "### Restore tests\n"  # 17
        "\n"
        "- Monthly: restore the latest snapshot\n"  # 19: not an objective
    )
    dr = _ops(body).disaster_recovery
    assert dr is not None
    assert [(e.name, _seconds(e)) for e in dr.rto_entries] == [
        ("Checkout API", (2700, 9)),
        ("Orders database", (3600, 10)),
    ]
    assert [(e.name, _seconds(e)) for e in dr.rpo_entries] == [
        ("Orders database", (300, 14)),
        ("Cart cache", (86400, 15)),
    ]
    assert (_seconds(dr.rto), _seconds(dr.rpo)) == ((2700, 9), (300, 14))


def test_a_stated_rto_wins_over_the_component_list() -> None:
    body = "## Disaster Recovery\n\n**RTO**: 2 hours\n\n### RTOs\n\n- API: 30 minutes\n"
    dr = _ops(body).disaster_recovery
    assert dr is not None and _seconds(dr.rto) == (7200, 7)
    assert [e.name for e in dr.rto_entries] == ["API"]


@pytest.mark.parametrize(
    "header",
    [
        "| Service | Target | Measurement Window |",
        "| SLI | Objective | Period |",
        "| Metric | Target | Measurement Interval |",
    ],
)
def test_slo_tables_by_the_meaning_of_their_columns(header: str) -> None:
    body = f"## SLOs\n\n{header}\n|---|---|---|\n| API availability | 99.9% | 30 days |\n"
    (slo,) = _ops(body).slos
    assert (slo.metric, slo.kind, str(slo.target.value), slo.window.seconds, slo.line) == (  # type: ignore[union-attr]
        "API availability",
        "availability",
        "99.9",
        2592000,
        9,
    )


def test_recovery_and_other_slo_rows() -> None:
    body = (
        "## SLOs\n\n| SLI | Objective | Period |\n|---|---|---|\n"
        "| Time to restore service | MTTR < 2h | 90 days |\n"  # 9
        "| Incident recovery | MTTR < 30 minutes | 30 days |\n"  # 10
        "| Fraud review queue | drained before 09:00 CET | 28 days |\n"  # 11
    )
    slos = _ops(body).slos
    assert [(s.kind, s.target_error) for s in slos] == [
        ("recovery", None),
        ("recovery", None),
        ("other", None),
    ]
    assert [s.target.seconds for s in slos[:2]] == [7200, 1800]  # type: ignore[union-attr]
    assert slos[2].target is None and slos[2].target_raw == "drained before 09:00 CET"


@pytest.mark.parametrize(
    ("line", "name", "interval", "retention"),
    [
        ("- Backups: hourly snapshots, kept 14 days, copied away.", None, 3600, "kept 14 days"),
        (
            "- Orders database: daily full snapshot, retained 35 days, in the dr account.",
            "Orders database",
            86400,
            "retained 35 days",
        ),
        ("Snapshots are taken every 6 hours.", None, 21600, None),
        ("- **Database**: nightly dump, retention 30 days", "Database", 86400, "retention 30 days"),
    ],
)
def test_backups_in_prose(
    line: str, name: str | None, interval: int, retention: str | None
) -> None:
    (backup,) = _ops(f"## Backup Strategy\n\n{line}\n").backups
    assert backup.name == name
    assert backup.interval is not None and backup.interval.seconds == interval
    assert (backup.retention.value if backup.retention else None) == retention
    assert backup.line == backup.frequency.line == 7  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "line",
    [
        "- Restores are rehearsed every quarter.",  # no backup named
        "- Backups are copied to the secondary region.",  # no frequency
        "- Backup contacts: the DBRE on-call, every day of the week",  # 'every day' is a backup?
    ],
)
def test_prose_that_states_no_backup(line: str) -> None:
    assert _ops(f"## Backup Strategy\n\n{line}\n").backups == []


def test_alerts_by_their_condition_whatever_their_heading() -> None:
    body = (
        "## Alerts\n\n"  # lines 5-6
        "### Paging alerts\n\nWe page on symptoms only.\n\n"  # 7-10: groups, no alert
        "#### Checkout errors\n"  # 11
        "- **Condition**: error rate > 1% for 5 minutes\n"
        "- **Severity**: Critical\n"
        "- **Notification**: PagerDuty payments\n\n"
        "#### Alert 2: Slow checkout\n"  # 16
        "- **Severity**: High\n\n"
        "### Alert Routing\n\n"  # 19: explains, no alert
        "- **Channel**: #ops-alerts for everything below Critical\n\n"
        "### Alert: Queue backlog\n"  # 23
        "- **Trigger**: backlog > 10k for 15 minutes\n"
    )
    alerts = _ops(body).alerts
    assert [(a.name, a.line, a.condition, a.severity) for a in alerts] == [
        ("Checkout errors", 11, "error rate > 1% for 5 minutes", "Critical"),
        ("Slow checkout", 16, None, "High"),
        ("Queue backlog", 23, "backlog > 10k for 15 minutes", None),
    ]
    assert alerts[0].notification == "PagerDuty payments"
