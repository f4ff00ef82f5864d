"""Headless Chromium on built sites: badge and chip contrast (WCAG AA) on spec pages and the
generated pages in Material's light, slate and a yellow palette, in the `mkdocs` theme (light
and dark) and in `readthedocs`; tables that fit at 390, 1400 and 2400 px (no column out of
reach, the row's name in view, no text overflowing its cell); the strip under print emulation;
the copy button's script after Material's instant navigation; and screenshots for the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers.browser import (
    COLOURS_JS,
    LAYOUT_JS,
    chromium_available,
    contrast,
    screenshot_dir,
    serve_dir,
)
from helpers.sites import EXAMPLE, build_site, build_themes

pytestmark = pytest.mark.browser
if not chromium_available():  # .ci/run installs it; say loudly what is missing
    pytest.fail("Debian's chromium is required for the browser tests", pytrace=False)

EPOCH = "1795651200"  # 2026-11-26
SPECS = [
    "operations/ybs-spec_3f9a1c7e2b04/",  # Implemented, all siblings
    "operations/ybs-spec_4a0c6f2e8d73/",  # Draft, findings, stale
    "operations/ybs-spec_9b4f1d62a0e8/",  # Review
    "operations/ybs-spec_a7d20e5c91f3/",  # Approved
]
#: The generated pages: the portfolio, the matrix, a feature page and the graph page.
GENERATED = [
    "opsspec/portfolio/",
    "opsspec/matrix/",
    "opsspec/features/3f9a1c7e2b04/",
    "opsspec/graph/",
]
PALETTES: dict[str, dict[str, Any]] = {
    "light": {"name": "material", "palette": {"scheme": "default", "primary": "indigo"}},
    "slate": {"name": "material", "palette": {"scheme": "slate", "primary": "indigo"}},
    "yellow": {"name": "material", "palette": {"scheme": "default", "primary": "yellow"}},
    "mkdocs": {"name": "mkdocs"},
    "mkdocs-dark": {"name": "mkdocs", "color_mode": "dark"},
    "readthedocs": {"name": "readthedocs"},
}
#: The page content of each theme (where the tables are).
CONTENT = {"material": "article", "mkdocs": '[role="main"]', "readthedocs": '[role="main"]'}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    return build_themes(EXAMPLE / "mkdocs.yml", PALETTES, tmp_path_factory, "site", EPOCH)


@pytest.mark.parametrize("palette", list(PALETTES))
def test_badge_and_chip_contrast(sites, chrome, palette: str) -> None:
    """Status and readiness badges and severity chips, on spec pages and the generated ones."""
    page = chrome.new_page()
    checked: dict[str, int] = {}
    with serve_dir(sites[palette]) as base:
        for rel in SPECS + GENERATED:
            page.goto(base + rel)
            for el in page.query_selector_all(".opsspec-badge, .opsspec-chip"):
                c = el.evaluate(COLOURS_JS)
                ratio = contrast(tuple(c["fg"]), tuple(c["bg"]))
                assert ratio >= 4.5, f"{palette} {rel} '{c['text']}': {ratio:.2f}:1"
                assert c["text"], "the word is always visible"
                checked[c["text"]] = checked.get(c["text"], 0) + 1
    page.close()
    assert sum(checked.values()) >= 100
    # every status and every readiness level of the example site was among them
    assert {"Draft", "Review", "Approved", "Implemented"} <= set(checked)
    assert {"Gold", "Silver", "Bronze", "Below Bronze"} <= set(checked)


@pytest.mark.parametrize("width", [390, 1400, 2400])
@pytest.mark.parametrize("palette", ["light", "slate", "mkdocs", "mkdocs-dark", "readthedocs"])
def test_tables_fit(sites, chrome, palette: str, width: int) -> None:
    """On the portfolio, the matrix, a feature page, the graph page and spec pages: no column is
    out of reach (a wide table scrolls in its own frame, the page does not), a row's name stays
    in view while its table scrolls, and no text overflows its cell."""
    page = chrome.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    scope = CONTENT[PALETTES[palette]["name"]]
    scrolled = {}
    with serve_dir(sites[palette]) as base:
        for rel in GENERATED + SPECS[:2]:
            page.goto(base + rel)
            result = page.evaluate(LAYOUT_JS, scope)
            assert result["problems"] == [], f"{palette} {width}px {rel}"
            scrolled[rel] = result["scrolled"]
    page.close()
    if width == 390:  # the checks of a scrolled table ran: a phone scrolls the wide ones
        assert scrolled["opsspec/portfolio/"] == 1 and scrolled["opsspec/matrix/"] == 1
        assert scrolled[SPECS[0]] >= 1
    if width >= 1400 and scope == "article":  # Material: the sidebars give way, the tables fit
        assert scrolled["opsspec/portfolio/"] == scrolled["opsspec/matrix/"] == 0


@pytest.mark.parametrize("palette", ["light", "mkdocs"])
def test_a_table_without_its_sticky_column_is_caught(sites, chrome, palette: str) -> None:
    """The check above can fail: with the first column no longer sticky, a phone scrolling the
    portfolio loses the rows' names; with no frame, the page itself scrolls sideways."""
    page = chrome.new_page()
    page.set_viewport_size({"width": 390, "height": 900})
    scope = CONTENT[PALETTES[palette]["name"]]
    with serve_dir(sites[palette]) as base:
        page.goto(base + "opsspec/portfolio/")
        page.add_style_tag(content="table td, table th { position: static !important; }")
        problems = page.evaluate(LAYOUT_JS, scope)["problems"]
        assert any("first cell is not in view" in p for p in problems)
        page.add_style_tag(
            content="table, .md-typeset__scrollwrap { overflow: visible !important; }"
        )
        problems = page.evaluate(LAYOUT_JS, scope)["problems"]
        assert any("the page scrolls sideways" in p for p in problems)
    page.close()


def test_print_keeps_the_strip(sites, chrome) -> None:
    page = chrome.new_page()
    with serve_dir(sites["light"]) as base:
        page.goto(base + SPECS[1])
        page.emulate_media(media="print")
        strip = page.query_selector(".opsspec-strip")
        assert strip is not None and strip.is_visible()
        box = strip.bounding_box()
        assert box is not None and box["height"] > 10
        badge = page.query_selector(".opsspec-strip .opsspec-badge")
        c = badge.evaluate(COLOURS_JS)
        assert contrast(tuple(c["fg"]), tuple(c["bg"])) >= 4.5
    page.close()


def test_copy_button_works_after_instant_navigation(tmp_path: Path, chrome) -> None:
    theme = {"name": "material", "features": ["navigation.instant"]}
    site = tmp_path / "site"
    site.mkdir()
    page = chrome.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with serve_dir(site) as base:
        # instant navigation needs site_url (it only intercepts links under it)
        build_site(EXAMPLE / "mkdocs.yml", site, theme=theme, site_url=base)
        page.goto(base + SPECS[0])
        assert page.is_visible(".opsspec-copy")
        # instant navigation: click a sibling link, the page is swapped without a reload
        page.evaluate("window.__marker = 1")
        page.click(".opsspec-family a >> nth=0")
        page.wait_for_function("() => !location.pathname.includes('operations/')")
        assert page.evaluate("window.__marker") == 1, "instant navigation did not happen"
        page.wait_for_selector(".opsspec-copy", state="visible")
        # the copy button of the new page works
        page.click(".opsspec-copy")
        page.wait_for_timeout(200)
    assert errors == []
    page.close()


@pytest.mark.parametrize(
    ("palette", "rel", "name"),
    [
        ("light", SPECS[0], "spec-page-light"),
        ("slate", SPECS[1], "spec-page-slate-findings"),
        ("mkdocs", SPECS[0], "spec-page-mkdocs-theme"),
    ],
)
def test_screenshots(sites, chrome, tmp_path: Path, palette: str, rel: str, name: str) -> None:
    out = screenshot_dir(tmp_path)
    page = chrome.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    with serve_dir(sites[palette]) as base:
        page.goto(base + rel)
        page.screenshot(path=str(out / f"{name}.png"))
        slo = page.query_selector("table:has(th.opsspec-slo-extra)")
        assert slo is not None
        slo.scroll_into_view_if_needed()
        slo.screenshot(path=str(out / f"{name}-slo.png"))
    page.close()
    assert (out / f"{name}.png").stat().st_size > 10_000


def test_portfolio_screenshots(sites, chrome, tmp_path: Path) -> None:
    """The portfolio from its title to the table (Material, light, 1400 px wide)."""
    out = screenshot_dir(tmp_path)
    page = chrome.new_page()
    page.set_viewport_size({"width": 1400, "height": 900})
    with serve_dir(sites["light"]) as base:
        page.goto(base + "opsspec/portfolio/")
        table = page.query_selector("article table").bounding_box()
        assert table is not None
        height = int(table["y"] + table["height"]) + 24
        page.set_viewport_size({"width": 1400, "height": height})
        page.screenshot(path=str(out / "portfolio.png"))
    page.close()
    assert (out / "portfolio.png").stat().st_size > 10_000


@pytest.mark.parametrize(
    ("rel", "name"),
    [
        ("opsspec/graph/", "graph-page"),
        ("opsspec/features/3f9a1c7e2b04/", "feature-page-graph"),
    ],
)
def test_graph_screenshots(sites, chrome, tmp_path: Path, rel: str, name: str) -> None:
    """The dependency graph page and a feature page's graph, from the legend to the list, as
    wide as the picture's frame (the page's whole column: the sidebars are hidden)."""
    out = screenshot_dir(tmp_path)
    page = chrome.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    with serve_dir(sites["light"]) as base:
        page.goto(base + rel)
        top = page.query_selector(".opsspec-graph-legend").bounding_box()
        frame = page.query_selector(".opsspec-graph-scroll").bounding_box()
        bottom = page.query_selector("details.opsspec-graph-text").bounding_box()
        assert top is not None and frame is not None and bottom is not None
        page.set_viewport_size({"width": 1280, "height": int(bottom["y"] + bottom["height"]) + 20})
        page.screenshot(
            path=str(out / f"{name}.png"),
            clip={
                "x": top["x"] - 10,
                "y": top["y"] - 10,
                "width": frame["x"] + frame["width"] - top["x"] + 20,
                "height": bottom["y"] + bottom["height"] - top["y"] + 20,
            },
        )
    page.close()
    assert (out / f"{name}.png").stat().st_size > 10_000
