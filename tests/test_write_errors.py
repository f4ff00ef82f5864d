"""Files that cannot be written (baseline, the build's report files) are a clear error naming the
path, never a traceback; a report path that names a folder is an option error up front."""

from __future__ import annotations

import io
import logging
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, ConfigurationError

from mkdocs_opsspec.cli import main

from helpers.sites import BAD_STATUS_SPEC, build_site


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")


def make_site(root: Path, plugin_options: str = "") -> Path:
    docs = root / "docs"
    (docs / "operations").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    (docs / "operations" / "ybs-spec_00000000b1b1.md").write_text(BAD_STATUS_SPEC, "utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: writes\ntheme:\n  name: mkdocs\nplugins:\n  - opsspec"
        + (":\n" + plugin_options if plugin_options else "\n"),
        "utf-8",
    )
    return root / "mkdocs.yml"


def test_a_baseline_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = make_site(tmp_path)
    target = tmp_path / "baseline-dir"
    target.mkdir()
    with redirect_stdout(io.StringIO()):
        status = main(["baseline", "-f", str(config), "-o", str(target)])
    err = capsys.readouterr().err
    assert status == 2
    assert err == f"mkdocs-opsspec: error: cannot write {target}: Is a directory\n"


@pytest.mark.parametrize("option", ["report_file", "junit_file", "sarif_file"])
@pytest.mark.parametrize("value", ["reports/", ".", "reports/.."])
def test_a_report_path_that_names_a_folder_is_an_option_error(
    tmp_path: Path, option: str, value: str
) -> None:
    config = make_site(tmp_path, f"      {option}: '{value}'\n")
    with pytest.raises((ConfigurationError, Abort)):
        build_site(config, tmp_path / "site")
    # the same check for `generate`, which reads the options itself
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stderr", err)
        status = main(["generate", "-f", str(config)])
    assert status == 2
    assert (
        f"option '{option}': '{value}' names a folder: give a file name, e.g. "
        "'reports/opsspec.json'"
    ) in err.getvalue()


def test_a_report_file_that_cannot_be_written_fails_the_build_with_its_path(
    tmp_path: Path,
) -> None:
    # MkDocs writes index.html as a file: a report "inside" it cannot be written
    config = make_site(tmp_path, "      report_file: index.html/opsspec.json\n")
    handler_records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            handler_records.append(record)

    logger = logging.getLogger("mkdocs")
    keep = Keep(logging.ERROR)
    logger.addHandler(keep)
    try:
        with pytest.raises(Abort):
            build_site(config, tmp_path / "site")
    finally:
        logger.removeHandler(keep)
    messages = [r.getMessage() for r in handler_records]
    target = tmp_path / "site" / "index.html" / "opsspec.json"
    assert any(f"opsspec: cannot write {target}: " in m for m in messages), messages
