"""The core imports nothing from MkDocs (it must outlive MkDocs 1.x and Material): the adapters are
listed here by name, and every other module, read and imported, uses neither MkDocs nor an
adapter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import mkdocs_opsspec

PACKAGE = Path(mkdocs_opsspec.__file__).parent
#: The modules that adapt the core to a site builder or a command line (packages with all
#: their modules). Only these may import MkDocs.
ADAPTERS = (
    "mkdocs_opsspec.plugin",  # the MkDocs plugin
    "mkdocs_opsspec.markdown",  # the Python-Markdown extension (Zensical, MkDocs, ProperDocs)
    "mkdocs_opsspec.cli",  # `mkdocs-opsspec`
    "mkdocs_opsspec.generate",  # `mkdocs-opsspec generate`
    "mkdocs_opsspec.site_config",  # config files read without the site builder
)


def is_adapter(name: str) -> bool:
    return any(name == a or name.startswith(a + ".") for a in ADAPTERS)


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def core_modules() -> list[str]:
    return [name for name in modules() if not is_adapter(name)]


def imported(name: str, path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function, as absolute names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def test_every_adapter_exists_and_the_core_is_most_of_the_package() -> None:
    names = set(modules())
    for adapter in ADAPTERS:
        assert adapter in names, adapter
    core = core_modules()
    assert "mkdocs_opsspec.lexer" in core and "mkdocs_opsspec.settings" in core
    assert len(core) > 40


def test_no_core_module_imports_mkdocs_or_an_adapter() -> None:
    """Read, not run: an import inside a function counts too."""
    found = modules()
    bad = []
    for name in core_modules():
        for module in imported(name, found[name]):
            if module == "mkdocs" or module.startswith("mkdocs.") or is_adapter(module):
                bad.append(f"{name} imports {module}")
    assert bad == []


def test_no_core_module_loads_mkdocs() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))\n"
        "print(' '.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


def test_the_checks_above_can_fail() -> None:
    """The plugin imports MkDocs (at import) and the CLI (inside a function): both are seen."""
    code = "import sys, mkdocs_opsspec.plugin; print('mkdocs' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
    cli = imported("mkdocs_opsspec.cli", modules()["mkdocs_opsspec.cli"])
    assert "mkdocs.config.load_config" in cli
    assert "mkdocs_opsspec.settings.options_from" in cli
