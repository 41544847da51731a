"""Who does what in a clause (the cue words' positions come from
:mod:`reportgraph.nlp.relate.cue_scan`): the subject of a verb (stated,
opening an earlier clause, a numbered alliance such as 七县(市)政协, or the report's author
when Chinese drops it), and the objects after it.
"""

from __future__ import annotations

import re

from reportgraph.knowledge.numerals import cn_number
from reportgraph.genre import cues
from reportgraph.model import EntityType
from reportgraph.nlp.relate.context import PlacedMention, RelationContext, normalize_form

T = EntityType

# The verb cues every clause is read for (a subject is sought before none of them).
_CLAUSE_CUES = frozenset((*cues.AUTHORED, *cues.PARTICIPATED, *cues.IMPLEMENTS, *cues.SUBDIVIDES,
                          *cues.FORMED, *cues.JOINED))
_ANY_CLAUSE_CUE = re.compile("|".join(map(re.escape, sorted(_CLAUSE_CUES, key=len, reverse=True))))


def subject_of(ctx: RelationContext, clauses: list[tuple[int, int]], ci: int, pos: int,
             types: set[EntityType]) -> tuple[list[str], bool]:
    """The subject of the verb at ``pos``: a body before it in its clause, the body opening
    an earlier clause of the sentence, or the report's author (a dropped subject)."""
    clause = clauses[ci]
    collective = numbered_collective(ctx, clause[0], pos)  # 三县政协 (its 县政协 is no subject)
    if collective:
        return collective, True
    before = [m for m in ctx.outer_in((clause[0], pos))]
    for group in reversed(ctx.groups(before)):
        if not any(m.type in AGENTS for m in group):
            continue
        first = group[0]
        lead = ctx.text[clause[0]:first.start]
        between = normalize_form(ctx.text[group[-1].end:pos])
        if strip_opener(normalize_form(lead)) in cues.COMITATIVE and between.startswith(cues.TOGETHER):
            # (我们)与淳安县政协共同主办: the speaker and the partners
            partners = ctx.expand(group, types)
            if partners and ctx.home and all(ctx.type_of(k) is T.ADMINISTRATIVE_AREA for k in partners):
                speaker = [ctx.home]  # (我县)与 A县、B县 共同……
            else:
                speaker = [ctx.author] if ctx.author else []
            return remember_group(ctx, [*speaker, *ctx.expand(group, types)]), True
        if lead.rstrip().endswith(cues.OBJECT_PREPOSITIONS):
            continue
        if group[-1].type is T.ORGANIZATION and ctx.text.startswith(cues.MEMBER_WORDS, group[-1].end):
            continue  # 全国政协委员联名提出: its members, not the body
        if between.startswith(("的", "关于")):
            continue  # 党中央关于推动X的决策部署: the body's decision, not its deed
        keys = ctx.expand(group, types)
        opened = strip_opener(normalize_form(lead))
        causative = next((c for c in cues.CAUSATIVES if lead.rstrip().endswith(c) or opened.startswith(c)), None)
        if causative:  # 组织民主党派、工商联开展……: the organiser acts too
            at = ctx.text.find(causative, clause[0], first.start)
            organiser, _ = subject_of(ctx, clauses, ci, at, types)
            keys = [*organiser, *keys]
        if all(m.type is T.PERSON for m in group) and not _ANY_CLAUSE_CUE.search(ctx.text, clause[0], first.start):
            keys = [*_titled_people_before(ctx, clauses, ci), *keys]  # 甲省省长王某，乙省省长李某签署
        return remember_group(ctx, keys), True  # explicit, even of another type
    if _copular_modifier(ctx, clause, pos):
        return [], False  # 立法是推进X的重要基础, 是实现X的关键一年: no one's deed
    found = _earlier_subject(ctx, clauses, ci, types)
    if found is not None:
        return found, True
    return ([ctx.author] if ctx.author else []), False


def _copular_modifier(ctx: RelationContext, clause: tuple[int, int], pos: int) -> bool:
    """The verb at ``pos`` stands in a phrase that, after 是, only describes a noun (X是推进Y、加快Z的
    基础): 是 right before the phrase's first verb, no body or place before 是 in the clause, and
    的 after the verb in the clause."""
    text = ctx.text
    cop = text.find("是", clause[0], pos)
    if cop < 0 or not _ANY_CLAUSE_CUE.match(text, cop + 1) or "的" not in text[pos:clause[1]]:
        return False
    return not any(m.type in AGENTS for m in ctx.outer_in((clause[0], cop)))


def area_plan_bearer(ctx: RelationContext, subjects: list[str], initiative: str, verb: str,
                     targets: bool = False) -> list[str]:
    """The bearer of an area's own plan (“十四五”规划) whose targets are reached (完成/实现), of
    any programme whose targets are (完成了X目标任务) or that is won (X全面胜利), when the subject
    is dropped: the home area, if the report's author is the government that speaks for it
    (its own work, 围绕“十四五”规划, stays the government's); else the subjects."""
    if not (ctx.home and ctx.author and subjects == [ctx.author]
            and (verb in cues.PLAN_REACHED or verb in cues.AREA_RESULTS)):
        return subjects
    author_forms = ctx.forms.get(ctx.author, set()) | {normalize_form(ctx.entities[ctx.author].name)}
    if not any(f.endswith(cues.GOVERNMENT_SUFFIXES) for f in author_forms):
        return subjects
    plan_forms = ctx.forms.get(initiative, set()) | {normalize_form(ctx.entities[initiative].name)}
    if targets or verb in cues.AREA_RESULTS or any(w in f for f in plan_forms for w in cues.AREA_PLAN_WORDS):
        return [ctx.home]
    return subjects


def _earlier_subject(ctx: RelationContext, clauses: list[tuple[int, int]], ci: int, types: set[EntityType],
                     skip_own: bool = True, depth: int = 0) -> list[str] | None:
    """The subject a clause shares with the clauses before it: 我们/双方 or a body opening an
    earlier clause of its sentence, or of the part before a semicolon (双方围绕…；…并签订…)."""
    for cj in range(ci, -1, -1):
        c = clauses[cj]
        if strip_opener(normalize_form(ctx.text[c[0]:c[1]])).startswith(cues.FIRST_PERSON):
            return [ctx.author] if ctx.author else []  # 我们: the speaking body
        if len(ctx.last_group) == 2 and strip_opener(normalize_form(ctx.text[c[0]:c[1]])).startswith(cues.PAIR_WORDS):
            return list(ctx.last_group)  # 双方: the two bodies named together last
        if cj == ci and skip_own:
            continue
        collective = numbered_collective(ctx, c[0], c[1])
        if collective:
            return collective
        if not skip_own and any(ctx.outer_in(x) for x in clauses[:cj]):
            continue  # before a semicolon only the part's opening names its subject
        mentions = ctx.outer_in(c)
        if not mentions:
            continue
        lead = strip_opener(normalize_form(ctx.text[c[0]:mentions[0].start]))
        if lead:
            continue
        chain = titled_chain(ctx, mentions)
        if chain:  # 省委副书记、省长王某某率代表团……: the people, their posts' bodies, whom they lead
            keys = [*_titled_people_before(ctx, clauses, cj), *chain]
            return remember_group(ctx, [k for k in dict.fromkeys(keys) if ctx.type_of(k) in types])
        group = ctx.groups(mentions)[0]
        if all(m.type is T.PERSON for m in group) and \
                normalize_form(ctx.text[group[-1].end:c[1]]).startswith(cues.SPEECH_VERBS):
            continue  # 王某某指出，…: what follows is reported speech, with its own subject
        if any(m.type in AGENTS for m in group):
            return remember_group(ctx, ctx.expand(group, types))
    start = clauses[0][0] if clauses else 0
    before = ctx.text[:start].rstrip()
    if depth < 2 and before.endswith(("；", ";")):
        prev = ctx.sentence_of(len(before) - 1)
        if prev is not None:
            prev_clauses = ctx.clauses(prev)
            return _earlier_subject(ctx, prev_clauses, len(prev_clauses) - 1, types, False, depth + 1)
    return None


_TITLE_RUN = re.compile(r"[\u4e00-\u9fff、]{1,14}")
_PEOPLE_JOINERS = ("、", "和", "与", "及")


def titled_mentions(ctx: RelationContext, mentions: list[PlacedMention]) -> list[PlacedMention]:
    """The mentions of a body, its posts' people (and more bodies and people joined to them)
    a clause opens with; empty when it opens otherwise."""
    if not mentions or mentions[0].type is not T.ORGANIZATION:
        return []
    chain = [mentions[0]]
    for m in mentions[1:]:
        gap = ctx.text[chain[-1].end:m.start]
        if chain[-1].type is T.PERSON and normalize_form(gap) in _PEOPLE_JOINERS:
            chain.append(m)
        elif chain[-1].type is not T.PERSON and m.type in (T.ORGANIZATION, T.PERSON) and _TITLE_RUN.fullmatch(gap):
            chain.append(m)
        else:
            break
    while chain and chain[-1].type is not T.PERSON:
        chain.pop()
    return chain


def titled_chain(ctx: RelationContext, mentions: list[PlacedMention]) -> list[str]:
    """The keys of a clause that opens with a body and the people its posts name (省委书记、
    省人大常委会主任王某某; 县委副书记、县长李某某和副县长赵某某): the bodies and the people, and the
    body they lead (王某某率县党政代表团); empty when the clause opens otherwise."""
    chain = titled_mentions(ctx, mentions)
    if not chain:
        return []
    keys = [m.key for m in chain]
    rest = ctx.outer_in((chain[-1].end, chain[-1].end + 16))
    if rest and rest[0].type is T.ORGANIZATION and \
            normalize_form(ctx.text[chain[-1].end:rest[0].start]) in cues.LEADING_VERBS:
        keys.append(rest[0].key)  # 王某某率我县党政代表团
    return keys


def _titled_people_before(ctx: RelationContext, clauses: list[tuple[int, int]], ci: int) -> list[str]:
    """The people the clauses right before name, each alone with their posts and no verb
    (福建省省长王某某，江西省省长李某某代表两省签署…: both sign)."""
    out: list[str] = []
    for cj in range(ci - 1, -1, -1):
        c = clauses[cj]
        ms = ctx.outer_in(c)
        body = normalize_form(ctx.text[c[0]:c[1]]).rstrip("，,")
        if not ms or ms[-1].type is not T.PERSON or not body.endswith(normalize_form(ctx.text[ms[-1].start:ms[-1].end])) \
                or _ANY_CLAUSE_CUE.search(body) or any(m.type not in (T.PERSON, T.ORGANIZATION, T.ADMINISTRATIVE_AREA) for m in ms):
            break
        rest = body
        for m in ms:
            rest = rest.replace(normalize_form(ctx.text[m.start:m.end]), "", 1)
        if len(rest) > 12 or not strip_opener(rest) == rest:
            break  # more than posts between the names: a clause of its own
        out.insert(0, ms[-1].key)
    return out


AGENTS = frozenset({T.ORGANIZATION, T.ADMINISTRATIVE_AREA, T.PERSON})
_NUMBERED_BODIES = re.compile(
    r"[一二三四五六七八九十两\d]+个?(?:省|市|县|区|州|旗)(?:[(（][市县区州][)）])?(?:政协|人大|政府|党委)?")


_OPENERS = sorted(cues.CLAUSE_OPENERS, key=len, reverse=True)
_OPENER = re.compile("|".join(map(re.escape, _OPENERS)))  # the longest opener a text starts with


def strip_opener(lead: str) -> str:
    """The text without an adverbial that may open a clause (如, 其中, 五年来…)."""
    m = _OPENER.match(lead)
    return lead[m.end():] if m else lead


def numbered_collective(ctx: RelationContext, start: int, end: int) -> list[str] | None:
    """七县(市)政协 / 三县政协 opening a clause: the alliance whose name contains the phrase, else
    the bodies last enumerated together when they are as many, else the doc's one alliance."""
    lead = strip_opener(normalize_form(ctx.text[start:end]))
    m = _NUMBERED_BODIES.match(lead)
    if not m:
        return None
    found = [k for k, e in ctx.entities.items() if e.type is T.ORGANIZATION
             and any(c in f for f in ctx.forms[k] | {normalize_form(e.name)} for c in cues.COLLECTIVE_WORDS)]
    named = [k for k in found if any(m.group(0) in f for f in ctx.forms[k] | {normalize_form(ctx.entities[k].name)})]
    if len(named) == 1:
        return named
    count = chinese_count(m.group(0))
    if ctx.last_group and count == len(ctx.last_group):
        return list(ctx.last_group)
    return found if len(found) == 1 else None


def remember_group(ctx: RelationContext, keys: list[str]) -> list[str]:
    """Keep the last enumeration of several bodies: a later 三县政协 may name them again."""
    if len(keys) > 1 and all(ctx.type_of(k) is T.ORGANIZATION for k in keys):
        ctx.last_group = tuple(keys)
    return keys


def chinese_count(phrase: str) -> int | None:
    """The number a phrase opens with: 三县 → 3, 十二县 → 12, 7县 → 7."""
    m = re.match(r"\d+|[一二两三四五六七八九十]+", phrase)
    if not m:
        return None
    return cn_number(m.group(0))


def objects_after(ctx: RelationContext, clause: tuple[int, int], pos: int, types: set[EntityType]) -> list[PlacedMention]:
    """Mentions of ``types`` after the verb at ``pos`` in its clause, up to a passive 被 (what
    follows it has another role: 《报告》被市政协《建言》刊发)."""
    end = clause[1]
    cut = ctx.text.find("被", pos, end)
    if cut > pos:
        end = cut
    return [m for m in ctx.outer_in((pos, end)) if m.type in types]
