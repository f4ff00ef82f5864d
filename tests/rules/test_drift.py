"""SLO monitoring rules (OS901-OS908): specs parsed from fixtures with hand-counted lines, checked
against monitoring files written to a temporary folder."""

from __future__ import annotations

from pathlib import Path

from mkdocs_opsspec.markup import Markup
from mkdocs_opsspec.rules import drift
from mkdocs_opsspec.slo_export.drift import UNCHECKED, compare
from mkdocs_opsspec.slo_export.monitored import Monitoring
from mkdocs_opsspec.slo_export.monitoring import load_monitoring
from mkdocs_opsspec.spec_page.slo_monitoring import monitoring_cell

from helpers.rules import assert_registered, context, header, parse

CHECKOUT = "operations/ybs-spec_0123456789ab.md"
LEDGER = "operations/ybs-spec_ba9876543210.md"


def spec_source(title: str, guid: str, *rows: str, front: str = "") -> str:
    """SLO rows from line 10 (after a front matter of `front`'s lines plus two)."""
    lines = header(title)
    lines[2] = f"**GUID**: {guid}"
    body = "\n".join(
        [
            *lines,  # 1-5
            "## SLOs (Service Level Objectives)",  # 6
            "",  # 7
            "| Metric | Target | Measurement Window |",  # 8
            "|---|---|---|",  # 9
            *[f"| {r} |" for r in rows],  # 10...
        ]
    )
    return (f"---\n{front}---\n" if front else "") + body + "\n"


def checkout(*rows: str, front: str = "") -> str:
    return spec_source("# Operations Specification: Checkout", "0123456789ab", *rows, front=front)


def monitoring(tmp_path: Path, **files: str) -> Monitoring:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, "utf-8")
    return load_monitoring(["*.yaml"], tmp_path, tmp_path)


def check(
    tmp_path: Path, sources: dict[str, str], **files: str
) -> list[tuple[str, int | None, str]]:
    specs = [parse(text, path, dedent=False) for path, text in sources.items()]
    found = drift.check_site(specs, context(monitoring=monitoring(tmp_path, **files)))
    return sorted((f.path, f.line, f.rule) for f in found)


def sloth(service: str, *slos: tuple[str, str]) -> str:
    """A Sloth spec: its first SLO's objective is on line 5, each next one two lines below."""
    body = "".join(f"  - name: {name}\n    objective: {objective}\n" for name, objective in slos)
    return f"version: prometheus/v1\nservice: {service}\nslos:\n{body}"


def test_rules_are_registered() -> None:
    assert_registered(
        "SLO monitoring (drift)",
        {
            "OS901": ("slo-source-invalid", "error"),
            "OS902": ("slo-source-unrecognised", "warning"),
            "OS903": ("slo-source-unmatched", "warning"),
            "OS904": ("slo-target-drift", "error"),
            "OS905": ("slo-window-drift", "error"),
            "OS906": ("slo-not-monitored", "warning"),
            "OS907": ("slo-monitoring-extra", "warning"),
            "OS908": ("slo-monitoring-no-spec", "info"),
        },
    )


def test_nothing_fires_without_slo_sources() -> None:
    spec = parse(checkout("Availability | 99.9% | 30 days"), CHECKOUT, dedent=False)
    assert list(drift.check_site([spec], context())) == []


def test_target_drift_not_monitored_and_extra(tmp_path: Path) -> None:
    sources = {
        CHECKOUT: checkout("Availability | 99.9% | 30 days", "Error rate | < 0.1% | 30 days")
    }
    files = {"checkout": sloth("checkout", ("availability", "99.5"), ("saturation", "90"))}
    assert check(tmp_path, sources, **files) == [
        ("checkout.yaml", 7, "OS907"),  # saturation: the spec has no such SLO
        (CHECKOUT, 10, "OS904"),  # availability 99.9% vs 99.5
        (CHECKOUT, 11, "OS906"),  # error rate: in no file
    ]


def test_near_miss_a_matching_sloth_file_is_quiet(tmp_path: Path) -> None:
    sources = {
        CHECKOUT: checkout("Availability | 99.9% | 30 days", "Error rate | < 0.1% | 30 days")
    }
    files = {"checkout": sloth("Checkout", ("requests-availability", "99.9"), ("errors", "99.9"))}
    assert check(tmp_path, sources, **files) == []


def test_a_service_named_in_front_matter(tmp_path: Path) -> None:
    front = "opsspec:\n  service: payments-api\n"  # 4 lines of front matter: rows from 14
    sources = {CHECKOUT: checkout("Availability | 99.9% | 30 days", front=front)}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert check(tmp_path / "a", sources, m=sloth("payments-api", ("availability", "99.9"))) == []
    assert check(tmp_path / "b", sources, m=sloth("checkout", ("availability", "99.9"))) == [
        ("m.yaml", 5, "OS908"),
        (CHECKOUT, 14, "OS906"),
    ]


def test_rows_of_unknown_kind_are_not_called_unmonitored(tmp_path: Path) -> None:
    sources = {CHECKOUT: checkout("Stock freshness | 99% | 30 days")}
    assert check(tmp_path, sources, m=sloth("checkout", ("availability", "99.9"))) == [
        ("m.yaml", 5, "OS907")
    ]
    # a file that names it covers it, even though its kind cannot be compared
    (tmp_path / "m.yaml").unlink()
    assert check(tmp_path, sources, m=sloth("checkout", ("stock-freshness", "99"))) == []


def test_a_file_that_does_not_parse_leaves_its_services_unchecked(tmp_path: Path) -> None:
    sources = {
        CHECKOUT: checkout("Availability | 99.9% | 30 days"),
        LEDGER: spec_source(
            "# Operations Specification: Ledger", "ba9876543210", "Availability | 99.9% | 30 days"
        ),
    }
    broken = "version: prometheus/v1\nservice: checkout\nslos:\n  - name: [availability\n"
    assert check(tmp_path, sources, broken=broken) == [
        ("broken.yaml", 5, "OS901"),
        (LEDGER, 10, "OS906"),  # the ledger is in no file; the checkout may be in the broken one
    ]
    specs = [parse(text, path, dedent=False) for path, text in sources.items()]
    row = compare(specs, monitoring(tmp_path)).rows[CHECKOUT][10]
    assert (row.state, row.note) == (UNCHECKED, "broken.yaml does not parse")
    cell = monitoring_cell(row)
    assert isinstance(cell, Markup)
    assert "opsspec-monitoring-unchecked" in cell and "broken.yaml does not parse" in cell


def test_two_specs_of_one_service_share_its_monitoring_file(tmp_path: Path) -> None:
    front = "opsspec:\n  service: shop\n"
    sources = {
        CHECKOUT: checkout("Availability | 99.9% | 30 days", front=front),
        LEDGER: spec_source(
            "# Operations Specification: Ledger",
            "ba9876543210",
            "Error rate | < 0.1% | 30 days",
            front=front,
        ),
    }
    files = {"shop": sloth("shop", ("availability", "99.9"), ("error-rate", "99.9"))}
    assert check(tmp_path, sources, **files) == []


def test_severity_overrides_apply_to_drift_findings(tmp_path: Path) -> None:
    from mkdocs_opsspec.analysis import Options, analyse

    mon = monitoring(tmp_path, m=sloth("checkout", ("availability", "99.5")))
    source = checkout("Availability | 99.9% | 30 days").encode()
    options = Options(rules={"OS904": "warning"}, monitoring=mon)
    result = analyse([(CHECKOUT, source)], options)
    assert [(f.rule, f.severity.value) for f in result.findings if f.rule.startswith("OS9")] == [
        ("OS904", "warning")
    ]
    assert [
        f.rule
        for f in analyse([(CHECKOUT, source)], Options()).findings
        if f.rule.startswith("OS9")
    ] == []
