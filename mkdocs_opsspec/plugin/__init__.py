"""The MkDocs adapter: the plugin (`- opsspec` in mkdocs.yml), its options, and the glue that
puts the core's HTML and generated pages into a MkDocs build."""

from .plugin import OpsSpecPlugin

__all__ = ["OpsSpecPlugin"]
