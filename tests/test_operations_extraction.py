"""Edge cases of the operations extraction that its fast paths must keep: the no-data
sentence search (case-insensitive, also for non-ASCII case folds), numbered-step counting,
short table rows, and key-value lines with and without bold."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.parser import parse_text

HEAD = "# Operations Specification: Orders\n\n**GUID**: 0123456789ab\n\n"


def _ops(body: str):
    spec = parse_text("operations/ybs-spec_0123456789ab.md", HEAD + body)
    assert spec is not None and spec.operations is not None
    return spec.operations


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The service is stateless.", True),
        ("The service is STATELESS.", True),
        ("It holds no persistent data.", True),
        ("No data is stored here.", True),
        ("It keeps no state.", True),
        ("ſtateless (a long s folds to s)", True),  # non-ASCII: IGNORECASE folds it
        ("It \u212aeeps no data (Kelvin sign folds to k).", True),
        ("Restore the last good backup.", False),
        ("RPO 0 (no data loss).", False),
        ("statelessness", False),
    ],
)
def test_no_data_sentence(sentence: str, found: bool) -> None:
    ops = _ops(f"## Overview\n\nIntro line.\n{sentence}\n\n## Other\n\nThe service is stateless.\n")
    assert ops.no_data_line == (8 if found else None)


def test_numbered_steps_counted() -> None:
    body = (
        "## Deployment\n\n### Deployment Steps\n\n1. one\n   2) two\n    3. code, not a step\n"
        "4.no space\n\uff15. fullwidth digit\n- 6. bullet\n"
    )
    assert _ops(body).deploy_steps == 3


def test_short_rows_give_empty_cells() -> None:
    body = (
        "## Monitoring\n\n### Metrics\n\n| Metric | Type | Threshold | Alert Condition |\n"
        "|---|---|---|---|\n| Errors | Gauge |\n| **Latency** |\n"
    )
    metrics = _ops(body).metrics
    assert [(m.name, m.type, m.threshold, m.alert_condition) for m in metrics] == [
        ("Errors", "Gauge", "", ""),
        ("Latency", "", "", ""),
    ]


def test_alert_fields_bold_and_plain() -> None:
    body = (
        "## Monitoring\n\n### Alerts\n\n#### Alert 1: High Errors\n- Severity: High\n"
        "- **Severity**: Low\n- **Condition** errors up\n- Notify: pager\n- Other: x\n"
    )
    (alert,) = _ops(body).alerts
    assert (alert.severity, alert.condition, alert.notification) == ("High", None, "pager")
    assert sorted(alert.fields) == ["notify", "severity"]
    assert alert.fields["severity"].line == 10
