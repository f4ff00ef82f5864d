"""Extra columns for the author's SLO tables: the objective as understood, the window, the error
budget and the page burn rate."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ..budget import DAY, HOUR, MIN_BURN_WINDOW, Budget, budget, page_burn_rate
from ..markup import tag
from ..model import SLO, Duration, Finding, Latency, Percentage, Spec, Window
from ..units import format_duration
from .findings_block import flag_marker

HEADERS: tuple[tuple[str, str], ...] = (
    ("Objective", "The target as mkdocs-opsspec reads it"),
    ("Window", "The measurement window as mkdocs-opsspec reads it"),
    ("Error budget", "What the objective allows to go wrong within one window"),
    ("Page burn rate", "Burn rate at which 2% of the window's budget is spent in 1 hour"),
)
EXTRA_CLASS = "opsspec-slo-extra"
LATENCY_SHARE_HINT = "state a share, e.g. 95% of requests < 300ms"
FLAGGED_CLASS = "opsspec-flagged"

_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "="}
_QUANTILE_RE = re.compile(r"\b[pP](\d{2,3}(?:\.\d+)?)\b")
_CENT = Decimal("0.01")


class SloColumns(NamedTuple):
    """What to append to the rendered SLO tables.

    - `headers`: `<th>` cells to append to the header row of every SLO table.
    - `cells`: table row line -> the `<td>` cells to append to that row (same count as headers).
    - `row_classes`: table row line -> CSS class to add to that `<tr>` (flagged rows only).
    - `tables`: SLO table line (`Table.line`) -> its row lines in document order, which is the
      order of the `<tr>`s of its `<tbody>`.
    """

    headers: list[str]
    cells: dict[int, list[str]]
    row_classes: dict[int, str]
    tables: dict[int, list[int]]


def num(value: Decimal | int) -> str:
    """A decimal without trailing zeros: 14.40 -> '14.4', 30 -> '30'."""
    s = format(Decimal(value), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def percent(value: Decimal) -> str:
    return f"{num(value)}%"


def time_bound(seconds: Decimal) -> str:
    """A latency bound: '300 ms', '1.5 s', '2m 30s'."""
    if seconds < 1:
        return f"{num(seconds * 1000)} ms"
    if seconds < 60:
        return f"{num(seconds)} s"
    return format_duration(seconds)


def _symbol(comparator: str | None, default: str) -> str:
    return _SYMBOLS.get(comparator or default, comparator or default)


def _quantile(slo: SLO) -> str | None:
    for text in (slo.target_raw, slo.metric):
        m = _QUANTILE_RE.search(text or "")
        if m is not None:
            return f"p{m.group(1)}"
    return None


def objective_text(slo: SLO) -> str | None:
    """'≥ 99.9%', '< 0.1% of requests', '95% of requests < 300 ms', 'p99 < 300 ms'; None when
    the target does not parse."""
    t = slo.target
    if isinstance(t, Latency):
        bound = f"{_symbol(t.comparator, '<=')} {time_bound(t.seconds)}"
        if t.share is not None:
            return f"{percent(t.share)} of requests {bound}"
        q = _quantile(slo)
        return f"{q} {bound}" if q else bound
    if isinstance(t, Percentage):
        if slo.kind == "error_rate":
            return f"{_symbol(t.comparator, '<=')} {percent(t.value)} of requests"
        return f"{_symbol(t.comparator, '>=')} {percent(t.value)}"
    if isinstance(t, Duration) and t.seconds is not None:  # a recovery objective (MTTR)
        return f"{_symbol(t.comparator, '<=')} {format_duration(t.seconds)}"
    return None


def window_text(w: Window) -> str:
    """'30 days', 'rolling 28 days', 'calendar month', '24 hours'."""
    if w.calendar is not None:
        return f"calendar {w.calendar}"
    secs = w.seconds
    # whole days from 2 days up ("24 hours" stays in hours), else hours, minutes, seconds
    for size, one, many in ((DAY, "day", "days"), (HOUR, "hour", "hours"), (60, "min", "min")):
        if secs % size == 0 and (size != DAY or secs >= 2 * DAY):
            n = secs // size
            text = f"{n} {one if n == 1 else many}"
            break
    else:
        text = f"{secs} s"
    return f"rolling {text}" if w.rolling else text


def budget_text(slo: SLO, b: Budget) -> tuple[str, str | None]:
    """(visible text, explanation) of an SLO's error budget; 'n/a' and a hint when it has none."""
    if b.kind == "downtime":
        if b.downtime_range is not None:
            lo, hi = b.downtime_range
            return (
                f"{format_duration(lo)} – {format_duration(hi)}",
                "Downtime allowed per window; a calendar period's length varies",
            )
        if b.downtime_seconds is not None:
            return format_duration(b.downtime_seconds), "Downtime allowed per window"
    if b.kind == "requests" and b.request_share is not None:
        share = percent(b.request_share)
        if isinstance(slo.target, Latency):
            bound = time_bound(slo.target.seconds)
            return (
                f"{share} of requests may be slower than {bound}",
                "Share of requests per window that may miss the bound",
            )
        return f"{share} of requests", "Share of requests per window that may fail"
    if isinstance(slo.target, Latency) and slo.target.share is None:
        return "n/a", LATENCY_SHARE_HINT
    return "n/a", b.hint


def burn_rate_text(slo: SLO, b: Budget) -> tuple[str, str | None]:
    """(visible text, explanation) of the page burn rate: '14.4' for 30 days, 'n/a' for windows
    under 7 days or SLOs without an error budget."""
    if b.kind == "none":
        return "n/a", "no error budget, so no burn rate"
    if slo.window is None:
        return "n/a", "the window does not parse"
    rate = page_burn_rate(slo.window)
    if rate is None:
        days = MIN_BURN_WINDOW // DAY
        return "n/a", f"window under {days} days: alert on the error rate itself"
    return num(rate.quantize(_CENT, ROUND_HALF_UP)), None


def _value(text: str, hint: str | None, cls: str) -> list[object]:
    """The value, with `hint` as its tooltip; a value of 'n/a' also shows the hint as text."""
    if hint is None:
        return [tag("span", {"class": cls}, text)]
    if text != "n/a":
        return [tag("span", {"class": cls, "title": hint}, text)]
    return [
        tag("span", {"class": cls, "title": hint}, text),
        " ",
        tag("small", {"class": "opsspec-hint"}, hint),
    ]


def _cell(*children: object) -> str:
    return tag("td", {"class": EXTRA_CLASS}, *children)


def slo_cells(slo: SLO, flagged: bool = False) -> list[str]:
    """The extra `<td>` cells of one SLO row."""
    b = budget(slo)
    objective = objective_text(slo)
    if objective is None:
        hint = slo.target_error or (
            "an objective of no known kind, kept as written"
            if slo.kind == "other"
            else "the target does not parse"
        )
        objective_cell = _value("n/a", hint, "opsspec-na")
    else:
        objective_cell = _value(objective, None, "opsspec-objective")
    if slo.window is None:
        window_cell = _value("n/a", slo.window_error or "no window stated", "opsspec-na")
    else:
        window_cell = _value(window_text(slo.window), None, "opsspec-window")
    budget_value, budget_hint = budget_text(slo, b)
    rate_value, rate_hint = burn_rate_text(slo, b)
    last: list[object] = _value(rate_value, rate_hint, "opsspec-burn-rate")
    if flagged:
        last += [
            " ",
            flag_marker(),
        ]
    return [
        _cell(objective_cell),
        _cell(window_cell),
        _cell(_value(budget_value, budget_hint, "opsspec-budget")),
        _cell(last),
    ]


def slo_header_cells() -> list[str]:
    return [
        tag("th", {"class": EXTRA_CLASS, "scope": "col", "title": title}, name)
        for name, title in HEADERS
    ]


def slo_flagged_lines(spec: Spec, findings: Iterable[Finding]) -> set[int]:
    """Lines of SLO rows that a finding points at (a convenience for `flagged_lines`)."""
    rows = {s.line for s in spec.operations.slos} if spec.operations else set()
    return {f.line for f in findings if f.line in rows}


def slo_extra_columns(spec: Spec, flagged_lines: set[int]) -> SloColumns:
    """Cells to append to every SLO table of `spec` (see `SloColumns`). Rows whose line is in
    `flagged_lines` get the class `opsspec-flagged` and a visible "⚠ see findings" marker."""
    ops = spec.operations
    if ops is None or not ops.slos:
        return SloColumns([], {}, {}, {})
    by_line = {s.line: s for s in ops.slos}
    cells: dict[int, list[str]] = {}
    classes: dict[int, str] = {}
    tables: dict[int, list[int]] = {}
    for table in spec.tables:
        lines = [r.line for r in table.rows]
        if not any(line in by_line for line in lines):
            continue
        tables[table.line] = lines
        for line in lines:
            slo = by_line.get(line)
            flagged = line in flagged_lines
            if slo is None:  # not an SLO row: keep the column count
                cells[line] = [_cell() for _ in HEADERS]
            else:
                cells[line] = slo_cells(slo, flagged)
            if flagged:
                classes[line] = FLAGGED_CLASS
    # SLOs whose table is not in spec.tables (should not happen): still give their cells.
    for line, slo in by_line.items():
        if line not in cells:
            cells[line] = slo_cells(slo, line in flagged_lines)
            if line in flagged_lines:
                classes[line] = FLAGGED_CLASS
    return SloColumns(slo_header_cells(), cells, classes, tables)
