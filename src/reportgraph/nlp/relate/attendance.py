"""Who attends the meeting a text is about: 县委书记王某、县长李某出席并讲话, 副主席赵某主持,
县领导张某、刘某在主席台就座.

News of meetings name the people and bodies present, then a cue after them (出席, 主持, 讲话,
就座… ``ATTENDANCE`` in ``genre/data/relation_cues.tsv``) with no event after it: the event
is the one named in the sentence, else the last one the text named before (not as a
modifier: 县政协八届二次会议提案), else the first
session the text names (a report opening with its attendees). Every person, body and place
named before the cue in its sentence (not after a preposition such as 在) attended; a cue
followed by anything but a reference back to the meeting (主持会议, 并讲话) is left to the
verb cues of :mod:`reportgraph.nlp.relate.sentence`.
"""

from __future__ import annotations

import re

from reportgraph.genre import cues
from reportgraph.model import EntityType
from reportgraph.nlp.relate.clause_roles import titled_mentions
from reportgraph.nlp.relate.context import CLAUSE_BREAK, PlacedMention, RelationContext, normalize_form
from reportgraph.nlp.relate.sentence import respectively as _respectively
from reportgraph.model import Predicate

T = EntityType
_ATTENDEES = frozenset({T.PERSON, T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
_TAIL = re.compile("(?:" + "|".join(sorted(map(re.escape, cues.ATTENDANCE_TAIL), key=len, reverse=True)) + ")*")
_CUE = re.compile("|".join(sorted(map(re.escape, cues.ATTENDANCE), key=len, reverse=True)))
_LISTED = re.compile(r"(?:会议|大会|闭幕会|开幕会|活动)?的(?:还)?有[:：]?")
_VERBS = tuple(sorted({*cues.IMPLEMENTS, *cues.PARTICIPATED, *cues.AUTHORED}, key=len, reverse=True))
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]+次")
_COUNTED = re.compile(r"[一二两三四五六七八九十\d]+个?(?:省|市|县|区|州|地|旗)")  # 三省, 四市 after an enumeration


def attendance_relations(ctx: RelationContext) -> None:
    """Add participatedIn for the attendees of the meeting each attendance cue refers to."""
    text = ctx.text
    named = [m for m in ctx.outer if m.type is T.EVENT]
    events = [m for m in named if not text.startswith(cues.EVENT_MODIFIED, m.end)]
    sessions = [m for m in named if _ORDINAL.search(text, m.start, m.end)]  # …会议议程 names it too
    fallback = sessions[0] if sessions else None
    for sent in ctx.sentences:
        start = sent[0]
        for cue in _CUE.finditer(text, sent[0], sent[1]):
            if any(m.start <= cue.start() < m.end for m in ctx.outer_starting_in((max(0, cue.start() - 60), cue.end()))):
                continue  # inside a name (出席会议 in an event's name)
            listed = _LISTED.match(text, cue.end())
            if listed:  # 应邀出席会议的还有：X、Y; 在主席台就座的有 X: those listed after it attend
                before = [m for m in events if m.end <= cue.start()]
                event = before[-1] if before else fallback
                for m in ctx.outer_in((listed.end(), sent[1])) if event is not None else ():
                    if m.type in _ATTENDEES and m.key != event.key:
                        ctx.add(m.key, Predicate.PARTICIPATED_IN, event.key, ctx.evidence(sent, f"cue:{cue.group()}的还有"))
                start = sent[1]
                continue
            rest_end = _clause_end(text, cue.end(), sent[1])
            after = ctx.outer_in((cue.end(), rest_end))
            event: PlacedMention | None = None
            if after and after[0].type is T.EVENT and not normalize_form(text[cue.end():after[0].start]).strip("了"):
                event = after[0]
            elif not after and (back := _named_back(ctx, events, text[cue.end():rest_end], cue.start())):
                event = back  # 参加联合视察活动: the 某某三市联合视察活动 named before
            elif after or normalize_form(_TAIL.sub("", text[cue.end():rest_end])).rstrip(CLAUSE_BREAK) \
                    or text[rest_end:rest_end + 1] in "，," and text[rest_end + 1:sent[1]].lstrip().startswith(_VERBS):
                start = cue.end()
                continue  # 参加调研, 出席X并…, 县农业局参加，开展调研: the verb cues read it
            if event is None:
                before = [m for m in events if m.end <= cue.start()]
                event = before[-1] if before else fallback
            if event is None:
                continue
            named = [m for m in ctx.outer_in((start, cue.start())) if m.type in _ATTENDEES
                     and not text[max(sent[0], m.start - 1):m.start].endswith(cues.NOT_ATTENDING)]
            attendees: list[str] = []
            for group in ctx.groups(named):
                if _COUNTED.match(text, group[-1].end) and group[-1].type is T.ADMINISTRATIVE_AREA:
                    continue  # 江苏、安徽、山东三省政协农业农村委: the places name bodies of theirs
                keys = ctx.expand(group, set(_ATTENDEES))  # A、B和C市政协: each place's body
                attendees.extend(keys)
            events_after = ctx.groups([m for m in after if m.type is T.EVENT])[0] if after else []
            if events_after and events_after[0] is event and len(events_after) > 1:
                # 甲、乙分别参加了A会议、B会议: in pairs
                pairs = _respectively(ctx, text[sent[0]:cue.start()], attendees, [e.key for e in events_after])
            else:
                pairs = [(k, event.key) for k in attendees]
            for key, ev_key in pairs:
                ctx.add(key, Predicate.PARTICIPATED_IN, ev_key, ctx.evidence(sent, f"cue:…{cue.group()}"))
            start = cue.end()


_FLOOR = re.compile("(?:" + "|".join(sorted(map(re.escape, cues.MEETING_FLOOR), key=len, reverse=True)) + ")[，,]")
_TITLE_GAP = re.compile(r"[\u4e00-\u9fff]{0,6}")  # 主任, 分管负责人: a post between a body and its officer


def floor_relations(ctx: RelationContext) -> None:
    """会上，县政协提案委主任王某某汇报了…，县委办、县政府办负责人分别表态: a sentence placed at
    the meeting the text is about; each clause's subject (the names opening it, a body and its
    officer, an enumeration) attends that meeting."""
    text = ctx.text
    named = [m for m in ctx.outer if m.type is T.EVENT]
    events = [m for m in named if not text.startswith(cues.EVENT_MODIFIED, m.end)]
    sessions = [m for m in named if _ORDINAL.search(text, m.start, m.end)]
    for sent in ctx.sentences:
        floor = _FLOOR.match(text, sent[0])
        if floor is None:
            continue
        before = [m for m in events if m.end <= sent[0]]
        event = before[-1] if before else (sessions[0] if sessions else None)
        if event is None:
            continue
        for clause in ctx.clauses((floor.end(), sent[1])):
            ms = ctx.outer_in(clause)
            if not ms or normalize_form(text[clause[0]:ms[0].start]):
                continue  # the clause opens with no name: no subject of its own
            # 甲省委副书记、省长王某某: the body and its officer, whatever their posts
            chain = titled_mentions(ctx, ms)
            subject = chain or [ms[0]]
            for m in ms[1:] if not chain else ():
                gap = normalize_form(text[subject[-1].end:m.start])
                if gap in cues.JOINERS or (m.type is T.PERSON and _TITLE_GAP.fullmatch(gap)):
                    subject.append(m)
                else:
                    break
            for m in subject:
                if m.type in _ATTENDEES and m.key != event.key:
                    ctx.add(m.key, Predicate.PARTICIPATED_IN, event.key, ctx.evidence(sent, "cue:会上"))


def _named_back(ctx: RelationContext, events: list[PlacedMention], rest: str, before: int) -> PlacedMention | None:
    """An event named again by the end of its name (参加联合视察活动 after 某某三市联合视察活动)."""
    tail = normalize_form(rest).strip().rstrip(CLAUSE_BREAK)
    if len(tail) < 4:
        return None
    for m in reversed([m for m in events if m.end <= before]):
        if normalize_form(ctx.entities[m.key].name).endswith(tail):
            return m
    return None


_SESSION_LINE = 400  # the heading: where a work report names the session it is delivered at


def session_line_relations(ctx: RelationContext) -> None:
    """——2021年1月6日在某县第十八届人民代表大会第五次会议上 / 县长 王某某: the body delivering
    the report and the person who delivers it (named in the heading) attend that session."""
    text = ctx.text
    heading = [m for m in ctx.outer_in((0, min(len(text), _SESSION_LINE)))]
    session = next((m for m in heading if m.type is T.EVENT and text.endswith("在", 0, m.start)
                    and text.startswith("上", m.end)), None)
    if session is None:
        return
    sent = ctx.sentence_of(session.start) or (session.start, session.end)
    line_end = text.find("\n", session.end)
    lines_end = len(text) if line_end < 0 else line_end
    for _ in range(3):  # the name under the session line, on its own short lines
        nxt = text.find("\n", lines_end + 1)
        nxt = len(text) if nxt < 0 else nxt
        if nxt - lines_end > 40:
            break
        lines_end = nxt
    speakers = [m.key for m in ctx.outer_in((session.end, lines_end)) if m.type is T.PERSON
                and not _line_of(text, m.start).startswith(cues.NOT_SPEAKERS, 0)
                and not any(w in _line_of(text, m.start) for w in cues.NOT_SPEAKERS)]
    for who in [*([ctx.author] if ctx.author else []), *speakers]:
        ctx.add(who, Predicate.PARTICIPATED_IN, session.key, ctx.evidence(sent, "rule:session-line"))


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)]


def _clause_end(text: str, pos: int, end: int) -> int:
    for i in range(pos, end):
        if text[i] in CLAUSE_BREAK and text[i] not in "、":
            return i
    return end
