"""Which entity types each predicate links, read from the SHACL shapes (``ontology/shapes.ttl``).

The shapes are the one statement of a predicate's signature: the relate stage keeps a
relation only when its ends fit, and a built graph is validated against the same shapes.
A predicate's shape targets the subjects of the predicate (``sh:targetSubjectsOf``); the
subject's classes are the shape's ``sh:class``, ``sh:node`` and ``sh:or``, the object's
those of its property shape on the predicate.

>>> from reportgraph.model import EntityType, Predicate
>>> subj, obj = signatures()[Predicate.AUTHORED]
>>> sorted(t.value for t in subj), sorted(t.value for t in obj)
(['Organization', 'Person'], ['Document'])
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from reportgraph.errors import ReportGraphError
from reportgraph.model import EntityType, Predicate
from reportgraph.rdf.resources import shapes_path
from reportgraph.rdf.vocab import NAMESPACE

_SH = "http://www.w3.org/ns/shacl#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RG = NAMESPACE

Signature = tuple[frozenset[EntityType], frozenset[EntityType]]


@lru_cache(maxsize=4)
def signatures(path: Path | None = None) -> dict[Predicate, Signature]:
    """``{predicate: (subject types, object types)}`` for every predicate.

    Fails with a :class:`~reportgraph.errors.ReportGraphError` naming the predicate when
    the shapes give one no shape or no classes on either end.
    """
    path = path or shapes_path()
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as err:
        raise ReportGraphError(f"{path}: cannot read the SHACL shapes ({err})") from err
    out: dict[tuple[object, str], list[object]] = {}
    for q in quads:
        out.setdefault((q.subject, q.predicate.value), []).append(q.object)

    def values(node: object, prop: str) -> list[object]:
        return out.get((node, prop), [])

    def items(head: object) -> list[object]:
        found = []
        while head != ox.NamedNode(_RDF + "nil") and values(head, _RDF + "first"):
            found += values(head, _RDF + "first")
            head = values(head, _RDF + "rest")[0]
        return found

    def classes(node: object, seen: frozenset[object] = frozenset()) -> set[EntityType]:
        if node in seen:
            return set()
        found: set[EntityType] = set()
        for c in values(node, _SH + "class"):
            name = c.value[len(_RG):] if c.value.startswith(_RG) else ""
            try:
                found.add(EntityType(name))
            except ValueError:
                raise ReportGraphError(f"{path}: {c.value} is not an entity class") from None
        for n in values(node, _SH + "node"):
            found |= classes(n, seen | {node})
        for lst in values(node, _SH + "or"):
            for n in items(lst):
                found |= classes(n, seen | {node})
        return found

    result: dict[Predicate, Signature] = {}
    for p in Predicate:
        iri = ox.NamedNode(_RG + p.value)
        shapes = [s for (s, prop), objs in out.items() if prop == _SH + "targetSubjectsOf" and iri in objs]
        subj: set[EntityType] = set()
        obj: set[EntityType] = set()
        for shape in shapes:
            subj |= classes(shape)
            for prop in values(shape, _SH + "property"):
                if iri in values(prop, _SH + "path"):
                    obj |= classes(prop)
        if not subj or not obj:
            raise ReportGraphError(
                f"{path}: no shape gives the classes of rg:{p.value}'s subject and object; add a "
                "node shape with sh:targetSubjectsOf and a property shape on it")
        result[p] = (frozenset(subj), frozenset(obj))
    return result
