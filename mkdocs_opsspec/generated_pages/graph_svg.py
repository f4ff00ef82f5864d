"""The dependency graph as HTML: an inline SVG picture, its legend in words, and the same edges
as a list (the picture's text alternative). Made with `markup`, so every name is escaped; each
piece is one raw HTML block (no blank line inside).

Labels are set in a monospace font at a fixed size, so a box's width follows from its label:
every Latin, Greek or Cyrillic character is at most 0.62 em wide in the fonts named (0.60 in
most), a wide (East Asian, emoji) character at most 1.3 em, any other at most 1 em. A name
longer than MAX_LABEL_EM is cut with an ellipsis; the box's tooltip (<title>) has it whole.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ..markup import Markup, join, link, start_tag, tag
from .graph_layout import DOWN, FREE, LEVEL_RISE, Box, Layout, LayoutEdge, Route, layout
from .graph_model import STATE_TITLES, STATES, STYLES, Arrow, Graph, Node
from .markdown_escape import Md
from .paths import feature_slug

FONT = (
    "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', "
    "monospace"
)
NAME_PX = 12
STATE_PX = 10
PAD_X = 8
BOX_H = 36
MAX_LABEL_EM = 18.0
NARROW_EM, WIDE_EM, OTHER_EM = 0.62, 1.3, 1.0

#: An arrow in words, by its style: "Alpha requires Bravo".
RELATIONS = {
    "required": "requires",
    "optional": "optionally uses",
    "runtime": "depends at run time on",
    "listed": "depends on",
    "conflicts": "conflicts with",
}
#: The legend's words for each line style.
LINE_TITLES = {
    "required": "requires (solid)",
    "optional": "optionally uses (dashed)",
    "runtime": "depends at run time on: an Upstream or Downstream list (long dashes)",
    "listed": "depends on, as only a Dependents list says (dotted)",
    "conflicts": "conflicts with (orange, dash-dot)",
    "back": "a Required dependency that closes a cycle: it points up (red)",
}
#: Where a declaration of each kind is written, from the declaring feature's spec.
LISTS = {
    "required": "Required",
    "optional": "Optional",
    "conflicts": "Conflicts",
    "dependents": "Dependents",
    "upstream": "Upstream",
    "downstream": "Downstream",
}
#: A few words more for the box colours that need them.
STATE_HELP = {
    "none": "misses a Bronze check",
    "unknown": "no spec has it",
    "other": "a spec that is not a feature's",
}

Resolve = Callable[[str], "str | None"]  # a node's GUID -> its feature page's URL


def char_em(c: str) -> float:
    """A safe width of `c` in em in the labels' monospace font."""
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return WIDE_EM
    o = ord(c)
    if o < 0x0250 or 0x0370 <= o < 0x0530 or 0x2000 <= o < 0x2070:
        return NARROW_EM
    return OTHER_EM


def text_em(text: str) -> float:
    return sum(char_em(c) for c in text)


def fit_label(name: str, max_em: float = MAX_LABEL_EM) -> str:
    """`name` on one line, cut with an ellipsis when it is wider than `max_em`."""
    flat = " ".join(name.split())
    if text_em(flat) <= max_em:
        return flat
    room = max_em - NARROW_EM  # the ellipsis
    out, used = [], 0.0
    for c in flat:
        w = char_em(c)
        if used + w > room:
            break
        out.append(c)
        used += w
    return "".join(out).rstrip() + "…"


def box_width(label: str, state: str) -> float:
    name_px = text_em(label) * NAME_PX
    state_px = text_em(state) * STATE_PX
    return float(int(max(name_px, state_px, 32) + 2 * PAD_X + 1))


# --- the picture ----------------------------------------------------------------------------


def picture(graph: Graph, resolve: Resolve, *, label: str, large: bool = False) -> Md:
    """The graph as an inline SVG in a scrolling container, with data attributes for tests and
    scripts: data-guid and data-layer on nodes; data-source, data-target, data-kinds (the kinds
    declared) and data-back (drawn upwards, closing a cycle) on arrows. GUIDs appear there as
    their page's file name (`feature_slug`: the GUID itself, unless it is odd spec text)."""
    labels = {g: fit_label(n.name) for g, n in graph.nodes.items()}
    boxes = [
        Box(g, box_width(labels[g], STATE_TITLES[n.state]), BOX_H) for g, n in graph.nodes.items()
    ]
    # Required arrows first: the layout keeps the earlier soft arrows pointing down
    ordered = sorted(graph.arrows, key=lambda a: STYLES.index(a.style))
    placed = layout(
        boxes,
        [
            LayoutEdge(
                a.source, a.target, FREE if a.style == "conflicts" else DOWN, "required" in a.kinds
            )
            for a in ordered
        ],
    )
    width, height = int(placed.width + 0.5), int(placed.height + 0.5)
    lines = [
        start_tag(
            "div",
            {
                "class": "opsspec-graph-scroll" + (" opsspec-graph-large" if large else ""),
                "role": "region",
                "aria-label": f"{label} (scrolls)",
                "tabindex": "0",
                "data-search-exclude": True,
            },
        ),
        start_tag(
            "svg",
            {
                "class": "opsspec-graph-svg",
                "width": width,
                "height": height,
                "viewbox": f"0 0 {width} {height}",
                "role": "group",
                "aria-label": label,
                "font-family": FONT,
                "font-size": NAME_PX,
            },
        ),
        _markers(graph),
        start_tag("g", {"class": "opsspec-graph-edges", "fill": "none"}),
    ]
    names = {g: n.name for g, n in graph.nodes.items()}
    routes = list(zip(ordered, placed.routes, strict=True))
    for style in STYLES:  # one group per line style: it sets the class and the arrowhead
        drawn = [_edge(a, r, names) for a, r in routes if a.style == style]
        if drawn:
            lines.append(
                start_tag(
                    "g",
                    {
                        "class": f"opsspec-graph-edge opsspec-graph-{style}",
                        "marker-end": f"url(#opsspec-graph-arrow-{style})",
                    },
                )
            )
            lines.extend(drawn)
            lines.append("</g>")
    lines.append("</g>")
    lines.append(start_tag("g", {"class": "opsspec-graph-nodes", "text-anchor": "middle"}))
    for guid, node in graph.nodes.items():
        lines.append(_node(node, labels[guid], placed, resolve, guid == graph.focus))
    lines += ["</g>", "</svg>", "</div>"]
    return Md("\n".join(lines))


def _num(v: float) -> str:
    """A coordinate: whole pixels are enough, and keep a large picture small."""
    return str(round(v))


def _path(route: Route) -> str:
    pts = route.points
    (x0, y0) = pts[0]
    d = [f"M{_num(x0)} {_num(y0)}"]
    if route.kind == "loop":
        (x1, y1), (x2, y2), (x3, y3) = pts[1:4]
        d.append(f"C{_num(x1)} {_num(y1)} {_num(x2)} {_num(y2)} {_num(x3)} {_num(y3)}")
    elif route.kind == "level":
        (x1, y1) = pts[1]
        # a quadratic curve rises half as far as its control point
        lift = 2 * min(LEVEL_RISE, 16 + abs(x1 - x0) / 16)
        d.append(f"Q{_num((x0 + x1) / 2)} {_num(min(y0, y1) - lift)} {_num(x1)} {_num(y1)}")
    else:
        d.extend(_layer_steps(pts))
    return "".join(d)


def _layer_steps(pts: list[tuple[float, float]]) -> list[str]:
    """Path steps through the points of an edge across layers: a curve between two layers
    (leaving and arriving upright), a line through a layer beside its boxes; a run straight
    down (or up) through several layers is one line."""
    steps: list[str] = []
    run_x: float | None = None  # x of the vertical line the last step drew, if it did
    for i in range(1, len(pts)):
        (xa, ya), (xb, yb) = pts[i - 1], pts[i]
        if abs(xa - xb) < 0.5:
            if run_x is not None and abs(run_x - xb) < 0.5:
                steps.pop()
            steps.append(f"L{_num(xa)} {_num(yb)}")
            run_x = xa
        elif i % 2:  # between two layers
            ym = (ya + yb) / 2
            steps.append(f"C{_num(xa)} {_num(ym)} {_num(xb)} {_num(ym)} {_num(xb)} {_num(yb)}")
            run_x = None
        else:  # through a layer (its ends have the same x)
            steps.append(f"L{_num(xb)} {_num(yb)}")
            run_x = None
    return steps


def declared_in(arrow: Arrow, names: dict[str, str]) -> str:
    """Where the arrow's dependency is declared: "Alpha's Required list, Bravo's Dependents
    list"."""
    return ", ".join(f"{names[who]}'s {LISTS[kind]} list" for who, _, kind in arrow.declarations())


def _edge(arrow: Arrow, route: Route, names: dict[str, str]) -> Markup:
    words = f"{names[arrow.source]} {RELATIONS[arrow.style]} {names[arrow.target]}"
    back = {"class": "opsspec-graph-back", "marker-end": "url(#opsspec-graph-arrow-back)"}
    return tag(
        "path",
        {
            **(back if route.back else {}),
            "d": _path(route),
            "data-source": feature_slug(arrow.source),
            "data-target": feature_slug(arrow.target),
            "data-kinds": " ".join(arrow.kinds),
            "data-back": "true" if route.back else None,
        },
        tag("title", None, words + (" (closes a Required cycle)" if route.back else "")),
    )


def _markers(graph: Graph) -> Markup:
    styles = [k for k in STYLES if any(a.style == k for a in graph.arrows)]
    styles.append("back")
    return tag(
        "defs",
        None,
        [
            tag(
                "marker",
                {
                    "id": f"opsspec-graph-arrow-{k}",
                    "class": f"opsspec-graph-arrow opsspec-graph-arrow-{k}",
                    "viewbox": "0 0 10 10",
                    "refx": 9,
                    "refy": 5,
                    "markerwidth": 9,
                    "markerheight": 9,
                    "markerunits": "userSpaceOnUse",
                    "orient": "auto",
                },
                tag("path", {"d": "M0 1L10 5L0 9z"}),
            )
            for k in styles
        ],
    )


def _node(node: Node, label: str, placed: Layout, resolve: Resolve, focus: bool) -> Markup:
    p = placed.nodes[node.guid]
    state = STATE_TITLES[node.state]
    cx = _num(p.x + p.width / 2)
    tooltip = f"{node.name}: {state}"
    classes = f"opsspec-graph-node opsspec-graph-{node.state}"
    if focus:
        classes += " opsspec-graph-focus"
    attrs = {
        "class": classes,
        "data-guid": feature_slug(node.guid),
        "data-layer": p.layer,
    }
    body = [
        tag("title", None, tooltip),
        tag(
            "rect",
            {
                "x": _num(p.x),
                "y": _num(p.y),
                "width": _num(p.width),
                "height": _num(p.height),
                "rx": 4,
            },
        ),
        tag("text", {"class": "opsspec-graph-name", "x": cx, "y": _num(p.y + 15)}, label),
        tag(
            "text",
            {
                "class": "opsspec-graph-state",
                "x": cx,
                "y": _num(p.y + 29),
                "font-size": STATE_PX,
            },
            state,
        ),
    ]
    url = resolve(node.guid) if node.is_feature and not focus else None
    if url is None:
        return tag("g", attrs, body)
    return link(url, attrs, body)


# --- legend and text alternative ------------------------------------------------------------


def legend(graph: Graph, *, back: bool) -> Md:
    """What the boxes and lines of this picture mean, in words (only those it has)."""
    states = [s for s in STATES if any(n.state == s for n in graph.nodes.values())]
    styles = [k for k in STYLES if any(a.style == k for a in graph.arrows)]
    if back:
        styles.append("back")
    boxes = []
    for s in states:
        swatch = tag(
            "svg",
            {"class": "opsspec-graph-swatch", "width": 26, "height": 14, "aria-hidden": "true"},
            tag(
                "g",
                {"class": f"opsspec-graph-node opsspec-graph-{s}"},
                tag("rect", {"x": 1, "y": 1, "width": 24, "height": 12, "rx": 3}),
            ),
        )
        help_ = f" ({STATE_HELP[s]})" if STATE_HELP.get(s) else ""
        boxes.append(tag("span", None, swatch, STATE_TITLES[s], help_))
    lines = []
    for k in styles:
        classes = "opsspec-graph-edge " + (
            "opsspec-graph-required opsspec-graph-back" if k == "back" else f"opsspec-graph-{k}"
        )
        sample = tag(
            "svg",
            {"class": "opsspec-graph-swatch", "width": 40, "height": 14, "aria-hidden": "true"},
            tag("path", {"class": classes, "d": "M2 7H38", "fill": "none"}),
        )
        lines.append(tag("span", None, sample, LINE_TITLES[k]))
    rows = [
        tag(
            "li",
            None,
            tag("strong", None, "Boxes"),
            " (readiness of the feature's operations spec): ",
            boxes,
        ),
        tag(
            "li",
            None,
            tag("strong", None, "Arrows"),
            " (from a feature to one it depends on): ",
            lines,
        ),
    ]
    return Md(tag("ul", {"class": "opsspec-graph-legend", "data-search-exclude": True}, rows))


def edge_list(graph: Graph, resolve: Resolve, *, every_node: bool) -> Md:
    """The picture's arrows as a nested list, by the node they leave: `every_node` also lists
    the nodes that depend on none (the site-wide page, so that the list holds every node)."""
    by_source: dict[str, list[Arrow]] = {}
    for a in graph.arrows:
        by_source.setdefault(a.source, []).append(a)
    names = {g: n.name for g, n in graph.nodes.items()}

    def name(guid: str) -> Markup:
        node = graph.nodes[guid]
        url = resolve(guid) if node.is_feature and guid != graph.focus else None
        shown = link(url, None, node.name) if url else tag("span", None, node.name)
        return join(shown, f" ({STATE_TITLES[node.state]})")

    items = []
    for guid in graph.nodes:
        arrows = by_source.get(guid, [])
        if not arrows and not every_node:
            continue
        inner = [
            tag(
                "li",
                {
                    "data-source": feature_slug(a.source),
                    "data-target": feature_slug(a.target),
                    "data-kinds": " ".join(a.kinds),
                },
                RELATIONS[a.style],
                " ",
                name(a.target),
                f": {declared_in(a, names)}",
                _notes(a, graph),
            )
            for a in arrows
        ]
        if not inner:
            inner = [tag("li", None, "depends on no other feature")]
        items.append(tag("li", None, name(guid), tag("ul", None, inner)))
    count = len(graph.arrows)
    summary = f"The same {count} arrow{'' if count == 1 else 's'} as a list"
    lines = [
        start_tag("details", {"class": "opsspec-graph-text", "data-search-exclude": True}),
        tag("summary", None, summary),
        start_tag("ul", {"class": "opsspec-graph-list"}),
        *items,
        "</ul>",
        "</details>",
    ]
    return Md("\n".join(lines))


def _notes(arrow: Arrow, graph: Graph) -> str:
    notes = []
    target = graph.nodes[arrow.target]
    if target.state == "unknown":
        notes.append(f"GUID {arrow.target}, which no spec has")
    elif target.state == "other":
        notes.append(f"GUID {arrow.target}, not a feature's")
    if arrow.in_cycle:
        notes.append("part of a Required cycle")
    if arrow.source == arrow.target:
        notes.append("the feature names itself")
    return f" ({'; '.join(notes)})" if notes else ""
