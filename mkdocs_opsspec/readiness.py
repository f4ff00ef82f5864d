"""Production readiness of an operations spec: checks grouped in cumulative levels.

- Bronze: a valid header, the required sections, a health check, deploy and rollback steps,
  dependencies listed, no secrets written into the spec.
- Silver: a valid SLO, complete alerts, runbooks for Critical/High alerts, backups with frequency
  and retention, disaster-recovery RTO and RPO.
- Gold: alerts consistent with the SLOs, backups within the RPO, rollback within the DR RTO,
  a final status without placeholders, recently updated, related specs that resolve.

Each check is `pass`, `fail`, `na` (does not apply: a service that holds no data has no backups)
or `not_checked` (cannot be evaluated, e.g. a duration that does not parse; never a pass). A spec
reaches a level when every check of that level and the levels below is `pass` or `na`.

Checks decide from the model, and from the findings: the rule registry maps every error rule
(and some warnings) to the check of its area (`Rule.readiness`), and a finding of such a rule on
the spec fails that check, whatever the model says. So a page never contradicts the findings
shown next to it: an SLO target that does not parse or is out of range fails "A valid SLO", an
unknown status fails "Approved or Implemented". The findings are those of the build: a rule
turned `off` (or ignored in a spec's front matter) does not hold a spec back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from .catalog import Catalog
from .dates import age_in_days, is_stale, parse_date
from .lexer import inline_text
from .model import Finding, Objective, Operations, Percentage, Spec
from .rules.structure import is_template_placeholder
from .rules.table import all_rules
from .statuses import FINAL_STATUSES, is_final
from .units import format_duration
from .words import counted

LEVELS: tuple[str, ...] = ("bronze", "silver", "gold")
NONE = "none"
#: How pages name each level (a spec that is not Bronze is "Below Bronze", as on the graph).
LEVEL_TITLES: dict[str, str] = {NONE: "Below Bronze", **{lv: lv.capitalize() for lv in LEVELS}}
PASS, FAIL, NA, NOT_CHECKED = "pass", "fail", "na", "not_checked"

_PAGING = ("critical", "high")


@dataclass(frozen=True)
class Check:
    level: str  # bronze | silver | gold
    key: str
    title: str
    state: str  # pass | fail | na | not_checked
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.state in (PASS, NA)

    @property
    def action(self) -> str:
        """What to do to the spec so that this check passes, as an instruction."""
        return ACTIONS.get(self.key, f"Make '{self.title}' pass")


@dataclass(frozen=True)
class Readiness:
    level: str  # none | bronze | silver | gold
    checks: list[Check] = field(default_factory=list)
    blocking: list[Check] = field(default_factory=list)  # what keeps it from the next level

    @property
    def next_level(self) -> str | None:
        return next_level(self.level)


@dataclass(frozen=True)
class ReadinessOptions:
    reference_date: dt.date
    stale_after_days: int = 180
    ready_statuses: tuple[str, ...] = FINAL_STATUSES


@dataclass
class _Subject:
    """What a check may look at: the spec, its operations content and its findings."""

    spec: Spec
    ops: Operations
    findings: list[Finding]
    options: ReadinessOptions


Result = tuple[str, str]
CheckFn = Callable[[_Subject], Result]


def next_level(level: str) -> str | None:
    if level == NONE:
        return LEVELS[0]
    i = LEVELS.index(level)
    return LEVELS[i + 1] if i + 1 < len(LEVELS) else None


# --- small helpers --------------------------------------------------------------------------


def _plain(value: str | None) -> str:
    return inline_text(value).strip() if value else ""


def _stated(value: str | None) -> bool:
    """A value is stated when it has text and is not a template placeholder ('[time]')."""
    return bool(_plain(value)) and not is_template_placeholder(value)


def _names(items: Iterable[str], limit: int = 3) -> str:
    shown = list(items)
    more = len(shown) - limit
    text = ", ".join(f"'{s}'" for s in shown[:limit])
    return text + (f" and {more} more" if more > 0 else "")


def _where(findings: list[Finding], limit: int = 2) -> str:
    parts = [
        f"{f.rule}" + (f" (line {f.line})" if f.line else "") + f": {f.message}"
        for f in findings[:limit]
    ]
    more = len(findings) - limit
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _objective_state(obj: Objective | None, what: str) -> Result:
    """`pass` for a stated objective that parses (or is N/A), `fail` when missing or a
    placeholder, `not_checked` when it does not parse."""
    if obj is None or not _plain(obj.raw):
        return FAIL, f"{what} is not stated"
    if not _stated(obj.raw):
        return FAIL, f"{what} is a template placeholder ('{_plain(obj.raw)}')"
    if obj.duration is None:
        return NOT_CHECKED, f"{what} '{_plain(obj.raw)}' does not parse"
    return PASS, f"{what} {_plain(obj.raw)}"


def _combine(results: list[Result]) -> Result:
    """The worst of several results: fail, then not_checked, else pass."""
    for wanted in (FAIL, NOT_CHECKED):
        bad = [detail for state, detail in results if state == wanted]
        if bad:
            return wanted, "; ".join(bad)
    return PASS, "; ".join(detail for _, detail in results if detail)


def _holds_no_data(ops: Operations) -> bool:
    """The spec says the service holds no data and states no backups (a spec that states
    backups has data worth backing up, whatever its overview says about the service)."""
    return ops.no_data_line is not None and not ops.backups


# --- bronze ---------------------------------------------------------------------------------

HEADER_FIELDS = (
    ("guid", "GUID"),
    ("version", "Version"),
    ("status", "Status"),
    ("last_updated", "Last Updated"),
)


def check_header(s: _Subject) -> Result:
    """GUID, Version, Status and Last Updated present (and no header rule finding)."""
    missing = [title for name, title in HEADER_FIELDS if not _stated(s.spec.field_value(name))]
    if missing:
        return FAIL, "header lacks " + ", ".join(missing)
    return PASS, ""


def check_sections(s: _Subject) -> Result:
    """The required sections are there (no OS201 finding: the rule knows which are required)."""
    return PASS, ""


def check_secrets(s: _Subject) -> Result:
    """No literal secret written into the spec (no OS801/OS802 finding)."""
    return PASS, ""


def check_health(s: _Subject) -> Result:
    """A Health Checks section with an endpoint and a check frequency."""
    hc = s.ops.health
    if hc is None:
        return FAIL, "no Health Checks section"
    missing = [
        what
        for what, kv in (("endpoint", hc.endpoint), ("check frequency", hc.frequency))
        if kv is None or not _stated(kv.value)
    ]
    if missing:
        return FAIL, "the health check states no " + " and no ".join(missing)
    assert hc.endpoint is not None and hc.frequency is not None
    return PASS, f"{_plain(hc.endpoint.value)}, {_plain(hc.frequency.value)}"


def check_deploy_rollback(s: _Subject) -> Result:
    """Numbered Deployment Steps and numbered Rollback Procedure steps."""
    missing = []
    if s.ops.deploy_steps <= 0:
        missing.append("no numbered Deployment Steps")
    if s.ops.rollback_steps <= 0:
        missing.append("no numbered Rollback Procedure steps")
    if missing:
        return FAIL, "; ".join(missing)
    return PASS, (
        f"{counted(s.ops.deploy_steps, 'deploy step')}, "
        f"{counted(s.ops.rollback_steps, 'rollback step')}"
    )


def check_dependencies(s: _Subject) -> Result:
    """Upstream or Downstream Dependencies have items."""
    deps = [d for d in s.spec.dependencies if d.kind in ("upstream", "downstream")]
    if not deps:
        return FAIL, "no Upstream or Downstream Dependencies listed"
    return PASS, f"{len(deps)} listed"


# --- silver ---------------------------------------------------------------------------------


def check_slo(s: _Subject) -> Result:
    """At least one SLO whose target and window both parse."""
    if not s.ops.slos:
        return FAIL, "no SLO table rows"
    valid = [slo for slo in s.ops.slos if slo.target is not None and slo.window is not None]
    if valid:
        have = "has" if len(valid) == 1 else "have"
        total = counted(len(s.ops.slos), "SLO")
        return PASS, f"{len(valid)} of {total} {have} a target and a window"
    return FAIL, "no SLO has both a target and a window that parse"


def check_alert_fields(s: _Subject) -> Result:
    """At least one alert, and every alert states a severity (a known one: no OS501 finding)
    and a notification."""
    if not s.ops.alerts:
        return FAIL, "no alerts defined"
    lacking = [
        a.name for a in s.ops.alerts if not (_stated(a.severity) and _stated(a.notification))
    ]
    if lacking:
        return FAIL, f"alerts without severity or notification: {_names(lacking)}"
    return PASS, counted(len(s.ops.alerts), "alert")


def check_runbooks(s: _Subject) -> Result:
    """Every Critical/High alert has a runbook that resolves (no OS503/OS504 finding)."""
    paging = [a for a in s.ops.alerts if _plain(a.severity).casefold() in _PAGING]
    if not paging:
        return NA, "no Critical or High alerts"
    have = "has" if len(paging) == 1 else "have"
    return PASS, f"{counted(len(paging), 'Critical/High alert')} {have} a runbook"


def check_backups(s: _Subject) -> Result:
    """Every backup states a frequency and a retention (n/a when the service holds no data)."""
    if _holds_no_data(s.ops):
        return NA, f"the spec says the service holds no data (line {s.ops.no_data_line})"
    if not s.ops.backups:
        return FAIL, "no backup states a frequency and a retention"
    lacking = [
        b.name or "backup"
        for b in s.ops.backups
        if not (b.frequency and _stated(b.frequency.value))
        or not (b.retention and _stated(b.retention.value))
    ]
    if lacking:
        return FAIL, f"backups without frequency or retention: {_names(lacking)}"
    return PASS, counted(len(s.ops.backups), "backup entry")


def check_dr_objectives(s: _Subject) -> Result:
    """The Disaster Recovery section states an RTO and an RPO that parse (and no RTO/RPO
    finding, OS401-OS403, of either recovery section)."""
    dr = s.ops.disaster_recovery
    if dr is None:
        return FAIL, "no Disaster Recovery section"
    return _combine([_objective_state(dr.rto, "RTO"), _objective_state(dr.rpo, "RPO")])


# --- gold -----------------------------------------------------------------------------------


def check_alerts_match_slos(s: _Subject) -> Result:
    """Error-rate alerts fit the error-rate SLO (no OS505/OS506 finding); n/a without one."""
    has_slo = any(
        slo.kind == "error_rate" and isinstance(slo.target, Percentage) for slo in s.ops.slos
    )
    if not has_slo:
        return NA, "no error-rate SLO"
    return PASS, ""


def check_backup_within_rpo(s: _Subject) -> Result:
    """The shortest backup interval is within the DR RPO, or replication or point-in-time
    recovery is described (no OS405 finding)."""
    if _holds_no_data(s.ops):
        return NA, "the service holds no data"
    dr = s.ops.disaster_recovery
    rpo = dr.rpo if dr else None
    if rpo is not None and rpo.duration is not None and rpo.duration.not_applicable:
        return NA, "the RPO is N/A"
    state, detail = _objective_state(rpo, "RPO")
    if state != PASS:
        return state, detail
    intervals = [
        b.interval.seconds for b in s.ops.backups if b.interval and b.interval.seconds is not None
    ]
    if not intervals:
        return NOT_CHECKED, "no backup frequency is a fixed interval"
    shortest, limit = min(intervals), rpo.seconds if rpo else None
    assert limit is not None
    shown = f"backups every {format_duration(shortest)}, RPO {format_duration(limit)}"
    if shortest > limit:
        shown += " (met by replication or point-in-time recovery)"
    return PASS, shown


def check_rollback_within_dr(s: _Subject) -> Result:
    """The Rollback Procedure's RTO is within the Disaster Recovery RTO (no OS404 finding)."""
    rb = s.ops.rollback.rto if s.ops.rollback else None
    dr = s.ops.disaster_recovery.rto if s.ops.disaster_recovery else None
    state, detail = _combine([_objective_state(rb, "rollback RTO"), _objective_state(dr, "DR RTO")])
    if state != PASS:
        return state, detail
    rb_s, dr_s = _seconds(rb), _seconds(dr)
    if rb_s is None or dr_s is None:
        return NA, "an RTO is N/A"
    shown = f"rollback {format_duration(rb_s)}, DR {format_duration(dr_s)}"
    return (PASS, shown) if rb_s <= dr_s else (FAIL, shown + ": rollback takes longer than DR")


def _seconds(obj: Objective | None) -> Decimal | None:
    return obj.duration.seconds if obj is not None and obj.duration is not None else None


def check_final_status(s: _Subject) -> Result:
    """Status Approved or Implemented (configurable) and no placeholder (OS202/OS203)."""
    status = _plain(s.spec.status)
    if not is_final(status, s.options.ready_statuses):
        return FAIL, f"status is {status or 'missing'}, not {' or '.join(s.options.ready_statuses)}"
    return PASS, status


def check_fresh(s: _Subject) -> Result:
    """Last Updated within stale_after_days of the reference date."""
    value = _plain(s.spec.last_updated)
    if not value:
        return FAIL, "no Last Updated date"
    updated = parse_date(value)
    if updated is None:
        return NOT_CHECKED, f"Last Updated '{value}' is not a YYYY-MM-DD date"
    age = age_in_days(updated, s.options.reference_date)
    limit = s.options.stale_after_days
    if is_stale(updated, s.options.reference_date, limit):
        return FAIL, f"last updated {counted(age, 'day')} ago (more than {limit})"
    return PASS, f"updated {value}"


def check_links(s: _Subject) -> Result:
    """Related Specifications and `$ref` targets resolve (no OS701-OS704 finding)."""
    return PASS, ""


#: (level, key, title, check) in the order pages show them.
CHECKS: tuple[tuple[str, str, str, CheckFn], ...] = (
    ("bronze", "header", "Valid header", check_header),
    ("bronze", "sections", "Required sections present", check_sections),
    ("bronze", "health_check", "Health check defined", check_health),
    ("bronze", "deploy_rollback", "Deploy and rollback steps", check_deploy_rollback),
    ("bronze", "dependencies", "Dependencies listed", check_dependencies),
    ("bronze", "secrets", "No secrets in the spec", check_secrets),
    ("silver", "slo", "A valid SLO", check_slo),
    ("silver", "alert_fields", "Alerts have severity and notification", check_alert_fields),
    ("silver", "runbooks", "Critical/High alerts have runbooks", check_runbooks),
    ("silver", "backups", "Backups state frequency and retention", check_backups),
    ("silver", "dr_objectives", "RTO and RPO stated", check_dr_objectives),
    ("gold", "alerts_match_slos", "Alerts consistent with SLOs", check_alerts_match_slos),
    ("gold", "backup_within_rpo", "Backup interval within RPO", check_backup_within_rpo),
    ("gold", "rollback_within_dr", "Rollback RTO within DR RTO", check_rollback_within_dr),
    ("gold", "final_status", "Approved or Implemented, no placeholders", check_final_status),
    ("gold", "fresh", "Recently updated", check_fresh),
    ("gold", "links", "Related specs resolve", check_links),
)


#: Check key -> what to do to the spec so that the check passes, worded as an instruction (the
#: portfolio's "needs attention" list shows the first failing check's).
ACTIONS: dict[str, str] = {
    "header": "Fill in the header: GUID, Version, Status and Last Updated",
    "sections": "Add the required sections that are missing",
    "health_check": "Describe the health check: its endpoint and how often it runs",
    "deploy_rollback": "Write numbered Deployment Steps and numbered Rollback Procedure steps",
    "dependencies": "List the Upstream or Downstream Dependencies",
    "secrets": "Take the secrets out of the spec and name where they are kept instead",
    "slo": "State an SLO with a target and a measurement window",
    "alert_fields": "Give every alert a severity and a notification channel",
    "runbooks": "Link a runbook that exists from every Critical and High alert",
    "backups": "State a frequency and a retention for every backup",
    "dr_objectives": "State the Disaster Recovery RTO and RPO as durations",
    "alerts_match_slos": "Set the error-rate alert thresholds to fit the error-rate SLO",
    "backup_within_rpo": (
        "Back up at least as often as the RPO, or describe the replication or point-in-time "
        "recovery that meets it"
    ),
    "rollback_within_dr": "Make the rollback RTO no longer than the Disaster Recovery RTO",
    "final_status": "Approve the spec (status Approved or Implemented) with no placeholder left",
    "fresh": "Review the spec and update its Last Updated date",
    "links": "Fix the Related Specifications and $ref links that do not resolve",
}


def rule_checks() -> dict[str, str]:
    """Rule code -> the key of the check its findings fail (`Rule.readiness`)."""
    return {r.code: r.readiness for r in all_rules() if r.readiness is not None}


def assess(
    spec: Spec,
    findings: Iterable[Finding],
    options: ReadinessOptions,
    mapping: dict[str, str] | None = None,
) -> Readiness:
    """The readiness of one operations spec. `findings` are the build's findings (those of
    other files are ignored), after the user's rule settings. A finding of a rule mapped to a
    check fails that check (with the findings as its detail) whatever the model says.
    `mapping` is `rule_checks()`, for callers that assess many specs."""
    own = [f for f in findings if f.path == spec.path]
    subject = _Subject(
        spec=spec, ops=spec.operations or Operations(), findings=own, options=options
    )
    by_check: dict[str, list[Finding]] = {}
    if mapping is None:
        mapping = rule_checks()
    for f in own:
        key = mapping.get(f.rule)
        if key is not None:
            by_check.setdefault(key, []).append(f)
    checks = []
    for level, key, title, fn in CHECKS:
        state, detail = fn(subject)
        found = by_check.get(key)
        if found and state != FAIL:
            state, detail = FAIL, _where(found)
        checks.append(Check(level, key, title, state, detail))
    return readiness_of(checks)


def readiness_of(checks: list[Check]) -> Readiness:
    """The level `checks` reach, and the checks that keep them from the next one."""
    level = NONE
    for candidate in LEVELS:
        if not all(c.ok for c in checks if c.level == candidate):
            break
        level = candidate
    nxt = next_level(level)
    blocking = [c for c in checks if c.level == nxt and not c.ok] if nxt else []
    return Readiness(level=level, checks=checks, blocking=blocking)


def assess_catalog(catalog: Catalog, options: ReadinessOptions) -> dict[str, Readiness]:
    """Readiness of every operations spec of the portfolio (with or without a GUID), by spec
    path (sorted)."""
    mapping = rule_checks()
    out = {
        spec.path: assess(spec, catalog.findings_for(spec.path), options, mapping)
        for _, spec in catalog.operations_rows()
    }
    return dict(sorted(out.items()))


def summary_line(result: Readiness) -> str:
    """'Silver (Gold needs: Approved or Implemented, no placeholders)', 'Gold', or
    'Below Bronze (Bronze needs: Valid header)'."""
    text = LEVEL_TITLES[result.level]
    if result.next_level and result.blocking:
        text += f" ({LEVEL_TITLES[result.next_level]} needs: {result.blocking[0].title})"
    return text


def summary_data(result: Readiness) -> dict[str, object]:
    """The level, the next level and the checks that keep the spec from it, as JSON data."""
    return {
        "level": result.level,
        "next_level": result.next_level,
        "blocking": [
            {"key": c.key, "title": c.title, "state": c.state, "detail": c.detail}
            for c in result.blocking
        ],
    }
