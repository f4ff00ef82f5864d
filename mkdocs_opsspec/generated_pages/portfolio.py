"""The portfolio's data: one row per operations spec, the specs that need attention (with the
one step that moves each up), counts by status and readiness level, and `portfolio.json` for
dashboards. The page is made from it by `portfolio_page`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..budget import budget, page_burn_rate
from ..catalog import Catalog, Feature, unassigned_name
from ..dates import parse_date
from ..model import SLO, Latency, Objective, Percentage, Spec
from ..readiness import LEVELS, NONE, Check, Readiness, next_level
from ..report import number
from ..rules.drift import DRIFT_CODES
from ..statuses import status_rank
from ..units import format_duration
from .common import PageOptions, level_rank, spec_is_stale, status_of, text

#: portfolio.json's version: later versions add fields and never rename them (as the report).
SCHEMA_VERSION = 1
#: How a row without a status is counted.
NO_STATUS = "no status"


@dataclass(frozen=True)
class Quantity:
    """A value as written, with its parse (seconds or percent) when it has one."""

    raw: str = ""
    value: Decimal | None = None
    not_applicable: bool = False


@dataclass(frozen=True)
class ErrorBudget:
    """Allowed downtime of the availability SLO over its window."""

    seconds: Decimal | None = None  # fixed windows
    range: tuple[Decimal, Decimal] | None = None  # calendar windows (shortest, longest)
    window: str = ""
    hint: str | None = None  # why there is none
    #: The rate of spending the budget at which an alert should page (None: the window is
    #: shorter than 7 days, or there is no budget).
    page_burn_rate: Decimal | None = None

    @property
    def text(self) -> str:
        if self.seconds is not None:
            return format_duration(self.seconds)
        if self.range is not None:
            lo, hi = self.range
            return f"{format_duration(lo)} to {format_duration(hi)}"
        return ""

    @property
    def sort(self) -> Decimal | None:
        """The sort value: the downtime, or the shortest of a range."""
        if self.seconds is not None:
            return self.seconds
        return self.range[0] if self.range is not None else None


@dataclass
class PortfolioRow:
    feature: Feature | None  # None: a spec without a GUID, a row of its own
    spec: Spec
    name: str
    guid: str  # "" without one
    status: str
    version: str
    last_updated: str
    updated_iso: str | None
    stale: bool | None
    availability: Quantity
    availability_window: str
    latency: Quantity
    latency_window: str
    error_budget: ErrorBudget
    rto: Quantity
    rpo: Quantity
    critical_alerts: int
    errors: int
    warnings: int
    level: str
    blocking: list[Check] = field(default_factory=list)
    drifted: int = 0  # SLO rows that differ from their monitoring file (`slo_sources`)


def _first(slos: list[SLO], kind: str) -> SLO | None:
    return next((s for s in slos if s.kind == kind), None)


def _objective(obj: Objective | None) -> Quantity:
    if obj is None:
        return Quantity()
    d = obj.duration
    return Quantity(text(obj.raw), d.seconds if d else None, bool(d and d.not_applicable))


def _error_budget(slo: SLO | None) -> ErrorBudget:
    if slo is None:
        return ErrorBudget(hint="no availability SLO")
    b = budget(slo)
    window = text(slo.window_raw)
    if b.kind != "downtime":
        return ErrorBudget(window=window, hint=b.hint)
    return ErrorBudget(
        seconds=b.downtime_seconds,
        range=b.downtime_range,
        window=window,
        page_burn_rate=page_burn_rate(slo.window),
    )


def drifted_slos(catalog: Catalog, spec: Spec) -> int:
    """SLO rows of `spec` whose target or window differs from their monitoring file."""
    return len({f.line for f in catalog.findings_for(spec.path) if f.rule in DRIFT_CODES})


def _critical(spec: Spec) -> int:
    alerts = spec.operations.alerts if spec.operations else []
    return sum(1 for a in alerts if text(a.severity).lower().startswith("critical"))


def portfolio_rows(
    catalog: Catalog, readiness: Mapping[str, Readiness], options: PageOptions | None = None
) -> list[PortfolioRow]:
    """One row per operations spec, of a feature or without a GUID, by name, GUID and path."""
    options = options or PageOptions()
    rows = []
    for feat, spec in catalog.operations_rows():
        ops = spec.operations
        slos = ops.slos if ops else []
        avail = _first(slos, "availability")
        lat = _first(slos, "latency")
        dr = ops.disaster_recovery if ops else None
        counts = catalog.finding_counts(spec.path)
        result = readiness.get(spec.path)
        updated = parse_date(spec.last_updated)
        rows.append(
            PortfolioRow(
                feature=feat,
                spec=spec,
                name=feat.name if feat is not None else unassigned_name(spec),
                guid=feat.guid if feat is not None else "",
                status=status_of(spec),
                version=text(spec.version),
                last_updated=text(spec.last_updated),
                updated_iso=updated.isoformat() if updated else None,
                stale=spec_is_stale(spec, options),
                availability=Quantity(
                    text(avail.target_raw),
                    avail.target.value if isinstance(avail.target, Percentage) else None,
                )
                if avail
                else Quantity(),
                availability_window=text(avail.window_raw) if avail else "",
                latency=Quantity(
                    text(lat.target_raw),
                    lat.target.seconds if isinstance(lat.target, Latency) else None,
                )
                if lat
                else Quantity(),
                latency_window=text(lat.window_raw) if lat else "",
                error_budget=_error_budget(avail),
                rto=_objective(dr.rto if dr else None),
                rpo=_objective(dr.rpo if dr else None),
                critical_alerts=_critical(spec),
                errors=counts.errors,
                warnings=counts.warnings,
                level=result.level if result else NONE,
                blocking=list(result.blocking) if result else [],
                drifted=drifted_slos(catalog, spec),
            )
        )
    return rows


def count_statuses(rows: list[PortfolioRow], options: PageOptions) -> list[tuple[str, int]]:
    """(status, number of rows) in the configured order, then others by name; a row without a
    status counts as "no status"."""
    counts: dict[str, int] = {}
    for row in rows:
        key = row.status or NO_STATUS
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts, key=lambda s: (status_rank(s, options.statuses), s.casefold(), s))
    return [(s, counts[s]) for s in ordered]


def count_levels(rows: list[PortfolioRow]) -> list[tuple[str, int]]:
    """(level, number of rows), Gold first, every level even with none."""
    return [(lv, sum(1 for r in rows if r.level == lv)) for lv in (*reversed(LEVELS), NONE)]


#: Why a spec needs attention, in the order pages and portfolio.json give them.
ERRORS, BELOW_GOLD, STALE = "errors", "below_gold", "stale"


@dataclass(frozen=True)
class Attention:
    """A spec that needs attention, why, and the one step that moves it up."""

    row: PortfolioRow
    reasons: tuple[str, ...]  # of ERRORS, BELOW_GOLD, STALE
    #: The first failing check of the next level, in the order of `readiness.CHECKS` (None: the
    #: spec is Gold and has errors, which no check maps).
    step: Check | None

    @property
    def next_level(self) -> str | None:
        return next_level(self.row.level)


def needs_attention(rows: list[PortfolioRow]) -> list[Attention]:
    """Exactly the rows with error findings (baselined ones are accepted, so they do not
    count), below Gold, or stale: the least ready first, then in the rows' order."""
    out = []
    for row in rows:
        reasons = tuple(
            reason
            for reason, applies in (
                (ERRORS, row.errors > 0),
                (BELOW_GOLD, row.level != LEVELS[-1]),
                (STALE, row.stale is True),
            )
            if applies
        )
        if reasons:
            out.append(Attention(row, reasons, row.blocking[0] if row.blocking else None))
    return sorted(out, key=lambda a: level_rank(a.row.level))


def _drift_count(rows: list[PortfolioRow]) -> dict[str, int]:
    return {"slos": sum(r.drifted for r in rows), "specs": sum(1 for r in rows if r.drifted)}


def _quantity_json(q: Quantity, unit: str, window: str | None = None) -> dict[str, Any] | None:
    if not q.raw:
        return None
    out: dict[str, Any] = {"raw": q.raw, unit: number(q.value), "not_applicable": q.not_applicable}
    if window is not None:
        out["window"] = window or None
    return out


def portfolio_json(
    catalog: Catalog, readiness: Mapping[str, Readiness], options: PageOptions | None = None
) -> dict[str, Any]:
    """The portfolio as JSON-serialisable data (deterministic: same input, same output)."""
    options = options or PageOptions()
    rows = portfolio_rows(catalog, readiness, options)
    out_rows = []
    for r in rows:
        eb = r.error_budget
        out_rows.append(
            {
                "guid": r.guid or None,
                "name": r.name,
                "path": r.spec.path,
                "feature_page": options.paths.feature(r.guid) if r.guid else None,
                "status": r.status or None,
                "version": r.version or None,
                "last_updated": r.last_updated or None,
                "stale": r.stale,
                "availability": _quantity_json(r.availability, "percent", r.availability_window),
                "latency": _quantity_json(r.latency, "seconds", r.latency_window),
                "error_budget": {
                    "downtime_seconds": number(eb.seconds),
                    "downtime_range": [number(eb.range[0]), number(eb.range[1])]
                    if eb.range
                    else None,
                    "text": eb.text or None,
                    "window": eb.window or None,
                    "hint": eb.hint,
                    "page_burn_rate": number(eb.page_burn_rate),
                },
                "rto": _quantity_json(r.rto, "seconds"),
                "rpo": _quantity_json(r.rpo, "seconds"),
                "critical_alerts": r.critical_alerts,
                "errors": r.errors,
                "warnings": r.warnings,
                "readiness": _readiness_json(readiness.get(r.spec.path)),
                **({"drifted_slos": r.drifted} if options.slo_drift else {}),
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "reference_date": options.reference_date.isoformat() if options.reference_date else None,
        "summary": {
            "operations_specs": len(rows),
            "by_status": dict(count_statuses(rows, options)),
            "by_level": dict(count_levels(rows)),
            **({"drifted_slos": _drift_count(rows)} if options.slo_drift else {}),
        },
        "rows": out_rows,
        "needs_attention": [_attention_json(a) for a in needs_attention(rows)],
    }


def _attention_json(item: Attention) -> dict[str, Any]:
    step = item.step
    return {
        "path": item.row.spec.path,
        "guid": item.row.guid or None,
        "name": item.row.name,
        "reasons": list(item.reasons),
        "level": item.row.level,
        "next_level": item.next_level,
        "step": _check_json(step) if step is not None else None,
    }


def _check_json(c: Check) -> dict[str, str]:
    return {
        "level": c.level,
        "key": c.key,
        "title": c.title,
        "state": c.state,
        "detail": c.detail,
        "action": c.action,
    }


def _readiness_json(result: Readiness | None) -> dict[str, Any]:
    if result is None:
        return {"level": NONE, "next_level": LEVELS[0], "blocking": [], "checks": []}

    return {
        "level": result.level,
        "next_level": result.next_level,
        "blocking": [c.key for c in result.blocking],
        "checks": [_check_json(c) for c in result.checks],
    }
