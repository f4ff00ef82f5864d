"""What the renderers know besides the spec: the build's date and settings, and the feature's
other specs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..statuses import DEFAULT_STATUSES

#: SiblingLink.state values: the catalog's presence states, and this page's own type.
SELF = "self"


@dataclass(frozen=True)
class RenderContext:
    reference_date: datetime.date
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    stale_after_days: int = 180


@dataclass(frozen=True)
class SiblingLink:
    """One spec type of the same feature, as seen from the current page."""

    type: str  # "business", ...
    href: str | None  # URL relative to the current page, or None when missing
    status: str | None
    state: str  # "present" | "missing" | "not-required" | "self"
