"""mkdocs-opsspec: operations specifications for MkDocs sites."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mkdocs-opsspec")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

GENERATOR = f"mkdocs-opsspec {__version__}"
