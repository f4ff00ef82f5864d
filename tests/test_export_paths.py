"""`mkdocs-opsspec export` writes only inside its output folder, whatever service name a spec
gives (spec text is untrusted), and a folder it cannot write to is a usage error naming it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mkdocs_opsspec.slo_export.export import export
from mkdocs_opsspec.slo_export.names import file_name

from helpers.rules import HEADER, parse
from helpers.slo import run_cli

GUID_HEADER = HEADER  # '# Operations Specification: Checkout', GUID 0123456789ab, Approved
ROWS = (
    "## SLOs (Service Level Objectives)\n\n| Metric | Target | Measurement Window |\n"
    "|---|---|---|\n| Availability | 99.9% | 30 days |\n"
)

HOSTILE = [
    "../../etc/x",
    "/etc/passwd",
    "a/b",
    "..",
    ".hidden",
    "..\\..\\windows\\x",
    "C:\\temp\\x",
    "x\x00y",
    "",  # no letter at all after the slug
]


SLI = (
    "  sli:\n    Availability:\n"
    '      error_query: sum(rate(x{code=~"5.."}[{{.window}}]))\n'
    "      total_query: sum(rate(x[{{.window}}]))\n"
)


def spec_source(service: str) -> str:
    """An operations spec of `service` with one SLO row and its SLI queries."""
    quoted = service.replace("\\", "\\\\").replace('"', '\\"').replace("\x00", "\\0")
    return f'---\nopsspec:\n  service: "{quoted}"\n{SLI}---\n' + GUID_HEADER + ROWS


def export_to(tmp_path: Path, service: str, out: Path, fmt: str = "openslo") -> tuple[int, str]:
    """`mkdocs-opsspec export` of a docs folder holding one spec of `service`, to `out`."""
    docs = tmp_path / "docs" / "operations"
    docs.mkdir(parents=True)
    (docs / "ybs-spec_0123456789ab.md").write_text(spec_source(service), "utf-8")
    return run_cli("export", "--format", fmt, str(tmp_path / "docs"), "-o", str(out))


@pytest.mark.parametrize("service", HOSTILE)
def test_a_hostile_service_name_is_a_plain_file_name(service: str) -> None:
    name = file_name(service)
    assert name.endswith(".yaml")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert name not in (".yaml", "..yaml")


def test_plain_service_names_keep_their_file_name() -> None:
    assert file_name("ledger") == "ledger.yaml"
    assert file_name("order-intake_v2.api") == "order-intake_v2.api.yaml"
    # two hostile names that slug alike stay apart (a hash of the whole name)
    assert file_name("a/b") != file_name("a.b/") and file_name("a/b").startswith("a-b-")


@pytest.mark.parametrize("fmt", ["openslo", "sloth"])
def test_export_of_a_spec_naming_a_path_writes_inside_the_output_folder(
    tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "work" / "out"
    status, printed = export_to(tmp_path, "../../escaped", out, fmt)
    outside = [p for p in tmp_path.rglob("*.yaml") if out not in p.parents]
    assert outside == []
    if fmt == "openslo":  # OpenSLO states no rule for the service: the file is written
        assert status == 0, printed
        (written,) = out.iterdir()
        assert written.name == file_name("../../escaped")
        assert "  service: ../../escaped\n" in written.read_text("utf-8")
    else:  # Sloth's rules refuse the name: the row is skipped, nothing is written
        assert status == 1
        assert "is not a valid Sloth name" in printed
        assert not out.exists() or list(out.iterdir()) == []


def test_export_result_names_every_file_by_file_name() -> None:
    spec = parse(spec_source("/etc/cron.d/evil"), dedent=False)
    result = export([spec], "openslo")
    assert list(result.files) == [file_name("/etc/cron.d/evil")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_output_folder_that_cannot_be_written_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        status, _ = export_to(tmp_path, "ledger", locked)
    finally:
        locked.chmod(0o700)
    assert status == 2
    assert f"mkdocs-opsspec: error: cannot write {locked / 'ledger.yaml'}: Permission denied" in (
        capsys.readouterr().err
    )


def test_an_output_path_that_is_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder", "utf-8")
    status, _ = export_to(tmp_path, "ledger", blocker)
    assert status == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mkdocs-opsspec: error: cannot write {blocker / 'ledger.yaml'}: ")
    assert "Traceback" not in err
