"""The MkDocs adapter: a thin layer of events over the core."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .analysis import Analysis, Options, analyse
from .config import OpsSpecConfig
from .model import Finding, Severity
from .report import build_report, dumps

log = get_plugin_logger(__name__)


def source_prefix(config: MkDocsConfig) -> str:
    """docs_dir as seen from the directory of mkdocs.yml, with a trailing slash."""
    config_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    rel = os.path.relpath(config.docs_dir, config_dir).replace(os.sep, "/")
    return "" if rel == "." else rel.rstrip("/") + "/"


def log_finding(finding: Finding, prefix: str) -> None:
    where = f"{prefix}{finding.path}" + (f":{finding.line}" if finding.line else "")
    text = f"{where}: {finding.severity.value} {finding.rule} {finding.message}"
    if finding.severity is Severity.ERROR:
        log.warning(text)
    elif finding.severity is Severity.WARNING:
        log.info(text)
    else:
        log.debug(text)


def options_from(config: OpsSpecConfig) -> Options:
    return Options(exclude=tuple(config.exclude))


class OpsSpecPlugin(BasePlugin[OpsSpecConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.analysis: Analysis | None = None
        self._prefix = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.analysis = None
        self._prefix = source_prefix(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        sources = [
            (f.src_uri, f.content_bytes)
            for f in files.documentation_pages()
            if f.src_uri.endswith(".md")
        ]
        self.analysis = analyse(sources, options_from(self.config))
        for finding in self.analysis.findings:
            log_finding(finding, self._prefix)
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A spec that is not valid UTF-8 has a finding (OS003); MkDocs would abort on it, so it
        is read with the bad bytes replaced and the build goes on."""
        if self.analysis is None or page.file.src_uri not in self.analysis.undecodable:
            return None
        return page.file.content_bytes.decode("utf-8-sig", errors="replace")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.analysis is None:
            return
        a = self.analysis
        counts = a.counts()
        summary = (
            f"{len(a.specs)} specs checked: {counts['error']} errors, "
            f"{counts['warning']} warnings, {counts['info']} infos"
        )
        log.info(summary)
        if self.config.report_file:
            target = Path(config.site_dir) / self.config.report_file
            target.parent.mkdir(parents=True, exist_ok=True)
            report: dict[str, Any] = build_report(a.specs, a.findings, self._prefix)
            target.write_text(dumps(report), encoding="utf-8")
