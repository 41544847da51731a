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
from collections.abc import Callable, Iterable, Mapping

import pyoxigraph as ox

from reportgraph.rdf.terms import sparql_term

__all__ = ["Select", "delete_data", "drop_graph", "forget_from_union", "forget_reports", "insert_data", "request"]


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


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _values(graphs: Iterable[ox.NamedNode]) -> tuple[str, str]:
    names = sorted({sparql_term(g) for g in graphs})
    return " ".join(names), ", ".join(names)


def forget_from_union(graph: ox.NamedNode) -> str:
    """Remove a graph's triples about nodes of the merged graph (its report's own node, and
    anything not in the layout of :mod:`reportgraph.rdf.merged`) from the merged default
    graph unless another named graph holds them too. (The triples its descriptions and
    statements stand for: :func:`forget_reports`.)"""
    return _forget_plain([graph])


def _forget_plain(graphs: Iterable[ox.NamedNode]) -> str:
    from reportgraph.rdf.merged import DESCRIPTION, PER_REPORT_REGEX

    values, listed = _values(graphs)
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER (?p != {sparql_term(DESCRIPTION)} && !REGEX(STR(?s), {json.dumps(PER_REPORT_REGEX)})) "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other NOT IN ({listed})) }} }}")


def _forget_statements(graphs: Iterable[ox.NamedNode]) -> str:
    values, listed = _values(graphs)
    stmt = f"<{_RDF}subject> ?s ; <{_RDF}predicate> ?p ; <{_RDF}object> ?o"
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?st {stmt} }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?st2 {stmt} }} FILTER (?other NOT IN ({listed})) }} }}")


Select = Callable[[str, Mapping[str, "ox.Term"]], Iterable[Mapping[str, "ox.Term | None"]]]
"""Runs a SELECT on a store with values bound to variables and returns its rows."""


def forget_reports(graphs: Iterable[ox.NamedNode], select: Select) -> list[str]:
    """The update operations that take the triples of report ``graphs`` out of the merged
    default graph unless a graph outside ``graphs`` states them too: the triples of their
    descriptions (found with ``select`` and the internal query ``forget-descriptions``,
    before anything changes), the relations their statements state, and their report's own
    triples. The graphs themselves are not dropped."""
    from reportgraph.query.internal import internal_query
    from reportgraph.rdf.merged import description_triples

    graphs = sorted(set(graphs), key=lambda g: g.value)
    if not graphs:
        return []
    excluded = ox.Literal("".join(f"<{g.value}>" for g in graphs))
    mine: dict[ox.Term, set[str]] = {}
    others: dict[ox.Term, set[str]] = {}
    for graph in graphs:
        for row in select(internal_query("forget-descriptions"), {"g": graph, "excluded": excluded}):
            s, m, o = row["s"], row["mine"], row.get("other")
            if s is None or m is None:
                continue
            mine.setdefault(s, set()).update(m.value.split("\n"))
            if o is not None:
                others.setdefault(s, set()).update(o.value.split("\n"))
    gone: list[ox.Triple] = []
    for s, lines in mine.items():
        left = lines - others.get(s, set())
        if left and isinstance(s, (ox.NamedNode, ox.BlankNode)):
            gone += description_triples(s, "\n".join(sorted(left)))
    ops = [delete_data(gone)] if gone else []
    return ops + [_forget_statements(graphs), _forget_plain(graphs)]
