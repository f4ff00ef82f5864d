"""Health check rules (OS601-OS602): fixtures with hand-counted lines, and near misses."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.rules import health, structure

from helpers.rules import assert_registered, findings, header, rows

FILLER = "`/readyz` also checks the database connection."


def spec(
    endpoint: str | None = "`/healthz`",
    frequency: str | None = "Every 30 seconds",
    criteria: str | None = "Status code 200, response time < 200ms",
    title: str = "# Operations Specification: Checkout",
) -> str:
    """The section heading is on line 8, the three fields on lines 10, 11 and 12."""
    lines = [
        *header(title),  # lines 1-5
        "## Monitoring",  # 6
        "",  # 7
        "### Health Checks",  # 8
        "",  # 9
        f"**Endpoint**: {endpoint}" if endpoint is not None else FILLER,  # 10
        f"**Check Frequency**: {frequency}" if frequency is not None else FILLER,  # 11
        f"**Success Criteria**: {criteria}" if criteria is not None else FILLER,  # 12
    ]
    return "\n".join(lines) + "\n"


def check(path: str = "operations/ybs-spec_0123456789ab.md", **kw):
    return rows(health, spec(**kw), path, dedent=False)


def messages(**kw) -> list[str]:
    return [f.message for f in findings(health, spec(**kw), dedent=False)]


def test_codes_are_registered():
    assert_registered(
        "Health checks",
        {
            "OS601": ("health-check-field-missing", "error"),
            "OS602": ("health-check-frequency-invalid", "error"),
        },
    )


def test_complete_health_checks_have_no_findings():
    assert check() == []


def test_missing_fields_one_finding_naming_them_all():
    assert check(endpoint=None) == [("OS601", 8, "error")]
    assert check(frequency=None, criteria=None) == [("OS601", 8, "error")]
    assert messages(frequency=None, criteria=None) == [
        "the Health Checks section has no check frequency and no success criteria: add "
        "'**Check Frequency**: Every 30 seconds' and '**Success Criteria**: Status code 200, "
        "response time < 200ms'"
    ]
    assert messages(criteria=None) == [
        "the Health Checks section has no success criteria: add '**Success Criteria**: Status "
        "code 200, response time < 200ms'"
    ]


def test_empty_field_is_reported_at_its_line():
    assert check(endpoint="") == [("OS601", 10, "error")]


def test_no_health_checks_section_is_left_to_the_structure_rule():
    source = spec().replace("### Health Checks", "### Dashboards")
    assert rows(health, source, dedent=False) == []


@pytest.mark.parametrize(
    ("frequency", "detail"),
    [
        ("Sometimes", "is not a fixed interval"),
        ("Every 30", "is missing a time unit"),
        ("Every 5 M", 'is ambiguous: "M" could be minutes or months'),
        ("N/A", "is not an interval"),
        ("Continuous", "is not an interval"),
    ],
)
def test_frequency_that_does_not_parse(frequency, detail):
    assert check(frequency=frequency) == [("OS602", 11, "error")]
    (msg,) = messages(frequency=frequency)
    assert msg.startswith("health check frequency ")
    assert detail in msg


@pytest.mark.parametrize(
    "frequency", ["Every 30 seconds", "30s", "every minute", "Every 15 seconds (liveness)"]
)
def test_frequencies_that_parse(frequency):
    assert check(frequency=frequency) == []


def test_placeholder_frequency_is_reported_once_by_the_placeholder_rule():
    source = spec(frequency="Every [X] seconds", criteria="Status code 200, response time < [X]ms")
    assert rows(health, source, dedent=False) == []
    assert rows(structure, source, dedent=False, required_sections=()) == [
        ("OS202", 11, "error"),
        ("OS202", 12, "error"),
    ]


def test_base_specs_get_the_frequency_check_only():
    base = "# Operations BASE Specification"
    assert check("operations/_BASE.md", criteria=None, title=base) == []
    assert check("operations/_BASE.md", frequency="Sometimes", title=base) == [
        ("OS602", 11, "error")
    ]
