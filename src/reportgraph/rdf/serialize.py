"""Writing RDF: the prefixes, the format table, deterministic serialisation, atomic
writes, and SHACL validation against ``ontology/shapes.ttl``."""

from __future__ import annotations

import os
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Dataset, Graph

from reportgraph.errors import OutputError
from reportgraph.outputs import atomic_write
from reportgraph.rdf.formats import SORTED_WRITERS, name_formats
from reportgraph.rdf.iri import DEFAULT_BASE_IRI
from reportgraph.rdf.merged import DESCRIPTION, union_triples, with_merged_default
from reportgraph.rdf.terms import to_quads
from reportgraph.rdf.vocab import DCTERMS, ITSRDF, NAMESPACE, NIF, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

#: Prefixes written into Turtle and TriG output.
PREFIXES: dict[str, str] = {
    "rg": NAMESPACE,
    "id": DEFAULT_BASE_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "dcterms": str(DCTERMS),
}


# The names serialize() takes: the formats pyoxigraph writes from sorted quads.
_FORMATS = {n: f.oxigraph for n, f in name_formats().items() if f.name in SORTED_WRITERS}


def serialize(dataset: Dataset | Graph | Iterable[ox.Quad], format: str = "trig") -> bytes:
    """Deterministic bytes: ``trig`` and ``nquads`` keep the named graphs and add their
    merged graph as the default graph (:func:`with_merged_default`), ``turtle`` and
    ``ntriples`` write the union of all graphs and their merged graph. Written by pyoxigraph from sorted quads,
    so the same dataset gives byte-identical output and every IRI is strictly valid.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph().add((URIRef("http://a/s"), URIRef("http://a/p"), Literal("代县", lang="zh")))
    >>> print(serialize(g, "ntriples").decode(), end="")
    <http://a/s> <http://a/p> "代县"@zh .
    """
    fmt = _FORMATS.get(format.lower())
    if fmt is None:
        raise OutputError(f"unknown RDF format {format!r}: use one of {', '.join(sorted(_FORMATS))}")
    quads = to_quads(dataset)
    prefixes = dict(PREFIXES)
    if isinstance(dataset, Graph):
        for prefix, ns in dataset.namespaces():
            if prefix == "id":
                prefixes["id"] = str(ns)
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        # the merged graph and every graph's own triples but the descriptions, which the
        # merged graph says in full (reportgraph.rdf.merged)
        triples = sorted({q.triple for q in quads if q.predicate != DESCRIPTION} | set(union_triples(quads)),
                         key=str)
        if fmt is ox.RdfFormat.N_TRIPLES:
            return ox.serialize(triples, format=fmt) or b""
        return ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
    quads = with_merged_default(quads)
    if fmt is ox.RdfFormat.N_QUADS:
        return ox.serialize(quads, format=fmt) or b""
    return ox.serialize(quads, format=fmt, prefixes=prefixes) or b""


def write_graph(dataset: Dataset | Graph, path: str | os.PathLike[str], format: str = "trig") -> None:
    """Write ``dataset`` to ``path`` atomically (temporary file, then rename): a failure
    leaves any previous file as it was. Formats as in :func:`serialize`."""
    data = serialize(dataset, format)
    with atomic_write(path) as f:
        f.write(data)


def validate(dataset: Dataset | Graph) -> tuple[bool, str]:
    """Check the union of the dataset's graphs against ``ontology/shapes.ttl`` (pySHACL).

    Returns ``(conforms, report text)``.
    """
    import pyshacl  # noqa: PLC0415 - heavy, only needed here

    from reportgraph.rdf.resources import shapes_path

    from reportgraph.rdf.terms import rdflib_term

    data = Graph()
    for s, p, o, *_ in (dataset.quads((None, None, None, None)) if isinstance(dataset, Dataset)
                        else ((s, p, o) for s, p, o in dataset)):
        data.add((s, p, o))
    for t in union_triples(to_quads(dataset)):  # the entities the report graphs describe once
        data.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                              advanced=True, allow_warnings=True)
    return bool(conforms), str(text)
