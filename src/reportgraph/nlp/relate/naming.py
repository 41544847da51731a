"""Relations read from names and shipped knowledge, and what collectives share.

- naming grammar: 代县政协 is located in 代县 (the place it names); 代县政协党组 is part of
  代县政协; 《关于精准扶贫……》 is about 精准扶贫; towns and new districts without a code lie
  in the home place; the report is authored by its author;
- knowledge: an administrative area is located in its nearest parent among the doc's
  entities (the division hierarchy; evidence names the source, not offsets);
- collectives: what an alliance signs or attends, its members do; a session of a body
  (“双帽”第五次联席会) is attended by the body and its members.
"""

from __future__ import annotations

import bisect
import re

from reportgraph.genre import cues
from reportgraph.genre.organs import organ_table
from reportgraph.genre.words import genre_words
from reportgraph.knowledge.gazetteer import SOURCE, load_divisions
from reportgraph.model import Entity, EntityType, Evidence, Mention, Predicate, Relation
from reportgraph.nlp.recognize.joint import is_joint_name
from reportgraph.nlp.relate.context import PlacedMention, RelationContext, normalize_form

T = EntityType
P = Predicate

_ORDINAL_RE = re.compile(r"第[一二三四五六七八九十百零〇\d]+(?:次|届)")
_NOT_ORGANS = tuple(genre_words("not-organ-tail"))  # 公司 ends in 司
# 民革 + 省委: a party's committee of a level (民革省委 is 民革福建省委), not an organ of 民革
_LEVEL_COMMITTEE = re.compile(r"^[省市县州区旗盟]委(?:员会|会)?$")
_DELEGATIONS = tuple(genre_words("delegation"))
_MEDIA = tuple(genre_words("media"))  # 某某日报, 某某政协网: named after the place they report on, not located
_BARE_ORGAN_TAILS = tuple(genre_words("bare-organ-tail"))
_ORGAN_RE = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:" + "|".join(map(re.escape, genre_words("organ-tail"))) + ")$")


def _mention_sentences(ctx: RelationContext, key: str) -> list[tuple[PlacedMention, tuple[int, int]]]:
    """The mentions of an entity (with organs named through an enumeration) and their sentences."""
    out = []
    for m in ctx.mentions_of(key):
        sent = ctx.sentence_of(m.start)
        if sent is not None:
            out.append((m, sent))
    return out


def naming_relations(ctx: RelationContext) -> None:
    """Relations the names state: seats, organs, topics of titles, the report\'s author, local areas."""
    area_types = {T.ADMINISTRATIVE_AREA}
    for key, e in ctx.entities.items():
        names = sorted(ctx.forms[key] | {normalize_form(e.name)}, key=len, reverse=True)
        # 代县政协党组: an internal organ of another body of the doc, located with its body
        organ = _body_of_organ(ctx, key) if e.type in (T.ORGANIZATION, T.PLACE) else None
        if e.type in (T.ORGANIZATION, T.PLACE) and organ is None \
                and not normalize_form(e.name).endswith(_DELEGATIONS + _MEDIA):
            # 代县政协, 中共代县县委, 民进代县小组, 长城代县段: located in the area they name (a
            # delegation, 某省党政代表团, comes from its place: it travels, it is not located there;
            # a newspaper or website, 某某日报, is named after the place it reports on)
            area = _seat(ctx, normalize_form(e.name)) or next((a for a in (_seat(ctx, n) for n in names) if a), None)
            if area is not None:
                _add_with_mentions(ctx, key, P.LOCATED_IN, area, "grammar:organ-of-place")
        if e.type is T.ORGANIZATION:
            # 代县政协党组, 阆中市政协提案委员会: part of 代县政协, 阆中市政协
            if organ is not None:
                _add_with_mentions(ctx, key, P.PART_OF, organ[0], f"grammar:organ:{organ[1]}")
            elif ctx.author and key != ctx.author and _bare_organ(ctx, key, names):
                # 社会服务工委, 机关党支部 named alone: an organ of the body that speaks
                _add_with_mentions(ctx, key, P.PART_OF, ctx.author, "grammar:organ-of-author")
        if e.type in (T.DOCUMENT, T.EVENT):
            # 《关于精准扶贫……》, 庆祝改革开放40周年征文: about the initiative (area, place) named
            targets = {T.INITIATIVE, T.PLACE} if e.type is T.EVENT else {
                T.INITIATIVE, T.ADMINISTRATIVE_AREA, T.PLACE}
            found: dict[str, tuple[int, str]] = {}
            for n in names:
                for s, end, k in ctx.find_forms(n, targets | {T.ORGANIZATION}):
                    if k != key and n[s:end] != n and ctx.type_of(k) in targets:
                        found.setdefault(k, (s, n))
                    elif e.type is T.EVENT and ctx.type_of(k) is T.ORGANIZATION and is_joint_name(n[s:end]):
                        # 某某江流域五市政协主席座谈会: about the basin that names the joint body
                        for s2, _e2, k2 in ctx.find_forms(n[s:end], {T.PLACE}):
                            found.setdefault(k2, (s + s2, n))
            for k in [k for k, (pos, n) in found.items() if ctx.type_of(k) is T.ADMINISTRATIVE_AREA]:
                pos, n = found[k]
                end = pos + len(next((f for f in sorted(ctx.forms[k], key=len, reverse=True)
                                      if n.startswith(f, pos)), ""))
                if _YEAR_HEAD.sub("", n[end:]).startswith(organ_table().seat_words):
                    del found[k]  # 《…代县委员会…工作报告》: the body's seat, not the topic
                elif n[end:] in cues.SIGNED_AT_WORDS:
                    del found[k]  # 《代县建言》, 《北京宣言》, 《某某合作龙岩共识》: named after where it was signed
            areas = [k for k in found if ctx.type_of(k) is not T.INITIATIVE]
            located = [k for k in areas if found[k][1][:found[k][0]].endswith(("在", "于"))]
            for k in found:
                if areas and located and k in areas and k not in located:
                    continue
                _add_with_mentions(ctx, key, P.ABOUT, k, "grammar:title-names")
            if e.type is T.DOCUMENT:
                for n in names[:1]:
                    spans = ctx.find_forms(n, {T.ADMINISTRATIVE_AREA, T.INITIATIVE})
                    for (s1, e1, k1), (s2, _e2, k2) in zip(spans, spans[1:]):
                        if e1 == s2 and ctx.type_of(k1) is T.ADMINISTRATIVE_AREA and \
                                ctx.type_of(k2) is T.INITIATIVE:
                            _add_with_mentions(ctx, k1, P.IMPLEMENTS, k2, "grammar:area+initiative", of=key)
    # the report itself: authored by the body that delivers it
    writers = _byline_writers(ctx)  # a news item's reporters write it (the body's words are quoted)
    if (ctx.author or writers) and ctx.report is not None and ctx.report.title:
        title = normalize_form(ctx.report.title)
        for key, e in ctx.entities.items():
            if e.type is T.DOCUMENT and (title in ctx.forms[key] or normalize_form(e.name) == title):
                for w in writers or [ctx.author]:
                    _add_with_mentions(ctx, w, P.AUTHORED, key, "rule:byline" if writers else "rule:report-title",
                                       of=key, heading=True)
    report_bodies(ctx)
    agreement_parties(ctx)
    # local areas without a code (towns, villages, new districts) lie in the home area
    if ctx.home:
        for key, e in ctx.entities.items():
            n = normalize_form(e.name)
            if e.type is T.ADMINISTRATIVE_AREA and not e.code and n.endswith(cues.LOCAL_AREA_SUFFIXES) \
                    and n not in cues.NATIONAL_NEW_AREAS and key != ctx.home and not _seat(ctx, n) \
                    and not _only_nested(ctx, e):
                _add_with_mentions(ctx, key, P.LOCATED_IN, ctx.home, "rule:local-area-of-home")
            elif e.type is T.ADMINISTRATIVE_AREA and not e.code and area_types and _seat(ctx, n):
                _add_with_mentions(ctx, key, P.LOCATED_IN, _seat(ctx, n), "grammar:address")
            elif e.type is T.PLACE and not _seat(ctx, n) and any(
                    f.endswith(cues.LOCAL_SITE_SUFFIXES) for f in ctx.forms[key]):
                _add_with_mentions(ctx, key, P.LOCATED_IN, ctx.home, "rule:local-site-of-home")
            elif e.type is T.PLACE and not _seat(ctx, n) and _named_after_home(ctx, n):
                _add_with_mentions(ctx, key, P.LOCATED_IN, ctx.home, "rule:site-named-after-home")


def _named_after_home(ctx: RelationContext, name: str) -> bool:
    """长汀茶文化公园 in a report of 长汀县: a site named with the home's short form (the name
    without its level: 长汀县 → 长汀) lies in the home."""
    home = ctx.entities.get(ctx.home or "")
    if home is None or not home.code:
        return False
    division = load_divisions().by_code.get(home.code)
    forms = {normalize_form(home.name)}
    if division is not None:
        forms |= {*division.short_forms, division.name[:len(division.name) - len(division.suffix)]}
    return any(len(f) >= 2 and name.startswith(f) and len(name) > len(f) + 1 for f in forms)


_YEAR_HEAD = re.compile(r"^(?:19|20)\d\d年")
_YEAR = re.compile(r"(?:19|20)\d\d年")
_REPORT_NAME_TAIL = re.compile(
    r"^(?:第[一二三四五六七八九十\d]+届)?(?:委员会)?(?:常务委员会|常委会)?(?:(?:19|20)\d\d年)?(?:人民)?(?:政府)?"
    r"(?:提案)?(?:工作)?(?:情况的)?(?:报告|综述)(?:\(摘要\)|（摘要）|摘要|摘编)?$")


def agreement_parties(ctx: RelationContext) -> None:
    """《甲省人民政府 乙省人民政府战略合作框架协议》: the bodies heading an agreement's title are its
    parties, and its authors."""
    for key, e in ctx.entities.items():
        name = normalize_form(e.name)
        if e.type is not T.DOCUMENT or not name.endswith(cues.AGREEMENT_WORDS):
            continue
        found = ctx.find_forms(name, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
        pos = 0
        for s, end, k in found:
            if s != pos or ctx.type_of(k) is not T.ORGANIZATION:
                break
            _add_with_mentions(ctx, k, P.AUTHORED, key, "grammar:agreement-parties", of=key, heading=True)
            pos = end


def report_bodies(ctx: RelationContext) -> None:
    """A report named after the body that delivers it (X县政协常委会工作报告, 2016年X县政府工作报告,
    政协X第N届委员会常务委员会工作报告) is authored by that body."""
    for key, e in ctx.entities.items():
        if e.type is not T.DOCUMENT:
            continue
        for n in sorted(ctx.forms[key] | {normalize_form(e.name)}, key=len, reverse=True):
            n = _YEAR_HEAD.sub("", n)
            found = ctx.find_forms(n, {T.ORGANIZATION, T.ADMINISTRATIVE_AREA})
            if not found or found[0][0] != 0:
                continue
            _s, end, body = found[0]
            year = _YEAR.match(n, end)  # 某县2015年政府工作报告
            if year and ctx.type_of(body) is T.ADMINISTRATIVE_AREA:
                n, end = n[:end] + n[year.end():], end
            if ctx.type_of(body) is T.ADMINISTRATIVE_AREA:
                if not n.startswith(("人民政府", "政府"), end):
                    continue  # 厦门市政府工作报告: the area's government, if the doc names it
                body = next((k for k, x in ctx.entities.items() if x.type is T.ORGANIZATION
                             and normalize_form(x.name).endswith("人民政府") and _seat(ctx, normalize_form(x.name)) == body
                             and not _body_of_organ(ctx, k)), None)
                if body is None:
                    continue
            if _REPORT_NAME_TAIL.match(n[end:]):
                _add_with_mentions(ctx, body, P.AUTHORED, key, "rule:report-of-body", of=key, heading=True)
                break


def implied_seats(ctx: RelationContext) -> None:
    """Organs named only through an enumeration (福建、广东两省政协) lie in their place too."""
    for e in ctx.implied:
        area = _seat(ctx, normalize_form(e.name))
        if area is None or _body_of_organ(ctx, e.key) is not None:
            continue
        # no mention of its own: the sentences that name it through the enumeration
        stated = [ev for r in ctx.relations if e.key in (r.subject, r.object) for ev in r.evidence
                  if ev.start is not None]
        for ev in {(ev.start, ev.end): ev for ev in stated}.values():
            ctx.add(e.key, P.LOCATED_IN, area, ctx.evidence((ev.start, ev.end), "grammar:organ-of-place"))
            break


def _only_nested(ctx: RelationContext, e: Entity) -> bool:
    """Every mention lies inside a campaign's or event's name (“四下乡” is a campaign, not a 乡;
    a place named in a proposal's title still is one)."""
    hosts = [m for m in ctx.outer if m.type in (T.INITIATIVE, T.EVENT) and m.key != e.key]
    # outer mentions do not overlap: of the hosts starting at or before a mention, the last
    # one reaches furthest, so it is the only one that can hold the mention
    host_starts = [h.start for h in hosts]

    def hosted(m: Mention) -> bool:
        i = bisect.bisect_right(host_starts, m.start) - 1
        return i >= 0 and m.end <= hosts[i].end

    return bool(e.mentions) and all(hosted(m) for m in e.mentions)


def _body_of_organ(ctx: RelationContext, key: str) -> tuple[str, str] | None:
    """(body, organ word) when the name is another body's name plus an organ word
    (代县政协 + 党组, 阆中市政协 + 提案委员会); a rest naming a place (代县委员会) is not one."""
    e = ctx.entities[key]
    name = normalize_form(e.name)
    for n in [name, *sorted(ctx.forms[key] - {name}, key=len)]:
        for k in range(len(n) - 1, 1, -1):
            whole = ctx.by_form.get(n[:k])
            rest = n[k:]
            if whole is None or whole == key or ctx.type_of(whole) is not T.ORGANIZATION:
                continue
            if _ORGAN_RE.match(rest) and not rest.endswith(_NOT_ORGANS) and not _LEVEL_COMMITTEE.match(rest) and not ctx.find_forms(rest, {T.ADMINISTRATIVE_AREA}) \
                    and not _names_division(rest):
                return whole, rest
    return None


def _bare_organ(ctx: RelationContext, key: str, names: list[str]) -> bool:
    """An internal organ named without its body (社会服务工委, 机关党支部): no place, no other body in
    any of its names, and a name ending in an organ word that only a body's part carries."""
    if not all(n.endswith(_BARE_ORGAN_TAILS) for n in names):
        return False
    return not any(_names_division(n) or any(k != key for _s, _e, k in ctx.find_forms(n, {T.ORGANIZATION}))
                   for n in names)


def _names_division(text: str) -> bool:
    """Whether the text contains a division's name (忻州市委: a place's committee, not an organ)."""
    if any(c in text for c in cues.COUNTRY_NAMES):
        return True
    names = load_divisions().by_name
    return any(text[i:j] in names for i in range(len(text)) for j in range(i + 2, len(text) + 1))


def _seat(ctx: RelationContext, name: str) -> str | None:
    """The administrative area a body's name contains (the rightmost, most specific)."""
    best = None
    for s, e, k in ctx.find_forms(name, {T.ADMINISTRATIVE_AREA}):
        if name[s:e] == name or name[s:e] in cues.COUNTRY_NAMES or normalize_form(ctx.entities[k].name) in cues.COUNTRY_NAMES:
            continue
        best = k
    return best


_BYLINE = re.compile(r"[（(]([^（）()]{2,60})[）)]")


def _byline_writers(ctx: RelationContext) -> list[str]:
    """The people a news byline near the top names (（本报记者 王某 李某）), in order."""
    head = ctx.text[:BYLINE_REACH]
    for m in _BYLINE.finditer(head):
        if any(w in m.group(1) for w in cues.BYLINE_WORDS):
            return list(dict.fromkeys(x.key for x in ctx.outer_in((m.start(), m.end())) if x.type is T.PERSON))
    return []


BYLINE_REACH = 600  # characters from the top where a byline stands


def _add_with_mentions(ctx: RelationContext, s: str, p: Predicate, o: str, method: str, *, of: str | None = None,
                       heading: bool = False) -> None:
    """Evidence from the sentences that name the subject (or ``of``), at most three; with
    ``heading``, a thing no sentence names (the report itself, named by the reader) takes
    the text's first sentence."""
    sents: dict[tuple[int, int], None] = {}
    for _m, sent in _mention_sentences(ctx, of or s):
        sents[sent] = None
        if len(sents) == 3:
            break
    if not sents and heading and ctx.sentences:
        sents[ctx.sentences[0]] = None
    for sent in sents:
        ctx.add(s, p, o, ctx.evidence(sent, method))


# -- knowledge and collectives ----------------------------------------------------------

def knowledge_relations(ctx: RelationContext) -> None:
    """An administrative area is located in each of its parents among the doc's entities (the
    county in its city and in its province)."""
    divisions = load_divisions()
    by_code = {e.code: e for e in ctx.entities.values() if e.code and e.type is T.ADMINISTRATIVE_AREA}
    for e in by_code.values():
        if e.code not in divisions.by_code:
            continue
        for anc in divisions.ancestors(e.code):
            if anc.code in by_code:
                ev = Evidence(ctx.doc_id, None, None, "", "knowledge:division-hierarchy", SOURCE)
                ctx.add(e.key, P.LOCATED_IN, by_code[anc.code].key, ev)


def collective_relations(ctx: RelationContext) -> None:
    """A collective’s members share what it signs and attends; a session of a body (“双帽”
    第五次联席会 of the “双帽”…联席会议) is attended by the body and its members."""
    for key, e in ctx.entities.items():
        if e.type is not T.EVENT:
            continue
        body = _body_of_session(ctx, normalize_form(e.name))
        if body is None:
            continue
        for s in [body, *sorted(ctx.members.get(body, ()))]:
            _add_with_mentions(ctx, s, P.PARTICIPATED_IN, key, "rule:session-of-body", of=key)
    extra = []
    for r in ctx.relations:
        if r.predicate in (P.AUTHORED, P.PARTICIPATED_IN) and r.subject in ctx.members:
            for m in sorted(ctx.members[r.subject]):
                ev = r.evidence[0]
                extra.append((m, r.predicate, r.object, Evidence(ev.doc, ev.start, ev.end, ev.text,
                                                                   ev.method + "+members", ev.source)))
    for s, p, o, ev in extra:
        ctx.add(s, p, o, ev)


def _body_of_session(ctx: RelationContext, name: str) -> str | None:
    """The body an ordinal session belongs to: “双帽”第五次联席会 → the “双帽”…联席会议 (its
    name shares the prefix and the kind of meeting); 政协…第十五届委员会第三次会议 → the author
    when the prefix names it."""
    ords = list(_ORDINAL_RE.finditer(name))
    if not ords:
        return None
    prefix, kind = name[:ords[0].start()], name[ords[-1].end():].rstrip("议")
    generic = kind in ("", "会", "大会", "全会", "会议", "常委会会", "常委会")
    candidates = []
    for key, e in ctx.entities.items():
        if e.type is not T.ORGANIZATION:
            continue
        forms = {_ORDINAL_RE.sub("", f) for f in ctx.forms[key] | {normalize_form(e.name)}}
        if generic:
            if key == ctx.author and prefix and _ORDINAL_RE.sub("", prefix) in forms:
                candidates.append(key)
        elif any(kind[:2] in f and (not prefix or prefix in f) for f in forms):
            candidates.append(key)
    return candidates[0] if len(candidates) == 1 else None


_PARTY_GROUPS = ("党组", "机关党组")


def party_groups_attend_as_their_body(ctx: RelationContext) -> None:
    """县人大常委会党组书记王某某出席: the party group's secretary heads the body itself, which is
    the one that attends (the party group is no attendee of its own)."""
    out = []
    for r in ctx.relations:
        if r.predicate is P.PARTICIPATED_IN and ctx.type_of(r.subject) is T.ORGANIZATION:
            organ = _body_of_organ(ctx, r.subject)
            if organ is not None and organ[1] in _PARTY_GROUPS:
                out.append(Relation(organ[0], r.predicate, r.object, r.evidence))
                continue
        out.append(r)
    ctx.relations[:] = out
