"""The merged graph of report graphs: what the default graph of a store, a server's
dataset or a ``graph.trig`` holds (docs/graph-layout.md)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from reportgraph.rdf.iri import ROOT_IRI


_REPORTS = ROOT_IRI + "report/"
#: The nodes that belong to one report, as a SPARQL regular expression on their IRI: its
#: mentions, reified statements and evidence, whose IRIs lie below the report's IRI.
PER_REPORT_REGEX = "^" + _REPORTS.replace(".", "\\.") + "[^/#]+[/#]"


def is_per_report(node: ox.NamedNode | ox.Literal) -> bool:
    """Whether ``node`` belongs to one report (a mention, statement, evidence node or
    sentence, named below the report's IRI): such nodes stay in their report's named graph.

    >>> is_per_report(ox.NamedNode("https://w3id.org/reportgraph/report/ab12/m/3-6-0a1b2c3d"))
    True
    >>> is_per_report(ox.NamedNode("https://w3id.org/reportgraph/report/ab12"))
    False
    """
    value = node.value
    if not value.startswith(_REPORTS):
        return False
    rest = value[len(_REPORTS):]
    return "/" in rest or "#" in rest


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The merged graph of some report graphs: the triples of ``quads`` (named graphs
    only) whose subject does not belong to one report (:func:`is_per_report`), each once,
    in the order first seen. This is the one rule for what the default graph of a store
    or a loaded graph file holds.

    >>> g = ox.NamedNode("https://example.org/graph/1")
    >>> m = ox.NamedNode("https://w3id.org/reportgraph/report/ab12/m/1-3-0a1b2c3d")
    >>> e = ox.NamedNode("https://example.org/e")
    >>> ident = ox.NamedNode("http://www.w3.org/2005/11/its/rdf#taIdentRef")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> quads = [ox.Quad(m, ident, e, g), ox.Quad(e, label, ox.Literal("代县"), g),
    ...          ox.Quad(e, label, ox.Literal("代县"), g)]
    >>> [str(t) for t in union_triples(quads)]
    ['<https://example.org/e> <http://www.w3.org/2000/01/rdf-schema#label> "代县"']
    """
    return list(dict.fromkeys(q.triple for q in quads
                              if isinstance(q.graph_name, ox.NamedNode) and not is_per_report(q.subject)))


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
