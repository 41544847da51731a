"""Read an RDF graph into the graph-side records (:mod:`reportgraph.records`) through SPARQL.

Values go into queries through substitutions, never formatting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from reportgraph.model import EntityType, Predicate
from reportgraph.query.internal import internal_query
from reportgraph.rdf.terms import python_value as _value
from reportgraph.rdf.ontology import NAMESPACE
from reportgraph.records import Entity, Evidence, Post, Relation, _relation_key

RG = NAMESPACE
"""The ontology namespace (from :mod:`reportgraph.rdf.ontology`): classes are
``RG + EntityType.value``, properties ``RG + Predicate.value``."""

# The queries (query/sparql/*.rq) that read a graph into records.
Q_ENTITIES = internal_query("entities")
Q_LABELS = internal_query("labels")
Q_FACTS = internal_query("facts")
Q_RELATIONS = internal_query("relations")
Q_EVIDENCE = internal_query("evidence")
Q_DATES = internal_query("dates")
Q_POSTS = internal_query("posts")
# The entities mentioned by exactly this text (a form bound to its report's context, 县政协).
Q_MENTIONED_AS = internal_query("mentioned-as")


def mentioned_as(store: ox.Store, text: str) -> list[str]:
    """The IRIs of the entities some mention names with exactly ``text``."""
    rows = store.query(Q_MENTIONED_AS, substitutions={ox.Variable("text"): ox.Literal(text)})
    return sorted({row["e"].value for row in rows})  # type: ignore[union-attr, index]

_LABEL_RANK = {"http://www.w3.org/2004/02/skos/core#prefLabel": 0,
               "http://www.w3.org/2000/01/rdf-schema#label": 1,
               "http://www.w3.org/2004/02/skos/core#altLabel": 2}


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
