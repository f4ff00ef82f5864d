"""Run the core over a set of files: parse every spec, collect findings.

This is the single entry point both adapters (the MkDocs plugin and the CLI) call, so a build and
`mkdocs-opsspec check` report the same thing for the same files and options.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .globs import matches_any
from .model import Finding, Spec
from .parser import parse_file
from .rules.registry import NOT_UTF8


@dataclass(frozen=True)
class Options:
    """Core options (the plugin's Config and the CLI both map onto these)."""

    exclude: tuple[str, ...] = ()


@dataclass
class Analysis:
    specs: list[Spec] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    undecodable: set[str] = field(default_factory=set)  # paths of specs that are not UTF-8

    def spec(self, path: str) -> Spec | None:
        for s in self.specs:
            if s.path == path:
                return s
        return None

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity.value] += 1
        return out


def analyse(sources: Iterable[tuple[str, bytes]], options: Options = Options()) -> Analysis:
    """`sources`: (path relative to docs_dir with forward slashes, file bytes) of Markdown files."""
    result = Analysis()
    findings: list[Finding] = []
    for path, data in sources:
        if options.exclude and matches_any(path, options.exclude):
            continue
        spec, loose = parse_file(path, data)
        findings.extend(loose)
        if spec is not None:
            result.specs.append(spec)
            findings.extend(spec.findings)
            if any(f.rule == NOT_UTF8.code for f in spec.findings):
                result.undecodable.add(path)
    result.specs.sort(key=lambda s: s.path)
    result.findings = sorted(findings, key=Finding.sort_key)
    return result
