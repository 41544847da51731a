"""The merged default graph of a store: how a dataset is laid out (report graphs named, their
merged graph in the default graph). The updates that keep it are :mod:`reportgraph.store.updates`."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox


#: The named graph given to the triples of a graph file's default graph (a Turtle file,
#: say) when it is loaded: a report graph whose name the file does not say.
UNNAMED_GRAPH = ox.NamedNode("urn:x-reportgraph:unnamed-graph")


def with_union(quads: Iterable[ox.Quad], *, unnamed: ox.NamedNode = UNNAMED_GRAPH) -> list[ox.Quad]:
    """A dataset laid out as a store lays it out: the quads of the named graphs, then
    their merged graph (:func:`reportgraph.rdf.to_rdf.union_triples`) in the default graph.
    Without named graphs (a Turtle file), the default graph's triples are first moved to
    the named graph ``unnamed``, so that ``GRAPH ?g { … }`` finds the mentions and
    evidence of a Turtle file too; beside named graphs (``graph.trig``, which holds the
    merged graph there), the default graph's triples stay in it."""
    from reportgraph.rdf.to_rdf import union_triples

    default = ox.DefaultGraph()
    quads = list(quads)
    named = [q for q in quads if q.graph_name != default]
    if not named:  # a Turtle file: its triples are one report graph
        named = [ox.Quad(q.subject, q.predicate, q.object, unnamed) for q in quads]
        kept: list[ox.Triple] = []
    else:  # a TriG/N-Quads file with its merged graph (or more) in the default graph
        kept = [q.triple for q in quads if q.graph_name == default]
    merged = dict.fromkeys(union_triples(named))
    merged.update(dict.fromkeys(kept))
    return named + [ox.Quad(t.subject, t.predicate, t.object, default) for t in merged]
