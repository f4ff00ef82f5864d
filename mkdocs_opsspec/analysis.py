"""Run the core over a set of files: parse every spec, run the rules, apply the user's settings.

This is the single entry point both adapters (the MkDocs plugin and the CLI) call, so a build and
`mkdocs-opsspec check` report the same thing for the same files and options.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import multiprocessing
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import baseline as bl
from .globs import matches_any
from .model import Finding, Severity, Spec
from .parser import parse_file
from .rules import (
    DEFAULT_REQUIRED_SECTIONS,
    DEFAULT_STATUSES,
    RuleContext,
    run_site_rules,
    run_spec_rules,
)
from .rules.registry import NOT_UTF8, RULES

SEVERITY_NAMES = ("error", "warning", "info", "off")
#: `analyse(slim=...)`: the specs of the result keep only what the JSON report and the
#: cross-file rules read (no sections, tables, lexed source or per-spec findings) ...
SLIM_REPORT = "report"
#: ... or only what the cross-file rules, per-spec ignores and summaries read (no operations).
SLIM_LINKS = "links"
#: Fewer Markdown files than this are checked in one process even when jobs > 1: starting
#: workers costs more than it saves.
PARALLEL_MIN_FILES = 200
#: Files per task sent to a worker: about 16 tasks per worker, within these bounds (each task
#: costs the parent a little; the last ones decide how evenly the workers finish).
_CHUNK_MIN, _CHUNK_MAX = 8, 128
_LOCALE_MD_RE = re.compile(r"\.[a-z]{2}(?:[_-][A-Za-z]{2,4})?\.md$")


@dataclass(frozen=True)
class Options:
    """Core options (the plugin's Config and the CLI both map onto these)."""

    exclude: tuple[str, ...] = ()
    rules: Mapping[str, str] = field(default_factory=dict)  # code -> error|warning|info|off
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    stale_after_days: int = 180
    required_sections: tuple[str, ...] = DEFAULT_REQUIRED_SECTIONS
    feature_class: str | None = None
    reference_date: dt.date | None = None  # None: today / SOURCE_DATE_EPOCH (set by adapters)
    baseline: tuple[bl.Entry, ...] = ()
    #: Keep each spec's lexed source (`Spec.document`) after its rules ran. Pages need it; the
    #: CLI does not, and dropping it keeps 10,000 specs in a fraction of the memory.
    keep_documents: bool = True


@dataclass
class Analysis:
    specs: list[Spec] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    undecodable: set[str] = field(default_factory=set)  # paths of specs that are not UTF-8
    baseline_unmatched: list[bl.Entry] = field(default_factory=list)
    reference_date: dt.date | None = None

    def counts(self, *, include_baselined: bool = False) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            if include_baselined or not f.baselined:
                out[f.severity.value] += 1
        return out


def check_rule_settings(rules: Mapping[str, str]) -> list[str]:
    """Problems with a `rules:` mapping (unknown codes, unknown severities)."""
    problems = []
    for code, level in rules.items():
        if code not in RULES:
            problems.append(f"unknown rule code '{code}' (see the README's rule table)")
        elif str(level).lower() not in SEVERITY_NAMES:
            problems.append(f"rule {code}: '{level}' is not one of {', '.join(SEVERITY_NAMES)}")
    return problems


def _ignored_codes(spec: Spec) -> frozenset[str]:
    cfg = spec.front_matter.get("opsspec")
    if isinstance(cfg, dict):
        ignore = cfg.get("ignore")
        if isinstance(ignore, str):
            return frozenset({ignore})
        if isinstance(ignore, list):
            return frozenset(str(c) for c in ignore)
    return frozenset()


def _apply_settings(findings: list[Finding], specs: list[Spec], options: Options) -> list[Finding]:
    ignores = {s.path: _ignored_codes(s) for s in specs}
    out = []
    for f in findings:
        if f.rule in ignores.get(f.path, ()):
            continue
        level = options.rules.get(f.rule)
        if level is not None:
            level = str(level).lower()
            if level == "off":
                continue
            f = replace(f, severity=Severity(level))
        out.append(f)
    return out


class ParseCache:
    """Parsed files by path and content digest, kept across `mkdocs serve` rebuilds so a rebuild
    after one edit parses one file. Only parsing is cached: rules (several of which span files)
    run on every build."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[bytes, Spec | None, list[Finding]]] = {}
        self.parsed: list[str] = []  # paths parsed (not served from the cache) by the last run

    def parse(self, path: str, data: bytes) -> tuple[Spec | None, list[Finding]]:
        digest = hashlib.blake2b(data, digest_size=16).digest()
        hit = self._entries.get(path)
        if hit is not None and hit[0] == digest:
            return hit[1], hit[2]
        spec, loose = parse_file(path, data)
        self._entries[path] = (digest, spec, loose)
        self.parsed.append(path)
        return spec, loose

    def start(self, paths: set[str]) -> None:
        """Forget files that are gone; reset the list of parsed paths."""
        for gone in set(self._entries) - paths:
            del self._entries[gone]
        self.parsed = []

    def clear(self) -> None:
        self._entries.clear()
        self.parsed = []


#: A Markdown file: its bytes, or where to read them (read when its turn comes, by the process
#: that checks it).
Source = bytes | Path


def analyse(
    sources: Iterable[tuple[str, Source]],
    options: Options = Options(),
    other_paths: Iterable[str] = (),
    cache: ParseCache | None = None,
    all_paths: Iterable[str] | None = None,
    jobs: int = 1,
    slim: str | None = None,
) -> Analysis:
    """`sources`: (path relative to docs_dir with forward slashes, bytes or a file to read) of
    Markdown files; `other_paths`: the other files of docs_dir (images, PDFs), for link checks.
    With `all_paths` (every Markdown path of `sources`, known up front) the sources are read one
    at a time, so a lazy iterable never holds every file in memory.

    `jobs` > 1 parses and runs the per-spec rules in that many worker processes (forked; only
    where fork is safe, without a cache, baseline or kept documents, and for at least
    `PARALLEL_MIN_FILES` files), the cross-file rules in this one; the result is the same as
    with `jobs=1`. `slim` (`SLIM_REPORT`, `SLIM_LINKS`) returns specs that keep only part of
    the model (see those names), which is also all a worker sends back."""
    # Parsing allocates many small objects that all stay alive until the end: the cyclic
    # garbage collector would rescan them again and again (half the time on 10,000 specs).
    # Nothing here makes reference cycles worth collecting, so it pauses while we work.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _analyse(sources, options, other_paths, cache, all_paths, jobs, slim)
    finally:
        if enabled:
            gc.enable()


def _analyse(
    sources: Iterable[tuple[str, Source]],
    options: Options,
    other_paths: Iterable[str],
    cache: ParseCache | None,
    all_paths: Iterable[str] | None,
    jobs: int,
    slim: str | None,
) -> Analysis:
    result = Analysis(reference_date=options.reference_date)
    findings: list[Finding] = []
    if all_paths is None:
        sources = list(sources)
        all_paths = [p for p, _ in sources]
    markdown = set(all_paths)
    n_files = len(markdown)  # Markdown files (decides whether workers pay off)
    paths = set(other_paths) | markdown
    # with mkdocs-static-i18n's suffix layout a language build holds `x.fr.md` where links
    # (written once, in the default language) say `x.md`: both name the page
    paths.update(_LOCALE_MD_RE.sub(".md", p) for p in list(paths) if _LOCALE_MD_RE.search(p))
    if cache is not None:
        cache.start(paths)
    ctx = RuleContext(
        reference_date=options.reference_date or dt.date.today(),
        statuses=options.statuses,
        stale_after_days=options.stale_after_days,
        required_sections=options.required_sections,
        default_class=options.feature_class,
        doc_paths=frozenset(paths),
    )
    keep = options.keep_documents or bool(options.baseline)
    if keep:
        slim = None  # fingerprints and pages read the lexed source
    wanted = (
        (p, d) for p, d in sources if not (options.exclude and matches_any(p, options.exclude))
    )
    parallel = (
        jobs > 1 and cache is None and not keep and n_files >= PARALLEL_MIN_FILES and _can_fork()
    )
    checked = (
        _check_parallel(wanted, ctx, slim, jobs, n_files)
        if parallel
        else (_check_one(p, d, ctx, slim, keep, cache) for p, d in wanted)
    )
    for path, loose, spec, spec_findings, undecodable in checked:
        findings.extend(loose)
        if spec is None:
            continue
        result.specs.append(spec)
        findings.extend(spec_findings)
        if undecodable:
            result.undecodable.add(path)
    result.specs.sort(key=lambda s: s.path)
    findings.extend(run_site_rules(result.specs, ctx))
    findings = _apply_settings(findings, result.specs, options)
    if options.baseline:
        findings, result.baseline_unmatched = bl.apply(
            findings, result.specs, list(options.baseline)
        )
    result.findings = sorted(findings, key=Finding.sort_key)
    return result


#: What checking one file gives: (path, findings of no spec, the spec or None, the spec's
#: findings from parsing and the per-spec rules, whether it is not UTF-8).
Checked = tuple[str, list[Finding], Spec | None, list[Finding], bool]


def _check_one(
    path: str,
    data: Source,
    ctx: RuleContext,
    slim: str | None,
    keep: bool = False,
    cache: ParseCache | None = None,
) -> Checked:
    """Parse one file and run the per-spec rules on it."""
    if isinstance(data, Path):
        with open(data, "rb", buffering=0) as f:  # unbuffered: one read, no buffer copies
            data = f.readall()
    parse: Callable[[str, bytes], tuple[Spec | None, list[Finding]]] = (
        cache.parse if cache is not None else parse_file
    )
    spec, loose = parse(path, data)
    if spec is None:
        return path, loose, None, [], False
    spec_findings = [*spec.findings, *run_spec_rules(spec, ctx)]
    undecodable = any(f.rule == NOT_UTF8.code for f in spec.findings)
    if slim is not None:
        spec = _slimmed(spec, slim, in_place=cache is None)
    elif not keep:
        spec.document = None
    return path, loose, spec, spec_findings, undecodable


def _slimmed(spec: Spec, slim: str, in_place: bool) -> Spec:
    """`spec` without what `slim` drops; `in_place` for a spec nothing else holds (a cached one
    is copied)."""
    if not in_place:
        spec = replace(spec)
    spec.sections = []
    spec.tables = []
    spec.findings = []
    spec.document = None
    if slim != SLIM_REPORT:
        spec.operations = None
    return spec


# --- worker processes ------------------------------------------------------------------------

_WORKER: tuple[RuleContext, str | None] | None = None


def _init_worker(ctx: RuleContext, slim: str | None) -> None:
    global _WORKER
    _WORKER = (ctx, slim)


def _check_chunk(chunk: list[tuple[str, Source]]) -> list[Checked]:
    assert _WORKER is not None
    ctx, slim = _WORKER
    return [_check_one(path, data, ctx, slim) for path, data in chunk]


def _chunks(items: Iterable[tuple[str, Source]], size: int) -> Iterator[list[tuple[str, Source]]]:
    chunk: list[tuple[str, Source]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _check_parallel(
    sources: Iterable[tuple[str, Source]],
    ctx: RuleContext,
    slim: str | None,
    jobs: int,
    n_files: int,
) -> Iterator[Checked]:
    """`_check_one` over `sources` (about `n_files`) in `jobs` forked workers, results in the
    order of `sources`. Files are streamed to the workers in chunks; each worker reads its
    files."""
    size = max(_CHUNK_MIN, min(_CHUNK_MAX, n_files // (jobs * 16)))
    mp = multiprocessing.get_context("fork")
    with mp.Pool(jobs, initializer=_init_worker, initargs=(ctx, slim)) as pool:
        for results in pool.imap(_check_chunk, _chunks(sources, size)):
            yield from results


def _can_fork() -> bool:
    """Whether workers can be forked safely: not on Windows (no fork) nor macOS (whose system
    libraries may crash in a forked child)."""
    return sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
