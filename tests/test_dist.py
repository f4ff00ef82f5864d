"""The package as users install it: the sdist and the wheel build from a clean copy, the wheel
holds the templates, assets, report schema and spec templates, and a fresh virtual environment
with only the wheel and Material installed builds the example site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.sites import EXAMPLE, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build` of a copy of the repository's tracked files (what a clean clone has)."""
    src = tmp_path_factory.mktemp("src")
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, tracked):
        rel = Path(os.fsdecode(name))
        if (ROOT / rel).is_file():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(src)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


def test_wheel_and_sdist_hold_the_package_data(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    assert sdist.name == "mkdocs_opsspec-0.1.0.tar.gz"
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "mkdocs_opsspec/report.schema.json",
        "mkdocs_opsspec/assets/opsspec.css",
        "mkdocs_opsspec/assets/opsspec.js",
        "mkdocs_opsspec/assets/portfolio.css",
        "mkdocs_opsspec/assets/portfolio.js",
        "mkdocs_opsspec/templates/portfolio.md.j2",
        "mkdocs_opsspec/templates/feature.md.j2",
        "mkdocs_opsspec/spec_templates/TEMPLATE-operations.md",
        "mkdocs_opsspec/spec_templates/NOTICE",
        "mkdocs_opsspec/plugin/plugin.py",
    ):
        assert needed in names, needed
    entry_points = (
        zipfile.ZipFile(wheel).read("mkdocs_opsspec-0.1.0.dist-info/entry_points.txt").decode()
    )
    assert "opsspec = mkdocs_opsspec.plugin:OpsSpecPlugin" in entry_points
    assert "mkdocs-opsspec = mkdocs_opsspec.cli:run" in entry_points
    assert not any(n.startswith(("tests/", "example-site/", "benchmarks/")) for n in names)


def test_the_wheel_in_a_fresh_venv_builds_the_example_site(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, str(wheel), "mkdocs-material"], check=True, timeout=600)
    site = tmp_path / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795651200", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)  # the installed wheel, not this checkout
    config = str(EXAMPLE / "mkdocs.yml")
    build = subprocess.run(
        [str(venv / "bin" / "mkdocs"), "build", "--strict", "-f", config, "-d", str(site)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import mkdocs_opsspec; print(mkdocs_opsspec.__file__)",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in where  # the wheel's copy was used
    page = BeautifulSoup(
        (site / "operations" / "ybs-spec_3f9a1c7e2b04" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    assert page.select_one(".opsspec-strip .opsspec-badge").get_text() == "Implemented"
    portfolio = BeautifulSoup(
        (site / "opsspec" / "portfolio" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert len(portfolio.select("table[aria-label] tbody tr")) == 8
    assert (site / "assets" / "opsspec" / "opsspec.css").is_file()
    assert (site / "opsspec-report.json").is_file()
