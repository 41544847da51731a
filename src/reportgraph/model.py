"""The typed model between the spaCy pipeline and everything downstream of it.

Everything here is a frozen dataclass or an enum whose values are the ontology's term
names (``ontology/reportgraph.ttl``), so the RDF mapping, the exports and the scorer JSON
all read one vocabulary.

>>> EntityType("Organization") is EntityType.ORGANIZATION
True
>>> Predicate.MEMBER_OF.value
'memberOf'
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class EntityType(str, enum.Enum):
    """The seven entity classes (their values are the ontology's class names)."""

    ORGANIZATION = "Organization"
    ADMINISTRATIVE_AREA = "AdministrativeArea"
    PLACE = "Place"
    INITIATIVE = "Initiative"
    DOCUMENT = "Document"
    EVENT = "Event"
    PERSON = "Person"

    def __str__(self) -> str:
        return self.value


class Predicate(str, enum.Enum):
    """The nine relation properties (their values are the ontology's property names)."""

    MEMBER_OF = "memberOf"
    PART_OF = "partOf"
    LOCATED_IN = "locatedIn"
    LEADS = "leads"
    AUTHORED = "authored"
    ADOPTED_BY = "adoptedBy"
    PARTICIPATED_IN = "participatedIn"
    IMPLEMENTS = "implements"
    ABOUT = "about"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a report: character offsets into the text as read (end exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a report's text.

    ``start``/``end`` are character offsets into the text as read (end exclusive) and
    ``text`` is exactly ``report.text[start:end]``.
    """

    doc: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a relation is believed.

    Read from the text: ``start``/``end`` are the offsets of the sentence that states it and
    ``text`` is the text at those offsets. Taken from shipped knowledge (the administrative
    hierarchy, the list of national bodies): ``start``/``end`` are ``None``, ``text`` is
    empty and ``source`` names the knowledge base. ``method`` names the cue or rule.
    """

    doc: str
    start: int | None
    end: int | None
    text: str
    method: str
    source: str | None = None

    @property
    def is_textual(self) -> bool:
        """True when the evidence points at a span of the report's text."""
        return self.start is not None and self.end is not None


@dataclass(frozen=True, slots=True)
class Entity:
    """One real thing, with every name and mention it has in one report.

    ``key`` identifies the thing across reports (the same key in two reports is the same
    entity; ``to_rdf`` mints its IRI from the type and the key): the division code for an
    administrative area (``"140923"``), otherwise the canonical name.
    """

    key: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    code: str | None = None
    longitude: float | None = None
    latitude: float | None = None
    source: str | None = None  # knowledge base the entity was taken from, if any
    # the aliases that name it only in this report's context (县政协, 我县, 常委会): mention
    # text in RDF, never a label of the entity in a merged graph
    local_aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two entities (by key) with the evidence that states it."""

    subject: str
    predicate: Predicate
    object: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Post:
    """A person's post: ``person`` (an entity key) holds ``role`` (as the text gives it:
    副主席, 书记) in a body, an entity of the report (``organization``, its key) or, when the
    report names the body only through the role (县长 → the county's 人民政府), by its name
    (``organization_name``); both are ``None`` when the text names no body (记者)."""

    person: str
    role: str
    organization: str | None = None
    organization_name: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """A decoded report, ready for the pipeline.

    ``text`` is the text as read (after decoding, before any cleaning): every offset in the
    model points into it. ``clean`` has exactly the same length, with layout noise and
    forbidden characters blanked out, and is what the pipeline reads.
    """

    doc_id: str
    text: str
    clean: str
    encoding: str
    sha256: str
    path: str | None = None
    title: str | None = None
    home: str | None = None
    warnings: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM-DD or YYYY: when the report was delivered or written


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one report."""

    report: Report
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    #: key of the body that delivers the report, if known: stated (the title's kind of body,
    #: the opening's 我代表…) or guessed (the body heading the title), as ``author_found`` says
    author: str | None = None
    posts: tuple[Post, ...] = ()
    home: str | None = None  # key of the area the report speaks for (我县, 县政协 are read against it)
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    author_found: str | None = None  # "stated" or "guessed" (None without an author)

    @property
    def title(self) -> str | None:
        """The report's title (``Report.title``, worked out by :mod:`reportgraph.read.title`);
        the report's label in the graph."""
        return self.report.title

    def entity(self, key: str) -> Entity:
        """The entity with this key (``KeyError`` if there is none)."""
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)

    def _home_name(self) -> str | None:
        """The name of the home area (the resolver's), else the home the caller gave."""
        if self.home is not None:
            for e in self.entities:
                if e.key == self.home:
                    return e.name
        return self.report.home

    def to_json(self) -> dict[str, object]:
        """The scorer's JSON (``shared/eval/README.md``): entities with mentions, relations
        with evidence."""
        doc = self.report.doc_id
        return {
            "doc": doc,
            "encoding": self.report.encoding,
            "home": self._home_name(),
            **({"date": self.report.date} if self.report.date else {}),
            "entities": [
                {
                    "id": e.key,
                    "name": e.name,
                    "type": e.type.value,
                    "aliases": list(e.aliases),
                    "mentions": [
                        {"doc": m.doc, "start": m.start, "end": m.end, "text": _encodable(m.text)}
                        for m in e.mentions
                    ],
                    **({"code": e.code} if e.code else {}),
                }
                for e in self.entities
            ],
            "relations": [
                {
                    "subject": r.subject,
                    "predicate": r.predicate.value,
                    "object": r.object,
                    "evidence": [
                        {
                            "doc": ev.doc,
                            "start": ev.start,
                            "end": ev.end,
                            "text": _encodable(ev.text),
                            "method": ev.method,
                            **({"source": ev.source} if ev.source else {}),
                        }
                        for ev in r.evidence
                    ],
                }
                for r in self.relations
            ],
            "posts": [
                {
                    "person": p.person,
                    "organization": p.organization or p.organization_name,
                    "role": p.role,
                    "evidence": [
                        {"doc": ev.doc, "start": ev.start, "end": ev.end, "text": ev.text, "method": ev.method}
                        for ev in p.evidence
                    ],
                }
                for p in self.posts
            ],
        }


def _encodable(text: str) -> str:
    """``text`` with lone surrogates (which no UTF encoding can write) as U+FFFD, one for
    one, so offsets still count the same characters."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
