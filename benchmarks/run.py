"""Benchmarks of what users wait for, with the plugin and without it.

    python benchmarks/run.py --quick     # `make bench-quick`: the main ratios (7-8 minutes)
    python benchmarks/run.py             # `make bench`: the full set (most of an hour)
    python benchmarks/run.py --stages builds --sizes 300 --navs prune --pairs 7

Every run is a separate subprocess on a corpus from gen_corpus.py (seeded, varied specs), with
SOURCE_DATE_EPOCH fixed. Stages:

- builds: `mkdocs build` of a site of N features with Material, `navigation.prune` (the main
  configuration) and the full nav. One warm-up build of each flavour, then alternating pairs
  (plugin, none, none, plugin, ...). The ratio is the CPU time (user + sys) of the whole
  process tree, plugin over no plugin: the median of the per-pair ratios and their min-max.
  Wall times and peak memory beside it.
- check: `mkdocs-opsspec check --format json` on folders of operations specs (10,000 and
  1,000), with the default jobs (and `--jobs 1`, not in --quick), a warm-up run first: median
  wall time, CPU time and the peak RSS of the process tree (the sum over its processes,
  sampled every 20 ms).
- serve: a plugin `mkdocs serve` and a vanilla one on two copies of the prune site, both edited
  at the same moment (an availability target, a new value each time), so each pair of rebuilds
  runs side by side under the same conditions. A rebuild is timed from the watcher noticing the
  edit ("Detected file changes") to the build's end ("Reloading browsers"), as the server logs
  them; then the edited page (and the plugin's portfolio) is fetched over HTTP and must show
  the new value, so a stale page is caught. The ratio is the median of the per-pair ratios.

Timings on this 2-core machine: --quick (100 features) builds about 5 minutes, check and serve
about a minute each. Results go to benchmarks/out/results.json after each stage; at the end a
Markdown table (one row per measure, with the command that reproduces it) for
docs/benchmarks.md. The corpora's two figures (distinct lines, specs with findings) are printed
and saved too.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import (  # noqa: E402
    DEFAULT_SEED,
    REFERENCE_EPOCH,
    config_name,
    figures,
    make_check_folder,
    make_site,
)

ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]
_SCRIPT = Path(sys.executable).parent / "mkdocs-opsspec"
CHECK = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "mkdocs_opsspec.cli"]
#: The defaults of the full run and of --quick.
FULL = {
    "sizes": "100,300",
    "pairs": 5,
    "check_runs": 5,
    "check_jobs": "default,1",
    "serve_edits": 10,
}
QUICK = {"sizes": "100", "pairs": 5, "check_runs": 3, "check_jobs": "default", "serve_edits": 5}
#: The issue's targets: builds at 300 features, check on 10,000 and 1,000 specs.
TARGETS = {
    "prune": 1.15,
    "full": 1.05,
    "prune-slos": 1.15,
    "serve": 1.15,
    10_000: 5.0,
    1_000: 0.6,
    "rss_mb": 300,
}


# --- running one command ----------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # seconds, from start to exit
    cpu: float  # user + sys seconds of the process and every descendant it waited for
    tree_rss_mb: float  # peak of the RSS summed over the process tree (sampled every 20 ms)
    max_rss_mb: float  # the largest peak RSS of one process of the tree (getrusage)
    status: int


def run(cmd: list[str], cwd: Path, out: Path) -> Run:
    """Run `cmd`, its stdout to `out` and its stderr to `out` + ".err"."""
    peak = [0]
    done = threading.Event()
    with open(out, "wb") as stdout, open(f"{out}.err", "wb") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=stdout, stderr=stderr)
        sampler = threading.Thread(target=_sample_rss, args=(proc.pid, done, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)  # usage: of the whole waited-for tree
        wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if proc.returncode not in (0, 1):  # 1: error findings (check)
        err = Path(f"{out}.err").read_text("utf-8", "replace")[-2000:]
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err}")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        tree_rss_mb=peak[0] / 1024,
        max_rss_mb=usage.ru_maxrss / 1024,
        status=proc.returncode,
    )


def _sample_rss(pid: int, done: threading.Event, peak: list[int]) -> None:
    while not done.is_set():
        peak[0] = max(peak[0], sum(_rss_kb(p) for p in _tree(pid)))
        done.wait(0.02)


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux /proc; just `pid` elsewhere)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def spread(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
    }


# --- stages -----------------------------------------------------------------------------------


def bench_builds(root: Path, features: int, nav: str, pairs: int) -> dict[str, Any]:
    """Alternating plugin / no-plugin builds of the site in `root`."""
    flavours = {"plugin": config_name(nav, True), "none": config_name(nav, False)}

    def build(flavour: str) -> Run:
        cfg = flavours[flavour]
        site = root / f"site-{Path(cfg).stem}"
        return run([*MKDOCS, "build", "-f", cfg, "-d", str(site)], root, root / f"{cfg}.log")

    for flavour in flavours:  # warm-up: file cache, .pyc files
        build(flavour)
    runs: dict[str, list[Run]] = {"plugin": [], "none": []}
    for i in range(pairs):
        for flavour in ("plugin", "none") if i % 2 == 0 else ("none", "plugin"):
            runs[flavour].append(build(flavour))
        w, wo = runs["plugin"][-1], runs["none"][-1]
        print(
            f"  {features} features, {nav}, pair {i + 1}: CPU {w.cpu:.2f}s vs {wo.cpu:.2f}s "
            f"({w.cpu / wo.cpu:.3f}), wall {w.wall:.2f}s vs {wo.wall:.2f}s",
            flush=True,
        )
    pair_ratios = [w.cpu / wo.cpu for w, wo in zip(runs["plugin"], runs["none"], strict=True)]
    wall_ratios = [w.wall / wo.wall for w, wo in zip(runs["plugin"], runs["none"], strict=True)]
    return {
        "features": features,
        "pages": sum(1 for _ in (root / "docs").rglob("*.md")),
        "nav": nav,
        "pairs": pairs,
        "cpu_ratio": spread(pair_ratios),
        "wall_ratio": spread(wall_ratios),
        **{
            f"{flavour}_{what}": statistics.median(getattr(r, what) for r in rs)
            for flavour, rs in runs.items()
            for what in ("cpu", "wall")
        },
        **{
            f"{flavour}_tree_rss_mb": max(r.tree_rss_mb for r in rs) for flavour, rs in runs.items()
        },
        "runs": {flavour: [asdict(r) for r in rs] for flavour, rs in runs.items()},
    }


def bench_check(folder: Path, specs: int, runs: int, jobs: list[str]) -> list[dict[str, Any]]:
    """`check --format json` with each of `jobs` ("default" or a number), a warm-up run each."""
    out = []
    for job in jobs:
        option = [] if job == "default" else ["--jobs", job]
        cmd = [*CHECK, "check", "--format", "json", *option, str(folder)]
        report = folder.parent / f"report-{specs}.json"
        run(cmd, folder.parent, report)  # warm-up
        results = [run(cmd, folder.parent, report) for _ in range(runs)]
        json.loads(report.read_text("utf-8"))  # a whole report was written
        row = {
            "specs": specs,
            "jobs": job,
            "runs": runs,
            "wall": spread([r.wall for r in results]),
            "cpu": statistics.median(r.cpu for r in results),
            "tree_rss_mb": max(r.tree_rss_mb for r in results),
            "max_rss_mb": max(r.max_rss_mb for r in results),
        }
        print(
            f"  check {specs} specs, jobs {row['jobs']}: wall {row['wall']['median']:.2f}s "
            f"({row['wall']['min']:.2f}-{row['wall']['max']:.2f}), CPU {row['cpu']:.2f}s, "
            f"tree RSS {row['tree_rss_mb']:.0f} MB",
            flush=True,
        )
        out.append(row)
    return out


class Server:
    """`mkdocs serve` of `root` with config `cfg` on a free port; its log lines, timed."""

    def __init__(self, root: Path, cfg: str) -> None:
        self.root = root
        self.port = _free_port()
        self.proc = subprocess.Popen(
            [*MKDOCS, "serve", "-f", cfg, "-a", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=root,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append((time.perf_counter(), line))

    def wait_for(self, text: str, start: int = 0, timeout: float = 900) -> float:
        """When the first log line from line `start` on containing `text` was read."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            for t, line in self.lines[start:]:
                if text in line:
                    return t
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        tail = "".join(line for _, line in self.lines[-20:])
        raise RuntimeError(f"no '{text}' from mkdocs serve in {self.root}:\n{tail}")

    def page(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=60) as response:
            return str(response.read().decode("utf-8"))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


_AVAILABILITY_RE = re.compile(r"^(\| *Availability *\| *)([^|]*?)( *\|)", re.MULTILINE)


def bench_serve(site: Path, features: int, work: Path, edits: int) -> dict[str, Any]:
    """Rebuilds of a plugin and a vanilla `mkdocs serve` after the same edit (see the module)."""
    target = next(
        p
        for p in sorted((site / "docs" / "operations").glob("ybs-spec_*.md"))
        if _AVAILABILITY_RE.search(p.read_text("utf-8"))
    )
    rel = target.relative_to(site)
    page = f"operations/{target.stem}/"
    servers: dict[str, Server] = {}
    try:
        for flavour, plugin in (("plugin", True), ("none", False)):
            root = work / f"serve-{flavour}"
            if root.exists():
                shutil.rmtree(root)
            shutil.copytree(site / "docs", root / "docs")
            shutil.copy(site / config_name("prune", plugin), root)
            servers[flavour] = Server(root, config_name("prune", plugin))
        for server in servers.values():
            server.wait_for("Serving on")
        times: dict[str, dict[str, list[float]]] = {
            f: {"rebuild": [], "build": [], "edit_to_reload": []} for f in servers
        }
        stale = 0
        for k in range(1, edits + 1):
            time.sleep(1.5)  # past the watcher's debounce of the last rebuild
            value = f"99.{900 + k}%"  # new each time, so a stale page shows an old one
            marks = {}
            for flavour, server in servers.items():  # both edited at the same moment
                path = server.root / rel
                text = _AVAILABILITY_RE.sub(rf"\g<1>{value}\g<3>", path.read_text("utf-8"), 1)
                marks[flavour] = (len(server.lines), time.perf_counter())
                path.write_text(text, "utf-8")
            for flavour, server in servers.items():
                mark, edited = marks[flavour]
                done = server.wait_for("Reloading browsers", mark)
                noticed = server.wait_for("Detected file changes", mark)
                building = server.wait_for("Building documentation", mark)
                times[flavour]["rebuild"].append(done - noticed)
                times[flavour]["build"].append(done - building)
                times[flavour]["edit_to_reload"].append(done - edited)
                pages = [page] + (["opsspec/portfolio/"] if flavour == "plugin" else [])
                for url in pages:
                    if value not in server.page(url):
                        stale += 1
                        print(f"  STALE: {flavour} /{url} lacks {value} after edit {k}")
            w, wo = times["plugin"]["rebuild"][-1], times["none"]["rebuild"][-1]
            print(f"  serve edit {k}: rebuild {w:.2f}s vs {wo:.2f}s ({w / wo:.3f})", flush=True)
    finally:
        for server in servers.values():
            server.stop()
    out: dict[str, Any] = {"features": features, "edits": edits, "edited": str(rel), "stale": stale}
    for what in ("rebuild", "build", "edit_to_reload"):
        w, wo = times["plugin"][what], times["none"][what]
        out[what] = {
            "plugin_median": statistics.median(w),
            "none_median": statistics.median(wo),
            "pair_ratio": spread([a / b for a, b in zip(w, wo, strict=True)]),
        }
    return out


def _commit() -> str:
    """The commit of the code measured (with "+" if the work tree has changes)."""
    git = ["git", "-C", str(HERE)]
    try:
        commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, check=True).stdout.strip()  # fmt: skip
        dirty = subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+" if dirty.stdout.strip() else "")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


# --- the report -------------------------------------------------------------------------------


def table(results: dict[str, Any], seed: int) -> str:
    """A Markdown table of the results, a row per measure with the command that reproduces
    it."""
    seed_arg = "" if seed == DEFAULT_SEED else f" --seed {seed}"
    rows = ["| Measure | Result | Target | Reproduce |", "|---|---|---|---|"]
    for b in results.get("builds", []):
        nav = {
            "prune": "navigation.prune",
            "full": "full nav",
            "prune-slos": "navigation.prune, `slo_sources` set",
        }[b["nav"]]
        r = b["cpu_ratio"]
        rows.append(
            f"| `mkdocs build`, {b['features']} features ({b['pages']} Markdown pages), {nav}: CPU "
            f"plugin / none | **{r['median']:.3f}** ({r['min']:.3f}-{r['max']:.3f}, "
            f"{b['pairs']} pairs); CPU {b['plugin_cpu']:.1f} s vs {b['none_cpu']:.1f} s, "
            f"wall {b['plugin_wall']:.1f} s vs {b['none_wall']:.1f} s, peak RSS "
            f"{b['plugin_tree_rss_mb']:.0f} vs {b['none_tree_rss_mb']:.0f} MB "
            f"| ≤ {TARGETS[b['nav']]} at 300 features "
            f"| `python benchmarks/run.py --stages builds --sizes {b['features']} "
            f"--navs {b['nav']} --pairs {b['pairs']}{seed_arg}` |"
        )
    for c in results.get("check", []):
        target = "—"
        if c["jobs"] == "default" and c["specs"] in TARGETS:
            target = f"≤ {TARGETS[c['specs']]} s" + (
                f", ≤ {TARGETS['rss_mb']} MB" if c["specs"] == 10_000 else ""
            )
        jobs = "" if c["jobs"] == "default" else f" --jobs {c['jobs']}"
        w = c["wall"]
        rows.append(
            f"| `mkdocs-opsspec check --format json{jobs}`, {c['specs']:,} operations specs "
            f"| wall **{w['median']:.2f} s** ({w['min']:.2f}-{w['max']:.2f}, {c['runs']} runs), "
            f"CPU {c['cpu']:.2f} s, peak RSS **{c['tree_rss_mb']:.0f} MB** (process tree) "
            f"| {target} | `python benchmarks/run.py --stages check --check-specs {c['specs']} "
            f"--check-jobs {c['jobs']} --check-runs {c['runs']}{seed_arg}` |"
        )
    s = results.get("serve")
    if s:
        r = s["rebuild"]
        stale = "never stale" if s["stale"] == 0 else f"**STALE {s['stale']} times**"
        rows.append(
            f"| `mkdocs serve` rebuild after one edit, {s['features']} features, "
            f"navigation.prune: plugin / none | **{r['pair_ratio']['median']:.3f}** "
            f"({r['pair_ratio']['min']:.3f}-{r['pair_ratio']['max']:.3f}, {s['edits']} pairs); "
            f"{r['plugin_median']:.2f} s vs {r['none_median']:.2f} s; {stale} "
            f"| ≤ {TARGETS['serve']} | `python benchmarks/run.py --stages serve --serve-size "
            f"{s['features']} --serve-edits {s['edits']}{seed_arg}` |"
        )
    return "\n".join(rows)


def print_corpus(name: str, fig: dict[str, Any]) -> None:
    print(
        f"corpus {name}: {fig['specs']} specs, {fig['distinct_line_share']:.1%} of non-blank "
        f"lines distinct, {fig['specs_with_findings_share']:.1%} of specs with findings",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="the main ratios in a few minutes")
    ap.add_argument("--stages", default="builds,check,serve")
    ap.add_argument("--sizes", help="features of the build sites (full: 100,300; quick: 100)")
    ap.add_argument("--navs", default="prune,full", help="prune (main), full and/or prune-slos")
    ap.add_argument("--pairs", type=int, help="plugin / no-plugin build pairs (5)")
    ap.add_argument("--check-specs", default="10000,1000")
    ap.add_argument("--check-runs", type=int, help="runs of each check (full: 5; quick: 3)")
    ap.add_argument("--check-jobs", help="'default' and/or numbers (full: default,1)")
    ap.add_argument("--serve-size", type=int, default=100, help="features of the serve site")
    ap.add_argument("--serve-edits", type=int, help="edit pairs (full: 10; quick: 5)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--work", type=Path, help="keep the corpora here (default: a temp dir)")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "results.json")
    args = ap.parse_args()
    for key, value in (QUICK if args.quick else FULL).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    stages = set(args.stages.split(","))
    if not stages <= {"builds", "check", "serve"} or args.pairs < 1 or args.serve_edits < 1:
        ap.error("--stages: builds, check, serve; --pairs and --serve-edits: at least 1")
    results: dict[str, Any] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "commit": _commit(),
        "seed": args.seed,
        "corpus": {},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)

    def save() -> None:  # after each stage: a long run that is stopped keeps what it measured
        args.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")

    tmp = None if args.work else tempfile.TemporaryDirectory(prefix="opsspec-bench-")
    work = Path(tmp.name) if tmp else args.work
    work.mkdir(parents=True, exist_ok=True)
    sites: dict[int, Path] = {}

    def site(features: int) -> Path:
        if features not in sites:
            root = work / f"site-{features}"
            make_site(root, features, args.seed)
            fig = results["corpus"][f"site-{features}"] = figures(root / "docs")
            print_corpus(f"site of {features} features", fig)
            sites[features] = root
        return sites[features]

    try:
        if "builds" in stages:
            results["builds"] = []
            for features in (int(s) for s in args.sizes.split(",")):
                for nav in args.navs.split(","):
                    row = bench_builds(site(features), features, nav, args.pairs)
                    results["builds"].append(row)
                    save()
        if "check" in stages:
            results["check"] = []
            for specs in (int(s) for s in args.check_specs.split(",")):
                folder = make_check_folder(work / f"check-{specs}" / "specs", specs, args.seed)
                fig = results["corpus"][f"check-{specs}"] = figures(folder)
                print_corpus(f"check folder of {specs} specs", fig)
                jobs = args.check_jobs.split(",")
                results["check"] += bench_check(folder, specs, args.check_runs, jobs)
                save()
        if "serve" in stages:
            size = args.serve_size
            results["serve"] = bench_serve(site(size), size, work, args.serve_edits)
            save()
    finally:
        save()
        if tmp is not None:
            tmp.cleanup()
    print(f"\nwrote {args.out}\n")
    load = ", ".join(f"{x:.2f}" for x in results["load_average_at_start"])
    print(f"{results['cpus']} CPUs, Python {results['python']}, commit {results['commit']}, "
          f"load average at the start {load}\n")  # fmt: skip
    print(table(results, args.seed))


if __name__ == "__main__":
    main()
