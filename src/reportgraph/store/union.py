"""The merged default graph of a store: how a dataset is laid out (report graphs named, their
merged graph in the default graph). The updates that keep it are :mod:`reportgraph.store.updates`."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable

import pyoxigraph as ox


#: The named graph given to the triples of a graph file's default graph (a Turtle file,
#: say) when it is loaded: a report graph whose name the file does not say.
UNNAMED_GRAPH = ox.NamedNode("urn:x-reportgraph:unnamed-graph")


@functools.cache
def _reports() -> tuple[str, str, re.Pattern[str]]:
    """Where report graphs are named, and the IRIs of a report and the nodes below it as a
    regular expression whose group 1 is the report's key (read when first needed: the
    module that mints IRIs imports rdflib, which a query does not need)."""
    from reportgraph.rdf.iri import ROOT_IRI

    pattern = "^" + re.escape(ROOT_IRI + "report/") + "([^/#]+)([/#].*)?$"
    return ROOT_IRI + "graph/", pattern, re.compile(pattern, re.S)


def report_graph(node: object) -> ox.NamedNode | None:
    """The report graph a node belongs to when a file's triples come without graphs: the
    graph of the report whose IRI the node's is (or lies below: its mentions, statements
    and evidence), else ``None``.

    >>> report_graph(ox.NamedNode("https://w3id.org/reportgraph/report/0123abcd/m/3-7-aa")).value
    'https://w3id.org/reportgraph/graph/0123abcd'
    >>> report_graph(ox.NamedNode("https://w3id.org/reportgraph/id/organization/x")) is None
    True
    """
    graphs, _, regex = _reports()
    m = regex.match(node.value) if isinstance(node, ox.NamedNode) else None
    return None if m is None else ox.NamedNode(graphs + m.group(1))


def split_by_report(graph: ox.NamedNode) -> str:
    """A SPARQL update that moves, from ``graph``, the triples of each report's nodes to that
    report's graph: what :func:`report_graph` does, for a store."""
    graphs, pattern, _ = _reports()
    return (f"DELETE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH ?rg {{ ?s ?p ?o }} }} "
            f"WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} FILTER (isIRI(?s) && REGEX(STR(?s), {json.dumps(pattern)})) "
            f"BIND (IRI(CONCAT({json.dumps(graphs)}, REPLACE(STR(?s), {json.dumps(pattern)}, \"$1\"))) AS ?rg) }}")


def with_union(quads: Iterable[ox.Quad], *, unnamed: ox.NamedNode = UNNAMED_GRAPH) -> list[ox.Quad]:
    """A dataset laid out as a store lays it out: the quads of the named graphs, then
    their merged graph (:func:`reportgraph.rdf.to_rdf.union_triples`) in the default graph.
    Without named graphs (a Turtle file), the default graph's triples are first moved to
    named graphs, so that ``GRAPH ?g { … }`` finds the mentions and evidence of a Turtle
    file too: a report's node, mentions, statements and evidence to the report's graph
    (:func:`report_graph`: the queries count a fact's reports by its graphs), the rest to
    ``unnamed``; beside named graphs (``graph.trig``, which holds the merged graph there),
    the default graph's triples stay in it."""
    from reportgraph.rdf.to_rdf import union_triples

    default = ox.DefaultGraph()
    quads = list(quads)
    named = [q for q in quads if q.graph_name != default]
    if not named:  # a Turtle file: its triples go back to their reports' graphs where IRIs say
        named = [ox.Quad(q.subject, q.predicate, q.object, report_graph(q.subject) or unnamed) for q in quads]
        kept: list[ox.Triple] = []
    else:  # a TriG/N-Quads file with its merged graph (or more) in the default graph
        kept = [q.triple for q in quads if q.graph_name == default]
    merged = dict.fromkeys(union_triples(named))
    merged.update(dict.fromkeys(kept))
    return named + [ox.Quad(t.subject, t.predicate, t.object, default) for t in merged]
