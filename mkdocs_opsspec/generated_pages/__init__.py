"""Generated pages: Markdown strings for in-memory pages (portfolio, matrix, BASE, dependency
graph, rules, one page per feature), rendered from Jinja templates a site may override. No
MkDocs here.

All spec text goes through `markdown_escape.md` exactly once; every link is a relative `.md`
link from the page's own docs path, so MkDocs checks and rewrites it like any other.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..analysis import Options, reference_day
from ..catalog import Catalog
from ..readiness import Readiness
from .base import base_page
from .common import PageOptions
from .feature import feature_page
from .graph import graph_page
from .matrix import matrix_page
from .paths import PagePaths
from .portfolio_page import portfolio_page
from .rules_page import rules_page
from .templates import environment


def page_options(
    options: Options,
    folder: str,
    override_dirs: tuple[str, ...] = (),
    *,
    hide_sidebars: bool = True,
) -> PageOptions:
    """The options of a site's generated pages in `folder` (a docs path), from the core options
    the adapter read (the plugin's or the Markdown extension's)."""
    return PageOptions(
        paths=PagePaths.under(folder),
        reference_date=reference_day(options),
        stale_after_days=options.stale_after_days,
        statuses=options.statuses,
        override_dirs=override_dirs,
        slo_drift=options.monitoring is not None,
        hide_sidebars=hide_sidebars,
    )


def generate_pages(
    catalog: Catalog, readiness: Mapping[str, Readiness], options: PageOptions | None = None
) -> dict[str, str]:
    """Every generated page: docs path -> Markdown, sorted by path."""
    options = options or PageOptions()
    paths = options.paths
    env = environment(options.override_dirs)
    pages = {
        paths.portfolio: portfolio_page(catalog, readiness, options, env),
        paths.matrix: matrix_page(catalog, options, env),
        paths.base: base_page(catalog, options, env),
        paths.graph: graph_page(catalog, readiness, options, env),
        paths.rules: rules_page(options, env),
    }
    for feature in catalog.sorted_features():
        pages[paths.feature(feature.guid)] = feature_page(feature, catalog, readiness, options, env)
    return dict(sorted(pages.items()))
