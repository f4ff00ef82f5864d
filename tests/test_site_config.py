"""A config file `generate` reads itself (`site_config`): settings of the wrong kind are a usage
error that says which and how to fix it, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_opsspec.cli import main


def generate(tmp_path: Path, name: str, text: str) -> tuple[int, str]:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (tmp_path / name).write_text(text, "utf-8")
    return main(["generate", "-f", str(tmp_path / name)]), name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- site_name: x\n- docs_dir: docs\n", "the file holds a list, not a mapping of settings"),
        ("just text\n", "the file holds the text 'just text', not a mapping of settings"),
        ("", "the file holds nothing, not a mapping of settings"),
        ("site_name: x\nplugins: opsspec\n", "'plugins' is the text 'opsspec': give a list"),
        (
            "site_name: x\nmarkdown_extensions: 3\n",
            "'markdown_extensions' is the number 3: give a list",
        ),
        (
            "site_name: x\nplugins:\n  - opsspec: yes please\n",
            "the settings of 'opsspec' are the text 'yes please': give a mapping of options",
        ),
        (
            "site_name: x\nplugins:\n  opsspec: 7\n",
            "the settings of 'opsspec' are the number 7: give a mapping of options",
        ),
        (
            "site_name: x\nmarkdown_extensions:\n  - mkdocs_opsspec.markdown: [strict]\n",
            "the settings of 'mkdocs_opsspec.markdown' are a list: give a mapping of options",
        ),
    ],
)
def test_settings_of_the_wrong_kind_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    status, name = generate(tmp_path, "mkdocs.yml", text)
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"mkdocs-opsspec: error: {tmp_path / name}: {message}")
    assert "Traceback" not in err


def test_a_toml_project_that_is_no_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, name = generate(tmp_path, "zensical.toml", 'project = "site"\n')
    assert status == 2
    assert capsys.readouterr().err.startswith(
        f"mkdocs-opsspec: error: {tmp_path / name}: the file holds the text 'site', not a "
        "mapping of settings"
    )


def test_settings_generate_does_not_read_may_be_anything(tmp_path: Path) -> None:
    """`extra` (and the theme's other settings) are the site builder's: not checked here."""
    status, _ = generate(tmp_path, "mkdocs.yml", "site_name: x\nextra: [1, 2]\ntheme: [a]\n")
    assert status == 0
    assert (tmp_path / "docs" / "opsspec" / "portfolio.md").is_file()
