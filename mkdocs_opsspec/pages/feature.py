"""A feature's page: its specs by type, readiness, dependencies, backlinks and cycles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..catalog import MISSING, NOT_REQUIRED, Catalog, Edge, Feature
from ..model import SPEC_TYPES, Spec
from ..readiness import Readiness
from .common import (
    BACKLINK_TITLES,
    KIND_TITLES,
    LEVEL_TITLES,
    STATE_TITLES,
    TYPE_TITLES,
    PageOptions,
    is_stale,
    status_of,
    text,
)
from .paths import href
from .templates import render

TEMPLATE = "feature.md.j2"
#: Features of a dependency cycle listed on a page before "and N more".
MAX_CYCLE_SHOWN = 8


def feature_page(
    feature: Feature,
    catalog: Catalog,
    readiness: Mapping[str, Readiness] | None = None,
    options: PageOptions | None = None,
) -> str:
    """The Markdown of `feature`'s generated page (at `options.paths.feature(guid)`)."""
    options = options or PageOptions()
    return render(
        TEMPLATE, feature_context(feature, catalog, readiness or {}, options), options.override_dirs
    )


def feature_context(
    feature: Feature,
    catalog: Catalog,
    readiness: Mapping[str, Readiness],
    options: PageOptions,
) -> dict[str, Any]:
    page = options.paths.feature(feature.guid)
    ops = feature.operations
    result = readiness.get(ops.path) if ops is not None else None
    return {
        "feature": feature,
        "name": feature.name,
        "guid": feature.guid,
        "feature_class": feature.feature_class,
        "class_source": _class_source(feature),
        "required_types": [TYPE_TITLES.get(t, t) for t in feature.required_types() or ()],
        "specs": [_spec_row(feature, t, page, catalog, options) for t in SPEC_TYPES],
        "duplicates": [_present_row(s, page, catalog, options) for s in feature.duplicates],
        "readiness": _readiness(result),
        "dependencies": [_dependency(e, page, catalog, options) for e in feature.dependencies],
        "backlinks": [_backlink(e, page, catalog, options) for e in feature.backlinks],
        "external": [
            {
                "kind": KIND_TITLES.get(x.kind, x.kind),
                "text": x.name or text(x.text),
                "href": href(page, x.spec_path),
                "path": x.spec_path,
                "line": x.line,
            }
            for x in feature.external
        ],
        "cycles": [
            _cycle(c, feature.guid, page, catalog, options) for c in catalog.cycles_of(feature.guid)
        ],
        "portfolio_href": href(page, options.paths.portfolio),
        "matrix_href": href(page, options.paths.matrix),
    }


def _class_source(feature: Feature) -> str | None:
    if feature.class_source is None:
        return None
    if feature.class_source == "default":
        return "the site's default class"
    return feature.class_source


def _spec_row(
    feature: Feature, spec_type: str, page: str, catalog: Catalog, options: PageOptions
) -> dict[str, Any]:
    spec = feature.specs.get(spec_type)
    if spec is not None:
        return _present_row(spec, page, catalog, options)
    state = feature.type_state(spec_type)
    return {
        "type": TYPE_TITLES.get(spec_type, spec_type),
        "state": state,
        "state_text": {MISSING: "missing", NOT_REQUIRED: "not required"}.get(state, state),
        "href": None,
    }


def _present_row(spec: Spec, page: str, catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    counts = catalog.finding_counts(spec.path)
    return {
        "type": TYPE_TITLES.get(spec.type or "", spec.type or ""),
        "state": "present",
        "state_text": "present",
        "href": href(page, spec.path),
        "path": spec.path,
        "status": status_of(spec) or "no status",
        "version": text(spec.version),
        "last_updated": text(spec.last_updated),
        "stale": bool(is_stale(spec, options)),
        "errors": counts.errors,
        "warnings": counts.warnings,
    }


def _readiness(result: Readiness | None) -> dict[str, Any] | None:
    if result is None:
        return None
    nxt = result.next_level
    return {
        "level": LEVEL_TITLES[result.level],
        "next_level": LEVEL_TITLES[nxt] if nxt else None,
        "blocking": [c.title for c in result.blocking],
        "checks": [
            {
                "level": LEVEL_TITLES[c.level],
                "title": c.title,
                "state": STATE_TITLES[c.state],
                "detail": c.detail,
            }
            for c in result.checks
        ],
    }


def _feature_link(guid: str, page: str, catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    target = catalog.feature(guid)
    if target is None:
        return {"name": None, "guid": guid, "href": None}
    return {"name": target.name, "guid": guid, "href": href(page, options.paths.feature(guid))}


def _dependency(edge: Edge, page: str, catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    row = _feature_link(edge.target, page, catalog, options)
    row.update(
        {
            "kind": KIND_TITLES.get(edge.kind, edge.kind),
            "written_name": edge.name,
            "unknown": edge.target in catalog.unknown_guids,
            "in_cycle": edge.kind == "required" and catalog.in_cycle(edge.source, edge.target),
            "self": edge.target == edge.source,
            "declared_href": href(page, edge.spec_path),
            "declared_path": edge.spec_path,
            "line": edge.line,
        }
    )
    if row["name"] is None:
        row["name"] = edge.name
    return row


def _backlink(edge: Edge, page: str, catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    row = _feature_link(edge.source, page, catalog, options)
    row.update(
        {
            "kind": BACKLINK_TITLES.get(edge.kind, edge.kind),
            "declared_href": href(page, edge.spec_path),
            "declared_path": edge.spec_path,
            "line": edge.line,
        }
    )
    return row


def _cycle(
    cycle: list[str], guid: str, page: str, catalog: Catalog, options: PageOptions
) -> dict[str, Any]:
    """The cycle from this feature round to it again; a long one shows its first steps and
    how many more there are."""
    at = cycle.index(guid) if guid in cycle else 0
    turned = cycle[at:] + cycle[:at]
    shown = turned[:MAX_CYCLE_SHOWN]
    return {
        "nodes": [_feature_link(g, page, catalog, options) for g in shown],
        "more": len(turned) - len(shown),
        "back": _feature_link(turned[0], page, catalog, options),
        "length": len(cycle),
    }
