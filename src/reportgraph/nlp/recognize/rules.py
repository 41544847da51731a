"""Rules of the naming grammar that read the whole text (as opposed to names around a
gazetteer hit): relative organs (县政协, 市委), enumerations (全国、省、市政协), the author's own
body (常委会), towns, new districts, scenic and heritage sites, party congresses and plenums,
sessions, ordinal and quoted events, 《titles》, numbered and quoted proposals, quoted and
unquoted initiatives, and people beside titles.

:class:`TextRules` (with the events of :mod:`.events`, the documents and initiatives of
:mod:`.documents` and the people of :mod:`.people`) is mixed into
:class:`reportgraph.nlp.recognize.component.Recognizer`, which supplies ``divisions`` (the gazetteer) and ``knowledge`` (the shipped lists).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from reportgraph.genre import grammar as g
from reportgraph.genre.words import alternation
from reportgraph.knowledge.gazetteer import jieba_tags
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.recognize.chars import _BEFORE_NAME, _HAN
from reportgraph.nlp.recognize.documents import _QUOTE_RUN, DocumentRules
from reportgraph.nlp.recognize.events import EventRules
from reportgraph.nlp.recognize.people import PeopleRules, _could_be_name

if TYPE_CHECKING:
    from reportgraph.knowledge.gazetteer import Divisions
    from reportgraph.knowledge.lists import Knowledge

__all__ = ["TextRules", "_BEFORE_NAME", "_HAN", "_QUOTE_RUN", "_could_be_name"]

T = EntityType
# The author's own organs named bare (政协党组, 工商联, 本届人大常委会).
_HOME_ORGAN = re.compile(r"(?<![县市省州区全国])政协党组|(?<![县市省州区])(?<!全国)工商联"
                         r"|(?<![县市省州区旗盟治国])人大常委会(?!党组)")
g.ANCHORS[_HOME_ORGAN] = (re.compile("政协党组|工商联|人大常委会"), 0)  # tried only where one begins


@lru_cache(maxsize=1)
def _party_leadership() -> re.Pattern[str]:
    """党 after a verb of leadership and before 的领导 (坚持党的领导, 在党的全面领导下, 加强党对
    某某工作的领导): the Communist Party named by its bare character."""
    from reportgraph.genre.cues import LEADERSHIP_VERBS

    verbs = "|".join(map(re.escape, sorted(LEADERSHIP_VERBS, key=len, reverse=True)))
    return re.compile(r"(?:" + verbs + r")(?P<party>党)(?=的(?:全面|绝对|坚强|集中统一)?领导"
                      r"|对[^，。；：\n]{1,14}?的(?:全面|绝对)?领导)")


@lru_cache(maxsize=1)
def _relative_zone() -> re.Pattern[str]:
    """A development zone named by its kind alone, after a boundary or with a level character
    (市开发区, 、高新区管委会): the home's zone (words.tsv zone-word)."""
    return re.compile(r"(?:(?<=^)|(?<=[^" + g.HAN + r"])|(?<=[、和与及在本我]))(?P<level>[县市区州旗])?(?:"
                      + alternation("zone-word") + r")", re.MULTILINE)


def _last_bound(ordered: list[int], lo: int, hi: int, default: int) -> int:
    """The greatest offset of ``ordered`` (sorted) in ``[lo, hi)``, else ``default``."""
    i = bisect.bisect_left(ordered, hi) - 1
    return ordered[i] if i >= 0 and ordered[i] >= lo else default


def _full_committee(name: str) -> str:
    """提案委 → 提案委员会."""
    return name[:-1] + "委员会" if name.endswith("委") else name


@lru_cache(maxsize=1)
def _author_unit() -> re.Pattern[str]:
    """A unit named alone (调研处, 办公室 of words.tsv author-unit) at a phrase's start, before a
    post or a phrase's end: the unit of the body that speaks (the resolver names it)."""
    after = alternation("title-word")
    rx = re.compile(r"(?:(?<=^)|(?<=[^" + g.HAN + r"])|(?<=[、和与及]))(?:" + alternation("author-unit")
                    + r")(?=[^" + g.HAN + r"]|[和与及、]|副?(?:处长|" + after + r"))", re.MULTILINE)
    g.ANCHORS[rx] = (re.compile(alternation("author-unit")), 0)  # tried only where a unit's name begins
    return rx


class TextRules(EventRules, DocumentRules, PeopleRules):
    """The whole-text rules; see the module docstring."""

    divisions: Divisions
    knowledge: Knowledge

    def _grammar(self, text: str, bounds: set[int], atoms: list[Candidate]) -> list[Candidate]:
        out: list[Candidate] = []
        add = out.append
        for m in g.organ_table().relative.finditer(text):
            s = m.start()
            if s not in bounds and s > 0 and _HAN.match(text[s - 1]) and text[s - 1] not in "、和与及全本我":
                continue
            if s > 0 and text[s - 1] in g.PARTY_ABBREVIATION_CHARS and m.group("党委"):
                continue  # 盟市委, 社市委: a democratic party's unit (民盟, 九三学社), not the CPC's
            kind = m.lastgroup or ""
            if kind == "dept":
                kind = m.group("dept")
            add(Candidate(s, m.end(), m.group(0), T.ORGANIZATION, "grammar:relative-organ",
                          None, None, kind, m.group("level")))
        for m in g.ENUMERATION.finditer(text):
            organ = m.group("organ")
            kind = {"委": "党委", "党委": "党委"}.get(organ, organ)
            pos = m.start()
            for member in re.finditer(r"全国|中央|省|市|县|州|区", m.group("members")):
                ms, me = pos + member.start(), pos + member.end()
                w = member.group(0)
                if w == "中央":
                    add(Candidate(ms, me, w, T.ORGANIZATION, "grammar:enumeration", "中共中央", form="中央"))
                elif w == "全国":
                    canon = {"政协": "全国政协", "人大": "全国人大"}.get(organ)
                    if canon:
                        add(Candidate(ms, me, w, T.ORGANIZATION, "grammar:enumeration", canon, form=canon))
                else:
                    add(Candidate(ms, me, w, T.ORGANIZATION, "grammar:enumeration", None, None, kind, w,
                                  form=w + organ))
            last_s = m.start("organ") - 1
            # the last member carries the organ: 县委 of 中央、省、市、县委
            out[-1] = replace(out[-1], start=last_s, end=m.end(), text=text[last_s:m.end()], form=None) \
                if out and out[-1].start == last_s and out[-1].kind else out[-1]
        for m in re.finditer(r"([县市省州区])委(?:、|和)?(?:\1)?政府", text):
            s = m.start()
            if s not in bounds and s > 0 and _HAN.match(text[s - 1]):
                continue
            lv = m.group(1)
            add(Candidate(s, s + 2, text[s:s + 2], T.ORGANIZATION, "grammar:relative-organ", None, None, "党委", lv))
            add(Candidate(m.end() - 2, m.end(), "政府", T.ORGANIZATION, "grammar:relative-organ", None, None,
                          "政府", lv, form=lv + "政府"))
        for m in re.finditer(r"([县市省州区旗])(委|政府|政协|人大)办(?![公事理法学会])", text):
            s = m.start()  # 县委办, 县政府办: the offices of the home's organs
            if s not in bounds and s > 0 and _HAN.match(text[s - 1]) and text[s - 1] not in "、和与及全本我":
                continue
            owner = {"委": "党委"}.get(m.group(2), m.group(2))
            add(Candidate(s, m.end(), m.group(0), T.ORGANIZATION, "grammar:relative-office", None, None,
                          f"{owner}:办公室", m.group(1)))
        for m in g.finditer(_author_unit(), text):  # 、调研处处长王某某: the speaking body's unit
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:author-unit", None, None,
                          "author-unit:" + m.group(0), "author"))
        for m in g.finditer(g.AUTHOR_BODY, text):
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:author-body",
                          None, None, "政协" if "政协" in m.group(0) else "author", "author"))
        for m in g.finditer(_HOME_ORGAN, text):
            kind = {"政协党组": "政协党组", "人大常委会": "人大"}.get(m.group(0), "工商联")
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:home-organ",
                          None, None, kind, "home"))
        for m in _party_leadership().finditer(text):
            s = m.start("party")
            add(Candidate(s, s + 1, "党", T.ORGANIZATION, "grammar:party-leadership", "中国共产党"))
        for m in _relative_zone().finditer(text):  # 市开发区, 、高新区: the zone of the home (or its city)
            add(Candidate(m.start(), m.end(), m.group(0), T.ADMINISTRATIVE_AREA, "grammar:relative-zone",
                          None, None, "relative-zone", m.group("level") or "home"))
        for m in g.HOME_AREA.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.ADMINISTRATIVE_AREA, "grammar:home-area",
                          None, None, "area", m.group("level")))
        self._events(text, bounds, add)
        self._documents(text, add, atoms)
        self._initiatives(text, add)
        self._people(text, add)
        tags = jieba_tags()
        for m in g.finditer(g.TOWN, text):
            s = m.start()
            for name in self._town_names(m.group("name")):
                e = s + len(name)
                stem = name[:-2] if name.endswith("街道") else name[:-1]
                if s not in bounds or e not in bounds or any(b in bounds for b in range(s + 1, s + len(stem))):
                    continue  # the stem must be one word: not 推进城乡, 政协乡镇
                if stem in g.GENERIC_TOWN_STEMS or stem[-1] in "各全本我" or stem[0] in "各全本我该每":
                    continue
                stem_tag = tags.get(stem, "ns")  # unknown to jieba, or a proper noun: a town's name
                if not stem_tag.startswith("n") or stem_tag == "n" or stem[-1] in "个些":
                    continue
                tag = tags.get(name)
                if tag is not None and tag != "ns":
                    continue
                add(Candidate(s, e, name, T.ADMINISTRATIVE_AREA, "grammar:town", name))
                break
        towns = {c.start: c for c in out if c.rule == "grammar:town"}
        town_ends = {t.end for t in towns.values()}
        ordered = sorted(bounds)
        for m in g.finditer(g.TOWN_RUN, text, jump=False):
            members = list(re.finditer(r"[" + g.HAN + r"]{2,3}(?:镇|乡|街道)", m.group(0)))
            known = [mm for mm in members if m.start() + mm.start() in towns
                     or m.start() + mm.end() - 3 in towns or m.start() + mm.end() - 4 in towns]
            if not known:
                continue
            for mm in members[1:]:  # after 、 the whole member is the name
                s, e = m.start() + mm.start(), m.start() + mm.end()
                if e not in town_ends:
                    add(Candidate(s, e, mm.group(0), T.ADMINISTRATIVE_AREA, "grammar:town", mm.group(0)))
            first = members[0]
            e = m.start() + first.end()
            if e not in town_ends:
                s = _last_bound(ordered, m.start(), e - 2, m.start())
                add(Candidate(s, e, text[s:e], T.ADMINISTRATIVE_AREA, "grammar:town", text[s:e]))
        for m in g.finditer(g.SITE, text):
            # the name is the last word before 景区/流域 (two if that word is 山 or 河 alone)
            e = m.start("tail")
            s = _last_bound(ordered, m.start(), e, m.start())
            if e - s == 1:
                s = _last_bound(ordered, m.start(), s, s)
            name = text[s:e]
            if len(name) < 2 or tags.get(name, "ns") not in ("ns", "nr", "nz"):
                continue
            add(Candidate(s, m.end(), text[s:m.end()], T.PLACE, "grammar:site", name))
        for m in g.finditer(g.HERITAGE, text, jump=False):
            e = m.start("tail")
            s = _last_bound(ordered, m.start(), e - 1, m.start())
            stem = text[s:e]
            stem_tag = tags.get(stem)
            if len(stem) < 2 or stem in g.GENERIC_TOWN_STEMS or stem_tag is not None and not (
                    stem_tag.startswith(("ns", "nr", "nz", "nt")) or self.divisions.lookup(stem)):
                continue
            add(Candidate(s, m.end(), text[s:m.end()], T.PLACE, "grammar:heritage", text[s:m.end()]))
        for m in g.LOCAL_CONGRESS.finditer(text):
            s = m.start()
            if s in bounds or s == 0 or not _HAN.match(text[s - 1]):
                add(Candidate(s, m.end(), m.group(0), T.EVENT, "grammar:local-congress", None, None,
                              "local-congress", m.group("level"), ref=m.group("n")))
        for m in g.LOCAL_PLENUM.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:local-plenum", None, None,
                          "local-plenum", m.group("level"), ref=f"{m.group('n')}届{m.group('m')}次全会"))
        first_area_ending: dict[int, int] = {}  # the earliest start of an area atom ending at an offset
        for a in atoms:
            if a.type is T.ADMINISTRATIVE_AREA and a.start < first_area_ending.get(a.end, a.start + 1):
                first_area_ending[a.end] = a.start
        for m in g.finditer(g.NEW_DISTRICT, text):
            name = m.group("name")
            stem = re.sub("(?:" + g.DISTRICT_TAILS + ")$", "", name)
            start = m.start()
            if len(stem) >= 4 and jieba_tags().get(stem[:2], "").startswith("v"):
                stem, name, start = stem[2:], name[2:], start + 2  # 对接雄安新区
            if stem in g.GENERIC_DISTRICT_STEMS or stem[0] in "各全本我该":
                continue
            if first_area_ending.get(m.end(), start + 1) <= start:
                continue
            add(Candidate(start, m.end(), name, T.ADMINISTRATIVE_AREA, "grammar:new-district", name))
        out.extend(self._area_enumerations(text, atoms))
        for m in g.finditer(g.JOINT_BODY, text):
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:joint-body", m.group("body")))
        for m in g.YOUTH_LEAGUE.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:relative-organ", None, None,
                          "共青团", m.group("level")))
        for m in g.PARTY_DEPARTMENT.finditer(text):
            s = m.start()
            if s in bounds or s == 0 or not _HAN.match(text[s - 1]) or text[s - 1] in "、和与及":
                add(Candidate(s, m.end(), m.group(0), T.ORGANIZATION, "grammar:party-department",
                              None, None, "委" + m.group("dept"), m.group("level")))
        organs = {c.end: c for c in out if c.type is T.ORGANIZATION and c.kind == "政协"}
        organs.update({c.end: c for c in atoms if c.type is T.ORGANIZATION and c.kind == "政协"})
        for m in g.CPPCC_COMMITTEE.finditer(text):
            s = m.start()
            owner = organs.get(s)
            name = m.group("name")
            if owner is not None:  # 县政协提案委: the committee of that 政协
                add(Candidate(owner.start, m.end(), text[owner.start:m.end()], T.ORGANIZATION,
                              "grammar:cppcc-committee", None, owner.code, "政协:" + _full_committee(name),
                              owner.level))
            elif s == 0 or not _HAN.match(text[s - 1]) or text[s - 1] in "、和与及的由在":
                add(Candidate(s, m.end(), name, T.ORGANIZATION, "grammar:cppcc-committee", None, None,
                              "政协:" + _full_committee(name), "author"))
        return out

    @staticmethod
    def _town_names(name: str) -> list[str]:
        """峪口乡 and 口乡 are both read from 峪口乡: the longer first."""
        suffix = "街道" if name.endswith("街道") else name[-1]
        stem = name[: -len(suffix)]
        return [stem[i:] + suffix for i in range(len(stem) - 1)]

    def _area_enumerations(self, text: str, atoms: list[Candidate]) -> list[Candidate]:
        """四川省阆中市、湖南省凤凰县和巍山县政协: the organ after the last place of an
        enumeration is the organ of every place in it."""
        areas = sorted((c for c in atoms if c.type is T.ADMINISTRATIVE_AREA and c.code), key=lambda c: c.start)
        organs = {c.start: c for c in atoms if c.type is T.ORGANIZATION and c.kind and c.code}
        out: list[Candidate] = []
        i = 0
        while i < len(areas):
            chain = [areas[i]]
            j = i
            while j + 1 < len(areas):
                gap = text[areas[j].end:areas[j + 1].start]
                if gap == "":  # 四川省阆中市: the parent qualifies the next name
                    chain[-1] = areas[j + 1]
                elif gap in ("、", "和", "及", "与", "以及"):
                    chain.append(areas[j + 1])
                else:
                    break
                j += 1
            last = chain[-1]
            organ = organs.get(last.start)
            if organ is not None and len(chain) > 1:
                suffix = text[last.end:organ.end]
                for c in chain[:-1]:
                    out.append(Candidate(c.start, c.end, c.text, T.ORGANIZATION, "grammar:area-enumeration",
                                         None, c.code, organ.kind, form=c.text + suffix))
            i = j + 1
        return out
