"""The header strip: status, version, last updated (stale), GUID with copy button, siblings."""

from __future__ import annotations

import datetime

import pytest

from mkdocs_opsspec.model import Finding, Severity
from mkdocs_opsspec.readiness import FAIL, PASS, Check, readiness_of
from mkdocs_opsspec.spec_page.context import RenderContext, SiblingLink
from mkdocs_opsspec.spec_page.header_strip import header_strip

from helpers.spec_page import REFERENCE, soup, text_of


def strip(spec, ctx, siblings=()):
    return soup(header_strip(spec, list(siblings), ctx)).find("div", class_="opsspec-strip")


def strip_with(spec, ctx, **kw):
    return soup(header_strip(spec, [], ctx, **kw)).find("div", class_="opsspec-strip")


def test_strip_shows_status_version_date_guid(spec_from, ctx):
    div = strip(spec_from(), ctx)
    assert div.has_attr("data-search-exclude")
    text = text_of(str(div))
    assert "Approved" in text
    assert "Version 1.2.0" in text
    assert "Last updated 2026-10-07" in text
    assert "stale" not in text
    assert div.find("code", class_="opsspec-guid-value").get_text() == "3f9a1c7e2b04"


def test_copy_button(spec_from, ctx):
    button = strip(spec_from(), ctx).find("button", class_="opsspec-copy")
    assert button["type"] == "button"
    assert button["data-copy"] == "3f9a1c7e2b04"
    assert button["aria-label"] == "Copy GUID"


# reference 2026-11-26, 180 days: the cut-off is 2026-11-26 - 180 days = 2026-05-30
@pytest.mark.parametrize(
    "updated,stale",
    [
        ("2026-05-01", True),
        ("2026-05-29", True),
        ("2026-05-30", False),  # exactly 180 days old is not older than 180 days
        ("2026-06-01", False),
        ("2026-11-26", False),
    ],
)
def test_stale_marking(spec_from, ctx, updated, stale):
    div = strip(spec_from(updated=updated), ctx)
    item = div.find(class_="opsspec-updated")
    assert ("opsspec-stale" in item["class"]) is stale
    words = text_of(str(item))
    assert updated in words
    assert ("stale" in words) is stale


def test_stale_after_days_is_configurable(spec_from):
    ctx = RenderContext(reference_date=datetime.date(2026, 11, 26), stale_after_days=30)
    item = strip(spec_from(updated="2026-10-07"), ctx).find(class_="opsspec-updated")
    assert "opsspec-stale" in item["class"]


@pytest.mark.parametrize("updated", ["07/10/2026", "2026-13-45", "last week"])
def test_unparsable_date_is_shown_as_written(spec_from, ctx, updated):
    item = strip(spec_from(updated=updated), ctx).find(class_="opsspec-updated")
    assert updated in item.get_text()
    assert "opsspec-stale" not in item["class"]


def test_siblings_states(spec_from, ctx):
    siblings = [
        SiblingLink("business", "../../business/ybs-spec_3f9a1c7e2b04/", "Approved", "present"),
        SiblingLink("functional", None, None, "missing"),
        SiblingLink("testing", None, None, "not-required"),
        SiblingLink("operations", None, "Approved", "self"),
        SiblingLink("security", "../../security/x/", None, "present"),
    ]
    nav = strip(spec_from(), ctx, siblings).find("nav", class_="opsspec-family")
    items = nav.find_all("li")
    assert len(items) == 5
    business, functional, testing, operations, security = items

    a = business.find("a")
    assert a["href"] == "../../business/ybs-spec_3f9a1c7e2b04/"
    assert a.get_text() == "Business"
    assert business.find(class_="opsspec-badge").get_text() == "Approved"

    assert functional.find("a") is None
    assert "missing" in text_of(str(functional))
    assert "opsspec-sibling-missing" in functional["class"]

    assert testing.find("a") is None
    assert "not required" in text_of(str(testing))

    assert operations.find("a") is None
    assert "current" in text_of(str(operations))
    assert operations.find(attrs={"aria-current": "page"}) is not None

    assert security.find(class_="opsspec-badge").get_text() == "No status"


def test_sibling_with_unsafe_href_is_not_linked(spec_from, ctx):
    siblings = [SiblingLink("business", "javascript:alert(1)", "Draft", "present")]
    nav = strip(spec_from(), ctx, siblings).find("nav")
    assert nav.find("a") is None
    assert "Business" in nav.get_text()


def test_missing_fields(ctx):
    from .conftest import make_spec

    spec = make_spec("# Operations Specification: Bare\n\n## Overview\n\nText.\n")
    text = text_of(header_strip(spec, [], ctx))
    assert "No status" in text
    assert "No version" in text
    assert "Last updated not set" in text
    assert REFERENCE.isoformat() not in text


# --- issue 16: readiness in the strip, BASE strips, "stale" with its finding ------------------


def _finding(rule: str) -> Finding:
    return Finding("operations/ybs-spec_3f9a1c7e2b04.md", 6, Severity.WARNING, rule, "...")


def test_strip_shows_the_readiness_and_what_the_next_level_needs(spec_from, ctx):
    checks = [
        Check("bronze", "header", "Valid header", PASS),
        Check("silver", "slo", "A valid SLO", FAIL, "OS302 (line 30): SLO target ..."),
        Check("silver", "backups", "Backups state frequency and retention", FAIL),
    ]
    item = strip_with(spec_from(), ctx, readiness=readiness_of(checks)).find(
        class_="opsspec-readiness"
    )
    assert "opsspec-readiness-bronze" in item["class"]
    assert text_of(str(item)) == "Readiness Bronze · Silver needs: A valid SLO"
    assert item.find(class_="opsspec-readiness-next")["title"].startswith("OS302 (line 30)")


def test_a_spec_below_bronze_reads_so_on_its_badge(spec_from, ctx):
    below = readiness_of([Check("bronze", "header", "Valid header", FAIL)])
    item = strip_with(spec_from(), ctx, readiness=below).find(class_="opsspec-readiness")
    assert text_of(str(item)) == "Readiness Below Bronze · Bronze needs: Valid header"
    badge = item.find(class_="opsspec-badge")
    assert badge["class"] == ["opsspec-badge", "opsspec-level", "opsspec-level-none"]


def test_a_gold_spec_needs_nothing_more(spec_from, ctx):
    gold = readiness_of([Check("gold", "fresh", "Recently updated", PASS)])
    item = strip_with(spec_from(), ctx, readiness=gold).find(class_="opsspec-readiness")
    assert text_of(str(item)) == "Readiness Gold"


def test_without_readiness_there_is_no_readiness_item(spec_from, ctx):
    assert strip(spec_from(), ctx).find(class_="opsspec-readiness") is None


def test_stale_only_with_the_finding_that_says_so(spec_from, ctx):
    old = spec_from(updated="2026-01-01")
    item = strip_with(old, ctx, findings=[]).find(class_="opsspec-updated")
    assert "stale" not in text_of(str(item))  # OS109 turned off, or ignored: not stale
    item = strip_with(old, ctx, findings=[_finding("OS109")]).find(class_="opsspec-updated")
    assert "stale" in text_of(str(item))


def test_base_strip_shows_what_its_template_defines(ctx):
    from .conftest import make_spec

    base = make_spec(
        "# Operations BASE Specification\n\n**System**: Northwind\n**Version**: 1.4.0\n"
        "**Last Updated**: 2026-01-10\n\n## Overview\n\nText.\n",
        "operations/_BASE.md",
    )
    assert base.role == "base"
    div = strip_with(base, ctx, findings=[])
    text = text_of(str(div))
    assert text == "System Northwind Version 1.4.0 Last updated 2026-01-10"
    assert "No status" not in text and "No GUID" not in text and "stale" not in text
    assert div.find(class_="opsspec-status") is None and div.find(class_="opsspec-guid") is None
