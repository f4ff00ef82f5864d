"""The checked docs folder behind the Markdown extension, kept between page conversions."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..analysis import Analysis, Options, ParseCache, analyse, fails
from ..catalog import Catalog, build_catalog
from ..ci_formats import summary_line, text_lines
from ..model import Finding
from ..readiness import Readiness, ReadinessOptions, assess_catalog
from ..scan import DocsFiles
from ..spec_page.pages import SpecPages
from .context import PageContext

log = logging.getLogger("mkdocs_opsspec.markdown")


@dataclass
class Site:
    """A docs folder, checked, and its spec pages for the build under way."""

    analysis: Analysis
    catalog: Catalog
    failing: list[str]  # the findings that fail a strict build, as text lines
    pages: SpecPages


@dataclass
class _Checked:
    stamps: tuple[tuple[str, int, int], ...]  # of the Markdown files checked
    analysis: Analysis
    catalog: Catalog
    failing: list[str]
    parsed: ParseCache
    readiness: dict[str, Readiness]


class SiteCache:
    """The analysis of each docs folder (with its options), kept for the life of the process.

    What it buys: Python-Markdown calls the extension once per page, and each spec page needs the
    whole folder checked (its siblings' status, cross-file findings). Without this cache every
    page would check every file of docs_dir again: on the example site (38 Markdown files, a
    check of about 20 ms) a Zensical build of its 64 pages took 2.5 s in place of 1.0 s, and the
    cost grows with the square of the site. With it the folder is checked once per process and
    looked at once per build: a new build (Zensical reads its config anew for each, MkDocs makes
    a new file list) compares each Markdown file's modification time and size with those of the
    last check (0.1 ms for the example) and checks again only when one changed, parsing only
    the files whose content changed (`ParseCache`)."""

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
        once per build; `key` names them). `rules_page`: the docs path of the rules page
        `mkdocs-opsspec generate` writes (findings link to it when the site has it)."""
        with self._lock:
            current = self._current.get(key)
            if current is not None and current[0] is context.build:
                return current[1]
            options = read_options()
            listing = context.listing()
            stamps = listing.stamps()
            checked = self._checked.get(key)
            if checked is None or checked.stamps != stamps:
                parsed = checked.parsed if checked is not None else ParseCache()
                analysis, catalog = _check(listing, options, parsed)
                failing = _log_findings(analysis.findings, context, fail_on)
                readiness = assess_catalog(
                    catalog,
                    ReadinessOptions(
                        reference_date=analysis.reference_date or dt.date.today(),
                        stale_after_days=options.stale_after_days,
                    ),
                )
                checked = _Checked(stamps, analysis, catalog, failing, parsed, readiness)
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


def _check(listing: DocsFiles, options: Options, parsed: ParseCache) -> tuple[Analysis, Catalog]:
    analysis = analyse(
        list(listing.markdown.items()), options, other_paths=listing.others, cache=parsed
    )
    catalog = build_catalog(
        analysis.specs,
        analysis.findings,
        default_class=options.feature_class,
        doc_paths=[*listing.markdown, *listing.others],
    )
    return analysis, catalog


def _log_findings(findings: list[Finding], context: PageContext, fail_on: str) -> list[str]:
    """Log every finding once per check (those that fail a strict build as warnings), and
    return those."""
    config_dir = os.path.dirname(os.path.abspath(context.config_file))
    rel = os.path.relpath(context.docs_dir, config_dir).replace(os.sep, "/")
    prefix = "" if rel == "." else rel.rstrip("/") + "/"
    failing = []
    for finding, line in zip(findings, text_lines(findings, prefix), strict=True):
        if fails(finding, fail_on):
            failing.append(line)
            log.warning("opsspec: %s", line)
        else:
            log.info("opsspec: %s", line)
    return failing


def summary(site: Site) -> str:
    a = site.analysis
    return summary_line(len(a.specs), a.counts(), sum(1 for f in a.findings if f.baselined))
