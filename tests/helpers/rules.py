"""Shared helpers of the rule tests: parse a Markdown fixture, run one rules module on it.

Fixtures are dedented and stripped of their first newline, so line 1 is the line right after the
opening quotes. Expected lines in the tests are counted by hand from the fixture text.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs_opsspec.model import Finding, Spec
from mkdocs_opsspec.parser import parse_file
from mkdocs_opsspec.rules import RuleContext
from mkdocs_opsspec.rules.registry import RULES

REFERENCE_DATE = dt.date(2026, 11, 26)
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DOCS = ROOT / "example-site" / "docs"
TEMPLATE = ROOT / "tests" / "golden" / "template" / "operations" / "ybs-spec_0123456789ab.md"
OPS_PATH = "operations/ybs-spec_0123456789ab.md"

#: (rule code, line, severity value)
Row = tuple[str, int | None, str]


def header(title: str = "# Operations Specification: Checkout") -> list[str]:
    """The first five lines of the rule fixtures: the title on line 1, the GUID on line 3, the
    Status (Approved) on line 4, a blank line 5."""
    return [title, "", "**GUID**: 0123456789ab", "**Status**: Approved", ""]


HEADER = "\n".join(header()) + "\n"


def assert_registered(area: str, expected: dict[str, tuple[str, str]]) -> None:
    """Each code of `expected` is registered with that name and default severity, in `area`,
    and no other code of the area is."""
    for code, (name, severity) in expected.items():
        rule = RULES[code]
        assert (rule.name, rule.severity.value, rule.area) == (name, severity, area), code
        assert rule.summary.endswith((".", "?")), code
    assert {c for c, r in RULES.items() if r.area == area} == set(expected)


def text(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


def parse(source: str, path: str = OPS_PATH, *, dedent: bool = True) -> Spec:
    spec, _ = parse_file(path, (text(source) if dedent else source).encode())
    assert spec is not None, f"{path} is not detected as a spec"
    return spec


def context(doc_paths: tuple[str, ...] | frozenset[str] = (), **options: Any) -> RuleContext:
    """A context at the tests' reference date; `options` are other RuleContext fields."""
    return RuleContext(reference_date=REFERENCE_DATE, doc_paths=frozenset(doc_paths), **options)


def findings(
    module: ModuleType,
    source: str,
    path: str = OPS_PATH,
    *,
    doc_paths: tuple[str, ...] = (),
    dedent: bool = True,
    **options: Any,
) -> list[Finding]:
    """The findings of one module's `check_spec` on one spec, in line order."""
    spec = parse(source, path, dedent=dedent)
    found = list(module.check_spec(spec, context(doc_paths, **options)))
    return sorted(found, key=lambda f: (f.line or 0, f.rule))


def messages(module: ModuleType, source: str, path: str = OPS_PATH, **kw: Any) -> list[str]:
    """The messages of the findings, in line order."""
    return [f.message for f in findings(module, source, path, **kw)]


def rows(module: ModuleType, source: str, path: str = OPS_PATH, **kw: Any) -> list[Row]:
    """(code, line, severity) of each finding, in line order."""
    return [(f.rule, f.line, f.severity.value) for f in findings(module, source, path, **kw)]


def site_findings(module: ModuleType, sources: dict[str, str]) -> list[Finding]:
    """The findings of one module's `check_site` over several specs (path -> source)."""
    specs = [parse(src, path) for path, src in sources.items()]
    found = list(module.check_site(specs, context(tuple(sources))))
    return sorted(found, key=lambda f: (f.path, f.line or 0, f.rule))


def example_site() -> tuple[list[Spec], RuleContext]:
    """Every spec of the example site, with a context that knows all of its files."""
    paths = sorted(p for p in EXAMPLE_DOCS.rglob("*") if p.is_file())
    rel = [p.relative_to(EXAMPLE_DOCS).as_posix() for p in paths]
    specs = []
    for path, name in zip(paths, rel, strict=True):
        if path.suffix == ".md":
            spec, _ = parse_file(name, path.read_bytes())
            if spec is not None:
                specs.append(spec)
    return specs, context(tuple(rel))
