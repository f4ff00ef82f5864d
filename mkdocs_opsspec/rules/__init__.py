"""The rules: small functions over the model that return findings.

Each area module (`header`, `structure`, `slos`, `recovery`, `alerts`, `health`, `links`,
`secrets`) registers its codes in `registry` at import and offers
`check_spec(spec, ctx)` (one spec at a time) and/or `check_site(specs, ctx)` (across specs).
Findings carry the rule's default severity; `analysis` applies the user's overrides, per-spec
ignores and the baseline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import ModuleType

from ..model import Finding, Spec

DEFAULT_STATUSES: tuple[str, ...] = ("Draft", "Review", "Approved", "Implemented")
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


def _modules() -> list[ModuleType]:
    from . import alerts, header, health, links, recovery, secrets, slos, structure

    return [header, structure, slos, recovery, alerts, health, links, secrets]


def run_rules(specs: list[Spec], ctx: RuleContext) -> list[Finding]:
    out: list[Finding] = []
    modules = _modules()
    for module in modules:
        check_spec: Callable[[Spec, RuleContext], Iterable[Finding]] | None = getattr(
            module, "check_spec", None
        )
        if check_spec is not None:
            for spec in specs:
                out.extend(check_spec(spec, ctx))
        check_site = getattr(module, "check_site", None)
        if check_site is not None:
            out.extend(check_site(specs, ctx))
    return out
