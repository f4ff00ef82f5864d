"""A spec page's title is text, escaped once, wherever a theme puts it (`title_spec_page`): in
the nav and attributes of other pages (`page.title`) and in Material's `<title>`
(`page.meta.title`, which Material does not pass through its unescaping `striptags`)."""

from __future__ import annotations

from mkdocs_opsspec.plugin.nav import title_spec_page

from helpers.nav import page, read

PATH = "operations/_BASE.md"


def test_a_heading_title_with_quotes_and_entities_becomes_text() -> None:
    p = read(page(PATH), '# Say "hi" &amp; `<b>` x" onmouseover="y\n\nText.\n')
    assert p.title == 'Say "hi" &amp; &lt;b&gt; x" onmouseover="y'  # MkDocs': quotes as they are
    title_spec_page(p, titled=False)
    expected = "Say &quot;hi&quot; &amp; &lt;b&gt; x&quot; onmouseover=&quot;y"
    assert p.title == expected
    assert p.meta["title"] == expected


def test_a_front_matter_title_is_text_in_the_nav_and_the_authors_on_its_own_page() -> None:
    p = read(page(PATH), '---\ntitle: "<b>Bold</b> & \\"quoted\\""\n---\n\n# Heading\n')
    title_spec_page(p, titled=False)
    assert p.title == "Bold &amp; &quot;quoted&quot;"
    assert p.meta["title"] == '<b>Bold</b> & "quoted"'  # its own <title> under Material


def test_a_title_the_nav_gave_by_feature_name_goes_to_material_too() -> None:
    p = read(page(PATH), "# Operations Specification: x\n")
    p.title = "A &lt;/title&gt; B"  # as `_sort_specs` sets it: the feature name, escaped
    title_spec_page(p, titled=True)
    assert p.title == "A &lt;/title&gt; B"
    assert p.meta["title"] == "A &lt;/title&gt; B"


def test_a_title_from_the_sites_nav_config_stays() -> None:
    p = read(page(PATH, title="Ops <em>BASE</em>"), '# Say "hi"\n')
    title_spec_page(p, titled=False)
    assert p.title == "Ops <em>BASE</em>"
    assert "title" not in p.meta
