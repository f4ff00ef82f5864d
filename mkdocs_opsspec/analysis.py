"""Run the core over a set of files: parse every spec, run the rules, apply the user's settings.

This is the single entry point both adapters (the MkDocs plugin and the CLI) call, so a build and
`mkdocs-opsspec check` report the same thing for the same files and options.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from . import baseline as bl
from .clock import reference_date
from .globs import matches_any
from .model import Finding, Operations, Severity, Spec
from .parser import parse_file
from .rules import (
    DEFAULT_REQUIRED_SECTIONS,
    RuleContext,
    run_site_rules,
    run_spec_rules,
)
from .rules.registry import EMPTY_FILE, NOT_UTF8, RULES
from .statuses import DEFAULT_STATUSES

if TYPE_CHECKING:
    from .slo_export.drift import Drift
    from .slo_export.monitored import Monitoring

SEVERITY_NAMES = ("error", "warning", "info", "off")
#: `analyse(slim=...)`: the specs of the result keep only what the JSON report and the
#: cross-file rules read (no sections, tables, lexed source or per-spec findings) ...
SLIM_REPORT = "report"
#: ... or only what the cross-file rules, per-spec ignores and summaries read (no operations
#: but the SLO rows, which the drift rules read when `slo_sources` is set).
SLIM_LINKS = "links"
#: Fewer Markdown files than this are checked in one process even when jobs > 1: starting
#: workers costs more than it saves.
PARALLEL_MIN_FILES = 200
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
    #: The monitoring files of `slo_sources` (the drift rules compare the specs' SLOs to them).
    monitoring: Monitoring | None = None
    #: The docs path of the generated pages' folder: only a page there may carry the mark
    #: `opsspec: {generated: true}` (`detect.GENERATED_MARK`) that keeps it from being a spec.
    generated_dir: str = "opsspec"


def reference_day(options: Options) -> dt.date:
    """The reference date of every date rule and page: the options' (the adapters set it), else
    today or the date of SOURCE_DATE_EPOCH (`clock.reference_date`)."""
    return options.reference_date or reference_date()


@dataclass
class Analysis:
    specs: list[Spec] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    undecodable: set[str] = field(default_factory=set)  # paths of specs that are not UTF-8
    baseline_unmatched: list[bl.Entry] = field(default_factory=list)
    reference_date: dt.date | None = None  # set by `analyse`: the date the rules used
    #: The specs' SLOs against the monitoring files of `slo_sources` (None without them): the
    #: drift rules and the spec pages' monitoring column both read this one comparison.
    drift: Drift | None = None

    def counts(self, *, include_baselined: bool = False) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            if include_baselined or not f.baselined:
                out[f.severity.value] += 1
        return out


def fails(finding: Finding, fail_on: str = "error") -> bool:
    """Whether `finding` fails a strict build: an error, or a warning with `fail_on: warning`;
    a baselined finding never does."""
    if finding.baselined:
        return False
    return finding.severity is Severity.ERROR or (
        fail_on == "warning" and finding.severity is Severity.WARNING
    )


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


#: A Markdown file: its bytes, or where to read them (read when its turn comes, by the process
#: that checks it).
Source = bytes | Path


def analyse(
    sources: Iterable[tuple[str, Source]],
    options: Options = Options(),
    other_paths: Iterable[str] = (),
    all_paths: Iterable[str] | None = None,
    jobs: int = 1,
    slim: str | None = None,
) -> Analysis:
    """`sources`: (path relative to docs_dir with forward slashes, bytes or a file to read) of
    Markdown files; `other_paths`: the other files of docs_dir (images, PDFs), for link checks.
    With `all_paths` (every Markdown path of `sources`, known up front) the sources are read one
    at a time, so a lazy iterable never holds every file in memory.

    `jobs` > 1 parses and runs the per-spec rules in that many processes (without a
    baseline or kept documents, and for at least `PARALLEL_MIN_FILES` files), the cross-file
    rules in this one; the result is the same as with `jobs=1`. `slim` (`SLIM_REPORT`,
    `SLIM_LINKS`) returns specs that keep only part of the model (see those names), which is
    also all a worker sends back."""
    today = reference_day(options)
    result = Analysis(reference_date=today)
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
    ctx = RuleContext(
        reference_date=today,
        statuses=options.statuses,
        stale_after_days=options.stale_after_days,
        required_sections=options.required_sections,
        default_class=options.feature_class,
        doc_paths=frozenset(paths),
        monitoring=options.monitoring,
        generated_dir=options.generated_dir,
    )
    keep = options.keep_documents or bool(options.baseline)
    if keep:
        slim = None  # fingerprints and pages read the lexed source
    wanted = (
        (p, d) for p, d in sources if not (options.exclude and matches_any(p, options.exclude))
    )
    parallel = jobs > 1 and not keep and n_files >= PARALLEL_MIN_FILES
    if parallel:
        checked = _check_parallel(wanted, ctx, slim, jobs)
    else:
        checked = (_check_one(p, d, ctx, slim, keep) for p, d in wanted)
    for path, loose, spec, spec_findings, undecodable in checked:
        findings.extend(loose)
        if spec is None:
            continue
        result.specs.append(spec)
        findings.extend(spec_findings)
        if undecodable:
            result.undecodable.add(path)
    result.specs.sort(key=lambda s: s.path)
    if options.monitoring is not None:
        from .slo_export.drift import compare

        result.drift = compare(result.specs, options.monitoring)
    findings.extend(run_site_rules(result.specs, replace(ctx, drift=result.drift)))
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
) -> Checked:
    """Parse one file and run the per-spec rules on it (not on an empty spec: its one finding
    says all there is to say)."""
    spec, loose = parse_file(path, _read(data), ctx.generated_dir)
    if spec is None:
        return path, loose, None, [], False
    empty = any(f.rule == EMPTY_FILE.code for f in spec.findings)
    spec_findings = [*spec.findings, *([] if empty else run_spec_rules(spec, ctx))]
    undecodable = any(f.rule == NOT_UTF8.code for f in spec.findings)
    if slim is not None:
        spec = _slimmed(spec, slim, keep_slos=ctx.monitoring is not None)
    elif not keep:
        spec.document = None
    return path, loose, spec, spec_findings, undecodable


def _read(data: Source) -> bytes:
    if isinstance(data, Path):
        with open(data, "rb", buffering=0) as f:  # unbuffered: one read, no buffer copies
            return f.readall()
    return data


def _slimmed(spec: Spec, slim: str, keep_slos: bool = False) -> Spec:
    """`spec` without what `slim` drops (with `keep_slos`, the SLO rows stay for the drift
    rules, which run across specs)."""
    spec.sections = []
    spec.tables = []
    spec.findings = []
    spec.document = None
    if slim != SLIM_REPORT:
        ops = spec.operations
        spec.operations = Operations(slos=ops.slos) if keep_slos and ops is not None else None
    return spec


# --- worker processes ------------------------------------------------------------------------


def _check_all(
    items: list[tuple[str, Source]], ctx: RuleContext, slim: str | None
) -> list[Checked]:
    return [_check_one(path, data, ctx, slim) for path, data in items]


def _check_parallel(
    sources: Iterable[tuple[str, Source]],
    ctx: RuleContext,
    slim: str | None,
    jobs: int,
) -> Iterator[Checked]:
    """`_check_one` over `sources` in `jobs` processes, results in the order of `sources`: the
    files are dealt into `jobs` stripes, this process checks the first and a process pool one
    task per other stripe (each reading its own files). See `docs/benchmarks.md`, row "check
    --jobs"."""
    items = list(sources)
    jobs = max(1, min(jobs, len(items)))  # no process without files
    stripes = [items[k::jobs] for k in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs - 1) as pool:
        others = pool.map(_check_all, stripes[1:], repeat(ctx), repeat(slim))
        results = [_check_all(stripes[0], ctx, slim), *others]
    for i in range(len(items)):
        yield results[i % jobs][i // jobs]


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
