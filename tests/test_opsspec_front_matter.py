"""The front matter's `opsspec:` mapping is checked (OS009): a key nothing reads, or a value of the
wrong kind, is a warning on its line that says what to write, on a spec or on any other page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mkdocs_opsspec.analysis import Options, analyse

from helpers.rules import assert_registered
from helpers.slo import run_cli

SPEC_PATH = "operations/ybs-spec_0123456789ab.md"
BODY = """\
# Operations Specification: Checkout

**GUID**: 0123456789ab
**Version**: 1.0.0
**Status**: Draft
**Last Updated**: 2026-10-01
"""
KEYS = "the keys are type, ignore, service, sli, generated (see the README)"


def os009(path: str, front_matter: str, body: str = BODY) -> list[tuple[int | None, str]]:
    text = f"---\n{front_matter}---\n{body}"
    result = analyse([(path, text.encode())], Options(reference_date=dt.date(2026, 11, 26)))
    return [(f.line, f.message) for f in result.findings if f.rule == "OS009"]


def test_the_codes_of_input_and_detection_are_registered() -> None:
    assert_registered(
        "Input and detection",
        {
            "OS001": ("near-miss-file-name", "warning"),
            "OS002": ("spec-outside-type-folder", "warning"),
            "OS003": ("not-utf8", "error"),
            "OS004": ("content-not-validated", "info"),
            "OS005": ("invalid-front-matter", "error"),
            "OS006": ("unclosed-code-fence", "warning"),
            "OS007": ("empty-spec", "error"),
            "OS008": ("weak-detection-sign", "info"),
            "OS009": ("opsspec-front-matter-invalid", "warning"),
            "OS010": ("generated-mark-ignored", "warning"),
        },
    )


def test_known_keys_with_good_values_pass() -> None:
    front = (
        "opsspec:\n  type: Operations\n  ignore: [OS109, OS111]\n  service: ledger\n"
        "  sli:\n    Availability:\n      sli_query: up\n"
    )
    assert os009(SPEC_PATH, front) == []
    assert os009(SPEC_PATH, "opsspec:\n  ignore: OS109\n") == []
    assert os009(SPEC_PATH, "title: Checkout\n") == []


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        (
            "opsspec:\n  servce: ledger\n",
            3,
            f"front matter opsspec: unknown key 'servce', which does nothing: did you mean "
            f"'service'? {KEYS}",
        ),
        (
            "opsspec:\n  service: ledger\n  colour: red\n",
            4,
            f"front matter opsspec: unknown key 'colour', which does nothing: {KEYS}",
        ),
        (
            'opsspec:\n  generated: "yes please"\n',
            3,
            "front matter opsspec.generated is 'yes please': only 'mkdocs-opsspec generate' "
            "writes this key, as 'generated: true': remove it",
        ),
        (
            "opsspec:\n  ignore: [OS109, OS999]\n",
            3,
            "front matter opsspec.ignore names 'OS999', no rule code: use the codes "
            "'mkdocs-opsspec rules' lists (e.g. OS109)",
        ),
        (
            "opsspec:\n  ignore: {OS109: true}\n",
            3,
            "front matter opsspec.ignore is a mapping: give a rule code or a list of them, e.g. "
            "'ignore: [OS109]'",
        ),
        (
            "opsspec:\n  service: 7\n",
            3,
            "front matter opsspec.service is '7': give the service's name as text, e.g. "
            "'service: ledger'",
        ),
        (
            "opsspec:\n  sli: [availability]\n",
            3,
            "front matter opsspec.sli is a list: give a mapping of metric -> queries (see the "
            "README)",
        ),
        (
            "opsspec: [type, operations]\n",
            2,
            "front matter 'opsspec' is a list: give a mapping of its keys, e.g. 'opsspec: "
            "{type: operations}', or remove it",
        ),
        (
            "opsspec: {type: operations, servise: x}\n",
            2,  # flow style: the line of `opsspec:`
            f"front matter opsspec: unknown key 'servise', which does nothing: did you mean "
            f"'service'? {KEYS}",
        ),
    ],
)
def test_a_bad_key_or_value_is_a_warning_on_its_line(front: str, line: int, message: str) -> None:
    assert os009(SPEC_PATH, front) == [(line, message)]


def test_a_page_that_is_no_spec_gets_the_warning_too() -> None:
    """A typo in the type that would opt a page in leaves it no spec: the warning says why."""
    got = os009("notes/checkout.md", "opsspec:\n  type: operation\n", "# Checkout\n\nNotes.\n")
    assert got == [
        (
            3,
            "front matter opsspec.type is 'operation', not a spec type: use one of business, "
            "functional, technical, testing, security, operations, architecture",
        )
    ]


def test_check_prints_it_with_the_path_and_line(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "checkout.md").write_text(
        "---\nopsspec:\n  typ: operations\n---\n# Checkout\n", "utf-8"
    )
    status, out = run_cli("check", "--jobs", "1", str(tmp_path))
    assert status == 0  # a warning
    assert (
        "notes/checkout.md:3: warning OS009 front matter opsspec: unknown key 'typ', which does "
        f"nothing: did you mean 'type'? {KEYS}"
    ) in out.splitlines()
