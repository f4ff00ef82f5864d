"""Drift: the SLO rows of the operations specs matched to the SLOs of the monitoring files.

Each monitoring SLO is matched to a spec SLO of the same service (names compared ignoring
case), one to one: first by name (the metric's, or the name `export` gives), then by kind
(availability, error rate, latency); among candidates the one with the same window, latency
bound and target wins, so two latency SLOs are told apart by threshold and share. A matched
pair differs in its target (share of good events, latency bound) or in its window (OpenSLO
only: Sloth files state no window).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import SLO, Spec
from .monitored import MonitoredSLO, Monitoring
from .names import dns_label, service_name, slug
from .objectives import Objective, describe, spec_objective

MATCHES = "matches"
DIFFERS = "differs"
NOT_MONITORED = "not monitored"
UNCHECKED = "not checked"


@dataclass(frozen=True)
class RowState:
    """How one SLO row of a spec stands against the monitoring files."""

    state: str  # MATCHES, DIFFERS, NOT_MONITORED or UNCHECKED
    service: str
    objective: Objective | None = None  # the row's (None: not comparable)
    monitored: MonitoredSLO | None = None
    target_differs: bool = False
    window_differs: bool = False
    note: str = ""  # why a row is not checked


@dataclass
class Drift:
    #: spec path -> SLO row line -> state (operations specs that name a service)
    rows: dict[str, dict[int, RowState]] = field(default_factory=dict)
    #: monitoring SLOs of a service whose specs lack them, with the specs' paths
    extra: list[tuple[MonitoredSLO, tuple[str, ...]]] = field(default_factory=list)
    #: monitoring SLOs of services no spec names
    orphans: list[MonitoredSLO] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    spec: Spec
    slo: SLO
    service: str
    objective: Objective | str  # or why it is not comparable
    names: frozenset[str]  # what a monitoring SLO of this row may be called


def _key(service: str) -> str:
    return service.casefold()


def operations_specs(specs: Iterable[Spec]) -> list[Spec]:
    return [s for s in specs if s.role == "feature" and s.type == "operations"]


def compare(specs: Iterable[Spec], monitoring: Monitoring) -> Drift:
    drift = Drift()
    rows_by_service: dict[str, list[_Row]] = defaultdict(list)
    spec_paths: dict[str, list[str]] = defaultdict(list)
    for spec in sorted(operations_specs(specs), key=lambda s: s.path):
        service = service_name(spec)
        if service is None:
            continue
        spec_paths[_key(service)].append(spec.path)
        drift.rows[spec.path] = {}
        for slo in spec.operations.slos if spec.operations else []:
            rows_by_service[_key(service)].append(_row(spec, slo, service))
    monitored: dict[str, list[MonitoredSLO]] = defaultdict(list)
    for m in monitoring.slos:
        monitored[_key(m.service)].append(m)
    unreadable = {_key(service): why for service, why in reversed(monitoring.unreadable)}
    for key in sorted(set(rows_by_service) | set(monitored)):
        rows, slos = rows_by_service.get(key, []), monitored.get(key, [])
        if key not in spec_paths:
            drift.orphans.extend(slos)
            continue
        pairs = _assign(rows, slos)
        for row in rows:
            m = pairs.get(id(row))
            drift.rows[row.spec.path][row.slo.line] = _state(row, m, unreadable.get(key))
        used = {id(m) for m in pairs.values()}
        paths = tuple(spec_paths[key])
        drift.extra.extend((m, paths) for m in slos if id(m) not in used)
    return drift


def _row(spec: Spec, slo: SLO, service: str) -> _Row:
    obj = spec_objective(slo)
    if isinstance(obj, Objective) and obj.window is None:
        obj = "its window does not parse"
    metric = slug(slo.metric)
    names = {metric, dns_label(service, slo.metric)}
    if isinstance(obj, Objective) and obj.window is not None:
        names |= {f"{metric}-{obj.window.label}", dns_label(service, slo.metric, obj.window.label)}
    return _Row(spec, slo, service, obj, frozenset(n for n in names if n))


def _names(m: MonitoredSLO) -> set[str]:
    """A monitoring SLO's names as slugs, also without the service in front."""
    out = {slug(n) for n in m.names}
    prefix = slug(m.service) + "-"
    return out | {n[len(prefix) :] for n in out if n.startswith(prefix)}


def _score(row: _Row, m: MonitoredSLO) -> tuple[bool, bool, bool, bool] | None:
    """How well a monitoring SLO fits a row (higher is better); None when it cannot be it."""
    named = bool(row.names & _names(m))
    obj = row.objective
    if not isinstance(obj, Objective):
        return (True, False, False, False) if named else None
    theirs = m.objective
    if not named and theirs.kind != obj.kind:
        return None
    window = theirs.window is None or theirs.window == obj.window
    bound = theirs.threshold_ms is None or theirs.threshold_ms == obj.threshold_ms
    target = theirs.target == obj.target
    return (named, window, bound, target)


def _assign(rows: list[_Row], slos: list[MonitoredSLO]) -> dict[int, MonitoredSLO]:
    """Row id -> its monitoring SLO: the best-fitting pairs first, in spec and file order."""
    pairs = []
    for i, row in enumerate(rows):
        for j, m in enumerate(slos):
            score = _score(row, m)
            if score is not None:
                pairs.append((tuple(not s for s in score), i, j))
    pairs.sort()
    taken_rows: set[int] = set()
    taken: set[int] = set()
    out: dict[int, MonitoredSLO] = {}
    for _, i, j in pairs:
        if i in taken_rows or j in taken:
            continue
        taken_rows.add(i)
        taken.add(j)
        out[id(rows[i])] = slos[j]
    return out


def _state(row: _Row, m: MonitoredSLO | None, unreadable: str | None) -> RowState:
    """`unreadable`: why the service's SLOs cannot all be read (None: they can)."""
    obj = row.objective
    if not isinstance(obj, Objective):
        return RowState(UNCHECKED, row.service, None, m, note=obj)
    if m is None:
        if unreadable is not None:
            return RowState(UNCHECKED, row.service, obj, note=unreadable)
        return RowState(NOT_MONITORED, row.service, obj)
    theirs = m.objective
    target = (
        theirs.target is not None and obj.target is not None and theirs.target != obj.target
    ) or (
        theirs.threshold_ms is not None
        and obj.threshold_ms is not None
        and theirs.threshold_ms != obj.threshold_ms
    )
    window = theirs.window is not None and theirs.window != obj.window
    state = DIFFERS if target or window else MATCHES
    return RowState(state, row.service, obj, m, target, window)


def stated(spec: Objective, m: MonitoredSLO) -> str:
    """What a monitoring file promises, in the words of the spec row's kind ('99.5%',
    '< 0.5% errors', '95% of requests < 250 ms')."""
    theirs = m.objective
    return describe(Objective(spec.kind, theirs.target, None, theirs.threshold_ms, theirs.op))
