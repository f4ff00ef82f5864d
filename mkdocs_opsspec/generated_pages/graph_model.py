"""The dependency graph as the pictures show it: nodes (features, and GUIDs that are not
features) and arrows (one per dependent and dependency, standing for every declaration of that
dependency), read from the catalog. The whole site's graph, and one feature's graph one hop
out. No layout, no markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..catalog import DEPENDENCY_KINDS, Catalog, Edge, Feature, find_cycles
from ..readiness import LEVELS, NONE, Readiness

#: Node states: a readiness level, or why a node has none. In the order the legend lists them.
NO_OPERATIONS = "no-operations"
UNKNOWN = "unknown"
OTHER = "other"
STATES: tuple[str, ...] = (*reversed(LEVELS), NONE, NO_OPERATIONS, UNKNOWN, OTHER)
#: What a node's state is called (its box's second line).
STATE_TITLES: dict[str, str] = {
    "gold": "Gold",
    "silver": "Silver",
    "bronze": "Bronze",
    NONE: "Below Bronze",
    NO_OPERATIONS: "No operations spec",
    UNKNOWN: "Unknown GUID",
    OTHER: "Not a feature",
}


@dataclass(frozen=True)
class Node:
    guid: str
    name: str
    state: str  # one of STATES
    is_feature: bool  # has a feature page


#: Kinds declared by the dependency (the arrow's target): "that depends on me".
BACKWARD = frozenset({"dependents", "downstream"})
#: An arrow's line style: the strongest kind it stands for.
STYLES: tuple[str, ...] = ("required", "optional", "runtime", "listed", "conflicts")


@dataclass(frozen=True)
class Arrow:
    """One arrow of the picture: `source` depends on `target` (for `conflicts`: `source`
    declares the conflict), standing for every declaration that says so: "A requires B",
    "B lists A as a dependent", "A lists B upstream" and "B lists A downstream" are one arrow."""

    source: str
    target: str
    kinds: tuple[str, ...]  # the kinds declared, in DEPENDENCY_KINDS order
    in_cycle: bool = False  # Required, on a cycle of Required dependencies

    @property
    def style(self) -> str:
        if "conflicts" in self.kinds:
            return "conflicts"
        if "required" in self.kinds:
            return "required"
        if "optional" in self.kinds:
            return "optional"
        if "upstream" in self.kinds or "downstream" in self.kinds:
            return "runtime"
        return "listed"

    def declarations(self) -> list[tuple[str, str, str]]:
        """(declaring GUID, named GUID, kind) of each declaration the arrow stands for."""
        return [
            (self.target, self.source, k) if k in BACKWARD else (self.source, self.target, k)
            for k in self.kinds
        ]


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)  # features by name, then the others
    arrows: list[Arrow] = field(default_factory=list)
    focus: str | None = None  # the feature whose page shows the graph

    @property
    def closes_cycle(self) -> bool:
        """Whether the picture's Required arrows close a cycle (the layout then draws one of
        them pointing up, and the legend explains it)."""
        required: dict[str, list[str]] = {}
        for a in self.arrows:
            if "required" in a.kinds:
                required.setdefault(a.source, []).append(a.target)
        return bool(find_cycles(required, limit=1))


def feature_state(feature: Feature, readiness: Mapping[str, Readiness]) -> str:
    ops = feature.operations
    if ops is None:
        return NO_OPERATIONS
    result = readiness.get(ops.path)
    return result.level if result is not None else NONE


def site_graph(catalog: Catalog, readiness: Mapping[str, Readiness]) -> Graph:
    """Every feature and every dependency any feature declares."""
    features = catalog.sorted_features()
    return _graph(
        catalog,
        readiness,
        features,
        (e for f in features for e in f.dependencies),
        focus=None,
    )


def feature_graph(feature: Feature, catalog: Catalog, readiness: Mapping[str, Readiness]) -> Graph:
    """`feature`, the dependencies it declares and the features that declare one on it."""
    return _graph(
        catalog,
        readiness,
        [feature],
        [*feature.dependencies, *feature.backlinks],
        focus=feature.guid,
    )


def _graph(
    catalog: Catalog,
    readiness: Mapping[str, Readiness],
    features: list[Feature],
    edges: Iterable[Edge],
    focus: str | None,
) -> Graph:
    graph = Graph(focus=focus)
    for f in features:
        graph.nodes[f.guid] = Node(f.guid, f.name, feature_state(f, readiness), True)
    kinds: dict[tuple[str, str], set[str]] = {}  # (source, target) of an arrow -> its kinds
    others: dict[str, Node] = {}
    for e in edges:
        if e.kind in BACKWARD:
            pair = (e.target, e.source)
        elif e.kind == "conflicts":
            pair = (e.source, "\0" + e.target)  # never merged with a dependency
        else:
            pair = (e.source, e.target)
        kinds.setdefault(pair, set()).add(e.kind)
        for guid in (e.source, e.target):
            if guid not in graph.nodes and guid not in others:
                others[guid] = _node(guid, catalog, readiness)
    named = sorted(others.values(), key=lambda n: (not n.is_feature, n.name.casefold(), n.guid))
    for node in named:
        graph.nodes[node.guid] = node
    for (source, target), found in kinds.items():
        ordered = tuple(k for k in DEPENDENCY_KINDS if k in found)
        if target.startswith("\0"):
            graph.arrows.append(Arrow(source, target[1:], ordered))
            continue
        cycle = "required" in found and catalog.in_cycle(source, target)
        graph.arrows.append(Arrow(source, target, ordered, cycle))
    rank = {g: i for i, g in enumerate(graph.nodes)}
    graph.arrows.sort(key=lambda a: (rank[a.source], STYLES.index(a.style), rank[a.target]))
    return graph


def _node(guid: str, catalog: Catalog, readiness: Mapping[str, Readiness]) -> Node:
    """A node for a GUID outside the graph's own features: a feature, a GUID no spec has (named
    as its first declaration names it), or the GUID of a spec that is not a feature's."""
    feature = catalog.feature(guid)
    if feature is not None:
        return Node(guid, feature.name, feature_state(feature, readiness), True)
    if guid in catalog.unknown_guids:
        names = [e.name for e in catalog.unknown_guids[guid] if e.name]
        return Node(guid, names[0] if names else guid, UNKNOWN, False)
    return Node(guid, guid, OTHER, False)
