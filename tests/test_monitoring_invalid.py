"""A monitoring file of `slo_sources` that cannot be used is one finding, on its line: an invalid
OpenSLO or Sloth document is one OS901 and no drift finding comes of it (its service's spec rows
are not checked rather than called unmonitored); documents of no known format are one OS902 per
file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mkdocs_opsspec.analysis import Options, analyse
from mkdocs_opsspec.slo_export.drift import UNCHECKED
from mkdocs_opsspec.slo_export.monitoring import load_monitoring

SPEC_PATH = "operations/ybs-spec_0123456789ab.md"
SPEC = """\
# Operations Specification: Checkout

**GUID**: 0123456789ab
**Version**: 1.0.0
**Status**: Draft
**Last Updated**: 2026-10-01

## SLOs (Service Level Objectives)

| Metric | Target | Measurement Window |
|---|---|---|
| Availability | 99.9% | 30 days |
| Latency p99 | < 300ms | 30 days |
"""
UNRECOGNISED = (
    "neither OpenSLO (apiVersion openslo/v1 or openslo/v1alpha) nor Sloth (version "
    "prometheus/v1, or kind PrometheusServiceLevel): remove the file from slo_sources or narrow "
    "the glob"
)


def check(tmp_path: Path, text: str) -> list[tuple[str, int | None, str, str]]:
    """(path, line, rule, message) of the OS9xx findings of the spec against m.yaml."""
    (tmp_path / "m.yaml").write_text(text, "utf-8")
    monitoring = load_monitoring(["m.yaml"], tmp_path, tmp_path)
    options = Options(reference_date=dt.date(2026, 11, 26), monitoring=monitoring)
    result = analyse([(SPEC_PATH, SPEC.encode())], options)
    return [(f.path, f.line, f.rule, f.message) for f in result.findings if f.rule[:3] == "OS9"]


def test_an_invalid_sloth_document_is_one_finding(tmp_path: Path) -> None:
    # availability differs from the spec (99.5 vs 99.9), latency-p99's objective is no number
    text = (
        "version: prometheus/v1\nservice: checkout\nslos:\n"
        "  - name: availability\n    objective: 99.5\n"
        "  - name: latency-p99\n    objective: high\n"
    )
    assert check(tmp_path, text) == [
        (
            "m.yaml",
            7,
            "OS901",
            "m.yaml: Sloth SLO 'latency-p99' of service 'checkout': objective is not a number "
            "in (0, 100]",
        )
    ]


def test_an_invalid_openslo_document_is_one_finding(tmp_path: Path) -> None:
    text = (
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: checkout-availability\n"
        "spec:\n  service: checkout\n  timeWindow:\n    - duration: 30x\n"
        "  objectives:\n    - target: 0.999\n"
    )
    assert check(tmp_path, text) == [
        (
            "m.yaml",
            8,
            "OS901",
            "m.yaml: OpenSLO SLO 'checkout-availability' has a time window duration '30x' that "
            "is not a positive integer and a unit of m h d w M Q Y",
        )
    ]


def test_the_rows_of_its_service_are_not_checked(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "version: prometheus/v1\nservice: checkout\nslos: []\n", "utf-8"
    )
    monitoring = load_monitoring(["m.yaml"], tmp_path, tmp_path)
    options = Options(reference_date=dt.date(2026, 11, 26), monitoring=monitoring)
    result = analyse([(SPEC_PATH, SPEC.encode())], options)
    assert result.drift is not None
    rows = result.drift.rows[SPEC_PATH]
    assert [(line, r.state, r.note) for line, r in rows.items()] == [
        (12, UNCHECKED, "m.yaml:1 is invalid"),
        (13, UNCHECKED, "m.yaml:1 is invalid"),
    ]


def test_a_list_of_things_that_are_no_objects_is_one_finding(tmp_path: Path) -> None:
    found = check(tmp_path, "- a\n- b\n- c\n")
    assert [f for f in found if f[0] == "m.yaml"] == [
        ("m.yaml", 1, "OS902", f"m.yaml: a document that is {UNRECOGNISED}")
    ]


def test_documents_of_no_known_format_are_one_finding_per_file(tmp_path: Path) -> None:
    text = "kind: ConfigMap\n---\nkind: Secret\n---\nkind: Service\n"
    found = check(tmp_path, text)
    assert [f for f in found if f[0] == "m.yaml"] == [
        ("m.yaml", 1, "OS902", f"m.yaml: 3 documents (the first here) that are {UNRECOGNISED}")
    ]
