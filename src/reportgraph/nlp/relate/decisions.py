"""What a body decides on a document: 经县政协主席会议审定，《A》《B》…; 会议审查通过了《A》和《B》.

The documents named after a decision cue (``ADOPTS`` in ``genre/data/relation_cues.tsv``:
审议通过, 审定, 批准…), in its clause or, when the cue ends its clause, in the next one,
are adopted by the body before the cue: one named after 经 or opening the clause, or, when
the clause names the meeting only as 会议/大会 (``MEETING_SUBJECTS``), the report's author (in
news of a session, which has none, the body the last session named before is named after).
"""

from __future__ import annotations

from reportgraph.genre import cues
from reportgraph.model import EntityType, Predicate
from reportgraph.nlp.relate.clause_roles import objects_after
from reportgraph.nlp.relate.cue_scan import clause_mask, cue_mask, cue_positions
from reportgraph.nlp.relate.context import CLAUSE_BREAK, RelationContext, normalize_form
from reportgraph.nlp.relate.sessions import body_of_session

T = EntityType
_ADOPTS = cue_mask(cues.ADOPTS)  # the list's bits: a clause without its words is skipped


def decision_relations(ctx: RelationContext, sent: tuple[int, int]) -> None:
    """Add adoptedBy for the documents a sentence says a body decided on."""
    text = ctx.text
    clauses = ctx.clauses(sent)
    for ci, clause in enumerate(clauses):
        if not clause_mask(ctx, clause) & _ADOPTS:
            continue  # none of the list's words occurs in the clause
        for pos, w in cue_positions(ctx, clause, cues.ADOPTS):
            docs = objects_after(ctx, clause, pos, {T.DOCUMENT})
            rest = normalize_form(text[pos + len(w):clause[1]]).strip("了" + CLAUSE_BREAK)
            if not docs and not rest and ci + 1 < len(clauses):
                docs = [m for m in ctx.outer_in(clauses[ci + 1]) if m.type is T.DOCUMENT]
            if not docs:
                continue
            head = text[clause[0]:pos]
            bodies = [m for m in ctx.outer_in((clause[0], pos)) if m.type is T.ORGANIZATION]
            if bodies:
                adopters = [bodies[0].key]
            elif normalize_form(head).strip().lstrip("经").startswith(cues.MEETING_SUBJECTS):
                meeting = ctx.author or _body_of_last_session(ctx, pos)
                if meeting is None:
                    continue
                adopters = [meeting]
            else:
                continue
            for d in docs:
                for a in adopters:
                    ctx.add(d.key, Predicate.ADOPTED_BY, a, ctx.evidence(sent, f"cue:{w}"))


def _body_of_last_session(ctx: RelationContext, pos: int) -> str | None:
    """The body of the last session named before ``pos`` (政协第十届某县委员会第一次会议 → 某县政协)."""
    for m in reversed([m for m in ctx.outer if m.type is T.EVENT and m.end <= pos]):
        found = body_of_session(ctx, normalize_form(ctx.entities[m.key].name))
        if found is not None:
            return found[0]
    return None
