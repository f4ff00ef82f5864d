"""The SLI queries of a spec's SLO row, where the spec gives them:

- columns of the SLO table: `SLI query` (the share of good events, 0 to 1; for a latency SLO,
  the latency itself), or `Total query` with `Good query` or `Error query` (`Bad query`);
- else front matter `opsspec: {sli: {<metric>: {error_query: ..., total_query: ...}}}` (keys
  `sli_query`, `good_query`, `error_query` or `bad_query`, `total_query`), where `<metric>` is
  the row's Metric cell, matched ignoring case and spacing.

Queries are PromQL written once, in Sloth's form: a range is `[{{.window}}]`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lexer import inline_text
from ..model import SLO, Spec, Table
from ..parser.scope import normalize_key
from .names import opsspec_front_matter

#: Column or front matter key -> field of `SliQueries`.
_KEYS = {
    "sli_query": "ratio",
    "good_query": "good",
    "error_query": "bad",
    "bad_query": "bad",
    "total_query": "total",
}
HOW_TO_ADD = (
    "add an 'SLI query' column (or 'Total query' with 'Good query' or 'Error query') to the "
    "SLO table, or front matter opsspec: {sli: {<metric>: {error_query: ..., total_query: ...}}}"
)


@dataclass(frozen=True)
class SliQueries:
    where: str  # "the SLO table" or "the front matter"
    good: str | None = None
    bad: str | None = None
    total: str | None = None
    ratio: str | None = None  # the SLI itself: share of good events (a latency for latency SLOs)


def sli_queries(spec: Spec, slo: SLO) -> SliQueries | str | None:
    """The row's queries; a string says why the ones given cannot be used; None: none given."""
    found = _from_table(spec, slo)
    if found is None:
        found = _from_front_matter(spec, slo)
    if found is None or isinstance(found, str):
        return found
    return _checked(found)


def _row_table(spec: Spec, slo: SLO) -> Table | None:
    for table in spec.tables:
        inside = table.rows and table.rows[0].line <= slo.line <= table.rows[-1].line
        if inside and any(r.line == slo.line for r in table.rows):
            return table
    return None


def _code(cell: str) -> str:
    """A cell's text without the code span around it (`` `sum(x)` `` -> `sum(x)`)."""
    text = cell.strip()
    ticks = len(text) - len(text.lstrip("`"))
    if ticks and text.endswith("`" * ticks) and len(text) > 2 * ticks:
        return text[ticks:-ticks].strip()
    return text


def _from_table(spec: Spec, slo: SLO) -> SliQueries | None:
    table = _row_table(spec, slo)
    if table is None:
        return None
    fields: dict[str, str] = {}
    for i, head in enumerate(table.header):
        key = _KEYS.get(normalize_key(inline_text(head)))
        if key is not None and i < len(slo.cells) and _code(slo.cells[i]):
            fields[key] = _code(slo.cells[i])
    return SliQueries("the SLO table", **fields) if fields else None


def _metric_key(text: str) -> str:
    return " ".join(inline_text(text).casefold().split())


def _from_front_matter(spec: Spec, slo: SLO) -> SliQueries | str | None:
    sli = opsspec_front_matter(spec).get("sli")
    if not isinstance(sli, dict):
        return None
    wanted = _metric_key(slo.metric)
    entry = next((v for k, v in sli.items() if _metric_key(str(k)) == wanted), None)
    if entry is None:
        return None
    if not isinstance(entry, dict):
        return f"front matter opsspec.sli.{slo.metric} is not a mapping of queries"
    fields: dict[str, str] = {}
    for key, value in entry.items():
        name = _KEYS.get(str(key))
        if name is None:
            return (
                f"front matter opsspec.sli.{slo.metric} has an unknown key '{key}' (use "
                "sli_query, good_query, error_query, total_query)"
            )
        if not isinstance(value, str) or not value.strip():
            return f"front matter opsspec.sli.{slo.metric}.{key} is not a query"
        fields[name] = value.strip()
    return SliQueries("the front matter", **fields) if fields else None


def _checked(q: SliQueries) -> SliQueries | str:
    if q.ratio is not None and not (q.good or q.bad or q.total):
        return q
    if q.total is not None and (q.good is None) != (q.bad is None) and q.ratio is None:
        return q
    return (
        f"the queries in {q.where} do not fit together: give an SLI query alone, or a total "
        "query with either a good or an error query"
    )
