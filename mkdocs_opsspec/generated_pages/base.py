"""The BASE page: the system-wide defaults of the BASE specs, and where features differ."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import jinja2

from ..catalog import Catalog, Feature, spec_root
from ..markup import link
from ..model import SPEC_TYPES, Objective, Spec
from ..units import UnitError, parse_duration, parse_frequency
from .common import TYPE_TITLES, PageOptions, spec_title, text
from .markdown_escape import Md
from .paths import href
from .tables import Column, table
from .templates import render_page

TEMPLATE = "base.md.j2"
_SPACE_RE = re.compile(r"\s+")
_URL_PATH_RE = re.compile(r"(?<![\w/])/[\w.~/-]*")


@dataclass(frozen=True)
class Setting:
    """One operations default as a spec states it, with what it is compared by."""

    key: str
    title: str
    raw: str
    compare: tuple[str, str]  # ("s", seconds) | ("na", "") | ("p", paths) | ("t", text)


#: Setting keys in the order the page shows them.
SETTINGS: tuple[tuple[str, str], ...] = (
    ("rollback_rto", "Rollback RTO"),
    ("rollback_rpo", "Rollback RPO"),
    ("dr_rto", "DR RTO"),
    ("dr_rpo", "DR RPO"),
    ("health_endpoint", "Health check endpoint"),
    ("health_frequency", "Health check frequency"),
    ("backup_frequency", "Backup frequency (shortest)"),
    ("backup_retention", "Backup retention"),
)
_TITLES = dict(SETTINGS)


def _norm(value: str) -> str:
    return _SPACE_RE.sub(" ", text(value).replace("`", "")).strip().casefold()


def _seconds_key(seconds: Decimal | None, not_applicable: bool, raw: str) -> tuple[str, str]:
    if not_applicable:
        return ("na", "")
    if seconds is not None:
        return ("s", format(seconds.normalize(), "f"))
    return ("t", _norm(raw))


def _objective(key: str, obj: Objective | None) -> Setting | None:
    if obj is None or not obj.raw.strip():
        return None
    d = obj.duration
    compare = _seconds_key(d.seconds if d else None, bool(d and d.not_applicable), obj.raw)
    return Setting(key, _TITLES[key], text(obj.raw), compare)


def _frequency_key(raw: str) -> tuple[str, str]:
    try:
        d = parse_frequency(text(raw))
    except UnitError:
        return ("t", _norm(raw))
    return _seconds_key(d.seconds, d.not_applicable, raw)


def _endpoint_key(raw: str) -> tuple[str, str]:
    """The endpoint paths a value names ('/healthz', '/readyz'), else its text."""
    paths = sorted(set(_URL_PATH_RE.findall(text(raw))))
    return ("p", " ".join(paths)) if paths else ("t", _norm(raw))


def _same(mine: Setting, theirs: Setting) -> bool:
    """Equal, or (endpoints) the feature's paths are some of the BASE's paths."""
    if mine.compare == theirs.compare:
        return True
    if mine.compare[0] == theirs.compare[0] == "p":
        return set(mine.compare[1].split()) <= set(theirs.compare[1].split())
    return False


def _retention_key(raw: str) -> tuple[str, str]:
    try:
        d = parse_duration(text(raw))
    except UnitError:
        return ("t", _norm(raw))
    return _seconds_key(d.seconds, d.not_applicable, raw)


def operations_settings(spec: Spec) -> dict[str, Setting]:
    """The defaults an operations spec states (only those it states), by key."""
    ops = spec.operations
    if ops is None:
        return {}
    found: list[Setting | None] = []
    for prefix, rec in (("rollback", ops.rollback), ("dr", ops.disaster_recovery)):
        if rec is not None:
            found.append(_objective(f"{prefix}_rto", rec.rto))
            found.append(_objective(f"{prefix}_rpo", rec.rpo))
    hc = ops.health
    if hc is not None and hc.endpoint and hc.endpoint.value.strip():
        raw = hc.endpoint.value
        found.append(
            Setting("health_endpoint", _TITLES["health_endpoint"], text(raw), _endpoint_key(raw))
        )
    if hc is not None and hc.frequency and hc.frequency.value.strip():
        raw = hc.frequency.value
        found.append(
            Setting("health_frequency", _TITLES["health_frequency"], text(raw), _frequency_key(raw))
        )
    if ops.no_data_line is not None and not ops.backups:
        found.append(
            Setting(
                "backup_frequency", _TITLES["backup_frequency"], "none: holds no data", ("na", "")
            )
        )
    else:
        found.extend(_backup_settings(spec))
    return {s.key: s for s in found if s is not None}


def _backup_settings(spec: Spec) -> list[Setting]:
    backups = spec.operations.backups if spec.operations else []
    out: list[Setting] = []
    timed = [b for b in backups if b.frequency and b.interval and b.interval.seconds is not None]
    if timed:
        b = min(timed, key=lambda b: b.interval.seconds)  # type: ignore[union-attr,return-value]
        assert b.frequency is not None and b.interval is not None
        out.append(
            Setting(
                "backup_frequency",
                _TITLES["backup_frequency"],
                text(b.frequency.value),
                _seconds_key(b.interval.seconds, False, b.frequency.value),
            )
        )
    else:
        first = next((b for b in backups if b.frequency and b.frequency.value.strip()), None)
        if first is not None and first.frequency is not None:
            raw = first.frequency.value
            out.append(
                Setting(
                    "backup_frequency", _TITLES["backup_frequency"], text(raw), _frequency_key(raw)
                )
            )
    retained = next((b for b in backups if b.retention and b.retention.value.strip()), None)
    if retained is not None and retained.retention is not None:
        raw = retained.retention.value
        out.append(
            Setting("backup_retention", _TITLES["backup_retention"], text(raw), _retention_key(raw))
        )
    return out


def differences(spec: Spec, base: Spec) -> list[tuple[Setting, Setting]]:
    """(feature setting, BASE setting) for every default both state and state differently."""
    mine = operations_settings(spec)
    theirs = operations_settings(base)
    return [
        (mine[key], theirs[key])
        for key, _ in SETTINGS
        if key in mine and key in theirs and not _same(mine[key], theirs[key])
    ]


def _refers_to(spec: Spec, base: Spec) -> bool:
    for ref in spec.refs:
        target = ref.target.strip()
        for folder in (spec_root(spec.path), posixpath.dirname(spec.path), ""):
            joined = posixpath.normpath(posixpath.join(folder, target)) if target else ""
            if joined == base.path:
                return True
    return False


def base_page(
    catalog: Catalog, options: PageOptions | None = None, env: jinja2.Environment | None = None
) -> str:
    options = options or PageOptions()
    context = base_context(catalog, options)
    return render_page("BASE specs", TEMPLATE, context, options, env)


SETTING_COLUMNS = (Column("Default"), Column("Value"))
BACKUP_COLUMNS = (Column("Backup"), Column("Frequency"), Column("Retention"), Column("Location"))
DIFFERENCE_COLUMNS = (
    Column("Feature"),
    Column("Default"),
    Column("Feature value"),
    Column("BASE value"),
)


def base_context(catalog: Catalog, options: PageOptions) -> dict[str, Any]:
    page = options.paths.base
    features = catalog.sorted_features()

    def feature_link(feat: Feature) -> dict[str, Any]:
        return {"name": feat.name, "href": href(page, options.paths.feature(feat.guid))}

    bases = []
    for spec_type, specs in catalog.bases.items():
        for spec in specs:
            settings = operations_settings(spec) if spec.type == "operations" else {}
            ops = spec.operations
            bases.append(
                {
                    "type": TYPE_TITLES.get(spec_type, spec_type or "Other"),
                    "title": spec_title(spec),
                    "path": spec.path,
                    "href": href(page, spec.path),
                    "system": text(spec.field_value("system")),
                    "version": text(spec.version),
                    "last_updated": text(spec.last_updated),
                    "settings_table": _table(
                        SETTING_COLUMNS,
                        [[title, settings[key].raw] for key, title in SETTINGS if key in settings],
                        "Defaults",
                    ),
                    "backups_table": _table(
                        BACKUP_COLUMNS,
                        [
                            [
                                text(b.name) or "backup",
                                text(b.frequency.value) if b.frequency else "",
                                text(b.retention.value) if b.retention else "",
                                text(b.location.value) if b.location else "",
                            ]
                            for b in (ops.backups if ops else [])
                        ],
                        "Backups",
                    ),
                    "sections": [s.title for s in spec.sections if s.level == 2],
                    "referenced_by": [
                        feature_link(f)
                        for f in features
                        if any(_refers_to(s, spec) for s in [*f.specs.values(), *f.duplicates])
                    ],
                }
            )
    differing: list[list[object]] = []
    matching = []
    for feat, spec in catalog.operations_specs():
        base = catalog.base_for(spec)
        if base is None:
            continue
        diffs = differences(spec, base)
        if not diffs:
            matching.append(feature_link(feat))
            continue
        feature_cell = link(
            options.link(page, options.paths.feature(feat.guid), None), None, feat.name
        )
        differing.extend([feature_cell, mine.title, mine.raw, theirs.raw] for mine, theirs in diffs)
    return {
        "bases": bases,
        "has_operations_base": "operations" in catalog.bases,
        "differing_table": _table(DIFFERENCE_COLUMNS, differing, "Where features differ"),
        "matching": matching,
        "types": [TYPE_TITLES[t] for t in SPEC_TYPES if t not in catalog.bases],
        "portfolio_href": href(page, options.paths.portfolio),
    }


def _table(columns: tuple[Column, ...], rows: list[list[object]], label: str) -> Md | None:
    return table(columns, rows, label=label) if rows else None
