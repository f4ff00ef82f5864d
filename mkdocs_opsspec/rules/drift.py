"""SLO drift rules: the specs' SLO rows against the monitoring files of the `slo_sources` option
(OpenSLO and Sloth), across all specs. Nothing fires without `slo_sources`.

The reading of the files raises OS901-OS903 (registered in `registry`); the comparison itself
lives in `slo_export.drift`, imported only when `slo_sources` is set (a `check` without it
starts no slower).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import Finding, Spec
from . import RuleContext
from .common import quote
from .registry import E, I, Rule, W, register

if TYPE_CHECKING:
    from ..slo_export.drift import RowState

SLO_TARGET_DRIFT = register(
    "OS904",
    "slo-target-drift",
    E,
    "An SLO's target differs from the one its monitoring file (OpenSLO or Sloth) states.",
    readiness="slo",
)
SLO_WINDOW_DRIFT = register(
    "OS905",
    "slo-window-drift",
    E,
    "An SLO's measurement window differs from its OpenSLO file's time window.",
    readiness="slo",
)
SLO_NOT_MONITORED = register(
    "OS906", "slo-not-monitored", W, "An SLO of a spec is in no monitoring file of slo_sources."
)
SLO_MONITORING_EXTRA = register(
    "OS907",
    "slo-monitoring-extra",
    W,
    "A monitoring file has an SLO that the service's operations spec lacks.",
)
SLO_MONITORING_NO_SPEC = register(
    "OS908",
    "slo-monitoring-no-spec",
    I,
    "A monitoring file has SLOs of a service that no operations spec names.",
)
#: The rules that say a spec SLO and its monitoring file disagree (the portfolio counts them).
DRIFT_CODES = frozenset({SLO_TARGET_DRIFT.code, SLO_WINDOW_DRIFT.code})


def _at(path: str, line: int | None, rule: Rule, message: str) -> Finding:
    return Finding(path, line, rule.severity, rule.code, message)


def _row_findings(path: str, line: int, metric: str, row: RowState) -> Iterator[Finding]:
    from ..slo_export.drift import DIFFERS, NOT_MONITORED, stated
    from ..slo_export.objectives import describe

    obj, m = row.objective, row.monitored
    if obj is None or obj.window is None:
        return
    says = f"SLO {quote(metric)}: spec says {describe(obj)} over {obj.window.text}"
    if row.state == DIFFERS and m is not None:
        if row.target_differs:
            yield _at(
                path,
                line,
                SLO_TARGET_DRIFT,
                f"{says}; {m.where} says {stated(obj, m)}: change one of them so that both "
                "state the same objective",
            )
        if row.window_differs and m.objective.window is not None:
            yield _at(
                path,
                line,
                SLO_WINDOW_DRIFT,
                f"{says}; {m.shown}:{m.window_line or m.line} says over "
                f"{m.objective.window.text}: change one of them so that both use the same window",
            )
    elif row.state == NOT_MONITORED:
        yield _at(
            path,
            line,
            SLO_NOT_MONITORED,
            f"SLO {quote(metric)} ({describe(obj)} over {obj.window.text}) is in no monitoring "
            f"file of slo_sources for service '{row.service}': add it to the service's OpenSLO "
            "or Sloth file ('mkdocs-opsspec export' writes them), or name the service as the "
            "files do (front matter opsspec: {service: ...})",
        )


def check_site(specs: list[Spec], ctx: RuleContext) -> Iterable[Finding]:
    monitoring = ctx.monitoring
    if monitoring is None:
        return []
    from ..slo_export.drift import compare
    from ..slo_export.objectives import describe

    out = list(monitoring.problems)
    # `analyse` compared once (the spec pages read the same result); a rule run alone compares
    drift = ctx.drift if ctx.drift is not None else compare(specs, monitoring)
    metrics = {
        (s.path, slo.line): slo.metric
        for s in specs
        if s.path in drift.rows and s.operations
        for slo in s.operations.slos
    }
    for path, rows in drift.rows.items():
        for line, row in rows.items():
            out.extend(_row_findings(path, line, metrics.get((path, line), ""), row))
    for m, paths in drift.extra:
        out.append(
            _at(
                m.path,
                m.line,
                SLO_MONITORING_EXTRA,
                f"SLO {quote(m.name)} of service '{m.service}' ({describe(m.objective)}) has no "
                f"row in the SLO table of {', '.join(paths)}: add the objective to the spec, or "
                f"remove it from {m.shown}",
            )
        )
    for m in drift.orphans:
        out.append(
            _at(
                m.path,
                m.line,
                SLO_MONITORING_NO_SPEC,
                f"SLO {quote(m.name)} is of service '{m.service}', which no operations spec "
                "names, so it is not checked against the docs (a spec names its service in "
                "front matter opsspec: {service: ...}, else by its feature name)",
            )
        )
    return out
