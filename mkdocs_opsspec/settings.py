"""A site's opsspec options (the plugin's, or the Markdown extension's, checked by the adapter)
mapped onto the core's `Options`: the one mapping every adapter uses, so a build, `check`,
`generate` and the Markdown extension read the same options the same way.

Paths in the options resolve as the README says: `baseline` and `slo_sources` relative to the
folder of the config file; findings of the monitoring files are relative to docs_dir.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import baseline as bl
from .analysis import Options
from .clock import ClockError, reference_date
from .rules import DEFAULT_REQUIRED_SECTIONS
from .sections import section_key
from .statuses import DEFAULT_STATUSES


class OptionsError(ValueError):
    """Options that cannot be used: an unreadable baseline, a bad SOURCE_DATE_EPOCH."""


def options_from(
    settings: Mapping[str, Any], config_file: str | Path | None, docs_dir: str | Path
) -> Options:
    """Core options from checked option values (`settings`: option name -> value, as the
    plugin's Config holds them; a missing option has its default), with the baseline and the
    monitoring files of `slo_sources` read. `config_file`: the site's config file (None:
    `mkdocs.yml` in the working folder); `docs_dir`: the site's docs folder. Raises
    OptionsError."""
    config = Path(config_file or "mkdocs.yml").resolve()
    entries: tuple[bl.Entry, ...] = ()
    baseline = settings.get("baseline")
    if baseline:
        try:
            entries = tuple(bl.loads((config.parent / baseline).read_text("utf-8")))
        except (OSError, bl.BaselineError) as exc:
            raise OptionsError(f"baseline '{baseline}': {exc}") from exc
    try:
        today = reference_date()
    except ClockError as exc:
        raise OptionsError(str(exc)) from exc
    required = settings.get("required_sections")
    slo_sources = settings.get("slo_sources") or []
    monitoring = None
    if slo_sources:
        from .slo_export.monitoring import load_monitoring  # PyYAML's reader, only when needed

        monitoring = load_monitoring(slo_sources, config.parent, docs_dir, str(config))
    return Options(
        exclude=tuple(settings.get("exclude") or ()),
        rules=dict(settings.get("rules") or {}),
        statuses=tuple(settings.get("statuses", DEFAULT_STATUSES)),
        stale_after_days=settings.get("stale_after_days", 180),
        required_sections=tuple(section_key(s) or s for s in required)
        if required is not None
        else DEFAULT_REQUIRED_SECTIONS,
        feature_class=settings.get("feature_class"),
        reference_date=today,
        baseline=entries,
        monitoring=monitoring,
        generated_dir=generated_folder(settings.get("generated_dir")),
    )


def generated_folder(generated_dir: str | None) -> str:
    """The docs path of the generated pages' folder (`generated_dir` without its slashes;
    `opsspec` when it is empty)."""
    return (generated_dir or "").strip("/") or "opsspec"
