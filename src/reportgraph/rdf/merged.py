"""The merged graph of report graphs: what the default graph of a store, a server's
dataset or a ``graph.trig`` holds (docs/graph-layout.md)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from reportgraph.rdf.vocab import RDF, rg

_TYPE = ox.NamedNode(str(RDF.type))

#: The classes whose instances belong to one report: its mentions, its reified statements
#: and their evidence. They stay in the report's named graph only; everything else (the
#: entities, the relations between them, the report's own description) is also merged
#: into the default graph.
PER_REPORT_CLASSES: frozenset[ox.NamedNode] = frozenset(
    ox.NamedNode(str(rg(name))) for name in ("Mention", "Assertion", "Evidence"))


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The merged graph of some report graphs: the triples of ``quads`` (named graphs
    only) whose subject is not an instance of :data:`PER_REPORT_CLASSES`, each once, in
    the order first seen. This is the one rule for what the default graph of a store or
    a loaded graph file holds.

    >>> g = ox.NamedNode("https://example.org/graph/1")
    >>> m, e = ox.NamedNode("https://example.org/m/1"), ox.NamedNode("https://example.org/e")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> quads = [ox.Quad(m, _TYPE, ox.NamedNode(str(rg("Mention"))), g), ox.Quad(m, label, e, g),
    ...          ox.Quad(e, label, ox.Literal("代县"), g), ox.Quad(e, label, ox.Literal("代县"), g)]
    >>> [str(t) for t in union_triples(quads)]
    ['<https://example.org/e> <http://www.w3.org/2000/01/rdf-schema#label> "代县"']
    """
    named = [q for q in quads if isinstance(q.graph_name, ox.NamedNode)]
    per_report = {q.subject for q in named if q.predicate == _TYPE and q.object in PER_REPORT_CLASSES}
    return list(dict.fromkeys(q.triple for q in named if q.subject not in per_report))


def with_merged_default(quads: list[ox.Quad]) -> list[ox.Quad]:
    """``quads`` laid out as a store lays them out, for files any SPARQL engine can query:
    the report graphs, and before them, in the default graph, their merged graph
    (:func:`union_triples`: entities and relations, each triple once), which the named
    queries read without a union-default-graph switch. Quads that already have a default
    graph, or have no named graph, are returned as they are.

    >>> g, d = ox.NamedNode("http://a/g"), ox.DefaultGraph()
    >>> [q.graph_name == d for q in with_merged_default([ox.Quad(ox.NamedNode("http://a/s"),
    ...     ox.NamedNode("http://a/p"), ox.Literal("x"), g)])]
    [True, False]
    """
    default = ox.DefaultGraph()
    if not quads or any(q.graph_name == default for q in quads):
        return quads
    merged = sorted(union_triples(quads), key=str)
    return [ox.Quad(t.subject, t.predicate, t.object, default) for t in merged] + quads
