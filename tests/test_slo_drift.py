"""Drift between the specs' SLO tables and the monitoring files of `slo_sources`: a round trip
(export, then read back) has none; each change of a monitoring file gives exactly the finding
that names it; the files are read with their lines (OpenSLO v1 and v1alpha, Sloth
`prometheus/v1` and `PrometheusServiceLevel`); builds show it on the spec pages and the
portfolio, and `check` reports what builds report."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_opsspec.slo_export.drift import DIFFERS, MATCHES, compare
from mkdocs_opsspec.slo_export.monitoring import load_monitoring
from mkdocs_opsspec.slo_export.objectives import Objective, TimeWindow

from helpers.rules import HEADER, parse
from helpers.sites import build_site
from helpers.slo import ORDER, queries_site, run_cli, set_slo_sources

ROUTE = "operations/ybs-spec_71c5e8a3f9b2.md"
AUTH = "operations/ybs-spec_d2e7940bc6a1.md"
PAYMENT = "operations/ybs-spec_a7d20e5c91f3.md"
DAY = 86400


def exported(tmp_path: Path, fmt: str = "openslo") -> Path:
    """The queries site with its SLOs exported to `slos/` beside mkdocs.yml (outside docs_dir)
    and read back as `slo_sources`; its mkdocs.yml."""
    config = queries_site(tmp_path)
    run_cli("export", "--format", fmt, "-f", str(config), "-o", str(config.parent / "slos"))
    set_slo_sources(config, "slos/*.yaml")
    return config


def drift_lines(config: Path) -> list[str]:
    """The findings of the drift rules (OS9xx) that `check` prints."""
    status, out = run_cli("check", "-f", str(config))
    assert status in (0, 1), out
    return [ln for ln in out.splitlines() if " OS9" in ln]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


# --- round trips ---------------------------------------------------------------------------------


def test_openslo_round_trip_has_no_drift(tmp_path: Path) -> None:
    assert drift_lines(exported(tmp_path)) == []


def test_sloth_round_trip_matches_what_was_exported(tmp_path: Path) -> None:
    """Sloth files hold only the 30-day SLOs with queries: those match (no window to compare);
    every other SLO is not monitored, except the row of unknown kind, which is not checked."""
    lines = drift_lines(exported(tmp_path, "sloth"))
    assert [ln for ln in lines if " OS906 " not in ln] == []
    flagged = [ln.split(": warning")[0].replace("docs/operations/ybs-spec_", "") for ln in lines]
    assert flagged == [
        "4a0c6f2e8d73.md:298",
        "4a0c6f2e8d73.md:299",
        "4a0c6f2e8d73.md:300",
        "5c81b7f04e2d.md:336",
        "5c81b7f04e2d.md:337",
        "5c81b7f04e2d.md:338",
        "5c81b7f04e2d.md:339",
        "71c5e8a3f9b2.md:309",
        "71c5e8a3f9b2.md:310",
        "71c5e8a3f9b2.md:311",
        "9b4f1d62a0e8.md:332",
        "a7d20e5c91f3.md:350",
        "a7d20e5c91f3.md:351",
        "a7d20e5c91f3.md:352",
        "d2e7940bc6a1.md:332",
        "d2e7940bc6a1.md:333",
        "e06b3a9d7c15.md:311",
        "e06b3a9d7c15.md:312",
        "e06b3a9d7c15.md:313",
    ]


# --- each change of a monitoring file, exactly its finding ----------------------------------

EXTRA_SLO = """\
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: payment-gateway-adapter-refund-success
spec:
  service: payment-gateway-adapter
  indicatorRef: payment-gateway-adapter-refund-success
  budgetingMethod: Occurrences
  objectives:
    - displayName: Refund success
      target: 0.99
"""
BILLING = """\
version: prometheus/v1
service: billing
slos:
  - name: invoices-availability
    objective: 99.5
"""


def _target(slos: Path) -> None:
    edit(slos / "order-intake.yaml", "      target: 0.999\n", "      target: 0.995\n")


def _window(slos: Path) -> None:
    edit(slos / "auth-token-service.yaml", "duration: 30d", "duration: 28d")


def _removed(slos: Path) -> None:
    path = slos / "route-optimisation-batch.yaml"
    parts = path.read_text("utf-8").split("---\n")
    assert "route-optimisation-batch-error-rate" in parts[2]
    path.write_text("---\n".join(parts[:2] + parts[3:]), "utf-8")


def _extra(slos: Path) -> None:
    path = slos / "payment-gateway-adapter.yaml"
    path.write_text(path.read_text("utf-8") + EXTRA_SLO, "utf-8")


def _broken(slos: Path) -> None:
    edit(
        slos / "warehouse-inventory-sync.yaml",
        "  service: warehouse-inventory-sync\n",
        "  service: [warehouse-inventory-sync\n",
    )


def _latin1(slos: Path) -> None:
    path = slos / "warehouse-inventory-sync.yaml"
    text = path.read_text("utf-8").replace(
        "  service: warehouse-inventory-sync\n",
        "  # café\n  service: warehouse-inventory-sync\n",
        1,
    )
    path.write_bytes(text.encode("latin-1"))


def _other_service(slos: Path) -> None:
    (slos / "billing.yaml").write_text(BILLING, "utf-8")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            _target,
            f"docs/{ORDER}:356: error OS904 SLO 'Availability': spec says 99.9% over 30 days; "
            "slos/order-intake.yaml:79 says 99.5%: change one of them so that both state the "
            "same objective",
        ),
        (
            _window,
            f"docs/{AUTH}:331: error OS905 SLO 'Availability': spec says 99.95% over 30 days; "
            "slos/auth-token-service.yaml:42 says over 28 days: change one of them so that both "
            "use the same window",
        ),
        (
            _removed,
            f"docs/{ROUTE}:310: warning OS906 SLO 'Error rate' (< 0.5% errors over calendar "
            "month) is in no monitoring file of slo_sources for service "
            "'route-optimisation-batch': add it to the service's OpenSLO or Sloth file "
            "('mkdocs-opsspec export' writes them), or name the service as the files do "
            "(front matter opsspec: {service: ...})",
        ),
        (
            _extra,
            "slos/payment-gateway-adapter.yaml:76: warning OS907 SLO "
            "'payment-gateway-adapter-refund-success' of service 'payment-gateway-adapter' "
            f"(99%) has no row in the SLO table of {PAYMENT}: add the objective to the spec, or "
            "remove it from slos/payment-gateway-adapter.yaml",
        ),
        (
            _broken,
            "slos/warehouse-inventory-sync.yaml:12: error OS901 "
            "slos/warehouse-inventory-sync.yaml is not valid YAML (expected ',' or ']', but got "
            "':'): fix the file; its SLOs are not checked until it parses",
        ),
        (
            _latin1,
            # the comment's line: where the service line (11) was; YAML reports 12 above
            "slos/warehouse-inventory-sync.yaml:11: error OS901 "
            "slos/warehouse-inventory-sync.yaml is not UTF-8 text: save it as UTF-8; its SLOs "
            "are not checked until it reads",
        ),
        (
            _other_service,
            "slos/billing.yaml:5: info OS908 SLO 'invoices-availability' is of service "
            "'billing', which no operations spec names, so it is not checked against the docs "
            "(a spec names its service in front matter opsspec: {service: ...}, else by its "
            "feature name)",
        ),
    ],
    ids=["target", "window", "removed", "extra", "broken-yaml", "not-utf8", "other-service"],
)
def test_each_change_gives_exactly_its_finding(tmp_path: Path, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    config = exported(tmp_path)
    mutate(config.parent / "slos")
    assert drift_lines(config) == [expected]


def test_a_glob_that_matches_nothing_is_a_warning(tmp_path: Path) -> None:
    config = exported(tmp_path)
    edit(config, '["slos/*.yaml"]', '["slos/*.yaml", "monitoring/**/*.yml"]')
    line = (
        config.read_text("utf-8")
        .splitlines()
        .index('      slo_sources: ["slos/*.yaml", "monitoring/**/*.yml"]')
    )
    assert drift_lines(config) == [
        f"mkdocs.yml:{line + 1}: warning OS903 slo_sources: 'monitoring/**/*.yml' matches no "
        "file (globs are relative to the folder of mkdocs.yml; '**' matches folders): fix the "
        "pattern or remove it"
    ]


# --- reading the formats -------------------------------------------------------------------------

OPENSLO_V1ALPHA = """\
apiVersion: openslo/v1alpha
kind: SLO
metadata:
  name: ledger-latency
  displayName: Ledger latency
spec:
  service: ledger
  budgetingMethod: Occurrences
  timeWindows:
    - count: 28
      unit: Day
      isRolling: true
  objectives:
    - displayName: Fast writes
      op: lte
      value: 250
      target: 0.95
"""
OPENSLO_V1_LIST = """\
- apiVersion: openslo/v1
  kind: Service
  metadata:
    name: ledger
- apiVersion: openslo/v1
  kind: SLO
  metadata:
    name: ledger-availability
  spec:
    service: ledger
    indicatorRef: ledger-availability
    budgetingMethod: Occurrences
    timeWindow:
      - duration: 1Q
        isRolling: false
        calendar:
          startTime: 2024-01-01 00:00:00
          timeZone: UTC
    objectives:
      - targetPercent: 99.95
"""
SLOTH_CR = """\
apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevel
metadata:
  name: ledger
spec:
  service: ledger
  slos:
    - name: requests-error-rate
      objective: 99.9
      sli:
        events:
          errorQuery: sum(rate(x{code=~"5.."}[{{.window}}]))
          totalQuery: sum(rate(x[{{.window}}]))
"""


def write(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("_", ".", 1)).write_text(text, "utf-8")
    return folder


def test_reading_openslo_and_sloth_files(tmp_path: Path) -> None:
    root = write(tmp_path, a_yaml=OPENSLO_V1ALPHA, b_yaml=OPENSLO_V1_LIST, c_yaml=SLOTH_CR)
    (root / "docs").mkdir()
    mon = load_monitoring(["*.yaml"], root, root / "docs")
    assert mon.problems == ()
    got = [(m.shown, m.line, m.service, m.name, m.objective) for m in mon.slos]
    assert got == [
        (
            "a.yaml",
            17,
            "ledger",
            "ledger-latency",
            Objective("latency", Decimal("0.95"), TimeWindow(28 * DAY), Decimal(250), "lte"),
        ),
        (
            "b.yaml",
            20,
            "ledger",
            "ledger-availability",
            Objective("availability", Decimal("0.9995"), TimeWindow(90 * DAY, "quarter")),
        ),
        (
            "c.yaml",
            9,
            "ledger",
            "requests-error-rate",
            Objective("error_rate", Decimal("0.999")),
        ),
    ]
    assert [m.path for m in mon.slos] == ["../a.yaml", "../b.yaml", "../c.yaml"]
    assert mon.slos[1].window_line == 14


@pytest.mark.parametrize(
    ("text", "line", "code", "message"),
    [
        (
            "kind: ConfigMap\nmetadata:\n  name: x\n",
            1,
            "OS902",
            "m.yaml: a document that is neither OpenSLO (apiVersion openslo/v1 or "
            "openslo/v1alpha) nor Sloth (version prometheus/v1, or kind PrometheusServiceLevel): "
            "remove the file from slo_sources or narrow the glob",
        ),
        (
            "version: prometheus/v1\nservice: ledger\nslos:\n  - name: a\n    objective: high\n",
            5,
            "OS901",
            "m.yaml: Sloth SLO 'a' of service 'ledger': objective is not a number in (0, 100]",
        ),
        (
            "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n"
            "  objectives:\n    - target: 0.9\n",
            6,
            "OS901",
            "m.yaml: OpenSLO SLO 'a' has no spec.service",
        ),
        (
            "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  service: s\n"
            "  timeWindow:\n    - duration: 30 days\n  objectives:\n    - target: 0.9\n",
            8,
            "OS901",
            "m.yaml: OpenSLO SLO 'a' has a time window duration '30 days' that is not a "
            "positive integer and a unit of m h d w M Q Y",
        ),
        (
            "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: a\nspec:\n  service: s\n"
            "  objectives:\n    - target: 99.9\n",
            8,
            "OS901",
            "m.yaml: OpenSLO SLO 'a': target '99.9' is not a number from 0 to 1",
        ),
    ],
)
def test_what_cannot_be_read_is_a_finding(
    tmp_path: Path, text: str, line: int, code: str, message: str
) -> None:
    write(tmp_path, m_yaml=text)
    mon = load_monitoring(["m.yaml"], tmp_path, tmp_path)
    assert [(f.path, f.line, f.rule, f.message) for f in mon.problems] == [
        ("m.yaml", line, code, message)
    ]
    assert mon.slos == ()


def test_the_line_of_the_first_bad_byte_counts_from_the_bom(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_bytes(b"\xef\xbb\xbf\n\n\xe9 service: x\n")
    mon = load_monitoring(["m.yaml"], tmp_path, tmp_path)
    assert [(f.line, f.rule) for f in mon.problems] == [(3, "OS901")]


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_bytes(b"service: caf\xe9\n")
    mon = load_monitoring(["m.yaml"], tmp_path, tmp_path)
    assert [(f.line, f.rule, f.message) for f in mon.problems] == [
        (
            1,
            "OS901",
            "m.yaml is not UTF-8 text: save it as UTF-8; its SLOs are not checked until it reads",
        )
    ]


# --- matching ------------------------------------------------------------------------------------

TWO_LATENCIES = (
    HEADER + "## SLOs (Service Level Objectives)\n\n"
    "| Metric | Target | Measurement Window |\n|---|---|---|\n"
    "| Latency (reads) | 95% of requests < 300ms | 30 days |\n"  # line 10
    "| Latency (writes) | 99% of requests < 1s | 30 days |\n"  # line 11
)


def _openslo_latency(name: str, value: int, target: float) -> str:
    return (
        f"---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: {name}\nspec:\n"
        "  service: checkout\n  timeWindow:\n    - duration: 30d\n      isRolling: true\n"
        f"  objectives:\n    - op: lt\n      value: {value}\n      target: {target}\n"
    )


def test_two_latency_slos_are_told_apart_by_threshold_and_share(tmp_path: Path) -> None:
    spec = parse(TWO_LATENCIES, dedent=False)
    # names that say nothing of which is which, in the other order
    text = _openslo_latency("slow-path", 1000, 0.99) + _openslo_latency("fast-path", 300, 0.95)
    write(tmp_path, m_yaml=text)
    drift = compare([spec], load_monitoring(["m.yaml"], tmp_path, tmp_path))
    rows = drift.rows[spec.path]
    assert [(line, r.state, r.monitored.name) for line, r in rows.items()] == [
        (10, MATCHES, "fast-path"),
        (11, MATCHES, "slow-path"),
    ]
    assert drift.extra == [] and drift.orphans == []


def test_a_latency_bound_that_differs_is_target_drift(tmp_path: Path) -> None:
    spec = parse(TWO_LATENCIES, dedent=False)
    text = _openslo_latency("checkout-latency-reads", 250, 0.95)
    text += _openslo_latency("checkout-latency-writes", 1000, 0.99)
    write(tmp_path, m_yaml=text)
    rows = compare([spec], load_monitoring(["m.yaml"], tmp_path, tmp_path)).rows[spec.path]
    assert (rows[10].state, rows[10].target_differs, rows[10].window_differs) == (
        DIFFERS,
        True,
        False,
    )
    assert rows[11].state == MATCHES


def test_sloth_files_are_compared_by_objective_only(tmp_path: Path) -> None:
    """A Sloth file states no window: a calendar-month SLO matches its objective."""
    spec = parse(
        HEADER + "## SLOs (Service Level Objectives)\n\n"
        "| Metric | Target | Measurement Window |\n|---|---|---|\n"
        "| Availability | 99.9% | calendar month |\n"
        "| Latency p99 | < 300ms | calendar month |\n",
        dedent=False,
    )
    write(
        tmp_path,
        m_yaml="version: prometheus/v1\nservice: checkout\nslos:\n"
        "  - name: latency-p99\n    objective: 99\n"
        "  - name: availability\n    objective: 99.5\n",
    )
    rows = compare([spec], load_monitoring(["m.yaml"], tmp_path, tmp_path)).rows[spec.path]
    assert (rows[10].state, rows[10].target_differs, rows[10].window_differs) == (
        DIFFERS,
        True,
        False,
    )
    assert rows[10].monitored.line == 7
    assert rows[11].state == MATCHES


# --- builds: spec pages, portfolio, check reports the same ---------------------------------------


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_build_shows_monitoring_on_spec_pages_and_drift_in_the_portfolio(
    tmp_path: Path, theme: str
) -> None:
    config = exported(tmp_path)
    _target(config.parent / "slos")
    _removed(config.parent / "slos")
    built = build_site(config, tmp_path / "site", theme={"name": theme})
    soup = BeautifulSoup(built.html("operations/ybs-spec_3f9a1c7e2b04/index.html"), "html.parser")
    table = next(t for t in soup.find_all("table") if t.find("th", string="Monitoring"))
    cells = [
        tr.find_all("td")[-1].get_text(" ", strip=True) for tr in table.find("tbody").find_all("tr")
    ]
    assert cells == [
        "≠ differs slos/order-intake.yaml:79 says 99.5%",
        "✓ matches slos/order-intake.yaml:96",
        "✓ matches slos/order-intake.yaml:115",
    ]
    route = BeautifulSoup(built.html("operations/ybs-spec_71c5e8a3f9b2/index.html"), "html.parser")
    table = next(t for t in route.find_all("table") if t.find("th", string="Monitoring"))
    states = [tr.find_all("td")[-1].get_text(" ", strip=True) for tr in table.find_all("tr")[1:]]
    assert states[1] == "∅ not monitored"
    portfolio = BeautifulSoup(built.html("opsspec/portfolio/index.html"), "html.parser")
    summary = next(p for p in portfolio.find_all("p") if p.get_text().startswith("SLO drift"))
    assert summary.get_text() == "SLO drift: 1 SLO in 1 spec differs from its monitoring file."
    header = [th.get_text(strip=True) for th in portfolio.find("table").find_all("th")]
    assert header[-1] == "Drifted SLOs"
    rows = {
        tr.find("td").a.get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True)
        for tr in portfolio.find("table").find("tbody").find_all("tr")
    }
    assert rows["Order Intake API"] == "1" and rows["Auth Token Service"] == "0"
    data = json.loads((tmp_path / "site" / "opsspec" / "portfolio.json").read_text("utf-8"))
    assert data["summary"]["drifted_slos"] == {"slos": 1, "specs": 1}
    by_name = {r["name"]: r["drifted_slos"] for r in data["rows"]}
    assert (by_name["Order Intake API"], by_name["Route Optimisation Batch"]) == (1, 0)
    # readiness never contradicts a finding: the drifted SLO fails "A valid SLO" (OS904), the
    # unmonitored one (a warning, OS906) does not
    checks = {
        r["name"]: {c["key"]: c["state"] for c in r["readiness"]["checks"]} for r in data["rows"]
    }
    assert checks["Order Intake API"]["slo"] == "fail"
    assert checks["Route Optimisation Batch"]["slo"] == "pass"
    built_lines = sorted(m for m in built.messages() if " OS9" in m)
    check_lines = drift_lines(config)
    assert len(check_lines) == 2
    assert all(any(line in m for m in built_lines) for line in check_lines)


def test_no_slo_sources_no_column_and_no_count(tmp_path: Path) -> None:
    config = queries_site(tmp_path)
    built = build_site(config, tmp_path / "site")
    page = built.html("operations/ybs-spec_3f9a1c7e2b04/index.html")
    assert BeautifulSoup(page, "html.parser").find("th", string="Monitoring") is None
    assert "SLO drift" not in built.html("opsspec/portfolio/index.html")
