"""SLO rules: the SLO table of an operations feature spec, its targets and its windows.

A target or window that is a template placeholder is reported by the placeholder rule only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from decimal import Decimal
from operator import attrgetter

from ..lexer import inline_text
from ..model import SLO, Finding, Latency, Percentage, Spec
from . import RuleContext
from .common import finding, quote
from .docs import Example, RuleDoc
from .registry import E, W, register
from .structure import unchecked


def _slos(*rows: str) -> Example:
    """The spec with an SLO table of these rows (`Metric | Target | Window` each)."""
    lines = [f"| {row} |" for row in rows]
    return Example(
        "## SLOs (Service Level Objectives)\n\n"
        "| Metric | Target | Measurement Window |\n"
        "|--------|--------|--------------------|\n" + "\n".join(lines)
    )


_TABLES = """
    An SLO table is a table in the SLOs section (or anywhere) with a Target column (`Target`,
    `Objective`, `Goal`) and a Metric column (`Metric`, `SLO`, `SLI`, `Indicator`) or a window
    column (`Measurement Window`, `Window`, `Period`). The kind of each row comes from its
    metric: `availab...` or `uptime` is availability, `error` an error rate, `latency`,
    `response time`, `duration` or `p99` a latency.
"""
_TARGETS = """
    - availability and error rate: a percentage, `99.9%`, `>= 99.95%`, `99.9 percent`;
      an error rate needs an upper bound, `< 0.1%` or `<= 0.1%`;
    - latency: `< 300ms`, `p99 < 300ms`, `95% of requests < 250ms`, `< 1.5s for 99% of
      requests`; units ms, s, min, h;
    - a note after the value is ignored: `99.9% (excluding planned maintenance)`.

    A row of another kind whose target is neither a percentage nor a latency is kept as text.
"""
_WINDOWS = """
    `30 days`, `28d`, `rolling 28 days`, `28-day rolling`, `4 weeks`, `24 hours`, `PT1H`,
    `calendar month`, `calendar quarter`, `per week`, `monthly` (a calendar month, see
    OS307). Units: s, min, h, d, w; `M` alone is refused (minutes or months?).
"""
SLO_TABLE_MISSING = register(
    "OS301",
    "slo-table-missing",
    E,
    "The SLOs section has no SLO table (Metric / Target / Measurement Window), or no rows.",
    readiness="slo",
    doc=RuleDoc(
        catches="An SLOs section with no SLO table in it, or with a table that has no rows.",
        why="""
            Objectives written as prose cannot be checked, budgeted or compared with
            monitoring: the spec page shows no error budget, and readiness stays below Silver.
        """,
        bad=Example(
            """
            ## SLOs (Service Level Objectives)

            Checkout should be available 99.9% of the time and fail less than 1% of requests.
            """
        ),
        fixed=_slos("Availability | 99.9% | 30 days", "Error rate | < 1% | 30 days"),
        accepts=_TABLES,
    ),
)
SLO_TARGET_INVALID = register(
    "OS302",
    "slo-target-invalid",
    E,
    "An SLO target does not parse.",
    readiness="slo",
    doc=RuleDoc(
        catches="An SLO row whose target is empty or cannot be read as its kind's objective: "
        "a percentage without `%`, over 100%, a range, a word.",
        why="""
            A target that cannot be read has no error budget, no burn rate and cannot be
            compared with the alerts or the monitoring files.
        """,
        bad=_slos("Availability | 99.9 | 30 days", "Error rate | < 1% | 30 days"),
        fixed=_slos("Availability | 99.9% | 30 days", "Error rate | < 1% | 30 days"),
        accepts=_TARGETS,
    ),
)
SLO_AVAILABILITY_RANGE = register(
    "OS303",
    "slo-availability-out-of-range",
    E,
    "An availability target is not above 0% and below 100% (100% leaves no error budget).",
    readiness="slo",
    doc=RuleDoc(
        catches="An availability target of 100%, or of 0%.",
        why="""
            100% allows no failure at all: the error budget is zero, so every deploy, restart
            or dependency hiccup breaks the SLO, and the SLO says nothing about how much
            unreliability is acceptable.
        """,
        bad=_slos("Availability | 100% | 30 days"),
        fixed=_slos("Availability | 99.95% | 30 days"),
    ),
)
SLO_ERROR_RATE_COMPARATOR = register(
    "OS304",
    "slo-error-rate-comparator",
    E,
    "An error-rate target is not an upper bound ('< 0.1%' or '<= 0.1%').",
    readiness="slo",
    doc=RuleDoc(
        catches="An error-rate target without `<` or `<=`: `0.1%`, `> 0.1%`, `= 0.1%`.",
        why="""
            An error rate must stay below its objective; `0.1%` alone reads as "exactly", and
            `> 0.1%` as the opposite of what is meant. The budget is computed from the bound.
        """,
        bad=_slos("Error rate | 1% | 30 days"),
        fixed=_slos("Error rate | < 1% | 30 days"),
        accepts="`< 1%`, `<= 1%`, `≤ 1%`, `below 1%`, `less than 1%`, `at most 1%`.",
    ),
)
SLO_LATENCY_UNIT = register(
    "OS305",
    "slo-latency-unit-missing",
    E,
    "A latency target has no time unit ('< 300' ms? s?).",
    readiness="slo",
    doc=RuleDoc(
        catches="A latency target that is a bare number: `< 300`, `p99 < 250`.",
        why="300 milliseconds and 300 seconds are a thousand times apart.",
        bad=_slos("Latency p99 | < 300 | 30 days"),
        fixed=_slos("Latency p99 | < 300ms | 30 days"),
        accepts=_TARGETS,
    ),
)
SLO_WINDOW_INVALID = register(
    "OS306",
    "slo-window-invalid",
    E,
    "An SLO measurement window does not parse.",
    readiness="slo",
    doc=RuleDoc(
        catches="An SLO row whose measurement window is empty or cannot be read as a length "
        "of time or a calendar period.",
        why="""
            A target means nothing without the window it is measured over: 99.9% allows 43
            minutes of downtime over 30 days and 1.4 minutes over a day.
        """,
        bad=_slos("Availability | 99.9% | 30"),
        fixed=_slos("Availability | 99.9% | 30 days"),
        accepts=_WINDOWS,
    ),
)
SLO_MONTH_AMBIGUOUS = register(
    "OS307",
    "slo-window-month-ambiguous",
    W,
    "A window says 'month' without 'calendar' ('Monthly', '1 month'): calendar or 30 days?",
    doc=RuleDoc(
        catches="A window that says month (`Monthly`, `1 month`, `per month`) without saying "
        "`calendar`. It is read as a calendar month.",
        why="""
            A calendar month is 28 to 31 days and resets on the 1st; a rolling 30 days never
            resets. The two give different error budgets and different alerts, and monitoring
            tools need to be told which.
        """,
        bad=_slos("Availability | 99.9% | Monthly"),
        fixed=_slos("Availability | 99.9% | calendar month"),
        accepts=_WINDOWS,
    ),
)
SLO_DUPLICATE = register(
    "OS308",
    "slo-duplicate",
    E,
    "One metric has two objectives over the same window (in one table or subsection); latency "
    "at two shares of requests is two objectives.",
    readiness="slo",
    doc=RuleDoc(
        catches="Two rows of one SLO table (or of the tables under one heading) with the same "
        "metric and the same window (for latency: also the same share of requests). Metric names "
        "are compared ignoring case and punctuation.",
        why="""
            Two objectives for one thing over one window contradict each other, usually an old
            row left behind when the target changed.
        """,
        bad=_slos("Availability | 99.9% | 30 days", "Availability | 99.95% | 30 days"),
        fixed=_slos("Availability | 99.95% | 30 days"),
        accepts="The same metric over different windows (`30 days` and `24 hours`), metrics "
        "named apart (`Availability (checkout API)`, `Availability (payment page)`), and latency "
        "objectives at different shares of requests (`95% of requests < 300ms` and `99% of "
        "requests < 1s`).",
    ),
)

_UNIT_MISSING = "missing a time unit"
_LINE = attrgetter("line")
_NON_WORD_RE = re.compile(r"[^0-9a-z]+")


def _label(slo: SLO) -> str:
    return quote(slo.metric or "(no metric)")


def _table_missing(spec: Spec, ops_slos: list[SLO], tables: int) -> Iterator[Finding]:
    if ops_slos:
        return
    section = spec.section("slos")
    if section is None:
        return
    if tables:
        msg = "the SLO table has no rows: add one row per objective (availability, error rate, "
        msg += "latency) with its target and measurement window"
    else:
        msg = "the SLOs section has no SLO table: add a table with the columns Metric, Target "
        msg += "and Measurement Window, e.g. '| Availability | 99.9% | 30 days |'"
    yield finding(spec, SLO_TABLE_MISSING, section.line, msg)


def _target(spec: Spec, slo: SLO) -> Iterator[Finding]:
    if slo.target is not None or slo.target_error is None or unchecked(spec, slo.target_raw):
        return
    if not inline_text(slo.target_raw):
        yield finding(
            spec,
            SLO_TARGET_INVALID,
            slo.line,
            f"SLO {_label(slo)} has no target: write the objective, e.g. '99.9%' or '< 300ms'",
        )
    elif slo.kind == "latency" and _UNIT_MISSING in slo.target_error:
        yield finding(
            spec,
            SLO_LATENCY_UNIT,
            slo.line,
            f"SLO {_label(slo)} target {quote(inline_text(slo.target_raw))} has no time unit: "
            "add one, e.g. '< 300ms' or '< 1.5s'",
        )
    else:
        yield finding(
            spec,
            SLO_TARGET_INVALID,
            slo.line,
            f"SLO {_label(slo)} target {slo.target_error}",
        )


def _availability(spec: Spec, slo: SLO) -> Iterator[Finding]:
    t = slo.target
    if slo.kind != "availability" or not isinstance(t, Percentage):
        return
    if t.value >= 100:
        yield finding(
            spec,
            SLO_AVAILABILITY_RANGE,
            slo.line,
            f"SLO {_label(slo)} target {quote(t.raw)} leaves no error budget (any failure "
            "breaks it): use a reachable objective such as '99.9%' or '99.95%'",
        )
    elif t.value <= 0:
        yield finding(
            spec,
            SLO_AVAILABILITY_RANGE,
            slo.line,
            f"SLO {_label(slo)} target {quote(t.raw)} is not above 0%: write the share of time "
            "the service must be available, e.g. '99.9%'",
        )


def _error_rate(spec: Spec, slo: SLO) -> Iterator[Finding]:
    t = slo.target
    if slo.kind != "error_rate" or not isinstance(t, Percentage):
        return
    if t.comparator in ("<", "<="):
        return
    value = format(t.value, "f")
    yield finding(
        spec,
        SLO_ERROR_RATE_COMPARATOR,
        slo.line,
        f"SLO {_label(slo)} target {quote(t.raw)} is not an upper bound: an error rate must "
        f"stay below its objective, write '< {value}%'",
    )


def _window(spec: Spec, slo: SLO) -> Iterator[Finding]:
    if slo.window is None:
        if slo.window_error is None or unchecked(spec, slo.window_raw):
            return
        if not inline_text(slo.window_raw):
            msg = f"SLO {_label(slo)} has no measurement window: add one, e.g. '30 days'"
        else:
            msg = f"SLO {_label(slo)} window {slo.window_error}"
        yield finding(spec, SLO_WINDOW_INVALID, slo.line, msg)
        return
    raw = slo.window_raw.lower()
    if "month" in raw and "calendar" not in raw:
        yield finding(
            spec,
            SLO_MONTH_AMBIGUOUS,
            slo.line,
            f"SLO {_label(slo)} window {quote(inline_text(slo.window_raw))} is ambiguous (a "
            "calendar month is 28 to 31 days): write 'calendar month' or '30 days'",
        )


def _heading_above(spec: Spec, line: int) -> int:
    """The line of the heading above a line (tables under one heading are one list)."""
    doc = spec.document
    if doc is None:
        return 0
    k = bisect_right(doc.headings, line, key=_LINE)
    return doc.headings[k - 1].line if k else 0


def _latency_share(slo: SLO) -> Decimal | None:
    """A latency objective's share of requests: `95% < 300ms` and `99% < 1s` for one metric
    are two objectives (a distribution), `95% < 300ms` and `95% < 1s` a repeat."""
    target = slo.target
    return target.share if isinstance(target, Latency) else None


def _duplicates(spec: Spec, slos: list[SLO]) -> Iterator[Finding]:
    seen: dict[tuple[object, ...], list[SLO]] = {}
    for slo in slos:
        if slo.window is not None and slo.metric:
            metric = " ".join(_NON_WORD_RE.sub(" ", slo.metric.lower()).split())
            key = (metric, slo.window.seconds, slo.window.calendar, _latency_share(slo))
            seen.setdefault(key, []).append(slo)
    for same in seen.values():
        firsts: dict[int, SLO] = {}
        for slo in same if len(same) > 1 else ():
            first = firsts.setdefault(_heading_above(spec, slo.line), slo)
            if first is not slo:
                yield finding(
                    spec,
                    SLO_DUPLICATE,
                    slo.line,
                    f"SLO {_label(slo)} over {quote(inline_text(slo.window_raw))} repeats the "
                    f"objective on line {first.line}: keep one row per metric and window (or "
                    "name the metrics apart, e.g. by endpoint)",
                )


_ROW_RULES = (_target, _availability, _error_rate, _window)


def check_spec(spec: Spec, ctx: RuleContext) -> Iterable[Finding]:
    ops = spec.operations
    if spec.role != "feature" or ops is None:
        return []
    out = list(_table_missing(spec, ops.slos, ops.slo_tables))
    for slo in ops.slos:
        for rule in _ROW_RULES:
            out.extend(rule(spec, slo))
    if len(ops.slos) > 1:
        out.extend(_duplicates(spec, ops.slos))
    return sorted(out, key=_LINE) if len(out) > 1 else out
