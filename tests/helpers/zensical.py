"""Real Zensical builds for the tests, in a venv of their own (Zensical pins its own Markdown
stack, and must never land in the project's venv).

The venv is made once, in a cache folder outside the work tree (`$OPSSPEC_ZENSICAL_VENV`, else
`~/.cache/mkdocs-opsspec/zensical-<version>-py<X.Y>`), with Zensical and the dependencies of our
package from pyproject.toml; our package itself comes from the work tree through PYTHONPATH, so
the builds always run the code under test. It is made again when that list changes. Making it
took 5 s with a warm pip cache and 7 s without (from a local PyPI mirror); `generate` and a
build of the example site take under 2 s.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.sites import ROOT

#: The newest Zensical the package registry here installs (0.0.74 and later need
#: `zensical-ui`, which it lacks).
VERSION = "0.0.73"
EPOCH = "1795651200"  # 2026-11-26: the same findings on any day
OFFLINE_PIP = (
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No matching distribution found for zensical",
)


def requirements() -> list[str]:
    """Zensical and our package's dependencies."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        tomllib = pytest.importorskip("tomli")
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return [f"zensical=={VERSION}", *data["project"]["dependencies"]]


def venv_dir() -> Path:
    given = os.environ.get("OPSSPEC_ZENSICAL_VENV")
    if given:
        return Path(given)
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    tag = f"py{sys.version_info.major}.{sys.version_info.minor}"
    return cache / "mkdocs-opsspec" / f"zensical-{VERSION}-{tag}"


def zensical_venv() -> Path:
    """The venv (made if missing or out of date); skips the test when PyPI is unreachable."""
    venv = venv_dir()
    wanted = "\n".join(requirements()) + "\n"
    stamp = venv / "opsspec-requirements.txt"
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f"{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one test run at a time makes it
        if stamp.is_file() and stamp.read_text("utf-8") == wanted:
            return venv
        subprocess.run(
            [sys.executable, "-m", "venv", "--clear", "--without-pip", str(venv)], check=True
        )
        pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")]
        proc = subprocess.run(
            [*pip, "install", "-q", *requirements()], capture_output=True, text=True, timeout=600
        )
        if proc.returncode and any(s in proc.stderr for s in OFFLINE_PIP):
            pytest.skip(f"PyPI is unreachable: {proc.stderr.strip().splitlines()[-1]}")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        stamp.write_text(wanted, "utf-8")
    return venv


def run(
    venv: Path, args: list[str], cwd: Path, *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """A program of the venv (`zensical`, `python`) in `cwd`, with our package from the work
    tree and a fixed date."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH=EPOCH)
    env.pop("VIRTUAL_ENV", None)
    program = str(venv / "bin" / args[0])
    proc = subprocess.run(
        [program, *args[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert proc.returncode == 0, (
            f"{args} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def generate_and_build(
    venv: Path, site: Path, config: str = "mkdocs.yml", *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """`mkdocs-opsspec generate`, then `zensical build --clean`, as the README says."""
    run(venv, ["python", "-m", "mkdocs_opsspec.cli", "generate", "-f", config], site, check=False)
    return run(venv, ["zensical", "build", "--clean", "-f", config], site, check=check)
