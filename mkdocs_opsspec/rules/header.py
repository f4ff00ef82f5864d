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
from .docs import Example, ExampleFile, RuleDoc, header
from .registry import E, W, register
from .structure import unchecked

_FIELDS = """
    The header is the block of `**Field**: value` lines under the title (`**GUID**`,
    `**Version**`, `**Status**`, `**Last Updated**`, also without bold or as a list item); the
    same fields may be given in front matter (`guid:`, `version:`, `status:`,
    `last_updated:`), which the header overrides.
"""
GUID_MISSING = register(
    "OS101",
    "guid-missing",
    E,
    "A feature spec states no GUID in its header or front matter.",
    readiness="header",
    doc=RuleDoc(
        catches="A feature spec with no `**GUID**:` field in its header and no `guid:` in its "
        "front matter.",
        why="""
            The GUID joins a feature's specs (business, technical, operations, ...) and names
            the feature in other specs' dependency lists. A spec that does not state it relies
            on its file name alone, and one whose file name has none (a page that is a spec by
            its title) belongs to no feature.
        """,
        bad=Example(header(guid=None)),
        fixed=Example(header()),
        accepts=_FIELDS,
    ),
)
GUID_INVALID = register(
    "OS102",
    "guid-invalid",
    E,
    "The GUID is not 12 lowercase hexadecimal digits.",
    readiness="header",
    doc=RuleDoc(
        catches="A GUID that is not exactly 12 lowercase hexadecimal digits: uppercase "
        "letters, a full UUID, dashes, a name.",
        why="""
            GUIDs are compared as they are written: in file names, in dependency lists
            (`ybs-spec_<guid>`) and between a feature's specs. One written differently is
            another feature.
        """,
        bad=Example(header(guid="0123456789AB")),
        fixed=Example(header()),
        accepts="12 characters of `0-9` and `a-f`, such as the first 12 hex digits of a UUID: "
        "`uuidgen | tr -d - | cut -c1-12`.",
    ),
)
GUID_FILENAME_MISMATCH = register(
    "OS103",
    "guid-filename-mismatch",
    E,
    "The header GUID differs from the GUID in the file name (ybs-spec_<guid>.md).",
    readiness="header",
    doc=RuleDoc(
        catches="A spec whose header GUID is valid but differs from the GUID in its file name, "
        "usually a spec copied from another feature's.",
        why="""
            The file name puts the spec into one feature's family, the header into another's:
            the matrix, the feature pages and dependency checks then disagree about which
            feature it belongs to.
        """,
        bad=Example(header(guid="7e1f0c2d9a35")),
        fixed=Example(header()),
    ),
)
GUID_DUPLICATE = register(
    "OS104",
    "guid-duplicate",
    E,
    "Two specs of one type share a GUID (both files are reported).",
    readiness="header",
    doc=RuleDoc(
        catches="Two or more specs of the same type with the same GUID. Each of them is "
        "reported, naming the others.",
        why="""
            A feature has one spec per type. With two, the feature page, the matrix and the
            portfolio show one of them and silently drop the other.
        """,
        bad=Example(
            header(),
            files=(ExampleFile("archive/operations/ybs-spec_0123456789ab.md", header(), True),),
        ),
        fixed=Example(
            header(),
            files=(ExampleFile("archive/operations/ybs-spec_0123456789ab.md", header(), True),),
            settings='exclude: ["archive/**"]',
        ),
        accepts="The same GUID in specs of different types is how a feature's specs belong "
        "together: that is not a duplicate.",
    ),
)
VERSION_NOT_SEMVER = register(
    "OS105",
    "version-not-semver",
    E,
    "The Version is not a semantic version MAJOR.MINOR.PATCH (optional -pre and +build).",
    readiness="header",
    doc=RuleDoc(
        catches="A Version that is not a semantic version: a leading `v`, two parts, a date, "
        "a word.",
        why="""
            Versions are compared and sorted; only MAJOR.MINOR.PATCH says whether a change is a
            fix, an addition or a break of what the spec promises.
        """,
        bad=Example(header(version="v1.4")),
        fixed=Example(header(version="1.4.0")),
        accepts="`1.4.0`, `2.0.0-rc.1`, `1.4.0+build.7` (semver.org 2.0.0).",
    ),
)
STATUS_UNKNOWN = register(
    "OS106",
    "status-unknown",
    E,
    "The Status is not one of the configured statuses.",
    readiness="final_status",
    doc=RuleDoc(
        catches="A Status that is not one of the statuses of the plugin's `statuses` option "
        "(compared exactly: `approved` is reported, with a hint).",
        why="""
            The status decides the badge, the portfolio's counts, whether a placeholder is an
            error or a warning, and whether the spec can reach Gold readiness.
        """,
        bad=Example(header(status="Done")),
        fixed=Example(header(status="Implemented")),
        accepts="""
            By default `Draft`, `Review`, `Approved` and `Implemented` (Approved and Implemented
            mean the spec is approved). A site sets its own list with the `statuses` option.
        """,
    ),
)
LAST_UPDATED_INVALID = register(
    "OS107",
    "last-updated-invalid",
    E,
    "Last Updated is not a real date written YYYY-MM-DD.",
    readiness="header",
    doc=RuleDoc(
        catches="A Last Updated value that is not written `YYYY-MM-DD`, or is written so but "
        "is no real date (`2026-02-30`).",
        why="""
            The date says whether a spec is stale (OS109). `02/10/2026` is the 2nd of October in
            one country and the 10th of February in another.
        """,
        bad=Example(header(updated="02/10/2026")),
        fixed=Example(header(updated="2026-10-02")),
        accepts="ISO 8601 dates only: `2026-10-02`.",
    ),
)
LAST_UPDATED_FUTURE = register(
    "OS108",
    "last-updated-in-future",
    E,
    "Last Updated is after the reference date (today).",
    readiness="header",
    doc=RuleDoc(
        catches="A Last Updated date after the day of the check (`SOURCE_DATE_EPOCH` when "
        "set, else today), usually a typo.",
        why="A date in the future keeps a spec from ever looking stale.",
        bad=Example(header(updated="2062-10-02")),
        fixed=Example(header(updated="2026-10-02")),
    ),
)
LAST_UPDATED_STALE = register(
    "OS109",
    "last-updated-stale",
    W,
    "Last Updated is older than 'stale_after_days' (default 180) before the reference date.",
    readiness="fresh",
    doc=RuleDoc(
        catches="A Last Updated date more than `stale_after_days` days (default 180) before "
        "the day of the check.",
        why="""
            Services change; a spec nobody has looked at for half a year probably describes
            last year's service. Review it and update the date, even when nothing else changes.
        """,
        bad=Example(header(updated="2025-11-03")),
        fixed=Example(header(updated="2026-10-02")),
        accepts="The limit is the plugin's `stale_after_days` option; exactly that many days "
        "is not stale.",
    ),
)
_FRONT_VERSION = "---\nversion: 1.3.0\n---\n\n"
HEADER_FRONT_MATTER_MISMATCH = register(
    "OS110",
    "header-front-matter-mismatch",
    W,
    "The header and the front matter give different values for one field.",
    doc=RuleDoc(
        catches="A GUID, Version, Status or Last Updated given both in the header and in the "
        "front matter, with different values.",
        why="""
            The header wins, but tools that read front matter (search, tags, other plugins)
            see the other value. One of the two is out of date.
        """,
        bad=Example(_FRONT_VERSION + header()),
        fixed=Example("---\nversion: 1.4.0\n---\n\n" + header()),
        accepts=_FIELDS,
    ),
)
HEADER_FIELDS_MISSING = register(
    "OS111",
    "header-fields-missing",
    W,
    "A feature spec states no Status, no Version or no Last Updated (one finding names them all).",
    readiness="header",
    doc=RuleDoc(
        catches="A feature spec whose header (or front matter) lacks a Status, a Version or a "
        "Last Updated date. One finding names every field that is missing.",
        why="""
            Without them the spec page has no status badge or version, and nobody can tell
            whether the spec is current.
        """,
        bad=Example(header(version=None, updated=None)),
        fixed=Example(header()),
        accepts=_FIELDS,
    ),
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
