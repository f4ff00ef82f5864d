"""The stylesheet and script: contrast of every badge and chip in light and dark schemes, print
rules, prefixes, no external resources; and the core's independence from MkDocs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ASSETS = Path(__file__).parents[2] / "mkdocs_opsspec" / "assets"
CSS = (ASSETS / "opsspec.css").read_text("utf-8")
JS = (ASSETS / "opsspec.js").read_text("utf-8")

SLATE = '[data-md-color-scheme="slate"]'
BS_DARK = '[data-bs-theme="dark"]'
COLOURED = [f"opsspec-status-{i}" for i in range(8)] + [
    "opsspec-status-unknown",
    "opsspec-status-none",
    "opsspec-sev-critical",
    "opsspec-sev-high",
    "opsspec-sev-medium",
    "opsspec-sev-low",
    "opsspec-sev-unknown",
]


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                decls[name.strip()] = value.strip()
        out.append((" ".join(selector.split()), decls))
    return out


RULES = _rules(CSS.split("@media print")[0])


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_helper():
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def _pair(cls: str, scheme: str | None) -> tuple[str, str]:
    for selector, decls in RULES:
        parts = [p.strip() for p in selector.split(",")]
        for part in parts:
            if scheme is None and part == f".{cls}":
                return decls["color"], decls["background-color"]
            if scheme is not None and part == f"{scheme} .{cls}":
                return decls["color"], decls["background-color"]
    raise AssertionError(f"no rule for .{cls} ({scheme or 'light'})")


@pytest.mark.parametrize("scheme", [None, SLATE, BS_DARK])
@pytest.mark.parametrize("cls", COLOURED)
def test_badge_and_chip_contrast(cls, scheme):
    fg, bg = _pair(cls, scheme)
    assert re.fullmatch(r"#[0-9a-fA-F]{6}", fg) and re.fullmatch(r"#[0-9a-fA-F]{6}", bg)
    assert contrast(fg, bg) >= 4.5, (cls, scheme, fg, bg)


def test_status_colours_are_distinct():
    light = {_pair(f"opsspec-status-{i}", None) for i in range(8)}
    assert len(light) == 8


def test_theme_variables_with_fallbacks():
    for var in ("--md-default-fg-color", "--md-default-bg-color", "--md-code-bg-color"):
        assert re.search(rf"var\({var}, [^)]", CSS), var


def test_every_class_is_prefixed():
    classes = set(re.findall(r"\.([a-zA-Z_][\w-]*)", re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)))
    classes.discard("md-typeset")  # Material's content class, only to outrank its rules
    # the themes' own frames of content and tables, which the scrolling tables are fitted to:
    # Material's article and table frame, readthedocs' content and table frame
    classes -= {"md-content__inner", "md-typeset__table", "rst-content", "wy-table-responsive"}
    assert classes
    assert all(c.startswith("opsspec-") for c in classes), sorted(
        c for c in classes if not c.startswith("opsspec-")
    )


def test_print_keeps_the_strip():
    printed = CSS.split("@media print", 1)[1]
    assert ".opsspec-strip" in printed
    assert "display: none" not in printed
    assert "display:none" not in printed


def test_no_external_resources():
    for text in (CSS, JS):
        assert "http://" not in text and "https://" not in text
        assert "@import" not in text
    assert "url(" not in CSS
    assert "import " not in JS and "require(" not in JS


def test_script_reruns_after_instant_navigation():
    assert "document$.subscribe(init)" in JS
    assert 'addEventListener("DOMContentLoaded", init)' in JS
    assert "navigator.clipboard" in JS
    assert "button.opsspec-copy" in JS
    assert "data-copy" in JS


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_script_parses():
    subprocess.run(["node", "--check", str(ASSETS / "opsspec.js")], check=True)
