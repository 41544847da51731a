"""The graph's vocabulary, read from ``ontology/reportgraph.ttl`` at import.

No IRI of ours is typed here: the ontology file is the single source of truth. Every
:class:`~reportgraph.model.EntityType` must be an ``owl:Class`` and every
:class:`~reportgraph.model.Predicate` an ``owl:ObjectProperty`` of the ontology, or the
import fails with a :class:`~reportgraph.errors.ReportGraphError` naming the missing term.

>>> from reportgraph.model import EntityType, Predicate
>>> str(CLASSES[EntityType.ORGANIZATION])
'https://w3id.org/reportgraph/ontology#Organization'
>>> str(PREDICATES[Predicate.MEMBER_OF])
'https://w3id.org/reportgraph/ontology#memberOf'
>>> str(rg("key"))
'https://w3id.org/reportgraph/ontology#key'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType

import pyoxigraph as ox
from rdflib import Namespace, URIRef

from reportgraph.errors import ReportGraphError
from reportgraph.model import EntityType, Predicate
from reportgraph.rdf.resources import ontology_path

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_OWL = "http://www.w3.org/2002/07/owl#"
_ONTOLOGY_KINDS = {
    _OWL + "Class": "class",
    _OWL + "ObjectProperty": "object property",
    _OWL + "DatatypeProperty": "datatype property",
    _OWL + "AnnotationProperty": "annotation property",
}

#: Other vocabularies the graph uses (their IRIs are theirs, not ours).
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ORG = Namespace("http://www.w3.org/ns/org#")


def read_terms(path: Path) -> tuple[str, dict[str, str]]:
    """Read an ontology file: its namespace and ``{local name: kind}`` of its own terms.

    The namespace is the ontology IRI followed by ``#``. Kinds are ``class``,
    ``object property``, ``datatype property`` and ``annotation property``.

    >>> ns, terms = read_terms(ontology_path())
    >>> ns
    'https://w3id.org/reportgraph/ontology#'
    >>> terms["memberOf"], terms["Report"]
    ('object property', 'class')
    """
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as err:
        raise ReportGraphError(f"{path}: cannot read the ontology ({err})") from err
    onto = [q.subject.value for q in quads
            if q.predicate.value == _RDF_TYPE and q.object.value == _OWL + "Ontology"]
    if len(onto) != 1:
        raise ReportGraphError(f"{path}: expected one owl:Ontology, found {len(onto)}")
    namespace = onto[0] + "#"
    terms: dict[str, str] = {}
    for q in quads:
        if q.predicate.value != _RDF_TYPE or q.object.value not in _ONTOLOGY_KINDS:
            continue
        iri = q.subject.value
        if isinstance(q.subject, ox.NamedNode) and iri.startswith(namespace):
            terms[iri[len(namespace):]] = _ONTOLOGY_KINDS[q.object.value]
    return namespace, terms


def _require(kind: str, names: Iterable[str], what: str) -> dict[str, URIRef]:
    found: dict[str, URIRef] = {}
    for name in names:
        have = TERMS.get(name)
        if have != kind:
            problem = "is missing" if have is None else f"is a {have}, not a {kind}"
            raise ReportGraphError(
                f"{ONTOLOGY_PATH}: {what} {name!r} {problem}; add it to the ontology as an "
                f"{'owl:Class' if kind == 'class' else 'owl:ObjectProperty'}"
            )
        found[name] = URIRef(NAMESPACE + name)
    return found


ONTOLOGY_PATH: Path = ontology_path()
NAMESPACE, _terms = read_terms(ONTOLOGY_PATH)
#: Every term the ontology declares in its own namespace, with its kind.
TERMS: Mapping[str, str] = MappingProxyType(_terms)
RG = Namespace(NAMESPACE)

_classes = _require("class", (t.value for t in EntityType), "entity type")
_predicates = _require("object property", (p.value for p in Predicate), "predicate")
#: The class IRI of each entity type.
CLASSES: Mapping[EntityType, URIRef] = MappingProxyType({t: _classes[t.value] for t in EntityType})
#: The property IRI of each relation predicate.
PREDICATES: Mapping[Predicate, URIRef] = MappingProxyType(
    {p: _predicates[p.value] for p in Predicate})


def rg(name: str) -> URIRef:
    """The IRI of the ontology term ``name``; fails loudly if the ontology lacks it.

    >>> rg("nosuchterm")
    Traceback (most recent call last):
    ...
    reportgraph.errors.ReportGraphError: the ontology has no term 'nosuchterm'; ...
    """
    if name not in TERMS:
        raise ReportGraphError(
            f"the ontology has no term {name!r}; declare it in {ONTOLOGY_PATH}")
    return URIRef(NAMESPACE + name)


def entity_type_of(iri: str) -> EntityType | None:
    """The entity type whose class IRI is ``iri``, or ``None``.

    >>> entity_type_of("https://w3id.org/reportgraph/ontology#Place")
    <EntityType.PLACE: 'Place'>
    """
    for t, c in CLASSES.items():
        if str(c) == iri:
            return t
    return None


def predicate_of(iri: str) -> Predicate | None:
    """The predicate whose property IRI is ``iri``, or ``None``.

    >>> predicate_of("https://w3id.org/reportgraph/ontology#leads")
    <Predicate.LEADS: 'leads'>
    """
    for p, c in PREDICATES.items():
        if str(c) == iri:
            return p
    return None
