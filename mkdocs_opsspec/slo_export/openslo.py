"""OpenSLO v1 objects (`apiVersion: openslo/v1`) for a spec's SLO rows, and the specification's
rules every object written must pass.

The rules are ported from the OpenSLO specification (README, "Specification") and its Go SDK's
validation (`OpenSLO/go-sdk`, `pkg/openslo/v1`: objects.go, slo.go, sli.go,
duration_shorthand.go):

- `apiVersion` is `openslo/v1`; `kind` is `SLO` or `SLI`;
- `metadata.name` is an RFC 1123 DNS label (at most 63 characters of `a-z`, `0-9` and `-`,
  starting and ending with a letter or digit); `metadata.displayName` at most 63 characters;
- SLO: `spec.description` at most 1050 characters; `spec.service` given; `budgetingMethod`
  one of Occurrences, Timeslices, RatioTimeslices; exactly one of `indicator` and
  `indicatorRef` (a DNS label); `timeWindow` holds exactly one item, whose `duration` is a
  positive integer and a unit of `m h d w M Q Y`, with `calendar` set exactly when `isRolling`
  is false (`startTime` as `2006-01-02 15:04:05`, `timeZone` an IANA name); at least one
  objective, each with exactly one of `target` in [0, 1) and `targetPercent` in [0, 100), and
  an `op` (if any) of lt, lte, gt, gte;
- SLI: exactly one of `thresholdMetric` and `ratioMetric`; a ratio has `total` with exactly
  one of `good` and `bad`, or `raw` with a `rawType` of success or failure (never both
  `total` and `raw`); every `metricSource` has a non-empty `spec` and a `metricSourceRef`
  (if any) that is a DNS label.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from .names import DNS_LABEL_MAX, is_dns_label
from .objectives import Objective
from .queries import SliQueries

API_VERSION = "openslo/v1"
BUDGETING_METHODS = ("Occurrences", "Timeslices", "RatioTimeslices")
OPERATORS = ("lt", "lte", "gt", "gte")
DURATION_RE = re.compile(r"^[1-9][0-9]*[mhdwMQY]$")
DESCRIPTION_MAX = 1050
#: Start of calendar-aligned windows: a Monday, and the first day of a month, quarter and year,
#: so that it aligns with every calendar period.
CALENDAR_START = "2024-01-01 00:00:00"
TIME_ZONE = "UTC"
DATASOURCE_TYPE = "Prometheus"
_START_FORMAT = "%Y-%m-%d %H:%M:%S"


def _number(value: Decimal) -> int | float:
    """A YAML number: an int when whole (300), else the float that prints as the decimal."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def slo_object(
    name: str, display: str, description: str, service: str, sli: str, obj: Objective
) -> dict[str, Any]:
    """One SLO with one objective, referencing the SLI named `sli`."""
    assert obj.window is not None and obj.target is not None
    window: dict[str, Any] = {"duration": obj.window.duration}
    if obj.window.rolling:
        window["isRolling"] = True
    else:
        window["isRolling"] = False
        window["calendar"] = {"startTime": CALENDAR_START, "timeZone": TIME_ZONE}
    objective: dict[str, Any] = {"displayName": display}
    if obj.threshold_ms is not None:
        objective["op"] = obj.op
        objective["value"] = _number(obj.threshold_ms)
    objective["target"] = _number(obj.target)
    return {
        "apiVersion": API_VERSION,
        "kind": "SLO",
        "metadata": {"name": name, "displayName": display},
        "spec": {
            "description": description,
            "service": service,
            "indicatorRef": sli,
            "budgetingMethod": "Occurrences",
            "timeWindow": [window],
            "objectives": [objective],
        },
    }


def _source(query: str) -> dict[str, Any]:
    return {"metricSource": {"type": DATASOURCE_TYPE, "spec": {"query": query}}}


def sli_object(name: str, display: str, queries: SliQueries, kind: str) -> dict[str, Any]:
    """An SLI of the spec's queries: a ratio of good (or bad) to total events, a ratio already
    computed (`SLI query`), or for a latency SLO with one query, a threshold metric."""
    spec: dict[str, Any]
    if queries.ratio is not None and kind == "latency":
        spec = {"thresholdMetric": _source(queries.ratio)}
    elif queries.ratio is not None:
        spec = {
            "ratioMetric": {"counter": False, "rawType": "success", "raw": _source(queries.ratio)}
        }
    else:
        ratio: dict[str, Any] = {"counter": False}
        if queries.good is not None:
            ratio["good"] = _source(queries.good)
        else:
            assert queries.bad is not None
            ratio["bad"] = _source(queries.bad)
        assert queries.total is not None
        ratio["total"] = _source(queries.total)
        spec = {"ratioMetric": ratio}
    return {
        "apiVersion": API_VERSION,
        "kind": "SLI",
        "metadata": {"name": name, "displayName": display},
        "spec": spec,
    }


# --- the specification's rules -------------------------------------------------------------


def problems(obj: Mapping[str, Any]) -> list[str]:
    """What in `obj` breaks the OpenSLO v1 rules (`path: what`); [] when it passes."""
    out: list[str] = []
    if obj.get("apiVersion") != API_VERSION:
        out.append(f"apiVersion: must be {API_VERSION}")
    out.extend(_metadata(obj.get("metadata")))
    spec = obj.get("spec")
    if not isinstance(spec, Mapping):
        return [*out, "spec: is required"]
    kind = obj.get("kind")
    if kind == "SLO":
        out.extend(_slo_spec(spec))
    elif kind == "SLI":
        out.extend(f"spec.{p}" for p in _sli_spec(spec))
    else:
        out.append("kind: must be SLO or SLI")
    return out


def _metadata(meta: object) -> Iterator[str]:
    if not isinstance(meta, Mapping):
        yield "metadata: is required"
        return
    name = meta.get("name")
    if not isinstance(name, str) or not name:
        yield "metadata.name: is required"
    elif not is_dns_label(name):
        yield f"metadata.name: '{name}' is not an RFC 1123 DNS label"
    display = meta.get("displayName")
    if isinstance(display, str) and len(display) > DNS_LABEL_MAX:
        yield f"metadata.displayName: longer than {DNS_LABEL_MAX} characters"


def _description(spec: Mapping[str, Any]) -> Iterator[str]:
    text = spec.get("description")
    if isinstance(text, str) and len(text) > DESCRIPTION_MAX:
        yield f"description: longer than {DESCRIPTION_MAX} characters"


def _slo_spec(spec: Mapping[str, Any]) -> Iterator[str]:
    yield from (f"spec.{p}" for p in _description(spec))
    if not spec.get("service"):
        yield "spec.service: is required"
    if spec.get("budgetingMethod") not in BUDGETING_METHODS:
        yield f"spec.budgetingMethod: must be one of {', '.join(BUDGETING_METHODS)}"
    has_indicator, has_ref = spec.get("indicator") is not None, spec.get("indicatorRef") is not None
    if has_indicator == has_ref:
        yield "spec: exactly one of indicator and indicatorRef must be set"
    ref = spec.get("indicatorRef")
    if has_ref and not (isinstance(ref, str) and is_dns_label(ref)):
        yield f"spec.indicatorRef: '{ref}' is not an RFC 1123 DNS label"
    if has_indicator:
        indicator = spec["indicator"]
        if not isinstance(indicator, Mapping):
            yield "spec.indicator: must be a mapping"
        else:
            yield from (f"spec.indicator.{p}" for p in _metadata(indicator.get("metadata")))
            inner = indicator.get("spec")
            if isinstance(inner, Mapping):
                yield from (f"spec.indicator.spec.{p}" for p in _sli_spec(inner))
            else:
                yield "spec.indicator.spec: is required"
    windows = spec.get("timeWindow")
    if windows is not None:
        if not isinstance(windows, list) or len(windows) != 1:
            yield "spec.timeWindow: must hold exactly one item"
        else:
            yield from (f"spec.timeWindow[0].{p}" for p in _time_window(windows[0]))
    objectives = spec.get("objectives")
    if not isinstance(objectives, list) or not objectives:
        yield "spec.objectives: at least one objective is required"
    else:
        for k, objective in enumerate(objectives):
            yield from (f"spec.objectives[{k}].{p}" for p in _objective(objective))


def _time_window(window: object) -> Iterator[str]:
    if not isinstance(window, Mapping):
        yield "must be a mapping"
        return
    duration = window.get("duration")
    if not isinstance(duration, str) or DURATION_RE.match(duration) is None:
        yield f"duration: '{duration}' is not a positive integer and a unit of m h d w M Q Y"
    rolling = window.get("isRolling") is True
    calendar = window.get("calendar")
    if rolling and calendar is not None:
        yield "calendar: cannot be set when isRolling is true"
    if not rolling and calendar is None:
        yield "calendar: must be set when isRolling is false"
    if isinstance(calendar, Mapping):
        start = calendar.get("startTime")
        try:
            dt.datetime.strptime(str(start), _START_FORMAT)
        except ValueError:
            yield f"calendar.startTime: '{start}' is not a date and time as 2006-01-02 15:04:05"
        if not _is_time_zone(calendar.get("timeZone")):
            yield f"calendar.timeZone: '{calendar.get('timeZone')}' is not an IANA time zone"
    elif calendar is not None:
        yield "calendar: must be a mapping"


def _is_time_zone(name: object) -> bool:
    if not isinstance(name, str) or not name:
        return False
    if name == "UTC":  # Go's time.LoadLocation knows it without a zone database
        return True
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _objective(objective: object) -> Iterator[str]:
    if not isinstance(objective, Mapping):
        yield "must be a mapping"
        return
    op = objective.get("op")
    if op is not None and op not in OPERATORS:
        yield f"op: must be one of {', '.join(OPERATORS)}"
    target, percent = objective.get("target"), objective.get("targetPercent")
    if (target is None) == (percent is None):
        yield "exactly one of target and targetPercent must be set"
    if target is not None and not (_is_number(target) and 0 <= target < 1):
        yield f"target: {target} is not in [0, 1)"
    if percent is not None and not (_is_number(percent) and 0 <= percent < 100):
        yield f"targetPercent: {percent} is not in [0, 100)"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _sli_spec(spec: Mapping[str, Any]) -> Iterator[str]:
    yield from _description(spec)
    threshold, ratio = spec.get("thresholdMetric"), spec.get("ratioMetric")
    if (threshold is None) == (ratio is None):
        yield "exactly one of thresholdMetric and ratioMetric must be set"
    if threshold is not None:
        yield from (f"thresholdMetric.{p}" for p in _metric(threshold))
    if isinstance(ratio, Mapping):
        yield from (f"ratioMetric{p}" for p in _ratio(ratio))
    elif ratio is not None:
        yield "ratioMetric: must be a mapping"


def _ratio(ratio: Mapping[str, Any]) -> Iterator[str]:
    total, raw = ratio.get("total"), ratio.get("raw")
    good, bad = ratio.get("good"), ratio.get("bad")
    if (total is None) == (raw is None):
        yield ": exactly one of total and raw must be set"
        return
    if sum(x is not None for x in (raw, good, bad)) > 1:
        yield ": at most one of raw, good and bad may be set"
        return
    if total is not None:
        if (good is None) == (bad is None):
            yield ": exactly one of good and bad must be set with total"
        for key in ("total", "good", "bad"):
            if ratio.get(key) is not None:
                yield from (f".{key}.{p}" for p in _metric(ratio[key]))
    else:
        yield from (f".raw.{p}" for p in _metric(raw))
        if ratio.get("rawType") not in ("success", "failure"):
            yield ".rawType: must be success or failure with raw"


def _metric(metric: object) -> Iterator[str]:
    source = metric.get("metricSource") if isinstance(metric, Mapping) else None
    if not isinstance(source, Mapping):
        yield "metricSource: is required"
        return
    ref = source.get("metricSourceRef")
    if ref and not (isinstance(ref, str) and is_dns_label(ref)):
        yield f"metricSource.metricSourceRef: '{ref}' is not an RFC 1123 DNS label"
    inner = source.get("spec")
    if not isinstance(inner, Mapping) or not inner:
        yield "metricSource.spec: must be a non-empty mapping"
