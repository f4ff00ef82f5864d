"""`mkdocs_opsspec.markdown`: the spec pages as a Python-Markdown extension, for site builders
that run no MkDocs plugin (Zensical) and for MkDocs or ProperDocs without the plugin.

    markdown_extensions:
      - mkdocs_opsspec.markdown:
          strict: true          # error findings fail the build
          rules: {OS301: warning}

It takes the plugin's options where they apply (`enabled`, `exclude`, `rules`, `statuses`,
`stale_after_days`, `required_sections`, `feature_class`, `fail_on`, `baseline`,
`slo_sources`, `show_findings`; paths resolve as under the plugin, relative to the config
file; the others are accepted and do nothing here) and one of its own, `strict`. Its log is
MkDocs' (`mkdocs.plugins.*`), so `mkdocs build --strict` fails on the findings that fail a
strict build when it runs under MkDocs. On each spec page it renders what the plugin renders
(header strip with badge and sibling specs, findings, recovery and alert summaries, SLO budget
columns), with the same core code (`spec_page.pages.SpecPages`). The generated pages come from
`mkdocs-opsspec generate`.

How the HTML gets in, without reaching heading ids or the page title:

1. `_Mark` (a preprocessor, priority 40: before macros, snippets and whitespace normalisation,
   so it sees the file as written, as the plugin does) puts marker lines in the Markdown and
   redacts secrets. Markers carry a random token per conversion, so no text of the spec can
   pass for one.
2. `_Stash` (priority 29: after whitespace normalisation, before raw HTML blocks are read)
   stores the header strip and the summaries with `md.htmlStash` in place of their markers:
   Python-Markdown then treats them as raw HTML blocks, which no heading contains.
3. `_Tables` (a postprocessor, after raw HTML is restored) appends the budget columns to each
   SLO table whose marker precedes it. The `toc` extension runs postprocessors over each
   heading's HTML too; this one only replaces its own token's markers, which are never in a
   heading, so headings come out unchanged. (A postprocessor that appended the strip would
   put it into every heading's toc entry.)

It does nothing when the MkDocs plugin renders the site (an enabled `opsspec` in the MkDocs
config's plugins: see `context._plugin_active`), or when it cannot tell which page it converts
(`context.page_context`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..analysis import Options
from ..generated_pages.paths import PagePaths
from ..settings import OptionsError, options_from
from ..site_config import EXTENSION_ONLY
from ..spec_page.markers import TableColumns, fill_html, marker
from ..spec_page.pages import SpecPageParts, nav_meta
from .context import PageContext, page_context, serving
from .site import SiteCache, summary

#: Every site this process converts pages of (see `SiteCache`).
SITES = SiteCache()


class StrictError(Exception):
    """`strict: true` and the specs have findings that fail the build."""


@dataclass
class _Conversion:
    """What the processors of one conversion share (the page is a spec page when set)."""

    token: str = ""
    parts: SpecPageParts | None = None
    tables: dict[int, TableColumns] | None = None


class OpsSpecExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.given: dict[str, Any] = {}
        self.config = {}
        super().__init__(**kwargs)

    def setConfig(self, key: str, value: Any) -> None:
        """Options are checked as the plugin's are, when the extension is loaded."""
        self.given[key] = value

    def extendMarkdown(self, md: Markdown) -> None:
        from ..plugin.config import load_options

        settings = {k: v for k, v in self.given.items() if k not in EXTENSION_ONLY}
        strict = self.given.get("strict", False)
        if not isinstance(strict, bool):
            raise ValueError("mkdocs_opsspec.markdown: option 'strict': expected true or false")
        try:
            self.settings = load_options(settings, None)
        except ValueError as exc:
            raise ValueError(f"mkdocs_opsspec.markdown: {exc}") from exc
        if not self.settings.enabled:
            return
        self.strict = strict
        self.key = repr(sorted((k, repr(v)) for k, v in self.given.items()))
        state = _Conversion()
        md.preprocessors.register(_Mark(md, self, state), "opsspec_mark", 40)
        md.preprocessors.register(_Stash(md, state), "opsspec_stash", 29)
        md.postprocessors.register(_Tables(md, state), "opsspec_tables", 25)

    def options(self, context: PageContext) -> Options:
        """The core options for the site of `context` (paths resolve as under the plugin)."""
        try:
            return options_from(self.settings, context.config_file, context.docs_dir)
        except OptionsError as exc:
            raise ValueError(f"mkdocs_opsspec.markdown: {exc}") from exc


class _Mark(Preprocessor):
    def __init__(self, md: Markdown, extension: OpsSpecExtension, state: _Conversion) -> None:
        super().__init__(md)
        self.extension = extension
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        state = self.state
        state.token, state.parts, state.tables = "", None, None
        context = page_context(self.md)
        if context is None or context.plugin_active:
            return lines
        ext = self.extension
        show = ext.settings.show_findings
        site = SITES.get(
            context,
            f"{context.docs_dir}\n{context.config_file}\n{ext.key}",
            lambda: ext.options(context),
            show_findings=show == "always" or (show == "serve" and serving()),
            fail_on=ext.settings.fail_on,
            rules_page=PagePaths.under(ext.settings.generated_dir.strip("/") or "opsspec").rules,
        )
        if ext.strict and site.failing:
            raise StrictError(
                f"opsspec (strict): {summary(site)}; these fail the build:\n  "
                + "\n  ".join(site.failing)
            )
        spec = site.pages.specs.get(context.path)
        if spec is None:
            return lines
        if context.meta is not None:  # Zensical's (its templates escape the subtitle)
            meta = nav_meta(context.meta, escape_subtitle=False)
            context.meta.clear()
            context.meta.update(meta)
        state.token = secrets.token_hex(8)
        placement = site.pages.mark(spec, "\n".join(lines), state.token)
        state.parts = site.pages.parts(spec)
        state.tables = site.pages.table_columns(state.parts, placement)
        return placement.markdown.split("\n")


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, state: _Conversion) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        parts, token = self.state.parts, self.state.token
        if parts is None:
            return lines
        pieces = {
            marker("strip", token): parts.strip,
            marker("recovery", token): parts.recovery,
            marker("alerts", token): parts.alerts,
        }
        out = []
        for line in lines:
            html = pieces.pop(line, None)
            if html is None:
                out.append(line)
            else:
                out.append(self.md.htmlStash.store(html) if html else "")
        return out


class _Tables(Postprocessor):
    def __init__(self, md: Markdown, state: _Conversion) -> None:
        super().__init__(md)
        self.state = state

    def run(self, text: str) -> str:
        if self.state.tables is None:
            return text
        return fill_html(text, "", "", "", self.state.tables, self.state.token)


def makeExtension(**kwargs: Any) -> OpsSpecExtension:
    return OpsSpecExtension(**kwargs)


__all__ = ["SITES", "OpsSpecExtension", "StrictError", "makeExtension"]
