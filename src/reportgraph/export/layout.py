"""The default layout of the exported entity graph: force-directed, with administrative
areas pinned where they lie on the map.

Fruchterman–Reingold forces (every edge a spring, every pair of nearby nodes repelling,
in the grid variant of their paper: repulsion only within a cut-off distance, so one
iteration costs O(nodes + nearby pairs) rather than O(nodes²)), with three changes that
make the graphs of these reports readable:

- nodes with coordinates (administrative areas) are **fixed** at their map position
  (:func:`reportgraph.export.style.position`, scaled so that the map gives every node
  about the same room), so the picture keeps the geography: a county's bodies gather
  around the county, the partner counties lie where they are;
- repulsion grows with node size (hubs get more room) and a last pass pushes apart discs
  that still overlap;
- a weak pull towards the map keeps parts with no area (isolated entities, small
  clusters) beside the picture instead of flying off or piling in a block.

Deterministic: it starts from :func:`starting_positions` (every
node next to its placed neighbours), nodes are ordered by their file id, and no random
number is drawn, so the same graph gives the same positions, bit for bit.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", type="AdministrativeArea", longitude=112.96, latitude=39.07)
>>> g.add_node("b", type="Organization")
>>> _ = g.add_edge("b", "a", key="locatedIn")
>>> xy = force_layout(g, {"a": "area_1", "b": "org_2"}, {"a": (656.9, 407.0)})
>>> xy["a"] == (656.9, 407.0), xy["b"] != xy["a"]
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np

__all__ = ["EDGE_LENGTH", "force_layout"]

EDGE_LENGTH = 60.0
"""The ideal edge length in export units (node sizes run from 8 up)."""

_CUTOFF = 2.0  # repulsion reaches this many edge lengths (as in Fruchterman and Reingold's grid variant)
_GRAVITY = 0.02


def _near_pairs(pos: np.ndarray, cutoff: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of points closer than ``cutoff``, found through a grid of
    ``cutoff``-wide cells (each point meets the points of its own and the 8 next cells)."""
    n = len(pos)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    cell = np.floor(pos / cutoff).astype(np.int64)
    cx, cy = cell[:, 0] - cell[:, 0].min() + 1, cell[:, 1] - cell[:, 1].min() + 1
    width = int(cy.max()) + 2
    key = cx * width + cy
    order = np.argsort(key, kind="stable")
    cells, start, count = np.unique(key[order], return_index=True, return_counts=True)
    firsts, seconds = [], []
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):  # half the neighbourhood: each pair once
        want = key + dx * width + dy
        at = np.minimum(np.searchsorted(cells, want), len(cells) - 1)
        hit = np.nonzero(cells[at] == want)[0]
        if not len(hit):
            continue
        c = count[at[hit]]
        i = np.repeat(hit, c)
        offset = np.arange(int(c.sum())) - np.repeat(np.cumsum(c) - c, c)
        j = order[np.repeat(start[at[hit]], c) + offset]
        keep = i < j if (dx, dy) == (0, 0) else i != j
        firsts.append(i[keep])
        seconds.append(j[keep])
    i, j = np.concatenate(firsts), np.concatenate(seconds)
    close = np.hypot(*(pos[i] - pos[j]).T) < cutoff
    return i[close], j[close]


def _push(disp: np.ndarray, i: np.ndarray, j: np.ndarray, force: np.ndarray, n: int) -> None:
    """Add ``force`` (vectors) to the i's and subtract it from the j's."""
    for axis in (0, 1):
        disp[:, axis] += np.bincount(i, force[:, axis], minlength=n) - np.bincount(j, force[:, axis], minlength=n)


def force_layout(
    g: nx.MultiDiGraph | nx.DiGraph,
    ids: Mapping[str, str],
    on_map: Mapping[str, tuple[float, float]],
    *,
    sizes: Mapping[str, float] | None = None,
    start: Mapping[str, tuple[float, float]] | None = None,
    iterations: int | None = None,
) -> dict[str, tuple[float, float]]:
    """Positions (export units) for every node of ``g``: ``on_map`` nodes stay where they
    are given (map positions, :func:`reportgraph.export.style.position`), scaled by the
    factor that gives the graph room; the others find their place by forces. ``ids``
    orders the nodes (file ids), ``sizes`` are node sizes (default 8), ``start`` starting
    positions (default: :func:`starting_positions`)."""
    nodes = sorted(g, key=lambda n: ids[n])
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    k = EDGE_LENGTH
    scale = _map_scale(on_map, n, k)
    initial = start if start is not None else starting_positions(g, dict(ids), dict(on_map))
    pos = np.array([initial[node] for node in nodes], dtype=float) * scale
    fixed = np.array([node in on_map for node in nodes])
    if fixed.any():
        pos[fixed] = np.array([on_map[node] for node in nodes if node in on_map], dtype=float) * scale
    size = np.array([(sizes or {}).get(node, 8.0) for node in nodes], dtype=float)
    mass = size / 8.0
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.edges() if u != v}
    ordered = sorted(pairs)
    src = np.array([p[0] for p in ordered], dtype=np.int64)
    dst = np.array([p[1] for p in ordered], dtype=np.int64)
    free = ~fixed
    if not free.any():
        return _round(nodes, pos)
    pull = _edge_pull(src, dst, n)
    loose = _without_area(g, nodes, index, fixed)
    centre = pos[fixed].mean(axis=0) if fixed.any() else pos.mean(axis=0)
    steps = iterations if iterations is not None else _iterations(n)
    span = float(np.ptp(pos, axis=0).max()) or k
    for step in range(steps):
        heat = max(span * 0.1 * (1.0 - step / steps), k * 0.02)
        disp = np.zeros_like(pos)
        i, j = _near_pairs(pos, _CUTOFF * k)
        if len(i):
            delta = pos[i] - pos[j]
            dist = np.maximum(np.hypot(*delta.T), 0.01 * k)
            strength = k * k * mass[i] * mass[j] / dist
            _push(disp, i, j, delta / dist[:, None] * strength[:, None], n)
        if len(src):
            delta = pos[dst] - pos[src]
            dist = np.maximum(np.hypot(*delta.T), 0.01 * k)
            unit = delta / dist[:, None] * (dist * dist / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(src, unit[:, axis] * pull[0], minlength=n)
                disp[:, axis] -= np.bincount(dst, unit[:, axis] * pull[1], minlength=n)
        disp[loose] += (centre - pos[loose]) * _GRAVITY * mass[loose, None]
        length = np.maximum(np.hypot(*disp.T), 1e-12)
        move = disp / length[:, None] * np.minimum(length, heat)[:, None]
        pos[free] += move[free]
    _separate(pos, size, free)
    return _round(nodes, pos)


def _edge_pull(src: np.ndarray, dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """How hard each edge pulls its two ends: a node shares out as much pull as it has
    edges, in proportion to the inverse degree of the node at the other end, so an
    organisation stays by its county (few ties) rather than being dragged to the centre
    by the national bodies and initiatives every report names (thousands of ties)."""
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    inverse = 1.0 / np.maximum(degree, 1)
    total = np.bincount(src, inverse[dst], minlength=n) + np.bincount(dst, inverse[src], minlength=n)
    share = degree / np.maximum(total, 1e-12)
    return inverse[dst] * share[src], inverse[src] * share[dst]


def _without_area(g: nx.MultiDiGraph | nx.DiGraph, nodes: list[str], index: Mapping[str, int],
                  fixed: np.ndarray) -> np.ndarray:
    """Nodes of the connected parts that hold no fixed node: they alone feel gravity."""
    loose = np.zeros(len(nodes), dtype=bool)
    for part in nx.weakly_connected_components(g) if g.is_directed() else nx.connected_components(g):
        members = [index[m] for m in part]
        if not fixed[members].any():
            loose[members] = True
    return loose


def _iterations(n: int) -> int:
    """Enough rounds for the graph's size: a few dozen for a handful of nodes, 300 for a
    report, fewer again for a corpus of thousands of nodes (each round costs more)."""
    return max(40, min(50 + 3 * n, 300, int(300 * 2000 / max(n, 1))))


def _map_scale(on_map: Mapping[str, tuple[float, float]], n: int, k: float) -> float:
    """The factor applied to map positions (and starting positions) so the map's extent
    is about 1.5·√n edge lengths: room for every node, whatever the region covered."""
    if len(on_map) < 2:
        return 1.0
    xy = np.array(list(on_map.values()), dtype=float)
    extent = float(np.ptp(xy, axis=0).max())
    if extent <= 0:
        return 1.0
    return 0.8 * math.sqrt(n) * k / extent


def _separate(pos: np.ndarray, size: np.ndarray, free: np.ndarray, *, rounds: int = 30) -> None:
    """Push apart free nodes whose discs (radius: half the size, plus a margin) overlap."""
    radius = size / 2 + 2.0
    reach = float(radius.max()) * 2
    for _ in range(rounds):
        i, j = _near_pairs(pos, reach)
        if not len(i):
            return
        delta = pos[i] - pos[j]
        dist = np.hypot(*delta.T)
        overlap = radius[i] + radius[j] - dist
        hit = overlap > 0
        if not hit.any():
            return
        i, j, delta, dist, overlap = i[hit], j[hit], delta[hit], dist[hit], overlap[hit]
        same = dist < 1e-9
        delta[same] = np.stack([np.cos(i[same] * 2.399963), np.sin(i[same] * 2.399963)], axis=1)  # golden angle
        dist[same] = 1.0
        # each free end moves half the overlap (all of it if the other end is fixed)
        share_i = np.where(free[j], 0.5, 1.0) * free[i]
        share_j = np.where(free[i], 0.5, 1.0) * free[j]
        unit = delta / dist[:, None]
        n = len(pos)
        disp = np.zeros_like(pos)
        for axis in (0, 1):
            disp[:, axis] += np.bincount(i, unit[:, axis] * overlap * share_i, minlength=n)
            disp[:, axis] -= np.bincount(j, unit[:, axis] * overlap * share_j, minlength=n)
        pos += disp


def _round(nodes: list[str], pos: np.ndarray) -> dict[str, tuple[float, float]]:
    return {node: (round(float(x), 3) + 0.0, round(float(y), 3) + 0.0) for node, (x, y) in zip(nodes, pos)}


_GOLDEN = math.pi * (3.0 - math.sqrt(5.0))
_SPACING = 15.0


def _sunflower(centre: tuple[float, float], i: int) -> tuple[float, float]:
    """The i-th point of a golden-angle spiral around ``centre``: evenly spread, never
    on top of one another."""
    r = _SPACING * math.sqrt(i + 1)
    return (round(centre[0] + r * math.cos(i * _GOLDEN), 3) + 0.0,
            round(centre[1] + r * math.sin(i * _GOLDEN), 3) + 0.0)


def starting_positions(g: nx.MultiDiGraph | nx.DiGraph, ids: dict[str, str],
                       on_map: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """A position for every node, so the graph is readable on opening: nodes with
    coordinates where they lie on the map; the others, round by round, on a small spiral
    around the mean position of their already placed neighbours (an organisation next to
    its county, its initiatives around it); nodes with no placed neighbour on a spiral
    below the map. Deterministic: ordered by node id."""
    placed = dict(on_map)
    neighbours = {n: sorted(set(g.predecessors(n)) | set(g.successors(n)), key=ids.__getitem__) for n in g}
    pending = sorted((n for n in g if n not in placed), key=ids.__getitem__)
    while pending:
        anchors: dict[tuple[float, float], list[str]] = {}
        for n in pending:
            near = [placed[m] for m in neighbours[n] if m in placed]
            if near:
                centre = (round(sum(p[0] for p in near) / len(near), 3), round(sum(p[1] for p in near) / len(near), 3))
                anchors.setdefault(centre, []).append(n)
        if not anchors:
            break
        for centre, group in anchors.items():
            for i, n in enumerate(group):
                placed[n] = _sunflower(centre, i)
        pending = [n for n in pending if n not in placed]
    if pending:
        xs = [p[0] for p in placed.values()] or [0.0]
        ys = [p[1] for p in placed.values()] or [0.0]
        centre = ((min(xs) + max(xs)) / 2, min(ys) - (300.0 if placed else 0.0))
        for i, n in enumerate(pending):
            placed[n] = _sunflower(centre, i)
    return placed
