"""The regex prefilter: ``pattern.finditer(text)``'s matches, found faster.

A pattern that opens with an optional group ((?:新一届|本届)?政协…) or a lookbehind gives
Python's regex engine no first character to skip ahead to, so ``finditer`` tries a full match
at every offset of the text. :func:`finditer` here jumps from one possible first character to
the next (found by a character class, which the engine does skip to) and tries the pattern
only there: the same matches, in the same order. Three tables, filled by the modules that
define the patterns (:mod:`reportgraph.genre.grammar`), narrow it further:

- :data:`ANCHORS`: a pattern whose every match holds one of a few words (a tail such as 景区,
  新区, 古城) is tried only in the few characters before each place such a word begins (the
  words are searched for, not tried at every offset);
- :data:`REQUIRED`: a pattern is not tried at all in a text that lacks what every match of it
  contains;
- :data:`STARTS`: a pattern is tried only where its own opening pattern is found (the first
  two characters of a table's words, filled by :mod:`reportgraph.genre.posts`).

``tests/genre/test_prefilter.py`` checks, for every pattern in the grammar, that the matches
are exactly ``re.finditer``'s.
"""

from __future__ import annotations

import re

# Patterns whose every match holds one of a few words: a pattern of the words (searched for
# wherever one begins, overlapping ones too) and how many characters after the match's start
# one begins at most.
ANCHORS: dict[re.Pattern[str], tuple[re.Pattern[str], int]] = {}
# What every match of a pattern contains: a text without it holds no match at all.
REQUIRED: dict[re.Pattern[str], re.Pattern[str]] = {}
# Patterns whose openings are known more narrowly than by their first character: a pattern
# found wherever a match of the pattern can begin (and maybe elsewhere), e.g. its first two
# characters (the words of a table: 副主席, 常务副县长, where 副, 主 or 常 alone open much else).
STARTS: dict[re.Pattern[str], re.Pattern[str]] = {}

_NO_FIRST = None  # the pattern's first character could not be bounded


def _first_chars(items: list, flags: int) -> tuple[list[str] | None, bool]:  # type: ignore[type-arg]
    """The character-class elements a match of the parsed sequence can begin with, and
    whether the sequence can match the empty string; ``None`` when not bounded."""
    c = _sre_modules()[1]
    out: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            return [*out, re.escape(chr(av))], False
        if op is c.IN:
            elems = []
            for iop, iav in av:
                if iop is c.LITERAL:
                    elems.append(re.escape(chr(iav)))
                elif iop is c.RANGE:
                    elems.append(re.escape(chr(iav[0])) + "-" + re.escape(chr(iav[1])))
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    elems.append(r"\d")
                elif iop is c.CATEGORY and iav is c.CATEGORY_SPACE:
                    elems.append(r"\s")
                else:
                    return _NO_FIRST, False
            return [*out, *elems], False
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return _NO_FIRST, False
            first, empty = _first_chars(list(sub), flags)
        elif op is c.BRANCH:
            first, empty = [], False
            for alt in av[1]:
                f, e = _first_chars(list(alt), flags)
                if f is None:
                    return _NO_FIRST, False
                first += f
                empty = empty or e
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
            lo, _hi, sub = av
            first, empty = _first_chars(list(sub), flags)
            empty = empty or lo == 0
        elif op in (c.ASSERT, c.ASSERT_NOT):
            continue  # consumes nothing: the first character comes after it
        else:  # anchors, any character, back references, negated literals…
            return _NO_FIRST, False
        if first is None:
            return _NO_FIRST, False
        out += first
        if not empty:
            return out, False
    return out, True


_STARTS: dict[re.Pattern[str], re.Pattern[str] | None] = {}


def _sre_modules():  # type: ignore[no-untyped-def]
    """The regex parser and its constants (``re._parser`` from Python 3.11, ``sre_parse`` before)."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as _constants
        import sre_parse as _parser
    return _parser, _constants


def _engine_skips(items: list) -> bool:  # type: ignore[type-arg]
    """Whether Python's engine skips ahead by itself to where a match of the parsed pattern
    can begin: the pattern (inside its groups) opens with a character, a class, or a choice
    of words that each open with a character (what ``re`` makes a prefix or charset of)."""
    c = _sre_modules()[1]
    while items and items[0][0] is c.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op is c.LITERAL or op is c.IN:
        return True
    return op is c.BRANCH and all(alt and list(alt)[0][0] is c.LITERAL for alt in av[1])


def _starts(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A character class matching every character a match of ``pattern`` can begin with
    (``None`` when that cannot be bounded, or the pattern can match the empty string, or
    the engine skips ahead by itself, which is faster)."""
    if pattern in STARTS:
        return STARTS[pattern]
    if pattern not in _STARTS:
        starts = None
        # (MULTILINE and DOTALL change what ^, $ and . match, which bound no first character)
        if not pattern.flags & (re.IGNORECASE | re.VERBOSE) and isinstance(pattern.pattern, str):
            try:
                parser = _sre_modules()[0]
                items = list(parser.parse(pattern.pattern, pattern.flags))
                first, empty = (None, True) if _engine_skips(items) else _first_chars(items, pattern.flags)
            except Exception:  # noqa: BLE001  (an engine detail changed: scan the plain way)
                first, empty = None, True
            if first and not empty:
                starts = re.compile("[" + "".join(first) + "]")
        _STARTS[pattern] = starts
    return _STARTS[pattern]


def finditer(pattern: re.Pattern[str], text: str, *, jump: bool = True):  # type: ignore[no-untyped-def]
    """``pattern.finditer(text)``, trying the pattern only where a match can begin (with
    ``jump=False``, everywhere, as ``finditer`` does: better for a pattern that opens with
    a class of every Han character). Nothing is tried when the text lacks what every match
    of the pattern contains (its :data:`REQUIRED` pattern); a pattern of :data:`ANCHORS`
    is tried only in the few characters before each of its words, whatever ``jump`` says.

    >>> rx = re.compile(r"(?:新一届|本届|[一二三]+届)?政协(?:常委会)?")
    >>> text = "本届政协常委会、三届政协和政协"
    >>> [m.span() for m in finditer(rx, text)] == [m.span() for m in rx.finditer(text)]
    True
    """
    required = REQUIRED.get(pattern)
    if required is not None and required.search(text) is None:
        return
    if pattern in ANCHORS:
        yield from _anchored_finditer(pattern, text, *ANCHORS[pattern])
        return
    starts = _starts(pattern) if jump else None
    if starts is None:
        yield from pattern.finditer(text)
        return
    pos, n = 0, len(text)
    search, match = starts.search, pattern.match
    while pos < n:
        s = search(text, pos)
        if s is None:
            return
        m = match(text, s.start())
        if m is None:
            pos = s.start() + 1
        else:
            yield m
            pos = m.end()  # never empty: the pattern cannot match the empty string


def _anchored_finditer(pattern: re.Pattern[str], text: str, anchor: re.Pattern[str], reach: int):  # type: ignore[no-untyped-def]
    """``pattern.finditer(text)`` for a pattern whose every match holds a word of ``anchor``
    beginning at most ``reach`` characters after the match's start (and whose matches are
    never empty, or always are: a lookahead): the pattern is tried only in the ``reach``
    characters before each place a word of ``anchor`` begins, left to right, as
    ``finditer`` would. The places are found by searching ``anchor`` again one character
    after the last place (overlapping words too), so the engine skips ahead to each.

    >>> site = re.compile("[\u4e00-\u9fff]{1,4}?[山河江](?:风景区|流域)")
    >>> text = "光雾山风景区、嘉陵江流域和米仓山风景区"
    >>> anchor = re.compile("风景区|流域")
    >>> [m.span() for m in _anchored_finditer(site, text, anchor, 5)] == [m.span() for m in site.finditer(text)]
    True
    """
    pos = 0  # every offset before this one has been tried, or lies inside a match
    search = anchor.search
    word = search(text)
    while word is not None:
        at = word.start()
        p = max(pos, at - reach)
        while p <= at:
            m = pattern.match(text, p)
            if m is None:
                p += 1
            else:
                yield m
                p = m.end() if m.end() > p else p + 1  # after an empty match, the next offset
        pos = p
        word = search(text, max(at + 1, pos))  # a place before pos would try nothing
