"""Run the pipeline on reports: the library's main entry point for extraction.

>>> x = extract_text("代县政协在山西省。", doc_id="demo")
>>> sorted(e.name for e in x.entities if e.type.value == "AdministrativeArea")
['代县', '山西省']
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .from_doc import from_doc
from .model import Extraction, Report
from .read import read_report, report_from_text

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """The reportgraph pipeline (built once per process and model)."""
    from .nlp import build_pipeline

    return build_pipeline(model=model)


def extract_report(report: Report, *, nlp: Language | None = None) -> Extraction:
    """Extract entities and relations from a decoded report."""
    nlp = nlp or load_pipeline()
    if len(report.clean) >= nlp.max_length:
        nlp.max_length = len(report.clean) + 1  # the blank pipeline holds no parser memory
    doc = nlp.make_doc(report.clean)
    doc._.rg_report = report
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return from_doc(doc)


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
