"""Spec pages under MkDocs: the core's `SpecPages` with links as MkDocs makes them, called with
MkDocs pages: markers in the Markdown, then the HTML in their place."""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..analysis import Analysis, Options
from ..catalog import Catalog
from ..readiness import Readiness
from ..spec_page.markers import Placement
from ..spec_page.pages import PageLink, SpecPages, nav_meta


def page_link(files: Files) -> PageLink:
    """Links as MkDocs makes them: the target page's URL relative to the page (None when either
    is not a file of the site)."""
    by_path = files.src_uris

    def link(from_page: str, to_path: str) -> str | None:
        source, target = by_path.get(from_page), by_path.get(to_path)
        if source is None or target is None:
            return None
        return target.url_relative_to(source)

    return link


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
        rules_page: str | None = None,
    ) -> None:
        self.pages = SpecPages(
            analysis,
            catalog,
            options,
            show_findings=show_findings,
            link=page_link(files),
            readiness=readiness,
            rules_page=rules_page,
        )
        self.placements: dict[str, Placement] = {}

    def mark(self, page: Page, markdown: str) -> str | None:
        """Step 1 (`on_page_markdown`): the Markdown of a spec page with its markers."""
        spec = self.pages.specs.get(page.file.src_uri)
        if spec is None:
            return None
        if page.meta:
            page.meta = nav_meta(page.meta, escape_subtitle=True)
        placement = self.pages.mark(spec, markdown)
        self.placements[spec.path] = placement
        return placement.markdown

    def fill(self, page: Page, output: str) -> str | None:
        """Step 2 (`on_page_context`): `output` (the page's HTML) with the markers filled."""
        spec = self.pages.specs.get(page.file.src_uri)
        placement = self.placements.get(page.file.src_uri)
        if spec is None or placement is None:
            return None
        return self.pages.fill(spec, placement, output)


__all__ = ["SpecPageRenderer", "page_link"]
