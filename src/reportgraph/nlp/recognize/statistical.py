"""The statistical NER's spans as candidates: vetted, typed and named by the knowledge and
the grammar before they become mentions.

``reportgraph_statistical`` (Baidu's LAC) proposes people (``PER``), organisations
(``ORG``) and places (``LOC``) anywhere in the text; it knows neither the gazetteer nor the
genre's naming. Here each proposal is

- a *person* only when it reads as a name: two to four Han characters opening with a known
  surname (or a name with a middle dot, 阿某某·某某某), and not a place, a body or an
  ideology the shipped knowledge knows, nor an ordinary word of jieba's dictionary, nor a
  run of provinces' one-character abbreviations (川滇黔);
- an *organisation* named by the grammar when it is a place plus an organ (then it gets the
  organ's canonical name and division code, as the rules give them), else one whose name
  ends with a body's tail (公司, 实验室, 日报, 协会… in ``genre/data/name_tails.tsv``);
- an *administrative area* when the gazetteer knows it (its division, and so its code and
  canonical name) or its name ends with a town's, village's or district's tail (镇, 村,
  街道, 经开区…); a *place* when it ends with a site's tail (山, 河, 公园, 纪念馆…); a LOC
  or ORG with none of these is dropped.

Their rule names start with ``ner:``, so the rules win wherever they overlap (see
:func:`reportgraph.nlp.recognize.select.select`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from reportgraph.genre.words import name_types
from reportgraph.knowledge.gazetteer import jieba_tags
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate

if TYPE_CHECKING:
    from reportgraph.knowledge.gazetteer import Division, Divisions
    from reportgraph.knowledge.lists import Knowledge
    from reportgraph.nlp.statistical.lac import Word

__all__ = ["StatisticalCandidates", "generic_stems", "name_tails"]

T = EntityType
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}(?:[·•‧．][\u4e00-\u9fff]{1,8}){1,3}")
_PERSON_TAGS = ("nr",)
_LONGEST_TAILED = 12  # the model's longer "bodies" run over several words
_AFTER_BARE = set("和与及等的、")
_SPACES = re.compile(r"[ \u3000]")
_LIST_MARKS = "、，,。；;：:"
_DOT = "·•‧．"
_DOTTED_RUN = re.compile(r"[\u4e00-\u9fff]+(?:[" + _DOT + r"][\u4e00-\u9fff]+)+")
# A name's stem (what comes before its tail) that makes it no name: a count or a generic
# word (两地政协, 各级政府, 全省), or a verb, adverb or function word of jieba's dictionary.
_GENERIC_STEM_FIRST = set("一二两三四五六七八九十百千各全本我该此这那每诸")
_NUMERALS = set("一二两三四五六七八九十百千")
_NOT_NAME_TAGS = ("v", "a", "d", "p", "c", "u", "r", "m", "q", "f", "t")
_tags = lru_cache(maxsize=1)(jieba_tags)


@lru_cache(maxsize=1)
def _name_table() -> tuple[dict[str, EntityType], frozenset[str]]:
    tails: dict[str, EntityType] = {}
    generic: set[str] = set()
    path = resources.files("reportgraph.genre").joinpath("data/name_tails.tsv")
    rows = [tuple(x.strip() for x in line.split("\t")[:2]) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    for word, what in [*rows, *name_types().items()]:  # words.tsv owns the tails that are in its sets
        if what == "generic":
            generic.add(word)
        else:
            tails[word] = EntityType(what)
    return tails, frozenset(generic)


@lru_cache(maxsize=1)
def province_abbreviations() -> frozenset[str]:
    """The provinces' one-character abbreviations (``knowledge/data/province_abbreviations.tsv``:
    the abbreviation, the division, other abbreviations separated by ``|``); none when the
    table is not shipped."""
    path = resources.files("reportgraph.knowledge").joinpath("data", "province_abbreviations.tsv")
    if not path.is_file():
        return frozenset()
    out: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            out.add(cols[0].strip())
            if len(cols) > 2:
                out.update(a.strip() for a in cols[2].split("|") if a.strip())
    return frozenset(out)


def name_tails() -> dict[str, EntityType]:
    """The tails of ``genre/data/name_tails.tsv`` and the typed words of ``words.tsv``: tail →
    the type of a name ending with it."""
    return _name_table()[0]


def generic_stems() -> frozenset[str]:
    """The stems of ``genre/data/name_tails.tsv`` that make a tailed name generic (上级政协)."""
    return _name_table()[1]


def _tail_type(name: str, tails: dict[str, EntityType], longest: int) -> EntityType | None:
    """The type the longest tail of ``name`` gives it, when what comes before the tail can
    be a name's stem (two characters at least, not a count, a generic or an ordinary
    non-noun word, and a one-character tail not the end of an everyday word: 农村, 乡村)."""
    for n in range(min(longest, len(name) - 2), 0, -1):
        t = tails.get(name[-n:])
        if t is None:
            continue
        stem = name[:-n]
        if stem in generic_stems():
            return None
        if stem[0] in _GENERIC_STEM_FIRST and not (t is T.ADMINISTRATIVE_AREA and stem[0] in _NUMERALS):
            return None  # 两地政协, 各级政府; but 七里村
        tags = _tags()
        numbered = t is T.ADMINISTRATIVE_AREA and stem[0] in _NUMERALS
        if tags.get(stem, "n").startswith(_NOT_NAME_TAGS) and not numbered:
            return None
        if n == 1 and t is not T.ORGANIZATION and not tags.get(name[-2:], "ns").startswith(("ns", "nr", "nz", "nt")):
            return None
        return t
    return None


def _whole_name(text: str, s: int, e: int) -> tuple[int, int]:
    """The model's person span widened to the whole name where it cut one: across a middle
    dot (阿某某·某某某某), or by the one character left before a list mark (周晓|梅、)."""
    if any(c in _DOT for c in text[max(0, s - 12):e + 12]):
        m = _DOTTED_RUN.match(text, s)  # the model took the name's opening
        if m and e <= m.end() <= s + 16:
            return s, m.end()
        for m in _DOTTED_RUN.finditer(text, max(0, s - 16), e):  # … or its close, after a list mark
            if m.end() == e and (m.start() == 0 or text[m.start() - 1] in _LIST_MARKS + " \n"):
                return m.start(), e
    if e - s == 2 and _HAN_NAME.match(text[e:e + 1] * 2) and text[e + 1:e + 2] in _LIST_MARKS:
        return s, e + 1
    return s, e


class StatisticalCandidates:
    """Mixed into the recogniser, which supplies the gazetteer, the shipped lists, the
    names its scan matches (``names``) and the grammar of names around a place."""

    divisions: Divisions
    knowledge: Knowledge
    names: dict[str, tuple[str, object]]

    if TYPE_CHECKING:
        def _organs_around(self, text: str, s: int, e: int, d: Division) -> list[Candidate]: ...

        def _clear_place(self, text: str, s: int, e: int, d: Division) -> bool: ...


    def _from_statistical(self, text: str, words: list[Word], context: Counter[str],
                          bounds: set[int] | None = None) -> list[Candidate]:
        """The candidates of the statistical NER's spans (``text`` is the normalised text,
        ``bounds`` the segmenter's token boundaries)."""
        tails = name_tails()
        longest = max(map(len, tails), default=0)
        out: list[Candidate] = []
        for w in words:
            span = text[w.start:w.end]
            if w.label == "PER":
                s, e = _whole_name(text, w.start, w.end)
                span = text[s:e]
                name = _SPACES.sub("", span)  # 王 某: a two-character name spaced out
                if len(name) == 2 and bounds is not None and e not in bounds:
                    continue  # a two-character name the segmenter runs on (张晓|某): cut short
                if self._is_person_name(name):
                    out.append(Candidate(s, e, span, T.PERSON, "ner:lac-PER", name))
            elif w.label == "LOC":
                c = self._place_candidate(text, w.start, w.end, span, context, tails, longest)
                if c is not None:
                    out.append(c)
            elif w.label == "ORG":
                out.extend(self._organisation_candidates(text, w.start, w.end, span, context, tails, longest))
        return out

    # -- people ----------------------------------------------------------------------------
    def _is_person_name(self, span: str) -> bool:
        if _DOTTED_NAME.fullmatch(span):
            return True
        if not _HAN_NAME.fullmatch(span):
            return False
        k = self.knowledge
        if span[0] not in k.surnames and span[:2] not in k.compound_surnames:
            return False
        if span in self.names or self.divisions.lookup(span):
            return False  # a place, a body, an ideology
        tag = _tags().get(span)
        if tag is not None and not tag.startswith(_PERSON_TAGS):
            return False  # an ordinary word (何况, 高速公路)
        abbreviations = province_abbreviations()
        return not (abbreviations and all(c in abbreviations for c in span))  # 川滇黔, 陕甘

    # -- places ------------------------------------------------------------------------------
    def _division(self, span: str, context: Counter[str], *, bare: bool = False) -> Division | None:
        """The division ``span`` names; with ``bare``, also a city or county named without its
        市 or 县 (银川, 凤庆) when that is the only one and jieba does not know the stem as an
        everyday word."""
        entry = self.names.get(span)
        if entry is not None and entry[0] == "area":  # the forms the scan takes as divisions
            return self.divisions.choose(span, context)
        if bare and len(span) >= 2 and _tags().get(span, "ns").startswith(("ns", "nr")):
            named = [d for level in "市县" if (span + level) in self.names for d in self.divisions.lookup(span + level)]
            if len(named) == 1:
                return named[0]
        return None

    def _place_candidate(self, text: str, s: int, e: int, span: str, context: Counter[str],
                         tails: dict[str, EntityType], longest: int) -> Candidate | None:
        if len(span) < 2:
            return None
        tags = _tags()
        # a bare stem (银川, 凤庆) only standing alone: not 长治 of 长治久安, nor 龙江 of 龙江丝路带
        nxt = text[e:e + 1]
        bare = not any(text[s:e + k] in tags for k in (1, 2)) and (not nxt.isalpha() or nxt in _AFTER_BARE)
        d = self._division(span, context, bare=bare)
        if d is not None and len(span) <= 2 and d.level >= 2 and not self._clear_place(text, s, e, d):
            return None  # 兴县 of 旅居兴县: the rules' caution holds for the model's short names too
        if d is not None:
            return Candidate(s, e, span, T.ADMINISTRATIVE_AREA, "ner:lac-LOC", d.name, d.code)
        entry = self.names.get(span)
        if entry is not None:
            what, val = entry
            if what == "place":
                return Candidate(s, e, span, T.PLACE, "ner:lac-LOC", span)
            if what == "known" and getattr(val, "type", None) in (T.PLACE, T.ADMINISTRATIVE_AREA):
                return Candidate(s, e, span, val.type, "ner:lac-LOC", val.canonical)  # type: ignore[attr-defined]
            return None
        etype = _tail_type(span, tails, longest)
        if etype in (T.ADMINISTRATIVE_AREA, T.PLACE) and len(span) >= 3:
            return Candidate(s, e, span, etype, "ner:lac-LOC", span)
        return None

    # -- organisations ---------------------------------------------------------------------
    def _known_body(self, form: str) -> bool:
        entry = self.names.get(form)
        return entry is not None and entry[0] == "known" and getattr(entry[1], "type", None) is T.ORGANIZATION

    def _organisation_candidates(self, text: str, s: int, e: int, span: str, context: Counter[str],
                                 tails: dict[str, EntityType], longest: int) -> list[Candidate]:
        if len(span) < 3:
            return []
        entry = self.names.get(span)
        if entry is not None:
            what, val = entry
            if what == "known" and getattr(val, "type", None) is T.ORGANIZATION:
                return [Candidate(s, e, span, T.ORGANIZATION, "ner:lac-ORG", val.canonical)]  # type: ignore[attr-defined]
            return []
        # a place plus an organ: named by the grammar (and its code), as the rules name it
        for n in range(min(len(span) - 1, 12), 1, -1):
            d = self._division(span[:n], context)
            if d is None:
                continue
            organs = [c for c in self._organs_around(text, s, s + n, d)
                      if c.type is T.ORGANIZATION and c.end == e]
            if organs:
                return [Candidate(c.start, c.end, c.text, c.type, "ner:lac-ORG", c.canonical, c.code, c.kind,
                                  c.level, c.form, c.ref) for c in organs]
            break
        if _tags().get(span) == "nt":
            return [Candidate(s, e, span, T.ORGANIZATION, "ner:lac-ORG", span)]  # 联合国, 世界银行
        etype = _tail_type(span, tails, longest)
        if etype is T.ORGANIZATION and 4 <= len(span) <= _LONGEST_TAILED:
            unit = any(self._known_body(span[:n]) for n in range(len(span) - 2, 1, -1))
            return [Candidate(s, e, span, T.ORGANIZATION, "ner:lac-ORG-unit" if unit else "ner:lac-ORG", span)]
        if etype is T.PLACE and len(span) >= 4:
            return [Candidate(s, e, span, T.PLACE, "ner:lac-ORG", span)]
        return []
