"""The graph-side records: :class:`Entity`, :class:`Relation` and :class:`Evidence` as read
from an RDF graph (by :class:`reportgraph.api.ReportGraph`), and :func:`format_path`.

These are distinct from the extraction records of :mod:`reportgraph.model`: an entity here
is identified by its IRI and gathers what every report says about it. The exports draw
their graphs from these records alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportgraph.model import EntityType, Predicate

__all__ = ["Entity", "Evidence", "Post", "Relation", "format_path"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a relation is believed.

    ``document`` is the IRI of the report it was read from. Textual evidence has the
    character offsets (end exclusive) and the text of the sentence that states the
    relation; evidence taken from shipped knowledge has ``start``/``end`` ``None``, empty
    ``text`` and names the knowledge base in ``source``. ``method`` names the cue or rule.
    """

    document: str
    start: int | None
    end: int | None
    text: str
    method: str = ""
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One node of the graph: a real thing with its names.

    ``type`` is an :class:`~reportgraph.model.EntityType` (a ``str`` enum, so
    ``e.type == "Organization"`` holds). ``code``, ``longitude`` and ``latitude`` are set
    for administrative areas the gazetteer knows.
    """

    iri: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    code: str | None = None
    longitude: float | None = None
    latitude: float | None = None

    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed, directed edge ``subject -predicate-> object`` with its evidence."""

    subject: Entity
    predicate: Predicate
    object: Entity
    evidence: tuple[Evidence, ...] = ()
    years: tuple[str, ...] = ()  # the years of the reports that state it (their dcterms:date)

    @property
    def weight(self) -> int:
        """How many pieces of evidence state the relation (at least 1)."""
        return max(1, len(self.evidence))

    def display(self, *, reverse: bool = False) -> str:
        """``subject -predicate-> object``, or ``object <-predicate- subject`` reversed."""
        if reverse:
            return f"{self.object.name} <-{self.predicate.value}- {self.subject.name}"
        return f"{self.subject.name} -{self.predicate.value}-> {self.object.name}"


@dataclass(frozen=True, slots=True)
class Post:
    """A person's post (an ``org:Membership``): ``person`` holds ``role`` (副主席) in
    ``organization`` (an entity), or in a body known only by ``organization_name`` (县长 →
    某县人民政府), or in none; with its evidence and the years of the reports that state it."""

    person: Entity
    role: str
    organization: Entity | None = None
    organization_name: str | None = None
    evidence: tuple[Evidence, ...] = ()
    years: tuple[str, ...] = ()

    @property
    def weight(self) -> int:
        """How many pieces of evidence state the post (at least 1)."""
        return max(1, len(self.evidence))

    def display(self) -> str:
        """``王某某 — 副主席 — 凤庆县政协``."""
        body = self.organization.name if self.organization else (self.organization_name or "")
        return " — ".join(x for x in (self.person.name, self.role, body) if x)


def _entity_key(e: Entity) -> tuple[int, str, str]:
    return (list(EntityType).index(e.type), e.name, e.iri)


def _relation_key(r: Relation) -> tuple[Any, ...]:
    return (_entity_key(r.subject), list(Predicate).index(r.predicate), _entity_key(r.object))




def format_path(chain: Sequence[Relation]) -> str:
    """A chain of relations (from :meth:`ReportGraph.path`) as one line, each arrow
    pointing the way its relation goes.

    >>> a, b, c = (Entity(f"urn:x:{n}", n, EntityType.ORGANIZATION) for n in "ABC")
    >>> format_path([Relation(a, Predicate.MEMBER_OF, b), Relation(c, Predicate.MEMBER_OF, b)])
    'A -memberOf-> B <-memberOf- C'
    """
    if not chain:
        return ""
    first = chain[0]
    current = first.subject
    if len(chain) > 1 and first.subject.iri in (chain[1].subject.iri, chain[1].object.iri):
        current = first.object
    parts = [current.name]
    for r in chain:
        if r.subject.iri == current.iri:
            parts.append(f"-{r.predicate.value}-> {r.object.name}")
            current = r.object
        else:
            parts.append(f"<-{r.predicate.value}- {r.subject.name}")
            current = r.subject
    return " ".join(parts)
