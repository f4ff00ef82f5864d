"""Which files are specs, of which type and role; and which file names are near misses.

A spec is detected by its path (`<type>/ybs-spec_<12hex>.md` at any depth), by its first H1
(`# Operations Specification: ...`), or by front matter (`type: operations`). `<type>/_BASE.md`
are BASE specs (system defaults) and `<type>/ybs-spec.md` / `architecture/ybs-decisions.md`
system-wide master documents. A file whose front matter carries `GENERATED_MARK` (a page
`mkdocs-opsspec generate` wrote) is never a spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexer import parse_front_matter, split_lines
from .model import SPEC_TYPES

_TYPES_ALT = "|".join(SPEC_TYPES)
#: A language suffix of mkdocs-static-i18n's suffix layout: `x.fr.md`, `x.pt_BR.md`.
_LOCALE = r"(?:\.[a-z]{2}(?:[_-][A-Za-z]{2,4})?)?"
FEATURE_PATH_RE = re.compile(rf"(?:^|/)({_TYPES_ALT})/ybs-spec_([0-9a-f]{{12}}){_LOCALE}\.md$")
BASE_PATH_RE = re.compile(rf"(?:^|/)({_TYPES_ALT})/_BASE{_LOCALE}\.md$")
MASTER_PATH_RE = re.compile(rf"(?:^|/)({_TYPES_ALT})/(?:ybs-spec|ybs-decisions){_LOCALE}\.md$")
TITLE_RE = re.compile(rf"^({_TYPES_ALT})\s+(?:BASE\s+)?specification\s*:\s*(.*)$", re.IGNORECASE)
BASE_TITLE_RE = re.compile(rf"^({_TYPES_ALT})\s+BASE\s+specification\b", re.IGNORECASE)
#: Anything that looks like a spec file name, to catch near misses.
SPEC_LIKE_NAME_RE = re.compile(r"(?:^|/)ybs[-_ ]?spec[-_ ]?([^/]*)\.md$", re.IGNORECASE)
GUID_RE = re.compile(r"^[0-9a-f]{12}$")
_LOCALE_SUFFIX_RE = re.compile(r"\.[a-z]{2}(?:[_-][A-Za-z]{2,4})?$")
FILENAME_GUID_RE = re.compile(rf"(?:^|/)ybs-spec_([0-9a-f]{{12}}){_LOCALE}\.md$")
#: What every page `mkdocs-opsspec generate` writes has in its front matter.
GENERATED_MARK = "opsspec:\n  generated: true\n"


@dataclass(frozen=True)
class PathInfo:
    """What a path alone says about a file."""

    type: str | None
    role: str | None  # "feature" | "base" | "master" or None
    guid: str | None  # the GUID in the file name of a feature spec


_NO_PATH_INFO = PathInfo(None, None, None)


@lru_cache(maxsize=256)
def classify_path(path: str) -> PathInfo:
    """What the path says. Remembered for a few paths: parsing one file asks up to three times
    (`might_be_spec`, `parse_text`, `near_miss`); the answer is immutable."""
    # each pattern needs its literal part, so a path without it skips the search
    if "ybs-spec_" in path:
        m = FEATURE_PATH_RE.search(path)
        if m:
            return PathInfo(m.group(1), "feature", m.group(2))
    if "_BASE" in path:
        m = BASE_PATH_RE.search(path)
        if m:
            return PathInfo(m.group(1), "base", None)
    if "ybs-" in path:
        m = MASTER_PATH_RE.search(path)
        if m:
            return PathInfo(m.group(1), "master", None)
    return _NO_PATH_INFO


def type_from_title(title: str | None) -> tuple[str | None, str | None]:
    """(`operations`, `Feature Name`) for `Operations Specification: Feature Name`."""
    if not title:
        return None, None
    m = TITLE_RE.match(title.strip())
    if not m:
        return None, None
    return m.group(1).lower(), m.group(2).strip() or None


def type_from_front_matter(front_matter: dict[str, object]) -> str | None:
    value = front_matter.get("type")
    if isinstance(value, str) and value.strip().lower() in SPEC_TYPES:
        return value.strip().lower()
    return None


def mark_generated(markdown: str) -> str:
    """`markdown` with `GENERATED_MARK` in its front matter (which it gets if it has none)."""
    if markdown.startswith("---\n"):
        return f"---\n{GENERATED_MARK}{markdown[4:]}"
    return f"---\n{GENERATED_MARK}---\n\n{markdown}"


def is_generated(front_matter: dict[str, object]) -> bool:
    """Whether the front matter is `GENERATED_MARK`'s: `opsspec: {generated: true}`."""
    ours = front_matter.get("opsspec")
    return isinstance(ours, dict) and ours.get("generated") is True


def is_generated_text(text: str) -> bool:
    """Whether a Markdown file's front matter carries `GENERATED_MARK`'s mark."""
    if not text.startswith("---"):
        return False
    front_matter, _, _ = parse_front_matter(split_lines(text[:4096]))
    return is_generated(front_matter)


def might_be_spec(path: str, text: str) -> bool:
    """Cheap test before lexing: could this file be a spec at all?"""
    if classify_path(path).role is not None:
        return True
    if "Specification" in text or "specification" in text:
        return True
    return text.startswith("---") and "type:" in text[:4096]


def filename_guid(path: str) -> str | None:
    """The GUID of a `ybs-spec_<12hex>.md` file name wherever the file lies."""
    m = FILENAME_GUID_RE.search(path)
    return m.group(1) if m else None


def near_miss(path: str) -> tuple[str, str] | None:
    """(rule code, message) if the file name looks like a spec's but is not recognised."""
    if classify_path(path).role is not None:
        return None  # a recognised spec (the usual case)
    name = path.rsplit("/", 1)[-1]
    m = SPEC_LIKE_NAME_RE.search("/" + name)
    if not m or name in ("ybs-spec.md", "ybs-decisions.md"):
        return None
    stem = _LOCALE_SUFFIX_RE.sub("", name[:-3])
    if not stem.startswith("ybs-spec_"):
        return "OS001", (
            f"file name '{name}' looks like a spec but is not 'ybs-spec_<12 lowercase hex>.md': "
            f"rename it to 'ybs-spec_{_guess_guid(m.group(1))}.md' so it is recognised"
        )
    guid = stem[len("ybs-spec_") :]
    if GUID_RE.match(guid.lower()) and guid != guid.lower():
        return "OS001", (
            f"GUID '{guid}' in file name '{name}' has uppercase letters: "
            f"rename it to 'ybs-spec_{guid.lower()}.md'"
        )
    if not GUID_RE.match(guid):
        return "OS001", (
            f"'{guid}' in file name '{name}' is not a 12-digit lowercase hex GUID: "
            "rename the file to 'ybs-spec_<12 lowercase hex>.md'"
        )
    folder = path.rsplit("/", 2)[-2] if "/" in path else ""
    return "OS002", (
        f"spec file '{name}' is outside the type folders (it is in '{folder or 'docs_dir'}'): "
        f"move it into one of {', '.join(t + '/' for t in SPEC_TYPES)} or give it a "
        "'# <Type> Specification:' title"
    )


def _guess_guid(tail: str) -> str:
    candidate = tail.strip("_- ").lower()
    return candidate if GUID_RE.match(candidate) else "<12 lowercase hex>"
