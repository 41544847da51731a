"""The record of one recognised mention (shared by the recogniser, its text rules and the
resolver)."""

from __future__ import annotations

from dataclasses import dataclass

from reportgraph.model import EntityType


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

    def in_sentence(self, sent: int) -> Candidate:
        """The same mention with its sentence index (``dataclasses.replace(self, sent=sent)``,
        without its generic machinery: the recogniser calls it for every mention)."""
        return Candidate(self.start, self.end, self.text, self.type, self.rule, self.canonical, self.code,
                         self.kind, self.level, self.form, self.ref, sent)

    @property
    def alias(self) -> str:
        """The surface form this mention contributes to its entity's names."""
        return self.form or self.text
