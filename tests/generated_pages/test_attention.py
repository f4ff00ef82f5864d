"""The portfolio's "needs attention" list is exactly the specs with error findings, below Gold,
or stale, each with the first failing check of its next level as an instruction: on the example
site, and on the example site with specs changed one way or another (expected by hand)."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from mkdocs_opsspec.generated_pages.portfolio import portfolio_json
from mkdocs_opsspec.generated_pages.portfolio_page import portfolio_page

from helpers.pages import build, example, page_html

OPS = "operations/ybs-spec_{}.md"
ORDER_INTAKE = OPS.format("3f9a1c7e2b04")
AUTH_TOKEN = OPS.format("d2e7940bc6a1")
PAYMENT = OPS.format("a7d20e5c91f3")
WAREHOUSE = OPS.format("e06b3a9d7c15")
#: The example site as it is: the Draft (stale too) and the Review spec are Silver, no errors.
EXAMPLE_LIST = [
    ("Audit Log Archive", ["below_gold", "stale"], "backup_within_rpo"),
    ("Customer Notification Service", ["below_gold"], "final_status"),
]


def attention(files: dict[str, str], rules: dict[str, str] | None = None) -> list[Any]:
    """(name, reasons, key of the step's check) of portfolio.json's list, and the page's list
    as (name, step text)."""
    _docs, others = example()
    built = build(files, other_paths=tuple(others), rules=rules)
    data = portfolio_json(built.catalog, built.readiness, built.options)
    soup: BeautifulSoup = page_html(portfolio_page(built.catalog, built.readiness, built.options))
    shown = [
        (
            li.find(class_="opsspec-name").get_text(),
            li.find(class_="opsspec-attention-action").get_text(),
        )
        for li in soup.select("ol.opsspec-attention > li")
    ]
    listed = [
        (a["name"], a["reasons"], a["step"]["key"] if a["step"] else None)
        for a in data["needs_attention"]
    ]
    # the page and the data list the same specs, in the same order
    assert [name for name, _ in shown] == [name for name, _, _ in listed]
    return [listed, shown]


def changed(path: str, old: str, new: str) -> dict[str, str]:
    docs, _others = example()
    assert old in docs[path], (path, old)
    docs[path] = docs[path].replace(old, new, 1)
    return docs


def test_the_example_site() -> None:
    docs, _others = example()
    listed, shown = attention(docs)
    assert listed == EXAMPLE_LIST
    assert shown[1] == (
        "Customer Notification Service",
        "Approve the spec (status Approved or Implemented) with no placeholder left",
    )


def test_a_gold_spec_with_an_unknown_status_gains_an_error_and_is_listed() -> None:
    # OS106, an error that fails "Approved or Implemented": Silver, the step to Gold is that
    listed, shown = attention(changed(ORDER_INTAKE, "**Status**: Implemented", "**Status**: Bogus"))
    assert listed == [
        *EXAMPLE_LIST[:2],
        ("Order Intake API", ["errors", "below_gold"], "final_status"),
    ]
    assert shown[2][1].startswith("Approve the spec")


def test_a_stale_gold_spec_is_listed_with_its_date_to_update() -> None:
    # 2026-01-01 is 329 days before the reference date 2026-11-26: stale, so Silver
    listed, shown = attention(
        changed(AUTH_TOKEN, "**Last Updated:** 2026-06-18", "**Last Updated:** 2026-01-01")
    )
    assert listed == [
        *EXAMPLE_LIST[:1],
        ("Auth Token Service", ["below_gold", "stale"], "fresh"),
        *EXAMPLE_LIST[1:],
    ]
    assert shown[1] == ("Auth Token Service", "Review the spec and update its Last Updated date")


def test_a_spec_without_a_required_section_is_below_bronze_and_comes_first() -> None:
    # no Health Checks section: OS201 (an error) fails "Required sections present", the first
    # Bronze check that fails (the health check's own check comes after it)
    listed, shown = attention(changed(PAYMENT, "### Health Checks", "### Liveness Notes"))
    assert listed[0] == ("Payment Gateway Adapter", ["errors", "below_gold"], "sections")
    assert listed[1:] == EXAMPLE_LIST
    assert shown[0] == ("Payment Gateway Adapter", "Add the required sections that are missing")


def test_a_gold_spec_with_an_error_no_check_maps_is_listed_to_fix_it() -> None:
    # 'Monthly' is ambiguous (OS307, a warning no readiness check maps); made an error, the
    # spec stays Gold and is listed for its error alone
    docs = changed(
        WAREHOUSE, "| Availability | 99.9% | 30 days |", "| Availability | 99.9% | Monthly |"
    )
    listed, shown = attention(docs, rules={"OS307": "error"})
    assert listed == [*EXAMPLE_LIST, ("Warehouse Inventory Sync", ["errors"], None)]
    assert shown[2] == ("Warehouse Inventory Sync", "Fix the errors listed on its page")
    # as a warning (its default), nothing to list
    listed, _shown = attention(docs)
    assert listed == EXAMPLE_LIST


def test_nothing_needs_attention() -> None:
    docs, _others = example()
    gold = {
        path: text
        for path, text in docs.items()
        if "4a0c6f2e8d73" not in path and "9b4f1d62a0e8" not in path
    }
    listed, shown = attention(gold)
    assert listed == [] and shown == []
    _docs, others = example()
    built = build(gold, other_paths=tuple(others))
    text = portfolio_page(built.catalog, built.readiness, built.options)
    assert "6 operations specs as of 2026\\-11\\-26: none needs attention." in text
    assert "Nothing: every spec is Gold, without error findings, and recently updated." in text
