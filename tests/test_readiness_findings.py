"""Readiness never contradicts findings (issue 16).

The rule registry maps every error rule to the readiness check of its area (`Rule.readiness`).
This walks the registry: each error rule has a mapping to a real check, and a mutation of a Gold
spec that makes the rule fire (written here per rule) leaves that check failing. A property test
then mutates the Gold spec at random: whatever error finding a mutation gives, its check fails.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_opsspec.model import Severity
from mkdocs_opsspec.readiness import CHECKS, Readiness
from mkdocs_opsspec.rules.table import all_rules

from helpers.pages import BACKUPS, DR, SLOS, build, operations_spec

GUID = "aaaaaaaaaaa1"
PATH = f"operations/ybs-spec_{GUID}.md"
CHECK_KEYS = {key for _, key, _, _ in CHECKS}
BASE = operations_spec(GUID, "Alpha")

#: Error rules whose findings never land on an operations spec (readiness is of those only).
NOT_ON_OPERATIONS_SPECS = {
    "OS709": "dependency cycles are reported on technical specs",
    "OS901": "an unreadable monitoring file is reported on that file",
    # drift needs monitoring files: tests/test_slo_drift.py checks that a drifted SLO fails
    # the spec's "A valid SLO" check
    "OS904": "needs slo_sources",
    "OS905": "needs slo_sources",
}


def _spec(**kw: str) -> dict[str, str]:
    return {PATH: operations_spec(GUID, "Alpha", **kw)}  # type: ignore[arg-type]


def _replaced(old: str, new: str) -> dict[str, str]:
    assert old in BASE, old
    return {PATH: BASE.replace(old, new, 1)}


#: rule code -> files of a site where the Gold spec at PATH is mutated so that the rule fires.
MUTATIONS: dict[str, dict[str, str | bytes]] = {
    "OS003": {PATH: BASE.encode().replace(b"The Alpha service.", b"The Alpha \xff service.")},
    "OS005": {PATH: "---\nguid: [unclosed\n---\n" + BASE},
    "OS007": {PATH: ""},
    "OS101": _replaced(f"**GUID**: {GUID}\n", ""),
    "OS102": _replaced(f"**GUID**: {GUID}", "**GUID**: AAAAAAAAAAA1"),
    "OS103": _replaced(f"**GUID**: {GUID}", "**GUID**: bbbbbbbbbbb2"),
    "OS104": {PATH: BASE, f"legacy/operations/ybs-spec_{GUID}.md": BASE},
    "OS105": _replaced("**Version**: 1.0.0", "**Version**: one"),
    "OS106": _replaced("**Status**: Approved", "**Status**: Shipped"),
    "OS107": _replaced("**Last Updated**: 2026-10-01", "**Last Updated**: 2026-13-01"),
    "OS108": _replaced("**Last Updated**: 2026-10-01", "**Last Updated**: 2027-01-01"),
    "OS201": _spec(health=""),
    "OS202": _spec(rollback_rto="[time]"),
    "OS301": _spec(slos="## SLOs (Service Level Objectives)\n\nTo be agreed.\n"),
    # the example: an Approved spec whose availability target was set to 109%
    "OS302": _spec(slos=SLOS.replace("| 99.9% |", "| 109% |")),
    "OS303": _spec(slos=SLOS.replace("| 99.9% |", "| 100% |")),
    "OS304": _spec(slos=SLOS.replace("| < 0.1% |", "| 0.1% |")),
    "OS305": _spec(slos=SLOS.replace("| < 300ms |", "| < 300 |")),
    "OS306": _spec(slos=SLOS.replace("| 99.9% | 30 days |", "| 99.9% | forever |")),
    "OS308": _spec(slos=SLOS + "| Availability | 99.95% | 30 days |\n"),
    "OS401": _spec(dr="## Disaster Recovery\n\n**RPO**: 5 minutes\n"),
    "OS402": _spec(dr=DR.replace("1 hour", "soon")),
    "OS403": _spec(dr=DR.replace("1 hour", "N/A")),
    "OS404": _spec(rollback_rto="2 hours"),
    "OS405": _spec(backups=BACKUPS.replace("Every 5 minutes (WAL archiving)", "Daily")),
    "OS407": _spec(backups="### Backup Strategy\n\n- **Retention**: 35 days\n"),
    "OS501": _replaced("**Severity**: Critical", "**Severity**: P1"),
    "OS502": _replaced("- **Notification**: PagerDuty `primary`\n", ""),
    "OS503": _replaced(
        "- **Runbook**: [Runbook 1: API Error Spike](#runbook-1-api-error-spike)\n", ""
    ),
    "OS504": _replaced("(#runbook-1-api-error-spike)", "(#nowhere)"),
    "OS505": _replaced("> 1.44%", "> 0.05%"),
    "OS601": _replaced("**Endpoint**: `/healthz`\n", ""),
    "OS602": _replaced("Every 30 seconds", "sometimes"),
    "OS702": _spec(related="- **Technical**: `../../outside.md`"),
    "OS703": _replaced("The Alpha service.", "The Alpha service, as in $ref:operations/_BASE.md."),
    "OS801": _replaced("The Alpha service.", "The Alpha service (key AKIAOH764GJ9GHUFNA2A)."),
    "OS802": _replaced("The Alpha service.", "The Alpha service.\n\n    password=Zq1fQoxMpWP3C\n"),
}


def readiness_of(files: dict[str, str | bytes]) -> tuple[Readiness, list[tuple[str, str]]]:
    """The readiness of the spec at PATH, and its (rule, severity) findings."""
    built = build(files)
    found = [(f.rule, f.severity.value) for f in built.analysis.findings if f.path == PATH]
    return built.readiness[PATH], found


def test_the_unmutated_spec_is_gold() -> None:
    r, found = readiness_of({PATH: BASE})
    assert (r.level, found) == ("gold", [])


def test_every_error_rule_maps_to_a_check() -> None:
    unmapped = [
        r.code
        for r in all_rules()
        if r.severity is Severity.ERROR and not r.deprecated and r.readiness is None
    ]
    assert unmapped == []
    assert {
        r.code: r.readiness for r in all_rules() if r.readiness not in (None, *CHECK_KEYS)
    } == {}


def test_the_walk_covers_every_error_rule() -> None:
    errors = {r.code for r in all_rules() if r.severity is Severity.ERROR and not r.deprecated}
    assert errors - set(MUTATIONS) - set(NOT_ON_OPERATIONS_SPECS) == set()


@pytest.mark.parametrize("code", sorted(MUTATIONS))
def test_an_error_finding_fails_the_check_of_its_area(code: str) -> None:
    rule = {r.code: r for r in all_rules()}[code]
    r, found = readiness_of(MUTATIONS[code])
    assert (code, "error") in found, f"the mutation for {code} gave {found}"
    check = next(c for c in r.checks if c.key == rule.readiness)
    assert not check.ok, (code, check)
    assert r.level in ("none", "bronze", "silver")


#: Values a random mutation writes into a line of the Gold spec.
VALUES = [
    "",
    "N/A",
    "109%",
    "100%",
    "soon",
    "P2",
    "[time]",
    "2027-01-01",
    "one",
    "Shipped",
    "< 300",
    "forever",
    "(#nowhere)",
    "AKIAOH764GJ9GHUFNA2A",
    "password=Zq1fQoxMpWP3C",
    "`../../outside.md`",
]
LINES = BASE.split("\n")


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(LINES) - 1),
            st.sampled_from(["drop", "value", "append"]),
            st.sampled_from(VALUES),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_random_mutations_never_pass_the_check_of_an_error(
    edits: list[tuple[int, str, str]],
) -> None:
    lines = list(LINES)
    for index, how, value in edits:
        if how == "drop":
            lines[index] = ""
        elif how == "append":
            lines[index] = f"{lines[index]} {value}"
        elif ": " in lines[index]:  # replace a field's or an item's value
            lines[index] = lines[index].split(": ", 1)[0] + ": " + value
        elif lines[index].startswith("|") and lines[index].count("|") >= 4:  # a table cell
            cells = lines[index].split("|")
            cells[2] = f" {value} "
            lines[index] = "|".join(cells)
    r, found = readiness_of({PATH: "\n".join(lines)})
    rules = {x.code: x for x in all_rules()}
    for code, severity in found:
        if severity != "error":
            continue
        check = next(c for c in r.checks if c.key == rules[code].readiness)
        assert not check.ok, (code, check)
