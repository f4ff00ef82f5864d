"""Structure rules (OS201-OS203): required sections and template placeholders; the template and
the example site as a whole."""

from __future__ import annotations

import time

import pytest

from mkdocs_opsspec.model import Severity
from mkdocs_opsspec.rules import alerts, header, health, recovery, slos, structure
from mkdocs_opsspec.rules.structure import is_template_placeholder

from helpers.rules import (
    TEMPLATE,
    assert_registered,
    example_site,
    findings,
    messages,
    parse,
    rows,
)

MODULES = (header, structure, slos, recovery, alerts, health)


def test_codes_are_registered():
    assert_registered(
        "Structure",
        {
            "OS201": ("required-section-missing", "error"),
            "OS202": ("template-placeholder", "error"),
            "OS203": ("template-placeholder-draft", "warning"),
        },
    )


# --- required sections ---------------------------------------------------------------------------

SECTIONS = """
    # Operations Specification: Checkout

    **GUID**: 0123456789ab
    **Status**: Approved

    ## 1. Deployment

    ### 1.3 Rollback Procedure

    ## 🚨 Alerts

    ## SLOs (Service Level Objectives)

    ### Disaster Recovery
    """


def test_required_section_missing():
    assert rows(structure, SECTIONS) == [("OS201", 1, "error")]
    (f,) = findings(structure, SECTIONS)
    assert f.message == (
        "required section 'Health Checks' is missing: add a 'Health Checks' heading with its "
        "content as in the operations template, or remove the section from the "
        "'required_sections' option"
    )


def test_required_sections_match_numbered_and_emoji_headings():
    source = SECTIONS + "\n    ### 4.1 Health Checks ✅\n"
    assert rows(structure, source) == []


def test_required_sections_come_from_the_context():
    assert rows(structure, SECTIONS, required_sections=("alerts", "runbooks")) == [
        ("OS201", 1, "error")
    ]
    assert rows(structure, SECTIONS, required_sections=()) == []


def test_missing_sections_are_one_finding_naming_them_all():
    source = "# Operations Specification: Checkout\n\n**GUID**: 0123456789ab\n\n## Overview\n"
    assert rows(structure, source, dedent=False) == [("OS201", 1, "error")]
    assert messages(structure, source, dedent=False) == [
        "required sections 'Rollback Procedure', 'Health Checks', 'Alerts', 'SLOs (Service "
        "Level Objectives)' and 'Disaster Recovery' are missing: add a heading for each with "
        "its content as in the operations template, or remove them from the "
        "'required_sections' option"
    ]


def test_required_sections_are_for_operations_specs_only():
    source = SECTIONS.replace("Operations Specification", "Technical Specification")
    assert rows(structure, source, "technical/ybs-spec_0123456789ab.md") == []


# --- placeholders: one finding per occurrence, error once approved -------------------------------

PLACEHOLDERS = """
    # Operations Specification: Checkout

    **GUID**: 0123456789ab
    **Version**: 1.0.0
    **Status**: STATUS
    **Last Updated**: 2026-10-01

    ## Deployment

    ### Rollback Procedure

    1. Step 1
    2. Drain traffic from the old version

    **RTO** (Recovery Time Objective): [time]

    ### Configuration Parameters

    | Parameter | Description | Default | Production Value |
    |-----------|-------------|---------|------------------|
    | `db.pool` | What it does | 10 | 25 |

    ### Secrets

    - **Secret 1**: AWS Secrets Manager `checkout/db`

    ### Health Checks

    **Check Frequency**: Every [X] seconds

    ### Alerts

    #### Alert 1: [Alert Name]
    - **Condition**: When to trigger
    - **Severity**: Critical
    """
PLACEHOLDER_LINES = [12, 15, 21, 25, 29, 33, 34]


def test_placeholders_in_an_approved_spec_are_errors():
    source = PLACEHOLDERS.replace("STATUS", "Approved")
    assert rows(structure, source, required_sections=()) == [
        ("OS202", line, "error") for line in PLACEHOLDER_LINES
    ]


@pytest.mark.parametrize("status", ["Draft", "Review", "Proposed", "[Draft | Review | Approved]"])
def test_placeholders_in_a_draft_spec_are_warnings(status):
    source = PLACEHOLDERS.replace("STATUS", status)
    assert rows(structure, source, required_sections=()) == [
        ("OS203", line, "warning") for line in PLACEHOLDER_LINES
    ]


def test_placeholders_without_a_status_are_warnings():
    source = PLACEHOLDERS.replace("**Status**: STATUS", "")
    found = rows(structure, source, required_sections=())
    assert {code for code, _, _ in found} == {"OS203"}


def test_placeholder_messages_name_the_placeholder_and_its_value():
    source = PLACEHOLDERS.replace("STATUS", "Implemented")
    messages = {f.line: f.message for f in findings(structure, source, required_sections=())}
    assert messages[29] == (
        "template placeholder '[X]' is left in 'Every [X] seconds': replace it with the real "
        "value (the spec is 'Implemented')"
    )
    assert messages[12] == (
        "template placeholder 'Step 1' is left: replace it with the real value (the spec is "
        "'Implemented')"
    )
    assert messages[33].startswith("template placeholder '[Alert Name]' is left in 'Alert 1: ")
    assert messages[25].startswith("template placeholder 'Secret 1' is left: ")


def test_two_placeholders_on_a_line_are_two_findings():
    source = """
        # Business Specification: Checkout

        **Status**: Approved

        ## Business Value

        - As a [user type], I want [feature] so that checkout is faster
        | param1 | value1 |
        """
    # the last line is not a table (no separator row), so it is plain text: no whole value
    assert rows(structure, source, "business/ybs-spec_0123456789ab.md") == [
        ("OS202", 7, "error"),
        ("OS202", 7, "error"),
    ]


def test_whole_heading_and_cell_placeholders():
    source = """
        # Testing Specification: Checkout

        **Status**: Approved

        ### What to test

        | Layer | Technology | Justification |
        |-------|------------|---------------|
        | Backend | [Tech] | Why chosen |
        """
    assert rows(structure, source, "testing/ybs-spec_0123456789ab.md") == [
        ("OS202", 5, "error"),
        ("OS202", 9, "error"),
        ("OS202", 9, "error"),
    ]


NEAR_MISSES = """
    # Operations Specification: Checkout

    **GUID**: 0123456789ab
    **Version**: 1.0.0
    **Status**: Approved
    **Last Updated**: 2026-10-01

    ## Deployment

    1. Step 10 of the migration
    2. Step 1: drain traffic
    - [ ] Confirm the snapshot
    - [x] Tests pass
    - [X] Review done
    - See [X](https://example.com/x) and [time][1]
    - The gateway is described in a footnote[^1]

    ## Dependencies

    - **Service 1 Gateway**: fails closed
    - **Payments API**: What happens if it fails is described in the runbook

    | Setting | Value |
    |---------|-------|
    | Backup frequency | Hourly |
    | Step 1 | Drain |

    ```text
    RTO: [time] and [X] seconds
    ```

    <!-- Every [X] seconds -->
    Indexing uses array[X] lookups.

    [1]: https://example.com/time
    [^1]: Gateway notes.
    """


def test_near_misses_are_not_placeholders():
    assert rows(structure, NEAR_MISSES, required_sections=()) == []


def test_a_bracket_word_the_page_defines_as_a_reference_is_a_link():
    source = """
        # Operations Specification: Checkout

        **Status**: Approved

        - Runbooks: [Link]

        [link]: https://wiki.example.com/runbooks
        """
    assert rows(structure, source, required_sections=()) == []
    assert rows(structure, source.replace("[link]: ", "See: "), required_sections=()) == [
        ("OS202", 5, "error")
    ]


def test_placeholder_case_variants():
    source = """
        # Operations Specification: Checkout

        **Status**: Approved

        - step 1
        - **Condition**: when to trigger
        - **When to use**: TRIGGERING CONDITIONS
        """
    # all lowercase and a changed first letter are matched; other spellings are not looked for
    assert rows(structure, source, required_sections=()) == [
        ("OS202", 5, "error"),
        ("OS202", 6, "error"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[time]", True),
        ("Every [X] seconds", True),
        ("`[12-hex-guid]`", True),
        ("**What it does**", True),
        ("Link to response procedure", True),
        ("[Runbook 1](#runbook-1)", False),
        ("Step 10 of the migration", False),
        ("Service 1 Gateway", False),
        ("15 minutes", False),
        (None, False),
    ],
)
def test_is_template_placeholder(value, expected):
    assert is_template_placeholder(value) is expected


def test_base_specs_are_not_checked():
    source = """
        # Operations BASE Specification

        **System**: [System Name]

        ## Deployment

        **Method**: [Rolling | Blue-Green | Canary]
        """
    assert rows(structure, source, "operations/_BASE.md") == []


# --- the template and the example site -----------------------------------------------------------

TEMPLATE_TEXT = TEMPLATE.read_text("utf-8")
TEMPLATE_STATUS = "**Status**: [Draft | Review | Approved | Implemented]"


def template_with(status: str) -> list[tuple[str, int | None, Severity]]:
    assert TEMPLATE_STATUS in TEMPLATE_TEXT
    source = TEMPLATE_TEXT.replace(TEMPLATE_STATUS, f"**Status**: {status}")
    found = findings(structure, source, dedent=False)
    return [(f.rule, f.line, f.severity) for f in found]


def test_the_approved_template_has_placeholder_errors():
    found = template_with("Approved")
    codes = {code for code, _, _ in found}
    assert codes == {"OS202"}
    lines = {line for _, line, _ in found}
    # GUID, Last Updated, rollback RTO and RPO, a parameter row, Secret 1, the health check
    # frequency, an alert heading, the DR RTO and RPO (lines counted in the template file)
    assert {3, 6, 43, 44, 60, 73, 81, 118, 259, 260} <= lines
    assert all(severity is Severity.ERROR for _, _, severity in found)


def test_the_draft_template_has_placeholder_warnings_only():
    found = template_with("Draft")
    assert found
    assert {code for code, _, _ in found} == {"OS203"}
    assert all(severity is Severity.WARNING for _, _, severity in found)
    approved = template_with("Approved")
    assert [line for _, line, _ in found] == [line for _, line, _ in approved]


def test_the_draft_template_has_no_double_reported_placeholders():
    """A placeholder value (`[time]`, `Every [X] seconds`, `Link to response procedure`) is
    reported by the placeholder rule only, never again as a bad duration or frequency."""
    source = TEMPLATE_TEXT.replace(TEMPLATE_STATUS, "**Status**: Draft")
    for module in (header, slos, recovery, alerts, health):
        assert rows(module, source, dedent=False) == []


def test_approved_example_site_specs_have_no_errors():
    specs, ctx = example_site()
    checked = [
        s
        for s in specs
        if s.type == "operations"
        and s.role == "feature"
        and s.status in ("Approved", "Implemented")
    ]
    assert len(checked) >= 5
    paths = {s.path for s in checked}
    errors = [
        (f.path, f.line, f.rule, f.message)
        for module in MODULES
        for spec in checked
        for f in module.check_spec(spec, ctx)
        if f.severity is Severity.ERROR
    ]
    errors += [
        (f.path, f.line, f.rule, f.message)
        for f in header.check_site(specs, ctx)
        if f.path in paths and f.severity is Severity.ERROR
    ]
    assert errors == []


def test_the_example_site_base_spec_parses_as_base():
    specs, _ = example_site()
    base = [s for s in specs if s.path == "operations/_BASE.md"]
    assert [s.role for s in base] == ["base"]
    assert parse(TEMPLATE_TEXT, dedent=False).role == "feature"


def test_many_placeholders_on_one_line_take_linear_time():
    """20,000 placeholders on one line: one finding each, without quadratic rescans (which
    took a minute)."""
    source = (
        "# Operations Specification: Checkout\n\n**Status**: Approved\n\n- Wait " + "[X] " * 20000
    )
    started = time.perf_counter()
    found = findings(structure, source, dedent=False, required_sections=())
    assert time.perf_counter() - started < 10
    assert len(found) == 20000
    assert {(f.rule, f.line) for f in found} == {("OS202", 5)}
