"""Statuses are case-sensitive, and one function (`statuses.status_index`) says whether a status
is one of a list: the Status rule, the badge, readiness and the placeholder rule agree on
`approved` (not `Approved`)."""

from __future__ import annotations

import datetime as dt

from mkdocs_opsspec.analysis import Options, analyse
from mkdocs_opsspec.overview import overview
from mkdocs_opsspec.spec_page.badge import _badge
from mkdocs_opsspec.statuses import DEFAULT_STATUSES, is_final, status_index

PATH = "operations/ybs-spec_0123456789ab.md"
SOURCE = """\
# Operations Specification: Checkout

**GUID**: 0123456789ab
**Version**: 1.0.0
**Status**: {status}
**Last Updated**: 2026-10-01

## Overview

**RTO** (Recovery Time Objective): [time]
"""


def run(status: str) -> tuple[list[tuple[str, int | None]], str]:
    """(rule, line) of the findings of a spec with `status`, and its final-status check."""
    options = Options(reference_date=dt.date(2026, 11, 26))
    analysis = analyse([(PATH, SOURCE.format(status=status).encode())], options)
    readiness = overview(analysis, options, [PATH]).readiness[PATH]
    final = next(c for c in readiness.checks if c.key == "final_status")
    return [(f.rule, f.line) for f in analysis.findings if f.rule != "OS201"], final.state


def test_status_index_is_exact_but_for_blanks() -> None:
    assert status_index("Approved", DEFAULT_STATUSES) == 2
    assert status_index("  Approved ", DEFAULT_STATUSES) == 2
    assert status_index("Approved", (" Draft", "Approved ")) == 1
    assert status_index("approved", DEFAULT_STATUSES) is None
    assert status_index("APPROVED", DEFAULT_STATUSES) is None
    assert status_index(None, DEFAULT_STATUSES) is None
    assert is_final("Implemented") and not is_final("implemented")


def test_a_status_in_another_case_is_unknown_everywhere() -> None:
    findings, final = run("approved")
    # the rule: an unknown status; the placeholder is a draft's (OS203), not an approved
    # spec's (OS202); readiness does not take it for Approved
    assert findings == [("OS106", 5), ("OS203", 10)]
    assert final == "fail"
    badge = _badge("approved", DEFAULT_STATUSES)
    assert "opsspec-status-unknown" in badge and "opsspec-status-2" not in badge


def test_the_status_as_configured_is_known_everywhere() -> None:
    findings, final = run("Approved")
    assert findings == [("OS202", 10)]  # a placeholder left in an approved spec
    assert final == "fail"  # because of that placeholder
    badge = _badge("Approved", DEFAULT_STATUSES)
    assert "opsspec-status-2 " in badge and "unknown" not in badge
