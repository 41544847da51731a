"""How an entity graph looks once exported: node ids, colours, sizes and positions.

Shared by the GraphML, GEXF and JSON writers (and ``examples/draw_sample.py``) so every
view of a graph agrees:

- node ids: a type prefix and 12 hex digits of the IRI's SHA-256 (``org_3f2a9c1be0d4``):
  ASCII, NMTOKEN-safe and stable across corpora (the same IRI always gets the same id);
- colour by entity type (ColorBrewer Set1, readable on white);
- size by degree: ``8 + 4·√degree``, so isolated nodes are visible and hubs stand out;
- position: the default layout (:func:`reportgraph.export.layout.force_layout`), force
  directed with administrative areas fixed at their map position (from longitude/latitude:
  an equirectangular projection centred on China (105°E, 35°N), y pointing north, scaled
  to give every node room); the map view (``map_xy``) has the areas at 100 units per
  degree of latitude and every other node next to its neighbours (:func:`starting_positions`).

>>> node_id("https://w3id.org/reportgraph/id/x", "Organization")
'org_b9038122f31d'
>>> TYPE_COLOURS["Organization"], node_size(4)
((228, 26, 28), 16.0)
>>> position(105.0, 45.0)
(0.0, 1000.0)
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import networkx as nx

from reportgraph.errors import OutputError
from reportgraph.export.layout import force_layout, starting_positions
from reportgraph.export.xmlchars import xml_safe

__all__ = ["DEFAULT_COLOUR", "TYPE_COLOURS", "NodeLook", "hex_colour", "node_id", "node_looks",
           "node_size", "position", "starting_positions"]

TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "Organization": (228, 26, 28),
    "AdministrativeArea": (55, 126, 184),
    "Place": (77, 175, 74),
    "Initiative": (152, 78, 163),
    "Document": (255, 127, 0),
    "Event": (166, 86, 40),
    "Person": (247, 129, 191),
}
"""(r, g, b) per entity type."""

DEFAULT_COLOUR = (153, 153, 153)

_PREFIXES = {
    "Organization": "org",
    "AdministrativeArea": "area",
    "Place": "place",
    "Initiative": "init",
    "Document": "doc",
    "Event": "event",
    "Person": "person",
}
_ORIGIN = (105.0, 35.0)
_SCALE = 100.0


def node_id(iri: str, type_: str) -> str:
    """The node's id in exported files."""
    return f"{_PREFIXES.get(type_, 'node')}_{hashlib.sha256(iri.encode('utf-8')).hexdigest()[:12]}"


def node_size(degree: int) -> float:
    """Node size for a degree (always > 0)."""
    return round(8.0 + 4.0 * math.sqrt(max(degree, 0)), 3)


def position(longitude: float, latitude: float) -> tuple[float, float]:
    """(x, y) for a longitude/latitude in degrees."""
    if not (math.isfinite(longitude) and math.isfinite(latitude)):
        raise OutputError(f"coordinates ({longitude}, {latitude}) are not finite numbers")
    lon0, lat0 = _ORIGIN
    x = (longitude - lon0) * math.cos(math.radians(lat0)) * _SCALE
    y = (latitude - lat0) * _SCALE
    return (round(x, 3) + 0.0, round(y, 3) + 0.0)


def hex_colour(rgb: tuple[int, int, int]) -> str:
    """``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


@dataclass(frozen=True, slots=True)
class NodeLook:
    """What one node looks like: its file id, colour, size, degree, its position in the
    default layout (``xy``, :func:`reportgraph.export.layout.force_layout`) and on the map
    (``map_xy``, :func:`starting_positions`); ``on_map``: placed by its own coordinates."""

    id: str
    colour: tuple[int, int, int]
    size: float
    degree: int
    xy: tuple[float, float]
    on_map: bool
    map_xy: tuple[float, float] = (0.0, 0.0)


def node_looks(g: nx.MultiDiGraph | nx.DiGraph, *, layout: bool = True) -> dict[str, NodeLook]:
    """The look of every node of an entity graph, by node key; raises
    :class:`~reportgraph.errors.OutputError` if two IRIs would share an id. ``layout=False``
    skips the force layout (``xy`` is then the map position)."""
    ids: dict[str, str] = {}
    seen: dict[str, str] = {}
    on_map: dict[str, tuple[float, float]] = {}
    for n, data in g.nodes(data=True):
        nid = node_id(str(data.get("iri", n)), str(data.get("type", "")))
        if nid in seen and seen[nid] != n:
            raise OutputError(f"node id collision between {seen[nid]} and {n}; please report this")
        seen[nid] = n
        ids[n] = nid
        lon, lat = data.get("longitude"), data.get("latitude")
        if lon is not None and lat is not None:
            on_map[n] = position(float(lon), float(lat))
    start = starting_positions(g, ids, on_map)
    sizes = {n: node_size(int(g.degree(n))) for n in g}
    xy = force_layout(g, ids, on_map, sizes=sizes, start=start) if layout else start
    looks: dict[str, NodeLook] = {}
    for n, data in g.nodes(data=True):
        degree = int(g.degree(n))
        colour = TYPE_COLOURS.get(str(data.get("type", "")), DEFAULT_COLOUR)
        looks[n] = NodeLook(ids[n], colour, sizes[n], degree, xy[n], n in on_map, start[n])
    return looks


# --- the table every writer renders: sorted, sanitised, typed, finite ---

Value = str | int | float


@dataclass(frozen=True, slots=True)
class Column:
    """An exported attribute: its name and its type (GraphML/GEXF type names)."""

    name: str
    type: str  # "string" | "long" | "double"


NODE_COLUMNS = (
    Column("label", "string"),
    Column("type", "string"),
    Column("aliases", "string"),
    Column("iri", "string"),
    Column("code", "string"),
    Column("longitude", "double"),
    Column("latitude", "double"),
    Column("degree", "long"),
    Column("years", "string"),
)
"""Node data columns, in file order (``label`` is the name shown on the node)."""

EDGE_COLUMNS = (
    Column("label", "string"),
    Column("type", "string"),
    Column("predicate", "string"),
    Column("weight", "double"),
    Column("years", "string"),
)
"""Edge data columns, in file order (``label`` and ``type``: the predicate name;
``weight``: the evidence count; ``years``: the years of the reports that state it, ``|``-joined)."""


@dataclass(frozen=True, slots=True)
class NodeRow:
    """One node as the writers see it: file id, look and column values (``None`` left out)."""

    key: str
    look: NodeLook
    values: dict[str, Value]

    @property
    def id(self) -> str:
        """The node's id in exported files."""
        return self.look.id

    @property
    def label(self) -> str:
        """The text shown on the node."""
        return str(self.values["label"])


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """One edge as the writers see it: file id (``e0``, ``e1``…), endpoints' file ids and
    column values."""

    id: str
    source: str
    target: str
    values: dict[str, Value]

    @property
    def label(self) -> str:
        """The predicate name."""
        return str(self.values["label"])

    @property
    def weight(self) -> float:
        """The evidence count (> 0)."""
        return float(self.values["weight"])


@dataclass(frozen=True, slots=True)
class Table:
    """Everything a writer writes, sorted so the same graph gives the same bytes.
    ``removed`` counts the characters dropped because XML forbids them."""

    nodes: tuple[NodeRow, ...]
    edges: tuple[EdgeRow, ...]
    removed: int


def _clean(value: object, column: Column, where: str, removed: list[int]) -> Value | None:
    if value is None:
        return None
    if column.type == "string":
        if isinstance(value, (list, tuple, set, frozenset)):
            value = "|".join(sorted(str(v) for v in value))
        text = str(value)
        cleaned = xml_safe(text)
        removed[0] += len(text) - len(cleaned)
        return cleaned if cleaned else None  # Gephi: never an empty value
    if column.type == "long":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise OutputError(f"{where}: {column.name}={value!r} is not an integer")
        return int(value)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as err:
        raise OutputError(f"{where}: {column.name}={value!r} is not a number") from err
    if not math.isfinite(number):
        raise OutputError(f"{where}: {column.name}={value!r} is not finite (Gephi rejects inf/nan)")
    return number


def table(g: nx.MultiDiGraph | nx.DiGraph, *, layout: bool = True) -> Table:
    """The nodes and edges of an entity graph, ready to render: nodes sorted by file id,
    edges by (source, target, label) and numbered ``e0``… in that order. ``layout=False``
    skips the force layout (for writers without positions)."""
    removed = [0]
    looks = node_looks(g, layout=layout)
    nodes = []
    for n, data in g.nodes(data=True):
        look = looks[n]
        values: dict[str, Value] = {}
        for col in NODE_COLUMNS:
            raw = look.degree if col.name == "degree" else data.get(col.name)
            cleaned = _clean(raw, col, f"node {n}", removed)
            if cleaned is not None:
                values[col.name] = cleaned
        values.setdefault("label", look.id)
        nodes.append(NodeRow(str(n), look, values))
    nodes.sort(key=lambda r: r.id)
    raw_edges = []
    multi = g.is_multigraph()
    for item in (g.edges(keys=True, data=True) if multi else g.edges(data=True)):
        u, v, data = item[0], item[1], item[-1]
        where = f"edge {u} -> {v}"
        values = {}
        for col in EDGE_COLUMNS:
            raw = data.get(col.name)
            if col.name == "weight" and raw is None:
                raw = 1.0
            if col.name in ("label", "type") and raw is None:
                raw = data.get("type" if col.name == "label" else "label", item[2] if multi else None)
            cleaned = _clean(raw, col, where, removed)
            if cleaned is not None:
                values[col.name] = cleaned
        if float(values["weight"]) <= 0:
            raise OutputError(f"{where}: weight {values['weight']} must be > 0 (Gephi deletes zero-weight edges)")
        raw_edges.append((looks[u].id, looks[v].id, str(values.get("label", "")), float(values["weight"]), values))
    raw_edges.sort(key=lambda e: e[:4])
    edges = tuple(EdgeRow(f"e{i}", s, t, values) for i, (s, t, _, _, values) in enumerate(raw_edges))
    return Table(tuple(nodes), edges, removed[0])
