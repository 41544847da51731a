"""The ``reportgraph_recognize`` component: find entity mentions.

Assigns ``doc._.rg_mentions`` (a list of :class:`Candidate`, exact character offsets) and
mirrors them into ``doc.spans["reportgraph"]`` for displaCy and other spaCy tools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import load_divisions
from .model import EntityType


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognised mention: offsets into ``doc.text``, its type, and what the recogniser
    already knows of the entity (a canonical name, a division code)."""

    start: int
    end: int
    text: str
    type: EntityType
    rule: str
    canonical: str | None = None
    code: str | None = None


_TITLE = re.compile(r"《([^《》\n]{1,60})》")


class Recognizer:
    """Gazetteer and naming-grammar recogniser."""

    def __init__(self) -> None:
        divisions = load_divisions()
        names = sorted(divisions.by_name, key=len, reverse=True)
        self.divisions = divisions
        self.area_re = re.compile("|".join(map(re.escape, names)))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found: list[Candidate] = []
        for m in self.area_re.finditer(text):
            d = self.divisions.by_name[m.group(0)][0]
            found.append(Candidate(m.start(), m.end(), m.group(0), EntityType.ADMINISTRATIVE_AREA,
                                   "gazetteer:division", d.name, d.code))
        for m in _TITLE.finditer(text):
            found.append(Candidate(m.start(), m.end(), m.group(0), EntityType.DOCUMENT, "grammar:title",
                                   m.group(0)))
        found.sort(key=lambda c: (c.start, -c.end))
        doc._.rg_mentions = found
        spans = [doc.char_span(c.start, c.end, label=c.type.value, alignment_mode="expand") for c in found]
        doc.spans["reportgraph"] = [s for s in spans if s is not None]
        return doc


@Language.factory(
    "reportgraph_recognize",
    assigns=["doc._.rg_mentions", "doc.spans"],
    requires=["token.is_sent_start"],
)
def make_recognizer(nlp: Language, name: str) -> Recognizer:
    """spaCy factory for :class:`Recognizer`."""
    return Recognizer()
