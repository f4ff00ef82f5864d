"""What the plugin adds to the author's SLO tables: only what the author did not write.

- **Read as**: the objective and window as the plugin reads them, on the rows where that says
  more than the author's cells (`p99 < 300 ms` from `Latency p99 | < 300ms`, `calendar month`
  from `Monthly`); the column is left out of a table where it would repeat the author.
- **Error budget**: what the objective allows to go wrong within one window.
- **Page burn rate**: the rate of spending the budget at which an alert should page, with a
  footnote in words under the table (phones have no hover).

A cell that cannot be computed shows a short mark: a link to its finding when the row has one,
else a numbered footnote that says why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal

from ..budget import DAY, HOUR, MIN_BURN_WINDOW, Budget, budget, page_burn_rate
from ..lexer import inline_text
from ..markup import Markup, link, tag
from ..model import SLO, Duration, Finding, Latency, Percentage, Spec, Window
from ..units import format_duration
from .markers import TableColumns

EXTRA_CLASS = "opsspec-slo-extra"
FLAGGED_CLASS = "opsspec-flagged"
LATENCY_SHARE_HINT = (
    "state which share of requests the bound covers, e.g. '95% of requests < 300ms'"
)
BURN_NOTE = (
    "Page burn rate: spending the error budget this many times faster than its even pace uses "
    "up 2% of a window's budget in one hour; an alert at that rate should page (14.4 for a "
    "30-day window)."
)
SHORT_WINDOW_NOTE = (
    f"No page burn rate for windows under {MIN_BURN_WINDOW // DAY} days: alert on the error "
    "rate itself."
)

#: A link to the finding of a line (its `id` in the findings block), or None.
FindingHref = Callable[[int], "str | None"]

_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "="}
_QUANTILE_RE = re.compile(r"\b[pP](\d{2,3}(?:\.\d+)?)\b")
_BLANKS_RE = re.compile(r"\s+")
_CENT = Decimal("0.01")


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


def _quantile(slo: SLO) -> str | None:
    for text in (slo.target_raw, slo.metric):
        m = _QUANTILE_RE.search(text or "")
        if m is not None:
            return f"p{m.group(1)}"
    return None


def objective_text(slo: SLO) -> str | None:
    """'≥ 99.9%', '< 0.1% of requests', '95% of requests < 300 ms', 'p99 < 300 ms'; None when
    the target does not parse. A comparator the author did not write is the kind's own."""
    t = slo.target
    if isinstance(t, Latency):
        bound = f"{_SYMBOLS.get(t.comparator or '<=')} {time_bound(t.seconds)}"
        if t.share is not None:
            return f"{percent(t.share)} of requests {bound}"
        q = _quantile(slo)
        return f"{q} {bound}" if q else bound
    if isinstance(t, Percentage):
        if slo.kind == "error_rate":
            return f"{_SYMBOLS.get(t.comparator or '<=')} {percent(t.value)} of requests"
        return f"{_SYMBOLS.get(t.comparator or '>=')} {percent(t.value)}"
    if isinstance(t, Duration) and t.seconds is not None:  # a recovery objective (MTTR)
        return f"{_SYMBOLS.get(t.comparator or '<=')} {format_duration(t.seconds)}"
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


def _canon(text: str) -> str:
    """A text to compare readings by: no case, blanks or 'of requests', one comparator form."""
    t = inline_text(text).lower().replace("≤", "<=").replace("≥", ">=")
    return _BLANKS_RE.sub("", t).replace("ofallrequests", "").replace("ofrequests", "")


def _implicit_objective(slo: SLO) -> str | None:
    """The objective as read, without the comparator the kind implies when the author wrote
    none (`99.9%` of an availability is `≥ 99.9%`): what the author's cell should say."""
    text = objective_text(slo)
    t = slo.target
    if text is not None and t is not None and t.comparator is None:
        text = text.split(" ", 1)[1] if text[:1] in "≥≤" else text
    q = _quantile(slo)
    if text is not None and q and q in slo.metric and text.startswith(q + " "):
        text = text[len(q) + 1 :]  # the metric cell states the quantile already
    return text


def read_as(slo: SLO) -> str:
    """The objective and window as read, where they say more than the author's cells; ''."""
    parts = []
    objective = _implicit_objective(slo)
    if objective is not None and _canon(objective) != _canon(slo.target_raw):
        parts.append(objective)
    if slo.window is not None and _canon(window_text(slo.window)) != _canon(slo.window_raw):
        parts.append(("over " if parts else "") + window_text(slo.window))
    return " ".join(parts)


def budget_text(slo: SLO, b: Budget) -> str | None:
    """The error budget in words, or None when there is none."""
    if b.kind == "downtime":
        if b.downtime_range is not None:
            lo, hi = b.downtime_range
            return f"{format_duration(lo)} – {format_duration(hi)}"
        if b.downtime_seconds is not None:
            return format_duration(b.downtime_seconds)
    if b.kind == "requests" and b.request_share is not None:
        share = percent(b.request_share)
        if isinstance(slo.target, Latency):
            return f"{share} of requests may be slower than {time_bound(slo.target.seconds)}"
        return f"{share} of requests"
    return None


def _why_no_budget(slo: SLO, b: Budget) -> str:
    if isinstance(slo.target, Latency) and slo.target.share is None:
        return f"No error budget: {LATENCY_SHARE_HINT}."
    return f"No error budget: {b.hint or 'the objective does not parse'}."


class _Notes:
    """The footnotes of one table, numbered in the order they are first used."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def mark(self, text: str) -> Markup:
        if text not in self.texts:
            self.texts.append(text)
        n = self.texts.index(text) + 1
        return tag("sup", {"class": "opsspec-note-ref", "title": text}, str(n))

    def html(self, always: Iterable[str]) -> str:
        items = [
            tag("li", {"value": str(n)}, text) for n, text in enumerate(self.texts, start=1)
        ] + [tag("li", {"class": "opsspec-note-plain"}, text) for text in always]
        if not items:
            return ""
        return tag("ol", {"class": "opsspec-slo-notes", "data-search-exclude": True}, items)


def _missing(why: str, href: str | None, notes: _Notes) -> list[object]:
    """The short mark of a cell that cannot be computed: its finding, else a footnote."""
    if href is not None:
        return [
            link(
                href,
                {"class": "opsspec-flag", "title": why},
                "⚠",
                tag("span", {"class": "opsspec-sr"}, " see finding"),
            )
        ]
    return ["–", notes.mark(why)]


def _cells(slo: SLO, read: bool, href: str | None, notes: _Notes) -> list[str]:
    b = budget(slo)
    out: list[object] = []
    if read:
        out.append(tag("td", {"class": f"{EXTRA_CLASS} opsspec-read-as"}, read_as(slo)))
    text = budget_text(slo, b)
    cell: list[object] = (
        [text] if text is not None else _missing(_why_no_budget(slo, b), href, notes)
    )
    out.append(tag("td", {"class": f"{EXTRA_CLASS} opsspec-budget"}, cell))
    rate = page_burn_rate(slo.window) if text is not None else None
    if rate is not None:
        burn: list[object] = [num(rate.quantize(_CENT, ROUND_HALF_UP))]
    elif text is None:
        burn = ["–"]
    elif slo.window is None:
        burn = _missing("No page burn rate: the window does not parse.", href, notes)
    else:
        burn = ["–", notes.mark(SHORT_WINDOW_NOTE)]
    out.append(tag("td", {"class": f"{EXTRA_CLASS} opsspec-burn-rate"}, burn))
    return [str(c) for c in out]


def _header(name: str, title: str) -> str:
    return tag("th", {"class": EXTRA_CLASS, "scope": "col", "title": title}, name)


def slo_tables(
    spec: Spec, findings: Iterable[Finding], finding_href: FindingHref
) -> dict[int, TableColumns]:
    """What to append to each of `spec`'s SLO tables, by the table's header line. Rows a
    finding points at get the class `opsspec-flagged`."""
    ops = spec.operations
    if ops is None or not ops.slos:
        return {}
    by_line = {s.line: s for s in ops.slos}
    flagged = {f.line for f in findings if f.line in by_line}
    out: dict[int, TableColumns] = {}
    for table in spec.tables:
        slos = [by_line.get(r.line) for r in table.rows]
        if not any(slos):
            continue
        read = any(read_as(s) for s in slos if s is not None)
        notes = _Notes()
        rows: list[tuple[list[str], str | None]] = []
        for slo in slos:
            if slo is None:  # not an SLO row: keep the column count
                rows.append(([tag("td", {"class": EXTRA_CLASS}) for _ in range(2 + read)], None))
                continue
            href = finding_href(slo.line) if slo.line in flagged else None
            cls = FLAGGED_CLASS if slo.line in flagged else None
            rows.append((_cells(slo, read, href, notes), cls))
        headers = [
            _header("Read as", "The objective and window as mkdocs-opsspec reads them"),
            _header("Error budget", "What the objective allows to go wrong within one window"),
            tag(
                "th",
                {"class": EXTRA_CLASS, "scope": "col"},
                "Page burn rate",
                tag("sup", {"class": "opsspec-note-ref"}, "*"),
            ),
        ]
        out[table.line] = TableColumns(
            headers=headers[0 if read else 1 :],
            rows=rows,
            notes=notes.html([f"* {BURN_NOTE}"]),
            row_lines=[r.line for r in table.rows],
        )
    return out
