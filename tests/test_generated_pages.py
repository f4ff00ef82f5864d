"""Generated pages in real builds: portfolio, matrix, feature and BASE pages, portfolio.json, the
navigation (automatic and explicit), links, template overrides, and the portfolio's sorting and
filters in headless Chromium."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.sites import EXAMPLE, build_site, crawl

EPOCH = "1795651200"  # 2026-11-26
NAMES_BY_NAME = [
    "Audit Log Archive",
    "Auth Token Service",
    "Customer Notification Service",
    "Order Intake API",
    "Payment Gateway Adapter",
    "Route Optimisation Batch",
    "Shipment Tracking Events",
    "Warehouse Inventory Sync",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("gen") / "site"
    try:
        build_site(EXAMPLE / "mkdocs.yml", out, strict=True)
    finally:
        mp.undo()
    return out


def soup_of(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text("utf-8"), "html.parser")


def table_rows(soup: BeautifulSoup) -> list[list[str]]:
    table = soup.find("article").find("table") if soup.find("article") else soup.find("table")
    return [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    ]


def row_names(soup: BeautifulSoup) -> list[str]:
    """The portfolio table's row names (each first cell's link; its GUID is on a line below)."""
    table = soup.find("article").find("table")
    return [tr.td.a.get_text(strip=True) for tr in table.find("tbody").find_all("tr")]


def test_portfolio_rows_and_counts(site: Path) -> None:
    soup = soup_of(site, "opsspec/portfolio/index.html")
    assert row_names(soup) == NAMES_BY_NAME  # plain table sorted by name
    rows = table_rows(soup)
    by_name = dict(zip(NAMES_BY_NAME, rows, strict=True))
    order = by_name["Order Intake API"]
    assert order[:3] == ["Order Intake API 3f9a1c7e2b04", "Implemented", "Gold"]
    assert order[3] == "2026-10-07 version 1.2.0"
    assert order[4] == "99.9% / 30 days budget 43m 12s · page burn rate 14.4"
    assert order[6] == "RTO 1 hour RPO 5 minutes"
    assert "stale" in by_name["Audit Log Archive"][3]
    assert "stale" not in order[3]
    bars = {
        li.find(class_="opsspec-bar-name").get_text(): li.find(
            class_="opsspec-bar-count"
        ).get_text()
        for li in soup.select(".opsspec-counts li")
    }
    assert bars == {
        "Draft": "1",
        "Review": "1",
        "Approved": "3",
        "Implemented": "3",
        "Gold": "6",
        "Silver": "2",
        "Bronze": "0",
        "Below Bronze": "0",
    }
    # Draft and Review cannot be Gold; everything else in the example site is complete
    levels = {name: row[2] for name, row in by_name.items()}
    assert {n for n, lv in levels.items() if lv == "Silver"} == {
        "Audit Log Archive",
        "Customer Notification Service",
    }
    assert {
        lv
        for n, lv in levels.items()
        if n not in ("Audit Log Archive", "Customer Notification Service")
    } == {"Gold"}
    # so exactly those two need attention: the Draft one is stale too; nothing has an error
    attention = [
        li.find(class_="opsspec-name").get_text() for li in soup.select("ol.opsspec-attention > li")
    ]
    assert attention == ["Audit Log Archive", "Customer Notification Service"]
    steps = [s.get_text(" ", strip=True) for s in soup.select(".opsspec-attention-action")]
    assert steps[1] == "Approve the spec (status Approved or Implemented) with no placeholder left"


def test_portfolio_json_beside_the_page(site: Path) -> None:
    data = json.loads((site / "opsspec" / "portfolio.json").read_text("utf-8"))
    text = json.dumps(data)
    assert "3f9a1c7e2b04" in text and "Order Intake API" in text
    assert len(data["rows"]) == 8
    assert [a["name"] for a in data["needs_attention"]] == [
        "Audit Log Archive",
        "Customer Notification Service",
    ]


def test_matrix_totals_and_shares(site: Path) -> None:
    soup = soup_of(site, "opsspec/matrix/index.html")
    text = soup.get_text(" ", strip=True)
    # counted by hand from example-site/docs/<type>/
    for spec_type, count in [
        ("business", 4),
        ("functional", 3),
        ("technical", 8),
        ("testing", 5),
        ("security", 4),
        ("operations", 8),
        ("architecture", 3),
    ]:
        share = {8: 100, 5: 62, 4: 50, 3: 37}[count]  # rounded down: 100% only when complete
        assert f"{count} / 8 ({share}%)" in text, spec_type
    rows = table_rows(soup)
    assert [r[0] for r in rows if r and r[0] in NAMES_BY_NAME] == NAMES_BY_NAME


def test_feature_page(site: Path) -> None:
    soup = soup_of(site, "opsspec/features/3f9a1c7e2b04/index.html")
    text = soup.get_text(" ", strip=True)
    assert "Order Intake API" in text
    hrefs = [a["href"] for a in soup.select("article a[href]")]
    for spec_type in (
        "business",
        "functional",
        "technical",
        "testing",
        "security",
        "operations",
        "architecture",
    ):
        assert f"../../../{spec_type}/ybs-spec_3f9a1c7e2b04/" in hrefs
    # Order Intake depends on Auth Token Service (technical Required) and is depended on
    assert "../d2e7940bc6a1/" in hrefs
    assert "depended on by" in text.lower() or "requires this" in text.lower()


def test_declared_in_links_the_sections_heading(site: Path) -> None:
    """Every "declared in" of a feature page links a heading that is on the spec's page."""
    page = soup_of(site, "opsspec/features/3f9a1c7e2b04/index.html")
    deps = page.find("table", attrs={"aria-label": "Dependencies"})
    checked = 0
    for a in deps.select("td .opsspec-cell-sub a[href*='#']"):
        path, anchor = a["href"].split("#")
        target = (site / "opsspec/features/3f9a1c7e2b04" / path / "index.html").resolve()
        assert BeautifulSoup(target.read_text("utf-8"), "html.parser").find(id=anchor), a
        checked += 1
    assert checked == 14  # one per dependency of Order Intake API: 3 + 2 + 2 + 4 + 3
    first = deps.find("tbody").find("tr").find_all("td")[2]
    assert first.get_text(" ", strip=True) == (
        "Technical Specification: Order Intake API section Required (Must implement first)"
    )


def test_generated_pages_hide_materials_sidebars(site: Path, site_factory, tmp_path) -> None:
    """The generated pages hide both sidebars (their front matter); spec pages keep them; the
    option `hide_sidebars: false` keeps them on the generated pages too."""
    for rel in ("opsspec/portfolio/", "opsspec/matrix/", "opsspec/features/3f9a1c7e2b04/"):
        page = soup_of(site, rel + "index.html")
        assert page.select_one(".md-sidebar--primary").has_attr("hidden"), rel
        assert page.select_one(".md-sidebar--secondary").has_attr("hidden"), rel
    spec = soup_of(site, "operations/ybs-spec_3f9a1c7e2b04/index.html")
    assert not spec.select_one(".md-sidebar--primary").has_attr("hidden")
    src = site_factory(EXAMPLE)
    yml = src / "mkdocs.yml"
    yml.write_text(
        yml.read_text("utf-8").replace("  - opsspec", "  - opsspec:\n      hide_sidebars: false"),
        "utf-8",
    )
    build_site(yml, tmp_path / "out")
    page = soup_of(tmp_path / "out", "opsspec/portfolio/index.html")
    assert not page.select_one(".md-sidebar--primary").has_attr("hidden")
    assert not page.select_one(".md-sidebar--secondary").has_attr("hidden")


def test_feature_pages_stay_out_of_the_nav(site: Path) -> None:
    soup = soup_of(site, "index.html")
    primary = soup.select_one("nav.md-nav--primary")
    nav_links = [a["href"] for a in primary.select("a[href]")]
    assert any("opsspec/portfolio/" in h for h in nav_links)
    assert any("opsspec/matrix/" in h for h in nav_links)
    assert not any("opsspec/features/" in h for h in nav_links)
    titles = [a.get_text(strip=True) for a in primary.select("a")]
    assert "Spec overview" in " ".join(primary.get_text(" ").split())
    assert "Order Intake API" in titles
    # spec pages titled and ordered by feature name in each type's section
    sections = {}
    for li in primary.select("li.md-nav__item--nested"):
        label = li.find(["label", "a"]).get_text(" ", strip=True)
        sections[label] = [
            a.get_text(strip=True)
            for a in li.select("nav a")
            if a.get_text(strip=True) in NAMES_BY_NAME
        ]
    assert sections["Operations"] == NAMES_BY_NAME
    assert sections["Architecture"] == [
        "Order Intake API",
        "Route Optimisation Batch",
        "Shipment Tracking Events",
    ]


def primary_nav_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    primary = soup.select_one("nav.md-nav--primary")
    return [(a.get_text(" ", strip=True), a["href"]) for a in primary.select("ul a[href]")]


def test_feature_page_nav_is_filtered_to_the_feature(site: Path) -> None:
    links = primary_nav_links(soup_of(site, "opsspec/features/3f9a1c7e2b04/index.html"))
    # the home page, the feature's seven specs (each under its type's section), the generated
    # pages in the nav
    assert sorted(h for _, h in links) == sorted(
        [
            "../../..",
            *(
                f"../../../{t}/ybs-spec_3f9a1c7e2b04/"
                for t in (
                    "architecture",
                    "business",
                    "functional",
                    "operations",
                    "security",
                    "technical",
                    "testing",
                )
            ),
            "../../graph/",
            "../../matrix/",
            "../../portfolio/",
        ]
    )
    assert {t for t, h in links if "ybs-spec_" in h} == {"Order Intake API"}
    primary = soup_of(site, "opsspec/features/3f9a1c7e2b04/index.html").select_one(
        "nav.md-nav--primary"
    )
    sections = [
        label.get_text(" ", strip=True)
        for label in primary.select("li.md-nav__item--nested > label")
    ]
    assert sections[:2] == ["Architecture", "Business"] and "Spec overview" in sections
    # other pages keep the whole nav: all eight operations specs are there
    full = primary_nav_links(soup_of(site, "opsspec/portfolio/index.html"))
    assert len([h for _, h in full if "/operations/ybs-spec_" in h]) == 8


def test_feature_page_nav_full(site_factory, tmp_path: Path) -> None:
    src = site_factory(EXAMPLE)
    yml = src / "mkdocs.yml"
    yml.write_text(
        yml.read_text("utf-8").replace("  - opsspec", "  - opsspec:\n      feature_page_nav: full"),
        "utf-8",
    )
    assert "feature_page_nav: full" in yml.read_text("utf-8")
    build_site(yml, tmp_path / "out")
    feature = primary_nav_links(
        soup_of(tmp_path / "out", "opsspec/features/3f9a1c7e2b04/index.html")
    )
    portfolio = primary_nav_links(soup_of(tmp_path / "out", "opsspec/portfolio/index.html"))
    # the nav of the portfolio holds its own headings too (Material, for its phone drawer)
    headings = [(t, h) for t, h in portfolio if h.startswith("#")]
    assert [t for t, _ in headings] == [
        "Needs attention",
        "At a glance",
        "All operations specs",
        "How to read it",
    ]
    portfolio = [link for link in portfolio if link not in headings]
    assert len(feature) == len(portfolio) == 41  # the whole nav, as on any page
    assert [t for t, _ in feature] == [t for t, _ in portfolio]


def test_generated_tables_stay_out_of_the_search_index(site: Path) -> None:
    """The tables repeat the specs (and every feature page has the same readiness checks): the
    index has the generated pages' titles and text, not their tables; the pages have them."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("opsspec/features/3f9a1c7e2b04/")]
    assert docs and docs[0]["title"] == "Order Intake API"
    indexed = " ".join(d["text"] for d in docs)
    assert "3f9a1c7e2b04" in indexed  # the GUID line above the tables
    assert "Health check defined" not in indexed and "Implemented" not in indexed
    page = soup_of(site, "opsspec/features/3f9a1c7e2b04/index.html")
    assert "Health check defined" in page.find("article").get_text(" ")
    assert len(page.find("article").find_all("table")) >= 3


def test_explicit_nav_strict_with_omitted_files_warn(site_factory, tmp_path: Path) -> None:
    src = site_factory(EXAMPLE)
    yml = src / "mkdocs.yml"
    yml.write_text(
        yml.read_text("utf-8")
        + "nav:\n  - Home: index.md\n  - Portfolio: opsspec/portfolio.md\n"
        + "  - Order Intake: operations/ybs-spec_3f9a1c7e2b04.md\n",
        "utf-8",
    )
    # every spec not listed is omitted: a warning (fails --strict) for the user's files only
    built = build_site(yml, tmp_path / "out")
    omitted = " ".join(m for m in built.messages() if 'not included in the "nav"' in m)
    assert "operations/ybs-spec_71c5e8a3f9b2.md" in omitted
    assert "opsspec/" not in omitted
    primary = soup_of(tmp_path / "out", "index.html").select_one("nav.md-nav--primary")
    top = [
        li.find(["a", "label"]).get_text(strip=True)
        for li in primary.find("ul").find_all("li", recursive=False)
    ]
    assert top == ["Home", "Portfolio", "Order Intake"]


def test_explicit_nav_listing_every_user_page_passes_strict(site_factory, tmp_path: Path) -> None:
    """A nav that lists the user's pages (and only the portfolio of ours): `--strict` with
    `omitted_files: warn` passes, since the generated pages it does not list are not-in-nav."""
    src = site_factory(EXAMPLE)
    pages = sorted(p.relative_to(src / "docs").as_posix() for p in (src / "docs").rglob("*.md"))
    nav = "".join(f"  - {p}\n" for p in pages)
    yml = src / "mkdocs.yml"
    yml.write_text(
        yml.read_text("utf-8") + "nav:\n" + nav + "  - Portfolio: opsspec/portfolio.md\n",
        "utf-8",
    )
    text = yml.read_text("utf-8")
    assert "omitted_files: warn" in text
    built = build_site(yml, tmp_path / "out", strict=True)
    assert not [m for m in built.messages() if 'not included in the "nav"' in m]
    assert (tmp_path / "out" / "opsspec" / "matrix" / "index.html").is_file()
    assert (tmp_path / "out" / "opsspec" / "features" / "3f9a1c7e2b04" / "index.html").is_file()


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_generated_links_resolve(tmp_path: Path, use_directory_urls: bool) -> None:
    out = tmp_path / "site"
    built = build_site(
        EXAMPLE / "mkdocs.yml", out, strict=True, use_directory_urls=use_directory_urls
    )
    assert crawl(out) == []
    assert not [m for m in built.messages() if "opsspec/" in m and "WARNING" in m]


def test_template_override_from_custom_dir(site_factory, tmp_path: Path) -> None:
    src = site_factory(EXAMPLE)
    (src / "overrides" / "opsspec").mkdir(parents=True)
    (src / "overrides" / "opsspec" / "matrix.md.j2").write_text(
        "# Our own matrix\n\nCustom template with {{ feature_count }} features.\n", "utf-8"
    )
    yml = src / "mkdocs.yml"
    yml.write_text(
        yml.read_text("utf-8").replace(
            "  name: material", "  name: material\n  custom_dir: overrides", 1
        ),
        "utf-8",
    )
    build_site(yml, tmp_path / "out")
    text = soup_of(tmp_path / "out", "opsspec/matrix/index.html").get_text(" ", strip=True)
    assert "Our own matrix" in text and "Custom template with 8 features." in text
    # the other pages keep the packaged templates
    assert (
        "Operations portfolio"
        in soup_of(tmp_path / "out", "opsspec/portfolio/index.html").get_text()
    )


@pytest.mark.browser
def test_portfolio_sorting_and_filters_in_chromium(site: Path) -> None:
    from helpers.browser import browser, serve_dir

    def visible_names(page) -> list[str]:
        return page.eval_on_selector_all(
            "article table tbody tr",
            "rows => rows.filter(r => r.offsetParent !== null)"
            ".map(r => r.cells[0].querySelector('a').textContent.trim())",
        )

    with serve_dir(site) as base, browser() as chrome:
        page = chrome.new_page()
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.goto(base + "opsspec/portfolio/")
        page.wait_for_selector("[data-opsspec-portfolio] select")
        assert visible_names(page) == NAMES_BY_NAME
        # RTO ascending (hand-sorted from the specs' Disaster Recovery RTOs; ties keep name order)
        page.click("article table thead th:has-text('RTO')")
        assert visible_names(page) == [
            "Auth Token Service",
            "Order Intake API",
            "Warehouse Inventory Sync",
            "Payment Gateway Adapter",
            "Route Optimisation Batch",
            "Customer Notification Service",
            "Shipment Tracking Events",
            "Audit Log Archive",
        ]
        # last updated ascending, then descending
        page.click("article table thead th:has-text('Last updated')")
        by_date = [
            "Audit Log Archive",
            "Auth Token Service",
            "Route Optimisation Batch",
            "Shipment Tracking Events",
            "Order Intake API",
            "Payment Gateway Adapter",
            "Warehouse Inventory Sync",
            "Customer Notification Service",
        ]
        assert visible_names(page) == by_date
        page.click("article table thead th:has-text('Last updated')")
        assert visible_names(page) == by_date[::-1]
        # filters
        selects = page.query_selector_all("[data-opsspec-portfolio] select")
        selects[0].select_option("Approved")
        assert sorted(visible_names(page)) == [
            "Payment Gateway Adapter",
            "Route Optimisation Batch",
            "Warehouse Inventory Sync",
        ]
        selects[0].select_option("")
        selects[1].select_option("Silver")
        assert sorted(visible_names(page)) == ["Audit Log Archive", "Customer Notification Service"]
        selects[1].select_option("")
        page.fill("[data-opsspec-portfolio] input", "payment")
        assert visible_names(page) == ["Payment Gateway Adapter"]
        # by GUID too: it is on the row's first cell, under the name
        page.fill("[data-opsspec-portfolio] input", "71c5e8")
        assert visible_names(page) == ["Route Optimisation Batch"]
        page.fill("[data-opsspec-portfolio] input", "")
        assert page.text_content(".opsspec-portfolio-count") == "8 of 8 shown"
        page.close()


STRIP_COMMENTS_EXTENSION = """
import re
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor


class Strip(Postprocessor):
    def run(self, text):
        return re.sub(r"<!--.*?-->", "", text)


class StripComments(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(Strip(md), "strip_comments", 5)


def makeExtension(**kwargs):
    return StripComments(**kwargs)
"""


def test_a_lost_strip_marker_is_reported(tmp_path: Path, monkeypatch) -> None:
    """An extension that drops HTML comments loses the place of the spec pages' header strips:
    the build says so at WARNING (so --strict fails), naming the page, rather than shipping
    pages without them. The generated pages' tables are HTML, so they lose nothing."""
    (tmp_path / "strip_comments_ext.py").write_text(STRIP_COMMENTS_EXTENSION, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    built = build_site(
        EXAMPLE / "mkdocs.yml",
        tmp_path / "out",
        markdown_extensions=["toc", "tables", "strip_comments_ext"],
    )
    strips = [m for m in built.messages(logging.WARNING) if "could not be placed" in m]
    assert any("'operations/ybs-spec_3f9a1c7e2b04.md'" in m for m in strips)
    assert row_names(soup_of(tmp_path / "out", "opsspec/portfolio/index.html")) == NAMES_BY_NAME
