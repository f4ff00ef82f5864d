"""`mkdocs-opsspec check`: same findings and specs as a build, formats, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_opsspec.cli import main

from helpers.sites import EXAMPLE, build_site, validate_report

BIN = Path(sys.executable).parent / "mkdocs-opsspec"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_json_equals_build_report(tmp_path: Path) -> None:
    built = build_site(EXAMPLE / "mkdocs.yml", tmp_path / "site")
    from_build = built.report()
    proc = run("check", "-f", str(EXAMPLE / "mkdocs.yml"), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    from_cli = json.loads(proc.stdout)
    validate_report(from_cli)
    assert from_cli["specs"] == from_build["specs"]
    assert from_cli["findings"] == from_build["findings"]


def test_check_defaults_to_mkdocs_yml_in_cwd() -> None:
    proc = run("check", "--format", "json", cwd=EXAMPLE)
    assert proc.returncode in (0, 1), proc.stderr
    assert json.loads(proc.stdout)["specs"]


def _write_bad_site(root: Path) -> Path:
    docs = root / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / "operations" / "ybs-spec_00000000000a.md").write_bytes(b"")
    (docs / "operations" / "ybs-spec_00000000000b.md").write_text(
        "# Operations Specification: Good\n\n**GUID**: 00000000000b\n", "utf-8"
    )
    (docs / "index.md").write_text("# Home\n", "utf-8")
    yml = root / "mkdocs.yml"
    yml.write_text("site_name: t\nplugins:\n  - opsspec\n", "utf-8")
    return yml


def test_text_format_and_exit_status(tmp_path: Path) -> None:
    yml = _write_bad_site(tmp_path)
    proc = run("check", "-f", str(yml))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("docs/operations/ybs-spec_00000000000a.md:1: error OS007 ")
    codes = [line.split()[2] for line in lines if ": error OS" in line or ": warning OS" in line]
    # the empty spec: OS007 alone; the other: no required section, no Status/Version/date
    assert codes == ["OS007", "OS201", "OS111"]
    empty = "docs/operations/ybs-spec_00000000000a.md"
    assert f"{empty}: readiness Below Bronze (Bronze needs: Valid header)" in lines
    assert lines[-1] == "2 specs checked: 2 errors, 1 warning, 0 infos"


def test_paths_mode_and_clean_exit() -> None:
    """A folder is taken as a docs_dir; the example site has warnings but no errors: exit 0."""
    proc = run("check", str(EXAMPLE / "docs"), "--format", "json")
    assert proc.returncode == 0, proc.stdout[-2000:]
    report = json.loads(proc.stdout)
    validate_report(report)
    assert report["summary"]["error"] == 0
    assert "operations/ybs-spec_3f9a1c7e2b04.md" in {s["path"] for s in report["specs"]}


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "/no/such/path"],
        ["check", "-f", "/no/such/mkdocs.yml"],
        ["check", "--format", "yaml", "."],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], tmp_path: Path) -> None:
    os.chdir(tmp_path)
    assert main(argv) == 2


def test_config_error_exits_2(tmp_path: Path) -> None:
    yml = _write_bad_site(tmp_path)
    yml.write_text("site_name: t\nplugins:\n  - opsspec:\n      bogus: 1\n", "utf-8")
    proc = run("check", "-f", str(yml))
    assert proc.returncode == 2
    assert "bogus" in proc.stderr


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`mkdocs-opsspec check ... | head -1`: the command stops quietly with status 1 once the
    reader is gone (here: 300 specs of findings, far more than a pipe holds)."""
    docs = tmp_path / "docs" / "operations"
    docs.mkdir(parents=True)
    for i in range(300):
        (docs / f"ybs-spec_{i:012x}.md").write_text(
            f"# Operations Specification: F{i}\n\n**GUID**: bad\n", "utf-8"
        )
    proc = subprocess.Popen(
        [str(BIN), "check", str(tmp_path / "docs")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    assert b" error OS" in first
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 1
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err[-2000:]


def test_check_prints_a_readiness_line_per_operations_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.pages import operations_spec, simple_spec

    docs = tmp_path / "docs"
    for path, text in {
        "operations/ybs-spec_aaaaaaaaaaa1.md": operations_spec("aaaaaaaaaaa1", "Alpha"),
        "operations/ybs-spec_aaaaaaaaaaa2.md": operations_spec(
            "aaaaaaaaaaa2", "Bravo", status="Draft"
        ),
        "technical/ybs-spec_aaaaaaaaaaa1.md": simple_spec("technical", "aaaaaaaaaaa1", "Alpha"),
    }.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")  # 2026-11-26
    status = main(["check", str(docs)])
    out = capsys.readouterr().out.splitlines()
    json_status = main(["check", str(docs), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert out[-3:] == [
        "operations/ybs-spec_aaaaaaaaaaa1.md: readiness Gold",
        "operations/ybs-spec_aaaaaaaaaaa2.md: readiness Silver "
        "(Gold needs: Approved or Implemented, no placeholders)",
        "3 specs checked: 0 errors, 0 warnings, 0 infos",
    ]
    # no finding and no exit status of its own
    assert status == json_status == 0 and report["findings"] == []
    validate_report(report)
    by_path = {s["path"]: s for s in report["specs"]}
    assert by_path["operations/ybs-spec_aaaaaaaaaaa1.md"]["readiness"] == {
        "level": "gold",
        "next_level": None,
        "blocking": [],
    }
    bravo = by_path["operations/ybs-spec_aaaaaaaaaaa2.md"]["readiness"]
    assert (bravo["level"], [c["key"] for c in bravo["blocking"]]) == ("silver", ["final_status"])
    assert "readiness" not in by_path["technical/ybs-spec_aaaaaaaaaaa1.md"]
