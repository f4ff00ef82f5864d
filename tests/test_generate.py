"""`mkdocs-opsspec generate`: the generated pages written into docs_dir with their mark, links
that resolve, rewrites only on change, stale pages removed, exit status, zensical.toml, `--out`,
and how detection and the MkDocs plugin treat the files it wrote."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from mkdocs.exceptions import Abort, PluginError

from mkdocs_opsspec.cli import main
from mkdocs_opsspec.detect import mark_generated
from mkdocs_opsspec.parser import parse_file

from helpers.sites import BAD_STATUS_SPEC, EXAMPLE, EXAMPLE_FEATURES, build_site, validate_report

EPOCH = "1795651200"  # 2026-11-26
PAGES = {
    "portfolio.md",
    "matrix.md",
    "base.md",
    "graph.md",
    "rules.md",
    *(f"features/{g}.md" for g in EXAMPLE_FEATURES),
}
OTHERS = {
    "portfolio.json",
    "opsspec-report.json",
    "assets/opsspec.css",
    "assets/opsspec.js",
    "assets/portfolio.css",
    "assets/graph.css",
    "assets/portfolio.js",
}
MARK = "---\nopsspec:\n  generated: true\n"
MD_LINK_RE = re.compile(r"\]\(([^)\s]+)\)")
HREF_RE = re.compile(r'href="([^"]+)"')


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def generate(site: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `mkdocs-opsspec generate ARGS` in `site`: the exit status and what it printed (on
    stdout and stderr)."""
    cwd = os.getcwd()
    os.chdir(site)
    try:
        status = main(["generate", *args])
    finally:
        os.chdir(cwd)
    printed = capsys.readouterr()
    return status, printed.out + printed.err


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_writes_every_page_with_its_mark(site_factory: Any, capsys: Any) -> None:
    site = site_factory(EXAMPLE)
    status, out = generate(site, capsys=capsys)
    assert status == 0  # the example has warnings, no errors
    folder = site / "docs" / "opsspec"
    assert files_under(folder) == PAGES | OTHERS
    for rel in PAGES:
        assert (folder / rel).read_text("utf-8").startswith(MARK), rel
    assert "wrote docs/opsspec/portfolio.md" in out
    assert "20 files written, 0 unchanged, 0 removed in docs/opsspec" in out
    assert "37 specs checked: 0 errors, 6 warnings, 0 infos" in out
    data = json.loads((folder / "portfolio.json").read_text("utf-8"))
    assert len(data["rows"]) == 8
    validate_report(json.loads((folder / "opsspec-report.json").read_text("utf-8")))


def test_links_are_relative_md_links_that_resolve(site_factory: Any, capsys: Any) -> None:
    site = site_factory(EXAMPLE)
    generate(site, capsys=capsys)
    docs = site / "docs"
    checked = 0
    for rel in PAGES:
        page = docs / "opsspec" / rel
        text = page.read_text("utf-8")
        for target in MD_LINK_RE.findall(text) + HREF_RE.findall(text):
            if target.startswith(("#", "http://", "https://")):
                continue
            path = unquote(target.split("#", 1)[0])
            assert path.endswith(".md"), (rel, target)
            assert (page.parent / path).resolve().is_file(), (rel, target)
            checked += 1
    assert checked > 100


def test_second_run_rewrites_nothing(site_factory: Any, capsys: Any) -> None:
    site = site_factory(EXAMPLE)
    generate(site, capsys=capsys)
    portfolio = site / "docs/opsspec/portfolio.md"
    os.utime(portfolio, ns=(1_000_000_000, 1_000_000_000))
    status, out = generate(site, capsys=capsys)
    assert status == 0
    assert "0 files written, 20 unchanged, 0 removed" in out
    assert "wrote" not in out
    assert portfolio.stat().st_mtime_ns == 1_000_000_000


def test_stale_marked_pages_go_and_other_files_stay(site_factory: Any, capsys: Any) -> None:
    site = site_factory(EXAMPLE)
    folder = site / "docs" / "opsspec"
    (folder / "features").mkdir(parents=True)
    (folder / "features" / "0000000000aa.md").write_text(mark_generated("# Gone\n"), "utf-8")
    (folder / "notes.md").write_text("# Our own notes\n", "utf-8")
    status, out = generate(site, capsys=capsys)
    assert status == 0
    assert not (folder / "features" / "0000000000aa.md").exists()
    assert (folder / "notes.md").read_text("utf-8") == "# Our own notes\n"
    assert "removed docs/opsspec/features/0000000000aa.md" in out


def test_out_elsewhere_removes_only_in_the_folders_it_writes(
    site_factory: Any, tmp_path: Path, capsys: Any
) -> None:
    site = site_factory(EXAMPLE)
    out = tmp_path / "checkout"
    kept = out / "vendor" / "pkg" / "page.md"  # marked, but in no folder of the pages
    kept.parent.mkdir(parents=True)
    kept.write_text(mark_generated("# Someone else's\n"), "utf-8")
    (out / "features").mkdir()
    gone = out / "features" / "0000000000aa.md"
    gone.write_text(mark_generated("# Gone\n"), "utf-8")
    status, printed = generate(site, "--out", str(out), capsys=capsys)
    assert status == 0, printed
    assert kept.is_file()
    assert not gone.exists()
    assert f"removed {out}/features/0000000000aa.md" in printed


def test_exits_1_on_error_findings_after_writing(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "docs" / "operations").mkdir(parents=True)
    (tmp_path / "docs" / "operations" / "ybs-spec_0000000000b1.md").write_text(
        BAD_STATUS_SPEC, "utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text("site_name: bad\n", "utf-8")
    status, out = generate(tmp_path, capsys=capsys)
    assert status == 1
    assert "error OS106 Status 'Bogus'" in out
    assert (tmp_path / "docs/opsspec/features/0000000000b1.md").is_file()


def test_zensical_toml_with_the_extension_options(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "pages" / "operations").mkdir(parents=True)
    spec = tmp_path / "pages" / "operations" / "ybs-spec_0000000000b1.md"
    spec.write_text(BAD_STATUS_SPEC, "utf-8")
    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "toml"\ndocs_dir = "pages"\n'
        '[project.markdown_extensions."mkdocs_opsspec.markdown"]\n'
        'strict = true\ngenerated_dir = "overview"\nstatuses = ["Draft", "Bogus"]\n'
        "required_sections = []\n",
        "utf-8",
    )
    status, out = generate(tmp_path, capsys=capsys)
    assert status == 0, out  # 'Bogus' is a status here, and no section is required
    assert "0 errors" in out
    assert (tmp_path / "pages/overview/portfolio.md").is_file()


def test_bad_options_are_a_usage_error(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - mkdocs_opsspec.markdown:\n      rule: {}\n",
        "utf-8",
    )
    status, out = generate(tmp_path, capsys=capsys)
    assert status == 2
    assert "options of mkdocs_opsspec.markdown: option 'rule': unknown option" in out
    assert not (tmp_path / "docs" / "opsspec").exists()


def test_a_deprecated_option_is_a_warning_not_an_error(
    tmp_path: Path, capsys: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_opsspec.plugin import config

    monkeypatch.setattr(config, "_warned", set())  # as in a fresh process
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n"
        "  - mkdocs_opsspec.markdown:\n      background: true\n",
        "utf-8",
    )
    with caplog.at_level(logging.WARNING):
        status, out = generate(tmp_path, capsys=capsys)
    assert status == 0, out
    assert (tmp_path / "docs" / "opsspec" / "portfolio.md").is_file()
    assert [r.getMessage() for r in caplog.records] == [
        "mkdocs_opsspec: option 'background': The option 'background' does nothing now and will "
        "be removed in the next release: delete it from mkdocs.yml."
    ]


def test_out_inside_and_outside_docs_dir(site_factory: Any, tmp_path: Path, capsys: Any) -> None:
    site = site_factory(EXAMPLE)
    generate(site, "--out", "docs/overview", capsys=capsys)
    portfolio = (site / "docs/overview/portfolio.md").read_text("utf-8")
    # placed where it is: links go one folder up to the specs
    assert "](../operations/ybs-spec_3f9a1c7e2b04.md)" in portfolio or (
        'href="../operations/ybs-spec_3f9a1c7e2b04.md"' in portfolio
    )
    elsewhere = tmp_path / "review"
    generate(site, "--out", str(elsewhere), capsys=capsys)
    # made for <docs_dir>/opsspec/, to look at or copy there
    assert (elsewhere / "portfolio.md").read_text("utf-8") == (
        site / "docs/overview/portfolio.md"
    ).read_text("utf-8")
    status, _ = generate(site, "--out", "docs", capsys=capsys)
    assert status == 2


def test_a_generated_page_is_never_a_spec() -> None:
    text = mark_generated("# Operations Specification: Looks Like One\n\n**GUID**: 0000000000c1\n")
    assert parse_file("opsspec/features/0000000000c1.md", text) == (None, [])
    assert parse_file("x.md", "# Operations Specification: Looks Like One\n")[0] is not None


def plugin_warnings(built: Any) -> list[str]:
    return [m for m in built.messages(logging.WARNING) if "mkdocs-opsspec generate" in m]


def test_plugin_uses_its_own_pages_in_place_of_written_ones(
    site_factory: Any, tmp_path: Path, capsys: Any
) -> None:
    site = site_factory(EXAMPLE)
    generate(site, capsys=capsys)
    portfolio = site / "docs/opsspec/portfolio.md"
    portfolio.write_text(portfolio.read_text("utf-8").replace("Operations portfolio", "STALE"))
    built = build_site(site / "mkdocs.yml", tmp_path / "out")
    warnings = plugin_warnings(built)
    assert len(warnings) == 1
    assert "'opsspec/' holds 13 pages written by 'mkdocs-opsspec generate'" in warnings[0]
    html = built.html("opsspec/portfolio/index.html")
    assert "STALE" not in html and "Operations portfolio" in html
    data = json.loads(built.html("opsspec/portfolio.json"))
    assert data["schema"] == 1


def test_plugin_still_refuses_an_unmarked_page_in_its_place(
    site_factory: Any, tmp_path: Path
) -> None:
    site = site_factory(EXAMPLE)
    (site / "docs/opsspec").mkdir()
    (site / "docs/opsspec/matrix.md").write_text("# My matrix\n", "utf-8")
    with pytest.raises(Abort) as aborted:  # MkDocs' answer to a PluginError
        build_site(site / "mkdocs.yml", tmp_path / "out")
    cause = aborted.value.__context__
    assert isinstance(cause, PluginError)
    assert "'opsspec/matrix.md' exists in docs_dir" in str(cause)
