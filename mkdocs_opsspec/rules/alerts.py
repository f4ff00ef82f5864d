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
from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import unquote

from ..budget import page_burn_rate
from ..lexer import inline_text
from ..model import SLO, Alert, Finding, Operations, Percentage, Spec
from ..sections import unique_slugs
from . import RuleContext
from .common import finding, plain, quote
from .docs import Example, RuleDoc
from .registry import E, W, register
from .structure import unchecked

_RUNBOOK = "[Checkout errors](#runbook-checkout-errors)"
_RUNBOOKS = """
## Runbooks

### Runbook: Checkout errors

1. Check the latest deployment; roll back if it is less than an hour old.
2. Check the payment provider's status page.
"""
_ERROR_SLO = """
## SLOs (Service Level Objectives)

| Metric | Target | Measurement Window |
|--------|--------|--------------------|
| Error rate | < 1% | 30 days |
"""


def _alert(
    condition: str | None = "Error rate > 2% for 5 minutes",
    severity: str | None = "High",
    notification: str | None = "PagerDuty, checkout on-call",
    runbook: str | None = _RUNBOOK,
    after: str = "",
) -> Example:
    """The spec with one alert (a field given None is left out), and `after` below it."""
    fields = (
        ("Condition", condition),
        ("Severity", severity),
        ("Notification", notification),
        ("Runbook", runbook),
    )
    lines = ["### Alerts", "", "#### Alert 1: Checkout errors"]
    lines += [f"- **{title}**: {value}" for title, value in fields if value is not None]
    return Example("\n".join(lines) + "\n" + after)


_BURN = """
    The page burn rate is the rate at which an hour spends 2% of the window's error budget:
    14.4 for a 30-day window, 6.72 for 14 days (none for windows under 7 days).

    An error-rate alert is one whose condition or name says error rate or errors and whose
    condition has a threshold such as `> 2%`, `above 2%` or `exceeds 2%`. A paging one
    (Critical or High) is compared with every error-rate SLO of the spec, and reported when it
    contradicts all of them; a ticket (Medium, Low) may fire early or late.
"""
SEVERITY_UNKNOWN = register(
    "OS501",
    "alert-severity-unknown",
    E,
    "An alert's severity is not Critical, High, Medium or Low.",
    readiness="alert_fields",
    doc=RuleDoc(
        catches="An alert whose Severity is not one of Critical, High, Medium, Low (case is "
        "ignored). Common other scales get a hint: `P1` is Critical, `P2` High, `warning` "
        "Medium, `info` Low.",
        why="""
            The severity decides who is woken up: Critical and High alerts page and must have a
            runbook (OS503). A severity of another scale cannot be told apart from a typo.
        """,
        bad=_alert(severity="P2"),
        fixed=_alert(severity="High"),
        accepts="`Critical`, `High`, `Medium`, `Low`, in any case.",
    ),
)
ALERT_FIELD_MISSING = register(
    "OS502",
    "alert-field-missing",
    E,
    "An alert has no condition, no severity or no notification (one finding names them all).",
    readiness="alert_fields",
    doc=RuleDoc(
        catches="An alert without a Condition, a Severity or a Notification. One finding "
        "names every field the alert lacks.",
        why="""
            An alert is a condition, how bad it is, and who is told. Missing one, it cannot be
            set up from the spec, or nobody is told when it fires.
        """,
        bad=_alert(notification=None),
        fixed=_alert(),
        accepts="""
            An alert is a subheading of the Alerts section with `- **Field**: value` items,
            named `Alert 1: <name>` (or `Alert: <name>`), or named otherwise
            (`### Checkout errors`) when its own text states a Condition or Trigger (a heading
            such as `### Alert Routing` that only groups or explains is no alert); or a row of
            an alerts table (a
            table with an Alert or Name column and a Severity or Priority column; Condition or
            Trigger, Notification or Channel, Runbook).
        """,
    ),
)
RUNBOOK_MISSING = register(
    "OS503",
    "alert-runbook-missing",
    E,
    "A Critical or High alert names no runbook (link, page, URL or a runbook of the page).",
    readiness="runbooks",
    doc=RuleDoc(
        catches="A Critical or High alert of a feature spec with no Runbook, or with one that "
        "is neither a link, a page, a URL nor the name of a runbook on the page.",
        why="""
            A paging alert wakes someone up; the runbook is what they read first. Without one,
            every responder starts from nothing.
        """,
        bad=_alert(runbook=None),
        fixed=_alert(),
        accepts="""
            - a link to a heading of the page: `[Checkout errors](#runbook-checkout-errors)`;
            - a link or a relative path to a page of the site: `../runbooks/checkout.md#errors`;
            - an http(s) URL: `https://wiki.example.com/runbooks/checkout`;
            - the name or number of a runbook of the page: `Runbook 2`, `Checkout errors`.
        """,
    ),
)
RUNBOOK_UNRESOLVED = register(
    "OS504",
    "alert-runbook-unresolved",
    E,
    "A Critical or High alert's runbook link points to no heading of the page and no page.",
    readiness="runbooks",
    doc=RuleDoc(
        catches="""
            A Critical or High alert whose runbook is a link (or a `Runbook N` reference) that
            resolves to nothing: an anchor that is no heading id of the page, a page that is
            not in the site, a path outside docs_dir, a scheme other than http(s).
        """,
        why="""
            A broken runbook link is found at the worst moment, by the person the alert woke
            up. Heading ids change when a heading is renamed; this catches it at build time.
        """,
        bad=_alert(runbook="[Checkout errors](#checkout-errors-runbook)", after=_RUNBOOKS),
        fixed=_alert(runbook="[Checkout errors](#runbook-checkout-errors)", after=_RUNBOOKS),
        accepts="""
            Anchors are the heading ids MkDocs gives (lowercase, spaces as `-`, punctuation
            dropped: `### Runbook: Checkout errors` is `#runbook-checkout-errors`). The anchor
            of another page is not checked; http(s) URLs are never fetched.
        """,
    ),
)
ERROR_ALERT_TIGHTER_THAN_SLO = register(
    "OS505",
    "error-rate-alert-below-slo",
    E,
    "A paging error-rate alert's threshold is below the error-rate SLO (it pages while the SLO "
    "holds).",
    readiness="alerts_match_slos",
    doc=RuleDoc(
        catches="A paging (Critical or High) error-rate alert whose threshold is below the "
        "error-rate objective of the spec's SLOs: an alert at 0.5% with an SLO of `< 1%`.",
        why="""
            Such an alert pages while the service meets its objective, so it trains on-call to
            ignore it. Page on the budget burning fast, not on any error.
        """,
        bad=_alert(condition="Error rate > 0.5% for 5 minutes", after=_ERROR_SLO),
        fixed=_alert(condition="Error rate > 2% for 5 minutes", after=_ERROR_SLO),
        accepts=_BURN,
    ),
)
ERROR_ALERT_TOO_LOOSE = register(
    "OS506",
    "error-rate-alert-too-loose",
    W,
    "A paging error-rate alert's threshold is above SLO x page burn rate (14.4 for 30 days).",
    readiness="alerts_match_slos",
    doc=RuleDoc(
        catches="A paging (Critical or High) error-rate alert whose threshold is above the "
        "error-rate objective times the page burn rate: above 14.4% for an SLO of `< 1%` over 30 "
        "days.",
        why="""
            At the page burn rate a 30-day budget is gone in about two days; an alert set
            higher stays quiet while the budget burns that fast, and pages too late to protect
            the SLO.
        """,
        bad=_alert(condition="Error rate > 20% for 5 minutes", after=_ERROR_SLO),
        fixed=_alert(condition="Error rate > 5% for 5 minutes", after=_ERROR_SLO),
        accepts=_BURN,
    ),
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

#: A Markdown link's target. The classes stop at the next bracket or parenthesis, and the title
#: is bounded, so a line of unclosed links is scanned in linear time.
_LINK_RE = re.compile(r"\[[^\[\]]*\]\(\s*<?([^()\[\]\s<>]*)>?(?:\s+[\"'(][^()\n]{0,200})?\)")
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


def _blank(value: str | None) -> bool:
    return not value or not value.strip(" \t*_`")


def _severity(spec: Spec, alert: Alert, severity: str) -> list[Finding]:
    if not severity or severity.casefold() in _SEVERITY_BY_KEY:
        return []
    if unchecked(spec, alert.severity):
        return []
    hint = _SEVERITY_HINTS.get(_HINT_KEY_RE.sub("", severity.casefold()))
    first = _FIRST_WORD_RE.match(severity)
    if hint is None and first is not None:
        hint = _SEVERITY_BY_KEY.get(first.group(0).casefold())
    fix = f"use '{hint}'" if hint else "use one of them"
    message = (
        f"alert {quote(alert.name)} severity {quote(severity)} is not one of "
        f"{', '.join(SEVERITIES)}: {fix}"
    )
    field = alert.fields.get("severity")  # the Severity line of an alert block
    return [finding(spec, SEVERITY_UNKNOWN, field.line if field else alert.line, message)]


_REQUIRED_FIELDS = (
    ("condition", "Condition", "Error rate > 1% for 5 minutes"),
    ("severity", "Severity", "High"),
    ("notification", "Notification", "PagerDuty on-call"),
)


def _fields(spec: Spec, alert: Alert, severity: str) -> list[Finding]:
    """One finding naming every field the alert lacks."""
    if severity and not _blank(alert.condition) and not _blank(alert.notification):
        return []
    missing = [
        (attr, title, example)
        for attr, title, example in _REQUIRED_FIELDS
        if _blank(getattr(alert, attr))
    ]
    if not missing:
        return []
    add = " and ".join(f"'- **{title}**: ...' (e.g. '{example}')" for _, title, example in missing)
    return [
        finding(
            spec,
            ALERT_FIELD_MISSING,
            alert.line,
            f"alert {quote(alert.name)} has no {' and no '.join(a for a, _, _ in missing)}: "
            f"add {add}",
        )
    ]


# --- runbooks ------------------------------------------------------------------------------


class _Runbooks:
    """What a runbook reference may resolve to on one page (built lazily, once per spec)."""

    def __init__(self, spec: Spec, ops: Operations) -> None:
        self.spec = spec
        self.ops = ops
        self._anchors: set[str] | None = None
        self._all_levels = False
        self._numbers: dict[int, str] | None = None

    def has_anchor(self, anchor: str) -> bool:
        """Whether a heading of the page has this id. The ids of H2-H4 come with the sections;
        those of other levels are computed only when needed."""
        if self._anchors is None:
            self._anchors = {s.anchor for s in self.spec.sections}
            self._all_levels = False
        if anchor in self._anchors:
            return True
        if not self._all_levels:
            doc = self.spec.document
            if doc is not None:
                self._anchors.update(unique_slugs(h.text for h in doc.headings))
            self._all_levels = True
        return anchor in self._anchors

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
    target = target.strip()
    if "%" in target:
        target = unquote(target)
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
    if not anchor or pages.has_anchor(anchor):
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
    if pages.named(text):
        return None
    return False, f"{quote(text)} is not a link, a page or the name of a runbook on this page"


_RUNBOOK_FIX = (
    "link a runbook heading of this page ('[Runbook 1: ...](#runbook-1-...)'), a page of the "
    "site or an https:// URL"
)


def _runbook(
    spec: Spec, alert: Alert, severity: str, pages: _Runbooks, ctx: RuleContext
) -> list[Finding]:
    """Critical and High alerts need a runbook that resolves."""
    value = alert.runbook
    if severity.casefold() not in _PAGING:
        return []
    level = severity.capitalize()
    if _blank(value):
        message = (
            f"{level} alert {quote(alert.name)} has no runbook: add '- **Runbook**: ...' and "
            f"{_RUNBOOK_FIX}"
        )
        return [finding(spec, RUNBOOK_MISSING, alert.line, message)]
    problem = _runbook_problem(str(value), pages, ctx)
    if problem is None or unchecked(spec, value):
        return []
    is_link, why = problem
    line = alert.fields["runbook"].line if "runbook" in alert.fields else alert.line
    message = f"{level} alert {quote(alert.name)} runbook: {why}: {_RUNBOOK_FIX}"
    return [finding(spec, RUNBOOK_UNRESOLVED if is_link else RUNBOOK_MISSING, line, message)]


# --- error-rate alerts against the error-rate SLO ------------------------------------------------


def _error_threshold(alert: Alert) -> Decimal | None:
    condition = alert.condition
    if not condition or "%" not in condition:
        return None
    if not _ERROR_TOPIC_RE.search(condition) and not _ERROR_TOPIC_RE.search(alert.name):
        return None
    m = _THRESHOLD_RE.search(condition)
    return Decimal(m.group(1)) if m else None


def _verdict(threshold: Decimal, slo: SLO) -> str | None:
    """None if an alert threshold (percent) fits an error-rate SLO, else "tight" or "loose"."""
    target = slo.target
    if not isinstance(target, Percentage):
        return None
    burn = page_burn_rate(slo.window)
    if threshold < target.value:
        return "tight"
    if burn is not None and threshold > target.value * burn:
        return "loose"
    return None


def _error_rate_message(alert: Alert, threshold: Decimal, slo: SLO, verdict: str) -> str:
    e = slo.target.value if isinstance(slo.target, Percentage) else Decimal(0)
    burn = page_burn_rate(slo.window)
    the_slo = f"{quote(inline_text(slo.target_raw))} over {quote(inline_text(slo.window_raw))}"
    if verdict == "tight":
        page = f"; a page at {_num(e * burn)}% burns 2% of the budget per hour" if burn else ""
        return (
            f"alert {quote(alert.name)} fires at an error rate above {_num(threshold)}%, tighter "
            f"than the SLO itself ({the_slo}, line {slo.line}), so it pages while the SLO holds: "
            f"raise it to at least {_num(e)}%{page}"
        )
    return (
        f"alert {quote(alert.name)} threshold {_num(threshold)}% is so loose that it pages only "
        f"after burning the budget faster than the page burn rate ({_num(burn or 0)} for the SLO "
        f"{the_slo}, line {slo.line}): lower it to at most {_num(e * (burn or 0))}%"
    )


def _error_rate_alerts(spec: Spec, ops: Operations) -> list[Finding]:
    """Paging error-rate alerts that contradict every error-rate SLO of the spec (compared with
    the first one in the message). A ticket (Medium, Low) may well fire early or late."""
    slos = [
        s
        for s in ops.slos
        if s.kind == "error_rate" and isinstance(s.target, Percentage) and s.target.value > 0
    ]
    out: list[Finding] = []
    for alert in ops.alerts if slos else ():
        threshold = _error_threshold(alert)
        if threshold is None or plain(alert.severity).casefold() not in _PAGING:
            continue
        verdicts = [_verdict(threshold, slo) for slo in slos]
        if None in verdicts:
            continue
        rule = ERROR_ALERT_TIGHTER_THAN_SLO if verdicts[0] == "tight" else ERROR_ALERT_TOO_LOOSE
        line = alert.fields["condition"].line if "condition" in alert.fields else alert.line
        message = _error_rate_message(alert, threshold, slos[0], str(verdicts[0]))
        out.append(finding(spec, rule, line, message))
    return out


def check_spec(spec: Spec, ctx: RuleContext) -> Iterable[Finding]:
    ops = spec.operations
    if ops is None or not ops.alerts:
        return []
    out: list[Finding] = []
    pages = _Runbooks(spec, ops)
    feature = spec.role == "feature"
    for alert in ops.alerts:
        severity = plain(alert.severity)
        out += _severity(spec, alert, severity)
        out += _fields(spec, alert, severity)
        if feature:
            out += _runbook(spec, alert, severity, pages, ctx)
    out += _error_rate_alerts(spec, ops)
    return out
