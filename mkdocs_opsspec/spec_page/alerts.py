"""A summary table of a spec's alerts: name, severity, condition, notification and runbook."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexer import inline_text
from ..markup import Markup, inline, link, summary_box, tag
from ..model import Alert, Spec

SEVERITIES: tuple[str, ...] = ("critical", "high", "medium", "low")
#: Other words for the four levels (matched on the first word of the severity, lower case).
SEVERITY_ALIASES: dict[str, str] = {
    "p1": "critical",
    "sev1": "critical",
    "s1": "critical",
    "p2": "high",
    "sev2": "high",
    "s2": "high",
    "p3": "medium",
    "sev3": "medium",
    "s3": "medium",
    "p4": "low",
    "sev4": "low",
    "s4": "low",
}
_FIRST_WORD_RE = re.compile(r"[a-z0-9]+")


def severity_level(severity: str | None) -> str:
    """'critical', 'high', 'medium', 'low', or 'unknown' (also for a missing severity)."""
    if not severity:
        return "unknown"
    m = _FIRST_WORD_RE.search(inline_text(severity).lower().replace("-", ""))
    if m is None:
        return "unknown"
    word = m.group()
    if word in SEVERITIES:
        return word
    return SEVERITY_ALIASES.get(word, "unknown")


def severity_chip(severity: str | None) -> Markup:
    """`<span class="opsspec-chip opsspec-sev-critical">Critical</span>`: the word as written
    (or "No severity") is always shown."""
    level = severity_level(severity)
    text = inline_text(severity) if severity else ""
    return tag(
        "span",
        {"class": f"opsspec-chip opsspec-sev-{level}"},
        text or "No severity",
    )


def _text_cell(value: str | None) -> Markup:
    if value is None or not value.strip():
        return tag("td", None, tag("span", {"class": "opsspec-missing"}, "not stated"))
    return tag("td", None, inline(value))


def _runbook_cell(runbook: str | None, runbook_href: Callable[[str | None], str | None]) -> Markup:
    href = runbook_href(runbook)
    if runbook is None or not runbook.strip():
        if href:
            return tag("td", None, link(href, {"class": "opsspec-runbook"}, "runbook"))
        return tag("td", None, tag("span", {"class": "opsspec-missing"}, "none"))
    text = inline_text(runbook) or runbook.strip()
    if href:
        return tag("td", None, link(href, {"class": "opsspec-runbook"}, text))
    return tag("td", None, inline(runbook))


def _row(alert: Alert, runbook_href: Callable[[str | None], str | None]) -> Markup:
    return tag(
        "tr",
        None,
        tag("th", {"scope": "row"}, inline(alert.name)),
        tag("td", None, severity_chip(alert.severity)),
        _text_cell(alert.condition),
        _text_cell(alert.notification),
        _runbook_cell(alert.runbook, runbook_href),
    )


def alerts_summary(spec: Spec, runbook_href: Callable[[str | None], str | None]) -> str:
    """`<div class="opsspec-alerts">`: one row per alert. `runbook_href(alert.runbook)` gives the
    link of the alert's runbook (None: the runbook is shown as text). "" without alerts."""
    ops = spec.operations
    if ops is None or not ops.alerts:
        return ""
    head = tag(
        "thead",
        None,
        tag(
            "tr",
            None,
            [
                tag("th", {"scope": "col"}, name)
                for name in ("Alert", "Severity", "Condition", "Notification", "Runbook")
            ],
        ),
    )
    return summary_box(
        "opsspec-alerts", "Alerts summary", head, [_row(a, runbook_href) for a in ops.alerts]
    )
