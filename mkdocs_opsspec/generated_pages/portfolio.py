"""The portfolio: one row per operations spec, with counts by status and readiness level.

`portfolio_rows` is the data; `portfolio_page` renders it as a plain sortable table (sorted by
name; `assets/portfolio.js` adds click-to-sort and filters), `portfolio_json` as data for
dashboards.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import jinja2

from ..budget import budget
from ..catalog import Catalog, Feature, unassigned_name
from ..dates import parse_date
from ..markup import Markup, join, link
from ..model import SLO, Latency, Objective, Percentage, Spec
from ..readiness import LEVELS, NONE, Check, Readiness
from ..report import number
from ..rules.drift import DRIFT_CODES
from ..statuses import status_rank
from ..units import format_duration
from .common import (
    LEVEL_TITLES,
    PageOptions,
    level_rank,
    spec_is_stale,
    status_of,
    text,
)
from .paths import href
from .tables import Column, sort_cell, table
from .templates import render_page

TEMPLATE = "portfolio.md.j2"
SCHEMA_VERSION = 1


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
    return ErrorBudget(seconds=b.downtime_seconds, range=b.downtime_range, window=window)


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


def _count_statuses(rows: list[PortfolioRow], options: PageOptions) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for row in rows:
        key = row.status or "no status"
        counts[key] = counts.get(key, 0) + 1
    ordered = sorted(counts, key=lambda s: (status_rank(s, options.statuses), s.casefold(), s))
    return [(s, counts[s]) for s in ordered]


def _count_levels(rows: list[PortfolioRow]) -> list[tuple[str, int]]:
    return [(lv, sum(1 for r in rows if r.level == lv)) for lv in (*reversed(LEVELS), NONE)]


def _blocking_text(row: PortfolioRow) -> str:
    return "; ".join(c.title for c in row.blocking)


def portfolio_page(
    catalog: Catalog,
    readiness: Mapping[str, Readiness],
    options: PageOptions | None = None,
    env: jinja2.Environment | None = None,
) -> str:
    options = options or PageOptions()
    context = portfolio_context(catalog, readiness, options)
    return render_page("Operations portfolio", TEMPLATE, context, options.override_dirs, env)


COLUMNS = (
    Column("Feature"),
    Column("GUID"),
    Column("Status", key="status"),
    Column("Version"),
    Column("Last updated"),
    Column("Availability"),
    Column("Latency"),
    Column("Error budget"),
    Column("RTO"),
    Column("RPO"),
    Column("Critical alerts", numeric=True),
    Column("Errors", numeric=True),
    Column("Warnings", numeric=True),
    Column("Readiness", key="level"),
    Column("Next level needs"),
)
DRIFT_COLUMN = Column("Drifted SLOs", numeric=True)


def _drift_count(rows: list[PortfolioRow]) -> dict[str, int]:
    return {"slos": sum(r.drifted for r in rows), "specs": sum(1 for r in rows if r.drifted)}


def portfolio_context(
    catalog: Catalog, readiness: Mapping[str, Readiness], options: PageOptions
) -> dict[str, Any]:
    page = options.paths.portfolio
    rows = portfolio_rows(catalog, readiness, options)
    columns = (*COLUMNS, DRIFT_COLUMN) if options.slo_drift else COLUMNS
    return {
        "table": table(
            columns, [_table_row(r, page, options) for r in rows], label="Operations specs"
        ),
        "drift": _drift_count(rows) if options.slo_drift else None,
        "by_status": [{"status": s, "count": n} for s, n in _count_statuses(rows, options)],
        "by_level": [{"level": LEVEL_TITLES[lv], "count": n} for lv, n in _count_levels(rows)],
        "total": len(rows),
        "reference_date": options.reference_date.isoformat() if options.reference_date else None,
        "stale_after_days": options.stale_after_days,
        "matrix_href": href(page, options.paths.matrix),
        "base_href": href(page, options.paths.base),
    }


def _quantity_cell(q: Quantity, window: str = "") -> Markup:
    shown = q.raw + (f" / {window}" if q.raw and window else "")
    return sort_cell(shown, q.value)


def _table_row(row: PortfolioRow, page: str, options: PageOptions) -> list[object]:
    updated = sort_cell(row.last_updated, row.updated_iso)
    drift = [sort_cell(row.drifted, row.drifted)] if options.slo_drift else []
    return [
        link(options.link(page, row.spec.path, None), None, row.name),
        link(options.link(page, options.paths.feature(row.guid), None), None, row.guid)
        if row.guid
        else "",
        sort_cell(row.status, status_rank(row.status, options.statuses)),
        row.version,
        join(updated, " ⚠ stale") if row.stale else updated,
        _quantity_cell(row.availability, row.availability_window),
        _quantity_cell(row.latency, row.latency_window),
        sort_cell(row.error_budget.text, row.error_budget.sort),
        _quantity_cell(row.rto),
        _quantity_cell(row.rpo),
        sort_cell(row.critical_alerts, row.critical_alerts),
        sort_cell(row.errors, row.errors),
        sort_cell(row.warnings, row.warnings),
        sort_cell(LEVEL_TITLES[row.level], level_rank(row.level)),
        _blocking_text(row),
        *drift,
    ]


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
            "by_status": dict(_count_statuses(rows, options)),
            "by_level": dict(_count_levels(rows)),
            **({"drifted_slos": _drift_count(rows)} if options.slo_drift else {}),
        },
        "rows": out_rows,
    }


def _readiness_json(result: Readiness | None) -> dict[str, Any]:
    if result is None:
        return {"level": NONE, "next_level": LEVELS[0], "blocking": [], "checks": []}

    def check(c: Check) -> dict[str, str]:
        return {
            "level": c.level,
            "key": c.key,
            "title": c.title,
            "state": c.state,
            "detail": c.detail,
        }

    return {
        "level": result.level,
        "next_level": result.next_level,
        "blocking": [c.key for c in result.blocking],
        "checks": [check(c) for c in result.checks],
    }
