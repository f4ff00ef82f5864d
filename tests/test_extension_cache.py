"""The Markdown extension's cache of a checked docs folder is never stale: a build after the
reference date, the baseline file or the other files of docs_dir changed sees the change (the
Markdown files unchanged). Its options resolve paths as the plugin's do (docs_dir given), and its
warnings are MkDocs' (`--strict` fails on them under MkDocs)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from mkdocs_opsspec import markdown as extension

from helpers.sites import build_site

SPEC = "operations/ybs-spec_0123456789ab.md"
PAGE = "operations/ybs-spec_0123456789ab/index.html"
EPOCH_2026 = "1795651200"  # 2026-11-26
EPOCH_2027 = "1827187200"  # 2027-11-26
SOURCE = """\
# Operations Specification: Checkout

**GUID**: 0123456789ab
**Version**: 1.0.0
**Status**: {status}
**Last Updated**: 2026-10-01

## Monitoring & Alerts

### Alerts

#### Alert 1: High error rate
- **Condition**: error rate > 1% for 5 minutes
- **Severity**: Critical
- **Notification**: Slack
- **Runbook**: [restore](../runbooks/restore.pdf)
"""


@pytest.fixture(autouse=True)
def fresh() -> None:
    extension.SITES.clear()


def write_docs(docs: Path, status: str = "Draft") -> None:
    (docs / "operations").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / SPEC).write_text(SOURCE.format(status=status), "utf-8")


def make_site(root: Path, options: str = "", status: str = "Draft") -> Path:
    write_docs(root / "docs", status)
    (root / "mkdocs.yml").write_text(
        "site_name: cache\ntheme:\n  name: mkdocs\nplugins: []\nmarkdown_extensions:\n"
        "  - mkdocs_opsspec.markdown" + (":\n" + options if options else "\n"),
        "utf-8",
    )
    return root / "mkdocs.yml"


def rules_on_page(site: Path) -> list[str]:
    """The rule codes of the findings block on the spec's page."""
    page = BeautifulSoup((site / PAGE).read_text("utf-8"), "html.parser")
    return [c.get_text() for c in page.select("code.opsspec-finding-rule")]


def fingerprint(rule: str, text: str) -> str:
    """A baseline entry's fingerprint (the file format): SHA-256 of rule, NUL, line text."""
    return hashlib.sha256(f"{rule}\0{text}".encode()).hexdigest()[:16]


def test_a_new_reference_date_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_site(tmp_path)
    (tmp_path / "docs" / "runbooks").mkdir()
    (tmp_path / "docs" / "runbooks" / "restore.pdf").write_bytes(b"%PDF-1.4\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    build_site(config, tmp_path / "one")
    assert "OS109" not in rules_on_page(tmp_path / "one")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2027)  # Last Updated is now 421 days old
    build_site(config, tmp_path / "two")
    assert "OS109" in rules_on_page(tmp_path / "two")


def test_a_file_added_to_docs_dir_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    config = make_site(tmp_path)
    build_site(config, tmp_path / "one")
    assert rules_on_page(tmp_path / "one").count("OS504") == 1  # the runbook is no file yet
    (tmp_path / "docs" / "runbooks").mkdir()
    (tmp_path / "docs" / "runbooks" / "restore.pdf").write_bytes(b"%PDF-1.4\n")
    build_site(config, tmp_path / "two")
    assert "OS504" not in rules_on_page(tmp_path / "two")


def test_a_changed_baseline_file_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    config = make_site(
        tmp_path, "      strict: true\n      baseline: baseline.json\n", status="Bogus"
    )
    (tmp_path / "docs" / "runbooks").mkdir()
    (tmp_path / "docs" / "runbooks" / "restore.pdf").write_bytes(b"%PDF-1.4\n")
    baseline = tmp_path / "baseline.json"
    entries = [  # the spec's two errors: no required sections (line 1), a bad status (line 5)
        ("OS201", "# Operations Specification: Checkout"),
        ("OS106", "**Status**: Bogus"),
    ]
    rows = ", ".join(
        f'{{"path": "{SPEC}", "rule": "{rule}", "fingerprint": "{fingerprint(rule, text)}"}}'
        for rule, text in entries
    )
    baseline.write_text(f'{{"baseline": 1, "findings": [{rows}]}}\n', "utf-8")
    build_site(config, tmp_path / "one")  # every error is baselined: the strict build passes
    baseline.write_text('{"baseline": 1, "findings": []}\n', "utf-8")
    with pytest.raises(extension.StrictError, match=r"OS106 Status 'Bogus'"):
        build_site(config, tmp_path / "two")


def test_paths_resolve_against_the_sites_docs_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finding of a monitoring file (here: a glob of slo_sources that matches nothing, on
    mkdocs.yml) is relative to docs_dir, as under the plugin: docs_dir two folders down."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    root = tmp_path / "project"
    write_docs(root / "site-src" / "docs")
    (root / "mkdocs.yml").write_text(
        "site_name: paths\ndocs_dir: site-src/docs\ntheme:\n  name: mkdocs\nplugins: []\n"
        "markdown_extensions:\n  - mkdocs_opsspec.markdown:\n"
        "      slo_sources: ['monitoring/*.yaml']\n",
        "utf-8",
    )
    built = build_site(root / "mkdocs.yml", tmp_path / "out")
    os903 = [m for m in built.messages(logging.INFO) if "OS903" in m]
    assert os903 == [
        "opsspec: mkdocs.yml:8: warning OS903 slo_sources: 'monitoring/*.yaml' matches no file "
        "(globs are relative to the folder of mkdocs.yml; '**' matches folders): fix the "
        "pattern or remove it"
    ]


def test_its_warnings_fail_a_strict_mkdocs_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    config = make_site(tmp_path, status="Bogus")  # OS106, an error
    built = build_site(config, tmp_path / "lenient")
    failing = [m for m in built.messages(logging.WARNING) if "OS106" in m]
    assert failing == [
        "opsspec: docs/operations/ybs-spec_0123456789ab.md:5: error OS106 Status 'Bogus' is "
        "not one of Draft, Review, Approved, Implemented: use one of them or add it to the "
        "plugin's 'statuses' option"
    ]
    extension.SITES.clear()
    with pytest.raises(Abort, match="in strict mode"):
        build_site(config, tmp_path / "strict", strict=True)
