"""Spec pages under MkDocs: which page is which spec, URLs between pages, and the calls into the
core's spec-page HTML (`spec_page`): markers in the Markdown, then the HTML in their place."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..analysis import Analysis, Options
from ..catalog import Catalog, spec_guid
from ..model import SPEC_TYPES, Finding, Spec
from ..readiness import Readiness
from ..rules.secrets import block_lines, find_secrets
from ..spec_page.alerts import alerts_summary
from ..spec_page.context import RenderContext, SiblingLink
from ..spec_page.findings_block import findings_block, section_anchor
from ..spec_page.header_strip import header_strip
from ..spec_page.markers import Placement, TableColumns, fill_html, mark_markdown
from ..spec_page.recovery import recovery_summary
from ..spec_page.slo_table import SloColumns, slo_extra_columns, slo_flagged_lines

_LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_RUNBOOK_NUMBER_RE = re.compile(r"^runbook\s*#?(\d+)\b", re.IGNORECASE)
_SECRET_RULES = {"OS801", "OS802"}


@dataclass(frozen=True)
class SpecPageParts:
    """What goes into one spec page."""

    strip: str  # header strip, and the findings block if shown
    recovery: str
    alerts: str
    columns: SloColumns | None  # budget columns of the SLO tables (operations specs)


class SpecPageRenderer:
    def __init__(
        self,
        analysis: Analysis,
        catalog: Catalog,
        files: Files,
        options: Options,
        *,
        show_findings: bool,
        readiness: Mapping[str, Readiness] | None = None,
    ) -> None:
        self.analysis = analysis
        self.readiness = readiness or {}
        self.catalog = catalog
        self.files = files
        self.show_findings = show_findings
        self.ctx = RenderContext(
            reference_date=analysis.reference_date or options.reference_date or dt.date.today(),
            statuses=options.statuses,
            stale_after_days=options.stale_after_days,
        )
        self.specs = {s.path: s for s in analysis.specs}
        self.findings: dict[str, list[Finding]] = {}
        for f in analysis.findings:
            self.findings.setdefault(f.path, []).append(f)
        self.placements: dict[str, Placement] = {}

    # --- step 1: Markdown ------------------------------------------------------------------

    def mark(self, page: Page, markdown: str) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return None
        if page.meta and "status" in page.meta:
            # ours, not Material's page status (which would put an icon in the nav)
            page.meta = {k: v for k, v in page.meta.items() if k != "status"}
        slo_tables = sorted(self._slo_table_lines(spec))
        placement = mark_markdown(markdown, spec, slo_tables, self._secret_spans(spec))
        self.placements[spec.path] = placement
        return placement.markdown

    def _slo_table_lines(self, spec: Spec) -> set[int]:
        if spec.operations is None:
            return set()
        rows = {s.line for s in spec.operations.slos}
        return {t.line for t in spec.tables if any(r.line in rows for r in t.rows)}

    def _secret_spans(self, spec: Spec) -> list[tuple[int, int, int, str]]:
        lines = {f.line for f in self.findings.get(spec.path, []) if f.rule in _SECRET_RULES}
        if not lines or spec.document is None:
            return []
        found = find_secrets(spec.document.lines)
        # a private key block has one finding, on its first line of key material
        blocks = block_lines(found, spec.document.lines)
        return [
            (m.line, m.start, m.end, m.kind) for m in found if blocks.get(m.line, m.line) in lines
        ]

    # --- step 2: HTML ------------------------------------------------------------------------

    def parts(self, spec: Spec, page_url: str) -> SpecPageParts:
        """The HTML that goes into the page of `spec` at `page_url` (links are relative to it)."""
        findings = self.findings.get(spec.path, [])
        siblings = self._siblings(spec, page_url)
        strip = header_strip(
            spec, siblings, self.ctx, findings=findings, readiness=self.readiness.get(spec.path)
        )
        if self.show_findings:
            strip += findings_block(spec, findings, lambda line: section_anchor(spec, line))
        if spec.operations is None:
            return SpecPageParts(strip, "", "", None)
        return SpecPageParts(
            strip,
            recovery_summary(spec, findings),
            alerts_summary(spec, lambda target: self._runbook_href(spec, page_url, target)),
            slo_extra_columns(spec, slo_flagged_lines(spec, findings)),
        )

    def fill(self, page: Page, output: str) -> str | None:
        """`output` (the page's HTML) with the markers filled."""
        spec = self.specs.get(page.file.src_uri)
        placement = self.placements.get(page.file.src_uri)
        if spec is None or placement is None:
            return None
        parts = self.parts(spec, page.url)
        tables: dict[int, TableColumns] = {}
        columns = parts.columns
        if columns is not None:
            for table_line in placement.slo_tables:
                rows = columns.tables.get(table_line, [])
                tables[table_line] = TableColumns(
                    headers=columns.headers,
                    rows=[(columns.cells.get(r, []), columns.row_classes.get(r)) for r in rows],
                )
        return fill_html(output, parts.strip, parts.recovery, parts.alerts, tables)

    def _url_of(self, path: str, page_url: str) -> str | None:
        f = self.files.src_uris.get(path)
        if f is None:
            return None
        return get_relative_url(f.url, page_url)

    def _siblings(self, spec: Spec, page_url: str) -> list[SiblingLink]:
        feature = self.catalog.feature(spec_guid(spec)) if spec.role == "feature" else None
        if feature is None:
            return []
        out = []
        for spec_type in SPEC_TYPES:
            other = feature.specs.get(spec_type)
            if other is not None and other.path == spec.path:
                out.append(SiblingLink(spec_type, None, other.status, "self"))
            elif other is not None:
                out.append(
                    SiblingLink(
                        spec_type, self._url_of(other.path, page_url), other.status, "present"
                    )
                )
            else:
                out.append(SiblingLink(spec_type, None, None, feature.type_state(spec_type)))
        return out

    def _runbook_href(self, spec: Spec, page_url: str, value: str | None) -> str | None:
        """A runbook reference as a URL relative to the page: `#anchor`, another page (with its
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
            url = self._url_of(resolved, page_url)
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
