"""Read an RDF graph into the graph-side records (:mod:`reportgraph.records`) through SPARQL.

Values go into queries through substitutions, never formatting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from reportgraph.model import EntityType, Predicate
from reportgraph.records import Entity, Evidence, Post, Relation, _relation_key

RG = "https://w3id.org/reportgraph/ontology#"
"""The ontology namespace: classes are ``RG + EntityType.value``, properties
``RG + Predicate.value``."""

# --- SPARQL read by ReportGraph (values go in through substitutions, never formatting) ---

_PREFIXES = f"""\
PREFIX rg: <{RG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
_TYPES = " ".join(f"rg:{t.value}" for t in EntityType)
_PREDICATES = " ".join(f"rg:{p.value}" for p in Predicate)

Q_ENTITIES = _PREFIXES + f"SELECT DISTINCT ?e ?class WHERE {{ VALUES ?class {{ {_TYPES} }} ?e a ?class }}"
Q_LABELS = _PREFIXES + f"""SELECT DISTINCT ?e ?p ?label WHERE {{
  VALUES ?class {{ {_TYPES} }} VALUES ?p {{ skos:prefLabel rdfs:label skos:altLabel }}
  ?e a ?class ; ?p ?label }}"""
Q_FACTS = _PREFIXES + f"""SELECT DISTINCT ?e ?p ?value WHERE {{
  VALUES ?class {{ {_TYPES} }}
  VALUES ?p {{ rg:divisionCode <http://schema.org/longitude> <http://schema.org/latitude>
              <https://schema.org/longitude> <https://schema.org/latitude> }}
  ?e a ?class ; ?p ?value }}"""
Q_RELATIONS = _PREFIXES + f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_PREDICATES} }} ?s ?p ?o }}"
Q_EVIDENCE = _PREFIXES + """SELECT DISTINCT ?s ?p ?o ?ev ?doc ?start ?end ?text ?method ?source WHERE {
  GRAPH ?g {
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rg:evidence ?ev .
    OPTIONAL { ?ev prov:wasDerivedFrom ?doc }
    OPTIONAL { ?ev nif:beginIndex ?start }
    OPTIONAL { ?ev nif:endIndex ?end }
    OPTIONAL { ?ev nif:anchorOf ?text }
    OPTIONAL { ?ev rg:method ?method }
    OPTIONAL { ?ev rg:source ?source } } }"""

# The entities mentioned by exactly this text (a form bound to its report's context, 县政协).
Q_MENTIONED_AS = _PREFIXES + """PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT DISTINCT ?e ?text WHERE { GRAPH ?g { ?m nif:anchorOf ?text ; itsrdf:taIdentRef ?e } }"""


def mentioned_as(store: ox.Store, text: str) -> list[str]:
    """The IRIs of the entities some mention names with exactly ``text``."""
    rows = store.query(Q_MENTIONED_AS, substitutions={ox.Variable("text"): ox.Literal(text)})
    return sorted({row["e"].value for row in rows})  # type: ignore[union-attr, index]

Q_DATES = _PREFIXES + "SELECT DISTINCT ?r ?d WHERE { ?r a rg:Report ; dcterms:date ?d }"
Q_POSTS = _PREFIXES + """SELECT DISTINCT ?m ?person ?org ?orgName ?role ?ev ?doc ?start ?end ?text ?method WHERE {
  ?m a org:Membership ; org:member ?person ; org:role ?r .
  ?r skos:prefLabel ?role .
  OPTIONAL { ?m org:organization ?org }
  OPTIONAL { ?m rg:organizationName ?orgName }
  OPTIONAL { ?m rg:evidence ?ev .
    GRAPH ?g {
      OPTIONAL { ?ev prov:wasDerivedFrom ?doc }
      OPTIONAL { ?ev nif:beginIndex ?start }
      OPTIONAL { ?ev nif:endIndex ?end }
      OPTIONAL { ?ev nif:anchorOf ?text }
      OPTIONAL { ?ev rg:method ?method } } } }"""

_LABEL_RANK = {"http://www.w3.org/2004/02/skos/core#prefLabel": 0,
               "http://www.w3.org/2000/01/rdf-schema#label": 1,
               "http://www.w3.org/2004/02/skos/core#altLabel": 2}

def _value(term: Any) -> Any:
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
                return float(Decimal(term.value))
            if dt == "boolean":
                return term.value in {"true", "1"}
        except (ValueError, ArithmeticError):
            return term.value
        return term.value
    return str(term)


def _rows(store: ox.Store, query: str) -> Iterable[Any]:
    return store.query(query)  # type: ignore[no-any-return]


def _local(iri: str) -> str:
    return iri[len(RG):] if iri.startswith(RG) else ""



def read_records(store: ox.Store) -> tuple[dict[str, Entity], list[Relation]]:
    """The entities (by IRI) and the relations (sorted) of the graph in ``store``."""
    types: dict[str, EntityType] = {}
    order = list(EntityType)
    for row in _rows(store, Q_ENTITIES):
        iri, kind = row["e"].value, EntityType(_local(row["class"].value))
        if iri not in types or order.index(kind) < order.index(types[iri]):
            types[iri] = kind
    labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in _rows(store, Q_LABELS):
        labels[row["e"].value].append((_LABEL_RANK[row["p"].value], row["label"].value))
    facts: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in _rows(store, Q_FACTS):
        key = row["p"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        facts[row["e"].value].setdefault(key, set()).add(_value(row["value"]))
    entities = {}
    for iri in sorted(types):
        ranked = sorted(set(labels.get(iri, [])))
        name = ranked[0][1] if ranked else iri.rsplit("/", 1)[-1]
        aliases = tuple(sorted({label for _, label in ranked} - {name}))
        f = facts.get(iri, {})
        code = min(map(str, f["divisionCode"])) if "divisionCode" in f else None
        lon = min(f["longitude"]) if "longitude" in f else None
        lat = min(f["latitude"]) if "latitude" in f else None
        entities[iri] = Entity(iri, name, types[iri], aliases, code,
                               float(lon) if lon is not None else None, float(lat) if lat is not None else None)
    evidence: dict[tuple[str, str, str], dict[str, Evidence]] = defaultdict(dict)
    for row in _rows(store, Q_EVIDENCE):
        key = (row["s"].value, row["p"].value, row["o"].value)
        ev = _value(row["ev"])
        if ev in evidence[key]:
            continue
        start, end = _value(row["start"]), _value(row["end"])
        evidence[key][ev] = Evidence(
            document=_value(row["doc"]) or "",
            start=start if isinstance(start, int) else None,
            end=end if isinstance(end, int) else None,
            text=_value(row["text"]) or "",
            method=_value(row["method"]) or "",
            source=_value(row["source"]),
        )
    dates = read_dates(store)
    relations = []
    for row in _rows(store, Q_RELATIONS):
        s, p, o = row["s"].value, row["p"].value, row["o"].value
        if s not in entities or o not in entities:
            continue  # an endpoint with no entity class is not part of the entity graph
        evs = tuple(sorted(evidence.get((s, p, o), {}).values(),
                           key=lambda e: (e.document, e.start is not None, e.start or 0, e.end or 0, e.method, e.text)))
        relations.append(Relation(entities[s], Predicate(_local(p)), entities[o], evs, _years(evs, dates)))
    relations.sort(key=_relation_key)
    return entities, relations


def read_dates(store: ox.Store) -> dict[str, str]:
    """``{report IRI: its dcterms:date}`` (``2021-01-06`` or ``2021``)."""
    return {row["r"].value: row["d"].value for row in _rows(store, Q_DATES)}


def _years(evidence: Iterable[Evidence], dates: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted({dates[ev.document][:4] for ev in evidence if ev.document in dates}))


def read_posts(store: ox.Store, entities: dict[str, Entity]) -> list[Post]:
    """People's posts (``org:Membership``), sorted by person, role and body."""
    dates = read_dates(store)
    found: dict[str, tuple[str, str, str | None, str | None]] = {}
    evidence: dict[str, dict[str, Evidence]] = defaultdict(dict)
    for row in _rows(store, Q_POSTS):
        m = row["m"].value
        found[m] = (row["person"].value, row["role"].value, _value(row["org"]), _value(row["orgName"]))
        ev = _value(row["ev"])
        if ev is not None and ev not in evidence[m]:
            start, end = _value(row["start"]), _value(row["end"])
            evidence[m][ev] = Evidence(_value(row["doc"]) or "", start if isinstance(start, int) else None,
                                       end if isinstance(end, int) else None, _value(row["text"]) or "",
                                       _value(row["method"]) or "")
    posts = []
    for m, (person, role, org, name) in found.items():
        if person not in entities or (org is not None and org not in entities):
            continue
        evs = tuple(sorted(evidence[m].values(), key=lambda e: (e.document, e.start or 0, e.end or 0, e.method)))
        posts.append(Post(entities[person], role, entities[org] if org else None, name, evs, _years(evs, dates)))
    posts.sort(key=lambda p: (p.person.name, p.person.iri, p.role, p.organization.iri if p.organization else "",
                              p.organization_name or ""))
    return posts
