"""Relationship diagrams drawn at build time as inline SVG: no script, no CDN.

Layered layout: a document sits below the documents it implements, continues,
guides or cites, so the oldest texts are on top and local plans at the bottom.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

from .text import sort_key

NODE_W, NODE_H, GAP_X, GAP_Y, MARGIN = 156, 48, 24, 56, 12
COLORS = {
    "implements": "#c62828", "continues": "#1565c0", "guides": "#2e7d32",
    "replaces": "#6a1b9a", "amends": "#ef6c00", "cites": "#757575",
}


@dataclass(frozen=True)
class Node:
    id: str
    label: str  # the number, or a short title
    sublabel: str  # type and scope
    url: str | None
    title: str  # full name, shown on hover
    current: bool = False
    local: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    type: str
    unverified: bool = False


def _layers(nodes: list[Node], edges: list[Edge]) -> dict[str, int]:
    """Layer 0 for documents that point nowhere; otherwise one below their lowest target."""
    targets: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        targets[edge.source].append(edge.target)
    layer: dict[str, int] = {}

    def visit(node_id: str, path: frozenset[str]) -> int:
        if node_id not in layer:
            ups = [visit(t, path | {node_id}) for t in targets[node_id] if t not in path]
            layer[node_id] = 1 + max(ups) if ups else 0
        return layer[node_id]

    for node in nodes:
        visit(node.id, frozenset())
    return layer


def layout(nodes: list[Node], edges: list[Edge]) -> dict[str, tuple[int, int]]:
    """(layer, position in layer) of every node; barycentres keep related documents close."""
    layer = _layers(nodes, edges)
    rows: dict[int, list[Node]] = defaultdict(list)
    for node in nodes:
        rows[layer[node.id]].append(node)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    position: dict[str, tuple[int, int]] = {}
    for depth in sorted(rows):
        def weight(node: Node) -> tuple[float, tuple[object, ...]]:
            placed = [position[n][1] for n in neighbours[node.id] if n in position]
            centre = sum(placed) / len(placed) if placed else float("inf")
            return centre, (node.local, sort_key(node.label))

        for index, node in enumerate(sorted(rows[depth], key=weight)):
            position[node.id] = (depth, index)
    return position


def _box(node: Node, x: float, y: float) -> str:
    cls = "sotay-node" + (" sotay-node-current" if node.current else "") + (" sotay-node-local" if node.local else "")
    label, sub = html.escape(_short(node.label, 20)), html.escape(_short(node.sublabel, 26))
    inner = (f'<title>{html.escape(node.title)}</title>'
             f'<rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="6"/>'
             f'<text x="{x + NODE_W / 2}" y="{y + 20}" class="sotay-node-label">{label}</text>'
             f'<text x="{x + NODE_W / 2}" y="{y + 37}" class="sotay-node-sub">{sub}</text>')
    if node.url and not node.current:
        return f'<a href="{html.escape(node.url)}" class="{cls}">{inner}</a>'
    return f'<g class="{cls}">{inner}</g>'


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _edge(edge: Edge, start: tuple[float, float], end: tuple[float, float], label: str) -> str:
    (x1, y1), (x2, y2) = start, end
    mid = (y1 + y2) / 2
    dash = ' stroke-dasharray="6 4" stroke-opacity="0.6"' if edge.unverified else ""
    color = COLORS.get(edge.type, "#757575")
    return (f'<path d="M{x1},{y1} C{x1},{mid} {x2},{mid} {x2},{y2}" stroke="{color}"{dash} '
            f'marker-end="url(#sotay-arrow-{edge.type})"><title>{html.escape(label)}</title></path>')


def render_svg(nodes: list[Node], edges: list[Edge], title: str, labels: dict[str, str]) -> str:
    """An accessible inline SVG of the graph; `labels` name the relation types."""
    position = layout(nodes, edges)
    width = max((p[1] for p in position.values()), default=0) + 1
    height = max((p[0] for p in position.values()), default=0) + 1
    w, h = MARGIN * 2 + width * (NODE_W + GAP_X) - GAP_X, MARGIN * 2 + height * (NODE_H + GAP_Y) - GAP_Y

    def corner(node_id: str) -> tuple[float, float]:
        depth, index = position[node_id]
        return MARGIN + index * (NODE_W + GAP_X), MARGIN + depth * (NODE_H + GAP_Y)

    names = {n.id: n.label for n in nodes}
    markers = "".join(
        f'<marker id="sotay-arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
        for kind, color in COLORS.items())
    paths = []
    for edge in edges:
        (sx, sy), (tx, ty) = corner(edge.source), corner(edge.target)
        text = f"{names[edge.source]} — {labels.get(edge.type, edge.type).lower()} — {names[edge.target]}"
        paths.append(_edge(edge, (sx + NODE_W / 2, sy), (tx + NODE_W / 2, ty + NODE_H), text))
    boxes = [_box(node, *corner(node.id)) for node in nodes]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="sotay-diagram" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}" role="group" aria-label="{html.escape(title)}"><title>{html.escape(title)}</title>'
            f'<defs>{markers}</defs><g class="sotay-edges" fill="none" stroke-width="1.6">{"".join(paths)}</g>'
            f'{"".join(boxes)}</svg>')


def legend(edges: list[Edge], labels: dict[str, str]) -> str:
    """HTML legend of the relation types a diagram uses."""
    kinds = [k for k in COLORS if any(e.type == k for e in edges)]
    items = "".join(f'<li><span class="sotay-swatch" style="background:{COLORS[k]}"></span>{html.escape(labels[k])}'
                    f"</li>" for k in kinds)
    if any(e.unverified for e in edges):
        items += '<li><span class="sotay-swatch sotay-swatch-dashed"></span>nét đứt: quan hệ chưa đối chiếu</li>'
    return f'<ul class="sotay-legend">{items}</ul>' if items else ""
