"""The rules: small functions over the model that return findings.

Each area module (`header`, `structure`, `slos`, `recovery`, `alerts`, `health`, `links`,
`secrets`, `drift`) registers its codes in `registry` at import and offers
`check_spec(spec, ctx)` (one spec at a time) and/or `check_site(specs, ctx)` (across specs).
Findings carry the rule's default severity; `analysis` applies the user's overrides, per-spec
ignores and the baseline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING

from ..model import Finding, Spec
from ..statuses import DEFAULT_STATUSES

if TYPE_CHECKING:
    from ..slo_export.drift import Drift
    from ..slo_export.monitored import Monitoring

DEFAULT_REQUIRED_SECTIONS: tuple[str, ...] = (
    "rollback_procedure",
    "health_checks",
    "alerts",
    "slos",
    "disaster_recovery",
)


@dataclass(frozen=True)
class RuleContext:
    """What rules may know besides the spec itself."""

    reference_date: dt.date
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    stale_after_days: int = 180
    required_sections: tuple[str, ...] = DEFAULT_REQUIRED_SECTIONS
    default_class: str | None = None  # feature class (A-D) when a spec's front matter has none
    doc_paths: frozenset[str] = field(default_factory=frozenset)  # every file under docs_dir
    monitoring: Monitoring | None = None  # the monitoring files of `slo_sources`, if set
    generated_dir: str = "opsspec"  # the docs folder of the generated pages
    #: The specs compared to `monitoring` (`analyse` compares once, for the rules and pages);
    #: a result, not a setting, so left out of the context's equality and hash.
    drift: Drift | None = field(default=None, compare=False)


def _modules() -> list[ModuleType]:
    from . import alerts, drift, header, health, links, recovery, secrets, slos, structure

    return [header, structure, slos, recovery, alerts, health, links, secrets, drift]


def run_spec_rules(spec: Spec, ctx: RuleContext) -> list[Finding]:
    """The rules that look at one spec at a time."""
    out: list[Finding] = []
    for check in _load_checks()[0]:
        out.extend(check(spec, ctx))
    return out


def run_site_rules(specs: list[Spec], ctx: RuleContext) -> list[Finding]:
    """The rules that look across specs (duplicates, links, families, cycles)."""
    out: list[Finding] = []
    for check in _load_checks()[1]:
        out.extend(check(specs, ctx))
    return out


SpecCheck = Callable[[Spec, RuleContext], Iterable[Finding]]
SiteCheck = Callable[[list[Spec], RuleContext], Iterable[Finding]]
_SPEC_CHECKS: list[SpecCheck] = []
_SITE_CHECKS: list[SiteCheck] = []


def _load_checks() -> tuple[list[SpecCheck], list[SiteCheck]]:
    if _SPEC_CHECKS or _SITE_CHECKS:
        return _SPEC_CHECKS, _SITE_CHECKS
    for module in _modules():
        if hasattr(module, "check_spec"):
            _SPEC_CHECKS.append(module.check_spec)
        if hasattr(module, "check_site"):
            _SITE_CHECKS.append(module.check_site)
    return _SPEC_CHECKS, _SITE_CHECKS
