"""SLO rules (OS301-OS308): fixtures with hand-counted lines, and near misses."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.rules import slos

from helpers.rules import HEADER, assert_registered, findings, rows

HEAD = HEADER + "## SLOs (Service Level Objectives)\n\n"  # lines 1-7
TABLE = (
    "| Metric | Target | Measurement Window |\n"  # 8
    "|--------|--------|--------------------|\n"  # 9
)


def table(*rows_: str) -> str:
    """An SLO table whose first row is on line 10."""
    return HEAD + TABLE + "".join(f"| {r} |\n" for r in rows_)


def check(*rows_: str) -> list[tuple[str, int | None, str]]:
    return rows(slos, table(*rows_), dedent=False)


def messages(*rows_: str) -> list[str]:
    return [f.message for f in findings(slos, table(*rows_), dedent=False)]


def test_codes_are_registered():
    assert_registered(
        "SLOs",
        {
            "OS301": ("slo-table-missing", "error"),
            "OS302": ("slo-target-invalid", "error"),
            "OS303": ("slo-availability-out-of-range", "error"),
            "OS304": ("slo-error-rate-comparator", "error"),
            "OS305": ("slo-latency-unit-missing", "error"),
            "OS306": ("slo-window-invalid", "error"),
            "OS307": ("slo-window-month-ambiguous", "warning"),
            "OS308": ("slo-duplicate", "error"),
        },
    )


def test_a_good_table_has_no_findings():
    assert (
        check(
            "Availability | 99.95% | 30 days",
            "Error rate | < 0.5% | rolling 28 days",
            "Latency p99 | < 300ms | calendar month",
            "Checkout latency | 95% of requests < 300ms | 4 weeks",
        )
        == []
    )


# --- table -----------------------------------------------------------------------------------


def test_slo_section_without_a_table():
    source = HEAD + "Objectives are still being agreed.\n"
    assert rows(slos, source, dedent=False) == [("OS301", 6, "error")]


def test_slo_table_without_rows():
    assert rows(slos, HEAD + TABLE, dedent=False) == [("OS301", 6, "error")]
    (msg,) = [f.message for f in findings(slos, HEAD + TABLE, dedent=False)]
    assert msg.startswith("the SLO table has no rows: ")


def test_no_slo_section_is_left_to_the_structure_rule():
    source = HEAD.replace("## SLOs (Service Level Objectives)", "## Overview")
    assert rows(slos, source, dedent=False) == []


# --- targets -------------------------------------------------------------------------------------


def test_target_that_does_not_parse():
    # a row of no known kind ('Throughput | high') is kept as 'other' with its text: no finding
    assert check("Availability | 99.9 | 30 days", "Throughput | high | 30 days") == [
        ("OS302", 10, "error"),
    ]
    assert messages("Availability | 99.9 | 30 days") == [
        "SLO 'Availability' target \"99.9\" is missing the % sign; expected a percentage such "
        "as '99.9%'"
    ]


def test_recovery_target_that_does_not_parse():
    assert check("Time to restore | MTTR soon | 90 days") == [("OS302", 10, "error")]
    assert check("Time to restore | MTTR < 2h | 90 days") == []


def test_empty_target():
    assert check("Availability |  | 30 days") == [("OS302", 10, "error")]
    assert messages("Availability |  | 30 days") == [
        "SLO 'Availability' has no target: write the objective, e.g. '99.9%' or '< 300ms'"
    ]


def test_placeholder_target_is_left_to_the_placeholder_rule():
    assert check("Latency p99 | < [X]ms | 30 days") == []


@pytest.mark.parametrize(("target", "why"), [("100%", "leaves no error budget"), ("0%", "0%")])
def test_availability_out_of_range(target, why):
    assert check(f"Availability | {target} | 30 days") == [("OS303", 10, "error")]
    (msg,) = messages(f"Availability | {target} | 30 days")
    assert msg.startswith(f"SLO 'Availability' target '{target}' ")
    assert why in msg


@pytest.mark.parametrize("target", ["99.999%", "> 99.9%", "≥ 99.5 %", "0.5%"])
def test_availability_in_range(target):
    assert check(f"Availability | {target} | 30 days") == []


@pytest.mark.parametrize("target", ["0.1%", "> 0.1%", "= 0.1%"])
def test_error_rate_without_upper_bound(target):
    assert check(f"Error rate | {target} | 30 days") == [("OS304", 10, "error")]
    (msg,) = messages(f"Error rate | {target} | 30 days")
    assert msg.endswith("an error rate must stay below its objective, write '< 0.1%'")


@pytest.mark.parametrize("target", ["< 0.5%", "<= 0.5%", "≤ 0.5%", "at most 0.5%", "below 1%"])
def test_error_rate_with_upper_bound(target):
    assert check(f"Error rate | {target} | 30 days") == []


def test_latency_without_unit():
    assert check("Latency p99 | < 300 | 30 days") == [("OS305", 10, "error")]
    assert messages("Latency p99 | < 300 | 30 days") == [
        "SLO 'Latency p99' target '< 300' has no time unit: add one, e.g. '< 300ms' or '< 1.5s'"
    ]


@pytest.mark.parametrize("target", ["< 300ms", "p99 < 1s", "95% of requests < 300ms"])
def test_latency_with_unit(target):
    assert check(f"Latency p99 | {target} | 30 days") == []


# --- windows ---------------------------------------------------------------------------------


def test_window_that_does_not_parse():
    assert check("Availability | 99.9% | per release", "Error rate | < 1% |") == [
        ("OS306", 10, "error"),
        ("OS306", 11, "error"),
    ]
    assert messages("Error rate | < 1% |") == [
        "SLO 'Error rate' has no measurement window: add one, e.g. '30 days'"
    ]


@pytest.mark.parametrize("window", ["Monthly", "1 month", "per month", "month"])
def test_month_without_calendar_is_ambiguous(window):
    assert check(f"Availability | 99.9% | {window}") == [("OS307", 10, "warning")]
    assert messages(f"Availability | 99.9% | {window}") == [
        f"SLO 'Availability' window '{window}' is ambiguous (a calendar month is 28 to 31 "
        "days): write 'calendar month' or '30 days'"
    ]


@pytest.mark.parametrize(
    "window", ["calendar month", "per calendar month", "30 days", "rolling 28 days"]
)
def test_unambiguous_windows(window):
    assert check(f"Availability | 99.9% | {window}") == []


# --- duplicates ------------------------------------------------------------------------------


def test_one_metric_twice_in_one_window():
    assert check(
        "Availability | 99.9% | 30 days",
        "Error rate | < 1% | 30 days",
        "availability | 99.5% | rolling 30 days",
    ) == [("OS308", 12, "error")]
    assert messages("Availability | 99.9% | 30 days", "Availability | 99.5% | 30 days") == [
        "SLO 'Availability' over '30 days' repeats the objective on line 10: keep one row per "
        "metric and window (or name the metrics apart, e.g. by endpoint)"
    ]


def test_one_metric_in_two_windows_is_fine():
    assert (
        check(
            "Availability | 99.9% | 30 days",
            "Availability | 99.5% | 7 days",
            "Availability | 99.9% | calendar month",
        )
        == []
    )


def test_latency_at_two_shares_is_two_objectives():
    assert (
        check(
            "Latency | 95% of requests < 300ms | 30 days",
            "Latency | 99% of requests < 1s | 30 days",
        )
        == []
    )
    # one share, two bounds: an old row left behind
    assert check(
        "Latency | 95% of requests < 300ms | 30 days",
        "Latency | 99% of requests < 1s | 30 days",
        "latency | 95% of requests < 1s | 30 days",
    ) == [("OS308", 12, "error")]


def test_one_metric_per_subsection_is_fine():
    source = (
        HEAD
        + "### API\n"  # 8
        + "\n"  # 9
        + TABLE  # 10, 11
        + "| Availability | 99.9% | 30 days |\n"  # 12
        + "\n"  # 13
        + "### Batch\n"  # 14
        + "\n"  # 15
        + TABLE  # 16, 17
        + "| Availability | 99% | 30 days |\n"  # 18
    )
    assert rows(slos, source, dedent=False) == []
    doubled = source + "| Availability | 98% | 30 days |\n"  # 19
    assert rows(slos, doubled, dedent=False) == [("OS308", 19, "error")]


# --- scope -----------------------------------------------------------------------------------


def test_base_specs_have_no_slo_rules():
    source = "# Operations BASE Specification\n\n## SLOs\n\nNone yet.\n"
    assert rows(slos, source, "operations/_BASE.md", dedent=False) == []


def test_sibling_specs_have_no_slo_rules():
    source = table("Availability | 100% | Monthly").replace(
        "Operations Specification", "Technical Specification"
    )
    assert rows(slos, source, "technical/ybs-spec_0123456789ab.md", dedent=False) == []
