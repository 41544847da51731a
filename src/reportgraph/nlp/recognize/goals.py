"""Goals a report sets itself in words of its own, read from the verb that builds them
(``genre/data/words.tsv``, sets ``goal-*``):

- a place to build, with the qualities it is to have (建设富裕文明和谐新某某县, 打造宜居某某,
  再造产业某某) or as a strong unit of its province (建设某省强县, 推进某省强县建设);
- a new road to walk (走出生态富民新路, 闯出产业振兴新路子);
- a model or pilot zone to build (建设某某改革开放示范城市, 打造某某科创高地).

and bodies named after a place with a stem and a tail (某某海洋实验室, 某某数学与物理国际研究中心;
set ``body-tail``).

Each goal's mention holds the verb (the report's wording, 再造产业某某) and names the goal without it
(产业某某), so either form finds it.

>>> from reportgraph.extract import extract_text
>>> x = extract_text("# 苍溪县政协工作报告\\n全县为建设生态宜居幸福新苍溪作出贡献，走出绿色发展新路子。")
>>> sorted(e.name for e in x.entities if e.type.value == "Initiative")
['生态宜居幸福新苍溪', '绿色发展新路子']
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportgraph.genre.grammar import HAN, NUM
from reportgraph.genre.prefilter import ANCHORS, REQUIRED, finditer
from reportgraph.genre.words import alternation
from reportgraph.knowledge.gazetteer import jieba_tags
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

T = EntityType
_HAN_CHAR = re.compile(r"[" + HAN + r"]")
# jieba's tags of a first word that opens no name: verbs, prepositions, adverbs, conjunctions,
# pronouns, adjectives (授予|文化工委, 先进|工委)
_NOT_A_NAME_START = frozenset({"v", "vd", "p", "d", "c", "r", "a", "ad", "u", "f"})
# what may not stand in a body's stem (数学与物理 may: 与 and 和 join its fields)
_NOT_IN_STEM = re.compile(r"[的了及在对为把被将是等各本我该其这那个一二三四五六七八九十两]")
# what may not stand inside the qualities before a place: function words, 的, numerals (和谐 may)
_NOT_QUALITY = re.compile(r"[的了与及在对为把被将是等各本我该其这那个一二三四五六七八九十两，。、；：\n]|和(?![谐美睦平])")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The patterns of this module (compiled once); ``bare_unit`` is tried only just before
    its tails (:data:`reportgraph.genre.prefilter.ANCHORS`), ``projects`` only in a text
    that counts something after 等 (:data:`reportgraph.genre.prefilter.REQUIRED`)."""
    patterns = _compile_patterns()
    ANCHORS[patterns["bare_unit"]] = (re.compile(alternation("bare-unit-tail")), 8)  # a stem of 2–8, the tail
    REQUIRED[patterns["projects"]] = re.compile(r"等(?:一批|[" + NUM + r"\d]+[个家])")  # 等一批, 等7个
    return patterns


def _compile_patterns() -> dict[str, re.Pattern[str]]:
    verb = alternation("goal-verb")
    after = alternation("goal-after")
    return {
        "verb": re.compile(r"(?:" + verb + r")(?=[" + HAN + r"])"),
        "strong": re.compile(r"强[县市省区旗州](?:建设)?"),
        "end": re.compile(r"(?:[^" + HAN + r"]|$|" + after + r")"),
        "road": re.compile(r"(?P<verb>" + alternation("road-verb") + r")(?:一条)?(?P<name>[" + HAN + r"]{2,10}?新路子?)"
                           r"(?=[^" + HAN + r"]|$|" + after + r")"),
        "bare_unit": re.compile(r"(?:(?<=^)|(?<=[^" + HAN + r"“])|(?<=[、及]))(?P<stem>[" + HAN + r"]{2,8}?)(?:"
                                + alternation("bare-unit-tail") + r")(?!会)", re.MULTILINE),
        "credit": re.compile(r"(?:" + alternation("site-credit") + r")[：:][ \t　]*(?P<name>[^\s|｜，。；、]{2,24})"),
        "projects": re.compile(r"(?:(?<=^)|(?<=[^" + HAN + r"]))(?P<run>[" + HAN + r"]{2,8}(?:、[" + HAN + r"]{2,8})+)"
                               r"等(?:一批|[" + NUM + r"\d]+[个家])[^，。；\n]{0,12}?(?:项目|企业)", re.MULTILINE),
        "body": re.compile(r"(?:" + alternation("body-tail") + r")"),
        "zone": re.compile(r"(?P<verb>" + verb + r")(?P<name>(?:(?![的和与及、])[" + HAN + r"]){4,16}?(?:"
                           + alternation("goal-zone") + r"))(?=[^" + HAN + r"]|$|" + after + r")"),
    }


def _place_at(text: str, k: int, areas: dict[int, int], stems: dict[str, tuple[str, ...]]) -> int | None:
    """The end of a place named at ``k``: an area found there, or the longest stem of one
    found elsewhere (苍溪 of 苍溪县; ``stems`` by their first character, longest first)."""
    if k in areas:
        return areas[k]
    return next((k + len(st) for st in stems.get(text[k:k + 1], ()) if text.startswith(st, k)), None)


def find_goals(text: str, found: list[Candidate]) -> list[Candidate]:
    """The goals of the module docstring; ``found`` holds the places the other rules found."""
    p = _patterns()
    out: list[Candidate] = []
    areas: dict[int, int] = {}
    stems: set[str] = set()
    for c in found:
        if c.type is T.ADMINISTRATIVE_AREA:
            areas[c.start] = max(areas.get(c.start, 0), c.end)
            name = c.canonical or c.text
            if len(name) >= 3 and name[-1] in "县市区旗":
                stems.add(name[:-1])
    by_first: dict[str, list[str]] = {}
    for st in sorted(stems, key=len, reverse=True):
        by_first.setdefault(st[0], []).append(st)
    ordered = {c: tuple(sts) for c, sts in by_first.items()}
    for v in p["verb"].finditer(text):
        for k in range(v.end(), min(len(text), v.end() + 9)):
            e = _place_at(text, k, areas, ordered)
            if e is None:
                continue
            quality = text[v.end():k]
            strong = p["strong"].match(text, e)
            end = strong.end() if strong else e
            if (len(quality) >= 2 or strong and not quality) and not _NOT_QUALITY.search(quality) \
                    and p["end"].match(text, end):
                out.append(Candidate(v.start(), end, text[v.start():end], T.INITIATIVE, "grammar:place-goal",
                                     text[v.end():end]))
            break
    for rule in ("road", "zone"):
        for m in p[rule].finditer(text):
            name = m.group("name")
            if _NOT_QUALITY.search(name[:-4]):
                continue
            out.append(Candidate(m.start(), m.end(), m.group(0), T.INITIATIVE, f"grammar:{rule}-goal", name))
    return out


def find_named_bodies(text: str, found: list[Candidate]) -> list[Candidate]:
    """某某海洋实验室: a place found, a stem of one to ten characters, a body's tail; and a
    working committee or branch named alone after a boundary (、信息与咨询工委, ，经济科技总支;
    set ``bare-unit-tail``), named as written (the relation stage makes it the speaker's organ);
    the company a web page's footer credits (技术支持：某某科技; set ``site-credit``)."""
    p = _patterns()
    tags = jieba_tags()
    out: list[Candidate] = [
        Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:bare-unit", m.group(0))
        for m in finditer(p["bare_unit"], text) if not _NOT_IN_STEM.search(m.group("stem"))
        and tags.get(m.group("stem")[:2]) not in _NOT_A_NAME_START]  # not 授予文化工委
    ends: dict[int, Candidate] = {}
    for c in found:
        if c.type is T.ADMINISTRATIVE_AREA and (c.end not in ends or ends[c.end].start > c.start):
            ends[c.end] = c
    for m in finditer(p["projects"], text):  # 甲乙陶瓷、丙丁国际等7个项目: the companies behind them
        pos = m.start("run")
        for item in m.group("run").split("、"):
            if _company_name(item, tags):
                out.append(Candidate(pos, pos + len(item), item, T.ORGANIZATION, "grammar:project-company", item))
            pos += len(item) + 1
    for m in p["credit"].finditer(text):  # 技术支持：某某科技, the site's builder
        out.append(Candidate(m.start("name"), m.end("name"), m.group("name"), T.ORGANIZATION, "grammar:site-credit",
                             m.group("name")))
    for m in p["body"].finditer(text):
        for k in range(m.start() - 1, max(-1, m.start() - 11), -1):
            if not _HAN_CHAR.match(text, k) or _NOT_IN_STEM.match(text, k):
                break
            area = ends.get(k)
            if area is not None:
                out.append(Candidate(area.start, m.end(), text[area.start:m.end()], T.ORGANIZATION,
                                     "grammar:place-body", text[area.start:m.end()]))
                break
    return out


_QUOTED = re.compile(r"“[^“”\n]{2,12}”")
_NOT_IN_SLOGAN = re.compile(r"[的了在对为把被将是，。、；：]")


def find_coordinated(text: str, found: list[Candidate]) -> list[Candidate]:
    """A quoted name joined by 、 or 和 to a programme found (围绕“十四五”规划、“某某创业”和…):
    a programme of the same list."""
    ends = {c.end for c in found if c.type is T.INITIATIVE}
    starts = {c.start for c in found if c.type is T.INITIATIVE}
    spans = {(c.start, c.end) for c in found}
    out = []
    for m in _QUOTED.finditer(text):
        if (m.start(), m.end()) in spans or _NOT_IN_SLOGAN.search(m.group(0)) \
                or _HAN_CHAR.match(text, m.end()) and text[m.end()] not in "和与及":
            continue  # a name found already, a phrase, or a quote that goes on (“…”精神)
        before = m.start() - 1 in ends and text[m.start() - 1] in "、和与及"
        after = text[m.end():m.end() + 1] in ("、", "和", "与", "及") and m.end() + 1 in starts
        if before or after:
            out.append(Candidate(m.start(), m.end(), m.group(0), T.INITIATIVE, "grammar:coordinated-slogan",
                                 m.group(0)))
    return out


def _company_name(item: str, tags: dict[str, str]) -> bool:
    """Whether an item of a list of projects names a company: it opens with a proper name
    (a place, a brand jieba does not know: 某某陶瓷), not with a common word (新能源汽车)."""
    if _NOT_IN_STEM.search(item):
        return False
    first = next((item[:k] for k in range(len(item), 1, -1) if item[:k] in tags), None)
    return first is None or tags[first] in _PROPER_TAGS


_PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j"})
