"""A layered ("Sugiyama") layout of a directed graph, in one pass, for the dependency pictures.

1. Layers. Hard edges (Required dependencies) must point down, from a higher layer to a lower
   one; a depth-first search finds the hard edges that close a cycle (back-edges), and those
   alone may point up. Soft edges (an optional dependency, say) are kept pointing down too
   where that makes no cycle and no path more than SOFT_DEPTH longer than the hard edges'.
   A node's layer is the longest path below it; a node with nothing below it is then raised
   to just under the lowest node above it.
2. Long edges get a dummy vertex in each layer they cross, so they are routed between boxes.
3. Order within layers: barycentre sweeps down and up, keeping the order with fewest crossings
   (counted exactly, by inversions).
4. X positions: each vertex is pulled towards the mean position of its neighbours, under the
   constraint that the layer's order and spacing are kept (an isotonic regression, solved
   exactly by pool-adjacent-violators); dummies pull harder, so long edges run straight.
5. Routes: edge ends spread along a box's top or bottom side, in the order of where they go.

Nodes with no edge at all are set in rows under the graph. No I/O, no SVG: coordinates only.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

#: Edge directions: the source above the target, the target above the source, either.
DOWN, UP, FREE = 1, -1, 0

ROW_GAP = 56  # vertical space between two layers (edges curve through it)
NODE_GAP = 18  # horizontal space between two boxes
DUMMY_GAP = 8  # between a dummy vertex and its neighbours
MARGIN = 12
LOOP = 28  # room right of a box for an edge from it to itself
LEVEL_RISE = 24  # how far an edge between two boxes of one layer rises above them
SWEEPS = 8
#: Layers soft edges may add to the longest path of hard edges (so a feature's dependents sit
#: above it even when it requires nothing, and a large graph does not grow much taller).
SOFT_DEPTH = 2
POSITION_PASSES = 6


@dataclass(frozen=True)
class Box:
    key: str
    width: float
    height: float


@dataclass(frozen=True)
class LayoutEdge:
    source: str
    target: str
    direction: int  # DOWN | UP | FREE
    hard: bool = False  # must point down unless it closes a cycle


@dataclass
class Placed:
    key: str
    x: float  # left
    y: float  # top
    width: float
    height: float
    layer: int  # 0 is the bottom layer; -1: a node without edges, set under the graph

    @property
    def cx(self) -> float:
        return self.x + self.width / 2


@dataclass
class Route:
    edge: LayoutEdge
    points: list[tuple[float, float]]  # from the source's side to the target's side
    kind: str  # "layers" | "level" (both ends in one layer) | "loop" (to itself)
    back: bool = False  # a hard edge drawn upwards: it closes a cycle


@dataclass
class Layout:
    nodes: dict[str, Placed] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    width: float = 0
    height: float = 0


def layout(boxes: Sequence[Box], edges: Sequence[LayoutEdge]) -> Layout:
    """Place `boxes` (in their given order where nothing else decides) and route `edges`."""
    keys = [b.key for b in boxes]
    box = {b.key: b for b in boxes}
    linked = {k for e in edges for k in (e.source, e.target)}
    loops = {e.source for e in edges if e.source == e.target}
    graph_keys = [k for k in keys if k in linked]
    layer, back = _layered(graph_keys, edges)
    vertices = _Vertices(layer, box, loops)
    chains = vertices.chain_pairs(edges)
    order = _order(vertices, graph_keys)
    xs = _positions(vertices, order)
    out = Layout()
    top = max(layer.values(), default=-1)
    row_h = max((box[k].height for k in graph_keys), default=0)
    # the left edge of the widest extent (a dummy may lie left of every box) goes to MARGIN
    shift = MARGIN - min((xs[k] - vertices.width[k] / 2 for k in xs), default=0)
    # an edge between two boxes of the top layer arcs above them: room for it
    level_top = any(
        e.source != e.target and layer[e.source] == layer[e.target] == top for e in edges
    )
    head = MARGIN + (LEVEL_RISE if level_top else 0)
    for k in graph_keys:
        b = box[k]
        y = head + (top - layer[k]) * (row_h + ROW_GAP) + (row_h - b.height) / 2
        # a box with a loop keeps the loop's room on its right
        left = xs[k] - vertices.width[k] / 2 + shift
        out.nodes[k] = Placed(k, left, y, b.width, b.height, layer[k])
    row_top = {lv: head + (top - lv) * (row_h + ROW_GAP) for lv in range(top + 1)}
    out.routes = _routes(edges, back, out.nodes, chains, xs, shift, vertices, row_top, row_h)
    right = max(
        (p.x + p.width + (LOOP if p.key in loops else 0) for p in out.nodes.values()), default=0
    )
    for xs_ in (pt[0] for r in out.routes for pt in r.points):
        right = max(right, xs_)
    bottom = head + (top + 1) * (row_h + ROW_GAP) - ROW_GAP if top >= 0 else 0
    _place_unlinked([box[k] for k in keys if k not in linked], out, max(right, 600), bottom)
    out.width = max([right + MARGIN, *(p.x + p.width + MARGIN for p in out.nodes.values())])
    out.height = max([p.y + p.height + MARGIN for p in out.nodes.values()], default=0)
    return out


# --- 1. layers -------------------------------------------------------------------------------


def _upper_lower(e: LayoutEdge) -> tuple[str, str]:
    return (e.target, e.source) if e.direction == UP else (e.source, e.target)


def _layered(
    keys: list[str], edges: Sequence[LayoutEdge]
) -> tuple[dict[str, int], set[LayoutEdge]]:
    """Each node's layer (0 at the bottom), and the hard edges drawn upwards (back-edges)."""
    rank = {k: i for i, k in enumerate(keys)}
    hard: dict[str, list[str]] = {k: [] for k in keys}
    for e in edges:
        if e.hard and e.source != e.target:
            upper, lower = _upper_lower(e)
            hard[upper].append(lower)
    for k in hard:
        hard[k] = sorted(set(hard[k]), key=rank.__getitem__)
    back_pairs = _back_pairs(keys, hard)
    dag = _Dag(keys)
    for upper, lowers in hard.items():
        for lower in lowers:
            if (upper, lower) not in back_pairs:
                dag.add(upper, lower)
    dag.measure(keys)
    back = set()
    for e in edges:
        if e.source == e.target:
            if e.hard:
                back.add(e)
        elif e.hard:
            if _upper_lower(e) in back_pairs:
                back.add(e)
        elif e.direction != FREE:
            dag.try_soft(*_upper_lower(e))
    return dag.layers(keys), back


def _back_pairs(keys: list[str], graph: dict[str, list[str]]) -> set[tuple[str, str]]:
    """The edges of `graph` that point to a node on the depth-first search's stack."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    back: set[tuple[str, str]] = set()
    for root in keys:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(graph[root]))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                back.add((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(graph[nxt])))
    return back


class _Dag:
    """The "sits above" relation: the hard edges, then the soft edges that fit. `down[n]` is
    the longest path below n, `up[n]` the longest above it. A soft edge is kept only where it
    makes no cycle and no path longer than `depth` (the hard edges' longest and SOFT_DEPTH):
    so optional dependencies point down where they can without making the picture much
    taller (in a large graph, chains of them would make it several times taller)."""

    def __init__(self, keys: list[str]) -> None:
        self.below: dict[str, set[str]] = {k: set() for k in keys}
        self.above: dict[str, set[str]] = {k: set() for k in keys}
        self.down: dict[str, int] = {}
        self.up: dict[str, int] = {}
        self.depth = 0

    def add(self, upper: str, lower: str) -> None:
        self.below[upper].add(lower)
        self.above[lower].add(upper)

    def measure(self, keys: list[str]) -> None:
        order = self._topological(keys)  # uppers first
        for n in reversed(order):
            self.down[n] = 1 + max((self.down[m] for m in self.below[n]), default=-1)
        for n in order:
            self.up[n] = 1 + max((self.up[m] for m in self.above[n]), default=-1)
        self.depth = max(self.down.values(), default=0) + SOFT_DEPTH

    def _topological(self, keys: list[str]) -> list[str]:
        waiting = {k: len(self.above[k]) for k in keys}
        ready = [k for k in keys if not waiting[k]]
        out = []
        while ready:
            n = ready.pop()
            out.append(n)
            for m in self.below[n]:
                waiting[m] -= 1
                if not waiting[m]:
                    ready.append(m)
        return out

    def try_soft(self, upper: str, lower: str) -> None:
        if lower in self.below[upper]:
            return
        if self.up[upper] + 1 + self.down[lower] > self.depth:
            return
        if self.down[lower] > self.down[upper] and self._reaches(lower, upper):
            return  # a cycle
        self.add(upper, lower)
        self._raise(upper, self.down[lower] + 1, self.down, self.above)
        self._raise(lower, self.up[upper] + 1, self.up, self.below)

    def _reaches(self, start: str, goal: str) -> bool:
        """Whether `goal` lies below `start` (only nodes higher than `goal` can lead to it)."""
        floor = self.down[goal]
        seen = {start}
        todo = [start]
        while todo:
            node = todo.pop()
            if node == goal:
                return True
            for nxt in self.below[node]:
                if nxt not in seen and self.down[nxt] >= floor:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    @staticmethod
    def _raise(
        start: str, value: int, lengths: dict[str, int], onward: dict[str, set[str]]
    ) -> None:
        """Set lengths[start] to at least `value`, and so on along `onward`."""
        todo = [(start, value)]
        while todo:
            node, v = todo.pop()
            if lengths[node] >= v:
                continue
            lengths[node] = v
            todo.extend((m, v + 1) for m in onward[node])

    def layers(self, keys: list[str]) -> dict[str, int]:
        """Longest path below each node; a node with nothing below it then rises to just under
        the lowest node above it (so it is not left at the bottom, far from its users)."""
        layer = dict(self.down)
        for k in keys:
            if not self.below[k] and self.above[k]:
                layer[k] = min(layer[u] for u in self.above[k]) - 1
        return layer


# --- 2. vertices: the nodes and a dummy per layer crossed ------------------------------------


class _Vertices:
    """Every vertex (a node's key, or a dummy's `\\0pair\\0layer` key) by layer, with its
    neighbours in the layers above and below (with multiplicity: one per edge)."""

    def __init__(self, layer: dict[str, int], box: dict[str, Box], loops: set[str]) -> None:
        self.layer = dict(layer)
        self.width = {k: box[k].width + (LOOP if k in loops else 0) for k in layer}
        self.dummy: set[str] = set()
        self.up: dict[str, list[str]] = {k: [] for k in layer}
        self.down: dict[str, list[str]] = {k: [] for k in layer}

    def chain_pairs(self, edges: Sequence[LayoutEdge]) -> dict[frozenset[str], list[str]]:
        """One chain of vertices per pair of nodes joined by an edge across layers, from the
        upper node down to the lower one (edges between the same two nodes share it)."""
        chains: dict[frozenset[str], list[str]] = {}
        for e in edges:
            pair = frozenset((e.source, e.target))
            if len(pair) < 2 or pair in chains:
                continue
            a, b = e.source, e.target
            if self.layer[a] == self.layer[b]:
                continue
            upper, lower = (a, b) if self.layer[a] > self.layer[b] else (b, a)
            chain = [upper]
            for lv in range(self.layer[upper] - 1, self.layer[lower], -1):
                d = f"\0{min(a, b)}\0{max(a, b)}\0{lv}"
                self.layer[d] = lv
                self.width[d] = 0
                self.dummy.add(d)
                self.up[d], self.down[d] = [], []
                chain.append(d)
            chain.append(lower)
            for hi, lo in itertools.pairwise(chain):
                self.down[hi].append(lo)
                self.up[lo].append(hi)
            chains[pair] = chain
        return chains

    def gap(self, a: str, b: str) -> float:
        """The least distance between the centres of neighbours a, b in one layer."""
        pad = DUMMY_GAP if a in self.dummy or b in self.dummy else NODE_GAP
        return (self.width[a] + self.width[b]) / 2 + pad

    def weight(self, a: str, b: str) -> float:
        """How hard a and b pull each other into line: a long edge's inner segments most."""
        return 1.0 + 3.0 * ((a in self.dummy) + (b in self.dummy))


# --- 3. order within layers ------------------------------------------------------------------


def _order(v: _Vertices, keys: list[str]) -> dict[int, list[str]]:
    rank = {k: i for i, k in enumerate(keys)}
    layers: dict[int, list[str]] = {}
    for k in v.layer:
        layers.setdefault(v.layer[k], []).append(k)
    top = max(layers, default=-1)
    for lv in layers:  # nodes in the given order, then dummies (the first sweep places them)
        layers[lv].sort(key=lambda k: (k in v.dummy, rank.get(k, 0), k))
    best = {lv: list(items) for lv, items in layers.items()}
    best_count = _crossings(v, layers, top)
    stale = 0
    for sweep in range(SWEEPS):
        downwards = sweep % 2 == 0
        span = range(top - 1, -1, -1) if downwards else range(1, top + 1)
        for lv in span:
            ref = layers[lv + 1] if downwards else layers[lv - 1]
            pos = {k: i for i, k in enumerate(ref)}
            own = {k: i for i, k in enumerate(layers[lv])}

            def key(k: str, pos=pos, own=own, downwards=downwards) -> tuple[float, int]:
                near = v.up[k] if downwards else v.down[k]
                if not near:
                    return (own[k] * len(pos) / max(len(own), 1), own[k])
                return (sum(pos[n] for n in near) / len(near), own[k])

            layers[lv].sort(key=key)
        count = _crossings(v, layers, top)
        if count < best_count:
            best, best_count, stale = {lv: list(i) for lv, i in layers.items()}, count, 0
        else:
            stale += 1
            if stale >= 3:
                break
    return best


def _crossings(v: _Vertices, layers: dict[int, list[str]], top: int) -> int:
    """Edge crossings between every two adjacent layers: the inversions among the segments'
    lower ends once sorted by their upper ends (a Fenwick tree counts them)."""
    total = 0
    for lv in range(top, 0, -1):
        lower_pos = {k: i for i, k in enumerate(layers[lv - 1])}
        ends = sorted((i, lower_pos[n]) for i, k in enumerate(layers[lv]) for n in v.down[k])
        size = len(layers[lv - 1])
        tree = [0] * (size + 1)
        for seen, (_, p) in enumerate(ends):
            # how many earlier segments end right of p
            i, not_right = p + 1, 0
            while i > 0:
                not_right += tree[i]
                i -= i & -i
            total += seen - not_right
            i = p + 1
            while i <= size:
                tree[i] += 1
                i += i & -i
    return total


# --- 4. x positions --------------------------------------------------------------------------


def _positions(v: _Vertices, order: dict[int, list[str]]) -> dict[str, float]:
    x: dict[str, float] = {}
    for items in order.values():
        at = 0.0
        for i, k in enumerate(items):
            if i:
                at += v.gap(items[i - 1], k)
            x[k] = at
    top = max(order, default=-1)
    for p in range(POSITION_PASSES * 2 + 1):
        last = p == POSITION_PASSES * 2
        downwards = p % 2 == 0
        span = range(top, -1, -1) if downwards else range(0, top + 1)
        for lv in span:
            items = order[lv]
            targets, weights = [], []
            for k in items:
                near = (v.up[k] + v.down[k]) if last else (v.up[k] if downwards else v.down[k])
                w = [v.weight(k, n) for n in near]
                if w:
                    targets.append(sum(x[n] * wi for n, wi in zip(near, w, strict=True)) / sum(w))
                    weights.append(sum(w))
                else:
                    targets.append(x[k])
                    weights.append(0.05)
            gaps = [v.gap(items[i], items[i + 1]) for i in range(len(items) - 1)]
            for k, pos in zip(items, _spaced_fit(targets, weights, gaps), strict=True):
                x[k] = pos
    return x


def _spaced_fit(targets: list[float], weights: list[float], gaps: list[float]) -> list[float]:
    """The positions closest to `targets` (weighted least squares) with position[i+1] -
    position[i] >= gaps[i]: shifted by the cumulative gaps, it is a monotone (isotonic)
    regression, solved by pool-adjacent-violators."""
    offsets = [0.0]
    for g in gaps:
        offsets.append(offsets[-1] + g)
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for t, w, off in zip(targets, weights, offsets, strict=True):
        blocks.append([(t - off) * w, w, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, w2, n = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += w2
            blocks[-1][2] += n
    out: list[float] = []
    for s, w, n in blocks:
        out.extend([s / w] * int(n))
    return [y + off for y, off in zip(out, offsets, strict=True)]


# --- 5. routes -------------------------------------------------------------------------------


def _routes(
    edges: Sequence[LayoutEdge],
    back: set[LayoutEdge],
    nodes: dict[str, Placed],
    chains: dict[frozenset[str], list[str]],
    xs: dict[str, float],
    shift: float,
    v: _Vertices,
    row_top: dict[int, float],
    row_h: float,
) -> list[Route]:
    """Each edge's points, from its source to its target. Edges sharing a pair of nodes run
    side by side; the ends on a box's side are spread in the order of where they lead."""
    seen: dict[frozenset[str], int] = {}
    drafts: list[tuple[LayoutEdge, str, list[str], float]] = []
    for e in edges:
        pair = frozenset((e.source, e.target))
        k = seen.get(pair, 0)
        seen[pair] = k + 1
        if e.source == e.target:
            drafts.append((e, "loop", [], 0.0))
        elif pair in chains:
            chain = chains[pair]
            path = chain if chain[0] == e.source else chain[::-1]
            drafts.append((e, "layers", path, k))
        else:
            drafts.append((e, "level", [e.source, e.target], k))
    counts = dict(seen)

    # ports: the ends on each box side, sorted by the x of the next point
    ports: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
    for i, (_e, kind, path, _) in enumerate(drafts):
        if kind == "loop":
            continue
        for end, nxt in ((0, 1), (len(path) - 1, len(path) - 2)):
            node = path[end]
            if kind == "level":
                side = "top"
            else:
                side = "bottom" if v.layer[path[nxt]] < v.layer[node] else "top"
            ports.setdefault((node, side), []).append((xs[path[nxt]] + shift, i, end))
    at: dict[tuple[int, int], float] = {}
    for (node, _side), items in ports.items():
        items.sort()
        p = nodes[node]
        inset = min(10.0, p.width / 4)
        span = p.width - 2 * inset
        for j, (_, i, end) in enumerate(items):
            at[(i, end)] = p.x + inset + span * (j + 1) / (len(items) + 1)

    out: list[Route] = []
    for i, (e, kind, path, k) in enumerate(drafts):
        if kind == "loop":
            p = nodes[e.source]
            right, mid = p.x + p.width, p.y + p.height / 2
            pts = [
                (right, mid - 6),
                (right + LOOP - 4, mid - 14),
                (right + LOOP - 4, mid + 14),
                (right, mid + 6),
            ]
            out.append(Route(e, pts, "loop", e in back))
            continue
        first, last = path[0], path[-1]
        if kind == "level":
            a, b = nodes[first], nodes[last]
            pts = [(at[(i, 0)], a.y), (at[(i, len(path) - 1)], b.y)]
            out.append(Route(e, pts, "level", e in back))
            continue
        offset = (k - (counts[frozenset((e.source, e.target))] - 1) / 2) * 4
        goes_down = v.layer[first] > v.layer[last]
        a, b = nodes[first], nodes[last]
        pts = [(at[(i, 0)], a.y + a.height if goes_down else a.y)]
        for d in path[1:-1]:
            x = xs[d] + shift + offset
            band = row_top[v.layer[d]]
            ends = (band, band + row_h) if goes_down else (band + row_h, band)
            pts.extend([(x, ends[0]), (x, ends[1])])
        pts.append((at[(i, len(path) - 1)], b.y if goes_down else b.y + b.height))
        out.append(Route(e, pts, "layers", e in back))
    return out


def _place_unlinked(boxes: list[Box], out: Layout, width: float, top: float) -> None:
    """Nodes without edges, in rows under the graph, as wide as the graph."""
    x, y = MARGIN, top + (ROW_GAP if out.nodes else MARGIN)
    row_h = 0.0
    for b in boxes:
        if x > MARGIN and x + b.width > width:
            x, y = MARGIN, y + row_h + NODE_GAP
            row_h = 0.0
        out.nodes[b.key] = Placed(b.key, x, y, b.width, b.height, -1)
        x += b.width + NODE_GAP
        row_h = max(row_h, b.height)
