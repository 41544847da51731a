"""The pipeline's jieba segmenter (reportgraph.nlp.segmenter): jieba's words, with the DAG
and route found in C++ when jieba_fast_dat is installed."""

from __future__ import annotations

import os
import sys

import jieba
import pytest

from reportgraph.nlp import segmenter
from reportgraph.nlp.segmenter import FastTokenizer, new_segmenter

pytest.importorskip("jieba_fast_dat")

# Passages written for the test: Simplified and Traditional text, names jieba does not
# know (cut by its HMM), numbers, percentages, Latin letters and mixed punctuation.
PASSAGES = [
    "王某某同志代表政协青松县第九届委员会常务委员会向大会报告工作，请予审议。",
    "全年共提交提案236件，立案212件，办复率达98.6%，较上年提高3.5个百分点。",
    "李某某、赵某某等18名委员深入白杨镇、红柳乡开展“乡村振兴·委员在行动”调研。",
    "中國人民政治協商會議青松縣委員會常務委員會工作報告，團結聯繫的各族各界人士。",
    "围绕APP推广和5G基站建设，召开了2次专题协商会（线上+线下）。",
    "坚持协商于民、协商为民，推动了全县各项工作提质增效。",
]
ADDED = ["青松县政协", "白杨镇", "红柳乡", "乡村振兴·委员在行动"]


def _pair() -> tuple[jieba.Tokenizer, FastTokenizer]:
    plain, fast = jieba.Tokenizer(), FastTokenizer()
    for word in ADDED:
        plain.add_word(word, freq=2000)
        fast.add_word(word, freq=2000)
    return plain, fast


def test_same_words_as_jieba() -> None:
    plain, fast = _pair()
    for text in PASSAGES + ["\n".join(PASSAGES)]:
        assert list(fast.cut(text)) == list(plain.cut(text))


def test_added_word_changes_the_cut() -> None:
    plain, fast = jieba.Tokenizer(), FastTokenizer()
    text = "委员深入红柳乡调研"
    before = list(fast.cut(text))
    plain.add_word("深入红柳乡", freq=2000)
    fast.add_word("深入红柳乡", freq=2000)
    assert "深入红柳乡" not in before
    assert list(fast.cut(text)) == list(plain.cut(text)) and "深入红柳乡" in list(fast.cut(text))


def test_total_is_jiebas() -> None:
    """jieba counts a word listed twice in its dictionary twice; the trie once."""
    plain, fast = jieba.Tokenizer(), FastTokenizer()
    plain.initialize()
    fast.initialize()
    assert fast.total == plain.total
    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    assert segmenter._jieba_total(path) == plain.total


def test_dag_and_route_are_jiebas() -> None:
    plain, fast = _pair()
    for text in PASSAGES:
        for block in jieba.re_han_default.split(text):
            if not block or not jieba.re_han_default.match(block):
                continue
            dag = fast.get_DAG(block)
            assert dag == plain.get_DAG(block)
            ra: dict = {}
            rb: dict = {}
            plain.calc(block, dag, ra)
            fast.calc(block, dag, rb)
            assert ra == rb


def test_suggested_frequency_is_refused() -> None:
    with pytest.raises(NotImplementedError, match="positive frequency"):
        FastTokenizer().add_word("红柳乡")


def test_without_jieba_fast_dat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jieba_fast_dat", None)
    seg = new_segmenter()
    assert type(seg) is jieba.Tokenizer


def test_doc_words_are_jiebas_words_aligned() -> None:
    """``doc_words`` gives the Doc's words and spaces that aligning jieba's words with the
    text gives: whitespace runs one token, one space after a word its flag."""
    from reportgraph.nlp.tokenizer import words_and_spaces

    plain, fast = _pair()
    spaced = [
        "  王某某 同志\n\n代表政协 青松县\t第九届委员会  ，请予审议。 \n",
        "APP 推广 和 5G\r\n基站\u3000建设 ，\n \n 召开了 2 次 专题协商会 ",
        " ", "", "\n", "，", "“乡村振兴·委员在行动”  \n\t ",
    ]
    for text in PASSAGES + spaced + [" ".join(PASSAGES), "\n\n".join(PASSAGES)]:
        expected = words_and_spaces([w for w in plain.cut(text) if w], text)
        assert fast.doc_words(text) == expected
        words, spaces = expected
        assert "".join(w + " " * s for w, s in zip(words, spaces)) == text


def test_blocks_cut_in_cpp_are_jiebas() -> None:
    """Blocks of digits and the Han characters jieba's HMM knows are cut wholly in C++;
    random such blocks (words of the dictionary, runs of characters it has no word for,
    digits) get jieba's words, and so do blocks with other characters, cut the other way."""
    import random

    from jieba import finalseg

    plain, fast = _pair()
    fast.initialize()
    known = sorted(set.intersection(*(set(finalseg.emit_P[s]) for s in "BMES")))
    words = ["政协", "委员会", "常务", "调研", "乡村振兴", "青松县政协", "白杨镇", "协商", "2021", "36"]
    rng = random.Random(7)
    blocks = ["".join(rng.choice(words) if rng.random() < 0.4 else rng.choice(known)
                      for _ in range(rng.randint(1, 14))) for _ in range(400)]
    assert segmenter._CPP_SAFE is not None and all(segmenter._CPP_SAFE.fullmatch(b) for b in blocks)
    unseen = next(c for c in "瀋鬱龘靐" if c not in known)  # a character the HMM never saw
    others = [f"政协{unseen}阳市委员会", "5G基站", "98.6%提高", "线上+线下"]
    assert not any(segmenter._CPP_SAFE.fullmatch(b) for b in others)
    for block in blocks + others:
        assert list(fast.cut(block)) == list(plain.cut(block)), block
