"""Baselines written before issue 16 (one finding per missing section, per missing objective, per
missing alert field; OS501 on the alert's heading) still suppress the same causes now that each
cause is one finding on the line of its value; and `mkdocs-opsspec baseline` names the entries it
can no longer match when it rewrites the file.

The old entries are written here in the baseline format itself (sha256 of rule, NUL and the
whitespace-normalised source line, first 16 hex digits), with the lines the old rules reported,
counted by hand: they do not come from the code under test."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from mkdocs_opsspec import baseline as bl
from mkdocs_opsspec.analysis import Options, analyse
from mkdocs_opsspec.cli import main

PATH = "operations/ybs-spec_0123456789ab.md"
LINES = [
    "# Operations Specification: Fan-out",  # 1
    "",  # 2
    "**GUID**: 0123456789ab",  # 3
    "**Version**: 1.0.0",  # 4
    "**Status**: Draft",  # 5
    "**Last Updated**: 2026-11-01",  # 6
    "",  # 7
    "## Rollback Procedure",  # 8
    "",  # 9
    "1. Redeploy the previous image",  # 10
    "",  # 11
    "## Alerts",  # 12
    "",  # 13
    "### Alert 1: Provider timeouts",  # 14
    "",  # 15
    "- **Severity**: P2",  # 16
    "",  # 17
    "## Health Checks",  # 18
    "",  # 19
    "**Endpoint**: `/health`",  # 20
    "**Check Frequency**: Every 30 seconds",  # 21
    "**Success Criteria**: HTTP 200",  # 22
]
TEXT = "\n".join(LINES) + "\n"
REFERENCE = dt.date(2026, 12, 1)


def old_entry(rule: str, line: int) -> bl.Entry:
    digest = hashlib.sha256(f"{rule}\0{' '.join(LINES[line - 1].split())}".encode()).hexdigest()
    return bl.Entry(PATH, rule, digest[:16])


#: What the code before issue 16 reported, as `mkdocs-opsspec baseline` wrote it.
OLD_BASELINE = [
    # two required sections missing (SLOs, Disaster Recovery): two findings on the title line
    old_entry("OS201", 1),
    old_entry("OS201", 1),
    # the rollback section states neither RTO nor RPO: two findings on its heading
    old_entry("OS401", 8),
    old_entry("OS401", 8),
    # the alert's unknown severity, on the alert's heading
    old_entry("OS501", 14),
    # the alert has no condition and no notification: two findings on its heading
    old_entry("OS502", 14),
    old_entry("OS502", 14),
]


def test_an_old_baseline_still_suppresses_the_same_causes() -> None:
    result = analyse([(PATH, TEXT.encode())], Options(reference_date=REFERENCE))
    found = sorted((f.rule, f.line) for f in result.findings)
    # the findings as this version reports them: one per cause, OS501 on the Severity line
    assert found == [("OS201", 1), ("OS401", 8), ("OS501", 16), ("OS502", 14)]

    options = Options(reference_date=REFERENCE, baseline=tuple(OLD_BASELINE))
    result = analyse([(PATH, TEXT.encode())], options)
    assert [(f.rule, f.line) for f in result.findings if not f.baselined] == []
    assert result.counts() == {"error": 0, "warning": 0, "info": 0}
    # the entries of the causes that are one finding now are left over, to be pruned
    assert sorted(e.rule for e in result.baseline_unmatched) == ["OS201", "OS401", "OS502"]


def test_a_new_finding_in_the_block_is_not_suppressed_by_the_old_heading_entry() -> None:
    """The heading fallback matches an entry of the same rule only."""
    options = Options(reference_date=REFERENCE, baseline=(old_entry("OS502", 14),))
    result = analyse([(PATH, TEXT.encode())], options)
    assert ("OS501", 16) in [(f.rule, f.line) for f in result.findings if not f.baselined]


def test_baseline_command_names_the_entries_it_can_no_longer_match(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    # no title line: the old OS201 fingerprints were made of their messages, which changed
    untitled = "\n".join(LINES[2:]) + "\n"
    (docs / PATH).write_text(untitled, "utf-8")
    old_message = (
        "required section 'Alerts' is missing: add a 'Alerts' heading with its content as in "
        "the operations template, or remove the section from the 'required_sections' option"
    )
    digest = hashlib.sha256(f"OS201\0{old_message}".encode()).hexdigest()[:16]
    out = tmp_path / "baseline.json"
    out.write_text(bl.dumps([bl.Entry(PATH, "OS201", digest)]), "utf-8")

    assert main(["baseline", str(docs), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"1 entry of the previous {out} matches no finding now and is gone" in printed
    assert f"  {PATH}: OS201" in printed
    written = json.loads(out.read_text("utf-8"))["findings"]
    assert ("OS201", PATH) in [(e["rule"], e["path"]) for e in written]


def test_baseline_command_is_quiet_without_a_previous_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / PATH).write_text(TEXT, "utf-8")
    assert main(["baseline", str(docs), "-o", str(tmp_path / "b.json")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "wrote 4 findings to " + str(tmp_path / "b.json")
    ]
