"""Names around a place the gazetteer found: the organs named with it (政协代县委员会, 中共代县县委,
代县人民政府, 民进代县小组), its sessions, stretches of sites named after it (长城代县段), and
whether a short place name stands clearly as a name.

:class:`AroundPlace` is mixed into :class:`reportgraph.nlp.recognize.component.Recognizer`,
which supplies ``divisions`` (the gazetteer).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportgraph.genre import grammar as g
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.recognize.chars import _BEFORE_NAME, _HAN

if TYPE_CHECKING:
    from reportgraph.knowledge.gazetteer import Division, Divisions

T = EntityType


class AroundPlace:
    """The names around a gazetteer hit; see the module docstring."""

    divisions: Divisions

    def _clear_place(self, text: str, s: int, e: int, d: Division) -> bool:
        """Whether a short place name stands clearly as a name here: after a boundary or a
        function word, or right after the name of its parent (安徽省寿县)."""
        if s == 0 or not _HAN.match(text[s - 1]) or text[s - 1] in _BEFORE_NAME:
            return True
        return self._after_parent(text, s, d)

    def _after_parent(self, text: str, s: int, d: Division) -> bool:
        """Whether the name at ``s`` follows the name of its parent (安徽省和县)."""
        return self._parent_start(text, s, d) < s

    def _parent_start(self, text: str, s: int, d: Division) -> int:
        """Where the names of the place's parents written right before ``s`` begin
        (某某省某某市|某某县: the province's start), else ``s``."""
        ancestors = self.divisions.ancestors(d.code)
        moved = True
        while moved:
            moved = False
            for a in ancestors:
                form = next((f for f in (a.name, *a.short_forms) if len(f) >= 2 and text.endswith(f, 0, s)), None)
                if form:
                    s -= len(form)
                    moved = True
                    break
        return s

    # -- names around a place ---------------------------------------------------------
    def _place(self, text: str, s: int, e: int, canonical: str, rule: str) -> Candidate:
        # a stretch of a long site named after a place: 长城代县段, 黄河山西段
        seg = re.match(r"([" + g.HAN + r"]{2,8}?)段", text[e:e + 10])
        if seg and self.divisions.lookup(seg.group(1)):
            e2 = e + seg.end()
            return Candidate(s, e2, text[s:e2], T.PLACE, rule, text[s:e2])
        m = re.match(r"流域|景区|风景区|风景名胜区|沿线|一带", text[e:])
        if m:
            e2 = e + m.end()
            return Candidate(s, e2, text[s:e2], T.PLACE, rule, canonical)
        return Candidate(s, e, text[s:e], T.PLACE, rule, canonical)

    def _organs_around(self, text: str, s: int, e: int, d: Division) -> list[Candidate]:
        """Organs named with this place: 政协代县委员会, 中共代县县委, 代县人民政府…"""
        out: list[Candidate] = []
        before = text[max(0, s - 20):s]
        pe = s  # where the prefix must end
        if not (g.CPPCC_PREFIX.search(before) or g.CPC_PREFIX.search(before) or g.PARTY_PREFIX.search(before)):
            p = self._parent_start(text, s, d)  # 政协某某省某某市委员会: the parents between
            if p < s and (g.CPPCC_PREFIX.search(text, max(0, p - 20), p) or g.CPC_PREFIX.search(text, max(0, p - 20), p)
                          or g.PARTY_PREFIX.search(text, max(0, p - 20), p)):
                before, pe = text[max(0, p - 20):p], p
        m = g.CPPCC_PREFIX.search(before)
        if m:
            a = g.CPPCC_AFTER.match(text, e)
            if a:
                start = pe - (len(before) - m.start())
                if a.group("session"):
                    out.append(Candidate(start, a.end(), text[start:a.end()], T.EVENT, "grammar:session",
                                         None, d.code, "session"))
                    end = a.start("session")
                else:
                    end = a.end()
                out.append(Candidate(start, end, text[start:end], T.ORGANIZATION, "grammar:cppcc",
                                     None, d.code, "政协"))
                return out
        m = g.CPC_PREFIX.search(before)
        if m:
            a = g.CPC_AFTER.match(text, e)
            if a and (a.group(0) in ("委员会", "委", "党委") and (a.group(0) != "委" or d.name.endswith(d.organ_char))
                      or a.group(0)[0] == d.organ_char):
                start = pe - (len(before) - m.start())
                return [Candidate(start, a.end(), text[start:a.end()], T.ORGANIZATION, "grammar:cpc",
                                  None, d.code, "党委")]
        m = g.PARTY_PREFIX.search(before)
        if m:
            a = g.PARTY_UNIT_AFTER.match(text, e)
            if a:
                start = pe - (len(before) - m.start())
                return [Candidate(start, a.end(), text[start:a.end()], T.ORGANIZATION, "grammar:party-unit",
                                  text[start:a.end()], d.code, "party-unit")]
        sess = g.PEOPLES_CONGRESS_SESSION.match(text, e)
        if sess:
            return [Candidate(s, sess.end(), text[s:sess.end()], T.EVENT, "grammar:session", None, d.code, "session")]
        standing = g.PEOPLES_CONGRESS_STANDING.match(text, e)
        if standing:  # 某某市第十七届人民代表大会常务委员会: the body of that term
            return [Candidate(s, standing.end(), text[s:standing.end()], T.ORGANIZATION, "grammar:organ",
                              None, d.code, "人大")]
        term = g.PEOPLES_CONGRESS_TERM.match(text, e)
        if term:
            return [Candidate(s, term.end(), text[s:term.end()], T.EVENT, "grammar:session", None, d.code, "term")]
        a = g.organ_table().after.match(text, e)
        if a:
            kind = a.lastgroup or ""
            organ = a.group(0)
            if kind == "党委":
                if organ == "委":
                    if not (d.organ_char and text[s:e].endswith(d.organ_char)) or len(text[s:e]) < 3:
                        return out
                elif organ[0] != d.organ_char:
                    return out
            if kind == "dept":
                kind = organ
            end = a.end()
            if kind in ("政协",):
                sess2 = re.compile(r"第[" + g.NUM + r"]+届(?:委员会)?第[" + g.NUM + r"]+次(?:全体)?会议").match(text, end)
                if sess2:
                    out.append(Candidate(s, sess2.end(), text[s:sess2.end()], T.EVENT, "grammar:session",
                                         None, d.code, "session"))
            out.append(Candidate(s, end, text[s:end], T.ORGANIZATION, f"grammar:organ", None, d.code, kind))
        return out

    def _party_unit(self, text: str, s: int, e: int, party: str) -> Candidate | None:
        """民进县委会, 民盟支部: a party unit named with a level character."""
        m = re.compile(r"([县市省州区])(委员会|委会|总支|支部|小组|工委)").match(text, e)
        if m:
            return Candidate(s, m.end(), text[s:m.end()], T.ORGANIZATION, "grammar:party-unit",
                             None, None, "party-unit:" + m.group(2), m.group(1))
        return None
