"""People's posts: person — role — body, read where the genre writes them.

- a role before the name, with its body before the role: 福建省政协主席王某某, 县委书记李某,
  县人民政府县长张某 (the roles of one person chained by 、: 县委副书记、县长王某 holds both);
- a role written without its body: 县长 → the place's 人民政府, 书记/常委 → its party committee
  (the place named in the chain, else the report's home), 主委/社员/盟员 → the one local
  committee of a democratic party the text names, a role of no place (副主席) → the
  body of the post named just before in the sentence (主席王某，副主席李某);
- names enumerated after one role share it (副主席王某、李某);
- 选举/当选 … 为 BODY ROLE; a role after the name (习近平总书记 → 中共中央).

The words are data (:mod:`reportgraph.genre.post_roles`). Each post keeps its sentence as evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgraph.genre import cues
from reportgraph.genre import post_roles as words
from reportgraph.knowledge.lists import load_knowledge
from reportgraph.model import EntityType, Evidence, Post, Predicate
from reportgraph.nlp.relate.context import PlacedMention, RelationContext, normalize_form

T = EntityType
_JOIN = "、"
_ENUM_GAP = re.compile(r"^[ \t　]*(?:、|和|及|以及)[ \t　]*$")
_ELECTED = re.compile(r"[ \t　]*(?:当选为|当选|为)")


@dataclass
class _Segment:
    role: str
    org: str | None  # an entity key
    area: str | None  # the place the segment names (its body's seat, or the place itself)
    start: int


def _seat(ctx: RelationContext, key: str) -> str | None:
    from reportgraph.nlp.relate.naming import _seat as seat

    return seat(ctx, normalize_form(ctx.entities[key].name))


def _body_of(ctx: RelationContext, kind: str, area: str | None) -> tuple[str | None, str | None]:
    """(entity key, name) of the body a bare role belongs to."""
    if kind == "none":
        return None, None
    if kind == "session":
        return None, None  # read by _session_before (it needs the person's place in the text)
    if kind.startswith(_DEMOCRATIC_PARTY):
        return _party_committee(ctx, kind[len(_DEMOCRATIC_PARTY):].lstrip(":")), None
    if kind not in ("party", "government"):
        key = ctx.by_form.get(normalize_form(kind))
        return (key, None) if key and ctx.type_of(key) is T.ORGANIZATION else (None, kind)
    if area is None:
        return None, None
    for key, e in ctx.entities.items():
        if e.type is not T.ORGANIZATION:
            continue
        name = normalize_form(e.name)
        fits = (name.startswith("中共") or "党委" in name) if kind == "party" else name.endswith("人民政府")
        if fits and _seat(ctx, key) == area:
            return key, None
    area_name = normalize_form(ctx.entities[area].name)
    return None, (f"中共{area_name}委" if kind == "party" else f"{area_name}人民政府")


_DEMOCRATIC_PARTY = "democratic-party"


def _party_committee(ctx: RelationContext, party: str) -> str | None:
    """The one local committee of a democratic party (of ``party`` if given: 九三学社, 民盟) the
    text names (社员王某 → 九三学社某市委, 副主委李某 → 民盟某市委会): the report's author if it is
    one, else the only one seated in a place; None when there is none or more than one."""
    parties = load_knowledge().parties
    wanted = parties.get(party) if party else None
    forms = [f for f, canonical in parties.items() if wanted is None or canonical == wanted]
    units = [k for k, e in ctx.entities.items() if e.type is T.ORGANIZATION and any(
        normalize_form(e.name).startswith(f) and len(normalize_form(e.name)) > len(f) for f in forms)]
    if ctx.author in units:
        return ctx.author
    local = [k for k in units if _seat(ctx, k) is not None]
    return local[0] if len(local) == 1 else None


def _session_before(ctx: RelationContext, person: PlacedMention) -> str | None:
    """The meeting a 大会执行主席 presides: the last event named before, else the text's first session."""
    events = [m for m in ctx.outer if m.type is T.EVENT]
    before = [m for m in events if m.end <= person.start]
    if before:
        return before[-1].key
    return next((m.key for m in events if re.search(r"第?[一二三四五六七八九十\d]+次", ctx.text[m.start:m.end])), None)


def _segments_before(ctx: RelationContext, person: PlacedMention, floor: int) -> list[_Segment]:
    """The roles (and their bodies) written before a name, right to left."""
    text = ctx.text
    pos = person.start
    out: list[_Segment] = []
    while pos > floor:
        window = text[max(floor, pos - 20):pos]
        m = words.ROLE_BEFORE_NAME.search(window)
        if not m:
            break
        rs = pos - len(window) + m.start()
        before = [b for b in ctx.outer_ending.get(rs, ()) if b.type in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA)]
        role = m.group("role")
        for k in range(1, len(role) - 1):  # 县人大常委会党组|书记: the modifier ends the body's name
            inner = [b for b in ctx.outer_ending.get(rs + k, ()) if b.type is T.ORGANIZATION and b.start < rs]
            if not before and inner and words.head_of(role[k:]) == words.head_of(role):
                before, role = inner, role[k:]
                break
        if before and before[0].type is T.ORGANIZATION:
            org = before[0]
            out.append(_Segment(role, org.key, _seat(ctx, org.key), org.start))
        elif before:
            out.append(_Segment(role, None, before[0].key, before[0].start))
        else:
            out.append(_Segment(role, None, None, rs))
        start = out[-1].start
        if start > floor and text[start - 1] == _JOIN:
            pos = start - 1
            continue
        break
    return out


def post_facts(ctx: RelationContext) -> list[Post]:
    """Every post the report gives a named person."""
    found: list[Post] = []
    persons = [m for m in ctx.outer if m.type is T.PERSON]
    previous: dict[tuple[int, int], tuple[str, str | None, str | None]] = {}  # sentence → last post
    last_person: PlacedMention | None = None
    last_post: tuple[str, str | None, str | None] | None = None
    for p in persons:
        sent = ctx.sentence_of(p.start) or (p.start, p.end)
        floor = max(sent[0], ctx.text.rfind("\n", 0, p.start) + 1)
        ev = ctx.evidence(sent, "post:role-before-name")
        segments = _segments_before(ctx, p, floor)
        posts: list[tuple[str, str | None, str | None]] = []
        for i, seg in enumerate(segments):
            head = words.head_of(seg.role)
            kind = words.BARE_BODY.get(head, "-")
            if seg.org is not None and kind != "none":
                posts.append((seg.role, seg.org, None))
                continue
            if kind == "-" or (kind.startswith(_DEMOCRATIC_PARTY) and previous.get(sent, (None, None, None))[1]):
                carried = previous.get(sent)  # 主委王某，副主委李某: the body of the post before
                if carried and carried[1:] != (None, None):
                    posts.append((seg.role, carried[1], carried[2]))
                continue
            # the place: this segment's, else the nearest segment's of the chain, else home
            area = seg.area or next((s.area for s in segments[i + 1:] if s.area), None) \
                or next((s.area for s in reversed(segments[:i]) if s.area), None) or ctx.home
            key, name = _body_of(ctx, kind, area) if kind != "session" else (_session_before(ctx, p), None)
            if key or name or kind == "none":
                posts.append((seg.role, key, name))
        if not segments and last_person is not None and last_post is not None \
                and _ENUM_GAP.match(ctx.text[last_person.end:p.start]):
            posts.append(last_post)  # 副主席王某、李某: the enumeration shares the role
            ev = ctx.evidence(sent, "post:enumeration")
        after = ctx.text[p.end:p.end + 6]
        if words.ROLE_AFTER_NAME is not None:
            m = words.ROLE_AFTER_NAME.match(after)
            if m:
                key, name = _body_of(ctx, words.BARE_BODY.get(m.group("role"), "none"), None)
                found.append(Post(p.key, m.group("role"), key, name, (ctx.evidence(sent, "post:role-after-name"),)))
        for role, key, name in posts:
            found.append(Post(p.key, role, key, name, (ev,)))
        if posts:
            previous[sent] = posts[0]
            last_post = posts[0]
        elif not _ENUM_GAP.match(ctx.text[last_person.end:p.start] if last_person else ""):
            last_post = None
        last_person = p
    found += _elected(ctx, persons)
    return found


def _elected(ctx: RelationContext, persons: list[PlacedMention]) -> list[Post]:
    """选举王某为县政协主席, 李某、张某当选为副主席: the names before 为 hold the role after it."""
    out: list[Post] = []
    groups = ctx.groups(persons)
    for group in groups:
        if any(m.type is not T.PERSON for m in group):
            continue
        last = group[-1]
        sent = ctx.sentence_of(last.start) or (last.start, last.end)
        m = _ELECTED.match(ctx.text, last.end)
        if not m:
            continue
        at = m.end()
        body = ctx.outer_at.get(at)
        key = None
        if body is not None and body.type is T.ORGANIZATION:
            key, at = body.key, body.end
        r = words.ROLE_AT.match(ctx.text, at)
        if not r or key is None:
            continue
        ev = ctx.evidence(sent, "post:elected")
        out += [Post(x.key, r.group("role"), key, None, (ev,)) for x in group]
    return out


def merge_posts(posts: list[Post], keys: set[str]) -> tuple[Post, ...]:
    """One post per (person, role, body), its evidence the union; sorted."""
    merged: dict[tuple[str, str, str, str], set[Evidence]] = {}
    for p in posts:
        if p.person not in keys or (p.organization is not None and p.organization not in keys):
            continue
        k = (p.person, p.organization or "", p.organization_name or "", p.role)
        merged.setdefault(k, set()).update(p.evidence)
    return tuple(
        Post(person, role, org or None, name or None,
             tuple(sorted(evs, key=lambda e: (e.start or 0, e.end or 0, e.method))))
        for (person, org, name, role), evs in sorted(merged.items()))


def bodies_of_attendees(ctx: RelationContext, posts: list[Post]) -> None:
    """A person who attends a meeting in a post the same sentence gives (县委常委、常务副县长王某某
    出席) brings the post's body: it takes part too."""
    held: dict[tuple[str, int | None], set[str]] = {}
    for post in posts:
        if post.organization is not None:
            for ev in post.evidence:
                held.setdefault((post.person, ev.start), set()).add(post.organization)
    extra = []
    for r in ctx.relations:
        if r.predicate is not Predicate.PARTICIPATED_IN or ctx.type_of(r.subject) is not T.PERSON:
            continue
        for ev in r.evidence:
            for body in sorted(held.get((r.subject, ev.start), ())):
                extra.append((body, r.object, Evidence(ev.doc, ev.start, ev.end, ev.text, ev.method + "+post", ev.source)))
    for body, event, ev in extra:
        ctx.add(body, Predicate.PARTICIPATED_IN, event, ev)


def signing_heads(ctx: RelationContext, posts: list[Post]) -> None:
    """Who heads a body (主席, 书记, 县长: the post anywhere in the text) and signs a text
    (签订/签署《…》) signs it for the body: the body is an author too."""
    heads: dict[str, set[str]] = {}
    for post in posts:
        if post.organization is not None and post.role in words.HEAD_POSTS:
            heads.setdefault(post.person, set()).add(post.organization)
    extra = []
    for r in ctx.relations:
        if r.predicate is not Predicate.AUTHORED or r.subject not in heads:
            continue
        for ev in r.evidence:
            if ev.method.removeprefix("cue:") in cues.SIGNING_VERBS:
                extra += [(body, r.object, ev) for body in sorted(heads[r.subject])]
    for body, doc, ev in extra:
        ctx.add(body, Predicate.AUTHORED, doc, Evidence(ev.doc, ev.start, ev.end, ev.text, ev.method + "+head", ev.source))
