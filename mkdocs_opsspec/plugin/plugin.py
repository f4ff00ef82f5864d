"""The MkDocs plugin: a thin layer of events over the core, listed in the order MkDocs fires them.

- `on_startup`: once per `mkdocs build` or `mkdocs serve` process; having it keeps one plugin
  object across serve rebuilds, so a rebuild logs only the findings of the files that changed.
- `on_config`: read the options, add the packaged CSS and JavaScript.
- `on_files`: read and check every spec (from the files, never from page events, so `--dirty`
  and page filters cannot leave the aggregated pages stale), log the findings, build the catalog
  and readiness, add the assets and the generated pages as in-memory files.
- `on_nav`: place the generated pages; title spec pages by feature name.
- `on_page_read_source`: read a spec that is not UTF-8 with its bad bytes replaced.
- `on_page_markdown`: mark a spec page's Markdown where its HTML goes.
- `on_page_content`: a spec page's title becomes text, escaped once, for every theme.
- `on_page_context`: after search plugins indexed the page, put the HTML in place of the marks.
- `on_post_build`: write the report files and the summary line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TextIO

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import settings
from ..analysis import Analysis, Options, analyse, fails
from ..catalog import Catalog
from ..ci_formats import junit_xml, sarif_json, summary_line, text_lines
from ..generated_pages import page_options
from ..generated_pages.common import PageOptions
from ..generated_pages.paths import PagePaths
from ..model import Finding, Severity
from ..overview import overview
from ..readiness import Readiness
from ..report import analysis_report, source_prefix
from ..report import write as write_report
from ..spec_page.markers import STRIP
from ..words import counted
from .config import OpsSpecConfig
from .generated_files import ASSETS, asset_files, drop_written_pages, generated_files
from .nav import NavSettings, arrange_nav, feature_page_navs, listed_paths, title_spec_page
from .profile import Profile
from .spec_pages import SpecPageRenderer

log = get_plugin_logger(__name__)


def language_prefix(config: MkDocsConfig) -> str:
    """`fr/` while mkdocs-static-i18n builds a language other than the default one (it builds
    each language in turn, into a subfolder of the same site_dir), else ''."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "is_default_language_build", True):
        return ""
    language = getattr(i18n, "current_language", None)
    return f"{language}/" if language else ""


def options_from(config: OpsSpecConfig, mkdocs_config: MkDocsConfig) -> Options:
    """The core options of the plugin's config (`settings.options_from`), for this site."""
    try:
        return settings.options_from(config, mkdocs_config.config_file_path, mkdocs_config.docs_dir)
    except settings.OptionsError as exc:
        raise PluginError(f"opsspec: {exc}") from exc


def log_finding(finding: Finding, line: str, fail_on: str) -> None:
    """Errors (and warnings with `fail_on: warning`) at WARNING level, so `--strict` fails on
    them; baselined findings never above INFO."""
    if fails(finding, fail_on):
        log.warning(line)
    elif finding.severity is Severity.INFO:
        log.debug(line)
    else:
        log.info(line)


class OpsSpecPlugin(BasePlugin[OpsSpecConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.analysis: Analysis | None = None
        self.catalog: Catalog | None = None
        self.readiness: dict[str, Readiness] = {}  # operations spec path -> its readiness
        self._options = Options()
        self._prefix = ""
        self._serving = False
        #: `mkdocs serve` only: by language (mkdocs-static-i18n builds each language in turn,
        #: with other files), the digest of each Markdown file as of the last build whose
        #: findings were logged.
        self._digests: dict[str, dict[str, bytes]] = {}
        self._config_key: str | None = None
        self._renderer: SpecPageRenderer | None = None
        self._profile: Profile | None = None
        self._nav = NavSettings("Spec overview", "end", False, True, False)
        self._page_options: PageOptions | None = None
        self._feature_navs: dict[str, Navigation] = {}
        self._titled: set[str] = set()  # spec pages the nav titled by feature name
        self._undecodable: set[str] = set()  # non-spec pages of the generated folder, not UTF-8

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        self._digests = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._profile = (
            Profile() if self.config.profile or os.environ.get("OPSSPEC_PROFILE") else None
        )
        self.analysis = None
        self.catalog = None
        self.readiness = {}
        self._renderer = None
        self._page_options = None
        self._feature_navs = {}
        self._titled = set()
        self._undecodable = set()
        self._prefix = source_prefix(config.config_file_path, config.docs_dir)
        key = repr(sorted((k, repr(v)) for k, v in self.config.items())) + config.docs_dir
        if key != self._config_key:  # a config change under `mkdocs serve` logs all again
            self._digests = {}
        self._config_key = key
        if not self.config.enabled:
            return config
        # our CSS first, so the user's own CSS wins; our JS after the theme's
        css = [p for p in ASSETS if p.endswith(".css")]
        js = [p for p in ASSETS if p.endswith(".js")]
        for path in reversed(css):
            if path not in [str(x) for x in config.extra_css]:
                config.extra_css.insert(0, path)
        for path in js:
            if path not in [getattr(x, "path", str(x)) for x in config.extra_javascript]:
                config.extra_javascript.append(path)
        self._nav = NavSettings(
            section_title=self.config.nav_section,
            position=self.config.nav_position,
            feature_pages=self.config.nav_feature_pages,
            sort_specs=self.config.nav_sort_specs,
            explicit_nav=config.nav is not None,
        )
        self._options = options_from(self.config, config)
        return config

    @event_priority(-200)  # after plugins that choose the files (mkdocs-static-i18n: -100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        with self._timed("on_files"):
            self._check(files, config)
            for f in asset_files(config, files):
                files.append(f)
            if self.config.generate_pages:
                self._add_generated_pages(files, config)
        return files

    def _check(self, files: Files, config: MkDocsConfig) -> None:
        """Parse and check every spec, log the findings, build the catalog."""
        pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md")]
        others = [f.src_uri for f in files if not f.src_uri.endswith(".md")]
        sources = [(f.src_uri, f.content_bytes) for f in pages]
        self.analysis = analyse(sources, self._options, other_paths=others)
        changed = self._changed(language_prefix(config), sources) if self._serving else None
        lines = text_lines(self.analysis.findings, self._prefix)
        for finding, line in zip(self.analysis.findings, lines, strict=True):
            if changed is None or finding.path in changed:
                log_finding(finding, line, self.config.fail_on)
        made = overview(self.analysis, self._options, [f.src_uri for f in files])
        self.catalog, self.readiness = made.catalog, made.readiness
        show = self.config.show_findings
        self._renderer = SpecPageRenderer(
            self.analysis,
            self.catalog,
            files,
            self._options,
            show_findings=show == "always" or (show == "serve" and self._serving),
            readiness=self.readiness,
            rules_page=(
                PagePaths.under(self._folder(config)).rules if self.config.generate_pages else None
            ),
        )

    def _changed(self, language: str, sources: list[tuple[str, bytes]]) -> set[str] | None:
        """The Markdown files new or changed since the last serve build (None on the first):
        a rebuild logs only their findings."""
        digests = {path: hashlib.blake2b(data, digest_size=16).digest() for path, data in sources}
        before = self._digests.get(language)
        self._digests[language] = digests
        if before is None:
            return None
        return {path for path, digest in digests.items() if before.get(path) != digest}

    def _folder(self, config: MkDocsConfig) -> str:
        """The docs path of the generated pages' folder (per language under i18n)."""
        return language_prefix(config) + self._options.generated_dir

    def _add_generated_pages(self, files: Files, config: MkDocsConfig) -> None:
        assert self.catalog is not None
        folder = self._folder(config)
        custom_dir = config.theme.custom_dir
        options = page_options(
            self._options,
            folder,
            (custom_dir,) if custom_dir else (),
            hide_sidebars=self.config.hide_sidebars,
        )
        readiness = self.readiness
        written, undecodable = drop_written_pages(files, folder, options.paths.portfolio_json)
        for path in undecodable:
            log.warning(
                f"'{path}' in the generated pages' folder is not UTF-8 text: it is read with its "
                "bad bytes replaced (U+FFFD); save it as UTF-8, or move it out of "
                f"'{folder}/' (the folder of 'generated_dir')"
            )
            self._undecodable.add(path)
        if written:
            log.warning(
                f"'{folder}/' holds {counted(len(written), 'page')} written by "
                "'mkdocs-opsspec generate' (for Zensical): the plugin uses its own, fresh pages "
                "in their place. Delete them from docs_dir to silence this warning."
            )
        for path in options.paths.every(self.catalog.features):
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"opsspec: '{path}' exists in docs_dir; the plugin generates it. "
                    "Move the file or set 'generated_dir' to another folder."
                )
        listed = listed_paths(options, self._nav, self.catalog.features)
        generated_files(config, files, self.catalog, readiness, options, listed=listed)
        self._page_options = options

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or self.catalog is None or self._page_options is None:
            return None
        with self._timed("on_nav"):
            names = {
                spec.path: feature.name
                for feature in self.catalog.features.values()
                for spec in feature.specs.values()
            }
            self._titled = arrange_nav(nav, self._nav, self._page_options, names)
            if self.config.feature_page_nav == "feature":
                self._feature_navs = feature_page_navs(nav, self.catalog, self._page_options)
        return nav

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A spec that is not valid UTF-8 has a finding (OS003), a page of the generated folder
        a warning; MkDocs would abort on them, so they are read with the bad bytes replaced and
        the build goes on."""
        path = page.file.src_uri
        if path not in self._undecodable and (
            self.analysis is None or path not in self.analysis.undecodable
        ):
            return None
        return page.file.content_bytes.decode("utf-8-sig", errors="replace")

    @event_priority(100)  # before other plugins change the Markdown (macros, snippets)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self._renderer is None:
            return None
        with self._timed("on_page_markdown"):
            return self._renderer.mark(page, markdown)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # every page is rendered before any is put into the theme's template, so the nav and
        # the next and previous links of every page get the title made here
        if self._renderer is not None and page.file.src_uri in self._renderer.pages.specs:
            title_spec_page(page, page.file.src_uri in self._titled)
        return None

    # After search plugins indexed page.content (they do it in this event, at priority 0), before
    # the theme's template puts it into the page: the header strip and findings stay out of the
    # search index. The content alone is filled, not the finished page with its nav.
    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        filtered = self._feature_navs.get(page.file.src_uri)
        if filtered is not None:  # `feature_page_nav: feature`
            context["nav"] = filtered
        if self._renderer is None or page.content is None:
            return context
        with self._timed("on_page_context"):
            filled = self._renderer.fill(page, page.content)
            if filled is not None:
                if STRIP not in page.content:
                    log.warning(
                        f"the header strip of '{page.file.src_uri}' could not be placed: a "
                        "Markdown extension or plugin removed the HTML comment that marks it"
                    )
                page.content = filled
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.analysis is None:
            return
        with self._timed("on_post_build"):
            self._write_outputs(config)
        if self._profile is not None:
            for line in self._profile.lines():
                log.info(line)

    def _write_outputs(self, config: MkDocsConfig) -> None:
        a = self.analysis
        assert a is not None
        baselined = sum(1 for f in a.findings if f.baselined)
        log.info(summary_line(len(a.specs), a.counts(), baselined))
        for entry in a.baseline_unmatched:
            log.info(
                f"baseline entry no longer matches ({entry.path}, {entry.rule}): "
                "run 'mkdocs-opsspec baseline' to prune it"
            )
        outputs: dict[str | None, Callable[[TextIO], object]] = {
            self.config.report_file: lambda out: write_report(
                analysis_report(a, self._prefix, self.readiness), out
            ),
            self.config.junit_file: lambda out: out.write(
                junit_xml(a.specs, a.findings, self._prefix)
            ),
            self.config.sarif_file: lambda out: out.write(sarif_json(a.findings, self._prefix)),
        }
        site = Path(config.site_dir) / language_prefix(config)
        for name, writer in outputs.items():
            if name:
                target = site / name
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with target.open("w", encoding="utf-8") as out:
                        writer(out)
                except OSError as exc:
                    raise PluginError(f"opsspec: cannot write {target}: {exc.strerror}") from exc

    def _timed(self, name: str) -> AbstractContextManager[None]:
        if self._profile is None:
            return nullcontext()
        return self._profile.hook(name)
