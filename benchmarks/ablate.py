"""What each speed device buys: the same work with the device and without it.

    python benchmarks/ablate.py                     # every device (about 10 minutes)
    python benchmarks/ablate.py --only site-cache --pairs 7

Devices (each a row of docs/benchmarks.md's "What each device buys"):

- parse-caches: the `lru_cache`s of `parser/operations.py` and `sections.py`; measured on
  `mkdocs-opsspec check --jobs 1` over the varied corpus of gen_corpus.py.
- feature-page-nav: the option `feature_page_nav: feature` (the default: a feature page renders
  the nav filtered to the feature's pages) against `full`; measured on a `mkdocs build` of the
  site with Material's full nav, where every page renders every nav entry.
- site-cache: the Markdown extension's `SiteCache` (`markdown/site.py`); measured on a
  `mkdocs build` of the example site with the extension in place of the plugin (as a builder
  without plugins converts its pages): without it, each page checks the whole docs folder.

Every variant runs in a fresh process; pairs alternate (with, without, without, with, ...) after
one warm-up of each. The figure is the CPU time (user + sys) of the process (check) or of
the build alone (builds); "buys" is 1 - with / without, the share of the time a user would
wait without the device: the median over the pairs and its min-max.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import REFERENCE_EPOCH, config_name, make_check_folder, make_site  # noqa: E402

DEVICES = ("parse-caches", "feature-page-nav", "site-cache")
EXAMPLE_SITE = HERE.parent / "example-site"
PARSE_CACHE_MODULES = ("mkdocs_opsspec.parser.operations", "mkdocs_opsspec.sections")


def _cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def _bypass_caches(modules: tuple[str, ...]) -> int:
    """Replace every `lru_cache` wrapper defined in `modules`, wherever the package holds a
    reference to it, by the function it wraps. Returns how many were defined there."""
    import importlib
    import pkgutil

    import mkdocs_opsspec

    for info in pkgutil.walk_packages(mkdocs_opsspec.__path__, "mkdocs_opsspec."):
        importlib.import_module(info.name)
    wrappers = set()
    for name, module in list(sys.modules.items()):
        if not name.startswith("mkdocs_opsspec"):
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, functools._lru_cache_wrapper) and value.__module__ in modules:
                setattr(module, attr, value.__wrapped__)
                wrappers.add(id(value))
    if not wrappers:
        raise SystemExit(f"no lru_cache found in {modules}: update benchmarks/ablate.py")
    return len(wrappers)


def child_check(folder: str, off: str | None) -> float:
    from mkdocs_opsspec import cli

    if off == "parse-caches":
        _bypass_caches(PARSE_CACHE_MODULES)
    with open("/dev/null", "w") as null:
        stdout, sys.stdout = sys.stdout, null
        try:
            cli.main(["check", folder, "--format", "json", "--jobs", "1"])
        finally:
            sys.stdout = stdout
    return _cpu()


def child_build(config: str, off: str | None) -> float:
    """`mkdocs build` of `config` (with `feature_page_nav: full` when that device is off); the
    CPU time of the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides: dict[str, Any] = {}
    if off == "feature-page-nav":
        overrides["plugins"] = ["search", {"opsspec": {"feature_page_nav": "full"}}]
    site_dir = tempfile.mkdtemp(prefix="ablate-site-")
    try:
        cfg = load_config(config, site_dir=site_dir, **overrides)
        cfg.plugins.on_startup(command="build", dirty=False)
        start = _cpu()
        build(cfg)
        return _cpu() - start
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def child_extension_build(docs_dir: str, off: str | None) -> float:
    """`mkdocs build` of `docs_dir` with the Markdown extension and no plugin; the CPU time of
    the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import mkdocs_opsspec.markdown as extension

    if off == "site-cache":

        class _Forgetful(extension.SiteCache):  # checks the folder again for every page
            def get(self, *args: Any, **kwargs: Any) -> Any:
                self.clear()
                return super().get(*args, **kwargs)

        extension.SITES = _Forgetful()
    work = Path(tempfile.mkdtemp(prefix="ablate-ext-"))
    config = work / "mkdocs.yml"
    config.write_text(
        json.dumps(  # JSON is YAML
            {
                "site_name": "Extension build",
                "docs_dir": docs_dir,
                "site_dir": str(work / "site"),
                "theme": {"name": "mkdocs"},
                "markdown_extensions": [
                    {"toc": {"permalink": True}},
                    "tables",
                    "admonition",
                    "attr_list",
                    "pymdownx.details",
                    "pymdownx.superfences",
                    "mkdocs_opsspec.markdown",
                ],
                "plugins": [],
            }
        ),
        "utf-8",
    )
    try:
        cfg = load_config(str(config))
        start = _cpu()
        build(cfg)
        return _cpu() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_child(kind: str, target: str, off: str | None) -> float:
    cmd = [sys.executable, __file__, "--child", kind, target, off or "-"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out.stderr[-3000:]}")
    return float(out.stdout.strip().splitlines()[-1])


def measure(device: str, kind: str, target: str, pairs: int) -> dict[str, Any]:
    def one(off: bool) -> float:
        return _run_child(kind, target, device if off else None)

    one(False), one(True)  # warm-up: file cache, .pyc files
    withs, withouts = [], []
    for i in range(pairs):
        order = (False, True) if i % 2 == 0 else (True, False)
        for off in order:
            (withouts if off else withs).append(one(off))
    buys = [1 - w / wo for w, wo in zip(withs, withouts, strict=True)]
    result = {
        "device": device,
        "measured_on": kind,
        "with_s": statistics.median(withs),
        "without_s": statistics.median(withouts),
        "buys": statistics.median(buys),
        "buys_min": min(buys),
        "buys_max": max(buys),
        "pairs": pairs,
    }
    print(
        f"{device:14} {kind:8} with {result['with_s']:.2f} s  without {result['without_s']:.2f} s"
        f"  buys {result['buys']:.1%} ({result['buys_min']:.1%} to {result['buys_max']:.1%})",
        flush=True,
    )
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default=",".join(DEVICES))
    ap.add_argument("--specs", type=int, default=2000, help="check corpus size")
    ap.add_argument("--features", type=int, default=100, help="site size")
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=HERE / "out" / "ablate")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "TARGET", "OFF"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, target, off = args.child
        run: Callable[[str, str | None], float] = {
            "check": child_check,
            "build": child_build,
            "extension": child_extension_build,
        }[kind]
        print(run(target, None if off == "-" else off))
        return
    devices = [d for d in args.only.split(",") if d]
    unknown = set(devices) - set(DEVICES)
    if unknown:
        ap.error(f"--only: one of {', '.join(DEVICES)}")
    args.work.mkdir(parents=True, exist_ok=True)
    folder = args.work / f"check-{args.specs}"
    site = args.work / f"site-{args.features}"
    if "parse-caches" in devices and not folder.exists():
        make_check_folder(folder, args.specs)
    if "feature-page-nav" in devices and not site.exists():
        make_site(site, args.features)
    kinds = {
        "parse-caches": ("check", str(folder)),
        "feature-page-nav": ("build", str(site / config_name("full", True))),
        "site-cache": ("extension", str(EXAMPLE_SITE / "docs")),
    }
    results = [measure(d, *kinds[d], args.pairs) for d in devices]
    (args.work / "results.json").write_text(json.dumps(results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
