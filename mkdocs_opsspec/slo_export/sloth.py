"""Sloth `prometheus/v1` specs (one per service) for a spec's SLO rows, and Sloth's own rules
every spec written must pass.

The rules are ported from Sloth (`slok/sloth`): `pkg/common/validation/slo.go` (`ValidateSLO`),
`pkg/common/validation/promql.go` (the PromQL dialect), `pkg/common/conventions` (the name
regexp), the spec loader (`internal/storage/io/sloth.go`) and `sloth validate`'s duplicate check:

- `version` is `prometheus/v1`, with at least one SLO;
- the service, each SLO name and each SLO ID (`<service>-<name>`) match
  `^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$`, and names are unique within the service;
- the objective is a number in (0, 100];
- the SLI is exactly one of `events` and `raw`; the error and total queries differ; every
  query contains `{{.window}}` and, rendered with a window of 1m, parses as PromQL;
- an alert that is not disabled has a name (`alerting.name`); label keys are not empty nor
  `__name__`, label and annotation values are not empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from ..lexer import inline_text
from ..model import SLO, Alert, Spec
from ..parser.operations import slo_kind
from ..rules.common import plain
from .names import camel_case
from .promql import expression_error, template_error
from .queries import SliQueries

VERSION = "prometheus/v1"
#: Sloth's `conventions.NameRegexp`.
NAME_RE = re.compile(r"^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$")
_NAME_RULE = "must start and end with a letter or digit and hold only those, '.', '_' and '-'"
#: Severities (first word, lower case) whose alerts page; any other severity files a ticket.
PAGE_SEVERITIES = frozenset({"critical", "page", "p1", "sev1", "sev-1", "emergency", "urgent"})


def sli(queries: SliQueries, kind: str) -> dict[str, Any] | str:
    """Sloth's SLI of the queries (error events over total events, or a raw error ratio), or
    why Sloth cannot take them."""
    if queries.ratio is not None:
        if kind == "latency":
            return (
                "its SLI query gives a latency, and Sloth needs the share of bad events: give "
                "an error query and a total query"
            )
        return {"raw": {"error_ratio_query": f"1 - ({queries.ratio})"}}
    assert queries.total is not None
    if queries.bad is not None:
        error = queries.bad
    else:
        assert queries.good is not None
        error = f"({queries.total}) - ({queries.good})"
    return {"events": {"error_query": error, "total_query": queries.total}}


def matching_alerts(spec: Spec, slo: SLO) -> list[Alert]:
    """The spec's alerts on this SLO's kind (by the alert's name or condition), in spec order."""
    alerts = spec.operations.alerts if spec.operations else []
    return [
        a
        for a in alerts
        if slo_kind(inline_text(a.name)) == slo.kind
        or slo_kind(inline_text(a.condition or "")) == slo.kind
    ]


def _severity(alert: Alert) -> str:
    return plain(alert.severity).lower()


def is_page(alert: Alert) -> bool:
    words = _severity(alert).split()
    return bool(words) and words[0] in PAGE_SEVERITIES


def alerting(service: str, metric: str, alerts: list[Alert]) -> dict[str, Any]:
    """Sloth's alerting block: named after the spec's first paging alert on the SLO (else its
    first ticket alert, else service and metric); a page or ticket alert where the spec has
    one, each labelled with the spec's severity; the other disabled."""
    pages = [a for a in alerts if is_page(a)]
    tickets = [a for a in alerts if not is_page(a)]
    first = (pages or tickets or [None])[0]
    name = camel_case(first.name) if first is not None else camel_case(service, metric)
    out: dict[str, Any] = {"name": name or camel_case(service, metric)}
    for key, chosen in (("page_alert", pages), ("ticket_alert", tickets)):
        severity = _severity(chosen[0]) if chosen else ""
        if chosen and severity:
            out[key] = {"labels": {"severity": severity}}
        elif chosen:
            out[key] = {}
        else:
            out[key] = {"disable": True}
    return out


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def slo_entry(
    name: str, description: str, objective: Decimal, sli_block: dict[str, Any], alert: dict
) -> dict[str, Any]:
    return {
        "name": name,
        "objective": _number(objective),
        "description": description,
        "sli": sli_block,
        "alerting": alert,
    }


def service_spec(service: str, slos: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": VERSION, "service": service, "slos": slos}


# --- Sloth's rules -----------------------------------------------------------------------------


def is_name(value: object) -> bool:
    return isinstance(value, str) and NAME_RE.match(value) is not None


def problems(spec: Mapping[str, Any]) -> list[str]:
    """What in a `prometheus/v1` spec breaks Sloth's rules (`where: what`); [] when it passes.
    Raises promql.ParserMissing when a query is to be parsed without promql-parser."""
    out: list[str] = []
    if spec.get("version") != VERSION:
        out.append(f"version: must be {VERSION}")
    service = spec.get("service")
    if not is_name(service):
        out.append(f"service: '{service}' {_NAME_RULE}")
    slos = spec.get("slos")
    if not isinstance(slos, list) or not slos:
        return [*out, "slos: at least one SLO is required"]
    seen: set[object] = set()
    for k, slo in enumerate(slos):
        where = f"slos[{k}]"
        if not isinstance(slo, Mapping):
            out.append(f"{where}: must be a mapping")
            continue
        name = slo.get("name")
        if name in seen:
            out.append(f"{where}.name: '{name}' is not unique in service '{service}'")
        seen.add(name)
        out.extend(f"{where}{p}" for p in slo_problems(str(service), slo))
    return out


def slo_problems(service: str, slo: Mapping[str, Any]) -> Iterator[str]:
    """Sloth's rules for one SLO of a service (`.field: what`)."""
    name = slo.get("name")
    if not is_name(name):
        yield f".name: '{name}' {_NAME_RULE}"
    elif not is_name(f"{service}-{name}"):
        yield f".name: the SLO ID '{service}-{name}' is not a valid name"
    objective = slo.get("objective")
    number = isinstance(objective, (int, float, Decimal)) and not isinstance(objective, bool)
    if not number or not 0 < objective <= 100:
        yield f".objective: {objective} is not in (0, 100]"
    yield from (f".sli{p}" for p in _sli_problems(slo.get("sli")))
    yield from (f".alerting{p}" for p in _alerting_problems(slo.get("alerting")))


def _sli_problems(block: object) -> Iterator[str]:
    if not isinstance(block, Mapping):
        yield ": at least one SLI type is required"
        return
    events, raw = block.get("events"), block.get("raw")
    if events is None and raw is None:
        yield ": at least one SLI type is required"
    elif events is not None and raw is not None:
        yield ": only one SLI type is allowed"
    elif isinstance(events, Mapping):
        error, total = events.get("error_query"), events.get("total_query")
        if error == total:
            yield ".events: both error and total queries can't be the same"
            return
        for key, query in (("error_query", error), ("total_query", total)):
            yield from (f".events.{key}: {p}" for p in _query_problems(query))
    elif isinstance(raw, Mapping):
        query = raw.get("error_ratio_query")
        yield from (f".raw.error_ratio_query: {p}" for p in _query_problems(query))
    else:
        yield ": the SLI must be a mapping"


def _query_problems(query: object) -> Iterator[str]:
    if not isinstance(query, str):
        yield "query template is required"
        return
    problem = template_error(query) or expression_error(query)
    if problem is not None:
        yield problem


def _alerting_problems(block: object) -> Iterator[str]:
    if not isinstance(block, Mapping):
        block = {}
    yield from _label_problems(block.get("labels"), "labels")
    yield from _label_problems(block.get("annotations"), "annotations")
    for key in ("page_alert", "ticket_alert"):
        alert = block.get(key) or {}
        if not isinstance(alert, Mapping):
            yield f".{key}: must be a mapping"
            continue
        if alert.get("disable") is True:
            continue
        if not block.get("name"):
            yield f".name: alert name is required ({key} is enabled)"
        yield from (f".{key}{p}" for p in _label_problems(alert.get("labels"), "labels"))
        yield from (f".{key}{p}" for p in _label_problems(alert.get("annotations"), "annotations"))


def _label_problems(labels: object, what: str) -> Iterator[str]:
    if labels is None:
        return
    if not isinstance(labels, Mapping):
        yield f".{what}: must be a mapping"
        return
    for key, value in labels.items():
        if not isinstance(key, str) or not key or (what == "labels" and key == "__name__"):
            yield f".{what}: the key '{key}' is not allowed"
        if not isinstance(value, str) or not value:
            yield f".{what}.{key}: the value is required"
