"""The template's sections, and matching headings to them by meaning.

The rule: a heading's text is normalised (numbering, emoji, punctuation and Markdown dropped,
`&` read as `and`, case ignored; a part in parentheses is dropped when the whole does not
match). It then means a section when

1. it is one of the section's names (`SECTION_ALIASES`: `Rollback Procedure`, `Rollback`,
   `Alerting`, `SLOs (Service Level Objectives)`, ...); or
2. it starts with one of them and every further word names a part of the same subject
   (`SUBJECT_WORDS`: `Health Check Endpoints`, `Rollback Plan and Procedures`, `SLOs and Error
   Budgets`, `Disaster Recovery & Restoration Verification`); or
3. it joins such headings with `and`: each part counts, so `Monitoring and Alerts` means
   Monitoring and Alerts, and `Backup & Disaster Recovery` means Backups and Disaster Recovery.

Any other word makes the heading mean no section: a keyword inside a phrase about something
else (`Alerts We Retired`, `Backup Contacts`, `History of Rollbacks`, `SLO Reporting
Dashboards`, `Disaster Recovery Game Day Log`, `Health of the On-call Team`) is not the section.
Also the heading ids MkDocs' toc gives headings, so runbook links and `$ref` anchors can be
checked without rendering.

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

#: Words that, after a section's name, name parts of the same subject (for every section).
GENERAL_SUBJECT_WORDS: frozenset[str] = frozenset(
    [
        "plan",
        "plans",
        "procedure",
        "procedures",
        "process",
        "steps",
        "strategy",
        "policy",
        "policies",
        "overview",
        "details",
    ]
)
#: Further subject words of some sections (see the module's docstring).
SUBJECT_WORDS: dict[str, frozenset[str]] = {
    "health_checks": frozenset(("endpoint", "endpoints", "probe", "probes")),
    "alerts": frozenset(("rules", "definitions", "thresholds", "routing", "escalation")),
    "slos": frozenset(
        [
            "error",
            "budget",
            "budgets",
            "target",
            "targets",
            "objectives",
            "sli",
            "slis",
            "indicators",
        ]
    ),
    "disaster_recovery": frozenset(
        [
            "restoration",
            "restore",
            "restores",
            "verification",
            "objectives",
            "failover",
            "rto",
            "rpo",
        ]
    ),
    "backup_recovery": frozenset(("schedule", "retention")),
    "backup_strategy": frozenset(("schedule", "retention")),
    "monitoring": frozenset(("observability", "dashboards")),
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


def _aliases_by_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Section names by their first word, longest first: (words, key)."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for alias, key in _ALIAS_TO_KEY.items():
        words = tuple(alias.split())
        out.setdefault(words[0], []).append((words, key))
    for found in out.values():
        found.sort(key=lambda pair: -len(pair[0]))
    return out


_ALIASES_BY_WORD = _aliases_by_word()

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


def match_section(text: str) -> str | None:
    """The template section key a heading text means (the first, if it means several), or
    None."""
    keys = match_sections(text)
    return keys[0] if keys else None


def section_key(name: str) -> str | None:
    """A section given by key (`health_checks`) or by title (`Health Checks`), as the
    `required_sections` option names it."""
    if name in SECTION_ALIASES:
        return name
    return match_section(name)


@lru_cache(maxsize=4096)
def match_sections(text: str) -> tuple[str, ...]:
    """Every template section key a heading text means, in the heading's order (see the
    module's docstring for the rule)."""
    t = normalize_title(text)
    key = _ALIAS_TO_KEY.get(t)
    if key is not None:
        return (key,)
    if "(" in text:
        t = normalize_title(_PAREN_RE.sub(" ", text))
        key = _ALIAS_TO_KEY.get(t)
        if key is not None:
            return (key,)
    return _by_meaning(t.split())


def _alias_at(words: list[str], i: int) -> tuple[int, str] | None:
    """(words taken, key) of the longest section name starting at `words[i]`."""
    for alias, key in _ALIASES_BY_WORD.get(words[i], ()):
        n = len(alias)
        if tuple(words[i : i + n]) == alias:
            return n, key
    return None


def _by_meaning(words: list[str]) -> tuple[str, ...]:
    """Rules 2 and 3 of the module's docstring over a normalised heading's words."""
    if not words:
        return ()
    keys: list[str] = []
    i = 0
    after_and = True  # a name may start here
    while i < len(words):
        word = words[i]
        found = _alias_at(words, i) if after_and else None
        if found is not None:
            n, key = found
            if key not in keys:
                keys.append(key)
            i += n
            after_and = False
            continue
        if not keys:
            return ()  # the heading does not start with a section's name
        if word == "and":
            after_and = True
        elif word in GENERAL_SUBJECT_WORDS or word in SUBJECT_WORDS.get(keys[-1], ()):
            after_and = False
        else:
            return ()
        i += 1
    return tuple(keys)


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
            # positional: (level, title, line, key, anchor, end_line, keys)
            text = h.text
            keys = match_sections(text)
            key = keys[0] if keys else None
            section = Section(level, text, h.line, key, slug, last_line, keys)
            sections.append(section)
            open_sections.append(section)
    return sections
