"""The machine-readable report: a stable JSON contract (schema 1; new fields only are added).

`analysis_report(...)` makes the report that the plugin writes to
`<site_dir>/opsspec-report.json`, `mkdocs-opsspec check --format json` prints and `generate`
writes; `write` writes it a spec or finding per line. `build_report` is the same report as one
object with lists.
"""

from __future__ import annotations

import io
import json
import os
import posixpath
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import GENERATOR
from .model import SLO, Duration, Finding, Latency, Objective, Percentage, Spec
from .readiness import Readiness, summary_data

if TYPE_CHECKING:
    from .analysis import Analysis

SCHEMA_VERSION = 1


def number(value: Decimal | int | None) -> int | float | None:
    """A JSON number: integral values as int, others as the shortest float."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _objective(obj: Objective | None) -> dict[str, Any] | None:
    if obj is None:
        return None
    d = obj.duration
    out = {
        "seconds": number(d.seconds) if d else None,
        "raw": obj.raw,
        "line": obj.line,
        "comparator": d.comparator if d else None,
        "not_applicable": bool(d and d.not_applicable),
    }
    if obj.name is not None:
        out["name"] = obj.name  # an entry of a per-component list
    return out


def _slo(slo: SLO) -> dict[str, Any]:
    target = slo.target
    value: Decimal | None = None
    unit = None
    share = None
    comparator = None
    if isinstance(target, Percentage):
        value, unit, comparator = target.value, "%", target.comparator
    elif isinstance(target, Latency):
        value, unit, comparator, share = target.seconds, "s", target.comparator, target.share
    elif isinstance(target, Duration):  # a recovery objective (MTTR)
        value, unit, comparator = target.seconds, "s", target.comparator
    w = slo.window
    return {
        "metric": slo.metric,
        "kind": slo.kind,
        "target": number(value),
        "unit": unit,
        "share": number(share),
        "comparator": comparator,
        "target_raw": slo.target_raw,
        "window": slo.window_raw,
        "window_seconds": w.seconds if w else None,
        "calendar": w.calendar if w else None,
        "line": slo.line,
    }


def spec_entry(spec: Spec, source: str, readiness: Readiness | None = None) -> dict[str, Any]:
    """A spec as the report shows it; `readiness` (of an operations spec) adds its level, the
    next level and the checks that keep it from that level."""
    entry: dict[str, Any] = {
        "path": spec.path,
        "source": source,
        "type": spec.type,
        "role": spec.role,
        "detected_by": spec.detected_by,
        "guid": spec.guid,
        "title": spec.title,
        "name": spec.name,
        "status": spec.status,
        "version": spec.version,
        "last_updated": spec.last_updated,
        "related": [{"label": r.label, "target": r.target, "line": r.line} for r in spec.related],
        "dependencies": [
            {"kind": d.kind, "guid": d.guid, "name": d.name, "text": d.text, "line": d.line}
            for d in spec.dependencies
        ],
    }
    if readiness is not None:
        entry["readiness"] = summary_data(readiness)
    ops = spec.operations
    if ops is None:
        return entry
    dr = ops.disaster_recovery
    rb = ops.rollback
    entry.update(
        {
            "slos": [_slo(s) for s in ops.slos],
            "rto": _objective(dr.rto if dr else None),
            "rpo": _objective(dr.rpo if dr else None),
            "rollback_rto": _objective(rb.rto if rb else None),
            "rollback_rpo": _objective(rb.rpo if rb else None),
            # every entry of per-component lists (`rto`/`rpo` is the strictest of them)
            "rto_entries": [_objective(e) for e in dr.rto_entries] if dr else [],
            "rpo_entries": [_objective(e) for e in dr.rpo_entries] if dr else [],
            "alerts": [
                {
                    "name": a.name,
                    "severity": a.severity,
                    "condition": a.condition,
                    "notification": a.notification,
                    "runbook": a.runbook,
                    "line": a.line,
                    "source": a.source,
                }
                for a in ops.alerts
            ],
            "runbooks": [
                {
                    "name": r.name,
                    "anchor": r.anchor,
                    "line": r.line,
                    "when_to_use": r.when_to_use,
                    "steps": list(r.steps),
                    "escalation": r.escalation,
                }
                for r in ops.runbooks
            ],
            "health": None
            if ops.health is None
            else {
                "endpoint": ops.health.endpoint.value if ops.health.endpoint else None,
                "frequency": ops.health.frequency.value if ops.health.frequency else None,
                "success_criteria": ops.health.success_criteria.value
                if ops.health.success_criteria
                else None,
                "line": ops.health.line,
            },
            "backups": [
                {
                    "name": b.name,
                    "frequency": b.frequency.value if b.frequency else None,
                    "interval_seconds": number(b.interval.seconds) if b.interval else None,
                    "retention": b.retention.value if b.retention else None,
                    "location": b.location.value if b.location else None,
                    "line": b.line,
                }
                for b in ops.backups
            ],
        }
    )
    return entry


def finding_entry(f: Finding, source: str) -> dict[str, Any]:
    return {
        "path": f.path,
        "source": source,
        "line": f.line,
        "severity": f.severity.value,
        "rule": f.rule,
        "message": f.message,
        "baselined": f.baselined,
    }


def source_prefix(config_file: str | Path | None, docs_dir: str | Path) -> str:
    """docs_dir as seen from the folder of the config file (None: `mkdocs.yml` here), with a
    trailing slash ('' when docs_dir is that folder): what goes before a path relative to
    docs_dir in the lines and reports a user reads."""
    config_dir = os.path.dirname(os.path.abspath(config_file or "mkdocs.yml"))
    rel = os.path.relpath(os.path.abspath(docs_dir), config_dir).replace(os.sep, "/")
    return "" if rel == "." else rel.rstrip("/") + "/"


def source_path(prefix: str, path: str) -> str:
    """`path` (relative to docs_dir) as seen from the directory of mkdocs.yml (a file outside
    docs_dir, such as a monitoring file of `slo_sources`, without `docs/../`)."""
    if path.startswith("../"):
        return posixpath.normpath(prefix + path)
    return f"{prefix}{path}" if prefix else path


def build_report(
    specs: Iterable[Spec],
    findings: Iterable[Finding],
    source_prefix: str = "",
    reference_date: str | None = None,
    readiness: Mapping[str, Readiness] | None = None,
) -> dict[str, Any]:
    """The report as one JSON-ready object."""
    report = report_parts(specs, findings, source_prefix, reference_date, readiness)
    return {k: list(v) if k in ("specs", "findings") else v for k, v in report.items()}


def report_parts(
    specs: Iterable[Spec],
    findings: Iterable[Finding],
    source_prefix: str = "",
    reference_date: str | None = None,
    readiness: Mapping[str, Readiness] | None = None,
) -> dict[str, Any]:
    """The report with its specs and findings as iterators: `write` writes it without holding
    every entry (and the whole text) in memory. `readiness` (by spec path) adds each
    operations spec's readiness."""
    spec_list = sorted(specs, key=lambda s: s.path)
    finding_list = sorted(findings, key=Finding.sort_key)
    counts = {"error": 0, "warning": 0, "info": 0, "baselined": 0}
    for f in finding_list:
        counts["baselined" if f.baselined else f.severity.value] += 1
    report: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "generator": GENERATOR,
    }
    if reference_date is not None:
        report["reference_date"] = reference_date
    report["summary"] = {"specs": len(spec_list), **counts}
    ready = readiness or {}
    report["specs"] = (
        spec_entry(s, source_path(source_prefix, s.path), ready.get(s.path)) for s in spec_list
    )
    report["findings"] = (
        finding_entry(f, source_path(source_prefix, f.path)) for f in finding_list
    )
    return report


def analysis_report(
    analysis: Analysis, source_prefix: str, readiness: Mapping[str, Readiness]
) -> dict[str, Any]:
    """`report_parts` of a checked docs folder: what the plugin, `check --format json` and
    `generate` write, alike for the same files and options."""
    reference = analysis.reference_date.isoformat() if analysis.reference_date else None
    return report_parts(analysis.specs, analysis.findings, source_prefix, reference, readiness)


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def write(report: dict[str, Any], out: TextIO) -> None:
    """The report as JSON text: one top-level key per line and one spec or finding per line, so
    a diff of two reports shows the specs and findings that changed. Lists and iterators are
    written item by item. (`json.dumps` with `indent` falls back to the pure-Python encoder,
    ten times slower on a large site; each line here is encoded by the C encoder.)"""
    out.write("{\n")
    last = len(report) - 1
    for k, (key, value) in enumerate(report.items()):
        comma = "," if k < last else ""
        if isinstance(value, dict | str | int | float) or value is None:
            out.write(f"  {_COMPACT(key)}: {_COMPACT(value)}{comma}\n")
            continue
        opened = False
        for item in value:
            out.write(",\n" if opened else f"  {_COMPACT(key)}: [\n")
            out.write(f"    {_COMPACT(item)}")
            opened = True
        out.write(f"\n  ]{comma}\n" if opened else f"  {_COMPACT(key)}: []{comma}\n")
    out.write("}\n")


def dumps(report: dict[str, Any]) -> str:
    """`write` into a string."""
    buffer = io.StringIO()
    write(report, buffer)
    return buffer.getvalue()


def load_schema() -> dict[str, Any]:
    text = resources.files("mkdocs_opsspec").joinpath("report.schema.json").read_text("utf-8")
    return json.loads(text)
