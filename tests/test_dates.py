"""One date parser: the rules, the spec page's strip, the portfolio and readiness read a Last
Updated value alike, on every Python (`date.fromisoformat` accepts `20250105` from 3.11 on)."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_opsspec.dates import has_date_shape, is_stale, parse_date
from mkdocs_opsspec.generated_pages.portfolio import portfolio_json
from mkdocs_opsspec.spec_page.context import RenderContext
from mkdocs_opsspec.spec_page.header_strip import header_strip

from helpers.pages import build, operations_spec
from helpers.spec_page import text_of

REFERENCE = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-10-01", dt.date(2026, 10, 1)),
        ("`2026-10-01`", dt.date(2026, 10, 1)),
        ("**2026-10-01**", dt.date(2026, 10, 1)),
        (" 2024-02-29 ", dt.date(2024, 2, 29)),
        ("20250105", None),
        ("2025-1-5", None),
        ("2026-02-30", None),
        ("2025-13-01", None),
        ("5 Jan 2025", None),
        ("2026-10-01T10:00", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_date_shape_and_staleness() -> None:
    assert has_date_shape("2026-02-30") and not has_date_shape("20260230")
    assert is_stale(dt.date(2026, 5, 29), REFERENCE, 180)  # 181 days
    assert not is_stale(dt.date(2026, 5, 30), REFERENCE, 180)  # exactly 180 days


def test_a_compact_date_is_no_date_anywhere() -> None:
    """`Last Updated: 20250105`: OS107 says it is not a date, and so do the spec page's strip
    (shown as written, not as a date), the portfolio (no sort date, not stale) and readiness
    (freshness not checked)."""
    guid = "0123456789ab"
    built = build(
        {f"operations/ybs-spec_{guid}.md": operations_spec(guid, "Ledger", updated="20250105")}
    )
    path = f"operations/ybs-spec_{guid}.md"
    assert [
        f.rule for f in built.analysis.findings if f.path == path and f.rule.startswith("OS10")
    ] == ["OS107"]
    spec = built.analysis.specs[0]
    strip = header_strip(spec, [], RenderContext(reference_date=REFERENCE))
    assert 'class="opsspec-strip-item opsspec-updated opsspec-baddate"' in strip
    assert "Last updated 20250105" in text_of(strip)
    (row,) = portfolio_json(built.catalog, built.readiness, built.options)["rows"]
    assert (row["last_updated"], row["stale"]) == ("20250105", None)
    fresh = next(c for c in built.readiness[path].checks if c.key == "fresh")
    assert fresh.state == "not_checked"
