"""Which files are specs, of which type and role; and which file names are near misses.

A file is a spec on one strong sign, or on two weak ones:

- strong: its path (`<type>/ybs-spec_<12hex>.md` at any depth, `<type>/_BASE.md`,
  `<type>/ybs-spec.md`), its first H1 (`# Operations Specification: ...`), or front matter
  `opsspec: {type: operations}` (a page opted in);
- weak: front matter `type: <one of the seven types>` (an Obsidian property as often as not), a
  GUID field in the header or front matter, lying in a type folder (`operations/x.md`).

A page with exactly one weak sign is not a spec; `weak_sign_hint` says how to opt it in.
`<type>/_BASE.md` are BASE specs (system defaults) and `<type>/ybs-spec.md` /
`architecture/ybs-decisions.md` system-wide master documents.
A file in the generated pages' folder whose front matter carries `GENERATED_MARK` (a page
`mkdocs-opsspec generate` wrote) is never a spec; elsewhere the mark hides no spec (OS010).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexer import parse_front_matter, split_lines
from .model import SPEC_TYPES, HeaderField

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

#: A Markdown file right inside a type folder: `operations/x.md`.
TYPE_FOLDER_RE = re.compile(rf"(?:^|/)({_TYPES_ALT})/[^/]+\.md$")


@dataclass(frozen=True)
class PathInfo:
    """What a path alone says about a file."""

    type: str | None
    role: str | None  # "feature" | "base" | "master" or None
    guid: str | None  # the GUID in the file name of a feature spec


_NO_PATH_INFO = PathInfo(None, None, None)


def classify_path(path: str) -> PathInfo:
    """What the path says."""
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


def _spec_type(value: object) -> str | None:
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


def in_folder(path: str, folder: str) -> bool:
    """Whether the docs path `path` lies in the docs folder `folder` (at any depth)."""
    return path.startswith(folder.strip("/") + "/")


def is_generated_text(text: str) -> bool:
    """Whether a Markdown file's front matter carries `GENERATED_MARK`'s mark."""
    if not text.startswith("---"):
        return False
    front_matter, _, _ = parse_front_matter(split_lines(text[:4096]))
    return is_generated(front_matter)


def type_from_front_matter(front_matter: dict[str, object]) -> str | None:
    """The type of front matter `type: operations` (a weak sign)."""
    return _spec_type(front_matter.get("type"))


def type_from_opt_in(front_matter: dict[str, object]) -> str | None:
    """The type of front matter `opsspec: {type: operations}` (a strong sign)."""
    cfg = front_matter.get("opsspec")
    return _spec_type(cfg.get("type")) if isinstance(cfg, dict) else None


def type_folder(path: str) -> str | None:
    """The type of the folder a file lies right inside (`operations/x.md`), if any."""
    m = TYPE_FOLDER_RE.search(path)
    return m.group(1) if m else None


@dataclass(frozen=True)
class Detection:
    """What makes a file a spec: its type, role and the sign that decided."""

    type: str
    role: str  # "feature" | "base" | "master"
    detected_by: str  # "path" | "title" | "front_matter"


@dataclass(frozen=True)
class WeakSign:
    kind: str  # "front_matter" | "guid" | "folder"
    what: str  # as a message names it
    line: int | None
    type: str | None  # the type it suggests


def detect(
    path: str,
    title: str | None,
    front_matter: dict[str, object],
    guid: HeaderField | None = None,
    front_matter_type_line: int | None = None,
) -> tuple[Detection | None, list[WeakSign]]:
    """The detection of a file from its path, first H1 `title`, front matter and GUID field
    (header or front matter); and the weak signs it shows (for a hint when there is only
    one)."""
    info = classify_path(path)
    if info.role is not None and info.type is not None:
        return Detection(info.type, info.role, "path"), []
    role = "base" if title is not None and BASE_TITLE_RE.match(title) else "feature"
    opted = type_from_opt_in(front_matter)
    if opted is not None:
        return Detection(opted, role, "front_matter"), []
    title_type = type_from_title(title)[0]
    if title_type is not None:
        return Detection(title_type, role, "title"), []
    weak: list[WeakSign] = []
    fm_type = type_from_front_matter(front_matter)
    if fm_type is not None:
        weak.append(
            WeakSign(
                "front_matter", f"front matter 'type: {fm_type}'", front_matter_type_line, fm_type
            )
        )
    if guid is not None:
        weak.append(WeakSign("guid", "a GUID field", guid.line, None))
    folder = type_folder(path)
    if folder is not None:
        weak.append(WeakSign("folder", f"the folder '{folder}/'", None, folder))
    if len(weak) < 2:
        return None, weak
    # two of three signs (front matter type, GUID, folder): one of them names the type
    spec_type = fm_type or folder
    assert spec_type is not None
    return Detection(spec_type, role, "front_matter" if fm_type else "path"), weak


def weak_sign_hint(weak: list[WeakSign]) -> tuple[int | None, str] | None:
    """(line, message) for a page with one weak sign written in it (front matter `type:` or a
    GUID field): why it is not a spec and how to opt it in. A page that only lies in a type
    folder (an index page, a README) gets none: that is what such folders hold."""
    if len(weak) != 1 or weak[0].kind == "folder":
        return None
    sign = weak[0]
    spec_type = sign.type or "operations"
    return sign.line, (
        f"{sign.what} alone does not make this page a spec (it needs one more sign): if it is "
        f"one, add 'opsspec: {{type: {spec_type}}}' to its front matter or give it a "
        f"'# {spec_type.capitalize()} Specification: <name>' title"
    )


def might_be_spec(path: str, text: str) -> bool:
    """Cheap test before lexing: could this file be a spec, or show a weak sign of one?"""
    if classify_path(path).role is not None:
        return True
    if "Specification" in text or "specification" in text:
        return True
    if text.startswith("---") and ("type:" in text[:4096] or "opsspec" in text[:4096]):
        return True
    return "GUID" in text or "guid" in text or type_folder(path) is not None


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
        f"move it into one of {', '.join(t + '/' for t in SPEC_TYPES)}, give it a "
        "'# <Type> Specification:' title or opt it in with front matter 'opsspec: {type: <type>}'"
    )


def _guess_guid(tail: str) -> str:
    candidate = tail.strip("_- ").lower()
    return candidate if GUID_RE.match(candidate) else "<12 lowercase hex>"
