"""The document as the relate stage reads it: entities and their placed mentions, sentences
and clauses, enumerations, name forms, and the relations found so far.

:class:`RelationContext` is built once per doc by :class:`reportgraph.nlp.relate.component.Relater`; the
rules of :mod:`reportgraph.nlp.relate.sentence` and :mod:`reportgraph.nlp.relate.naming` read
it and add relations to it, each with its :class:`reportgraph.model.Evidence`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from reportgraph.genre import cues
from reportgraph.genre.organs import organ_table
from reportgraph.genre.signatures import signatures
from reportgraph.nlp.doc_offsets import doc_text, sentence_offsets
from reportgraph.knowledge.gazetteer import load_divisions
from reportgraph.model import Entity, EntityType, Evidence, Predicate, Relation
from reportgraph.nlp.forms import FormIndex, normalize_form
from reportgraph.nlp.resolve.home import settle_author_and_home

T = EntityType

_OPEN = "“‘《（(「『【["
_CLOSE = "”’》）)」』】]"
CLAUSE_BREAK = ",，:：;；。！？!?\n"
_QUOTE_MARKS = re.compile("[“‘《「『”’》」』]")
_CLAUSE_CHARS = re.compile("[" + "".join(map(re.escape, _OPEN + _CLOSE + CLAUSE_BREAK)) + "]")


@dataclass(frozen=True, slots=True)
class PlacedMention:
    """An entity's mention placed in the text: offsets into ``doc.text``, key and type."""

    start: int
    end: int
    key: str
    type: EntityType


class RelationContext:
    """One doc's entities, mentions, sentences and clauses, and the relations found."""

    def __init__(self, doc: Doc) -> None:
        """Read the doc's report, entities, author and home (``doc._.rg_head``), sentences."""
        report = doc._.rg_report
        self.doc_id: str = report.doc_id if report is not None else "doc"
        self.text: str = doc_text(doc)
        self.raw: str = report.text if report is not None else self.text
        self._texts: dict[tuple[int, int], str] = {}
        self.report = report
        self.entities: dict[str, Entity] = {e.key: e for e in (doc._.rg_entities or [])}
        placed = {(m.start, m.end, e.key, e.type) for e in self.entities.values() for m in e.mentions}
        mentions = [PlacedMention(*p) for p in sorted(placed, key=lambda p: (p[0], -p[1], p[2]))]
        self.mentions = mentions
        self.outer: list[PlacedMention] = []
        for m in mentions:
            if self.outer and m.start < self.outer[-1].end and m.end <= self.outer[-1].end:
                continue
            if self.outer and m.start < self.outer[-1].end:
                continue  # overlapping, not nested: keep the first
            self.outer.append(m)
        # Indexes so that a span's mentions are a slice, not a scan of the whole report:
        # ``outer`` has non-decreasing starts and ends (no two overlap), ``mentions``
        # non-decreasing starts.
        self._outer_starts = [m.start for m in self.outer]
        self._outer_ends = [m.end for m in self.outer]
        self._mention_starts = [m.start for m in mentions]
        # the outer mentions that cover some text (what ``covers`` asks about)
        self._cover_starts = [m.start for m in self.outer if m.end > m.start]
        self._cover_ends = [m.end for m in self.outer if m.end > m.start]
        self.outer_at: dict[int, PlacedMention] = {}  # the first outer mention starting at an offset
        self.outer_ending: dict[int, list[PlacedMention]] = {}  # the outer mentions ending at an offset
        for m in self.outer:
            self.outer_at.setdefault(m.start, m)
            self.outer_ending.setdefault(m.end, []).append(m)
        self._index = FormIndex(self.entities)
        self.by_form: dict[str, str] = self._index.by_form
        self.forms: dict[str, set[str]] = self._index.forms
        # the author and the home as the resolver settled them; a doc it did not annotate
        # (entities given directly) has them settled here, the same way
        head = doc._.rg_head
        if head is not None:
            self.author: str | None = head.author
            self.home: str | None = head.home
        else:
            self.author, self.home = settle_author_and_home(
                self.entities, self.text, report.title if report is not None else None,
                report.home if report is not None else None, doc._.rg_author, doc._.rg_home)
        self.sentences: list[tuple[int, int]] = []
        for start_char, end_char in sentence_offsets(doc):
            chunk = self.text[start_char:end_char]
            stripped = chunk.strip()
            if stripped:
                s = start_char + len(chunk) - len(chunk.lstrip())
                self.sentences.append((s, s + len(stripped)))
        self._starts = [s for s, _e in self.sentences]
        self.relations: list[Relation] = []
        self.virtual: list[PlacedMention] = []  # organs named only through an enumeration
        self._by_key: dict[str, list[PlacedMention]] = {}  # mentions_of, built for ...
        self._by_key_virtual = -1  # ... this many virtual mentions (they are only appended)
        self.members: dict[str, set[str]] = {}
        self.last_group: tuple[str, ...] = ()  # the last bodies enumerated together as a subject
        self.implied: list[Entity] = []  # organs named only through an enumeration
        self.clause_masks: dict[tuple[int, int], int] = {}  # the bits of a clause's cue words
        self.clause_cues: dict[tuple[int, int], dict[str, list[int]]] = {}  # a clause's cue words, offsets
        self.cue_hits: tuple[list[int], list[str]] | None = None  # where cue words begin in the text
        self._clauses: dict[tuple[int, int], list[tuple[int, int]]] = {}  # each span's clauses, cut once

    # -- helpers ------------------------------------------------------------------
    def type_of(self, key: str) -> EntityType:
        """The type of the entity with this key."""
        return self.entities[key].type

    def add(self, s: str | None, p: Predicate, o: str | None, ev: Evidence) -> None:
        """Record a relation when both ends exist, differ and fit the predicate's signature."""
        if s is None or o is None or s == o or s not in self.entities or o not in self.entities:
            return
        subj_types, obj_types = signatures()[p]
        if self.type_of(s) not in subj_types or self.type_of(o) not in obj_types:
            return
        self.relations.append(Relation(s, p, o, (ev,)))

    def evidence(self, span: tuple[int, int], method: str) -> Evidence:
        """Evidence for a sentence: its offsets, its text as read, and the cue or rule."""
        s, e = span
        text = self._texts.get(span)
        if text is None:  # each sentence's text is cut once, however many relations it states
            text = self._texts[span] = self.raw[s:e]
        return Evidence(self.doc_id, s, e, text, method)

    def sentence_of(self, pos: int) -> tuple[int, int] | None:
        """The sentence containing a character offset."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return None

    def clauses(self, sent: tuple[int, int]) -> list[tuple[int, int]]:
        """Comma-delimited clauses, never cut inside quotes, titles, brackets or mentions."""
        found = self._clauses.get(sent)
        if found is None:
            found = self._clauses[sent] = self._cut_clauses(sent)
        return list(found)

    def _cut_clauses(self, sent: tuple[int, int]) -> list[tuple[int, int]]:
        s, e = sent
        out, depth, begin = [], 0, s
        # ``covers(sent, i, i + 1)`` for increasing i: the mentions starting in the sentence
        # before i + 1 only grow, so their count is walked forward, not bisected per mark
        cover_starts, cover_ends = self._cover_starts, self._cover_ends
        lo = hi = bisect.bisect_left(cover_starts, s)
        n = len(cover_starts)
        for found in _CLAUSE_CHARS.finditer(self.text, s, e):  # the only characters that matter
            i, c = found.start(), found.group()
            if c in _OPEN:
                depth += 1
            elif c in _CLOSE:
                depth = max(0, depth - 1)
            elif c in CLAUSE_BREAK and depth == 0:
                while hi < n and cover_starts[hi] < i + 1:
                    hi += 1
                if hi > lo and cover_ends[hi - 1] > i:
                    continue  # inside a mention
                out.append((begin, i + 1))
                begin = i + 1
        if begin < e:
            out.append((begin, e))
        merged: list[tuple[int, int]] = []
        for c in out:  # 其中 …: the clause continues the previous one's scope
            if merged and self.text[c[0]:c[1]].lstrip().startswith("其中"):
                merged[-1] = (merged[-1][0], c[1])
            else:
                merged.append(c)
        return merged

    def outer_in(self, span: tuple[int, int]) -> list[PlacedMention]:
        """The outermost mentions inside a span, in order."""
        lo = bisect.bisect_left(self._outer_starts, span[0])
        hi = bisect.bisect_right(self._outer_ends, span[1])
        return self.outer[lo:hi] if hi > lo else []

    def outer_before(self, pos: int) -> list[PlacedMention]:
        """The outermost mentions that end at or before an offset, in order."""
        return self.outer[:bisect.bisect_right(self._outer_ends, pos)]

    def outer_starting_in(self, span: tuple[int, int]) -> list[PlacedMention]:
        """The outermost mentions that start inside a span (they may run past its end)."""
        lo = bisect.bisect_left(self._outer_starts, span[0])
        hi = bisect.bisect_left(self._outer_starts, span[1])
        return self.outer[lo:hi]

    def covers(self, span: tuple[int, int], start: int, end: int) -> bool:
        """Whether an offset in ``[start, end)`` lies inside one of the outermost mentions
        that start inside ``span``. They do not overlap, so of those starting before ``end``
        only the last can."""
        lo = bisect.bisect_left(self._cover_starts, span[0])
        hi = bisect.bisect_left(self._cover_starts, min(end, span[1]))
        return hi > lo and self._cover_ends[hi - 1] > start

    def mentions_starting_in(self, span: tuple[int, int]) -> list[PlacedMention]:
        """All mentions (nested ones too) that start inside a span, in order."""
        lo = bisect.bisect_left(self._mention_starts, span[0])
        hi = bisect.bisect_left(self._mention_starts, span[1])
        return self.mentions[lo:hi]

    def mentions_of(self, key: str) -> list[PlacedMention]:
        """The mentions of an entity, then the organs of that key named through an
        enumeration (``virtual``), in order."""
        if self._by_key_virtual != len(self.virtual):
            by_key: dict[str, list[PlacedMention]] = {}
            for m in [*self.mentions, *self.virtual]:
                by_key.setdefault(m.key, []).append(m)
            self._by_key, self._by_key_virtual = by_key, len(self.virtual)
        return self._by_key.get(key, [])

    def inner_of(self, outer: PlacedMention) -> list[PlacedMention]:
        """The mentions nested in a mention (四川省 in 四川省阆中市)."""
        lo = bisect.bisect_left(self._mention_starts, outer.start)
        hi = bisect.bisect_right(self._mention_starts, outer.end)
        return [m for m in self.mentions[lo:hi] if m.end <= outer.end and m != outer]

    def opening(self, outer: PlacedMention) -> PlacedMention | None:
        """The first mention of another entity nested in a mention and starting with it
        (四川省 of 四川省阆中市): the first of :meth:`inner_of` that starts where it does."""
        k = bisect.bisect_left(self._mention_starts, outer.start)
        mentions, n = self.mentions, len(self.mentions)
        while k < n and mentions[k].start == outer.start:
            m = mentions[k]
            if m.end <= outer.end and m.key != outer.key:
                return m
            k += 1
        return None

    def in_quotes(self, pos: int, span: tuple[int, int]) -> bool:
        """Whether a position lies inside “…” or 《…》 within the span (a topic or title)."""
        depth = 0
        for found in _QUOTE_MARKS.finditer(self.text, span[0], pos):  # only the marks matter
            if found.group() in "“‘《「『":
                depth += 1
            else:
                depth = max(0, depth - 1)
        return depth > 0

    def groups(self, mentions: list[PlacedMention]) -> list[list[PlacedMention]]:
        """Enumerations: mentions joined only by 、/和/及/与 (and quotes)."""
        out: list[list[PlacedMention]] = []
        for m in mentions:
            if out:
                gap = normalize_form(self.text[out[-1][-1].end:m.start])
                if gap in cues.JOINERS:
                    out[-1].append(m)
                    continue
            out.append([m])
        return out

    def find_forms(self, text: str, types: set[EntityType]) -> list[tuple[int, int, str]]:
        """Longest known forms of entities of ``types`` inside ``text`` (normalised), left to
        right, without overlaps: ``(start, end, key)``."""
        return self._index.find_forms(text, types)

    def organs_of_group(self, group: list[PlacedMention], follow: int) -> tuple[list[str], bool]:
        """The bodies an enumeration names: A、B和C政协 distributes the head 政协 over A and B
        (and over the addresses 四川省阆中市, whose province only locates the county).
        Returns the keys and whether the group had such a head."""
        suffix = ""
        last = group[-1]
        if self.type_of(last.key) is T.ORGANIZATION:
            inner_areas = [m for m in self.inner_of(last) if m.type is T.ADMINISTRATIVE_AREA]
            if inner_areas and inner_areas[0].start == last.start:
                suffix = normalize_form(self.text[inner_areas[-1].end:last.end])
            else:
                for f in sorted(self.forms[last.key], key=len, reverse=True):
                    area = next((a for a in self.find_forms(f, {T.ADMINISTRATIVE_AREA}) if a[0] == 0), None)
                    if area:
                        suffix = f[area[1]:]
                        break
        else:
            tail = normalize_form(self.text[follow:follow + 12])
            suffix = next((h for h in sorted(organ_table().heads, key=len, reverse=True) if tail.startswith(h)), "")
        if not suffix:
            return [], False
        keys: list[str] = []
        for i, m in enumerate(group):
            if m.type is not T.ADMINISTRATIVE_AREA:
                keys.append(m.key)
                continue
            nxt = group[i + 1] if i + 1 < len(group) else None
            if nxt is not None and nxt.start == m.end:
                continue  # 四川省|阆中市, 山西省|代县政协: the province is the address, not a member
            forms = set(self.forms[m.key]) | {normalize_form(self.text[m.start:m.end])}
            key = next((k for f in sorted(forms, key=len, reverse=True)
                        if (k := self.by_form.get(normalize_form(f + suffix))) is not None
                        and self.type_of(k) is T.ORGANIZATION), None)
            if key is None and suffix in organ_table().heads:
                key = self.imply_organ(m, suffix)
            if key is not None:
                keys.append(key)
                self.virtual.append(PlacedMention(m.start, m.end, key, T.ORGANIZATION))
        return keys, True

    def imply_organ(self, area: PlacedMention, suffix: str) -> str:
        """An organ an enumeration names only through its area (阆中市 in A、阆中市和B政协):
        an entity of its own, with no mention of its own (its relations carry the sentence)."""
        e = self.entities[area.key]
        name = normalize_form(e.name) + suffix
        surface = normalize_form(self.text[area.start:area.end]) + suffix
        return self.add_implied(name, tuple(sorted({surface} - {name})))

    def add_implied(self, name: str, aliases: tuple[str, ...]) -> str:
        """A new organisation named only through others (an enumeration, a joint body's
        name): an entity with no mention of its own. Returns its key."""
        entity = Entity(name, name, T.ORGANIZATION, aliases, (), None)
        self.entities[name] = entity
        self.implied.append(entity)
        self._index.add(name, (name, *aliases))
        return name

    def expand(self, group: list[PlacedMention], types: set[EntityType]) -> list[str]:
        """The keys a subject group names (with distributed organs)."""
        if any(m.type is T.ADMINISTRATIVE_AREA for m in group) and T.ORGANIZATION in types:
            organs, headed = self.organs_of_group(group, group[-1].end)
            if headed:
                return [k for k in organs if self.type_of(k) in types]
        return [m.key for m in group if m.type in types]


def is_address(ctx: RelationContext, upper: str, lower: str) -> bool:
    """Whether ``upper`` can head an address of ``lower`` (四川省|阆中市): by the division
    codes when both have one, else by the name's level."""
    a, b = ctx.entities[upper], ctx.entities[lower]
    if a.code and b.code:
        divisions = load_divisions()
        return b.code in divisions.by_code and any(
            d.code == a.code for d in divisions.ancestors(b.code))
    return normalize_form(a.name).endswith(("省", "自治区", "市", "州", "盟")) and not normalize_form(a.name) in cues.COUNTRY_NAMES
