"""Rules of the naming grammar that read the whole text (as opposed to names around a
gazetteer hit): relative organs (县政协, 市委), enumerations (全国、省、市政协), the author's own
body (常委会), towns, new districts, scenic and heritage sites, party congresses and plenums,
sessions, ordinal and quoted events, 《titles》, numbered and quoted proposals, quoted and
unquoted initiatives, and people beside titles.

:class:`TextRules` is mixed into :class:`reportgraph.nlp.recognize.component.Recognizer`, which supplies
``divisions`` (the gazetteer) and ``knowledge`` (the shipped lists).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from reportgraph.genre import grammar as g
from reportgraph.nlp.candidate import Candidate
from reportgraph.knowledge.gazetteer import jieba_tags
from reportgraph.model import EntityType

if TYPE_CHECKING:
    from reportgraph.knowledge.gazetteer import Divisions
    from reportgraph.knowledge.lists import Knowledge

T = EntityType
_HAN = re.compile(f"[{g.HAN}]")
_BEFORE_NAME = set("在和与及、的赴到至是对向从于为把将原属暨即由同跟驻来去往返经")
# The author's own organs named bare (政协党组, 工商联), and runs of quoted names (“A”、“B”和“C”).
_HOME_ORGAN = re.compile(r"(?<![县市省州区全国])政协党组|(?<![县市省州区])(?<!全国)工商联")
_QUOTE_RUN = re.compile(r"(?:“[^“”\n]{1,40}”[、和及与]?)+")
# What after a run of quoted names makes them topics or proposals, not initiatives.
_NOT_AN_INITIATIVE = re.compile(r"(?:等)?(?:[" + g.HAN + r"]{0,2})?(?:议题|主题|提案|议案|文史资料|作用|精神)")


def _could_be_name(name: str) -> bool:
    """A person's name is unknown to jieba or tagged as a name (常务, 党组 are not)."""
    tag = jieba_tags().get(name)
    return tag is None or tag.startswith("nr")


def _last_bound(ordered: list[int], lo: int, hi: int, default: int) -> int:
    """The greatest offset of ``ordered`` (sorted) in ``[lo, hi)``, else ``default``."""
    i = bisect.bisect_left(ordered, hi) - 1
    return ordered[i] if i >= 0 and ordered[i] >= lo else default


def _full_committee(name: str) -> str:
    """提案委 → 提案委员会."""
    return name[:-1] + "委员会" if name.endswith("委") else name


class TextRules:
    """The whole-text rules; see the module docstring."""

    divisions: Divisions
    knowledge: Knowledge

    def _grammar(self, text: str, bounds: set[int], atoms: list[Candidate]) -> list[Candidate]:
        out: list[Candidate] = []
        add = out.append
        for m in g.RELATIVE_ORGAN.finditer(text):
            s = m.start()
            if s not in bounds and s > 0 and _HAN.match(text[s - 1]) and text[s - 1] not in "、和与及全本我":
                continue
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
        for m in g.finditer(g.AUTHOR_BODY, text):
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:author-body",
                          None, None, "政协" if "政协" in m.group(0) else "author", "author"))
        for m in g.finditer(_HOME_ORGAN, text):
            kind = "政协党组" if m.group(0) == "政协党组" else "工商联"
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:home-organ",
                          None, None, kind, "home"))
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
            stem = re.sub(r"(?:新区|经济技术开发区|高新技术产业开发区|开发区|高新区)$", "", name)
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

    @staticmethod
    def _organ_sessions(text: str, found: list[Candidate]) -> list[Candidate]:
        """代县县委十四届八次全会, 代县政协十五届五次会议: a session named after its body."""
        out = []
        for c in found:
            if c.type is not T.ORGANIZATION or c.kind not in g.organ_table().session_kinds:
                continue
            m = g.ORGAN_SESSION.match(text, c.end)
            if m:
                out.append(Candidate(c.start, m.end(), text[c.start:m.end()], T.EVENT, "grammar:organ-session",
                                     None, c.code, "organ-session:" + c.kind, c.level, ref=m.group(0)))
        return out

    @staticmethod
    def _anniversaries(text: str, found: list[Candidate]) -> list[Candidate]:
        """中华人民共和国成立70周年, 改革开放40周年: a named thing and its anniversary."""
        ends: dict[int, Candidate] = {}
        for c in found:
            if c.type in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA, T.INITIATIVE, T.EVENT) and c.canonical is not None \
                    or c.type in (T.ORGANIZATION, T.ADMINISTRATIVE_AREA):
                if c.end not in ends or ends[c.end].start > c.start:
                    ends[c.end] = c
        out = []
        for m in g.finditer(g.ANNIVERSARY, text):
            subject = ends.get(m.start())
            if subject is None:
                continue
            name = text[subject.start:m.end()]
            out.append(Candidate(subject.start, m.end(), name, T.EVENT, "grammar:anniversary", name))
        return out

    def _events(self, text: str, bounds: set[int], add) -> None:  # type: ignore[no-untyped-def]
        for m in g.finditer(g.CONGRESS, text):
            n = g.cn_number(m.group("n1") or m.group("n2") or "")
            if n is None or n < 10:
                continue
            if m.group("n2") and not m.group("pre") and (text[m.end():m.end() + 1] or "。") not in "精以召胜报代和及、，。；）)”和后前":
                continue  # 十大工程 counts works; 十九大精神 names the congress
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:congress", None,
                          kind="congress", ref=str(n)))
        last_congress: int | None = None
        for m in g.finditer(g.PLENUM, text):
            n = g.cn_number(m.group("n"))
            if n is None:
                continue
            last_congress = n
            members = list(re.finditer(r"[一二三四五六七八九]中", m.group("list")))
            if not m.group("tail"):
                if len(members) != 1 or not text.startswith("全会", m.end()):
                    pass
            for k, mem in enumerate(members):
                ms = m.start("list") + mem.start()
                me = m.start("list") + mem.end()
                if k == 0:
                    ms = m.start()
                if k == len(members) - 1 and m.group("tail"):
                    me = m.end()
                add(Candidate(ms, me, text[ms:me], T.EVENT, "grammar:plenum", None, kind="plenum",
                              ref=f"{n}:{g.cn_number(mem.group(0)[0])}"))
        for m in g.finditer(g.LONE_PLENUM, text):
            if last_congress is None:
                continue
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:plenum", None, kind="plenum",
                          ref=f"{last_congress}:{g.cn_number(m.group('m'))}"))
        for m in g.CENTRAL_CONFERENCE.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:central-conference", m.group(0)))
        for m in g.finditer(g.SHORT_SESSION, text):
            lead = m.group(0)[0]
            if lead in "县市省州区":
                # 市十三届人大二次会议: the home's, named in full by the resolver
                add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:session", None, kind="short-session",
                              level=lead, ref=m.group(0)[1:]))
            elif m.group(0)[0] in g.NUM:
                # 十五届五次会议: a session of the body the report speaks for (its 人大 for a government)
                add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:session", None,
                              kind="bare-session", level="author", ref=m.group(0)))
            else:
                add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:session", m.group(0), kind="session"))
        for m in g.finditer(g.GAMES, text, jump=False):
            word = re.search(r"(?:冬奥会|残奥会|奥运会|亚运会|大运会|全运会|世博会|园博会|冬运会)$", m.group(0))
            host_end = m.start() + word.start()  # type: ignore[union-attr]
            for ln in (3, 2):  # the host is a place name: 北京 of 继北京奥运会
                s = host_end - ln
                if s >= m.start() and (self.divisions.lookup(text[s:host_end]) or ln == 2 and s in bounds):
                    add(Candidate(s, m.end(), text[s:m.end()], T.EVENT, "grammar:games", text[s:m.end()]))
                    break
        for m in g.QUOTED_EVENT.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:quoted-event", m.group(0)))
        for m in g.finditer(g.ORDINAL_EVENT, text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:ordinal-event", m.group(0)))
        for m in g.HELD_EVENT.finditer(text):
            name = m.group("name")
            if re.search(r"\d|第|事迹|“", name) or re.search(r"(?:书画展|摄影展|文化节|旅游节|艺术节|博览会|论坛)$", name):
                add(Candidate(m.start("name"), m.end("name"), name, T.EVENT, "grammar:held-event", name))
        for m in g.finditer(g.CELEBRATION, text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:celebration", m.group(0)))
        # An event right after the organ that holds it: 市政协奋进新时代书画展.
        for m in re.finditer(r"(?:政协|人大|政府|县委|市委|省委)(?P<name>[" + g.HAN + r"\d]{2,14}?"
                             r"(?:主题征文|书画展|摄影展|展览|报告会|论坛|演出|晚会|大赛|运动会))", text):
            add(Candidate(m.start("name"), m.end("name"), m.group("name"), T.EVENT, "grammar:organ-event",
                          m.group("name")))

    def _documents(self, text: str, add, atoms: list[Candidate]) -> None:  # type: ignore[no-untyped-def]
        for m in g.TITLE.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.DOCUMENT, "grammar:title", m.group(0)))
        for m in g.finditer(g.PROPOSAL, text):
            s = m.start()
            # the body that numbers it: 全国政协2020年4736号提案
            pre = re.search(r"(?:全国政协|[县市省州区]政协|政协)$", text[max(0, s - 6):s])
            if pre and m.group("year"):
                s -= len(pre.group(0))
            add(Candidate(s, m.end(), text[s:m.end()], T.DOCUMENT, "grammar:proposal", None,
                          kind="proposal", ref=m.group("num") + m.group("kind")))
        # Runs of quoted names, classified by what follows them.
        for run in g.finditer(_QUOTE_RUN, text):
            after = text[run.end():run.end() + 8]
            quotes = list(g.QUOTE.finditer(run.group(0)))
            if re.match(r"(?:等|这些|这)?(?:[^的，。；、\s“”]{0,4}?)(?:提案|议案|建议案|社情民意信息)", after) \
                    and not re.match(r"(?:等)?(?:议题|主题)", after):
                for q in quotes:
                    s, e = run.start() + q.start(), run.start() + q.end()
                    add(Candidate(s, e, q.group(0), T.DOCUMENT, "grammar:quoted-proposal", q.group(0)))
            elif re.match(r"(?:关于)", text[max(0, run.start() - 2):run.start()]):
                pass

    def _initiatives(self, text: str, add) -> None:  # type: ignore[no-untyped-def]
        ideologies = self.knowledge.ideologies
        # Quoted labels of places (“双帽”县, “双帽”七县): “双帽”发展 is their development, not a plan.
        labels = {m.group(1) for m in re.finditer(
            r"“([^“”\n]{1,12})”(?:[" + g.NUM + r"\d]+个?)?[县市区乡镇村](?![" + g.HAN + r"]{0,1}(?:委|政府))", text)}
        for run in g.finditer(_QUOTE_RUN, text):
            if _NOT_AN_INITIATIVE.match(text, run.end()):
                continue
            quotes = list(g.QUOTE.finditer(run.group(0)))
            run_strong = len(quotes) > 1 and run.group(0).endswith("”") and g.STRONG_SUFFIX.match(text, run.end())
            for k, q in enumerate(quotes):
                s, e = run.start() + q.start(), run.start() + q.end()
                inner = q.group(0)[1:-1]
                if inner in ideologies:
                    continue
                if run_strong and k < len(quotes) - 1 and not re.search("[、，]", inner):
                    # “一市两区三组团”“五基地六产业七景区”发展思路: each names a part of the plan
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:quoted-slogan", q.group(0)))
                    continue
                if ("、" in inner or "，" in inner) and not (
                        k == len(quotes) - 1 and g.STRONG_SUFFIX.match(text, e)):
                    continue
                if k == len(quotes) - 1 and run.group(0).endswith("”"):
                    suf = g.INITIATIVE_SUFFIX.match(text, e)
                    if suf and suf.group(0) == "发展" and inner in labels:
                        suf = None
                    if suf and not re.match(r"[" + g.HAN + r"]", text[suf.end():suf.end() + 1] or " ") \
                            or suf and (g.STRONG_SUFFIX.fullmatch(suf.group(0)) or suf.group(0) in (
                                "产业布局", "行动", "攻坚战")):
                        add(Candidate(s, suf.end(), text[s:suf.end()], T.INITIATIVE, "grammar:quoted-initiative",
                                      text[s:suf.end()], form=None, ref=inner))
                        continue
                    mod = g.MODIFIED_INITIATIVE.match(text, e)
                    if mod:  # “三晋英才”支持计划, “百企帮百村”精准扶贫行动
                        add(Candidate(s, mod.end(), text[s:mod.end()], T.INITIATIVE, "grammar:quoted-initiative",
                                      text[s:mod.end()], form=None, ref=inner))
                        continue
                if re.fullmatch(r"十[一二三四五六七八九]五", inner):
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:five-year-plan", f"“{inner}”规划"))
                    continue
                if g.ACTION_ENDING.search(inner) and len(inner) <= 12:
                    add(Candidate(s, e, q.group(0), T.INITIATIVE, "grammar:quoted-slogan", q.group(0)))
        for m in g.VERB_INITIATIVE.finditer(text):
            name = m.group("name")
            if any(ch in name for ch in "的和与及、"):
                continue
            stem = re.sub(r"(?:战略|规划|工程|行动|攻坚战|专项行动|专项斗争|行动计划)$", "", name)
            if stem in g.GENERIC_INITIATIVE_STEMS or g.NUMBERED_STEM.match(stem) or len(stem) < 2:
                continue  # 开展专项行动, 推进重点工程, 实施十大工程: not a named programme
            add(Candidate(m.start("name"), m.end("name"), name, T.INITIATIVE, "grammar:verb-initiative", name))
        for m in g.VISION.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.INITIATIVE, "grammar:vision", m.group(0)))

    def _people(self, text: str, add) -> None:  # type: ignore[no-untyped-def]
        k = self.knowledge
        for m in g.PERSON_AFTER_TITLE.finditer(text):
            name = m.group("name")
            if (name[:1] in k.surnames or name[:2] in k.compound_surnames) and not any(
                    ch in g.NOT_IN_NAME for ch in name) and _could_be_name(name):
                add(Candidate(m.start("name"), m.end("name"), name, T.PERSON, "grammar:person-after-title", name))
        head = text[:400]
        for m in g.NAME_LINE.finditer(head):
            name = re.sub(r"[ \t　]", "", m.group("name"))
            sur = name[:2] if name[:2] in k.compound_surnames else name[:1]
            tag = jieba_tags().get(name)
            if (sur in k.surnames or sur in k.compound_surnames) and len(name) - len(sur) in (1, 2) \
                    and (tag is None or tag.startswith("nr")) and not any(ch in g.NOT_IN_NAME for ch in name):
                add(Candidate(m.start("name"), m.end("name"), m.group("name"), T.PERSON, "grammar:name-line", name))
        for m in g.SIGNATURE.finditer(text):
            name = m.group("name")  # the signature line itself says it is a name (阿拉腾宝力格 has no surname)
            if _could_be_name(name) and not any(ch in g.NOT_IN_NAME for ch in name):
                add(Candidate(m.start("name"), m.end("name"), name, T.PERSON, "grammar:signature", name))
        for m in re.finditer(g.PERSON_TITLE_AFTER, text):
            e = m.start()
            for ln in (3, 2, 4):
                s = e - ln
                if s < 0:
                    continue
                name = text[s:e]
                if any(ch in g.NOT_IN_NAME or not _HAN.match(ch) for ch in name):
                    continue
                sur = name[:2] if name[:2] in k.compound_surnames else name[:1]
                if sur not in k.surnames and sur not in k.compound_surnames:
                    continue
                if ln == 4 and sur not in k.compound_surnames:
                    continue
                if ln == 3 and s > 0 and text[s - 1:s + 1] in g.TITLE_WORDS:
                    continue  # 副主席王成: 席 ends the title, the name is 王成
                if ln == 2 and s > 0 and text[s - 1] in k.surnames and _HAN.match(text[s - 1]) \
                        and text[s - 1] not in g.NOT_IN_NAME and text[s - 2:s] not in g.TITLE_WORDS:
                    continue
                if not _could_be_name(name):
                    continue  # 常务副主席, 党组书记: a word jieba knows as something else
                if s > 0 and not jieba_tags().get(name, "").startswith("nr") \
                        and not _could_be_name(text[s - 1:s + 1]) and text[s - 1:s + 1] not in g.TITLE_WORDS:
                    continue  # 完成好总书记: 完成 is a word, so 成 starts no name
                add(Candidate(s, e, name, T.PERSON, "grammar:person-title", name))
                break
