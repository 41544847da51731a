"""Run the pipeline on reports: the library's main entry point for extraction.

>>> x = extract_text("山西省代县政协签署《代县建言》。", doc_id="demo")
>>> sorted((e.type.value, e.name) for e in x.entities)
[('AdministrativeArea', '代县'), ('AdministrativeArea', '山西省'), ('Document', '《代县建言》'), ('Organization', '代县政协')]
>>> names = {e.key: e.name for e in x.entities}
>>> [(names[r.subject], r.predicate.value, names[r.object]) for r in x.relations if r.predicate.value == "authored"]
[('代县政协', 'authored', '《代县建言》')]
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from reportgraph.nlp.doc_offsets import remember_text
from reportgraph.nlp.from_doc import from_doc
from reportgraph.model import Extraction, Report
from reportgraph.read.report import read_report, report_from_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, *, statistical: bool = True, config: str | None = None) -> Language:
    """The reportgraph pipeline (built once per process, model, switch and config);
    ``statistical=False`` leaves out the statistical NER stage, ``config`` is a config file
    whose settings replace the shipped ones (:func:`reportgraph.nlp.pipeline.build_pipeline`).

    The pipeline's tables (jieba's dictionary, the divisions, the gazetteer: millions of
    objects that live as long as the process) are moved out of the garbage collector's
    reach (``gc.freeze``), so a long text, whose many objects trigger full collections,
    does not pay for traversing them again and again."""
    import gc

    from reportgraph.nlp.pipeline import build_pipeline

    nlp = build_pipeline(model=model, statistical=statistical, config=config)
    gc.collect()
    gc.freeze()
    return nlp


SENTENCE_ENDS = "。！？!?；;\n"


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive pieces of at most ``limit`` characters, each ending at a
    sentence end where there is one (else at the limit), never inside a grapheme cluster
    (a base and its combining marks, a ZWJ emoji sequence, CRLF, a surrogate pair).

    >>> chunk_bounds("一。二三。四五六。", 5)
    [(0, 5), (5, 9)]
    """
    bounds = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind(c) for c in SENTENCE_ENDS) + 1
        end = start + (cut if cut > 0 else limit)
        safe = end  # never cut a character from its combining marks, a ZWJ sequence or CRLF
        while safe > start + 1 and _joined(text[safe - 1], text[safe]):
            safe -= 1
        if not _joined(text[safe - 1], text[safe]):  # else one huge cluster: cut it at the limit
            end = safe
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _joined(a: str, b: str) -> bool:
    """Whether a cut between ``a`` and ``b`` would split one user-perceived character."""
    if a == "\r" and b == "\n" or a == "\u200d" or b in "\u200d\u034f":
        return True
    cb = ord(b)
    if 0xFE00 <= cb <= 0xFE0F or 0xE0100 <= cb <= 0xE01EF or 0x1F3FB <= cb <= 0x1F3FF:
        return True  # variation selectors, emoji skin tones
    if 0xD800 <= ord(a) <= 0xDBFF and 0xDC00 <= cb <= 0xDFFF:
        return True  # a surrogate pair (text decoded with surrogatepass)
    return unicodedata.category(b) in ("Mn", "Mc", "Me")


def make_doc(nlp: Language, report: Report) -> Doc:
    """The report tokenized as one Doc, not yet processed, with ``doc._.rg_report`` set.

    The whole text is tokenized at once (the tokenizer is linear in its length, and spaCy's
    ``max_length`` guards ``nlp(text)``, not a Doc), so every offset points into the text
    as read. Run the pipeline on it with ``nlp(doc)`` or ``nlp.pipe(docs)``.
    """
    from reportgraph.nlp.extensions import register_extensions

    register_extensions(("rg_report",))
    doc = remember_text(nlp.tokenizer(report.clean), report.clean)
    doc._.rg_report = report
    return doc


def extract_report(report: Report, *, nlp: Language | None = None) -> Extraction:
    """Extract entities and relations from a decoded report: ``nlp(doc)``, every component
    of the pipeline in its order (a component of one's own included).

    Invisible characters (zero-width, word joiner, soft hyphen, bidi controls) are
    removed before matching, so they cannot split a name (:mod:`reportgraph.read.hygiene`),
    and the pipeline reads the report's Simplified-character view (the report itself when
    it has no Traditional character); the extraction has the offsets and text as written.
    """
    from reportgraph.read.hygiene import compact_report, map_back
    from reportgraph.read.report import clean_text

    found = compact_report(report, clean_text)
    if found is not None:
        inner, origin = found
        return map_back(_extract(inner, nlp), report, origin)
    return _extract(report, nlp)


def _extract(report: Report, nlp: Language | None) -> Extraction:
    from reportgraph.read.simplified import simplified_view

    nlp = nlp or load_pipeline()
    view = simplified_view(report)
    return view.restore(from_doc(nlp(make_doc(nlp, view.report))))


def extract_reports(reports: Iterable[Report], *, nlp: Language | None = None,
                    batch_size: int = 8) -> Iterator[Extraction]:
    """Extract many reports through ``nlp.pipe``, in order (as :func:`extract_report` each)."""
    from reportgraph.read.simplified import simplified_view

    nlp = nlp or load_pipeline()
    views = [simplified_view(r) for r in reports]
    docs = nlp.pipe((make_doc(nlp, v.report) for v in views), batch_size=batch_size)
    for view, doc in zip(views, docs):
        yield view.restore(from_doc(doc))


def extract_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    home: str | None = None,
    max_bytes: int | None = None,
    model: str | None = None,
    statistical: bool = True,
    config: str | None = None,
    nlp: Language | None = None,
    on_read: Callable[[Report], None] | None = None,
    on_done: Callable[[Extraction], None] | None = None,
) -> list[Extraction]:
    """Read every file first (so a bad file stops the run before anything is extracted,
    or the pipeline loaded), then extract them all. ``on_read`` is called with each report
    read, ``on_done`` with each extraction."""
    from reportgraph.read.report import MAX_BYTES

    limit = MAX_BYTES if max_bytes is None else max_bytes
    reports = [read_report(p, encoding=encoding, home=home, max_bytes=limit) for p in paths]
    for r in reports:
        if on_read is not None:
            on_read(r)
    nlp = nlp or load_pipeline(model, statistical=statistical, config=config)
    out = []
    for x in extract_reports(reports, nlp=nlp):
        out.append(x)
        if on_done is not None:
            on_done(x)
    return out


def extract_text(
    text: str, *, doc_id: str = "text", home: str | None = None, nlp: Language | None = None
) -> Extraction:
    """Extract from a string."""
    return extract_report(report_from_text(text, doc_id=doc_id, home=home), nlp=nlp)


def extract_path(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    home: str | None = None,
    doc_id: str | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Read and extract one report file."""
    report = read_report(path, encoding=encoding, home=home, doc_id=doc_id)
    return extract_report(report, nlp=nlp)


def with_doc_id(extraction: Extraction, doc_id: str) -> Extraction:
    """The same extraction under another document id (offsets unchanged)."""
    return replace(extraction, report=replace(extraction.report, doc_id=doc_id))
