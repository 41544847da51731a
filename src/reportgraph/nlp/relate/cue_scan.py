"""Where a clause's cue words are (:func:`cue_positions`): outside mentions and quotes,
longest first.

The words of the cue lists the relate stage reads clauses for are found by one scan of the
text per doc (each offset where one begins, with the longest there); a clause reads its
slice of those hits once (the bits of the words that occur, ORed), and a cue list none of
whose words occurs costs one AND of two ints (the callers test it before they call); the
words' offsets are listed only for a clause a list's word occurs in.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from reportgraph.genre import cues
from reportgraph.nlp.relate.context import RelationContext, normalize_form

_CUE_LISTS: dict[int, tuple[object, _CueList]] = {}
# The words of the cue lists the relate stage reads clauses for (``cue_positions``): a clause
# is scanned for all of them once, and each list's words are then looked up among those found
# (one scan per clause, not one per list). A list with other words is scanned on its own.
_ALL_CUES = frozenset(w for words in (cues.AUTHORED, cues.ADOPTED_ACTIVE, cues.SELECTED, cues.PARTICIPATED,
                                      cues.IMPLEMENTS, cues.SUBDIVIDES, cues.FORMED, cues.PARTICIPATING_UNITS,
                                      cues.JOINED, cues.HOSTED_BY, cues.ADOPTS) for w in words if w)


def _trie_pattern(words: Iterable[str]) -> str:
    """A pattern matching the longest of ``words`` at an offset, as the words joined longest
    first would, written as a tree of their characters (编(?:辑(?:出版|)|印…)): the engine
    tries one branch per character instead of every word."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def branch(node: dict) -> str:  # type: ignore[type-arg]
        alts = [re.escape(c) + branch(child) for c, child in sorted(node.items()) if c]
        if "" in node:
            alts.append("")  # the word ending here, after every longer one
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return branch(root)


_ANY_CUE = re.compile(_trie_pattern(_ALL_CUES))
_CUE_PREFIXES = {w: [w[:k] for k in range(len(w) - 1, 0, -1) if w[:k] in _ALL_CUES] for w in _ALL_CUES}
_CUE_BIT = {w: 1 << i for i, w in enumerate(sorted(_ALL_CUES))}  # a clause's words as one int
_WORD_BITS = {w: _CUE_BIT[w] | sum(_CUE_BIT[p] for p in _CUE_PREFIXES[w]) for w in _ALL_CUES}  # with its prefixes


class _CueList:
    """A list of cue words compiled: the words longest first, a pattern that finds the
    longest word beginning at the first offset where one begins (``None`` when there are
    none), the shorter words each word begins with, each word's place in the order, and,
    when all its words are among those a clause is scanned for (``_ALL_CUES``), their bits
    (``mask``; else 0)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.ordered = sorted(set(words), key=len, reverse=True)
        self.any = re.compile("|".join(map(re.escape, self.ordered))) if self.ordered else None
        self.prefixes = {w: [p for p in self.ordered if p != w and w.startswith(p)] for w in self.ordered}
        self.rank = {w: i for i, w in enumerate(self.ordered)}
        genre_cues = bool(self.ordered) and "" not in self.ordered and set(self.ordered) <= _ALL_CUES
        self.mask = sum(_CUE_BIT[w] for w in self.ordered) if genre_cues else 0

    def present(self, text: str, start: int, end: int) -> set[str]:
        """The words that occur in ``text[start:end]``: at each offset where one begins,
        the longest and the words it begins with."""
        found: set[str] = set()
        if self.any is None:
            return found
        m = self.any.search(text, start, end)
        while m is not None:
            word = m.group()
            found.add(word)
            found.update(self.prefixes[word])
            m = self.any.search(text, m.start() + 1, end)
        return found


def _cue_list(words: Iterable[str]) -> _CueList:
    """The compiled cue list, kept per list object (the lists are the constants of
    :mod:`cues`; the entry holds the list, so its id is not reused)."""
    found = _CUE_LISTS.get(id(words))
    if found is not None and found[0] is words:
        return found[1]
    compiled = _CueList(words)
    if isinstance(words, (tuple, frozenset, str)):
        _CUE_LISTS[id(words)] = (words, compiled)
    return compiled


def clause_mask(ctx: RelationContext, clause: tuple[int, int]) -> int:
    """The bits of the cue words that occur in a clause (see :func:`cue_mask`), kept in
    ``ctx``: the clause's slice of the text's hits, each with the shorter cue words it
    begins with."""
    mask = ctx.clause_masks.get(clause)
    if mask is not None:
        return mask
    if ctx.cue_hits is None:
        ctx.cue_hits = _cue_hits(ctx.text)
    starts, words = ctx.cue_hits
    begin, end = clause
    k = bisect.bisect_left(starts, begin)
    mask = 0
    while k < len(starts) and starts[k] < end:  # the hits of the clause (as _hits, without a list)
        i, word = starts[k], words[k]
        k += 1
        if i + len(word) > end:
            word = next((p for p in _CUE_PREFIXES[word] if i + len(p) <= end), "")
            if not word:
                continue
        mask |= _WORD_BITS[word]
    ctx.clause_masks[clause] = mask
    return mask


def clause_cues(ctx: RelationContext, clause: tuple[int, int]) -> dict[str, list[int]]:
    """Every cue word of ``_ALL_CUES`` that occurs in a clause, with the offsets where it
    begins (overlapping occurrences too), in order; kept in ``ctx``."""
    found = ctx.clause_cues.get(clause)
    if found is None:
        found = ctx.clause_cues[clause] = {}
        for i, word in _hits(ctx, clause):
            for w in (word, *_CUE_PREFIXES[word]):  # and the shorter words beginning there
                at = found.get(w)
                if at is None:
                    found[w] = [i]
                else:
                    at.append(i)
    return found


def _hits(ctx: RelationContext, clause: tuple[int, int]) -> list[tuple[int, str]]:
    """The offsets in a clause where a cue word begins, each with the longest there that
    ends in the clause. The text is scanned once per doc (``ctx.cue_hits``)."""
    if ctx.cue_hits is None:
        ctx.cue_hits = _cue_hits(ctx.text)
    starts, words = ctx.cue_hits
    begin, end = clause
    k = bisect.bisect_left(starts, begin)
    n = len(starts)
    out = []
    while k < n and starts[k] < end:
        i, word = starts[k], words[k]
        k += 1
        if i + len(word) > end:  # the longest runs past the clause: the longest that does not
            word = next((p for p in _CUE_PREFIXES[word] if i + len(p) <= end), "")
            if not word:
                continue
        out.append((i, word))
    return out


def _cue_hits(text: str) -> tuple[list[int], list[str]]:
    """Each offset of ``text`` where a word of ``_ALL_CUES`` begins, and the longest there."""
    starts: list[int] = []
    words: list[str] = []
    search = _ANY_CUE.search
    m = search(text)
    while m is not None:
        i = m.start()
        starts.append(i)
        words.append(m.group())
        m = search(text, i + 1)
    return starts, words


def cue_mask(words: Iterable[str]) -> int:
    """The bits of a cue list's words, to test against :func:`clause_mask` before asking
    :func:`cue_positions`: ``0`` means none of the words occurs in the clause. Only for
    lists whose words are all in ``_ALL_CUES`` (a ``ValueError`` for others)."""
    mask = _cue_list(words).mask
    if not mask:
        raise ValueError(f"cue words the clause scan does not look for: {sorted(set(words) - _ALL_CUES)}")
    return mask


def cue_positions(ctx: RelationContext, clause: tuple[int, int], words: Iterable[str]) -> list[tuple[int, str]]:
    """Where cue words occur in a clause, outside mentions and quotes, longest first."""
    text = ctx.text
    entry = _CUE_LISTS.get(id(words))
    cue_list = entry[1] if entry is not None and entry[0] is words else _cue_list(words)
    if cue_list.mask:
        if not clause_mask(ctx, clause) & cue_list.mask:
            return []  # none of the words occurs in the clause
        occurring = clause_cues(ctx, clause)
        rank = cue_list.rank
        present = [w for w in occurring if w in rank]
        if len(present) > 1:
            present.sort(key=rank.__getitem__)
        places = [(w, occurring[w]) for w in present]
    else:
        found = cue_list.present(text, clause[0], clause[1])
        if not found:
            return []  # none of the words occurs in the clause
        places = [(w, _occurrences(text, w, clause)) for w in cue_list.ordered if w in found]
    taken: set[int] = set()
    out = []
    for w, starts in places:
        for i in starts:
            span = range(i, i + len(w))
            if span and ctx.covers(clause, i, i + len(w)) and not leading_verb(ctx, i, w):
                continue
            if not taken.isdisjoint(span) or ctx.in_quotes(i, clause):
                continue
            taken.update(span)
            out.append((i, w))
    return sorted(out)


def _occurrences(text: str, word: str, clause: tuple[int, int]) -> list[int]:
    """The offsets where ``word`` begins in the clause, overlapping occurrences too."""
    out, start = [], clause[0]
    while True:
        i = text.find(word, start, clause[1])
        if i < 0:
            return out
        out.append(i)
        start = i + 1


def leading_verb(ctx: RelationContext, pos: int, word: str) -> bool:
    """A cue the recogniser kept at the head of a mention (打赢脱贫攻坚战 for 脱贫攻坚)."""
    m = ctx.outer_at.get(pos)
    if m is not None:
        return word not in normalize_form(ctx.entities[m.key].name)
    return False
