"""MkDocs glue for the generated pages: in-memory files (never written to docs_dir), their place
in the navigation, and spec pages titled and ordered by feature name. Part of the MkDocs adapter;
the page contents come from the core (`pages/`)."""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from .catalog import Catalog
from .pages import PageOptions, generate_pages, page_paths, portfolio_json
from .pages.fast_html import fill_prose, fill_tables, prose_to_html, tables_to_html
from .readiness import Readiness
from .rebuild_memo import RebuildMemo

PAGE_ASSETS = {
    "assets/opsspec/portfolio.css": "portfolio.css",
    "assets/opsspec/portfolio.js": "portfolio.js",
}


@dataclass(frozen=True)
class NavSettings:
    section_title: str
    position: str  # "start" | "end"
    feature_pages: bool
    sort_specs: bool
    explicit_nav: bool


def generated_files(
    config: MkDocsConfig, catalog: Catalog, options: PageOptions, nav: NavSettings
) -> list[File]:
    """The generated pages and portfolio.json as in-memory files, still empty: their contents
    (`generated_contents`) are made later, in the background (see the plugin), and set before
    MkDocs reads them. Pages that do not go into the navigation are marked not-in-nav, so
    `omitted_files: warn` with `--strict` still passes."""
    paths = options.paths
    in_auto_nav = {paths.portfolio, paths.matrix}
    out = []
    for path in page_paths(catalog, options):
        f = File.generated(config, path, content="")
        listed = path in in_auto_nav or (nav.feature_pages and path.startswith(paths.features_dir))
        if nav.explicit_nav or not listed:
            f.inclusion = InclusionLevel.NOT_IN_NAV
        out.append(f)
    out.append(File.generated(config, portfolio_json_path(options), content=""))
    return out


def portfolio_json_path(options: PageOptions) -> str:
    return posixpath.join(posixpath.dirname(options.paths.portfolio), "portfolio.json")


def generated_contents(
    catalog: Catalog,
    readiness: dict[str, Readiness],
    options: PageOptions,
    on_page: Callable[[str, float], None] | None = None,
) -> dict[str, str]:
    """The text of each file of `generated_files`, by path."""
    out = generate_pages(catalog, readiness, options, on_page)
    data = json.dumps(portfolio_json(catalog, readiness, options), indent=2, ensure_ascii=False)
    out[portfolio_json_path(options)] = data + "\n"
    return out


#: A generated page's Markdown made ready ahead: (that Markdown, the Markdown with markers,
#: the tables' HTML, the paragraphs' and lists' HTML).
Taken = tuple[str, str, list[str], list[str]]


def files_signature(files: Files) -> tuple[tuple[str, str], ...]:
    """The site's files as links see them: each one's path and URL."""
    return tuple((f.src_uri, f.url) for f in files)


class GeneratedHtml:
    """The generated pages' tables, paragraphs and lists, rendered by `pages.fast_html` instead
    of Python-Markdown: taken out of the Markdown (`on_page_markdown`); the paragraphs and lists
    are put back into the page's HTML first (`put_prose_back`, in `on_page_content`, so search
    plugins index them), the tables later (`put_tables_back`, in `on_page_context`, after search
    plugins indexed the page: the tables repeat what the specs say)."""

    def __init__(self, paths: Iterable[str]) -> None:
        self.paths = frozenset(paths)
        self.tables: dict[str, list[str]] = {}
        self.prose: dict[str, list[str]] = {}

    def take(
        self, page: Page, markdown: str, files: Files, made: Taken | None = None
    ) -> str | None:
        """The page's Markdown with its blocks taken out (kept for the put-backs). `made`: the
        result of `made` for this page, used if it was made from this very Markdown."""
        if page.file.src_uri not in self.paths:
            return None
        if made is not None and made[0] == markdown:
            _, marked, tables, prose = made
        else:
            _, marked, tables, prose = _taken(markdown, link_resolver(page, files))
        self.tables[page.file.src_uri] = tables
        self.prose[page.file.src_uri] = prose
        return marked

    def made(
        self,
        pages: Iterable[Page],
        files: Files,
        contents: dict[str, str],
        memo: RebuildMemo[Taken] | None = None,
    ) -> dict[str, Taken]:
        """`take` made ahead, from each generated page's Markdown in `contents` (or found in
        `memo`, which keeps them for the next `mkdocs serve` rebuild: a page's blocks depend
        on its Markdown, its URL and the files and URLs its links resolve to)."""
        out = {}
        if memo is not None:
            memo.start(files_signature(files))
        for page in pages:
            path = page.file.src_uri
            markdown = contents.get(path)
            if path in self.paths and markdown is not None:
                key = (page.url, markdown)
                taken = memo.get(path, key) if memo is not None else None
                if taken is None:
                    taken = _taken(markdown, link_resolver(page, files))
                    if memo is not None:
                        memo.put(path, key, taken)
                out[path] = taken
        return out

    def put_prose_back(self, page: Page, html: str) -> tuple[str, int]:
        """The page's HTML with its paragraphs and lists, and how many went missing (an
        extension that drops HTML comments would lose them)."""
        return _put_back(self.prose.pop(page.file.src_uri, None), html, fill_prose)

    def put_tables_back(self, page: Page, html: str) -> tuple[str, int]:
        """The page's HTML with its tables, and how many went missing."""
        return _put_back(self.tables.pop(page.file.src_uri, None), html, fill_tables)


def _taken(markdown: str, url_for: Callable[[str], str | None]) -> Taken:
    marked, tables = tables_to_html(markdown, url_for)
    marked, prose = prose_to_html(marked, url_for)
    return markdown, marked, tables, prose


def _put_back(
    blocks: list[str] | None,
    html: str,
    fill: Callable[[str, list[str]], tuple[str, int]],
) -> tuple[str, int]:
    if not blocks:
        return html, 0
    filled, found = fill(html, blocks)
    return filled, len(blocks) - found


def link_resolver(page: Page, files: Files) -> Callable[[str], str | None]:
    """A relative `.md` link of `page` as the URL MkDocs would rewrite it to, or None when the
    target is not a file of the site (the table is then left to MkDocs, which reports it)."""
    base = posixpath.dirname(page.file.src_uri)
    by_path = files.src_uris
    seen: dict[str, str | None] = {}

    def url_for(link: str) -> str | None:
        if link in seen:
            return seen[link]
        path, sep, fragment = link.partition("#")
        target = by_path.get(posixpath.normpath(posixpath.join(base, unquote(path))))
        url = None if target is None else target.url_relative_to(page.file) + sep + fragment
        seen[link] = url
        return url

    return url_for


def arrange_nav(
    nav: Navigation, settings: NavSettings, options: PageOptions, names: dict[str, str]
) -> None:
    """Title the generated section and put it first or last; title spec pages by feature name
    and order them by it (automatic nav only: an explicit `nav:` is the user's)."""
    if settings.explicit_nav:
        return
    ours = {options.paths.portfolio, options.paths.matrix}
    for item in list(nav.items):
        if isinstance(item, Section) and _holds(item, ours):
            item.title = settings.section_title
            nav.items.remove(item)
            if settings.position == "start":
                nav.items.insert(0, item)
            else:
                nav.items.append(item)
            break
    if settings.sort_specs:
        for section in _sections(nav.items):
            _sort_specs(section, names)
    nav.pages = [p for p in _pages(nav.items)]
    for i, page in enumerate(nav.pages):
        page.previous_page = nav.pages[i - 1] if i > 0 else None
        page.next_page = nav.pages[i + 1] if i + 1 < len(nav.pages) else None


def feature_page_navs(
    nav: Navigation, catalog: Catalog, options: PageOptions
) -> dict[str, Navigation]:
    """For each feature page, the site's nav filtered to that feature: top-level pages and links,
    the generated pages the nav lists, and the feature's own spec pages (with the sections that
    lead to them, expanded). Every nav entry is rendered into every page, so a feature page with
    the full nav of a 2,000-page site costs as much as any page; filtered, it costs little.
    The nav is indexed once, so each feature costs the size of its own nav, not the site's."""
    where = _nav_index(nav.items)
    generated = {options.paths.portfolio, options.paths.matrix, options.paths.base}
    out = {}
    for guid, feature in catalog.features.items():
        page_path = options.paths.feature(guid)
        keep = {spec.path for spec in feature.specs.values()} | generated | {page_path}
        items = _filtered_top(nav.items, keep, where)
        filtered = Navigation(items, list(_pages(items)))
        filtered.homepage = nav.homepage
        out[page_path] = filtered
    return out


#: A page inside a section: (its ancestors' positions from the top, its page). A position is
#: (the section, the index of the child in it).
_Located = tuple[tuple[tuple[Section, int], ...], Page]


def _nav_index(items: Iterable[object]) -> dict[str, list[_Located]]:
    """Every place of a page inside a section, by docs path (an explicit nav may list a page
    twice)."""
    out: dict[str, list[_Located]] = {}

    def walk(section: Section, trail: tuple[tuple[Section, int], ...]) -> None:
        for k, child in enumerate(section.children):
            if isinstance(child, Page):
                out.setdefault(child.file.src_uri, []).append(((*trail, (section, k)), child))
            elif isinstance(child, Section):
                walk(child, (*trail, (section, k)))

    for item in items:
        if isinstance(item, Section):
            walk(item, ())
    return out


def _filtered_top(
    items: Iterable[object], keep: set[str], where: dict[str, list[_Located]]
) -> list:
    """The top-level items (pages and links always, sections holding a kept page), and in each
    section only the kept pages and the sections that lead to one, in nav order, sections shown
    open: these are the feature's own pages."""
    # section -> {index of a child -> the child}, for the children on a kept page's trail
    kids: dict[int, dict[int, object]] = {}
    for path in keep:
        for trail, page in where.get(path, ()):
            for depth, (section, k) in enumerate(trail):
                child = trail[depth + 1][0] if depth + 1 < len(trail) else page
                kids.setdefault(id(section), {})[k] = child

    def build(section: Section) -> Section:
        chosen = kids[id(section)]
        children = [build(c) if isinstance(c, Section) else c for _, c in sorted(chosen.items())]
        copy = Section(section.title, children)
        copy.active = True
        return copy

    out: list = []
    for item in items:
        if isinstance(item, Page | Link):
            out.append(item)
        elif isinstance(item, Section) and id(item) in kids:
            out.append(build(item))
    return out


def _holds(section: Section, paths: set[str]) -> bool:
    return any(isinstance(c, Page) and c.file.src_uri in paths for c in section.children)


def _sections(items: Iterable[object]) -> Iterable[Section]:
    for item in items:
        if isinstance(item, Section):
            yield item
            yield from _sections(item.children)


def _pages(items: Iterable[object]) -> Iterable[Page]:
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _pages(item.children)


def _sort_specs(section: Section, names: dict[str, str]) -> None:
    """Spec pages of a section, titled by feature name and sorted by it (case-insensitive,
    then by path); other items keep their place before them."""
    specs = [c for c in section.children if isinstance(c, Page) and c.file.src_uri in names]
    if len(specs) < 1:
        return
    for page in specs:
        # themes put titles into the nav and <title> unescaped (MkDocs' own come from rendered
        # headings); a feature name is spec text
        page.title = html.escape(names[page.file.src_uri], quote=False)
    others = [c for c in section.children if c not in specs]
    specs.sort(key=lambda p: (names[p.file.src_uri].casefold(), p.file.src_uri))
    section.children = others + specs
