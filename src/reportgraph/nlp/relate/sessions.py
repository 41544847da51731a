"""Sessions named after their body attend with that body: 某县政协十五届五次会议, 政协第十届某县
委员会第三次会议, 某市第八届人民代表大会第五次会议, 省十二届人大三次会议, 某省政协九次常委会议.

A session's name is its body's name with the term and the session's number in it; taking the
numbers out (第十届, 第三次会议) leaves a name of the body (政协某县委员会, 某市人民代表大会,
省人大), and the body, when the text names it, takes part in its session. A text that names
several sessions of one body speaks of the latest (the others are past: 自十五届四次会议以来);
a session named only as a modifier (十五届四次会议提案, 会议精神) is not one the body is said to
hold.
"""

from __future__ import annotations

import re

from reportgraph.genre import cues
from reportgraph.knowledge.gazetteer import load_divisions
from reportgraph.genre.grammar import NUM, cn_number
from reportgraph.model import EntityType, Predicate
from reportgraph.nlp.relate.context import RelationContext, normalize_form

T = EntityType

_TERM = re.compile(r"第?(?P<term>[" + NUM + r"\d]+)届")
_SESSION_TAIL = re.compile(
    r"第?(?P<n>[" + NUM + r"\d]+)次(?:全体)?(?:会议|全会|常委会议|常委会会议|主席会议|主任会议)$")
_PAST = ("以来",)
_HELD_AT = re.compile(r"在(?P<venue>[^，。,；;：:、在]{2,16}?)(?:隆重)?(?:" + "|".join(cues.HELD) + ")")


def _number(s: str | None) -> int:
    if not s:
        return 0
    if s.isdigit():
        return int(s)
    return cn_number(s) or 0


def body_of_session(ctx: RelationContext, name: str) -> tuple[str, tuple[int, int, str]] | None:
    """The body a session's name names, and the session's (term, number, kind): 政协第十届某县
    委员会第三次会议 → (某县政协, (10, 3, 会议))."""
    tail = _SESSION_TAIL.search(name)
    if tail is None:
        return None
    term = _TERM.search(name, 0, tail.start())
    bare = _TERM.sub("", name[:tail.start()], count=1) if term else name[:tail.start()]
    if not bare:
        return None
    kind = tail.group(0)[tail.group(0).index("次") + 1:]
    order = (_number(term.group("term")) if term else 0, _number(tail.group("n")), kind)
    for form in _body_forms(ctx, bare):
        key = ctx.by_form.get(form)
        if key is not None and ctx.type_of(key) is T.ORGANIZATION:
            return key, order
    return None


def _body_forms(ctx: RelationContext, bare: str) -> list[str]:
    """The name left without the numbers, and the same without a parent area heading the
    place (中国人民政治协商会议某市某区委员会 → …某区委员会)."""
    out = [bare]
    areas = ctx.find_forms(bare, {T.ADMINISTRATIVE_AREA})
    for (s1, e1, _k1), (s2, _e2, _k2) in zip(areas, areas[1:]):
        if e1 == s2:
            out.append(bare[:s1] + bare[s2:])
    return out


def session_relations(ctx: RelationContext) -> None:
    """The body a session is named after takes part in it (its latest session, by kind)."""
    latest: dict[tuple[str, str], tuple[tuple[int, int], str]] = {}
    for key, e in ctx.entities.items():
        if e.type is not T.EVENT or not e.mentions:
            continue
        if all(ctx.text.startswith((*cues.EVENT_MODIFIED, *_PAST), m.end) for m in e.mentions):
            continue  # 十五届四次会议提案, 会议以来: named as a modifier, not as the meeting
        found = None
        for n in sorted(ctx.forms[key] | {normalize_form(e.name)}, key=len, reverse=True):
            found = body_of_session(ctx, n)
            if found is not None:
                break
        if found is None:
            continue
        body, (term, number, kind) = found
        slot = (body, kind)
        if slot not in latest or latest[slot][0] < (term, number):
            latest[slot] = ((term, number), key)
    for (body, _kind), (_order, key) in latest.items():
        m = ctx.entities[key].mentions[0]
        sent = ctx.sentence_of(m.start) or (m.start, m.end)
        ctx.add(body, Predicate.PARTICIPATED_IN, key, ctx.evidence(sent, "grammar:session-of-body"))


def venue_relations(ctx: RelationContext) -> None:
    """某会议……在县会展中心闭幕: the event a sentence names before 在 VENUE 开幕/召开 lies
    where the venue does (a site the text locates, or a venue named after the home's level:
    县…中心 in a county's text, 区…会堂 in a district's)."""
    located = {r.subject: r.object for r in ctx.relations if r.predicate is Predicate.LOCATED_IN
               and ctx.type_of(r.object) is T.ADMINISTRATIVE_AREA}
    home = ctx.entities.get(ctx.home or "")
    division = load_divisions().by_code.get(home.code) if home is not None and home.code else None
    level = (division.organ_char, "我", "本") if division is not None else ("我", "本")
    for sent in ctx.sentences:
        for held in _HELD_AT.finditer(ctx.text, sent[0], sent[1]):
            events = [x for x in ctx.outer_in((sent[0], held.start())) if x.type is T.EVENT]
            if not events or ctx.in_quotes(held.start(), sent):
                continue
            inside = ctx.outer_in((held.start("venue"), held.end("venue")))
            if any(x.type is T.ADMINISTRATIVE_AREA for x in inside):
                continue  # 在某县召开: the place itself (patterns.held_in_relations)
            venue = held.group("venue")
            sites = [x for x in inside if x.type is T.PLACE and x.key in located]
            if sites:
                area: str | None = located[sites[0].key]
            elif home is not None and venue.startswith(level) and venue.endswith(cues.LOCAL_SITE_SUFFIXES) \
                    and all(x.type is T.PLACE for x in inside):
                area = home.key
            else:
                continue
            ctx.add(events[-1].key, Predicate.LOCATED_IN, area, ctx.evidence(sent, "cue:在…" + held.group(0)[-2:]))
