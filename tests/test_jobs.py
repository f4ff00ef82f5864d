"""`check --jobs N`: worker processes give the same output as checking in one process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mkdocs_opsspec import analysis
from mkdocs_opsspec.cli import main

from helpers.sites import EXAMPLE

GOLDEN = Path(__file__).parent / "golden"


def _tree(root: Path) -> Path:
    """The example site's docs, every golden case (each in its own folder, so several are
    outside the type folders) and files with cross-file findings: a GUID two operations specs
    share, a dependency on a GUID no spec has, a `$ref` to a missing file and a related spec
    that does not exist."""
    docs = root / "docs"
    shutil.copytree(EXAMPLE / "docs", docs)
    for case in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        shutil.copytree(case, docs / "golden" / case.name)
    ops = (EXAMPLE / "docs" / "operations" / "ybs-spec_3f9a1c7e2b04.md").read_text("utf-8")
    (docs / "copy" / "operations").mkdir(parents=True)
    (docs / "copy" / "operations" / "ybs-spec_3f9a1c7e2b04.md").write_text(ops, "utf-8")
    (docs / "technical" / "ybs-spec_0123456789ab.md").write_text(
        "# Technical Specification: Dangling\n\n"
        "**GUID**: 0123456789ab\n**Status**: Draft\n\n"
        "## Dependencies\n\n### Required\n\n- ybs-spec_fedcba987654 (**Nowhere**)\n\n"
        "## Related Specifications\n\n- **Missing**: `operations/ybs-spec_0123456789ab.md`\n\n"
        "See $ref:technical/_NOPE.md#overview for the defaults.\n",
        "utf-8",
    )
    return docs


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["check", *argv])
    return status, capsys.readouterr().out


def _record_workers(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """From now on each process that checks a file writes its pid to `log` (the pool's workers
    are forked after this, so they run the recording function too)."""
    real = analysis._check_one

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} 1\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "_check_one", recorded)


def _workers(log: Path) -> dict[int, int]:
    """pid -> files checked, as `_record_workers` logged them."""
    out: dict[int, int] = {}
    for line in log.read_text("utf-8").splitlines():
        pid, count = map(int, line.split())
        out[pid] = out.get(pid, 0) + count
    return out


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif", "github"])
def test_jobs_2_equals_jobs_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    docs = _tree(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    serial = _check(capsys, str(docs), "--format", fmt, "--jobs", "1")
    monkeypatch.setattr(analysis, "PARALLEL_MIN_FILES", 1)
    log = tmp_path / "workers.log"
    _record_workers(monkeypatch, log)
    parallel = _check(capsys, str(docs), "--format", fmt, "--jobs", "2")
    workers = _workers(log)
    assert len(workers) == 2, "jobs=2 did not check in two processes"
    assert os.getpid() in workers  # this process checked a stripe, another process the other
    assert parallel == serial
    if fmt == "text":
        out = serial[1]
        for code in ("OS104", "OS701", "OS703", "OS705"):  # duplicate GUID, unknown targets
            assert f" {code} " in out, code
        assert serial[0] == 1


def test_small_inputs_stay_in_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _tree(tmp_path)

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("workers started for a small input")

    monkeypatch.setattr(analysis, "_check_parallel", fail)
    status, out = _check(capsys, str(docs), "--jobs", "4")
    assert status == 1
    assert out.rstrip().endswith("infos")


@pytest.mark.parametrize("value", ["0", "-3"])
def test_jobs_below_one_is_a_usage_error(
    value: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["check", str(_tree(tmp_path)), "--jobs", value]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_config_mode_jobs_2_equals_jobs_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With -f mkdocs.yml the workers read the files MkDocs lists (and the plugin's options)."""
    yml = str(EXAMPLE / "mkdocs.yml")
    serial = _check(capsys, "-f", yml, "--format", "json", "--jobs", "1")
    monkeypatch.setattr(analysis, "PARALLEL_MIN_FILES", 1)
    assert _check(capsys, "-f", yml, "--format", "json", "--jobs", "2") == serial


def test_more_jobs_than_files_start_one_process_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs" / "operations"
    docs.mkdir(parents=True)
    spec = (EXAMPLE / "docs" / "operations" / "ybs-spec_3f9a1c7e2b04.md").read_text("utf-8")
    for guid in ("0000000000a1", "0000000000a2", "0000000000a3"):
        (docs / f"ybs-spec_{guid}.md").write_text(spec.replace("3f9a1c7e2b04", guid), "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    serial = _check(capsys, str(docs.parent), "--jobs", "1")
    monkeypatch.setattr(analysis, "PARALLEL_MIN_FILES", 1)
    pools: list[int] = []
    real_pool = analysis.ProcessPoolExecutor

    def recorded_pool(max_workers: int) -> object:
        pools.append(max_workers)
        return real_pool(max_workers)

    monkeypatch.setattr(analysis, "ProcessPoolExecutor", recorded_pool)
    assert _check(capsys, str(docs.parent), "--jobs", "16") == serial
    assert pools == [2]  # three files: this process and two workers
    assert "3 specs checked" in serial[1]


def test_an_error_in_a_worker_is_raised_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug while a worker checks its stripe is raised in this process, as it would be with
    one process (no stripe is silently left unchecked)."""
    docs = _tree(tmp_path)
    real, parent = analysis._check_one, os.getpid()

    def failing_there(*args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise RuntimeError("a bug in a worker")
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(analysis, "_check_one", failing_there)
    with pytest.raises(RuntimeError, match="a bug in a worker"):
        main(["check", str(docs), "--jobs", "3"])
