"""The actor network page's picture: entities as nodes, events as edges, laid out on the server.

The graph is `Queries.graph`, the one the GEXF/GraphML exports write: a node
per party, a directed edge per actor → recipient pair with its event count and the sum of a
PLOVER cooperation/conflict score per event. Here the busiest `limit` nodes are kept and placed
by a force-directed layout (Fruchterman-Reingold with numpy, seeded, so the same store gives
the same picture). Edges are coloured by their mean score (cooperation green, conflict red,
mixed grey) and widened by their event count; the template draws plain SVG, every node a link
to its entity page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

WIDTH, HEIGHT, MARGIN = 1000, 640, 60
MIN_RADIUS, MAX_RADIUS = 4.0, 22.0
ITERATIONS = 300


@dataclass
class Node:
    key: str
    label: str
    code: str
    weight: int  # events it takes part in (as drawn)
    x: float = 0.0
    y: float = 0.0
    radius: float = 5.0  # its area grows with its events, the busiest `MAX_RADIUS`

    @property
    def entity_id(self) -> str | None:
        """The entity page this node links to (`None` for a party no entity was found for)."""
        return None if self.key.startswith("name:") else self.key



@dataclass
class Edge:
    source: Node
    target: Node
    events: int
    score: float
    types: list[str]

    @property
    def tone(self) -> str:
        """`cooperation`, `conflict` or `mixed`, from the mean PLOVER score per event."""
        mean = self.score / max(self.events, 1)
        return "cooperation" if mean > 0.25 else "conflict" if mean < -0.25 else "mixed"

    @property
    def width(self) -> float:
        return 1.0 + 1.6 * math.log2(self.events) if self.events > 1 else 1.0


@dataclass
class Picture:
    nodes: list[Node]
    edges: list[Edge]
    width: int = WIDTH
    height: int = HEIGHT
    dropped: int = 0  # nodes left out by the limit


def _fruchterman_reingold(n: int, pairs: list[tuple[int, int, float]], seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    if n == 1:
        return np.array([[0.5, 0.5]])
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    src = np.array([p[0] for p in pairs], dtype=int)
    dst = np.array([p[1] for p in pairs], dtype=int)
    wgt = np.array([p[2] for p in pairs], dtype=float)
    for _ in range(ITERATIONS):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = (delta / dist[..., None]) * (k * k / dist)[..., None]
        disp = force.sum(axis=1)
        if len(pairs):
            d = pos[src] - pos[dst]
            length = np.maximum(np.linalg.norm(d, axis=-1), 0.01)
            pull = d / length[:, None] * (length * length / k * np.log1p(wgt))[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp += (0.5 - pos) * 0.05  # a little gravity keeps the picture compact
        length = np.maximum(np.linalg.norm(disp, axis=-1), 0.01)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    return pos


def _components(n: int, pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b, _ in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _place(n: int, pairs: list[tuple[int, int, float]]) -> np.ndarray:
    """Each connected component laid out on its own, in a box whose side grows with the square
    root of its size; the boxes packed in rows, biggest first, about as wide as the page."""
    pos = np.zeros((n, 2))
    groups = _components(n, pairs)
    sides = [math.sqrt(len(g)) for g in groups]
    row_width = max(max(sides), math.sqrt(sum(s * s for s in sides) * WIDTH / HEIGHT))
    x = y = row_height = 0.0
    for group, side in zip(groups, sides, strict=True):
        if x > 0 and x + side > row_width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        local = {node: i for i, node in enumerate(group)}
        inner = [(local[a], local[b], w) for a, b, w in pairs if a in local]
        sub = _fruchterman_reingold(len(group), inner)
        # scaled by where most nodes are: a long tail of a few is pulled in to the box's edge
        trim = 5 if len(group) >= 20 else 0
        low, high = np.percentile(sub, trim, axis=0), np.percentile(sub, 100 - trim, axis=0)
        span = np.where(high - low < 1e-9, 1.0, high - low)
        box = 0.8 * side if len(group) > 1 else 0.0
        for node, (px, py) in zip(group, np.clip((sub - low) / span, -0.1, 1.1), strict=True):
            pos[node] = (x + 0.1 * side + float(px) * box, y + 0.1 * side + float(py) * box)
        x += side
        row_height = max(row_height, side)
    return pos


def _fit(nodes: list[Node], pos: np.ndarray) -> None:
    """Scale positions into the picture, keeping their proportions."""
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(high - low, 1e-9)
    scale = min((WIDTH - 2 * MARGIN) / span[0], (HEIGHT - MARGIN) / span[1])
    for node, (x, y) in zip(nodes, pos - low, strict=True):
        node.x = MARGIN + float(x) * scale
        node.y = MARGIN / 2 + float(y) * scale


def picture(graph: dict[str, Any], limit: int = 40) -> Picture:
    """Lay out the `limit` busiest nodes of a graph (`Queries.graph`: `nodes` [{id, label, code,
    events}], `edges` [{source, target, events, score, types}]) and the edges between them."""
    ranked = sorted(graph["nodes"], key=lambda n: (-int(n["events"]), str(n["label"]), str(n["id"])))
    nodes = {n["id"]: Node(n["id"], n["label"], n.get("code") or "", int(n["events"])) for n in ranked[:limit]}
    order = sorted(nodes.values(), key=lambda n: n.key)
    busiest = max((n.weight for n in order), default=1) or 1
    for n in order:
        n.radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * math.sqrt(n.weight / busiest)
    index = {n.key: i for i, n in enumerate(order)}
    edges = [Edge(nodes[e["source"]], nodes[e["target"]], int(e["events"]), float(e["score"]), list(e["types"]))
             for e in graph["edges"] if e["source"] in nodes and e["target"] in nodes]
    if order:
        pairs = [(index[e.source.key], index[e.target.key], float(e.events)) for e in edges]
        _fit(order, _place(len(order), pairs))
    edges.sort(key=lambda e: e.events)  # the heaviest drawn last, on top
    omitted = int((graph.get("omitted") or {}).get("nodes", 0))  # left out by the query already
    return Picture(order, edges, dropped=max(0, len(ranked) - limit) + omitted)
