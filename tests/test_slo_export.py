"""`mkdocs-opsspec export`: OpenSLO and Sloth files of the specs' SLOs, compared with files
written by hand (tests/slo_golden), and the formats' own rules (OpenSLO specification, Sloth's
validation) that every file written passes."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest

from mkdocs_opsspec.slo_export import openslo, sloth
from mkdocs_opsspec.slo_export.export import export
from mkdocs_opsspec.slo_export.names import dns_label, service_name
from mkdocs_opsspec.slo_export.objectives import TimeWindow
from mkdocs_opsspec.slo_export.promql import expression_error, template_error

from helpers.rules import HEADER, parse
from helpers.sites import EXAMPLE
from helpers.slo import AUTH, NOTIFY, ORDER, TRACKING, queries_site, run_cli

GOLDEN = Path(__file__).parent / "slo_golden"
INVENTORY = "operations/ybs-spec_e06b3a9d7c15.md"
HOW = (
    "add an 'SLI query' column (or 'Total query' with 'Good query' or 'Error query') to the SLO "
    "table, or front matter opsspec: {sli: {<metric>: {error_query: ..., total_query: ...}}}"
)
UNKNOWN_KIND = (
    "its kind is not known: the Metric cell names neither availability, an error rate nor a "
    "latency (e.g. 'Availability (search API)')"
)


def files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(folder.glob("*.yaml"))}


# --- golden files -------------------------------------------------------------------------------


def test_openslo_export_of_the_example_site(tmp_path: Path) -> None:
    """Every window (30 days, rolling 28 days, calendar month) and every objective kind
    (availability, error rate, latency with a quantile and with a share); the one row of
    unknown kind is skipped, with the reason, and the exit status says so."""
    status, out = run_cli(
        "export", "--format", "openslo", "-f", str(EXAMPLE / "mkdocs.yml"), "-o", str(tmp_path)
    )
    assert status == 1
    assert files(tmp_path) == files(GOLDEN / "openslo")
    lines = out.splitlines()
    skipped = [ln for ln in lines if "skipped SLO" in ln]
    assert skipped == [
        f"docs/{INVENTORY}:314: skipped SLO 'Stock freshness (share of SKUs synced within 5 "
        f"minutes)': {UNKNOWN_KIND}"
    ]
    assert (
        f"docs/{ORDER}: SLIs referenced, not written (no queries): order-intake-api-availability, "
        "order-intake-api-error-rate, order-intake-api-latency-p99"
    ) in lines
    assert f"to write those SLIs too, {HOW}" in lines
    assert lines[-1] == f"exported 25 SLOs to 8 files in {tmp_path}; skipped 1"


def test_openslo_export_with_queries(tmp_path: Path) -> None:
    """SLI objects from front matter (error/total, a multi-line query, the service named
    there), from Good/Total columns and from an SLI query column (a success ratio, and a
    latency as a threshold metric)."""
    config = queries_site(tmp_path)
    status, out = run_cli(
        "export", "--format", "openslo", "-f", str(config), "-o", str(tmp_path / "out")
    )
    assert status == 1
    got = files(tmp_path / "out")
    assert sorted(got) == [
        "audit-log-archive.yaml",
        "auth-token-service.yaml",
        "customer-notification-service.yaml",
        "order-intake.yaml",
        "payment-gateway-adapter.yaml",
        "route-optimisation-batch.yaml",
        "shipment-tracking-events.yaml",
        "warehouse-inventory-sync.yaml",
    ]
    for name, text in files(GOLDEN / "openslo_queries").items():
        assert got[name] == text, name
    assert (
        f"docs/{NOTIFY}: SLIs referenced, not written (no queries): "
        "customer-notification-service-error-rate"
    ) in out.splitlines()
    assert f"docs/{ORDER}: SLIs" not in out


def test_sloth_export_with_queries(tmp_path: Path) -> None:
    config = queries_site(tmp_path)
    status, out = run_cli(
        "export", "--format", "sloth", "-f", str(config), "-o", str(tmp_path / "out")
    )
    assert status == 1
    assert files(tmp_path / "out") == files(GOLDEN / "sloth")
    skipped = [ln.split(": skipped SLO ")[0] for ln in out.splitlines() if "skipped SLO" in ln]
    expected = ["4a0c6f2e8d73:298", "4a0c6f2e8d73:299", "4a0c6f2e8d73:300"]  # calendar month
    expected += ["5c81b7f04e2d:336", "5c81b7f04e2d:337", "5c81b7f04e2d:338"]  # 28 days
    expected += ["5c81b7f04e2d:339", "71c5e8a3f9b2:309", "71c5e8a3f9b2:310"]
    expected += ["71c5e8a3f9b2:311", "9b4f1d62a0e8:332", "a7d20e5c91f3:350"]
    expected += ["a7d20e5c91f3:351", "a7d20e5c91f3:352", "d2e7940bc6a1:332"]
    expected += ["d2e7940bc6a1:333", "e06b3a9d7c15:311", "e06b3a9d7c15:312"]
    expected += ["e06b3a9d7c15:313", "e06b3a9d7c15:314"]
    assert skipped == [f"docs/operations/ybs-spec_{x.replace(':', '.md:')}" for x in expected]
    lines = out.splitlines()
    assert (
        f"docs/{TRACKING}:336: skipped SLO 'Availability': its window (28 days) is not Sloth's "
        "period (30 days): Sloth files state no window, Sloth takes it from its command line "
        "(export with --sloth-period to pick another)"
    ) in lines
    assert (
        "docs/operations/ybs-spec_a7d20e5c91f3.md:350: skipped SLO 'Availability': its window "
        "(calendar month) is not Sloth's period (30 days): Sloth files state no window, Sloth "
        "takes it from its command line (export with --sloth-period to pick another)"
    ) in lines
    assert f"docs/{NOTIFY}:332: skipped SLO 'Error rate': it has no SLI queries: {HOW}" in lines
    assert (
        f"docs/{AUTH}:333: skipped SLO 'Latency p99': its SLI query gives a latency, and Sloth "
        "needs the share of bad events: give an error query and a total query"
    ) in lines
    assert lines[-1] == f"exported 6 SLOs to 3 files in {tmp_path / 'out'}; skipped 20"


def test_sloth_period_picks_the_window(tmp_path: Path) -> None:
    config = queries_site(tmp_path)
    out_dir = tmp_path / "out"
    status, _ = run_cli(
        "export",
        "--format",
        "sloth",
        "-f",
        str(config),
        "-o",
        str(out_dir),
        "--sloth-period",
        "28 days",
    )
    assert status == 1
    assert files(out_dir) == {
        "shipment-tracking-events.yaml": (
            f"# Exported by mkdocs-opsspec from docs/{TRACKING}:336.\n"
            "# Edit the spec's SLO table and export again rather than this file.\n"
            "# Sloth takes the window from its command line: these SLOs are over 28 days.\n"
            "version: prometheus/v1\n"
            "service: shipment-tracking-events\n"
            "slos:\n"
            "  - name: availability\n"
            "    objective: 99.9\n"
            "    description: 'Availability: 99.9% over rolling 28 days "
            f"(docs/{TRACKING}:336)'\n"
            "    sli:\n"
            "      events:\n"
            "        error_query: "
            'sum(rate(tracking_api_requests_total{code=~"5.."}[{{.window}}]))\n'
            "        total_query: sum(rate(tracking_api_requests_total[{{.window}}]))\n"
            "    alerting:\n"
            "      name: ShipmentTrackingEventsAvailability\n"
            "      page_alert:\n"
            "        disable: true\n"
            "      ticket_alert:\n"
            "        disable: true\n"
        )
    }


def test_export_output_is_deterministic(tmp_path: Path) -> None:
    config = queries_site(tmp_path)
    for name in ("a", "b"):
        run_cli("export", "--format", "openslo", "-f", str(config), "-o", str(tmp_path / name))
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_exit_status_0_when_nothing_is_skipped(tmp_path: Path) -> None:
    docs = tmp_path / "docs" / "operations"
    docs.mkdir(parents=True)
    (docs / "ybs-spec_0123456789ab.md").write_text(
        HEADER + "## SLOs\n\n| Metric | Target | Window |\n|---|---|---|\n"
        "| Availability | 99.9% | 30 days |\n",
        "utf-8",
    )
    status, out = run_cli(
        "export", "--format", "openslo", str(tmp_path / "docs"), "-o", str(tmp_path / "out")
    )
    assert status == 0, out
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["checkout.yaml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--sloth-period", "calendar month"],
            "--sloth-period calendar month: give a length such as 30d",
        ),
        (["--sloth-period", "soon"], "--sloth-period: "),
    ],
)
def test_export_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status = run_cli(
        "export", "--format", "sloth", "-f", str(EXAMPLE / "mkdocs.yml"), "-o", str(tmp_path), *args
    )[0]
    assert status == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_without_promql_parser_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "promql_parser", None)  # import fails
    config = queries_site(tmp_path)
    status = run_cli("export", "--format", "sloth", "-f", str(config), "-o", str(tmp_path / "out"))[
        0
    ]
    assert status == 2
    assert "checking PromQL needs promql-parser: pip install 'mkdocs-opsspec[export]'" in (
        capsys.readouterr().err
    )


# --- names, queries and skips on small specs --------------------------------------------------

TABLE = (
    "## SLOs (Service Level Objectives)\n\n| Metric | Target | Measurement Window |\n"
    "|---|---|---|\n"
)


def spec_with(
    rows: str, front: str = "", title: str = "# Operations Specification: Checkout"
) -> Any:
    head = HEADER.replace("# Operations Specification: Checkout", title)
    return parse((f"---\n{front}---\n" if front else "") + head + TABLE + rows, dedent=False)


def test_one_metric_over_two_windows_gets_the_window_in_its_name() -> None:
    spec = spec_with(
        "| Availability | 99.9% | 30 days |\n| Availability | 99.5% | calendar month |\n"
    )
    result = export([spec], "openslo")
    text = result.files["checkout.yaml"]
    assert "  name: checkout-availability-30d\n" in text
    assert "  name: checkout-availability-calendar-month\n" in text
    assert text.count("  indicatorRef: checkout-availability\n") == 2


def test_long_names_are_cut_with_a_hash() -> None:
    long = "Latency of the nightly settlement reconciliation export to the general ledger p99"
    name = dns_label("payment-gateway-adapter", long)
    assert len(name) == 63
    assert name.startswith("payment-gateway-adapter-latency-of-the-nightly-settlem")
    assert name != dns_label("payment-gateway-adapter", long + " v2")
    assert openslo.problems({**_valid_slo(), "metadata": {"name": name}}) == []


def test_service_from_front_matter_or_feature_name() -> None:
    assert service_name(spec_with("", "opsspec:\n  service: ledger\n")) == "ledger"
    assert service_name(spec_with("", title="# Operations Specification: Ledger Service")) == (
        "ledger-service"
    )


def skips(spec: Any, fmt: str = "openslo") -> list[tuple[int, str]]:
    return [(s.line, s.reason) for s in export([spec], fmt).skipped]


def test_rows_that_cannot_be_exported_are_skipped_with_the_reason() -> None:
    rows = (
        "| Latency | < 300ms | 30 days |\n"  # line 10: no share
        "| Error rate | 0.1% | 30 days |\n"  # line 11: not an upper bound
        "| Throughput | 500 rps | 30 days |\n"  # line 12: unknown kind, no target
        "| Availability | 99.9% | 90 seconds |\n"  # line 13: not whole minutes
    )
    assert skips(spec_with(rows)) == [
        (
            10,
            "its latency bound does not say for which share of requests: write e.g. '95% of "
            "requests < 300ms', or name the quantile ('Latency p99')",
        ),
        (11, "its error-rate target '0.1%' is not an upper bound"),
        (12, UNKNOWN_KIND),
        (13, "its window '90 seconds' is not a whole number of minutes"),
    ]


def test_queries_that_do_not_fit_together_are_skipped() -> None:
    front = (
        "opsspec:\n  sli:\n    Availability:\n      good_query: a\n      error_query: b\n"
        "      total_query: c\n"
    )
    assert skips(spec_with("| Availability | 99.9% | 30 days |\n", front)) == [
        (
            18,
            "the queries in the front matter do not fit together: give an SLI query alone, or a "
            "total query with either a good or an error query",
        )
    ]


def test_queries_that_break_sloths_rules_are_skipped() -> None:
    front = (
        "opsspec:\n  sli:\n    Availability:\n      error_query: sum(rate(errors[5m]))\n"
        "      total_query: sum(rate(requests[{{.window}}])\n"
    )
    assert skips(spec_with("| Availability | 99.9% | 30 days |\n", front), "sloth") == [
        (
            17,
            "it breaks Sloth's rules: .sli.events.error_query: template must contain the "
            "{{ .window }} variable; .sli.events.total_query: is not PromQL: unclosed left "
            "parenthesis",
        )
    ]


# --- OpenSLO's rules ------------------------------------------------------------------------


def _valid_slo() -> dict[str, Any]:
    return {
        "apiVersion": "openslo/v1",
        "kind": "SLO",
        "metadata": {"name": "ledger-availability", "displayName": "Availability"},
        "spec": {
            "service": "ledger",
            "indicatorRef": "ledger-availability",
            "budgetingMethod": "Occurrences",
            "timeWindow": [
                {
                    "duration": "1M",
                    "isRolling": False,
                    "calendar": {"startTime": "2024-01-01 00:00:00", "timeZone": "Europe/Berlin"},
                }
            ],
            "objectives": [{"displayName": "Availability", "target": 0.999}],
        },
    }


def _valid_sli() -> dict[str, Any]:
    def source(query: str) -> dict[str, Any]:
        return {"metricSource": {"type": "Prometheus", "spec": {"query": query}}}

    return {
        "apiVersion": "openslo/v1",
        "kind": "SLI",
        "metadata": {"name": "ledger-availability"},
        "spec": {"ratioMetric": {"counter": True, "good": source("ok"), "total": source("all")}},
    }


def _set(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `doc` with `path` (dots; list items as numbers) set, or removed for DELETE."""
    out = copy.deepcopy(doc)
    *parents, last = path.split(".")
    node: Any = out
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is DELETE:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return out


DELETE = object()


NOT_DURATION = "is not a positive integer and a unit of m h d w M Q Y"


def test_valid_openslo_objects_pass() -> None:
    assert openslo.problems(_valid_slo()) == []
    assert openslo.problems(_valid_sli()) == []


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("apiVersion", "openslo/v1alpha", "apiVersion: must be openslo/v1"),
        ("kind", "Service", "kind: must be SLO or SLI"),
        (
            "metadata.name",
            "Ledger_Availability",
            "metadata.name: 'Ledger_Availability' is not an RFC 1123 DNS label",
        ),
        ("metadata.name", "a" * 64, f"metadata.name: '{'a' * 64}' is not an RFC 1123 DNS label"),
        ("metadata.name", "-ledger", "metadata.name: '-ledger' is not an RFC 1123 DNS label"),
        ("metadata.name", DELETE, "metadata.name: is required"),
        ("metadata.displayName", "x" * 64, "metadata.displayName: longer than 63 characters"),
        ("spec.description", "x" * 1051, "spec.description: longer than 1050 characters"),
        ("spec.service", DELETE, "spec.service: is required"),
        (
            "spec.budgetingMethod",
            "Events",
            "spec.budgetingMethod: must be one of Occurrences, Timeslices, RatioTimeslices",
        ),
        (
            "spec.indicatorRef",
            DELETE,
            "spec: exactly one of indicator and indicatorRef must be set",
        ),
        (
            "spec.indicatorRef",
            "Ledger SLI",
            "spec.indicatorRef: 'Ledger SLI' is not an RFC 1123 DNS label",
        ),
        ("spec.timeWindow", [], "spec.timeWindow: must hold exactly one item"),
        (
            "spec.timeWindow.0.duration",
            "30 days",
            f"spec.timeWindow[0].duration: '30 days' {NOT_DURATION}",
        ),
        (
            "spec.timeWindow.0.duration",
            "0d",
            f"spec.timeWindow[0].duration: '0d' {NOT_DURATION}",
        ),
        (
            "spec.timeWindow.0.duration",
            "30D",
            f"spec.timeWindow[0].duration: '30D' {NOT_DURATION}",
        ),
        (
            "spec.timeWindow.0.isRolling",
            True,
            "spec.timeWindow[0].calendar: cannot be set when isRolling is true",
        ),
        (
            "spec.timeWindow.0.calendar",
            DELETE,
            "spec.timeWindow[0].calendar: must be set when isRolling is false",
        ),
        (
            "spec.timeWindow.0.calendar.startTime",
            "2024-01-01T00:00:00Z",
            "spec.timeWindow[0].calendar.startTime: '2024-01-01T00:00:00Z' is not a date and "
            "time as 2006-01-02 15:04:05",
        ),
        (
            "spec.timeWindow.0.calendar.timeZone",
            "Mars/Olympus",
            "spec.timeWindow[0].calendar.timeZone: 'Mars/Olympus' is not an IANA time zone",
        ),
        ("spec.objectives", [], "spec.objectives: at least one objective is required"),
        ("spec.objectives.0.target", 1.0, "spec.objectives[0].target: 1.0 is not in [0, 1)"),
        ("spec.objectives.0.target", -0.1, "spec.objectives[0].target: -0.1 is not in [0, 1)"),
        (
            "spec.objectives.0.target",
            DELETE,
            "spec.objectives[0].exactly one of target and targetPercent must be set",
        ),
        (
            "spec.objectives.0.targetPercent",
            99.9,
            "spec.objectives[0].exactly one of target and targetPercent must be set",
        ),
        ("spec.objectives.0.op", "le", "spec.objectives[0].op: must be one of lt, lte, gt, gte"),
    ],
)
def test_openslo_slo_rules(path: str, value: Any, problem: str) -> None:
    assert openslo.problems(_set(_valid_slo(), path, value)) == [problem]


def test_openslo_target_percent_alone_passes() -> None:
    doc = _set(
        _set(_valid_slo(), "spec.objectives.0.target", DELETE),
        "spec.objectives.0.targetPercent",
        99.9,
    )
    assert openslo.problems(doc) == []
    assert openslo.problems(_set(doc, "spec.objectives.0.targetPercent", 100)) == [
        "spec.objectives[0].targetPercent: 100 is not in [0, 100)"
    ]


SOURCE = {"metricSource": {"spec": {"query": "up"}}}


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (
            "spec.thresholdMetric",
            SOURCE,
            "spec.exactly one of thresholdMetric and ratioMetric must be set",
        ),
        (
            "spec.ratioMetric",
            DELETE,
            "spec.exactly one of thresholdMetric and ratioMetric must be set",
        ),
        (
            "spec.ratioMetric.bad",
            SOURCE,
            "spec.ratioMetric: at most one of raw, good and bad may be set",
        ),
        (
            "spec.ratioMetric.good",
            DELETE,
            "spec.ratioMetric: exactly one of good and bad must be set with total",
        ),
        (
            "spec.ratioMetric.raw",
            SOURCE,
            "spec.ratioMetric: exactly one of total and raw must be set",
        ),
        (
            "spec.ratioMetric.total",
            DELETE,
            "spec.ratioMetric: exactly one of total and raw must be set",
        ),
        (
            "spec.ratioMetric.good.metricSource.spec",
            {},
            "spec.ratioMetric.good.metricSource.spec: must be a non-empty mapping",
        ),
        (
            "spec.ratioMetric.total.metricSource.metricSourceRef",
            "My Prometheus",
            "spec.ratioMetric.total.metricSource.metricSourceRef: 'My Prometheus' is not an RFC "
            "1123 DNS label",
        ),
    ],
)
def test_openslo_sli_rules(path: str, value: Any, problem: str) -> None:
    assert openslo.problems(_set(_valid_sli(), path, value)) == [problem]


def test_openslo_raw_ratio_needs_a_raw_type() -> None:
    raw = {"counter": False, "raw": SOURCE, "rawType": "success"}
    doc = _set(_valid_sli(), "spec.ratioMetric", raw)
    assert openslo.problems(doc) == []
    assert openslo.problems(_set(doc, "spec.ratioMetric.rawType", "ratio")) == [
        "spec.ratioMetric.rawType: must be success or failure with raw"
    ]
    assert openslo.problems(_set(doc, "spec.ratioMetric.good", SOURCE)) == [
        "spec.ratioMetric: at most one of raw, good and bad may be set"
    ]


# --- Sloth's rules --------------------------------------------------------------------------


def _valid_sloth() -> dict[str, Any]:
    return {
        "version": "prometheus/v1",
        "service": "ledger",
        "slos": [
            {
                "name": "requests-availability",
                "objective": 99.9,
                "sli": {
                    "events": {
                        "error_query": 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
                        "total_query": "sum(rate(http_requests_total[{{ .window }}]))",
                    }
                },
                "alerting": {
                    "name": "LedgerAvailability",
                    "page_alert": {"labels": {"severity": "critical"}},
                    "ticket_alert": {"disable": True},
                },
            }
        ],
    }


def test_a_valid_sloth_spec_passes() -> None:
    assert sloth.problems(_valid_sloth()) == []
    assert sloth.problems(_set(_valid_sloth(), "slos.0.objective", 100)) == []


NAME_RULE = "must start and end with a letter or digit and hold only those, '.', '_' and '-'"


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        ("version", "prometheus/v2", "version: must be prometheus/v1"),
        ("slos", [], "slos: at least one SLO is required"),
        ("slos.0.name", "-availability", f"slos[0].name: '-availability' {NAME_RULE}"),
        ("slos.0.name", "a", f"slos[0].name: 'a' {NAME_RULE}"),
        ("slos.0.objective", 0, "slos[0].objective: 0 is not in (0, 100]"),
        ("slos.0.objective", 100.5, "slos[0].objective: 100.5 is not in (0, 100]"),
        ("slos.0.objective", "99.9", "slos[0].objective: 99.9 is not in (0, 100]"),
        ("slos.0.sli", {}, "slos[0].sli: at least one SLI type is required"),
        (
            "slos.0.sli.raw",
            {"error_ratio_query": "x[{{.window}}]"},
            "slos[0].sli: only one SLI type is allowed",
        ),
        (
            "slos.0.sli.events.total_query",
            'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
            "slos[0].sli.events: both error and total queries can't be the same",
        ),
        (
            "slos.0.sli.events.error_query",
            "sum(rate(errors[5m]))",
            "slos[0].sli.events.error_query: template must contain the {{ .window }} variable",
        ),
        (
            "slos.0.sli.events.total_query",
            "sum(rate(requests[{{.window}}])",
            "slos[0].sli.events.total_query: is not PromQL: unclosed left parenthesis",
        ),
        (
            "slos.0.sli.events.total_query",
            "",
            "slos[0].sli.events.total_query: query template is required",
        ),
        (
            "slos.0.alerting.name",
            "",
            "slos[0].alerting.name: alert name is required (page_alert is enabled)",
        ),
        (
            "slos.0.alerting.page_alert.labels",
            {"__name__": "x"},
            "slos[0].alerting.page_alert.labels: the key '__name__' is not allowed",
        ),
        (
            "slos.0.alerting.page_alert.labels",
            {"team": ""},
            "slos[0].alerting.page_alert.labels.team: the value is required",
        ),
    ],
)
def test_sloth_rules(path: str, value: Any, problem: str) -> None:
    assert sloth.problems(_set(_valid_sloth(), path, value)) == [problem]


def test_sloth_service_name_and_the_slo_ids_made_of_it() -> None:
    assert sloth.problems(_set(_valid_sloth(), "service", "ledger service")) == [
        f"service: 'ledger service' {NAME_RULE}",
        "slos[0].name: the SLO ID 'ledger service-requests-availability' is not a valid name",
    ]


def test_sloth_names_are_unique_per_service() -> None:
    doc = _valid_sloth()
    doc["slos"].append(copy.deepcopy(doc["slos"][0]))
    assert sloth.problems(doc) == [
        "slos[1].name: 'requests-availability' is not unique in service 'ledger'"
    ]


def test_sloth_alerts_can_be_disabled_without_a_name() -> None:
    doc = _set(
        _valid_sloth(),
        "slos.0.alerting",
        {"page_alert": {"disable": True}, "ticket_alert": {"disable": True}},
    )
    assert sloth.problems(doc) == []


def test_sloth_raw_sli() -> None:
    doc = _set(
        _valid_sloth(),
        "slos.0.sli",
        {"raw": {"error_ratio_query": "1 - avg_over_time(up[{{.window}}])"}},
    )
    assert sloth.problems(doc) == []
    assert sloth.problems(
        _set(doc, "slos.0.sli.raw.error_ratio_query", "1 - avg_over_time(up[1h])")
    ) == ["slos[0].sli.raw.error_ratio_query: template must contain the {{ .window }} variable"]


@pytest.mark.parametrize(
    ("query", "template", "expression"),
    [
        ("sum(rate(x[{{.window}}]))", None, None),
        ("sum(rate(x[{{  .window }}]))", None, None),
        (
            "sum(rate(x[{{.Window}}]))",
            "template must contain the {{ .window }} variable",
            "uses a template action other than {{.window}}",
        ),
        (
            "sum(rate(x[{{.window}}])) / {{.total}}",
            None,
            "uses a template action other than {{.window}}",
        ),
        (
            "rate(x)",
            "template must contain the {{ .window }} variable",
            "is not PromQL: expected type matrix in call to function 'rate', got vector",
        ),
        (
            "no_such_function(x[{{.window}}])",
            None,
            "is not PromQL: unknown function with name 'no_such_function'",
        ),
        ("  ", "query template is required", "query is required"),
    ],
)
def test_query_checks(query: str, template: str | None, expression: str | None) -> None:
    assert template_error(query) == template
    assert expression_error(query) == expression


def test_time_window_durations() -> None:
    assert TimeWindow(30 * 86400).duration == "30d"
    assert TimeWindow(36 * 3600).duration == "36h"
    assert TimeWindow(90 * 60).duration == "90m"
    assert TimeWindow(90).duration is None
    assert TimeWindow(30 * 86400, "month").duration == "1M"
    assert TimeWindow(90 * 86400, "quarter").duration == "1Q"
