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
from types import MappingProxyType

from rdflib import Namespace, URIRef

from reportgraph.errors import ReportGraphError
from reportgraph.model import EntityType, Predicate
from reportgraph.rdf.ontology import NAMESPACE, ONTOLOGY_PATH, TERMS, read_terms  # noqa: F401  (re-exported)

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
