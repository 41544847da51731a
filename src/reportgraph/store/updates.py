"""SPARQL updates built from terms, in one place: the embedded store and the server store
send these texts (an update request is one transaction, which pyoxigraph's ``add``/``remove``
calls are not, and a server takes only text). pyoxigraph's ``update`` takes no substitutions,
so every term goes in through the codec (:func:`reportgraph.rdf.terms.sparql_term`:
pyoxigraph's own N-Triples writing), never as a string of the caller's.

>>> g = ox.NamedNode("http://example.org/graph/1")
>>> t = ox.Triple(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("代县"))
>>> print(request(drop_graph(g), insert_data([t], graph=g)))
DROP SILENT GRAPH <http://example.org/graph/1> ;
INSERT DATA { GRAPH <http://example.org/graph/1> {
<http://a> <http://b> "代县" .
} }
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from reportgraph.rdf.terms import sparql_term

__all__ = ["delete_data", "drop_graph", "forget_from_union", "insert_data", "rebuild_union", "request"]


def request(*operations: str) -> str:
    """Several operations as one update request (one transaction)."""
    return " ;\n".join(operations)


def drop_graph(graph: ox.NamedNode) -> str:
    """Drop a named graph (nothing when there is none)."""
    return f"DROP SILENT GRAPH {sparql_term(graph)}"


def _data(verb: str, triples: Iterable[ox.Triple], graph: ox.NamedNode | None) -> str:
    body = "".join(f"{sparql_term(t)} .\n" for t in triples)
    if graph is None:
        return f"{verb} DATA {{\n{body}}}"
    return f"{verb} DATA {{ GRAPH {sparql_term(graph)} {{\n{body}}} }}"


def insert_data(triples: Iterable[ox.Triple], *, graph: ox.NamedNode | None = None) -> str:
    """Insert ``triples`` into ``graph`` (the default graph when ``None``)."""
    return _data("INSERT", triples, graph)


def delete_data(triples: Iterable[ox.Triple], *, graph: ox.NamedNode | None = None) -> str:
    """Delete ``triples`` from ``graph`` (the default graph when ``None``)."""
    return _data("DELETE", triples, graph)


def forget_from_union(graph: ox.NamedNode) -> str:
    """Remove a graph's triples from the merged default graph unless another named graph
    holds them too."""
    name = sparql_term(graph)
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {name}) }} }}")


def rebuild_union(per_report_regex: str) -> str:
    """Make the default graph anew as the merged graph of the named graphs, leaving out the
    subjects that belong to one report (IRIs matching ``per_report_regex``)."""
    return ("DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER (!REGEX(STR(?s), {json.dumps(per_report_regex)})) }}")
