"""The MkDocs adapter: a thin layer of events over the core."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import baseline as bl
from .analysis import Analysis, Options, ParseCache, analyse
from .background import Background
from .catalog import Catalog, build_catalog
from .ci_formats import junit_xml, sarif_json, summary_line, text_lines
from .clock import ClockError, reference_date
from .config import OpsSpecConfig, section_key
from .inject import STRIP
from .markdown_blocks import Document
from .model import Finding, Severity
from .page_render import ASSET_CSS, ASSET_JS, SpecPageParts, SpecPageRenderer, asset_source
from .pages import PageOptions, PagePaths
from .pages.fast_html import blocking_extension
from .profiling import Profile
from .readiness import ReadinessOptions, assess_catalog
from .rebuild_memo import RebuildMemo
from .report import build_report, dumps
from .rules import DEFAULT_REQUIRED_SECTIONS
from .site_pages import (
    PAGE_ASSETS,
    GeneratedHtml,
    NavSettings,
    Taken,
    arrange_nav,
    feature_page_navs,
    generated_contents,
    generated_files,
)

log = get_plugin_logger(__name__)

#: Sites with fewer spec pages make their HTML in the build process (a fork costs more).
BACKGROUND_MIN_SPECS = 100


@dataclass
class MadeAhead:
    """What the background process makes while MkDocs converts the pages (see `background`)."""

    generated: dict[str, str]  # generated file -> its text
    page_seconds: dict[str, float]  # generated page -> time it took (`profile`)
    spec_pages: dict[str, SpecPageParts]  # docs path -> HTML for the spec's page
    generated_html: dict[str, Taken]  # generated page -> its Markdown with blocks taken out
    outputs: dict[str, str]  # report files (site-relative name -> text)


@dataclass
class ServeMemos:
    """What one language's `mkdocs serve` rebuilds reuse (see `rebuild_memo`)."""

    cache: ParseCache = field(default_factory=ParseCache)  # parsed specs, their rule findings
    taken: RebuildMemo[Taken] = field(default_factory=RebuildMemo)  # generated pages' HTML
    parts: RebuildMemo[SpecPageParts] = field(default_factory=RebuildMemo)  # spec pages' HTML


def source_prefix(config: MkDocsConfig) -> str:
    """docs_dir as seen from the directory of mkdocs.yml, with a trailing slash."""
    config_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    rel = os.path.relpath(config.docs_dir, config_dir).replace(os.sep, "/")
    return "" if rel == "." else rel.rstrip("/") + "/"


def language_prefix(config: MkDocsConfig) -> str:
    """`fr/` while mkdocs-static-i18n builds a language other than the default one (it builds
    each language in turn, into a subfolder of the same site_dir), else ''."""
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "is_default_language_build", True):
        return ""
    language = getattr(i18n, "current_language", None)
    return f"{language}/" if language else ""


def options_from(config: OpsSpecConfig, config_file_path: str | None) -> Options:
    """Core options from the plugin's config. Raises PluginError for an unreadable baseline or
    a bad SOURCE_DATE_EPOCH."""
    entries: tuple[bl.Entry, ...] = ()
    if config.baseline:
        base_dir = Path(config_file_path or "mkdocs.yml").resolve().parent
        path = base_dir / config.baseline
        try:
            entries = tuple(bl.loads(path.read_text("utf-8")))
        except (OSError, bl.BaselineError) as exc:
            raise PluginError(f"opsspec: baseline '{config.baseline}': {exc}") from exc
    try:
        today = reference_date()
    except ClockError as exc:
        raise PluginError(f"opsspec: {exc}") from exc
    required = config.required_sections
    return Options(
        exclude=tuple(config.exclude),
        rules=dict(config.rules or {}),
        statuses=tuple(config.statuses),
        stale_after_days=config.stale_after_days,
        required_sections=tuple(section_key(s) or s for s in required)
        if required is not None
        else DEFAULT_REQUIRED_SECTIONS,
        feature_class=config.feature_class,
        reference_date=today,
        baseline=entries,
    )


def log_finding(finding: Finding, line: str, fail_on: str) -> None:
    """Errors (and warnings with `fail_on: warning`) at WARNING level, so `--strict` fails on
    them; baselined findings never above INFO."""
    failing = finding.severity is Severity.ERROR or (
        fail_on == "warning" and finding.severity is Severity.WARNING
    )
    if failing and not finding.baselined:
        log.warning(line)
    elif finding.severity is Severity.INFO:
        log.debug(line)
    else:
        log.info(line)


class OpsSpecPlugin(BasePlugin[OpsSpecConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.analysis: Analysis | None = None
        self._prefix = ""
        self._options = Options()
        # what `mkdocs serve` rebuilds reuse, per language build (mkdocs-static-i18n builds
        # each language in turn, with other files); None under `mkdocs build`
        self._serve_memos: dict[str, ServeMemos] | None = None
        self._memos: ServeMemos | None = None  # this build's (from `_serve_memos`)
        self._config_key: str | None = None
        self._builds = 0
        self._serving = False
        self.catalog: Catalog | None = None
        self._renderer: SpecPageRenderer | None = None
        self._profile: Profile | None = None
        self._nav = NavSettings("Spec overview", "end", False, True, False)
        self._page_options: PageOptions | None = None
        self._feature_navs: dict[str, Navigation] = {}
        self._generated_html = GeneratedHtml(())
        self._ahead: Background[MadeAhead] | None = None
        self._generated: dict[str, File] = {}  # generated files still empty (`_made_ahead`)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this event keeps one plugin object across `mkdocs serve` rebuilds, so the parse
        cache survives them."""
        self._serving = command == "serve"
        # the parse cache only pays across `mkdocs serve` rebuilds
        self._serve_memos = {} if self._serving else None
        self._builds = 0

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._profile = (
            Profile() if self.config.profile or os.environ.get("OPSSPEC_PROFILE") else None
        )
        self.analysis = None
        self.catalog = None
        self._renderer = None
        self._page_options = None
        self._feature_navs = {}
        self._generated_html = GeneratedHtml(())
        self._generated = {}
        self._cancel_ahead()
        self._prefix = source_prefix(config)
        if self.config.enabled:
            # our CSS first, so the user's own CSS wins; our JS after the theme's
            css = [ASSET_CSS, *(p for p in PAGE_ASSETS if p.endswith(".css"))]
            js = [ASSET_JS, *(p for p in PAGE_ASSETS if p.endswith(".js"))]
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
        key = repr(sorted((k, repr(v)) for k, v in self.config.items())) + config.docs_dir
        if key != self._config_key and self._serve_memos is not None:
            self._serve_memos = {}  # a config change resets the cache and the memos
            self._builds = 0
        self._config_key = key
        if self.config.enabled:
            self._options = options_from(self.config, config.config_file_path)
        return config

    @event_priority(-200)  # after plugins that choose the files (mkdocs-static-i18n: -100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        with self._timed("on_files"):
            return self._on_files(files, config)

    def _on_files(self, files: Files, config: MkDocsConfig) -> Files:
        pages = [f for f in files.documentation_pages() if f.src_uri.endswith(".md")]
        others = [f.src_uri for f in files if not f.src_uri.endswith(".md")]
        sources = [(f.src_uri, f.content_bytes) for f in pages]
        if self._serve_memos is not None:
            self._memos = self._serve_memos.setdefault(language_prefix(config), ServeMemos())
        cache = self._memos.cache if self._memos is not None else None
        self.analysis = analyse(sources, self._options, other_paths=others, cache=cache)
        if cache is None:
            # after the rules, the pages need only each spec's lines: the rest of the lexed
            # source (a few hundred small objects per spec) is let go (about 8 MB per 100
            # features)
            for spec in self.analysis.specs:
                if spec.document is not None:
                    spec.document = Document(lines=spec.document.lines)
        # on a rebuild, only the findings of the files that changed are logged again
        changed = set(cache.changed) if cache is not None and self._builds else None
        self._builds += 1
        for finding, line in zip(
            self.analysis.findings,
            text_lines(self.analysis.findings, self._prefix),
            strict=True,
        ):
            if changed is None or finding.path in changed:
                log_finding(finding, line, self.config.fail_on)
        self.catalog = build_catalog(
            self.analysis.specs,
            self.analysis.findings,
            default_class=self.config.feature_class,
            doc_paths=[f.src_uri for f in files],
        )
        show = self.config.show_findings
        self._renderer = SpecPageRenderer(
            self.analysis,
            self.catalog,
            files,
            self._options,
            show_findings=show == "always" or (show == "serve" and self._serving),
        )
        for name in (ASSET_CSS, ASSET_JS, *PAGE_ASSETS):
            if files.get_file_from_path(name) is None:
                files.append(File.generated(config, name, abs_src_path=asset_source(name)))
        if self.config.generate_pages:
            self._add_generated_pages(files, config)
        return files

    def _add_generated_pages(self, files: Files, config: MkDocsConfig) -> None:
        assert self.catalog is not None
        folder = language_prefix(config) + (self.config.generated_dir.strip("/") or "opsspec")
        custom_dir = config.theme.custom_dir
        self._page_options = PageOptions(
            paths=PagePaths(
                portfolio=f"{folder}/portfolio.md",
                matrix=f"{folder}/matrix.md",
                base=f"{folder}/base.md",
                features_dir=f"{folder}/features",
            ),
            reference_date=self._options.reference_date,
            stale_after_days=self._options.stale_after_days,
            statuses=self._options.statuses,
            override_dirs=(custom_dir,) if custom_dir else (),
        )
        generated = generated_files(config, self.catalog, self._page_options, self._nav)
        self._generated = {f.src_uri: f for f in generated}
        # the plugin renders the generated pages' tables and prose itself, unless an extension
        # of the site would render them differently from how it does
        blocking = blocking_extension(config.markdown_extensions, config.mdx_configs)
        if blocking is not None:
            log.debug(f"generated pages are left to Python-Markdown: the site uses '{blocking}'")
        self._generated_html = GeneratedHtml(
            f.src_uri for f in generated if f.src_uri.endswith(".md") and blocking is None
        )
        for f in generated:
            existing = files.get_file_from_path(f.src_uri)
            if existing is not None:
                raise PluginError(
                    f"opsspec: '{f.src_uri}' exists in docs_dir; the plugin generates it. "
                    "Move the file or set 'generated_dir' to another folder."
                )
            files.append(f)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or self.catalog is None:
            return None
        with self._timed("on_nav"):
            if self._page_options is not None:
                names = {
                    spec.path: feature.name
                    for feature in self.catalog.features.values()
                    for spec in feature.specs.values()
                }
                arrange_nav(nav, self._nav, self._page_options, names)
                if self.config.feature_page_nav == "feature":
                    self._feature_navs = feature_page_navs(nav, self.catalog, self._page_options)
            self._start_ahead(files)
        return None if self._page_options is None else nav

    # Pages exist from here on (MkDocs made them from the files for the nav), and everything the
    # spec pages, the generated tables and the report need is known: a forked process makes
    # them on another core while MkDocs reads and converts every page (`background`).
    def _start_ahead(self, files: Files) -> None:
        self._cancel_ahead()  # one left by a build that did not finish
        renderer, generated_html = self._renderer, self._generated_html
        memos = self._memos
        taken_memo = memos.taken if memos is not None else None
        parts_memo = memos.parts if memos is not None else None
        assert renderer is not None
        pages = [f.page for f in files.documentation_pages() if f.page is not None]

        page_seconds: dict[str, float] = {}
        contents = self._generated_contents

        def work() -> MadeAhead:
            generated = contents(lambda path, seconds: page_seconds.__setitem__(path, seconds))
            return MadeAhead(
                generated=generated,
                page_seconds=page_seconds,
                spec_pages=renderer.all_parts(pages, parts_memo),
                generated_html=generated_html.made(pages, files, generated, taken_memo),
                outputs={name: render() for name, render in self._outputs().items()},
            )

        # not under `mkdocs serve`: its rebuilds run beside the server's threads, where forking
        # is unsafe, and its first build fills the memos (`ServeMemos`) that the
        # rebuilds reuse, which a child's copies would not
        fork = (
            self.config.background
            and not self._serving
            and len(renderer.specs) >= BACKGROUND_MIN_SPECS
        )
        self._ahead = Background(work, fork=fork)

    def _made_ahead(self) -> MadeAhead | None:
        """The background work's result (waiting for it if need be: the wait counts in the
        hook that asks)."""
        ahead = self._ahead
        if ahead is None:
            return None
        made = ahead.result()
        if self._profile is not None and ahead.in_child:
            self._profile.background = ahead.seconds
        if self._generated:  # the generated files get their contents, once
            for path, f in self._generated.items():
                f.content_string = made.generated[path]
            if self._profile is not None:
                for path, seconds in made.page_seconds.items():
                    self._profile.page(path, seconds)
            self._generated = {}
        return made

    def _generated_contents(self, on_page: Callable[[str, float], None]) -> dict[str, str]:
        """The generated files' texts (none when `generate_pages` is off)."""
        if self.catalog is None or self._page_options is None:
            return {}
        assert self._options.reference_date is not None
        readiness = assess_catalog(
            self.catalog,
            ReadinessOptions(
                reference_date=self._options.reference_date,
                stale_after_days=self._options.stale_after_days,
            ),
        )
        return generated_contents(self.catalog, readiness, self._page_options, on_page)

    def _cancel_ahead(self) -> None:
        if self._ahead is not None:
            self._ahead.cancel()
            self._ahead = None

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """Every generated file has its contents before MkDocs copies the static ones (such as
        portfolio.json) and builds the pages."""
        if self._generated:
            with self._timed("on_env"):
                self._made_ahead()
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._cancel_ahead()

    @event_priority(100)  # before other plugins change the Markdown (macros, snippets)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self._renderer is None:
            return None
        with self._timed("on_page_markdown"):
            if page.file.src_uri in self._generated_html.paths:
                ahead = self._made_ahead()
                made = ahead.generated_html.get(page.file.src_uri) if ahead is not None else None
                return self._generated_html.take(page, markdown, files, made)
            return self._renderer.mark(page, markdown)

    # after search plugins indexed page.content (they do it in this event, at priority 0), before
    # the theme's template puts it into the page: the header strip and findings stay out of the
    # search index, and so do the generated pages' tables (they repeat the specs, and every
    # feature page has the same readiness check names: a search for "backup" would list every
    # feature). The content alone is filled, not the finished page with its nav (10x longer).
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
            if page.file.src_uri in self._generated_html.paths:
                page.content = self._put_tables_back(page, page.content)
            else:
                ahead = self._made_ahead()
                made = ahead.spec_pages.get(page.file.src_uri) if ahead is not None else None
                filled = self._renderer.fill(page, page.content, made)
                if filled is not None:
                    if STRIP not in page.content:
                        log.warning(
                            f"the header strip of '{page.file.src_uri}' could not be placed: a "
                            "Markdown extension or plugin removed the HTML comment that marks it"
                        )
                    page.content = filled
        return context

    def _put_tables_back(self, page: Page, html: str) -> str:
        filled, lost = self._generated_html.put_tables_back(page, html)
        if lost:
            log.warning(
                f"{lost} table(s) of the generated page '{page.file.src_uri}' were lost: "
                "a Markdown extension or plugin removed the HTML comments that mark their place"
            )
        return filled

    # before the search plugins index the page (in on_page_context), and before other plugins
    # read the content: the generated pages' paragraphs and lists are searchable like any text
    @event_priority(100)
    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if page.file.src_uri not in self._generated_html.paths:
            return None
        with self._timed("on_page_content"):
            filled, lost = self._generated_html.put_prose_back(page, html)
            if lost:
                log.warning(
                    f"{lost} paragraph(s) or list(s) of the generated page "
                    f"'{page.file.src_uri}' were lost: a Markdown extension or plugin removed "
                    "the HTML comments that mark their place"
                )
        return filled

    def _timed(self, name: str):  # type: ignore[no-untyped-def]
        if self._profile is None:
            return nullcontext()
        return self._profile.hook(name)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A generated page is read once its contents are made (`_made_ahead`). A spec that is
        not valid UTF-8 has a finding (OS003); MkDocs would abort on it, so it is read with the
        bad bytes replaced and the build goes on."""
        if page.file.src_uri in self._generated:
            with self._timed("on_page_read_source"):
                self._made_ahead()
            return None  # its contents are set now: MkDocs reads them as usual
        if self.analysis is None or page.file.src_uri not in self.analysis.undecodable:
            return None
        return page.file.content_bytes.decode("utf-8-sig", errors="replace")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.analysis is None:
            return
        with self._timed("on_post_build"):
            self._write_outputs(config)
        if self._profile is not None:
            for line in self._profile.lines():
                log.info(line)

    def _write_outputs(self, config: MkDocsConfig) -> None:
        assert self.analysis is not None
        a = self.analysis
        baselined = sum(1 for f in a.findings if f.baselined)
        log.info(summary_line(len(a.specs), a.counts(), baselined))
        for entry in a.baseline_unmatched:
            log.info(
                f"baseline entry no longer matches ({entry.path}, {entry.rule}): "
                "run 'mkdocs-opsspec baseline' to prune it"
            )
        site = Path(config.site_dir) / language_prefix(config)
        ahead = self._made_ahead()
        self._ahead = None  # used up: its memory can go
        if ahead is not None:
            texts = ahead.outputs
        else:
            texts = {name: render() for name, render in self._outputs().items()}
        for name, text in texts.items():
            target = site / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    def _outputs(self) -> dict[str, Callable[[], str]]:
        """The report files asked for: site-relative name -> its text, made on demand."""
        a = self.analysis
        assert a is not None
        outputs = {
            self.config.report_file: lambda: dumps(
                build_report(a.specs, a.findings, self._prefix, _iso(a))
            ),
            self.config.junit_file: lambda: junit_xml(a.specs, a.findings, self._prefix),
            self.config.sarif_file: lambda: sarif_json(a.findings, self._prefix),
        }
        return {name: render for name, render in outputs.items() if name}


def _iso(a: Analysis) -> str | None:
    return a.reference_date.isoformat() if a.reference_date else None
