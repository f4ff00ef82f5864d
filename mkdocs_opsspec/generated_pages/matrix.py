"""The spec matrix: features (rows) by spec types (columns), each cell the spec's status badge
linking the spec."""

from __future__ import annotations

from typing import Any

import jinja2

from ..catalog import MISSING, NOT_REQUIRED, Catalog
from ..markup import link, tag
from ..model import SPEC_TYPES
from ..spec_page.badge import status_badge_of
from .common import TYPE_TITLES, PageOptions, spec_title
from .markdown_escape import Md
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
    return render_page("Spec matrix", TEMPLATE, context, options, env)


def matrix_context(catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    page = options.paths.matrix
    features = catalog.sorted_features()
    # spec text as plain values (escaped by the templates); as HTML only in `unassigned_list`
    unassigned = [
        {
            "title": spec_title(s),
            "path": s.path,
            "type": TYPE_TITLES.get(s.type or "", s.type or ""),
            "href": href(page, s.path),
        }
        for s in catalog.unassigned
    ]
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
                # the badge is the link; screen readers hear the spec's title before it
                row.append(
                    link(
                        options.link(page, spec.path, None),
                        {"class": "opsspec-spec-link"},
                        tag("span", {"class": "opsspec-sr"}, f"{spec_title(spec)}: "),
                        status_badge_of(spec.status, options.statuses),
                    )
                )
            else:
                state = feat.type_state(t)
                row.append(tag("em", {"class": f"opsspec-type-{state}"}, _ABSENT[state]))
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
        "unassigned": unassigned,
        # an HTML list: inside a Markdown list, spec text would still be read as Markdown
        "unassigned_list": Md(
            tag(
                "ul",
                {"class": "opsspec-unassigned"},
                [
                    tag(
                        "li",
                        None,
                        f"{TYPE_TITLES.get(s.type or '', s.type or '')}: ",
                        link(options.link(page, s.path, None), None, spec_title(s)),
                        " ",
                        status_badge_of(s.status, options.statuses),
                    )
                    for s in catalog.unassigned
                ],
            )
        ),
        "portfolio_href": href(page, options.paths.portfolio),
        "graph_href": href(page, options.paths.graph),
        "base_href": href(page, options.paths.base),
    }
