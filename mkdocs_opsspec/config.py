"""The plugin's options, as a typed MkDocs Config (unknown options are config errors)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError


class OpsSpecConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing it from `plugins:`."""

    report_file = c.Type(str, default="opsspec-report.json")
    """Where the JSON report goes, relative to site_dir. Empty: no report."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Globs (relative to docs_dir) of files never treated as specs."""

    def validate(self):  # type: ignore[no-untyped-def]
        """As Config.validate, but an unknown option is an error, not a warning: a typo in
        `rules:` or `exclude:` must not silently do nothing."""
        failed, warnings = super().validate()
        unknown = [(k, w) for k, w in warnings if w.startswith("Unrecognised configuration name")]
        for key, _ in unknown:
            failed.append(
                (key, ValidationError(f"unknown option '{key}' (see the README's option table)"))
            )
        return failed, [w for w in warnings if w not in unknown]
