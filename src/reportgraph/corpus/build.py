"""The build of a corpus into a store (see :mod:`reportgraph.corpus`), and removing a report."""

from __future__ import annotations

import functools
import os
import threading
import time
from collections import Counter
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from reportgraph.store.bulk import BatchWriter, CorpusStore
from reportgraph.store.remote import open_corpus_store, shown
from reportgraph.errors import InputError, ReportGraphError
from reportgraph.corpus.plan import content_sha256, corpus_files
from reportgraph.corpus.records import BuildProgress, BuildReport, CorpusFile, FileOutcome
from reportgraph.corpus.workers import (_BATCH_BYTES, BATCH, DIED, REPORT_MEMORY, REPORT_SECONDS, _Done, _init_worker,
                                        _joined, _process, rdf_here, roomy_results, with_rdf)


def build_corpus(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    store: str | os.PathLike[str],
    jobs: int = 1,
    model: str | None = None,
    statistical: bool = True,
    config: str | None = None,
    encoding: str | None = None,
    home: str | None = None,
    base_iri: str | None = None,
    progress: BuildProgress | None = None,
    window: int | None = None,
    batch: int = BATCH,
    report_seconds: float | None = REPORT_SECONDS,
    report_memory: int | None = REPORT_MEMORY,
    max_bytes: int | None = None,
) -> BuildReport:
    """Build report files (files and directories, recursively) into the store at ``store``.

    ``jobs`` processes extract in parallel (1 without a memory budget: in this process);
    at most ``window`` reports (default ``4 × jobs``) are in flight, so memory is bounded
    whatever the size of the corpus, and finished reports are written ``batch`` (default
    32) at a time (at most 64 MB of N-Quads) with the bulk loader, in a thread beside the
    loop that feeds the workers, so they never wait for the store. With one job on an
    idle machine the worker only extracts and this process maps each report to RDF.
    Returns the :class:`BuildReport`; a ``KeyboardInterrupt`` stops the build cleanly
    (every report written so far is whole) and is raised again.

    Files over ``max_bytes`` (default: the reader's limit) are refused. Each report has a
    budget: ``report_seconds`` of extraction and ``report_memory`` bytes beyond the loaded
    pipeline (``None``: no limit); one over budget is reported as failed with its reason
    and the rest are built. A worker process that dies (killed, or aborted in native code)
    fails only the report it was extracting: the others are extracted again. Workers end
    when the build's process ends, whatever ended it.

    Raises :class:`InputError` when the inputs cannot be discovered and
    :class:`StoreError` when the store cannot be opened.
    """
    if jobs < 1:
        raise ReportGraphError(f"jobs must be at least 1, not {jobs}")
    t_start = time.perf_counter()
    report = BuildReport(store=shown(str(store)), jobs=jobs)
    files = corpus_files(inputs)
    report.files = len(files)
    timings = Counter[str]()
    with open_corpus_store(store) as cs:
        if hasattr(cs, "check_layout"):  # an on-disk store written by an earlier version is refused
            cs.check_layout()
        report.stale_dropped += len(cs.recover())  # a bulk load cut short by a crash
        in_store = cs.reports()
        by_doc: dict[str, list[tuple[str, str]]] = {}
        by_sha: dict[str, str] = {}
        for g, doc, sha in in_store:
            by_doc.setdefault(doc, []).append((g, sha))
            by_sha.setdefault(sha, doc)
        timings["plan"] += time.perf_counter() - t_start
        if progress is not None:
            progress.start(len(files))
        outcomes = _run(files, cs, by_doc, by_sha, report, timings, jobs=jobs, model=model,
                        statistical=statistical, config=config, encoding=encoding, home=home, base_iri=base_iri, window=window or 4 * jobs,
                        batch=max(1, batch), budget=(report_seconds, report_memory), max_bytes=max_bytes)
        drain(outcomes, report, cs, progress, timings, t_start)
    return report


def drain(outcomes: Generator[FileOutcome, None, None], report: BuildReport, cs: Any,
          progress: BuildProgress | None, timings: Counter[str], t_start: float) -> None:
    """Record each file's outcome as it comes, then the store's totals and the timings;
    closing ``outcomes`` (a generator) stops the workers at once if the build did not
    finish. Shared by the local pool and the Dask build."""
    completed = False
    try:
        for outcome in outcomes:
            _record(report, outcome)
            if progress is not None:
                progress.advance(outcome)
        completed = True
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    finally:
        outcomes.close()
        if progress is not None:
            progress.finish()
        t0 = time.perf_counter()
        if completed and hasattr(cs, "settle"):  # an on-disk store: rewritten compactly after a
            cs.settle(report.added + report.replaced)  # build that wrote much of it (store.rewrite)
            timings["compact"] += time.perf_counter() - t0
            t0 = time.perf_counter()
        if not report.interrupted:
            report.store_entities = cs.entity_counts()
            report.store_reports = len({sha for _, _, sha in cs.reports()})
            report.type_conflicts = cs.type_conflicts()
        timings["finish"] += time.perf_counter() - t0
        report.timings = dict(timings)
        report.timings["wall"] = time.perf_counter() - t_start


def _record(report: BuildReport, o: FileOutcome) -> None:
    if o.status == "added":
        report.added += 1
    elif o.status == "replaced":
        report.replaced += 1
    elif o.status == "skipped":
        report.skipped += 1
    elif o.status == "duplicate":
        report.duplicates += 1
    elif o.status == "failed":
        report.failed += 1
        report.failures.append({"path": o.path, "reason": o.reason or "unknown error"})
    if o.status in ("added", "replaced"):
        report.chars += o.chars
        report.entities.update(o.entities)
        report.relations.update(o.relations)
    for w in o.warnings:
        report.warnings.append({"path": o.path, "warning": w})


def _run(
    files: list[CorpusFile],
    cs: CorpusStore,
    by_doc: dict[str, list[tuple[str, str]]],
    by_sha: dict[str, str],
    report: BuildReport,
    timings: Counter[str],
    *,
    jobs: int,
    model: str | None,
    statistical: bool,
    encoding: str | None,
    home: str | None,
    base_iri: str | None,
    window: int,
    batch: int,
    budget: tuple[float | None, int | None] = (None, None),
    max_bytes: int | None = None,
    config: str | None = None,
) -> Iterator[FileOutcome]:
    """Plan each file (skip, duplicate or extract), extract the rest, write each result."""
    seen_sha: dict[str, str] = {}

    def plan(files: Iterable[CorpusFile]) -> Iterator[CorpusFile | FileOutcome]:
        for f in files:
            t0 = time.perf_counter()
            try:
                sha = content_sha256(f.path, encoding=encoding, max_bytes=max_bytes)
            except ReportGraphError as err:
                yield FileOutcome(str(f.path), f.doc_id, "failed", reason=str(err))
                continue
            finally:
                timings["plan"] += time.perf_counter() - t0
            current = by_doc.get(f.doc_id, [])
            if any(s == sha for _, s in current):
                stale = [g for g, s in current if s != sha]
                for g in stale:  # a replacement interrupted after its new graph went in
                    with lock:
                        cs.drop(g)
                report.stale_dropped += len(stale)
                seen_sha[sha] = f.doc_id
                yield FileOutcome(str(f.path), f.doc_id, "skipped", sha256=sha)
            elif sha in seen_sha or (sha in by_sha and by_sha[sha] != f.doc_id):
                other = seen_sha.get(sha) or by_sha[sha]
                yield FileOutcome(str(f.path), f.doc_id, "duplicate", sha256=sha,
                                  reason=f"same text as {other!r}, already in the store")
            else:
                seen_sha[sha] = f.doc_id
                yield f

    def outcome(done: _Done, old: list[str]) -> FileOutcome:
        timings["extract"] += done.extract_s
        timings["rdf"] += done.rdf_s
        return FileOutcome(done.path, done.doc_id, "replaced" if old else "added", sha256=done.sha256,
                           chars=done.chars, entities=done.entities, relations=done.relations,
                           warnings=done.warnings, seconds=done.extract_s + done.rdf_s)

    def write(done: _Done) -> FileOutcome:
        if done.error is not None or done.sha256 is None:
            return FileOutcome(done.path, done.doc_id, "failed", reason=done.error)
        t0 = time.perf_counter()
        old = [g for g, s in by_doc.get(done.doc_id, []) if s != done.sha256]
        try:
            cs.put_many([done.graph], done.nquads, done.ntriples)
            for g in old:
                cs.drop(g)
        except (OSError, ValueError, SyntaxError, ReportGraphError) as err:
            return FileOutcome(done.path, done.doc_id, "failed", reason=f"cannot write to the store: {err}")
        finally:
            timings["store"] += time.perf_counter() - t0
        return outcome(done, old)

    def write_batch(done: list[_Done]) -> list[FileOutcome]:
        """Bulk-load finished reports; if that fails, write them one by one (each in a
        transaction) so only a bad one fails."""
        with lock:
            if len(done) == 1:
                return [write(done[0])]
            t0 = time.perf_counter()
            try:
                cs.put_many([d.graph for d in done], _joined(d.nquads for d in done),
                            _joined(d.ntriples for d in done))
            except (OSError, ValueError, SyntaxError, ReportGraphError):
                timings["store"] += time.perf_counter() - t0
                return [write(d) for d in done]
            out = []
            for d in done:
                old = [g for g, s in by_doc.get(d.doc_id, []) if s != d.sha256]
                for g in old:
                    cs.drop(g)
                out.append(outcome(d, old))
            timings["store"] += time.perf_counter() - t0
            return out

    # The store is written in a thread beside the loop that extracts (with one job) or
    # feeds the workers: pyoxigraph's bulk loader releases the GIL, so extraction goes on
    # while a batch is loaded.
    lock = threading.Lock()
    writer: BatchWriter[_Done, FileOutcome] = BatchWriter(write_batch)
    buffer: list[_Done] = []

    def flush() -> list[FileOutcome]:
        done = list(buffer)
        buffer.clear()
        if not done:
            return []
        writer.submit(done)
        return writer.finished()

    def take(done: _Done) -> list[FileOutcome]:
        """Buffer a finished report (mapping it to RDF here if its worker did not); flush
        when the batch is full."""
        if done.error is not None or done.sha256 is None:
            return [FileOutcome(done.path, done.doc_id, "failed", reason=done.error)]
        if done.extraction is not None:
            try:
                done = with_rdf(done, base_iri)
            except Exception as err:  # noqa: BLE001 - as in a worker: one bad report must not stop the corpus
                return [FileOutcome(done.path, done.doc_id, "failed", reason=f"{type(err).__name__}: {err}")]
        buffer.append(done)
        if len(buffer) >= batch or sum(len(d.nquads) + len(d.ntriples) for d in buffer) >= _BATCH_BYTES:
            return flush()
        return []

    if jobs == 1 and not budget[1]:
        # In this process: no memory budget to hold. With one, the report is extracted in
        # one worker process as with more jobs, since a limit on this process would hold the
        # store's writer thread to it too, and a native allocation failing under it aborts
        # the whole build (Rust and C++ abort on a failed allocation; only a worker can die
        # of it alone).
        try:
            loaded = False  # the pipeline is loaded for the first file to extract, not before
            for item in plan(files):
                if isinstance(item, FileOutcome):
                    yield item
                else:
                    if not loaded:
                        t0 = time.perf_counter()
                        _init_worker(model, base_iri, statistical, budget[0], budget[1], max_bytes, in_worker=False, config=config)
                        timings["startup"] += time.perf_counter() - t0
                        loaded = True
                    done = _process(str(item.path), item.doc_id, encoding, home)
                    yield from take(done)
                    yield from writer.finished()
            yield from flush()
            yield from writer.close()
        except BaseException:
            writer.abort()  # the batch being loaded finishes; a queued one is dropped
            raise
        return

    import multiprocessing as mp

    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")

    def new_pool() -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                                   initializer=functools.partial(_init_worker, config=config),
                                   initargs=(model, base_iri, statistical, budget[0], budget[1], max_bytes,
                                             os.getpid()))
        roomy_results(pool)
        return pool

    def stop(pool: ProcessPoolExecutor) -> None:
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(timeout=10)

    pool = new_pool()
    pending: dict[Future[_Done], CorpusFile] = {}
    # One job on an idle machine leaves a core to this process, whose writer is idle most of
    # the time: the RDF is made here (rdf_here). Otherwise each worker maps its own reports.
    rdf = not rdf_here(jobs)

    def submit(item: CorpusFile) -> None:
        pending[pool.submit(_process, str(item.path), item.doc_id, encoding, home, None, rdf)] = item

    def alone(item: CorpusFile) -> Iterator[FileOutcome]:
        """Extract one report with no other in flight: if its worker dies, it was this one."""
        nonlocal pool
        fut = pool.submit(_process, str(item.path), item.doc_id, encoding, home, None, rdf)
        try:
            done = fut.result()
        except BrokenProcessPool:
            stop(pool)
            pool = new_pool()
            yield FileOutcome(str(item.path), item.doc_id, "failed", reason=DIED)
            return
        yield from take(done)

    def reap(limit: int) -> Iterator[FileOutcome]:
        """Collect finished reports until fewer than ``limit`` are in flight. When a worker
        dies the pool is lost: the reports in flight are extracted again one at a time,
        so only the one that killed its worker fails."""
        nonlocal pool
        while pending and len(pending) >= limit:
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            broken: list[CorpusFile] = []
            for fut in finished:
                item = pending.pop(fut)
                try:
                    done = fut.result()
                except BrokenProcessPool:
                    broken.append(item)
                    continue
                yield from take(done)
            if broken:
                broken += list(pending.values())
                pending.clear()
                stop(pool)
                pool = new_pool()
                for item in sorted(broken, key=lambda f: str(f.path)):
                    yield from alone(item)
            yield from writer.finished()

    try:
        for item in plan(files):
            if isinstance(item, FileOutcome):
                yield item
                continue
            submit(item)
            yield from reap(window)
        yield from reap(1)
        yield from flush()
        yield from writer.close()
    except BaseException:
        # Interrupted (or the consumer stopped): drop the queued work and stop the workers
        # now; every report written so far is whole.
        stop(pool)
        writer.abort()  # the batch being loaded finishes; queued ones are dropped
        raise
    pool.shutdown(wait=True)


# ------------------------------------------------------------------------------ removing


def remove_report(store: str | os.PathLike[str], doc: str | os.PathLike[str]) -> list[str]:
    """Drop one report from the store; return the doc ids dropped.

    ``doc`` is a document id (as the build report lists them), a content hash (or a
    prefix of at least 8 hex digits), or the path of a file, whose content identifies it.
    Raises :class:`InputError` when nothing matches and when a hash prefix is ambiguous.
    """
    with open_corpus_store(store, create=False) as cs:  # a directory or a SPARQL server's URL
        reports = cs.reports()
        key = str(doc)
        hits = [(g, d) for g, d, s in reports if d == key]
        if not hits and len(key) >= 8 and all(c in "0123456789abcdef" for c in key.lower()):
            hits = [(g, d) for g, d, s in reports if s.startswith(key.lower())]
            if len({g for g, _ in hits}) > 1:
                raise InputError(f"hash prefix {key!r} matches {len(hits)} reports; give more digits")
        if not hits and Path(key).is_file():
            sha = content_sha256(key)
            hits = [(g, d) for g, d, s in reports if s == sha]
        if not hits:
            raise InputError(f"{key!r}: no such report in {store} (give a doc id, a content hash or the file)")
        for g in sorted({g for g, _ in hits}):
            cs.drop(g)
        return sorted({d for _, d in hits})
