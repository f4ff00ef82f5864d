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
from .docs import Example, ExampleFile, RuleDoc
from .registry import AVAILABILITY_SLO, SLO_SOURCES, E, I, Rule, W, openslo, register

if TYPE_CHECKING:
    from ..slo_export.drift import RowState

_CHECKOUT = "monitoring/checkout.yaml"
_TWO_SLOS = """
    ## SLOs (Service Level Objectives)

    | Metric | Target | Measurement Window |
    |--------|--------|--------------------|
    | Availability | 99.9% | 30 days |
    | Error rate | < 1% | 30 days |
"""
_MONITORING = """
    What counts as the same SLO: the service is the spec's front matter
    `opsspec: {service: ...}`, else its feature name (`Checkout` is `checkout`); within a
    service, an SLO of a file is matched to a row of the spec by name (the Metric cell, or the
    name `mkdocs-opsspec export` gives it), else by kind (availability, error rate, latency).
"""


def _against(spec: str, *files: tuple[str, str], others: tuple[ExampleFile, ...] = ()) -> Example:
    """`spec` (the part of the spec with its SLOs) against monitoring files (path, text);
    `others`: more files of docs_dir."""
    return Example(
        spec,
        files=others,
        monitoring=tuple(ExampleFile(path, text) for path, text in files),
        settings=SLO_SOURCES,
    )


SLO_TARGET_DRIFT = register(
    "OS904",
    "slo-target-drift",
    E,
    "An SLO's target differs from the one its monitoring file (OpenSLO or Sloth) states.",
    readiness="slo",
    doc=RuleDoc(
        catches="""
            An SLO row of an operations spec whose objective differs from the objective of the
            same SLO in the monitoring files of `slo_sources`: 99.9% in the spec and 0.995 in
            the OpenSLO file, or another latency bound.
        """,
        why="""
            The spec and the alerts built from the monitoring file promise different things:
            the error budget on the spec page is not the one on-call is paged about.
        """,
        bad=_against(AVAILABILITY_SLO, (_CHECKOUT, openslo("checkout-availability", "0.995"))),
        fixed=_against(AVAILABILITY_SLO, (_CHECKOUT, openslo("checkout-availability", "0.999"))),
        accepts=_MONITORING,
    ),
)
SLO_WINDOW_DRIFT = register(
    "OS905",
    "slo-window-drift",
    E,
    "An SLO's measurement window differs from its OpenSLO file's time window.",
    readiness="slo",
    doc=RuleDoc(
        catches="""
            An SLO row whose measurement window differs from the time window of the same SLO in
            an OpenSLO file (Sloth files state no window: their period is set where Sloth runs).
        """,
        why="""
            The same target over another window is another promise: 99.9% over 28 days allows
            40 minutes of downtime, over 30 days 43.
        """,
        bad=_against(
            AVAILABILITY_SLO, (_CHECKOUT, openslo("checkout-availability", "0.999", "28d"))
        ),
        fixed=_against(
            AVAILABILITY_SLO, (_CHECKOUT, openslo("checkout-availability", "0.999", "30d"))
        ),
        accepts=_MONITORING,
    ),
)
SLO_NOT_MONITORED = register(
    "OS906",
    "slo-not-monitored",
    W,
    "An SLO of a spec is in no monitoring file of slo_sources.",
    doc=RuleDoc(
        catches="""
            An SLO row of an operations spec that no SLO of the monitoring files matches, while
            `slo_sources` is set.
        """,
        why="""
            An objective that is written down but not monitored is a promise nobody is alerted
            about. `mkdocs-opsspec export` writes the OpenSLO or Sloth files of a spec's SLOs.
        """,
        bad=_against(_TWO_SLOS, (_CHECKOUT, openslo("checkout-availability", "0.999"))),
        fixed=_against(
            _TWO_SLOS,
            (_CHECKOUT, openslo("checkout-availability", "0.999")),
            ("monitoring/checkout-errors.yaml", openslo("checkout-error-rate", "0.99")),
        ),
        accepts=_MONITORING,
    ),
)
SLO_MONITORING_EXTRA = register(
    "OS907",
    "slo-monitoring-extra",
    W,
    "A monitoring file has an SLO that the service's operations spec lacks.",
    doc=RuleDoc(
        catches="""
            An SLO of a monitoring file, for a service an operations spec describes, that
            matches no row of that spec's SLO tables.
        """,
        why="""
            On-call is paged about an objective the spec does not state: readers of the spec do
            not know it exists, and its error budget is not shown.
        """,
        bad=_against(
            AVAILABILITY_SLO,
            (_CHECKOUT, openslo("checkout-availability", "0.999")),
            ("monitoring/checkout-errors.yaml", openslo("checkout-error-rate", "0.99")),
        ),
        fixed=_against(
            _TWO_SLOS,
            (_CHECKOUT, openslo("checkout-availability", "0.999")),
            ("monitoring/checkout-errors.yaml", openslo("checkout-error-rate", "0.99")),
        ),
        accepts=_MONITORING,
    ),
)
_PAYMENTS = (
    "monitoring/payments.yaml",
    openslo("payments-availability", "0.999", service="payments"),
)
SLO_MONITORING_NO_SPEC = register(
    "OS908",
    "slo-monitoring-no-spec",
    I,
    "A monitoring file has SLOs of a service that no operations spec names.",
    doc=RuleDoc(
        catches="""
            SLOs of a monitoring file whose service no operations spec names, so they are
            compared with nothing.
        """,
        why="""
            Either the service has no operations spec yet, or its spec names the service
            differently: give the spec `opsspec: {service: ...}` in its front matter to join
            them.
        """,
        bad=_against(
            AVAILABILITY_SLO, (_CHECKOUT, openslo("checkout-availability", "0.999")), _PAYMENTS
        ),
        fixed=_against(
            AVAILABILITY_SLO,
            (_CHECKOUT, openslo("checkout-availability", "0.999")),
            _PAYMENTS,
            others=(
                ExampleFile(
                    "operations/ybs-spec_4d5e6f708192.md",
                    """
                    # Operations Specification: Payments

                    **GUID**: 4d5e6f708192
                    **Version**: 2.0.1
                    **Status**: Approved
                    **Last Updated**: 2026-09-14

                    ## SLOs (Service Level Objectives)

                    | Metric | Target | Measurement Window |
                    |--------|--------|--------------------|
                    | Availability | 99.9% | 30 days |
                    """,
                    part=True,
                ),
            ),
        ),
        accepts=_MONITORING,
    ),
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
