"""Recovery rules (OS401-OS407): fixtures with hand-counted lines, and near misses."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.rules import recovery

from helpers.rules import assert_registered, findings, header, rows

FILLER = "Restore from the latest snapshot."


def spec(
    overview: str = "The service stores orders in PostgreSQL.",
    rb_rto: str | None = "10 minutes",
    rb_rpo: str | None = "0 (no data loss)",
    frequency: str | None = "Hourly",
    retention: str | None = "30 days",
    dr_rto: str | None = "1 hour",
    dr_rpo: str | None = "1 hour",
    dr_note: str = FILLER,
) -> str:
    """Every value has a fixed line (a missing one is replaced by a filler line)."""
    lines = [
        *header(),  # lines 1-5
        "## Overview",  # 6
        "",  # 7
        overview,  # 8
        "",  # 9
        "### Rollback Procedure",  # 10
        "",  # 11
        f"**RTO**: {rb_rto}" if rb_rto is not None else FILLER,  # 12
        f"**RPO**: {rb_rpo}" if rb_rpo is not None else FILLER,  # 13
        "",  # 14
        "## Backup & Recovery",  # 15
        "",  # 16
        "### Backup Strategy",  # 17
        "",  # 18
        f"- **Frequency**: {frequency}"
        if frequency is not None
        else "- Dumps of the database",  # 19
        f"- **Retention**: {retention}" if retention is not None else "- Kept in S3",  # 20
        "",  # 21
        "## Disaster Recovery",  # 22
        "",  # 23
        f"**RTO**: {dr_rto}" if dr_rto is not None else FILLER,  # 24
        f"**RPO**: {dr_rpo}" if dr_rpo is not None else FILLER,  # 25
        "",  # 26
        dr_note,  # 27
    ]
    return "\n".join(lines) + "\n"


def check(**kw) -> list[tuple[str, int | None, str]]:
    return rows(recovery, spec(**kw), dedent=False)


def messages(**kw) -> list[str]:
    return [f.message for f in findings(recovery, spec(**kw), dedent=False)]


def test_codes_are_registered():
    assert_registered(
        "Recovery and backups",
        {
            "OS401": ("rto-rpo-missing", "error"),
            "OS402": ("rto-rpo-invalid", "error"),
            "OS403": ("not-applicable-without-no-data-statement", "error"),
            "OS404": ("rollback-rto-above-dr-rto", "error"),
            "OS405": ("rpo-below-backup-interval", "error"),
            "OS406": ("backup-retention-missing", "warning"),
            "OS407": ("backup-frequency-missing", "error"),
        },
    )


def test_a_complete_spec_has_no_findings():
    assert check() == []


# --- RTO / RPO present and parseable ----------------------------------------------------------


def test_rto_or_rpo_missing():
    assert check(dr_rpo=None) == [("OS401", 22, "error")]
    assert check(rb_rto=None) == [("OS401", 10, "error")]
    assert messages(dr_rpo=None) == [
        "the Disaster Recovery section states no RPO: add '**RPO**: <duration>', e.g. "
        "'15 minutes' (or 'N/A' with a statement that the service holds no data)"
    ]


def test_rto_and_rpo_missing_are_one_finding():
    assert check(rb_rto=None, rb_rpo=None) == [("OS401", 10, "error")]
    assert messages(rb_rto=None, rb_rpo=None) == [
        "the Rollback Procedure section states no RTO and no RPO: add '**RTO**: <duration>' and "
        "'**RPO**: <duration>', e.g. '15 minutes' (or 'N/A' with a statement that the service "
        "holds no data)"
    ]


def test_missing_section_is_left_to_the_structure_rule():
    source = spec().split("## Disaster Recovery")[0]
    assert rows(recovery, source, dedent=False) == []


def test_rto_that_does_not_parse():
    assert check(dr_rto="ASAP") == [("OS402", 24, "error")]
    assert messages(dr_rto="ASAP") == [
        'Disaster Recovery RTO "ASAP" is not understood; expected a duration such as '
        "'15 minutes', '< 4 hours' or 'PT1H'"
    ]
    assert check(rb_rpo="15M") == [("OS402", 13, "error")]


@pytest.mark.parametrize("value", ["< 15 minutes", "1h30m", "PT1H", "≤ 1 hour", "45 min"])
def test_durations_that_parse(value):
    assert check(dr_rto=value) == []


def test_placeholder_objective_is_left_to_the_placeholder_rule():
    assert check(dr_rto="[time]", dr_rpo="[data loss]") == []


# --- N/A --------------------------------------------------------------------------------------


def test_not_applicable_without_a_no_data_statement():
    assert check(dr_rpo="N/A") == [("OS403", 25, "error")]
    (msg,) = messages(dr_rpo="N/A")
    assert msg.endswith(
        "state that the service holds no data (e.g. 'The service is stateless'), or give a duration"
    )


def test_not_applicable_with_a_no_data_statement():
    stateless = "The service is stateless: every request is answered from upstream data."
    assert check(overview=stateless, dr_rpo="N/A", rb_rpo="Not applicable") == []


def test_backup_frequency_not_applicable():
    assert check(frequency="N/A", retention=None) == [("OS403", 19, "error")]
    assert check(frequency="N/A", retention=None, overview="It holds no data.") == []


# --- rollback against disaster recovery ----------------------------------------------------------


def test_rollback_slower_than_disaster_recovery():
    assert check(rb_rto="2 hours", dr_rto="1 hour") == [("OS404", 12, "error")]
    (msg,) = messages(rb_rto="2 hours", dr_rto="1 hour")
    assert msg == (
        "Rollback RTO '2 hours' is longer than the Disaster Recovery RTO '1 hour' (line 24): "
        "rolling back a release should be faster than recovering from a disaster; shorten the "
        "rollback or correct the RTOs"
    )


@pytest.mark.parametrize(("rb", "dr"), [("1 hour", "1 hour"), ("15 minutes", "4 hours")])
def test_rollback_not_slower(rb, dr):
    assert check(rb_rto=rb, dr_rto=dr) == []


# --- RPO against backups -------------------------------------------------------------------------


def test_rpo_shorter_than_the_backup_interval():
    assert check(frequency="Daily", dr_rpo="15 minutes") == [("OS405", 25, "error")]
    (msg,) = messages(frequency="Daily", dr_rpo="15 minutes")
    assert msg == (
        "Disaster Recovery RPO '15 minutes' is shorter than the backup interval (1d for "
        "'Daily' on line 19): back up more often, or describe the replication or "
        "point-in-time recovery (WAL, streaming) that meets the RPO"
    )
    assert check(frequency="Daily", dr_rpo="0 (no data loss)") == [("OS405", 25, "error")]


@pytest.mark.parametrize(
    "note",
    [
        "WAL segments are archived every 5 minutes.",
        "A streaming replica in eu-central-1 is promoted.",
        "Point-in-time recovery restores to any second.",
        "Continuous backup to S3.",
    ],
)
def test_rpo_met_by_replication_or_point_in_time_recovery(note):
    assert check(frequency="Daily", dr_rpo="15 minutes", dr_note=note) == []


def test_rpo_not_shorter_than_the_backup_interval():
    assert check(frequency="Daily", dr_rpo="24 hours") == []
    assert check(frequency="every 5 minutes", dr_rpo="15 minutes") == []


def test_the_shortest_backup_interval_counts():
    source = spec(dr_rpo="30 minutes").replace(
        "- **Frequency**: Hourly\n- **Retention**: 30 days\n",
        "**Database**:\n\n- Frequency: Hourly\n- Retention: 30 days\n\n"
        "**Files**:\n\n- Frequency: Daily\n- Retention: 7 days\n",
    )
    # two lines became nine: the hourly frequency is on line 21, the DR RPO on line 32
    assert rows(recovery, source, dedent=False) == [("OS405", 32, "error")]
    (f,) = findings(recovery, source, dedent=False)
    assert "(1h for 'Hourly' on line 21)" in f.message


# --- backups ------------------------------------------------------------------------------------


def test_backup_without_retention():
    assert check(retention=None) == [("OS406", 19, "warning")]
    assert messages(retention=None) == [
        "the backup has a frequency ('Hourly') but no retention: add '**Retention**: <how long "
        "backups are kept>', e.g. '30 days'"
    ]


def test_backup_section_without_frequency():
    assert check(frequency=None, retention=None) == [("OS407", 17, "error")]


def test_backup_section_of_a_service_without_data():
    assert check(frequency=None, retention=None, overview="The service is stateless.") == []


def test_base_specs_get_value_checks_but_no_missing_checks():
    source = spec(dr_rpo=None, dr_rto="ASAP").replace(
        "# Operations Specification: Checkout", "# Operations BASE Specification"
    )
    assert rows(recovery, source, "operations/_BASE.md", dedent=False) == [("OS402", 24, "error")]


def test_each_entry_of_a_per_component_list_is_checked():
    source = (
        "\n".join(header()) + "\n## Disaster Recovery\n\n"  # 6
        "### Recovery Time Objectives (RTO)\n\n"  # 8
        "- Checkout API: 45 minutes\n"  # 10
        "- Cart cache: as soon as possible\n\n"  # 11
        "### Recovery Point Objectives (RPO)\n\n"  # 13
        "- Orders database: 5 minutes\n"  # 15
    )
    assert rows(recovery, source, dedent=False) == [("OS402", 11, "error")]
    (msg,) = [f.message for f in findings(recovery, source, dedent=False)]
    assert msg.startswith("Disaster Recovery RTO of 'Cart cache' \"as soon as possible\" ")
