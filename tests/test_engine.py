"""The rule engine in real builds: strict mode, severities, per-spec ignores, fail_on, the
baseline, the reference date (SOURCE_DATE_EPOCH), CI outputs and the README's rule table."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from mkdocs_opsspec.rules.table import END, START, rule_table

from helpers.sites import EXAMPLE, ROOT, build_site

ORDER = "docs/operations/ybs-spec_3f9a1c7e2b04.md"  # Implemented, clean
CLI = str(Path(sys.executable).parent / "mkdocs-opsspec")
# 2026-11-26 00:00 UTC and 2026-04-01 00:00 UTC
EPOCH_NOV_26 = "1795651200"
EPOCH_APR_01 = "1775001600"


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def set_plugin(site: Path, options: str) -> None:
    yml = site / "mkdocs.yml"
    yml.write_text(yml.read_text("utf-8").replace("- opsspec", f"- opsspec:\n{options}"), "utf-8")


@pytest.fixture
def site(site_factory, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_NOV_26)
    return site_factory(EXAMPLE)


def one_error(site: Path) -> None:
    """An Approved-state spec with a placeholder RTO: errors."""
    edit(site, ORDER, "**RTO**: 1 hour", "**RTO**: [time]")


def test_strict_passes_with_warnings_only(site: Path, tmp_path: Path) -> None:
    built = build_site(site / "mkdocs.yml", tmp_path / "out", strict=True)
    report = built.report()
    assert report["summary"]["error"] == 0 and report["summary"]["warning"] > 0


def test_strict_fails_on_one_error(site: Path, tmp_path: Path) -> None:
    one_error(site)
    with pytest.raises(Abort):
        build_site(site / "mkdocs.yml", tmp_path / "out", strict=True)
    built = build_site(site / "mkdocs.yml", tmp_path / "out2")
    errors = [f for f in built.report()["findings"] if f["severity"] == "error"]
    assert errors and {f["path"] for f in errors} == {ORDER.removeprefix("docs/")}
    assert all(f["line"] for f in errors)


def test_strict_passes_with_the_error_baselined(site: Path, tmp_path: Path) -> None:
    one_error(site)
    proc = subprocess.run(
        [CLI, "baseline", "-f", str(site / "mkdocs.yml"), "-o", str(site / "baseline.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "wrote" in proc.stdout
    set_plugin(site, "      baseline: baseline.json")
    # a line shift above the error does not break the baseline (fingerprints, not lines)
    edit(site, ORDER, "## Overview", "## Overview\n\nAdded paragraph.\n")
    built = build_site(site / "mkdocs.yml", tmp_path / "out", strict=True)
    report = built.report()
    baselined = [f for f in report["findings"] if f["baselined"]]
    assert baselined and all(
        f["path"] == ORDER.removeprefix("docs/") or f["severity"] != "error" for f in baselined
    )
    assert report["summary"]["error"] == 0 and report["summary"]["baselined"] >= 1
    # fixing the spec leaves entries that match nothing: listed, not fatal
    edit(site, ORDER, "**RTO**: [time]", "**RTO**: 1 hour")
    built = build_site(site / "mkdocs.yml", tmp_path / "out2", strict=True)
    assert any("baseline entry no longer matches" in m for m in built.messages())


def test_stale_warning_follows_source_date_epoch(site: Path, tmp_path: Path, monkeypatch) -> None:
    # Order Intake was last updated 2026-10-07; with stale_after_days 30 it is stale on
    # 2026-11-26 (50 days later) and not on 2026-10-08 (1 day later)
    set_plugin(site, "      stale_after_days: 30")
    built = build_site(site / "mkdocs.yml", tmp_path / "out", strict=True)
    stale = [
        f
        for f in built.report()["findings"]
        if f["path"] == ORDER.removeprefix("docs/") and f["rule"] == "OS109"
    ]
    assert [f["severity"] for f in stale] == ["warning"]  # a warning, never an error
    assert "50 days" in stale[0]["message"]  # 2026-10-07 -> 2026-11-26
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1791417600")  # 2026-10-08
    built = build_site(site / "mkdocs.yml", tmp_path / "out2")
    assert not [
        f
        for f in built.report()["findings"]
        if f["path"] == ORDER.removeprefix("docs/") and f["rule"] == "OS109"
    ]
    assert built.report()["reference_date"] == "2026-10-08"


def test_date_after_reference_date_is_an_error(site: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_APR_01)
    built = build_site(site / "mkdocs.yml", tmp_path / "out")
    future = [
        f
        for f in built.report()["findings"]
        if f["path"] == ORDER.removeprefix("docs/") and f["severity"] == "error"
    ]
    assert future and "2026-10-07" in future[0]["message"]


def test_rule_severity_override_and_off(site: Path, tmp_path: Path) -> None:
    set_plugin(site, "      rules:\n        OS109: error")
    with pytest.raises(Abort):  # the Draft spec is stale: now an error
        build_site(site / "mkdocs.yml", tmp_path / "out", strict=True)
    site2 = site.parent / "second"
    site.rename(site2)
    yml = site2 / "mkdocs.yml"
    yml.write_text(yml.read_text("utf-8").replace("OS109: error", "OS109: 'off'"), "utf-8")
    built = build_site(yml, tmp_path / "out2", strict=True)
    assert not [f for f in built.report()["findings"] if f["rule"] == "OS109"]


def test_unknown_rule_code_is_a_config_error(site: Path, tmp_path: Path) -> None:
    set_plugin(site, "      rules:\n        OS999: error")
    with pytest.raises(Abort):
        build_site(site / "mkdocs.yml", tmp_path / "out")


def test_front_matter_ignore(site: Path, tmp_path: Path) -> None:
    draft = "docs/operations/ybs-spec_4a0c6f2e8d73.md"
    text = (site / draft).read_text("utf-8")
    (site / draft).write_text("---\nopsspec:\n  ignore: [OS109]\n---\n" + text, "utf-8")
    built = build_site(site / "mkdocs.yml", tmp_path / "out")
    rules = {f["rule"] for f in built.report()["findings"] if f["path"] == draft[5:]}
    assert "OS109" not in rules and "OS203" in rules


def test_fail_on_warning(site: Path, tmp_path: Path) -> None:
    set_plugin(site, "      fail_on: warning")
    with pytest.raises(Abort):
        build_site(site / "mkdocs.yml", tmp_path / "out", strict=True)


def test_junit_and_sarif_files(site: Path, tmp_path: Path) -> None:
    one_error(site)
    set_plugin(site, "      junit_file: reports/junit.xml\n      sarif_file: reports/opsspec.sarif")
    build_site(site / "mkdocs.yml", tmp_path / "out")
    junit = ET.parse(tmp_path / "out" / "reports" / "junit.xml").getroot()
    failed = [tc.get("name") for tc in junit.iter("testcase") if tc.find("failure") is not None]
    assert failed == [ORDER]
    sarif = json.loads((tmp_path / "out" / "reports" / "opsspec.sarif").read_text("utf-8"))
    results = sarif["runs"][0]["results"]
    errors = [r for r in results if r["level"] == "error"]
    assert errors
    loc = errors[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == ORDER and loc["region"]["startLine"] > 1


def test_github_annotations(site: Path) -> None:
    one_error(site)
    proc = subprocess.run(
        [CLI, "check", "-f", str(site / "mkdocs.yml"), "--format", "github"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    errors = [ln for ln in proc.stdout.splitlines() if ln.startswith("::error ")]
    assert errors and all(f"file={ORDER}," in ln for ln in errors)
    assert all(",line=" in ln and ",title=OS" in ln for ln in errors)


def test_readme_rule_table_matches_the_registry() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert START in readme and END in readme, "README lacks the generated rule table"
    block = readme[readme.index(START) : readme.index(END) + len(END)]
    assert block == rule_table(), "regenerate: mkdocs-opsspec rules --format markdown"


def test_every_rule_has_a_fixture_test() -> None:
    """Each registered code appears in some test under tests/ (a fixture or near-miss test)."""
    from mkdocs_opsspec.rules.table import all_rules

    files = [*(ROOT / "tests").rglob("test_*.py"), *(ROOT / "tests" / "golden").glob("*.json")]
    tests = "\n".join(p.read_text("utf-8") for p in files)
    missing = [r.code for r in all_rules() if r.code not in tests]
    assert missing == []


def test_every_option_is_in_the_readme_table() -> None:
    from mkdocs_opsspec.plugin.config import OpsSpecConfig

    readme = (ROOT / "README.md").read_text("utf-8")
    assert [k for k, _ in OpsSpecConfig._schema if f"| `{k}` |" not in readme] == []


def test_the_readme_minimal_spec_passes_the_check() -> None:
    import datetime as dt

    from mkdocs_opsspec.analysis import Options, analyse
    from mkdocs_opsspec.overview import overview

    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("```markdown\n", readme.index("a minimal operations\nspec")) + 12
    text = readme[start : readme.index("```\n", start)]
    path = "operations/ybs-spec_3c9e07a2f1b8.md"
    options = Options(reference_date=dt.date(2026, 12, 6))
    analysis = analyse([(path, text.encode())], options)
    assert [s.name for s in analysis.specs] == ["Payments API"]
    assert analysis.findings == []
    readiness = overview(analysis, options, [path]).readiness[path]
    # as the README says: below Bronze until it lists deployment steps and dependencies
    assert readiness.level == "none"
    failing = [c.title for c in readiness.checks if c.level == "bronze" and c.state == "fail"]
    assert failing == ["Deploy and rollback steps", "Dependencies listed"]
