"""Export the entity graph: GraphML for Gephi, GEXF 1.3, and node-link JSON for web
viewers (d3, sigma.js, cytoscape.js).

The exported network is the entity graph (:mod:`reportgraph.export.entity_graph`): one node per
entity, one edge per relation, not the raw RDF triples. Every writer renders the same
sorted, sanitised table (:func:`reportgraph.export.style.table`), so the same graph always gives
byte-identical files, and writes atomically (a temporary file beside the target, then a
rename), so a failure never leaves a half-written file.

>>> import tempfile
>>> from pathlib import Path
>>> out = Path(tempfile.mkdtemp())
>>> fixture = Path(__file__).parents[3] / "tests/fixtures/small.trig"
>>> for name in ("graph.graphml", "graph.gexf", "graph.json"):
...     _ = export_graph(fixture, out / name)
>>> sorted(p.name for p in out.iterdir())
['graph.gexf', 'graph.graphml', 'graph.json']
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reportgraph.errors import OutputError
from reportgraph.outputs import atomic_write
from reportgraph.export.style import Table, hex_colour, table

if TYPE_CHECKING:
    import networkx as nx

    from reportgraph.store.sources import Source

__all__ = [
    "FORMATS",
    "Format",
    "export_graph",
    "node_link_data",
    "to_entity_graph",
    "write_gexf",
    "write_graphml",
    "write_graphml_from_rdf",
    "write_json",
]

log = logging.getLogger(__name__)

Format = Literal["graphml", "gexf", "json", "html", "csv"]
FORMATS: dict[str, Format] = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".html": "html"}
"""File suffix → format, for :func:`export_graph` without ``fmt``."""


def to_entity_graph(source: Source) -> nx.MultiDiGraph:
    """The entity graph of an RDF graph (a file, a store directory, an rdflib graph, a
    pyoxigraph store or a :class:`~reportgraph.api.ReportGraph`), drawn from its records
    (:mod:`reportgraph.records`)."""
    from reportgraph.export.entity_graph import entity_graph
    from reportgraph.query.read_records import read_records
    from reportgraph.records import _entity_key
    from reportgraph.store.sources import open_store

    entities, relations = read_records(open_store(source))
    return entity_graph(sorted(entities.values(), key=_entity_key), relations)


def _table(g: nx.MultiDiGraph | nx.DiGraph, path: Path) -> Table:
    t = table(g)
    if t.removed:
        log.warning("%s: removed %d characters that XML forbids", path, t.removed)
    return t


def _write(path: str | os.PathLike[str], data: bytes, *, overwrite: bool) -> Path:
    target = Path(path)
    with atomic_write(target, overwrite=overwrite) as f:
        f.write(data)
    return target


def write_graphml(g: nx.MultiDiGraph | nx.DiGraph, path: str | os.PathLike[str], *, overwrite: bool = True,
                  gephi_kind: bool = False) -> Path:
    """Write an entity graph as GraphML for Gephi (see :mod:`reportgraph.export.graphml`).
    Gephi picks its importer by extension: use ``.graphml``. ``gephi_kind`` adds the
    predicate as Gephi's edge Kind (``<edge label=…>``, outside the GraphML schema), so
    Gephi never merges two relations between the same pair of entities."""
    from reportgraph.export.graphml import graphml_from_table

    data = graphml_from_table(_table(g, Path(path)), gephi_kind=gephi_kind)
    return _write(path, data, overwrite=overwrite)


def write_gexf(g: nx.MultiDiGraph | nx.DiGraph, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Write an entity graph as GEXF 1.3 with viz colours, sizes and positions (see
    :mod:`reportgraph.export.gexf`)."""
    from reportgraph.export.gexf import gexf_from_table

    return _write(path, gexf_from_table(_table(g, Path(path))), overwrite=overwrite)


def node_link_data(g: nx.MultiDiGraph | nx.DiGraph) -> dict[str, Any]:
    """The entity graph in node-link form: ``{"directed", "multigraph", "graph",
    "nodes": [...], "links": [...]}``. Nodes carry ``id``, ``label``, ``type``,
    ``aliases`` (a list), ``iri``, ``code``/``longitude``/``latitude`` when known,
    ``degree``, ``size``, ``color`` (``#rrggbb``) and ``x``/``y`` (every node: sigma.js needs
    them; see :func:`reportgraph.export.style.starting_positions`); links carry
    ``id``, ``source``, ``target``, ``key``, ``label``, ``type``, ``predicate`` and
    ``weight`` (a person's post: type ``post``, label the role, key ``post:ROLE``); nodes
    and links of dated reports carry ``years`` (a list of years). ``networkx.node_link_graph(data, edges="links")`` reads it back. ``y``
    points north (flip it for SVG, where y points down).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("urn:a", label="代县政协", type="Organization", aliases="县政协|政协代县委员会")
    >>> node_link_data(g)["nodes"][0]["aliases"]
    ['县政协', '政协代县委员会']
    """
    return _node_link(table(g))


def _node_link(t: Table) -> dict[str, Any]:
    nodes = []
    for row in t.nodes:
        node: dict[str, Any] = {"id": row.id, **row.values}
        aliases = row.values.get("aliases")
        node["aliases"] = str(aliases).split("|") if aliases else []
        if "years" in row.values:
            node["years"] = [int(y) for y in str(row.values["years"]).split("|")]
        node.update(size=row.look.size, color=hex_colour(row.look.colour))
        node.update(x=row.look.xy[0], y=row.look.xy[1])
        nodes.append(node)
    links = [
        {"id": row.id, "source": row.source, "target": row.target,
         "key": (f"post:{row.label}" if row.values.get("type") == "post" else row.values.get("type", row.label)),
         **row.values, **({"years": [int(y) for y in str(row.values["years"]).split("|")]}
                          if "years" in row.values else {})}
        for row in t.edges
    ]
    return {"directed": True, "multigraph": True, "graph": {"name": "reportgraph entity graph"},
            "nodes": nodes, "links": links}


def write_json(g: nx.MultiDiGraph | nx.DiGraph, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Write an entity graph as node-link JSON (UTF-8, not ASCII-escaped; see
    :func:`node_link_data`)."""
    data = _node_link(_table(g, Path(path)))
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return _write(path, text.encode("utf-8"), overwrite=overwrite)


_WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "json": write_json}


def export_graph(
    source: Source | nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    fmt: Format | None = None,
    overwrite: bool = True,
) -> Path:
    """Export ``source`` (anything :meth:`ReportGraph.load <reportgraph.api.ReportGraph.load>`
    reads, or an entity graph already projected) to ``path`` as ``graphml``, ``gexf``,
    ``json``, ``html`` (the viewer, :mod:`reportgraph.export.viewer`; not from a networkx
    graph) or ``csv`` (``nodes.csv`` and ``edges.csv`` in the directory ``path``,
    :mod:`reportgraph.export.tables`); ``fmt``, or guessed from the suffix. RDF formats are written by
    :mod:`reportgraph.rdf.to_rdf`."""
    target = Path(path)
    if fmt is None:
        fmt = FORMATS.get(target.suffix.lower())
        if fmt is None:
            raise OutputError(f"{target}: cannot tell the format from the suffix; "
                              f"use {', '.join(FORMATS)} or give fmt= one of {', '.join(_WRITERS)}")
    import networkx as nx

    if fmt == "html":
        from reportgraph.export.viewer.source import write_viewer

        if isinstance(source, nx.Graph):
            raise OutputError("the HTML viewer needs the graph with its evidence: give a file, a store or a "
                              "ReportGraph, not a networkx graph")
        return write_viewer(source, target, overwrite=overwrite)
    graph = source if isinstance(source, nx.Graph) else to_entity_graph(source)
    if fmt == "csv":
        from reportgraph.export.tables import write_csv

        write_csv(graph, target, overwrite=overwrite)
        return target
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise OutputError(f"unknown export format {fmt!r}: use one of {', '.join(_WRITERS)}, html, csv")
    return writer(graph, target, overwrite=overwrite)


def write_graphml_from_rdf(rdf: Source, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Project an RDF graph (e.g. ``to_rdf.to_dataset(...)``) and write it as GraphML."""
    return write_graphml(to_entity_graph(rdf), path, overwrite=overwrite)
