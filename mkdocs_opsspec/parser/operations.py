"""What only operations specs carry: SLOs, metrics, alerts, runbooks, health checks, recovery
objectives, backups, deployment steps."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from operator import attrgetter

from .. import units
from ..markdown_blocks import Document, Heading, inline_text
from ..model import (
    SLO,
    Alert,
    Backup,
    ConfigParameter,
    HealthCheck,
    KeyValue,
    Metric,
    Objective,
    Operations,
    Recovery,
    Runbook,
    Section,
    Table,
    TableRow,
)
from ..units import UnitError
from .memo import remembered
from .scope import (
    Scope,
    count_numbered,
    item_text,
    key_value,
    normalize_key,
    section_scope,
)

parse_duration = remembered(units.parse_duration)
parse_frequency = remembered(units.parse_frequency)
parse_latency = remembered(units.parse_latency)
parse_percentage = remembered(units.parse_percentage)
parse_window = remembered(units.parse_window)

_ALERT_HEADING_RE = re.compile(r"^alert\b\s*(?:#?\d+)?\s*[:.\-–—]?\s*(.*)$", re.IGNORECASE)
_RUNBOOK_HEADING_RE = re.compile(
    r"^runbook\b\s*(?:#?\d+\s*[:.\-–—]?|[:\-–—])\s*(.*)$", re.IGNORECASE
)
# "5.1 ", "3) ", emoji and other symbols before a heading's words
_LEADING_NUMBER_RE = re.compile(r"^(?:[^\w\s]+\s*)*(?:\d+(?:\.\d+)*[.)]?\s+)?(?:[^\w\s]+\s*)*")
_NO_DATA_RE = re.compile(
    r"\b(stateless|holds no (?:persistent )?data|no (?:persistent |durable )?(?:data|state) "
    r"(?:is )?(?:held|stored|kept)|stores no data|keeps no (?:data|state))\b",
    re.IGNORECASE,
)
_LATENCY_WORDS = ("latency", "response time", "duration", "p50", "p90", "p95", "p99", "p999")

_ALERT_FIELDS = {
    "condition": "condition",
    "trigger": "condition",
    "severity": "severity",
    "priority": "severity",
    "notification": "notification",
    "notify": "notification",
    "channel": "notification",
    "escalation": "notification",
    "runbook": "runbook",
}
_FREQUENCY_KEYS = frozenset({"frequency", "backup_frequency", "schedule", "interval"})
_RETENTION_KEYS = frozenset({"retention", "backup_retention", "retention_period", "kept_for"})
_LOCATION_KEYS = frozenset({"location", "backup_location", "storage", "stored_in", "destination"})
_BACKUP_KEYS = _FREQUENCY_KEYS | _RETENTION_KEYS | _LOCATION_KEYS


def slo_kind(metric: str) -> str:
    m = metric.lower()
    if "availab" in m or "uptime" in m:
        return "availability"
    if "error" in m:
        return "error_rate"
    if any(w in m for w in _LATENCY_WORDS):
        return "latency"
    return "other"


@lru_cache(maxsize=1024)
def _header_keys(header: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalize_key(inline_text(h)) for h in header)


def _column(header: tuple[str, ...], *names: str) -> int | None:
    norm = _header_keys(header)
    for name in names:
        for i, h in enumerate(norm):
            if h == name:
                return i
    for name in names:
        for i, h in enumerate(norm):
            if name in h:
                return i
    return None


def _cell(row: TableRow, idx: int | None) -> str:
    if idx is None or idx >= len(row.cells):
        return ""
    return row.cells[idx]


def is_slo_table(table: Table) -> bool:
    return _column(table.header, "target", "objective", "goal") is not None and (
        _column(table.header, "metric", "slo", "sli", "indicator", "service_level_indicator")
        is not None
    )


def read_slos(table: Table) -> list[SLO]:
    metric_col = _column(table.header, "metric", "slo", "sli", "indicator") or 0
    target_col = _column(table.header, "target", "objective", "goal")
    window_col = _column(table.header, "measurement_window", "window", "period", "time_window")
    out = []
    for row in table.rows:
        metric = inline_text(_cell(row, metric_col))
        target_raw = _cell(row, target_col)
        window_raw = _cell(row, window_col)
        slo = SLO(
            metric=metric,
            target_raw=target_raw,
            window_raw=window_raw,
            line=row.line,
            kind=slo_kind(metric),
            cells=row.cells,
        )
        _parse_target(slo)
        try:
            slo.window = parse_window(inline_text(window_raw))
        except UnitError as exc:
            slo.window_error = str(exc)
        out.append(slo)
    return out


def _parse_target(slo: SLO) -> None:
    text = inline_text(slo.target_raw)
    try:
        if slo.kind in ("availability", "error_rate"):
            slo.target = parse_percentage(text)
        elif slo.kind == "latency":
            slo.target = parse_latency(text)
        else:
            try:
                slo.target = parse_percentage(text)
            except UnitError:
                slo.target = parse_latency(text)
                slo.kind = "latency"
    except UnitError as exc:
        slo.target_error = str(exc)


def read_metrics(table: Table) -> list[Metric]:
    name_col = _column(table.header, "metric", "name") or 0
    type_col = _column(table.header, "type")
    threshold_col = _column(table.header, "threshold")
    cond_col = _column(table.header, "alert_condition", "condition", "alert")
    return [
        Metric(
            name=inline_text(_cell(r, name_col)),
            type=_cell(r, type_col),
            threshold=_cell(r, threshold_col),
            alert_condition=_cell(r, cond_col),
            line=r.line,
            cells=r.cells,
        )
        for r in table.rows
    ]


def read_config_parameters(table: Table) -> list[ConfigParameter]:
    name_col = _column(table.header, "parameter", "name", "key") or 0
    desc_col = _column(table.header, "description")
    default_col = _column(table.header, "default", "default_value")
    prod_col = _column(table.header, "production_value", "production", "prod")
    return [
        ConfigParameter(
            name=inline_text(_cell(r, name_col)),
            description=_cell(r, desc_col),
            default=_cell(r, default_col),
            production_value=_cell(r, prod_col),
            line=r.line,
        )
        for r in table.rows
    ]


def is_alert_table(table: Table) -> bool:
    return _column(table.header, "severity", "priority") is not None and (
        _column(table.header, "alert", "alert_name", "name") is not None
    )


def read_alert_table(table: Table) -> list[Alert]:
    name_col = _column(table.header, "alert", "alert_name", "name")
    cond_col = _column(table.header, "condition", "trigger")
    sev_col = _column(table.header, "severity", "priority")
    notif_col = _column(table.header, "notification", "channel", "notify")
    runbook_col = _column(table.header, "runbook")
    out = []
    for r in table.rows:
        name = inline_text(_cell(r, name_col))
        if not name:
            continue
        out.append(
            Alert(
                name=name,
                line=r.line,
                source="table",
                condition=_cell(r, cond_col) or None,
                severity=_cell(r, sev_col) or None,
                notification=_cell(r, notif_col) or None,
                runbook=_cell(r, runbook_col) or None,
            )
        )
    return out


def _block_heading_name(regex: re.Pattern[str], heading: Heading) -> str | None:
    return _heading_name(regex, heading.text)


@lru_cache(maxsize=4096)
def _heading_name(regex: re.Pattern[str], text: str) -> str | None:
    m = regex.match(_LEADING_NUMBER_RE.sub("", inline_text(text)))
    if m is None:
        return None
    return m.group(1).strip() or inline_text(text)


_LINE = attrgetter("line")
_ALERT_KEYS = frozenset(_ALERT_FIELDS)


def _heading_end(doc: Document, heading: Heading, limit: int) -> int:
    """The last line of a heading's body: before the next heading of its level or above."""
    headings = doc.headings
    for k in range(bisect_right(headings, heading.line, key=_LINE), len(headings)):
        h = headings[k]
        if h.line > limit:
            break
        if h.level <= heading.level:
            return min(h.line - 1, limit)
    return limit


def read_alert_blocks(doc: Document, scope: Scope) -> list[Alert]:
    out = []
    for h in scope.headings():
        name = _block_heading_name(_ALERT_HEADING_RE, h)
        if name is None:
            continue
        alert = Alert(name=name, line=h.line, source="block")
        body = Scope(doc, h.line + 1, _heading_end(doc, h, scope.last))
        for kv in body.key_values(_ALERT_KEYS):
            alert.fields.setdefault(normalize_key(kv.key), kv)
            attr = _ALERT_FIELDS.get(normalize_key(kv.key))
            if attr is not None and getattr(alert, attr) is None:
                setattr(alert, attr, kv.value)
        out.append(alert)
    return out


def read_runbooks(doc: Document, section: Section, anchors: dict[int, str]) -> list[Runbook]:
    """Runbooks: subheadings of Runbooks named `Runbook N: name` (or `Runbook: name`), and any
    other subheading whose body has a **Steps** list (`### Service Down`)."""
    scope = section_scope(doc, section)
    out = []
    for h in scope.headings():
        if h.level != section.level + 1:
            continue
        name = _block_heading_name(_RUNBOOK_HEADING_RE, h)
        rb = Runbook(name=name or inline_text(h.text), line=h.line, anchor=anchors.get(h.line, ""))
        in_steps = False
        has_steps = False
        for line in Scope(doc, h.line + 1, _heading_end(doc, h, scope.last)).lines():
            kv = key_value(line)
            if kv is not None and not (in_steps and line.item and kv.value):
                key = normalize_key(kv.key)
                in_steps = key in ("steps", "procedure", "actions")
                has_steps = has_steps or in_steps
                if key in ("when_to_use", "when", "trigger", "triggers"):
                    rb.when_to_use = kv.value or None
                elif key in ("escalation", "escalate"):
                    rb.escalation = kv.value or None
                elif in_steps and kv.value:
                    rb.steps.append(kv.value)
                continue
            if in_steps and line.item:
                rb.steps.append(item_text(line))
        if name is not None or has_steps:
            out.append(rb)
    return out


def _objective(kv: KeyValue) -> Objective:
    try:
        return Objective(raw=kv.value, line=kv.line, duration=parse_duration(inline_text(kv.value)))
    except UnitError as exc:
        return Objective(raw=kv.value, line=kv.line, duration=None, error=str(exc))


def read_recovery(doc: Document, section: Section, name: str) -> Recovery:
    rec = Recovery(section=name, line=section.line)
    for kv in section_scope(doc, section).key_values():
        key = normalize_key(kv.key)
        if (key == "rto" or key.startswith("recovery_time")) and rec.rto is None:
            rec.rto = _objective(kv)
        elif (key == "rpo" or key.startswith("recovery_point")) and rec.rpo is None:
            rec.rpo = _objective(kv)
    return rec


def read_health(doc: Document, section: Section) -> HealthCheck:
    hc = HealthCheck(line=section.line)
    for kv in section_scope(doc, section).key_values():
        key = normalize_key(kv.key)
        if key in ("endpoint", "health_endpoint", "url", "path") and hc.endpoint is None:
            hc.endpoint = kv
        elif key in ("check_frequency", "frequency", "interval", "check_interval"):
            hc.frequency = hc.frequency or kv
        elif key in ("success_criteria", "expected_response", "healthy_when", "criteria"):
            hc.success_criteria = hc.success_criteria or kv
    return hc


def read_backups(doc: Document, section: Section) -> list[Backup]:
    """Backup entries: one per named group (`**Database**:` followed by items), or one for the
    whole strategy when it is a flat list."""
    groups: list[Backup] = []
    current: Backup | None = None
    for line in section_scope(doc, section).lines():
        kv = key_value(line, _BACKUP_KEYS)
        if kv is None:
            continue
        key = normalize_key(kv.key)
        if key not in _BACKUP_KEYS:
            if not kv.value and not line.item:
                current = Backup(name=inline_text(kv.key), line=kv.line)
                groups.append(current)
            continue
        if current is None:
            current = Backup(name=None, line=kv.line)
            groups.append(current)
        if key in _FREQUENCY_KEYS and current.frequency is None:
            current.frequency = kv
            try:
                current.interval = parse_frequency(inline_text(kv.value))
            except UnitError:
                current.interval = None
        elif key in _RETENTION_KEYS and current.retention is None:
            current.retention = kv
        elif key in _LOCATION_KEYS and current.location is None:
            current.location = kv
    return [g for g in groups if g.frequency or g.retention or g.location]


def _count_numbered(doc: Document, section: Section) -> int:
    return count_numbered(section_scope(doc, section).lines())


def read_operations(doc: Document, sections: list[Section], anchors: dict[int, str]) -> Operations:
    """`anchors`: heading line -> heading id."""
    ops = Operations()
    by_key: dict[str | None, list[Section]] = {}  # what find_sections(sections, key) gives
    for s in sections:
        by_key.setdefault(s.key, []).append(s)
    for section in by_key.get("slos", []):
        for table in section_scope(doc, section).tables():
            if is_slo_table(table):
                ops.slo_tables += 1
                ops.slos.extend(read_slos(table))
    for section in by_key.get("metrics", []):
        for table in section_scope(doc, section).tables():
            ops.metrics.extend(read_metrics(table))
    for section in by_key.get("configuration_parameters", []):
        for table in section_scope(doc, section).tables():
            ops.config_parameters.extend(read_config_parameters(table))

    alert_sections = by_key.get("alerts", [])
    alert_scopes = [section_scope(doc, s) for s in alert_sections] or [
        Scope(doc, doc.front_matter_end + 1, len(doc.lines))
    ]
    for scope in alert_scopes:
        ops.alerts.extend(read_alert_blocks(doc, scope) if alert_sections else [])
        for table in scope.tables():
            if is_alert_table(table):
                ops.alerts.extend(read_alert_table(table))
    ops.alerts.sort(key=lambda a: a.line)

    for section in by_key.get("runbooks", []):
        ops.runbooks.extend(read_runbooks(doc, section, anchors))

    health = by_key.get("health_checks", [])
    if health:
        ops.health = read_health(doc, health[0])

    rollback = by_key.get("rollback_procedure", [])
    if rollback:
        ops.rollback = read_recovery(doc, rollback[0], "rollback")
        ops.rollback_steps = _count_numbered(doc, rollback[0])
    dr = by_key.get("disaster_recovery", [])
    if dr:
        ops.disaster_recovery = read_recovery(doc, dr[0], "disaster_recovery")
    steps = by_key.get("deployment_steps", [])
    if steps:
        ops.deploy_steps = _count_numbered(doc, steps[0])

    backup_sections = by_key.get("backup_strategy", []) or by_key.get("backup_recovery", [])
    for section in backup_sections:
        ops.backups.extend(read_backups(doc, section))
        found = _no_data_line(doc, section)
        if found is not None:
            ops.no_data_line = found
    if ops.no_data_line is None:
        for section in dr + by_key.get("overview", []):
            found = _no_data_line(doc, section)
            if found is not None:
                ops.no_data_line = found
    return ops


def _no_data_line(doc: Document, section: Section) -> int | None:
    """The first line of a section saying the service holds no data. One search of the joined
    lines: a match never spans a line break, and a line break is a word boundary as the start
    and end of a line are."""
    lines = section_scope(doc, section).lines()
    if not lines:
        return None
    text = "\n".join(v.text for v in lines)
    m = _NO_DATA_RE.search(text)
    return None if m is None else lines[text.count("\n", 0, m.start())].line
