"""Build a corpus of reports into a graph store: parallel, streaming, incremental.

:func:`build_corpus` discovers report files (recursively), skips the ones whose content is
already in the store, extracts the others over ``jobs`` processes (each worker loads the
pipeline once) and streams each report's named graph into the store as soon as it is
done, so memory does not grow with the corpus. Workers send back N-Quads bytes (cheaper
to pickle than an :class:`~reportgraph.model.Extraction` and already in the store's
format) and a few counts; with one job on an idle machine the worker sends the extraction
and the building process maps it to RDF beside its store writer, on the core the worker
leaves free.

Identity and bookkeeping:

- A report is identified by its content (``Report.sha256``); its named graph and report
  node are minted from that hash by :mod:`reportgraph.rdf.to_rdf`, and the graph itself records
  ``rg:docId`` and ``rg:sha256``. The graph *is* the bookkeeping: a report is in the store
  exactly when its graph is. Finished reports are bulk-loaded a batch at a time between
  two transactions (graphs marked as loading, loaded, marks removed); a build that finds
  marks left by a crash drops those graphs first. So an interrupted build resumes where it
  stopped, without duplicates or half-written reports.
- ``doc_id`` names a file: its path below the directory given (``shanxi/daixian-2021.txt``
  → ``shanxi_daixian-2021``), or its stem for a file given by name. A file whose
  ``doc_id`` is in the store with another hash has changed: its new graph goes in, then
  the old one is dropped (a crash in between leaves both, and the next build drops the
  stale one). Identical content under a second name is skipped as a duplicate.
- A file that cannot be read or extracted is reported with its reason; the rest is built.
- Entities merge across reports by IRI (same key, same IRI); a key that appears with two
  entity types is reported in :attr:`BuildReport.type_conflicts`.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "in").mkdir(), (d / "in" / "a.txt").write_text("代县政协在山西省。", encoding="utf-8")
>>> r = build_corpus([d / "in"], store=d / "store")
>>> r.added, r.skipped, r.failed
(1, 0, 0)
>>> build_corpus([d / "in"], store=d / "store").skipped
1
"""

from __future__ import annotations

from reportgraph.corpus.build import build_corpus, remove_report
from reportgraph.corpus.plan import content_sha256, corpus_files
from reportgraph.corpus.progress import RichProgress
from reportgraph.corpus.records import BuildProgress, BuildReport, CorpusFile, FileOutcome, write_build_report
from reportgraph.corpus.workers import _Done
from reportgraph.store.bulk import CorpusStore

__all__ = ["BuildProgress", "BuildReport", "CorpusFile", "CorpusStore", "FileOutcome", "RichProgress", "_Done",
           "build_corpus", "content_sha256", "corpus_files", "remove_report", "write_build_report"]
