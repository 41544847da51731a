"""The members of a joint body of several areas (``nlp/recognize/joint.py``): A、B、C三市政协
has the members A市政协, B市政协 and C市政协; 闽粤赣三省政协 has 福建省政协, 广东省政协 and
江西省政协 (the provinces' abbreviations are shipped knowledge). Each member is memberOf the
joint body, with the sentence as evidence; a member named nowhere else is an entity of its
own. A joint body is located in none of its members' areas; the site or region opening its
name (某某山革命老区甲乙丙三省政协…) lies in each of them.
"""

from __future__ import annotations

import re

from reportgraph.knowledge.gazetteer import load_divisions
from reportgraph.model import EntityType, Predicate
from reportgraph.nlp.recognize.joint import COUNTED, ORGANS, enumerated_names, is_joint_name, standing_meeting
from reportgraph.nlp.recognize.phrases import province_abbreviation_run
from reportgraph.genre.words import genre_words
from reportgraph.nlp.relate.clause_roles import chinese_count
from reportgraph.nlp.relate.context import PlacedMention, RelationContext, normalize_form

T = EntityType
P = Predicate
_YEAR_LEAD = re.compile(r"(?:19|20)\d\d年度?|第[一二三四五六七八九十\d]+届|首届")
_SUFFIXES = ("", "市", "县", "区", "州", "省")


def _area_name(piece: str) -> str | None:
    divisions = load_divisions()
    for x in _SUFFIXES:
        found = divisions.lookup(piece + x)
        if found:
            return found[0].name
    return None


def _member(ctx: RelationContext, area: str, surface: str, organ: str) -> str:
    """The key of the organ ``area`` + ``organ``: an entity of the report, else a new one."""
    name = area + organ
    for f in (name, surface + organ):
        key = ctx.by_form.get(f)
        if key is not None and ctx.type_of(key) is T.ORGANIZATION:
            return key
    return ctx.add_implied(name, tuple(sorted({surface + organ} - {name})))


def _named_members(surface: str) -> tuple[list[tuple[str, str]], str, str] | None:
    """The areas a joint body's name lists (area, as written), its organ and its name, for a
    name with such a body in it (…五市政协, …三省政协主席座谈会第二次会议); None otherwise."""
    cm = next((c for c in COUNTED.finditer(surface) if c.start() > 0), None)
    if cm is None:
        return None
    before = surface[:cm.start()]
    pieces = enumerated_names(before, len(before), lambda w: _area_name(w) is not None)
    members: list[tuple[str, str]] = []
    if pieces:
        members = [(n, p) for p in pieces if (n := _area_name(p)) is not None]
    else:
        for k in (4, 3, 2):
            run = province_abbreviation_run(before[-k:]) if len(before) >= k else None
            if run:
                members = [(n, n) for n in run]
                break
    return members, cm.group("organ"), surface[:cm.end()]


def _joint_or_meeting(surface: str) -> bool:
    """某某江流域五市政协, or the standing meeting of such bodies (…三省政协主席座谈会)."""
    named = _named_members(surface)
    return named is not None and (is_joint_name(surface) or standing_meeting(surface[len(named[2]):]))


def joint_relations(ctx: RelationContext) -> None:
    """memberOf from the members a joint body's name lists; the members of a joint meeting's
    name (…三省政协主席座谈会第二次会议) and the body it names participatedIn it."""
    joint: set[str] = set()
    for m in list(ctx.mentions):
        if m.type not in (T.ORGANIZATION, T.EVENT):
            continue
        surface = normalize_form(ctx.text[m.start:m.end])
        named = _named_members(surface)
        sent = ctx.sentence_of(m.start)
        if named is None or sent is None:
            continue
        members, organ, body_name = named
        if m.type is T.ORGANIZATION:
            if body_name != surface and not standing_meeting(surface[len(body_name):]):
                continue  # …三省政协主席座谈会, the standing meeting of the bodies, has them as members
            joint.add(m.key)
            p, o = P.MEMBER_OF, m.key
            method = "rule:joint-body-members"
        else:
            p, o = P.PARTICIPATED_IN, m.key
            method = "rule:joint-meeting-members"
            body = ctx.by_form.get(body_name)
            if body is None or ctx.type_of(body) is not T.ORGANIZATION:
                # the joint body or standing meeting named inside the event's name (2023年某某江
                # 流域五市政协主席座谈会, …座谈会第二次会议)
                inner = [i for i in ctx.inner_of(m) if i.type is T.ORGANIZATION and _joint_or_meeting(
                    normalize_form(ctx.text[i.start:i.end]))]
                body = max(inner, key=lambda i: i.end - i.start).key if inner else None
            if body is not None and ctx.type_of(body) is T.ORGANIZATION:
                ctx.add(body, p, o, ctx.evidence(sent, method))
        for area, piece in members:
            key = _member(ctx, area, piece, organ)
            ctx.add(key, p, o, ctx.evidence(sent, method))
            if p is P.MEMBER_OF:
                ctx.members.setdefault(m.key, set()).add(key)
        if p is P.MEMBER_OF:
            _region_in_members(ctx, m, surface, members, sent)
    _provinces_of_events(ctx)
    _bodies_heading_events(ctx)
    if joint:
        ctx.relations[:] = [r for r in ctx.relations
                            if not (r.subject in joint and r.predicate is P.LOCATED_IN)]


_REGION_TAILS = tuple(sorted(genre_words("region-tail"), key=len, reverse=True))


def _region_in_members(ctx: RelationContext, body: PlacedMention, surface: str,
                       members: list[tuple[str, str]], sent: tuple[int, int]) -> None:
    """某某山革命老区甲乙丙三省政协…: the site or region opening a joint body's name, right before
    the areas it lists, lies in each of them."""
    if not members:
        return
    lead = _YEAR_LEAD.match(ctx.text, body.start, body.end)
    start = lead.end() if lead else body.start
    for inner in ctx.inner_of(body):
        if inner.start != start or inner.type is not T.PLACE:
            continue
        rest = surface[len(normalize_form(ctx.text[body.start:inner.end])):]
        rest = rest[len(next((t for t in _REGION_TAILS if rest.startswith(t)), "")):]
        listed = rest.startswith(members[0][1]) or \
            tuple(province_abbreviation_run(rest[:len(members)]) or ()) == tuple(a for a, _p in members)  # 鄂豫皖三省
        if not listed:
            continue
        for area, _piece in members:
            key = ctx.by_form.get(area)
            if key is not None and ctx.type_of(key) is T.ADMINISTRATIVE_AREA:
                ctx.add(inner.key, P.LOCATED_IN, key, ctx.evidence(sent, "rule:region-of-joint-body"))


# …两省 not followed by an organ (甘青两省座谈会; 鄂豫皖三省政协 names the members' bodies instead)
_PROVINCES_COUNTED = re.compile(r"(?P<count>[两二三四五六七八九十])(?:省区市|省市区|省市|省区|省)(?!" + ORGANS + ")")


def _provinces_of_events(ctx: RelationContext) -> None:
    """甘青两省深化合作座谈会, 闽粤赣三省…论坛: the provinces an event's name lists by their
    abbreviations, when the text names them, take part in it."""
    for m in ctx.mentions:
        if m.type is not T.EVENT:
            continue
        surface = normalize_form(ctx.text[m.start:m.end])
        sent = ctx.sentence_of(m.start)
        for c in _PROVINCES_COUNTED.finditer(surface):
            n = chinese_count(c.group("count"))
            run = province_abbreviation_run(surface[max(0, c.start() - (n or 0)):c.start()]) if n else None
            if sent is None or not run or len(run) != n:
                continue
            for name in run:
                key = ctx.by_form.get(name)
                if key is not None and ctx.type_of(key) is T.ADMINISTRATIVE_AREA:
                    ctx.add(key, P.PARTICIPATED_IN, m.key, ctx.evidence(sent, "rule:provinces-of-event"))


def _congress_or_joint(surface: str) -> bool:
    return surface.endswith("人民代表大会") or _joint_or_meeting(surface)


def _bodies_heading_events(ctx: RelationContext) -> None:
    """A people's congress or a joint body named at the head of an event's name takes part in
    it: the congress of 某某县第十八届人民代表大会第五次会议, the joint body of 2023年某某江流域
    五市政协主席座谈会. (Other bodies heading a name — 中共十九大, 某某县政协十届三次会议 — are
    left to the session rules.)"""
    for m in ctx.mentions:
        if m.type is not T.EVENT:
            continue
        lead = _YEAR_LEAD.match(ctx.text, m.start, m.end)
        start = lead.end() if lead else m.start
        heads = [i for i in ctx.inner_of(m) if i.type is T.ORGANIZATION and i.start == start and i.end < m.end
                 and _congress_or_joint(normalize_form(ctx.text[i.start:i.end]))]
        sent = ctx.sentence_of(m.start)
        if heads and sent is not None:
            body = max(heads, key=lambda i: i.end)
            ctx.add(body.key, P.PARTICIPATED_IN, m.key, ctx.evidence(sent, "rule:body-heading-event"))
