"""`mkdocs-opsspec generate` writes the report a build writes (readiness included), reads paths
in its options as the plugin does (against the site's docs_dir), and says which file it could
not write instead of failing with a traceback."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from mkdocs_opsspec.cli import main

from helpers.sites import EXAMPLE, build_site

EPOCH = "1795651200"  # 2026-11-26


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(list(args))
    return status, out.getvalue()


def test_the_same_report_as_the_plugin_and_check(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("site"))
    built = build_site(site / "mkdocs.yml", tmp_path / "built")
    from_plugin = built.report()
    status, printed = run("check", "--format", "json", "-f", str(site / "mkdocs.yml"))
    from_check = json.loads(printed)
    status, _ = run("generate", "-f", str(site / "mkdocs.yml"))
    assert status == 0
    written = site / "docs" / "opsspec" / "opsspec-report.json"
    from_generate = json.loads(written.read_text("utf-8"))
    ready = [s for s in from_plugin["specs"] if "readiness" in s]
    assert len(ready) == 8  # the example site's operations specs
    assert from_generate == from_plugin
    assert from_check == from_plugin


def os903(report: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    return [(f["path"], f["source"], f["line"]) for f in report["findings"] if f["rule"] == "OS903"]


def test_option_paths_resolve_against_the_sites_docs_dir(tmp_path: Path) -> None:
    """docs_dir two folders below mkdocs.yml: a finding on mkdocs.yml (a glob of slo_sources
    that matches nothing, line 7) is `../../mkdocs.yml` from docs_dir, as in the plugin's."""
    docs = tmp_path / "site-src" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: paths\ndocs_dir: site-src/docs\ntheme:\n  name: mkdocs\nplugins:\n"
        "  - opsspec:\n      slo_sources: ['monitoring/*.yaml']\n",
        "utf-8",
    )
    built = build_site(tmp_path / "mkdocs.yml", tmp_path / "built")
    assert os903(built.report()) == [("../../mkdocs.yml", "mkdocs.yml", 7)]
    status, _ = run("generate", "-f", str(tmp_path / "mkdocs.yml"))
    assert status == 0
    report = json.loads((docs / "opsspec" / "opsspec-report.json").read_text("utf-8"))
    assert os903(report) == [("../../mkdocs.yml", "mkdocs.yml", 7)]


def test_a_file_in_the_way_is_a_usage_error_naming_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "opsspec").write_text("a file where the folder goes\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    status, _ = run("generate", "-f", str(tmp_path / "mkdocs.yml"))
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"mkdocs-opsspec: error: cannot write {docs / 'opsspec' / 'base.md'}: ")
    assert "Traceback" not in err
