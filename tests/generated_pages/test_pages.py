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
from mkdocs_opsspec.generated_pages.feature import feature_page
from mkdocs_opsspec.generated_pages.matrix import matrix_page, share
from mkdocs_opsspec.generated_pages.paths import PagePaths, href, relative
from mkdocs_opsspec.generated_pages.portfolio import portfolio_json, portfolio_page
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


def link_targets(page: str, text: str) -> list[str]:
    """Docs paths the links of a generated page point at (anchors dropped)."""
    out = []
    for a in html(text).find_all("a"):
        target = unquote(a["href"].split("#", 1)[0])
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
    rows = {
        tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
        for tr in html(text).find_all("tr")[1:8]
    }
    assert rows["Business"] == "not required"  # class B
    assert rows["Testing"] == "missing"  # class B requires testing
    assert rows["Technical"] == f"technical/ybs-spec_{A}.md"
    assert "**Class**: B" in text
    soup = html(text)
    deps = soup.find("h2", string="Dependencies").find_next("table").get_text()
    assert "Bravo" in deps and "part of a Required cycle" in deps
    assert UNKNOWN in deps and "unknown GUID" in deps
    backlinks = soup.find("h2", string="Depended on by").find_next("table").get_text()
    assert "Bravo" in backlinks and "requires this" in backlinks
    cycle = soup.find("h2", string="Dependency cycles").find_next("li")
    assert cycle.get_text() == "Alpha → Bravo → Alpha"
    assert [a["href"] for a in cycle.find_all("a")] == [f"{A}.md", f"{B}.md", f"{A}.md"]
    assert "**Level**: Gold" in text


def test_feature_without_operations_spec_has_no_readiness() -> None:
    built = build(family())
    text = feature_page(built.catalog.features[B], built.catalog, built.readiness, built.options)
    assert "## Readiness" not in text
    specs = html(text).find("h2", string="Specs").find_next("table")
    row = next(tr for tr in specs.find_all("tr") if tr.td and tr.td.get_text() == "Operations")
    assert str(row.find_all("td")[1]) == "<td><em>missing</em></td>"


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
    assert alpha["Technical"] == "Approved"
    assert alpha["Class"] == "B"
    assert dict(zip(head, body[3], strict=True))["Technical"] == "2 / 3 (66%)"
    assert dict(zip(head, body[3], strict=True))["Operations"] == "2 / 3 (66%)"
    link = soup.find("a", string="Approved")
    assert link["href"] == f"../technical/ybs-spec_{A}.md"


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


def test_portfolio_budget_and_sort_values() -> None:
    built = build(portfolio_site())
    rows = cells(portfolio_page(built.catalog, built.readiness, built.options))
    assert [r["Feature"].get_text() for r in rows] == ["Alpha", "Bravo", "Charlie"]
    alpha, bravo, charlie = rows
    assert alpha["Error budget"].get_text() == "43m 12s"  # 30 d x 0.1% = 2592 s
    assert alpha["Error budget"].span["data-sort"] == "2592"
    assert bravo["Error budget"].get_text() == "21m 36s"  # 30 d x 0.05% = 1296 s
    # a calendar month is 28 to 31 days: 2419.2 s to 2678.4 s
    assert charlie["Error budget"].get_text() == "40m 19s to 44m 38s"
    assert charlie["Error budget"].span["data-sort"] == "2419.2"
    assert alpha["Availability"].get_text() == "99.9% / 30 days"
    assert alpha["Availability"].span["data-sort"] == "99.9"
    assert alpha["Latency"].span["data-sort"] == "0.3"
    assert alpha["RTO"].get_text() == "1 hour" and alpha["RTO"].span["data-sort"] == "3600"
    assert alpha["RPO"].span["data-sort"] == "300"
    assert alpha["Last updated"].span["data-sort"] == "2026-10-01"
    assert "stale" not in alpha["Last updated"].get_text()
    assert "⚠ stale" in bravo["Last updated"].get_text()
    assert alpha["Critical alerts"].get_text() == "1"
    assert alpha["Readiness"].get_text() == "Gold"
    assert alpha["Readiness"].span["data-sort"] == "3"
    assert bravo["Readiness"].get_text() == "Silver"
    assert bravo["Next level needs"].get_text() == "Recently updated"
    assert charlie["Next level needs"].get_text() == "Approved or Implemented, no placeholders"
    assert charlie["Status"].span["data-sort"] == "0"  # Draft: first configured status
    assert [a["href"] for a in alpha["GUID"].find_all("a")] == [f"features/{A}.md"]


def test_portfolio_counts() -> None:
    built = build(portfolio_site())
    text = portfolio_page(built.catalog, built.readiness, built.options)
    assert "**By status**: Draft 1 · Approved 2" in text
    assert "**By readiness**: Gold 1 · Silver 2 · Bronze 0 · None 0" in text
    assert '<div class="opsspec-portfolio-controls" data-opsspec-portfolio></div>' in text


def test_portfolio_json() -> None:
    built = build(portfolio_site())
    data = portfolio_json(built.catalog, built.readiness, built.options)
    assert json.loads(json.dumps(data)) == data
    assert data["summary"] == {
        "operations_specs": 3,
        "by_status": {"Draft": 1, "Approved": 2},
        "by_level": {"gold": 1, "silver": 2, "bronze": 0, "none": 0},
    }
    alpha, bravo, charlie = data["rows"]
    assert alpha["guid"] == A and alpha["name"] == "Alpha"
    assert alpha["error_budget"]["downtime_seconds"] == 2592
    assert alpha["error_budget"]["text"] == "43m 12s"
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
    assert len(pages) == 4 + 8  # portfolio, matrix, BASE, graph, a page per feature
    known = set(docs) | set(others) | set(pages)
    checked = 0
    for page, text in pages.items():
        for target in link_targets(page, text):
            assert target in known, (page, target)
            checked += 1
    assert checked > 100
    rows = cells(pages["opsspec/portfolio.md"])
    assert len(rows) == 8
    order = next(r for r in rows if r["Feature"].get_text() == "Order Intake API")
    assert order["Error budget"].get_text() == "43m 12s"
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
    rows = cells(portfolio_page(built.catalog, built.readiness, built.options))
    assert [r["Feature"].get_text() for r in rows] == ["Alpha", "Bravo", "Charlie", "Delta"]
    delta = rows[3]
    assert delta["GUID"].get_text() == "" and delta["GUID"].find("a") is None
    assert [a["href"] for a in delta["Feature"].find_all("a")] == ["../teams/delta/ops.md"]
    assert delta["Errors"].get_text() == "1"  # OS101: the spec states no GUID
    assert delta["Readiness"].get_text() == "None"  # so its header is not valid

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

    matrix = matrix_page(built.catalog, built.options)
    assert "- [teams/delta/ops\\.md](../teams/delta/ops.md)" in matrix  # the dot escaped
