"""Generated pages: Markdown strings for in-memory pages (portfolio, matrix, BASE, one page per
feature), rendered from Jinja templates a site may override. No MkDocs here.

All spec text goes through `markdown_escape.md` exactly once; every link is a relative `.md`
link from the page's own docs path, so MkDocs checks and rewrites it like any other.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from ..catalog import Catalog
from ..readiness import Readiness
from .base import base_page
from .common import PageOptions
from .feature import feature_page
from .markdown_escape import Md, md
from .matrix import matrix_page
from .paths import PagePaths, feature_slug, href, relative
from .portfolio import portfolio_json, portfolio_page, portfolio_rows

__all__ = [
    "Md",
    "PageOptions",
    "PagePaths",
    "base_page",
    "feature_page",
    "feature_slug",
    "generate_pages",
    "href",
    "matrix_page",
    "md",
    "page_paths",
    "portfolio_json",
    "portfolio_page",
    "portfolio_rows",
    "relative",
]


def page_paths(catalog: Catalog, options: PageOptions | None = None) -> list[str]:
    """Docs paths of every page `generate_pages` makes, sorted."""
    paths = (options or PageOptions()).paths
    out = {paths.portfolio, paths.matrix, paths.base}
    out.update(paths.feature(g) for g in catalog.features)
    return sorted(out)


def generate_pages(
    catalog: Catalog,
    readiness: Mapping[str, Readiness],
    options: PageOptions | None = None,
    on_page: Callable[[str, float], None] | None = None,
) -> dict[str, str]:
    """Every generated page: docs path -> Markdown, sorted by path. `on_page(path, seconds)`, if
    given, hears how long each page took (the plugin's `profile` option)."""
    options = options or PageOptions()
    paths = options.paths
    makers: list[tuple[str, Callable[[], str]]] = [
        (paths.portfolio, lambda: portfolio_page(catalog, readiness, options)),
        (paths.matrix, lambda: matrix_page(catalog, options)),
        (paths.base, lambda: base_page(catalog, options)),
    ]
    for feature in catalog.sorted_features():
        makers.append(
            (
                paths.feature(feature.guid),
                lambda f=feature: feature_page(f, catalog, readiness, options),
            )
        )
    pages = {}
    for path, make in makers:
        start = time.perf_counter()
        pages[path] = make()
        if on_page is not None:
            on_page(path, time.perf_counter() - start)
    return dict(sorted(pages.items()))
