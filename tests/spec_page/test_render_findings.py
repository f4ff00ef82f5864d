"""The findings block: counts, order (errors first), links to sections, open when errors."""

from __future__ import annotations

from mkdocs_opsspec.model import Finding, Severity
from mkdocs_opsspec.spec_page.findings_block import findings_block, section_anchor

from helpers.spec_page import soup, text_of

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def f(line, sev, rule, msg="m"):
    return Finding("operations/ybs-spec_3f9a1c7e2b04.md", line, sev, rule, msg)


def test_empty_findings_render_nothing(spec_from):
    assert findings_block(spec_from(), [], lambda line: None) == ""


def test_summary_order_and_open(spec_from):
    spec = spec_from()
    findings = [
        f(5, I, "OS999", "an info"),
        f(30, W, "OS501", "a warning"),
        f(63, E, "OS301", "second error"),
        f(20, E, "OS401", "first error"),
        f(None, E, "OS201", "file error"),
    ]
    html = findings_block(spec, findings, lambda line: "#x" if line else None)
    details = soup(html).find("details")
    assert details.has_attr("open")
    assert details.has_attr("data-search-exclude")
    assert "opsspec-findings" in details["class"]
    assert text_of(str(details.summary)) == "Spec check: 3 errors, 1 warning, 1 info"
    items = details.find_all("li")
    assert [i.find("code").get_text() for i in items] == [
        "OS201",
        "OS401",
        "OS301",
        "OS501",
        "OS999",
    ]
    assert [i.find(class_="opsspec-finding-sev").get_text() for i in items] == [
        "error",
        "error",
        "error",
        "warning",
        "info",
    ]
    assert "whole file" in items[0].get_text()
    assert items[1].find("a").get_text() == "line 20"


def test_closed_without_errors_and_plural(spec_from):
    html = findings_block(
        spec_from(), [f(3, W, "OS101"), f(4, W, "OS102"), f(5, I, "OS103")], lambda line: None
    )
    details = soup(html).find("details")
    assert not details.has_attr("open")
    assert text_of(str(details.summary)) == "Spec check: 2 warnings, 1 info"
    assert details.find("a") is None  # no href: plain "line N"
    assert "line 3" in details.get_text()


def test_line_links_to_containing_section(spec_from):
    spec = spec_from()
    slo_line = spec.operations.slos[0].line
    html = findings_block(spec, [f(slo_line, E, "OS301")], lambda ln: section_anchor(spec, ln))
    a = soup(html).find("a", class_="opsspec-finding-line")
    assert a["href"] == "#slos-service-level-objectives"
    assert a.get_text() == f"line {slo_line}"


def test_section_anchor_picks_innermost(spec_from):
    spec = spec_from()
    rto_line = spec.operations.rollback.rto.line
    assert section_anchor(spec, rto_line) == "#rollback-procedure"
    assert section_anchor(spec, 1) is None
    assert section_anchor(spec, None) is None


def test_unsafe_section_href_is_dropped(spec_from):
    html = findings_block(spec_from(), [f(3, E, "OS1")], lambda line: "javascript:alert(1)")
    assert soup(html).find("a") is None
    assert "line 3" in text_of(html)
