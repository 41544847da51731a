"""The RDF term codec, in one place: pyoxigraph terms ⇄ rdflib terms (and any graph as
pyoxigraph quads), ⇄ plain tuples (sent between processes), → Python values (numbers,
booleans, strings), and Python values → pyoxigraph terms (bound into queries)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from reportgraph.errors import QueryError, ReportGraphError
from reportgraph.rdf.ontology import NAMESPACE

if TYPE_CHECKING:  # rdflib is imported by the functions that take or make its terms
    from rdflib import Dataset, Graph, Literal, URIRef
    from rdflib.term import Node

TermTuple = tuple[str, str, "str | None", "str | None"]
"""A term as ``(kind, value, datatype, lang)``: kind ``uri``, ``bnode``, ``literal`` or ``triple``."""

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def rdflib_term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    """A pyoxigraph IRI or literal as an rdflib term (plain strings stay untyped)."""
    from rdflib import Literal, URIRef

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
    from rdflib import BNode, Literal, URIRef

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
    from rdflib import Dataset, Graph

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


# ---------------------------------------------------------------- tuples and Python values

def term_tuple(t: Any) -> TermTuple | None:
    """A pyoxigraph term as a plain ``(kind, value, datatype, lang)`` tuple (cheap to send
    between processes; a plain string has no datatype)."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return ("uri", t.value, None, None)
    if isinstance(t, ox.BlankNode):
        return ("bnode", t.value, None, None)
    if isinstance(t, ox.Literal):
        if t.language:
            return ("literal", t.value, None, t.language)
        dt = t.datatype.value
        return ("literal", t.value, None if dt == _XSD_STRING else dt, None)
    return ("triple", str(t), None, None)


def from_tuple(kind: str, value: str, datatype: str | None, lang: str | None) -> Any:
    """The pyoxigraph term of a :func:`term_tuple`."""
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=ox.NamedNode(datatype))
    return ox.Literal(value)


def python_value(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (IRIs as ``str``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        try:
            if dt in {"integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"}:
                return int(term.value)
            if dt in {"double", "float"}:
                return float(term.value)
            if dt == "decimal":
                from decimal import Decimal

                return float(Decimal(term.value))
            if dt == "boolean":
                return term.value in {"true", "1"}
        except (ValueError, ArithmeticError):
            return term.value
        return term.value
    return str(term)


def python_term(value: Any) -> Any:
    """A Python value bound into a query: entities and rdflib IRIs become IRIs,
    everything else a typed literal."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    from reportgraph.model import Predicate

    if isinstance(value, Predicate):
        return ox.NamedNode(NAMESPACE + value.value)
    if isinstance(getattr(value, "iri", None), str):  # a graph-side Entity (reportgraph.records)
        return ox.NamedNode(value.iri)
    if type(value).__name__ == "URIRef":  # rdflib, without importing it
        return ox.NamedNode(str(value))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(xsd + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(xsd + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(xsd + "double"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise QueryError(f"cannot bind {value!r} ({type(value).__name__}): use str, int, float, bool or an Entity")


# ---------------------------------------------------------------- SPARQL text and SPARQL JSON

def sparql_term(term: Any) -> str:
    """A pyoxigraph term (or triple) as SPARQL text: pyoxigraph's own N-Triples writing
    (IRIs checked, strings escaped), never a string pasted in.

    >>> sparql_term(ox.Literal('代县 "政协"')), sparql_term(ox.NamedNode("http://a/b"))
    ('"代县 \\\\"政协\\\\""', '<http://a/b>')
    """
    if not isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode, ox.Triple)):
        raise ReportGraphError(f"not an RDF term: {term!r}")
    return str(term)


def json_term(binding: Any) -> Any:
    """The pyoxigraph term of one binding of SPARQL 1.1 JSON results
    (``{"type": "literal", "value": …, "xml:lang": …}``).

    >>> json_term({"type": "literal", "value": "代县", "xml:lang": "zh"})
    <Literal value=代县 language=zh>
    """
    kind = binding["type"]
    if kind == "uri":
        return ox.NamedNode(binding["value"])
    if kind == "bnode":
        return ox.BlankNode(binding["value"])
    if "xml:lang" in binding:
        return ox.Literal(binding["value"], language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(binding["value"], datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(binding["value"])
