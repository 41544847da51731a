"""The ``reportgraph_relate`` component: relations between resolved entities.

Assigns ``doc._.rg_relations`` (a list of :class:`reportgraph.model.Relation`), read from

- the sentence's structure and the genre's cues (:mod:`reportgraph.nlp.relate.sentence`,
  :mod:`reportgraph.nlp.relate.patterns`; subjects and objects from
  :mod:`reportgraph.nlp.relate.clause_roles`; cue lists in :mod:`reportgraph.genre.cues`): 签署《…》 →
  authored, 被全国政协采用 → adoptedBy, 在……的领导下 → leads, 应邀参加/举办 → participatedIn,
  实施/推进/围绕 → implements, 与 A、B和C政协……形成 X联席会议 → memberOf, 在我县举办 →
  locatedIn, EVENT 由 A 主办 → participatedIn, 是某县……的五年 → the area's programmes; a clause
  with no subject takes the report's author (``doc._.rg_author``), people named by their posts
  (县委副书记、县长王某某率代表团) act with those posts' bodies and the body they lead;
  enumerations (A、B、C和D政协) distribute over every member;
- the naming grammar (:mod:`reportgraph.nlp.relate.naming`): 代县政协 is located in 代县,
  代县政协党组 is part of 代县政协, 代县脱贫攻坚 is 代县's campaign, 《关于精准扶贫……》 is about 精准扶贫, 全国政协2020年4736号提案 was adopted
  by 全国政协, “双帽”第五次联席会 is a session of the “双帽”…联席会议;
- meetings (:mod:`reportgraph.nlp.relate.attendance`): who is named before 出席/主持/就座 attends
  the meeting (分别 pairs them with several meetings), who speaks 会上 too; the session line's
  speaker and body attend the session; sessions (:mod:`reportgraph.nlp.relate.sessions`): a
  session named after its body (某县政协十届三次会议) is attended by that body, and an event held
  at a venue (在县会议中心闭幕) lies where the venue does; decisions
  (:mod:`reportgraph.nlp.relate.decisions`): 审议通过《…》 → adoptedBy;
- people's posts (:mod:`reportgraph.nlp.relate.posts`): 县委书记李某 → 书记 of 中共X县委; an attendee
  brings the body of the post its sentence gives (常务副县长王某某出席 → the 人民政府 attends), a
  body's head who signs a text signs it for the body, a party group attends as its body;
- shipped knowledge: an administrative area is located in each parent the doc names (the
  division hierarchy), with evidence naming that source instead of offsets.

Every relation carries :class:`reportgraph.model.Evidence`: the sentence (offsets into the
text as read, its text) and the cue or rule (``method``), or the knowledge base.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from reportgraph.genre.organs import DEFAULT_TABLES, OrganTable, load_organ_table, using_organ_table
from reportgraph.nlp.relate.attendance import attendance_relations, floor_relations, session_line_relations
from reportgraph.nlp.relate.decisions import decision_relations
from reportgraph.nlp.relate.naming import (collective_relations, implied_seats, knowledge_relations, naming_relations,
                                           party_groups_attend_as_their_body)
from reportgraph.nlp.relate.context import RelationContext
from reportgraph.nlp.relate.joint import joint_relations
from reportgraph.nlp.relate.posts import bodies_of_attendees, post_facts, signing_heads
from reportgraph.nlp.relate.sentence import sentence_relations
from reportgraph.nlp.relate.sessions import session_relations, venue_relations


class Relater:
    """Relations from sentence structure, the genre's cues, naming and shipped knowledge."""

    def __init__(self, *, organs: OrganTable | None = None) -> None:
        self.organs = organs  # the organ kinds of the pipeline's settings (None: the shipped ones)

    def __call__(self, doc: Doc) -> Doc:
        """Assign ``doc._.rg_relations`` and ``doc._.rg_posts`` (and add the organs only an enumeration names to
        ``doc._.rg_entities``)."""
        with using_organ_table(self.organs):
            return self._relate(doc)

    def _relate(self, doc: Doc) -> Doc:
        ctx = RelationContext(doc)
        for sent in ctx.sentences:
            sentence_relations(ctx, sent)
            decision_relations(ctx, sent)
        attendance_relations(ctx)
        floor_relations(ctx)
        session_line_relations(ctx)
        session_relations(ctx)
        naming_relations(ctx)
        knowledge_relations(ctx)
        venue_relations(ctx)
        joint_relations(ctx)
        collective_relations(ctx)
        implied_seats(ctx)
        if ctx.implied:
            doc._.rg_entities = [*(doc._.rg_entities or []), *ctx.implied]
        posts = post_facts(ctx)
        bodies_of_attendees(ctx, posts)
        signing_heads(ctx, posts)
        party_groups_attend_as_their_body(ctx)
        doc._.rg_relations = ctx.relations
        doc._.rg_posts = posts
        return doc


@Language.factory(
    "reportgraph_relate",
    assigns=["doc._.rg_relations", "doc._.rg_entities", "doc._.rg_posts"],
    requires=["doc._.rg_entities", "token.is_sent_start"],
    default_config={"tables": DEFAULT_TABLES, "organs": []},
)
def make_relater(nlp: Language, name: str, tables: str, organs: list[str]) -> Relater:
    """spaCy factory for :class:`Relater`; ``tables`` and ``organs`` as for
    ``reportgraph_recognize`` (``pipeline.cfg``'s ``[genre]``)."""
    from reportgraph.nlp.extensions import register_extensions

    register_extensions(("rg_report", "rg_entities", "rg_home", "rg_author", "rg_head", "rg_relations", "rg_posts"))
    return Relater(organs=load_organ_table(tables, organs))
