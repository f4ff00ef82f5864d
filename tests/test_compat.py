"""Compatibility builds of the example site: ProperDocs in place of MkDocs, the readthedocs theme,
mkdocs-static-i18n, Backstage's techdocs-core, Material's offline plugin and mike.

ProperDocs, mkdocs-static-i18n and mike are in the `test` extra; techdocs-core pins its own
Material, pymdown-extensions and Markdown, so its test installs it into a throwaway venv."""

from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers.sites import EXAMPLE, ROOT, build_site, spec_files, validate_report

EPOCH = "1795651200"  # 2026-11-26: the same findings on any day
ORDER_INTAKE = "operations/ybs-spec_3f9a1c7e2b04"
BIN = Path(sys.executable).parent  # the venv's scripts: properdocs, mkdocs, mike
EXPECTED = spec_files(EXAMPLE / "docs")


@pytest.fixture
def epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def sub_env() -> dict[str, str]:
    """Environment of a subprocess build: fixed date, no banners, our venv first on PATH, and a
    git that ignores the user's configuration."""
    env = dict(os.environ)
    env.update(
        SOURCE_DATE_EPOCH=EPOCH,
        NO_MKDOCS_2_WARNING="1",
        DISABLE_MKDOCS_2_WARNING="true",
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="compat",
        GIT_AUTHOR_EMAIL="compat@example.invalid",
        GIT_COMMITTER_NAME="compat",
        GIT_COMMITTER_EMAIL="compat@example.invalid",
    )
    return env


def run(cmd: list[str | Path], cwd: Path | None = None, timeout: int = 120) -> str:
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=sub_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def assert_spec_page(html: str) -> None:
    """The strip right under the H1, and the SLO table with its budget columns."""
    page = soup(html)
    strip = page.find(class_="opsspec-strip")
    assert strip is not None, "no header strip"
    assert page.find("h1").find_next(True, class_="opsspec-strip") is strip
    assert strip.find(class_="opsspec-guid-value").get_text() == "3f9a1c7e2b04"
    heads = [th.get_text(" ", strip=True) for th in page.find_all("th")]
    assert "Error budget" in heads


def assert_report(data: dict[str, Any], expected: set[str] = EXPECTED) -> None:
    validate_report(data)
    assert {s["path"] for s in data["specs"]} == expected
    assert data["summary"]["error"] == 0
    assert not [f for f in data["findings"] if f["rule"] in ("OS001", "OS104")]


def assert_example_site(site: Path) -> None:
    assert_report(json.loads((site / "opsspec-report.json").read_text("utf-8")))
    assert_spec_page((site / ORDER_INTAKE / "index.html").read_text("utf-8"))
    for page in ("portfolio", "matrix"):
        assert (site / "opsspec" / page / "index.html").is_file()
    assert (site / "opsspec" / "features" / "3f9a1c7e2b04" / "index.html").is_file()


# --- 1. ProperDocs -------------------------------------------------------------------------------


def test_properdocs_cli_builds_the_example_site(tmp_path: Path) -> None:
    """ProperDocs ships the `properdocs` package only; its CLI aliases every `mkdocs.*` import to
    `properdocs.*` and also loads plugins of the `mkdocs.plugins` entry point group."""
    out = tmp_path / "site"
    run([BIN / "properdocs", "build", "--strict", "-f", EXAMPLE / "mkdocs.yml", "-d", out])
    assert_example_site(out)
    generator = soup((out / "index.html").read_text("utf-8")).find(
        "meta", attrs={"name": "generator"}
    )
    assert "ProperDocs" in generator["content"]
    # under ProperDocs our plugin subclasses ProperDocs' classes, not MkDocs'
    probe = (
        "import properdocs.replacement, properdocs.plugins as pp;"
        "import mkdocs_opsspec.plugin.plugin as p;"
        "assert p.BasePlugin is pp.BasePlugin;"
        "assert pp.get_plugins()['opsspec'].group == 'mkdocs.plugins'"
    )
    run([sys.executable, "-c", probe])


# --- 2. Themes (Material and mkdocs: see test_plugin_build.py and test_spec_pages.py) ----------


def test_readthedocs_theme(tmp_path: Path, epoch: None) -> None:
    out = tmp_path / "site"
    built = build_site(EXAMPLE / "mkdocs.yml", out, strict=True, theme={"name": "readthedocs"})
    assert_example_site(out)
    page = soup(built.html(f"{ORDER_INTAKE}/index.html"))
    assert page.find(class_="rst-content").find(class_="opsspec-strip") is not None
    css = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert any(h.endswith("opsspec.css") for h in css)
    portfolio = soup(built.html("opsspec/portfolio/index.html"))
    assert len(portfolio.find("table").find("tbody").find_all("tr")) == 8


# --- 3. mkdocs-static-i18n, suffix layout --------------------------------------------------------

I18N_PLUGIN = """  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          default: true
          name: English
          build: true
        - locale: fr
          name: Français
          build: true
"""


def i18n_site(site_factory: Any, opsspec_options: str = "") -> Path:
    """The example site with a French `x.fr.md` beside every operations spec and the home page."""
    site = site_factory(EXAMPLE)
    docs = site / "docs"
    for md in [docs / "index.md", *sorted((docs / "operations").glob("ybs-spec_*.md"))]:
        text = md.read_text("utf-8")
        fr = re.sub(
            r"^(# .*)$", r"\1\n\nCette page est la version française.", text, count=1, flags=re.M
        )
        md.with_name(md.stem + ".fr.md").write_text(fr, "utf-8")
    yml = site / "mkdocs.yml"
    text = yml.read_text("utf-8")
    assert "  - opsspec\n" in text
    yml.write_text(
        text.replace("  - opsspec\n", "  - opsspec" + opsspec_options + "\n" + I18N_PLUGIN)
    )
    return yml


def test_i18n_suffix_layout_one_report_per_language(
    site_factory: Any, tmp_path: Path, epoch: None
) -> None:
    yml = i18n_site(site_factory)
    out = tmp_path / "out"
    built = build_site(yml, out)
    # the plugin's own lines (mkdocs-static-i18n logs search entries, the rules page's among them)
    ours = [r.getMessage() for r in built.records if r.name.startswith("mkdocs.plugins.mkdocs_op")]
    assert any("specs checked" in m for m in ours)
    assert not [m for m in ours if "OS104" in m or "OS001" in m]
    # en: the example's specs; fr: the .fr.md operations specs and the English fallbacks
    assert_example_site(out)
    fr = json.loads((out / "fr" / "opsspec-report.json").read_text("utf-8"))
    fr_paths = {s["path"] for s in fr["specs"]}
    assert {p.replace(".fr.md", ".md") for p in fr_paths} == EXPECTED
    ops = {s["path"] for s in fr["specs"] if s["type"] == "operations" and s["role"] == "feature"}
    assert ops and all(p.endswith(".fr.md") for p in ops)
    assert_report(fr, fr_paths)
    fr_page = (out / "fr" / ORDER_INTAKE / "index.html").read_text("utf-8")
    assert "version française" in fr_page
    assert_spec_page(fr_page)
    assert (out / "fr" / "opsspec" / "portfolio" / "index.html").is_file()


def test_i18n_portfolio_matrix_and_feature_pages_per_language(
    site_factory: Any, tmp_path: Path, epoch: None
) -> None:
    """Each language has its portfolio (its needs-attention list linking that language's spec
    pages), matrix, BASE and feature pages, their sidebars hidden on Material."""
    yml = i18n_site(site_factory)
    out = tmp_path / "out"
    build_site(yml, out)
    for prefix in ("", "fr/"):
        folder = out / prefix / "opsspec"
        page = soup((folder / "portfolio" / "index.html").read_text("utf-8"))
        names = page.select("ol.opsspec-attention .opsspec-name")
        assert [a.get_text() for a in names] == [
            "Audit Log Archive",
            "Customer Notification Service",
        ]
        target = (folder / "portfolio" / names[0]["href"] / "index.html").resolve()
        assert target == (out / prefix / "operations/ybs-spec_4a0c6f2e8d73/index.html").resolve()
        assert page.select_one(".md-sidebar--primary").has_attr("hidden")
        assert page.select_one(".md-sidebar--secondary").has_attr("hidden")
        for rel in ("matrix", "base", "features/3f9a1c7e2b04"):
            assert (folder / rel / "index.html").is_file(), prefix + rel
    french = (out / "fr/operations/ybs-spec_4a0c6f2e8d73/index.html").read_text("utf-8")
    assert "version française" in french


def test_i18n_graph_page_per_language(site_factory: Any, tmp_path: Path, epoch: None) -> None:
    """Each language has its dependency graph page, its boxes linking that language's feature
    pages (the French build's come from the .fr.md operations specs)."""
    yml = i18n_site(site_factory)
    out = tmp_path / "out"
    build_site(yml, out)
    for prefix in ("", "fr/"):
        page = soup((out / prefix / "opsspec" / "graph" / "index.html").read_text("utf-8"))
        nodes = page.select("svg.opsspec-graph-svg a.opsspec-graph-node")
        assert len(nodes) == 8, prefix  # the example's eight features
        for node in nodes:
            target = out / prefix / "opsspec" / "graph" / node["href"] / "index.html"
            assert target.resolve().is_file(), (prefix, node["href"])
            assert target.resolve().is_relative_to((out / prefix / "opsspec").resolve())
        feature = out / prefix / "opsspec" / "features" / "3f9a1c7e2b04" / "index.html"
        assert soup(feature.read_text("utf-8")).select_one("svg.opsspec-graph-svg") is not None
    fr = soup((out / "fr" / "opsspec" / "graph" / "index.html").read_text("utf-8"))
    assert fr.find("html")["lang"] == "fr"


def test_i18n_rules_page_per_language(site_factory: Any, tmp_path: Path, epoch: None) -> None:
    """Each language has its rules page, and the finding codes of a spec page link to the
    sections of its own language's rules page."""
    yml = i18n_site(site_factory)
    out = tmp_path / "out"
    build_site(yml, out)
    for prefix in ("", "fr/"):
        rules = soup((out / prefix / "opsspec" / "rules" / "index.html").read_text("utf-8"))
        assert rules.find(id="os109").name == "h3", prefix
        spec = out / prefix / "operations" / "ybs-spec_4a0c6f2e8d73" / "index.html"
        links = soup(spec.read_text("utf-8")).select("a.opsspec-finding-rule-link")
        assert {a["href"] for a in links} == {
            "../../opsspec/rules/#os109",
            "../../opsspec/rules/#os203",
        }, prefix


def test_i18n_default_language_only_workaround(
    site_factory: Any, tmp_path: Path, epoch: None
) -> None:
    """Validating the default language only, with no generated pages, also works."""
    options = ":\n      generate_pages: false\n      exclude: ['*.fr.md']"
    yml = i18n_site(site_factory, options)
    out = tmp_path / "out"
    build_site(yml, out, strict=True)
    assert_report(json.loads((out / "opsspec-report.json").read_text("utf-8")))
    assert_spec_page((out / ORDER_INTAKE / "index.html").read_text("utf-8"))
    assert "version française" in (out / "fr" / ORDER_INTAKE / "index.html").read_text("utf-8")


def test_i18n_serve_rebuild_logs_each_languages_changed_files(
    site_factory: Any, tmp_path: Path, epoch: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Each language build has its own files, so under `mkdocs serve` each language remembers
    its own: a rebuild logs the findings of the edited file once per language that builds it,
    and no other file's."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    yml = i18n_site(site_factory)
    cfg = load_config(config_file=str(yml), site_dir=str(tmp_path / "served"))
    cfg.plugins.on_startup(command="serve", dirty=False)
    finding = re.compile(r"(docs/\S+\.md):\d+: (?:error|warning|info) (OS\d{3}) ")

    def logged() -> list[tuple[str, str]]:
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="mkdocs"):
            build(cfg)
        return [m.groups() for r in caplog.records if (m := finding.search(r.getMessage()))]

    try:
        assert len(logged()) > 0  # the example site's warnings, in both languages
        assert logged() == []
        spec = yml.parent / "docs" / "technical" / "ybs-spec_3f9a1c7e2b04.md"
        text = spec.read_text("utf-8")
        spec.write_text(text.replace("**Status**: Implemented", "**Status**: Bogus"), "utf-8")
        # no French version of technical specs: both languages build the English one
        assert logged() == [("docs/technical/ybs-spec_3f9a1c7e2b04.md", "OS106")] * 2
    finally:
        cfg.plugins.on_shutdown()


# --- 4. Backstage TechDocs -----------------------------------------------------------------------

OFFLINE_PIP = (
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No matching distribution found for mkdocs-techdocs-core",
)


def test_techdocs_core(tmp_path: Path) -> None:
    """techdocs-core pins mkdocs-material, pymdown-extensions and Markdown, so it gets a venv of
    its own (about 15 s with a warm pip cache)."""
    src = tmp_path / "project"  # a copy, so that pip's build leaves nothing in the work tree
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "mkdocs_opsspec",
        src / "mkdocs_opsspec",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")]
    proc = subprocess.run(
        [*pip, "install", "-q", "mkdocs-techdocs-core", str(src)],
        env=sub_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode and any(s in proc.stderr for s in OFFLINE_PIP):
        pytest.skip(f"PyPI is unreachable: {proc.stderr.strip().splitlines()[-1]}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE / "docs", site / "docs")
    (site / "mkdocs.yml").write_text(
        "site_name: Northwind Logistics Platform Specs\nplugins:\n  - techdocs-core\n  - opsspec\n",
        "utf-8",
    )
    out = tmp_path / "out"
    run([venv / "bin" / "mkdocs", "build", "--strict", "-d", out], cwd=site)
    assert (out / "techdocs_metadata.json").is_file()
    assert "mkdocs-material" in (out / "index.html").read_text("utf-8")  # forced by techdocs-core
    assert_example_site(out)


# --- 5. Material's offline plugin ----------------------------------------------------------------


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of `page` points at; None for a link to the page itself."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not href.startswith("/"), href
    if not parts.path:
        return None
    base = posixpath.dirname(page.relative_to(site).as_posix())
    return site / posixpath.normpath(posixpath.join(base, parts.path))


def test_offline_plugin_links_are_relative_files(tmp_path: Path, epoch: None) -> None:
    out = tmp_path / "site"
    build_site(
        EXAMPLE / "mkdocs.yml",
        out,
        strict=True,
        use_directory_urls=False,
        plugins=["search", "offline", "opsspec"],
    )
    assert (out / "search" / "search_index.js").is_file()  # the offline plugin ran
    spec = out / f"{ORDER_INTAKE}.html"
    page = soup(spec.read_text("utf-8"))
    strip = page.find(class_="opsspec-strip")
    assert strip is not None
    siblings = [a["href"] for a in strip.select(".opsspec-family a")]
    assert len(siblings) == 6
    assert all(h.startswith("../") and h.endswith(".html") for h in siblings), siblings
    hrefs = [a["href"] for a in strip.find_all("a", href=True)]
    hrefs += [
        t.get("href") or t.get("src")
        for t in page.select("link[href*=opsspec], script[src*=opsspec]")
    ]
    for href in hrefs:
        target = resolve(out, spec, href)
        if target is not None:
            assert target.suffix in (".html", ".css", ".js"), href
            assert target.is_file(), href
    for rel in ("opsspec/portfolio.html", "opsspec/matrix.html"):
        generated = out / rel
        links = [a["href"] for a in soup(generated.read_text("utf-8")).select("article a[href]")]
        targets = {h: resolve(out, generated, h) for h in links if "://" not in h}
        assert sum(t is not None for t in targets.values()) >= 8, rel
        for href, target in targets.items():
            assert target is None or target.is_file(), f"{rel}: {href}"
    assert_report(json.loads((out / "opsspec-report.json").read_text("utf-8")))


# --- 6. mike -------------------------------------------------------------------------------------

# mike builds with `properdocs` when ProperDocs is installed (as it is with the test extra), and
# with `mkdocs` otherwise; "mkdocs" forces the latter.
MIKE_WITH_MKDOCS = (
    "import sys, mike.driver, mike.mkdocs_utils as u;"
    "assert u._program_name == 'properdocs';"
    "u._program_name, u._brand = 'mkdocs', 'MkDocs';"
    "sys.argv = ['mike', *sys.argv[1:]];"
    "mike.driver.main()"
)


@pytest.mark.parametrize("program", ["properdocs", "mkdocs"])
def test_mike_deploy(tmp_path: Path, program: str) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo, ignore=shutil.ignore_patterns("site"))
    run(["git", "init", "-q", "-b", "main"], cwd=repo)
    run(["git", "add", "-A"], cwd=repo)
    run(["git", "commit", "-q", "-m", "docs"], cwd=repo)
    mike = [BIN / "mike"] if program == "properdocs" else [sys.executable, "-c", MIKE_WITH_MKDOCS]
    run([*mike, "deploy", "1.0"], cwd=repo)

    def show(rel: str) -> str:
        return run(["git", "show", f"gh-pages:{rel}"], cwd=repo)

    subject = run(["git", "log", "-1", "--format=%s", "gh-pages"], cwd=repo)
    assert ("ProperDocs" if program == "properdocs" else "MkDocs") in subject
    assert_report(json.loads(show("1.0/opsspec-report.json")))
    assert_spec_page(show(f"1.0/{ORDER_INTAKE}/index.html"))
    tree = run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=repo).split()
    assert "1.0/opsspec/portfolio/index.html" in tree
    assert json.loads(show("versions.json"))[0]["version"] == "1.0"
