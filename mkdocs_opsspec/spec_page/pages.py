"""The spec pages of a checked docs folder, whatever builds the site: which page is which spec, the
HTML that goes into each (header strip with sibling specs, findings, recovery and alert summaries,
SLO budget columns) and where it goes (`markers`).

Both adapters use it: the MkDocs plugin and the Markdown extension (`mkdocs_opsspec.markdown`).
Links between pages come from the adapter as a `PageLink`, because only the site builder knows
them: MkDocs gives each page a URL, Zensical rewrites relative `.md` links itself.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..analysis import Analysis, Options, reference_day
from ..catalog import Catalog, spec_guid
from ..markup import esc
from ..model import SPEC_TYPES, Finding, Spec, findings_by_path
from ..readiness import Readiness
from ..rules.explain import anchor
from ..rules.secrets import block_lines
from ..slo_export.drift import Drift
from .alerts import alerts_summary
from .context import RenderContext, SiblingLink
from .findings_block import RuleHref, finding_ids, findings_block, section_anchor
from .header_strip import header_strip
from .markers import Placement, TableColumns, fill_html, mark_markdown
from .recovery import recovery_summary
from .slo_monitoring import with_monitoring
from .slo_table import slo_tables

#: (docs path of a page, docs path of another file) -> the link from the page to that file, or
#: None when that file is not part of the site.
PageLink = Callable[[str, str], "str | None"]

_LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_RUNBOOK_NUMBER_RE = re.compile(r"^runbook\s*#?(\d+)\b", re.IGNORECASE)
_SECRET_RULES = {"OS801", "OS802"}


def nav_meta(meta: dict[str, Any], *, escape_subtitle: bool) -> dict[str, Any]:
    """A spec page's front matter as the theme reads it for the nav of every page: `status` is
    ours (the spec's), not Material's page status, which would put an icon in the nav (its
    class made from the value). With `escape_subtitle` (MkDocs, whose templates do not escape)
    `subtitle`, shown under the title as it is, becomes text."""
    out = {k: v for k, v in meta.items() if k != "status"}
    if escape_subtitle and out.get("subtitle") is not None:
        out["subtitle"] = esc(out["subtitle"])
    return out


@dataclass(frozen=True)
class SpecPageParts:
    """What goes into one spec page."""

    strip: str  # header strip, and the findings block if shown
    recovery: str
    alerts: str
    tables: dict[int, TableColumns]  # what each SLO table gains, by its header line


class SpecPages:
    def __init__(
        self,
        analysis: Analysis,
        catalog: Catalog,
        options: Options,
        *,
        show_findings: bool,
        link: PageLink,
        readiness: Mapping[str, Readiness] | None = None,
        rules_page: str | None = None,
    ) -> None:
        self.readiness = readiness or {}
        self.catalog = catalog
        self.show_findings = show_findings
        self.link = link
        #: docs path of the rules page (its sections explain the findings' codes), if any
        self.rules_page = rules_page
        self.ctx = RenderContext(
            reference_date=analysis.reference_date or reference_day(options),
            statuses=options.statuses,
            stale_after_days=options.stale_after_days,
        )
        self.specs = {s.path: s for s in analysis.specs}
        self.findings: dict[str, list[Finding]] = findings_by_path(analysis.findings)
        #: the specs' SLOs against the monitoring files (`slo_sources` set), for their column
        self.drift: Drift | None = analysis.drift

    # --- step 1: Markdown ------------------------------------------------------------------

    def mark(self, spec: Spec, markdown: str, token: str = "") -> Placement:
        """The page's Markdown with the markers in place and secrets redacted (`token`: see
        `markers.marker`)."""
        slo_tables = sorted(self._slo_table_lines(spec))
        return mark_markdown(markdown, spec, slo_tables, self._secret_spans(spec), token)

    def _slo_table_lines(self, spec: Spec) -> set[int]:
        if spec.operations is None:
            return set()
        rows = {s.line for s in spec.operations.slos}
        return {t.line for t in spec.tables if any(r.line in rows for r in t.rows)}

    def _secret_spans(self, spec: Spec) -> list[tuple[int, int, int, str]]:
        lines = {f.line for f in self.findings.get(spec.path, []) if f.rule in _SECRET_RULES}
        if not lines or spec.document is None:
            return []
        # a private key block has one finding, on its first line of key material
        blocks = block_lines(list(spec.secrets), spec.document.lines)
        return [
            (m.line, m.start, m.end, m.kind)
            for m in spec.secrets
            if blocks.get(m.line, m.line) in lines
        ]

    # --- step 2: HTML ------------------------------------------------------------------------

    def parts(self, spec: Spec) -> SpecPageParts:
        """The HTML that goes into the page of `spec` (links are relative to it)."""
        findings = self.findings.get(spec.path, [])
        strip = header_strip(
            spec,
            self._siblings(spec),
            self.ctx,
            findings=findings,
            readiness=self.readiness.get(spec.path),
        )
        ids = finding_ids(findings) if self.show_findings else {}
        if self.show_findings:
            strip += findings_block(
                spec, findings, lambda line: section_anchor(spec, line), self._rule_href(spec)
            )
        if spec.operations is None:
            return SpecPageParts(strip, "", "", {})
        tables = slo_tables(spec, findings, lambda line: ids.get(line))
        if self.drift is not None:
            tables = with_monitoring(tables, self.drift.rows.get(spec.path, {}))
        return SpecPageParts(
            strip,
            recovery_summary(spec, findings),
            alerts_summary(spec, lambda target: self._runbook_href(spec, target)),
            tables,
        )

    def table_columns(self, parts: SpecPageParts, placement: Placement) -> dict[int, TableColumns]:
        """What each SLO table the placement marked gains, by its header line."""
        return {line: parts.tables[line] for line in placement.slo_tables if line in parts.tables}

    def fill(self, spec: Spec, placement: Placement, html: str) -> str:
        """`html` (the page's converted content) with the plain markers filled."""
        parts = self.parts(spec)
        tables = self.table_columns(parts, placement)
        return fill_html(html, parts.strip, parts.recovery, parts.alerts, tables)

    def _rule_href(self, spec: Spec) -> RuleHref:
        """Links from the spec's page to the rules' sections on the rules page (none when the
        site has no rules page)."""
        page = self.link(spec.path, self.rules_page) if self.rules_page else None

        def href(code: str) -> str | None:
            return f"{page}#{anchor(code)}" if page is not None else None

        return href

    def _siblings(self, spec: Spec) -> list[SiblingLink]:
        feature = self.catalog.feature(spec_guid(spec)) if spec.role == "feature" else None
        if feature is None:
            return []
        out = []
        for spec_type in SPEC_TYPES:
            other = feature.specs.get(spec_type)
            if other is not None and other.path == spec.path:
                out.append(SiblingLink(spec_type, None, other.status, "self"))
            elif other is not None:
                href = self.link(spec.path, other.path)
                out.append(SiblingLink(spec_type, href, other.status, "present"))
            else:
                out.append(SiblingLink(spec_type, None, None, feature.type_state(spec_type)))
        return out

    def _runbook_href(self, spec: Spec, value: str | None) -> str | None:
        """A runbook reference as a link from the spec's page: `#anchor`, another page (with its
        anchor), an http(s) URL, or the name / number of a runbook on this page."""
        if not value:
            return None
        m = _LINK_TARGET_RE.search(value)
        target = m.group(1) if m else value.strip().strip("`")
        if target.startswith("#"):
            return target
        if target.startswith(("http://", "https://")):
            return target
        path, _, anchor = target.partition("#")
        if path.endswith(".md") and "://" not in path:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(spec.path), path))
            url = self.link(spec.path, resolved)
            if url is not None:
                return url + (f"#{anchor}" if anchor else "")
            return None
        runbooks = spec.operations.runbooks if spec.operations else []
        text = value.strip().casefold()
        number = _RUNBOOK_NUMBER_RE.match(value.strip())
        for k, rb in enumerate(runbooks, start=1):
            if rb.name.casefold() == text or (number and int(number.group(1)) == k):
                return f"#{rb.anchor}"
        return None


__all__ = ["PageLink", "SpecPageParts", "SpecPages"]
