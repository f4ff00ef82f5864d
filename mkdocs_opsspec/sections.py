"""The template's sections, and tolerant matching of headings to them.

`## 3. Disaster Recovery`, `## 🚨 Alerts`, `### backup & recovery` and `## SLOs (Service Level
Objectives)` all match their template section. Also the heading ids MkDocs' toc gives headings,
so runbook links and `$ref` anchors can be checked without rendering.

The functions of a heading's text are `lru_cache`d, like the unit parses in
`parser.operations`: specs share their template's headings (see `docs/benchmarks.md`, row
"parse caches").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .lexer import Heading, inline_text
from .model import Section

#: Canonical key -> heading texts (already normalised) that mean it. The first is the template's.
SECTION_ALIASES: dict[str, tuple[str, ...]] = {
    "overview": ("overview", "summary", "introduction"),
    "deployment": ("deployment", "deploy", "deployments"),
    "prerequisites": ("prerequisites", "requirements"),
    "deployment_steps": ("deployment steps", "deploy steps", "deployment process"),
    "rollback_procedure": (
        "rollback procedure",
        "rollback",
        "rollback plan",
        "roll back procedure",
    ),
    "configuration_management": ("configuration management", "configuration"),
    "configuration_files": ("configuration files", "config files"),
    "configuration_parameters": ("configuration parameters", "config parameters", "parameters"),
    "environment_variables": ("environment variables", "env vars"),
    "secrets": ("secrets", "secrets management"),
    "monitoring": ("monitoring", "observability"),
    "health_checks": ("health checks", "health check", "healthchecks"),
    "metrics": ("metrics",),
    "logging": ("logging", "logs"),
    "alerts": ("alerts", "alerting", "alert", "alert policies"),
    "scaling": ("scaling",),
    "horizontal_scaling": ("horizontal scaling",),
    "vertical_scaling": ("vertical scaling",),
    "capacity_planning": ("capacity planning",),
    "backup_recovery": ("backup and recovery", "backups", "backup", "backup and restore"),
    "backup_strategy": ("backup strategy", "backup policy"),
    "recovery_procedures": ("recovery procedures", "recovery procedure", "recovery"),
    "maintenance": ("maintenance",),
    "routine_maintenance": ("routine maintenance",),
    "upgrade_procedure": ("upgrade procedure", "upgrades"),
    "database_migrations": ("database migrations", "migrations"),
    "troubleshooting": ("troubleshooting",),
    "common_issues": ("common issues", "known issues"),
    "debug_mode": ("debug mode", "debugging"),
    "runbooks": ("runbooks", "runbook", "standard runbooks"),
    "dependencies": ("dependencies",),
    "upstream_dependencies": ("upstream dependencies", "upstream"),
    "downstream_dependencies": ("downstream dependencies", "downstream"),
    "slos": (
        "slos",
        "slos service level objectives",
        "service level objectives",
        "service level objectives slos",
        "slo",
        "slo targets",
    ),
    "disaster_recovery": ("disaster recovery", "dr", "disaster recovery dr"),
    "related_specifications": ("related specifications", "related specs", "related"),
    # dependency lists of technical specs
    "required": ("required", "required must implement first", "requires"),
    "optional": ("optional", "optional nice to have"),
    "conflicts": ("conflicts", "conflicts mutually exclusive"),
    "dependents": ("dependents", "dependents what depends on this"),
}

#: Human titles of the keys, for messages.
SECTION_TITLES: dict[str, str] = {
    "rollback_procedure": "Rollback Procedure",
    "health_checks": "Health Checks",
    "alerts": "Alerts",
    "slos": "SLOs (Service Level Objectives)",
    "disaster_recovery": "Disaster Recovery",
    "backup_strategy": "Backup Strategy",
    "backup_recovery": "Backup & Recovery",
    "runbooks": "Runbooks",
    "dependencies": "Dependencies",
    "related_specifications": "Related Specifications",
    "deployment_steps": "Deployment Steps",
    "metrics": "Metrics",
    "configuration_parameters": "Configuration Parameters",
    "overview": "Overview",
    "deployment": "Deployment",
    "monitoring": "Monitoring",
    "configuration_management": "Configuration Management",
    "scaling": "Scaling",
    "maintenance": "Maintenance",
    "troubleshooting": "Troubleshooting",
}

_ALIAS_TO_KEY: dict[str, str] = {
    alias: key for key, aliases in SECTION_ALIASES.items() for alias in aliases
}

_NON_WORD_RE = re.compile(r"[^\w\s]+")
_PAREN_RE = re.compile(r"\([^)]*\)")
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def normalize_title(text: str) -> str:
    """Lowercase words only: no numbering, emoji, punctuation or Markdown."""
    t = inline_text(text).lower().replace("&", " and ")
    t = _NON_WORD_RE.sub(" ", t.replace(".", ". ") if "." in t else t)
    t = _SPACE_RE.sub(" ", t).strip()
    # numbering survives the punctuation pass as "3 " or "2 3 "
    t = re.sub(r"^(?:section )?(?:\d+ )+", "", t)
    return t.replace("_", " ").strip()


@lru_cache(maxsize=4096)
def match_section(text: str) -> str | None:
    """The template section key a heading text means, or None."""
    t = normalize_title(text)
    key = _ALIAS_TO_KEY.get(t)
    if key is None and "(" in text:
        key = _ALIAS_TO_KEY.get(normalize_title(_PAREN_RE.sub(" ", text)))
    return key


# --- heading ids, as Python-Markdown's toc extension makes them ----------------------------------

_SLUG_DROP_RE = re.compile(r"[^\w\s-]")
_SLUG_SEP_RE = re.compile(r"[-\s]+")
_IDCOUNT_RE = re.compile(r"^(.*)_([0-9]+)$")


@lru_cache(maxsize=8192)
def slugify(text: str) -> str:
    """The default `toc` slug of a heading's text."""
    value = inline_text(text).replace("&", "")
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = _SLUG_DROP_RE.sub("", value).strip().lower()
    return _SLUG_SEP_RE.sub("-", value)


def unique_slugs(texts: Iterable[str]) -> list[str]:
    """Slugs for headings in document order, made unique as toc does (`x`, `x_1`, `x_2`)."""
    slugs = list(map(slugify, texts))
    if all(slugs) and len(set(slugs)) == len(slugs):
        return slugs  # nothing to make unique (the common case)
    seen: set[str] = set()
    out: list[str] = []
    for slug in slugs:
        while slug in seen or not slug:
            m = _IDCOUNT_RE.match(slug)
            slug = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{slug}_1"
        seen.add(slug)
        out.append(slug)
    return out


def build_sections(headings: list[Heading], last_line: int, slugs: list[str]) -> list[Section]:
    """Sections for every heading of level 2 to 4; `slugs` are the ids of all `headings`."""
    sections: list[Section] = []
    open_sections: list[Section] = []  # sections whose end is not known yet, levels increasing
    for h, slug in zip(headings, slugs, strict=False):
        level = h.level
        # a heading ends every open section of its level or deeper, just before it
        while open_sections and open_sections[-1].level >= level:
            open_sections.pop().end_line = h.line - 1
        if 2 <= level <= 4:
            # positional: (level, title, line, key, anchor, end_line)
            text = h.text
            section = Section(level, text, h.line, match_section(text), slug, last_line)
            sections.append(section)
            open_sections.append(section)
    return sections
