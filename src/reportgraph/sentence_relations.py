"""Relations stated by a sentence: the genre's cues (:mod:`reportgraph.cues`) with their
subjects and objects, found in the sentence's clauses.

签署/撰写/编辑出版《…》 → authored; 《…》被 ORG 采用 → adoptedBy; 参加/出席/举办 EVENT →
participatedIn; 实施/推进/围绕 INITIATIVE → implements (围绕……主题/协商 → the framing event is
about it); 与 A、B和C政协……形成 X联席会议 → memberOf; EVENT 在 AREA 举办 → locatedIn;
在 X 的领导下 / Y 是 X 领导的 / X 对 Y 的领导 → leads; X 下设 A、B → partOf; juxtaposed names
(四川省阆中市, 代县脱贫攻坚, 省政协庆祝…征文, 全国政协2020年4736号提案).

A clause with no subject of its own takes the subject opening an earlier clause of the
sentence, else the report's author (Chinese drops it); enumerations distribute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import cues
from .model import EntityType, Predicate
from .relation_context import CLAUSE_BREAK, PlacedMention, RelationContext, is_address, normalize_form

T = EntityType
P = Predicate

_LEADS_AFTER = re.compile(
    r"(?:的)?(?:坚强|正确|全面|集中统一|统一|绝对|坚定|有力|直接|亲切)领导(?!小组|干部|班子|职务|岗位|同志|人|者|成员)"
    r"|领导(?:的|下|之下)|的领导"
)
_LEADS_NEXT = frozenset("下之是，,。；;、")
_NUMBERED_PROPOSAL = re.compile(r"\d+号(?:提案|建议|议案)")


def _cue_positions(ctx: RelationContext, clause: tuple[int, int], words: Iterable[str]) -> list[tuple[int, str]]:
    """Where cue words occur in a clause, outside mentions and quotes, longest first."""
    text = ctx.text
    taken: set[int] = set()
    out = []
    inside = {i for m in ctx.outer if clause[0] <= m.start < clause[1] for i in range(m.start, m.end)}
    for w in sorted(set(words), key=len, reverse=True):
        start = clause[0]
        while True:
            i = text.find(w, start, clause[1])
            if i < 0:
                break
            start = i + 1
            span = set(range(i, i + len(w)))
            if span & inside and not _leading_verb(ctx, i, w):
                continue
            if span & taken or ctx.in_quotes(i, clause):
                continue
            taken |= span
            out.append((i, w))
    return sorted(out)


def _leading_verb(ctx: RelationContext, pos: int, word: str) -> bool:
    """A cue the recogniser kept at the head of a mention (打赢脱贫攻坚战 for 脱贫攻坚)."""
    for m in ctx.outer:
        if m.start == pos:
            return word not in normalize_form(ctx.entities[m.key].name)
    return False


def _subject(ctx: RelationContext, clauses: list[tuple[int, int]], ci: int, pos: int,
             types: set[EntityType]) -> tuple[list[str], bool]:
    """The subject of the verb at ``pos``: a body before it in its clause, the body opening
    an earlier clause of the sentence, or the report's author (a dropped subject)."""
    clause = clauses[ci]
    collective = _numbered_collective(ctx, clause[0], pos)  # 三县政协 (its 县政协 is no subject)
    if collective:
        return collective, True
    before = [m for m in ctx.outer_in((clause[0], pos))]
    for group in reversed(ctx.groups(before)):
        if not any(m.type in _AGENTS for m in group):
            continue
        first = group[0]
        lead = ctx.text[clause[0]:first.start]
        between = normalize_form(ctx.text[group[-1].end:pos])
        if _strip_opener(normalize_form(lead)) in cues.COMITATIVE and between.startswith(cues.TOGETHER):
            # (我们)与淳安县政协共同主办: the speaker and the partners
            partners = ctx.expand(group, types)
            if partners and ctx.home and all(ctx.type_of(k) is T.ADMINISTRATIVE_AREA for k in partners):
                speaker = [ctx.home]  # (我县)与 A县、B县 共同……
            else:
                speaker = [ctx.author] if ctx.author else []
            return _remember(ctx, [*speaker, *ctx.expand(group, types)]), True
        if lead.rstrip().endswith(cues.OBJECT_PREPOSITIONS):
            continue
        if between.startswith("的"):
            continue
        keys = ctx.expand(group, types)
        opened = _strip_opener(normalize_form(lead))
        causative = next((c for c in cues.CAUSATIVES if lead.rstrip().endswith(c) or opened.startswith(c)), None)
        if causative:  # 组织民主党派、工商联开展……: the organiser acts too
            at = ctx.text.find(causative, clause[0], first.start)
            organiser, _ = _subject(ctx, clauses, ci, at, types)
            keys = [*organiser, *keys]
        return _remember(ctx, keys), True  # explicit, even of another type
    for cj in range(ci, -1, -1):
        c = clauses[cj]
        if _strip_opener(normalize_form(ctx.text[c[0]:c[1]])).startswith(cues.FIRST_PERSON):
            return ([ctx.author] if ctx.author else []), True  # 我们: the speaking body
        if cj == ci:
            continue
        collective = _numbered_collective(ctx, c[0], c[1])
        if collective:
            return collective, True
        mentions = ctx.outer_in(c)
        if not mentions:
            continue
        lead = _strip_opener(normalize_form(ctx.text[c[0]:mentions[0].start]))
        if lead:
            continue
        group = ctx.groups(mentions)[0]
        if any(m.type in _AGENTS for m in group):
            return _remember(ctx, ctx.expand(group, types)), True
    return ([ctx.author] if ctx.author else []), False


_AGENTS = frozenset({T.ORGANIZATION, T.ADMINISTRATIVE_AREA, T.PERSON})
_NUMBERED_BODIES = re.compile(
    r"[一二三四五六七八九十两\d]+个?(?:省|市|县|区|州|旗)(?:[(（][市县区州][)）])?(?:政协|人大|政府|党委)?")


def _strip_opener(lead: str) -> str:
    for opener in sorted(cues.CLAUSE_OPENERS, key=len, reverse=True):
        if lead.startswith(opener):
            return lead[len(opener):]
    return lead


def _numbered_collective(ctx: RelationContext, start: int, end: int) -> list[str] | None:
    """七县(市)政协 / 三县政协 opening a clause: the alliance whose name contains the phrase, else
    the bodies last enumerated together when they are as many, else the doc's one alliance."""
    lead = _strip_opener(normalize_form(ctx.text[start:end]))
    m = _NUMBERED_BODIES.match(lead)
    if not m:
        return None
    found = [k for k, e in ctx.entities.items() if e.type is T.ORGANIZATION
             and any(c in f for f in ctx.forms[k] | {normalize_form(e.name)} for c in cues.COLLECTIVE_WORDS)]
    named = [k for k in found if any(m.group(0) in f for f in ctx.forms[k] | {normalize_form(ctx.entities[k].name)})]
    if len(named) == 1:
        return named
    count = _chinese_count(m.group(0))
    if ctx.last_group and count == len(ctx.last_group):
        return list(ctx.last_group)
    return found if len(found) == 1 else None


def _remember(ctx: RelationContext, keys: list[str]) -> list[str]:
    """Keep the last enumeration of several bodies: a later 三县政协 may name them again."""
    if len(keys) > 1 and all(ctx.type_of(k) is T.ORGANIZATION for k in keys):
        ctx.last_group = tuple(keys)
    return keys


_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_count(phrase: str) -> int | None:
    """The number a phrase opens with: 三县 → 3, 十二县 → 12, 7县 → 7."""
    m = re.match(r"\d+|[一二两三四五六七八九十]+", phrase)
    if not m:
        return None
    t = m.group(0)
    if t.isdigit():
        return int(t)
    if "十" in t:
        tens, _, ones = t.partition("十")
        return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)
    return _DIGITS.get(t)


def _objects_after(ctx: RelationContext, clause: tuple[int, int], pos: int, types: set[EntityType]) -> list[PlacedMention]:
    """Mentions of ``types`` after the verb at ``pos`` in its clause, up to a passive 被 (what
    follows it has another role: 《报告》被市政协《建言》刊发)."""
    end = clause[1]
    cut = ctx.text.find("被", pos, end)
    if cut > pos:
        end = cut
    return [m for m in ctx.outer_in((pos, end)) if m.type in types]


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
        opening = ctx.outer_in(clause)
        if opening and not _strip_opener(normalize_form(text[clause[0]:opening[0].start])):
            group = ctx.groups(opening)[0]  # 县政协与A县、B县政协……: bodies a later 三县政协 names
            if len(group) > 1 and any(m.type is T.ORGANIZATION for m in group):
                _remember(ctx, ctx.expand(group, {T.ORGANIZATION}))
        # authored: 签署/撰写/编辑出版/发出/上报 《…》
        for pos, w in _cue_positions(ctx, clause, cues.AUTHORED):
            objs = _objects_after(ctx, clause, pos, {T.DOCUMENT})
            if not objs:
                continue
            subjects, _ = _subject(ctx, clauses, ci, pos, agents)
            for s in subjects:
                for o in objs:
                    ctx.add(s, P.AUTHORED, o.key, ctx.evidence(sent, f"cue:{w}"))
        for m in ctx.outer_in(clause):  # 完成《…规划》编制
            after = text[m.end:m.end + 4]
            w = next((c for c in cues.AUTHORED_AFTER if after.startswith((c, "的" + c))), None)
            if m.type is T.DOCUMENT and w:
                head = text[clause[0]:m.start].rstrip()
                if head.endswith(cues.NOT_THE_DRAFTER):
                    # 省环保厅对《…规划》的编制: the drafter is the body before 对, if named
                    before = [a for a in ctx.outer_in((clause[0], m.start)) if a.type in agents]
                    if not (head.endswith("对") and before and before[-1].end == len(head) + clause[0] - 1):
                        continue
                    subjects = [before[-1].key]
                else:
                    subjects, _ = _subject(ctx, clauses, ci, m.start, agents)
                for s in subjects:
                    ctx.add(s, P.AUTHORED, m.key, ctx.evidence(sent, f"cue:…{w}"))
        for m in ctx.outer_in(clause):  # 在 EVENT 上 (讲话, 报告工作)
            if m.type is T.EVENT and text[:m.start].endswith("在") and text[m.end:m.end + 1] == "上":
                subjects, _ = _subject(ctx, clauses, ci, m.start - 1, {T.ORGANIZATION, T.PERSON})
                for s in subjects:
                    ctx.add(s, P.PARTICIPATED_IN, m.key, ctx.evidence(sent, "cue:在…上"))
        # adoptedBy: 《…》 被 ORG 采用
        for m in re.finditer("被", text[clause[0]:clause[1]]):
            pos = clause[0] + m.start()
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
        # adoptedBy: 《…》……得到 ORG(、ORG) 的采纳
        for m in re.finditer("(?:得到|获得|受到|获)(?:了)?", text[clause[0]:clause[1]]):
            pos = clause[0] + m.end()
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
        for pos, w in _cue_positions(ctx, clause, cues.PARTICIPATED):
            objs = _objects_after(ctx, clause, pos, {T.EVENT})
            if not objs and w in cues.ATTENDED:  # 县长李强到会: the sentence's earlier event
                objs = [m for m in events_in_sentence if m.end <= pos][-1:]
            rest = normalize_form(text[pos + len(w):clause[1]]).rstrip(CLAUSE_BREAK)
            if not objs and (not rest or re.match(r"(?:了)?" + cues.EVENT_NOUNS, rest)):
                earlier = [m for m in events_in_sentence if m.end <= pos]
                objs = earlier[-1:]
            if not objs:
                continue
            subjects, _ = _subject(ctx, clauses, ci, pos, {T.ORGANIZATION, T.PERSON, T.ADMINISTRATIVE_AREA})
            for s in subjects:
                for o in objs:
                    ctx.add(s, P.PARTICIPATED_IN, o.key, ctx.evidence(sent, f"cue:{w}"))
        # implements / about: 实施/推进/围绕 INITIATIVE; 围绕……主题/协商 → about
        for pos, w in _cue_positions(ctx, clause, cues.IMPLEMENTS):
            objs = _objects_after(ctx, clause, pos, {T.INITIATIVE})
            if not objs:
                continue
            rest = text[pos:clause[1]]
            if w == "围绕" and any(t in rest for t in cues.TOPIC_MARKERS):
                frames = [ev for ev in events_in_sentence if clause[0] <= ev.start < clause[1]
                          or text[ev.end:ev.end + 2].startswith(cues.EVENT_FRAMES)]
                for ev in frames:
                    for o in objs:
                        ctx.add(ev.key, P.ABOUT, o.key, ctx.evidence(sent, "cue:围绕…协商"))
                continue
            subjects, _ = _subject(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            for o in objs:
                organ = _adjacent_organ(ctx, o)
                for s in [organ] if organ else subjects:
                    ctx.add(s, P.IMPLEMENTS, o.key, ctx.evidence(sent, f"cue:{w}"))
        for m in ctx.outer_in(clause):
            if m.type is not T.INITIATIVE:
                continue
            after = normalize_form(text[m.end:m.end + 4])
            w = next((c for c in cues.IMPLEMENTS_AFTER if after.startswith(c) or after.startswith("的" + c)), None)
            if w is None or (w in cues.IMPLEMENTS_AFTER_WITH_DE and not after.startswith("的")):
                continue  # 围绕X开展专题协商: X is the topic; X的开展 is X carried out
            if any(t in text[m.end:clause[1]] for t in cues.TOPIC_MARKERS):
                continue
            subjects, _ = _subject(ctx, clauses, ci, m.start, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            for s in subjects:
                ctx.add(s, P.IMPLEMENTS, m.key, ctx.evidence(sent, f"cue:…{w}"))
        for pos, w in _cue_positions(ctx, clause, cues.SUBDIVIDES):  # X 下设 A、B和C
            owners = [m for m in ctx.outer_in((clause[0], pos)) if m.type is T.ORGANIZATION]
            parts = [m for m in _objects_after(ctx, clause, pos, {T.ORGANIZATION})]
            if owners and not normalize_form(text[owners[-1].end:pos]):
                for part in parts:
                    ctx.add(part.key, P.PART_OF, owners[-1].key, ctx.evidence(sent, f"cue:{w}"))
        _membership(ctx, sent, clauses, ci)
        _held_in(ctx, sent, clause)
    _leads(ctx, sent, clauses)
    _adjacency(ctx, sent, sent_mentions)


def _adjacent_organ(ctx: RelationContext, initiative: PlacedMention) -> str | None:
    """政协党组全面从严治党: an internal organ right before the initiative is its bearer."""
    for m in ctx.outer:
        if m.end == initiative.start and m.type is T.ORGANIZATION:
            if any(f.endswith(cues.ORGAN_SUFFIXES) for f in ctx.forms[m.key]):
                return m.key
    return None


def _membership(ctx: RelationContext, sent: tuple[int, int], clauses: list[tuple[int, int]], ci: int) -> None:
    """与 A、B和C政协……形成 X联席会议: the speaker, A, B and C are members of X."""
    clause = clauses[ci]
    text = ctx.text
    for pos, w in _cue_positions(ctx, clause, cues.FORMED):
        objs = [m for m in _objects_after(ctx, clause, pos, {T.ORGANIZATION})
                if any(c in f for f in ctx.forms[m.key] for c in cues.COLLECTIVE_WORDS)]
        if not objs:
            continue
        collective = objs[0].key
        partners: list[str] = []
        for cj in range(ci, -1, -1):
            c = clauses[cj]
            end = pos if cj == ci else c[1]
            i = text.rfind("与", c[0], end)
            while i >= 0 and ctx.in_quotes(i, c):
                i = text.rfind("与", c[0], i)
            if i < 0:
                continue
            after = [m for m in ctx.outer_in((i + 1, end))
                     if m.type in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA)]
            if after:
                partners = ctx.expand(ctx.groups(after)[0], {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            break
        subjects, explicit = _subject(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
        if not explicit and ctx.home and partners and all(
                ctx.type_of(k) is T.ADMINISTRATIVE_AREA for k in partners):
            subjects = [ctx.home]  # (我县)与 A县、B县……: the speaker's side is the home place
        for s in [*subjects, *partners]:
            ctx.add(s, P.MEMBER_OF, collective, ctx.evidence(sent, f"cue:与…{w}"))
            if s in ctx.entities and s != collective:
                ctx.members.setdefault(collective, set()).add(s)
    for pos, w in _cue_positions(ctx, clause, cues.JOINED):
        after = [m for m in ctx.outer_in((pos, clause[1])) if m.type is T.ORGANIZATION]
        before = [m for m in ctx.outer_in((clause[0], pos)) if m.type is T.ORGANIZATION]
        if w == "加入" and after:
            subjects, _ = _subject(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            for s in subjects:
                ctx.add(s, P.MEMBER_OF, after[0].key, ctx.evidence(sent, "cue:加入"))
        elif w != "加入" and before and normalize_form(text[before[-1].end:pos]) in ("", "的"):
            # X的成员(单位)包括 A、B / A是X的成员
            owner = before[-1]
            members = [m for m in after if m.type is T.ORGANIZATION]
            head = ctx.text[clause[0]:owner.start]
            if not members and head.rstrip().endswith("是"):
                members = [m for m in before[:-1]][-1:]
            for m in members:
                ctx.add(m.key, P.MEMBER_OF, owner.key, ctx.evidence(sent, f"cue:{w}"))


def _held_in(ctx: RelationContext, sent: tuple[int, int], clause: tuple[int, int]) -> None:
    """EVENT 在 AREA 举办 / 在 AREA 召开的 EVENT: the event is located in the area."""
    text = ctx.text
    ms = ctx.outer_in(clause)
    for i, m in enumerate(ms):
        if m.type is not T.ADMINISTRATIVE_AREA or not text[:m.start].endswith("在"):
            continue
        verb = text[m.end:m.end + 3]
        if not verb.startswith(cues.HELD):
            continue
        event = None
        if i > 0 and ms[i - 1].type is T.EVENT and not normalize_form(text[ms[i - 1].end:m.start - 1]):
            event = ms[i - 1]
        elif i + 1 < len(ms) and ms[i + 1].type is T.EVENT and len(normalize_form(text[m.end:ms[i + 1].start])) <= 3:
            event = ms[i + 1]
        if event is not None:
            ctx.add(event.key, P.LOCATED_IN, m.key, ctx.evidence(sent, f"cue:在…{verb[:2]}"))


_PARTY_RE = re.compile(r"(?<![政入建参本各该全政])党(?=的(?:坚强|全面|集中统一|绝对)?领导|对)")


def _leads(ctx: RelationContext, sent: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
    """在 X(、Y) 的领导下 / X 坚强领导 / Z 是 X 领导的 / X 对 Z 的领导 (党 is the Party).
    A bare “X领导” (省政协领导来调研) names X's leaders, not leadership."""
    text = ctx.text
    ms = ctx.outer_in(sent)
    party = ctx.by_form.get("中国共产党") or ctx.by_form.get("中共")
    if party is not None and ctx.type_of(party) is T.ORGANIZATION:
        covered = {i for m in ms for i in range(m.start, m.end)}
        extra = [PlacedMention(m.start(), m.end(), party, T.ORGANIZATION)
                 for m in _PARTY_RE.finditer(text, sent[0], sent[1]) if m.start() not in covered]
        ms = sorted([*ms, *extra], key=lambda m: (m.start, -m.end))
    for i, x in enumerate(ms):
        if x.type is not T.ORGANIZATION:
            continue
        after = text[x.end:sent[1]]
        # the leaders: X and the bodies enumerated before it (在县委、县政府的领导下)
        leaders = [x]
        j = i
        while j > 0 and ms[j - 1].type is T.ORGANIZATION and \
                normalize_form(text[ms[j - 1].end:ms[j].start]) in cues.JOINERS:
            leaders.insert(0, ms[j - 1])
            j -= 1
        head = text[sent[0]:leaders[0].start]
        led: str | None = None
        if after.startswith("对"):
            nxt = ms[i + 1] if i + 1 < len(ms) else None
            if nxt is None or nxt.start != x.end + 1 or nxt.type is not T.ORGANIZATION:
                continue
            if not re.match(r"(?:各项|的|工作|事业)*(?:的)?(?:全面)?领导", text[nxt.end:nxt.end + 8]):
                continue
            led, method = nxt.key, "cue:对…的领导"
        else:
            m = _LEADS_AFTER.match(after)
            if not m or head.endswith("对"):
                continue
            if m.group(0) == "的领导" and not (after[m.end():m.end() + 1] in _LEADS_NEXT
                                              or head.endswith(cues.LEADERSHIP_VERBS)):
                continue
            prev = ms[j - 1] if j > 0 else None
            attached = prev is not None and prev.type is T.ORGANIZATION and prev.end == leaders[0].start - 1
            if head.endswith("是") and attached:
                led, method = prev.key, "cue:是…领导的"
            elif head.endswith("在") and attached:
                led, method = prev.key, "cue:在…的领导下"
            else:
                led = ctx.author
                method = "cue:在…的领导下" if head.endswith("在") else "cue:领导"
        for leader in leaders:
            ctx.add(leader.key, P.LEADS, led, ctx.evidence(sent, method))


def _adjacency(ctx: RelationContext, sent: tuple[int, int], ms: list[PlacedMention]) -> None:
    """Juxtaposed names: 四川省阆中市 (address), 代县脱贫攻坚 (the area's campaign),
    省政协庆祝…征文 (the body's event), 全国政协2020年4736号提案 (registered by the body)."""
    text = ctx.text
    pairs: list[tuple[PlacedMention, PlacedMention]] = []
    for a, b in zip(ms, ms[1:]):
        if a.end == b.start:
            pairs.append((a, b))
    for outer in ms:  # a name that opens a longer one: 四川省|阆中市, 代县|脱贫攻坚
        inner = [m for m in ctx.inner_of(outer) if m.start == outer.start and m.key != outer.key]
        for m in inner[:1]:
            pairs.append((m, outer))
    areas = [m for m in ctx.mentions if m.type is T.ADMINISTRATIVE_AREA and sent[0] <= m.start < sent[1]]
    pairs += [(a, b) for a in areas for b in areas if a.end == b.start]  # 湖南省|凤凰县|政协
    for a, b in pairs:
        ta, tb = a.type, b.type
        if ta is T.ADMINISTRATIVE_AREA and tb is T.ADMINISTRATIVE_AREA and is_address(ctx, a.key, b.key):
            ctx.add(b.key, P.LOCATED_IN, a.key, ctx.evidence(sent, "grammar:address"))
        elif ta is T.ADMINISTRATIVE_AREA and tb is T.INITIATIVE and not normalize_form(ctx.entities[b.key].name).startswith(
                tuple(ctx.forms[a.key])) and not _modifies_noun(text, b.end):
            ctx.add(a.key, P.IMPLEMENTS, b.key, ctx.evidence(sent, "grammar:area+initiative"))
        elif ta is T.ORGANIZATION and tb is T.EVENT and not normalize_form(ctx.entities[b.key].name).startswith(
                tuple(ctx.forms[a.key])):
            ctx.add(a.key, P.PARTICIPATED_IN, b.key, ctx.evidence(sent, "grammar:body+event"))
        elif ta is T.ORGANIZATION and tb is T.DOCUMENT and _NUMBERED_PROPOSAL.search(text[b.start:b.end]):
            ctx.add(b.key, P.ADOPTED_BY, a.key, ctx.evidence(sent, "grammar:numbered-proposal"))
    # 代县创卫 named as one mention: the area opens the initiative's surface form
    for m in ms:
        if m.type is not T.INITIATIVE:
            continue
        surface = normalize_form(text[m.start:m.end])
        found = ctx.find_forms(surface, {T.ADMINISTRATIVE_AREA})
        if found and found[0][0] == 0 and found[0][1] < len(surface) and \
                not normalize_form(ctx.entities[m.key].name).startswith(surface[:found[0][1]]) \
                and not _modifies_noun(text, m.end):
            ctx.add(found[0][2], P.IMPLEMENTS, m.key, ctx.evidence(sent, "grammar:area+initiative"))


def _modifies_noun(text: str, end: int) -> bool:
    """全省脱贫攻坚奖, 全县脱贫攻坚领导小组: the campaign only names an award or a body."""
    return text[end:end + 5].startswith(cues.CAMPAIGN_MODIFIED)
