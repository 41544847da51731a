"""Who does what in a clause: the cue words' positions, the subject of a verb (stated,
opening an earlier clause, a numbered alliance such as 七县(市)政协, or the report's author
when Chinese drops it), and the objects after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportgraph.knowledge.numerals import cn_number
from reportgraph.genre import cues
from reportgraph.model import EntityType
from reportgraph.nlp.relate.context import PlacedMention, RelationContext, normalize_form

T = EntityType

_CUE_LISTS: dict[int, tuple[object, _CueList]] = {}
# The verb cues every clause is read for: a clause with none of them skips every list at once.
_CLAUSE_CUES = frozenset((*cues.AUTHORED, *cues.PARTICIPATED, *cues.IMPLEMENTS, *cues.SUBDIVIDES,
                          *cues.FORMED, *cues.JOINED))
_ANY_CLAUSE_CUE = re.compile("|".join(map(re.escape, sorted(_CLAUSE_CUES, key=len, reverse=True))))


class _CueList:
    """A list of cue words compiled: the words longest first, a pattern that finds the
    longest word beginning at the first offset where one begins (``None`` when there are
    none), the shorter words each word begins with, and whether they are all clause cues."""

    def __init__(self, words: Iterable[str]) -> None:
        self.ordered = sorted(set(words), key=len, reverse=True)
        self.any = re.compile("|".join(map(re.escape, self.ordered))) if self.ordered else None
        self.prefixes = {w: [p for p in self.ordered if p != w and w.startswith(p)] for w in self.ordered}
        self.clause_cues = bool(self.ordered) and "" not in self.ordered and set(self.ordered) <= _CLAUSE_CUES

    def present(self, text: str, start: int, end: int) -> set[str]:
        """The words that occur in ``text[start:end]``: at each offset where one begins,
        the longest and the words it begins with."""
        found: set[str] = set()
        if self.any is None:
            return found
        m = self.any.search(text, start, end)
        while m is not None:
            word = m.group()
            found.add(word)
            found.update(self.prefixes[word])
            m = self.any.search(text, m.start() + 1, end)
        return found


def _cue_list(words: Iterable[str]) -> _CueList:
    """The compiled cue list, kept per list object (the lists are the constants of
    :mod:`cues`; the entry holds the list, so its id is not reused)."""
    found = _CUE_LISTS.get(id(words))
    if found is not None and found[0] is words:
        return found[1]
    compiled = _CueList(words)
    if isinstance(words, (tuple, frozenset, str)):
        _CUE_LISTS[id(words)] = (words, compiled)
    return compiled


def cue_positions(ctx: RelationContext, clause: tuple[int, int], words: Iterable[str]) -> list[tuple[int, str]]:
    """Where cue words occur in a clause, outside mentions and quotes, longest first."""
    text = ctx.text
    cue_list = _cue_list(words)
    if cue_list.clause_cues:
        has_cue = ctx.clause_has_cue.get(clause)
        if has_cue is None:
            has_cue = ctx.clause_has_cue[clause] = _ANY_CLAUSE_CUE.search(text, clause[0], clause[1]) is not None
        if not has_cue:
            return []  # no clause cue at all occurs in the clause
    present = cue_list.present(text, clause[0], clause[1])
    if not present:
        return []  # none of the words occurs in the clause
    taken: set[int] = set()
    out = []
    for w in cue_list.ordered:
        if w not in present:
            continue
        start = clause[0]
        while True:
            i = text.find(w, start, clause[1])
            if i < 0:
                break
            start = i + 1
            span = range(i, i + len(w))
            if span and ctx.covers(clause, i, i + len(w)) and not leading_verb(ctx, i, w):
                continue
            if not taken.isdisjoint(span) or ctx.in_quotes(i, clause):
                continue
            taken.update(span)
            out.append((i, w))
    return sorted(out)


def leading_verb(ctx: RelationContext, pos: int, word: str) -> bool:
    """A cue the recogniser kept at the head of a mention (打赢脱贫攻坚战 for 脱贫攻坚)."""
    m = ctx.outer_at.get(pos)
    if m is not None:
        return word not in normalize_form(ctx.entities[m.key].name)
    return False


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
        if between.startswith("的"):
            continue
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
    found = _earlier_subject(ctx, clauses, ci, types)
    if found is not None:
        return found, True
    return ([ctx.author] if ctx.author else []), False


def area_plan_bearer(ctx: RelationContext, subjects: list[str], initiative: str, verb: str) -> list[str]:
    """The bearer of an area's own plan (“十四五”规划) whose targets are reached (完成/实现) when
    the subject is dropped: the home area, if the report's author is the government that
    speaks for it (its own work, 围绕“十四五”规划, stays the government's); else the subjects."""
    if not (ctx.home and ctx.author and subjects == [ctx.author] and verb in cues.PLAN_REACHED):
        return subjects
    author_forms = ctx.forms.get(ctx.author, set()) | {normalize_form(ctx.entities[ctx.author].name)}
    if not any(f.endswith(cues.GOVERNMENT_SUFFIXES) for f in author_forms):
        return subjects
    plan_forms = ctx.forms.get(initiative, set()) | {normalize_form(ctx.entities[initiative].name)}
    if any(w in f for f in plan_forms for w in cues.AREA_PLAN_WORDS):
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
