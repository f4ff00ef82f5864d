"""Dates as specs write them, and how old a spec is: one parser for the rules, the spec pages,
the generated pages and readiness, so they never disagree about a date.

A date is `YYYY-MM-DD` (ISO 8601's extended form) with code marks or emphasis around it
allowed; `20250105`, `2025-1-5` or `5 Jan 2025` are not dates here, on every Python.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MARKS = " \t`*_"


def parse_date(value: str | None) -> dt.date | None:
    """The date `value` writes, or None when it is not a real `YYYY-MM-DD` date."""
    m = _DATE_RE.fullmatch(value.strip(_MARKS)) if value else None
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:  # 2026-02-30
        return None


def has_date_shape(value: str) -> bool:
    """Whether `value` is written `YYYY-MM-DD` (a real date or not)."""
    return _DATE_RE.fullmatch(value.strip(_MARKS)) is not None


def age_in_days(updated: dt.date, reference: dt.date) -> int:
    return (reference - updated).days


def is_stale(updated: dt.date, reference: dt.date, stale_after_days: int) -> bool:
    """Older than `stale_after_days` before the reference date (exactly that many is not)."""
    return age_in_days(updated, reference) > stale_after_days
