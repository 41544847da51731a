"""GraphML for Gephi, written by our own lxml code (``reportgraph.export.writers.write_graphml``
writes it to a file atomically).

It follows the rules read from Gephi's importer (``shared/reference/gephi.md`` §6):
UTF-8 with an explicit ``<?xml version="1.0" encoding="UTF-8"?>``; every key declared
before the graph with ``for="node"|"edge"``, a prefixed id (``n_type``, ``e_weight``;
unique even ignoring case, never a name Gephi reserves) and a type Gephi and the GraphML
schema both read (``string``, ``long``, ``double``, ``int``); one type per key, no
empty values, no ``None``, lists or inf/nan; the visual properties by ``attr.name``
(node ``label``, ``size``, ``r``/``g``/``b``, ``x``/``y``; edge ``label``, ``weight``),
the entity type, aliases and degree as ordinary columns; ``edgedefault="directed"``, all
nodes before all edges, ASCII node ids and unique edge ids ``e0``, ``e1``…; every string
stripped of characters XML forbids. Valid against the GraphML 1.0 XSD.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("urn:a", label="代县政协", type="Organization", iri="urn:a")
>>> g.add_node("urn:b", label="代县", type="AdministrativeArea", iri="urn:b", longitude=112.96, latitude=39.07)
>>> _ = g.add_edge("urn:a", "urn:b", key="locatedIn", label="locatedIn", type="locatedIn", weight=1.0)
>>> data = graphml_bytes(g)
>>> data.splitlines()[0]
b'<?xml version="1.0" encoding="UTF-8"?>'
>>> import io; back = nx.read_graphml(io.BytesIO(data))
>>> sorted(d["label"] for _, d in back.nodes(data=True))
['代县', '代县政协']
"""

from __future__ import annotations

from lxml import etree

import networkx as nx

from reportgraph.export.style import EDGE_COLUMNS, NODE_COLUMNS, Column, Table, table

__all__ = ["GRAPHML_NS", "NODE_VISUAL", "EDGE_KEYS", "NODE_KEYS", "graphml_bytes", "graphml_from_table"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'

NODE_VISUAL = (
    Column("size", "double"),
    Column("r", "int"),
    Column("g", "int"),
    Column("b", "int"),
    Column("x", "double"),
    Column("y", "double"),
)
"""Gephi's node visual properties (matched by ``attr.name``)."""

NODE_KEYS = tuple((f"n_{c.name}", c) for c in (*NODE_COLUMNS, *NODE_VISUAL))
"""(key id, column) of every node key, in file order."""
EDGE_KEYS = tuple((f"e_{c.name}", c) for c in EDGE_COLUMNS)
"""(key id, column) of every edge key, in file order."""


def _text(value: str | int | float) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


def graphml_from_table(t: Table, *, gephi_kind: bool = False) -> bytes:
    """Render a :class:`~reportgraph.export.style.Table` as GraphML bytes.

    ``gephi_kind`` also writes the predicate as ``<edge label="…">``, which Gephi reads as
    the edge's Kind, so parallel edges with different predicates are never merged; the
    GraphML schema does not allow that attribute, so it is off by default (GEXF's ``kind``
    does the same and stays valid)."""
    root = etree.Element(f"{{{GRAPHML_NS}}}graphml", nsmap={None: GRAPHML_NS, "xsi": _XSI})
    root.set(f"{{{_XSI}}}schemaLocation",
             f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for key_id, col in keys:
            etree.SubElement(root, f"{{{GRAPHML_NS}}}key", {
                "id": key_id, "for": scope, "attr.name": col.name, "attr.type": col.type})
    graph = etree.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "G", "edgedefault": "directed"})
    for row in t.nodes:
        node = etree.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": row.id})
        visual: dict[str, str | int | float] = {"size": row.look.size}
        visual.update(zip("rgb", row.look.colour))
        visual["x"], visual["y"] = row.look.xy
        for key_id, col in NODE_KEYS:
            value = row.values.get(col.name, visual.get(col.name))
            if value is not None:
                etree.SubElement(node, f"{{{GRAPHML_NS}}}data", {"key": key_id}).text = _text(value)
    for row in t.edges:
        attrib = {"id": row.id, "source": row.source, "target": row.target}
        if gephi_kind and row.label:
            attrib["label"] = row.label
        edge = etree.SubElement(graph, f"{{{GRAPHML_NS}}}edge", attrib)
        for key_id, col in EDGE_KEYS:
            value = row.values.get(col.name)
            if value is not None:
                etree.SubElement(edge, f"{{{GRAPHML_NS}}}data", {"key": key_id}).text = _text(value)
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)


def graphml_bytes(g: nx.MultiDiGraph | nx.DiGraph, *, gephi_kind: bool = False) -> bytes:
    """An entity graph (:func:`reportgraph.export.entity_graph.entity_graph`) as GraphML bytes."""
    return graphml_from_table(table(g), gephi_kind=gephi_kind)
