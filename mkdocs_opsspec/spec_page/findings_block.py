"""The findings of one spec, as a collapsible block at the top of its page."""

from __future__ import annotations

from collections.abc import Callable

from ..markup import Markup, link, tag
from ..model import Finding, Severity, Spec

#: The id of the block, so other parts (flagged SLO rows) can link to it.
FINDINGS_ID = "opsspec-findings"

_WORDS = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "infos"),
}


def section_anchor(spec: Spec, line: int | None) -> str | None:
    """`#id` of the innermost section heading whose section holds `line` (the heading ids the
    default toc gives), or None. A convenience for the plugin's `section_href`."""
    if line is None:
        return None
    best = None
    for s in spec.sections:
        end = s.end_line or spec.line_count or s.line
        if s.line <= line <= end and (best is None or s.line >= best.line):
            best = s
    return f"#{best.anchor}" if best is not None and best.anchor else None


def count_summary(findings: list[Finding]) -> str:
    """'2 errors, 1 warning' (severities with none are left out)."""
    parts = []
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        n = sum(1 for f in findings if f.severity is sev)
        if n:
            one, many = _WORDS[sev]
            parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def _order(f: Finding) -> tuple[int, int, str, str]:
    return (f.severity.rank, f.line or 0, f.rule, f.message)


def finding_ids(findings: list[Finding]) -> dict[int, str]:
    """Line -> `#id` of the first finding on that line in the findings block, so the cells that
    a finding explains can link to it."""
    out: dict[int, str] = {}
    for f in sorted(findings, key=_order):
        if f.line is not None and f.line not in out:
            out[f.line] = f"#{_item_id(f)}"
    return out


def _item_id(f: Finding) -> str:
    return f"opsspec-finding-{f.line}" if f.line is not None else ""


#: A rule's code -> the link to its section on the rules page (None: no link).
RuleHref = Callable[[str], "str | None"]


def _no_rule_href(code: str) -> str | None:
    return None


def _rule(code: str, rule_href: RuleHref) -> Markup:
    """The finding's code, linking to its rule's section when there is one."""
    shown = tag("code", {"class": "opsspec-finding-rule"}, code)
    href = rule_href(code)
    if href is None:
        return shown
    return link(href, {"class": "opsspec-finding-rule-link", "title": f"What {code} means"}, shown)


def _item(
    f: Finding, section_href: Callable[[int | None], str | None], first: bool, rule_href: RuleHref
) -> Markup:
    word = _WORDS[f.severity][0]
    if f.line is None:
        where = tag("span", {"class": "opsspec-finding-line"}, "whole file")
    else:
        href = section_href(f.line)
        text = f"line {f.line}"
        if href:
            where = link(href, {"class": "opsspec-finding-line"}, text)
        else:
            where = tag("span", {"class": "opsspec-finding-line"}, text)
    return tag(
        "li",
        {"class": f"opsspec-finding opsspec-finding-{word}", "id": _item_id(f) if first else None},
        tag("span", {"class": "opsspec-finding-sev"}, word),
        " ",
        _rule(f.rule, rule_href),
        " ",
        tag("span", {"class": "opsspec-finding-msg"}, f.message),
        " ",
        tag("span", {"class": "opsspec-finding-where"}, "(", where, ")"),
    )


def findings_block(
    spec: Spec,
    findings: list[Finding],
    section_href: Callable[[int | None], str | None],
    rule_href: RuleHref = _no_rule_href,
) -> str:
    """`<details class="opsspec-findings">` listing errors, then warnings, then infos (each by
    line), open when there are errors; each code links where `rule_href` says (its section on
    the rules page). "" when there are no findings."""
    if not findings:
        return ""
    ordered = sorted(findings, key=_order)
    has_errors = any(f.severity is Severity.ERROR for f in ordered)
    worst = _WORDS[ordered[0].severity][0]
    return tag(
        "details",
        {
            "class": f"opsspec-findings opsspec-findings-{worst}",
            "id": FINDINGS_ID,
            "data-search-exclude": True,
            "open": has_errors,
        },
        tag(
            "summary",
            None,
            tag("span", {"class": "opsspec-findings-title"}, "Spec check"),
            ": ",
            tag("span", {"class": "opsspec-findings-count"}, count_summary(ordered)),
        ),
        tag("ul", {"class": "opsspec-findings-list"}, _items(ordered, section_href, rule_href)),
    )


def _items(
    ordered: list[Finding], section_href: Callable[[int | None], str | None], rule_href: RuleHref
) -> list[Markup]:
    """The list items; the first finding of each line carries the line's id."""
    seen: set[int] = set()
    out = []
    for f in ordered:
        first = f.line is not None and f.line not in seen
        if f.line is not None:
            seen.add(f.line)
        out.append(_item(f, section_href, first, rule_href))
    return out


def flag_marker() -> Markup:
    """The visible marker of a flagged cell, linking to the findings block."""
    return tag("a", {"class": "opsspec-flag", "href": f"#{FINDINGS_ID}"}, "⚠ see findings")
