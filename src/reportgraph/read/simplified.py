"""A Simplified-character view of a report, and the way back to the text as written.

Reports from Big5 mirrors and Hong Kong, Macau or Taiwan media are written in Traditional
characters, while the gazetteer, the naming grammar, jieba's dictionary and the LAC model
know Simplified ones. The pipeline therefore reads :func:`simplified_view` of a report
(OpenCC's phrase-level ``t2s``), and :meth:`SimplifiedView.restore` turns the extraction
back into offsets and text of the report as written: mentions and evidence keep the
Traditional text, canonical names stay Simplified, and each Traditional surface form of a
mention becomes an alias of its entity.

``t2s`` maps one character to one almost always; the text is converted a sentence or
clause at a time, and a piece whose conversion changes its length is converted again
character by character, so every character of the view knows the character it came from.

>>> from reportgraph.read.report import report_from_text
>>> view = simplified_view(report_from_text("廣東省政協召開會議。", doc_id="t"))
>>> view.report.text, view.changed
('广东省政协召开会议。', True)
>>> view.original_span(4, 6)
(4, 6)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reportgraph.knowledge.normalize import to_simplified
from reportgraph.model import Evidence, Extraction, Mention, Report, Sentence
from reportgraph.read.title import find_title

__all__ = ["SimplifiedView", "simplified_view", "view_of_text"]

_PIECE = re.compile(r"[^。！？；，、：\n]*[。！？；，、：\n]?")


def view_of_text(text: str) -> tuple[str, list[int] | None]:
    """``text`` in Simplified characters, and for each character of it (and one past the
    end) the offset in ``text`` it comes from; ``None`` when every character maps to one.

    >>> view_of_text("會議")
    ('会议', None)
    """
    whole = to_simplified(text)
    if whole == text:
        return text, None
    parts: list[str] = []
    starts: list[int] = []
    aligned = True
    pos = 0
    for m in _PIECE.finditer(text):
        piece = m.group(0)
        if not piece:
            continue
        conv = to_simplified(piece)
        if len(conv) != len(piece):
            aligned = False
            for i, c in enumerate(piece):  # piece by piece, then character by character
                cc = to_simplified(c)
                parts.append(cc)
                starts.extend([pos + i] * len(cc))
        else:
            parts.append(conv)
            starts.extend(range(pos, pos + len(piece)))
        pos += len(piece)
    if aligned and len(whole) == len(text):
        return whole, None  # the whole-text conversion keeps phrase context across pieces
    starts.append(len(text))
    return "".join(parts), starts


@dataclass(frozen=True)
class SimplifiedView:
    """The report the pipeline reads (``report``), the one as written (``original``) and
    the offset map between them (``starts``; ``None`` when offsets are the same)."""

    report: Report
    original: Report
    starts: list[int] | None = None

    @property
    def changed(self) -> bool:
        """Whether the view differs from the text as written."""
        return self.report is not self.original

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the text as written of the view's ``[start, end)``."""
        if self.starts is None:
            return start, end
        s = self.starts[start]
        if end <= start:
            return s, s
        last = self.starts[end - 1]
        nxt = self.starts[end]
        return s, nxt if nxt > last else last + 1

    def restore(self, x: Extraction) -> Extraction:
        """The extraction in the offsets and text of the report as written."""
        if not self.changed:
            return x
        raw = self.original.text

        def span(s: int, e: int) -> tuple[int, int, str]:
            os_, oe = self.original_span(s, e)
            return os_, oe, raw[os_:oe]

        entities = []
        for ent in x.entities:
            mentions = tuple(Mention(m.doc, *span(m.start, m.end)) for m in ent.mentions)
            known = {ent.name, *ent.aliases}
            written = {m.text for m in mentions}
            for ms, mo in zip(ent.mentions, mentions):  # a name read inside a mention, as written there
                if len(ms.text) == len(mo.text) and ms.text != mo.text:
                    for form in known:
                        i = ms.text.find(form) if len(form) >= 2 else -1
                        if i >= 0:
                            written.add(mo.text[i:i + len(form)])
            extra = sorted({w for w in written if w not in known and len(w.strip()) >= 2})
            entities.append(replace(ent, mentions=mentions, aliases=(*ent.aliases, *extra)) if (
                extra or mentions != ent.mentions) else ent)
        relations = tuple(replace(r, evidence=tuple(self._evidence(ev) for ev in r.evidence)) for r in x.relations)
        sentences = tuple(Sentence(*span(s.start, s.end)) for s in x.sentences)
        return replace(x, report=self.original, entities=tuple(entities), relations=relations, sentences=sentences)

    def _evidence(self, ev: Evidence) -> Evidence:
        if ev.start is None or ev.end is None:
            return ev
        s, e = self.original_span(ev.start, ev.end)
        return replace(ev, start=s, end=e, text=self.original.text[s:e])


def simplified_view(report: Report) -> SimplifiedView:
    """The report as the pipeline reads it: its text, title and home in Simplified
    characters (the same report when it has no Traditional character)."""
    view, starts = view_of_text(report.clean)
    if view == report.clean and starts is None:
        return SimplifiedView(report, report)
    home = to_simplified(report.home) if report.home else report.home
    simple = replace(report, text=view, clean=view, title=find_title(view), home=home)
    return SimplifiedView(simple, report, starts)

