"""Badges: a status word on a colour chosen by its place in the configured list, and a readiness
level on its own colour. The word is always shown, so colour is never the only signal."""

from __future__ import annotations

from ..markup import Markup, css_slug, tag
from ..readiness import LEVEL_TITLES, NONE
from ..statuses import status_index
from .context import RenderContext

#: CSS defines opsspec-status-0 .. opsspec-status-7; later statuses reuse the colours.
STATUS_COLOURS = 8
_RESERVED_SLUGS = frozenset({"unknown", "none"})


def status_slug(status: str) -> str:
    """`opsspec-status-<slug>` suffix for a status word; never a bare number or reserved word,
    so it cannot clash with the colour classes."""
    slug = css_slug(status)
    if not slug or slug.isdigit() or slug in _RESERVED_SLUGS:
        slug = f"x-{slug}" if slug else "x"
    return slug


def status_badge(status: str | None, ctx: RenderContext) -> str:
    """See `_badge`."""
    return _badge(status, ctx.statuses)


def status_colour(status: str | None, statuses: tuple[str, ...]) -> str:
    """The colour class of a status: `opsspec-status-<index % 8>` for a configured one,
    `opsspec-status-unknown` for another, `opsspec-status-none` for none."""
    word = status.strip() if status else ""
    if not word:
        return "opsspec-status-none"
    index = status_index(word, statuses)
    return "opsspec-status-unknown" if index is None else f"opsspec-status-{index % STATUS_COLOURS}"


def status_badge_of(status: str | None, statuses: tuple[str, ...]) -> Markup:
    """`status_badge` for pages that have the configured statuses but no RenderContext."""
    return Markup(_badge(status, statuses))


def _badge(status: str | None, statuses: tuple[str, ...]) -> str:
    """`<span class="opsspec-badge opsspec-status-<n> opsspec-status-<slug>">Word</span>`.

    Configured statuses get colour class `opsspec-status-<index % 8>`; a status not in the list
    gets `opsspec-status-unknown`, a missing one shows "No status" (`opsspec-status-none`).
    The word is always shown, so colour is never the only signal."""
    word = status.strip() if status else ""
    if not word:
        return tag(
            "span",
            {"class": "opsspec-badge opsspec-status-none", "data-search-exclude": True},
            "No status",
        )
    index = status_index(word, statuses)
    if index is None:
        allowed = ", ".join(statuses)
        return tag(
            "span",
            {
                "class": f"opsspec-badge opsspec-status-unknown opsspec-status-{status_slug(word)}",
                "title": f"Not a configured status ({allowed})",
                "data-search-exclude": True,
            },
            word,
        )
    return tag(
        "span",
        {
            "class": f"opsspec-badge opsspec-status-{index % STATUS_COLOURS} "
            f"opsspec-status-{status_slug(word)}",
            "data-search-exclude": True,
        },
        word,
    )


def readiness_badge(level: str) -> Markup:
    """`<span class="opsspec-badge opsspec-level opsspec-level-gold">Gold</span>`: a readiness
    level (`none` reads "Below Bronze") on the colour CSS gives `opsspec-level-<level>`."""
    known = level if level in LEVEL_TITLES else NONE
    return tag(
        "span",
        {
            "class": f"opsspec-badge opsspec-level opsspec-level-{known}",
            "data-search-exclude": True,
        },
        LEVEL_TITLES[known],
    )
