"""jieba's segmentation with its two hot loops in C++: the same words, faster.

jieba spends most of its time building each block's DAG (every dictionary word that starts
at each character) and finding the most probable route through it, two per-character
Python loops. ``jieba_fast_dat`` does both in C++ over a double-array trie of the same
dictionary. Its own ``cut`` differs from jieba's (how blocks are split, and the total
frequency, which counts a word listed twice in jieba's dictionary once), so only its
``get_DAG`` and ``calc`` are used here, with jieba's total: everything else (blocks, the
HMM for unknown words, added words) is jieba's. On 2 M characters of reports (192,203
blocks, with the gazetteer's words added) the DAGs and routes are identical to jieba's
and the two steps take a third of the time; the trie loads from its cache in ~15 ms,
where jieba's prefix dictionary takes ~0.9 s.

Without ``jieba_fast_dat`` (a platform it has no wheel for), :func:`new_segmenter` is a
plain ``jieba.Tokenizer``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import jieba
from jieba import finalseg

_FREQ_COLUMN = re.compile(rb"^\s*\S+ (\d+)", re.M)
# jieba's blocks (runs of the characters of ``re_han_default``, cut through the dictionary)
# or a run of whitespace
_BLOCK_OR_SPACES = re.compile(jieba.re_han_default.pattern + r"|(\s+)")


def _jieba_total(path: str) -> int:
    """The total frequency jieba computes for a dictionary file: the sum of the second
    column over every line (a word listed twice counts twice)."""
    with open(path, "rb") as f:
        return sum(map(int, _FREQ_COLUMN.findall(f.read())))


class _Freq:
    """What jieba's ``cut`` asks of ``FREQ`` (whether a run of single characters is a
    word, ``FREQ.get(run)``), answered by the trie: the word's frequency, 0 when it is
    none (jieba answers 0 or ``None``; only the truth of the answer is used)."""

    __slots__ = ("_fast",)

    def __init__(self, fast: Any) -> None:
        self._fast = fast

    def get(self, word: str, default: Any = None) -> Any:
        return self._fast.get_freq(word) or default


_HMM_LOADED = False


def _hmm_cut(run: str, viterbi: Any) -> Iterator[str]:
    """``jieba.finalseg.cut``: a run of characters that is no word, cut by jieba's HMM,
    its Viterbi decoding done in C++ (with jieba's probabilities). Where the best path is
    impossible (a character the model never saw: probability ``MIN_FLOAT``), the paths tie
    and the two implementations break the tie differently, so jieba decodes those."""
    for blk in finalseg.re_han.split(run):
        if not blk:
            continue
        if not finalseg.re_han.match(blk):
            yield from (x for x in finalseg.re_skip.split(blk) if x)
            continue
        prob, tags = viterbi(blk)
        if prob < _IMPOSSIBLE:
            prob, tags = finalseg.viterbi(blk, "BMES", finalseg.start_P, finalseg.trans_P, finalseg.emit_P)
        begin = nexti = 0
        for i, tag in enumerate(tags):
            if tag == "B":
                begin = i
            elif tag == "E":
                word = blk[begin:i + 1]
                if word in finalseg.Force_Split_Words:
                    yield from word
                else:
                    yield word
                nexti = i + 1
            elif tag == "S":
                yield blk[i]
                nexti = i + 1
        if nexti < len(blk):
            word = blk[nexti:]
            yield from (word if word in finalseg.Force_Split_Words else (word,))


_IMPOSSIBLE = finalseg.MIN_FLOAT / 2
_CPP_SAFE: re.Pattern[str] | None = None  # the blocks C++ cuts as jieba does


def _compile_cpp_safe() -> None:
    """Compile ``_CPP_SAFE``: blocks of digits and the Han characters that every state of
    jieba's HMM can emit (the others make impossible paths, which C++ and jieba break
    differently)."""
    global _CPP_SAFE
    if _CPP_SAFE is None:
        known = set.intersection(*(set(finalseg.emit_P[state]) for state in "BMES"))
        han = sorted(c for c in known if "\u4e00" <= c <= "\u9fd5")
        _CPP_SAFE = re.compile("[0-9" + "".join(han) + "]+")


class FastTokenizer(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` whose DAG and route come from ``jieba_fast_dat``'s trie (same
    dictionary, same added words, jieba's total), so ``cut`` gives jieba's words."""

    def __init__(self, dictionary: Any = jieba.DEFAULT_DICT) -> None:
        super().__init__(dictionary)
        self._fast: Any = None

    def _dict_path(self) -> str:
        if self.dictionary == jieba.DEFAULT_DICT or self.dictionary is None:
            return os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
        return str(self.dictionary)

    def initialize(self, dictionary: Any = None) -> None:
        import jieba_fast_dat
        from jieba_fast_dat import _jieba_fast_dat_functions

        if dictionary:
            self.dictionary = jieba._get_abs_path(dictionary)
            self.initialized = False
        if self.initialized:
            return
        with self.lock:
            if self.initialized:
                return
            path = self._dict_path()
            fast = jieba_fast_dat.Tokenizer(path)
            fast.initialize()
            fast.total = _jieba_total(path)
            self._fast = fast
            self._route = _jieba_fast_dat_functions._get_DAG_and_calc
            global _HMM_LOADED
            if not _HMM_LOADED:  # jieba's HMM, not jieba_fast_dat's (process-wide in C++)
                _jieba_fast_dat_functions.load_finalseg_hmm_model(finalseg.start_P, finalseg.trans_P,
                                                                  finalseg.emit_P)
                _HMM_LOADED = True
            self._viterbi = _jieba_fast_dat_functions._finalseg_viterbi_cpp
            self._cut_block = _jieba_fast_dat_functions._cut_DAG_cpp
            _compile_cpp_safe()
            self.FREQ = _Freq(fast)  # type: ignore[assignment]
            self.total = fast.total
            self.initialized = True

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        self.check_initialized()
        if freq is None or int(freq) == 0:  # suggested or forced splits: jieba's way
            raise NotImplementedError("FastTokenizer.add_word needs a positive frequency")
        self._fast.add_word(word, int(freq), tag)
        self.total = self._fast.total
        if tag:
            self.user_word_tag_tab[word] = tag

    def _Tokenizer__cut_DAG(self, sentence: str) -> Iterator[str]:
        """jieba's ``__cut_DAG`` (one block: the most probable route through the
        dictionary's words, runs of single characters that are no word cut by jieba's
        HMM), the route found in C++ as a list of each position's word end."""
        self.check_initialized()
        words: list[str] = []
        self._block_words(sentence, words)
        yield from words

    def _block_words(self, block: str, words: list[str]) -> None:
        """Append the words of one block (a match of jieba's ``re_han_default``) to ``words``.

        A block of digits and the Han characters jieba's HMM knows (in each state's
        emission table) is cut wholly in C++ (``_cut_DAG_cpp``: route, runs and HMM in one
        call); one with other characters (Latin letters, ``+#&._%-``, a Han character the
        HMM never saw, whose paths tie) or with forced splits goes through jieba's steps
        below. On 1,031 reports (9.1 M characters in 1.0 M blocks) both give the same words
        for every block the C++ cut takes."""
        if _CPP_SAFE is not None and _CPP_SAFE.fullmatch(block) is not None and not finalseg.Force_Split_Words:
            words.extend(self._cut_block(self._fast.dat, block, float(self.total)))
            return
        route: list[int] = []
        self._route(self._fast.dat, block, route, float(self.total))
        x = 0
        single = -1  # where the current run of one-character steps began
        n = len(block)
        while x < n:
            y = route[x] + 1
            if y - x == 1:
                if single < 0:
                    single = x
            else:
                if single >= 0:
                    self._run_words(block[single:x], words)
                    single = -1
                words.append(block[x:y])
            x = y
        if single >= 0:
            self._run_words(block[single:], words)

    def _run_words(self, run: str, words: list[str]) -> None:
        """A run of characters the route takes one at a time: one word, the HMM's words
        when the run is no dictionary word, else its characters."""
        if len(run) == 1:
            words.append(run)
        elif not self._fast.get_freq(run):
            words.extend(_hmm_cut(run, self._viterbi))
        else:
            words.extend(run)

    def doc_words(self, text: str) -> tuple[list[str], list[bool]]:
        """The words and trailing-space flags of a spaCy ``Doc`` of ``text``: what
        ``reportgraph.nlp.tokenizer.words_and_spaces(list(self.cut(text)), text)`` gives,
        made in one pass. jieba cuts each block of ``re_han_default``'s characters through
        the dictionary and makes every other character a word of its own (whitespace too,
        which the Doc drops): here a run of whitespace is one token, except one space right
        after a word, which is that word's flag."""
        self.check_initialized()
        words: list[str] = []
        flagged: list[int] = []  # the words followed by one space
        pos = 0
        # _block_words' C++ cut, inlined: the blocks it takes are cut here without a call each
        safe = _CPP_SAFE.fullmatch if _CPP_SAFE is not None and not finalseg.Force_Split_Words else None
        cut, dat, total = self._cut_block, self._fast.dat, float(self.total)
        for m in _BLOCK_OR_SPACES.finditer(text):
            start = m.start()
            if start > pos:
                words.extend(text[pos:start])  # neither block nor whitespace: a word each
            pos = m.end()
            block = m.group(1)
            if block is not None:
                if safe is not None and safe(block) is not None:
                    words.extend(cut(dat, block, total))
                else:
                    self._block_words(block, words)
                continue
            run = m.group(2)
            if run[0] == " " and words:
                flagged.append(len(words) - 1)
                run = run[1:]
            if run:
                words.append(run)
        words.extend(text[pos:])
        spaces = [False] * len(words)
        for k in flagged:
            spaces[k] = True
        return words, spaces

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        self.check_initialized()
        return self._fast.get_DAG(sentence)

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:
        self._fast.calc(sentence, DAG, route)


def new_segmenter() -> jieba.Tokenizer:
    """A jieba segmenter of one's own (bundled dictionary): :class:`FastTokenizer` when
    ``jieba_fast_dat`` is installed, else ``jieba.Tokenizer``."""
    try:
        import jieba_fast_dat  # noqa: F401
    except ImportError:
        return jieba.Tokenizer()
    return FastTokenizer()
