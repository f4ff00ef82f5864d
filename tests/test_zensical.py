"""Real Zensical builds (in a venv of their own, see helpers/zensical.py): the example site with
the Markdown extension `mkdocs_opsspec.markdown` and the pages of `mkdocs-opsspec generate`, a
hostile site in Chromium, and the extension's `strict` option."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.hostile import assert_no_live_markup, assert_no_payload_runs, write_docs
from helpers.sites import BAD_STATUS_SPEC, EXAMPLE, EXAMPLE_FEATURES, crawl
from helpers.zensical import generate_and_build, run, zensical_venv

ORDER_INTAKE = "operations/ybs-spec_3f9a1c7e2b04"


@pytest.fixture(scope="module")
def venv() -> Path:
    return zensical_venv()


@pytest.fixture(scope="module")
def example(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("zensical") / "site-src"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site"))
    # our extension after the others; the `- opsspec` plugin line stays: Zensical runs no MkDocs
    # plugin and drops it
    yml = root / "mkdocs.yml"
    text = yml.read_text("utf-8")
    last = "  - pymdownx.superfences\n"
    assert last in text
    yml.write_text(text.replace(last, last + "  - mkdocs_opsspec.markdown\n"), "utf-8")
    generate_and_build(venv, root)
    return root / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_zensical_is_the_version_under_test(venv: Path) -> None:
    out = run(venv, ["zensical", "--version"], Path.cwd())
    assert out.stdout.strip() == "0.0.73"


def test_spec_page_shows_badge_and_siblings_under_the_title(example: Path) -> None:
    page = soup(example / ORDER_INTAKE / "index.html")
    h1 = page.find("h1")
    assert h1.get_text() == "Operations Specification: Order Intake API¶"
    strip = h1.find_next_sibling()
    assert "opsspec-strip" in strip["class"]
    assert strip.select_one(".opsspec-badge").get_text() == "Implemented"
    assert strip.select_one(".opsspec-guid-value").get_text() == "3f9a1c7e2b04"
    # Zensical turned the strip's relative .md links into its own URLs
    siblings = [a["href"] for a in strip.select(".opsspec-family a")]
    assert siblings[0] == "../../business/ybs-spec_3f9a1c7e2b04/"
    assert len(siblings) == 6
    assert len(page.select(".opsspec-strip")) == 1


def test_strip_stays_out_of_title_and_toc(example: Path) -> None:
    page = soup(example / ORDER_INTAKE / "index.html")
    assert page.title.get_text() == (
        "Operations Specification: Order Intake API - Northwind Logistics Platform Specs"
    )
    assert page.find("h1")["id"] == "operations-specification-order-intake-api"
    toc = page.select_one("nav.md-nav--secondary")
    assert toc is not None and toc.select("a")
    assert "opsspec" not in str(toc)
    assert "Implemented" not in toc.get_text()


def test_slo_table_has_budget_columns(example: Path) -> None:
    page = soup(example / ORDER_INTAKE / "index.html")
    table = next(t for t in page.find_all("table") if t.find("th", string="Error budget"))
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table("tr")]
    # 99.9% over 30 days: 0.001 x 2,592,000 s = 2592 s = 43m 12s; 0.02 x 720 h = 14.4
    assert rows[1] == ["Availability", "99.9%", "30 days", "43m 12s", "14.4"]


def test_recovery_and_alert_summaries(example: Path) -> None:
    page = soup(example / ORDER_INTAKE / "index.html")
    assert page.select_one(".opsspec-recovery table") is not None
    alerts = page.select_one(".opsspec-alerts table")
    names = [th.get_text() for th in alerts.select("tbody th")]
    assert names[0] == "High Error Rate"


def test_findings_on_a_spec_with_findings(example: Path) -> None:
    # the spec's Last Updated (2026-03-02) is over 180 days before 2026-11-26, and it keeps
    # the placeholders 'Step 1', 'Step 2' and '[X]'
    page = soup(example / "operations/ybs-spec_4a0c6f2e8d73/index.html")
    block = page.select_one("details.opsspec-findings")
    assert block.select_one(".opsspec-findings-count").get_text() == "4 warnings"
    rules = sorted(c.get_text() for c in block.select(".opsspec-finding-rule"))
    assert rules == ["OS109", "OS203", "OS203", "OS203"]
    # each code links its section of the rules page `generate` wrote (Zensical made the URL)
    links = sorted({a["href"] for a in block.select("a.opsspec-finding-rule-link")})
    assert links == ["../../opsspec/rules/#os109", "../../opsspec/rules/#os203"]
    rules_page = soup(example / "opsspec/rules/index.html")
    assert rules_page.find(id="os109").name == "h3"
    assert rules_page.find(id="os203").name == "h3"


def test_every_generated_page_exists_and_links_resolve(example: Path) -> None:
    pages = ["opsspec/portfolio", "opsspec/matrix", "opsspec/base", "opsspec/rules"]
    pages += [f"opsspec/features/{guid}" for guid in EXAMPLE_FEATURES]
    for rel in pages:
        page = soup(example / rel / "index.html")
        assert page.find("h1") is not None, rel
    portfolio = soup(example / "opsspec/portfolio/index.html")
    spec_links = [a["href"] for a in portfolio.select("article table a")]
    assert f"../../{ORDER_INTAKE}/" in spec_links
    assert (example / "opsspec/portfolio.json").is_file()
    assert (example / "opsspec/assets/opsspec.css").is_file()
    assert crawl(example) == []


@pytest.mark.browser
def test_no_payload_runs_in_chromium(venv: Path, tmp_path: Path) -> None:
    write_docs(tmp_path / "docs")
    (tmp_path / "mkdocs.yml").write_text(
        # no web fonts: nothing for Chromium to wait for offline
        "site_name: hostile\ntheme:\n  font: false\nmarkdown_extensions:\n  - toc\n"
        "  - tables\n  - mkdocs_opsspec.markdown\n",
        "utf-8",
    )
    generate_and_build(venv, tmp_path)
    assert_no_live_markup(tmp_path / "site")
    assert_no_payload_runs(tmp_path / "site")


@pytest.mark.parametrize("strict", [True, False])
def test_strict_fails_the_build_on_an_error(venv: Path, tmp_path: Path, strict: bool) -> None:
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "operations" / "ybs-spec_0000000000b1.md").write_text(BAD_STATUS_SPEC, "utf-8")
    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "strict"\n'
        '[project.markdown_extensions."mkdocs_opsspec.markdown"]\n'
        + ("strict = true\n" if strict else ""),
        "utf-8",
    )
    built = run(venv, ["zensical", "build", "--clean"], tmp_path, check=False)
    if strict:
        assert built.returncode != 0
        assert "opsspec (strict)" in built.stderr
        assert "OS106 Status 'Bogus'" in built.stderr
    else:
        assert built.returncode == 0, built.stderr
        page = soup(tmp_path / "site/operations/ybs-spec_0000000000b1/index.html")
        rules = [c.get_text() for c in page.select(".opsspec-finding-rule")]
        assert "OS106" in rules
