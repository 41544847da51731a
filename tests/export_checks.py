"""Checks of exported GraphML and GEXF files against their schemas and Gephi's rules."""

from __future__ import annotations

import math
import re
from pathlib import Path

from lxml import etree

HERE = Path(__file__).parent
GRAPHML_XSD = etree.XMLSchema(etree.parse(str(HERE / "schemas" / "graphml" / "graphml.xsd")))
GEXF_RNG = etree.RelaxNG(etree.parse(str(HERE / "schemas" / "gexf-1.3" / "gexf.rng")))
G = "{http://graphml.graphdrawing.org/xmlns}"
X = "{http://gexf.net/1.3}"
V = "{http://gexf.net/1.3/viz}"
RESERVED = {"id", "label", "weight", "timeset", "degree", "indegree", "outdegree", "size", "color",
            "r", "g", "b", "x", "y", "z", "edgelabel", "type"}
NMTOKEN_ASCII = re.compile(r"[A-Za-z0-9_.:-]+")


def assert_graphml_valid(path: Path) -> etree._ElementTree:
    doc = etree.parse(str(path))  # also proves well-formedness
    assert GRAPHML_XSD.validate(doc), GRAPHML_XSD.error_log
    return doc


def assert_gexf_valid(path: Path) -> etree._ElementTree:
    doc = etree.parse(str(path))
    assert GEXF_RNG.validate(doc), GEXF_RNG.error_log
    return doc


def assert_gephi_rules(path: Path) -> None:
    """What the XSD cannot see (shared/reference/gephi.md §6)."""
    raw = path.read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    raw.decode("utf-8")
    root = etree.parse(str(path)).getroot()
    children = [c.tag for c in root]
    assert children[-1] == G + "graph" and set(children[:-1]) == {G + "key"}  # keys first
    keys = root.findall(G + "key")
    ids = [k.get("id") for k in keys]
    assert len({i.lower() for i in ids}) == len(ids), "key ids must be unique ignoring case"
    types = {}
    for k in keys:
        assert k.get("for") in ("node", "edge")
        assert k.get("attr.type") in ("boolean", "int", "long", "float", "double", "string")
        assert k.get("id").lower() not in RESERVED and k.get("id").startswith(("n_", "e_"))
        assert " " not in k.get("attr.name")
        types[k.get("id")] = (k.get("for"), k.get("attr.name"), k.get("attr.type"))
    graph = root.find(G + "graph")
    assert graph.get("edgedefault") == "directed"
    kinds = [c.tag for c in graph]
    assert kinds == sorted(kinds, key=lambda t: t != G + "node"), "all nodes before all edges"
    node_ids = [n.get("id") for n in graph.findall(G + "node")]
    assert all(NMTOKEN_ASCII.fullmatch(i) for i in node_ids) and len(set(node_ids)) == len(node_ids)
    edge_ids = [e.get("id") for e in graph.findall(G + "edge")]
    assert all(re.fullmatch(r"e\d+", i) for i in edge_ids) and len(set(edge_ids)) == len(edge_ids)
    for element in graph:
        scope = "node" if element.tag == G + "node" else "edge"
        names = set()
        for data in element.findall(G + "data"):
            key_scope, name, kind = types[data.get("key")]
            assert key_scope == scope
            names.add(name)
            text = data.text
            assert text and text.strip() == text, f"empty or padded value in {data.get('key')}"
            if kind in ("double", "float"):
                assert math.isfinite(float(text)) and text.lower() not in ("inf", "nan")
            if kind in ("int", "long"):
                int(text)
            if name in ("r", "g", "b"):
                assert 0 <= int(text) <= 255
            if name == "size":
                assert float(text) > 0
            if name == "weight":
                assert float(text) > 0, "Gephi deletes zero-weight edges"
        assert "label" in names
        if scope == "node":
            assert {"type", "size", "r", "g", "b"} <= names
        else:
            assert {"type", "weight"} <= names
        assert element.get("source", "x") and element.get("target", "x")
