"""The catalog: every feature's specs joined by GUID, the dependencies between features, their
backlinks, GUIDs nobody defines, cycles among Required dependencies, and the BASE specs.

Built once per build from the parsed specs and the findings (`build_catalog`); the generated
pages and the readiness levels read it. No MkDocs, no I/O. Every list is in a fixed order (by
name then GUID, or by path), so the same specs always give the same pages.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import SPEC_TYPES, Finding, Severity, Spec, findings_by_path
from .rules.links import CLASS_REQUIREMENTS, parse_class

#: Dependency kinds, in the order pages show them.
DEPENDENCY_KINDS: tuple[str, ...] = (
    "required",
    "optional",
    "conflicts",
    "dependents",
    "upstream",
    "downstream",
)
#: Kinds read from technical specs; the others come from operations specs.
TECHNICAL_KINDS = frozenset({"required", "optional", "conflicts", "dependents"})
OPERATIONS_KINDS = frozenset({"upstream", "downstream"})

#: Upper bound on the cycles listed (a pathological graph could have very many).
MAX_CYCLES = 200

#: Feature.type_state values.
PRESENT = "present"
MISSING = "missing"
NOT_REQUIRED = "not-required"


@dataclass(frozen=True)
class Counts:
    errors: int = 0
    warnings: int = 0


@dataclass(frozen=True)
class Edge:
    """One dependency of a feature on another GUID, as one spec declares it."""

    source: str  # GUID of the declaring feature
    target: str  # GUID the dependency names
    kind: str  # required | optional | conflicts | dependents | upstream | downstream
    spec_path: str  # the spec that declares it
    line: int
    name: str | None = None  # the name written next to the GUID, if any

    def sort_key(self) -> tuple[int, str, str, int]:
        return (_kind_rank(self.kind), self.target, self.spec_path, self.line)


@dataclass(frozen=True)
class External:
    """A dependency that names no spec (an upstream database, a third-party API)."""

    kind: str
    text: str
    spec_path: str
    line: int
    name: str | None = None


@dataclass
class Feature:
    guid: str
    name: str
    specs: dict[str, Spec] = field(default_factory=dict)  # type -> spec, in SPEC_TYPES order
    duplicates: list[Spec] = field(default_factory=list)  # further specs of a type already held
    feature_class: str | None = None  # A-D
    class_source: str | None = None  # the path that states the class, or "default"
    dependencies: list[Edge] = field(default_factory=list)
    backlinks: list[Edge] = field(default_factory=list)  # edges of other features pointing here
    external: list[External] = field(default_factory=list)

    @property
    def operations(self) -> Spec | None:
        return self.specs.get("operations")

    def required_types(self) -> tuple[str, ...] | None:
        """The spec types the feature's class requires, or None when the class is unknown."""
        if self.feature_class is None:
            return None
        return CLASS_REQUIREMENTS.get(self.feature_class)

    def type_state(self, spec_type: str) -> str:
        """`present`, `missing` (required by the class, or no class known) or `not-required`."""
        if spec_type in self.specs:
            return PRESENT
        required = self.required_types()
        if required is not None and spec_type not in required:
            return NOT_REQUIRED
        return MISSING

    def sort_key(self) -> tuple[str, str]:
        return (self.name.casefold(), self.guid)


@dataclass
class Catalog:
    features: dict[str, Feature] = field(default_factory=dict)  # GUID -> feature, sorted
    bases: dict[str, list[Spec]] = field(default_factory=dict)  # type -> BASE specs, by path
    unassigned: list[Spec] = field(default_factory=list)  # feature specs with no GUID
    others: list[Spec] = field(default_factory=list)  # master specs and specs of no type
    unknown_guids: dict[str, list[Edge]] = field(default_factory=dict)  # GUID -> edges naming it
    cycles: list[list[str]] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=dict)  # spec path -> finding counts
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # spec path -> findings
    known_guids: frozenset[str] = frozenset()
    doc_paths: frozenset[str] = frozenset()  # every file of docs_dir (plus the specs)
    specs: dict[str, Spec] = field(default_factory=dict)  # every spec, by path

    def sorted_features(self) -> list[Feature]:
        return sorted(self.features.values(), key=Feature.sort_key)

    def feature(self, guid: str | None) -> Feature | None:
        return self.features.get(guid) if guid else None

    def spec(self, path: str) -> Spec | None:
        """The spec at docs path `path` (a dependency's `Edge.spec_path`), if any."""
        return self.specs.get(path)

    def finding_counts(self, path: str) -> Counts:
        return self.counts.get(path, Counts())

    def findings_for(self, path: str) -> list[Finding]:
        return self.findings.get(path, [])

    def operations_specs(self) -> list[tuple[Feature, Spec]]:
        """(feature, operations spec) for every operations spec of a feature, duplicates too, by
        feature name, GUID, then path."""
        out: list[tuple[Feature, Spec]] = []
        for feat in self.sorted_features():
            specs = [s for s in [feat.operations, *feat.duplicates] if s and s.type == "operations"]
            out.extend((feat, s) for s in sorted(specs, key=lambda s: s.path))
        return out

    def operations_rows(self) -> list[tuple[Feature | None, Spec]]:
        """Every operations spec the portfolio shows: those of features (`operations_specs`)
        and those without a GUID (feature None, a row of their own keyed by their path), by
        name, GUID, then path."""
        rows: list[tuple[Feature | None, Spec]] = [*self.operations_specs()]
        rows += [(None, s) for s in self.unassigned if s.type == "operations"]
        return sorted(rows, key=_row_key)

    def cycles_of(self, guid: str) -> list[list[str]]:
        return [c for c in self.cycles if guid in c]

    def in_cycle(self, source: str, target: str) -> bool:
        """Whether the Required edge source -> target lies on a cycle."""
        for cycle in self.cycles:
            n = len(cycle)
            for i, g in enumerate(cycle):
                if g == source and cycle[(i + 1) % n] == target:
                    return True
        return False

    def base_for(self, spec: Spec) -> Spec | None:
        """The BASE spec of `spec`'s type that applies to it: the one in the same spec tree
        (`<root>/<type>/_BASE.md`), else the first of its type."""
        candidates = self.bases.get(spec.type or "", [])
        if not candidates:
            return None
        root = spec_root(spec.path)
        for base in candidates:
            if spec_root(base.path) == root:
                return base
        return candidates[0]


def unassigned_name(spec: Spec) -> str:
    """How a spec without a GUID is named: its feature name, its title, or its path."""
    for name in (spec.name, spec.title):
        if name and name.strip():
            return name.strip()
    return spec.path


def _row_key(row: tuple[Feature | None, Spec]) -> tuple[str, str, str]:
    feat, spec = row
    name = feat.name if feat is not None else unassigned_name(spec)
    return (name.casefold(), feat.guid if feat is not None else "", spec.path)


def spec_guid(spec: Spec) -> str | None:
    guid = (spec.guid or "").strip() or (spec.filename_guid or "").strip()
    return guid or None


def spec_root(path: str) -> str:
    """The folder holding the type folders: `specs` for `specs/operations/x.md`."""
    folder = posixpath.dirname(path)
    if posixpath.basename(folder) in SPEC_TYPES:
        return posixpath.dirname(folder)
    return folder


def build_catalog(
    specs: Iterable[Spec],
    findings: Iterable[Finding] = (),
    *,
    default_class: str | None = None,
    doc_paths: Iterable[str] = (),
) -> Catalog:
    """Join `specs` into features. `default_class` is the class (A-D) of features whose specs
    state none; `doc_paths` are all files of docs_dir (links to them count as resolving)."""
    spec_list = sorted(specs, key=lambda s: s.path)
    cat = Catalog()
    cat.doc_paths = frozenset(doc_paths) | {s.path for s in spec_list}
    cat.specs = {s.path: s for s in spec_list}
    _count_findings(cat, findings)
    for spec in spec_list:
        if spec.role == "base":
            cat.bases.setdefault(spec.type or "", []).append(spec)
        elif spec.role != "feature" or spec.type is None:
            cat.others.append(spec)
        elif spec_guid(spec) is None:
            cat.unassigned.append(spec)
        else:
            _add_spec(cat, spec)
    cat.bases = dict(sorted(cat.bases.items(), key=lambda kv: _type_rank(kv[0])))
    known: set[str] = set()
    for spec in spec_list:
        for g in (spec.guid, spec.filename_guid):
            if g and g.strip():
                known.add(g.strip())
    cat.known_guids = frozenset(known)
    default = parse_class(default_class) if default_class else None
    for feat in cat.features.values():
        feat.specs = dict(sorted(feat.specs.items(), key=lambda kv: _type_rank(kv[0])))
        feat.name = _feature_name(feat)
        _set_class(feat, default)
        _read_dependencies(feat)
    _link(cat)
    cat.features = {f.guid: f for f in sorted(cat.features.values(), key=Feature.sort_key)}
    cat.cycles = find_cycles(_required_graph(cat))
    return cat


def _count_findings(cat: Catalog, findings: Iterable[Finding]) -> None:
    by_path = findings_by_path(sorted(findings, key=Finding.sort_key))
    cat.findings = by_path
    for path, items in by_path.items():
        live = [f for f in items if not f.baselined]
        cat.counts[path] = Counts(
            errors=sum(1 for f in live if f.severity is Severity.ERROR),
            warnings=sum(1 for f in live if f.severity is Severity.WARNING),
        )


def _add_spec(cat: Catalog, spec: Spec) -> None:
    guid = spec_guid(spec)
    assert guid is not None
    feat = cat.features.get(guid)
    if feat is None:
        feat = cat.features[guid] = Feature(guid=guid, name=guid)
    assert spec.type is not None
    if spec.type in feat.specs:
        feat.duplicates.append(spec)
    else:
        feat.specs[spec.type] = spec


def _feature_name(feat: Feature) -> str:
    ops = feat.operations
    if ops is not None and ops.name and ops.name.strip():
        return ops.name.strip()
    for spec in [*feat.specs.values(), *feat.duplicates]:
        if spec.name and spec.name.strip():
            return spec.name.strip()
    return feat.guid


def _set_class(feat: Feature, default: str | None) -> None:
    """The strictest class any spec states (A requires the most), as the OS707 rule reads it."""
    stated: list[tuple[str, str]] = []
    for spec in sorted([*feat.specs.values(), *feat.duplicates], key=lambda s: s.path):
        value = spec.field_value("class")
        letter = parse_class(value) if value else None
        if letter is not None:
            stated.append((letter, spec.path))
    if stated:
        feat.feature_class, feat.class_source = min(stated)
    elif default is not None:
        feat.feature_class, feat.class_source = default, "default"


def _read_dependencies(feat: Feature) -> None:
    edges: list[Edge] = []
    external: list[External] = []
    for spec in [*feat.specs.values(), *feat.duplicates]:
        if spec.type == "technical":
            kinds = TECHNICAL_KINDS
        elif spec.type == "operations":
            kinds = OPERATIONS_KINDS
        else:
            continue
        for dep in spec.dependencies:
            if dep.kind not in kinds:
                continue
            if dep.guid:
                edges.append(Edge(feat.guid, dep.guid, dep.kind, spec.path, dep.line, dep.name))
            elif dep.kind in OPERATIONS_KINDS and dep.text.strip():
                external.append(External(dep.kind, dep.text, spec.path, dep.line, dep.name))
    feat.dependencies = sorted(set(edges), key=Edge.sort_key)
    feat.external = sorted(external, key=lambda e: (_kind_rank(e.kind), e.spec_path, e.line))


def _link(cat: Catalog) -> None:
    unknown: dict[str, list[Edge]] = {}
    for feat in cat.features.values():
        for edge in feat.dependencies:
            target = cat.features.get(edge.target)
            if target is not None:
                target.backlinks.append(edge)
            elif edge.target not in cat.known_guids:
                unknown.setdefault(edge.target, []).append(edge)
    for feat in cat.features.values():
        feat.dependencies.sort(key=lambda e: _edge_key(cat, e, e.target))
        feat.backlinks.sort(key=lambda e: _edge_key(cat, e, e.source))
    cat.unknown_guids = {
        g: sorted(edges, key=lambda e: (e.spec_path, e.line))
        for g, edges in sorted(unknown.items())
    }


def _edge_key(cat: Catalog, edge: Edge, other: str) -> tuple[int, str, str, str, int]:
    """Kind, then the other feature's name and GUID, then where it is declared."""
    feat = cat.features.get(other)
    name = feat.name if feat is not None else (edge.name or other)
    return (_kind_rank(edge.kind), name.casefold(), other, edge.spec_path, edge.line)


def _required_graph(cat: Catalog) -> dict[str, list[str]]:
    graph: dict[str, set[str]] = {}
    for feat in cat.features.values():
        for edge in feat.dependencies:
            if edge.kind == "required":
                graph.setdefault(edge.source, set()).add(edge.target)
    return {k: sorted(v) for k, v in sorted(graph.items())}


def find_cycles(graph: dict[str, list[str]], limit: int = MAX_CYCLES) -> list[list[str]]:
    """Every elementary cycle of a directed graph once (Johnson's algorithm), each as the list
    of its nodes starting from the smallest, the list sorted; at most `limit` cycles."""
    nodes = sorted(set(graph) | {t for targets in graph.values() for t in targets})
    reverse: dict[str, list[str]] = {}
    for src, targets in graph.items():
        for t in targets:
            reverse.setdefault(t, []).append(src)
    # only nodes on some cycle can start one: those in a strongly connected component of two or
    # more nodes, or with an edge to themselves
    on_cycles = {
        n
        for comp in _components(nodes, graph)
        for n in comp
        if len(comp) > 1 or n in graph.get(n, [])
    }
    cycles: list[list[str]] = []
    rank = {n: i for i, n in enumerate(nodes)}
    for start in nodes:
        if start not in on_cycles or len(cycles) >= limit:
            continue
        allowed = {n for n in on_cycles if rank[n] >= rank[start]}
        forward = _reach(start, graph, allowed)
        component = forward & _reach(start, reverse, forward)
        if start not in graph.get(start, []) and len(component) < 2:
            continue
        cycles.extend(_circuits(start, graph, component, limit - len(cycles)))
    return sorted(cycles)


def _components(nodes: list[str], graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work[-1]
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, [])
            if i < len(targets):
                work[-1] = (node, i + 1)
                t = targets[i]
                if t not in index:
                    work.append((t, 0))
                elif t in on_stack:
                    low[node] = min(low[node], index[t])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    n = stack.pop()
                    on_stack.discard(n)
                    comp.append(n)
                    if n == node:
                        break
                out.append(comp)
    return out


def _reach(start: str, edges: dict[str, list[str]], allowed: set[str]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for n in edges.get(node, []):
            if n in allowed and n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def _circuits(
    start: str, graph: dict[str, list[str]], comp: set[str], limit: int
) -> list[list[str]]:
    """Johnson's circuit search from `start` within the component `comp` (iterative)."""
    out: list[list[str]] = []
    blocked: set[str] = set()
    blocked_by: dict[str, set[str]] = {}

    def unblock(node: str) -> None:
        todo = [node]
        while todo:
            n = todo.pop()
            if n in blocked:
                blocked.discard(n)
                todo.extend(blocked_by.pop(n, set()))

    def succ(n: str) -> list[str]:
        return [t for t in graph.get(n, []) if t in comp]

    path = [start]
    blocked.add(start)
    stack: list[tuple[str, list[str], bool]] = [(start, succ(start), False)]
    while stack and len(out) < limit:
        node, todo, found = stack[-1]
        if todo:
            nxt = todo.pop(0)
            if nxt == start:
                out.append(list(path))
                stack[-1] = (node, todo, True)
            elif nxt not in blocked:
                path.append(nxt)
                blocked.add(nxt)
                stack[-1] = (node, todo, found)
                stack.append((nxt, succ(nxt), False))
            continue
        stack.pop()
        path.pop()
        if found:
            unblock(node)
        else:
            for t in succ(node):
                blocked_by.setdefault(t, set()).add(node)
        if stack:
            parent, ptodo, pfound = stack[-1]
            stack[-1] = (parent, ptodo, pfound or found)
    return out


def _kind_rank(kind: str) -> int:
    return DEPENDENCY_KINDS.index(kind) if kind in DEPENDENCY_KINDS else len(DEPENDENCY_KINDS)


def _type_rank(spec_type: str) -> tuple[int, str]:
    return (SPEC_TYPES.index(spec_type) if spec_type in SPEC_TYPES else len(SPEC_TYPES), spec_type)
