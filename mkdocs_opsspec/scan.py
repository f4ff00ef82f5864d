"""Reading Markdown files from disk for the CLI (the plugin gets its files from MkDocs)."""

from __future__ import annotations

import os
from pathlib import Path


def markdown_paths(root: Path) -> list[str]:
    """Paths (relative to root, forward slashes) of every *.md file, sorted, skipping hidden
    folders."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = os.path.relpath(dirpath, root)
        for name in filenames:
            if name.endswith(".md"):
                found.append(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"))
    return sorted(found)
