"""The strip under a spec's title: status, version, last update, GUID, readiness and the
feature's other specs. A BASE spec shows what its template defines: system, version, last
update."""

from __future__ import annotations

from collections.abc import Iterable

from ..catalog import MISSING, NOT_REQUIRED, PRESENT
from ..dates import is_stale, parse_date
from ..markup import Markup, css_slug, inline, join, link, tag
from ..model import Finding, Spec
from ..readiness import LEVEL_TITLES, Readiness
from .badge import readiness_badge, status_badge
from .context import SELF, RenderContext, SiblingLink

#: The finding that says a spec is stale (Last Updated older than stale_after_days).
STALE_RULE = "OS109"


def _item(cls: str, *children: object) -> Markup:
    return tag("span", {"class": f"opsspec-strip-item {cls}"}, *children)


def _version(spec: Spec) -> Markup:
    version = spec.version
    if not version:
        return _item("opsspec-version opsspec-unset", "No version")
    return _item(
        "opsspec-version",
        tag("span", {"class": "opsspec-label"}, "Version"),
        " ",
        tag("span", {"class": "opsspec-value"}, inline(version)),
    )


def _updated(spec: Spec, ctx: RenderContext, stale: bool | None) -> Markup:
    """`stale`: whether a finding says the spec is stale (None: no findings known, so the date
    decides)."""
    raw = spec.last_updated
    label = tag("span", {"class": "opsspec-label"}, "Last updated")
    if not raw:
        return _item("opsspec-updated opsspec-unset", label, " ", "not set")
    date = parse_date(raw)
    if date is None:  # shown as written
        return _item(
            "opsspec-updated opsspec-baddate",
            label,
            " ",
            tag("span", {"class": "opsspec-value", "title": "Not a YYYY-MM-DD date"}, inline(raw)),
        )
    value = tag("time", {"class": "opsspec-value", "datetime": date.isoformat()}, date.isoformat())
    if stale is None:
        stale = is_stale(date, ctx.reference_date, ctx.stale_after_days)
    if not stale:
        return _item("opsspec-updated", label, " ", value)
    age = (ctx.reference_date - date).days
    note = tag(
        "span",
        {
            "class": "opsspec-stale-note",
            "title": f"Last updated {age} days before {ctx.reference_date.isoformat()}; "
            f"specs are stale after {ctx.stale_after_days} days",
        },
        "stale",
    )
    return _item("opsspec-updated opsspec-stale", label, " ", value, " ", note)


def _guid(spec: Spec) -> Markup:
    guid = (spec.guid or "").strip()
    if not guid:
        return _item("opsspec-guid opsspec-unset", "No GUID")
    return _item(
        "opsspec-guid",
        tag("span", {"class": "opsspec-label"}, "GUID"),
        " ",
        tag("code", {"class": "opsspec-guid-value"}, guid),
        # Hidden until opsspec.js shows it: without JS the GUID stays selectable text.
        tag(
            "button",
            {
                "type": "button",
                "class": "opsspec-copy",
                "data-copy": guid,
                "aria-label": "Copy GUID",
                "title": "Copy GUID",
                "hidden": True,
            },
            "Copy",
        ),
    )


def _system(spec: Spec) -> Markup | None:
    system = spec.field_value("system")
    if not system:
        return None
    return _item(
        "opsspec-system",
        tag("span", {"class": "opsspec-label"}, "System"),
        " ",
        tag("span", {"class": "opsspec-value"}, inline(system)),
    )


def _readiness(result: Readiness | None) -> Markup | None:
    """The readiness level as its badge, and the first failing check of the next level."""
    if result is None:
        return None
    level = result.level
    parts: list[object] = [
        tag("span", {"class": "opsspec-label"}, "Readiness"),
        " ",
        tag("span", {"class": "opsspec-value"}, readiness_badge(level)),
    ]
    if result.next_level and result.blocking:
        first = result.blocking[0]
        parts += [
            " · ",
            tag(
                "span",
                {"class": "opsspec-readiness-next", "title": first.detail or None},
                f"{LEVEL_TITLES[result.next_level]} needs: {first.title}",
            ),
        ]
    return _item(f"opsspec-readiness opsspec-readiness-{css_slug(level)}", *parts)


def type_label(spec_type: str) -> str:
    return spec_type[:1].upper() + spec_type[1:]


def _sibling(sib: SiblingLink, ctx: RenderContext) -> Markup:
    name = type_label(sib.type)
    state = sib.state
    cls = f"opsspec-sibling opsspec-sibling-{css_slug(state) or 'unknown'}"
    if state == SELF:
        return tag(
            "li",
            {"class": cls},
            tag("span", {"class": "opsspec-sibling-name", "aria-current": "page"}, name),
            " ",
            tag("span", {"class": "opsspec-sibling-state"}, "current"),
        )
    if state == MISSING:
        return tag(
            "li",
            {"class": cls},
            tag("span", {"class": "opsspec-sibling-name"}, name),
            " ",
            tag("span", {"class": "opsspec-sibling-state"}, "missing"),
        )
    if state == NOT_REQUIRED:
        return tag(
            "li",
            {"class": cls},
            tag("span", {"class": "opsspec-sibling-name"}, name),
            " ",
            tag("span", {"class": "opsspec-sibling-state"}, "not required"),
        )
    if state != PRESENT:
        return tag(
            "li",
            {"class": cls},
            tag("span", {"class": "opsspec-sibling-name"}, name),
            " ",
            tag("span", {"class": "opsspec-sibling-state"}, state),
        )
    return tag(
        "li",
        {"class": cls},
        link(sib.href, {"class": "opsspec-sibling-name"}, name),
        " ",
        Markup(status_badge(sib.status, ctx)),
    )


def _siblings(spec: Spec, siblings: list[SiblingLink], ctx: RenderContext) -> Markup | None:
    if not siblings:
        return None
    feature = spec.name or spec.title or "this feature"
    return tag(
        "nav",
        {"class": "opsspec-strip-item opsspec-family", "aria-label": f"Specs of {feature}"},
        tag("span", {"class": "opsspec-label"}, "Specs"),
        " ",
        tag("ul", {"class": "opsspec-family-list"}, [_sibling(s, ctx) for s in siblings]),
    )


def header_strip(
    spec: Spec,
    siblings: list[SiblingLink],
    ctx: RenderContext,
    *,
    findings: Iterable[Finding] | None = None,
    readiness: Readiness | None = None,
) -> str:
    """`<div class="opsspec-strip" data-search-exclude>`: badge, version, last updated (marked
    stale), GUID with a copy button, the readiness level and what the next level needs, and
    links to the feature's other specs. With `findings` (the spec's), "stale" is shown only
    with the finding that says so (OS109). A BASE spec shows its system, version and last
    update only."""
    stale = None if findings is None else any(f.rule == STALE_RULE for f in findings)
    if spec.role == "base":
        items = [_system(spec), _version(spec), _updated(spec, ctx, stale)]
    else:
        items = [
            _item("opsspec-status", Markup(status_badge(spec.status, ctx))),
            _version(spec),
            _updated(spec, ctx, stale),
            _guid(spec),
            _readiness(readiness),
            _siblings(spec, siblings, ctx),
        ]
    return tag(
        "div",
        {"class": "opsspec-strip", "data-search-exclude": True},
        join(*items, sep=" "),
    )
