"""Relations of fixed sentence patterns: 与 A、B和C政协……形成 X联席会议 → memberOf;
EVENT 在 AREA 举办 → locatedIn; 在 X 的领导下 / Y 是 X 领导的 / X 对 Y 的领导 → leads; juxtaposed
names (四川省阆中市 → locatedIn, 代县脱贫攻坚 → implements, 省政协庆祝…征文 → participatedIn,
全国政协2020年4736号提案 → adoptedBy).
"""

from __future__ import annotations

import re

from reportgraph.genre import cues
from reportgraph.knowledge.gazetteer import load_divisions
from reportgraph.nlp.relate.clause_roles import objects_after, strip_opener, subject_of
from reportgraph.nlp.relate.cue_scan import clause_mask, cue_mask, cue_positions
from reportgraph.model import EntityType, Predicate
from reportgraph.nlp.relate.context import CLAUSE_BREAK, PlacedMention, RelationContext, is_address, normalize_form

T = EntityType
P = Predicate

_LEADS_AFTER = re.compile(
    r"(?:的)?(?:坚强|正确|全面|集中统一|统一|绝对|坚定|有力|直接|亲切)领导(?!小组|干部|班子|职务|岗位|同志|人|者|成员)"
    r"|领导(?:的|下|之下)|的领导"
)
_LEADS_NEXT = frozenset("下之是，,。；;、")
_NUMBERED_PROPOSAL = re.compile(r"\d+号(?:提案|建议|议案)")
_MEMBERSHIP_CUES = cue_mask(cues.FORMED) | cue_mask(cues.PARTICIPATING_UNITS) | cue_mask(cues.JOINED)
_HOSTED_BY = cue_mask(cues.HOSTED_BY)

def membership_relations(ctx: RelationContext, sent: tuple[int, int], clauses: list[tuple[int, int]], ci: int) -> None:
    """与 A、B和C政协……形成 X联席会议: the speaker, A, B and C are members of X."""
    clause = clauses[ci]
    if not clause_mask(ctx, clause) & _MEMBERSHIP_CUES:
        return  # none of the three lists' words occurs in the clause
    text = ctx.text
    for pos, w in cue_positions(ctx, clause, cues.FORMED):
        objs = [m for m in objects_after(ctx, clause, pos, {T.ORGANIZATION})
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
        subjects, explicit = subject_of(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
        if not explicit and ctx.home and partners and all(
                ctx.type_of(k) is T.ADMINISTRATIVE_AREA for k in partners):
            subjects = [ctx.home]  # (我县)与 A县、B县……: the speaker's side is the home place
        for s in [*subjects, *partners]:
            ctx.add(s, P.MEMBER_OF, collective, ctx.evidence(sent, f"cue:与…{w}"))
            if s in ctx.entities and s != collective:
                ctx.members.setdefault(collective, set()).add(s)
    for pos, w in cue_positions(ctx, clause, cues.PARTICIPATING_UNITS):
        # 参加市政协的各民主党派、工商联: the units that take part in a body are its members
        after = ctx.outer_in((pos + len(w), clause[1]))
        if len(after) < 2 or after[0].type is not T.ORGANIZATION or normalize_form(text[pos + len(w):after[0].start]):
            continue
        de = normalize_form(text[after[0].end:after[1].start])
        if not de.startswith("的") or len(de) > 10 or (len(de) > 2 and de[-1] not in "、和及与"):
            continue  # 的(各), or 的各民主党派、 (units with no name of their own before)
        for m in ctx.groups(after[1:])[0]:
            if m.type is T.ORGANIZATION:
                ctx.add(m.key, P.MEMBER_OF, after[0].key, ctx.evidence(sent, f"cue:{w}…的"))
    for pos, w in cue_positions(ctx, clause, cues.JOINED):
        after = [m for m in ctx.outer_in((pos, clause[1])) if m.type is T.ORGANIZATION]
        before = [m for m in ctx.outer_in((clause[0], pos)) if m.type is T.ORGANIZATION]
        if w == "加入" and after:
            subjects, _ = subject_of(ctx, clauses, ci, pos, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
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


_ANSWERED = re.compile(r"(?:得到|获得|受到)了?$")


def hosted_by_relations(ctx: RelationContext, sent: tuple[int, int], clauses: list[tuple[int, int]], ci: int) -> None:
    """EVENT 由 A(、B) 主办/承办/发起 (由 A 主办的 EVENT): the hosts take part in the event; the
    next clause's (并)得到 C、D等 积极响应/支持 adds those who answered the hosts' call."""
    clause = clauses[ci]
    if not clause_mask(ctx, clause) & _HOSTED_BY:
        return  # none of the list's words occurs in the clause
    text = ctx.text
    for pos, w in cue_positions(ctx, clause, cues.HOSTED_BY):
        by = text.rfind("由", clause[0], pos)
        hosts = ctx.outer_in((by + 1, pos)) if by >= 0 else []
        if not hosts or normalize_form(text[by + 1:hosts[0].start]) or len(ctx.groups(hosts)) != 1 \
                or normalize_form(text[hosts[-1].end:pos]) not in ("", *cues.TOGETHER) \
                or any(m.type not in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA, T.PERSON) for m in hosts):
            continue
        event = _event_held(ctx, clauses, ci, by, pos + len(w))
        if event is None:
            continue
        for h in hosts:
            ctx.add(h.key, P.PARTICIPATED_IN, event, ctx.evidence(sent, f"cue:由…{w}"))
        if ci + 1 < len(clauses):  # ，并得到 C、D等县积极响应
            nxt = clauses[ci + 1]
            ms = ctx.outer_in(nxt)
            lead = strip_opener(normalize_form(text[nxt[0]:ms[0].start])) if ms else ""
            if not ms or not _ANSWERED.search(lead):
                continue
            group = ctx.groups(ms)[0]
            tail = normalize_form(text[group[-1].end:nxt[1]])[:12]
            if any(v in tail for v in cues.RESPONDED):
                for m in group:
                    if m.type in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA, T.PERSON):
                        ctx.add(m.key, P.PARTICIPATED_IN, event, ctx.evidence(sent, "cue:由…得到…响应"))


def _event_held(ctx: RelationContext, clauses: list[tuple[int, int]], ci: int, by: int, verb_end: int) -> str | None:
    """The event a 由…主办 clause speaks of: named before 由 in the clause, opening an earlier
    clause of the sentence, or right after 由…主办的."""
    clause = clauses[ci]
    before = [m for m in ctx.outer_in((clause[0], by)) if m.type is T.EVENT]
    if before:
        return before[-1].key
    if ctx.text.startswith("的", verb_end):
        after = ctx.outer_in((verb_end, clause[1]))
        if after and after[0].type is T.EVENT and len(normalize_form(ctx.text[verb_end:after[0].start])) <= 1:
            return after[0].key
        return None
    if normalize_form(ctx.text[clause[0]:by]):
        return None  # something else opens the clause
    for cj in range(ci - 1, -1, -1):
        ms = ctx.outer_in(clauses[cj])
        if ms and ms[0].type is T.EVENT and not strip_opener(normalize_form(ctx.text[clauses[cj][0]:ms[0].start])):
            return ms[0].key
    return None


_FIELDS_OF_WORK = re.compile(r"(?:等)?(?:方面|领域)(?:的|取得的)(?:" + "|".join(map(re.escape, cues.WORK_RECORD)) + ")")


def fields_of_work_relations(ctx: RelationContext, sent: tuple[int, int], clause: tuple[int, int]) -> None:
    """考察某区在乡村振兴、文旅融合等方面的做法和经验: the body or place carries out the
    programmes of the fields its record is told in."""
    text = ctx.text
    ms = ctx.outer_in(clause)
    for i, m in enumerate(ms):
        if m.type not in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA) or not text.startswith("在", m.end):
            continue
        field = _FIELDS_OF_WORK.search(text, m.end, clause[1])
        if field is None:
            continue
        inside = [x for x in ms[i + 1:] if x.end <= field.start()]
        if any(x.type not in (T.INITIATIVE, T.PLACE) for x in inside):
            continue  # another body or place: not one record
        for x in inside:
            if x.type is T.INITIATIVE:
                ctx.add(m.key, P.IMPLEMENTS, x.key, ctx.evidence(sent, "cue:在…方面的" + field.group(0)[-2:]))


_PERIOD_END = re.compile(r"的(?:[一二两三四五六七八九十]|\d{1,2})?年")
_PERIOD_OF_PLAN = ("时期", "期间", "")


def period_relations(ctx: RelationContext, sent: tuple[int, int]) -> None:
    """过去五年，是某县……全面建成小康社会的五年 / “十三五”时期是某县……的五年: the years of an area's
    record; the programmes named in it (and the plan whose period it is) are the area's."""
    text = ctx.text
    i = text.find("是", sent[0], sent[1])
    while i >= 0:
        after = ctx.outer_in((i + 1, sent[1]))
        area = after[0] if after and after[0].start == i + 1 and after[0].type is T.ADMINISTRATIVE_AREA else None
        if area is None and ctx.home and text.startswith(home_stems(ctx), i + 1):  # 是长汀…: the home's stem
            area = PlacedMention(i + 1, i + 1, ctx.home, T.ADMINISTRATIVE_AREA)
        end = _PERIOD_END.search(text, i, sent[1]) if area is not None else None
        if area is not None and end is not None and text.find("是", i + 1, end.start()) < 0:
            plans = [m for m in ctx.outer_in((sent[0], i)) if m.type is T.INITIATIVE
                     and normalize_form(text[m.end:i]) in _PERIOD_OF_PLAN][-1:]
            for m in [*plans, *(x for x in after if x.end <= end.start() and x.type is T.INITIATIVE)]:
                ctx.add(area.key, P.IMPLEMENTS, m.key, ctx.evidence(sent, "cue:是…的" + end.group(0)[1:]))
        i = text.find("是", i + 1, sent[1])


def home_stems(ctx: RelationContext) -> tuple[str, ...]:
    """The home's name without its level (长汀县 → 长汀; 某某满族自治县 → its short forms), two
    characters or more: how a report names its own place in passing."""
    home = ctx.entities.get(ctx.home or "")
    if home is None or not home.code:
        return ()
    division = load_divisions().by_code.get(home.code)
    if division is None:
        return ()
    forms = {*division.short_forms, division.name[:len(division.name) - len(division.suffix)]}
    forms |= {f[:-1] for f in division.short_forms if f.endswith(("县", "市", "区", "旗"))}  # 某某自治县 → 某某
    return tuple(sorted((f for f in forms if len(f) >= 2), key=len, reverse=True))


def held_in_relations(ctx: RelationContext, sent: tuple[int, int], clause: tuple[int, int]) -> None:
    """EVENT 在 AREA 举办 / 在 AREA 召开的 EVENT: the event is located in the area."""
    text = ctx.text
    ms = ctx.outer_in(clause)
    for i, m in enumerate(ms):
        if m.type is not T.ADMINISTRATIVE_AREA:
            continue
        at = i  # 在贵州省某某市召开: the address's first place follows 在
        while at > 0 and ms[at - 1].type is T.ADMINISTRATIVE_AREA and ms[at - 1].end == ms[at].start:
            at -= 1
        if not text.endswith("在", 0, ms[at].start):
            continue
        verb = text[m.end:m.end + 3]
        if not verb.startswith(cues.HELD):
            continue
        event = None
        if at > 0 and ms[at - 1].type is T.EVENT and not normalize_form(text[ms[at - 1].end:ms[at].start - 1]):
            event = ms[at - 1].key
        elif i + 1 < len(ms) and ms[i + 1].type is T.EVENT and len(normalize_form(text[m.end:ms[i + 1].start])) <= 3:
            event = ms[i + 1].key
        else:  # 在某某市召开了座谈会: the meeting named before by the same noun
            event = _named_again(ctx, text, m.end + 2, clause[1], m.start)
        if event is not None:
            ctx.add(event, P.LOCATED_IN, m.key, ctx.evidence(sent, f"cue:在…{verb[:2]}"))


_EVENT_NOUN_AFTER_VERB = re.compile(r"(?:了)?(" + cues.EVENT_NOUNS + r")(?:[，,。；;]|$)")


def _named_again(ctx: RelationContext, text: str, start: int, end: int, before: int) -> str | None:
    """召开了座谈会 (the noun alone ends the clause): the last event named before whose name ends
    with that noun, if its name is longer than the noun."""
    m = _EVENT_NOUN_AFTER_VERB.match(normalize_form(text[start:end]))
    if m is None:
        return None
    noun = m.group(1)
    for e in reversed(ctx.outer_before(before)):
        if e.type is T.EVENT:
            name = normalize_form(ctx.entities[e.key].name)
            if name.endswith(noun) and len(name) > len(noun):
                return e.key
    return None


# 党 not after 政/入/建…: the lookbehind follows the 党 it checks, so the pattern opens with
# a literal the engine skips to (a leading lookbehind is tried at every offset)
_PARTY_RE = re.compile(r"党(?<![政入建参本各该全政]党)(?=的(?:坚强|全面|集中统一|绝对)?领导|对)")


def leads_relations(ctx: RelationContext, sent: tuple[int, int], clauses: list[tuple[int, int]]) -> None:
    """在 X(、Y) 的领导下 / X 坚强领导 / Z 是 X 领导的 / X 对 Z 的领导 (党 is the Party).
    A bare “X领导” (省政协领导来调研) names X's leaders, not leadership."""
    text = ctx.text
    ms = ctx.outer_in(sent)
    party = ctx.by_form.get("中国共产党") or ctx.by_form.get("中共")
    if party is not None and ctx.type_of(party) is T.ORGANIZATION:
        bare = list(_PARTY_RE.finditer(text, sent[0], sent[1]))  # 党 named bare
        if bare:
            covered = {i for m in ms for i in range(m.start, m.end)}
            extra = [PlacedMention(m.start(), m.end(), party, T.ORGANIZATION)
                     for m in bare if m.start() not in covered]
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
                clause_head = head[max(head.rfind(c) for c in CLAUSE_BREAK) + 1:]
                if head.endswith("在") and any(w in clause_head for w in cues.PEOPLE_SUBJECTS):
                    continue  # 全市人民在市委的领导下: the people, not the body that speaks
                led = ctx.author
                method = "cue:在…的领导下" if head.endswith("在") else "cue:领导"
        for leader in leaders:
            ctx.add(leader.key, P.LEADS, led, ctx.evidence(sent, method))


def adjacency_relations(ctx: RelationContext, sent: tuple[int, int], ms: list[PlacedMention]) -> None:
    """Juxtaposed names: 四川省阆中市 (address), 代县脱贫攻坚 (the area's campaign),
    省政协庆祝…征文 (the body's event), 全国政协2020年4736号提案 (registered by the body)."""
    text = ctx.text
    pairs: list[tuple[PlacedMention, PlacedMention]] = []
    for a, b in zip(ms, ms[1:]):
        if a.end == b.start:
            pairs.append((a, b))
    for outer in ms:  # a name that opens a longer one: 四川省|阆中市, 代县|脱贫攻坚
        opening = ctx.opening(outer)
        if opening is not None:
            pairs.append((opening, outer))
    areas = [m for m in ctx.mentions_starting_in(sent) if m.type is T.ADMINISTRATIVE_AREA]
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
        elif ta in (T.ORGANIZATION, T.PERSON) and tb is T.DOCUMENT and text[b.start:b.start + 1] == "《" \
                and not text.endswith("被", 0, a.start) and a.end == b.start:
            # 九三学社某市委《关于…的建议》, 社员王某、李某《关于…的建议》: the named wrote the title
            group = next((g for g in ctx.groups([m for m in ms if m.end <= a.end]) if g[-1] == a), [a])
            for m in group:
                if m.type is ta:
                    ctx.add(m.key, P.AUTHORED, b.key, ctx.evidence(sent, "grammar:author+title"))
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
