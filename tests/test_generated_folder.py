"""The generated pages' folder: the mark `opsspec: {generated: true}` keeps a page from being a
spec only there (elsewhere a spec carrying it is checked, with OS010), and a page in that folder
that is not UTF-8 is a warning naming it, not a crash."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from mkdocs_opsspec.analysis import Options, analyse

from helpers.sites import build_site

MARK = "---\nopsspec:\n  generated: true\n---\n"
SPEC = """\
# Operations Specification: Checkout

**GUID**: 0123456789ab
**Version**: 1.0.0
**Status**: Bogus
**Last Updated**: 2026-10-01
"""


def findings(path: str, text: str, **options: object) -> list[tuple[str, int | None]]:
    result = analyse(
        [(path, text.encode())], Options(reference_date=dt.date(2026, 11, 26), **options)
    )
    return [(f.rule, f.line) for f in result.findings]


def test_the_mark_outside_the_generated_folder_hides_no_spec() -> None:
    got = findings("operations/ybs-spec_0123456789ab.md", MARK + SPEC)
    # the spec is checked (its status is unknown: OS106 on line 9), and the mark is reported
    assert ("OS106", 9) in got
    assert ("OS010", 2) in got


def test_the_mark_in_the_generated_folder_is_a_page_generate_wrote() -> None:
    assert findings("opsspec/features/0123456789ab.md", MARK + SPEC) == []
    assert findings("reports/x.md", MARK + SPEC, generated_dir="reports") == []
    # ... and only there: the option names the folder
    assert ("OS010", 2) in findings("opsspec/x.md", MARK + SPEC, generated_dir="reports")


def test_a_generated_page_elsewhere_is_no_spec_and_gets_no_hint() -> None:
    """`generate --out docs/overview` puts its pages outside generated_dir: they stay no specs,
    without the one-weak-sign hint (OS008) a page with a GUID field would get."""
    page = MARK + "# Checkout\n\n**GUID**: 0123456789ab\n"
    assert findings("overview/features/0123456789ab.md", page) == []
    assert findings("notes/checkout.md", page.removeprefix(MARK)) == [("OS008", 3)]


def test_a_page_of_the_generated_folder_that_is_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    docs = tmp_path / "docs"
    (docs / "opsspec").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "opsspec" / "notes.md").write_bytes(b"# Notes\n\nCaf\xe9 au lait\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: bytes\ntheme:\n  name: mkdocs\nplugins:\n  - opsspec\n", "utf-8"
    )
    built = build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    warnings = [m for m in built.messages(logging.WARNING) if "notes.md" in m]
    assert warnings == [
        "mkdocs_opsspec: 'opsspec/notes.md' in the generated pages' folder is not UTF-8 text: "
        "it is read with its bad bytes replaced (U+FFFD); save it as UTF-8, or move it out of "
        "'opsspec/' (the folder of 'generated_dir')"
    ]
    assert "Caf\ufffd au lait" in built.html("opsspec/notes/index.html")
    assert (tmp_path / "site" / "opsspec" / "portfolio" / "index.html").is_file()
