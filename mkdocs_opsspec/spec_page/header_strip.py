"""The strip under a spec's title: status, version, last update, GUID and the feature's
other specs."""

from __future__ import annotations

from ..catalog import MISSING, NOT_REQUIRED, PRESENT
from ..dates import is_stale, parse_date
from ..markup import Markup, css_slug, inline, join, link, tag
from ..model import Spec
from .badge import status_badge
from .context import SELF, RenderContext, SiblingLink


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


def _updated(spec: Spec, ctx: RenderContext) -> Markup:
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
    if not is_stale(date, ctx.reference_date, ctx.stale_after_days):
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


def header_strip(spec: Spec, siblings: list[SiblingLink], ctx: RenderContext) -> str:
    """`<div class="opsspec-strip" data-search-exclude>`: badge, version, last updated (marked
    stale), GUID with a copy button, and links to the feature's other specs."""
    return tag(
        "div",
        {"class": "opsspec-strip", "data-search-exclude": True},
        join(
            _item("opsspec-status", Markup(status_badge(spec.status, ctx))),
            _version(spec),
            _updated(spec, ctx),
            _guid(spec),
            _siblings(spec, siblings, ctx),
            sep=" ",
        ),
    )
