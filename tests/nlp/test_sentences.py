"""The sentence splitter: marks and line breaks found for all tokens at once give the
sentences the token-by-token rule gives, long sentences included; the offsets it records
are those of ``doc.sents``."""

from __future__ import annotations

import random

import spacy

from reportgraph.nlp.doc_offsets import sentence_offsets, token_bounds
from reportgraph.nlp.pipeline import CLAUSE_END, LONG_SENTENCE, SENTENCE_END, sentence_opens, split_sentences


def _one_by_one(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """The rule as written: walk the tokens, open a sentence after a mark or a line break,
    or after a clause end (or anywhere) once the sentence is long."""
    out = [0]
    opened = 0
    for i in range(1, len(starts)):
        prev_start, prev_end = starts[i - 1], ends[i - 1]
        last = text[prev_end - 1:prev_end]
        if last in SENTENCE_END or "\n" in text[prev_start:prev_end] or (
                prev_end - opened > LONG_SENTENCE
                and (last in CLAUSE_END or prev_end - opened > 2 * LONG_SENTENCE)):
            out.append(i)
            opened = starts[i]
    return out


def _tokens(rng: random.Random, n: int, marks: str) -> tuple[str, list[int], list[int]]:
    words = ["政协", "委员", "县", "会议", "开展", "调研", "某某", "a b", " "] + list(marks)
    text, starts, ends = "", [], []
    for _ in range(n):
        w = rng.choice(words)
        starts.append(len(text))
        text += w
        ends.append(len(text))
        if rng.random() < 0.1:
            text += " "  # a space after a token, outside it
    return text, starts, ends


def test_sentence_opens_are_the_token_by_token_rule():
    rng = random.Random(3)
    cases = [("。，", 400), ("，、", 900), ("", 1200), ("。！？；;!?，,：:、", 3000), ("。", 1),
             ("\n，", 900), (["\n\n", "，"], 900), (["，\n"], 900)]
    for marks, n in cases:
        for _ in range(20):
            text, starts, ends = _tokens(rng, n, marks)
            assert sentence_opens(text, starts, ends) == _one_by_one(text, starts, ends)


def test_a_text_without_sentence_ends_is_cut_into_long_sentences():
    text = "某某开展调研，" * 400
    starts = list(range(0, len(text), 7))
    ends = [s + 7 for s in starts]
    opens = sentence_opens(text, starts, ends)
    assert len(opens) > 4
    assert opens == _one_by_one(text, starts, ends)


def test_recorded_offsets_are_those_of_doc_sents():
    nlp = spacy.blank("zh")
    text = "县政协召开会议。委员们\n开展调研！" + "某某，" * 300 + "结束"
    doc = split_sentences(nlp.make_doc(text))
    assert sentence_offsets(doc) == [(s.start_char, s.end_char) for s in doc.sents]
    assert token_bounds(doc) == {t.idx for t in doc} | {t.idx + len(t) for t in doc}
    doc[3].is_sent_start = False
    doc2 = nlp.make_doc(text)
    for i, t in enumerate(doc):
        doc2[i].is_sent_start = t.is_sent_start
    assert sentence_offsets(doc2) == [(s.start_char, s.end_char) for s in doc.sents]
