"""Relations a sentence states through the genre's verb cues (:mod:`reportgraph.genre.cues`).

签署/撰写/编辑出版《…》 → authored; 《…》被 ORG 采用 / 得到 ORG 的采纳 → adoptedBy; 参加/出席/举办
EVENT → participatedIn; 实施/推进/围绕 INITIATIVE → implements (围绕……主题/协商 → the framing
event is about it); X 下设 A、B → partOf; then the fixed patterns of
:mod:`reportgraph.nlp.relate.patterns`. Subjects and objects come from
:mod:`reportgraph.nlp.relate.clause_roles`; enumerations distribute.
"""

from __future__ import annotations

import re

from reportgraph.genre import cues
from reportgraph.nlp.relate.cue_scan import clause_mask, cue_mask, cue_positions
from reportgraph.nlp.relate.clause_roles import area_plan_bearer, objects_after, remember_group, strip_opener, subject_of, titled_chain, titled_mentions
from reportgraph.model import EntityType, Predicate
from reportgraph.nlp.relate.patterns import adjacency_relations, fields_of_work_relations, held_in_relations, hosted_by_relations, leads_relations, membership_relations, period_relations
from reportgraph.nlp.relate.context import CLAUSE_BREAK, PlacedMention, RelationContext, normalize_form

T = EntityType
P = Predicate
_PASSIVE = re.compile("被")
_RECEIVED = re.compile("(?:得到|获得|受到|获)(?:了)?")
_EVENT_NOUN = re.compile(r"(?:了)?" + cues.EVENT_NOUNS)
_TITLE_GAP = re.compile(r"[\u4e00-\u9fff]{1,6}")  # 主席, 党组书记: a post between a body and its officer
# 为 X(、Y) 付出/贡献/作出贡献/献计出力: the subject serves the programmes named between
_CONTRIBUTION = re.compile(r"(?P<for>(?<![因成作认以])为)[^，,。；;：:！？]{2,60}?(?P<verb>"
                           + "|".join(map(re.escape, cues.CONTRIBUTION_VERBS)) + ")")
# each cue list's bits: a list none of whose words is in a clause is not looked for there
_AUTHORED = cue_mask(cues.AUTHORED)
_ADOPTED_ACTIVE = cue_mask(cues.ADOPTED_ACTIVE)
_SELECTED = cue_mask(cues.SELECTED)
_PARTICIPATED = cue_mask(cues.PARTICIPATED)
_IMPLEMENTS = cue_mask(cues.IMPLEMENTS)
_SUBDIVIDES = cue_mask(cues.SUBDIVIDES)
_ON_MEETING = re.compile("(?:" + "|".join(map(re.escape, cues.MEETING_PARTS)) + ")?上")

def sentence_relations(ctx: RelationContext, sent: tuple[int, int]) -> None:
    """Add the relations one sentence states through the genre's cues."""
    clauses = ctx.clauses(sent)
    text = ctx.text
    sent_mentions = ctx.outer_in(sent)
    if not sent_mentions:
        return
    events_in_sentence = [m for m in sent_mentions if m.type is T.EVENT]
    for ci, clause in enumerate(clauses):
        agents = {T.ORGANIZATION, T.PERSON}
        clause_mentions = ctx.outer_in(clause)
        here = clause_mask(ctx, clause)  # the cue lists with a word in the clause
        if clause_mentions and not strip_opener(normalize_form(text[clause[0]:clause_mentions[0].start])):
            group = ctx.groups(clause_mentions)[0]  # 县政协与A县、B县政协……: bodies a later 三县政协 names
            if len(group) > 1 and any(m.type is T.ORGANIZATION for m in group):
                remember_group(ctx, ctx.expand(group, {T.ORGANIZATION}))
        # authored: 签署/撰写/编辑出版/发出/上报 《…》
        for pos, w in cue_positions(ctx, clause, cues.AUTHORED) if here & _AUTHORED else ():
            objs = objects_after(ctx, clause, pos, {T.DOCUMENT})
            if not objs:
                continue
            subjects, _ = subject_of(ctx, clauses, ci, pos, agents)
            for s in subjects:
                for o in objs:
                    ctx.add(s, P.AUTHORED, o.key, ctx.evidence(sent, f"cue:{w}"))
        for m in clause_mentions:  # 完成《…规划》编制
            if m.type is not T.DOCUMENT:
                continue
            after = text[m.end:m.end + 4]
            w = next((c for c in cues.AUTHORED_AFTER if after.startswith((c, "的" + c))), None)
            if w:
                head = text[clause[0]:m.start].rstrip()
                if head.endswith(cues.NOT_THE_DRAFTER):
                    # 省环保厅对《…规划》的编制: the drafter is the body before 对, if named
                    before = [a for a in ctx.outer_in((clause[0], m.start)) if a.type in agents]
                    if not (head.endswith("对") and before and before[-1].end == len(head) + clause[0] - 1):
                        continue
                    subjects = [before[-1].key]
                else:
                    subjects, _ = subject_of(ctx, clauses, ci, m.start, agents)
                for s in subjects:
                    ctx.add(s, P.AUTHORED, m.key, ctx.evidence(sent, f"cue:…{w}"))
        for m in clause_mentions:  # 在 EVENT(开幕会)上 (讲话, 报告工作)
            on = _ON_MEETING.match(text, m.end) if m.type is T.EVENT else None
            ends_clause = on is not None and ci + 1 < len(clauses) and on.end() >= clause[1] - 1
            if on is not None and (text.endswith("在", 0, m.start) or ends_clause):
                subjects, explicit = subject_of(ctx, clauses, ci, m.start - 1, {T.ORGANIZATION, T.PERSON})
                if not text.endswith("在", 0, m.start):
                    explicit = False  # 某县政协召开十届一次会议上，王某某…: the convenor, and the next clause's speaker
                if not explicit and ends_clause:
                    # 在…会议上，王某某代表县政协常委会作报告: the next clause's opening names
                    nxt = [x for x in ctx.outer_in(clauses[ci + 1]) if x.type in (T.ORGANIZATION, T.PERSON)]
                    lead = normalize_form(text[clauses[ci + 1][0]:nxt[0].start]) if nxt else "x"
                    chained = _titled_clauses(ctx, clauses, ci + 1)
                    if chained:  # 在…上，甲省省长王某某，乙省省长李某某签署…: every titled person
                        subjects = [*(subjects if not text.endswith("在", 0, m.start) else []), *chained]
                    elif nxt and not lead:
                        subjects = [*(subjects if not text.endswith("在", 0, m.start) else []), nxt[0].key]
                        first = nxt[0]
                        if first.type is T.ORGANIZATION and len(nxt) > 1 and nxt[1].type is T.PERSON \
                                and _TITLE_GAP.fullmatch(text, first.end, nxt[1].start):
                            first = nxt[1]  # 县政协主席王某某: the body's officer speaks too
                            subjects.append(first.key)
                        rep = text.find("代表", first.end, clauses[ci + 1][1])
                        if rep >= 0:  # … and the body the speaker represents
                            subjects += [x.key for x in nxt if x.start == rep + 2][:1]
                for s in subjects:
                    ctx.add(s, P.PARTICIPATED_IN, m.key, ctx.evidence(sent, "cue:在…上"))
        # adoptedBy: 《…》 被 ORG 采用
        for m in _PASSIVE.finditer(text, clause[0], clause[1]):
            pos = m.start()
            after = [x for x in ctx.outer_in((pos + 1, clause[1]))]
            if not after or after[0].type is not T.ORGANIZATION:
                continue
            adopters = [a for a in ctx.groups(after)[0] if a.type is T.ORGANIZATION]  # 被市委、市政府采纳
            verb_at = adopters[-1].end
            nxt = [x for x in after if x.start >= verb_at][:1]
            if nxt and nxt[0].type is T.DOCUMENT and nxt[0].start == verb_at:
                verb_at = nxt[0].end  # 被市政协《建言》刊发: published in the body's periodical
            verb = text[verb_at:verb_at + 4]
            cue = next((v for v in cues.ADOPTED if verb.startswith(v) or verb[1:].startswith(v)), None)
            if cue is None or normalize_form(text[pos + 1:adopters[0].start]):
                continue
            docs = [x for x in ctx.outer_in((clause[0], pos)) if x.type is T.DOCUMENT]
            if not docs and ci > 0 and not normalize_form(text[clause[0]:pos]).strip(",，"):
                # 形成《…》，被县委采纳: the passive continues the clause before
                docs = [x for x in ctx.outer_in(clauses[ci - 1]) if x.type is T.DOCUMENT]
            for d in docs:
                for adopter in adopters:
                    ctx.add(d.key, P.ADOPTED_BY, adopter.key, ctx.evidence(sent, f"cue:被…{cue}"))
        # adoptedBy: ORG (前不久)采纳了 《…》: the body that adopts is the subject
        for pos, w in cue_positions(ctx, clause, cues.ADOPTED_ACTIVE) if here & _ADOPTED_ACTIVE else ():
            if text.endswith(("被", "的"), 0, pos) or not text.startswith("了", pos + len(w)):
                continue
            adopters = [a for a in ctx.outer_in((clause[0], pos)) if a.type is T.ORGANIZATION][-1:]
            if not adopters or len(normalize_form(text[adopters[-1].end:pos])) > 4:
                continue
            for d in objects_after(ctx, clause, pos, {T.DOCUMENT}):
                ctx.add(d.key, P.ADOPTED_BY, adopters[-1].key, ctx.evidence(sent, f"cue:{w}了"))
        # adoptedBy: 《…》，入选 全国政协(某次会议)重点提案: the body that selects it adopts it
        for pos, w in cue_positions(ctx, clause, cues.SELECTED) if here & _SELECTED else ():
            after = ctx.outer_in((pos + len(w), clause[1]))
            if not after or after[0].start != pos + len(w) or after[0].type not in (T.ORGANIZATION, T.EVENT) \
                    or not text.startswith(cues.SELECTED_AS, after[0].end):
                continue
            body = after[0].key if after[0].type is T.ORGANIZATION else _body_named_first(ctx, after[0])
            docs = [x for x in ctx.outer_in((clause[0], pos)) if x.type is T.DOCUMENT]
            if not docs and ci > 0:
                docs = [x for x in ctx.outer_in(clauses[ci - 1]) if x.type is T.DOCUMENT][-1:]
            for d in docs:
                ctx.add(d.key, P.ADOPTED_BY, body, ctx.evidence(sent, f"cue:{w}…"))
        # adoptedBy: 《…》……得到 ORG(、ORG) 的采纳
        for m in _RECEIVED.finditer(text, clause[0], clause[1]):
            pos = m.end()
            after = ctx.outer_in((pos, clause[1]))
            if not after or after[0].type is not T.ORGANIZATION or normalize_form(text[pos:after[0].start]):
                continue
            adopters = [a for a in ctx.groups(after)[0] if a.type is T.ORGANIZATION]
            tail = text[adopters[-1].end:adopters[-1].end + 6]
            cue = next((v for v in cues.ADOPTED_ACTIVE if re.match(r"(?:的)?" + v, tail)), None)
            if cue is None:
                continue
            for d in [x for x in ctx.outer_in((sent[0], pos)) if x.type is T.DOCUMENT]:
                for adopter in adopters:
                    ctx.add(d.key, P.ADOPTED_BY, adopter.key, ctx.evidence(sent, f"cue:得到…{cue}"))
        # participatedIn: 参加/出席/举办/召开 EVENT
        for pos, w in cue_positions(ctx, clause, cues.PARTICIPATED) if here & _PARTICIPATED else ():
            objs = [o for o in objects_after(ctx, clause, pos, {T.EVENT})
                    if not text.startswith(cues.EVENT_MODIFIED, o.end)]  # 开展二十大精神学习: no attending
            if not objs and w in cues.ATTENDED:  # 县长李强到会: the sentence's earlier event
                objs = [m for m in events_in_sentence if m.end <= pos][-1:]
            rest = normalize_form(text[pos + len(w):clause[1]]).rstrip(CLAUSE_BREAK)
            if not objs and (not rest or _EVENT_NOUN.match(rest)):
                earlier = [m for m in events_in_sentence if m.end <= pos]
                objs = earlier[-1:]
            if not objs:
                continue
            subjects, _ = subject_of(ctx, clauses, ci, pos, {T.ORGANIZATION, T.PERSON, T.ADMINISTRATIVE_AREA})
            for s, o in respectively(ctx, text[sent[0]:pos], subjects, [o.key for o in objs]):
                ctx.add(s, P.PARTICIPATED_IN, o, ctx.evidence(sent, f"cue:{w}"))
        # implements / about: 实施/推进/围绕 INITIATIVE; 围绕……主题/协商 → about
        for pos, w in cue_positions(ctx, clause, cues.IMPLEMENTS) if here & _IMPLEMENTS else ():
            rest = text[pos:clause[1]]
            framed = w in cues.TOPIC_VERBS or text[clause[0]:pos].rstrip().endswith(cues.TOPIC_PREPOSITIONS)
            topic = framed and any(t in rest for t in cues.TOPIC_MARKERS)  # 就推进X问题进行协商
            objs = objects_after(ctx, clause, pos, {T.INITIATIVE, *((T.PLACE, T.ADMINISTRATIVE_AREA) if topic else ())})
            if not objs:
                continue
            if topic:  # 就推进我省X问题协商: the area modifying the programme is not a topic of its own
                objs = [o for o in objs if o.type is T.INITIATIVE or not any(
                    x.start == o.end and x.type is T.INITIATIVE for x in objs)]
                frames = [ev for ev in events_in_sentence if clause[0] <= ev.start < clause[1]
                          or text[ev.end:ev.end + 2].startswith(cues.EVENT_FRAMES)]
                for ev in frames:
                    for o in objs:
                        ctx.add(ev.key, P.ABOUT, o.key, ctx.evidence(sent, f"cue:{w}…主题"))
                continue
            subjects, explicit = subject_of(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            for o in objs:
                organ = _adjacent_organ(ctx, o)
                targets = normalize_form(text[o.end:o.end + 4]).startswith(cues.TARGET_WORDS)
                bearers = subjects if explicit else area_plan_bearer(ctx, subjects, o.key, w, targets)
                for s in [organ] if organ else bearers:
                    ctx.add(s, P.IMPLEMENTS, o.key, ctx.evidence(sent, f"cue:{w}"))
        contribution = _CONTRIBUTION.search(text, clause[0], clause[1]) if "为" in text[clause[0]:clause[1]] else None
        if contribution is not None:  # 为全县防汛抗旱、文明创建付出了辛劳 / 为X贡献智慧力量
            objs = [o for o in ctx.outer_in((contribution.start("for") + 1, contribution.start("verb")))
                    if o.type is T.INITIATIVE]
            if objs:
                subjects, _ = subject_of(ctx, clauses, ci, contribution.start("for"), {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
                for s in subjects:
                    for o in objs:
                        ctx.add(s, P.IMPLEMENTS, o.key, ctx.evidence(sent, "cue:为…" + contribution.group("verb")))
        for m in clause_mentions:
            if m.type is not T.INITIATIVE:
                continue
            after = normalize_form(text[m.end:m.end + 6])
            adverb = next((a for a in cues.MANNER_ADVERBS if after.startswith(a)), "")
            after = after[len(adverb):] if adverb and not after.startswith("的") else after  # X扎实推进
            w = next((c for c in cues.IMPLEMENTS_AFTER if after.startswith(c) or after.startswith("的" + c)), None)
            if w is None or (w in cues.IMPLEMENTS_AFTER_WITH_DE and not after.startswith("的")):
                continue  # 围绕X开展专题协商: X is the topic; X的开展 is X carried out
            if any(t in text[m.end:clause[1]] for t in cues.TOPIC_MARKERS):
                continue
            subjects, explicit = subject_of(ctx, clauses, ci, m.start, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            for s in subjects if explicit else area_plan_bearer(ctx, subjects, m.key, w):
                ctx.add(s, P.IMPLEMENTS, m.key, ctx.evidence(sent, f"cue:…{w}"))
        for pos, w in cue_positions(ctx, clause, cues.SUBDIVIDES) if here & _SUBDIVIDES else ():  # X 下设 A、B和C
            owners = [m for m in ctx.outer_in((clause[0], pos)) if m.type is T.ORGANIZATION]
            parts = [m for m in objects_after(ctx, clause, pos, {T.ORGANIZATION})]
            if owners and not normalize_form(text[owners[-1].end:pos]):
                for part in parts:
                    ctx.add(part.key, P.PART_OF, owners[-1].key, ctx.evidence(sent, f"cue:{w}"))
        membership_relations(ctx, sent, clauses, ci)
        held_in_relations(ctx, sent, clause)
        hosted_by_relations(ctx, sent, clauses, ci)
        fields_of_work_relations(ctx, sent, clause)
    leads_relations(ctx, sent, clauses)
    period_relations(ctx, sent)
    adjacency_relations(ctx, sent, sent_mentions)


def _titled_clauses(ctx: RelationContext, clauses: list[tuple[int, int]], ci: int) -> list[str]:
    """The bodies and people named by their posts that open clause ``ci``, and the clauses after
    it as long as each holds no more than such names (甲省省长王某某，乙省省长李某某签署…)."""
    out: list[str] = []
    for c in clauses[ci:]:
        ms = ctx.outer_in(c)
        if not ms or normalize_form(ctx.text[c[0]:ms[0].start]):
            break
        chain = titled_mentions(ctx, ms)
        if not chain:
            break
        out += titled_chain(ctx, ms)
        if normalize_form(ctx.text[chain[-1].end:c[1]]).rstrip("，,"):
            break  # the clause goes on with its verb
    return list(dict.fromkeys(out))


def respectively(ctx: RelationContext, head: str, subjects: list[str], objects: list[str]) -> list[tuple[str, str]]:
    """Every subject with every object; after 分别, pairs in order when the subjects of one type
    are as many as the objects (代表王某、委员李某分别参加了A会议、B会议), else none."""
    if len(objects) > 1 and any(w in head for w in cues.RESPECTIVELY):
        for kind in (T.PERSON, T.ORGANIZATION, T.ADMINISTRATIVE_AREA):
            of_kind = [s for s in subjects if ctx.type_of(s) is kind]
            if len(of_kind) == len(objects):
                pairs = list(zip(of_kind, objects))
                others = [s for s in subjects if ctx.type_of(s) is not kind]
                if len(others) == len(objects):
                    pairs += list(zip(others, objects))
                return pairs
        return []  # as many of neither: which goes with which is not said
    return [(s, o) for s in subjects for o in objects]


def _body_named_first(ctx: RelationContext, event: PlacedMention) -> str | None:
    """The body whose name opens an event's (全国政协 of 全国政协十三届一次会议)."""
    inner = [m for m in ctx.inner_of(event) if m.start == event.start and m.type is T.ORGANIZATION]
    return max(inner, key=lambda m: m.end).key if inner else None


def _adjacent_organ(ctx: RelationContext, initiative: PlacedMention) -> str | None:
    """政协党组全面从严治党: an internal organ right before the initiative is its bearer."""
    for m in ctx.outer_ending.get(initiative.start, ()):
        if m.type is T.ORGANIZATION:
            if any(f.endswith(cues.ORGAN_SUFFIXES) for f in ctx.forms[m.key]):
                return m.key
    return None
