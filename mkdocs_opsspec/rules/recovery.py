"""Recovery rules: RTO / RPO of the Rollback Procedure and Disaster Recovery sections, and the
backups that have to meet the RPO.

A missing section is a structure finding (OS201); a missing RTO / RPO line or backup frequency
is reported here only where the section exists, and only for feature specs (a BASE spec's
sections are defaults). Values are checked in every operations spec. A value that is a template
placeholder (`[time]`) is reported by the placeholder rule only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from ..lexer import inline_text
from ..model import Backup, Finding, Objective, Operations, Recovery, Section, Spec
from ..parser.scope import item_text, section_scope
from ..units import format_duration
from . import RuleContext
from .common import finding, quote
from .registry import E, W, register
from .structure import placeholder_reported, unchecked

OBJECTIVE_MISSING = register(
    "OS401",
    "rto-rpo-missing",
    E,
    "The Rollback Procedure or Disaster Recovery section states no RTO or no RPO (one finding "
    "per section names both when both are missing).",
    readiness="dr_objectives",
)
OBJECTIVE_INVALID = register(
    "OS402",
    "rto-rpo-invalid",
    E,
    "An RTO or RPO is not a duration ('4 hours', '< 15 min').",
    readiness="dr_objectives",
)
NA_WITHOUT_NO_DATA = register(
    "OS403",
    "not-applicable-without-no-data-statement",
    E,
    "An RTO, RPO or backup is 'N/A' but the spec does not say the service holds no data.",
    readiness="dr_objectives",
)
ROLLBACK_SLOWER_THAN_DR = register(
    "OS404",
    "rollback-rto-above-dr-rto",
    E,
    "The Rollback Procedure's RTO is longer than the Disaster Recovery RTO.",
    readiness="rollback_within_dr",
)
RPO_BELOW_BACKUP_INTERVAL = register(
    "OS405",
    "rpo-below-backup-interval",
    E,
    "The DR RPO is shorter than the backup interval and no replication or point-in-time "
    "recovery is described.",
    readiness="backup_within_rpo",
)
BACKUP_RETENTION_MISSING = register(
    "OS406",
    "backup-retention-missing",
    W,
    "A backup states a frequency but no retention.",
    readiness="backups",
)
BACKUP_FREQUENCY_MISSING = register(
    "OS407",
    "backup-frequency-missing",
    E,
    "The backup section states no backup frequency.",
    readiness="backups",
)

_SECTION_TITLES = {"rollback": "Rollback Procedure", "disaster_recovery": "Disaster Recovery"}
#: Where replication or point-in-time recovery may be described.
_CONTINUOUS_SECTIONS = frozenset(
    ("backup_recovery", "backup_strategy", "recovery_procedures", "disaster_recovery")
)
_CONTINUOUS_RE = re.compile(
    r"replicat|replica\b|replicas\b|point[- ]in[- ]time|\bpitr\b|\bwal\b|streaming|continuous",
    re.IGNORECASE,
)


def _objectives(ops: Operations) -> Iterator[tuple[Recovery, str, Objective | None]]:
    """(section, what, objective) of each RTO and RPO, and of each entry of a per-component
    list that is not the one the section's RTO / RPO stands for."""
    for rec in (ops.rollback, ops.disaster_recovery):
        if rec is None:
            continue
        yield rec, "RTO", rec.rto
        yield rec, "RPO", rec.rpo
        for what, chosen, entries in (
            ("RTO", rec.rto, rec.rto_entries),
            ("RPO", rec.rpo, rec.rpo_entries),
        ):
            for entry in entries:
                if entry is not chosen:
                    yield rec, f"{what} of {quote(entry.name or '')}", entry


def _missing(spec: Spec, ops: Operations) -> Iterator[Finding]:
    """One finding per section naming what it lacks of RTO and RPO."""
    if spec.role != "feature":
        return
    for rec in (ops.rollback, ops.disaster_recovery):
        if rec is None:
            continue
        missing = [what for what, obj in (("RTO", rec.rto), ("RPO", rec.rpo)) if obj is None]
        if not missing:
            continue
        title = _SECTION_TITLES[rec.section]
        add = " and ".join(f"'**{what}**: <duration>'" for what in missing)
        yield finding(
            spec,
            OBJECTIVE_MISSING,
            rec.line,
            f"the {title} section states no {' and no '.join(missing)}: add {add}, "
            "e.g. '15 minutes' (or 'N/A' with a statement that the service holds no data)",
        )


def _values(spec: Spec, ops: Operations) -> Iterator[Finding]:
    for rec, what, obj in _objectives(ops):
        if obj is None or (obj.duration is not None and not obj.duration.not_applicable):
            continue
        if unchecked(spec, obj.raw):
            continue
        title = _SECTION_TITLES[rec.section]
        if obj.duration is None:
            if not inline_text(obj.raw):
                msg = f"{title} {what} is empty: give a duration, e.g. '15 minutes'"
            else:
                msg = f"{title} {what} {obj.error}"
            yield finding(spec, OBJECTIVE_INVALID, obj.line, msg)
        elif obj.duration.not_applicable and ops.no_data_line is None:
            yield finding(
                spec,
                NA_WITHOUT_NO_DATA,
                obj.line,
                f"{title} {what} {quote(inline_text(obj.raw))} is N/A but the spec does not say "
                "the service holds no data: state that the service holds no data (e.g. 'The "
                "service is stateless'), or give a duration",
            )


def _rollback_vs_dr(spec: Spec, ops: Operations) -> Iterator[Finding]:
    rb = ops.rollback.rto if ops.rollback else None
    dr = ops.disaster_recovery.rto if ops.disaster_recovery else None
    if rb is None or dr is None or rb.seconds is None or dr.seconds is None:
        return
    if rb.seconds > dr.seconds:
        yield finding(
            spec,
            ROLLBACK_SLOWER_THAN_DR,
            rb.line,
            f"Rollback RTO {quote(inline_text(rb.raw))} is longer than the Disaster Recovery "
            f"RTO {quote(inline_text(dr.raw))} (line {dr.line}): rolling back a release should "
            "be faster than recovering from a disaster; shorten the rollback or correct the RTOs",
        )


def _shortest_backup(backups: list[Backup]) -> tuple[Decimal, Backup] | None:
    """The backup with the shortest interval that parses (N/A has none), and that interval."""
    timed = [
        (b.interval.seconds, b)
        for b in backups
        if b.interval is not None and b.interval.seconds is not None
    ]
    return min(timed, key=lambda pair: pair[0]) if timed else None


def _mentions_continuous(spec: Spec) -> bool:
    doc = spec.document
    if doc is None:
        return False
    for section in spec.sections:
        if not _CONTINUOUS_SECTIONS.isdisjoint(section.keys):
            for v in section_scope(doc, section).lines():
                if _CONTINUOUS_RE.search(v.text):
                    return True
    return False


def _rpo_vs_backups(spec: Spec, ops: Operations) -> Iterator[Finding]:
    rpo = ops.disaster_recovery.rpo if ops.disaster_recovery else None
    if rpo is None or rpo.seconds is None:
        return
    shortest = _shortest_backup(ops.backups)
    if shortest is None:
        return
    interval, backup = shortest
    if rpo.seconds >= interval or _mentions_continuous(spec):
        return
    kv = backup.frequency
    freq, where = (quote(inline_text(kv.value)), kv.line) if kv else ("''", backup.line)
    yield finding(
        spec,
        RPO_BELOW_BACKUP_INTERVAL,
        rpo.line,
        f"Disaster Recovery RPO {quote(inline_text(rpo.raw))} is shorter than the backup "
        f"interval ({format_duration(interval)} for {freq} on line {where}): back up "
        "more often, or describe the replication or point-in-time recovery (WAL, streaming) "
        "that meets the RPO",
    )


def _backups(spec: Spec, ops: Operations) -> Iterator[Finding]:
    no_data = ops.no_data_line is not None
    for b in ops.backups:
        name = f"backup {quote(b.name)}" if b.name else "the backup"
        if b.frequency is None:
            continue
        if b.interval is not None and b.interval.not_applicable:
            if not no_data and not unchecked(spec, b.frequency.value):
                yield finding(
                    spec,
                    NA_WITHOUT_NO_DATA,
                    b.frequency.line,
                    f"{name} frequency {quote(inline_text(b.frequency.value))} is N/A but the "
                    "spec does not say the service holds no data: state that the service "
                    "holds no data, or give a frequency",
                )
            continue
        missing = b.retention is None or not inline_text(b.retention.value)
        if missing and not unchecked(spec, b.frequency.value):
            yield finding(
                spec,
                BACKUP_RETENTION_MISSING,
                b.frequency.line,
                f"{name} has a frequency ({quote(inline_text(b.frequency.value))}) but no "
                "retention: add '**Retention**: <how long backups are kept>', e.g. '30 days'",
            )


def _unfilled(spec: Spec, section: Section) -> bool:
    """Whether a section still holds template placeholders (the placeholder rule reports them:
    the template's "- Backup frequency" is not reported again as a missing frequency)."""
    doc = spec.document
    if doc is None:
        return False
    return any(
        line.item and placeholder_reported(spec, item_text(line))
        for line in section_scope(doc, section).lines()
    )


def _backup_frequency_missing(spec: Spec, ops: Operations) -> Iterator[Finding]:
    if spec.role != "feature" or ops.no_data_line is not None:
        return
    if any(b.frequency is not None for b in ops.backups):
        return
    section = spec.section("backup_strategy") or spec.section("backup_recovery")
    if section is None or _unfilled(spec, section):
        return
    yield finding(
        spec,
        BACKUP_FREQUENCY_MISSING,
        section.line,
        f"the {quote(inline_text(section.title))} section states no backup frequency: add "
        "'- **Frequency**: <how often>', e.g. 'Daily' or 'every 6 hours' (or state that the "
        "service holds no data)",
    )


_RULES = (_missing, _values, _rollback_vs_dr, _rpo_vs_backups, _backups, _backup_frequency_missing)


def check_spec(spec: Spec, ctx: RuleContext) -> Iterable[Finding]:
    ops = spec.operations
    if ops is None:
        return []
    return [f for rule in _RULES for f in rule(spec, ops)]
