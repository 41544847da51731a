"""The ``reportgraph_resolve`` component: one entity per real thing.

Assigns ``doc._.rg_entities`` (a list of :class:`reportgraph.model.Entity`), and
``doc._.rg_home`` / ``doc._.rg_author`` (entity keys, or None).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import SOURCE, load_divisions
from .model import Entity, EntityType, Mention


class Resolver:
    """Group mentions into entities by canonical name."""

    def __call__(self, doc: Doc) -> Doc:
        report = doc._.rg_report
        doc_id = report.doc_id if report is not None else "doc"
        raw = report.text if report is not None else doc.text
        divisions = load_divisions()
        groups: dict[tuple[EntityType, str], list] = {}
        for c in doc._.rg_mentions or []:
            key = c.code or c.canonical or c.text
            groups.setdefault((c.type, key), []).append(c)
        entities = []
        for (etype, key), cands in groups.items():
            first = cands[0]
            name = first.canonical or first.text
            aliases = tuple(sorted({c.text for c in cands} - {name}))
            mentions = tuple(Mention(doc_id, c.start, c.end, raw[c.start:c.end]) for c in cands)
            d = divisions.by_code.get(first.code) if first.code else None
            entities.append(Entity(
                key=key, name=name, type=etype, aliases=aliases, mentions=mentions,
                code=first.code, longitude=d.longitude if d else None,
                latitude=d.latitude if d else None, source=SOURCE if d else None,
            ))
        doc._.rg_entities = entities
        doc._.rg_home = None
        doc._.rg_author = None
        return doc


@Language.factory(
    "reportgraph_resolve",
    assigns=["doc._.rg_entities", "doc._.rg_home", "doc._.rg_author"],
    requires=["doc._.rg_mentions"],
)
def make_resolver(nlp: Language, name: str) -> Resolver:
    """spaCy factory for :class:`Resolver`."""
    return Resolver()
