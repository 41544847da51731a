"""Character offsets the reportgraph components read from a spaCy ``Doc``, read without
building a ``Token`` or ``Span`` object per token.

``doc.text`` joins every token's text on each access, and ``doc.sents`` and iterating a
doc create a Python object per token: on a long report these cost more than the rules
that use them. The components read the text once (cached in ``doc.user_data``, since a
Doc's text never changes), token offsets once from the token arrays, and the sentence
offsets the sentence splitter recorded.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("One two. Three")
>>> doc_text(doc) == doc.text, token_bounds(doc) == {t.idx for t in doc} | {t.idx + len(t) for t in doc}
(True, True)
>>> doc[3].is_sent_start = True
>>> sentence_offsets(doc) == [(s.start_char, s.end_char) for s in doc.sents]
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_TEXT_KEY = ("reportgraph", "doc_text")
_TOKENS_KEY = ("reportgraph", "token_offsets")
_SENTS_KEY = ("reportgraph", "sentences")


def remember_text(doc: Doc, text: str) -> Doc:
    """Record ``text`` as the doc's text (the tokenizer's input, which a spaCy tokenizer
    reproduces exactly), so :func:`doc_text` never joins the tokens."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (or recorded by :func:`remember_text`)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Every token's start and end offsets, read from the token arrays once per doc (kept
    in ``doc.user_data`` with the number of tokens, which a retokenizer changes)."""
    found = doc.user_data.get(_TOKENS_KEY)
    if isinstance(found, tuple) and found[0] == len(doc):
        return found[1], found[2]
    if not len(doc):
        return [], []
    from spacy.attrs import IDX, LENGTH

    arr = doc.to_array([IDX, LENGTH]).astype("int64")
    starts, ends = arr[:, 0].tolist(), (arr[:, 0] + arr[:, 1]).tolist()
    doc.user_data[_TOKENS_KEY] = (len(doc), starts, ends)
    return starts, ends


def token_bounds(doc: Doc) -> set[int]:
    """The character offsets where a token starts or ends."""
    starts, ends = token_offsets(doc)
    bounds = set(starts)
    bounds.update(ends)
    return bounds


def remember_sentences(doc: Doc, offsets: list[tuple[int, int]]) -> None:
    """Record the sentences a splitter has just set (:func:`sentence_offsets` reads them
    back; a component that moves sentence starts later must record its own)."""
    doc.user_data[_SENTS_KEY] = (len(doc), offsets)


def sentence_offsets(doc: Doc) -> list[tuple[int, int]]:
    """``[(s.start_char, s.end_char) for s in doc.sents]`` (which raises the same error
    when the doc has no sentence boundaries): as the sentence splitter recorded them, else
    read from the token arrays."""
    found = doc.user_data.get(_SENTS_KEY)
    if isinstance(found, tuple) and found[0] == len(doc):
        return list(found[1])
    if not doc.has_annotation("SENT_START") or "sents" in doc.user_hooks or not len(doc):
        return [(s.start_char, s.end_char) for s in doc.sents]
    from spacy.attrs import IDX, LENGTH, SENT_START

    import numpy

    arr = doc.to_array([SENT_START, IDX, LENGTH]).astype("int64")
    first = numpy.flatnonzero(arr[1:, 0] == 1) + 1  # the tokens after the first that open a sentence
    starts = numpy.concatenate(([0], first))
    last = numpy.concatenate((first, [len(arr)])) - 1  # each sentence's last token
    return list(zip(arr[starts, 1].tolist(), (arr[last, 1] + arr[last, 2]).tolist()))
