"""The generated pages under MkDocs: in-memory files (never written to docs_dir), with links
resolved as MkDocs resolves them, and the packaged CSS and JavaScript."""

from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..catalog import Catalog
from ..detect import is_generated_text
from ..generated_pages import generate_pages
from ..generated_pages.common import LinkResolver, PageOptions
from ..generated_pages.paths import href
from ..generated_pages.portfolio import portfolio_json
from ..readiness import Readiness
from ..site_assets import PACKAGED_ASSETS, asset
from .spec_pages import page_link

#: Site path -> packaged file (the site gets a copy; docs_dir is never written).
ASSETS = {f"assets/opsspec/{name}": name for name in PACKAGED_ASSETS}


def asset_files(config: MkDocsConfig, files: Files) -> list[File]:
    """The packaged assets the site does not have already (a site may override one)."""
    return [
        File.generated(
            config,
            name,
            abs_src_path=str(asset(source)),
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
    made = [
        File.generated(config, path, content="") for path in options.paths.every(catalog.features)
    ]
    json_file = File.generated(config, options.paths.portfolio_json, content="")
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


def drop_written_pages(
    files: Files, folder: str, portfolio_json: str
) -> tuple[list[str], list[str]]:
    """Remove from `files` the pages `mkdocs-opsspec generate` wrote into `folder` (those whose
    front matter carries its mark), and the portfolio.json it wrote beside them: the plugin makes
    its own, fresh. Returns the paths removed, and those of the Markdown files in `folder` that
    are not UTF-8 text (never a page `generate` wrote: they stay)."""
    prefix = folder.rstrip("/") + "/"
    written = []
    undecodable = []
    for f in list(files):
        if not (f.src_uri.startswith(prefix) and f.src_uri.endswith(".md")):
            continue
        try:
            text = f.content_bytes.decode("utf-8-sig")
        except UnicodeDecodeError:
            undecodable.append(f.src_uri)
            continue
        if is_generated_text(text):
            written.append(f)
    json_file = files.get_file_from_path(portfolio_json) if written else None
    for f in [*written, *([json_file] if json_file is not None else [])]:
        files.remove(f)
    return [f.src_uri for f in written], undecodable


def link_resolver(files: Files) -> LinkResolver:
    """Links of the generated pages' HTML as MkDocs makes them: the target page's URL relative
    to the page (a target that is not a file of the site keeps its relative `.md` path)."""
    page_url = page_link(files)

    def link(from_page: str, to_path: str, anchor: str | None) -> str:
        url = page_url(from_page, to_path)
        if url is None:
            return href(from_page, to_path, anchor)
        return url + ("#" + quote(anchor, safe="") if anchor else "")

    return link
