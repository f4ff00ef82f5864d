"""Spec text reaches the generated pages only as inert text."""

from __future__ import annotations

import html
import re

import markdown
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from mkdocs_opsspec.generated_pages import generate_pages
from mkdocs_opsspec.generated_pages.markdown_escape import Md, finalize, md
from mkdocs_opsspec.generated_pages.templates import front_matter

from helpers.pages import build, operations_spec, page_html, simple_spec

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
    "**bold** _em_ `code` {: onclick=alert(1) } <a href='javascript:alert(2)'>a</a> "
    "| pipe ~~del~~ # hash &amp; \\ end [[x](y)](javascript:alert(3))"
)
EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc", "def_list", "abbr", "footnotes"]


def render(text: str) -> BeautifulSoup:
    """A piece of Markdown (no page, so no front matter) rendered."""
    return BeautifulSoup(markdown.markdown(text, extensions=EXTENSIONS), "html.parser")


def test_md_escapes_html_and_markdown() -> None:
    assert md("<b>") == "&lt;b&gt;"
    assert md("**x**") == r"\*\*x\*\*"
    assert md("[a](b)") == r"\[a\]\(b\)"
    assert md("a|b") == "a&#124;b"
    assert md('it\'s "q" & co') == "it&#39;s &quot;q&quot; &amp; co"
    assert md("1. x") == r"1\. x"
    assert md("line\nbreak\r\tx") == "line break x"
    assert md(None) == ""


def test_md_escapes_once() -> None:
    once = md("<x>")
    assert isinstance(once, Md)
    assert md(once) is once
    assert finalize(once) == "&lt;x&gt;"
    assert finalize("<x>") == "&lt;x&gt;"


@given(
    st.text(alphabet=st.sampled_from(list("ab <>&\"'*_`[]()!#+-.|~=^{}:\\/\n\t1é")), max_size=40)
)
def test_escaped_text_renders_as_itself(value: str) -> None:
    expected = re.sub(r"[\x00-\x1f]+", " ", value).strip()
    for wrapper in ("{}", "| a |\n|---|\n| {} |", "# {}", "- {}"):
        soup = render(wrapper.format(md(value)))
        assert soup.find(["script", "img", "em", "strong", "code", "a", "del"]) is None
        text = soup.find(["p", "td", "h1", "li"])
        shown = text.get_text() if text is not None else ""
        assert shown == expected, wrapper


def hostile_site() -> dict[str, str]:
    guid = "aaaaaaaaaaa1"
    ops = operations_spec(
        guid,
        HOSTILE,
        status=HOSTILE,
        version=HOSTILE,
        updated=HOSTILE,
        upstream=f"- **{HOSTILE}**: {HOSTILE}\n- `ybs-spec_bbbbbbbbbbb2`  # {HOSTILE}",
        downstream=f"- {HOSTILE}",
        rollback_rto=HOSTILE,
    )
    ops = ops.replace("| 99.9% | 30 days |", f"| {HOSTILE.replace('|', '')} | 30 days |")
    ops = ops.replace("**RTO**: 1 hour", f"**RTO**: {HOSTILE}")
    ops = ops.replace("#### Alert 2: Slow Responses", f"#### Alert 2: {HOSTILE}")
    base = f"""\
# Operations BASE Specification

**System**: {HOSTILE}
**Version**: {HOSTILE}
**Last Updated**: {HOSTILE}

## {HOSTILE}

### Health Checks

**Endpoint**: {HOSTILE}
**Check Frequency**: {HOSTILE}

### Backup Strategy

**{HOSTILE}**:
- Frequency: {HOSTILE}
- Retention: {HOSTILE}
- Location: {HOSTILE}

### Disaster Recovery

**RTO**: {HOSTILE}
**RPO**: 2 hours
"""
    tech = f"""\
# Technical Specification: {HOSTILE}

**GUID**: {HOSTILE}
**Version**: {HOSTILE}
**Status**: {HOSTILE}
**Last Updated**: {HOSTILE}
**Class**: {HOSTILE}

## Dependencies

### Required (Must implement first)
- `ybs-spec_ccccccccccc3`  # {HOSTILE}
"""
    return {
        f"operations/ybs-spec_{guid}.md": ops,
        "operations/_BASE.md": base,
        "technical/odd name (1) [x] <y>.md": tech,
        "business/ybs-spec_aaaaaaaaaaa1.md": simple_spec("business", guid, HOSTILE, status=HOSTILE),
        # no GUID: listed under the matrix
        "security/no guid.md": f"# Security Specification: {HOSTILE}\n\n**Status**: Draft\n",
    }


#: What a span of a generated page may carry: sort values (spec text, escaped), our classes,
#: the badges' titles (the configured statuses) and search exclusion, the bars' decoration.
SPAN_ATTRIBUTES = {
    "data-sort",
    "data-opsspec-col",
    "class",
    "title",
    "data-search-exclude",
    "aria-hidden",
    "style",
}


def test_hostile_text_in_every_field_stays_text() -> None:
    built = build(hostile_site())
    pages = generate_pages(built.catalog, built.readiness, built.options)
    # portfolio, matrix, base, graph, rules, two features (one with a hostile GUID)
    assert len(pages) == 7
    seen_text = 0
    for path, text in pages.items():
        soup = page_html(text, EXTENSIONS)
        assert soup.find(["script", "img", "iframe", "object", "embed", "del"]) is None, path
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), (path, tag)
                values = value if isinstance(value, list) else [value]
                assert not any("javascript:" in str(v).lower() for v in values), (path, tag)
            for token in tag.get("class", []):  # our classes, spec text only as a slug
                assert re.fullmatch(r"[a-z0-9_-]+", token), (path, tag)
            if "style" in tag.attrs:  # the count bars' widths only
                assert re.fullmatch(r"width: [0-9.]+%", tag["style"]) or tag.name in (
                    "th",
                    "td",
                ), (path, tag)
            if tag.name == "span":
                assert set(tag.attrs) <= SPAN_ATTRIBUTES, (path, tag)
            if tag.name == "div" and "opsspec-graph-scroll" in tag.get("class", []):
                # the graph's frame: our attributes only (its label names the feature)
                assert set(tag.attrs) == {
                    "class",
                    "role",
                    "aria-label",
                    "tabindex",
                    "data-search-exclude",
                }, path
            elif tag.name == "div" and "data-opsspec-portfolio" in tag.attrs:
                assert tag.attrs == {
                    "class": ["opsspec-portfolio-controls"],
                    "data-opsspec-portfolio": "",
                }, path
            elif tag.name == "div":
                assert set(tag.attrs) <= {"class", "data-search-exclude"}, (path, tag)
        # (the rules page holds no spec text: its examples are ours, shown as code)
        for tag in (
            soup.find_all(["strong", "em", "code"]) if path != built.options.paths.rules else ()
        ):
            assert "bold" not in tag.get_text() and "alert" not in tag.get_text(), (path, tag)
        for a in soup.find_all("a"):
            assert not a["href"].startswith(("javascript", "data:")), (path, a)
        seen_text += soup.get_text().count("<script>alert(1)</script>")
    assert seen_text > 10  # the text is shown, as text


def test_hostile_guid_gets_a_safe_page_path() -> None:
    built = build(hostile_site())
    pages = generate_pages(built.catalog, built.readiness, built.options)
    for path in pages:
        assert re.fullmatch(r"opsspec/(features/)?[a-z0-9_-]+\.md", path), path


def test_front_matter_title_is_the_text_escaped_once() -> None:
    # an emoji once made JSON write a surrogate pair, which MkDocs could not read: the whole
    # front matter was shown as text and the title came from the heading instead
    head = front_matter("Billing 🚀 </title><script>x</script> \"q\" 'a' & co")
    body, meta = get_data(head + "# Heading\n")
    assert meta == {
        "title": "Billing 🚀 &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &quot;q&quot; "
        "&#x27;a&#x27; &amp; co"
    }
    assert body == "# Heading\n"


@given(st.text(max_size=40))
def test_front_matter_reads_back_as_written(title: str) -> None:
    body, meta = get_data(front_matter(title) + "# Heading\n")
    assert body == "# Heading\n"
    assert html.unescape(meta["title"]) == title
    assert "<" not in meta["title"] and '"' not in meta["title"]


def test_front_matter_hides_the_sidebars_it_is_given() -> None:
    _body, meta = get_data(front_matter("Portfolio", ("navigation", "toc")) + "# P\n")
    assert meta == {"title": "Portfolio", "hide": ["navigation", "toc"]}
    _body, meta = get_data(front_matter("Portfolio") + "# P\n")
    assert meta == {"title": "Portfolio"}
