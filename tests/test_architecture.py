"""The core imports nothing from MkDocs (it must outlive MkDocs 1.x and Material): every module
but the MkDocs adapter, imported in a fresh interpreter, loads no `mkdocs` module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import mkdocs_opsspec

PACKAGE = Path(mkdocs_opsspec.__file__).parent
ADAPTER = "mkdocs_opsspec.plugin"


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name != ADAPTER and not name.startswith(ADAPTER + "."):
            names.append(name)
    return names


def test_the_core_is_most_of_the_package() -> None:
    modules = core_modules()
    assert "mkdocs_opsspec.lexer" in modules and "mkdocs_opsspec.cli" in modules
    assert not any(m.startswith(ADAPTER) for m in modules)
    assert len(modules) > 40


def test_no_core_module_imports_mkdocs() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))\n"
        "print(' '.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


def test_the_adapter_does_import_mkdocs() -> None:
    """The check above can fail: importing the adapter loads MkDocs."""
    code = "import sys, mkdocs_opsspec.plugin; print('mkdocs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
