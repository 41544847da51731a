"""How readable a drawing of the entity graph is, measured as a person would see it: the
layout fitted into a square canvas of 1,000 px, each node a disc of radius ``size / 3`` px
(what the HTML viewer draws; sizes from :func:`reportgraph.export.style.node_size`).

- ``overlapping``: pairs of nodes whose discs overlap;
- ``stacked``: nodes lying within 1 px of another node (drawn on one point);
- ``crowded``: the largest share of nodes within 50 px (5 % of the canvas) of one node;
- ``edge_cv``: the spread of edge lengths, their standard deviation over their mean
  (0: every edge as long as the others);
- ``edge_ratio``: the 90th over the 10th percentile of edge lengths.

>>> pos = {"a": (0.0, 0.0), "b": (3.0, 0.0), "c": (1000.0, 0.0)}
>>> r = readability(pos, [("a", "b"), ("b", "c")], {"a": 8.0, "b": 8.0, "c": 8.0})
>>> r.nodes, r.overlapping, r.stacked
(3, 1, 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

import numpy as np

from reportgraph.export.layout import _near_pairs

__all__ = ["CANVAS", "Readability", "readability"]

CANVAS = 1000.0
"""The side of the square canvas the layout is fitted into (px)."""


@dataclass(frozen=True, slots=True)
class Readability:
    """Figures of one drawing (see the module docstring)."""

    nodes: int
    edges: int
    overlapping: int
    stacked: int
    crowded: float
    edge_cv: float
    edge_ratio: float

    def as_dict(self) -> dict[str, float | int]:
        """The figures by name."""
        return asdict(self)


def readability(pos: Mapping[str, tuple[float, float]], edges: Iterable[tuple[str, str]],
                sizes: Mapping[str, float]) -> Readability:
    """Measure a drawing: node positions (any units), edges (node pairs) and node sizes."""
    nodes = sorted(pos)
    index = {n: i for i, n in enumerate(nodes)}
    xy = np.array([pos[n] for n in nodes], dtype=float).reshape(-1, 2)
    if len(xy):
        xy -= xy.min(axis=0)
        extent = float(xy.max()) or 1.0
        xy *= CANVAS / extent
    radius = np.array([sizes.get(n, 8.0) / 3.0 for n in nodes])
    overlapping = stacked = 0
    crowded = 0.0
    if len(xy) > 1:
        reach = max(float(radius.max()) * 2, 50.0)
        i, j = _near_pairs(xy, reach)
        dist = np.hypot(*(xy[i] - xy[j]).T)
        overlapping = int((dist < radius[i] + radius[j]).sum())
        on_point = dist < 1.0
        stacked = len(set(i[on_point].tolist()) | set(j[on_point].tolist()))
        near = dist < 50.0
        counts = np.bincount(i[near], minlength=len(xy)) + np.bincount(j[near], minlength=len(xy))
        crowded = round(float(counts.max() + 1) / len(xy), 3)
    pairs = [(index[u], index[v]) for u, v in edges if u != v]
    cv = ratio = 0.0
    if pairs:
        a = np.array(pairs)
        length = np.hypot(*(xy[a[:, 0]] - xy[a[:, 1]]).T)
        mean = float(length.mean())
        cv = round(float(length.std()) / mean, 3) if mean > 0 else 0.0
        p10, p90 = np.percentile(length, [10, 90])
        ratio = round(float(p90 / p10), 1) if p10 > 0 else float("inf")
    return Readability(len(nodes), len(pairs), overlapping, stacked, crowded, cv, ratio)
