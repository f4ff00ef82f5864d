"""SLOs as code in tests: a copy of the example site whose specs give SLI queries, and a way to
run `mkdocs-opsspec` (export, check) in-process.

`queries_site(tmp)` copies example-site and makes three specs give SLI queries, each in
another way:

- Order Intake API: front matter (17 lines, so its SLO rows move from 339-341 to 356-358)
  with `service: order-intake` and error/total queries for all three rows (metric keys written
  in other cases; the latency queries span lines);
- Customer Notification Service: `Good query` and `Total query` columns (Availability and
  Latency p95 filled, Error rate empty), rows on lines 331-333 as before;
- Auth Token Service: an `SLI query` column (Availability: a success ratio, Latency p99: a
  latency in milliseconds), rows on lines 331-333 as before;
- Shipment Tracking Events: front matter (7 lines, rows move from 329-332 to 336-339) with
  queries for Availability, whose window (rolling 28 days) is not Sloth's default period.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from mkdocs_opsspec.cli import main

from .sites import EXAMPLE

ORDER = "operations/ybs-spec_3f9a1c7e2b04.md"
NOTIFY = "operations/ybs-spec_9b4f1d62a0e8.md"
AUTH = "operations/ybs-spec_d2e7940bc6a1.md"
TRACKING = "operations/ybs-spec_5c81b7f04e2d.md"

ORDER_FRONT_MATTER = """\
---
opsspec:
  service: order-intake
  sli:
    availability:
      error_query: sum(rate(http_requests_total{job="order-intake",code=~"5.."}[{{.window}}]))
      total_query: sum(rate(http_requests_total{job="order-intake"}[{{.window}}]))
    Error rate:
      error_query: sum(rate(order_intake_errors_total[{{.window}}]))
      total_query: sum(rate(order_intake_requests_total[{{.window}}]))
    LATENCY P99:
      error_query: |
        sum(rate(http_request_duration_seconds_count{job="order-intake"}[{{.window}}]))
        -
        sum(rate(http_request_duration_seconds_bucket{job="order-intake",le="0.3"}[{{.window}}]))
      total_query: sum(rate(http_request_duration_seconds_count{job="order-intake"}[{{.window}}]))
---
"""
TRACKING_FRONT_MATTER = """\
---
opsspec:
  sli:
    Availability:
      error_query: sum(rate(tracking_api_requests_total{code=~"5.."}[{{.window}}]))
      total_query: sum(rate(tracking_api_requests_total[{{.window}}]))
---
"""
NOTIFY_TABLE = (
    "| Metric | Target | Measurement Window |\n"
    "|--------|--------|--------------------|\n"
    "| Availability | 99.9% | 30 days |\n"
    "| Error rate | < 0.1% | 30 days |\n"
    "| Latency p95 | 95% of requests < 250ms | 30 days |\n",
    "| Metric | Target | Measurement Window | Good query | Total query |\n"
    "|---|---|---|---|---|\n"
    "| Availability | 99.9% | 30 days "
    '| `sum(rate(notify_requests_total{code!~"5.."}[{{.window}}]))` '
    "| `sum(rate(notify_requests_total[{{.window}}]))` |\n"
    "| Error rate | < 0.1% | 30 days | | |\n"
    "| Latency p95 | 95% of requests < 250ms | 30 days "
    '| `sum(rate(notify_request_duration_seconds_bucket{le="0.25"}[{{.window}}]))` '
    "| `sum(rate(notify_request_duration_seconds_count[{{.window}}]))` |\n",
)
AUTH_TABLE = (
    "| Metric | Target | Measurement Window |\n"
    "|--------|--------|--------------------|\n"
    "| Availability | 99.95% | 30 days |\n"
    "| Error rate | < 0.05% | 30 days |\n"
    "| Latency p99 | < 100ms | 30 days |\n",
    "| Metric | Target | Measurement Window | SLI query |\n"
    "|---|---|---|---|\n"
    '| Availability | 99.95% | 30 days | `avg_over_time(up{job="auth-tokens"}[{{.window}}])` |\n'
    "| Error rate | < 0.05% | 30 days | |\n"
    "| Latency p99 | < 100ms | 30 days | `histogram_quantile(0.99, sum by (le) "
    "(rate(auth_token_duration_seconds_bucket[{{.window}}]))) * 1000` |\n",
)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{path}: the text to replace is not there once"
    path.write_text(text.replace(old, new), "utf-8")


def copy_example(tmp: Path) -> Path:
    """A copy of example-site; returns its mkdocs.yml."""
    site = tmp / "site-src"
    shutil.copytree(EXAMPLE, site)
    return site / "mkdocs.yml"


def queries_site(tmp: Path) -> Path:
    """A copy of example-site whose specs give SLI queries (see the module); its mkdocs.yml."""
    config = copy_example(tmp)
    docs = config.parent / "docs"
    for rel, front in ((ORDER, ORDER_FRONT_MATTER), (TRACKING, TRACKING_FRONT_MATTER)):
        path = docs / rel
        path.write_text(front + path.read_text("utf-8"), "utf-8")
    _edit(docs / NOTIFY, *NOTIFY_TABLE)
    _edit(docs / AUTH, *AUTH_TABLE)
    return config


def set_slo_sources(config: Path, *globs: str) -> None:
    """Give the site's opsspec plugin the `slo_sources` option."""
    items = ", ".join(f'"{g}"' for g in globs)
    _edit(config, "  - opsspec\n", f"  - opsspec:\n      slo_sources: [{items}]\n")


def run_cli(*args: str) -> tuple[int, str]:
    """`mkdocs-opsspec ARGS` in this process: (exit status, standard output)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(list(args))
    return status, out.getvalue()
