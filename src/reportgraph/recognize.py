"""The ``reportgraph_recognize`` component: find entity mentions.

Assigns ``doc._.rg_mentions`` (a list of :class:`Candidate`, exact character offsets) and
mirrors them into ``doc.spans["reportgraph"]`` for displaCy and other spaCy tools.

Three sources, merged (rules win over the statistical model where they overlap):

1. names from shipped knowledge: administrative divisions and their short forms
   (``gazetteer``), national bodies, democratic parties, national initiatives and
   landmarks (``knowledge``), jieba's place names ending in 河, 山, 关…;
2. the naming grammar of the genre (``grammar``): place + organ, 《titles》, numbered
   proposals, quoted initiatives, party congresses and plenums, ordinal meetings, people
   beside titles;
3. ``doc.ents`` of a spaCy NER component, when the pipeline has one (``--model``).

A mention may lie inside another of a different type (代县 inside 代县政协); mentions of
one type never overlap.

>>> from reportgraph.extract import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("民进代县小组撰写的提案被省政协采用。")
>>> [(c.text, c.type.value) for c in doc._.rg_mentions]
[('民进代县小组', 'Organization'), ('代县', 'AdministrativeArea'), ('省政协', 'Organization')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from . import grammar as g
from .gazetteer import GENERIC_NAMES, Division, Divisions, jieba_tags, load_divisions
from .knowledge import Knowledge, load_knowledge
from .model import EntityType

T = EntityType


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognised mention: offsets into ``doc.text``, its type, and what the recogniser
    already knows of the entity.

    ``canonical`` is the entity's name when known; ``code`` the division code of an area
    (or of the place an organ belongs to); ``kind`` the organ or event kind (政协, 党委,
    congress…); ``level`` a level character (县, 市, 省) or ``home``/``author`` for names the
    resolver reads against the report's home place; ``form`` the name to record as an alias
    when it differs from ``text`` (an elided 省 of 省、市政协 is the form 省政协); ``ref`` any
    further key (a proposal's number, a plenum's congress); ``sent`` the index of the
    sentence the mention is in.
    """

    start: int
    end: int
    text: str
    type: EntityType
    rule: str
    canonical: str | None = None
    code: str | None = None
    kind: str | None = None
    level: str | None = None
    form: str | None = None
    ref: str | None = None
    sent: int = -1

    @property
    def alias(self) -> str:
        """The surface form this mention contributes to its entity's names."""
        return self.form or self.text


def _could_be_name(name: str) -> bool:
    """A person's name is unknown to jieba or tagged as a name (常务, 党组 are not)."""
    tag = jieba_tags().get(name)
    return tag is None or tag.startswith("nr")


def _full_committee(name: str) -> str:
    """提案委 → 提案委员会."""
    return name[:-1] + "委员会" if name.endswith("委") else name


NER_TYPES = {
    "ORG": T.ORGANIZATION, "NORP": T.ORGANIZATION, "GPE": T.ADMINISTRATIVE_AREA,
    "LOC": T.PLACE, "FAC": T.PLACE, "PERSON": T.PERSON, "PER": T.PERSON,
    "EVENT": T.EVENT, "LAW": T.DOCUMENT, "WORK_OF_ART": T.DOCUMENT,
}
_GEO_ENDINGS = "河江湖山关岭峰湾岛峡寺塔陵洞谷泉渠"
_CONTAINERS = (T.DOCUMENT, T.EVENT, T.INITIATIVE)
# Which rule wins between two mentions of one span (lower first; default 5).
_PRIORITY = {"gazetteer:division": 0, "grammar:organ-session": 1, "grammar:organ": 1, "grammar:cppcc": 1,
             "grammar:cpc": 1, "grammar:session": 6}
_FUNCTION_FIRST = set("和与及在对向为从把被将于同跟共给让")
_BEFORE_NAME = set("在和与及、的赴到至是对向从于为把将原属暨即由同跟驻来去往返经")
_ASCII_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？",
                              "「": "“", "」": "”", "『": "“", "』": "”"})


def normalize_punctuation(text: str) -> str:
    """The text with half-width punctuation made full-width and straight double quotes
    paired into “…” (same length, so offsets hold).

    >>> normalize_punctuation('实现"十一五"规划,(上接)')
    '实现“十一五”规划，（上接）'
    """
    out = text.translate(_ASCII_PUNCT)
    if '"' not in out:
        return out
    lines = []
    for line in out.split("\n"):
        parts = line.split('"')
        if len(parts) > 1:
            line = "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]
        lines.append(line)
    return "\n".join(lines)
_HAN = re.compile(f"[{g.HAN}]")


class Recognizer:
    """Gazetteer, shipped lists and naming grammar."""

    def __init__(self) -> None:
        self.divisions: Divisions = load_divisions()
        self.knowledge: Knowledge = load_knowledge()
        names: dict[str, tuple[str, object]] = {}
        for form, ds in self.divisions.by_form.items():
            # Districts of Taiwan, Hong Kong and Macao (大社区, 将军区, 树林区) are everyday words
            # far more often than places in a mainland report: only the regions themselves.
            ds = tuple(d for d in ds if d.level == 1 or d.code[:2] not in ("71", "81", "82"))
            if ds and form not in GENERIC_NAMES:
                names[form] = ("area", ds)
        tags = jieba_tags()
        for word, tag in tags.items():
            if tag == "ns" and 3 <= len(word) <= 4 and word[-1] in _GEO_ENDINGS and word not in names:
                names[word] = ("place", word)
        for form, known in self.knowledge.forms.items():
            names[form] = ("known", known)
        for form in self.knowledge.ideologies:
            names[form] = ("ideology", form)
        self.names = names
        self.lengths: dict[str, list[int]] = {}
        for form in names:
            self.lengths.setdefault(form[0], []).append(len(form))
        for k, v in self.lengths.items():
            self.lengths[k] = sorted(set(v), reverse=True)

    def segmenter_words(self) -> list[str]:
        """Names worth adding to the segmenter's dictionary (three characters or more, so
        short words keep jieba's own judgement)."""
        tags = jieba_tags()

        def everyday_start(f: str) -> bool:  # 合作市, 大社区: would cut 合作市场, 大社区建设 wrongly
            tag = tags.get(f[:2])
            return tag is not None and not tag.startswith(("ns", "nr", "nz"))

        return [f for f, (what, _) in self.names.items()
                if len(f) >= 3 and what in ("area", "known") and not (what == "area" and everyday_start(f))]

    # -- scanning -------------------------------------------------------------------
    def _scan(self, text: str, bounds: set[int]) -> list[tuple[int, int, str, object]]:
        out = []
        i, n = 0, len(text)
        while i < n:
            lens = self.lengths.get(text[i])
            hit = None
            if lens:
                for ln in lens:
                    form = text[i:i + ln]
                    entry = self.names.get(form)
                    if entry is None:
                        continue
                    what, _ = entry
                    if ln <= 2 and not (i in bounds and (i + ln in bounds or what == "area"
                                                         and g.ORGAN_AFTER.match(text, i + ln))):
                        continue  # 代县 of 代|县政协 still names 代县政协
                    if what == "place" and not (i in bounds and i + ln in bounds):
                        continue
                    if what == "area" and i + ln not in bounds and not g.ORGAN_AFTER.match(text, i + ln):
                        continue  # 合作市 of 合作市场, 振兴区 of 振兴区域
                    if what == "known" and entry[1].type is T.ORGANIZATION \
                            and i + ln not in bounds and _HAN.match(text[i + ln:i + ln + 1]):  # type: ignore[union-attr]
                        continue  # 文化部 of 文化部门, 公安部 of 公安部门
                    hit = (i, i + ln, *entry)
                    break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def __call__(self, doc: Doc) -> Doc:
        orig = doc.text
        text = normalize_punctuation(orig)
        bounds = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
        report = doc._.rg_report
        found: list[Candidate] = []
        hits = self._scan(text, bounds)
        # Context for ambiguous place names: the unambiguous ones, their parents, the home.
        context: Counter[str] = Counter()
        for _s, _e, what, val in hits:
            if what == "area" and len(val) == 1:  # type: ignore[arg-type]
                d: Division = val[0]  # type: ignore[index]
                context.update([d.code, *(a.code for a in self.divisions.ancestors(d.code))])
        home_codes: set[str] = set()
        if report is not None and report.home:
            for d in self.divisions.lookup(report.home)[:1]:
                context.update([d.code, *(a.code for a in self.divisions.ancestors(d.code))] * 5)
                home_codes.add(d.code)
        blocked: list[tuple[int, int]] = []
        weak: list[tuple[int, int, Division]] = []
        strong: set[str] = set(home_codes)
        for s, e, what, val in hits:
            form = text[s:e]
            if what == "area":
                d = self.divisions.choose(form, context)
                assert d is not None
                organs = self._organs_around(text, s, e, d)
                if len(form) == 2 and form[0] in _FUNCTION_FIRST and form[1] in "县市区旗" \
                        and not self._after_parent(text, s, d):
                    if not g.ORGAN_AFTER.match(text, e):  # 和县 of 省、市和县委: the 县委
                        weak.append((s, e, d))  # only if named clearly elsewhere
                    continue
                if len(form) <= 2 and d.level >= 2 and not organs and not self._clear_place(text, s, e, d):
                    weak.append((s, e, d))  # 兴县 in 旅居兴县: only if named clearly elsewhere
                    continue
                strong.add(d.code)
                found.append(Candidate(s, e, form, T.ADMINISTRATIVE_AREA, "gazetteer:division",
                                       d.name, d.code))
                found.extend(organs)
            elif what == "place":
                found.append(self._place(text, s, e, form, "gazetteer:jieba-place"))
            elif what == "known":
                known = val
                if known.type is T.PLACE:  # type: ignore[union-attr]
                    found.append(self._place(text, s, e, known.canonical, "knowledge:place"))  # type: ignore[union-attr]
                    continue
                rule = f"knowledge:{known.kind}"  # type: ignore[union-attr]
                if known.kind == "party":  # type: ignore[union-attr]
                    unit = self._party_unit(text, s, e, known.canonical)  # type: ignore[union-attr]
                    if unit:
                        found.append(unit)
                        continue
                if form == "中国" and text[e:e + 1] in "特共人式网梦籍队":
                    continue
                found.append(Candidate(s, e, form, known.type, rule, known.canonical))  # type: ignore[union-attr]
            elif what == "ideology":
                blocked.append((s, e))
        for s, e, d in weak:
            if d.code in strong:
                found.append(Candidate(s, e, text[s:e], T.ADMINISTRATIVE_AREA, "gazetteer:division", d.name, d.code))
        found.extend(self._grammar(text, bounds, found))
        found.extend(self._anniversaries(text, found))
        found.extend(self._organ_sessions(text, found))
        if doc.ents:
            found.extend(self._from_ner(doc))
        found = self._select(found, blocked)
        found = [self._original(c, orig) for c in found]
        found = self._with_sentences(doc, found)
        doc._.rg_mentions = found
        spans = [doc.char_span(c.start, c.end, label=c.type.value, alignment_mode="expand") for c in found]
        doc.spans["reportgraph"] = [s for s in spans if s is not None]
        return doc

    @staticmethod
    def _original(c: Candidate, orig: str) -> Candidate:
        """The mention as written (the canonical name keeps normalised punctuation)."""
        written = orig[c.start:c.end]
        return c if written == c.text else replace(c, text=written)

    def _clear_place(self, text: str, s: int, e: int, d: Division) -> bool:
        """Whether a short place name stands clearly as a name here: after a boundary or a
        function word, or right after the name of its parent (安徽省寿县)."""
        if s == 0 or not _HAN.match(text[s - 1]) or text[s - 1] in _BEFORE_NAME:
            return True
        return self._after_parent(text, s, d)

    def _after_parent(self, text: str, s: int, d: Division) -> bool:
        """Whether the name at ``s`` follows the name of its parent (安徽省和县)."""
        for a in self.divisions.ancestors(d.code):
            for form in (a.name, *a.short_forms):
                if text.endswith(form, 0, s):
                    return True
        return False

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
        m = g.CPPCC_PREFIX.search(before)
        if m:
            a = g.CPPCC_AFTER.match(text, e)
            if a:
                start = s - (len(before) - m.start())
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
            if a and (a.group(0) in ("委员会", "委") and (a.group(0) != "委" or d.name.endswith(d.organ_char))
                      or a.group(0)[0] == d.organ_char):
                start = s - (len(before) - m.start())
                return [Candidate(start, a.end(), text[start:a.end()], T.ORGANIZATION, "grammar:cpc",
                                  None, d.code, "党委")]
        m = g.PARTY_PREFIX.search(before)
        if m:
            a = g.PARTY_UNIT_AFTER.match(text, e)
            if a:
                start = s - (len(before) - m.start())
                return [Candidate(start, a.end(), text[start:a.end()], T.ORGANIZATION, "grammar:party-unit",
                                  text[start:a.end()], d.code, "party-unit")]
        sess = g.PEOPLES_CONGRESS_SESSION.match(text, e)
        if sess:
            return [Candidate(s, sess.end(), text[s:sess.end()], T.EVENT, "grammar:session", None, d.code, "session")]
        term = g.PEOPLES_CONGRESS_TERM.match(text, e)
        if term:
            return [Candidate(s, term.end(), text[s:term.end()], T.EVENT, "grammar:session", None, d.code, "term")]
        a = g.ORGAN_AFTER.match(text, e)
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

    # -- grammar over the whole text ------------------------------------------------------
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
        for m in g.AUTHOR_BODY.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:author-body",
                          None, None, "政协" if "政协" in m.group(0) else "author", "author"))
        for m in re.finditer(r"(?<![县市省州区全国])政协党组|(?<![县市省州区])(?<!全国)工商联", text):
            kind = "政协党组" if m.group(0) == "政协党组" else "工商联"
            add(Candidate(m.start(), m.end(), m.group(0), T.ORGANIZATION, "grammar:home-organ",
                          None, None, kind, "home"))
        for m in g.HOME_AREA.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.ADMINISTRATIVE_AREA, "grammar:home-area",
                          None, None, "area", m.group("level")))
        self._events(text, add)
        self._documents(text, add, atoms)
        self._initiatives(text, add)
        self._people(text, add)
        tags = jieba_tags()
        for m in g.TOWN.finditer(text):
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
        for m in g.TOWN_RUN.finditer(text):
            members = list(re.finditer(r"[" + g.HAN + r"]{2,3}(?:镇|乡|街道)", m.group(0)))
            known = [mm for mm in members if m.start() + mm.start() in towns
                     or m.start() + mm.end() - 3 in towns or m.start() + mm.end() - 4 in towns]
            if not known:
                continue
            for mm in members[1:]:  # after 、 the whole member is the name
                s, e = m.start() + mm.start(), m.start() + mm.end()
                if not any(t.end == e for t in towns.values()):
                    add(Candidate(s, e, mm.group(0), T.ADMINISTRATIVE_AREA, "grammar:town", mm.group(0)))
            first = members[0]
            e = m.start() + first.end()
            if not any(t.end == e for t in towns.values()):
                s = max((b for b in bounds if m.start() <= b < e - 2), default=m.start())
                add(Candidate(s, e, text[s:e], T.ADMINISTRATIVE_AREA, "grammar:town", text[s:e]))
        for m in g.SITE.finditer(text):
            # the name is the last word before 景区/流域 (two if that word is 山 or 河 alone)
            e = m.start("tail")
            s = max((b for b in bounds if m.start() <= b < e), default=m.start())
            if e - s == 1:
                s = max((b for b in bounds if m.start() <= b < s), default=s)
            name = text[s:e]
            if len(name) < 2 or tags.get(name, "ns") not in ("ns", "nr", "nz"):
                continue
            add(Candidate(s, m.end(), text[s:m.end()], T.PLACE, "grammar:site", name))
        for m in g.HERITAGE.finditer(text):
            e = m.start("tail")
            s = max((b for b in bounds if m.start() <= b < e - 1), default=m.start())
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
        for m in g.NEW_DISTRICT.finditer(text):
            name = m.group("name")
            stem = re.sub(r"(?:新区|经济技术开发区|高新技术产业开发区|开发区|高新区)$", "", name)
            start = m.start()
            if len(stem) >= 4 and jieba_tags().get(stem[:2], "").startswith("v"):
                stem, name, start = stem[2:], name[2:], start + 2  # 对接雄安新区
            if stem in g.GENERIC_DISTRICT_STEMS or stem[0] in "各全本我该":
                continue
            if any(a.type is T.ADMINISTRATIVE_AREA and a.end == m.end() and a.start <= start for a in atoms):
                continue
            add(Candidate(start, m.end(), name, T.ADMINISTRATIVE_AREA, "grammar:new-district", name))
        out.extend(self._area_enumerations(text, atoms))
        for m in g.JOINT_BODY.finditer(text):
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
            if c.type is not T.ORGANIZATION or c.kind not in ("党委", "政协", "人大"):
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
        for m in g.ANNIVERSARY.finditer(text):
            subject = ends.get(m.start())
            if subject is None:
                continue
            name = text[subject.start:m.end()]
            out.append(Candidate(subject.start, m.end(), name, T.EVENT, "grammar:anniversary", name))
        return out

    def _events(self, text: str, add) -> None:  # type: ignore[no-untyped-def]
        for m in g.CONGRESS.finditer(text):
            n = g.cn_number(m.group("n1") or m.group("n2") or "")
            if n is None or n < 10:
                continue
            if m.group("n2") and not m.group("pre") and (text[m.end():m.end() + 1] or "。") not in "精以召胜报代和及、，。；）)”和后前":
                continue  # 十大工程 counts works; 十九大精神 names the congress
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:congress", None,
                          kind="congress", ref=str(n)))
        last_congress: int | None = None
        for m in g.PLENUM.finditer(text):
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
        for m in g.LONE_PLENUM.finditer(text):
            if last_congress is None:
                continue
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:plenum", None, kind="plenum",
                          ref=f"{last_congress}:{g.cn_number(m.group('m'))}"))
        for m in g.CENTRAL_CONFERENCE.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:central-conference", m.group(0)))
        for m in g.SHORT_SESSION.finditer(text):
            lead = m.group(0)[0]
            if lead in "县市省州区":
                # 市十三届人大二次会议: the home's, named in full by the resolver
                add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:session", None, kind="short-session",
                              level=lead, ref=m.group(0)[1:]))
            else:
                add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:session", m.group(0), kind="session"))
        for m in g.GAMES.finditer(text):
            word = re.search(r"(?:冬奥会|残奥会|奥运会|亚运会|大运会|全运会|世博会|园博会|冬运会)$", m.group(0))
            host_end = m.start() + word.start()  # type: ignore[union-attr]
            for ln in (3, 2):  # the host is a place name: 北京 of 继北京奥运会
                s = host_end - ln
                if s >= m.start() and (self.divisions.lookup(text[s:host_end]) or ln == 2 and s in bounds):
                    add(Candidate(s, m.end(), text[s:m.end()], T.EVENT, "grammar:games", text[s:m.end()]))
                    break
        for rx, rule in ((g.QUOTED_EVENT, "grammar:quoted-event"), (g.ORDINAL_EVENT, "grammar:ordinal-event")):
            for m in rx.finditer(text):
                add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, rule, m.group(0)))
        for m in g.HELD_EVENT.finditer(text):
            name = m.group("name")
            if re.search(r"\d|第|事迹|“", name) or re.search(r"(?:书画展|摄影展|文化节|旅游节|艺术节|博览会|论坛)$", name):
                add(Candidate(m.start("name"), m.end("name"), name, T.EVENT, "grammar:held-event", name))
        for m in g.CELEBRATION.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.EVENT, "grammar:celebration", m.group(0)))
        # An event right after the organ that holds it: 市政协奋进新时代书画展.
        for m in re.finditer(r"(?:政协|人大|政府|县委|市委|省委)(?P<name>[" + g.HAN + r"\d]{2,14}?"
                             r"(?:主题征文|书画展|摄影展|展览|报告会|论坛|演出|晚会|大赛|运动会))", text):
            add(Candidate(m.start("name"), m.end("name"), m.group("name"), T.EVENT, "grammar:organ-event",
                          m.group("name")))

    def _documents(self, text: str, add, atoms: list[Candidate]) -> None:  # type: ignore[no-untyped-def]
        for m in g.TITLE.finditer(text):
            add(Candidate(m.start(), m.end(), m.group(0), T.DOCUMENT, "grammar:title", m.group(0)))
        for m in g.PROPOSAL.finditer(text):
            s = m.start()
            # the body that numbers it: 全国政协2020年4736号提案
            pre = re.search(r"(?:全国政协|[县市省州区]政协|政协)$", text[max(0, s - 6):s])
            if pre and m.group("year"):
                s -= len(pre.group(0))
            add(Candidate(s, m.end(), text[s:m.end()], T.DOCUMENT, "grammar:proposal", None,
                          kind="proposal", ref=m.group("num") + m.group("kind")))
        # Runs of quoted names, classified by what follows them.
        for run in re.finditer(r"(?:“[^“”\n]{1,40}”[、和及与]?)+", text):
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
        for run in re.finditer(r"(?:“[^“”\n]{1,40}”[、和及与]?)+", text):
            after = text[run.end():]
            if re.match(r"(?:等)?(?:[" + g.HAN + r"]{0,2})?(?:议题|主题|提案|议案|文史资料|作用|精神)", after):
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

    def _from_ner(self, doc: Doc) -> list[Candidate]:
        out = []
        for ent in doc.ents:
            etype = NER_TYPES.get(ent.label_)
            if etype is None or len(ent.text.strip()) < 2:
                continue
            out.append(Candidate(ent.start_char, ent.end_char, ent.text, etype, f"ner:{ent.label_}", ent.text))
        return out

    # -- selection ---------------------------------------------------------------------
    @staticmethod
    def _select(found: Iterable[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
        """Keep the longest mention where mentions of one type overlap (rules before NER); a
        mention inside one of another type stays; partial overlaps go to the longer one."""
        def inside(c: Candidate, s: int, e: int) -> bool:
            return s <= c.start and c.end <= e

        cands = [c for c in found if c.end > c.start and not any(inside(c, s, e) for s, e in blocked)]
        order = sorted(cands, key=lambda c: (c.rule.startswith("ner:"), -(c.end - c.start),
                                             _PRIORITY.get(c.rule, 5), c.start))
        kept: list[Candidate] = []
        for c in order:
            ok = True
            for k in kept:
                if c.end <= k.start or k.end <= c.start:
                    continue
                if inside(c, k.start, k.end) and c.type is not k.type and not c.rule.startswith("ner:"):
                    if c.start == k.start and c.end == k.end and "enumeration" not in c.rule + k.rule:
                        ok = False
                        break
                    continue
                ok = False
                break
            if ok:
                kept.append(c)
        kept.sort(key=lambda c: (c.start, -c.end))
        return kept

    @staticmethod
    def _with_sentences(doc: Doc, found: list[Candidate]) -> list[Candidate]:
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        out = []
        j = 0
        for c in found:
            while j + 1 < len(starts) and starts[j + 1] <= c.start:
                j += 1
            out.append(replace(c, sent=j))
        return out


@Language.factory(
    "reportgraph_recognize",
    assigns=["doc._.rg_mentions", "doc.spans"],
    requires=["token.is_sent_start"],
)
def make_recognizer(nlp: Language, name: str) -> Recognizer:
    """spaCy factory for :class:`Recognizer`. Adds the longer gazetteer names to jieba's
    dictionary so token boundaries line up with them."""
    rec = Recognizer()
    seg = getattr(nlp.tokenizer, "jieba_seg", None)
    if seg is not None and hasattr(seg, "add_word"):
        for word in rec.segmenter_words():
            seg.add_word(word, freq=2000)
    return rec
