"""Error budgets and burn rates of SLOs, in exact decimals.

- Availability p% over a window W: the budget is downtime of W x (100 - p) / 100
  (99.9% over 30 days: 2592 s = 43m 12s). A calendar month is a range: 28 to 31 days.
- Error rate < e%: the budget is e% of requests.
- Latency "s% of requests < T": (100 - s)% of requests may be slower than T. A quantile in the
  metric or target (`Latency p99`, `p95 < 300ms`) states the share (99%, 95%). A latency objective
  with neither has no budget ("n/a": say which share of requests the bound covers).
- Page burn rate: an alert that fires when 2% of the window's budget is spent within 1 hour has
  burn rate 0.02 x window / 1 h (14.4 for 30 days). It is "n/a" for windows under 7 days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .model import SLO, Latency, Percentage, Window

HOUR = 3600
DAY = 86400
PAGE_BUDGET_SHARE = Decimal("0.02")
MIN_BURN_WINDOW = 7 * DAY
#: Shortest and longest length of each calendar period, in days.
CALENDAR_RANGE: dict[str, tuple[int, int]] = {
    "day": (1, 1),
    "week": (7, 7),
    "month": (28, 31),
    "quarter": (90, 92),
    "year": (365, 366),
}


@dataclass(frozen=True)
class Budget:
    """What an SLO allows to go wrong. Exactly one of the shapes is set, or `hint` says why
    there is none."""

    kind: str  # "downtime" | "requests" | "none"
    downtime_seconds: Decimal | None = None  # for fixed windows
    downtime_range: tuple[Decimal, Decimal] | None = None  # for calendar windows
    request_share: Decimal | None = None  # percent of requests
    hint: str | None = None


def window_range(window: Window) -> tuple[int, int]:
    """Shortest and longest length of a window, in seconds."""
    if window.calendar is not None:
        lo, hi = CALENDAR_RANGE[window.calendar]
        return lo * DAY, hi * DAY
    return window.seconds, window.seconds


def budget(slo: SLO) -> Budget:
    target = slo.target
    if target is None:
        if slo.kind == "other" and slo.target_error is None:
            return Budget("none", hint="no budget for this kind of objective")
        return Budget("none", hint="the target does not parse")
    if slo.kind == "availability" and isinstance(target, Percentage):
        share = (Decimal(100) - target.value) / Decimal(100)
        if share <= 0:
            return Budget("none", hint="a 100% objective leaves no error budget")
        if slo.window is None:
            return Budget("none", hint="the window does not parse")
        lo, hi = window_range(slo.window)
        if lo == hi:
            return Budget("downtime", downtime_seconds=share * lo)
        return Budget("downtime", downtime_range=(share * lo, share * hi))
    if slo.kind == "error_rate" and isinstance(target, Percentage):
        return Budget("requests", request_share=target.value)
    if isinstance(target, Latency):
        share = target.share if target.share is not None else quantile_share(slo)
        if share is None:
            return Budget(
                "none",
                hint="state which share of requests the bound covers, "
                "e.g. '95% of requests < 300ms'",
            )
        return Budget("requests", request_share=Decimal(100) - share)
    if isinstance(target, Percentage):
        return Budget("requests", request_share=Decimal(100) - target.value)
    return Budget("none", hint="no budget for this kind of objective")


_QUANTILE_RE = re.compile(r"\b[pP](\d{2}(?:\.\d+)?)\b")


def quantile_share(slo: SLO) -> Decimal | None:
    """99 for `Latency p99` or `p99 < 300ms`, 99.9 for `p99.9`; None without a quantile."""
    for text in (slo.target_raw, slo.metric):
        m = _QUANTILE_RE.search(text)
        if m is not None:
            value = Decimal(m.group(1))
            if 0 < value < 100:
                return value
    return None


def page_burn_rate(window: Window | None) -> Decimal | None:
    """0.02 x window / 1 h, or None for windows under 7 days (or no window)."""
    if window is None or window.seconds < MIN_BURN_WINDOW:
        return None
    return PAGE_BUDGET_SHARE * Decimal(window.seconds) / Decimal(HOUR)
