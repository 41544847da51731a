"""The merged graph of report graphs: what the default graph of a store or a loaded graph
file holds (entities, the relations between them, the reports' descriptions, each triple
once); a report's mentions, reified statements and evidence stay in its named graph."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from reportgraph.rdf.vocab import ITSRDF, RDF, RDFS, rg

_TYPE, _LABEL, _IDENT = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDFS.label)), ox.NamedNode(str(ITSRDF.taIdentRef))
_MENTION, _ASSERTION = ox.NamedNode(str(rg("Mention"))), ox.NamedNode(str(rg("Assertion")))
_EVIDENCE_CLASS = ox.NamedNode(str(rg("Evidence")))


#: The classes whose instances belong to one report: its mentions, its reified statements
#: and their evidence. They stay in the report's named graph only; everything else (the
#: entities, the relations between them, the report's own description) is also merged
#: into the default graph.
PER_REPORT_CLASSES: frozenset[ox.NamedNode] = frozenset({_MENTION, _ASSERTION, _EVIDENCE_CLASS})


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The merged graph of some report graphs: the triples of ``quads`` (named graphs
    only) whose subject is not an instance of :data:`PER_REPORT_CLASSES`, each once, in
    the order first seen. This is the one rule for what the default graph of a store or
    a loaded graph file holds.

    >>> g = ox.NamedNode("https://example.org/graph/1")
    >>> m, e = ox.NamedNode("https://example.org/m/1"), ox.NamedNode("https://example.org/e")
    >>> quads = [ox.Quad(m, _TYPE, _MENTION, g), ox.Quad(m, _IDENT, e, g),
    ...          ox.Quad(e, _LABEL, ox.Literal("代县"), g), ox.Quad(e, _LABEL, ox.Literal("代县"), g)]
    >>> [str(t) for t in union_triples(quads)]
    ['<https://example.org/e> <http://www.w3.org/2000/01/rdf-schema#label> "代县"']
    """
    named = [q for q in quads if isinstance(q.graph_name, ox.NamedNode)]
    per_report = {q.subject for q in named if q.predicate == _TYPE and q.object in PER_REPORT_CLASSES}
    return list(dict.fromkeys(q.triple for q in named if q.subject not in per_report))
