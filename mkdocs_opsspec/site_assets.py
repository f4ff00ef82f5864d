"""The CSS and JavaScript the pages use, as packaged in `mkdocs_opsspec/assets/`: the plugin adds
them to the site as in-memory files, `generate` writes them beside the generated pages."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

#: The packaged assets (file names in `assets/`), CSS first.
PACKAGED_ASSETS = ("opsspec.css", "portfolio.css", "graph.css", "opsspec.js", "portfolio.js")


def asset(name: str) -> Traversable:
    """The packaged file `name` (one of `PACKAGED_ASSETS`)."""
    return resources.files("mkdocs_opsspec").joinpath("assets", name)
