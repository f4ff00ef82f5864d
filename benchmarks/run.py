"""Benchmarks: whole `mkdocs build` runs with and without the plugin, `check` on 10,000 specs,
and a `mkdocs serve` rebuild after one edit. Every run is a separate subprocess.

    python benchmarks/run.py                      # the README's table (takes a long while)
    python benchmarks/run.py --sizes 100 --pairs 4 --skip-serve --check-specs 2000

Builds alternate plugin / no-plugin runs (pairs) so drift affects both alike; the table gives the
median ratio and its spread (min-max of the per-pair ratios), and each run's peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_site import make_docs, write_config  # noqa: E402

MEASURE = [sys.executable, str(HERE / "measure.py")]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795651200"}
#: Sites of this many features or more: no warm-up builds, `--pairs-large` pairs.
LARGE = 1000


def measured(cmd: list[str], cwd: Path, profile: bool = False) -> dict[str, Any]:
    """Wall time of the whole subprocess (interpreter start included), its peak RSS and its
    largest child's (getrusage), and the peak of the RSS summed over the process and its
    children, sampled from /proc every 20 ms (Linux; 0 elsewhere)."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        [*MEASURE, *cmd],
        cwd=cwd,
        env={**ENV, "OPSSPEC_PROFILE": "1"} if profile else ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak_sum = [0]
    sampler = threading.Thread(target=_sample_tree_rss, args=(proc, peak_sum), daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - t
    sampler.join()
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd} failed: {stderr[-2000:]}")
    data = json.loads(stdout.strip().splitlines()[-1])
    data["seconds"] = seconds
    data["tree_rss_mb"] = round(peak_sum[0] / 1024, 1)
    data["stderr"] = stderr
    return data


def _sample_tree_rss(proc: subprocess.Popen[str], peak: list[int]) -> None:
    while proc.poll() is None:
        peak[0] = max(peak[0], sum(_rss_kb(pid) for pid in _tree(proc.pid)))
        time.sleep(0.02)


def _tree(pid: int) -> list[int]:
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
        return 0
    return 0


def bench_builds(size: int, pairs: int, theme: str, work: Path) -> dict[str, object]:
    root = work / f"site-{size}"
    make_docs(root / "docs", size)
    write_config(root, theme, plugin=True)
    write_config(root, theme, plugin=False)
    # one warm-up of each (file cache, .pyc); not for large sites, whose builds take so long
    # (about 20 minutes at 1,000 features) that a cold file cache is lost in the noise
    large = size >= LARGE
    if not large:
        for cfg in ("mkdocs.yml", "mkdocs-noplugin.yml"):
            measured(["build", "-q", "-f", cfg, "-d", str(root / "out")], root)
    ratios, with_t, without_t, rss_with, rss_without, tree_with = [], [], [], [], [], []
    for i in range(pairs):
        order = (
            ("mkdocs.yml", "mkdocs-noplugin.yml")
            if i % 2 == 0
            else ("mkdocs-noplugin.yml", "mkdocs.yml")
        )
        # large sites: the plugin's runs also log its profile (a few timers per hook), so no
        # extra build is needed for the plugin's share
        res = {
            cfg: measured(
                # -q would hide the profile's INFO lines: large sites log INFO in both runs
                ["build", *([] if large else ["-q"]), "-f", cfg, "-d", str(root / "out")],
                root,
                profile=large and cfg == "mkdocs.yml",
            )
            for cfg in order
        }
        w, wo = res["mkdocs.yml"], res["mkdocs-noplugin.yml"]
        with_t.append(w["seconds"])
        without_t.append(wo["seconds"])
        rss_with.append(w["max_rss_mb"])
        tree_with.append(w["tree_rss_mb"])  # the background process included
        rss_without.append(wo["max_rss_mb"])
        ratios.append(w["seconds"] / wo["seconds"])
        print(
            f"  {size} features pair {i + 1}: {w['seconds']:.2f}s vs {wo['seconds']:.2f}s",
            flush=True,
        )
    # the plugin's own share, from its profile option
    if large:
        log = w["stderr"]
    else:
        log = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", str(root / "out")],
            cwd=root,
            env={**ENV, "OPSSPEC_PROFILE": "1"},
            capture_output=True,
            text=True,
            check=True,
        ).stderr
    share = re.search(r"profile: plugin ([\d.]+)s of a ([\d.]+)s build \(([\d.]+)%\)", log)
    background = re.search(r"profile: +background process[^:]*: ([\d.]+)s", log)
    return {
        "features": size,
        "pages": sum(1 for _ in (root / "docs").rglob("*.md")),
        "pairs": pairs,
        "median_with": statistics.median(with_t),
        "median_without": statistics.median(without_t),
        "median_ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "rss_with_mb": max(rss_with),
        "rss_without_mb": max(rss_without),
        "tree_rss_with_mb": max(tree_with),
        "plugin_share_percent": float(share.group(3)) if share else None,
        "plugin_background_seconds": float(background.group(1)) if background else None,
        "profile": [ln.split("profile:", 1)[1] for ln in log.splitlines() if "profile:" in ln],
    }


def bench_check(n: int, work: Path, runs: int = 5) -> dict[str, object]:
    root = work / f"check-{n}"
    make_docs(root / "docs", n, ops_only=True)
    cli = str(Path(sys.executable).parent / "mkdocs-opsspec")
    out: dict[str, object] = {"specs": n}
    for label, extra in (("", []), ("_jobs1", ["--jobs", "1"])):
        measured([cli, "check", *extra, "docs"], root)  # warm-up
        results = [measured([cli, "check", *extra, "docs"], root) for _ in range(runs)]
        out[f"median_seconds{label}"] = statistics.median(r["seconds"] for r in results)
        out[f"max_rss_mb{label}"] = max(r["max_rss_mb"] for r in results)
        out[f"max_rss_child_mb{label}"] = max(r["max_rss_child_mb"] for r in results)
        out[f"tree_rss_mb{label}"] = max(r["tree_rss_mb"] for r in results)
    return out


class Server:
    """A `mkdocs serve --livereload` of `root` with config `cfg`, on a free port."""

    def __init__(self, root: Path, cfg: str) -> None:
        self.root = root
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                cfg,
                "-a",
                f"127.0.0.1:{_free_port()}",
                "--livereload",
            ],
            cwd=root,
            env=ENV,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        self.lines: list[tuple[float, str]] = []
        stderr = self.proc.stderr
        assert stderr is not None
        reader = threading.Thread(
            target=lambda: [self.lines.append((time.perf_counter(), ln)) for ln in stderr],
            daemon=True,
        )
        reader.start()
        self.target = next((root / "docs" / "operations").glob("ybs-spec_*.md"))
        self.edits = 0
        self.mark = 0
        self.edited = 0.0

    def ready(self) -> None:
        _wait_for(self.lines, "Serving on", 600)

    #: The edit: an availability target, changed back and forth. It reaches the spec's page
    #: (SLO table, error budget), its feature's page, the portfolio, portfolio.json and the
    #: report, as an author's edit does (an edit that changes nothing the pages show, such as
    #: a comment, would let the plugin's rebuild memos skip nearly everything).
    EDIT = ("| Availability | 99.9% |", "| Availability | 99.95% |")

    def edit(self) -> None:
        """Change the spec and note where the serve log stands."""
        old, new = self.EDIT if self.edits % 2 == 0 else self.EDIT[::-1]
        text = self.target.read_text("utf-8")
        assert old in text, (self.target, old)
        self.mark = len(self.lines)
        self.edited = time.perf_counter()
        self.target.write_text(text.replace(old, new, 1), "utf-8")
        self.edits += 1

    def rebuilt(self) -> tuple[float, float]:
        """Seconds from the last `edit` to the end of its rebuild, and from the server noticing
        the edit to that end (the rebuild itself), as the serve log reports. The first includes
        the file watcher's delay, which varies between 0 and 0.5 s for reasons of its own
        (watchdog holds inotify events back to pair moves), with or without the plugin."""
        done = _wait_for(self.lines, "Reloading browsers", 600, start=self.mark)
        noticed = _wait_for(self.lines, "Detected file changes", 1, start=self.mark)
        return done - self.edited, done - noticed

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def _wait_for(lines: list[tuple[float, str]], text: str, timeout: float, start: int = 0) -> float:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        for t, ln in lines[start:]:
            if text in ln:
                return t
        time.sleep(0.05)
    raise TimeoutError(text)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_serve(size: int, work: Path, edits: int = 12) -> dict[str, object]:
    """Serve rebuilds with and without the plugin: two servers, each on its own copy of the
    site, are edited at the same moment, so each pair of rebuilds runs side by side on the two
    cores, under the same machine conditions. A rebuild at 100 features takes about 17 s, and
    this machine's speed drifts by 10% over minutes: servers run one after the other, or edited
    in turn, measured the drift as much as the plugin."""
    servers = {}
    for plugin in (True, False):
        root = work / f"serve-{size}-{'plugin' if plugin else 'none'}"
        make_docs(root / "docs", size)
        write_config(root, "material", plugin=plugin)
        servers[plugin] = Server(root, "mkdocs.yml" if plugin else "mkdocs-noplugin.yml")
    times: dict[bool, list[float]] = {True: [], False: []}  # edit to reload
    rebuilds: dict[bool, list[float]] = {True: [], False: []}  # server noticing it to reload
    try:
        for server in servers.values():
            server.ready()
        for k in range(edits):
            time.sleep(1.5)  # past the watcher's debounce of the last rebuild
            for server in servers.values():
                server.edit()
            for plugin, server in servers.items():
                total, rebuild = server.rebuilt()
                times[plugin].append(total)
                rebuilds[plugin].append(rebuild)
            print(
                f"  serve edit {k + 1}: rebuild {rebuilds[True][-1]:.2f}s vs "
                f"{rebuilds[False][-1]:.2f}s; edit to reload {times[True][-1]:.2f}s vs "
                f"{times[False][-1]:.2f}s",
                flush=True,
            )
    finally:
        for server in servers.values():
            server.stop()
    out: dict[str, object] = {"features": size, "rebuilds_each": edits}
    for label, series in (("rebuild", rebuilds), ("edit_to_reload", times)):
        ratios = [w / wo for w, wo in zip(series[True], series[False], strict=True)]
        out[label] = {
            "median_with": statistics.median(series[True]),
            "median_without": statistics.median(series[False]),
            "ratio": statistics.median(series[True]) / statistics.median(series[False]),
            "median_pair_ratio": statistics.median(ratios),
            "pair_ratio_min": min(ratios),
            "pair_ratio_max": max(ratios),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,300,1000")
    ap.add_argument("--pairs", type=int, default=10)
    ap.add_argument("--pairs-large", type=int, default=3, help="pairs for sizes >= 1000")
    ap.add_argument("--theme", default="material")
    ap.add_argument("--check-specs", type=int, default=10_000)
    ap.add_argument("--serve-size", type=int, default=100)
    ap.add_argument("--serve-edits", type=int, default=12, help="edits to each server")
    ap.add_argument("--skip-builds", action="store_true")
    ap.add_argument("--skip-serve", action="store_true")
    ap.add_argument("--skip-check", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "results.json")
    args = ap.parse_args()
    if args.serve_edits < 1:
        ap.error("--serve-edits: at least 1")
    results: dict[str, object] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    args.out.parent.mkdir(parents=True, exist_ok=True)

    def save() -> None:  # after each stage, so a long run that is stopped keeps what it measured
        args.out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.skip_check:
            results["check"] = bench_check(args.check_specs, work)
            print("check:", results["check"], flush=True)
            save()
        if not args.skip_builds:
            builds = []
            for size in (int(s) for s in args.sizes.split(",")):
                pairs = args.pairs if size < LARGE else args.pairs_large
                builds.append(bench_builds(size, pairs, args.theme, work))
                print("build:", builds[-1], flush=True)
                results["builds"] = builds
                save()
        if not args.skip_serve:
            results["serve"] = bench_serve(args.serve_size, work, args.serve_edits)
            print("serve:", results["serve"], flush=True)
    save()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
