"""GEXF 1.3 with the viz module, written by our own lxml code (``reportgraph.export.writers.
write_gexf`` writes it to a file atomically).

Unlike networkx's ``write_gexf`` it keeps an edge attribute named ``type``, writes the
predicate as the edge ``kind`` (Gephi's "Kind" column, so relation types stay separate
edges), gives colours as integer ``r``/``g``/``b`` with no alpha, positions without
``z``, and no date, so the same graph gives the same bytes. Valid against the GEXF 1.3
RelaxNG schema. When edges carry the ``years`` of the reports that state them, the graph is
dynamic (``mode="dynamic"``, ``timeformat="date"``) and each such node and edge has
``<spells>``, one per run of consecutive years (2020–2021 → 2020-01-01 to 2021-12-31), so
Gephi's timeline plays a corpus.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("urn:a", label="代县政协", type="Organization", iri="urn:a")
>>> g.add_node("urn:b", label="代县", type="AdministrativeArea", iri="urn:b")
>>> _ = g.add_edge("urn:a", "urn:b", key="locatedIn", label="locatedIn", type="locatedIn", weight=2.0)
>>> import io; back = nx.read_gexf(io.BytesIO(gexf_bytes(g)))
>>> [(d["label"], d["type"], d["weight"]) for *_, d in back.edges(data=True)]
[('locatedIn', 'locatedIn', 2.0)]
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

import networkx as nx

from reportgraph.export.graphml import XML_DECLARATION
from reportgraph.export.style import EDGE_COLUMNS, NODE_COLUMNS, Column, Table, Value, table

__all__ = ["GEXF_NS", "VIZ_NS", "gexf_bytes", "gexf_from_table"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

# label and weight are XML attributes of <node>/<edge> in GEXF, not data columns
_NODE_ATTRS = tuple(c for c in NODE_COLUMNS if c.name != "label")
_EDGE_ATTRS = tuple(c for c in EDGE_COLUMNS if c.name not in ("label", "weight"))


def _text(value: str | int | float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def gexf_from_table(t: Table) -> bytes:
    """Render a :class:`~reportgraph.export.style.Table` as GEXF 1.3 bytes."""
    g, v = f"{{{GEXF_NS}}}", f"{{{VIZ_NS}}}"
    root = etree.Element(g + "gexf", {"version": "1.3"}, nsmap={None: GEXF_NS, "viz": VIZ_NS})
    meta = etree.SubElement(root, g + "meta")
    etree.SubElement(meta, g + "creator").text = "reportgraph"
    etree.SubElement(meta, g + "description").text = "Entity graph: one node per entity, one edge per relation"
    dynamic = any("years" in row.values for row in (*t.nodes, *t.edges))
    graph = etree.SubElement(root, g + "graph", {"defaultedgetype": "directed", "mode": "static"} if not dynamic
                             else {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"})
    for cls, columns in (("node", _NODE_ATTRS), ("edge", _EDGE_ATTRS)):
        attrs = etree.SubElement(graph, g + "attributes", {"class": cls, "mode": "static"})
        for col in columns:
            etree.SubElement(attrs, g + "attribute", {"id": f"{cls[0]}_{col.name}", "title": col.name,
                                                      "type": col.type})
    nodes = etree.SubElement(graph, g + "nodes", {"count": str(len(t.nodes))})
    for row in t.nodes:
        node = etree.SubElement(nodes, g + "node", {"id": row.id, "label": row.label})
        _attvalues(node, "n", _NODE_ATTRS, row.values)
        r, gr, b = row.look.colour
        etree.SubElement(node, v + "color", {"r": str(r), "g": str(gr), "b": str(b)})
        etree.SubElement(node, v + "position", {"x": _text(row.look.xy[0]), "y": _text(row.look.xy[1])})
        etree.SubElement(node, v + "size", {"value": _text(row.look.size)})
        _spells(node, row.values)
    edges = etree.SubElement(graph, g + "edges", {"count": str(len(t.edges))})
    for row in t.edges:
        attrib = {"id": row.id, "source": row.source, "target": row.target}
        if row.label:
            attrib.update(label=row.label, kind=row.label)
        attrib["weight"] = _text(row.weight)
        edge = etree.SubElement(edges, g + "edge", attrib)
        _attvalues(edge, "e", _EDGE_ATTRS, row.values)
        _spells(edge, row.values)
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False, pretty_print=True)


def _attvalues(parent: etree._Element, prefix: str, columns: tuple[Column, ...], values: Mapping[str, Value]) -> None:
    present = [(c, values[c.name]) for c in columns if c.name in values]
    if not present:
        return
    box = etree.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
    for col, value in present:
        etree.SubElement(box, f"{{{GEXF_NS}}}attvalue", {"for": f"{prefix}_{col.name}", "value": _text(value)})


def year_runs(years: str) -> list[tuple[int, int]]:
    """``2019|2020|2022`` → ``[(2019, 2020), (2022, 2022)]``: runs of consecutive years.

    >>> year_runs("2019|2020|2022")
    [(2019, 2020), (2022, 2022)]
    """
    runs: list[tuple[int, int]] = []
    for y in sorted({int(y) for y in str(years).split("|") if y.isdigit()}):
        if runs and runs[-1][1] == y - 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return runs


def _spells(parent: etree._Element, values: Mapping[str, Value]) -> None:
    runs = year_runs(str(values.get("years", "")))
    if not runs:
        return
    box = etree.SubElement(parent, f"{{{GEXF_NS}}}spells")
    for start, end in runs:
        etree.SubElement(box, f"{{{GEXF_NS}}}spell", {"start": f"{start:04d}-01-01", "end": f"{end:04d}-12-31"})


def gexf_bytes(g: nx.MultiDiGraph | nx.DiGraph) -> bytes:
    """An entity graph (:func:`reportgraph.export.entity_graph.entity_graph`) as GEXF 1.3 bytes."""
    return gexf_from_table(table(g))
