"""The plugin's options, as a typed MkDocs Config (unknown options are config errors)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class OpsSpecConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from `plugins:`."""

    report_file = c.Type(str, default="opsspec-report.json")
    """Where the JSON report goes, relative to site_dir. Empty: no report."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Globs (relative to docs_dir) of files never treated as specs."""
