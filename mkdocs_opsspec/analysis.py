"""Run the core over a set of files: parse every spec, run the rules, apply the user's settings.

This is the single entry point both adapters (the MkDocs plugin and the CLI) call, so a build and
`mkdocs-opsspec check` report the same thing for the same files and options.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

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


def analyse(
    sources: Iterable[tuple[str, bytes]],
    options: Options = Options(),
    other_paths: Iterable[str] = (),
    cache: ParseCache | None = None,
    all_paths: Iterable[str] | None = None,
) -> Analysis:
    """`sources`: (path relative to docs_dir with forward slashes, bytes) of Markdown files;
    `other_paths`: the other files of docs_dir (images, PDFs), for link checks. With
    `all_paths` (every Markdown path of `sources`, known up front) the sources are read one at
    a time, so a lazy iterable never holds every file in memory."""
    # Parsing allocates many small objects that all stay alive until the end: the cyclic
    # garbage collector would rescan them again and again (half the time on 10,000 specs).
    # Nothing here makes reference cycles worth collecting, so it pauses while we work.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _analyse(sources, options, other_paths, cache, all_paths)
    finally:
        if enabled:
            gc.enable()


def _analyse(
    sources: Iterable[tuple[str, bytes]],
    options: Options,
    other_paths: Iterable[str],
    cache: ParseCache | None,
    all_paths: Iterable[str] | None = None,
) -> Analysis:
    result = Analysis(reference_date=options.reference_date)
    findings: list[Finding] = []
    paths = set(other_paths)
    if all_paths is not None:
        paths.update(all_paths)
    else:
        sources = list(sources)
        paths.update(p for p, _ in sources)
    # with mkdocs-static-i18n's suffix layout a language build holds `x.fr.md` where links
    # (written once, in the default language) say `x.md`: both name the page
    paths.update(_LOCALE_MD_RE.sub(".md", p) for p in list(paths) if _LOCALE_MD_RE.search(p))
    if cache is not None:
        cache.start(paths)
    parse = cache.parse if cache is not None else parse_file
    ctx = RuleContext(
        reference_date=options.reference_date or dt.date.today(),
        statuses=options.statuses,
        stale_after_days=options.stale_after_days,
        required_sections=options.required_sections,
        default_class=options.feature_class,
        doc_paths=frozenset(paths),
    )
    keep = options.keep_documents or bool(options.baseline)
    for path, data in sources:
        if options.exclude and matches_any(path, options.exclude):
            continue
        spec, loose = parse(path, data)
        findings.extend(loose)
        if spec is None:
            continue
        result.specs.append(spec)
        findings.extend(spec.findings)
        findings.extend(run_spec_rules(spec, ctx))
        if any(f.rule == NOT_UTF8.code for f in spec.findings):
            result.undecodable.add(path)
        if not keep:
            spec.document = None
    result.specs.sort(key=lambda s: s.path)
    findings.extend(run_site_rules(result.specs, ctx))
    findings = _apply_settings(findings, result.specs, options)
    if options.baseline:
        findings, result.baseline_unmatched = bl.apply(
            findings, result.specs, list(options.baseline)
        )
    result.findings = sorted(findings, key=Finding.sort_key)
    return result
