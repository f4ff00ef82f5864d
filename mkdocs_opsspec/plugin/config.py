"""The plugin's options, as a typed MkDocs Config (unknown options are config errors)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.plugins import get_plugin_logger

from ..analysis import check_rule_settings
from ..sections import section_key
from ..statuses import DEFAULT_STATUSES

log = get_plugin_logger(__name__)

#: The option warnings `load_options` logged in this process: the Markdown extension loads its
#: options once per page, and a deprecated option is one warning.
_warned: set[str] = set()


class OpsSpecConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from `plugins:`."""

    report_file = c.Type(str, default="opsspec-report.json")
    """Where the JSON report goes, relative to site_dir. Empty: no report."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Globs (relative to docs_dir) of files never treated as specs."""

    rules = c.DictOfItems(c.Choice(("error", "warning", "info", "off")), default={})
    """Severity per rule code, or `off`."""

    statuses = c.ListOfItems(c.Type(str), default=list(DEFAULT_STATUSES))
    """The statuses a spec may have, in order (each gets its own badge colour)."""

    stale_after_days = c.Type(int, default=180)
    """A spec whose Last Updated is older than this is stale (a warning)."""

    required_sections = c.Optional(c.ListOfItems(c.Type(str)))
    """Sections every operations spec must have (titles or keys); default: the five below."""

    feature_class = c.Optional(c.Choice(("A", "B", "C", "D")))
    """Feature class assumed when a spec's front matter has no `class:`; unset: no class check."""

    fail_on = c.Choice(("error", "warning"), default="error")
    """The lowest severity that fails `mkdocs build --strict`."""

    slo_sources = c.ListOfItems(c.Type(str), default=[])
    """Globs (relative to mkdocs.yml) of OpenSLO and Sloth files the specs' SLOs must agree with."""

    baseline = c.Optional(c.Type(str))
    """A baseline file (relative to mkdocs.yml) of accepted findings."""

    junit_file = c.Optional(c.Type(str))
    """Also write findings as JUnit XML (relative to site_dir)."""

    sarif_file = c.Optional(c.Type(str))
    """Also write findings as SARIF 2.1.0 (relative to site_dir)."""

    show_findings = c.Choice(("always", "serve", "never"), default="always")
    """Show each spec's findings on its page: always, only under `mkdocs serve`, or never."""

    generate_pages = c.Type(bool, default=True)
    """Generate the portfolio, matrix, BASE and feature pages (and portfolio.json)."""

    generated_dir = c.Type(str, default="opsspec")
    """Folder (in the site, not in docs_dir) of the generated pages."""

    nav_section = c.Type(str, default="Spec overview")
    """Title of the navigation section holding the portfolio, the matrix and the dependency
    graph (automatic nav)."""

    nav_position = c.Choice(("start", "end"), default="end")
    """Where that section goes in the automatic nav."""

    nav_feature_pages = c.Type(bool, default=False)
    """Also list every feature page in the automatic nav (slow on large sites)."""

    feature_page_nav = c.Choice(("feature", "full"), default="feature")
    """The nav on a feature page: the site's nav filtered to the feature's own pages (fast), or the
    full nav (every entry is rendered into every page: slow on large sites). Material renders it
    with its sidebar hidden too (`hide_sidebars`), for the phone drawer. What the filtered nav
    saves: `docs/benchmarks.md`, row "feature page nav"."""

    hide_sidebars = c.Type(bool, default=True)
    """On Material, the generated pages hide the navigation and table-of-contents sidebars (front
    matter `hide`), so their tables and pictures get the whole width; false keeps them."""

    nav_sort_specs = c.Type(bool, default=True)
    """In the automatic nav, title spec pages by feature name and order them by it."""

    background = c.Deprecated(
        message="The option '{}' does nothing now and will be removed in the next release: "
        "delete it from mkdocs.yml.",
        option_type=c.Type(bool),
    )
    """Deprecated: does nothing (it made part of the HTML in a forked process)."""

    profile = c.Type(bool, default=False)
    """Log the plugin's own time per hook and its share of the build (also OPSSPEC_PROFILE=1)."""

    def validate(self):  # type: ignore[no-untyped-def]
        """As Config.validate, but an unknown option is an error, not a warning: a typo in
        `rules:` or `exclude:` must not silently do nothing."""
        failed, warnings = super().validate()
        unknown = [(k, w) for k, w in warnings if w.startswith("Unrecognised configuration name")]
        for key, _ in unknown:
            failed.append(
                (key, ValidationError(f"unknown option '{key}' (see the README's option table)"))
            )
        if not failed:
            for problem in check_rule_settings(self.rules or {}):
                failed.append(("rules", ValidationError(problem)))
            for name in self.required_sections or ():
                if section_key(name) is None:
                    failed.append(
                        ("required_sections", ValidationError(f"unknown section '{name}'"))
                    )
            if self.stale_after_days is not None and self.stale_after_days < 1:
                failed.append(("stale_after_days", ValidationError("must be 1 or more")))
            for key in ("report_file", "junit_file", "sarif_file"):
                problem = output_path_problem(self[key])
                if problem is not None:
                    failed.append((key, ValidationError(problem)))
        return failed, [w for w in warnings if w not in unknown]


def output_path_problem(path: str | None) -> str | None:
    """Why a report file's path (relative to site_dir) cannot be written to, or None: it names
    a folder, not a file."""
    if not path:
        return None
    last = path.replace("\\", "/").rsplit("/", 1)[-1]
    if last in ("", ".", ".."):
        return f"'{path}' names a folder: give a file name, e.g. 'reports/opsspec.json'"
    return None


def load_options(raw: Mapping[str, Any], config_file_path: str | None) -> OpsSpecConfig:
    """Our options given elsewhere than under `plugins:` (the Markdown extension's settings, or
    a config file `mkdocs-opsspec generate` read), checked as MkDocs checks the plugin's.
    Raises ValueError naming every problem; logs each warning (a deprecated option) once per
    process, as MkDocs logs the plugin's."""
    config = OpsSpecConfig(config_file_path=config_file_path)
    config.load_dict(dict(raw))
    failed, warnings = config.validate()
    if failed:
        raise ValueError("; ".join(f"option '{key}': {error}" for key, error in failed))
    for key, warning in warnings:
        message = f"option '{key}': {warning}"
        if message not in _warned:
            _warned.add(message)
            log.warning(message)
    return config
