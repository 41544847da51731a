"""The merged graph of report graphs: what the default graph of a store, a server's
dataset or a ``graph.trig`` holds, and how a report graph says its part of it once
(docs/graph-layout.md).

A report graph does not repeat the merged graph's triples one by one:

- each node the report describes (an entity, a post, a role) has one triple in it,
  ``<node> rg:description "…"``, whose text is the report's triples about the node as
  N-Triples lines without their subject, sorted (:func:`description_text`): reports that
  describe a node alike share the one text, a store holds it once;
- a relation the report states is its reified statement (``rdf:subject``,
  ``rdf:predicate``, ``rdf:object``), from which the relation triple follows;
- the report's own node (``<…/report/{sha}>``) is written as it is.

:func:`union_triples` reads any report graph back into its part of the merged graph
(graphs in the earlier layout, entity triples written out, too); :func:`compact_quads`
writes report graphs in this layout.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from reportgraph.rdf.iri import ROOT_IRI
from reportgraph.rdf.ontology import NAMESPACE


_REPORTS = ROOT_IRI + "report/"
#: The nodes that belong to one report, as a SPARQL regular expression on their IRI: its
#: mentions, reified statements and evidence, whose IRIs lie below the report's IRI.
PER_REPORT_REGEX = "^" + _REPORTS.replace(".", "\\.") + "[^/#]+[/#]"
#: The property of a node's description in a report graph (``rg:description``).
DESCRIPTION = ox.NamedNode(NAMESPACE + "description")
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SUBJECT, _PREDICATE, _OBJECT = (ox.NamedNode(_RDF + n) for n in ("subject", "predicate", "object"))
_STATEMENT_PARTS = {_SUBJECT.value: 0, _PREDICATE.value: 1, _OBJECT.value: 2}


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


def _is_report_node(node: ox.NamedNode | ox.BlankNode) -> bool:
    return isinstance(node, ox.NamedNode) and node.value.startswith(_REPORTS) and not is_per_report(node)


def description_text(triples: Iterable[ox.Triple]) -> str:
    """The text of a node's ``rg:description``: its triples as N-Triples lines without the
    subject (``<predicate> object``), sorted, one per line; the same triples give the same
    text.

    >>> s, p = ox.NamedNode("http://a/s"), ox.NamedNode("http://a/p")
    >>> description_text([ox.Triple(s, p, ox.Literal("代县", language="zh")), ox.Triple(s, p, ox.Literal("1"))])
    '<http://a/p> "1"\\n<http://a/p> "代县"@zh'
    """
    return "\n".join(sorted({f"{t.predicate} {t.object}" for t in triples}))


def description_triples(subject: ox.NamedNode | ox.BlankNode, text: str) -> list[ox.Triple]:
    """The triples an ``rg:description`` of ``subject`` stands for.

    >>> [str(t) for t in description_triples(ox.NamedNode("http://a/s"), '<http://a/p> "1"')]
    ['<http://a/s> <http://a/p> "1"']
    """
    lines = text.split("\n") if text else []
    if not lines:
        return []
    data = "".join(f"{subject} {line} .\n" for line in lines)
    return [q.triple for q in ox.parse(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]


def union_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The merged graph of some report graphs: for the quads of the named graphs, the
    triples their descriptions stand for, the relations their reified statements state,
    and every other triple whose subject does not belong to one report
    (:func:`is_per_report`), each once, in the order first seen. This is the one rule for
    what the default graph of a store or a loaded graph file holds.

    >>> g = ox.NamedNode("https://example.org/graph/1")
    >>> m = ox.NamedNode("https://w3id.org/reportgraph/report/ab12/m/1-3-0a1b2c3d")
    >>> e = ox.NamedNode("https://example.org/e")
    >>> ident = ox.NamedNode("http://www.w3.org/2005/11/its/rdf#taIdentRef")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> quads = [ox.Quad(m, ident, e, g), ox.Quad(e, label, ox.Literal("代县"), g),
    ...          ox.Quad(e, DESCRIPTION, ox.Literal(description_text([ox.Triple(e, label, ox.Literal("代县"))])), g)]
    >>> [str(t) for t in union_triples(quads)]
    ['<https://example.org/e> <http://www.w3.org/2000/01/rdf-schema#label> "代县"']
    """
    out: dict[ox.Triple, None] = {}
    statements: dict[tuple[ox.NamedNode, str], list[ox.Term | None]] = {}
    for q in quads:
        if not isinstance(q.graph_name, ox.NamedNode):
            continue
        if q.predicate == DESCRIPTION and isinstance(q.object, ox.Literal):
            out.update(dict.fromkeys(description_triples(q.subject, q.object.value)))
        elif not is_per_report(q.subject):  # type: ignore[arg-type]
            out[q.triple] = None
        elif q.predicate.value in _STATEMENT_PARTS:
            parts = statements.setdefault((q.graph_name, q.subject.value), [None, None, None])
            parts[_STATEMENT_PARTS[q.predicate.value]] = q.object
            if None not in parts:
                s, p, o = parts
                if isinstance(s, (ox.NamedNode, ox.BlankNode)) and isinstance(p, ox.NamedNode):
                    out[ox.Triple(s, p, o)] = None  # type: ignore[arg-type]
    return list(out)


def compact_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Report graphs written in the layout of this module: in each named graph, the
    triples about a node that is neither the report's own nor one of its per-report nodes
    become that node's ``rg:description`` (merged with one it already has), and a relation
    triple the graph's reified statements state is left out. Quads outside named graphs,
    per-report nodes and the report's own node are kept as they are; a graph already in
    this layout is returned unchanged (in order).

    >>> g, e = ox.NamedNode("https://example.org/graph/1"), ox.NamedNode("https://example.org/e")
    >>> label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    >>> [str(q.predicate) for q in compact_quads([ox.Quad(e, label, ox.Literal("代县"), g)])]
    ['<https://w3id.org/reportgraph/ontology#description>']
    """
    quads = list(quads)
    stated: set[tuple[ox.NamedNode, ox.Triple]] = set()
    parts: dict[tuple[ox.NamedNode, str], list[ox.Term | None]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and q.predicate.value in _STATEMENT_PARTS \
                and is_per_report(q.subject):  # type: ignore[arg-type]
            p = parts.setdefault((q.graph_name, q.subject.value), [None, None, None])
            p[_STATEMENT_PARTS[q.predicate.value]] = q.object
    for (g, _), (s, p, o) in parts.items():
        if s is not None and p is not None and o is not None and isinstance(p, ox.NamedNode) \
                and isinstance(s, (ox.NamedNode, ox.BlankNode)):
            stated.add((g, ox.Triple(s, p, o)))  # type: ignore[arg-type]
    kept: list[ox.Quad] = []
    described: dict[tuple[ox.NamedNode, ox.NamedNode | ox.BlankNode], list[ox.Triple]] = {}
    for q in quads:
        g, s = q.graph_name, q.subject
        if not isinstance(g, ox.NamedNode) or is_per_report(s) or _is_report_node(s):  # type: ignore[arg-type]
            kept.append(q)
        elif (g, q.triple) in stated:
            continue  # the statement says it
        elif q.predicate == DESCRIPTION and isinstance(q.object, ox.Literal):
            described.setdefault((g, s), []).extend(description_triples(s, q.object.value))  # type: ignore[arg-type]
        else:
            described.setdefault((g, s), []).append(q.triple)  # type: ignore[arg-type]
    return kept + [ox.Quad(s, DESCRIPTION, ox.Literal(description_text(ts)), g) for (g, s), ts in described.items()]


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
