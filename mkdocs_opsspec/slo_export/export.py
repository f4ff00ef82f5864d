"""`mkdocs-opsspec export`: the SLO rows of the operations specs as OpenSLO v1 or Sloth
`prometheus/v1` files, one file per service (`<service>.yaml`, `names.file_name`), checked
against the format's rules before they are written.

What cannot be exported is skipped with a reason (the CLI prints them and exits 1); nothing is
ever given a placeholder. The output is deterministic: services, objects and SLOs are sorted by
name, and each file starts with a comment naming its source spec and line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..lexer import inline_text
from ..model import SLO, Spec
from ..units import SECONDS
from . import openslo, sloth
from .names import dns_label, file_name, service_name, slug
from .objectives import Objective, TimeWindow, spec_objective
from .queries import HOW_TO_ADD, SliQueries, sli_queries

FORMATS = ("openslo", "sloth")
DEFAULT_SLOTH_PERIOD = TimeWindow(30 * SECONDS["day"])
_HEADER = (
    "# Exported by mkdocs-opsspec from {sources}.\n"
    "# Edit the spec's SLO table and export again rather than this file.\n"
)


@dataclass(frozen=True)
class Skipped:
    """An SLO row that was not exported, and why."""

    path: str  # the spec, relative to docs_dir
    line: int
    metric: str
    reason: str


@dataclass
class ExportResult:
    files: dict[str, str] = field(default_factory=dict)  # file name -> YAML text
    exported: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    #: spec path -> names of the SLIs its SLOs reference that no query of the spec defines
    missing_slis: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """An SLO row that has an objective the tools can state."""

    spec: Spec
    slo: SLO
    service: str
    objective: Objective
    metric: str  # the metric as a name part (DNS label)
    queries: SliQueries | None


def export(
    specs: Iterable[Spec],
    fmt: str,
    *,
    prefix: str = "",
    sloth_period: TimeWindow = DEFAULT_SLOTH_PERIOD,
) -> ExportResult:
    """The files of `fmt` for the operations specs among `specs`. `prefix` (docs_dir as seen
    from mkdocs.yml) goes before spec paths in the files' comments."""
    result = ExportResult()
    rows = _rows(specs, result)
    if fmt == "openslo":
        _openslo(rows, result, prefix)
    elif fmt == "sloth":
        _sloth(rows, result, prefix, sloth_period)
    else:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    result.skipped.sort(key=lambda s: (s.path, s.line))
    return result


def _skip(result: ExportResult, spec: Spec, slo: SLO, reason: str) -> None:
    result.skipped.append(Skipped(spec.path, slo.line, slo.metric, reason))


def _rows(specs: Iterable[Spec], result: ExportResult) -> list[Row]:
    rows = []
    for spec in sorted(specs, key=lambda s: s.path):
        ops = spec.operations
        if spec.role != "feature" or spec.type != "operations" or ops is None:
            continue
        service = service_name(spec)
        for slo in ops.slos:
            reason = _reason(slo, service)
            if isinstance(reason, str):
                _skip(result, spec, slo, reason)
                continue
            assert service is not None
            queries = sli_queries(spec, slo)
            if isinstance(queries, str):
                _skip(result, spec, slo, queries)
                continue
            rows.append(Row(spec, slo, service, reason, slug(slo.metric), queries))
    return rows


def _reason(slo: SLO, service: str | None) -> Objective | str:
    """The row's objective, or why it cannot be exported."""
    if service is None:
        return (
            "the spec names no service: give it a feature name or front matter "
            "opsspec: {service: ...}"
        )
    if not slug(slo.metric):
        return "its Metric cell is empty: name the metric"
    obj = spec_objective(slo)
    if isinstance(obj, str):
        return obj
    if obj.window is None:
        return "its measurement window does not parse"
    if obj.window.duration is None:
        return f"its window '{inline_text(slo.window_raw)}' is not a whole number of minutes"
    if obj.target is None:
        return (
            "its latency bound does not say for which share of requests: write e.g. '95% of "
            "requests < 300ms', or name the quantile ('Latency p99')"
        )
    if not 0 <= obj.target < 1:
        return "its objective leaves no error budget (100%)"
    return obj


def _description(row: Row, prefix: str) -> str:
    slo = row.slo
    text = (
        f"{slo.metric}: {inline_text(slo.target_raw)} over {inline_text(slo.window_raw)} "
        f"({prefix}{row.spec.path}:{slo.line})"
    )
    return text[: openslo.DESCRIPTION_MAX]


def _display(metric: str) -> str:
    return metric if len(metric) <= 63 else metric[:62] + "…"


# --- OpenSLO ---------------------------------------------------------------------------------


def _openslo(rows: list[Row], result: ExportResult, prefix: str) -> None:
    windows: dict[tuple[str, str], set[TimeWindow]] = defaultdict(set)
    for row in rows:
        assert row.objective.window is not None
        windows[row.service, row.metric].add(row.objective.window)
    by_service: dict[str, dict[str, tuple[Row, dict[str, Any]]]] = defaultdict(dict)
    slis: dict[str, dict[str, tuple[Row, dict[str, Any]]]] = defaultdict(dict)
    missing: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        obj = row.objective
        assert obj.window is not None
        sli_name = dns_label(row.service, row.metric)
        label = [obj.window.label] if len(windows[row.service, row.metric]) > 1 else []
        name = dns_label(row.service, row.metric, *label)
        display = _display(row.slo.metric)
        doc = openslo.slo_object(
            name, display, _description(row, prefix), row.service, sli_name, obj
        )
        sli_doc = None
        if row.queries is not None:
            sli_doc = openslo.sli_object(sli_name, display, row.queries, obj.kind)
        problems = openslo.problems(doc) + (openslo.problems(sli_doc) if sli_doc else [])
        if name in by_service.get(row.service, {}):
            problems.append(f"metadata.name: '{name}' is not unique (another row has it)")
        if problems:
            _skip(result, row.spec, row.slo, "it breaks OpenSLO's rules: " + "; ".join(problems))
            continue
        by_service[row.service][name] = (row, doc)
        if sli_doc is not None:
            slis[row.service].setdefault(sli_name, (row, sli_doc))
        else:
            missing[row.spec.path].add(sli_name)
    for service in sorted(by_service):
        objects = sorted(slis[service].items()) + sorted(by_service[service].items())
        header = _header([row for _, (row, _) in objects], prefix)
        body = "".join("---\n" + _dump(doc) for _, (_, doc) in objects)
        result.files[file_name(service)] = header + body
        result.exported += len(by_service[service])
    for path, names in missing.items():
        written = {n for service in slis.values() for n in service}
        left = sorted(names - written)
        if left:
            result.missing_slis[path] = left


# --- Sloth -----------------------------------------------------------------------------------


def _sloth(rows: list[Row], result: ExportResult, prefix: str, period: TimeWindow) -> None:
    by_service: dict[str, dict[str, tuple[Row, dict[str, Any]]]] = defaultdict(dict)
    for row in rows:
        obj = row.objective
        assert obj.window is not None and obj.target is not None
        if obj.window != period:
            _skip(
                result,
                row.spec,
                row.slo,
                f"its window ({obj.window.text}) is not Sloth's period ({period.text}): Sloth "
                "files state no window, Sloth takes it from its command line (export with "
                "--sloth-period to pick another)",
            )
            continue
        if row.queries is None:
            _skip(result, row.spec, row.slo, f"it has no SLI queries: {HOW_TO_ADD}")
            continue
        block = sloth.sli(row.queries, obj.kind)
        if isinstance(block, str):
            _skip(result, row.spec, row.slo, block)
            continue
        alert = sloth.alerting(
            row.service, row.slo.metric, sloth.matching_alerts(row.spec, row.slo)
        )
        entry = sloth.slo_entry(
            row.metric, _description(row, prefix), obj.target * 100, block, alert
        )
        problems = list(sloth.slo_problems(row.service, entry))
        if not sloth.is_name(row.service):
            problems.append(f"service: '{row.service}' is not a valid Sloth name")
        if row.metric in by_service.get(row.service, {}):
            problems.append(f"name: '{row.metric}' is not unique in service '{row.service}'")
        if problems:
            _skip(result, row.spec, row.slo, "it breaks Sloth's rules: " + "; ".join(problems))
            continue
        by_service[row.service][row.metric] = (row, entry)
    for service in sorted(by_service):
        entries = sorted(by_service[service].items())
        doc = sloth.service_spec(service, [entry for _, (_, entry) in entries])
        note = (
            f"# Sloth takes the window from its command line: these SLOs are over {period.text}.\n"
        )
        header = _header([row for _, (row, _) in entries], prefix) + note
        result.files[file_name(service)] = header + _dump(doc)
        result.exported += len(entries)


# --- YAML ------------------------------------------------------------------------------------


def _header(rows: list[Row], prefix: str) -> str:
    first: dict[str, int] = {}
    for row in rows:
        path = row.spec.path
        first[path] = min(first.get(path, row.slo.line), row.slo.line)
    sources = ", ".join(f"{prefix}{path}:{line}" for path, line in sorted(first.items()))
    return _HEADER.format(sources=sources)


class _Dumper(yaml.SafeDumper):
    """Block style, sequences indented under their key, multi-line strings as `|` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(doc: dict[str, Any]) -> str:
    return yaml.dump(
        doc,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )
