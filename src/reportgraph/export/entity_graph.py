"""The entity graph: the RDF graph projected onto one node per entity and one edge per
relation, as a networkx ``MultiDiGraph`` (what the exports write and what
:meth:`reportgraph.api.ReportGraph.to_networkx` returns).

Nodes are keyed by entity IRI, edges by predicate name, and every attribute is a plain
``str``/``float`` (never ``None``, a list or a dict), so the graph is safe to hand to any
networkx algorithm or writer:

- node: ``label`` (the name), ``type`` (the entity class), ``aliases`` (joined with
  ``|``, ``""`` if none), ``iri``, and ``code``, ``longitude``, ``latitude`` when known;
- edge: ``label`` and ``type`` (the predicate name, e.g. ``memberOf``), ``predicate``
  (its IRI) and ``weight`` (the number of pieces of evidence, at least 1, as a float);
- a person's post is an edge of its own type, ``post``, from the person to the body
  (``label`` the role, ``predicate`` ``org:memberOf``, keyed ``post:ROLE``);
- ``years`` (``2020|2021``) on edges stated by dated reports, and on their nodes (the
  union over their edges): the exports' timeline (GEXF spells).

>>> from reportgraph.model import EntityType, Predicate
>>> from reportgraph.records import Entity, Relation
>>> a = Entity("urn:x:a", "代县政协", EntityType.ORGANIZATION, ("县政协",))
>>> b = Entity("urn:x:b", "代县", EntityType.ADMINISTRATIVE_AREA, (), "140923", 112.96, 39.07)
>>> g = entity_graph([a, b], [Relation(a, Predicate.LOCATED_IN, b)])
>>> g.nodes["urn:x:a"]["aliases"], g.edges["urn:x:a", "urn:x:b", "locatedIn"]["weight"]
('县政协', 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx

from reportgraph.query.read_records import RG

if TYPE_CHECKING:
    from reportgraph.records import Entity, Post, Relation

__all__ = ["ALIAS_SEPARATOR", "POST_EDGE", "entity_graph"]

POST_EDGE = "post"
"""The edge type of a person's post (person → body)."""
_ORG_MEMBER_OF = "http://www.w3.org/ns/org#memberOf"

ALIAS_SEPARATOR = "|"
"""How aliases are joined into one string attribute."""


def entity_graph(entities: Iterable[Entity], relations: Iterable[Relation],
                 posts: Iterable[Post] = ()) -> nx.MultiDiGraph:
    """Project entities and relations onto a directed multigraph (nodes and edges inserted
    in sorted order, so iteration order is deterministic)."""
    g = nx.MultiDiGraph()
    for e in sorted(entities, key=lambda e: e.iri):
        attrs: dict[str, str | float] = {
            "label": e.name,
            "type": e.type.value,
            "aliases": ALIAS_SEPARATOR.join(e.aliases),
            "iri": e.iri,
        }
        if e.code is not None:
            attrs["code"] = e.code
        if e.longitude is not None and e.latitude is not None:
            attrs["longitude"] = float(e.longitude)
            attrs["latitude"] = float(e.latitude)
        g.add_node(e.iri, **attrs)
    for r in sorted(relations, key=lambda r: (r.subject.iri, r.predicate.value, r.object.iri)):
        for end in (r.subject, r.object):
            if end.iri not in g:
                raise ValueError(f"relation endpoint {end.iri} is not among the entities")
        g.add_edge(
            r.subject.iri,
            r.object.iri,
            key=r.predicate.value,
            label=r.predicate.value,
            type=r.predicate.value,
            predicate=RG + r.predicate.value,
            weight=float(max(1, len(r.evidence))),
            **({"years": ALIAS_SEPARATOR.join(r.years)} if r.years else {}),
        )
    for p in sorted(posts, key=lambda p: (p.person.iri, p.role, p.organization.iri if p.organization else "")):
        if p.organization is None or p.person.iri not in g or p.organization.iri not in g:
            continue  # a post in no body of the graph has no edge to draw
        g.add_edge(p.person.iri, p.organization.iri, key=f"{POST_EDGE}:{p.role}", label=p.role, type=POST_EDGE,
                   predicate=_ORG_MEMBER_OF, weight=float(p.weight),
                   **({"years": ALIAS_SEPARATOR.join(p.years)} if p.years else {}))
    years: dict[str, set[str]] = {}
    for u, v, data in g.edges(data=True):
        for y in (data["years"].split(ALIAS_SEPARATOR) if data.get("years") else ()):
            years.setdefault(u, set()).add(y)
            years.setdefault(v, set()).add(y)
    for n, ys in years.items():
        g.nodes[n]["years"] = ALIAS_SEPARATOR.join(sorted(ys))
    return g
