"""One more column for the author's SLO tables when `slo_sources` is set: whether each SLO is in
a monitoring file, and whether that file states it as the spec does (with the file's path)."""

from __future__ import annotations

from dataclasses import replace

from ..markup import tag
from ..slo_export.drift import DIFFERS, MATCHES, NOT_MONITORED, RowState, stated
from .markers import TableColumns
from .slo_table import EXTRA_CLASS

HEADER = "Monitoring"
HEADER_TITLE = (
    "Whether a monitoring file of slo_sources (OpenSLO, Sloth) states this SLO as the spec does"
)
#: state -> (mark, text, CSS class suffix)
_LOOK = {
    MATCHES: ("✓", "matches", "match"),
    DIFFERS: ("≠", "differs", "differs"),
    NOT_MONITORED: ("∅", "not monitored", "none"),
}


def monitoring_cell(row: RowState | None) -> str:
    """The `<td>` of one SLO row ('' inside for a row the check does not cover)."""
    if row is None:
        return tag("td", {"class": EXTRA_CLASS})
    mark, text, suffix = _LOOK.get(row.state, ("–", row.state, "unchecked"))
    m = row.monitored
    detail: list[object] = []
    if row.state in (MATCHES, DIFFERS) and m is not None:
        what = []
        if row.target_differs and row.objective is not None:
            what.append(stated(row.objective, m))
        if row.window_differs and m.objective.window is not None:
            what.append(f"over {m.objective.window.text}")
        says = f" says {', '.join(what)}" if what else ""
        detail = [" ", tag("small", {"class": "opsspec-hint"}, f"{m.where}{says}")]
    elif row.note:
        detail = [" ", tag("small", {"class": "opsspec-hint"}, row.note)]
    return tag(
        "td",
        {"class": f"{EXTRA_CLASS} opsspec-monitoring opsspec-monitoring-{suffix}"},
        tag("span", {"class": "opsspec-monitoring-state"}, f"{mark} {text}"),
        detail,
    )


def with_monitoring(
    tables: dict[int, TableColumns], rows: dict[int, RowState]
) -> dict[int, TableColumns]:
    """`tables` with the Monitoring column appended (`rows`: SLO row line -> its state)."""
    header = tag("th", {"class": EXTRA_CLASS, "scope": "col", "title": HEADER_TITLE}, HEADER)
    return {
        line: replace(
            t,
            headers=[*t.headers, header],
            rows=[
                ([*cells, monitoring_cell(rows.get(row))], cls)
                for row, (cells, cls) in zip(t.row_lines, t.rows, strict=True)
            ],
        )
        for line, t in tables.items()
    }
