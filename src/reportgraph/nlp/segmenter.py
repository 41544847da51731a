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
        fast = self._fast
        route: list[int] = []
        self._route(fast.dat, sentence, route, float(self.total))
        x = 0
        buf = ""
        n = len(sentence)
        while x < n:
            y = route[x] + 1
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    if len(buf) == 1:
                        yield buf
                    elif not fast.get_freq(buf):
                        yield from _hmm_cut(buf, self._viterbi)
                    else:
                        yield from buf
                    buf = ""
                yield sentence[x:y]
            x = y
        if buf:
            if len(buf) == 1:
                yield buf
            elif not fast.get_freq(buf):
                yield from _hmm_cut(buf, self._viterbi)
            else:
                yield from buf

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
