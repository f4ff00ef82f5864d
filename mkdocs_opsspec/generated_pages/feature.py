"""A feature's page: its specs by type, readiness, dependency graph, dependencies, backlinks and
cycles."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2

from ..catalog import MISSING, NOT_REQUIRED, Catalog, Edge, Feature
from ..markup import Markup, join, link, tag
from ..model import SPEC_TYPES, Spec
from ..readiness import LEVEL_TITLES, Readiness
from ..spec_page.badge import readiness_badge, status_badge_of
from ..words import counted
from .common import (
    BACKLINK_TITLES,
    KIND_TITLES,
    STATE_TITLES,
    TYPE_TITLES,
    PageOptions,
    section_at,
    spec_is_stale,
    spec_title,
    stale_note,
    text,
)
from .graph import feature_graph_parts
from .markdown_escape import Md
from .paths import href
from .tables import Column, table
from .templates import render_page

TEMPLATE = "feature.md.j2"
#: Features of a dependency cycle listed on a page before "and N more".
MAX_CYCLE_SHOWN = 8


def feature_page(
    feature: Feature,
    catalog: Catalog,
    readiness: Mapping[str, Readiness] | None = None,
    options: PageOptions | None = None,
    env: jinja2.Environment | None = None,
) -> str:
    """The Markdown of `feature`'s generated page (at `options.paths.feature(guid)`)."""
    options = options or PageOptions()
    context = feature_context(feature, catalog, readiness or {}, options)
    return render_page(feature.name, TEMPLATE, context, options, env)


SPEC_COLUMNS = (
    Column("Type"),
    Column("Spec", wide=True),
    Column("Status"),
    Column("Version"),
    Column("Last updated"),
    Column("Findings"),
)
CHECK_COLUMNS = (Column("Check"), Column("Level"), Column("State"), Column("Detail", wide=True))
DEPENDENCY_COLUMNS = (
    Column("Feature"),
    Column("Kind"),
    Column("Declared in", wide=True),
    Column("Note"),
)
BACKLINK_COLUMNS = (Column("Feature"), Column("Relation"), Column("Declared in", wide=True))


def feature_context(
    feature: Feature,
    catalog: Catalog,
    readiness: Mapping[str, Readiness],
    options: PageOptions,
) -> dict[str, Any]:
    page = options.paths.feature(feature.guid)
    ops = feature.operations
    result = readiness.get(ops.path) if ops is not None else None
    specs = [_spec_row(feature, t, page, catalog, options) for t in SPEC_TYPES]
    specs += [_present_row(s, page, catalog, options) for s in feature.duplicates]
    dependencies = [_dependency(e, page, catalog, options) for e in feature.dependencies]
    backlinks = [_backlink(e, page, catalog, options) for e in feature.backlinks]
    checks = _readiness(result)
    # spec text as plain values (escaped by the templates); as HTML only in `external_list`
    external = [
        {
            "kind": KIND_TITLES.get(x.kind, x.kind),
            "text": x.name or text(x.text),
            "href": href(page, x.spec_path),
            "path": x.spec_path,
            "line": x.line,
        }
        for x in feature.external
    ]
    return {
        "feature": feature,
        "name": feature.name,
        "guid": feature.guid,
        "feature_class": feature.feature_class,
        "class_source": _class_source(feature),
        "required_types": [TYPE_TITLES.get(t, t) for t in feature.required_types() or ()],
        "specs_table": table(SPEC_COLUMNS, specs, label="Specs"),
        "readiness": checks,
        "checks_table": table(CHECK_COLUMNS, checks["rows"], label="Readiness checks")
        if checks
        else None,
        "dependencies_table": table(DEPENDENCY_COLUMNS, dependencies, label="Dependencies")
        if dependencies
        else None,
        "backlinks_table": table(BACKLINK_COLUMNS, backlinks, label="Depended on by")
        if backlinks
        else None,
        "external": external,
        # an HTML list: inside a Markdown list, spec text would still be read as Markdown
        "external_list": Md(
            tag(
                "ul",
                {"class": "opsspec-external"},
                [
                    tag(
                        "li",
                        None,
                        f"{x['kind']}: {x['text']} (declared in ",
                        _declared(x["path"], x["line"], page, catalog, options, inline=True),
                        ")",
                    )
                    for x in external
                ],
            )
        ),
        "graph": feature_graph_parts(feature, catalog, readiness, options),
        "cycles": [
            _cycle(c, feature.guid, page, catalog, options) for c in catalog.cycles_of(feature.guid)
        ],
        "portfolio_href": href(page, options.paths.portfolio),
        "matrix_href": href(page, options.paths.matrix),
        "graph_href": href(page, options.paths.graph),
    }


def _class_source(feature: Feature) -> str | None:
    if feature.class_source is None:
        return None
    if feature.class_source == "default":
        return "the site's default class"
    return feature.class_source


def _spec_row(
    feature: Feature, spec_type: str, page: str, catalog: Catalog, options: PageOptions
) -> list[object]:
    spec = feature.specs.get(spec_type)
    if spec is not None:
        return _present_row(spec, page, catalog, options)
    state = feature.type_state(spec_type)
    shown = {MISSING: "missing", NOT_REQUIRED: "not required"}.get(state, state)
    return [
        TYPE_TITLES.get(spec_type, spec_type),
        tag("em", {"class": f"opsspec-type-{state}"}, shown),
        "",
        "",
        "",
        "",
    ]


def _present_row(spec: Spec, page: str, catalog: Catalog, options: PageOptions) -> list[object]:
    counts = catalog.finding_counts(spec.path)
    updated = text(spec.last_updated)
    stale = stale_note() if spec_is_stale(spec, options) else None
    return [
        TYPE_TITLES.get(spec.type or "", spec.type or ""),
        link(options.link(page, spec.path, None), None, spec_title(spec)),
        status_badge_of(spec.status, options.statuses),
        text(spec.version),
        join(updated, " " if stale else "", stale),
        findings_text(counts.errors, counts.warnings),
    ]


def findings_text(errors: int, warnings: int) -> Markup:
    """'2 errors, 1 warning', or a muted 'none'."""
    if not errors and not warnings:
        return tag("span", {"class": "opsspec-na"}, "none")
    parts = [counted(errors, "error")] if errors else []
    parts += [counted(warnings, "warning")] if warnings else []
    return tag("span", None, ", ".join(parts))


def state_mark(state: str) -> Markup:
    """A check's state as its word, after a mark CSS draws (`opsspec-state-<state>`): no emoji,
    which shows as an empty box without a colour-emoji font."""
    return tag("span", {"class": f"opsspec-state opsspec-state-{state}"}, STATE_TITLES[state])


def _readiness(result: Readiness | None) -> dict[str, Any] | None:
    if result is None:
        return None
    nxt = result.next_level
    step = result.blocking[0] if result.blocking else None
    return {
        "badge": Md(readiness_badge(result.level)),
        "level": LEVEL_TITLES[result.level],
        "next_level": LEVEL_TITLES[nxt] if nxt else None,
        "blocking": [c.title for c in result.blocking],
        "action": step.action if step else None,
        "detail": step.detail if step else None,
        "rows": [
            [c.title, LEVEL_TITLES[c.level], state_mark(c.state), c.detail] for c in result.checks
        ],
    }


def _feature_link(guid: str, page: str, catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    target = catalog.feature(guid)
    if target is None:
        return {"name": None, "guid": guid, "href": None}
    return {"name": target.name, "guid": guid, "href": href(page, options.paths.feature(guid))}


def _feature_cell(
    guid: str, name: str | None, page: str, options: PageOptions, known: bool
) -> Markup:
    """The feature's name (linking its page when it has one), its GUID on a second line."""
    shown = link(options.link(page, options.paths.feature(guid), None), None, name or guid)
    if not known:
        shown = tag("span", None, name or guid)
    guid_line = tag("span", {"class": "opsspec-cell-sub"}, guid) if name else None
    return join(shown, guid_line)


def _declared(
    path: str, line: int, page: str, catalog: Catalog, options: PageOptions, inline: bool = False
) -> Markup:
    """Where a dependency is declared: the spec's title, and the section holding the line
    (linking its heading on the spec's page) on a line of its own, or after a comma when
    `inline`."""
    spec = catalog.spec(path)
    if spec is None:  # not a spec of the catalog: the path and line
        return join(link(options.link(page, path, None), None, path), f" line {line}")
    section = section_at(spec, line)
    where = (
        tag(
            "span",
            {"class": "opsspec-cell-sub"},
            ", section " if inline else "section ",
            link(options.link(page, path, section.anchor), None, text(section.title)),
        )
        if section is not None
        else None
    )
    return join(link(options.link(page, path, None), None, spec_title(spec)), where)


def _note(kind: str, words: str) -> Markup:
    """A note with a CSS mark of its own (`opsspec-note-<kind>`)."""
    return tag("span", {"class": f"opsspec-note opsspec-note-{kind}"}, words)


def _dependency(edge: Edge, page: str, catalog: Catalog, options: PageOptions) -> list[object]:
    target = catalog.feature(edge.target)
    notes = []
    if edge.target in catalog.unknown_guids:
        notes.append(_note("unknown", "unknown GUID: no spec has it"))
    if edge.kind == "required" and catalog.in_cycle(edge.source, edge.target):
        notes.append(_note("cycle", "part of a Required cycle"))
    if edge.target == edge.source:
        notes.append(_note("self", "names the feature itself"))
    name = target.name if target is not None else edge.name
    return [
        _feature_cell(edge.target, name, page, options, target is not None),
        KIND_TITLES.get(edge.kind, edge.kind),
        _declared(edge.spec_path, edge.line, page, catalog, options),
        join(*notes, sep=" "),
    ]


def _backlink(edge: Edge, page: str, catalog: Catalog, options: PageOptions) -> list[object]:
    source = catalog.feature(edge.source)
    name = source.name if source is not None else None
    return [
        _feature_cell(edge.source, name, page, options, source is not None),
        BACKLINK_TITLES.get(edge.kind, edge.kind),
        _declared(edge.spec_path, edge.line, page, catalog, options),
    ]


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
