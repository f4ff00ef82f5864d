"""Operations content in the forms real documents write it: an RTO/RPO table without a header row
(its first row is taken for the header), pipe rows without the delimiter row, a table with RTO
and RPO columns; and a section inside one of the same meaning (`### Alerts` under `## Monitoring
& Alerts`) read once."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_opsspec.analysis import Options, analyse
from mkdocs_opsspec.parser import parse_text

PATH = "operations/ybs-spec_0123456789ab.md"
HEAD = """\
# Operations Specification: Checkout

**GUID**: 0123456789ab
**Version**: 1.0.0
**Status**: Draft
**Last Updated**: 2026-10-01

## Disaster Recovery

"""  # the section's content starts on line 10


def recovery(body: str) -> tuple[tuple[str, int] | None, tuple[str, int] | None, list[str]]:
    """(RTO raw, line), (RPO raw, line) of the DR section, and the OS4xx findings' codes."""
    text = HEAD + body
    spec = parse_text(PATH, text)
    assert spec is not None and spec.operations is not None
    dr = spec.operations.disaster_recovery
    assert dr is not None
    result = analyse([(PATH, text.encode())], Options(reference_date=dt.date(2026, 11, 26)))
    codes = [f.rule for f in result.findings if f.rule.startswith("OS4")]
    rto = (dr.rto.raw, dr.rto.line) if dr.rto else None
    rpo = (dr.rpo.raw, dr.rpo.line) if dr.rpo else None
    return rto, rpo, codes


@pytest.mark.parametrize(
    ("body", "rto_line", "rpo_line"),
    [
        # a table whose first row became its header
        ("| RTO | 4 hours |\n|---|---|\n| RPO | 1 hour |\n", 10, 12),
        # pipe rows without the delimiter row (no table to Markdown)
        ("| RTO | 4 hours |\n| RPO | 1 hour |\n", 10, 11),
        # as written in the template, with a header
        ("| Objective | Target |\n|---|---|\n| RTO | 4 hours |\n| RPO | 1 hour |\n", 12, 13),
    ],
    ids=["first-row-is-header", "no-delimiter-row", "with-header"],
)
def test_two_column_rows_state_the_objectives(body: str, rto_line: int, rpo_line: int) -> None:
    rto, rpo, codes = recovery(body)
    assert rto == ("4 hours", rto_line)
    assert rpo == ("1 hour", rpo_line)
    assert "OS401" not in codes


def test_rto_and_rpo_columns_over_one_row() -> None:
    rto, rpo, codes = recovery("| RTO | RPO |\n|---|---|\n| 4 hours | 15 minutes |\n")
    assert rto == ("4 hours", 12)
    assert rpo == ("15 minutes", 12)
    assert "OS401" not in codes


def test_a_header_of_rto_and_rpo_columns_is_no_rto_row() -> None:
    """`| RTO | RPO |` names columns: its second cell is no RTO value to report as unreadable."""
    rto, rpo, _ = recovery(
        "| RTO | RPO |\n|---|---|\n| 4 hours | 15 minutes |\n| 8 hours | 1 hour |\n"
    )
    assert (rto, rpo) == (None, None)


def test_a_section_inside_one_of_the_same_meaning_is_read_once() -> None:
    text = (
        HEAD.replace("## Disaster Recovery\n", "## Monitoring & Alerts\n")
        + "### Alerts\n\n#### Alert 1: High error rate\n- **Severity**: Critical\n"
        "- **Runbook**: [restore](../runbooks/restore.pdf)\n"
    )
    spec = parse_text(PATH, text)
    assert spec is not None and spec.operations is not None
    assert [(a.name, a.line) for a in spec.operations.alerts] == [("High error rate", 12)]
    result = analyse(
        [(PATH, text.encode())], Options(reference_date=dt.date(2026, 11, 26)), ["index.md"]
    )
    assert [(f.rule, f.line) for f in result.findings if f.rule == "OS504"] == [("OS504", 14)]
