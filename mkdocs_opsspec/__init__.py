"""mkdocs-opsspec: operations specifications for MkDocs sites."""

# The one place for the version: pyproject.toml reads it from here. Written out, not looked up
# with importlib.metadata, which costs 20 ms at every start of the CLI and the plugin.
__version__ = "0.1.0"

GENERATOR = f"mkdocs-opsspec {__version__}"
