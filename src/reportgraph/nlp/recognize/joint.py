"""Joint bodies of several areas, named by region, count and level: 某某江流域五市政协,
闽粤赣三省政协, A、B、C三地政协, 闽粤边七县(市)人大联席会议.

The name is [a region, a river basin, a run of province abbreviations or an enumeration of
areas] + a count and a level (三省, 五市, 七县(市), 两地) + an organ (``organs.tsv``) and an
optional tail (联席会议, 联盟…). A bare 五市政协 later in the same report names the same body
when exactly one prefixed body of that count, level and organ was named before. A name
followed by a meeting word or its chairs (…政协主席座谈会) is a meeting, left to the event
rules; one followed by a unit (三省政协人资环委) names each body's unit, not a joint body; an
enumeration of areas is a joint body only when a standing name of it was given (a region or
basin name with the same count, level and organ) or when it acts together (联合, 共同…).

>>> from reportgraph.extract import extract_text
>>> x = extract_text("# 某某县政协工作报告\\n闽粤赣三省政协在龙岩市召开会议。")
>>> sorted(r.subject for r in x.relations if r.object == "闽粤赣三省政协" and r.predicate.value == "memberOf")
['广东省政协', '江西省政协', '福建省政协']
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportgraph.genre.grammar import HAN
from reportgraph.genre.words import alternation
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

T = EntityType
_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
ORGANS = r"(?:人大常委会|人民政府|政协|人大|政府|党委)"
# the count, the level and the organ: 五市政协, 七县(市)人大, 两地政协
COUNTED = re.compile(
    r"(?P<count>[两二三四五六七八九十]|十[一二三四五六七八九]|\d{1,2})个?(?P<level>[省市县地区州])"
    r"(?:[(（][县市区][)）])?(?P<organ>" + ORGANS + r")"
    r"(?P<tail>联席会议|联盟|协作会|协作体|协作区)?"
)
_SEPARATORS = "、和与及"
_NOT_FIRST = set("年的了在和与及对为把将向从于是月日")
# what makes a named joint body out of an enumeration: 四市政协联合举办, 三地政协共同…
_TOGETHER = re.compile(r"(?:联合|共同|携手|联手|一道|一起)")
# a unit after the organ makes the name distributive: 三省政协人资环委 are three committees
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
    region = regions_ending.get(s, regions_ending.get(tail.start()) if tail else None)
    if region is not None:
        return region, [], provinces
    m = _BASIN.search(text, max(0, s - 8), s)
    if m is not None:
        b = next((i for i in range(m.start(), m.end()) if text[i] not in _NOT_FIRST), m.end())
        return b, [], provinces
    return s, [], provinces


def find_joint_bodies(text: str, found: list[Candidate], abbreviations, known) -> list[Candidate]:
    """Joint bodies of several areas (see the module's docstring); ``found`` are the other
    rules' candidates, ``abbreviations`` maps a run of province abbreviations to provinces,
    ``known`` tells a name of an area."""
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
    for m in COUNTED.finditer(text):
        n = count_of(m.group("count"))
        start, areas, provinces = joint_prefix(text, m.start(), n, areas_ending, regions_ending, abbreviations, known)
        key = (m.group("count"), m.group("level"), m.group("organ"), m.group("tail") or "")
        name = text[start:m.end()]
        if start == m.start() or start < m.start() - 20 or re.search(r"[，。；：\s]", name):
            spans.append((m, start, None))
            continue
        if not areas:  # a region, a river basin or the provinces' abbreviations: a standing body
            regional.setdefault(key, set()).add(name)
        spans.append((m, start, name))
    for m, start, name in spans:
        if _meeting_after().match(text, m.end()) or (not m.group("tail") and _UNIT_AFTER.match(text, m.end())):
            continue  # a meeting of the bodies, or units of each of them
        key = (m.group("count"), m.group("level"), m.group("organ"), m.group("tail") or "")
        standing = regional.get(key, set())
        canonical = next(iter(standing)) if len(standing) == 1 else None
        if name is None:  # a bare 五市政协 after the 某某江流域五市政协
            if canonical and start == m.start():
                out.append(Candidate(start, m.end(), text[start:m.end()], T.ORGANIZATION, "grammar:joint-body",
                                     canonical))
            continue
        if name in standing:
            out.append(Candidate(start, m.end(), name, T.ORGANIZATION, "grammar:joint-body", name))
        elif canonical or _TOGETHER.match(text, m.end()):  # 宁德、南平四市政协联合…: the named body
            out.append(Candidate(start, m.end(), name, T.ORGANIZATION, "grammar:joint-body", canonical or name))
    return out
