"""SLO columns, checked against values computed by hand."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.spec_page.slo_table import slo_extra_columns

from helpers.spec_page import assert_harmless, make_spec, ops_text, soup, text_of

TABLE = """\
| Metric | Target | Measurement Window |
|--------|--------|--------------------|
| Availability | 99.9% | 30 days |
| Availability (checkout) | 99.95% | 30 days |
| Availability (month) | 99.9% | calendar month |
| Availability (core) | 99.99% | rolling 28 days |
| Error rate | < 0.1% | 30 days |
| Latency (share) | 95% of requests < 300ms | 30 days |
| Latency p99 | < 300ms | 30 days |
| Response time | < 300ms | 30 days |
| Error rate (daily) | < 1% | 24 hours |
"""

SECOND = """\
Per region:

| Metric | Target | Window |
|--------|--------|--------|
| Availability (eu) | 99.5% | 7 days |
"""

# Hand-computed:
#   99.9% of 30 d: 0.001 x 2 592 000 s = 2592 s = 43m 12s; page burn 0.02 x 720 h = 14.4
#   99.95% of 30 d: 0.0005 x 2 592 000 s = 1296 s = 21m 36s
#   99.9% of a calendar month: 28 d -> 2419.2 s = 40m 19s, 31 d -> 2678.4 s = 44m 38s
#   99.99% of 28 d: 0.0001 x 2 419 200 s = 241.92 s -> whole seconds above 60 s: 4m 2s;
#       page burn 0.02 x 672 h = 13.44
#   < 0.1% errors: 0.1% of requests
#   95% of requests < 300ms: 5% of requests may be slower
#   Latency p99 < 300ms: the quantile states the share: 1% of requests may be slower
#   24 hours: under 7 days, so no page burn rate
#   99.5% of 7 d: 0.005 x 604 800 s = 3024 s = 50m 24s; page burn 0.02 x 168 h = 3.36
EXPECTED = {
    "Availability": ("≥ 99.9%", "30 days", "43m 12s", "14.4"),
    "Availability (checkout)": ("≥ 99.95%", "30 days", "21m 36s", "14.4"),
    "Availability (month)": ("≥ 99.9%", "calendar month", "40m 19s – 44m 38s", "14.4"),
    "Availability (core)": ("≥ 99.99%", "rolling 28 days", "4m 2s", "13.44"),
    "Error rate": ("< 0.1% of requests", "30 days", "0.1% of requests", "14.4"),
    "Latency (share)": (
        "95% of requests < 300 ms",
        "30 days",
        "5% of requests may be slower than 300 ms",
        "14.4",
    ),
    "Latency p99": (
        "p99 < 300 ms",
        "30 days",
        "1% of requests may be slower than 300 ms",
        "14.4",
    ),
    "Error rate (daily)": ("< 1% of requests", "24 hours", "1% of requests", "n/a"),
    "Availability (eu)": ("≥ 99.5%", "7 days", "50m 24s", "3.36"),
}


@pytest.fixture
def spec():
    return make_spec(ops_text(slos=TABLE + "\n" + SECOND))


def texts(cells):
    return [text_of(c) for c in cells]


def test_headers(spec):
    cols = slo_extra_columns(spec, set())
    assert [soup(h).th.get_text() for h in cols.headers] == [
        "Objective",
        "Window",
        "Error budget",
        "Page burn rate",
    ]
    assert all(soup(h).th is not None for h in cols.headers)


@pytest.mark.parametrize("metric", list(EXPECTED))
def test_hand_computed_values(spec, metric):
    slo = next(s for s in spec.operations.slos if s.metric == metric)
    cells = slo_extra_columns(spec, set()).cells[slo.line]
    assert all(soup(c).td is not None for c in cells)
    objective, window, budget, burn = texts(cells)
    e_objective, e_window, e_budget, e_burn = EXPECTED[metric]
    assert objective == e_objective
    assert window == e_window
    assert budget == e_budget
    assert burn.startswith(e_burn)


def test_latency_without_share_has_no_budget_and_says_why(spec):
    slo = next(s for s in spec.operations.slos if s.metric == "Response time")
    objective, _, budget, burn = slo_extra_columns(spec, set()).cells[slo.line]
    assert text_of(objective) == "< 300 ms"
    b = soup(budget)
    assert b.find(class_="opsspec-budget").get_text() == "n/a"
    assert "95% of requests < 300ms" in b.find(class_="opsspec-budget")["title"]
    assert "95% of requests < 300ms" in b.find(class_="opsspec-hint").get_text()
    assert text_of(burn).startswith("n/a")


def test_short_window_burn_rate_hint(spec):
    slo = next(s for s in spec.operations.slos if s.metric == "Error rate (daily)")
    burn = soup(slo_extra_columns(spec, set()).cells[slo.line][3])
    assert burn.find(class_="opsspec-burn-rate").get_text() == "n/a"
    assert "7 days" in burn.find(class_="opsspec-hint").get_text()


def test_tables_map_rows_in_order(spec):
    cols = slo_extra_columns(spec, set())
    slo_tables = [t for t in spec.tables if t.line in cols.tables]
    assert len(slo_tables) == 2
    for table in slo_tables:
        assert cols.tables[table.line] == [r.line for r in table.rows]
        for row in table.rows:
            assert len(cols.cells[row.line]) == len(cols.headers)
    assert sorted(cols.cells) == sorted(s.line for s in spec.operations.slos)


def test_flagged_rows(spec):
    flagged = spec.operations.slos[2].line
    cols = slo_extra_columns(spec, {flagged})
    assert cols.row_classes == {flagged: "opsspec-flagged"}
    last = soup(cols.cells[flagged][-1])
    marker = last.find(class_="opsspec-flag")
    assert "see findings" in marker.get_text()
    assert marker["href"] == "#opsspec-findings"
    other = spec.operations.slos[0].line
    assert soup(cols.cells[other][-1]).find(class_="opsspec-flag") is None


def test_unparsed_target_and_window():
    table = "| Metric | Target | Window |\n|---|---|---|\n| Availability | high | soon |\n"
    spec = make_spec(ops_text(slos=table))
    slo = spec.operations.slos[0]
    objective, window, budget, burn = texts(slo_extra_columns(spec, set()).cells[slo.line])
    assert objective.startswith("n/a")
    assert window.startswith("n/a")
    assert budget.startswith("n/a")
    assert burn.startswith("n/a")


def test_no_slos_gives_empty_columns():
    spec = make_spec(ops_text(slos="No SLOs yet.\n"))
    assert slo_extra_columns(spec, set()) == ([], {}, {}, {})


def test_hostile_slo_cells_are_escaped():
    table = (
        "| Metric | Target | Window |\n|---|---|---|\n"
        '| <script>alert(1)</script> | <img src=x onerror=alert(1)> | " onmouseover="x |\n'
        "| Availability <img src=x onerror=alert(1)> | 99.9% | 30 days |\n"
    )
    spec = make_spec(ops_text(slos=table))
    cols = slo_extra_columns(spec, {s.line for s in spec.operations.slos})
    for cells in cols.cells.values():
        for cell in cells:
            assert_harmless(cell)
