"""The generated pages: content, numbers, relative links, templates, determinism, and the
example site."""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data

from mkdocs_opsspec.generated_pages import generate_pages
from mkdocs_opsspec.generated_pages.common import PageOptions
from mkdocs_opsspec.generated_pages.feature import feature_page, state_mark
from mkdocs_opsspec.generated_pages.matrix import matrix_page, share
from mkdocs_opsspec.generated_pages.paths import PagePaths, href, relative
from mkdocs_opsspec.generated_pages.portfolio import portfolio_json
from mkdocs_opsspec.generated_pages.portfolio_page import portfolio_page
from mkdocs_opsspec.generated_pages.templates import environment, render

from helpers.pages import (
    REFERENCE,
    SLOS,
    build,
    example,
    operations_spec,
    page_html,
    simple_spec,
    technical_spec,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DOCS = ROOT / "example-site" / "docs"
A, B, C = "aaaaaaaaaaa1", "bbbbbbbbbbb2", "ccccccccccc3"
UNKNOWN = "eeeeeeeeeee5"


def page_body(text: str) -> str:
    """A generated page's Markdown without its front matter."""
    return get_data(text)[0]


def html(text: str) -> BeautifulSoup:
    return page_html(text)


def words(soup: BeautifulSoup) -> str:
    """The text, its strings joined by one space, whitespace runs made one space."""
    return " ".join(soup.get_text(" ").split())


def link_targets(page: str, text: str) -> list[str]:
    """Docs paths the links of a generated page point at (anchors dropped; a link to an anchor
    of the page itself points at the page)."""
    out = []
    for a in html(text).find_all("a"):
        target = unquote(a["href"].split("#", 1)[0])
        if not target:
            out.append(page)
            continue
        out.append(posixpath.normpath(posixpath.join(posixpath.dirname(page), target)))
    return out


def family() -> dict[str, str]:
    """Three features: A (class B, no business spec) requires B, B requires A (a cycle),
    A names an unknown GUID; C is a plain operations spec."""
    return {
        f"technical/ybs-spec_{A}.md": technical_spec(
            A, "Alpha", required=(B, UNKNOWN), feature_class="B"
        ),
        f"operations/ybs-spec_{A}.md": operations_spec(A, "Alpha"),
        f"technical/ybs-spec_{B}.md": technical_spec(B, "Bravo", required=(A,)),
        f"testing/ybs-spec_{B}.md": simple_spec("testing", B, "Bravo"),
        f"operations/ybs-spec_{C}.md": operations_spec(C, "Charlie", status="Draft"),
        "operations/_BASE.md": (
            "# Operations BASE Specification\n\n**Version**: 1.0.0\n\n## Disaster Recovery\n\n"
            "**RTO**: 4 hours\n**RPO**: 1 hour\n"
        ),
    }


# --- paths and links ------------------------------------------------------------------------


def test_relative_links_from_nested_pages() -> None:
    page = "opsspec/features/3f9a1c7e2b04.md"
    assert href(page, "operations/ybs-spec_3f9a1c7e2b04.md") == (
        "../../operations/ybs-spec_3f9a1c7e2b04.md"
    )
    assert href(page, "opsspec/portfolio.md") == "../portfolio.md"
    assert href(page, "opsspec/features/a.md") == "a.md"
    assert href("index.md", "opsspec/matrix.md") == "opsspec/matrix.md"
    assert href("a/b/c/d.md", "x/y.md", "top") == "../../../x/y.md#top"
    assert href("p.md", "odd (1) [x].md") == "odd%20%281%29%20%5Bx%5D.md"
    assert relative("a/b.md", "a/c.md") == "c.md"


def test_feature_page_links_resolve_from_custom_paths() -> None:
    paths = PagePaths(
        portfolio="reports/ops/portfolio.md",
        matrix="matrix.md",
        base="reports/base.md",
        features_dir="reports/ops/features/deep",
    )
    built = build(family(), page_options=PageOptions(paths=paths, reference_date=REFERENCE))
    pages = generate_pages(built.catalog, built.readiness, built.options)
    assert set(pages) == set(built.options.paths.every(built.catalog.features))
    known = set(family()) | set(pages)
    for page, text in pages.items():
        for target in link_targets(page, text):
            assert target in known, (page, target)
    text = pages[f"reports/ops/features/deep/{A}.md"]
    assert f'href="../../../../technical/ybs-spec_{A}.md"' in text  # a table's HTML link
    assert "(../../portfolio.md)" in text  # Markdown links of the prose
    assert "(../../../../matrix.md)" in text


# --- feature page -------------------------------------------------------------------------


def test_feature_page_types_dependencies_cycles() -> None:
    built = build(family())
    cat = built.catalog
    text = feature_page(cat.features[A], cat, built.readiness, built.options)
    specs = html(text).find("h2", string="Specs").find_next("table")
    rows = {
        tr.find_all("td")[0].get_text(): [td.get_text() for td in tr.find_all("td")[1:]]
        for tr in specs.find_all("tr")[1:]
    }
    assert rows["Business"][0] == "not required"  # class B
    assert rows["Testing"][0] == "missing"  # class B requires testing
    # by title, with the status badge and the findings in words
    # its one warning: it names a GUID no spec has
    assert rows["Technical"] == [
        "Technical Specification: Alpha",
        "Approved",
        "1.0.0",
        "2026-10-01",
        "1 warning",
    ]
    assert specs.find("a", string="Technical Specification: Alpha")["href"] == (
        f"../../technical/ybs-spec_{A}.md"
    )
    assert "**Class**: B" in text
    soup = html(text)
    deps = soup.find("h2", string="Dependencies").find_next("table")
    head = [th.get_text() for th in deps.find_all("th")]
    assert head == ["Feature", "Kind", "Declared in", "Note"]
    by_guid = {
        tr.td.find(class_="opsspec-cell-sub").get_text(): [
            " ".join(td.get_text(" ").split()) for td in tr.find_all("td")[1:]
        ]
        for tr in deps.find_all("tr")[1:]
    }
    # declared in the technical spec's Required list: its title, then the section, linked
    section = "section Required (Must implement first)"
    assert by_guid[B] == [
        "Required",
        f"Technical Specification: Alpha {section}",
        "part of a Required cycle",
    ]
    assert by_guid[UNKNOWN] == [
        "Required",
        f"Technical Specification: Alpha {section}",
        "unknown GUID: no spec has it",
    ]
    declared = deps.find_all("tr")[1].find_all("td")[2].find_all("a")
    assert [a["href"] for a in declared] == [
        f"../../technical/ybs-spec_{A}.md",
        f"../../technical/ybs-spec_{A}.md#required-must-implement-first",
    ]
    notes = deps.find_all(class_="opsspec-note")
    assert {tuple(n["class"]) for n in notes} == {
        ("opsspec-note", "opsspec-note-cycle"),
        ("opsspec-note", "opsspec-note-unknown"),
    }
    backlinks = soup.find("h2", string="Depended on by").find_next("table")
    row = [" ".join(td.get_text(" ").split()) for td in backlinks.find_all("tr")[1].find_all("td")]
    assert row == [f"Bravo {B}", "requires this", f"Technical Specification: Bravo {section}"]
    cycle = soup.find("h2", string="Dependency cycles").find_next("li")
    assert cycle.get_text() == "Alpha → Bravo → Alpha"
    assert [a["href"] for a in cycle.find_all("a")] == [f"{A}.md", f"{B}.md", f"{A}.md"]
    level = soup.find("h2", string="Readiness").find_next("p")
    assert level.get_text() == "Level: Gold"
    assert "opsspec-level-gold" in level.find(class_="opsspec-badge")["class"]
    states = soup.find("table", attrs={"aria-label": "Readiness checks"}).find_all(
        class_="opsspec-state"
    )
    assert len(states) == 17 and {s.get_text() for s in states} == {"pass"}  # a word
    assert {s["class"][1] for s in states} == {"opsspec-state-pass"}


def test_check_states_are_words_with_a_css_mark() -> None:
    """No emoji (an empty box without a colour-emoji font): the word, and a class CSS draws a
    mark for."""
    assert [str(state_mark(s)) for s in ("pass", "fail", "na", "not_checked")] == [
        '<span class="opsspec-state opsspec-state-pass">pass</span>',
        '<span class="opsspec-state opsspec-state-fail">fail</span>',
        '<span class="opsspec-state opsspec-state-na">n/a</span>',
        '<span class="opsspec-state opsspec-state-not_checked">not checked</span>',
    ]


def test_feature_without_operations_spec_has_no_readiness() -> None:
    built = build(family())
    text = feature_page(built.catalog.features[B], built.catalog, built.readiness, built.options)
    assert "## Readiness" not in text
    specs = html(text).find("h2", string="Specs").find_next("table")
    row = next(tr for tr in specs.find_all("tr") if tr.td and tr.td.get_text() == "Operations")
    assert (
        str(row.find_all("td")[1])
        == '<td class="opsspec-wide"><em class="opsspec-type-missing">missing</em></td>'
    )


# --- matrix -------------------------------------------------------------------------------


def test_share_rounds_down() -> None:
    assert share(5, 8) == "5 / 8 (62%)"
    assert share(8, 8) == "8 / 8 (100%)"
    assert share(0, 0) == "0 / 0 (0%)"
    assert share(2, 3) == "2 / 3 (66%)"


def test_matrix_cells_and_totals() -> None:
    built = build(family())
    soup = html(matrix_page(built.catalog, built.options))
    head = [th.get_text() for th in soup.find_all("th")]
    assert head[:3] == ["Feature", "Class", "Business"]
    body = [[td.get_text() for td in tr.find_all("td")] for tr in soup.find_all("tr")[1:]]
    assert [r[0] for r in body] == ["Alpha", "Bravo", "Charlie", "Total"]
    alpha = dict(zip(head, body[0], strict=True))
    assert alpha["Business"] == "not required"
    assert alpha["Technical"] == "Technical Specification: Alpha: Approved"  # a screen reader's
    assert alpha["Class"] == "B"
    assert dict(zip(head, body[3], strict=True))["Technical"] == "2 / 3 (66%)"
    assert dict(zip(head, body[3], strict=True))["Operations"] == "2 / 3 (66%)"
    # the status badge links the spec; screen readers hear the spec's title first
    link = soup.find("a", href=f"../technical/ybs-spec_{A}.md")
    assert link.find(class_="opsspec-sr").get_text() == "Technical Specification: Alpha: "
    assert link.find(class_="opsspec-badge").get_text() == "Approved"


# --- portfolio ------------------------------------------------------------------------------


def portfolio_site() -> dict[str, str]:
    month = SLOS.replace("| 99.9% | 30 days |", "| 99.9% | calendar month |")
    return {
        f"operations/ybs-spec_{A}.md": operations_spec(A, "Alpha"),
        f"operations/ybs-spec_{B}.md": operations_spec(
            B, "Bravo", slos=SLOS.replace("99.9%", "99.95%"), updated="2025-01-01"
        ),
        f"operations/ybs-spec_{C}.md": operations_spec(C, "Charlie", slos=month, status="Draft"),
    }


def cells(text: str) -> list[dict[str, BeautifulSoup]]:
    soup = html(text)
    table = soup.find("table")
    head = [th.get_text() for th in table.find_all("th")]
    return [dict(zip(head, tr.find_all("td"), strict=True)) for tr in table.find_all("tr")[1:]]


def sub_line(cell: BeautifulSoup) -> str:
    """A cell's second line (`opsspec-cell-sub`), as text."""
    return cell.find(class_="opsspec-cell-sub").get_text()


def test_portfolio_cells_and_sort_values() -> None:
    built = build(portfolio_site())
    page = portfolio_page(built.catalog, built.readiness, built.options)
    head = [th.get_text() for th in html(page).find("table").find_all("th")]
    assert head == [
        "Feature",
        "Status",
        "Readiness",
        "Last updated",
        "Availability",
        "Latency",
        "RTO / RPO",
        "Critical alerts",
        "Findings",
    ]
    rows = cells(page)
    assert [r["Feature"].a.get_text() for r in rows] == ["Alpha", "Bravo", "Charlie"]
    alpha, bravo, charlie = rows
    # the name links the spec, the GUID below it the feature page
    assert [a["href"] for a in alpha["Feature"].find_all("a")] == [
        f"../operations/ybs-spec_{A}.md",
        f"features/{A}.md",
    ]
    assert sub_line(alpha["Feature"]) == A
    # the objective with its budget and page burn rate in one cell, sorted by the objective
    assert alpha["Availability"].get_text(" ") == (
        "99.9% / 30 days budget 43m 12s · page burn rate 14.4"  # 30 d x 0.1% = 2592 s
    )
    assert alpha["Availability"].span["data-sort"] == "99.9"
    assert sub_line(bravo["Availability"]) == "budget 21m 36s · page burn rate 14.4"  # 1296 s
    # a calendar month is 28 to 31 days: 2419.2 s to 2678.4 s; its nominal 30 days burn 14.4
    assert sub_line(charlie["Availability"]) == "budget 40m 19s to 44m 38s · page burn rate 14.4"
    assert alpha["Latency"].get_text() == "< 300ms / 30 days"
    assert alpha["Latency"].span["data-sort"] == "0.3"
    # RTO with RPO, sorted by the RTO
    assert words(alpha["RTO / RPO"]) == "RTO 1 hour RPO 5 minutes"
    assert alpha["RTO / RPO"].span["data-sort"] == "3600"
    # the date, marked stale, with the version below
    assert alpha["Last updated"].get_text(" ") == "2026-10-01 version 1.0.0"
    assert alpha["Last updated"].span["data-sort"] == "2026-10-01"
    assert bravo["Last updated"].find(class_="opsspec-stale-note").get_text() == "stale"
    assert alpha["Last updated"].find(class_="opsspec-stale-note") is None
    assert alpha["Critical alerts"].get_text() == "1"
    assert alpha["Findings"].get_text() == "none"
    assert bravo["Findings"].get_text() == "1 warning"  # OS109: stale
    # status and readiness as the spec pages' badges
    for row, status, rank in ((alpha, "Approved", "2"), (charlie, "Draft", "0")):
        badge = row["Status"].find(class_="opsspec-badge")
        assert badge.get_text() == status and row["Status"].span["data-sort"] == rank
    level = alpha["Readiness"].find(class_="opsspec-badge")
    assert level.get_text() == "Gold" and "opsspec-level-gold" in level["class"]
    assert alpha["Readiness"].span["data-sort"] == "3"
    assert bravo["Readiness"].get_text() == "Silver"
    assert bravo["Readiness"].span["data-sort"] == "2"


def attention_items(page: str) -> list[dict[str, str]]:
    """The needs-attention list: each spec's name, badges, reasons and step, as text."""
    items = html(page).find("ol", class_="opsspec-attention")
    if items is None:
        return []
    return [
        {
            "name": li.find(class_="opsspec-name").get_text(),
            "badges": " ".join(b.get_text() for b in li.find_all(class_="opsspec-badge")),
            "why": " ".join(w.get_text() for w in li.find_all(class_="opsspec-why")),
            "step": li.find(class_="opsspec-attention-step").get_text(),
        }
        for li in items.find_all("li", recursive=False)
    ]


def test_needs_attention_lists_each_spec_with_its_next_step() -> None:
    built = build(portfolio_site())
    page = portfolio_page(built.catalog, built.readiness, built.options)
    # Alpha is Gold, fresh and has no error: not listed. Bravo is stale (so Silver), Charlie a
    # Draft (so Silver): each with the first Gold check it fails, as an instruction
    assert attention_items(page) == [
        {
            "name": "Bravo",
            "badges": "Approved Silver",
            "why": "stale: 2025-01-01",
            "step": "To reach Gold: Review the spec and update its Last Updated date "
            "(last updated 694 days ago (more than 180))",
        },
        {
            "name": "Charlie",
            "badges": "Draft Silver",
            "why": "not Gold yet",
            "step": "To reach Gold: Approve the spec (status Approved or Implemented) with no "
            "placeholder left (status is Draft, not Approved or Implemented)",
        },
    ]
    body = page_body(page)
    assert body.index("## Needs attention") < body.index("## All operations specs")
    assert "3 operations specs as of 2026\\-11\\-26: 2 specs need attention." in body


def test_portfolio_counts_as_bars() -> None:
    built = build(portfolio_site())
    soup = html(portfolio_page(built.catalog, built.readiness, built.options))
    groups = soup.find("div", class_="opsspec-counts").find_all("figure")
    shown = {
        g.figcaption.get_text(): [
            (
                li.find(class_="opsspec-bar-name").get_text(),
                li.find(class_="opsspec-bar-count").get_text(),
                li.find(class_="opsspec-bar")["style"],
            )
            for li in g.find_all("li")
        ]
        for g in groups
    }
    assert shown == {
        "By status": [("Draft", "1", "width: 33.33%"), ("Approved", "2", "width: 66.67%")],
        "By readiness": [
            ("Gold", "1", "width: 33.33%"),
            ("Silver", "2", "width: 66.67%"),
            ("Bronze", "0", "width: 0%"),
            ("Below Bronze", "0", "width: 0%"),
        ],
    }
    # the bars take the badges' colours
    draft = groups[0].find("li").find(class_="opsspec-bar")
    assert "opsspec-status-0" in draft["class"]
    assert soup.find("div", class_="opsspec-portfolio-controls").has_attr("data-opsspec-portfolio")


def test_portfolio_legend_and_the_stale_note_only_when_something_is_stale() -> None:
    built = build(portfolio_site())
    text = words(html(portfolio_page(built.catalog, built.readiness, built.options)))
    assert "Error budget : the downtime the availability objective allows" in text
    assert "Page burn rate : how many times faster than its even pace" in text
    assert "Gold adds: Alerts consistent with SLOs; Backup interval within RPO;" in text
    assert "Stale : last updated more than 180 days before 2026-11-26." in text
    fresh = {k: v for k, v in portfolio_site().items() if "bbbbbbbbbbb2" not in k}
    built = build(fresh)
    text = words(html(portfolio_page(built.catalog, built.readiness, built.options)))
    assert "Error budget :" in text and "Stale" not in text


def test_portfolio_json() -> None:
    built = build(portfolio_site())
    data = portfolio_json(built.catalog, built.readiness, built.options)
    assert json.loads(json.dumps(data)) == data
    assert data["schema"] == 1
    assert data["summary"] == {
        "operations_specs": 3,
        "by_status": {"Draft": 1, "Approved": 2},
        "by_level": {"gold": 1, "silver": 2, "bronze": 0, "none": 0},
    }
    alpha, bravo, charlie = data["rows"]
    assert alpha["guid"] == A and alpha["name"] == "Alpha"
    assert alpha["error_budget"]["downtime_seconds"] == 2592
    assert alpha["error_budget"]["text"] == "43m 12s"
    assert alpha["error_budget"]["page_burn_rate"] == 14.4
    assert charlie["error_budget"]["downtime_range"] == [2419.2, 2678.4]
    assert alpha["availability"] == {
        "raw": "99.9%",
        "percent": 99.9,
        "not_applicable": False,
        "window": "30 days",
    }
    assert alpha["rto"]["seconds"] == 3600
    assert bravo["stale"] is True and alpha["stale"] is False
    assert bravo["readiness"]["level"] == "silver"
    assert bravo["readiness"]["blocking"] == ["fresh"]
    assert [c["key"] for c in alpha["readiness"]["checks"]][:3] == [
        "header",
        "sections",
        "health_check",
    ]
    header = alpha["readiness"]["checks"][0]
    assert header["action"] == "Fill in the header: GUID, Version, Status and Last Updated"
    assert data["needs_attention"] == [
        {
            "path": f"operations/ybs-spec_{B}.md",
            "guid": B,
            "name": "Bravo",
            "reasons": ["below_gold", "stale"],
            "level": "silver",
            "next_level": "gold",
            "step": {
                "level": "gold",
                "key": "fresh",
                "title": "Recently updated",
                "state": "fail",
                "detail": "last updated 694 days ago (more than 180)",
                "action": "Review the spec and update its Last Updated date",
            },
        },
        {
            "path": f"operations/ybs-spec_{C}.md",
            "guid": C,
            "name": "Charlie",
            "reasons": ["below_gold"],
            "level": "silver",
            "next_level": "gold",
            "step": {
                "level": "gold",
                "key": "final_status",
                "title": "Approved or Implemented, no placeholders",
                "state": "fail",
                "detail": "status is Draft, not Approved or Implemented",
                "action": "Approve the spec (status Approved or Implemented) with no "
                "placeholder left",
            },
        },
    ]


def test_output_is_deterministic() -> None:
    files = family()
    first = build(files)
    second = build(dict(reversed(list(files.items()))))
    assert generate_pages(first.catalog, first.readiness, first.options) == generate_pages(
        second.catalog, second.readiness, second.options
    )
    assert json.dumps(portfolio_json(first.catalog, first.readiness, first.options)) == json.dumps(
        portfolio_json(second.catalog, second.readiness, second.options)
    )


# --- BASE page ------------------------------------------------------------------------------


def test_base_page_shows_defaults_and_differences() -> None:
    built = build(family())
    pages = generate_pages(built.catalog, built.readiness, built.options)
    soup = html(pages["opsspec/base.md"])
    defaults = soup.find("table")
    assert "DR RTO4 hours" in defaults.get_text().replace("\n", "")
    diff = soup.find("h2", string="Where features differ from the BASE").find_next("table")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in diff.find_all("tr")[1:]]
    assert ["Alpha", "DR RTO", "1 hour", "4 hours"] in rows
    assert ["Alpha", "DR RPO", "5 minutes", "1 hour"] in rows
    assert ["Charlie", "DR RTO", "1 hour", "4 hours"] in rows


# --- templates ------------------------------------------------------------------------------


def test_template_override(tmp_path: Path) -> None:
    custom = tmp_path / "overrides"
    (custom / "opsspec").mkdir(parents=True)
    (custom / "opsspec" / "matrix.md.j2").write_text(
        "# Custom matrix\n\n{% for f in features %}- {{ f.name }} ({{ f.href }})\n{% endfor %}"
    )
    files = family()
    files[f"operations/ybs-spec_{A}.md"] = operations_spec(A, "<b>Alpha</b>")
    options = PageOptions(reference_date=REFERENCE, override_dirs=(str(custom),))
    built = build(files, page_options=options)
    text = page_body(matrix_page(built.catalog, built.options))
    # the override is used; a value without |md is escaped all the same (finalize)
    assert text.startswith("# Custom matrix\n\n- &lt;b&gt;Alpha&lt;/b&gt; (features/")
    # templates the folder does not override come from the package
    assert page_body(portfolio_page(built.catalog, built.readiness, built.options)).startswith(
        "# Operations portfolio"
    )


def test_template_override_added_edited_removed_between_builds(tmp_path: Path) -> None:
    """Compiled templates are kept across builds (`mkdocs serve`), yet an override that appears,
    changes or goes away is seen by the next page made."""
    custom = tmp_path / "overrides"
    built = build(family(), page_options=PageOptions(override_dirs=(str(custom),)))
    assert page_body(matrix_page(built.catalog, built.options)).startswith("# Spec matrix")
    override = custom / "opsspec" / "matrix.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text("# First override\n")
    assert page_body(matrix_page(built.catalog, built.options)) == "# First override\n"
    override.write_text("# Second override, longer\n")
    os.utime(override, ns=(1, 1))  # a different mtime, however coarse the file system's clock
    assert page_body(matrix_page(built.catalog, built.options)) == "# Second override, longer\n"
    override.unlink()
    assert page_body(matrix_page(built.catalog, built.options)).startswith("# Spec matrix")


def test_an_edited_included_template_is_seen_by_the_next_render(tmp_path: Path) -> None:
    """Compiled templates are kept across builds; an override that changes, also one that a
    template only includes, is seen by the next page made."""
    folder = tmp_path / "overrides" / "opsspec"
    folder.mkdir(parents=True)
    (folder / "feature.md.j2").write_text('# {{ name }}\n{% include "part.md.j2" %}')
    part = folder / "part.md.j2"
    part.write_text("PART ONE\n")
    dirs = (str(tmp_path / "overrides"),)
    assert render(environment(dirs), "feature.md.j2", {"name": "Alpha"}) == "# Alpha\nPART ONE\n"
    part.write_text("PART TWO\n")  # same size; a later mtime however coarse the clock
    os.utime(part, ns=(part.stat().st_mtime_ns + 10**9,) * 2)
    assert render(environment(dirs), "feature.md.j2", {"name": "Alpha"}) == "# Alpha\nPART TWO\n"


# --- the example site ------------------------------------------------------------------------


def test_example_site_pages_link_only_to_existing_pages() -> None:
    docs, others = example()
    built = build(docs, other_paths=tuple(others))
    pages = generate_pages(built.catalog, built.readiness, built.options)
    assert len(built.catalog.features) == 8
    assert len(pages) == 5 + 8  # portfolio, matrix, BASE, graph, rules, a page per feature
    known = set(docs) | set(others) | set(pages)
    checked = 0
    for page, text in pages.items():
        for target in link_targets(page, text):
            assert target in known, (page, target)
            checked += 1
    assert checked > 100
    rows = cells(pages["opsspec/portfolio.md"])
    assert len(rows) == 8
    order = next(r for r in rows if r["Feature"].a.get_text() == "Order Intake API")
    assert sub_line(order["Availability"]) == "budget 43m 12s · page burn rate 14.4"
    assert order["Readiness"].get_text() == "Gold"


# --- the script -----------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_portfolio_script_parses() -> None:
    script = ROOT / "mkdocs_opsspec" / "assets" / "portfolio.js"
    subprocess.run(["node", "--check", str(script)], check=True)
    text = script.read_text("utf-8")
    assert "document$" in text and "DOMContentLoaded" in text
    for outside in ("fetch(", "XMLHttpRequest", "import ", "<script", "src="):
        assert outside not in text  # no CDN, no network, no dependencies


def test_a_spec_without_a_guid_is_a_portfolio_row_of_its_own() -> None:
    """Issue 16: an operations spec detected by its title, without a GUID, is a row keyed by
    its path, with its findings; the matrix lists it."""
    files = portfolio_site()
    nameless = operations_spec(A, "Delta").replace(f"**GUID**: {A}\n", "")
    files["teams/delta/ops.md"] = nameless
    built = build(files)
    page = portfolio_page(built.catalog, built.readiness, built.options)
    rows = cells(page)
    assert [r["Feature"].a.get_text() for r in rows] == ["Alpha", "Bravo", "Charlie", "Delta"]
    delta = rows[3]
    assert delta["Feature"].find(class_="opsspec-cell-sub") is None  # no GUID line
    assert [a["href"] for a in delta["Feature"].find_all("a")] == ["../teams/delta/ops.md"]
    assert delta["Findings"].get_text() == "1 error"  # OS101: the spec states no GUID
    assert delta["Readiness"].get_text() == "Below Bronze"  # so its header is not valid
    # with an error and below Bronze: listed first, with the first Bronze check it fails
    assert attention_items(page)[0] == {
        "name": "Delta",
        "badges": "Approved Below Bronze",
        "why": "1 error",
        "step": "To reach Bronze: Fill in the header: GUID, Version, Status and Last Updated "
        "(header lacks GUID)",
    }

    data = portfolio_json(built.catalog, built.readiness, built.options)
    assert data["summary"]["operations_specs"] == 4
    row = data["rows"][3]
    assert (row["path"], row["guid"], row["feature_page"], row["name"]) == (
        "teams/delta/ops.md",
        None,
        None,
        "Delta",
    )
    assert (row["errors"], row["readiness"]["level"]) == (1, "none")

    listed = html(matrix_page(built.catalog, built.options)).find_all("li")
    # by type and title, with its status badge
    assert [" ".join(li.get_text(" ").split()) for li in listed] == [
        "Operations: Operations Specification: Delta Approved"
    ]
    assert listed[0].a["href"] == "../teams/delta/ops.md"


def test_services_without_a_spec_are_listed_with_where_they_are_declared() -> None:
    built = build({f"operations/ybs-spec_{A}.md": operations_spec(A, "Alpha")})
    text = feature_page(built.catalog.features[A], built.catalog, built.readiness, built.options)
    items = html(text).select("ul.opsspec-external > li")
    assert [" ".join(li.get_text(" ").split()) for li in items] == [
        "Upstream: Database (declared in Operations Specification: Alpha , section Upstream "
        "Dependencies )",
        "Downstream: Reporting (declared in Operations Specification: Alpha , section "
        "Downstream Dependencies )",
    ]
    assert [a["href"] for a in items[0].find_all("a")] == [
        f"../../operations/ybs-spec_{A}.md",
        f"../../operations/ybs-spec_{A}.md#upstream-dependencies",
    ]


def test_every_page_hides_the_sidebars_unless_told_not_to() -> None:
    built = build(family())
    pages = generate_pages(built.catalog, built.readiness, built.options)
    hidden = {path: get_data(text)[1].get("hide") for path, text in pages.items()}
    # the rules page keeps its table of contents: it is the way through the rules
    assert hidden.pop("opsspec/rules.md") is None
    assert len(hidden) == 4 + 3 and set(map(tuple, hidden.values())) == {("navigation", "toc")}
    kept = PageOptions(reference_date=REFERENCE, hide_sidebars=False)
    pages = generate_pages(built.catalog, built.readiness, kept)
    assert not [path for path, text in pages.items() if "hide" in get_data(text)[1]]
