"""The generated pages under MkDocs: in-memory files (never written to docs_dir), with links
resolved as MkDocs resolves them, and the packaged CSS and JavaScript."""

from __future__ import annotations

import json
import posixpath
from dataclasses import replace
from importlib import resources
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..catalog import Catalog
from ..generated_pages import generate_pages, page_paths
from ..generated_pages.common import LinkResolver, PageOptions
from ..generated_pages.paths import href
from ..generated_pages.portfolio import portfolio_json
from ..readiness import Readiness

#: Site path -> packaged file (the site gets a copy; docs_dir is never written).
ASSETS = {
    "assets/opsspec/opsspec.css": "opsspec.css",
    "assets/opsspec/opsspec.js": "opsspec.js",
    "assets/opsspec/portfolio.css": "portfolio.css",
    "assets/opsspec/portfolio.js": "portfolio.js",
    "assets/opsspec/graph.css": "graph.css",
}


def asset_files(config: MkDocsConfig, files: Files) -> list[File]:
    """The packaged assets the site does not have already (a site may override one)."""
    return [
        File.generated(
            config,
            name,
            abs_src_path=str(resources.files("mkdocs_opsspec").joinpath("assets", source)),
        )
        for name, source in ASSETS.items()
        if files.get_file_from_path(name) is None
    ]


def generated_files(
    config: MkDocsConfig,
    files: Files,
    catalog: Catalog,
    readiness: dict[str, Readiness],
    options: PageOptions,
    *,
    listed: set[str],
) -> list[File]:
    """The generated pages and portfolio.json as in-memory files, added to `files`. Pages not
    in `listed` (the paths the automatic nav shows) are marked not-in-nav, so
    `omitted_files: warn` with `--strict` still passes."""
    paths = page_paths(catalog, options)
    made = [File.generated(config, path, content="") for path in paths]
    json_file = File.generated(config, portfolio_json_path(options), content="")
    for f in made:
        if f.src_uri not in listed:
            f.inclusion = InclusionLevel.NOT_IN_NAV
    for f in [*made, json_file]:
        files.append(f)
    options = replace(options, link=link_resolver(files))
    contents = generate_pages(catalog, readiness, options)
    for f in made:
        f.content_string = contents[f.src_uri]
    data = portfolio_json(catalog, readiness, options)
    json_file.content_string = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return [*made, json_file]


def portfolio_json_path(options: PageOptions) -> str:
    return posixpath.join(posixpath.dirname(options.paths.portfolio), "portfolio.json")


def link_resolver(files: Files) -> LinkResolver:
    """Links of the generated pages' HTML as MkDocs makes them: the target page's URL relative
    to the page (a target that is not a file of the site keeps its relative `.md` path)."""
    by_path = files.src_uris

    def link(from_page: str, to_path: str, anchor: str | None) -> str:
        source, target = by_path.get(from_page), by_path.get(to_path)
        if source is None or target is None:
            return href(from_page, to_path, anchor)
        url = target.url_relative_to(source)
        return url + ("#" + quote(anchor, safe="") if anchor else "")

    return link
