"""The spec matrix: features (rows) by spec types (columns)."""

from __future__ import annotations

from typing import Any

from ..catalog import MISSING, NOT_REQUIRED, PRESENT, Catalog
from ..model import SPEC_TYPES
from .common import TYPE_TITLES, PageOptions, status_of
from .paths import href
from .templates import render

TEMPLATE = "matrix.md.j2"


def share(count: int, total: int) -> str:
    """'5 / 8 (62%)': the percentage rounded down, so 100% means every feature."""
    percent = (100 * count // total) if total else 0
    return f"{count} / {total} ({percent}%)"


def matrix_page(catalog: Catalog, options: PageOptions | None = None) -> str:
    options = options or PageOptions()
    return render(TEMPLATE, matrix_context(catalog, options), options.override_dirs)


def matrix_context(catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    page = options.paths.matrix
    features = catalog.sorted_features()
    rows = []
    totals = dict.fromkeys(SPEC_TYPES, 0)
    for feat in features:
        cells = []
        for t in SPEC_TYPES:
            spec = feat.specs.get(t)
            state = feat.type_state(t)
            if spec is not None:
                totals[t] += 1
                cells.append(
                    {
                        "state": PRESENT,
                        "status": status_of(spec) or "no status",
                        "href": href(page, spec.path),
                    }
                )
            else:
                cells.append(
                    {
                        "state": state,
                        "text": {MISSING: "missing", NOT_REQUIRED: "not required"}[state],
                        "href": None,
                    }
                )
        rows.append(
            {
                "name": feat.name,
                "guid": feat.guid,
                "href": href(page, options.paths.feature(feat.guid)),
                "feature_class": feat.feature_class or "",
                "cells": cells,
            }
        )
    return {
        "types": [TYPE_TITLES[t] for t in SPEC_TYPES],
        "rows": rows,
        "totals": [share(totals[t], len(features)) for t in SPEC_TYPES],
        "feature_count": len(features),
        "unassigned": [{"path": s.path, "href": href(page, s.path)} for s in catalog.unassigned],
        "portfolio_href": href(page, options.paths.portfolio),
        "base_href": href(page, options.paths.base),
    }
