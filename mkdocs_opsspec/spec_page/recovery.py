"""A summary of the recovery objectives (RTO/RPO of rollback and disaster recovery) and the
backups, with the cells that recovery findings (OS4xx) point at flagged."""

from __future__ import annotations

from decimal import Decimal

from ..markup import Markup, inline, summary_box, tag
from ..model import Backup, Finding, KeyValue, Objective, Recovery, Spec
from ..units import UnitError, format_duration, parse_duration
from .findings_block import flag_marker

RECOVERY_RULE_PREFIX = "OS4"
FLAGGED_CLASS = "opsspec-flagged"

_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "="}


def duration_text(seconds: Decimal, comparator: str | None = None) -> str:
    """'10m', '≤ 15m', '0s'."""
    text = format_duration(seconds)
    if comparator and comparator != "=":
        return f"{_SYMBOLS.get(comparator, comparator)} {text}"
    return text


def _norm(text: str, title: str | None = None, cls: str = "opsspec-norm") -> Markup:
    return tag("span", {"class": cls, "title": title}, f"({text})")


def _missing(text: str = "not stated") -> Markup:
    return tag("span", {"class": "opsspec-missing"}, text)


def _objective_content(obj: Objective) -> list[object]:
    d = obj.duration
    if d is None:
        norm = _norm("not understood", obj.error, "opsspec-norm opsspec-na")
    elif d.not_applicable or d.seconds is None:
        norm = _norm("n/a", "Not applicable")
    else:
        norm = _norm(duration_text(d.seconds, d.comparator), "As read by mkdocs-opsspec")
    return [tag("span", {"class": "opsspec-raw"}, inline(obj.raw)), " ", norm]


def _td(content: list[object], flagged: bool, **attrs: str) -> Markup:
    cls = "opsspec-recovery-value" + (f" {FLAGGED_CLASS}" if flagged else "")
    body = list(content)
    if flagged:
        body += [" ", flag_marker()]
    return tag("td", {"class": cls, **attrs}, *body)


def _objective_cell(rec: Recovery | None, which: str, lines: set[int]) -> Markup:
    if rec is None:
        return _td([_missing("no section")], False)
    obj: Objective | None = getattr(rec, which)
    if obj is None:
        return _td([_missing()], rec.line is not None and rec.line in lines)
    return _td(_objective_content(obj), obj.line in lines)


def _frequency(b: Backup) -> list[object]:
    assert b.frequency is not None
    d = b.interval
    if d is None:
        norm = _norm("not understood", "Not a fixed interval", "opsspec-norm opsspec-na")
    elif d.not_applicable or d.seconds is None:
        norm = _norm("n/a")
    elif d.seconds == 0:
        norm = _norm("continuous")
    else:
        norm = _norm(f"every {format_duration(d.seconds)}", "Shortest interval stated")
    return [tag("span", {"class": "opsspec-raw"}, inline(b.frequency.value)), " ", norm]


def _retention(kv: KeyValue) -> list[object]:
    out: list[object] = [tag("span", {"class": "opsspec-raw"}, inline(kv.value))]
    try:
        d = parse_duration(kv.value.strip("` "))
    except UnitError:
        return out
    if d.seconds is not None and d.seconds > 0:
        out += [" ", _norm(duration_text(d.seconds, d.comparator))]
    return out


def _backup_cell(spec: Spec, backups: list[Backup], field: str, lines: set[int]) -> Markup:
    ops = spec.operations
    if not backups:
        if ops is not None and ops.no_data_line is not None:
            return _td([_missing("none: the service holds no data")], False, colspan="2")
        return _td([_missing()], False, colspan="2")
    entries: list[tuple[list[object], bool]] = []
    for b in backups:
        kv: KeyValue | None = getattr(b, field)
        flagged = (kv.line in lines) if kv is not None else (b.line in lines)
        if kv is None:
            content: list[object] = [_missing()]
        elif field == "frequency":
            content = _frequency(b)
        else:
            content = _retention(kv)
        if b.name:
            content = [
                tag("span", {"class": "opsspec-backup-name"}, inline(b.name)),
                ": ",
                *content,
            ]
        if flagged:
            content += [" ", flag_marker()]
        entries.append((content, flagged))
    any_flagged = any(flagged for _, flagged in entries)
    cls = "opsspec-recovery-value" + (f" {FLAGGED_CLASS}" if any_flagged else "")
    if len(entries) == 1 and not backups[0].name:
        return tag("td", {"class": cls, "colspan": "2"}, entries[0][0])
    items = [tag("li", {"class": FLAGGED_CLASS if f else None}, c) for c, f in entries]
    return tag("td", {"class": cls, "colspan": "2"}, tag("ul", {"class": "opsspec-backups"}, items))


def recovery_flag_lines(findings: list[Finding]) -> set[int]:
    return {
        f.line for f in findings if f.line is not None and f.rule.startswith(RECOVERY_RULE_PREFIX)
    }


def recovery_summary(spec: Spec, findings: list[Finding]) -> str:
    """`<div class="opsspec-recovery">`: RTO and RPO of the Rollback Procedure and of Disaster
    Recovery (as written and as read), backup frequency and retention. Cells that an OS4xx
    finding points at (by line) get the class `opsspec-flagged` and a visible marker.
    "" for specs without any of these."""
    ops = spec.operations
    if ops is None:
        return ""
    rb, dr = ops.rollback, ops.disaster_recovery
    if rb is None and dr is None and not ops.backups:
        return ""
    lines = recovery_flag_lines(findings)
    head = tag(
        "thead",
        None,
        tag(
            "tr",
            None,
            tag("td", None),
            tag("th", {"scope": "col"}, "Rollback Procedure"),
            tag("th", {"scope": "col"}, "Disaster Recovery"),
        ),
    )
    rows = [
        tag(
            "tr",
            None,
            tag("th", {"scope": "row", "title": title}, label),
            _objective_cell(rb, which, lines),
            _objective_cell(dr, which, lines),
        )
        for label, which, title in (
            ("RTO", "rto", "Recovery Time Objective"),
            ("RPO", "rpo", "Recovery Point Objective"),
        )
    ]
    rows += [
        tag(
            "tr",
            None,
            tag("th", {"scope": "row"}, label),
            _backup_cell(spec, ops.backups, field, lines),
        )
        for label, field in (("Backup frequency", "frequency"), ("Backup retention", "retention"))
    ]
    return summary_box("opsspec-recovery", "Recovery summary", head, rows)
