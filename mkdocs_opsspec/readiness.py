"""Production readiness of an operations spec: checks grouped in cumulative levels.

- Bronze: a valid header, a health check, deploy and rollback steps, dependencies listed.
- Silver: a valid SLO, complete alerts, runbooks for Critical/High alerts, backups with frequency
  and retention, disaster-recovery RTO and RPO.
- Gold: alerts consistent with the SLOs, backups within the RPO, rollback within the DR RTO,
  a final status without placeholders, recently updated, related specs that resolve.

Each check is `pass`, `fail`, `na` (does not apply: a service that holds no data has no backups)
or `not_checked` (cannot be evaluated, e.g. a duration that does not parse; never a pass). A spec
reaches a level when every check of that level and the levels below is `pass` or `na`.

Checks decide from the model; where a registered rule already decides a check (header rules,
link rules), its findings are used too. Rules that are looked up by name (runbook, SLO/alert
consistency, placeholder rules) are used when they are registered; until then the model decides.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import unquote

from .budget import page_burn_rate
from .catalog import Catalog
from .markdown_blocks import inline_text
from .model import Alert, Finding, Objective, Operations, Percentage, Severity, Spec
from .sections import slugify, unique_slugs
from .units import format_duration

LEVELS: tuple[str, ...] = ("bronze", "silver", "gold")
NONE = "none"
PASS, FAIL, NA, NOT_CHECKED = "pass", "fail", "na", "not_checked"
STATES: tuple[str, ...] = (PASS, FAIL, NA, NOT_CHECKED)
DEFAULT_READY_STATUSES: tuple[str, ...] = ("Approved", "Implemented")

#: Link rules whose findings mean a related spec or `$ref` does not resolve.
LINK_CODES = frozenset({"OS701", "OS702", "OS703", "OS704"})

_PLACEHOLDER_RE = re.compile(
    r"(?<!\])\[[^\]\n]*\](?![(\[:])|\{\{|\b(?:TBD|TBC|TODO|XXX)\b", re.IGNORECASE
)
_LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]+)>")
_URL_RE = re.compile(r"\bhttps?://\S+")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_HIGH_RE = re.compile(r"^(critical|high)\b")
_PERCENT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*%")


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


@dataclass(frozen=True)
class Readiness:
    level: str  # none | bronze | silver | gold
    checks: list[Check] = field(default_factory=list)
    blocking: list[Check] = field(default_factory=list)  # what keeps it from the next level

    @property
    def next_level(self) -> str | None:
        if self.level == NONE:
            return LEVELS[0]
        i = LEVELS.index(self.level)
        return LEVELS[i + 1] if i + 1 < len(LEVELS) else None


@dataclass(frozen=True)
class ReadinessOptions:
    reference_date: dt.date
    stale_after_days: int = 180
    ready_statuses: tuple[str, ...] = DEFAULT_READY_STATUSES


@dataclass
class _Subject:
    """What a check may look at."""

    spec: Spec
    ops: Operations
    findings: list[Finding]
    options: ReadinessOptions
    known_paths: frozenset[str]

    def with_codes(self, codes: Iterable[str]) -> list[Finding]:
        wanted = set(codes)
        return [f for f in self.findings if f.rule in wanted]


Result = tuple[str, str]
CheckFn = Callable[[_Subject], Result]


# --- rule codes looked up in the registry -----------------------------------------------------


def rule_codes(prefix: str, *words: str, every: tuple[str, ...] = ()) -> frozenset[str]:
    """Registered codes starting with `prefix` whose rule name contains one of `words` (if
    given) and all of `every`."""
    from . import rules
    from .rules.registry import RULES

    rules._modules()  # import every rule area that exists, so the registry is complete
    return frozenset(
        code
        for code, rule in RULES.items()
        if code.startswith(prefix)
        and not rule.deprecated
        and (not words or any(w in rule.name for w in words))
        and all(w in rule.name for w in every)
    )


def runbook_codes() -> frozenset[str]:
    """Rules about an alert's runbook (reported on the alert's lines)."""
    return rule_codes("OS5", "runbook")


def consistency_codes() -> frozenset[str]:
    """Rules that compare alert thresholds with the SLOs (burn rates)."""
    words = ("burn", "consisten", "threshold")
    return rule_codes("OS3", *words) | rule_codes("OS5", *words)


def backup_rpo_codes() -> frozenset[str]:
    return rule_codes("OS4", every=("backup", "rpo"))


def rollback_rto_codes() -> frozenset[str]:
    return rule_codes("OS4", every=("rollback", "rto"))


def placeholder_codes() -> frozenset[str]:
    return rule_codes("OS2", "placeholder")


def _by_rule(s: _Subject, codes: frozenset[str]) -> Result | None:
    """The verdict of registered rules: `fail` with their findings, else `pass`; None when no
    such rule is registered (the model decides)."""
    if not codes:
        return None
    found = s.with_codes(codes)
    return (FAIL, _where(found)) if found else (PASS, "")


# --- small helpers --------------------------------------------------------------------------


def is_placeholder(value: str | None) -> bool:
    """Whether a value is, or holds, an unfilled template placeholder ([time], {{x}}, TBD)."""
    return bool(value) and _PLACEHOLDER_RE.search(value or "") is not None


def _stated(value: str | None) -> bool:
    return bool(value and inline_text(value).strip()) and not is_placeholder(value)


def _names(items: Iterable[str], limit: int = 3) -> str:
    shown = list(items)
    more = len(shown) - limit
    text = ", ".join(f"'{s}'" for s in shown[:limit])
    return text + (f" and {more} more" if more > 0 else "")


def _where(findings: list[Finding]) -> str:
    return "; ".join(
        f"{f.rule}" + (f" (line {f.line})" if f.line else "") + f": {f.message}"
        for f in findings[:3]
    )


def _is_high(alert: Alert) -> bool:
    return _HIGH_RE.match(inline_text(alert.severity or "").lower()) is not None


def _seconds(obj: Objective | None) -> Decimal | None:
    return obj.duration.seconds if obj is not None and obj.duration is not None else None


def _objective_state(obj: Objective | None, what: str) -> Result:
    """`pass` for a stated objective that parses (or is N/A), `fail` when missing or a
    placeholder, `not_checked` when it does not parse."""
    if obj is None or not obj.raw.strip():
        return FAIL, f"{what} is not stated"
    if is_placeholder(obj.raw):
        return FAIL, f"{what} is a template placeholder ('{obj.raw}')"
    if obj.duration is None:
        return NOT_CHECKED, f"{what} '{obj.raw}' does not parse: {obj.error}"
    return PASS, f"{what} {obj.raw}"


# --- bronze ---------------------------------------------------------------------------------

HEADER_FIELDS = (("guid", "GUID"), ("version", "Version"), ("status", "Status"))


def check_header(s: _Subject) -> Result:
    missing = [
        title
        for name, title in (*HEADER_FIELDS, ("last_updated", "Last Updated"))
        if not _stated(s.spec.field_value(name))
    ]
    if missing:
        return FAIL, "missing or placeholder header field: " + ", ".join(missing)
    errors = [f for f in s.findings if f.rule.startswith("OS1") and f.severity is Severity.ERROR]
    if errors:
        return FAIL, _where(errors)
    return PASS, ""


def check_health(s: _Subject) -> Result:
    hc = s.ops.health
    if hc is None:
        return FAIL, "no Health Checks section"
    missing = [
        what
        for what, kv in (("endpoint", hc.endpoint), ("check frequency", hc.frequency))
        if kv is None or not _stated(kv.value)
    ]
    if missing:
        return FAIL, "health check has no " + " and no ".join(missing)
    assert hc.endpoint is not None and hc.frequency is not None
    return PASS, f"{inline_text(hc.endpoint.value)} {inline_text(hc.frequency.value)}"


def check_deploy_rollback(s: _Subject) -> Result:
    missing = []
    if s.ops.deploy_steps <= 0:
        missing.append("no numbered Deployment Steps")
    if s.ops.rollback_steps <= 0:
        missing.append("no numbered Rollback Procedure steps")
    if missing:
        return FAIL, "; ".join(missing)
    return PASS, f"{s.ops.deploy_steps} deploy steps, {s.ops.rollback_steps} rollback steps"


def check_dependencies(s: _Subject) -> Result:
    deps = [d for d in s.spec.dependencies if d.kind in ("upstream", "downstream")]
    if not deps:
        return FAIL, "no Upstream or Downstream Dependencies listed"
    return PASS, f"{len(deps)} listed"


# --- silver ---------------------------------------------------------------------------------


def check_slo(s: _Subject) -> Result:
    if not s.ops.slos:
        return FAIL, "no SLO table"
    valid = [slo for slo in s.ops.slos if slo.target is not None and slo.window is not None]
    if valid:
        return PASS, f"{len(valid)} of {len(s.ops.slos)} SLOs have a target and a window"
    return FAIL, "no SLO has both a target and a window that parse"


def check_alert_fields(s: _Subject) -> Result:
    if not s.ops.alerts:
        return FAIL, "no alerts defined"
    lacking = [
        a.name for a in s.ops.alerts if not (_stated(a.severity) and _stated(a.notification))
    ]
    if lacking:
        return FAIL, f"alerts without severity or notification: {_names(lacking)}"
    return PASS, f"{len(s.ops.alerts)} alerts"


def check_runbooks(s: _Subject) -> Result:
    high = [a for a in s.ops.alerts if _is_high(a)]
    if not high:
        return NA, "no Critical or High alerts"
    codes = runbook_codes()
    problems: list[str] = []
    unsure: list[str] = []
    for alert in high:
        if codes:  # a registered runbook rule decides, from its findings on the alert's lines
            lines = {alert.line, *(kv.line for kv in alert.fields.values())}
            found = [f for f in s.with_codes(codes) if f.line in lines]
            state, why = (FAIL, found[0].message) if found else (PASS, "")
        else:
            state, why = runbook_state(s.spec, alert, s.known_paths)
        if state == FAIL:
            problems.append(f"'{alert.name}': {why}")
        elif state == NOT_CHECKED:
            unsure.append(f"'{alert.name}': {why}")
    if problems:
        return FAIL, "; ".join(problems[:3]) + (" ..." if len(problems) > 3 else "")
    if unsure:
        return NOT_CHECKED, "; ".join(unsure[:3])
    return PASS, f"{len(high)} Critical/High alerts have a runbook"


def runbook_state(spec: Spec, alert: Alert, known_paths: frozenset[str]) -> Result:
    """Whether an alert's runbook value resolves: a link to a heading of the spec, to an
    existing page (and heading, when that page is a spec), an http(s) URL, or the name of one of
    the spec's runbooks."""
    value = (alert.runbook or "").strip()
    if not _stated(value):
        return FAIL, "no runbook" if not value else f"runbook '{value}' is a placeholder"
    target = _first_target(value)
    if target is None:
        text = inline_text(value).casefold()
        for rb in spec.operations.runbooks if spec.operations else []:
            if rb.name and (rb.name.casefold() in text or rb.anchor == slugify(value)):
                return PASS, ""
        return FAIL, f"runbook '{value}' is neither a link nor the name of a runbook of the spec"
    scheme = _SCHEME_RE.match(target)
    if scheme:
        if scheme.group(1).lower() in ("http", "https"):
            return PASS, ""
        return FAIL, f"runbook link '{target}' is not a page or an http(s) URL"
    path, _, anchor = target.partition("#")
    path = unquote(path)
    if not path:
        if anchor in _anchors(spec):
            return PASS, ""
        return FAIL, f"runbook link '#{anchor}' names no heading of the spec"
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(spec.path), path))
    if resolved.startswith("../") or resolved == ".." or path.startswith("/"):
        return FAIL, f"runbook link '{target}' leaves docs_dir"
    if resolved not in known_paths:
        return FAIL, f"runbook link '{target}' names no page of the site"
    return PASS, ""


def _first_target(value: str) -> str | None:
    for regex in (_LINK_RE, _AUTOLINK_RE):
        m = regex.search(value)
        if m:
            return m.group(1)
    m = _URL_RE.search(value)
    if m:
        return m.group(0).rstrip(".,;")
    bare = value.strip("`").strip()
    if bare.startswith("#") or (bare.endswith(".md") and " " not in bare) or ".md#" in bare:
        return bare
    return None


def _anchors(spec: Spec) -> frozenset[str]:
    if spec.document is not None:
        return frozenset(unique_slugs(h.text for h in spec.document.headings))
    return frozenset(s.anchor for s in spec.sections)


def _holds_no_data(s: _Subject) -> bool:
    """The spec says the service holds no data and states no backups (a spec that states
    backups has data worth backing up, whatever its overview says about the service)."""
    return s.ops.no_data_line is not None and not s.ops.backups


def check_backups(s: _Subject) -> Result:
    if _holds_no_data(s):
        return NA, f"the spec says the service holds no data (line {s.ops.no_data_line})"
    if not s.ops.backups:
        return FAIL, "no backup strategy with a frequency and a retention"
    lacking = [
        b.name or "backup"
        for b in s.ops.backups
        if not (b.frequency and _stated(b.frequency.value))
        or not (b.retention and _stated(b.retention.value))
    ]
    if lacking:
        return FAIL, f"backups without frequency or retention: {_names(lacking)}"
    return PASS, f"{len(s.ops.backups)} backup entries"


def check_dr_objectives(s: _Subject) -> Result:
    dr = s.ops.disaster_recovery
    if dr is None:
        return FAIL, "no Disaster Recovery section"
    results = [_objective_state(dr.rto, "DR RTO"), _objective_state(dr.rpo, "DR RPO")]
    return _combine(results)


def _combine(results: list[Result]) -> Result:
    for wanted in (FAIL, NOT_CHECKED):
        bad = [detail for state, detail in results if state == wanted]
        if bad:
            return wanted, "; ".join(bad)
    return PASS, "; ".join(detail for _, detail in results if detail)


# --- gold -----------------------------------------------------------------------------------


def check_alerts_match_slos(s: _Subject) -> Result:
    error_slos = [
        slo for slo in s.ops.slos if slo.kind == "error_rate" and isinstance(slo.target, Percentage)
    ]
    if not error_slos:
        return NA, "no error-rate SLO"
    return _by_rule(s, consistency_codes()) or _model_consistency(s, error_slos[0])


def _model_consistency(s: _Subject, slo) -> Result:  # type: ignore[no-untyped-def]
    """Error-rate alerts fire above the objective and at most at the page burn rate times it
    (14.4x for 30 days). Used while no SLO/alert consistency rule is registered."""
    objective = slo.target.value
    burn = page_burn_rate(slo.window)
    watching = [a for a in s.ops.alerts if a.condition and "error" in a.condition.lower()]
    if not watching:
        return FAIL, "no alert watches the error rate"
    bad: list[str] = []
    checked = 0
    for alert in watching:
        m = _PERCENT_RE.search(alert.condition or "")
        if m is None:
            continue
        checked += 1
        threshold = Decimal(m.group(1))
        if threshold <= objective:
            bad.append(f"'{alert.name}' fires at {threshold}%, within the objective {objective}%")
        elif burn is not None and threshold > burn * objective * Decimal("1.0001"):
            bad.append(
                f"'{alert.name}' fires at {threshold}%, above {burn.normalize()}x the "
                f"objective {objective}%"
            )
    if bad:
        return FAIL, "; ".join(bad)
    if checked == 0:
        return NOT_CHECKED, "no error-rate alert states a percentage threshold"
    return PASS, ""


def check_backup_within_rpo(s: _Subject) -> Result:
    if _holds_no_data(s):
        return NA, "the service holds no data"
    dr = s.ops.disaster_recovery
    rpo = dr.rpo if dr else None
    if rpo is not None and rpo.duration is not None and rpo.duration.not_applicable:
        return NA, "DR RPO is N/A"
    state, detail = _objective_state(rpo, "DR RPO")
    if state != PASS:
        return state, detail
    verdict = _by_rule(s, backup_rpo_codes())
    if verdict is not None:
        return verdict
    if not s.ops.backups:
        return FAIL, "no backups"
    intervals = [
        b.interval.seconds for b in s.ops.backups if b.interval and b.interval.seconds is not None
    ]
    if not intervals:
        return NOT_CHECKED, "no backup frequency parses as an interval"
    shortest = min(intervals)
    limit = _seconds(rpo)
    assert limit is not None
    shown = f"backups every {format_duration(shortest)}, RPO {format_duration(limit)}"
    return (PASS, shown) if shortest <= limit else (FAIL, shown + ": backups are too far apart")


def check_rollback_within_dr(s: _Subject) -> Result:
    rb = s.ops.rollback.rto if s.ops.rollback else None
    dr = s.ops.disaster_recovery.rto if s.ops.disaster_recovery else None
    results = [_objective_state(rb, "Rollback RTO"), _objective_state(dr, "DR RTO")]
    state, detail = _combine(results)
    if state != PASS:
        return state, detail
    if any(o is not None and o.duration and o.duration.not_applicable for o in (rb, dr)):
        return NA, "an RTO is N/A"
    verdict = _by_rule(s, rollback_rto_codes())
    if verdict is not None:
        return verdict
    rb_s, dr_s = _seconds(rb), _seconds(dr)
    assert rb_s is not None and dr_s is not None
    shown = f"rollback {format_duration(rb_s)}, DR {format_duration(dr_s)}"
    return (PASS, shown) if rb_s <= dr_s else (FAIL, shown + ": rollback takes longer than DR")


def check_final_status(s: _Subject) -> Result:
    status = inline_text(s.spec.status or "").strip()
    ready = {x.casefold() for x in s.options.ready_statuses}
    if status.casefold() not in ready:
        shown = status or "no status"
        return FAIL, f"status is {shown}, not {' or '.join(s.options.ready_statuses)}"
    verdict = _by_rule(s, placeholder_codes())
    if verdict is not None:
        return (verdict[0], verdict[1] or status)
    values = _placeholder_values(s.spec, s.ops)
    if values:
        return FAIL, f"template placeholders left: {_names(values)}"
    return PASS, status


def _placeholder_values(spec: Spec, ops: Operations) -> list[str]:
    """Parsed values that still hold a template placeholder."""
    values: list[str | None] = [spec.name, *(f.value for f in spec.fields.values())]
    for slo in ops.slos:
        values += [slo.metric, slo.target_raw, slo.window_raw]
    for alert in ops.alerts:
        values += [alert.name, alert.condition, alert.severity, alert.notification, alert.runbook]
    for rec in (ops.rollback, ops.disaster_recovery):
        if rec is not None:
            values += [o.raw for o in (rec.rto, rec.rpo) if o is not None]
    if ops.health is not None:
        h = ops.health
        values += [kv.value for kv in (h.endpoint, h.frequency, h.success_criteria) if kv]
    for b in ops.backups:
        values += [kv.value for kv in (b.frequency, b.retention, b.location) if kv]
    values += [rb.name for rb in ops.runbooks]
    out: list[str] = []
    for v in values:
        if v and is_placeholder(v) and v not in out:
            out.append(v)
    return out


def check_fresh(s: _Subject) -> Result:
    value = (s.spec.last_updated or "").strip()
    if not value:
        return FAIL, "no Last Updated date"
    try:
        updated = dt.date.fromisoformat(value)
    except ValueError:
        return NOT_CHECKED, f"Last Updated '{value}' is not a YYYY-MM-DD date"
    age = (s.options.reference_date - updated).days
    limit = s.options.stale_after_days
    if age > limit:
        return FAIL, f"last updated {age} days ago (more than {limit})"
    return PASS, f"updated {value}"


def check_links(s: _Subject) -> Result:
    found = s.with_codes(LINK_CODES)
    return (FAIL, _where(found)) if found else (PASS, "")


#: (level, key, title, check) in the order pages show them.
CHECKS: tuple[tuple[str, str, str, CheckFn], ...] = (
    ("bronze", "header", "Valid header", check_header),
    ("bronze", "health_check", "Health check defined", check_health),
    ("bronze", "deploy_rollback", "Deploy and rollback steps", check_deploy_rollback),
    ("bronze", "dependencies", "Dependencies listed", check_dependencies),
    ("silver", "slo", "A valid SLO", check_slo),
    ("silver", "alert_fields", "Alerts have severity and notification", check_alert_fields),
    ("silver", "runbooks", "Critical/High alerts have runbooks", check_runbooks),
    ("silver", "backups", "Backups state frequency and retention", check_backups),
    ("silver", "dr_objectives", "DR RTO and RPO stated", check_dr_objectives),
    ("gold", "alerts_match_slos", "Alerts consistent with SLOs", check_alerts_match_slos),
    ("gold", "backup_within_rpo", "Backup interval within RPO", check_backup_within_rpo),
    ("gold", "rollback_within_dr", "Rollback RTO within DR RTO", check_rollback_within_dr),
    ("gold", "final_status", "Approved or Implemented, no placeholders", check_final_status),
    ("gold", "fresh", "Recently updated", check_fresh),
    ("gold", "links", "Related specs resolve", check_links),
)


def assess(
    spec: Spec,
    findings: Iterable[Finding],
    options: ReadinessOptions,
    known_paths: Iterable[str] = (),
) -> Readiness:
    """The readiness of one operations spec. `findings` are the spec's findings (others are
    ignored); `known_paths` every file of docs_dir (runbook links to pages resolve to these)."""
    ops = spec.operations or Operations()
    subject = _Subject(
        spec=spec,
        ops=ops,
        findings=[f for f in findings if f.path == spec.path],
        options=options,
        known_paths=frozenset(known_paths) | {spec.path},
    )
    checks = [Check(level, key, title, *fn(subject)) for level, key, title, fn in CHECKS]
    return readiness_of(checks)


def readiness_of(checks: list[Check]) -> Readiness:
    """The level `checks` reach, and the checks that keep them from the next one."""
    level = NONE
    for candidate in LEVELS:
        if all(c.ok for c in checks if c.level == candidate):
            level = candidate
        else:
            break
    nxt = LEVELS[0] if level == NONE else None
    if level != NONE and LEVELS.index(level) + 1 < len(LEVELS):
        nxt = LEVELS[LEVELS.index(level) + 1]
    blocking = [c for c in checks if c.level == nxt and not c.ok] if nxt else []
    return Readiness(level=level, checks=checks, blocking=blocking)


def assess_catalog(catalog: Catalog, options: ReadinessOptions) -> dict[str, Readiness]:
    """Readiness of every operations spec of a feature, by spec path (sorted)."""
    out: dict[str, Readiness] = {}
    for _, spec in catalog.operations_specs():
        out[spec.path] = assess(spec, catalog.findings_for(spec.path), options, catalog.doc_paths)
    return dict(sorted(out.items()))
