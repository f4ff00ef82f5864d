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
from .docs import Example, RuleDoc, rollback
from .registry import E, W, register
from .structure import placeholder_reported, unchecked


def _dr(rto: str = "4 hours", rpo: str | None = "1 hour", note: str = "") -> str:
    """The Disaster Recovery section of an example (`rpo` None: no RPO line)."""
    lines = ["## Disaster Recovery", "", f"**RTO**: {rto}"]
    lines += [f"**RPO**: {rpo}"] if rpo is not None else []
    lines += ["", note] if note else []
    return "\n".join(lines) + "\n"


def _backups(*items: str) -> str:
    """The Backup & Recovery section of an example, with these list items."""
    body = "\n".join(f"- {item}" for item in items)
    return f"## Backup & Recovery\n\n### Backup Strategy\n{body}\n\n"


_RESTORE = "Restore the orders database from the latest snapshot in eu-west-2, then redeploy."
_DURATIONS = """
    `15 minutes`, `< 4 hours`, `4h`, `1h30m`, `2 hours and 30 minutes`, `PT1H30M`, `0`,
    `0 (no data loss)`; a note after the value is ignored (`4 hours (full region loss)`).
    Units: ms, s, min, h, d, w. `N/A` (or `None (stateless)`) when the spec says the service
    holds no data (OS403). A per-component list under an `RTO` or `RPO` subheading
    (`- Orders DB: 1 hour`) is read entry by entry. Refused: `15M` (minutes or months?),
    months and years (not a fixed length), `immediately`, ranges (`2-4 hours`: give the upper
    bound), `none` alone (write `0 (no data loss)` or `N/A`).
"""
_NO_DATA = """
    A statement that the service holds no data, in the Overview, the Backup & Recovery section
    or the Disaster Recovery section: `stateless`, `holds no data`, `holds no persistent
    data`, `stores no data`, `keeps no state`, `no data is stored`, ...
"""
OBJECTIVE_MISSING = register(
    "OS401",
    "rto-rpo-missing",
    E,
    "The Rollback Procedure or Disaster Recovery section states no RTO or no RPO (one finding "
    "per section names both when both are missing).",
    readiness="dr_objectives",
    doc=RuleDoc(
        catches="""
            A Rollback Procedure or Disaster Recovery section of a feature spec without an RTO
            (recovery time objective) or without an RPO (recovery point objective) line. One
            finding per section names what it lacks.
        """,
        why="""
            RTO and RPO are the two numbers an incident is run against: how long the service
            may be down, and how much data may be lost. Without them nobody can tell whether
            the backups and the recovery plan are good enough.
        """,
        bad=Example(_dr(rpo=None, note=_RESTORE)),
        fixed=Example(_dr(note=_RESTORE)),
        accepts="""
            `**RTO**: 4 hours` or `RTO: 4 hours`, also as a list item or a table row
            (`| RTO | 4 hours |`), and the long forms `Recovery Time Objective` and
            `Recovery Point Objective`.
        """,
    ),
)
OBJECTIVE_INVALID = register(
    "OS402",
    "rto-rpo-invalid",
    E,
    "An RTO or RPO is not a duration ('4 hours', '< 15 min').",
    readiness="dr_objectives",
    doc=RuleDoc(
        catches="An RTO or RPO (or an entry of a per-component list of them) that is empty or "
        "not a duration.",
        why="""
            An RTO that is not a duration cannot be compared with the rollback's RTO (OS404)
            or with the backups (OS405), and the spec page cannot show it.
        """,
        bad=Example(_dr(rto="a few hours", note=_RESTORE)),
        fixed=Example(_dr(rto="4 hours", note=_RESTORE)),
        accepts=_DURATIONS,
    ),
)
NA_WITHOUT_NO_DATA = register(
    "OS403",
    "not-applicable-without-no-data-statement",
    E,
    "An RTO, RPO or backup is 'N/A' but the spec does not say the service holds no data.",
    readiness="dr_objectives",
    doc=RuleDoc(
        catches="An RTO, an RPO or a backup frequency given as `N/A` (`not applicable`, "
        "`None (stateless)`) in a spec that nowhere says the service holds no data.",
        why="""
            `N/A` is right for a stateless service and wrong for any other: the spec has to say
            which, so that a reader (and the checks) can tell a real exemption from a gap.
        """,
        bad=Example(
            _backups("**Frequency**: N/A")
            + _dr(rto="30 minutes (redeploy the last image)", rpo="N/A")
        ),
        fixed=Example(
            _backups("**Frequency**: N/A")
            + _dr(
                rto="30 minutes (redeploy the last image)",
                rpo="N/A",
                note="Checkout is stateless: orders are stored by the Orders service.",
            )
        ),
        accepts=_NO_DATA,
    ),
)
ROLLBACK_SLOWER_THAN_DR = register(
    "OS404",
    "rollback-rto-above-dr-rto",
    E,
    "The Rollback Procedure's RTO is longer than the Disaster Recovery RTO.",
    readiness="rollback_within_dr",
    doc=RuleDoc(
        catches="A Rollback Procedure RTO longer than the Disaster Recovery RTO of the same spec.",
        why="""
            Rolling back a bad release is the everyday recovery and should be the fastest one;
            if it takes longer than recovering from the loss of a region, one of the two
            numbers is wrong, or the rollback needs a faster path.
        """,
        bad=Example("## Deployment\n\n" + rollback(rto="6 hours") + "\n" + _dr()),
        fixed=Example("## Deployment\n\n" + rollback(rto="15 minutes") + "\n" + _dr()),
    ),
)
RPO_BELOW_BACKUP_INTERVAL = register(
    "OS405",
    "rpo-below-backup-interval",
    E,
    "The DR RPO is shorter than the backup interval and no replication or point-in-time "
    "recovery is described.",
    readiness="backup_within_rpo",
    doc=RuleDoc(
        catches="""
            A Disaster Recovery RPO shorter than the interval of the most frequent backup, in a
            spec that describes no replication or point-in-time recovery (in its backup,
            recovery or disaster recovery sections).
        """,
        why="""
            With a daily backup, up to a day of data is lost when the database is; an RPO of
            one hour is then a promise the backups cannot keep.
        """,
        bad=Example(
            _backups("**Frequency**: Daily (full snapshot)", "**Retention**: 30 days")
            + _dr(note=_RESTORE)
        ),
        fixed=Example(
            _backups(
                "**Frequency**: Daily (full snapshot)",
                "**Retention**: 30 days",
                "Point-in-time recovery from the database's streaming replica.",
            )
            + _dr(note=_RESTORE)
        ),
        accepts="""
            Replication or point-in-time recovery: `replica`, `replication`, `point-in-time`,
            `PITR`, `WAL`, `streaming`, `continuous`. Frequencies: `Hourly`, `Daily`,
            `every 6 hours`, `twice daily`, `Daily (full), hourly (incremental)` (the shortest
            counts), `Continuous`.
        """,
    ),
)
#: A Backup Strategy that states all it should.
_BACKED_UP = _backups(
    "**Frequency**: Every hour", "**Retention**: 30 days", "**Location**: S3, eu-west-2"
)
_BACKUP_FORMS = """
    `- **Frequency**: Daily` and `- **Retention**: 30 days` (also `Schedule`, `Interval`,
    `Backup Frequency`; `Retention Period`, `Kept for`), or a sentence: `Hourly snapshots,
    kept 14 days`.
"""
BACKUP_RETENTION_MISSING = register(
    "OS406",
    "backup-retention-missing",
    W,
    "A backup states a frequency but no retention.",
    readiness="backups",
    doc=RuleDoc(
        catches="A backup with a frequency and no retention (how long backups are kept).",
        why="""
            Without a retention, nobody knows how far back a restore can go, and whether a
            corruption found a week later can still be undone.
        """,
        bad=Example(_backups("**Frequency**: Every hour", "**Location**: S3, eu-west-2")),
        fixed=Example(_BACKED_UP),
        accepts=_BACKUP_FORMS,
    ),
)
BACKUP_FREQUENCY_MISSING = register(
    "OS407",
    "backup-frequency-missing",
    E,
    "The backup section states no backup frequency.",
    readiness="backups",
    doc=RuleDoc(
        catches="A Backup & Recovery (or Backup Strategy) section of a feature spec that "
        "states no backup frequency, in a spec that does not say the service holds no data.",
        why="The backup interval is the data that may be lost; the RPO is checked against it.",
        bad=Example(_backups("**Retention**: 30 days", "**Location**: S3, eu-west-2")),
        fixed=Example(_BACKED_UP),
        accepts=_BACKUP_FORMS,
    ),
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
