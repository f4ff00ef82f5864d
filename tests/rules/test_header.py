"""Header rules (OS101-OS110): fixtures with hand-counted lines, and near misses."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.rules import header

from helpers.rules import assert_registered, findings, parse, rows, site_findings


def spec(
    guid: str = "0123456789ab",
    version: str = "1.2.0",
    status: str = "Approved",
    updated: str = "2026-10-01",
) -> str:
    """A header whose GUID is on line 3, Version 4, Status 5, Last Updated 6."""
    return (
        "# Operations Specification: Checkout\n"  # 1
        "\n"  # 2
        f"**GUID**: {guid}\n"  # 3
        f"**Version**: {version}\n"  # 4
        f"**Status**: {status}\n"  # 5
        f"**Last Updated**: {updated}\n"  # 6
        "\n"  # 7
        "## Overview\n"  # 8
        "\n"  # 9
        "Checkout flow.\n"  # 10
    )


def messages(source: str, path: str = "operations/ybs-spec_0123456789ab.md", **kw) -> list[str]:
    kw.setdefault("dedent", False)
    return [f.message for f in findings(header, source, path, **kw)]


def test_codes_are_registered():
    assert_registered(
        "Header",
        {
            "OS101": ("guid-missing", "error"),
            "OS102": ("guid-invalid", "error"),
            "OS103": ("guid-filename-mismatch", "error"),
            "OS104": ("guid-duplicate", "error"),
            "OS105": ("version-not-semver", "error"),
            "OS106": ("status-unknown", "error"),
            "OS107": ("last-updated-invalid", "error"),
            "OS108": ("last-updated-in-future", "error"),
            "OS109": ("last-updated-stale", "warning"),
            "OS110": ("header-front-matter-mismatch", "warning"),
            "OS111": ("header-fields-missing", "warning"),
        },
    )


def test_a_clean_header_has_no_findings():
    assert rows(header, spec(), dedent=False) == []


# --- Status, Version, Last Updated missing (OS111) --------------------------------------------


def test_missing_header_fields_are_one_finding_naming_them_all():
    source = "# Operations Specification: Checkout\n\n**GUID**: 0123456789ab\n\n## Overview\n"
    assert rows(header, source, dedent=False) == [("OS111", 1, "warning")]
    assert messages(source) == [
        "the header states no Status, Version or Last Updated: add '**Status**: Draft', "
        "'**Version**: 1.0.0', '**Last Updated**: 2026-11-26' under the title"
    ]


def test_one_missing_header_field_is_named_alone():
    source = spec().replace("**Version**: 1.2.0\n", "")
    assert rows(header, source, dedent=False) == [("OS111", 1, "warning")]
    assert messages(source) == [
        "the header states no Version: add '**Version**: 1.0.0' under the title"
    ]


def test_an_empty_field_is_missing_and_a_placeholder_is_not():
    source = spec(status="", updated="[YYYY-MM-DD]")
    assert rows(header, source, dedent=False) == [("OS111", 1, "warning")]
    assert "states no Status:" in messages(source)[0]


# --- GUID -----------------------------------------------------------------------------------


NO_GUID = """
    # Operations Specification: Checkout

    **Version**: 1.2.0
    **Status**: Approved
    **Last Updated**: 2026-10-01

    ## Overview
    """


def test_guid_missing():
    assert rows(header, NO_GUID) == [("OS101", 1, "error")]
    assert messages(NO_GUID, dedent=True) == [
        "the spec states no GUID: add '**GUID**: 0123456789ab' under the title"
    ]


def test_guid_in_front_matter_only_is_not_missing():
    source = """
        ---
        guid: 0123456789ab
        ---
        # Operations Specification: Checkout

        **Version**: 1.2.0
        **Status**: Approved
        **Last Updated**: 2026-10-01
        """
    assert rows(header, source) == []


@pytest.mark.parametrize(
    ("guid", "hint"),
    [
        ("0123456789AB", "write it in lowercase: '0123456789ab'"),
        ("0123456789", "such as the file name's '0123456789ab'"),
        ("g123456789ab", "such as the file name's '0123456789ab'"),
    ],
)
def test_guid_invalid(guid, hint):
    assert rows(header, spec(guid=guid), dedent=False) == [("OS102", 3, "error")]
    (msg,) = messages(spec(guid=guid))
    assert msg.startswith(f"GUID '{guid}' is not 12 lowercase hex digits: ")
    assert hint in msg


def test_guid_differs_from_file_name():
    assert rows(header, spec(guid="aaaaaaaaaaaa"), dedent=False) == [("OS103", 3, "error")]
    assert messages(spec(guid="aaaaaaaaaaaa")) == [
        "GUID 'aaaaaaaaaaaa' differs from the file name's GUID '0123456789ab': make them the "
        "same (fix the GUID or rename the file)"
    ]


def test_guid_of_a_file_without_guid_in_its_name_is_not_compared():
    source = spec(guid="aaaaaaaaaaaa")
    assert rows(header, source, "ops/checkout.md", dedent=False) == []


def test_placeholder_guid_is_left_to_the_placeholder_rule():
    assert rows(header, spec(guid="[12-hex-guid]"), dedent=False) == []


def test_duplicate_guid_reports_both_files_each_naming_the_other():
    a, b = "operations/ybs-spec_0123456789ab.md", "legacy/operations/ybs-spec_0123456789ab.md"
    found = site_findings(header, {a: spec(), b: spec()})
    assert [(f.path, f.rule, f.line, f.severity.value) for f in found] == [
        (b, "OS104", 3, "error"),
        (a, "OS104", 3, "error"),
    ]
    assert b in found[1].message and a in found[0].message
    assert found[1].message == (
        f"GUID '0123456789ab' is also used by the operations spec {b}: give each feature its "
        "own GUID (one spec per type and GUID)"
    )


def test_one_guid_across_spec_types_is_one_feature_not_a_duplicate():
    business = spec().replace("Operations Specification", "Business Specification")
    sources = {
        "operations/ybs-spec_0123456789ab.md": spec(),
        "business/ybs-spec_0123456789ab.md": business,
    }
    assert site_findings(header, sources) == []


def test_duplicate_guid_from_a_copied_header():
    """The second file's header GUID repeats the first file's: both are reported (and the copy
    also gets OS103 from check_spec)."""
    a, b = "operations/ybs-spec_0123456789ab.md", "operations/ybs-spec_bbbbbbbbbbbb.md"
    found = site_findings(header, {a: spec(), b: spec()})
    assert [(f.path, f.rule, f.line) for f in found] == [(a, "OS104", 3), (b, "OS104", 3)]
    assert rows(header, spec(), b, dedent=False) == [("OS103", 3, "error")]


# --- Version ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "hint"),
    [
        ("v1.2.0", "drop the leading 'v': '1.2.0'"),
        ("1.2", "write all three parts: '1.2.0'"),
        ("2", "write all three parts: '2.0.0'"),
        ("1.2.0.4", "write it as MAJOR.MINOR.PATCH"),
        ("01.2.0", "write it as MAJOR.MINOR.PATCH"),
        ("latest", "write it as MAJOR.MINOR.PATCH"),
    ],
)
def test_version_not_semver(version, hint):
    assert rows(header, spec(version=version), dedent=False) == [("OS105", 4, "error")]
    (msg,) = messages(spec(version=version))
    assert msg.startswith(f"Version '{version}' is not semver: ")
    assert hint in msg


@pytest.mark.parametrize("version", ["0.1.0", "1.2.0", "10.20.30", "2.0.0-rc.1", "1.0.0+build.5"])
def test_semver_versions_pass(version):
    assert rows(header, spec(version=version), dedent=False) == []


# --- Status ----------------------------------------------------------------------------------


def test_status_unknown():
    assert rows(header, spec(status="Aproved"), dedent=False) == [("OS106", 5, "error")]
    assert messages(spec(status="Aproved")) == [
        "Status 'Aproved' is not one of Draft, Review, Approved, Implemented: use one of them "
        "or add it to the plugin's 'statuses' option"
    ]


def test_status_in_the_wrong_case_names_the_right_one():
    assert rows(header, spec(status="approved"), dedent=False) == [("OS106", 5, "error")]
    (msg,) = messages(spec(status="approved"))
    assert msg.endswith("use 'Approved' (statuses are case-sensitive)")


def test_configured_statuses_and_code_marks_pass():
    assert rows(header, spec(status="`Implemented`"), dedent=False) == []
    statuses = ("Draft", "Approved", "Deprecated")
    assert rows(header, spec(status="Deprecated"), dedent=False, statuses=statuses) == []


# --- Last Updated --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("2026-02-30", "is not a real date"),
        ("2026-13-01", "is not a real date"),
        ("26/11/2026", "is not a YYYY-MM-DD date"),
        ("Nov 2026", "is not a YYYY-MM-DD date"),
    ],
)
def test_last_updated_invalid(value, what):
    assert rows(header, spec(updated=value), dedent=False) == [("OS107", 6, "error")]
    assert messages(spec(updated=value)) == [
        f"Last Updated '{value}' {what}: write the date of the last change as YYYY-MM-DD, "
        "e.g. '2026-11-26'"
    ]


def test_last_updated_in_the_future():
    assert rows(header, spec(updated="2026-11-27"), dedent=False) == [("OS108", 6, "error")]


def test_last_updated_today_passes():
    assert rows(header, spec(updated="2026-11-26"), dedent=False) == []


def test_last_updated_stale_is_a_warning():
    # 2026-05-29 is 181 days before 2026-11-26
    assert rows(header, spec(updated="2026-05-29"), dedent=False) == [("OS109", 6, "warning")]
    assert messages(spec(updated="2026-05-29")) == [
        "Last Updated '2026-05-29' is 181 days before 2026-11-26 (more than 180): review the "
        "spec and update the date"
    ]


def test_last_updated_exactly_stale_after_days_ago_passes():
    # 2026-05-30 is 180 days before 2026-11-26: not more than 180
    assert rows(header, spec(updated="2026-05-30"), dedent=False) == []
    assert rows(header, spec(updated="2026-10-01"), dedent=False, stale_after_days=30) == [
        ("OS109", 6, "warning")
    ]


# --- front matter against the header -----------------------------------------------------------

FRONT_MATTER = """
    ---
    status: Draft
    version: 1.2.0
    last_updated: 2026-10-01
    ---
    # Operations Specification: Checkout

    **GUID**: 0123456789ab
    **Version**: 1.2.0
    **Status**: Approved
    **Last Updated**: 2026-10-01
    """


def test_front_matter_and_header_disagree():
    # front matter takes lines 1-5, so the header Status is on line 10
    assert rows(header, FRONT_MATTER) == [("OS110", 10, "warning")]
    assert messages(FRONT_MATTER, dedent=True) == [
        "Status is 'Approved' in the header but 'Draft' in the front matter (line 2): make "
        "them the same or drop one of them"
    ]


def test_front_matter_and_header_agree():
    # the YAML date 2026-10-01 is the same date as the header's
    assert rows(header, FRONT_MATTER.replace("status: Draft", "status: Approved")) == []


# --- scope -----------------------------------------------------------------------------------


def test_sibling_spec_types_are_checked_too():
    source = spec(version="v2").replace("Operations Specification", "Security Specification")
    assert rows(header, source, "security/ybs-spec_0123456789ab.md", dedent=False) == [
        ("OS105", 4, "error")
    ]


def test_base_specs_have_no_feature_header():
    source = """
        # Operations BASE Specification

        **System**: Shop
        **Version**: 1.0
        **Last Updated**: [YYYY-MM-DD]
        """
    base = parse(source, "operations/_BASE.md")
    assert base.role == "base"
    assert rows(header, source, "operations/_BASE.md") == []
