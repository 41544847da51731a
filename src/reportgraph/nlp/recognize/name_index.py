"""The recogniser's names from shipped knowledge (divisions, jieba's place names, the
knowledge lists), indexed for the scan of a text: which characters a name can open with,
and the lengths worth trying after each two characters.

:class:`NameIndex` is built once by :class:`reportgraph.nlp.recognize.component.Recognizer`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportgraph.model import EntityType
from reportgraph.nlp.recognize.chars import _HAN

T = EntityType


def _char_class(chars: Iterable[str]) -> str:
    """A pattern matching any one of the characters (nothing when there are none)."""
    chars = sorted(chars)
    return "[" + "".join(map(re.escape, chars)) + "]" if chars else "(?!)"


class NameIndex:
    """``names`` (form → (what, value): ``area``, ``place``, ``known`` or ``ideology``) and
    the tables the scan reads."""

    def __init__(self, names: dict[str, tuple[str, object]]) -> None:
        self.names = names
        # the scan visits only a character a name can start with, followed by one a name can
        # continue with (or a character that is a name by itself)
        firsts = {form[0] for form in names}
        seconds = {form[1] for form in names if len(form) > 1}
        singles = {form for form in names if len(form) == 1}
        self.first_chars = re.compile(
            _char_class(firsts) + "(?=" + _char_class(seconds) + ")|" + _char_class(singles))
        # the lengths of the names opening with each two characters, longest first (the only
        # lengths worth trying where those two characters stand), and the one-character names
        by_opening: dict[str, set[int]] = {}
        for form in names:
            if len(form) >= 2:
                by_opening.setdefault(form[:2], set()).add(len(form))
        self.lengths_by_opening = {k: sorted(v, reverse=True) for k, v in by_opening.items()}
        self.singles = frozenset(singles)

    def scan(self, text: str, bounds: set[int], after: re.Pattern[str]) -> list[tuple[int, int, str, object]]:
        """The names found left to right, the longest that fits the token bounds ``bounds``
        at each position (``after``: what may follow a place to make an organ of it):
        ``(start, end, what, value)``."""
        out = []
        i = 0
        by_opening, singles = self.lengths_by_opening, self.singles
        n = len(text)
        for first in self.first_chars.finditer(text):
            if first.start() < i:
                continue  # inside the last name found
            i = first.start()
            lens = by_opening.get(text[i:i + 2])
            if singles and text[i] in singles:
                lens = [*(lens or ()), 1]
            if not lens:
                continue
            hit = None
            if lens:
                for ln in lens:
                    if i + ln > n:
                        continue  # a longer name than the text has left
                    form = text[i:i + ln]
                    entry = self.names.get(form)
                    if entry is None:
                        continue
                    what, _ = entry
                    if ln <= 2 and not (i in bounds and (i + ln in bounds or what == "area"
                                                         and after.match(text, i + ln))):
                        continue  # 代县 of 代|县政协 still names 代县政协
                    if what == "place" and not (i in bounds and i + ln in bounds):
                        continue
                    if what == "area" and i + ln not in bounds and not after.match(text, i + ln):
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
