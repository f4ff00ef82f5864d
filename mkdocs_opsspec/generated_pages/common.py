"""What every generated page shares: options and small formatters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..dates import is_stale, parse_date
from ..lexer import inline_text
from ..markup import Markup, tag
from ..model import SPEC_TYPES, Section, Spec
from ..readiness import FAIL, LEVELS, NA, NONE, NOT_CHECKED, PASS
from ..statuses import DEFAULT_STATUSES
from .paths import PagePaths, href

#: A link from one docs path to another (with an optional anchor), as an HTML attribute value:
#: (from page, to path, anchor) -> URL. The site builder's adapter gives one that resolves as
#: the builder does (MkDocs: the target page's URL relative to the page).
LinkResolver = Callable[[str, str, "str | None"], str]


@dataclass(frozen=True)
class PageOptions:
    paths: PagePaths = field(default_factory=PagePaths)
    reference_date: dt.date | None = None  # None: nothing is marked stale
    stale_after_days: int = 180
    statuses: tuple[str, ...] = DEFAULT_STATUSES  # the order statuses are counted in
    override_dirs: tuple[str, ...] = ()  # folders holding opsspec/<template> overrides
    #: Links in the pages' HTML tables; by default relative `.md` paths.
    link: LinkResolver = href
    #: `slo_sources` is set: the portfolio counts the SLOs that differ from monitoring files.
    slo_drift: bool = False
    #: The pages' front matter hides Material's navigation and table-of-contents sidebars.
    hide_sidebars: bool = True


TYPE_TITLES: dict[str, str] = {t: t.capitalize() for t in SPEC_TYPES}
#: How a check's state reads (shown with a CSS mark of its own, `opsspec-state-<state>`).
STATE_TITLES: dict[str, str] = {
    PASS: "pass",
    FAIL: "fail",
    NA: "n/a",
    NOT_CHECKED: "not checked",
}
KIND_TITLES: dict[str, str] = {
    "required": "Required",
    "optional": "Optional",
    "conflicts": "Conflicts",
    "dependents": "Dependent",
    "upstream": "Upstream",
    "downstream": "Downstream",
}
#: How a backlink reads on the page of the feature it points at.
BACKLINK_TITLES: dict[str, str] = {
    "required": "requires this",
    "optional": "optionally uses this",
    "conflicts": "conflicts with this",
    "dependents": "lists this as a dependent",
    "upstream": "lists this as upstream",
    "downstream": "lists this as downstream",
}


def level_rank(level: str) -> int:
    return 0 if level == NONE else LEVELS.index(level) + 1


def text(value: str | None) -> str:
    """Spec text as shown: inline Markdown markers dropped (the result is still raw text)."""
    return inline_text(value) if value else ""


def status_of(spec: Spec) -> str:
    return text(spec.status)


def spec_is_stale(spec: Spec, options: PageOptions) -> bool | None:
    """Whether Last Updated is older than stale_after_days (None: no date or no reference)."""
    updated = parse_date(spec.last_updated)
    if updated is None or options.reference_date is None:
        return None
    return is_stale(updated, options.reference_date, options.stale_after_days)


def spec_title(spec: Spec) -> str:
    """How a spec is named on the pages: its title (the H1), else its feature name, else its
    path."""
    for value in (spec.title, spec.name):
        shown = text(value).strip()
        if shown:
            return shown
    return spec.path


def section_at(spec: Spec, line: int) -> Section | None:
    """The innermost section of `spec` that holds `line` (None: before the first heading)."""
    found = None
    for section in spec.sections:  # in document order: a subsection comes after its section
        if section.line <= line <= max(section.end_line, section.line):
            found = section
    return found


def stale_note() -> Markup:
    """The mark of a stale date, as on the spec pages' strip."""
    return tag("span", {"class": "opsspec-stale-note"}, "stale")
