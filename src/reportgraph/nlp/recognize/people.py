"""Rules that find people: names after or before a title (县委书记王某某同志), a name line or a
signature line under the report's title.

:class:`PeopleRules` is mixed into :class:`reportgraph.nlp.recognize.rules.TextRules`,
which supplies ``knowledge`` (the shipped lists: surnames).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reportgraph.genre import grammar as g
from reportgraph.knowledge.gazetteer import jieba_tags
from reportgraph.model import EntityType
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.recognize.chars import _HAN

if TYPE_CHECKING:
    from reportgraph.knowledge.lists import Knowledge

T = EntityType


def _could_be_name(name: str) -> bool:
    """A person's name is unknown to jieba or tagged as a name (常务, 党组 are not)."""
    tag = jieba_tags().get(name)
    return tag is None or tag.startswith("nr")



class PeopleRules:
    """The people rules; see the module docstring."""

    knowledge: Knowledge

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
