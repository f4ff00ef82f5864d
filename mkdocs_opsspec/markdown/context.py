"""Which page a Markdown instance converts, and for which site: Python-Markdown does not say, so
this asks the site builder, through internals each guarded here.

- Zensical (tested: 0.0.73) registers a preprocessor holding the page and the site's config
  (`zensical.extensions.context.ContextPreprocessor`).
- MkDocs and ProperDocs (tested: MkDocs 1.6.1, ProperDocs 1.6.7) register a treeprocessor that
  holds the page's file, the site's files and the config (`_RelativePathTreeprocessor`, found by
  its name and attributes, as each builder has its own class).

Anything else (another builder, a newer version that changed them, a Markdown instance of an
extension inside the page) gives no context, and the extension then does nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown

from ..generated_pages.paths import href
from ..scan import DocsFiles, docs_files
from ..spec_page.pages import PageLink


@dataclass(frozen=True)
class PageContext:
    host: str  # "zensical" or "mkdocs" (also ProperDocs)
    path: str  # docs path of the page being converted
    docs_dir: Path
    #: A path in the folder of the config file (options such as `baseline` are relative to it).
    config_file: str
    #: An object that lives for one build: the site's files are looked at once per build.
    build: object
    exclude_docs: str | None = None  # patterns to leave out when listing docs_dir (Zensical)
    mkdocs_files: Any = None  # MkDocs: its `Files` (the site's files, as it lists them)
    meta: dict[str, Any] | None = None  # the page's front matter, where it can be changed
    plugin_active: bool = False  # the MkDocs plugin renders this site's spec pages

    def listing(self) -> DocsFiles:
        """The files of the site's docs_dir, as the builder sees them."""
        files = self.mkdocs_files
        if files is None:
            return docs_files(self.docs_dir, self.exclude_docs)
        markdown = {
            f.src_uri: Path(f.abs_src_path)
            for f in files.documentation_pages()
            if f.src_uri.endswith(".md") and f.abs_src_path
        }
        return DocsFiles(markdown, [f.src_uri for f in files if not f.src_uri.endswith(".md")])

    def link(self, listing: DocsFiles) -> PageLink:
        """Links between pages: MkDocs' URLs under MkDocs (it rewrites no link in raw HTML);
        relative `.md` links under Zensical, which rewrites them as it does the page's own."""
        if self.mkdocs_files is not None:
            from ..plugin.spec_pages import page_link

            return page_link(self.mkdocs_files)
        paths = {*listing.markdown, *listing.others}

        def link(from_page: str, to_path: str) -> str | None:
            return str(href(from_page, to_path)) if to_path in paths else None

        return link


def page_context(md: Markdown) -> PageContext | None:
    return _zensical(md) or _mkdocs(md)


def serving() -> bool:
    """Whether the process is `mkdocs serve`, `zensical serve`, ... (for `show_findings:
    serve`): neither builder tells a Markdown extension."""
    return len(sys.argv) > 1 and sys.argv[1] == "serve"


def _zensical(md: Markdown) -> PageContext | None:
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:
        return None
    found = ContextPreprocessor.from_markdown(md)
    page = getattr(found, "page", None)
    config = getattr(found, "config", None)
    if page is None or not isinstance(config, dict) or "root_dir" not in config:
        return None
    root = Path(config["root_dir"])
    exclude = config.get("exclude_docs")
    meta = getattr(page, "meta", None)
    return PageContext(
        host="zensical",
        path=str(page.path).replace("\\", "/"),
        docs_dir=root / str(config.get("docs_dir") or "docs"),
        config_file=str(root / "zensical.toml"),
        build=config,  # Zensical reads its config anew for every build
        exclude_docs=exclude if isinstance(exclude, str) else None,
        meta=meta if isinstance(meta, dict) else None,
    )


def _mkdocs(md: Markdown) -> PageContext | None:
    found = next(
        (
            p
            for p in md.treeprocessors
            if type(p).__name__ == "_RelativePathTreeprocessor"
            and all(hasattr(p, a) for a in ("file", "files", "config"))
        ),
        None,
    )
    if found is None:
        return None
    file, files, config = found.file, found.files, found.config
    return PageContext(
        host="mkdocs",
        path=file.src_uri,
        docs_dir=Path(config.docs_dir),
        config_file=config.config_file_path or str(Path(config.docs_dir).parent / "mkdocs.yml"),
        build=files,  # one `Files` per build
        mkdocs_files=files,
        plugin_active=_plugin_active(config),
    )


def _plugin_active(config: Any) -> bool:
    """Whether the site's MkDocs config runs our plugin, enabled: the plugin then renders the
    spec pages, and the extension leaves them alone (nothing is rendered twice)."""
    from ..plugin.plugin import OpsSpecPlugin

    plugins = getattr(config, "plugins", None) or {}
    return any(isinstance(p, OpsSpecPlugin) and p.config.enabled for p in plugins.values())
