"""The ``reportgraph_recognize`` component: find entity mentions.

Assigns ``doc._.rg_mentions`` (a list of :class:`Candidate`, exact character offsets) and
mirrors them into ``doc.spans["reportgraph"]`` for displaCy and other spaCy tools.

Three sources, merged (rules win over the statistical model where they overlap):

1. names from shipped knowledge: administrative divisions and their short forms
   (``gazetteer``), national bodies, democratic parties, national initiatives and
   landmarks (``knowledge``), jieba's place names ending in 河, 山, 关…;
2. the naming grammar of the genre (patterns in ``grammar``): names around a place found
   here (place + organ: 政协代县委员会, 中共代县县委, 民进代县小组), and rules over the whole
   text in ``rules`` (县政协, 省、市政协, 《titles》, numbered and quoted proposals, quoted
   initiatives, party congresses and plenums, sessions, ordinal meetings, people beside
   titles, towns);
3. ``doc.ents`` of a spaCy NER component, when the pipeline has one (``--model``).

Matching runs on the text with half-width punctuation and straight quotes normalised
(same length); mentions keep the text as written. A mention may lie inside another of a
different type (代县 inside 代县政协); mentions of one type never overlap. Each mention
carries the index of its sentence (``Candidate.sent``).

>>> from reportgraph.extract import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("民进代县小组撰写的提案被省政协采用。")
>>> [(c.text, c.type.value) for c in doc._.rg_mentions]
[('民进代县小组', 'Organization'), ('代县', 'AdministrativeArea'), ('省政协', 'Organization')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from reportgraph.genre import grammar as g
from reportgraph.genre.organs import DEFAULT_TABLES, OrganTable, load_organ_table, using_organ_table
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.doc_offsets import doc_text, token_bounds
from reportgraph.knowledge.gazetteer import GENERIC_NAMES, Division, Divisions, jieba_tags, load_divisions
from reportgraph.knowledge.lists import Knowledge, load_knowledge
from reportgraph.model import EntityType
from reportgraph.nlp.recognize.around import AroundPlace
from reportgraph.genre.grammar import HAN as _HAN_CLASS
from reportgraph.nlp.recognize.person_names import find_people
from reportgraph.nlp.recognize.goals import find_coordinated, find_goals, find_named_bodies
from reportgraph.nlp.recognize.joint import find_joint_bodies
from reportgraph.nlp.recognize.name_index import NameIndex
from reportgraph.nlp.recognize.phrases import find_phrases, province_abbreviation_run
from reportgraph.nlp.recognize.rules import TextRules
from reportgraph.nlp.recognize.select import select, with_sentences
from reportgraph.nlp.recognize.statistical import StatisticalCandidates

__all__ = ["Candidate", "Recognizer", "make_recognizer", "normalize_punctuation"]

T = EntityType


NER_TYPES = {
    "ORG": T.ORGANIZATION, "NORP": T.ORGANIZATION, "GPE": T.ADMINISTRATIVE_AREA,
    "LOC": T.PLACE, "FAC": T.PLACE, "PERSON": T.PERSON, "PER": T.PERSON,
    "EVENT": T.EVENT, "LAW": T.DOCUMENT, "WORK_OF_ART": T.DOCUMENT,
}
_GEO_ENDINGS = "河江湖山关岭峰湾岛峡寺塔陵洞谷泉渠"
_CONTAINERS = (T.DOCUMENT, T.EVENT, T.INITIATIVE)
_PARTY_MEMBERS = ("组织", "党员", "盟员", "会员", "社员", "成员")
_FUNCTION_FIRST = set("和与及在对向为从把被将于同跟共给让")
# Half-width marks and corner quotes → full-width marks and “”; no mark is replaced by one of
# the marks replaced, so one str.replace each (a fast scan) is str.translate's result.
_TO_FULL_WIDTH = ((",", "，"), (";", "；"), (":", "："), ("(", "（"), (")", "）"), ("!", "！"), ("?", "？"),
                  ("「", "“"), ("」", "”"), ("『", "“"), ("』", "”"))


# an enumeration of short names closed by a level word: 甲山、乙水、丙江等县(市), 甲、乙两市
_STEM_RUN = re.compile(
    r"(?P<run>[" + _HAN_CLASS + r"]{2,6}、(?:[" + _HAN_CLASS + r"]{2,3}、)*[" + _HAN_CLASS + r"]{2,3}?)"
    r"(?P<level>等?(?:[两二三四五六七八九十\d]+个?)?(?:县[（(]市、?区?[）)]|县[（(]市[）)]|县市区|县市|县区|市县|县|市|区|旗))"
    r"(?![" + _HAN_CLASS + r"]{0,1}(?:长|委|政府|政协|人大|级))")


_CONGRESS_IN_SESSION = re.compile(r"[" + _HAN_CLASS + r"]{2,12}?第[一二三四五六七八九十\d]+届人民代表大会(?=第)")


def normalize_punctuation(text: str) -> str:
    """The text with half-width punctuation made full-width and straight double quotes
    paired into “…” (same length, so offsets hold).

    >>> normalize_punctuation('实现"十一五"规划,(上接)')
    '实现“十一五”规划，（上接）'
    """
    out = text
    for mark, full in _TO_FULL_WIDTH:
        if mark in out:
            out = out.replace(mark, full)
    if '"' not in out:
        return out
    lines = []
    for line in out.split("\n"):
        parts = line.split('"')
        if len(parts) > 1:
            line = "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]
        lines.append(line)
    return "\n".join(lines)


class Recognizer(TextRules, AroundPlace, StatisticalCandidates):
    """Gazetteer, shipped lists and naming grammar."""

    def __init__(self, *, organs: OrganTable | None = None) -> None:
        self.organs = organs  # the organ kinds of the pipeline's settings (None: the shipped ones)
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
        self._index = NameIndex(names)

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
        return self._index.scan(text, bounds, g.organ_table().after)

    def __call__(self, doc: Doc) -> Doc:
        with using_organ_table(self.organs):
            return self._recognize(doc)

    def _recognize(self, doc: Doc) -> Doc:
        orig = doc_text(doc)
        text = normalize_punctuation(orig)
        bounds = token_bounds(doc)
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
                    if not g.organ_table().after.match(text, e):  # 和县 of 省、市和县委: the 县委
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
                    if text.startswith(_PARTY_MEMBERS, e):
                        continue  # 民革组织, 民盟盟员: the party's units or members, not the party
                if form == "中国" and text[e:e + 1] in "特共人式网梦籍队":
                    continue
                if form == "中共" and (g.CONGRESS.match(text, s) or g.PLENUM.match(text, s)):
                    continue  # 中共十九大: the congress's name, not the party named by itself
                if known.type is T.DOCUMENT and text.startswith("修正案", e):  # type: ignore[union-attr]
                    found.append(Candidate(s, e + 3, text[s:e + 3], T.DOCUMENT, rule, text[s:e + 3]))
                    continue  # 宪法修正案: the amendment, a document of its own
                found.append(Candidate(s, e, form, known.type, rule, known.canonical))  # type: ignore[union-attr]
            elif what == "ideology":
                blocked.append((s, e))
        for s, e, d in weak:
            if d.code in strong:
                found.append(Candidate(s, e, text[s:e], T.ADMINISTRATIVE_AREA, "gazetteer:division", d.name, d.code))
        found.extend(self._stem_enumerations(text, context))
        found.extend(self._grammar(text, bounds, found))
        found.extend(find_people(text, self.knowledge, self.divisions))
        found.extend(find_phrases(text, found, self.knowledge, self.divisions))
        found.extend(find_goals(text, found) + find_named_bodies(text, found))
        found.extend(find_coordinated(text, found))
        found.extend(find_joint_bodies(text, found, province_abbreviation_run,
                                       self._area_of))
        found.extend(self._anniversaries(text, found))
        found.extend(self._organ_sessions(text, found))
        found.extend(self._congresses_of_sessions(text, found))
        words = doc._.rg_statistical if Doc.has_extension("rg_statistical") else None
        if words:
            found.extend(self._from_statistical(text, words, context, bounds))
        if doc.ents:
            found.extend(self._from_ner(doc))
        found.extend(self._people_again(text, found, bounds))
        found = self._select(found, blocked)
        found = [self._original(c, orig) for c in found]
        found = self._with_sentences(doc, found)
        doc._.rg_mentions = found
        spans = [doc.char_span(c.start, c.end, label=c.type.value, alignment_mode="expand") for c in found]
        doc.spans["reportgraph"] = [s for s in spans if s is not None]
        return doc

    def _congresses_of_sessions(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """某某县第十八届人民代表大会 of its 第五次会议: the people's congress, a body of its own
        (某某县人大) named inside the session's name."""
        out = []
        for c in found:
            if c.type is not T.EVENT or not c.code or c.code not in self.divisions.by_code:
                continue
            m = _CONGRESS_IN_SESSION.match(text, c.start, c.end)
            if m:
                name = self.divisions.by_code[c.code].name + "人大"
                out.append(Candidate(c.start, m.end(), m.group(0), T.ORGANIZATION, "grammar:congress-of-session",
                                     name, c.code))
        return out

    @staticmethod
    def _people_again(text: str, found: list[Candidate], bounds: set[int]) -> list[Candidate]:
        """A person named once beside a post (主席王某某) is that person wherever the name
        recurs (王某某指出): three characters or more, or two between token bounds."""
        names = {c.text: c for c in found if c.type is T.PERSON and c.canonical and len(c.text) >= 2
                 and not c.rule.startswith("ner:")}
        if not names:
            return []
        seen = {(c.start, c.end) for c in found if c.type is T.PERSON and not c.rule.startswith("ner:")}
        out = []
        for m in re.finditer("|".join(map(re.escape, sorted(names, key=len, reverse=True))), text):
            s, e = m.span()
            if (s, e) in seen or len(m.group(0)) == 2 and not (s in bounds and e in bounds):
                continue
            c = names[m.group(0)]
            out.append(Candidate(s, e, m.group(0), T.PERSON, "grammar:person-again", c.canonical))
        return out

    def _stem_enumerations(self, text: str, context: Counter[str]) -> list[Candidate]:
        """甲山、乙水、丙江等县(市): the short names of an enumeration its level word closes
        (等县, 等县(市), 等10县市, 两市) are the divisions of that level (甲山县…), each
        when the gazetteer has one by that name."""
        out = []
        for m in _STEM_RUN.finditer(text):
            levels = re.sub(r"[^县市区旗州]", "", m.group("level"))
            pos = m.start()
            for i, piece in enumerate(m.group("run").split("、")):
                s, pos = pos, pos + len(piece) + 1
                d = None
                # the first piece may hold the words before the name (得到甲山、…)
                for stem in ([piece[-k:] for k in (3, 2) if len(piece) >= k] if i == 0 else [piece]):
                    d = next((d for suffix in levels if (d := self.divisions.choose(stem + suffix, context))), None)
                    if d is not None:
                        s += len(piece) - len(stem)
                        break
                if d is not None:
                    out.append(Candidate(s, s + len(stem), stem, T.ADMINISTRATIVE_AREA, "grammar:stem-enumeration",
                                         d.name, d.code))
        return out

    def _area_of(self, word: str) -> Division | None:
        """The division a name or a short name (龙岩, 福建) names, else None."""
        return next((d for x in ("", "市", "县", "区", "州", "省") for d in self.divisions.lookup(word + x)[:1]), None)

    @staticmethod
    def _original(c: Candidate, orig: str) -> Candidate:
        """The mention as written (the canonical name keeps normalised punctuation)."""
        written = orig[c.start:c.end]
        return c if written == c.text else replace(c, text=written)

    # -- grammar over the whole text ------------------------------------------------------
    def _from_ner(self, doc: Doc) -> list[Candidate]:
        out = []
        for ent in doc.ents:
            etype = NER_TYPES.get(ent.label_)
            if etype is None or len(ent.text.strip()) < 2:
                continue
            out.append(Candidate(ent.start_char, ent.end_char, ent.text, etype, f"ner:{ent.label_}", ent.text))
        return out

    _select = staticmethod(select)
    _with_sentences = staticmethod(with_sentences)


@Language.factory(
    "reportgraph_recognize",
    assigns=["doc._.rg_mentions", "doc.spans"],
    requires=["token.is_sent_start"],
    default_config={"segmenter_words": True, "segmenter_freq": 2000, "tables": DEFAULT_TABLES, "organs": []},
)
def make_recognizer(nlp: Language, name: str, segmenter_words: bool, segmenter_freq: int,
                    tables: str, organs: list[str]) -> Recognizer:
    """spaCy factory for :class:`Recognizer`. ``tables`` names the version of the shipped
    genre tables and ``organs`` further organ tables (paths), as ``pipeline.cfg``'s
    ``[genre]`` section gives them to every reportgraph component. With ``segmenter_words``, the
    longer gazetteer names go into the jieba segmenter of this pipeline's tokenizer (with
    frequency ``segmenter_freq``), so token boundaries line up with them. The tokenizer gets
    a ``jieba.Tokenizer`` of its own first if it holds jieba's process-wide one, so the rest
    of the process segments as before."""
    from reportgraph.nlp.extensions import register_extensions

    register_extensions(("rg_report", "rg_mentions"))
    rec = Recognizer(organs=load_organ_table(tables, organs))
    if segmenter_words:
        seg = own_jieba_segmenter(nlp)
        if seg is not None:
            for word in rec.segmenter_words():
                seg.add_word(word, freq=segmenter_freq)
    return rec


def own_jieba_segmenter(nlp: Language):  # type: ignore[no-untyped-def]
    """The ``jieba.Tokenizer`` of ``nlp``'s tokenizer, made its own when it was jieba's
    process-wide one (spaCy's Chinese tokenizer holds the ``jieba`` module); ``None`` for a
    tokenizer without jieba."""
    seg = getattr(nlp.tokenizer, "jieba_seg", None)
    if seg is None or not hasattr(seg, "add_word"):
        return None
    import jieba

    from reportgraph.nlp.segmenter import new_segmenter

    if seg is jieba or seg is jieba.dt:
        seg = nlp.tokenizer.jieba_seg = new_segmenter()
    return seg
