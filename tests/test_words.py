"""Counted nouns: one is singular, every other count plural (expected words by hand)."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.ci_formats import summary_line
from mkdocs_opsspec.words import counted, plural


@pytest.mark.parametrize(
    ("noun", "many"),
    [
        ("error", "errors"),
        ("backup entry", "backup entries"),
        ("day", "days"),
        ("box", "boxes"),
        ("SLO", "SLOs"),
        ("GUID", "GUIDs"),
        ("operations spec", "operations specs"),
        ("Critical/High alert", "Critical/High alerts"),
        ("info", "infos"),
    ],
)
def test_plural(noun: str, many: str) -> None:
    assert plural(noun) == many


def test_counted() -> None:
    assert counted(1, "error") == "1 error"
    assert counted(0, "error") == "0 errors"
    assert counted(2, "backup entry") == "2 backup entries"
    assert counted(1, "backup entry") == "1 backup entry"
    assert counted(3, "person", "people") == "3 people"


def test_summary_line_singular_and_plural() -> None:
    one = {"error": 1, "warning": 1, "info": 1}
    assert summary_line(1, one) == "1 spec checked: 1 error, 1 warning, 1 info"
    many = {"error": 0, "warning": 2, "info": 3}
    assert summary_line(37, many, 1) == (
        "37 specs checked: 0 errors, 2 warnings, 3 infos (1 baselined)"
    )
