"""The dependency graph pictures in headless Chromium, on real builds (Material light and slate,
the `mkdocs` theme light and dark) at 390, 1400 and 2400 px: no two boxes overlap, every label
fits its box, box text is readable on its colour, and the picture scrolls inside its frame so
that no box is out of reach. And a 300-feature site's graph page loads in at most twice the
portfolio page's time."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from helpers.browser import chromium_available, contrast, serve_dir
from helpers.graph import A, write_site
from helpers.sites import ROOT, build_site, build_themes

pytestmark = pytest.mark.browser
if not chromium_available():  # .ci/run installs it; say loudly what is missing
    pytest.fail("Debian's chromium is required for the browser tests", pytrace=False)

EPOCH = "1795651200"  # 2026-11-26
THEMES: dict[str, dict[str, Any]] = {
    "material-light": {"name": "material", "palette": {"scheme": "default", "primary": "indigo"}},
    "material-slate": {"name": "material", "palette": {"scheme": "slate", "primary": "indigo"}},
    "mkdocs-light": {"name": "mkdocs", "color_mode": "light"},
    "mkdocs-dark": {"name": "mkdocs", "color_mode": "dark"},
}
WIDTHS = (390, 1400, 2400)
PAGES = (
    "opsspec/graph/",  # every feature: the example's and the fixture family
    f"opsspec/features/{A}/",  # a cycle, an unknown GUID, a long hostile name
    "opsspec/features/d2e7940bc6a1/",  # Auth Token Service: six features depend on it
)

# Everything measured in the page: boxes and labels in the SVG's own units (getBBox; the
# picture is drawn at its size, never scaled), colours, and the frame before and after
# scrolling it to its far corner.
MEASURE_JS = """
() => {
  const frame = document.querySelector('.opsspec-graph-scroll');
  const svg = frame.querySelector('svg');
  const rgb = s => (s.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const nodes = [...svg.querySelectorAll('.opsspec-graph-node')].map(n => {
    const box = n.querySelector('rect').getBBox();
    const texts = [...n.querySelectorAll('text')].map(t => {
      const b = t.getBBox();
      return {x: b.x, y: b.y, w: b.width, h: b.height, text: t.textContent,
              fill: rgb(getComputedStyle(t).fill)};
    });
    return {guid: n.getAttribute('data-guid'), x: box.x, y: box.y, w: box.width, h: box.height,
            fill: rgb(getComputedStyle(n.querySelector('rect')).fill), texts};
  });
  const before = {sw: frame.scrollWidth, cw: frame.clientWidth, sh: frame.scrollHeight,
                  ch: frame.clientHeight, ox: getComputedStyle(frame).overflowX,
                  oy: getComputedStyle(frame).overflowY,
                  frameWidth: frame.getBoundingClientRect().width,
                  columnWidth: frame.parentElement.clientWidth,
                  svgWidth: svg.getBoundingClientRect().width,
                  svgAttrWidth: Number(svg.getAttribute('width'))};
  frame.scrollLeft = frame.scrollWidth;
  frame.scrollTop = frame.scrollHeight;
  const f = frame.getBoundingClientRect();
  const far = [...svg.querySelectorAll('.opsspec-graph-node rect')].map(r => {
    const b = r.getBoundingClientRect();
    return {right: b.right, bottom: b.bottom};
  });
  const rightmost = far.reduce((a, b) => (b.right > a.right ? b : a));
  const lowest = far.reduce((a, b) => (b.bottom > a.bottom ? b : a));
  const legend = document.querySelector('.opsspec-graph-legend');
  return {nodes, before, frame: {left: f.left, right: f.right, top: f.top, bottom: f.bottom,
          clientRight: f.left + frame.clientLeft + frame.clientWidth,
          clientBottom: f.top + frame.clientTop + frame.clientHeight},
          rightmost, lowest,
          legend: legend ? {sw: legend.scrollWidth, cw: legend.clientWidth} : null};
}
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    config = write_site(tmp_path_factory.mktemp("graph-src") / "site")
    return build_themes(config, THEMES, tmp_path_factory, "graph", EPOCH)


def _inside(inner: dict[str, float], outer: dict[str, float], slack: float = 0.5) -> bool:
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + slack
        and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + slack
    )


def _overlap(p: dict[str, float], q: dict[str, float]) -> bool:
    return (
        p["x"] < q["x"] + q["w"]
        and q["x"] < p["x"] + p["w"]
        and p["y"] < q["y"] + q["h"]
        and q["y"] < p["y"] + p["h"]
    )


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", list(THEMES))
def test_boxes_labels_colours_and_reach(sites, chrome, theme: str, width: int) -> None:
    page = chrome.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    try:
        with serve_dir(sites[theme]) as base:
            for rel in PAGES:
                page.goto(base + rel)
                m = page.evaluate(MEASURE_JS)
                where = f"{theme} {width}px {rel}"
                nodes = m["nodes"]
                assert len(nodes) >= 4, where
                for i, p in enumerate(nodes):
                    for q in nodes[i + 1 :]:
                        assert not _overlap(p, q), f"{where}: {p['guid']} and {q['guid']} overlap"
                    for t in p["texts"]:
                        assert t["w"] > 0 and _inside(t, p), f"{where}: '{t['text']}' overflows"
                        ratio = contrast(tuple(t["fill"]), tuple(p["fill"]))
                        assert ratio >= 4.5, f"{where}: '{t['text']}' {ratio:.2f}:1"
                _assert_reachable(m, where)
    finally:
        page.close()


def _assert_reachable(m: dict[str, Any], where: str) -> None:
    """The picture keeps its size (its labels stay readable) and its frame, no wider than the
    column, scrolls to show every box."""
    b = m["before"]
    assert abs(b["svgWidth"] - b["svgAttrWidth"]) < 1, f"{where}: the picture was scaled"
    assert b["frameWidth"] <= b["columnWidth"] + 1, f"{where}: the frame is wider than the column"
    if b["sw"] > b["cw"] + 1:
        assert b["ox"] in ("auto", "scroll"), f"{where}: wide picture clipped"
    if b["sh"] > b["ch"] + 1:
        assert b["oy"] in ("auto", "scroll"), f"{where}: tall picture clipped"
    f = m["frame"]
    assert m["rightmost"]["right"] <= f["clientRight"] + 1, f"{where}: right-most box unreachable"
    assert m["lowest"]["bottom"] <= f["clientBottom"] + 1, f"{where}: lowest box unreachable"
    if m["legend"]:
        assert m["legend"]["sw"] <= m["legend"]["cw"] + 1, f"{where}: the legend overflows"


def test_the_graph_scrolls_inside_its_frame_on_a_phone(sites, chrome) -> None:
    """At 390 px the site-wide picture is wider than the column: its frame scrolls (and the
    page does not), and the frame's right edge stays on the screen."""
    page = chrome.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    try:
        with serve_dir(sites["material-light"]) as base:
            page.goto(base + PAGES[0])
            frame = page.query_selector(".opsspec-graph-scroll")
            sizes = frame.evaluate(
                "f => ({sw: f.scrollWidth, cw: f.clientWidth, right:"
                " f.getBoundingClientRect().right, page: document.documentElement.scrollWidth,"
                " inner: window.innerWidth})"
            )
            assert sizes["sw"] > sizes["cw"] + 100  # there is something to scroll to
            assert sizes["right"] <= sizes["inner"]
            assert sizes["page"] <= sizes["inner"]  # the page itself does not scroll sideways
            frame.evaluate("f => { f.scrollLeft = 150; }")
            assert frame.evaluate("f => f.scrollLeft") == 150
    finally:
        page.close()


# --- 300 features: the graph page against the portfolio ---------------------------------------

LOADS = 5
LOAD_JS = (
    "() => { const t = performance.getEntriesByType('navigation')[0];"
    " return t.loadEventEnd - t.startTime; }"
)


@pytest.fixture(scope="module")
def site_300(tmp_path_factory) -> tuple[Path, float]:
    """The benchmark corpus of 300 features, built once with its main configuration (Material,
    navigation.prune), without the spec types neither page reads (business, functional,
    testing, security, architecture: 1,500 of its 2,100 specs)."""
    root = tmp_path_factory.mktemp("corpus-300")
    generator = ROOT / "benchmarks" / "gen_corpus.py"
    subprocess.run(
        [sys.executable, str(generator), "site", str(root), "--features", "300"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    started = time.perf_counter()
    config = root / "mkdocs-graph.yml"
    unread = "".join(f"  {t}/\n" for t in ("business", "functional", "testing", "security"))
    config.write_text(
        (root / "mkdocs-prune.yml").read_text("utf-8")
        + f"exclude_docs: |\n{unread}  architecture/\n",
        "utf-8",
    )
    try:
        build_site(config, root / "site")
    finally:
        mp.undo()
    return root / "site", time.perf_counter() - started


@pytest.mark.slow
def test_300_feature_graph_page_loads_within_twice_the_portfolio(site_300, chrome) -> None:
    site, seconds = site_300
    print(f"\n300 features: built in {seconds:.0f} s")
    html = (site / "opsspec" / "graph" / "index.html").read_text("utf-8")
    states = re.findall(r'class="opsspec-graph-node opsspec-graph-([a-z-]+)" data-guid=', html)
    assert len([s for s in states if s not in ("unknown", "other")]) == 300  # every feature
    page = chrome.new_page()
    page.set_viewport_size({"width": 1400, "height": 900})
    times: dict[str, list[float]] = {"opsspec/portfolio/": [], "opsspec/graph/": []}
    try:
        with serve_dir(site) as base:
            for rel in times:  # a first load of each warms the server and the cache
                page.goto(base + rel, wait_until="load")
            for _ in range(LOADS):
                for rel, found in times.items():
                    page.goto(base + rel, wait_until="load")
                    found.append(page.evaluate(LOAD_JS))
    finally:
        page.close()
    portfolio = statistics.median(times["opsspec/portfolio/"])
    graph = statistics.median(times["opsspec/graph/"])
    print(f"\n300 features: graph page {graph:.0f} ms, portfolio {portfolio:.0f} ms (medians)")
    assert graph <= 2 * portfolio, f"graph {graph:.0f} ms, portfolio {portfolio:.0f} ms: {times}"
