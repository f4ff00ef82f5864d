"""The checked docs folder behind the Markdown extension, kept between page conversions."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..analysis import Analysis, Options, analyse, fails
from ..catalog import Catalog
from ..ci_formats import summary_line, text_lines
from ..model import Finding, Severity
from ..overview import overview
from ..readiness import Readiness
from ..report import source_prefix
from ..scan import DocsFiles
from ..spec_page.pages import SpecPages
from .context import PageContext

#: Under MkDocs' logger, as a plugin's (`mkdocs.plugins.<name>`): `mkdocs build --strict` counts
#: its warnings (those that fail a strict build). No MkDocs import: Zensical runs it too.
log = logging.getLogger("mkdocs.plugins.mkdocs_opsspec.markdown")


@dataclass
class Site:
    """A docs folder, checked, and its spec pages for the build under way."""

    analysis: Analysis
    catalog: Catalog
    failing: list[str]  # the findings that fail a strict build, as text lines
    pages: SpecPages


#: What a check depends on besides the extension's own settings: (path, modification time,
#: size) of each Markdown file, the other files' paths (links to them resolve), and the options
#: as read for the build (the reference date, the baseline's and monitoring files' contents).
_Inputs = tuple[tuple[tuple[str, int, int], ...], tuple[str, ...], Options]


@dataclass
class _Checked:
    inputs: _Inputs
    analysis: Analysis
    catalog: Catalog
    failing: list[str]
    readiness: dict[str, Readiness]


class SiteCache:
    """The analysis of each docs folder (with its options), kept for the life of the process.

    What it buys: Python-Markdown calls the extension once per page, and each spec page needs the
    whole folder checked (its siblings' status, cross-file findings). Without this cache every
    page would check every file of docs_dir again (see `docs/benchmarks.md`, row "site
    cache"). With it the folder is checked once per
    process and looked at once per build: a new build (Zensical reads its config anew for each,
    MkDocs makes a new file list) reads the options again and lists the folder, and checks
    again only when something a check depends on changed (`_Inputs`: a Markdown file's
    modification time or size, the other files, the options with the reference date)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # a builder may convert pages in threads
        self._checked: dict[str, _Checked] = {}
        self._current: dict[str, tuple[object, Site]] = {}  # the site of the build under way

    def clear(self) -> None:
        with self._lock:
            self._checked.clear()
            self._current.clear()

    def get(
        self,
        context: PageContext,
        key: str,
        read_options: Callable[[], Options],
        *,
        show_findings: bool,
        fail_on: str,
        rules_page: str | None = None,
    ) -> Site:
        """The site of `context`'s docs_dir, checked with the options `read_options` gives (read
        once per build; `key` names the site and the extension's settings). `rules_page`: the
        docs path of the rules page `mkdocs-opsspec generate` writes (findings link to it when
        the site has it)."""
        with self._lock:
            current = self._current.get(key)
            if current is not None and current[0] is context.build:
                return current[1]
            options = read_options()
            listing = context.listing()
            inputs: _Inputs = (listing.stamps(), tuple(listing.others), options)
            checked = self._checked.get(key)
            if checked is None or checked.inputs != inputs:
                analysis = _check(listing, options)
                made = overview(analysis, options, [*listing.markdown, *listing.others])
                failing = _log_findings(analysis.findings, context, fail_on)
                checked = _Checked(inputs, analysis, made.catalog, failing, made.readiness)
                self._checked[key] = checked
            pages = SpecPages(
                checked.analysis,
                checked.catalog,
                options,
                show_findings=show_findings,
                link=context.link(listing),
                readiness=checked.readiness,
                rules_page=rules_page,
            )
            site = Site(checked.analysis, checked.catalog, checked.failing, pages)
            self._current[key] = (context.build, site)
            return site


def _check(listing: DocsFiles, options: Options) -> Analysis:
    return analyse(list(listing.markdown.items()), options, other_paths=listing.others)


def _log_findings(findings: list[Finding], context: PageContext, fail_on: str) -> list[str]:
    """Log every finding once per check (those that fail a strict build as warnings, infos at
    debug level, as the plugin does), and return those that fail."""
    prefix = source_prefix(context.config_file, context.docs_dir)
    failing = []
    for finding, line in zip(findings, text_lines(findings, prefix), strict=True):
        if fails(finding, fail_on):
            failing.append(line)
            log.warning("opsspec: %s", line)
        elif finding.severity is Severity.INFO:
            log.debug("opsspec: %s", line)
        else:
            log.info("opsspec: %s", line)
    return failing


def summary(site: Site) -> str:
    a = site.analysis
    return summary_line(len(a.specs), a.counts(), sum(1 for f in a.findings if f.baselined))
