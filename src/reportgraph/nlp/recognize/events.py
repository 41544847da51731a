"""Rules that find events over the whole text: party congresses and plenums, sessions named
by numbers or after their body, central work conferences, conferences of a whole area on one
line of work (全州政协文史工作会议), games named after their host,
quoted, ordinal and held events, celebrations and anniversaries.

:class:`EventRules` is mixed into :class:`reportgraph.nlp.recognize.rules.TextRules`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportgraph.genre import grammar as g
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

if TYPE_CHECKING:
    from reportgraph.knowledge.gazetteer import Divisions

T = EntityType


# A year said to be an anniversary (2018年是…周年; 2024年，是…周年; 今年恰逢…周年).
_YEAR_IS = re.compile(r"(?:^|年)(?:是|为|正值|恰逢|适逢)")

class EventRules:
    """The event rules; see the module docstring."""

    divisions: Divisions

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
            clause = re.split(r"[，。；：\n]", text[max(0, subject.start - 30):subject.start])[-1]
            if _YEAR_IS.search(clause) and not re.search("庆祝|纪念", clause):
                continue  # 2018年是改革开放40周年: what the year is, no event held
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
            if text.startswith(("常务委员会", "常委会"), m.end()):
                continue  # 第十七届人民代表大会常务委员会: the congress's standing committee, a body
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:ordinal-event", m.group(0)))
        for m in g.HELD_EVENT.finditer(text):
            name = m.group("name")
            if re.search(r"\d|第|事迹|“", name) or re.search(r"(?:书画展|摄影展|文化节|旅游节|艺术节|博览会|论坛)$", name):
                add(Candidate(m.start("name"), m.end("name"), name, T.EVENT, "grammar:held-event", name))
        for m in g.STUDY_MEETING.finditer(text):
            add(Candidate(m.start("name"), m.end("name"), m.group("name"), T.EVENT, "grammar:study-meeting",
                          m.group("name")))
        for m in g.SCOPE_CONFERENCE.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:scope-conference", m.group(0)))
        for m in g.finditer(g.CELEBRATION, text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:celebration", m.group(0)))
        # An event right after the organ that holds it: 市政协奋进新时代书画展.
        for m in re.finditer(r"(?:政协|人大|政府|县委|市委|省委)(?P<name>[" + g.HAN + r"\d]{2,14}?"
                             r"(?:主题征文|书画展|摄影展|展览|报告会|论坛|演出|晚会|大赛|运动会))", text):
            add(Candidate(m.start("name"), m.end("name"), m.group("name"), T.EVENT, "grammar:organ-event",
                          m.group("name")))
