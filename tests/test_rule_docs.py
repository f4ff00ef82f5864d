"""Every rule explained from one source (issue 17): the documentation each rule carries in the
registry, checked the way `check` checks it, and shown by `mkdocs-opsspec rules CODE`, the rules
page and the findings of spec pages, which link each code to its section.

For every rule, its bad example gives exactly that code (and no finding of any other code) and
its fixed example gives no finding at all (helpers/rule_docs.py writes each example into a docs
tree with its mkdocs.yml options and monitoring files, and runs `analysis.analyse`).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup

from mkdocs_opsspec.cli import main
from mkdocs_opsspec.generated_pages.rules_page import rules_page
from mkdocs_opsspec.parser import parse_file
from mkdocs_opsspec.rules.docs import Example
from mkdocs_opsspec.rules.explain import shown_files
from mkdocs_opsspec.rules.registry import RULES
from mkdocs_opsspec.rules.table import all_rules

from helpers.rule_docs import FRAME, complete, example_findings
from helpers.sites import EXAMPLE, build_themes

CODES = [r.code for r in all_rules()]
EPOCH = "1795651200"  # 2026-11-26, the reference date of the examples' checks


def undocumented() -> list[str]:
    """Codes of the registry's rules without documentation: no `doc`, no text of what it
    catches or why, or no example that differs from its fix."""
    return [
        r.code
        for r in all_rules()
        if r.doc is None or not (r.doc.catches and r.doc.why) or r.doc.bad == r.doc.fixed
    ]


def test_every_rule_carries_its_documentation() -> None:
    # 10 input, 11 header, 3 structure, 8 SLO, 7 recovery, 6 alert, 2 health check, 9 link,
    # 2 secret and 8 monitoring rules
    assert len(CODES) == 66
    assert undocumented() == []


def test_a_rule_without_documentation_fails_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from mkdocs_opsspec.rules.docs import RuleDoc

    monkeypatch.setitem(RULES, "OS303", replace(RULES["OS303"], doc=None))
    doc = RULES["OS304"].doc
    assert doc is not None
    same = RuleDoc(doc.catches, doc.why, doc.bad, doc.bad)
    monkeypatch.setitem(RULES, "OS304", replace(RULES["OS304"], doc=same))
    assert undocumented() == ["OS303", "OS304"]


def test_the_frame_is_a_complete_clean_operations_spec(tmp_path: Path) -> None:
    """What the examples stand in: every part the rules read is there (so that a clean result
    means something), and it gives no finding."""
    spec, _ = parse_file("operations/ybs-spec_0123456789ab.md", FRAME.encode())
    assert spec is not None and spec.operations is not None
    keys = {key for s in spec.sections for key in s.keys}
    for key in ("rollback_procedure", "health_checks", "alerts", "slos", "disaster_recovery"):
        assert key in keys
    ops = spec.operations
    assert [a.name for a in ops.alerts] == ["Checkout errors"]
    assert [r.name for r in ops.runbooks] == ["Checkout errors"]
    assert [s.metric for s in ops.slos] == ["Availability", "Error rate"]
    assert ops.health is not None and ops.health.success_criteria is not None
    assert len(ops.backups) == 1 and ops.backups[0].retention is not None
    assert ops.rollback is not None and ops.rollback.rto is not None
    assert ops.disaster_recovery is not None and ops.disaster_recovery.rpo is not None
    assert example_findings(Example(""), tmp_path) == []


SMALL_FRAME = """\
# Title

**Status**: Approved

## One

one

### One.a

one a

## Two

two
"""


def test_complete_puts_a_part_in_place_of_the_same_parts() -> None:
    part = "---\ntitle: x\n---\n# New title\n\n**Status**: Draft\n\n## One\n\nnew one\n"
    assert complete(part, SMALL_FRAME) == (
        "---\ntitle: x\n---\n\n# New title\n\n**Status**: Draft\n\n## One\n\nnew one\n\n"
        "## Two\n\ntwo\n"
    )
    # a subsection alone replaces the subsection; a section the frame lacks goes at the end,
    # and a heading inside a code block is no heading
    assert complete("### One.a\n\nnew\n\n## Three\n\n```\n## Two\n```\n", SMALL_FRAME) == (
        "# Title\n\n**Status**: Approved\n\n## One\n\none\n\n### One.a\n\nnew\n\n## Two\n\n"
        "two\n\n## Three\n\n```\n## Two\n```\n"
    )


@pytest.mark.parametrize("code", CODES)
def test_bad_example_gives_exactly_its_code(code: str, tmp_path: Path) -> None:
    doc = RULES[code].doc
    assert doc is not None
    found = example_findings(doc.bad, tmp_path)
    assert {f.rule for f in found} == {code}, [(f.rule, f.line, f.message) for f in found]


@pytest.mark.parametrize("code", CODES)
def test_fixed_example_gives_no_finding(code: str, tmp_path: Path) -> None:
    doc = RULES[code].doc
    assert doc is not None
    found = example_findings(doc.fixed, tmp_path)
    assert [(f.rule, f.line, f.message) for f in found] == []


# --- mkdocs-opsspec rules CODE ----------------------------------------------------------------

OS109_START = """\
OS109 last-updated-stale
Header rule; warning by default; fails the readiness check "Recently updated" (Gold).

Last Updated is older than 'stale_after_days' (default 180) before the reference date.

What it catches:
"""


def test_rules_code_prints_the_rules_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "OS109"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(OS109_START)
    fails, fixed = out.split("\nFails: ")[1].split("\nFixed: ")
    assert fails.startswith("`operations/ybs-spec_0123456789ab.md` (part of the spec):\n\n")
    assert "    **Last Updated**: 2025-11-03\n" in fails
    assert "    **Last Updated**: 2026-10-02\n" in fixed
    assert out.endswith(
        "Every rule: `mkdocs-opsspec rules`; with examples, on the rules page the plugin "
        "generates (`opsspec/rules.md#os109` by default).\n"
    )
    # the same for its code in lowercase and for its name
    for query in ("os109", "last-updated-stale"):
        assert main(["rules", query]) == 0
        assert capsys.readouterr().out == out


def test_rules_code_shows_every_file_of_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "OS903"]) == 0
    out = capsys.readouterr().out
    assert (
        "and `monitoring/checkout.yaml` (beside mkdocs.yml):\n\n    apiVersion: openslo/v1\n" in out
    )
    assert (
        "and `mkdocs.yml`:\n\n    plugins:\n      - opsspec:\n"
        "          slo_sources: [monitoring/*.yaml, monitoring/payments/*.yaml]\n"
    ) in out


def test_rules_unknown_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "OS999"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "mkdocs-opsspec: error: no rule 'OS999': `mkdocs-opsspec rules` lists every code and name\n"
    )


def test_rules_code_as_markdown_is_its_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "OS602", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        '<h3 id="os602" class="opsspec-rule-heading"><code>OS602</code> '
        "health-check-frequency-invalid "
    )
    soup = BeautifulSoup(markdown.markdown(out), "html.parser")
    assert (
        soup.select_one("pre")
        .get_text()
        .endswith(
            "**Check Frequency**: Every few seconds\n**Success Criteria**: Status code 200 within "
            "500ms\n"
        )
    )


def test_rules_listing_is_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 66
    assert lines[0] == (
        "OS001 warning near-miss-file-name: A file name looks like a spec's but is not recognised."
    )


# --- the rules page ---------------------------------------------------------------------------

EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "pymdownx.superfences"]


def test_rules_page_shows_every_example_exactly_as_written() -> None:
    """The examples are code: Markdown, HTML, fences (OS006's never closes), snippet includes
    (OS004) and braces in them are shown as written, and no example changes the page around
    it. With pymdownx.snippets, an include in a code block would be replaced."""
    text = rules_page()
    body = text.split("\n---\n", 1)[1]
    soup = BeautifulSoup(
        markdown.markdown(body, extensions=[*EXTENSIONS, "pymdownx.snippets"]), "html.parser"
    )
    assert [h["id"] for h in soup.select("h3")] == [c.lower() for c in CODES]
    blocks = [pre.get_text() for pre in soup.select("pre.opsspec-rule-example")]
    expected = [
        shown.text
        for rule in all_rules()
        if rule.doc is not None
        for example in (rule.doc.bad, rule.doc.fixed)
        for shown in shown_files(example)
        if shown.text
    ]
    assert blocks == expected
    assert (
        '\n--8<-- "includes/checkout-alerts.md"\n'
        in blocks[expected.index(RULES["OS004"].doc.bad.text)]
    )
    # nothing but the page's own elements
    allowed = {"h1", "h2", "h3", "p", "a", "code", "pre", "em", "strong", "ul", "li"}
    assert {el.name for el in soup.find_all(True)} <= allowed


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    themes = {"material": {"name": "material"}, "mkdocs": {"name": "mkdocs"}}
    return build_themes(EXAMPLE / "mkdocs.yml", themes, tmp_path_factory, "rules", EPOCH)


def soup_of(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_every_code_has_its_section_on_the_built_rules_page(
    sites: dict[str, Path], theme: str
) -> None:
    page = soup_of(sites[theme], "opsspec/rules/index.html")
    for rule in all_rules():
        heading = page.find(id=rule.code.lower())
        assert heading is not None and heading.name == "h3", rule.code
        assert heading.get_text().startswith(f"{rule.code} {rule.name}"), rule.code
        # its section: what follows up to the next rule's heading
        section = []
        for el in heading.find_next_siblings():
            if el.name in ("h2", "h3"):
                break
            section.append(el)
        examples = [el for el in section if el.name == "pre"]
        texts = " ".join(el.get_text(" ") for el in section)
        assert "What it catches." in texts and "Why it matters." in texts, rule.code
        assert "Fails:" in texts and "Fixed:" in texts, rule.code
        bad, fixed = rule.doc.bad, rule.doc.fixed  # type: ignore[union-attr]
        shown = [s for e in (bad, fixed) for s in shown_files(e) if s.text]
        assert [el.get_text() for el in examples] == [s.text for s in shown], rule.code


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_finding_codes_link_to_their_rules_section(sites: dict[str, Path], theme: str) -> None:
    """On every spec page, each finding's code links to the rules page's section of that code
    (its href relative to the spec page)."""
    site = sites[theme]
    checked = 0
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()
        page = soup_of(site, rel)
        for item in page.select("li.opsspec-finding"):
            code = item.select_one("code.opsspec-finding-rule").get_text()
            a = item.select_one("a.opsspec-finding-rule-link")
            assert a is not None and a.select_one("code").get_text() == code, rel
            url = urlsplit(a["href"])
            assert not url.scheme and not url.path.startswith("/"), a["href"]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), url.path))
            assert target == "opsspec/rules", (rel, a["href"])
            assert url.fragment == code.lower()
            heading = soup_of(site, "opsspec/rules/index.html").find(id=url.fragment)
            assert heading.get_text().startswith(code)
            checked += 1
    # the example site's findings: OS109 and three OS203 on the Audit Log Archive's operations
    # spec, OS109 on its technical and security specs
    assert checked == 6


def test_rules_page_is_off_the_automatic_nav(sites: dict[str, Path]) -> None:
    portfolio = soup_of(sites["material"], "opsspec/portfolio/index.html")
    nav = [a.get("href", "") for a in portfolio.select("nav.md-nav--primary a")]
    assert nav and not any("rules" in href for href in nav)
