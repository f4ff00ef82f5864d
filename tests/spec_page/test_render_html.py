"""The escaping helper, safe links and element builders."""

from __future__ import annotations

import pytest

from mkdocs_opsspec.markup import Markup, esc, inline, join, link, safe_href, tag


def test_esc_escapes_markup_and_quotes():
    assert esc('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"


@pytest.mark.parametrize(
    "url",
    [
        "#runbook-1",
        "../technical/ybs-spec_3f9a1c7e2b04/",
        "page.md#a:b",
        "https://example.com/x?y=1",
        "http://example.com",
        "//cdn.example.com/x",
    ],
)
def test_safe_href_allows_relative_anchor_and_http(url):
    assert safe_href(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "mailto:x@example.com",
        "http:relative-looking",
        "",
        "   ",
        None,
    ],
)
def test_safe_href_rejects_other_schemes(url):
    assert safe_href(url) is None


def test_tag_escapes_text_and_attributes():
    html = tag("span", {"class": "a", "title": '" onmouseover="x'}, "<b>hi</b>")
    assert html == (
        '<span class="a" title="&quot; onmouseover=&quot;x">&lt;b&gt;hi&lt;/b&gt;</span>'
    )
    assert isinstance(html, Markup)


def test_tag_keeps_markup_children_and_flattens_lists():
    inner = tag("b", None, "x")
    assert tag("p", None, [inner, " & ", None]) == "<p><b>x</b> &amp; </p>"


def test_tag_boolean_and_missing_attributes():
    assert tag("details", {"open": True, "hidden": False, "id": None}) == "<details open></details>"


@pytest.mark.parametrize("name", ["onclick", "onmouseover", "ONLOAD", 'x" y', "a b"])
def test_tag_refuses_event_and_odd_attribute_names(name):
    with pytest.raises(ValueError):
        tag("span", {name: "x"})


@pytest.mark.parametrize("name", ["script", "style", "iframe", "img src=x"])
def test_tag_refuses_dangerous_elements(name):
    with pytest.raises(ValueError):
        tag(name)


def test_href_attribute_goes_through_safe_href():
    assert tag("a", {"href": "javascript:alert(1)"}, "x") == "<a>x</a>"


def test_link_falls_back_to_span():
    assert link("javascript:alert(1)", {"class": "c"}, "x") == '<span class="c">x</span>'
    assert link("#a", {"class": "c"}, "x") == '<a class="c" href="#a">x</a>'


def test_join_escapes_text():
    assert join("<", tag("i", None, "x"), sep=" ") == "&lt; <i>x</i>"


def test_inline_renders_code_spans_and_strips_other_markdown():
    assert inline("PagerDuty `platform-primary`") == "PagerDuty <code>platform-primary</code>"
    assert inline("**bold** and [text](javascript:x)") == "bold and text"
    assert inline("`<script>`") == "<code>&lt;script&gt;</code>"
    assert inline("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert inline(None) == ""
