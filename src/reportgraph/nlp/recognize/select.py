"""Choosing among overlapping mentions, and numbering each mention's sentence."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc

from reportgraph.genre.words import genre_words
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.doc_offsets import sentence_offsets

# Which rule wins between two mentions of one span (lower first; default 5).
_PRIORITY = {"gazetteer:division": 0, "grammar:organ-session": 1, "grammar:organ": 1, "grammar:cppcc": 1,
             "grammar:cpc": 1, "grammar:session": 6}


# The statistical NER's bodies and sites may hold a place the rules found (安庆 of 安庆某某建材).
_NAMES_AROUND_PLACES = frozenset({"ner:lac-ORG", "ner:lac-ORG-unit", "ner:lac-LOC"})
_CONTAINERS = frozenset({EntityType.DOCUMENT, EntityType.EVENT, EntityType.INITIATIVE})
_PLACES = frozenset({EntityType.ADMINISTRATIVE_AREA, EntityType.PLACE})


def select(found: Iterable[Candidate], blocked: list[tuple[int, int]]) -> list[Candidate]:
    """Keep the longest mention where mentions of one type overlap (rules before NER); a
    mention inside one of another type stays (not inside a person's name); partial overlaps
    go to the longer one."""
    def inside(c: Candidate, s: int, e: int) -> bool:
        return s <= c.start and c.end <= e

    blocked = sorted(blocked)
    if all(a[1] <= b[0] for a, b in zip(blocked, blocked[1:])):
        # disjoint: only the last blocked span starting at or before a mention can hold it
        starts = [s for s, _e in blocked]

        def is_blocked(c: Candidate) -> bool:
            i = bisect.bisect_right(starts, c.start) - 1
            return i >= 0 and c.end <= blocked[i][1]
    else:
        def is_blocked(c: Candidate) -> bool:
            return any(inside(c, s, e) for s, e in blocked)

    chrome = frozenset(genre_words("page-chrome"))  # 首页, 新闻中心: a web page's furniture, no name
    cands = [c for c in found if c.end > c.start and not is_blocked(c) and c.text not in chrome]
    order = sorted(cands, key=lambda c: (c.rule.startswith("ner:"), -(c.end - c.start),
                                         _PRIORITY.get(c.rule, 5), c.start))
    kept: list[Candidate] = []
    by_start: list[tuple[int, int]] = []  # (start, index in kept), sorted: the kept that may overlap
    longest = 0
    for c in order:
        ok = True
        lo = bisect.bisect_right(by_start, (c.start - longest, len(kept)))
        hi = bisect.bisect_left(by_start, (c.end, -1))
        for _s, ki in by_start[lo:hi]:  # every kept mention that starts within reach of c
            k = kept[ki]
            if c.end <= k.start or k.end <= c.start:
                continue
            if inside(c, k.start, k.end) and k.type is EntityType.PERSON and c.rule != "grammar:enumeration":
                ok = False  # 华山 of 张华山, 长春 of 李长春: part of the person's name
                break
            if inside(c, k.start, k.end) and c.type is not k.type and not c.rule.startswith("ner:"):
                if c.start == k.start and c.end == k.end and "enumeration" not in c.rule + k.rule:
                    ok = False
                    break
                continue
            if c.rule in _NAMES_AROUND_PLACES and k.type in _PLACES and inside(k, c.start + 1, c.end) \
                    or c.rule in _NAMES_AROUND_PLACES and k.type in _PLACES and inside(k, c.start, c.end - 1):
                continue  # the model's 安庆某某建材 around the rules' 安庆
            if k.rule in ("grammar:sub-unit", "grammar:cppcc-committee") and c.type is EntityType.ORGANIZATION and c.start == k.start \
                    and c.end < k.end:
                continue  # 市委换届工作指导组, 全国政协人资环委: the body that has the unit is named too
            if k.rule == "grammar:study-meeting" and c.type is EntityType.EVENT and inside(c, k.start, k.end) \
                    and (c.start, c.end) != (k.start, k.end):
                continue  # 学习贯彻全国“两会”精神会议: the sessions studied are events of their own
            if c.rule == "ner:lac-ORG-unit" and k.type is EntityType.ORGANIZATION and k.start == c.start \
                    and k.end < c.end:
                continue  # the model's 国家发改委就业司 around the rules' 国家发改委
            if c.rule.startswith("ner:lac") and k.type in _CONTAINERS and inside(c, k.start, k.end) \
                    and c.type is not k.type and (c.start, c.end) != (k.start, k.end):
                continue  # a body or place named inside a title or an event's name
            ok = False
            break
        if ok:
            bisect.insort(by_start, (c.start, len(kept)))
            kept.append(c)
            longest = max(longest, c.end - c.start)
    kept.sort(key=lambda c: (c.start, -c.end))
    return kept

@staticmethod
def with_sentences(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    starts = [s for s, _e in sentence_offsets(doc)] if doc.has_annotation("SENT_START") else [0]
    out = []
    j = 0
    for c in found:
        while j + 1 < len(starts) and starts[j + 1] <= c.start:
            j += 1
        out.append(c if c.sent == j else c.in_sentence(j))
    return out
