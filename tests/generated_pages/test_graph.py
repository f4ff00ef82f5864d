"""The dependency graph pictures, from the core: every declared dependency is drawn and every
arrow drawn is declared, Required arrows point down except marked back-edges, unknown GUIDs are
marked nodes, boxes are coloured by readiness and link their feature pages, labels are escaped
and cut to fit, the text alternative lists the same arrows, and the layout's invariants hold on
random graphs."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_opsspec.generated_pages import generate_pages
from mkdocs_opsspec.generated_pages.feature import feature_page
from mkdocs_opsspec.generated_pages.graph import graph_page
from mkdocs_opsspec.generated_pages.graph_layout import DOWN, FREE, Box, LayoutEdge, layout
from mkdocs_opsspec.generated_pages.graph_svg import (
    BOX_H,
    NAME_PX,
    PAD_X,
    box_width,
    fit_label,
    text_em,
)

from helpers.graph import (
    ARROWS,
    DECLARED,
    LONG_NAME,
    STATES,
    UNKNOWN,
    A,
    B,
    C,
    D,
    E,
    declarations,
    drawn_arrows,
    drawn_nodes,
    graph_family,
    picture,
)
from helpers.pages import build, operations_spec, page_html, page_title, technical_spec


@pytest.fixture(scope="module")
def family():
    return build(graph_family())


@pytest.fixture(scope="module")
def site_page(family):
    return graph_page(family.catalog, family.readiness, family.options)


def test_the_graph_page_is_generated(family) -> None:
    assert "opsspec/graph.md" in family.options.paths.every(family.catalog.features)
    pages = generate_pages(family.catalog, family.readiness, family.options)
    assert page_title(pages["opsspec/graph.md"]) == "Dependency graph"


def test_every_declaration_is_drawn_and_every_arrow_is_declared(site_page) -> None:
    svg = picture(page_html(site_page))
    drawn = declarations(svg)
    assert len(drawn) == len(set(drawn))  # each declaration once
    assert set(drawn) == DECLARED
    arrows = {(p["data-source"], p["data-target"]): p["data-kinds"] for p in drawn_arrows(svg)}
    assert arrows == ARROWS


def test_required_arrows_point_down_unless_marked_back(site_page) -> None:
    svg = picture(page_html(site_page))
    layer = {g: int(el["data-layer"]) for g, el in drawn_nodes(svg).items()}
    top = {g: float(el.find("rect")["y"]) for g, el in drawn_nodes(svg).items()}
    back = set()
    for path in drawn_arrows(svg):
        if "required" not in path["data-kinds"].split():
            continue
        s, t = path["data-source"], path["data-target"]
        if path.get("data-back") == "true":
            back.add((s, t))
            assert "opsspec-graph-back" in path["class"]
            assert path["marker-end"] == "url(#opsspec-graph-arrow-back)"
        else:
            assert layer[s] > layer[t], (s, t)
            assert top[s] < top[t], (s, t)  # a higher layer is drawn higher
    # one arrow of the Alpha-Bravo cycle closes it, and Echo's arrow to itself
    assert (E, E) in back
    assert len(back & {(A, B), (B, A)}) == 1
    assert back <= {(A, B), (B, A), (E, E)}


def test_nodes_unknown_guids_and_readiness(site_page, family) -> None:
    svg = picture(page_html(site_page))
    nodes = drawn_nodes(svg)
    assert set(nodes) == {A, B, C, D, E, UNKNOWN}
    for guid, state in STATES.items():
        assert f"opsspec-graph-{state}" in nodes[guid]["class"], guid
    # the unknown GUID: a marked node, named as the spec names it, linking nowhere
    unknown = nodes[UNKNOWN]
    assert unknown.name == "g" and unknown.find("a") is None
    assert unknown.find("text", class_="opsspec-graph-name").get_text() == f"Feature {UNKNOWN}"
    assert unknown.find("text", class_="opsspec-graph-state").get_text() == "Unknown GUID"
    # a feature's box links its page, relative to the graph page
    assert nodes[A].name == "a" and nodes[A]["href"] == f"features/{A}.md"
    assert nodes[A].find("text", class_="opsspec-graph-state").get_text() == "Gold"
    assert nodes[C].find("text", class_="opsspec-graph-state").get_text() == "Silver"


def test_a_hostile_long_name_is_escaped_and_cut(site_page) -> None:
    soup = page_html(site_page)
    assert soup.find("b") is None  # the name's markup stayed text
    node = drawn_nodes(picture(soup))[B]
    label = node.find("text", class_="opsspec-graph-name").get_text()
    # 28 characters (28 x 0.62 = 17.36 em) and the ellipsis (0.62 em) fit in 18 em
    assert label == 'Bravo <b>"Quoted"</b> & a na…'
    assert node.find("title").get_text() == f"{LONG_NAME}: No operations spec"
    width = float(node.find("rect")["width"])
    assert width >= len(label) * 0.6 * NAME_PX + 2 * PAD_X


def test_label_widths_and_cuts() -> None:
    assert fit_label("a" * 29) == "a" * 29  # 29 x 0.62 = 17.98 em fits in 18
    assert fit_label("a" * 30) == "a" * 28 + "…"  # 28 x 0.62 + 0.62 = 18.0 em
    assert fit_label("漢" * 20) == "漢" * 13 + "…"  # 13 x 1.3 + 0.62 = 17.52 em
    assert fit_label("  two\n lines ") == "two lines"
    assert text_em("e\u0301") == pytest.approx(0.62)  # a combining accent takes no room
    assert box_width("abcd", "Gold") == 49  # the least: 32 px of text and 2 x 8 px padding
    assert box_width("", "No operations spec") == 128  # 18 x 0.62 x 10 px + 16 px, rounded up
    assert box_width("a" * 29, "") == 232  # 29 x 0.62 x 12 px + 16 px


def test_the_text_alternative_lists_the_same_arrows(site_page) -> None:
    soup = page_html(site_page)
    listed = soup.find("ul", class_="opsspec-graph-list")
    items = {
        (li["data-source"], li["data-target"]): li["data-kinds"]
        for li in listed.find_all("li", attrs={"data-source": True})
    }
    assert items == ARROWS
    words = {
        (li["data-source"], li["data-target"]): li.get_text()
        for li in listed.find_all("li", attrs={"data-source": True})
    }
    assert words[(D, C)] == (
        "requires Charlie (Silver): Delta's Required list, Charlie's Dependents list"
    )
    assert words[(A, UNKNOWN)] == (
        f"requires Feature {UNKNOWN} (Unknown GUID): Alpha's Required list"
        f" (GUID {UNKNOWN}, which no spec has)"
    )
    assert words[(D, A)] == "depends on Alpha (Gold): Alpha's Dependents list"
    assert "part of a Required cycle" in words[(A, B)]
    assert "the feature names itself" in words[(E, E)]
    # every node has its entry on the site-wide page, Charlie's with the arrows it draws
    tops = [li for li in listed.find_all("li", recursive=False)]
    assert len(tops) == 6
    summary = soup.find("details", class_="opsspec-graph-text").find("summary").get_text()
    assert summary == "The same 8 arrows as a list"


def test_the_legend_names_what_the_picture_shows(site_page) -> None:
    legend = page_html(site_page).find("ul", class_="opsspec-graph-legend").get_text(" ")
    for words in (
        "Gold",
        "Silver",
        "No operations spec",
        "Unknown GUID",
        "requires",
        "optionally uses",
        "conflicts with",
        "closes a cycle",
    ):
        assert words in legend, words
    assert "Bronze" not in legend  # no box is Bronze


def test_the_page_says_what_it_found(site_page) -> None:
    text = " ".join(page_html(site_page).get_text(" ").split())
    assert "5 features and 8 arrows between them" in text
    assert "Required dependencies form 2 cycles" in text
    assert "1 GUID named as a dependency belongs to no spec" in text


def test_feature_page_graph_one_hop_out(family) -> None:
    cat = family.catalog
    text = feature_page(cat.features[A], cat, family.readiness, family.options)
    soup = page_html(text)
    svg = picture(soup)
    nodes = drawn_nodes(svg)
    assert set(nodes) == {A, B, C, D, UNKNOWN}  # Echo is two hops away
    assert "opsspec-graph-focus" in nodes[A]["class"] and nodes[A].name == "g"
    assert nodes[C]["href"] == f"{C}.md"  # the neighbours link their pages
    arrows = {(p["data-source"], p["data-target"]): p["data-kinds"] for p in drawn_arrows(svg)}
    assert arrows == {pair: kinds for pair, kinds in ARROWS.items() if A in pair}
    assert soup.find("h2", string="Dependency graph") is not None
    graph_links = [a["href"] for a in soup.find_all("a") if a.get_text() == "dependency graph"]
    assert graph_links == ["../graph.md"]


def test_a_loop_is_drawn_and_no_dependency_means_no_graph() -> None:
    loop = build({f"technical/ybs-spec_{E}.md": technical_spec(E, "Echo", required=(E,))})
    text = feature_page(loop.catalog.features[E], loop.catalog, loop.readiness, loop.options)
    (path,) = drawn_arrows(picture(page_html(text)))
    assert (path["data-source"], path["data-target"], path["data-back"]) == (E, E, "true")
    assert path["d"].count("C") == 1  # one curve out of the box and back into it
    lone = build({f"operations/ybs-spec_{C}.md": operations_spec(C, "Charlie")})
    text = feature_page(lone.catalog.features[C], lone.catalog, lone.readiness, lone.options)
    assert "opsspec-graph" not in text and "## Dependency graph" not in text


def test_each_picture_is_one_raw_html_block(site_page) -> None:
    body = site_page.split("\n---\n", 1)[1]
    for block in re.findall(r"<div class=\"opsspec-graph-scroll[\s\S]*?</div>", body):
        assert "\n\n" not in block
    assert body.count('<svg class="opsspec-graph-svg"') == 1


# --- the layout on random graphs ------------------------------------------------------------


def _reaches(start: str, goal: str, edges: set[tuple[str, str]]) -> bool:
    seen, todo = {start}, [start]
    while todo:
        n = todo.pop()
        if n == goal:
            return True
        for s, t in edges:
            if s == n and t not in seen:
                seen.add(t)
                todo.append(t)
    return False


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from("rof")),
                max_size=3 * n,
            ),
            st.lists(st.integers(4, 30), min_size=n, max_size=n),
        )
    )
)
def test_layout_invariants_on_random_graphs(case) -> None:
    n, raw, widths = case
    keys = [f"n{i}" for i in range(n)]
    edges = []
    seen = set()
    for s, t, k in raw:
        if (s, t, k) in seen:
            continue
        seen.add((s, t, k))
        edges.append(LayoutEdge(keys[s], keys[t], FREE if k == "f" else DOWN, k == "r"))
    boxes = [Box(k, w * 8.0, BOX_H) for k, w in zip(keys, widths, strict=True)]
    out = layout(boxes, edges)
    assert set(out.nodes) == set(keys)
    assert len(out.routes) == len(edges)
    # no two boxes overlap
    for p, q in itertools.combinations(out.nodes.values(), 2):
        apart = (
            p.x + p.width <= q.x
            or q.x + q.width <= p.x
            or p.y + p.height <= q.y
            or q.y + q.height <= p.y
        )
        assert apart, (p, q)
    # every box inside the picture
    for p in out.nodes.values():
        assert p.x >= 0 and p.x + p.width <= out.width and 0 <= p.y <= out.height - p.height
    for route in out.routes:  # and every edge
        for x, y in route.points:
            assert 0 <= x <= out.width and 0 <= y <= out.height, route
        if route.kind == "level":  # it rises above its boxes: there is room for it
            assert min(y for _, y in route.points) >= 24, route
    hard = {(e.source, e.target) for e in edges if e.hard}
    for route in out.routes:
        e = route.edge
        assert route.points, e
        if not e.hard:
            assert not route.back
            continue
        s, t = out.nodes[e.source], out.nodes[e.target]
        if route.back:  # only an edge that closes a cycle of hard edges is drawn up
            assert _reaches(e.target, e.source, hard), e
        else:
            assert s.layer > t.layer and s.y < t.y, e
