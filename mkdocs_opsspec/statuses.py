"""Spec statuses: the default list, where a status stands in a configured list, and which
statuses mean a spec is approved (so a placeholder left in it is an error, and readiness can
reach Gold). Statuses are case-sensitive everywhere (`status_index` decides)."""

from __future__ import annotations

DEFAULT_STATUSES: tuple[str, ...] = ("Draft", "Review", "Approved", "Implemented")
#: Statuses that mean the spec is approved.
FINAL_STATUSES: tuple[str, ...] = ("Approved", "Implemented")


def status_index(status: str | None, statuses: tuple[str, ...]) -> int | None:
    """Place of `status` in `statuses`, or None: the one test of whether a status is one of a
    list (the Status rule, badges, readiness, sort order). Statuses are case-sensitive, as
    written in the list (`approved` is not `Approved`); blanks around either are ignored."""
    if status is None:
        return None
    value = status.strip()
    for i, s in enumerate(statuses):
        if s.strip() == value:
            return i
    return None


def same_but_case(status: str, statuses: tuple[str, ...]) -> str | None:
    """The status of `statuses` that `status` is in another case (for a message), or None."""
    folded = status.strip().casefold()
    return next((s for s in statuses if s.strip().casefold() == folded), None)


def status_rank(status: str | None, statuses: tuple[str, ...]) -> int:
    """A sort key: the place in `statuses`, unknown and missing statuses last."""
    index = status_index(status, statuses)
    return len(statuses) if index is None else index


def is_final(status: str | None, final: tuple[str, ...] = FINAL_STATUSES) -> bool:
    return status_index(status, final) is not None
