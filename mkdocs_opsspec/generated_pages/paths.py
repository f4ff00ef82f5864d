"""Where the generated pages live in docs_dir, and relative links between docs paths."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from .markdown_escape import Md

_SLUG_RE = re.compile(r"^[0-9a-z][0-9a-z_-]{0,63}$")


def feature_slug(guid: str) -> str:
    """The file name stem of a feature's page: the GUID when it is a plain lowercase token
    (every real GUID is), else a stable hash of it (spec text never becomes a path)."""
    if _SLUG_RE.match(guid):
        return guid
    return "x-" + hashlib.sha256(guid.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PagePaths:
    """Docs paths (relative to docs_dir, forward slashes) of the generated pages."""

    portfolio: str = "opsspec/portfolio.md"
    matrix: str = "opsspec/matrix.md"
    base: str = "opsspec/base.md"
    graph: str = "opsspec/graph.md"
    rules: str = "opsspec/rules.md"
    features_dir: str = "opsspec/features"

    @classmethod
    def under(cls, folder: str) -> PagePaths:
        """The pages in `folder` (a docs path, e.g. `opsspec`)."""
        return cls(
            portfolio=f"{folder}/portfolio.md",
            matrix=f"{folder}/matrix.md",
            base=f"{folder}/base.md",
            graph=f"{folder}/graph.md",
            rules=f"{folder}/rules.md",
            features_dir=f"{folder}/features",
        )

    def feature(self, guid: str) -> str:
        return f"{self.features_dir.rstrip('/')}/{feature_slug(guid)}.md"

    @property
    def site_wide(self) -> tuple[str, ...]:
        """The pages made once per site: portfolio, matrix, BASE page, dependency graph and
        rules page."""
        return (self.portfolio, self.matrix, self.base, self.graph, self.rules)

    @property
    def nav_section(self) -> tuple[str, ...]:
        """The pages the automatic nav lists in the generated section: portfolio, matrix and
        dependency graph."""
        return (self.portfolio, self.matrix, self.graph)

    def every(self, guids: Iterable[str]) -> list[str]:
        """Every generated page, the site-wide ones and one per feature (of `guids`), sorted."""
        return sorted({*self.site_wide, *(self.feature(g) for g in guids)})

    @property
    def portfolio_json(self) -> str:
        """The portfolio's data, beside its page."""
        return posixpath.join(posixpath.dirname(self.portfolio), "portfolio.json")


def relative(from_page: str, to_path: str) -> str:
    """The relative path from the page at docs path `from_page` to docs path `to_path` (both
    relative to docs_dir; computed from the strings, no file system)."""
    start = [p for p in posixpath.normpath(posixpath.dirname(from_page)).split("/") if p != "."]
    target = [p for p in posixpath.normpath(to_path).split("/") if p != "."]
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])


def href(from_page: str, to_path: str, anchor: str | None = None) -> Md:
    """A Markdown link target from `from_page` to `to_path`: relative, percent-encoded (so no
    character of a path can end the link or start markup); MkDocs decodes it when it checks and
    rewrites the link."""
    target = quote(relative(from_page, to_path), safe="/")
    if anchor:
        target += "#" + quote(anchor, safe="")
    return Md(target)
