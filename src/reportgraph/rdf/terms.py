"""The RDF term codec: pyoxigraph terms ⇄ rdflib terms, and any graph as pyoxigraph quads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import BNode, Node

from reportgraph.errors import ReportGraphError
from reportgraph.rdf.vocab import RDF, XSD

_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = str(RDF.langString)


def rdflib_term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    """A pyoxigraph IRI or literal as an rdflib term (plain strings stay untyped)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


# ---------------------------------------------------------------- rdflib ⇄ pyoxigraph

def ox_term(term: Node) -> ox.NamedNode | ox.Literal:
    """An rdflib IRI or literal as a pyoxigraph term (strictly checked; no blank nodes)."""
    if isinstance(term, URIRef):
        try:
            return ox.NamedNode(str(term))
        except ValueError as err:
            raise ReportGraphError(f"invalid IRI {str(term)!r}: {err}") from err
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        raise ReportGraphError("the graph holds a blank node; reportgraph graphs have none")
    raise ReportGraphError(f"unsupported RDF term {term!r}")


def to_quads(dataset: Dataset | Graph | Iterable[ox.Quad]) -> list[ox.Quad]:
    """Every quad of ``dataset`` (an rdflib dataset or graph, or pyoxigraph quads such as
    :func:`report_quads` gives) as pyoxigraph quads, each once, sorted (graph, subject,
    predicate, object); a plain graph's triples go to the default graph."""
    if not isinstance(dataset, Graph):
        return sorted(set(dataset), key=lambda q: (str(q.graph_name), str(q.triple)))
    quads: list[ox.Quad] = []
    if isinstance(dataset, Dataset):
        items: Iterator[tuple[Node, Node, Node, Node | None]] = (
            (s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None)))
    else:
        items = ((s, p, o, None) for s, p, o in dataset)
    cache: dict[Node, ox.NamedNode | ox.Literal] = {}

    def conv(term: Node) -> ox.NamedNode | ox.Literal:
        found = cache.get(term)
        if found is None:
            found = cache[term] = ox_term(term)
        return found

    for s, p, o, g in items:
        gname = getattr(g, "identifier", g)
        graph: ox.NamedNode | ox.DefaultGraph
        if gname is None or str(gname) == "urn:x-rdflib:default":
            graph = ox.DefaultGraph()
        else:
            graph = conv(gname)  # type: ignore[assignment]
        quads.append(ox.Quad(conv(s), conv(p), conv(o), graph))  # type: ignore[arg-type]
    quads.sort(key=lambda q: (str(q.graph_name), str(q.triple)))
    return quads

