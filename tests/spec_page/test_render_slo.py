"""SLO columns, checked against values computed by hand."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.model import Finding, Severity
from mkdocs_opsspec.spec_page.slo_table import slo_tables

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
#: metric -> (read as, error budget, page burn rate), written by hand from the comments above.
#: "Read as" is empty where it would repeat the author's cells.
EXPECTED = {
    "Availability": ("", "43m 12s", "14.4"),
    "Availability (checkout)": ("", "21m 36s", "14.4"),
    "Availability (month)": ("", "40m 19s – 44m 38s", "14.4"),
    "Availability (core)": ("", "4m 2s", "13.44"),
    "Error rate": ("", "0.1% of requests", "14.4"),
    "Latency (share)": ("", "5% of requests may be slower than 300 ms", "14.4"),
    # the metric cell states the quantile, the target the bound: nothing more to say
    "Latency p99": ("", "1% of requests may be slower than 300 ms", "14.4"),
    "Error rate (daily)": ("", "1% of requests", "–2"),
    "Availability (eu)": ("", "50m 24s", "3.36"),
}


@pytest.fixture
def spec():
    return make_spec(ops_text(slos=TABLE + "\n" + SECOND))


def cells_of(spec, metric, findings=(), href=lambda line: None):
    slo = next(s for s in spec.operations.slos if s.metric == metric)
    for table in slo_tables(spec, findings, href).values():
        for line, (cells, cls) in zip(table.row_lines, table.rows, strict=True):
            if line == slo.line:
                return [text_of(c) for c in cells], cls
    raise AssertionError(metric)


def test_headers_and_notes(spec):
    first, second = slo_tables(spec, [], lambda line: None).values()
    # no row of either table needs "Read as": the author's cells say it all
    assert [soup(h).th.get_text() for h in first.headers] == ["Error budget", "Page burn rate*"]
    assert [soup(h).th.get_text() for h in second.headers] == ["Error budget", "Page burn rate*"]
    notes = soup(first.notes).find("ol", class_="opsspec-slo-notes")
    items = [li.get_text() for li in notes.find_all("li")]
    # the footnotes this table's cells use, numbered, then the burn rate in words
    assert items[0].startswith("No error budget: state which share of requests")
    assert items[1].startswith("No page burn rate for windows under 7 days")
    assert items[2].startswith("* Page burn rate: spending the error budget this many times")
    assert [li.get_text() for li in soup(second.notes).find_all("li")] == [items[2]]


@pytest.mark.parametrize("metric", list(EXPECTED))
def test_hand_computed_values(spec, metric):
    cells, cls = cells_of(spec, metric)
    assert cells == list(EXPECTED[metric][1:])
    assert cls is None


def test_latency_without_share_has_no_budget_and_a_footnote(spec):
    cells, _ = cells_of(spec, "Response time")
    assert cells == ["–1", "–"]


def test_read_as_shows_what_the_author_did_not_write():
    table = (
        "| Metric | Target | Window |\n|---|---|---|\n"
        "| Availability | 99.9 percent | 28-day rolling |\n"
        "| Latency | p95: 300ms | 30 days |\n"
        "| Error rate | <= 0.5% | 30 days |\n"
    )
    spec = make_spec(ops_text(slos=table))
    (only,) = slo_tables(spec, [], lambda line: None).values()
    assert soup(only.headers[0]).th.get_text() == "Read as"
    assert cells_of(spec, "Availability")[0] == ["99.9% over rolling 28 days", "40m 19s", "13.44"]
    assert cells_of(spec, "Latency")[0] == [
        "p95 ≤ 300 ms",
        "5% of requests may be slower than 300 ms",
        "14.4",
    ]
    assert cells_of(spec, "Error rate")[0] == ["", "0.5% of requests", "14.4"]


def test_an_uncomputable_cell_links_to_its_finding():
    table = "| Metric | Target | Window |\n|---|---|---|\n| Availability | high | soon |\n"
    spec = make_spec(ops_text(slos=table))
    slo = spec.operations.slos[0]
    finding = Finding(spec.path, slo.line, Severity.ERROR, "OS302", "target does not parse")
    (only,) = slo_tables(spec, [finding], lambda line: f"#opsspec-finding-{line}").values()
    cells, cls = only.rows[0]
    assert cls == "opsspec-flagged"
    flag = soup(cells[-2]).find("a", class_="opsspec-flag")
    assert flag["href"] == f"#opsspec-finding-{slo.line}"
    assert flag.get_text() == "⚠ see finding"
    # without a findings block to link to, a footnote says why
    (plain,) = slo_tables(spec, [finding], lambda line: None).values()
    assert text_of(plain.rows[0][0][-2]) == "–1"
    assert "does not parse" in soup(plain.notes).li.get_text()


def test_rows_keep_their_order_and_count(spec):
    tables = slo_tables(spec, [], lambda line: None)
    by_line = {t.line: t for t in spec.tables}
    assert len(tables) == 2
    for line, cols in tables.items():
        assert cols.row_lines == [r.line for r in by_line[line].rows]
        assert all(len(cells) == len(cols.headers) for cells, _ in cols.rows)


def test_no_slos_gives_no_tables():
    spec = make_spec(ops_text(slos="No SLOs yet.\n"))
    assert slo_tables(spec, [], lambda line: None) == {}


def test_hostile_slo_cells_are_escaped():
    table = (
        "| Metric | Target | Window |\n|---|---|---|\n"
        '| <script>alert(1)</script> | <img src=x onerror=alert(1)> | " onmouseover="x |\n'
        "| Availability <img src=x onerror=alert(1)> | 99.9% | 30 days |\n"
    )
    spec = make_spec(ops_text(slos=table))
    for cols in slo_tables(spec, [], lambda line: None).values():
        for cells, _ in cols.rows:
            for cell in cells:
                assert_harmless(cell)
        assert_harmless(cols.notes)
