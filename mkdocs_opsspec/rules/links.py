"""Links and families: Related Specifications targets, `$ref` references, dependency GUIDs,
the spec types a feature's class requires, and cycles among Required dependencies.

Everything is resolved against `ctx.doc_paths` (every file under docs_dir) and the parsed specs:
these rules never open, stat or list a file. A target that is absolute, a non-http(s) URL, or
that climbs out of docs_dir is reported as such and never looked up.
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from ..model import SPEC_TYPES, Finding, HeaderField, Spec
from . import RuleContext
from .docs import Example, ExampleFile, RuleDoc, header
from .registry import E, Rule, W, register

_TECHNICAL = "technical/ybs-spec_0123456789ab.md"
_PAYMENTS = "technical/ybs-spec_4d5e6f708192.md"
_BASE = "operations/_BASE.md"


def _technical(
    body: str = "", name: str = "Checkout", guid: str = "0123456789ab", **kw: str
) -> str:
    """A technical spec of an example: its header (`kw`: more header fields), then `body`."""
    text = header(name, guid=guid, spec_type="Technical")
    text += "".join(f"**{field}**: {value}\n" for field, value in kw.items())
    return text + ("\n" + textwrap.dedent(body).lstrip("\n") if body else "")


def _related(target: str) -> Example:
    """The operations spec whose Related Specifications name Checkout's technical spec as
    `target` (the technical spec is there)."""
    return Example(
        f"## Related Specifications\n\n- **Technical**: `{target}`",
        files=(ExampleFile(_TECHNICAL, _technical()),),
    )


def _base_ref(anchor: str, files: tuple[ExampleFile, ...]) -> Example:
    """The operations spec's Health Checks extending the BASE spec's section `anchor`."""
    return Example(
        f"""
        ### Health Checks

        **Extends**: $ref:operations/_BASE.md#{anchor}
        **Endpoint**: `/healthz`
        **Check Frequency**: Every 30 seconds
        **Success Criteria**: Status code 200 within 500ms
        """,
        files=files,
    )


_BASE_SPEC = ExampleFile(
    _BASE,
    """
    # Operations BASE Specification

    **System**: Northwind shop
    **Version**: 2.1.0
    **Last Updated**: 2026-08-19

    ## Health Checks

    Every service exposes `/healthz`; the load balancer checks it every 30 seconds.
    """,
)
_DEPENDENCY = "- **Payments**: ybs-spec_{guid} (authorises the card before an order is placed)"
_PAYMENTS_SPEC = ExampleFile(_PAYMENTS, _technical(name="Payments", guid="4d5e6f708192"))


def _depends(guid: str, files: tuple[ExampleFile, ...] = ()) -> Example:
    """Checkout's technical spec, requiring the feature `guid`."""
    body = "## Dependencies\n\n### Required\n" + _DEPENDENCY.format(guid=guid)
    return Example(_technical(body), path=_TECHNICAL, part=False, files=files)


_RESOLVED = """
    A relative path is looked for from the folder that holds the type folders (the spec tree
    root, so `technical/ybs-spec_<guid>.md` works from every spec), then from the spec's own
    folder, then from docs_dir. A target in backticks, a Markdown link or a bare `.md` path
    counts; placeholders (`[guid]`, `<guid>`) and http(s) URLs are not checked.
"""
RELATED_NOT_FOUND = register(
    "OS701",
    "related-spec-not-found",
    W,
    "A Related Specifications entry names a file that does not exist.",
    readiness="links",
    doc=RuleDoc(
        catches="An entry of the Related Specifications section whose path names no file of "
        "the site.",
        why="The link is broken on the page, and the spec it meant is not where readers are sent.",
        bad=_related("technical/ybs-spec_0123456789ba.md"),
        fixed=_related("technical/ybs-spec_0123456789ab.md"),
        accepts=_RESOLVED,
    ),
)
OUTSIDE_DOCS_DIR = register(
    "OS702",
    "link-outside-docs-dir",
    E,
    "A Related Specifications or $ref target is absolute, a non-http(s) URL, or leaves docs_dir.",
    readiness="links",
    doc=RuleDoc(
        catches="""
            A Related Specifications or `$ref` target that is an absolute path, a URL of
            another scheme than http(s) (`file:`, a Windows drive), or a relative path that
            climbs out of docs_dir with `..`. Such targets are never read.
        """,
        why="""
            What lies outside docs_dir is not part of the site: the link is broken for every
            reader, and the build must not read files it was not given.
        """,
        bad=_related("../../platform-specs/technical/ybs-spec_0123456789ab.md"),
        fixed=_related("technical/ybs-spec_0123456789ab.md"),
        accepts=_RESOLVED,
    ),
)
REF_NOT_FOUND = register(
    "OS703",
    "ref-target-not-found",
    E,
    "A $ref names a file that does not exist.",
    readiness="links",
    doc=RuleDoc(
        catches="A `$ref:<path>` reference (a section that extends a BASE spec's) whose path "
        "names no file of the site.",
        why="""
            The section says it inherits defaults from a BASE spec; if that file is not there,
            the defaults it relies on are written nowhere.
        """,
        bad=_base_ref("health-checks", files=()),
        fixed=_base_ref("health-checks", files=(_BASE_SPEC,)),
        accepts=_RESOLVED,
    ),
)
REF_ANCHOR_NOT_FOUND = register(
    "OS704",
    "ref-anchor-not-found",
    W,
    "A $ref anchor is not a heading id of the spec it points at.",
    readiness="links",
    doc=RuleDoc(
        catches="A `$ref:<path>#<anchor>` whose anchor is not the id of a heading of the spec "
        "it names; the message suggests the closest id.",
        why="The reference points at a section that does not exist, usually one that was renamed.",
        bad=_base_ref("health-check", files=(_BASE_SPEC,)),
        fixed=_base_ref("health-checks", files=(_BASE_SPEC,)),
        accepts="Heading ids as MkDocs makes them: lowercase, spaces as `-`, punctuation "
        "dropped (`## Health Checks` is `#health-checks`).",
    ),
)
_GUIDS = """
    Dependencies are the list items of a technical spec's Dependencies section (its
    Required, Optional, Conflicts and Dependents subsections) and of an operations spec's
    Upstream and Downstream Dependencies; a feature is named as `ybs-spec_<guid>`, in
    backticks or not.
"""
UNKNOWN_GUID = register(
    "OS705",
    "unknown-dependency-guid",
    W,
    "A dependency names a ybs-spec GUID that no spec has.",
    doc=RuleDoc(
        catches="A dependency naming a well-formed GUID that no spec of the site has.",
        why="""
            The dependency cannot be followed: the feature page and the dependency graph show
            an unknown node, and a cycle through it cannot be found.
        """,
        bad=_depends("4d5e6f708192"),
        fixed=_depends("4d5e6f708192", files=(_PAYMENTS_SPEC,)),
        accepts=_GUIDS,
    ),
)
INVALID_GUID = register(
    "OS706",
    "invalid-dependency-guid",
    W,
    "A dependency's ybs-spec reference is not a 12-digit lowercase hex GUID.",
    doc=RuleDoc(
        catches="A `ybs-spec_...` reference in a dependency list that is not followed by 12 "
        "lowercase hexadecimal digits.",
        why="It names no feature, so the dependency is lost from the feature pages and the graph.",
        bad=_depends("4D5E6F708192", files=(_PAYMENTS_SPEC,)),
        fixed=_depends("4d5e6f708192", files=(_PAYMENTS_SPEC,)),
        accepts=_GUIDS,
    ),
)
_CLASSES = """
    `A` (user-facing: business, functional, technical and testing specs), `B` (backend:
    technical and testing), `C` (infrastructure: technical), `D` (documentation: none), written
    `B`, `Class B`, `Class B: Backend`, `b` or `Backend`, as a `**Class**:` header field or
    `class:` in front matter. The plugin's `feature_class` option is the default for features
    that state none.
"""
_TESTING = ExampleFile(
    "testing/ybs-spec_0123456789ab.md", header(guid="0123456789ab", spec_type="Testing")
)
MISSING_SPEC_TYPE = register(
    "OS707",
    "feature-missing-spec-type",
    W,
    "A feature lacks a spec type its class requires (A: business, functional, technical, "
    "testing; B: technical, testing; C: technical).",
    doc=RuleDoc(
        catches="A feature whose class requires a spec type it has no spec of. One finding "
        "per missing type, on the feature's operations spec (else its first spec).",
        why="""
            The class says how much a feature must document: a backend feature without a
            testing spec has nothing that says how it is verified.
        """,
        bad=Example(_technical(Class="B"), path=_TECHNICAL, part=False),
        fixed=Example(_technical(Class="B"), path=_TECHNICAL, part=False, files=(_TESTING,)),
        accepts=_CLASSES,
    ),
)
INVALID_CLASS = register(
    "OS708",
    "invalid-feature-class",
    W,
    "A feature class is not A-D, or a feature's specs disagree on it.",
    doc=RuleDoc(
        catches="A feature class that is not A, B, C or D, or specs of one feature that state "
        "different classes.",
        why="An unknown class requires nothing, so the feature's missing specs go unreported "
        "(OS707).",
        bad=Example(
            _technical(Class="Backend service"), path=_TECHNICAL, part=False, files=(_TESTING,)
        ),
        fixed=Example(
            _technical(Class="B (backend)"), path=_TECHNICAL, part=False, files=(_TESTING,)
        ),
        accepts=_CLASSES,
    ),
)
_CYCLE = "## Dependencies\n\n### {kind}\n- **Checkout**: ybs-spec_0123456789ab"
DEPENDENCY_CYCLE = register(
    "OS709",
    "required-dependency-cycle",
    E,
    "Required dependencies between features form a cycle.",
    readiness="dependencies",
    doc=RuleDoc(
        catches="""
            Features whose Required dependencies (in their technical specs) lead back to
            themselves: Checkout requires Payments and Payments requires Checkout. Each cycle
            is reported once, on the Required entry that closes it.
        """,
        why="""
            Required means "must be implemented first": in a cycle nothing can be first, so
            there is no build or release order. Usually one of the entries is meant as
            Optional or as a Dependent.
        """,
        bad=_depends(
            "4d5e6f708192",
            files=(
                ExampleFile(
                    _PAYMENTS,
                    _technical(_CYCLE.format(kind="Required"), "Payments", "4d5e6f708192"),
                ),
            ),
        ),
        fixed=_depends(
            "4d5e6f708192",
            files=(
                ExampleFile(
                    _PAYMENTS,
                    _technical(_CYCLE.format(kind="Dependents"), "Payments", "4d5e6f708192"),
                ),
            ),
        ),
        accepts="Optional dependencies, Conflicts and Dependents never make a cycle.",
    ),
)

#: Spec types each feature class requires (writing-specs.md, "Context-Driven Requirements").
CLASS_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "A": ("business", "functional", "technical", "testing"),
    "B": ("technical", "testing"),
    "C": ("technical",),
    "D": (),
}
_CLASS_NAMES = {
    "user-facing": "A",
    "user facing": "A",
    "backend": "B",
    "infrastructure": "C",
    "documentation": "D",
}
_CLASS_RE = re.compile(r"^(?:class[\s_:-]*)?([a-d])(?![a-z0-9])", re.IGNORECASE)

#: A relative path without `.`/`..` segments, anchors, schemes or placeholders.
_PLAIN_PATH_RE = re.compile(r"[\w-][\w.-]*(?:/[\w-][\w.-]*)*")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_GUID_TOKEN_RE = re.compile(r"ybs-spec_([0-9A-Za-z]*)")
_HEX12_RE = re.compile(r"^[0-9a-f]{12}$")
_PLACEHOLDER_CHARS = ("[", "<", "{")
_MAX_SHOWN = 80
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def check_site(specs: list[Spec], ctx: RuleContext) -> Iterator[Finding]:
    site = _Site(specs, ctx)
    for spec in specs:
        yield from _check_related(spec, site)
        yield from _check_refs(spec, site)
        yield from _check_dependencies(spec, site)
    yield from _check_families(specs, ctx)
    yield from _check_cycles(specs)


# --- resolving targets ------------------------------------------------------------------------


class _Outside:
    """A target that must never be looked up."""


class _Skip:
    """A target not checked here: a template placeholder, an http(s) URL, a same-page anchor."""


OUTSIDE = _Outside()
SKIP = _Skip()


@dataclass
class _Site:
    specs: list[Spec]
    ctx: RuleContext

    def __post_init__(self) -> None:
        self.known: frozenset[str] = self.ctx.doc_paths | {s.path for s in self.specs}
        # With no file list at all nobody told us what exists: do not call everything missing.
        self.check_existence = bool(self.ctx.doc_paths)
        self.by_path: dict[str, Spec] = {s.path: s for s in self.specs}
        self.guids: set[str] = set()
        for s in self.specs:
            if s.guid:
                self.guids.add(s.guid)
            if s.filename_guid:
                self.guids.add(s.filename_guid)
        self._slugs: dict[str, frozenset[str] | None] = {}
        self._bases: dict[str, list[str]] = {}

    def resolve(self, spec: Spec, target: str) -> str | _Outside | _Skip | None:
        """The docs_dir path `target` (written in `spec`) names if it exists, `OUTSIDE`, `SKIP`,
        or None when it names nothing that exists."""
        bases = self.bases(spec.path)
        if _PLAIN_PATH_RE.fullmatch(target):
            # The common case, `technical/ybs-spec_<guid>.md`: joining needs no normalising and
            # cannot climb out.
            for base in bases:
                candidate = f"{base}/{target}" if base else target
                if candidate in self.known:
                    return candidate
            return None
        rel = _local_path(target)
        if not isinstance(rel, str):
            return rel
        if _normalise(_join(_dirname(spec.path), rel)) is None:
            return OUTSIDE
        for base in bases:
            path = _normalise(_join(base, rel))
            if path is None:
                continue
            for candidate in _candidates(path, rel.endswith("/")):
                if candidate in self.known:
                    return candidate
        return None

    def bases(self, path: str) -> list[str]:
        folder = _dirname(path)
        found = self._bases.get(folder)
        if found is None:
            found = self._bases[folder] = _bases(path)
        return found

    def anchors(self, path: str) -> frozenset[str] | None:
        """Heading ids of the spec at `path`, or None when it is not a parsed spec."""
        if path not in self._slugs:
            target = self.by_path.get(path)
            ids: frozenset[str] | None = None
            if target is not None:
                ids = frozenset(target.heading_ids)
            self._slugs[path] = ids
        return self._slugs[path]

    def shown_base(self, spec: Spec, target: str) -> str:
        """Where a missing relative target was looked for first (the spec tree root)."""
        rel = _local_path(target)
        if not isinstance(rel, str) or not rel:
            return target
        path = _normalise(_join(_bases(spec.path)[0], rel))
        return path if path is not None else rel


def _local_path(target: str) -> str | _Outside | _Skip:
    """The docs-relative part of a link target: no anchor, query or percent-encoding, forward
    slashes. `SKIP` for what is not checked (placeholders, http(s) URLs, same-page anchors)."""
    t = target.strip()
    if t.startswith("<") and t.endswith(">"):
        t = t[1:-1].strip()
    m = _SCHEME_RE.match(t)
    if m:
        scheme = m.group(1).lower()
        if scheme in ("http", "https"):
            return SKIP
        return OUTSIDE  # file:, ftp:, data:, a Windows drive letter (C:\), ...
    if t.startswith(("/", "\\")):
        return OUTSIDE  # absolute, or a UNC path (\\server\share)
    if any(c in t for c in _PLACEHOLDER_CHARS):
        return SKIP
    for sep in ("#", "?"):
        if sep in t:
            t = t.split(sep, 1)[0]
    t = unquote(t).replace("\\", "/")
    if not t:
        return SKIP
    if t.startswith("/") or _SCHEME_RE.match(t):
        return OUTSIDE  # absolute, UNC (\\server), or a scheme hidden by percent-encoding
    return t


def _dirname(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _bases(path: str) -> list[str]:
    """Folders a relative target may be relative to, in order: the spec tree root (the folder
    holding the type folders), the spec's own folder, docs_dir."""
    spec_dir = _dirname(path)
    out: list[str] = []
    folder = spec_dir.rsplit("/", 1)[-1] if spec_dir else ""
    if folder in SPEC_TYPES:
        out.append(_dirname(spec_dir))
    out.append(spec_dir)
    out.append("")
    seen: list[str] = []
    for b in out:
        if b not in seen:
            seen.append(b)
    return seen


def _join(base: str, rel: str) -> str:
    return f"{base}/{rel}" if base else rel


def _normalise(path: str) -> str | None:
    """`a/./b/../c` -> `a/c`; None if the path climbs above docs_dir."""
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def _candidates(path: str, is_dir: bool) -> list[str]:
    if is_dir or not path:
        prefix = f"{path}/" if path else ""
        return [f"{prefix}index.md", f"{prefix}README.md"]
    return [path]


def _shown(value: str) -> str:
    """A value for a one-line message: no control characters, at most 80 characters."""
    value = _CONTROL_RE.sub("?", value)
    return value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 1] + "…"


def _finding(spec: Spec, line: int | None, rule: Rule, message: str) -> Finding:
    return Finding(
        path=spec.path, line=line, severity=rule.severity, rule=rule.code, message=message
    )


# --- Related Specifications ---------------------------------------------------------------------


def _check_related(spec: Spec, site: _Site) -> Iterator[Finding]:
    for entry in spec.related:
        found = site.resolve(spec, entry.target)
        if isinstance(found, _Skip) or (found is None and not site.check_existence):
            continue
        if isinstance(found, _Outside):
            yield _finding(
                spec,
                entry.line,
                OUTSIDE_DOCS_DIR,
                f"Related Specifications target '{_shown(entry.target)}' points outside "
                "docs_dir; never read: link a spec inside docs_dir, relative to the spec tree "
                "(e.g. 'technical/ybs-spec_<guid>.md')",
            )
        elif found is None:
            label = f"{entry.label} " if entry.label else ""
            yield _finding(
                spec,
                entry.line,
                RELATED_NOT_FOUND,
                f"Related Specifications {label}target '{_shown(entry.target)}' does not exist "
                f"(looked for '{_shown(site.shown_base(spec, entry.target))}'): "
                "fix the path or remove the entry",
            )


# --- $ref ---------------------------------------------------------------------------------------


def _check_refs(spec: Spec, site: _Site) -> Iterator[Finding]:
    for ref in spec.refs:
        found = site.resolve(spec, ref.target)
        if isinstance(found, _Skip):
            continue
        written = f"$ref:{ref.target}" + (f"#{ref.anchor}" if ref.anchor else "")
        if isinstance(found, _Outside):
            yield _finding(
                spec,
                ref.line,
                OUTSIDE_DOCS_DIR,
                f"'{_shown(written)}' points outside docs_dir; never read: reference a BASE "
                "spec inside docs_dir (e.g. '$ref:operations/_BASE.md#monitoring')",
            )
            continue
        if found is None:
            if site.check_existence:
                yield _finding(
                    spec,
                    ref.line,
                    REF_NOT_FOUND,
                    f"'{_shown(written)}' names a file that does not exist (looked for "
                    f"'{_shown(site.shown_base(spec, ref.target))}'): fix the path",
                )
            continue
        if not ref.anchor:
            continue
        ids = site.anchors(found)
        if ids is not None and ref.anchor not in ids:
            near = _closest(ref.anchor, ids)
            hint = f"use '#{near}'" if near else f"use one of the heading ids of {found}"
            yield _finding(
                spec,
                ref.line,
                REF_ANCHOR_NOT_FOUND,
                f"'{_shown(written)}': {found} has no heading with id '{ref.anchor}': {hint}",
            )


def _closest(anchor: str, ids: Iterable[str]) -> str | None:
    near = difflib.get_close_matches(anchor, sorted(ids), n=1, cutoff=0.75)
    return near[0] if near else None


# --- dependency GUIDs ---------------------------------------------------------------------------


def _check_dependencies(spec: Spec, site: _Site) -> Iterator[Finding]:
    seen: set[tuple[int, str]] = set()
    for dep in spec.dependencies:
        if "ybs-spec_" not in dep.text:
            continue
        for m in _GUID_TOKEN_RE.finditer(dep.text):
            token = m.group(1)
            after = dep.text[m.end() : m.end() + 1]
            if not token and after in ("[", "<", "{"):
                continue  # a template placeholder: ybs-spec_[guid], ybs-spec_<guid>
            key = (dep.line, token)
            if key in seen:
                continue
            seen.add(key)
            what = f" ({dep.name})" if dep.name else ""
            if _HEX12_RE.match(token):
                if token not in site.guids:
                    yield _finding(
                        spec,
                        dep.line,
                        UNKNOWN_GUID,
                        f"{dep.kind} dependency 'ybs-spec_{token}'{what} names a GUID no spec "
                        "has: fix the GUID or add the feature's specs",
                    )
                continue
            if _HEX12_RE.match(token.lower()):
                fix = f"write it in lowercase, 'ybs-spec_{token.lower()}'"
            else:
                fix = "use the feature's 12-digit lowercase hex GUID"
            yield _finding(
                spec,
                dep.line,
                INVALID_GUID,
                f"{dep.kind} dependency 'ybs-spec_{_shown(token)}'{what} is not a valid GUID: "
                + fix,
            )


# --- feature classes and families ---------------------------------------------------------------


def parse_class(value: str) -> str | None:
    """'A', 'Class A', 'a', 'Class A: User-Facing', 'Backend' -> the class letter, else None."""
    v = value.strip().strip("`*_").strip()
    m = _CLASS_RE.match(v)
    if m:
        return m.group(1).upper()
    return _CLASS_NAMES.get(v.lower())


def _check_families(specs: list[Spec], ctx: RuleContext) -> Iterator[Finding]:
    default = parse_class(ctx.default_class) if ctx.default_class else None
    families: dict[str, list[Spec]] = {}
    for spec in sorted(specs, key=lambda s: s.path):
        if spec.role == "feature" and spec.guid:
            families.setdefault(spec.guid, []).append(spec)
    for guid, members in families.items():
        classes: list[tuple[str, Spec, HeaderField]] = []
        for spec in members:
            field = spec.fields.get("class")
            if field is None or not field.value.strip():
                continue
            letter = parse_class(field.value)
            if letter is None:
                yield _finding(
                    spec,
                    field.line,
                    INVALID_CLASS,
                    f"feature class '{_shown(field.value)}' is not one of A, B, C, D: write "
                    "'Class A' (user-facing), 'B' (backend), 'C' (infrastructure) or "
                    "'D' (documentation)",
                )
            else:
                classes.append((letter, spec, field))
        letters = sorted({c[0] for c in classes})
        if len(letters) > 1:
            where = ", ".join(f"{c[1].path}: {c[0]}" for c in classes)
            for letter, spec, field in classes:
                if letter != letters[0]:
                    yield _finding(
                        spec,
                        field.line,
                        INVALID_CLASS,
                        f"feature {guid} has different classes in its specs ({where}): give "
                        "all its specs the same class",
                    )
        if classes:
            # The strictest class any spec states (A requires most).
            letter, source, field = min(classes, key=lambda c: (c[0], c[1].path))
        elif default is not None:
            letter, source, field = default, None, None
        else:
            continue
        present = {s.type for s in members}
        home = next((s for s in members if s.type == "operations"), members[0])
        line = field.line if field is not None and source is home else None
        origin = f"from {source.path}" if source is not None else "the default class"
        root = _bases(home.path)[0]
        for needed in CLASS_REQUIREMENTS[letter]:
            if needed in present:
                continue
            yield _finding(
                home,
                line,
                MISSING_SPEC_TYPE,
                f"feature {guid} is class {letter} ({origin}) but has no {needed} spec: add "
                f"'{_join(root, f'{needed}/ybs-spec_{guid}.md')}' or change its class",
            )


# --- Required dependency cycles -----------------------------------------------------------------


def _check_cycles(specs: list[Spec]) -> Iterator[Finding]:
    # edges[guid] = [(required guid, declaring spec, line)], in path then line order
    edges: dict[str, list[tuple[str, Spec, int]]] = {}
    for spec in sorted(specs, key=lambda s: s.path):
        if spec.type != "technical" or not spec.guid:
            continue
        for dep in spec.dependencies:
            if dep.kind == "required" and dep.guid:
                edges.setdefault(spec.guid, []).append((dep.guid, spec, dep.line))
    for guid in edges:
        edges[guid].sort(key=lambda e: (e[0], e[1].path, e[2]))

    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[tuple[str, str]] = set()
    for start in sorted(edges):
        if start in state:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = 1
        while stack:
            node, i = stack[-1]
            out = edges.get(node, [])
            if i >= len(out):
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            stack[-1] = (node, i + 1)
            target, spec, line = out[i]
            mark = state.get(target)
            if mark == 1:
                if (node, target) in reported:
                    continue
                reported.add((node, target))
                cycle = [*path[path.index(target) :], target]
                yield _finding(
                    spec,
                    line,
                    DEPENDENCY_CYCLE,
                    f"Required dependencies form a cycle: {_cycle_text(cycle)}: remove one "
                    "of these Required entries or move it to Optional",
                )
            elif mark is None:
                state[target] = 1
                stack.append((target, 0))
                path.append(target)


def _cycle_text(cycle: list[str], keep: int = 8) -> str:
    """`a -> b -> a`; a long cycle shows its first and last GUIDs and how many are between."""
    if len(cycle) <= keep + 1:
        return " -> ".join(cycle)
    head, tail = cycle[: keep // 2], cycle[-(keep // 2) :]
    hidden = len(cycle) - len(head) - len(tail)
    return " -> ".join([*head, f"... ({hidden} more)", *tail])
