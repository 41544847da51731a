"""Joint bodies of several areas, named by region, count and level: 某某江流域五市政协,
武夷山区闽粤赣三省政协, A、B、C三市政协联合…, 闽粤边七县(市)人大联席会议.

The name is [a region, a river basin, a border area, a run of province abbreviations or an
enumeration of areas] + a count and a level (三省, 五市, 四省市, 七县(市)) + an organ
(``organs.tsv``) and an optional tail (联席会议, 联盟…). A region, basin or border area names a
standing body. The areas alone (an enumeration, or the abbreviations that stand for one:
苏皖鲁三省政协 = 江苏、安徽、山东三省政协) name a joint body only when it acts together
(联合, 共同…), has a tail, or a standing body of that count, level and organ was named;
otherwise they name the body of each area, one mention each (江苏省政协, 安徽省政协…), as
does a name followed by a unit (三省政协农业农村委: each body's committee). A bare 五市政协
names the standing body when exactly one of that count, level and organ was named.

Inside a meeting's name the body stays a mention of its own: 2023年某某江流域五市政协主席
座谈会 is an event and 某某江流域五市政协 the body taking part. A standing meeting of the
bodies' heads (…三省政协主席座谈会, …联席会议) is itself a body, and its numbered session
(…座谈会第九次会议) the event.

>>> from reportgraph.extract import extract_text
>>> x = extract_text("# 某某县政协工作报告\\n闽粤赣三省政协联合在龙岩市召开会议。")
>>> sorted(r.subject for r in x.relations if r.object == "闽粤赣三省政协" and r.predicate.value == "memberOf")
['广东省政协', '江西省政协', '福建省政协']
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportgraph.genre.grammar import HAN
from reportgraph.genre.prefilter import finditer
from reportgraph.genre.organs import organ_names
from reportgraph.genre.words import alternation
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

T = EntityType
_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
ORGANS = r"(?:人大常委会|人民政府|政协|人大|政府|党委)"
# the count, the level and the organ: 五市政协, 七县(市)人大, 两地政协
COUNTED = re.compile(
    r"(?P<count>[两二三四五六七八九十]|十[一二三四五六七八九]|\d{1,2})个?(?P<level>省区市|省市区|县市区|省市|省区|县市|县区|市县|市州|[省市县地区州])"
    r"(?:[(（][县市区][)）])?(?P<organ>" + ORGANS + r")"
    r"(?P<tail>联席会议|联盟|协作会|协作体|协作区)?"
)
_SEPARATORS = "、和与及"
_NOT_FIRST = set("年的了在和与及对为把将向从于是月日")
# what makes a named joint body out of an enumeration: 四市政协联合举办, 三地政协共同…
_TOGETHER = re.compile(r"(?:联合|共同|携手|联手|一道|一起)")
# a unit after the organ makes the name distributive: 三省政协农业农村委 are three committees
_UNIT_AFTER = re.compile(r"[" + HAN + r"]{0,4}?(?:委员会|专委会|委(?![员会]))|办公室|办公厅|机关")
# river basins and regions written before the count: 某某江流域, 某某革命老区, 长三角
_REGION_TAIL = re.compile(r"(?:" + alternation("region-tail") + r")$")
_BASIN = re.compile(r"[" + HAN + r"]{1,4}?[河江湖](?:流域|沿岸)$")


@lru_cache(maxsize=1)
def _meeting_after() -> re.Pattern[str]:
    return re.compile(r"(?:主席|主任|秘书长|(?:" + alternation("meeting") + "))")


def is_joint_name(name: str) -> bool:
    """Whether a name ends with a count, a level and an organ after a prefix (某某江流域五市政协)."""
    return any(m.end() == len(name) and m.start() > 0 for m in COUNTED.finditer(name))


def count_of(word: str) -> int | None:
    """三 → 3, 十二 → 12, 4 → 4."""
    if word.isdigit():
        return int(word)
    if len(word) == 2 and word[0] == "十":
        return 10 + _NUMERALS.get(word[1], 0)
    return _NUMERALS.get(word)


def _enumerated(text: str, start: int, areas_ending: dict[int, Candidate], known) -> list[tuple[int, int]]:
    """The spans of an enumeration of areas ending at ``start`` (南平、三明和某某县), right to
    left: each a found area or a name of the gazetteer (``known``), longest first."""
    spans: list[tuple[int, int]] = []
    end = start
    while True:
        a = areas_ending.get(end)
        if a is not None:
            s = a.start
        else:
            s = next((end - k for k in range(6, 1, -1) if end >= k and known(text[end - k:end])), None)
            if s is None:
                break
        spans.insert(0, (s, end))
        if s > 0 and text[s - 1] in _SEPARATORS:
            end = s - 1
        else:
            break
    return spans if len(spans) >= 2 else []


def enumerated_names(text: str, start: int, known) -> list[str]:
    """The names of an enumeration of areas ending at ``start`` (["南平", "三明"])."""
    return [text[s:e] for s, e in _enumerated(text, start, {}, known)]


def joint_prefix(text: str, start: int, n: int | None, areas_ending: dict[int, Candidate],
                 regions_ending: dict[int, int], abbreviations, known) -> tuple[int, list[tuple[int, int]],
                                                                                  tuple[str, ...]]:
    """Where the prefix before a count at ``start`` begins (``start`` when none), the spans of
    the areas it enumerates and the provinces its abbreviation run names."""
    areas = _enumerated(text, start, areas_ending, known)
    if areas and (n is None or len(areas) == n):
        return areas[0][0], areas, ()
    provinces: tuple[str, ...] = ()
    s = start
    for k in (4, 3, 2):
        for edge in ("边", ""):  # 闽粤边七县
            b = start - len(edge)
            run = abbreviations(text[b - k:b]) if b >= k and text[b:start] == edge else None
            if run and (n is None or len(run) == n or edge):
                provinces, s = (run if not edge else ()), b - k
                break
        if s != start:
            break
    tail = _REGION_TAIL.search(text, max(0, s - 6), s)
    # a place before a region word (武夷山|革命老区), or one the word runs into (武陵山|区 of 山区)
    region = regions_ending.get(s, next((regions_ending[p] for p in range(tail.start(), tail.end())
                                         if p in regions_ending), None) if tail else None)
    if region is not None:
        return region, [], provinces
    m = _BASIN.search(text, max(0, s - 8), s)
    if m is not None:
        b = next((i for i in range(m.start(), m.end()) if text[i] not in _NOT_FIRST), m.end())
        return b, [], provinces
    return s, [], provinces


_ORGAN_KINDS = {"人大常委会": "人大", "人民政府": "政府", "政府": "政府", "政协": "政协", "人大": "人大", "党委": "党委"}
_YEAR_BEFORE = re.compile(r"(?:(?:19|20)\d\d年度?|第[一二三四五六七八九十\d]+届|首届)$")


@lru_cache(maxsize=1)
def _meeting_tail() -> re.Pattern[str]:
    """What follows a joint body's name in a meeting's name: its chairs' 座谈会, a 联合视察活动,
    and an ordinal session of a standing meeting (…座谈会第九次会议)."""
    return re.compile(
        r"(?P<who>主席|主任|秘书长|领导)?(?P<what>(?:(?!召开|举办|举行|开展|组织|参加|出席|通报|[在到赴和与及、])[" + HAN + r"]){0,6}?(?:" + alternation("meeting") + r"|活动))"
        r"(?P<session>第[一二三四五六七八九十\d]+次(?:全体)?会议|第[一二三四五六七八九十\d]+次)?")


def standing_meeting(word: str) -> bool:
    """座谈会, 联席会议, 协商会: a meeting a joint body holds again and again (an ordinal names one)."""
    return bool(re.fullmatch(r"(?:主席|主任|秘书长)?(?:联席会议|联席会|座谈会|协商会|协商座谈会|协作会|联谊会|恳谈会)", word))


def _distributed(text: str, m: re.Match[str], areas: list[tuple[int, int]], provinces: tuple[str, ...],
                 run_start: int, known) -> list[Candidate]:
    """The bodies of each area of a name that does not name a joint body (苏皖鲁3省政协,
    A、B、C三省政协农业农村委): one mention per area, on the area's own span (the last one runs
    to the end of the organ and its unit), named as that area's organ (江苏省政协)."""
    kind = _ORGAN_KINDS[m.group("organ")]
    unit = _UNIT_AFTER.match(text, m.end()) if not m.group("tail") else None
    end = unit.end() if unit else m.end()
    spans = areas or [(run_start + i, run_start + i + 1) for i in range(len(provinces))]
    names = [text[s:e] for s, e in areas] or list(provinces)
    out = []
    for i, ((s, e), name) in enumerate(zip(spans, names)):
        d = known(name)
        if d is None:
            return []
        canonical = organ_names(kind, d)[0] + (unit.group(0) if unit else "")
        if i == len(spans) - 1:
            e = end
        out.append(Candidate(s, e, text[s:e], T.ORGANIZATION, "grammar:joint-enumeration", canonical, d.code,
                             kind if not unit else None, form=canonical))
    return out


def find_joint_bodies(text: str, found: list[Candidate], abbreviations, known) -> list[Candidate]:
    """Joint bodies of several areas (see the module's docstring); ``found`` are the other
    rules' candidates, ``abbreviations`` maps a run of province abbreviations to provinces,
    ``known`` gives the division of a name of an area (None when it names none)."""
    areas_ending: dict[int, Candidate] = {}
    regions_ending: dict[int, int] = {}
    for c in found:
        if c.type is T.ADMINISTRATIVE_AREA and (c.end not in areas_ending or areas_ending[c.end].start > c.start):
            areas_ending[c.end] = c
        if c.type is T.PLACE and (c.end not in regions_ending or regions_ending[c.end] > c.start):
            regions_ending[c.end] = c.start
    out: list[Candidate] = []
    spans = []
    regional: dict[tuple[str, str, str, str], set[str]] = {}
    meetings: dict[tuple[str, str, str, str], set[str]] = {}  # standing meetings: …三省政协主席座谈会
    for m in finditer(COUNTED, text):
        n = count_of(m.group("count"))
        start, areas, provinces = joint_prefix(text, m.start(), n, areas_ending, regions_ending, abbreviations, known)
        key = (m.group("count"), m.group("level"), m.group("organ"), m.group("tail") or "")
        name = text[start:m.end()]
        if start == m.start() or start < m.start() - 20 or re.search(r"[，。；：\s]", name):
            spans.append((m, start, None, [], (), False))
            continue
        run_start = m.start() - len(provinces)
        # a region, a river basin or a border area names a standing body; the areas alone
        # (an enumeration or a run of abbreviations) name the bodies of each area
        standing = not areas and (not provinces or start < run_start)
        if standing:
            t = _meeting_tail().match(text, m.end())
            if t and standing_meeting((t.group("who") or "") + t.group("what")) \
                    and not _YEAR_BEFORE.search(text, max(0, start - 8), start):
                # …三省政协主席座谈会: the standing meeting is the body, not the bodies it gathers
                meetings.setdefault(key + (t.group("what"),), set()).add(text[start:t.end("what")])
            else:
                regional.setdefault(key, set()).add(name)
        spans.append((m, start, name, areas, provinces, standing))
    for m, start, name, areas, provinces, standing in spans:
        key = (m.group("count"), m.group("level"), m.group("organ"), m.group("tail") or "")
        known_names = regional.get(key, set())
        canonical = next(iter(known_names)) if len(known_names) == 1 else None
        t = _meeting_tail().match(text, m.end()) if not m.group("tail") else None
        if t is not None and (name is not None or canonical and start == m.start()):
            out.extend(_in_meeting(text, m, start, name or text[start:m.end()], t, standing, canonical,
                                   meetings.get(key + (t.group("what"),))))
            continue
        if not m.group("tail") and _UNIT_AFTER.match(text, m.end()):
            if name is not None and not standing:  # 江苏、安徽、山东三省政协农业农村委: a unit of each
                out.extend(_distributed(text, m, areas, provinces, m.start() - len(provinces), known))
            continue
        if name is None:  # a bare 五市政协 after the 某某江流域五市政协 (not 五市政协主席: the chairs of each)
            if canonical and start == m.start() and t is None and not _meeting_after().match(text, m.end()):
                out.append(Candidate(start, m.end(), text[start:m.end()], T.ORGANIZATION, "grammar:joint-body",
                                     canonical))
            continue
        if standing:
            out.append(Candidate(start, m.end(), name, T.ORGANIZATION, "grammar:joint-body", name))
        elif canonical or m.group("tail") or _TOGETHER.match(text, m.end()):  # 宁德、南平两市政协联合…: the named body
            out.append(Candidate(start, m.end(), name, T.ORGANIZATION, "grammar:joint-body", canonical or name))
        else:  # 苏皖鲁三省政协 围绕…: the three provinces' bodies
            out.extend(_distributed(text, m, areas, provinces, m.start() - len(provinces), known))
    return out


def _in_meeting(text: str, m: re.Match[str], start: int, name: str, t: re.Match[str], standing: bool,
                canonical: str | None, standing_meetings: set[str] | None) -> list[Candidate]:
    """A joint body's name inside a meeting's name. A standing meeting of the bodies (…三省政协
    主席座谈会) is a body of its own, and its numbered session (…座谈会第九次会议) the event; any
    other meeting (2022年某某江流域三市政协主席联合视察座谈会, …主席联合视察活动) is an event
    the joint body takes part in: the body stays a mention of its own inside the event's name."""
    out: list[Candidate] = []
    lead = _YEAR_BEFORE.search(text, max(0, start - 8), start)
    s = lead.start() if lead else start
    what = (t.group("who") or "") + t.group("what")
    if standing_meeting(what) and not lead:
        body_end = t.end("what")
        body = text[start:body_end]
        known = next(iter(standing_meetings)) if standing_meetings and len(standing_meetings) == 1 else None
        own = body if standing else known or body
        out.append(Candidate(start, body_end, body, T.ORGANIZATION, "grammar:joint-meeting-body", own))
        if t.group("session"):
            out.append(Candidate(start, t.end(), text[start:t.end()], T.EVENT, "grammar:joint-meeting",
                                 own + t.group("session")))
        return out
    if standing or canonical:
        out.append(Candidate(start, m.end(), name, T.ORGANIZATION, "grammar:joint-body", canonical or name))
    e = t.end("what")
    out.append(Candidate(s, e, text[s:e], T.EVENT, "grammar:joint-meeting", text[s:e]))
    return out
