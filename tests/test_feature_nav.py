"""`feature_page_navs`: each feature page's nav is the site's nav filtered to the feature, as
the straightforward definition below gives it (a recursive filter of the whole nav, which the
plugin used to run once per feature), on a nav with nested sections, links inside and outside
sections, a page listed twice and sections left empty by the filter."""

from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from mkdocs_opsspec.generated_pages.common import PageOptions
from mkdocs_opsspec.generated_pages.paths import PagePaths
from mkdocs_opsspec.plugin.nav import feature_page_navs

from helpers.nav import page

OPTIONS = PageOptions(
    paths=PagePaths(
        portfolio="opsspec/portfolio.md",
        matrix="opsspec/matrix.md",
        base="opsspec/base.md",
        features_dir="opsspec/features",
    )
)


def reference(items: list, keep: set[str], top: bool) -> list:
    """The definition: top-level pages and links stay; inside sections only kept pages, and
    sections that keep something."""
    out: list = []
    for item in items:
        if isinstance(item, Page):
            if top or item.file.src_uri in keep:
                out.append(item)
        elif isinstance(item, Section):
            children = reference(item.children, keep, top=False)
            if children:
                out.append(Section(item.title, children))
        elif isinstance(item, Link) and top:
            out.append(item)
    return out


def shape(items: list) -> list:
    """What a nav shows: page paths, link URLs, section titles with their children, and
    whether sections are shown open."""
    out: list = []
    for item in items:
        if isinstance(item, Page):
            out.append(("page", item.file.src_uri))
        elif isinstance(item, Link):
            out.append(("link", item.url))
        else:
            out.append(("section", item.title, shape(item.children)))
    return out


def test_filtered_navs_match_the_definition() -> None:
    ops_a, ops_b = (
        page("operations/ybs-spec_aaaaaaaaaaaa.md"),
        page("operations/ybs-spec_bbbbbbbbbbbb.md"),
    )
    tech_a = page("teams/x/technical/ybs-spec_aaaaaaaaaaaa.md")
    tech_b = page("teams/x/technical/ybs-spec_bbbbbbbbbbbb.md")
    nav_items = [
        page("index.md"),
        Link("Status", "https://status.example.com/"),
        Section(
            "Specs",
            [
                Section("Operations", [ops_b, ops_a, Link("Runbooks", "https://rb/")]),
                Section("Teams", [Section("Technical", [tech_a, tech_b])]),
                page("guide.md"),
                ops_a,  # listed twice
            ],
        ),
        Section("Empty for everyone", [page("other.md")]),
        Section(
            "Spec overview",
            [page("opsspec/portfolio.md"), page("opsspec/matrix.md"), page("opsspec/base.md")],
        ),
        page("about.md"),
    ]
    nav = Navigation(nav_items, [])
    features = {
        guid: SimpleNamespace(
            specs={
                "operations": SimpleNamespace(path=o.file.src_uri),
                "technical": SimpleNamespace(path=t.file.src_uri),
            }
        )
        for guid, o, t in (("aaaaaaaaaaaa", ops_a, tech_a), ("bbbbbbbbbbbb", ops_b, tech_b))
    }
    features["cccccccccccc"] = SimpleNamespace(specs={})  # a feature with no page in the nav
    navs = feature_page_navs(nav, SimpleNamespace(features=features), OPTIONS)

    generated = {"opsspec/portfolio.md", "opsspec/matrix.md", "opsspec/base.md"}
    assert sorted(navs) == [f"opsspec/features/{g}.md" for g in sorted(features)]
    for guid, feature in features.items():
        keep = {s.path for s in feature.specs.values()} | generated
        got = navs[f"opsspec/features/{guid}.md"]
        assert shape(got.items) == shape(reference(nav_items, keep, top=True)), guid
        assert [p.file.src_uri for p in got.pages] == [p.file.src_uri for p in _pages(got.items)]
        sections = [i for i in _walk(got.items) if isinstance(i, Section)]
        assert sections and all(s.active for s in sections)

    a = shape(navs["opsspec/features/aaaaaaaaaaaa.md"].items)
    assert a[2] == (
        "section",
        "Specs",
        [
            ("section", "Operations", [("page", "operations/ybs-spec_aaaaaaaaaaaa.md")]),
            ("section", "Teams", [("section", "Technical", [("page", tech_a.file.src_uri)])]),
            ("page", "operations/ybs-spec_aaaaaaaaaaaa.md"),
        ],
    )
    assert ("section", "Empty for everyone", [("page", "other.md")]) not in a


def _walk(items: list):
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from _walk(item.children)


def _pages(items: list):
    return [i for i in _walk(items) if isinstance(i, Page)]
