"""Status badges: the word is always visible, each configured status has its own colour class."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.spec_page.badge import status_badge
from mkdocs_opsspec.spec_page.context import RenderContext

from helpers.spec_page import REFERENCE, soup

STATUSES = ("Draft", "Review", "Approved", "Implemented")


@pytest.mark.parametrize("index,status", list(enumerate(STATUSES)))
def test_configured_status_has_word_and_own_colour(index, status):
    ctx = RenderContext(reference_date=REFERENCE)
    span = soup(status_badge(status, ctx)).span
    assert span.get_text() == status
    classes = span["class"]
    assert "opsspec-badge" in classes
    assert f"opsspec-status-{index}" in classes
    assert f"opsspec-status-{status.lower()}" in classes
    assert span.has_attr("data-search-exclude")


def test_each_configured_status_gets_a_different_colour():
    ctx = RenderContext(reference_date=REFERENCE, statuses=tuple(f"S{i}" for i in range(8)))
    colours = set()
    for i in range(8):
        classes = soup(status_badge(f"S{i}", ctx)).span["class"]
        colours.add(next(c for c in classes if c[-1:].isdigit() and c[-2] == "-"))
    assert len(colours) == 8


def test_a_status_in_another_case_is_unknown_as_the_status_rule_says():
    """Statuses are case-sensitive (OS106 reports `approved`): the badge does not colour it as
    `Approved`."""
    ctx = RenderContext(reference_date=REFERENCE)
    span = soup(status_badge("approved", ctx)).span
    assert "opsspec-status-unknown" in span["class"]
    assert "opsspec-status-2" not in span["class"]
    assert span.get_text() == "approved"


def test_unknown_status_is_shown_with_its_own_style():
    ctx = RenderContext(reference_date=REFERENCE)
    span = soup(status_badge("Shipped", ctx)).span
    assert span.get_text() == "Shipped"
    assert "opsspec-status-unknown" in span["class"]
    assert not any(c[-1].isdigit() for c in span["class"])


@pytest.mark.parametrize("status", [None, "", "   "])
def test_missing_status_says_so(status):
    ctx = RenderContext(reference_date=REFERENCE)
    span = soup(status_badge(status, ctx)).span
    assert span.get_text() == "No status"
    assert "opsspec-status-none" in span["class"]


def test_numeric_status_slug_cannot_clash_with_colour_class():
    ctx = RenderContext(reference_date=REFERENCE, statuses=("3", "Done"))
    classes = soup(status_badge("3", ctx)).span["class"]
    assert "opsspec-status-0" in classes
    assert "opsspec-status-3" not in classes


def test_hostile_status_is_text():
    ctx = RenderContext(reference_date=REFERENCE)
    html = status_badge('<script>alert(1)</script>" onmouseover="x', ctx)
    span = soup(html).span
    assert span.find("script") is None
    assert not any(a.startswith("on") for a in span.attrs)
    assert span.get_text() == '<script>alert(1)</script>" onmouseover="x'
