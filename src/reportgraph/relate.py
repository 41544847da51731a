"""The ``reportgraph_relate`` component: relations between resolved entities.

Assigns ``doc._.rg_relations`` (a list of :class:`reportgraph.model.Relation`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import SOURCE, load_divisions
from .model import Entity, EntityType, Evidence, Predicate, Relation


class Relater:
    """Relations from shipped knowledge (the administrative hierarchy)."""

    def __call__(self, doc: Doc) -> Doc:
        report = doc._.rg_report
        doc_id = report.doc_id if report is not None else "doc"
        entities: list[Entity] = doc._.rg_entities or []
        divisions = load_divisions()
        by_code = {e.code: e for e in entities if e.code}
        relations = []
        for e in entities:
            if e.type is not EntityType.ADMINISTRATIVE_AREA or not e.code:
                continue
            for anc in divisions.ancestors(e.code):
                if anc.code in by_code:
                    ev = Evidence(doc_id, None, None, "", "knowledge:division-hierarchy", SOURCE)
                    relations.append(Relation(e.key, Predicate.LOCATED_IN, by_code[anc.code].key, (ev,)))
                    break
        doc._.rg_relations = relations
        return doc


@Language.factory(
    "reportgraph_relate",
    assigns=["doc._.rg_relations"],
    requires=["doc._.rg_entities"],
)
def make_relater(nlp: Language, name: str) -> Relater:
    """spaCy factory for :class:`Relater`."""
    return Relater()
