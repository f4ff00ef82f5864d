"""Reading docs folders from disk, for the CLI and the Markdown extension (the plugin gets its
files from MkDocs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pathspec.gitignore import GitIgnoreSpec


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


#: What MkDocs leaves out of every docs_dir, before `exclude_docs` (gitignore patterns).
DEFAULT_EXCLUDE = (".*", "/templates/")


@dataclass(frozen=True)
class DocsFiles:
    """The files of a docs_dir a site build sees: Markdown (path -> file) and the others."""

    markdown: dict[str, Path]
    others: list[str]

    def stamps(self) -> tuple[tuple[str, int, int], ...]:
        """(path, modification time in ns, size) of every Markdown file."""
        out = []
        for rel, path in self.markdown.items():
            st = path.stat()
            out.append((rel, st.st_mtime_ns, st.st_size))
        return tuple(out)


def docs_files(root: Path, exclude_docs: str | None = None) -> DocsFiles:
    """Every file of docs_dir `root` as MkDocs (and Zensical) lists them: without `DEFAULT_EXCLUDE`
    and the gitignore-style patterns of `exclude_docs` (one a line), sorted."""
    spec = GitIgnoreSpec.from_lines([*DEFAULT_EXCLUDE, *(exclude_docs or "").splitlines()])
    markdown: dict[str, Path] = {}
    others: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = sorted(d for d in dirnames if not spec.match_file(prefix + d + "/"))
        for name in sorted(filenames):
            rel = prefix + name
            if spec.match_file(rel):
                continue
            if name.endswith(".md"):
                markdown[rel] = Path(dirpath) / name
            else:
                others.append(rel)
    return DocsFiles(dict(sorted(markdown.items())), sorted(others))
