"""Header rules: GUID, Version, Status and Last Updated of feature specs (every spec type).

BASE and master documents have no feature header, so these rules skip them. A header value that
is a template placeholder (`[12-hex-guid]`, `[YYYY-MM-DD]`) is reported by the placeholder rule
(OS202/OS203) only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..dates import has_date_shape, is_stale, parse_date
from ..model import Finding, HeaderField, Spec
from ..parser.header import front_matter_field
from ..statuses import same_but_case, status_index
from . import RuleContext
from .common import finding, joined, plain, quote
from .registry import E, W, register
from .structure import unchecked

GUID_MISSING = register(
    "OS101",
    "guid-missing",
    E,
    "A feature spec states no GUID in its header or front matter.",
    readiness="header",
)
GUID_INVALID = register(
    "OS102",
    "guid-invalid",
    E,
    "The GUID is not 12 lowercase hexadecimal digits.",
    readiness="header",
)
GUID_FILENAME_MISMATCH = register(
    "OS103",
    "guid-filename-mismatch",
    E,
    "The header GUID differs from the GUID in the file name (ybs-spec_<guid>.md).",
    readiness="header",
)
GUID_DUPLICATE = register(
    "OS104",
    "guid-duplicate",
    E,
    "Two specs of one type share a GUID (both files are reported).",
    readiness="header",
)
VERSION_NOT_SEMVER = register(
    "OS105",
    "version-not-semver",
    E,
    "The Version is not a semantic version MAJOR.MINOR.PATCH (optional -pre and +build).",
    readiness="header",
)
STATUS_UNKNOWN = register(
    "OS106",
    "status-unknown",
    E,
    "The Status is not one of the configured statuses.",
    readiness="final_status",
)
LAST_UPDATED_INVALID = register(
    "OS107",
    "last-updated-invalid",
    E,
    "Last Updated is not a real date written YYYY-MM-DD.",
    readiness="header",
)
LAST_UPDATED_FUTURE = register(
    "OS108",
    "last-updated-in-future",
    E,
    "Last Updated is after the reference date (today).",
    readiness="header",
)
LAST_UPDATED_STALE = register(
    "OS109",
    "last-updated-stale",
    W,
    "Last Updated is older than 'stale_after_days' (default 180) before the reference date.",
    readiness="fresh",
)
HEADER_FRONT_MATTER_MISMATCH = register(
    "OS110",
    "header-front-matter-mismatch",
    W,
    "The header and the front matter give different values for one field.",
)
HEADER_FIELDS_MISSING = register(
    "OS111",
    "header-fields-missing",
    W,
    "A feature spec states no Status, no Version or no Last Updated (one finding names them all).",
    readiness="header",
)

_GUID_RE = re.compile(r"[0-9a-f]{12}")
_SEMVER_RE = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)
_SHORT_VERSION_RE = re.compile(r"\d+(?:\.\d+)?")
_FIELD_TITLES = {
    "guid": "GUID",
    "version": "Version",
    "status": "Status",
    "last_updated": "Last Updated",
}


def _value(spec: Spec, name: str) -> tuple[HeaderField, str] | None:
    """A header field and its plain value, unless absent or empty. (A value that is found bad
    is then skipped if it is a placeholder: `unchecked` runs only on that rare path.)"""
    f = spec.fields.get(name)
    if f is None:
        return None
    value = plain(f.value)
    return (f, value) if value else None


def _guid_missing(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    f = spec.fields.get("guid")
    if f is not None and plain(f.value):
        return
    example = spec.filename_guid or "<12 lowercase hex digits>"
    yield finding(
        spec,
        GUID_MISSING,
        f.line if f else spec.title_line,
        f"the spec states no GUID: add '**GUID**: {example}' under the title",
    )


def _guid_format(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    got = _value(spec, "guid")
    if got is None:
        return
    f, guid = got
    if _GUID_RE.fullmatch(guid):
        if spec.filename_guid and guid != spec.filename_guid:
            yield finding(
                spec,
                GUID_FILENAME_MISMATCH,
                f.line,
                f"GUID {quote(guid)} differs from the file name's GUID "
                f"{quote(spec.filename_guid)}: make them the same (fix the GUID or rename the "
                "file)",
            )
        return
    if unchecked(spec, f.value):
        return
    if _GUID_RE.fullmatch(guid.lower()):
        fix = f"write it in lowercase: '{guid.lower()}'"
    elif spec.filename_guid:
        fix = f"use 12 lowercase hex digits, such as the file name's '{spec.filename_guid}'"
    else:
        fix = "use 12 lowercase hex digits (e.g. from `uuidgen | tr -d - | cut -c1-12`)"
    yield finding(
        spec, GUID_INVALID, f.line, f"GUID {quote(guid)} is not 12 lowercase hex digits: {fix}"
    )


def _version(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    got = _value(spec, "version")
    if got is None:
        return
    f, version = got
    if _SEMVER_RE.fullmatch(version) or unchecked(spec, f.value):
        return
    if version[:1] in ("v", "V") and _SEMVER_RE.fullmatch(version[1:]):
        fix = f"drop the leading 'v': '{version[1:]}'"
    elif _SHORT_VERSION_RE.fullmatch(version):
        parts = [*version.split("."), "0", "0"]
        fix = f"write all three parts: '{'.'.join(str(int(p)) for p in parts[:3])}'"
    else:
        fix = "write it as MAJOR.MINOR.PATCH, e.g. '1.2.0' or '2.0.0-rc.1'"
    yield finding(
        spec, VERSION_NOT_SEMVER, f.line, f"Version {quote(version)} is not semver: {fix}"
    )


def _status(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    got = _value(spec, "status")
    if got is None:
        return
    f, status = got
    if status_index(status, ctx.statuses) is not None or unchecked(spec, f.value):
        return
    allowed = ", ".join(ctx.statuses)
    same = same_but_case(status, ctx.statuses)
    if same is not None:
        fix = f"use '{same}' (statuses are case-sensitive)"
    else:
        fix = "use one of them or add it to the plugin's 'statuses' option"
    yield finding(
        spec, STATUS_UNKNOWN, f.line, f"Status {quote(status)} is not one of {allowed}: {fix}"
    )


def _last_updated(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    got = _value(spec, "last_updated")
    if got is None:
        return
    f, value = got
    date = parse_date(value)
    ref = ctx.reference_date
    if date is None and unchecked(spec, f.value):
        return
    if date is None:
        what = "is not a real date" if has_date_shape(value) else "is not a YYYY-MM-DD date"
        yield finding(
            spec,
            LAST_UPDATED_INVALID,
            f.line,
            f"Last Updated {quote(value)} {what}: write the date of the last change as "
            f"YYYY-MM-DD, e.g. '{ref.isoformat()}'",
        )
    elif date > ref:
        yield finding(
            spec,
            LAST_UPDATED_FUTURE,
            f.line,
            f"Last Updated {quote(value)} is after {ref.isoformat()} (today): write the date "
            "of the last change, which cannot be in the future",
        )
    elif is_stale(date, ref, ctx.stale_after_days):
        yield finding(
            spec,
            LAST_UPDATED_STALE,
            f.line,
            f"Last Updated {quote(value)} is {(ref - date).days} days before "
            f"{ref.isoformat()} (more than {ctx.stale_after_days}): review the spec and update "
            "the date",
        )


def _fields_missing(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    """One finding naming every one of Status, Version and Last Updated the spec lacks."""
    missing = [name for name in ("status", "version", "last_updated") if _value(spec, name) is None]
    if not missing:
        return
    examples = {
        "status": f"'**Status**: {ctx.statuses[0] if ctx.statuses else 'Draft'}'",
        "version": "'**Version**: 1.0.0'",
        "last_updated": f"'**Last Updated**: {ctx.reference_date.isoformat()}'",
    }
    named = joined([_FIELD_TITLES[name] for name in missing], "or")
    yield finding(
        spec,
        HEADER_FIELDS_MISSING,
        spec.title_line,
        f"the header states no {named}: add {', '.join(examples[n] for n in missing)} under "
        "the title",
    )


def _front_matter_mismatch(spec: Spec, ctx: RuleContext) -> Iterator[Finding]:
    doc = spec.document
    if doc is None or not doc.front_matter:
        return
    for name, title in _FIELD_TITLES.items():
        f = spec.fields.get(name)
        if f is None or f.source != "header":
            continue
        fm = front_matter_field(doc, name)
        if fm is None or plain(fm.value) == plain(f.value):
            continue
        yield finding(
            spec,
            HEADER_FRONT_MATTER_MISMATCH,
            f.line,
            f"{title} is {quote(plain(f.value))} in the header but {quote(plain(fm.value))} in "
            f"the front matter (line {fm.line}): make them the same or drop one of them",
        )


_RULES = (
    _guid_missing,
    _guid_format,
    _fields_missing,
    _version,
    _status,
    _last_updated,
    _front_matter_mismatch,
)


def check_spec(spec: Spec, ctx: RuleContext) -> Iterable[Finding]:
    if spec.role != "feature":
        return []
    return [f for rule in _RULES for f in rule(spec, ctx)]


def check_site(specs: list[Spec], ctx: RuleContext) -> Iterable[Finding]:
    """Specs of one type that share a GUID: each file is reported, naming the others."""
    groups: dict[tuple[str | None, str], list[Spec]] = {}
    for spec in specs:
        if spec.role == "feature" and spec.guid and _GUID_RE.fullmatch(spec.guid):
            groups.setdefault((spec.type, spec.guid), []).append(spec)
    out: list[Finding] = []
    for (spec_type, guid), group in groups.items():
        if len(group) < 2:
            continue
        for spec in group:
            others = ", ".join(s.path for s in group if s is not spec)
            f = spec.fields.get("guid")
            out.append(
                finding(
                    spec,
                    GUID_DUPLICATE,
                    f.line if f else None,
                    f"GUID {quote(guid)} is also used by the {spec_type} spec {others}: give "
                    "each feature its own GUID (one spec per type and GUID)",
                )
            )
    return out
