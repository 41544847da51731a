"""Planning a corpus build: the report files below the inputs, their ``doc_id`` and content hash."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from reportgraph.errors import InputError
from reportgraph.read.report import decode, discover, doc_id_for, read_bytes
from reportgraph.corpus.records import CorpusFile


def _expand(inputs: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """Inputs with glob patterns (``reports/**/*.txt``) expanded, sorted; a pattern that
    matches nothing is an :class:`InputError`."""
    import glob

    out: list[Path] = []
    for item in inputs:
        text = str(item)
        if not Path(text).exists() and any(c in text for c in "*?["):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: the pattern matches no file")
            out.extend(Path(m) for m in matches)
        else:
            out.append(Path(item))
    return out


def corpus_files(inputs: Sequence[str | os.PathLike[str]]) -> list[CorpusFile]:
    """Discover the files of ``inputs`` (files, directories, recursively, and glob
    patterns) with their document ids: the path below the directory given, or the stem of
    a file given (or matched by a pattern).

    Two files that would share an id are an :class:`InputError` naming both.
    """
    out: list[CorpusFile] = []
    owner: dict[str, Path] = {}
    for root in _expand(inputs):
        for path in discover([root]):
            if root.is_dir():
                rel = path.relative_to(root).with_suffix("")
                doc_id = doc_id_for(Path("__".join(rel.parts)))
            else:
                doc_id = doc_id_for(path)
            if doc_id in owner and owner[doc_id].resolve() != path.resolve():
                raise InputError(
                    f"{path} and {owner[doc_id]} would both be stored as {doc_id!r}; "
                    "rename one or build them from their common parent directory")
            if doc_id not in owner:
                owner[doc_id] = path
                out.append(CorpusFile(path, doc_id))
    return out


def content_sha256(path: str | os.PathLike[str], *, encoding: str | None = None,
                   max_bytes: int | None = None) -> str:
    """The content hash a report read from ``path`` gets (``Report.sha256``): SHA-256 of
    the decoded text as UTF-8, so the same text in two encodings is the same report."""
    p = Path(path)
    data = read_bytes(p) if max_bytes is None else read_bytes(p, max_bytes=max_bytes)
    text, _ = decode(data, encoding=encoding, name=str(p))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
