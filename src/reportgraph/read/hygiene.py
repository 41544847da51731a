"""Text hygiene: invisible characters that split names, removed before matching, with
every offset mapped back to the text as read.

A zero-width space, a word joiner, a soft hyphen or a bidi control inside 代县政协 is
invisible on screen but splits the name for any matcher. :func:`compact` removes them
and keeps, for each character left, where it was; :func:`map_back` moves every offset of
an :class:`~reportgraph.model.Extraction` made from the compacted text back to the text as
read (a mention's text is then the original span, invisible characters and all).

>>> text, origin = compact("代县\\u200b政协\\u00ad。")
>>> text, origin
('代县政协。', [0, 1, 3, 4, 6, 7])
>>> compact("代县政协") is None
True
"""

from __future__ import annotations

import re
from dataclasses import replace

from reportgraph.model import Evidence, Extraction, Mention, Report, Sentence

#: Characters with no glyph that occur inside words: zero-width space, non-joiner and
#: joiner, word joiner and invisible operators, soft hyphen, Mongolian vowel separator,
#: byte-order mark / zero-width no-break space, and the bidi marks, embeddings, overrides
#: and isolates.
INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_ANY_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


def compact(text: str) -> tuple[str, list[int]] | None:
    """``text`` without its invisible characters, and the offset in ``text`` of each
    character kept (plus ``len(text)`` at the end); ``None`` when there is none to remove."""
    if _ANY_INVISIBLE.search(text) is None:  # one scan in C, not a generator per character
        return None
    kept: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        if c not in INVISIBLE:
            kept.append(c)
            origin.append(i)
    origin.append(len(text))
    return "".join(kept), origin


def compact_report(report: Report, clean: object) -> tuple[Report, list[int]] | None:
    """The report with its invisible characters removed (``clean`` is the function that
    makes the ``clean`` view of a text), and the offset map; ``None`` when none."""
    found = compact(report.text)
    if found is None:
        return None
    text, origin = found
    return replace(report, text=text, clean=clean(text)), origin  # type: ignore[operator]


def map_back(x: Extraction, report: Report, origin: list[int]) -> Extraction:
    """An extraction of the compacted text with its offsets in ``report.text``."""
    original = report.text

    def span(start: int, end: int) -> tuple[int, int]:
        s = origin[start]
        e = origin[end - 1] + 1 if end > start else s
        return s, e

    def mention(m: Mention) -> Mention:
        s, e = span(m.start, m.end)
        return replace(m, start=s, end=e, text=original[s:e])

    def evidence(ev: Evidence) -> Evidence:
        if ev.start is None or ev.end is None:
            return ev
        s, e = span(ev.start, ev.end)
        return replace(ev, start=s, end=e, text=original[s:e])

    def sentence(sn: Sentence) -> Sentence:
        s, e = span(sn.start, sn.end)
        return replace(sn, start=s, end=e, text=original[s:e])

    return replace(
        x,
        report=report,
        entities=tuple(replace(en, mentions=tuple(mention(m) for m in en.mentions)) for en in x.entities),
        relations=tuple(replace(r, evidence=tuple(evidence(ev) for ev in r.evidence)) for r in x.relations),
        sentences=tuple(sentence(s) for s in x.sentences),
        **({"posts": tuple(replace(p, evidence=tuple(evidence(ev) for ev in p.evidence))
                           for p in x.posts)} if hasattr(x, "posts") else {}),
    )


__all__ = ["INVISIBLE", "compact", "compact_report", "map_back"]
