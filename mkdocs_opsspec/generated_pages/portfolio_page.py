"""The portfolio page, the answer first: the specs that need attention, each with the one step
that moves it up; counts by status and readiness as bars; then every spec in a dense table
(sorted by name; `assets/portfolio.js` adds click-to-sort and filters) and a legend in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import jinja2

from ..catalog import Catalog
from ..markup import Markup, join, link, tag
from ..readiness import CHECKS, LEVEL_TITLES, LEVELS, Readiness
from ..spec_page.badge import readiness_badge, status_badge_of, status_colour
from ..statuses import status_rank
from ..words import counted
from .common import PageOptions, level_rank, stale_note
from .markdown_escape import Md
from .paths import href
from .portfolio import (
    BELOW_GOLD,
    ERRORS,
    NO_STATUS,
    STALE,
    Attention,
    PortfolioRow,
    Quantity,
    count_levels,
    count_statuses,
    needs_attention,
    portfolio_rows,
)
from .tables import Column, plain_number, sort_cell, table
from .templates import render_page

TEMPLATE = "portfolio.md.j2"
TITLE = "Operations portfolio"

COLUMNS = (
    Column("Feature"),
    Column("Status", key="status"),
    Column("Readiness", key="level"),
    Column("Last updated"),
    Column("Availability", wide=True),
    Column("Latency"),
    Column("RTO / RPO"),
    Column("Critical alerts", numeric=True),
    Column("Findings"),
)
DRIFT_COLUMN = Column("Drifted SLOs", numeric=True)


def portfolio_page(
    catalog: Catalog,
    readiness: Mapping[str, Readiness],
    options: PageOptions | None = None,
    env: jinja2.Environment | None = None,
) -> str:
    options = options or PageOptions()
    context = portfolio_context(catalog, readiness, options)
    return render_page(TITLE, TEMPLATE, context, options, env)


def portfolio_context(
    catalog: Catalog, readiness: Mapping[str, Readiness], options: PageOptions
) -> dict[str, Any]:
    page = options.paths.portfolio
    rows = portfolio_rows(catalog, readiness, options)
    attention = needs_attention(rows)
    columns = (*COLUMNS, DRIFT_COLUMN) if options.slo_drift else COLUMNS
    drift = {"slos": sum(r.drifted for r in rows), "specs": sum(1 for r in rows if r.drifted)}
    return {
        "total": len(rows),
        "attention_count": len(attention),
        "attention": attention_list(attention, page, options) if attention else None,
        "counts": counts_picture(rows, options),
        # the counts as data, for templates a site overrides
        "by_status": [{"status": s, "count": n} for s, n in count_statuses(rows, options)],
        "by_level": [{"level": LEVEL_TITLES[lv], "count": n} for lv, n in count_levels(rows)],
        "drift": drift if options.slo_drift else None,
        "table": table(
            columns, [_table_row(r, page, options) for r in rows], label="Operations specs"
        ),
        "levels": [
            {
                "title": LEVEL_TITLES[level],
                "below": i > 0,
                "checks": [title for lv, _, title, _ in CHECKS if lv == level],
            }
            for i, level in enumerate(LEVELS)
        ],
        "any_stale": any(r.stale for r in rows),
        "reference_date": options.reference_date.isoformat() if options.reference_date else None,
        "stale_after_days": options.stale_after_days,
        "matrix_href": href(page, options.paths.matrix),
        "graph_href": href(page, options.paths.graph),
        "base_href": href(page, options.paths.base),
    }


# --- needs attention ----------------------------------------------------------------------------


def attention_list(items: list[Attention], page: str, options: PageOptions) -> Md:
    """`<ol class="opsspec-attention">`: one item per spec, its name, badges and why, then the
    step that moves it up, as an instruction (what the check found beside it)."""
    lines = [
        tag(
            "ol",
            {
                "class": "opsspec-attention",
                "aria-label": "Specs that need attention",
                "data-search-exclude": True,
            },
            [_attention_item(a, page, options) for a in items],
        )
    ]
    return Md("\n".join(lines))


def _attention_item(item: Attention, page: str, options: PageOptions) -> Markup:
    row = item.row
    why = []
    if ERRORS in item.reasons:
        why.append(tag("span", {"class": "opsspec-why opsspec-why-errors"}, _errors(row.errors)))
    if STALE in item.reasons:
        why.append(
            tag("span", {"class": "opsspec-why opsspec-why-stale"}, f"stale: {row.last_updated}")
        )
    if BELOW_GOLD in item.reasons and not why:
        why.append(tag("span", {"class": "opsspec-why"}, f"not {LEVEL_TITLES[LEVELS[-1]]} yet"))
    head = tag(
        "div",
        {"class": "opsspec-attention-head"},
        link(options.link(page, row.spec.path, None), {"class": "opsspec-name"}, row.name),
        " ",
        status_badge_of(row.status, options.statuses),
        " ",
        readiness_badge(row.level),
        " ",
        join(*why, sep=" "),
    )
    return tag("li", {"class": "opsspec-attention-item"}, head, _step(item))


def _step(item: Attention) -> Markup:
    step, nxt = item.step, item.next_level
    if step is None:  # Gold, with errors no readiness check maps
        label, action, detail = "To fix:", "Fix the errors listed on its page", ""
    else:
        label = f"To reach {LEVEL_TITLES[nxt]}:" if nxt else "Next:"
        action, detail = step.action, step.detail
    return tag(
        "div",
        {"class": "opsspec-attention-step"},
        tag("span", {"class": "opsspec-label"}, label),
        " ",
        tag("strong", {"class": "opsspec-attention-action"}, action),
        tag("span", {"class": "opsspec-attention-detail"}, f" ({detail})") if detail else None,
    )


def _errors(n: int) -> str:
    return counted(n, "error")


# --- counts as bars -------------------------------------------------------------------------


def counts_picture(rows: list[PortfolioRow], options: PageOptions) -> Md:
    """Counts by status and by readiness level as horizontal bars (CSS; the words and numbers
    are text, the bars are decoration)."""
    total = len(rows)
    statuses = [
        (
            status_badge_of(None if s == NO_STATUS else s, options.statuses),
            status_colour(None if s == NO_STATUS else s, options.statuses),
            n,
        )
        for s, n in count_statuses(rows, options)
    ]
    levels = [(readiness_badge(lv), f"opsspec-level-{lv}", n) for lv, n in count_levels(rows)]
    return Md(
        tag(
            "div",
            {"class": "opsspec-counts", "data-search-exclude": True},
            _bars("By status", statuses, total),
            _bars("By readiness", levels, total),
        )
    )


def _bars(title: str, items: list[tuple[Markup, str, int]], total: int) -> Markup:
    rows = []
    for badge, colour, n in items:
        share = Decimal(100 * n) / Decimal(total) if total else Decimal(0)
        rows.append(
            tag(
                "li",
                {"class": "opsspec-bar-row"},
                tag("span", {"class": "opsspec-bar-name"}, badge),
                tag(
                    "span",
                    {"class": "opsspec-bar-track", "aria-hidden": "true"},
                    tag(
                        "span",
                        {
                            "class": f"opsspec-bar {colour}",
                            "style": f"width: {plain_number(round(share, 2))}%",
                        },
                    ),
                ),
                tag("span", {"class": "opsspec-bar-count"}, n),
            )
        )
    return tag(
        "figure",
        {"class": "opsspec-count-group"},
        tag("figcaption", None, title),
        tag("ul", {"class": "opsspec-bars"}, rows),
    )


# --- the table ------------------------------------------------------------------------------


def _sub(*children: object) -> Markup:
    """A cell's second line: smaller, muted."""
    return tag("span", {"class": "opsspec-cell-sub"}, *children)


def _none() -> Markup:
    return tag("span", {"class": "opsspec-na"}, "none")


def _objective(q: Quantity, window: str) -> Markup:
    if not q.raw:
        return _none()
    return tag("span", None, q.raw + (f" / {window}" if window else ""))


def _name_cell(row: PortfolioRow, page: str, options: PageOptions) -> Markup:
    name = link(options.link(page, row.spec.path, None), {"class": "opsspec-name"}, row.name)
    guid = (
        _sub(link(options.link(page, options.paths.feature(row.guid), None), None, row.guid))
        if row.guid
        else None
    )
    return join(name, guid)  # sorts by its text: the name, then the GUID


def _updated_cell(row: PortfolioRow) -> Markup:
    stale = stale_note() if row.stale else None
    version = _sub(f"version {row.version}") if row.version else None
    shown = join(row.last_updated or _none(), " " if stale else "", stale, version)
    return sort_cell(shown, row.updated_iso)


def _availability_cell(row: PortfolioRow) -> Markup:
    eb = row.error_budget
    parts = []
    if eb.text:
        parts.append(f"budget {eb.text}")
    if eb.page_burn_rate is not None:
        parts.append(f"page burn rate {plain_number(eb.page_burn_rate)}")
    if row.availability.raw and not parts and eb.hint:
        parts.append(f"no budget: {eb.hint}")
    sub = _sub(" · ".join(parts)) if parts else None
    return sort_cell(
        join(_objective(row.availability, row.availability_window), sub), row.availability.value
    )


def _recovery_cell(row: PortfolioRow) -> Markup:
    if not row.rto.raw and not row.rpo.raw:
        return sort_cell(_none())
    shown = join(
        tag("span", {"class": "opsspec-cell-label"}, "RTO"),
        " ",
        row.rto.raw or _none(),
        _sub(tag("span", {"class": "opsspec-cell-label"}, "RPO"), " ", row.rpo.raw or _none()),
    )
    return sort_cell(shown, row.rto.value)


def _findings_cell(row: PortfolioRow) -> Markup:
    if not row.errors and not row.warnings:
        return sort_cell(_none(), 0)
    errors = (
        tag("span", {"class": "opsspec-count-errors"}, _errors(row.errors)) if row.errors else None
    )
    warnings = counted(row.warnings, "warning") if row.warnings else None
    shown = join(errors, _sub(warnings) if errors and warnings else warnings)
    # errors first, then warnings: 2 errors and 1 warning sort as 2.000001
    return sort_cell(shown, f"{row.errors}.{row.warnings:06d}")


def _table_row(row: PortfolioRow, page: str, options: PageOptions) -> list[object]:
    drift = [sort_cell(row.drifted, row.drifted)] if options.slo_drift else []
    return [
        _name_cell(row, page, options),
        sort_cell(
            status_badge_of(row.status, options.statuses), status_rank(row.status, options.statuses)
        ),
        sort_cell(readiness_badge(row.level), level_rank(row.level)),
        _updated_cell(row),
        _availability_cell(row),
        sort_cell(_objective(row.latency, row.latency_window), row.latency.value),
        _recovery_cell(row),
        sort_cell(row.critical_alerts, row.critical_alerts),
        _findings_cell(row),
        *drift,
    ]
