"""`mkdocs-opsspec generate`: the generated pages as files in docs_dir, for site builders that run
no MkDocs plugin (Zensical, with the Markdown extension `mkdocs_opsspec.markdown` for the spec
pages).

It writes into `<docs_dir>/<generated_dir>/` (the plugin's URLs) the portfolio, matrix, BASE,
graph, rules and feature pages as Markdown with relative `.md` links (the core's default link
resolver), plus `portfolio.json`, the report and the CSS and JavaScript the pages use
(`assets/`). Every page has `detect.GENERATED_MARK` in its front matter
(`opsspec: {generated: true}`): detection never takes it for a spec, the plugin uses its own
pages in its place, and a later run may delete it.

A file is rewritten only when its content changed (a watching `serve` sees no change for
nothing), and a marked page that is no longer made (its feature is gone) is deleted; no other
file is.

Like `cli.py`, an adapter: it checks our options with the plugin's Config (MkDocs' config
classes), reading the config file itself (`site_config`).
"""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis import Analysis, Options, analyse
from .detect import is_generated_text, mark_generated
from .generated_pages import generate_pages, page_options
from .generated_pages.paths import PagePaths
from .generated_pages.portfolio import portfolio_json
from .overview import overview
from .report import analysis_report, dumps, source_prefix
from .scan import DocsFiles, docs_files
from .settings import OptionsError, options_from
from .site_assets import PACKAGED_ASSETS, asset
from .site_config import SiteConfig, SiteConfigError, read_site_config

if TYPE_CHECKING:
    from .plugin.config import OpsSpecConfig

#: Config files looked for when none is given, in Zensical's order.
CONFIG_FILES = ("zensical.toml", "mkdocs.yml", "mkdocs.yaml")

#: The feature pages' folder, relative to the output folder.
_FEATURES = posixpath.basename(PagePaths().features_dir)


class GenerateError(Exception):
    """A config, option or `--out` that does not work (nothing was written)."""


@dataclass
class Result:
    analysis: Analysis
    out: Path
    written: list[str] = field(default_factory=list)  # relative to `out`
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    prefix: str = ""  # docs_dir as seen from the config file's folder, for finding lines
    disabled: bool = False  # `enabled: false`: nothing was done


def generate(config_file: Path, out: Path | None = None) -> Result:
    """Check the site's specs and write its generated files. Raises GenerateError."""
    try:
        site = read_site_config(config_file)
    except SiteConfigError as exc:
        raise GenerateError(str(exc)) from exc
    settings, options = _options(site)
    if not settings.enabled:
        return Result(Analysis(), out or site.docs_dir, disabled=True)
    folder, out_dir = _folder(site, options.generated_dir, out)
    report_file = settings.report_file
    if report_file and (os.path.isabs(report_file) or posixpath.normpath(report_file)[:2] == ".."):
        raise GenerateError(f"report_file '{report_file}': give a path inside the site")
    listing = docs_files(site.docs_dir, site.exclude_docs)
    # no page is rendered here: each spec's lexed source can go once its rules ran
    options = replace(options, keep_documents=False)
    analysis = analyse(list(listing.markdown.items()), options, other_paths=listing.others)
    prefix = source_prefix(config_file, site.docs_dir)
    contents = outputs(
        analysis,
        listing,
        options,
        folder,
        override_dirs=(site.custom_dir,) if site.custom_dir else (),
        report_file=report_file,
        prefix=prefix,
        hide_sidebars=settings.hide_sidebars,
    )
    result = write_folder(out_dir, contents)
    result.analysis, result.prefix = analysis, prefix
    return result


def outputs(
    analysis: Analysis,
    listing: DocsFiles,
    options: Options,
    folder: str,
    *,
    override_dirs: tuple[str, ...] = (),
    report_file: str = "",
    prefix: str = "",
    hide_sidebars: bool = True,
) -> dict[str, str]:
    """What goes into the output folder (the docs path `folder`): path relative to it ->
    content."""
    made = overview(analysis, options, [*listing.markdown, *listing.others])
    catalog, readiness = made.catalog, made.readiness
    pages = page_options(options, folder, override_dirs, hide_sidebars=hide_sidebars)
    out = {
        posixpath.relpath(path, folder): mark_generated(text)
        for path, text in generate_pages(catalog, readiness, pages).items()
    }
    data = portfolio_json(catalog, readiness, pages)
    out[posixpath.relpath(pages.paths.portfolio_json, folder)] = (
        json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    )
    if report_file:
        out[report_file] = dumps(analysis_report(analysis, prefix, readiness))
    for name in PACKAGED_ASSETS:
        out[f"assets/{name}"] = asset(name).read_text("utf-8")
    return out


def write_folder(out: Path, contents: dict[str, str]) -> Result:
    """Write `contents` (path relative to `out` -> text) where a file differs, and delete the
    marked pages under `out` that `contents` no longer has."""
    result = Result(Analysis(), out)
    for rel, text in contents.items():
        path = out / rel
        data = text.encode("utf-8")
        try:
            same = path.read_bytes() == data
        except OSError:
            same = False
        if same:
            result.unchanged.append(rel)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as exc:
            raise GenerateError(f"cannot write {path}: {exc.strerror or exc}") from exc
        result.written.append(rel)
    # only the folders pages go to: `--out` may be a folder of other things (a checkout)
    folders = {posixpath.dirname(rel) for rel in contents} | {_FEATURES}
    for folder in sorted(folders):
        for path in sorted((out / folder).glob("*.md")):
            rel = path.relative_to(out).as_posix()
            if rel in contents:
                continue
            try:
                stale = is_generated_text(path.read_text("utf-8", errors="replace"))
                if stale:
                    path.unlink()
            except OSError as exc:
                raise GenerateError(f"cannot remove {path}: {exc.strerror or exc}") from exc
            if stale:
                result.removed.append(rel)
    return result


def _options(site: SiteConfig) -> tuple[OpsSpecConfig, Options]:
    """The options as the plugin reads them (checked the same way), and the core's."""
    # here, not at the top: the plugin's Config is MkDocs' (imported only for `generate`)
    from .plugin.config import load_options

    where = {"extension": "mkdocs_opsspec.markdown", "plugin": "the opsspec plugin"}
    try:
        settings = load_options(site.options, str(site.path))
        return settings, options_from(settings, site.path, site.docs_dir)
    except (ValueError, OptionsError) as exc:
        given = where.get(site.options_from, "opsspec")
        raise GenerateError(f"{site.path}: options of {given}: {exc}") from exc


def _folder(site: SiteConfig, default: str, out: Path | None) -> tuple[str, Path]:
    """The docs path the pages are made for, and the folder they go to: `default` (the docs
    path of `generated_dir`) in docs_dir by default; `out` in docs_dir is its own place; `out`
    elsewhere gets the pages as they would be at `default` (to look at, or to copy there)."""
    if out is None:
        return default, site.docs_dir / default
    docs = site.docs_dir.resolve()
    target = out.resolve()
    if target == docs:
        raise GenerateError("--out is docs_dir itself: give a folder in it (e.g. docs/opsspec)")
    if target.is_relative_to(docs):
        return target.relative_to(docs).as_posix(), out
    return default, out
