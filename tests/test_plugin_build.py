"""In-process MkDocs builds of the example site with the plugin, on Material and `mkdocs`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort, ConfigurationError

from helpers.sites import EXAMPLE, build_site, spec_files


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_example_site_strict_build(theme: str, tmp_path: Path) -> None:
    built = build_site(
        EXAMPLE / "mkdocs.yml", tmp_path / "site", strict=True, theme={"name": theme}
    )
    report = built.report()
    paths = {s["path"] for s in report["specs"]}
    expected = spec_files(EXAMPLE / "docs")
    assert len(expected) >= 7 + 14  # seven features with ops specs and at least two siblings each
    assert paths == expected
    assert report["generator"].startswith("mkdocs-opsspec ")
    for spec in report["specs"]:
        assert spec["source"] == "docs/" + spec["path"]
    ops = [s for s in report["specs"] if s["type"] == "operations" and s["role"] == "feature"]
    assert len(ops) >= 7
    assert {s["status"] for s in ops} >= {"Draft", "Review", "Approved", "Implemented"}
    for spec in ops:
        assert spec["slos"], spec["path"]
        assert spec["rto"] is not None and spec["rpo"] is not None, spec["path"]
    assert any("specs checked" in m for m in built.messages())
    assert (tmp_path / "site" / "index.html").is_file()


def test_unknown_option_is_a_config_error(site_factory, tmp_path: Path) -> None:
    site = site_factory(EXAMPLE)
    yml = site / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("- opsspec", "- opsspec:\n      no_such_option: 1"))
    with pytest.raises((ConfigurationError, ValidationError, Abort, SystemExit)):
        build_site(yml, tmp_path / "out")


def test_disabled_plugin_writes_no_report(site_factory, tmp_path: Path) -> None:
    site = site_factory(EXAMPLE)
    yml = site / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("- opsspec", "- opsspec:\n      enabled: false"))
    build_site(yml, tmp_path / "out")
    assert not (tmp_path / "out" / "opsspec-report.json").exists()
    assert (tmp_path / "out" / "index.html").exists()


def test_deprecated_background_option_warns_and_builds(site_factory, tmp_path: Path) -> None:
    site = site_factory(EXAMPLE)
    yml = site / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("- opsspec", "- opsspec:\n      background: true"))
    built = build_site(yml, tmp_path / "out")
    assert [m for m in built.messages() if "does nothing" in m] == [
        "Config value 'plugins': Plugin 'opsspec' option 'background': The option 'background' "
        "does nothing now and will be removed in the next release: delete it from mkdocs.yml."
    ]
    assert built.report()["specs"]


def test_report_file_and_exclude_options(site_factory, tmp_path: Path) -> None:
    site = site_factory(EXAMPLE)
    yml = site / "mkdocs.yml"
    yml.write_text(
        yml.read_text().replace(
            "- opsspec",
            "- opsspec:\n      report_file: reports/ops.json\n      exclude: ['business/**']",
        )
    )
    built = build_site(yml, tmp_path / "out")
    report = built.report("reports/ops.json")
    types = {s["type"] for s in report["specs"]}
    assert "business" not in types
    assert "operations" in types


def test_profile_option_logs_hooks_and_share(site_factory, tmp_path: Path) -> None:
    site = site_factory(EXAMPLE)
    yml = site / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("- opsspec", "- opsspec:\n      profile: true"))
    built = build_site(yml, tmp_path / "out")
    lines = [m for m in built.messages() if "profile:" in m]
    assert re.search(r"profile: plugin \d+\.\d{3}s of a \d+\.\d{3}s build \(\d+\.\d%\)", lines[0])
    assert any("on_files:" in m and m.endswith(" over 1 call") for m in lines)
    assert any("on_page_context:" in m for m in lines)
