"""`mkdocs-opsspec new`: a spec started from the packaged YBS template of its type.

`plan` decides, from the catalog of a site, what to write: the GUID (a fresh random one, or an
existing feature's), the paths (`[SUBDIR/]<type>/ybs-spec_<guid>.md`, next to the feature's
specs by default) and the templates with their title, GUID, Version, Status, date (and class)
filled in. `write` writes that and never overwrites a file. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import secrets
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .catalog import Catalog, Feature, spec_root
from .detect import GUID_RE, filename_guid
from .lexer import CHARACTER_REFERENCE_RE
from .model import SPEC_TYPES
from .rules.links import CLASS_REQUIREMENTS

#: Version and Status of a new spec.
NEW_VERSION = "0.1.0"
NEW_STATUS = "Draft"
#: The header fields `fill` sets, in template order.
_FIELD_RE = re.compile(r"^\*\*(GUID|Version|Status|Last Updated)\*\*:")
_TITLE_RE = re.compile(r"^(# [A-Za-z]+ Specification: )\[Feature Name\]\s*$")
_LINE_BREAK_RE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
#: Characters a backslash keeps from being Markdown in a heading (code, emphasis, links,
#: attribute lists), and `<` (an HTML tag), which no backslash escapes in Python-Markdown.
_HEADING_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_[]{}"}, "<": "&lt;"})


class BadRequest(ValueError):
    """What was asked cannot be done as asked: a usage error."""


class Refused(Exception):
    """A spec is there already, or the GUID is no feature's: nothing is written."""

    def __init__(self, reason: str, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path  # relative to docs_dir

    def describe(self, prefix: str = "") -> str:
        """The reason, after the path (with `prefix`, docs_dir as the user sees it) if any."""
        return f"{prefix}{self.path}: {self.reason}" if self.path else self.reason


@dataclass(frozen=True)
class Request:
    spec_type: str
    name: str | None = None  # the feature's name; with `guid` it defaults to the feature's
    guid: str | None = None  # an existing feature's GUID, or None for a new feature
    feature_class: str | None = None  # A-D: also write the spec types the class requires
    subdir: str | None = None  # folder under docs_dir that holds the type folders


@dataclass(frozen=True)
class NewSpec:
    spec_type: str
    path: str  # relative to docs_dir, forward slashes
    text: str


@dataclass(frozen=True)
class Plan:
    guid: str
    specs: tuple[NewSpec, ...]  # to write, the requested type first
    kept: tuple[str, ...] = ()  # specs the class requires that the feature has already


def random_guid() -> str:
    return secrets.token_hex(6)  # 12 lowercase hex digits


def plan(
    request: Request,
    catalog: Catalog,
    date: dt.date,
    draw: Callable[[], str] = random_guid,
) -> Plan:
    """What `new` writes for `request` in the site of `catalog`. Raises BadRequest for a
    request that makes no sense, Refused when the requested spec exists or the GUID is no
    feature's. Specs the class requires that the feature has already are kept, not written."""
    if request.spec_type not in SPEC_TYPES:
        raise BadRequest(
            f"'{request.spec_type}' is not a spec type: use one of {', '.join(SPEC_TYPES)}"
        )
    letter = request.feature_class
    if letter is not None and letter not in CLASS_REQUIREMENTS:
        raise BadRequest(f"class '{letter}' is not one of A, B, C, D")
    feature: Feature | None = None
    if request.guid is not None:
        guid = request.guid
        if not GUID_RE.match(guid):
            raise BadRequest(f"--guid '{guid}' is not a 12-digit lowercase hex GUID")
        feature = catalog.feature(guid)
        if feature is None:
            raise Refused(
                f"no spec has GUID {guid}: give the GUID of one of the site's features, or "
                "leave out --guid to start a new feature"
            )
        name = checked_name(request.name) if request.name is not None else feature.name
    elif request.name is None:
        raise BadRequest("give the feature's NAME, or --guid GUID to add a spec to a feature")
    else:
        name = checked_name(request.name)
        guid = fresh_guid(guids_in_use(catalog), draw)
    root = checked_subdir(request.subdir) if request.subdir is not None else _root(feature)
    types = [request.spec_type]
    if letter is not None:
        types += [t for t in CLASS_REQUIREMENTS[letter] if t != request.spec_type]
    specs: list[NewSpec] = []
    kept: list[str] = []
    for spec_type in types:
        path = posixpath.join(root, spec_type, f"ybs-spec_{guid}.md")
        existing = _existing(catalog, feature, spec_type, path)
        if existing is None:
            text = fill(template_text(spec_type), name, guid, date, letter)
            specs.append(NewSpec(spec_type, path, text))
        elif spec_type == request.spec_type:
            raise Refused(
                f"the {spec_type} spec of feature {guid} exists; new never overwrites a spec "
                "(edit this one, or leave out --guid to start a new feature)",
                existing,
            )
        else:
            kept.append(existing)
    return Plan(guid, tuple(specs), tuple(kept))


def write(docs_dir: Path, specs: Iterable[NewSpec]) -> list[Path]:
    """Write `specs` under `docs_dir`, making folders as needed. Raises Refused, before writing
    anything, if one of the files exists (even one the site does not list)."""
    specs = list(specs)
    for spec in specs:
        if (docs_dir / spec.path).exists():
            raise Refused("exists; new never overwrites a file", spec.path)
    written = []
    for spec in specs:
        target = docs_dir / spec.path
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(target, "x", encoding="utf-8", newline="") as f:  # "x": never overwrite
                f.write(spec.text)
        except FileExistsError as exc:  # made by someone else since the check above
            raise Refused("exists; new never overwrites a file", spec.path) from exc
        written.append(target)
    return written


def fresh_guid(in_use: Collection[str], draw: Callable[[], str] = random_guid) -> str:
    """A GUID from `draw` that is not in `in_use`."""
    while True:
        guid = draw()
        if guid not in in_use:
            return guid


def guids_in_use(catalog: Catalog) -> set[str]:
    """Every GUID the site has: of its specs (header or file name), named as a dependency, or
    in the name of any of its files."""
    in_use = set(catalog.features) | catalog.known_guids | set(catalog.unknown_guids)
    in_use.update(g for g in map(filename_guid, catalog.doc_paths) if g)
    return in_use


def template_text(spec_type: str) -> str:
    """The packaged YBS template of a spec type."""
    folder = resources.files("mkdocs_opsspec").joinpath("spec_templates")
    return folder.joinpath(f"TEMPLATE-{spec_type}.md").read_text("utf-8")


def fill(
    template: str, name: str, guid: str, date: dt.date, feature_class: str | None = None
) -> str:
    """`template` with the feature's name in its title and, in its header, the GUID, Version
    0.1.0, Status Draft and `date` (and a Class line after them when a class is given)."""
    lines = template.splitlines()
    title = _TITLE_RE.match(lines[0]) if lines else None
    if title is None:
        raise ValueError("no '# <Type> Specification: [Feature Name]' title in the template")
    lines[0] = title.group(1) + heading_text(name)
    values = {
        "GUID": guid,
        "Version": NEW_VERSION,
        "Status": NEW_STATUS,
        "Last Updated": date.isoformat(),
    }
    seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.startswith("## "):
            break  # the header ends at the first section
        m = _FIELD_RE.match(line)
        if m and m.group(1) not in seen:
            seen[m.group(1)] = i
            lines[i] = f"**{m.group(1)}**: {values[m.group(1)]}"
    if len(seen) < len(values):
        missing = ", ".join(k for k in values if k not in seen)
        raise ValueError(f"the template's header has no {missing} line")
    if feature_class is not None:
        lines.insert(max(seen.values()) + 1, f"**Class**: {feature_class}")
    return "\n".join(lines) + "\n"


def checked_name(raw: str) -> str:
    """A feature name for a title: one line of text, without surrounding spaces."""
    name = raw.strip()
    if not name:
        raise BadRequest('the feature\'s NAME is empty: give it a name, e.g. "Payments API"')
    if _LINE_BREAK_RE.search(name):
        raise BadRequest(
            f"NAME {name!r} has a line break or another control character: a title is one line"
        )
    return name


def heading_text(name: str) -> str:
    """`name` written so that a Markdown heading shows it as it is (and the parser reads it
    back): `*`, `_`, `` ` ``, `[`, `]`, `{`, `}` and `\\` backslash-escaped, `<` and a `&` that
    starts a character reference as references, a last `#` escaped (a closing `#` is not
    text)."""
    text = CHARACTER_REFERENCE_RE.sub(lambda m: "&amp;" + m.group(0)[1:], name)
    text = text.translate(_HEADING_ESCAPES)
    return text[:-1] + "\\#" if text.endswith("#") else text


def checked_subdir(raw: str) -> str:
    """SUBDIR as a relative folder inside docs_dir, forward slashes, '' for docs_dir itself."""
    text = raw.strip().replace("\\", "/")
    folder = posixpath.normpath(text) if text else "."
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or folder.split("/")[0] == "..":
        raise BadRequest(f"--dir '{raw}' is not a folder inside docs_dir: give a relative path")
    return "" if folder == "." else folder


def _root(feature: Feature | None) -> str:
    """Where a feature's type folders are: those of its operations spec, else of its first."""
    if feature is None:
        return ""
    home = feature.operations or next(iter(feature.specs.values()))
    return spec_root(home.path)


def _existing(catalog: Catalog, feature: Feature | None, spec_type: str, path: str) -> str | None:
    """The path of the feature's spec of that type, or `path` if some file has it."""
    if feature is not None:
        for spec in [*feature.specs.values(), *feature.duplicates]:
            if spec.type == spec_type:
                return spec.path
    return path if path in catalog.doc_paths else None
