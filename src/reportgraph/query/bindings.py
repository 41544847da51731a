"""Bindings: Python values, rdflib and pyoxigraph terms and ``--bind`` strings as the
picklable ``(kind, value, datatype, lang)`` a query child process substitutes."""

from __future__ import annotations

import re
import sys

import pyoxigraph as ox

from reportgraph.errors import QueryError
from reportgraph.query.results import _XSD, Term
from reportgraph.rdf.terms import from_tuple as _ox_term  # noqa: F401  (re-exported)

_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _binding_value(name: str, value: object) -> tuple[str, str, str | None, str | None]:
    """A binding as a picklable (kind, value, datatype, lang)."""
    if isinstance(value, Term):
        return value.kind, value.value, value.datatype, value.lang
    if isinstance(value, ox.NamedNode):
        return "uri", value.value, None, None
    if isinstance(value, ox.Literal):
        return "literal", value.value, value.datatype.value, value.language
    if isinstance(value, bool):
        return "literal", "true" if value else "false", _XSD + "boolean", None
    if isinstance(value, int):
        return "literal", str(value), _XSD + "integer", None
    if isinstance(value, float):
        return "literal", repr(value), _XSD + "double", None
    if "rdflib" in sys.modules:  # an rdflib term (a str too) is possible only once rdflib is loaded
        from rdflib import Literal, URIRef

        if isinstance(value, URIRef):
            return "uri", str(value), None, None
        if isinstance(value, Literal):
            return ("literal", str(value), str(value.datatype) if value.datatype else None, value.language)
    if isinstance(value, str):
        return parse_binding(value)
    raise QueryError(f"cannot bind ?{name} to a {type(value).__name__}")


def parse_binding(text: str) -> tuple[str, str, str | None, str | None]:
    """Read a ``--bind`` value: ``<iri>`` or an absolute ``http(s)://``/``urn:`` IRI, a
    literal in N-Triples syntax (``"代县"@zh``), or else a plain string.

    >>> parse_binding("https://w3id.org/reportgraph/id/organization/代县政协")[0]
    'uri'
    >>> parse_binding('"代县"@zh')
    ('literal', '代县', None, 'zh')
    >>> parse_binding("代县政协")
    ('literal', '代县政协', None, None)
    """
    s = text.strip()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1]
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", s):
            raise QueryError(f"bound IRI {text!r} is not absolute")
    if re.match(r"^(https?|urn|file|mailto|tag):\S+$", s):
        try:
            return "uri", ox.NamedNode(s).value, None, None
        except ValueError as err:
            raise QueryError(f"bound IRI {s!r} is not valid ({err})") from err
    if s.startswith('"'):
        try:
            triples = list(ox.parse(f"<urn:x:s> <urn:x:p> {s} .", format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as err:
            raise QueryError(f"bound literal {text!r} is not valid N-Triples ({err})") from err
        if len(triples) != 1 or not isinstance(triples[0].object, ox.Literal):
            raise QueryError(f"bound value {text!r} is not one literal")
        lit = triples[0].object
        dt = lit.datatype.value
        return ("literal", lit.value,
                None if dt in (_XSD + "string", _RDF_LANGSTRING) else dt, lit.language)
    return "literal", text, None, None
