"""Extraction costs the same per character on a long text as on a short one, with and
without sentence ends (a bounded version of ``benchmarks/bench_linear.py``: it compares
CPU time per character, never a time against a budget)."""

from __future__ import annotations

import time

import pytest

from reportgraph.extract import extract_report, load_pipeline
from reportgraph.nlp.tokenizer import words_and_spaces
from reportgraph.read.report import report_from_text

_PASSAGE = ("2023年，临县政协在县委的领导下，认真贯彻《临县政协协商工作规则》，组织委员围绕乡村振兴战略"
            "开展调研。民盟临县支部与临县政协共同举办“临县发展论坛”，王某某参加会议；李某某提出"
            "关于加快发展小米产业的建议！\n县政协机关签署《临县文史资料选辑》编纂协议，推进全域旅游。\n")


def _cpu_per_char(text: str, *, repeat: int) -> float:
    nlp = load_pipeline()
    report = report_from_text(text, doc_id="linear")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        extract_report(report, nlp=nlp)
        best = min(best, time.process_time() - t0)
    return best / len(text)


@pytest.mark.parametrize("ends", [True, False], ids=["sentence ends", "no sentence ends"])
def test_cost_per_character_does_not_grow_with_length(ends: bool) -> None:
    passage = _PASSAGE if ends else _PASSAGE.translate({ord(c): "，" for c in "。！？；\n"})
    short = passage * 50  # ≈ 8k characters
    long = passage * 1200  # ≈ 190k characters: quadratic costs showed as 3× here
    _cpu_per_char(short, repeat=1)  # warm-up (caches, lazily built tables)
    ratio = _cpu_per_char(long, repeat=1) / _cpu_per_char(short, repeat=5)
    assert ratio < 1.3, f"CPU per character of a 24× longer text is {ratio:.2f}× that of the short one"


def test_words_and_spaces_matches_spacy() -> None:
    from spacy.util import get_words_and_spaces

    text = "代县 政协\n\n签署  《建言》 \t与 x y\n"
    words = ["代县", " ", "政协", "\n\n", "签署", "  ", "《", "建言", "》", " ", "\t", "与", " ", "x", " ", "y", "\n"]
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)
    with pytest.raises(ValueError):
        words_and_spaces(["代县", "政府"], "代县政协")
