"""Alert rules: severities, missing alert fields, runbooks of paging alerts, and error-rate
alert thresholds that contradict the error-rate SLO.

Runbooks are required of Critical and High alerts of feature specs (a BASE spec's alert policies
leave the runbooks to the feature specs). A runbook is one of:

- a Markdown link to a heading of the page (`[Runbook 1](#runbook-1-api-error-spike)`), checked
  against the heading ids MkDocs gives the page;
- a link or bare relative path to a page of the site (`../runbooks/db.md#failover`), resolved
  against the spec's folder and checked against the site's files (the anchor of another page is
  not checked; with no file list in the context, such links are accepted);
- an external http(s) URL (accepted, never fetched);
- plain text naming a runbook of the page: `Runbook 2`, or its name (case-insensitive).

A value that is a template placeholder (`Link to response procedure`) is reported by the
placeholder rule only.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from urllib.parse import unquote

from ..budget import page_burn_rate
from ..markdown_blocks import inline_text
from ..model import SLO, Alert, Finding, Operations, Percentage, Spec
from ..sections import unique_slugs
from . import RuleContext
from .registry import E, W, register
from .structure import finding, plain, quote, unchecked

SEVERITY_UNKNOWN = register(
    "OS501",
    "alert-severity-unknown",
    E,
    "An alert's severity is not Critical, High, Medium or Low.",
)
ALERT_FIELD_MISSING = register(
    "OS502",
    "alert-field-missing",
    E,
    "An alert has no condition, no severity or no notification.",
)
RUNBOOK_MISSING = register(
    "OS503",
    "alert-runbook-missing",
    E,
    "A Critical or High alert names no runbook (link, page, URL or a runbook of the page).",
)
RUNBOOK_UNRESOLVED = register(
    "OS504",
    "alert-runbook-unresolved",
    E,
    "A Critical or High alert's runbook link points to no heading of the page and no page.",
)
ERROR_ALERT_TIGHTER_THAN_SLO = register(
    "OS505",
    "error-rate-alert-below-slo",
    E,
    "An error-rate alert's threshold is below the error-rate SLO (it pages while the SLO holds).",
)
ERROR_ALERT_TOO_LOOSE = register(
    "OS506",
    "error-rate-alert-too-loose",
    W,
    "An error-rate alert's threshold is above SLO x page burn rate (14.4 for 30 days).",
)

SEVERITIES: tuple[str, ...] = ("Critical", "High", "Medium", "Low")
_SEVERITY_BY_KEY = {s.casefold(): s for s in SEVERITIES}
_PAGING = frozenset({"critical", "high"})
#: Common other scales, for a hint.
_SEVERITY_HINTS = {
    "p0": "Critical",
    "p1": "Critical",
    "sev0": "Critical",
    "sev1": "Critical",
    "page": "Critical",
    "blocker": "Critical",
    "emergency": "Critical",
    "fatal": "Critical",
    "p2": "High",
    "sev2": "High",
    "major": "High",
    "error": "High",
    "urgent": "High",
    "p3": "Medium",
    "sev3": "Medium",
    "warning": "Medium",
    "warn": "Medium",
    "moderate": "Medium",
    "p4": "Low",
    "p5": "Low",
    "sev4": "Low",
    "sev5": "Low",
    "minor": "Low",
    "info": "Low",
    "informational": "Low",
    "ticket": "Low",
}
_HINT_KEY_RE = re.compile(r"[\s\-_.]+")
_FIRST_WORD_RE = re.compile(r"[A-Za-z]+")

_LINK_RE = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_URL_RE = re.compile(r"https?://\S", re.IGNORECASE)
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_RUNBOOK_NUMBER_RE = re.compile(r"\brunbook\s*#?\s*(\d+)\b", re.IGNORECASE)

_ERROR_TOPIC_RE = re.compile(r"error[- ]rate|\berrors\b", re.IGNORECASE)
_THRESHOLD_RE = re.compile(
    r"(?:>=|≥|>|\babove\b|\bover\b|\bexceeds?\b|\bmore than\b)\s*(\d+(?:\.\d+)?|\.\d+)\s*%",
    re.IGNORECASE,
)


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")


# --- severity and fields -------------------------------------------------------------------------


def _severity(spec: Spec, alert: Alert) -> Iterator[Finding]:
    value = plain(alert.severity)
    if not value or value.casefold() in _SEVERITY_BY_KEY:
        return
    if unchecked(spec, alert.severity):
        return
    hint = _SEVERITY_HINTS.get(_HINT_KEY_RE.sub("", value.casefold()))
    first = _FIRST_WORD_RE.match(value)
    if hint is None and first is not None:
        hint = _SEVERITY_BY_KEY.get(first.group(0).casefold())
    fix = f"use '{hint}'" if hint else "use one of them"
    yield finding(
        spec,
        SEVERITY_UNKNOWN,
        alert.line,
        f"alert {quote(alert.name)} severity {quote(value)} is not one of "
        f"{', '.join(SEVERITIES)}: {fix}",
    )


def _fields(spec: Spec, alert: Alert) -> Iterator[Finding]:
    for attr, title, example in (
        ("condition", "Condition", "Error rate > 1% for 5 minutes"),
        ("severity", "Severity", "High"),
        ("notification", "Notification", "PagerDuty on-call"),
    ):
        if not plain(getattr(alert, attr)):
            yield finding(
                spec,
                ALERT_FIELD_MISSING,
                alert.line,
                f"alert {quote(alert.name)} has no {attr}: add '- **{title}**: ...' "
                f"(e.g. '{example}')",
            )


# --- runbooks ------------------------------------------------------------------------------


class _Runbooks:
    """What a runbook reference may resolve to on one page (built lazily, once per spec)."""

    def __init__(self, spec: Spec, ops: Operations) -> None:
        self.spec = spec
        self.ops = ops
        self._anchors: set[str] | None = None
        self._numbers: dict[int, str] | None = None

    def anchors(self) -> set[str]:
        if self._anchors is None:
            doc = self.spec.document
            texts = [h.text for h in doc.headings] if doc else []
            self._anchors = set(unique_slugs(texts))
        return self._anchors

    def numbers(self) -> dict[int, str]:
        """Runbook number (from `Runbook N` in its heading) -> its anchor."""
        if self._numbers is None:
            doc = self.spec.document
            heading = {h.line: h.text for h in doc.headings} if doc else {}
            self._numbers = {}
            for rb in self.ops.runbooks:
                m = _RUNBOOK_NUMBER_RE.search(heading.get(rb.line, ""))
                if m:
                    self._numbers.setdefault(int(m.group(1)), rb.anchor)
        return self._numbers

    def named(self, text: str) -> bool:
        key = text.casefold()
        return any(rb.name.casefold() == key for rb in self.ops.runbooks)


def _resolve_target(target: str, pages: _Runbooks, ctx: RuleContext) -> str | None:
    """None if a link target resolves, else why it does not."""
    target = unquote(target.strip())
    if _URL_RE.match(target):
        return None
    if _SCHEME_RE.match(target):
        return f"{quote(target)} is not a page of the site or an http(s) URL"
    path, _, anchor = target.partition("#")
    spec = pages.spec
    if path:
        base = posixpath.dirname(spec.path)
        resolved = posixpath.normpath(
            path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
        )
        if resolved == ".." or resolved.startswith("../"):
            return f"{quote(target)} points outside the docs folder"
        if resolved != spec.path:
            if not ctx.doc_paths:
                return None
            stem = resolved.rstrip("/")
            for candidate in (resolved, stem + ".md", stem + "/index.md", stem + "/README.md"):
                if candidate in ctx.doc_paths:
                    return None
            return f"{quote(target)} is not a page of the site (resolved to '{resolved}')"
    if not anchor or anchor in pages.anchors():
        return None
    return f"{quote('#' + anchor)} is not the id of a heading on this page"


def _runbook_problem(value: str, pages: _Runbooks, ctx: RuleContext) -> tuple[bool, str] | None:
    """None if the runbook resolves, else (is_a_link, why not)."""
    links = _LINK_RE.findall(value)
    if links:
        problems = [_resolve_target(t, pages, ctx) for t in links]
        if any(p is None for p in problems):
            return None
        return True, str(problems[0])
    text = plain(value)
    if _URL_RE.match(text):
        return None
    if " " not in text and ("/" in text or "#" in text or text.endswith(".md")):
        problem = _resolve_target(text, pages, ctx)
        return None if problem is None else (True, problem)
    m = _RUNBOOK_NUMBER_RE.search(text)
    if m is not None:
        numbers = pages.numbers()
        if int(m.group(1)) in numbers:
            return None
        have = ", ".join(str(n) for n in sorted(numbers)) or "none"
        return True, f"names Runbook {m.group(1)}, but this page's runbooks are: {have}"
    if pages.named(text) or pages.named(inline_text(value)):
        return None
    return False, f"{quote(text)} is not a link, a page or the name of a runbook on this page"


def _runbook(spec: Spec, alert: Alert, pages: _Runbooks, ctx: RuleContext) -> Iterator[Finding]:
    if plain(alert.severity).casefold() not in _PAGING:
        return
    value = alert.runbook
    if unchecked(spec, value):
        return
    level = plain(alert.severity).capitalize()
    fix = (
        "link a runbook heading of this page ('[Runbook 1: ...](#runbook-1-...)'), a page of "
        "the site or an https:// URL"
    )
    if not plain(value):
        yield finding(
            spec,
            RUNBOOK_MISSING,
            alert.line,
            f"{level} alert {quote(alert.name)} has no runbook: add '- **Runbook**: ...' and {fix}",
        )
        return
    problem = _runbook_problem(str(value), pages, ctx)
    if problem is None:
        return
    is_link, why = problem
    yield finding(
        spec,
        RUNBOOK_UNRESOLVED if is_link else RUNBOOK_MISSING,
        alert.fields["runbook"].line if "runbook" in alert.fields else alert.line,
        f"{level} alert {quote(alert.name)} runbook: {why}: {fix}",
    )


# --- error-rate alerts against the error-rate SLO ------------------------------------------------


def _error_threshold(alert: Alert) -> Decimal | None:
    condition = alert.condition or ""
    if not _ERROR_TOPIC_RE.search(condition) and not _ERROR_TOPIC_RE.search(alert.name):
        return None
    m = _THRESHOLD_RE.search(condition)
    return Decimal(m.group(1)) if m else None


def _slo_verdict(threshold: Decimal, slo: SLO) -> tuple[str, Decimal, Decimal | None] | None:
    """None if the threshold fits the SLO, else ("tight" | "loose", e, burn)."""
    assert isinstance(slo.target, Percentage)
    e = slo.target.value
    burn = page_burn_rate(slo.window)
    if threshold < e:
        return "tight", e, burn
    if burn is not None and threshold > e * burn:
        return "loose", e, burn
    return None


def _error_rate_alerts(spec: Spec, ops: Operations) -> Iterator[Finding]:
    slos = [
        s
        for s in ops.slos
        if s.kind == "error_rate" and isinstance(s.target, Percentage) and s.target.value > 0
    ]
    if not slos:
        return
    for alert in ops.alerts:
        threshold = _error_threshold(alert)
        if threshold is None:
            continue
        verdicts = [_slo_verdict(threshold, slo) for slo in slos]
        if any(v is None for v in verdicts):
            continue
        slo = slos[0]
        kind, e, burn = verdicts[0]  # type: ignore[misc]
        window = quote(inline_text(slo.window_raw))
        line = alert.fields["condition"].line if "condition" in alert.fields else alert.line
        if kind == "tight":
            page = f"; a page at {_num(e * burn)}% burns 2% of the budget per hour" if burn else ""
            yield finding(
                spec,
                ERROR_ALERT_TIGHTER_THAN_SLO,
                line,
                f"alert {quote(alert.name)} fires at an error rate above {_num(threshold)}%, "
                f"tighter than the SLO itself (< {_num(e)}% over {window}, line {slo.line}), so "
                f"it pages while the SLO holds: raise it to at least {_num(e)}%{page}",
            )
        else:
            assert burn is not None
            yield finding(
                spec,
                ERROR_ALERT_TOO_LOOSE,
                line,
                f"alert {quote(alert.name)} threshold {_num(threshold)}% is so loose that it "
                "pages only after burning the budget faster than the page burn rate "
                f"({_num(burn)} for {window}, SLO < {_num(e)}% on line {slo.line}): lower it "
                f"to at most {_num(e * burn)}%",
            )


def check_spec(spec: Spec, ctx: RuleContext) -> Iterable[Finding]:
    ops = spec.operations
    if ops is None:
        return []
    out: list[Finding] = []
    pages = _Runbooks(spec, ops)
    for alert in ops.alerts:
        out.extend(_severity(spec, alert))
        out.extend(_fields(spec, alert))
        if spec.role == "feature":
            out.extend(_runbook(spec, alert, pages, ctx))
    out.extend(_error_rate_alerts(spec, ops))
    return out
