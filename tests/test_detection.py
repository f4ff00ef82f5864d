"""Detection by strong and weak signs, the hint for a page with one weak sign (OS008), and where
the header is (issue 16). Expected values are written by hand from the fixtures."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.parser import parse_file

H1 = "# Operations Specification: Ledger\n"
TEXT = "# Ledger notes\n\nSome text.\n"


def detected(path: str, text: str) -> tuple[str, str, str] | None:
    spec, _ = parse_file(path, text.encode())
    return None if spec is None else (spec.type or "", spec.role, spec.detected_by)


def loose(path: str, text: str) -> list[tuple[str, int | None]]:
    spec, found = parse_file(path, text.encode())
    assert spec is None
    return [(f.rule, f.line) for f in found]


# --- strong signs: one is enough ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("operations/ybs-spec_0123456789ab.md", TEXT, ("operations", "feature", "path")),
        ("team/ledger.md", H1, ("operations", "feature", "title")),
        ("team/ledger.md", "# Security Specification: Ledger\n", ("security", "feature", "title")),
        (
            "team/ledger.md",
            "---\nopsspec: {type: operations}\n---\n" + TEXT,
            ("operations", "feature", "front_matter"),
        ),
        (
            "team/ledger.md",
            "---\nopsspec:\n  type: Technical\n  ignore: [OS101]\n---\n" + TEXT,
            ("technical", "feature", "front_matter"),
        ),
        (
            "team/shop.md",
            "# Operations BASE Specification: Shop\n",
            ("operations", "base", "title"),
        ),
    ],
)
def test_strong_signs(path: str, text: str, expected: tuple[str, str, str]) -> None:
    assert detected(path, text) == expected


def test_opt_in_names_the_type_even_where_the_title_names_another() -> None:
    text = "---\nopsspec: {type: technical}\n---\n" + H1
    assert detected("team/ledger.md", text) == ("technical", "feature", "front_matter")


def test_opsspec_front_matter_without_a_type_is_no_sign() -> None:
    assert detected("team/ledger.md", "---\nopsspec: {ignore: [OS101]}\n---\n" + TEXT) is None


# --- weak signs: two are needed ----------------------------------------------------------------

FM_TYPE = "---\ntype: operations\n---\n"
GUID = "**GUID**: 0123456789ab\n"


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        # front matter type + a GUID field in the header
        (
            "notes/ledger.md",
            FM_TYPE + "# Ledger\n\n" + GUID,
            ("operations", "feature", "front_matter"),
        ),
        # front matter type + a GUID in front matter
        (
            "notes/ledger.md",
            "---\ntype: operations\nguid: 0123456789ab\n---\n" + TEXT,
            ("operations", "feature", "front_matter"),
        ),
        # front matter type + a type folder (the front matter's type wins)
        ("security/ledger.md", FM_TYPE + TEXT, ("operations", "feature", "front_matter")),
        # a GUID field + a type folder
        ("testing/ledger.md", "# Ledger\n\n" + GUID, ("testing", "feature", "path")),
    ],
)
def test_two_weak_signs_make_a_spec(path: str, text: str, expected: tuple[str, str, str]) -> None:
    assert detected(path, text) == expected


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("notes/ledger.md", FM_TYPE + TEXT),
        ("notes/ledger.md", "# Ledger\n\n" + GUID),
        ("operations/ledger.md", TEXT),
        # a GUID field below the header is no GUID field
        ("operations/ledger.md", "# Ledger\n\n## Notes\n\n" + GUID),
        # signs in prose, inline code or a fenced example are no signs
        (
            "notes/naming.md",
            "# Naming\n\nFiles are `operations/ybs-spec_<guid>.md`, titled\n"
            "`# Operations Specification: X`.\n\n```markdown\n---\nopsspec: {type: operations}\n"
            "---\n\n# Operations Specification: Search\n```\n",
        ),
    ],
)
def test_one_weak_sign_is_no_spec(path: str, text: str) -> None:
    assert detected(path, text) is None


def test_a_lone_front_matter_type_gets_an_info_saying_how_to_opt_in() -> None:
    _, found = parse_file("notes/sync.md", (FM_TYPE + TEXT).encode())
    assert [(f.rule, f.line, f.severity.value) for f in found] == [("OS008", 2, "info")]
    assert found[0].message == (
        "front matter 'type: operations' alone does not make this page a spec (it needs one more "
        "sign): if it is one, add 'opsspec: {type: operations}' to its front matter or give it a "
        "'# Operations Specification: <name>' title"
    )


def test_a_lone_guid_field_gets_the_info_on_its_line() -> None:
    assert loose("notes/ledger.md", "# Ledger\n\n" + GUID) == [("OS008", 3)]


def test_a_page_that_only_lies_in_a_type_folder_gets_no_info() -> None:
    assert loose("operations/index.md", TEXT) == []


def test_a_near_miss_name_gets_its_rename_hint_only() -> None:
    assert loose("notes/ybs_spec_0123456789ab.md", FM_TYPE + TEXT) == [("OS001", None)]


# --- the header ---------------------------------------------------------------------------


def fields(text: str, path: str = "operations/ybs-spec_0123456789ab.md") -> dict[str, object]:
    spec, _ = parse_file(path, text.encode())
    assert spec is not None
    return {name: (f.value, f.line) for name, f in spec.fields.items()}


def test_bullet_fields_under_one_key_value_heading() -> None:
    text = (
        "# Checkout: Operations\n"  # 1
        "\n"  # 2
        "## Project: Checkout Platform\n"  # 3
        "\n"  # 4
        "- **Status:** Draft\n"  # 5
        "- **Document Version:** 1.0.0\n"  # 6
        "- **Date:** 2026-10-03\n"  # 7
        "\n"  # 8
        "## Overview\n"  # 9
        "\n"  # 10
        "**Owner**: not a header field\n"  # 11
    )
    assert fields(text) == {
        "status": ("Draft", 5),
        "version": ("1.0.0", 6),
        "last_updated": ("2026-10-03", 7),
    }


def test_plain_field_lines() -> None:
    text = H1 + "\nStatus: Implemented\nVersion: 2.1.0\nLast Updated: 2026-11-02\nOwner: ledger\n"
    assert fields(text, "team/ops.md") == {
        "status": ("Implemented", 3),
        "version": ("2.1.0", 4),
        "last_updated": ("2026-11-02", 5),
        "owner": ("ledger", 6),
    }


def test_status_200_under_health_checks_is_not_the_status() -> None:
    text = (
        H1 + "\n**GUID**: 0123456789ab\n\n## Health Checks\n\nA healthy pod answers:\n\n"
        "- Status: 200\n- Version: 3\n"
    )
    assert fields(text) == {"guid": ("0123456789ab", 3)}


def test_the_header_is_the_first_run_of_field_lines() -> None:
    text = (
        H1  # 1
        + "\n"  # 2
        + "The ledger records every balance movement.\n"  # 3
        + "\n"  # 4
        + "**Status**: Approved\n"  # 5
        + "**Version**: 1.0.0\n"  # 6
        + "\n"  # 7
        + "The live state is on the dashboard.\n"  # 8: prose after the header
        + "**Last Updated**: 2026-01-01\n"  # 9: after the run ended
    )
    assert fields(text, "team/ops.md") == {"status": ("Approved", 5), "version": ("1.0.0", 6)}


def test_a_key_value_heading_after_the_fields_ends_the_header() -> None:
    text = H1 + "\n**Status**: Approved\n\n## Project: Ledger\n\n**Version**: 1.0.0\n"
    assert fields(text, "team/ops.md") == {"status": ("Approved", 3)}


def test_only_one_key_value_heading_is_skipped() -> None:
    text = "# Ledger\n\n## Project: Ledger\n\n## Team: Core\n\n**Status**: Approved\n"
    spec, _ = parse_file("operations/ybs-spec_0123456789ab.md", text.encode())
    assert spec is not None and spec.fields == {}
