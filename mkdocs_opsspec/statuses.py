"""Spec statuses: the default list, where a status stands in a configured list, and which
statuses mean a spec is approved (so a placeholder left in it is an error, and readiness can
reach Gold)."""

from __future__ import annotations

DEFAULT_STATUSES: tuple[str, ...] = ("Draft", "Review", "Approved", "Implemented")
#: Statuses that mean the spec is approved (compared ignoring case).
FINAL_STATUSES: tuple[str, ...] = ("Approved", "Implemented")


def status_index(status: str | None, statuses: tuple[str, ...]) -> int | None:
    """Place of `status` in `statuses` (exact match first, then ignoring case), or None."""
    if status is None:
        return None
    value = status.strip()
    if value in statuses:
        return statuses.index(value)
    folded = value.casefold()
    for i, s in enumerate(statuses):
        if s.strip().casefold() == folded:
            return i
    return None


def status_rank(status: str | None, statuses: tuple[str, ...]) -> int:
    """A sort key: the place in `statuses`, unknown and missing statuses last."""
    index = status_index(status, statuses)
    return len(statuses) if index is None else index


def is_final(status: str | None, final: tuple[str, ...] = FINAL_STATUSES) -> bool:
    return status_index(status, final) is not None
