"""What only operations specs carry: SLOs, metrics, alerts, runbooks, health checks, recovery
objectives, backups, deployment steps.

The small pure functions of a cell's or a table header's text (the unit parses, the column
plans) are `lru_cache`d: specs copy their values and headers from one template ("99.9%",
"30 days", "| Metric | Target | Measurement Window |"); what that buys is in
`docs/benchmarks.md`, row "parse caches"."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from operator import attrgetter, itemgetter

from ..lexer import Document, Heading, VisibleLine, inline_text, split_row
from ..model import (
    SLO,
    Alert,
    Backup,
    ConfigParameter,
    Duration,
    HealthCheck,
    KeyValue,
    Latency,
    Metric,
    Objective,
    Operations,
    Percentage,
    Recovery,
    Runbook,
    Section,
    Table,
    Window,
)
from ..units import (
    UnitError,
    parse_duration,
    parse_frequency,
    parse_latency,
    parse_percentage,
    parse_window,
)
from .scope import (
    Scope,
    clean_value,
    count_numbered,
    item_text,
    line_entry,
    lines_between,
    normalize_key,
    section_lines,
    section_scope,
    tables_between,
)

#: `Alert 1: name`, `Alert #2 - name`, `Alert: name` (not `Alert Routing`: a heading named
#: otherwise is an alert when it states a condition, see `read_alert_blocks`)
_ALERT_HEADING_RE = re.compile(r"^alert\b\s*(?:#?\d+\s*[:.\-–—]?|[:\-–—])\s*(.*)$", re.IGNORECASE)
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
# _NO_DATA_RE for lower-cased ASCII text. In ASCII text IGNORECASE matches exactly what
# lower-casing does (`ſ` also matches `s`, `K` `k`..., but they are not ASCII), and lowering
# keeps every character's place and whether it is a word character (for `\b`).
_NO_DATA_LOWER_RE = re.compile(_NO_DATA_RE.pattern)
_LATENCY_WORDS = ("latency", "response time", "duration", "p50", "p90", "p95", "p99", "p999")
#: Words of a recovery objective (time to restore the service), in a metric or its target.
_RECOVERY_RE = re.compile(
    r"\bmttr\b|\btime[- ]to[- ](?:restore|recover|recovery|repair|resolve|resolution)\b"
    r"|\bmean[- ]time[- ]to[- ](?:restore|recover|repair|resolve)\b",
    re.IGNORECASE,
)
#: The label in front of a recovery target: `MTTR < 2h`, `Time to restore: 4 hours`.
_RECOVERY_LABEL_RE = re.compile(
    r"^(?:mttr|(?:mean[- ])?time[- ]to[- ]\w+)\s*[:=]?\s*", re.IGNORECASE
)

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


@lru_cache(maxsize=1024)
def slo_kind(metric: str) -> str:
    """What an SLO measures, from its metric's name (remembered: specs reuse a few names)."""
    m = metric.lower()
    if _RECOVERY_RE.search(m):
        return "recovery"
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
    """The first column whose normalised header is one of `names`, else the first that holds
    one, tried in the order of `names`."""
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


Picker = Callable[[tuple[str, ...]], tuple[str, ...]]
#: What an SLO table's columns are called (normalised): what is measured, over which window.
_SLO_METRIC_COLUMNS = ("metric", "slo", "sli", "indicator", "service_level_indicator", "service")
_SLO_WINDOW_COLUMNS = (
    "measurement_window",
    "window",
    "period",
    "time_window",
    "measurement_interval",
    "interval",
    "measurement_period",
)


def _picker(header: tuple[str, ...], *cols: int | None) -> Picker:
    """A function giving the cells of a row at `cols` (two or more columns of `header`): ""
    for a column that is None or past the row's end. The row is padded with as many empty
    cells as the header has columns, plus one that None (-1) picks."""
    pad = ("",) * (len(header) + 1)
    get = itemgetter(*[-1 if c is None else c for c in cols])
    return lambda cells: get(cells + pad)  # type: ignore[no-any-return]


@lru_cache(maxsize=1024)
def _slo_plan(header: tuple[str, ...]) -> tuple[bool, Picker]:
    """Whether a table of this header is an SLO table, and its (metric, target, window)
    cells; remembered, as the other plans below: a site's tables share a few headers."""
    target = _column(header, "target", "objective", "goal")
    metric = _column(header, *_SLO_METRIC_COLUMNS)
    window = _column(header, *_SLO_WINDOW_COLUMNS)
    is_slo = target is not None and (metric is not None or window is not None)
    return is_slo, _picker(header, metric or 0, target, window)


def is_slo_table(table: Table) -> bool:
    return _slo_plan(table.header)[0]


def read_slos(table: Table) -> list[SLO]:
    pick = _slo_plan(table.header)[1]
    out = []
    for row in table.rows:
        cells = row.cells
        metric_cell, target_raw, window_raw = pick(cells)
        metric, kind, target, target_error = _slo_target(metric_cell, target_raw)
        window, window_error = _slo_window(window_raw)
        out.append(
            SLO(
                metric=metric,
                target_raw=target_raw,
                window_raw=window_raw,
                line=row.line,
                kind=kind,
                cells=cells,
                target=target,
                target_error=target_error,
                window=window,
                window_error=window_error,
            )
        )
    return out


@lru_cache(maxsize=4096)
def _slo_target(
    metric_cell: str, target_raw: str
) -> tuple[str, str, Percentage | Latency | Duration | None, str | None]:
    """(metric, kind, target, target error) of an SLO row, remembered by its two cells (the
    values are frozen; specs repeat rows such as `Availability | 99.9%`).

    The kind comes from the metric, or from the target (`MTTR < 2h` is a recovery objective).
    A row of no known kind whose target is a percentage or a latency is kept as `other` or
    `latency`; one whose target is neither is kept as `other` with its text, and no error."""
    metric = inline_text(metric_cell)
    kind = slo_kind(metric)
    text = inline_text(target_raw)
    if kind == "other" and _RECOVERY_RE.search(text):
        kind = "recovery"
    try:
        if kind in ("availability", "error_rate"):
            return metric, kind, parse_percentage(text), None
        if kind == "latency":
            return metric, kind, parse_latency(text), None
        if kind == "recovery":
            return metric, kind, parse_duration(_RECOVERY_LABEL_RE.sub("", text)), None
        try:
            return metric, kind, parse_percentage(text), None
        except UnitError:
            return metric, "latency", parse_latency(text), None
    except UnitError as exc:
        if kind == "other" and text:
            return metric, kind, None, None  # a row of no known kind, kept with its text
        return metric, kind, None, str(exc)


@lru_cache(maxsize=1024)
def _slo_window(window_raw: str) -> tuple[Window | None, str | None]:
    """(window, error) of an SLO row's window cell (remembered: "30 days" is everywhere)."""
    try:
        return parse_window(inline_text(window_raw)), None
    except UnitError as exc:
        return None, str(exc)


@lru_cache(maxsize=1024)
def _metric_plan(header: tuple[str, ...]) -> Picker:
    """The (name, type, threshold, alert condition) cells of a metrics table's rows."""
    return _picker(
        header,
        _column(header, "metric", "name") or 0,
        _column(header, "type"),
        _column(header, "threshold"),
        _column(header, "alert_condition", "condition", "alert"),
    )


def read_metrics(table: Table) -> list[Metric]:
    pick = _metric_plan(table.header)
    out = []
    for r in table.rows:
        cells = r.cells
        name, type_, threshold, condition = pick(cells)
        out.append(Metric(inline_text(name), type_, threshold, condition, r.line, cells))
    return out


@lru_cache(maxsize=1024)
def _parameter_plan(header: tuple[str, ...]) -> Picker:
    """The (name, description, default, production value) cells of a parameter table's rows."""
    return _picker(
        header,
        _column(header, "parameter", "name", "key") or 0,
        _column(header, "description"),
        _column(header, "default", "default_value"),
        _column(header, "production_value", "production", "prod"),
    )


def read_config_parameters(table: Table) -> list[ConfigParameter]:
    pick = _parameter_plan(table.header)
    out = []
    for r in table.rows:
        name, description, default, production = pick(r.cells)
        out.append(ConfigParameter(inline_text(name), description, default, production, r.line))
    return out


@lru_cache(maxsize=1024)
def _alert_plan(header: tuple[str, ...]) -> tuple[bool, Picker]:
    """Whether a table of this header is an alert table, and its (name, condition, severity,
    notification, runbook) cells."""
    severity = _column(header, "severity", "priority")
    name = _column(header, "alert", "alert_name", "name")
    return severity is not None and name is not None, _picker(
        header,
        name,
        _column(header, "condition", "trigger"),
        severity,
        _column(header, "notification", "channel", "notify"),
        _column(header, "runbook"),
    )


def is_alert_table(table: Table) -> bool:
    return _alert_plan(table.header)[0]


def read_alert_table(table: Table) -> list[Alert]:
    pick = _alert_plan(table.header)[1]
    out = []
    for r in table.rows:
        name_cell, condition, severity, notification, runbook = pick(r.cells)
        name = inline_text(name_cell)
        if not name:
            continue
        out.append(
            Alert(
                name=name,
                line=r.line,
                source="table",
                condition=condition or None,
                severity=severity or None,
                notification=notification or None,
                runbook=runbook or None,
            )
        )
    return out


@lru_cache(maxsize=4096)
def _heading_name(regex: re.Pattern[str], text: str) -> str | None:
    m = regex.match(_LEADING_NUMBER_RE.sub("", inline_text(text)))
    if m is None:
        return None
    return m.group(1).strip() or inline_text(text)


_LINE = attrgetter("line")
_ALERT_KEYS = frozenset(_ALERT_FIELDS)


def _heading_indices(doc: Document, first: int, last: int) -> range:
    """Where the headings from line `first` to line `last` are in `doc.headings`."""
    headings = doc.headings
    lo = bisect_left(headings, first, key=_LINE)
    return range(lo, bisect_right(headings, last, lo, key=_LINE))


def _body_end(headings: list[Heading], k: int, limit: int) -> int:
    """The last line of the body of `headings[k]`: before the next heading of its level or
    above, and at most `limit`."""
    level = headings[k].level
    for j in range(k + 1, len(headings)):
        h = headings[j]
        if h.line > limit:
            break
        if h.level <= level:
            return min(h.line - 1, limit)
    return limit


def read_alert_blocks(doc: Document, scope: Scope) -> list[Alert]:
    """Alerts written as subheadings of an Alerts section with `**Field**: value` lines: a
    heading named `Alert 1: name` (or `Alert: name`), or a heading named otherwise
    (`### Checkout errors`) whose own text, before any subheading, states a condition (a
    heading such as `### Alert Routing` or `### Paging alerts` that only groups or explains is
    no alert)."""
    out = []
    headings = doc.headings
    last = scope.last
    for k in _heading_indices(doc, scope.first, last):
        h = headings[k]
        end = _body_end(headings, k, last)
        name = _heading_name(_ALERT_HEADING_RE, h.text)
        if name is None:
            if k + 1 < len(headings) and headings[k + 1].line <= end:
                end = headings[k + 1].line - 1  # its own text only
            if not _states_condition(doc, h.line + 1, end):
                continue
            name = inline_text(h.text)
        alert = Alert(name, h.line, "block")
        fields = alert.fields
        for line in lines_between(doc, h.line + 1, end):
            found = line_entry(line.text, line.item, _ALERT_KEYS)
            if found is None:
                continue
            key, value = found[2], found[1]
            if key not in fields:  # the first line of a key is kept
                fields[key] = KeyValue(found[0], value, line.line)
            attr = _ALERT_FIELDS.get(key)
            if attr is not None and getattr(alert, attr) is None:
                setattr(alert, attr, value)
        out.append(alert)
    return out


def _states_condition(doc: Document, first: int, last: int) -> bool:
    for line in lines_between(doc, first, last):
        found = line_entry(line.text, line.item, _ALERT_KEYS)
        if found is not None and found[1] and _ALERT_FIELDS.get(found[2]) == "condition":
            return True
    return False


def read_runbooks(doc: Document, section: Section, anchors: dict[int, str]) -> list[Runbook]:
    """Runbooks: subheadings of Runbooks named `Runbook N: name` (or `Runbook: name`), and any
    other subheading whose body has a **Steps** list (`### Service Down`)."""
    out = []
    level = section.level + 1
    headings = doc.headings
    last = section.end_line
    for k in _heading_indices(doc, section.line + 1, last):
        h = headings[k]
        if h.level != level:
            continue
        name = _heading_name(_RUNBOOK_HEADING_RE, h.text)
        rb = Runbook(name or inline_text(h.text), h.line, anchors.get(h.line, ""))
        in_steps = False
        has_steps = False
        for line in lines_between(doc, h.line + 1, _body_end(headings, k, last)):
            text = line.text
            # `key_value(line)` without the KeyValue (a line without `**` states none)
            found = line_entry(text, False) if "**" in text else None
            if found is not None and not (in_steps and line.item and found[1]):
                key = found[2]
                in_steps = key in ("steps", "procedure", "actions")
                has_steps = has_steps or in_steps
                if key in ("when_to_use", "when", "trigger", "triggers"):
                    rb.when_to_use = found[1] or None
                elif key in ("escalation", "escalate"):
                    rb.escalation = found[1] or None
                elif in_steps and found[1]:
                    rb.steps.append(found[1])
                continue
            if in_steps and line.item:
                rb.steps.append(item_text(line))
        if name is not None or has_steps:
            out.append(rb)
    return out


def _objective(value: str, line: int, name: str | None = None) -> Objective:
    return Objective(value, line, *_duration_of(value), name=name)


@lru_cache(maxsize=1024)
def _duration_of(value: str) -> tuple[Duration | None, str | None]:
    """(duration, error) of an RTO or RPO value (remembered: "1 hour" is everywhere)."""
    try:
        return parse_duration(inline_text(value)), None
    except UnitError as exc:
        return None, str(exc)


#: A plain RTO/RPO line: `- RTO: 30m`, `RPO: 0 (no data loss)`.
_PLAIN_OBJECTIVE_RE = re.compile(
    r"^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?(?P<key>RTO|RPO|Recovery (?:Time|Point) Objective"
    r"(?:[ \t]*\((?:RTO|RPO)\))?)[ \t]*:[ \t]*(?P<value>\S.*)$",
    re.IGNORECASE,
)
#: What may come before a plain RTO/RPO key: blanks and a list marker.
_MARKER_CHARS = " \t-*+0123456789.)"
#: A per-component item of an RTO or RPO list: `- Orders database: 1 hour`.
_ENTRY_RE = re.compile(r"^(?P<name>[^:]{1,80}?)[ \t]*:[ \t]*(?P<value>\S.*)$")


def _objective_kind(key: str) -> str | None:
    """ "rto" or "rpo" for a normalised key or heading that names one, else None."""
    if key in ("rto", "rtos") or key.startswith("recovery_time"):
        return "rto"
    if key in ("rpo", "rpos") or key.startswith("recovery_point"):
        return "rpo"
    return None


def _strictest(entries: list[Objective]) -> Objective:
    """The entry with the shortest duration (the first one, when none parses)."""
    timed = [e for e in entries if e.seconds is not None]
    return min(timed, key=lambda e: e.seconds) if timed else entries[0]  # type: ignore[arg-type,return-value]


def _recovery(doc: Document, lines: list[VisibleLine], section: Section, name: str) -> Recovery:
    """`read_recovery` over the section's lines: the first RTO and the first RPO stated as a
    field (`**RTO**: 4 hours`, `- RTO: 30m`) or a two-column table row (`| RTO | 4 hours |`),
    and the items of per-component lists under an RTO or RPO heading."""
    rec = Recovery(name, section.line)
    # the subheadings that open a per-component list ("rto" / "rpo"), or close one (None)
    lists: dict[int, str | None] = {}
    for k in _heading_indices(doc, section.line + 1, section.end_line):
        h = doc.headings[k]
        lists[h.line] = _objective_kind(normalize_key(inline_text(h.text)))
    has_lists = any(lists.values())
    listing: str | None = None  # "rto" / "rpo" under a heading that names one
    for line in lines:
        text = line.text
        if line.line in lists:
            listing = lists[line.line]
            continue
        found = line_entry(text, False) if "**" in text else None
        if found is None and text.lstrip(_MARKER_CHARS)[:1] in ("R", "r"):
            m = _PLAIN_OBJECTIVE_RE.match(text)
            if m is not None:
                key = m.group("key")
                found = (key, clean_value(m.group("value")), normalize_key(key))
        kind = _objective_kind(found[2]) if found is not None else None
        if found is not None and kind is not None:
            if kind == "rto" and rec.rto is None:
                rec.rto = _objective(found[1], line.line)
            elif kind == "rpo" and rec.rpo is None:
                rec.rpo = _objective(found[1], line.line)
            if rec.rto is not None and rec.rpo is not None and not has_lists:
                break  # later lines change nothing
            continue
        if listing is not None and line.item:
            m = _ENTRY_RE.match(item_text(line))
            if m is not None:
                entry = _objective(m.group("value"), line.line, inline_text(m.group("name")))
                (rec.rto_entries if listing == "rto" else rec.rpo_entries).append(entry)
    if rec.rto is None or rec.rpo is None:
        for kind, value, line_no in _table_objectives(doc, lines, section):
            if kind == "rto" and rec.rto is None:
                rec.rto = _objective(value, line_no)
            elif kind == "rpo" and rec.rpo is None:
                rec.rpo = _objective(value, line_no)
    if rec.rto is None and rec.rto_entries:
        rec.rto = _strictest(rec.rto_entries)
    if rec.rpo is None and rec.rpo_entries:
        rec.rpo = _strictest(rec.rpo_entries)
    return rec


def _cell_kind(cell: str) -> str | None:
    return _objective_kind(normalize_key(inline_text(cell)))


def _table_objectives(
    doc: Document, lines: list[VisibleLine], section: Section
) -> list[tuple[str, str, int]]:
    """(kind, value, line) of the RTOs and RPOs the section's tables state, in line order: a
    two-column row (`| RTO | 4 hours |`), the header row too (a table written without one takes
    its first row for the header), a line of pipes without the delimiter row that would make it
    a table, and a table of one row under `| RTO | RPO |` columns."""
    rows: dict[int, tuple[str, ...]] = {}
    found: list[tuple[str, str, int]] = []
    in_tables: set[int] = set()  # lines of the tables (header, delimiter, rows)
    for table in tables_between(doc, section.line + 1, section.end_line):
        in_tables.update((table.line, table.line + 1, *(row.line for row in table.rows)))
        kinds = [_cell_kind(cell) for cell in table.header]
        if len(table.header) > 1 and kinds[1] is not None:
            # the header names the columns: `| RTO | RPO |` over one row of values
            if len(table.rows) == 1:
                row = table.rows[0]
                found.extend(
                    (kind, row.cells[i], row.line)
                    for i, kind in enumerate(kinds)
                    if kind is not None and i < len(row.cells)
                )
            continue
        rows[table.line] = table.header
        rows.update((row.line, row.cells) for row in table.rows)
    for line in lines:
        if line.line not in in_tables and line.text.lstrip().startswith("|"):
            rows[line.line] = tuple(split_row(line.text))
    for line_no, cells in rows.items():
        kind = _cell_kind(cells[0]) if len(cells) >= 2 else None
        if kind is not None:
            found.append((kind, cells[1], line_no))
    return sorted(found, key=itemgetter(2))


def read_health(doc: Document, section: Section) -> HealthCheck:
    hc = HealthCheck(line=section.line)
    for line in section_lines(doc, section):
        text = line.text
        found = line_entry(text, False) if "**" in text else None
        if found is None:
            continue
        key = found[2]
        # the three key sets are disjoint: a key whose field is already set changes nothing
        if key in ("endpoint", "health_endpoint", "url", "path") and hc.endpoint is None:
            hc.endpoint = KeyValue(found[0], found[1], line.line)
        elif (
            key in ("check_frequency", "frequency", "interval", "check_interval")
            and hc.frequency is None
        ):
            hc.frequency = KeyValue(found[0], found[1], line.line)
        elif (
            key in ("success_criteria", "expected_response", "healthy_when", "criteria")
            and hc.success_criteria is None
        ):
            hc.success_criteria = KeyValue(found[0], found[1], line.line)
    return hc


def _backups(lines: list[VisibleLine]) -> list[Backup]:
    """Backup entries: one per named group (`**Database**:` followed by items), or one for the
    whole strategy when it is a flat list; and one per line that states a backup in prose
    (`- Orders database: daily full snapshot, retained 35 days`)."""
    groups: list[Backup] = []
    current: Backup | None = None
    for line in lines:
        found = line_entry(line.text, line.item, _BACKUP_KEYS)  # `key_value(line, _BACKUP_KEYS)`
        if found is None or (found[2] not in _BACKUP_KEYS and found[1]):
            prose = _prose_backup(line)
            if prose is not None:
                groups.append(prose)
            continue
        key = found[2]
        if key not in _BACKUP_KEYS:
            if not found[1] and not line.item:
                current = Backup(name=inline_text(found[0]), line=line.line)
                groups.append(current)
            continue
        if current is None:
            current = Backup(name=None, line=line.line)
            groups.append(current)
        kv = KeyValue(found[0], found[1], line.line)
        if key in _FREQUENCY_KEYS and current.frequency is None:
            current.frequency = kv
            current.interval = _interval_of(kv.value)
        elif key in _RETENTION_KEYS and current.retention is None:
            current.retention = kv
        elif key in _LOCATION_KEYS and current.location is None:
            current.location = kv
    return [g for g in groups if g.frequency or g.retention or g.location]


#: A line about backups: it names one.
_BACKUP_WORD_RE = re.compile(r"\b(?:backups?|snapshots?|dumps?)\b", re.IGNORECASE)
#: A clause that states how often (`hourly snapshots`, `every 6 hours`, `daily full snapshot`).
_FREQUENCY_WORD_RE = re.compile(
    r"\b(?:hourly|daily|nightly|weekly|monthly|every|twice|continuous(?:ly)?)\b", re.IGNORECASE
)
#: How long backups are kept, in prose: `kept 14 days`, `retained for 35 days`, `retention 30 d`.
_RETENTION_PROSE_RE = re.compile(
    r"\b(?:kept|keep|retained|retain|retention(?:[ \t]+(?:of|is))?|stored|held)[ \t]+(?:for[ \t]+)?"
    r"\d+(?:\.\d+)?[ \t]*(?:days?|weeks?|months?|years?|d|w)\b",
    re.IGNORECASE,
)
#: `Label: text` at the start of a line (the label names the backup unless it is generic).
_LABEL_RE = re.compile(r"^(?P<label>[^:]{1,60}?)[ \t]*:[ \t]+(?P<rest>\S.*)$")
_GENERIC_LABELS = frozenset({"backup", "backups", "snapshot", "snapshots", "backup_strategy"})


def _prose_backup(line: VisibleLine) -> Backup | None:
    """A backup stated in prose on one line: a clause with a frequency word that parses
    (`hourly snapshots`), and a retention if the line states one (`kept 14 days`)."""
    text = item_text(line) if line.item else line.text.strip()
    if not _BACKUP_WORD_RE.search(text) or not _FREQUENCY_WORD_RE.search(text):
        return None
    name = None
    text = inline_text(text)
    m = _LABEL_RE.match(text)
    if m is not None:
        label = m.group("label").strip()
        name = None if normalize_key(label) in _GENERIC_LABELS else label
        text = m.group("rest")
    for clause in re.split(r"[,;]", text):
        clause = clause.strip().rstrip(".")
        # the clause, or its end from a frequency word on ("taken every 6 hours")
        starts = [0, *(m.start() for m in _FREQUENCY_WORD_RE.finditer(clause))]
        interval = None
        for start in starts if len(starts) > 1 else ():
            interval = _interval_of(clause[start:])
            if interval is not None and interval.seconds is not None:
                clause = clause[start:]
                break
        if interval is None or interval.seconds is None:
            continue
        backup = Backup(name=name, line=line.line, interval=interval)
        backup.frequency = KeyValue("Frequency", clause, line.line)
        kept = _RETENTION_PROSE_RE.search(text)
        if kept is not None:
            backup.retention = KeyValue("Retention", kept.group(0), line.line)
        return backup
    return None


_WANTED_KEYS = frozenset(
    {
        "slos",
        "metrics",
        "configuration_parameters",
        "alerts",
        "runbooks",
        "health_checks",
        "rollback_procedure",
        "disaster_recovery",
        "deployment_steps",
        "backup_strategy",
        "backup_recovery",
        "overview",
    }
)


def read_operations(doc: Document, sections: list[Section], anchors: dict[int, str]) -> Operations:
    """`anchors`: heading line -> heading id."""
    ops = Operations()
    by_key: dict[str, list[Section]] = {}  # the sections of each wanted key
    for s in sections:
        for key in s.keys:
            if key in _WANTED_KEYS:
                same = by_key.setdefault(key, [])
                # a section inside one of the same meaning (`### Alerts` under `## Monitoring &
                # Alerts`) is read with it, not twice
                if not any(o.line < s.line <= o.end_line for o in same):
                    same.append(s)
    get = by_key.get
    for section in get("slos", ()):
        for table in tables_between(doc, section.line + 1, section.end_line):
            if is_slo_table(table):
                ops.slo_tables += 1
                ops.slos.extend(read_slos(table))
    for section in get("metrics", ()):
        for table in tables_between(doc, section.line + 1, section.end_line):
            ops.metrics.extend(read_metrics(table))
    for section in get("configuration_parameters", ()):
        for table in tables_between(doc, section.line + 1, section.end_line):
            ops.config_parameters.extend(read_config_parameters(table))

    alert_sections = get("alerts", [])
    alert_scopes = [section_scope(doc, s) for s in alert_sections] or [
        Scope(doc, doc.front_matter_end + 1, len(doc.lines))
    ]
    for scope in alert_scopes:
        if alert_sections:
            ops.alerts.extend(read_alert_blocks(doc, scope))
        for table in scope.tables():
            if is_alert_table(table):
                ops.alerts.extend(read_alert_table(table))
    ops.alerts.sort(key=_LINE)

    for section in get("runbooks", ()):
        ops.runbooks.extend(read_runbooks(doc, section, anchors))

    health = get("health_checks")
    if health:
        ops.health = read_health(doc, health[0])

    rollback = get("rollback_procedure")
    if rollback:
        lines = section_lines(doc, rollback[0])
        ops.rollback = _recovery(doc, lines, rollback[0], "rollback")
        ops.rollback_steps = count_numbered(lines)
    dr = get("disaster_recovery", [])
    dr_first = dr[0] if dr else None
    dr_lines = [] if dr_first is None else section_lines(doc, dr_first)
    if dr_first is not None:
        ops.disaster_recovery = _recovery(doc, dr_lines, dr_first, "disaster_recovery")
    steps = get("deployment_steps")
    if steps:
        ops.deploy_steps = count_numbered(section_lines(doc, steps[0]))

    for section in get("backup_strategy") or get("backup_recovery", ()):
        lines = section_lines(doc, section)
        ops.backups.extend(_backups(lines))
        found = _no_data_line(lines)
        if found is not None:
            ops.no_data_line = found
    if ops.no_data_line is None:
        for section in dr + get("overview", []):
            lines = dr_lines if section is dr_first else section_lines(doc, section)
            found = _no_data_line(lines)
            if found is not None:
                ops.no_data_line = found
    return ops


@lru_cache(maxsize=1024)
def _interval_of(value: str) -> Duration | None:
    """The shortest interval a backup frequency states, None when not understood
    (remembered: "Daily" is everywhere)."""
    try:
        return parse_frequency(inline_text(value))
    except UnitError:
        return None


def _no_data_line(lines: list[VisibleLine]) -> int | None:
    """The first of `lines` saying the service holds no data. One search of the joined lines:
    a match never spans a line break, and a line break is a word boundary as the start and end
    of a line are."""
    if not lines:
        return None
    text = "\n".join([v.text for v in lines])
    if text.isascii():
        low = text.lower()
        # every match holds one of these: most sections hold none, and skip the search
        if not (
            "stateless" in low
            or "no data" in low
            or "no state" in low
            or "no persistent " in low
            or "no durable " in low
        ):
            return None
        m = _NO_DATA_LOWER_RE.search(low)
    else:
        m = _NO_DATA_RE.search(text)
    return None if m is None else lines[text.count("\n", 0, m.start())].line
