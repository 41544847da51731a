"""``from_doc``: the only code downstream of spaCy that reads spaCy objects.

It turns an annotated ``Doc`` into the immutable, deterministic :class:`Extraction`:
entities sorted by first mention, relations merged per (subject, predicate, object) with
their evidence de-duplicated and sorted, sentences with offsets into the text as read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgraph.nlp.doc_offsets import doc_text, sentence_offsets
from reportgraph.nlp.relate.posts import merge_posts
from reportgraph.model import Entity, Evidence, Extraction, Relation, Report, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc


def sentences_of(doc: Doc, report: Report) -> tuple[Sentence, ...]:
    """The doc's sentences, trimmed of surrounding blanks, as offsets into the raw text."""
    out = []
    text = doc_text(doc)
    for start, end in sentence_offsets(doc):
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        end = start + len(stripped)
        out.append(Sentence(start, end, report.text[start:end]))
    return tuple(out)


def _evidence_key(ev: Evidence) -> tuple[object, ...]:
    return (ev.doc, ev.start is None, ev.start or 0, ev.end or 0, ev.method, ev.source or "")


def merge_relations(relations: list[Relation], keys: set[str]) -> tuple[Relation, ...]:
    """One relation per (subject, predicate, object) between known entities, its evidence
    the union of all that state it."""
    merged: dict[tuple[str, str, str], set[Evidence]] = {}
    preds = {}
    for r in relations:
        if r.subject not in keys or r.object not in keys or r.subject == r.object:
            continue
        k = (r.subject, r.predicate.value, r.object)
        preds[k] = r.predicate
        merged.setdefault(k, set()).update(r.evidence)
    return tuple(
        Relation(s, preds[(s, p, o)], o, tuple(sorted(evs, key=_evidence_key)))
        for (s, p, o), evs in sorted(merged.items())
    )


def from_doc(doc: Doc) -> Extraction:
    """Build the :class:`Extraction` of a doc the reportgraph pipeline has annotated."""
    report: Report = doc._.rg_report
    entities: list[Entity] = list(doc._.rg_entities or [])
    entities.sort(key=lambda e: (e.mentions[0].start if e.mentions else len(report.text), e.type.value, e.key))
    keys = {e.key for e in entities}
    relations = merge_relations(list(doc._.rg_relations or []), keys)
    head = doc._.rg_head  # the author and home as the resolver settled them, guesses included
    author = head.author if head is not None else doc._.rg_author
    home = head.home if head is not None else doc._.rg_home
    return Extraction(
        report=report,
        entities=tuple(entities),
        relations=relations,
        sentences=sentences_of(doc, report),
        author=author,
        author_found=(None if author is None else "stated" if author == doc._.rg_author else "guessed"),
        posts=merge_posts(list(doc._.rg_posts or []), keys),
        home=home if home in keys else None,
    )
