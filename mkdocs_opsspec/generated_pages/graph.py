"""The dependency graph pages: the site-wide graph page (every feature, coloured by readiness)
and the one-hop graph on each feature page. Model in graph_model, layout in graph_layout,
markup in graph_svg; this module puts them on the pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2

from ..catalog import Catalog, Feature
from ..readiness import Readiness
from .common import PageOptions
from .graph_model import UNKNOWN, Graph, feature_graph, site_graph
from .graph_svg import Resolve, edge_list, legend, picture
from .paths import href
from .templates import render_page

TEMPLATE = "graph.md.j2"
TITLE = "Dependency graph"


def _resolver(page: str, options: PageOptions) -> Resolve:
    def resolve(guid: str) -> str | None:
        return options.link(page, options.paths.feature(guid), None)

    return resolve


def graph_parts(
    graph: Graph, page: str, options: PageOptions, *, label: str, site_wide: bool
) -> dict[str, Any]:
    """The picture, its legend and its text alternative, as raw HTML blocks."""
    resolve = _resolver(page, options)
    drawn = picture(graph, resolve, label=label, large=site_wide)
    return {
        "picture": drawn,
        "legend": legend(graph, back=graph.closes_cycle),
        "edge_list": edge_list(graph, resolve, every_node=site_wide),
    }


def graph_page(
    catalog: Catalog,
    readiness: Mapping[str, Readiness],
    options: PageOptions | None = None,
    env: jinja2.Environment | None = None,
) -> str:
    options = options or PageOptions()
    context = graph_context(catalog, readiness, options)
    return render_page(TITLE, TEMPLATE, context, options, env)


def graph_context(
    catalog: Catalog, readiness: Mapping[str, Readiness], options: PageOptions
) -> dict[str, Any]:
    page = options.paths.graph
    graph = site_graph(catalog, readiness)
    unknown = [n for n in graph.nodes.values() if n.state == UNKNOWN]
    return {
        "feature_count": len(catalog.features),
        "arrow_count": len(graph.arrows),
        "cycle_count": len(catalog.cycles),
        "unknown_count": len(unknown),
        **graph_parts(
            graph, page, options, label="Dependency graph of every feature", site_wide=True
        ),
        "portfolio_href": href(page, options.paths.portfolio),
        "matrix_href": href(page, options.paths.matrix),
    }


def feature_graph_parts(
    feature: Feature, catalog: Catalog, readiness: Mapping[str, Readiness], options: PageOptions
) -> dict[str, Any] | None:
    """The feature page's graph (None when the feature has no dependency either way)."""
    graph = feature_graph(feature, catalog, readiness)
    if not graph.arrows:
        return None
    page = options.paths.feature(feature.guid)
    return {
        **graph_parts(
            graph, page, options, label="Dependencies of this feature, one hop out", site_wide=False
        ),
        "graph_href": href(page, options.paths.graph),
    }
