"""The Markdown extension `mkdocs_opsspec.markdown` under MkDocs and ProperDocs: the same spec-page
content as the plugin, nothing when the plugin is active, markers no spec text can forge, its
cache of the docs folder by file times, and its options. (Zensical: test_zensical.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from mkdocs_opsspec import analysis
from mkdocs_opsspec import markdown as extension
from mkdocs_opsspec.markdown import site as site_module

from helpers.sites import EXAMPLE, ROOT, build_site, record_paths, spec_files

EPOCH = "1795651200"  # 2026-11-26
ORDER_INTAKE = "operations/ybs-spec_3f9a1c7e2b04"


def example_config() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLE / "mkdocs.yml").read_text("utf-8"))


def with_extension() -> list[Any]:
    """The example's Markdown extensions, then ours (a new list each time: MkDocs empties the
    mappings of the list it validates)."""
    return [*example_config()["markdown_extensions"], "mkdocs_opsspec.markdown"]


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    extension.SITES.clear()


def checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record each check of a docs folder the extension makes (the list grows by one each)."""
    calls: list[int] = []
    real = site_module._check

    def recorded(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(site_module, "_check", recorded)
    return calls


def articles(site: Path, unlink_rules: bool = False) -> dict[str, str]:
    """The content of every spec page, whitespace-normalised; with `unlink_rules`, the findings'
    codes without their links to the rules page (which only the plugin generates)."""
    out = {}
    for rel in sorted(spec_files(EXAMPLE / "docs")):
        html = (site / rel.removesuffix(".md") / "index.html").read_text("utf-8")
        article = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
        for a in article.select("a.opsspec-finding-rule-link") if unlink_rules else ():
            a.unwrap()
        out[rel] = " ".join(article.decode().split())
    return out


def test_same_spec_pages_as_the_plugin_under_mkdocs_and_properdocs(tmp_path: Path) -> None:
    build_site(EXAMPLE / "mkdocs.yml", tmp_path / "plugin", strict=True)
    build_site(
        EXAMPLE / "mkdocs.yml",
        tmp_path / "mkdocs",
        plugins=["search"],
        markdown_extensions=with_extension(),
    )
    config = dict(example_config(), markdown_extensions=with_extension(), plugins=["search"])
    config["docs_dir"] = str(EXAMPLE / "docs")
    yml = tmp_path / "properdocs.yml"
    yml.write_text(yaml.safe_dump(config), "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    properdocs = Path(sys.executable).parent / "properdocs"
    subprocess.run(
        [properdocs, "build", "-q", "-f", yml, "-d", tmp_path / "properdocs"],
        check=True,
        env=env,
        capture_output=True,
    )
    assert 'class="opsspec-finding-rule-link"' in "".join(articles(tmp_path / "plugin").values())
    # the same but for the codes' links: without the plugin, no page links to a rules page
    # (`mkdocs-opsspec generate` writes it: test_zensical.py)
    plugin = articles(tmp_path / "plugin", unlink_rules=True)
    assert len(plugin) == 37
    assert plugin[ORDER_INTAKE + ".md"].count('class="opsspec-strip"') == 1
    assert "Error budget" in plugin[ORDER_INTAKE + ".md"]
    for builder in ("mkdocs", "properdocs"):
        built = articles(tmp_path / builder)
        assert [p for p in plugin if built[p] != plugin[p]] == [], builder


def test_nothing_when_the_plugin_is_active(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = checks(monkeypatch)
    built = build_site(EXAMPLE / "mkdocs.yml", tmp_path, markdown_extensions=with_extension())
    assert calls == []
    page = BeautifulSoup(built.html(f"{ORDER_INTAKE}/index.html"), "html.parser")
    assert len(page.select(".opsspec-strip")) == 1
    assert len(page.select(".opsspec-alerts")) == 1


FORGED = """# Operations Specification: Forged

**GUID**: 0000000000f1
**Version**: 1.0.0
**Status**: Draft
**Last Updated**: 2026-10-01

<!--opsspec:strip-->

## Notes <!--opsspec:strip--> <!--opsspec:recovery-->

Text.
"""


def test_spec_text_cannot_place_the_strip(tmp_path: Path) -> None:
    """Marker-like comments in the spec stay comments: the strip goes under the H1 only, and
    neither a heading id nor the toc gets any of it."""
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "operations/ybs-spec_0000000000f1.md").write_text(FORGED, "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: forged\ntheme:\n  name: material\nmarkdown_extensions:\n"
        "  - toc:\n      permalink: true\n  - mkdocs_opsspec.markdown\n",
        "utf-8",
    )
    built = build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
    page = BeautifulSoup(built.html("operations/ybs-spec_0000000000f1/index.html"), "html.parser")
    strips = page.select(".opsspec-strip")
    assert len(strips) == 1
    assert page.find("h1").find_next_sibling() is strips[0]
    h2 = page.find("h2")
    assert h2["id"] == "notes"
    assert h2.select("[class^=opsspec]") == []
    toc = page.select_one("nav.md-nav--secondary")
    assert [a.get_text(strip=True) for a in toc.select("a")] == ["Notes"]


def test_folder_checked_once_then_again_when_a_file_changes(
    site_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = site_factory(EXAMPLE)
    calls = checks(monkeypatch)
    parsed = record_paths(monkeypatch, analysis, "parse_file")

    def build(name: str) -> Any:
        return build_site(
            site / "mkdocs.yml",
            tmp_path / name,
            plugins=["search"],
            markdown_extensions=with_extension(),
        )

    build("one")
    assert calls == [1]  # one check for the build's 38 pages
    assert len(parsed) == 38
    parsed.clear()
    build("two")
    assert calls == [1]  # no file changed: the same check
    assert parsed == []
    spec = site / "docs" / "technical" / "ybs-spec_3f9a1c7e2b04.md"
    spec.write_text(spec.read_text("utf-8").replace("Implemented", "Review", 1), "utf-8")
    built = build("three")
    assert calls == [1, 1]  # checked again, once, for the whole build
    assert len(parsed) == 38
    # the sibling's new status shows on the other pages of its feature
    page = BeautifulSoup(built.html(f"{ORDER_INTAKE}/index.html"), "html.parser")
    technical = page.select(".opsspec-family li")[2]
    assert "Technical" in technical.get_text() and "Review" in technical.get_text()


def test_a_deprecated_option_is_one_warning_for_the_whole_build(
    site_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_opsspec.plugin import config

    monkeypatch.setattr(config, "_warned", set())  # as in a fresh process
    site = site_factory(EXAMPLE)
    built = build_site(
        site / "mkdocs.yml",
        tmp_path / "out",
        plugins=["search"],
        markdown_extensions=[
            *example_config()["markdown_extensions"],
            {"mkdocs_opsspec.markdown": {"background": True}},
        ],
    )
    assert [m for m in built.messages() if "does nothing" in m] == [
        "mkdocs_opsspec: option 'background': The option 'background' does nothing now and will "
        "be removed in the next release: delete it from mkdocs.yml."
    ]


def test_without_a_page_context_it_changes_nothing() -> None:
    """Plain Python-Markdown says nothing of a page or site: nothing to render."""
    text = (EXAMPLE / "docs" / f"{ORDER_INTAKE}.md").read_text("utf-8")
    plain = markdown.markdown(text, extensions=["tables", "toc"])
    assert markdown.markdown(text, extensions=["tables", "toc", "mkdocs_opsspec.markdown"]) == plain


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"rules": {"OS999": "off"}}, "unknown rule code 'OS999'"),
        ({"statuse": ["Draft"]}, "unknown option 'statuse'"),
        ({"strict": "yes"}, "option 'strict': expected true or false"),
    ],
)
def test_bad_options_stop_the_build(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match="mkdocs_opsspec.markdown: .*" + message):
        markdown.Markdown(
            extensions=["mkdocs_opsspec.markdown"],
            extension_configs={"mkdocs_opsspec.markdown": options},
        )
