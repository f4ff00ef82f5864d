"""The navigation under MkDocs: the generated section placed first or last, spec pages titled
and ordered by feature name, and each feature page's nav filtered to its feature."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup as HtmlText
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..catalog import Catalog
from ..generated_pages.common import PageOptions
from ..markup import esc


@dataclass(frozen=True)
class NavSettings:
    section_title: str
    position: str  # "start" | "end"
    feature_pages: bool
    sort_specs: bool
    explicit_nav: bool


def listed_paths(options: PageOptions, settings: NavSettings, guids: Iterable[str]) -> set[str]:
    """The generated pages the automatic nav lists (none under an explicit `nav:`); `guids`:
    the features (their pages are listed with `nav_feature_pages`)."""
    if settings.explicit_nav:
        return set()
    out = set(options.paths.nav_section)
    if settings.feature_pages:
        out.update(options.paths.feature(g) for g in guids)
    return out


def arrange_nav(
    nav: Navigation, settings: NavSettings, options: PageOptions, names: dict[str, str]
) -> set[str]:
    """Title the generated section and put it first or last; title spec pages by feature name
    and order them by it (automatic nav only: an explicit `nav:` is the user's). Returns the
    docs paths of the pages it titled."""
    titled: set[str] = set()
    if settings.explicit_nav:
        return titled
    ours = set(options.paths.nav_section)
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
            titled.update(_sort_specs(section, names))
    nav.pages = [p for p in _pages(nav.items)]
    for i, page in enumerate(nav.pages):
        page.previous_page = nav.pages[i - 1] if i > 0 else None
        page.next_page = nav.pages[i + 1] if i + 1 < len(nav.pages) else None
    return titled


def title_spec_page(page: Page, titled: bool) -> None:
    """A spec page's title, once the page is read, as text escaped once wherever a theme puts
    it. Themes put other pages' titles into the nav and into attributes as they are (readthedocs:
    the `title="..."` of the next and previous links); Material puts `page.meta.title` into
    `<title>` as it is, but `page.title` through `striptags`, which unescapes it.

    `titled`: the nav titled the page by its feature name (`_sort_specs`: escaped already, and
    maybe another spec's text). Otherwise a title MkDocs took from the page (its first heading,
    HTML with tags stripped and quotes as they are, or its front matter `title`, as written)
    becomes text; a title from `nav:` or another plugin is the site's own and stays. The page's
    own front matter `title` stays its `page.meta.title` (its own page: the author's)."""
    if not titled:
        if "title" in vars(page) or page.title is None:
            return
        page.title = esc(HtmlText(page.title).striptags())
    if not page.meta.get("title"):
        page.meta["title"] = page.title


def feature_page_navs(
    nav: Navigation, catalog: Catalog, options: PageOptions
) -> dict[str, Navigation]:
    """For each feature page, the site's nav filtered to that feature: top-level pages and links,
    the generated pages the nav lists, and the feature's own spec pages (with the sections that
    lead to them, expanded). Every nav entry is rendered into every page, so a feature page with
    the full nav of a 2,000-page site costs as much as any page; filtered, it costs little.
    The nav is indexed once, so each feature costs the size of its own nav, not the site's."""
    where = _nav_index(nav.items)
    generated = set(options.paths.site_wide)
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


def _sort_specs(section: Section, names: dict[str, str]) -> list[str]:
    """Spec pages of a section, titled by feature name and sorted by it (case-insensitive,
    then by path); other items keep their place before them. Returns the paths titled."""
    specs = [c for c in section.children if isinstance(c, Page) and c.file.src_uri in names]
    if len(specs) < 1:
        return []
    for page in specs:
        # themes put titles into the nav, <title> and attributes (readthedocs: title="...")
        # unescaped (MkDocs' own come from rendered headings); a feature name is spec text
        page.title = esc(names[page.file.src_uri])
    others = [c for c in section.children if c not in specs]
    specs.sort(key=lambda p: (names[p.file.src_uri].casefold(), p.file.src_uri))
    section.children = others + specs
    return [p.file.src_uri for p in specs]
