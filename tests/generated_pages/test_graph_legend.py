"""The legend explains the red upward arrow exactly when the picture has one: the model says
whether a graph's Required arrows close a cycle (`Graph.closes_cycle`), and the layout draws an
arrow upwards exactly then. Checked on the site-wide graph and every feature's one-hop graph."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from mkdocs_opsspec.generated_pages.graph import graph_parts
from mkdocs_opsspec.generated_pages.graph_model import Arrow, Graph, feature_graph, site_graph

from helpers.graph import graph_family
from helpers.pages import build

BACK_LEGEND = "opsspec-graph-required opsspec-graph-back"


@pytest.fixture(scope="module")
def family():
    return build(graph_family())


def drawn(graph: Graph, family) -> tuple[bool, bool]:
    """(an arrow is drawn upwards, the legend explains such an arrow)."""
    parts = graph_parts(graph, "opsspec/graph.md", family.options, label="g", site_wide=True)
    picture = BeautifulSoup(str(parts["picture"]), "html.parser")
    back = bool(picture.select('path[data-back="true"]'))
    return back, BACK_LEGEND in str(parts["legend"])


def test_the_legend_follows_the_picture(family) -> None:
    graphs = [site_graph(family.catalog, family.readiness)]
    graphs += [
        feature_graph(f, family.catalog, family.readiness) for f in family.catalog.features.values()
    ]
    seen = set()
    for graph in graphs:
        if not graph.arrows:
            continue
        back, explained = drawn(graph, family)
        assert graph.closes_cycle == back == explained
        seen.add(back)
    assert seen == {True, False}  # the family has graphs of both kinds


def test_closes_cycle_reads_the_required_arrows_only() -> None:
    def graph(*arrows: tuple[str, str, tuple[str, ...]]) -> Graph:
        return Graph(arrows=[Arrow(s, t, kinds) for s, t, kinds in arrows])

    assert not graph(("a", "b", ("required",)), ("b", "c", ("required",))).closes_cycle
    assert graph(("a", "b", ("required",)), ("b", "a", ("required", "optional"))).closes_cycle
    assert graph(("a", "a", ("required",))).closes_cycle  # a feature that requires itself
    assert not graph(("a", "b", ("required",)), ("b", "a", ("optional",))).closes_cycle
    assert not graph(("a", "b", ("conflicts",)), ("b", "a", ("conflicts",))).closes_cycle
