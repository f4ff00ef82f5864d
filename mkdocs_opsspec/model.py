"""The typed model of a spec: what the parser produces and everything else reads.

Plain dataclasses, no behaviour beyond small derived properties. Nothing here imports MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lexer import Document

#: The spec types of the format, in the order pages show them.
SPEC_TYPES: tuple[str, ...] = (
    "business",
    "functional",
    "technical",
    "testing",
    "security",
    "operations",
    "architecture",
)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem found in one file. `path` is relative to docs_dir, with forward slashes."""

    path: str
    line: int | None
    severity: Severity
    rule: str
    message: str
    baselined: bool = False  # accepted in the baseline file: reported, never fails a build

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line or 0, self.severity.rank, self.rule, self.message)


def findings_by_path(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by file (each file's in the order given)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.path, []).append(f)
    return out


# --- units -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Duration:
    """A length of time. `seconds` is None for "N/A" (not_applicable)."""

    raw: str
    seconds: Decimal | None
    comparator: str | None = None  # one of < <= > >= = or None
    not_applicable: bool = False


@dataclass(frozen=True)
class Percentage:
    raw: str
    value: Decimal  # 99.95 for "99.95%"
    comparator: str | None = None


@dataclass(frozen=True)
class Latency:
    """A latency objective: "< 300ms" or "95% of requests < 300ms"."""

    raw: str
    seconds: Decimal
    comparator: str | None
    share: Decimal | None = None  # percent of requests the bound applies to


@dataclass(frozen=True)
class Window:
    """An SLO measurement window. Calendar windows have `calendar` set and a nominal length."""

    raw: str
    seconds: int
    calendar: str | None = None  # "month", "week", "quarter", "year", "day"
    rolling: bool = False


# --- document structure ------------------------------------------------------------------------


@dataclass
class Section:
    level: int
    title: str
    line: int
    key: str | None  # the template section this heading matches, e.g. "slos" (the first)
    anchor: str  # the id a default MkDocs toc gives this heading
    end_line: int = 0  # last line of the section body (inclusive)
    #: Every template section the heading means: `## Backup & Disaster Recovery` is
    #: ("backup_recovery", "disaster_recovery"); `key` is the first.
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class HeaderField:
    name: str  # canonical: guid, version, status, last_updated, ...
    value: str
    line: int | None
    source: str  # "header" or "front_matter"


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]
    line: int


@dataclass
class Table:
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    line: int
    section: str | None  # key of the nearest matched section


# --- operations content ------------------------------------------------------------------------


@dataclass
class SLO:
    metric: str
    target_raw: str
    window_raw: str
    line: int
    #: availability | error_rate | latency | recovery (MTTR, time to restore) | other (a row
    #: whose kind cannot be told: kept with its text, `target` None unless it parses)
    kind: str
    cells: tuple[str, ...] = ()
    target: Percentage | Latency | Duration | None = None  # Duration: recovery objectives
    target_error: str | None = None
    window: Window | None = None
    window_error: str | None = None


@dataclass
class Metric:
    name: str
    type: str
    threshold: str
    alert_condition: str
    line: int
    cells: tuple[str, ...] = ()


@dataclass
class ConfigParameter:
    name: str
    description: str
    default: str
    production_value: str
    line: int


@dataclass
class KeyValue:
    key: str
    value: str
    line: int


@dataclass
class Objective:
    """RTO or RPO as written, with its parse."""

    raw: str
    line: int
    duration: Duration | None
    error: str | None = None
    name: str | None = None  # the component of a per-component list ("Orders database")

    @property
    def seconds(self) -> Decimal | None:
        return self.duration.seconds if self.duration else None


@dataclass
class Recovery:
    """The RTO/RPO pair from one place of the spec (Rollback Procedure or Disaster Recovery).

    With per-component lists (`### Recovery Time Objectives (RTO)` and `- Orders database: 1
    hour` items) every entry is in `rto_entries` / `rpo_entries`, and `rto` / `rpo` is the
    strictest entry unless the section states one for the whole service."""

    section: str  # "rollback" or "disaster_recovery"
    line: int | None
    rto: Objective | None = None
    rpo: Objective | None = None
    rto_entries: list[Objective] = field(default_factory=list)
    rpo_entries: list[Objective] = field(default_factory=list)


@dataclass
class Alert:
    name: str
    line: int
    source: str  # "block" or "table"
    condition: str | None = None
    severity: str | None = None
    notification: str | None = None
    runbook: str | None = None
    fields: dict[str, KeyValue] = field(default_factory=dict)


@dataclass
class Runbook:
    name: str
    line: int
    anchor: str
    when_to_use: str | None = None
    steps: list[str] = field(default_factory=list)
    escalation: str | None = None


@dataclass
class HealthCheck:
    line: int
    endpoint: KeyValue | None = None
    frequency: KeyValue | None = None
    success_criteria: KeyValue | None = None


@dataclass
class Backup:
    """One backup entry: the whole Backup Strategy, or one named part of it (**Database**:)."""

    name: str | None
    line: int
    frequency: KeyValue | None = None
    retention: KeyValue | None = None
    location: KeyValue | None = None
    interval: Duration | None = None  # shortest interval the frequency states


@dataclass
class Dependency:
    kind: str  # required | optional | conflicts | dependents | upstream | downstream
    text: str
    line: int
    guid: str | None = None
    name: str | None = None


@dataclass
class RelatedSpec:
    label: str
    target: str
    line: int


@dataclass
class RefLink:
    """A `$ref:path#anchor` reference to a BASE spec."""

    target: str
    anchor: str | None
    line: int


@dataclass
class Operations:
    """What only operations specs carry."""

    slos: list[SLO] = field(default_factory=list)
    slo_tables: int = 0
    metrics: list[Metric] = field(default_factory=list)
    config_parameters: list[ConfigParameter] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    runbooks: list[Runbook] = field(default_factory=list)
    health: HealthCheck | None = None
    rollback: Recovery | None = None
    disaster_recovery: Recovery | None = None
    backups: list[Backup] = field(default_factory=list)
    deploy_steps: int = 0
    rollback_steps: int = 0
    no_data_line: int | None = None  # where the spec says the service holds no data


# --- the spec ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SecretMatch:
    """One secret: `line` is 1-based; `start`/`end` are 0-based offsets into that line such that
    `lines[line - 1][start:end]` is the secret value itself (what a renderer must hide)."""

    line: int
    start: int
    end: int
    kind: str


@dataclass
class Spec:
    path: str  # relative to docs_dir, forward slashes
    type: str | None
    role: str  # "feature" | "base" | "master"
    detected_by: str  # "path" | "title" | "front_matter"
    guid: str | None = None
    filename_guid: str | None = None
    title: str | None = None  # the H1 text
    title_line: int | None = None
    name: str | None = None  # the feature name
    fields: dict[str, HeaderField] = field(default_factory=dict)
    front_matter: dict[str, object] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    related: list[RelatedSpec] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    refs: list[RefLink] = field(default_factory=list)
    operations: Operations | None = None
    findings: list[Finding] = field(default_factory=list)
    line_count: int = 0
    heading_ids: tuple[str, ...] = ()  # ids of all headings (H1-H6), as the default toc makes
    #: Every literal secret of the file (`rules.secrets.find_secrets`, run once by the parser):
    #: the secrets rule reports them, the spec page redacts the reported ones.
    secrets: tuple[SecretMatch, ...] = ()
    #: The lexed source (all lines, visible lines, headings, tables), for rules that read text.
    document: Document | None = field(default=None, repr=False, compare=False)

    def field_value(self, name: str) -> str | None:
        f = self.fields.get(name)
        return f.value if f else None

    @property
    def status(self) -> str | None:
        return self.field_value("status")

    @property
    def version(self) -> str | None:
        return self.field_value("version")

    @property
    def last_updated(self) -> str | None:
        return self.field_value("last_updated")

    def section(self, key: str) -> Section | None:
        """The first section that means `key`."""
        for s in self.sections:
            if s.key == key or key in s.keys:
                return s
        return None
