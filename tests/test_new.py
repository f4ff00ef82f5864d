"""`mkdocs-opsspec new`: specs started from the packaged templates on fresh sites made only with
`new`, then read by the real `check` and a real build. Expected values are written by hand."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from mkdocs_opsspec.analysis import analyse
from mkdocs_opsspec.catalog import build_catalog
from mkdocs_opsspec.cli import main
from mkdocs_opsspec.new_spec import NewSpec, Refused, Request, fill, plan, template_text, write
from mkdocs_opsspec.parser import parse_file

from helpers.sites import build_site

#: 2026-03-14T12:00:00Z
EPOCH = "1773489600"
DAY = "2026-03-14"
TYPES = ("business", "functional", "technical", "testing", "security", "operations", "architecture")


@pytest.fixture
def yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh site: mkdocs.yml with the plugin, docs/index.md, nothing else."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", "utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: New\nplugins:\n  - opsspec\n", "utf-8")
    return config


def new(capsys: pytest.CaptureFixture[str], yml: Path, *args: str) -> tuple[int, list[str], str]:
    """`mkdocs-opsspec new ARGS -f YML`: (exit status, stdout lines, stderr)."""
    status = main(["new", *args, "-f", str(yml)])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def new_feature(capsys: pytest.CaptureFixture[str], yml: Path, *args: str) -> str:
    """`new` of a first spec: the GUID in the one path it prints."""
    status, out, err = new(capsys, yml, *args)
    assert status == 0, err
    m = re.fullmatch(r"docs/(?:[\w/]+/)?[a-z]+/ybs-spec_([0-9a-f]{12})\.md", out[0])
    assert m, out
    return m.group(1)


def check(capsys: pytest.CaptureFixture[str], yml: Path) -> tuple[int, dict[str, Any]]:
    status = main(["check", "-f", str(yml), "--format", "json"])
    out, _ = capsys.readouterr()
    return status, json.loads(out)


def files(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def header(spec_type: str, name: str, guid: str, day: str = DAY) -> str:
    return (
        f"# {spec_type.capitalize()} Specification: {name}\n\n"
        f"**GUID**: {guid}\n**Version**: 0.1.0\n**Status**: Draft\n**Last Updated**: {day}\n\n"
    )


# --- the "Done when" -------------------------------------------------------------------


def test_a_spec_and_its_sibling_pass_check_and_build_one_feature_with_two_specs(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    guid = new_feature(capsys, yml, "operations", "Payments API")
    assert new(capsys, yml, "technical", "--guid", guid) == (
        0,
        [f"docs/technical/ybs-spec_{guid}.md"],
        "",
    )
    docs = tmp_path / "docs"
    assert sorted(files(docs)) == [
        "index.md",
        f"operations/ybs-spec_{guid}.md",
        f"technical/ybs-spec_{guid}.md",
    ]
    ops = (docs / f"operations/ybs-spec_{guid}.md").read_text("utf-8")
    tech = (docs / f"technical/ybs-spec_{guid}.md").read_text("utf-8")
    assert ops.startswith(header("operations", "Payments API", guid) + "## Overview\n")
    assert tech.startswith(header("technical", "Payments API", guid) + "## Overview\n")

    status, report = check(capsys, yml)
    assert status == 0
    assert report["summary"]["error"] == 0
    # what is left to write are the template's placeholders: Draft warnings, nothing else
    assert {f["rule"] for f in report["findings"]} == {"OS203"}

    built = build_site(yml, tmp_path / "site")
    assert sorted(p.name for p in (tmp_path / "site/opsspec/features").iterdir()) == [guid]
    soup = BeautifulSoup(built.html(f"opsspec/features/{guid}/index.html"), "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Payments API"
    table = soup.find("table", attrs={"aria-label": "Specs"})
    listed = [
        (row.td.get_text(strip=True), row.a.get_text(strip=True), row.a["href"])
        for row in table.tbody.find_all("tr")
        if row.a is not None
    ]
    assert listed == [  # by type and title
        (
            "Technical",
            "Technical Specification: Payments API",
            f"../../../technical/ybs-spec_{guid}/",
        ),
        (
            "Operations",
            "Operations Specification: Payments API",
            f"../../../operations/ybs-spec_{guid}/",
        ),
    ]


def test_a_second_new_spec_gets_another_guid(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = new_feature(capsys, yml, "operations", "Payments API")
    second = new_feature(capsys, yml, "operations", "Payments API")
    assert first != second
    assert sorted(files(tmp_path / "docs")) == [
        "index.md",
        *sorted([f"operations/ybs-spec_{first}.md", f"operations/ybs-spec_{second}.md"]),
    ]
    _, report = check(capsys, yml)
    assert sorted(s["guid"] for s in report["specs"]) == sorted([first, second])


def test_new_over_an_existing_spec_refuses_and_changes_nothing(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    guid = new_feature(capsys, yml, "operations", "Payments API")
    docs = tmp_path / "docs"
    (docs / f"operations/ybs-spec_{guid}.md").write_text("# Operations Specification: Mine\n")
    before = files(docs)
    status, out, err = new(capsys, yml, "operations", "--guid", guid)
    assert (status, out) == (1, [])
    assert (
        f"docs/operations/ybs-spec_{guid}.md: the operations spec of feature {guid} exists" in err
    )
    # with a class too: all or nothing, the business etc. specs are not written either
    status, out, err = new(capsys, yml, "operations", "--guid", guid, "--class", "A")
    assert (status, out) == (1, [])
    assert files(docs) == before


def test_class_a_creates_exactly_the_types_class_a_requires(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = new(capsys, yml, "operations", "Checkout", "--class", "A")
    assert (status, err) == (0, "")
    guid = out[0].split("ybs-spec_")[1][:12]
    types = ["operations", "business", "functional", "technical", "testing"]
    assert out == [f"docs/{t}/ybs-spec_{guid}.md" for t in types]
    docs = tmp_path / "docs"
    assert sorted(files(docs)) == sorted(["index.md", *(f"{t}/ybs-spec_{guid}.md" for t in types)])
    for t in types:
        text = (docs / f"{t}/ybs-spec_{guid}.md").read_text("utf-8")
        assert text.startswith(header(t, "Checkout", guid).rstrip("\n") + "\n**Class**: A\n\n")
    status, report = check(capsys, yml)
    assert status == 0
    assert {f["rule"] for f in report["findings"]} == {"OS203"}  # no OS707: nothing missing


# --- edge cases --------------------------------------------------------------------------------


def test_every_type_from_new_passes_check_with_only_placeholder_warnings(
    yml: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guid = new_feature(capsys, yml, "operations", "Search", "--class", "a")  # case-insensitive
    for spec_type in ("security", "architecture"):
        assert new(capsys, yml, spec_type, "--guid", guid)[0] == 0
    status, report = check(capsys, yml)
    assert status == 0
    assert sorted(s["type"] for s in report["specs"]) == sorted(TYPES)
    assert {f["rule"] for f in report["findings"]} == {"OS203"}


def test_class_on_an_existing_feature_keeps_the_specs_it_has(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    guid = new_feature(capsys, yml, "operations", "Ledger")
    assert new(capsys, yml, "technical", "--guid", guid)[0] == 0
    technical = (tmp_path / "docs" / f"technical/ybs-spec_{guid}.md").read_bytes()
    status, out, err = new(capsys, yml, "testing", "--guid", guid, "--class", "B")
    assert (status, out) == (0, [f"docs/testing/ybs-spec_{guid}.md"])
    assert err == f"mkdocs-opsspec: kept docs/technical/ybs-spec_{guid}.md (exists)\n"
    assert (tmp_path / "docs" / f"technical/ybs-spec_{guid}.md").read_bytes() == technical


@pytest.mark.parametrize(
    ("epoch", "day"),
    [
        ("1767225600", "2026-01-01"),  # 2026-01-01T00:00:00Z
        ("1767311999", "2026-01-01"),  # 2026-01-01T23:59:59Z: the UTC date, not the local one
    ],
)
def test_the_date_is_source_date_epochs(
    yml: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    epoch: str,
    day: str,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    guid = new_feature(capsys, yml, "business", "Payments API")
    text = (tmp_path / "docs" / f"business/ybs-spec_{guid}.md").read_text("utf-8")
    assert text.startswith(header("business", "Payments API", guid, day))


def test_without_source_date_epoch_the_date_is_today(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(dt.timezone.utc).date()
    guid = new_feature(capsys, yml, "operations", "Payments API")
    after = dt.datetime.now(dt.timezone.utc).date()
    text = (tmp_path / "docs" / f"operations/ybs-spec_{guid}.md").read_text("utf-8")
    day = re.search(r"^\*\*Last Updated\*\*: (.*)$", text, re.M)
    assert day is not None
    assert day.group(1) in {before.isoformat(), after.isoformat()}


def test_a_bad_source_date_epoch_is_a_usage_error(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    status, out, err = new(capsys, yml, "operations", "Payments API")
    assert (status, out) == (2, [])
    assert "SOURCE_DATE_EPOCH='yesterday' is not a Unix timestamp" in err
    assert sorted(files(tmp_path / "docs")) == ["index.md"]


def test_dir_puts_the_type_folders_in_a_subfolder_and_siblings_follow_the_feature(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    guid = new_feature(capsys, yml, "operations", "Ledger", "--dir", "teams/ledger")
    assert (tmp_path / "docs" / f"teams/ledger/operations/ybs-spec_{guid}.md").is_file()
    # a sibling goes next to the feature's specs, unless --dir says otherwise
    assert new(capsys, yml, "technical", "--guid", guid)[1] == [
        f"docs/teams/ledger/technical/ybs-spec_{guid}.md"
    ]
    assert new(capsys, yml, "testing", "--guid", guid, "--dir", "qa/")[1] == [
        f"docs/qa/testing/ybs-spec_{guid}.md"
    ]
    before = files(tmp_path / "docs")
    for outside in ("../elsewhere", "/tmp/elsewhere", "teams/../../elsewhere"):
        status, out, err = new(capsys, yml, "operations", "X", "--dir", outside)
        assert (status, out) == (2, []), outside
        assert f"--dir '{outside}' is not a folder inside docs_dir" in err
    assert files(tmp_path / "docs") == before
    status, report = check(capsys, yml)
    assert status == 0
    assert {f["rule"] for f in report["findings"]} == {"OS203"}


#: A name with Markdown in it: an HTML tag, emphasis, a link-like bracket, an attribute list, a
#: character reference and a last "#" (a closing "#" is not heading text).
NAME = "Queue <worker> *fast* [beta] {x} R&amp;D C#"


def test_a_name_markdown_would_change_is_escaped_in_the_title(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    guid = new_feature(capsys, yml, "operations", f"  {NAME} ")
    text = (tmp_path / "docs" / f"operations/ybs-spec_{guid}.md").read_text("utf-8")
    title = (
        "# Operations Specification: "
        "Queue &lt;worker> \\*fast\\* \\[beta\\] \\{x\\} R&amp;amp;D C\\#"
    )
    assert text.splitlines()[0] == title
    # the spec's name is the name given, to the checker, to a sibling and on every page
    assert new(capsys, yml, "technical", "--guid", guid)[0] == 0
    sibling = (tmp_path / "docs" / f"technical/ybs-spec_{guid}.md").read_text("utf-8")
    assert sibling.splitlines()[0] == title.replace("# Operations", "# Technical")
    _, report = check(capsys, yml)
    assert [s["name"] for s in report["specs"]] == [NAME, NAME]
    built = build_site(yml, tmp_path / "site")
    spec_page = BeautifulSoup(built.html(f"operations/ybs-spec_{guid}/index.html"), "html.parser")
    assert spec_page.find("h1").get_text() == f"Operations Specification: {NAME}"
    feature = BeautifulSoup(built.html(f"opsspec/features/{guid}/index.html"), "html.parser")
    assert feature.find("h1").get_text(strip=True) == NAME


def test_a_title_reads_as_the_page_shows_it() -> None:
    """Backslash escapes and character references in a hand-written title are read as the
    rendered page shows them; an escaped last "#" is text, not a closing sequence."""
    text = "# Operations Specification: R\\*D &amp; &lt;ops&gt; C\\# #\n\n**GUID**: 0123456789ab\n"
    spec, _ = parse_file("operations/ybs-spec_0123456789ab.md", text.encode())
    assert spec is not None
    assert spec.name == "R*D & <ops> C#"


@pytest.mark.parametrize("name", ["", "   ", "two\nlines", "tab\there", "bell\x07"])
def test_a_name_that_is_not_one_line_of_text_is_a_usage_error(
    yml: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    status, out, err = new(capsys, yml, "operations", name)
    assert (status, out) == (2, [])
    assert err.startswith("mkdocs-opsspec: error: ")
    assert sorted(files(tmp_path / "docs")) == ["index.md"]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["technical", "--guid", "0123456789ab"], 1, "no spec has GUID 0123456789ab"),
        (["technical", "--guid", "0123456789AB"], 2, "is not a 12-digit lowercase hex GUID"),
        (["technical", "--guid", "ybs-spec_0123"], 2, "is not a 12-digit lowercase hex GUID"),
        (["operations"], 2, "give the feature's NAME"),
        (["runbook", "X"], 2, "invalid choice: 'runbook'"),
        (["operations", "X", "--class", "E"], 2, "invalid choice: 'E'"),
    ],
)
def test_refusals_and_usage_errors_write_nothing(
    yml: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: list[str],
    status: int,
    message: str,
) -> None:
    got, out, err = new(capsys, yml, *args)
    assert (got, out) == (status, [])
    assert message in err
    assert sorted(files(tmp_path / "docs")) == ["index.md"]


def test_without_a_config_file_new_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "operations", "X"]) == 2
    assert "no mkdocs.yml here" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_fresh_guid_is_none_the_site_uses() -> None:
    """GUIDs in use: a spec's, one named as a dependency only, one in a file name only."""
    sources = [
        ("operations/ybs-spec_0123456789ab.md", b"# Operations Specification: A\n"),
        (
            "technical/ybs-spec_aaaaaaaaaaab.md",
            b"# Technical Specification: B\n\n**GUID**: aaaaaaaaaaab\n\n## Dependencies\n\n"
            b"### Required\n- `ybs-spec_bbbbbbbbbbbb`  # C\n",
        ),
    ]
    analysis = analyse(sources)
    doc_paths = [path for path, _ in sources] + ["notes/ybs-spec_cccccccccccc.md"]
    catalog = build_catalog(analysis.specs, doc_paths=doc_paths)
    draws = iter(["0123456789ab", "aaaaaaaaaaab", "bbbbbbbbbbbb", "cccccccccccc", "dddddddddddd"])
    got = plan(Request("operations", "D"), catalog, dt.date(2026, 3, 14), draw=lambda: next(draws))
    assert got.guid == "dddddddddddd"
    assert [s.path for s in got.specs] == ["operations/ybs-spec_dddddddddddd.md"]


def test_write_refuses_a_file_the_site_does_not_list(tmp_path: Path) -> None:
    (tmp_path / "operations").mkdir()
    existing = tmp_path / "operations" / "ybs-spec_0123456789ab.md"
    existing.write_text("kept", "utf-8")
    specs = [
        NewSpec("business", "business/ybs-spec_0123456789ab.md", "new"),
        NewSpec("operations", "operations/ybs-spec_0123456789ab.md", "new"),
    ]
    with pytest.raises(Refused) as refused:
        write(tmp_path, specs)
    assert refused.value.path == "operations/ybs-spec_0123456789ab.md"
    assert existing.read_text("utf-8") == "kept"
    assert not (tmp_path / "business").exists()  # checked before anything is written


@pytest.mark.parametrize("spec_type", TYPES)
def test_every_packaged_template_fills_in(spec_type: str) -> None:
    text = fill(template_text(spec_type), "Payments API", "0123456789ab", dt.date(2026, 5, 4))
    spec, _ = parse_file(f"{spec_type}/ybs-spec_0123456789ab.md", text.encode())
    assert spec is not None
    got = (spec.type, spec.name, spec.guid)
    assert got == (spec_type, "Payments API", "0123456789ab")
    fields = {k: spec.field_value(k) for k in ("version", "status", "last_updated", "class")}
    assert fields == {
        "version": "0.1.0",
        "status": "Draft",
        "last_updated": "2026-05-04",
        "class": None,
    }
    # the templates' example dependencies are placeholders, not GUIDs of features
    assert [d.guid for d in spec.dependencies if d.guid is not None] == []


def test_the_seven_templates_ship_with_their_licence() -> None:
    folder = Path(__file__).resolve().parents[1] / "mkdocs_opsspec" / "spec_templates"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["NOTICE", *(f"TEMPLATE-{t}.md" for t in TYPES)]
    )
    notice = (folder / "NOTICE").read_text("utf-8")
    assert "MIT License, Copyright (c) 2026 Scott D. Yelich." in notice
    assert "Permission is hereby granted, free of charge" in notice
