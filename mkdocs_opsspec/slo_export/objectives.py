"""An SLO as the monitoring tools state it: the share of good events it promises, a latency
bound, and its time window. Both the export (from a spec's SLO row) and the drift check (from a
monitoring file) reduce an SLO to this, so the two compare like with like.

- Availability `99.9%` -> target 0.999; an error rate `< 0.1%` -> 0.999 (the share of good
  events); a latency `95% of requests < 300ms` -> target 0.95, bound 300 ms, `lt`. A quantile in
  the metric or target (`Latency p99`, `p99 < 300ms`) states the share (0.99).
- Windows: `30 days` and `rolling 28 days` are rolling windows (`30d`, `28d`); `calendar month`
  is calendar-aligned (`1M`). Only windows of whole minutes have an OpenSLO duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..budget import quantile_share
from ..lexer import inline_text
from ..model import SLO, Latency, Percentage, Window
from ..units import SECONDS

#: The kinds of SLO row the tools can measure; others are skipped with a reason.
KINDS = ("availability", "error_rate", "latency")
_HUNDRED = Decimal(100)
_MS = Decimal(1000)
_DAY = SECONDS["day"]
_HOUR = SECONDS["hour"]
_MINUTE = SECONDS["minute"]
#: The units of an OpenSLO duration shorthand ('30d', '1M').
OPENSLO_UNITS = {
    "m": "minute",
    "h": "hour",
    "d": "day",
    "w": "week",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
}
#: Calendar period -> OpenSLO duration of one period.
CALENDAR_DURATIONS = {name: f"1{u}" for u, name in OPENSLO_UNITS.items() if u not in "mh"}
_OPS = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">="}


@dataclass(frozen=True)
class TimeWindow:
    """A window: rolling (`calendar` None) or aligned to calendar periods (`calendar` names
    the period: 'month', or '2 months' for a period of several units)."""

    seconds: int  # nominal length (a month is 30 days, a quarter 90, a year 365)
    calendar: str | None = None

    @property
    def rolling(self) -> bool:
        return self.calendar is None

    @property
    def duration(self) -> str | None:
        """The OpenSLO duration shorthand ('30d', '12h', '1M'); None when there is none."""
        if self.calendar is not None:
            return CALENDAR_DURATIONS.get(self.calendar)
        for size, unit in ((_DAY, "d"), (_HOUR, "h"), (_MINUTE, "m")):
            if self.seconds % size == 0:
                return f"{self.seconds // size}{unit}"
        return None

    @property
    def label(self) -> str:
        """For names: '30d', 'calendar-month'."""
        if self.calendar is not None:
            return "calendar-" + self.calendar.replace(" ", "-")
        return self.duration or f"{self.seconds}s"

    @property
    def text(self) -> str:
        """For messages: '30 days', '12 hours', 'calendar month'."""
        if self.calendar is not None:
            return f"calendar {self.calendar}"
        for size, one in ((_DAY, "day"), (_HOUR, "hour"), (_MINUTE, "minute"), (1, "second")):
            if self.seconds % size == 0:
                n = self.seconds // size
                return f"{n} {one}" if n == 1 else f"{n} {one}s"
        return f"{self.seconds} seconds"  # pragma: no cover - the loop ends at size 1


def time_window(window: Window) -> TimeWindow:
    return TimeWindow(window.seconds, window.calendar)


@dataclass(frozen=True)
class Objective:
    """What an SLO promises. `target` is the share of good events in [0, 1) (None: a latency
    bound that does not say for which share of requests); `threshold_ms` and `op` (lt, lte) are
    set for latency objectives."""

    kind: str
    target: Decimal | None
    window: TimeWindow | None = None
    threshold_ms: Decimal | None = None
    op: str | None = None


def clean(value: Decimal) -> Decimal:
    """0.9990 -> 0.999, 300.0 -> 300 (no exponent either way)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def number_text(value: Decimal) -> str:
    text = format(clean(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def spec_objective(slo: SLO) -> Objective | str:
    """The objective of a spec's SLO row, or why it has none the tools could measure."""
    window = time_window(slo.window) if slo.window is not None else None
    t = slo.target
    if slo.kind not in KINDS:
        return _kind_reason(slo.kind)
    if t is None:
        return "its target does not parse"
    if slo.kind == "availability" and isinstance(t, Percentage):
        if t.comparator in ("<", "<="):
            return f"its availability target '{inline_text(t.raw)}' is an upper bound"
        return Objective(slo.kind, clean(t.value / _HUNDRED), window)
    if slo.kind == "error_rate" and isinstance(t, Percentage):
        if t.comparator not in ("<", "<="):
            return f"its error-rate target '{inline_text(t.raw)}' is not an upper bound"
        return Objective(slo.kind, clean((_HUNDRED - t.value) / _HUNDRED), window)
    if isinstance(t, Latency):
        if t.comparator in (">", ">="):
            return f"its latency target '{inline_text(t.raw)}' is not an upper bound"
        share = t.share if t.share is not None else quantile_share(slo)
        target = clean(share / _HUNDRED) if share is not None else None
        op = "lt" if t.comparator == "<" else "lte"
        return Objective("latency", target, window, clean(t.seconds * _MS), op)
    return f"its target '{inline_text(t.raw)}' is not a {slo.kind.replace('_', ' ')} target"


def _kind_reason(kind: str) -> str:
    if kind == "other":
        return (
            "its kind is not known: the Metric cell names neither availability, an error rate "
            "nor a latency (e.g. 'Availability (search API)')"
        )
    return (
        f"a {kind.replace('_', ' ')} objective is no ratio of good events OpenSLO or Sloth measure"
    )


def describe(obj: Objective) -> str:
    """The promise in the words of its kind: '99.9%', '< 0.1% errors', '99% of requests
    < 300 ms' ('< 300 ms' without a share)."""
    if obj.kind == "latency" and obj.threshold_ms is not None:
        bound = f"{_OPS.get(obj.op or 'lte', obj.op)} {number_text(obj.threshold_ms)} ms"
        if obj.target is None:
            return bound
        return f"{number_text(obj.target * _HUNDRED)}% of requests {bound}"
    if obj.target is None:
        return "no target"
    if obj.kind == "error_rate":
        return f"< {number_text((1 - obj.target) * _HUNDRED)}% errors"
    return f"{number_text(obj.target * _HUNDRED)}%"
