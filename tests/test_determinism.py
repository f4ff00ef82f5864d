"""Reproducible builds: the same sources and SOURCE_DATE_EPOCH give byte-identical output, in
another site_dir or another process (another PYTHONHASHSEED), and a build never writes into
docs_dir."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.sites import EXAMPLE, build_site

EPOCH = "1795651200"  # 2026-11-26T00:00:00Z
REFERENCE_DATE = "2026-11-26"
REPORT = "opsspec-report.json"


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def spec_pages(report: dict) -> list[str]:
    return [s["path"].removesuffix(".md") + "/index.html" for s in report["specs"]]


def assert_same_site(a: Path, b: Path) -> None:
    fa, fb = files_of(a), files_of(b)
    assert sorted(fa) == sorted(fb)
    different = sorted(rel for rel in fa if fa[rel] != fb[rel])
    assert different == [], f"{len(different)} files differ, first: {different[:5]}"


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return EPOCH


def test_two_builds_are_byte_identical(epoch: str, tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "site", tmp_path / "b" / "elsewhere"
    build_site(EXAMPLE / "mkdocs.yml", a)
    build_site(EXAMPLE / "mkdocs.yml", b)

    report = json.loads((a / REPORT).read_text("utf-8"))
    assert report["reference_date"] == REFERENCE_DATE
    assert (a / REPORT).read_bytes() == (b / REPORT).read_bytes()
    pages = spec_pages(report)
    assert len(pages) >= 21
    for rel in pages:
        assert (a / rel).is_file(), rel
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    assert (a / "search/search_index.json").read_bytes() == (
        b / "search/search_index.json"
    ).read_bytes()
    # sitemap.xml.gz needs no exception: MkDocs sets the gzip header's mtime from the pages'
    # update date, which SOURCE_DATE_EPOCH fixes, and stores the name without the directory
    sitemap = (a / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(sitemap[4:8], "little") == int(epoch)
    assert gzip.decompress(sitemap) == (a / "sitemap.xml").read_bytes()
    assert_same_site(a, b)

    # nothing in the output names the site_dir it was built into
    for rel, data in files_of(a).items():
        assert str(tmp_path).encode() not in data, rel


def test_build_in_another_process_is_byte_identical(epoch: str, tmp_path: Path) -> None:
    """Another interpreter with another PYTHONHASHSEED (set and dict orders of str keys change)
    through the `mkdocs build` command gives the same bytes as an in-process build."""
    here, there = tmp_path / "here", tmp_path / "there"
    build_site(EXAMPLE / "mkdocs.yml", here)
    seed = "0" if os.environ.get("PYTHONHASHSEED") not in (None, "0") else "4242"
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "PYTHONHASHSEED": seed}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(EXAMPLE / "mkdocs.yml")]
    subprocess.run([*cmd, "-d", str(there)], env=env, check=True, timeout=300)
    assert (here / REPORT).read_bytes() == (there / REPORT).read_bytes()
    assert_same_site(here, there)


def snapshot(root: Path) -> dict[str, tuple[str, int, int] | None]:
    """Every file (content hash, size, mtime in ns) and directory under root."""
    out: dict[str, tuple[str, int, int] | None] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_dir():
            out[rel + "/"] = None
        else:
            st = p.stat()
            out[rel] = (hashlib.sha256(p.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns)
    return out


def test_build_never_writes_into_docs_dir(epoch: str, site_factory, tmp_path: Path) -> None:
    site = site_factory(EXAMPLE)
    docs = site / "docs"
    before, project_before = snapshot(docs), snapshot(site)
    assert len(before) > 30
    built = build_site(site / "mkdocs.yml", tmp_path / "out", strict=True)
    assert built.report()["specs"]
    after = snapshot(docs)
    assert sorted(set(after) - set(before)) == [], "new files or folders in docs_dir"
    assert sorted(set(before) - set(after)) == [], "files or folders gone from docs_dir"
    assert {k for k in before if before[k] != after[k]} == set(), "changed files in docs_dir"
    # nor next to mkdocs.yml (caches, baselines, reports belong in site_dir)
    assert snapshot(site) == project_before


def test_rebuilds_in_one_plugin_object_give_a_fresh_builds_site(
    epoch: str, site_factory, tmp_path: Path
) -> None:
    """Under `mkdocs serve` one plugin object makes every rebuild. After edits that reach other
    pages (a status shown in the siblings' header strips, on the feature page and in the
    portfolio; a file added; a feature renamed; an SLO row changed), the rebuilt site is byte
    for byte the site a fresh build of the edited sources makes."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = site_factory(EXAMPLE)
    served = tmp_path / "served"
    cfg = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(served))
    cfg.plugins.on_startup(command="serve", dirty=False)
    try:
        build(cfg)
        build(cfg)  # nothing changed
        docs = site / "docs"
        ops = docs / "operations" / "ybs-spec_3f9a1c7e2b04.md"
        tech = docs / "technical" / "ybs-spec_3f9a1c7e2b04.md"
        _edit(ops, "99.9%", "99.5%")  # an availability target
        build(cfg)
        (docs / "notes.md").write_text("# Notes\n", "utf-8")
        build(cfg)
        # a technical spec's status shows in the header strips of the feature's every spec
        _edit(tech, "**Status**: Implemented", "**Status**: Review")
        build(cfg)
        # a feature's name
        _edit(ops, "Specification: Order Intake API", "Specification: Order Intake")
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    build_site(site / "mkdocs.yml", tmp_path / "fresh")
    assert_same_site(served, tmp_path / "fresh")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")
