"""The spec matrix: features (rows) by spec types (columns)."""

from __future__ import annotations

from typing import Any

import jinja2

from ..catalog import MISSING, NOT_REQUIRED, Catalog
from ..markup import link, tag
from ..model import SPEC_TYPES
from .common import TYPE_TITLES, PageOptions, status_of
from .paths import href
from .tables import Column, table
from .templates import render_page

TEMPLATE = "matrix.md.j2"
_ABSENT = {MISSING: "missing", NOT_REQUIRED: "not required"}


def share(count: int, total: int) -> str:
    """'5 / 8 (62%)': the percentage rounded down, so 100% means every feature."""
    percent = (100 * count // total) if total else 0
    return f"{count} / {total} ({percent}%)"


def matrix_page(
    catalog: Catalog, options: PageOptions | None = None, env: jinja2.Environment | None = None
) -> str:
    options = options or PageOptions()
    context = matrix_context(catalog, options)
    return render_page("Spec matrix", TEMPLATE, context, options.override_dirs, env)


def matrix_context(catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    page = options.paths.matrix
    features = catalog.sorted_features()
    rows: list[list[object]] = []
    totals = dict.fromkeys(SPEC_TYPES, 0)
    for feat in features:
        row: list[object] = [
            link(options.link(page, options.paths.feature(feat.guid), None), None, feat.name),
            feat.feature_class or "",
        ]
        for t in SPEC_TYPES:
            spec = feat.specs.get(t)
            if spec is not None:
                totals[t] += 1
                href_ = options.link(page, spec.path, None)
                row.append(link(href_, None, status_of(spec) or "no status"))
            else:
                state = feat.type_state(t)
                row.append(
                    tag("em", None, {MISSING: "missing", NOT_REQUIRED: "not required"}[state])
                )
        rows.append(row)
    rows.append(
        [tag("strong", None, "Total"), "", *(share(totals[t], len(features)) for t in SPEC_TYPES)]
    )
    columns = [Column("Feature"), Column("Class"), *(Column(TYPE_TITLES[t]) for t in SPEC_TYPES)]
    return {
        "table": table(columns, rows, label="Specs by feature and type"),
        "features": [
            {"name": f.name, "href": href(page, options.paths.feature(f.guid))} for f in features
        ],
        "feature_count": len(features),
        "unassigned": [{"path": s.path, "href": href(page, s.path)} for s in catalog.unassigned],
        "portfolio_href": href(page, options.paths.portfolio),
        "base_href": href(page, options.paths.base),
    }
