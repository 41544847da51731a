"""The ontology's own namespace and terms, read from ``ontology/reportgraph.ttl`` with
pyoxigraph only: what a query's start-up needs (:mod:`reportgraph.rdf.vocab` adds the
rdflib terms the RDF building uses, checked against the model).

>>> NAMESPACE
'https://w3id.org/reportgraph/ontology#'
>>> TERMS["memberOf"]
'object property'
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pyoxigraph as ox

from reportgraph.errors import ReportGraphError
from reportgraph.rdf.resources import ontology_path

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_OWL = "http://www.w3.org/2002/07/owl#"
_ONTOLOGY_KINDS = {
    _OWL + "Class": "class",
    _OWL + "ObjectProperty": "object property",
    _OWL + "DatatypeProperty": "datatype property",
    _OWL + "AnnotationProperty": "annotation property",
}


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


ONTOLOGY_PATH: Path = ontology_path()
NAMESPACE, _terms = read_terms(ONTOLOGY_PATH)
#: Every term the ontology declares in its own namespace, with its kind.
TERMS: Mapping[str, str] = MappingProxyType(_terms)
