"""Build a corpus of reports into a graph store: parallel, streaming, incremental.

:func:`build_corpus` discovers report files (recursively), skips the ones whose content is
already in the store, extracts the others over ``jobs`` processes (each worker loads the
pipeline once) and streams each report's named graph into the store as soon as it is
done, so memory does not grow with the corpus. Workers send back N-Quads bytes (cheaper
to pickle than an :class:`~reportgraph.model.Extraction` and already in the store's
format) and a few counts.

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

import hashlib
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from reportgraph.store.bulk import BatchWriter, CorpusStore
from reportgraph.errors import InputError, ReportGraphError
from reportgraph.read.report import decode, discover, doc_id_for, read_bytes

# ------------------------------------------------------------------------------ records


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A file of the corpus and the document id it is stored under."""

    path: Path
    doc_id: str


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What a build did with one file.

    ``status`` is ``added``, ``replaced``, ``skipped`` (already in the store),
    ``duplicate`` (its content is in the store under another id) or ``failed``.
    """

    path: str
    doc_id: str
    status: str
    sha256: str | None = None
    reason: str | None = None
    chars: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(slots=True)
class BuildReport:
    """The per-build report: what was read, skipped and failed, what the store now holds,
    and where the time went. :meth:`to_json` for machines, :meth:`summary` for people."""

    store: str
    jobs: int
    files: int = 0
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    stale_dropped: int = 0
    chars: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    #: Entities and relations extracted by this build (per report, summed).
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    #: Distinct entities by type and reports in the whole store after the build.
    store_entities: dict[str, int] = field(default_factory=dict)
    store_reports: int = 0
    #: Keys and names found with more than one entity type:
    #: ``{"by": "key"|"name", "key": ..., "types": [...]}``.
    type_conflicts: list[dict[str, Any]] = field(default_factory=list)
    #: Seconds: ``wall``, ``plan`` (discovery and hashing), ``startup`` (loading the
    #: pipeline, with one job), ``extract`` and ``rdf`` (summed over workers), ``store``
    #: (writing, in the parent), ``finish`` (store-wide counts and conflicts).
    timings: dict[str, float] = field(default_factory=dict)
    interrupted: bool = False

    @property
    def chars_per_second(self) -> float:
        """Characters of extracted reports per wall-clock second."""
        wall = self.timings.get("wall", 0.0)
        return self.chars / wall if wall else 0.0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (sorted keys within each section)."""
        data = asdict(self)
        data["entities"] = dict(sorted(self.entities.items()))
        data["relations"] = dict(sorted(self.relations.items()))
        data["timings"] = {k: round(v, 3) for k, v in sorted(self.timings.items())}
        data["chars_per_second"] = round(self.chars_per_second)
        return data

    def summary(self) -> str:
        """A readable summary (several lines, no trailing newline)."""
        t = self.timings
        lines = [
            f"store: {self.store}" + ("  (interrupted: run the build again to resume)" if self.interrupted else ""),
            f"files: {self.files}  added: {self.added}  replaced: {self.replaced}  "
            f"unchanged: {self.skipped}  duplicates: {self.duplicates}  failed: {self.failed}",
            f"characters extracted: {self.chars:,} in {t.get('wall', 0):.1f} s "
            f"({self.chars_per_second:,.0f}/s with {self.jobs} job{'s' if self.jobs != 1 else ''})",
        ]
        if self.entities:
            lines.append("extracted entities: " + ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())))
        if self.relations:
            lines.append("extracted relations: " + ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())))
        if self.store_entities:
            lines.append(f"store: {self.store_reports} reports; distinct entities: "
                         + ", ".join(f"{k} {v}" for k, v in sorted(self.store_entities.items())))
        for c in self.type_conflicts[:20]:
            lines.append(f"type conflict: {c['by']} {c['key']!r} is {' and '.join(c['types'])}")
        if len(self.type_conflicts) > 20:
            lines.append(f"... and {len(self.type_conflicts) - 20} more type conflicts (see --json)")
        for f in self.failures:
            lines.append(f"failed: {f['path']}: {f['reason']}")
        lines.append("time: " + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(t.items())))
        return "\n".join(lines)


class BuildProgress(Protocol):
    """What :func:`build_corpus` tells a progress display (see :class:`RichProgress`)."""

    def start(self, total_files: int) -> None: ...

    def advance(self, outcome: FileOutcome) -> None: ...

    def finish(self) -> None: ...


# ------------------------------------------------------------------------------ planning


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


# ------------------------------------------------------------------------------ workers


@dataclass(frozen=True, slots=True)
class _Done:
    """A worker's answer for one file (small and cheap to pickle)."""

    path: str
    doc_id: str
    sha256: str | None = None
    nquads: bytes = b""
    ntriples: bytes = b""  # its part of the merged default graph (to_rdf.union_triples)
    graph: str = ""
    chars: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    error: str | None = None
    extract_s: float = 0.0
    rdf_s: float = 0.0


_WORKER: dict[str, Any] = {}
_BATCH_BYTES = 64 * 2**20
#: Default budgets of one report: seconds of extraction, bytes of memory beyond the
#: loaded pipeline. A report over budget fails with its reason; the rest are built.
REPORT_SECONDS = 600.0
REPORT_MEMORY = 4 * 2**30


def _joined(documents: Iterable[bytes]) -> bytes:
    """N-Quads or N-Triples documents as one (each ends with a line break)."""
    return b"".join(d if d.endswith(b"\n") or not d else d + b"\n" for d in documents)


def _init_worker(model: str | None, base_iri: str | None, report_seconds: float | None = None,
                 report_memory: int | None = None, max_bytes: int | None = None, *,
                 in_worker: bool = True) -> None:
    """Process-pool initializer: load the pipeline once per worker; a worker process ends
    with its parent (whatever signal ended it) and gets the memory budget."""
    from reportgraph import sandbox
    from reportgraph.extract import load_pipeline

    if in_worker:
        sandbox.die_with_parent()
    _WORKER["nlp"] = load_pipeline(model)
    _WORKER["base_iri"] = base_iri
    _WORKER["seconds"] = report_seconds
    _WORKER["max_bytes"] = max_bytes
    if in_worker and report_memory:
        sandbox.limit_memory(report_memory)
    _WORKER["memory"] = report_memory


def _process(path: str, doc_id: str, encoding: str | None, home: str | None) -> _Done:
    """Read, extract and serialise one report; never raises (failures come back as text)."""
    from reportgraph.extract import extract_report, load_pipeline
    from reportgraph.read.report import read_report
    import pyoxigraph as ox

    from reportgraph.rdf.to_rdf import DEFAULT_BASE_IRI, graph_iri, report_quads, union_triples
    from reportgraph.sandbox import OverTime, time_limit

    try:
        nlp = _WORKER.get("nlp") or load_pipeline(None)
        base_iri = _WORKER.get("base_iri") or DEFAULT_BASE_IRI
        t0 = time.perf_counter()
        with time_limit(_WORKER.get("seconds")):
            report = read_report(path, encoding=encoding, home=home, doc_id=doc_id,
                                 **({"max_bytes": _WORKER["max_bytes"]} if _WORKER.get("max_bytes") else {}))
            x = extract_report(report, nlp=nlp)
            t1 = time.perf_counter()
            # unsorted: the store does not care about the order
            quads = report_quads(x, base_iri=base_iri)
            nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
            ntriples = ox.serialize(union_triples(quads), format=ox.RdfFormat.N_TRIPLES) or b""
        t2 = time.perf_counter()
    except OverTime as err:
        return _Done(path, doc_id, error=f"{err} (split the file, or raise --report-seconds)")
    except MemoryError:
        budget = _WORKER.get("memory")
        size = f" of {budget / 2**20:,.0f} MB" if budget else ""
        return _Done(path, doc_id, error=f"over its memory budget{size} (split the file, or raise "
                                         "--report-memory)")
    except ReportGraphError as err:
        return _Done(path, doc_id, error=str(err))
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the corpus
        return _Done(path, doc_id, error=f"{type(err).__name__}: {err}")
    return _Done(
        path, doc_id, sha256=report.sha256, nquads=nquads, ntriples=ntriples, graph=str(graph_iri(report)), chars=len(report.text),
        entities=dict(Counter(e.type.value for e in x.entities)),
        relations=dict(Counter(r.predicate.value for r in x.relations)),
        warnings=report.warnings, extract_s=t1 - t0, rdf_s=t2 - t1,
    )


# ------------------------------------------------------------------------------ the build


def build_corpus(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    store: str | os.PathLike[str],
    jobs: int = 1,
    model: str | None = None,
    encoding: str | None = None,
    home: str | None = None,
    base_iri: str | None = None,
    progress: BuildProgress | None = None,
    window: int | None = None,
    batch: int = 16,
    report_seconds: float | None = REPORT_SECONDS,
    report_memory: int | None = REPORT_MEMORY,
    max_bytes: int | None = None,
) -> BuildReport:
    """Build report files (files and directories, recursively) into the store at ``store``.

    ``jobs`` processes extract in parallel (1: in this process); at most ``window``
    reports (default ``4 × jobs``) are in flight, so memory is bounded whatever the size
    of the corpus, and finished reports are written ``batch`` at a time (at most 64 MB of
    N-Quads) with the bulk loader; with ``jobs`` > 1 in a thread beside the loop that feeds
    the workers, so they never wait for the store. Returns the :class:`BuildReport`; a ``KeyboardInterrupt`` stops the
    build cleanly (every report written so far is whole) and is raised again.

    Files over ``max_bytes`` (default: the reader's limit) are refused. Each report has a budget: ``report_seconds`` of extraction and ``report_memory``
    bytes beyond the loaded pipeline (``None``: no limit); one over budget is reported as
    failed with its reason and the rest are built. A worker process that dies (killed, or
    aborted in native code) fails only the report it was extracting: the others are
    extracted again. Workers end when the build's process ends, whatever ended it.

    Raises :class:`InputError` when the inputs cannot be discovered and
    :class:`StoreError` when the store cannot be opened.
    """
    if jobs < 1:
        raise ReportGraphError(f"jobs must be at least 1, not {jobs}")
    t_start = time.perf_counter()
    report = BuildReport(store=str(store), jobs=jobs)
    files = corpus_files(inputs)
    report.files = len(files)
    timings = Counter[str]()
    with CorpusStore(store) as cs:
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
                        encoding=encoding, home=home, base_iri=base_iri, window=window or 4 * jobs,
                        batch=max(1, batch), budget=(report_seconds, report_memory), max_bytes=max_bytes)
        try:
            for outcome in outcomes:
                _record(report, outcome)
                if progress is not None:
                    progress.advance(outcome)
        except KeyboardInterrupt:
            report.interrupted = True
            raise
        finally:
            outcomes.close()  # stops the workers at once if the build did not finish
            if progress is not None:
                progress.finish()
            t0 = time.perf_counter()
            if not report.interrupted:
                report.store_entities = cs.entity_counts()
                report.store_reports = len({sha for _, _, sha in cs.reports()})
                report.type_conflicts = cs.type_conflicts()
            timings["finish"] += time.perf_counter() - t0
            report.timings = dict(timings)
            report.timings["wall"] = time.perf_counter() - t_start
    return report


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
    encoding: str | None,
    home: str | None,
    base_iri: str | None,
    window: int,
    batch: int,
    budget: tuple[float | None, int | None] = (None, None),
    max_bytes: int | None = None,
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
        except (OSError, ValueError, SyntaxError) as err:
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
            except (OSError, ValueError, SyntaxError):
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
        """Buffer a finished report; flush when the batch is full."""
        if done.error is not None or done.sha256 is None:
            return [FileOutcome(done.path, done.doc_id, "failed", reason=done.error)]
        buffer.append(done)
        if len(buffer) >= batch or sum(len(d.nquads) + len(d.ntriples) for d in buffer) >= _BATCH_BYTES:
            return flush()
        return []

    if jobs == 1:
        from reportgraph.sandbox import memory_limit

        try:
            t0 = time.perf_counter()
            _init_worker(model, base_iri, budget[0], budget[1], max_bytes, in_worker=False)
            timings["startup"] += time.perf_counter() - t0
            for item in plan(files):
                if isinstance(item, FileOutcome):
                    yield item
                else:
                    with memory_limit(budget[1]):  # this process's, for this report
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
        return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                   initargs=(model, base_iri, budget[0], budget[1], max_bytes))

    def stop(pool: ProcessPoolExecutor) -> None:
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(timeout=10)

    pool = new_pool()
    pending: dict[Future[_Done], CorpusFile] = {}

    def submit(item: CorpusFile) -> None:
        pending[pool.submit(_process, str(item.path), item.doc_id, encoding, home)] = item

    def alone(item: CorpusFile) -> Iterator[FileOutcome]:
        """Extract one report with no other in flight: if its worker dies, it was this one."""
        nonlocal pool
        fut = pool.submit(_process, str(item.path), item.doc_id, encoding, home)
        try:
            done = fut.result()
        except BrokenProcessPool:
            stop(pool)
            pool = new_pool()
            yield FileOutcome(str(item.path), item.doc_id, "failed",
                              reason="the worker extracting it died (killed, or out of memory in native "
                                     "code); split the file or raise --report-memory")
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
    with CorpusStore(store, create=False) as cs:
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


# ------------------------------------------------------------------------------ display


class RichProgress:
    """A rich progress bar on stderr: files done of total, characters per second, ETA and
    the file being written. Pass it as ``build_corpus(..., progress=RichProgress())``."""

    def __init__(self, *, console: Any = None, disable: bool = False) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._progress = Progress(
            TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), TextColumn("{task.fields[current]}", style="dim"),
            console=console or Console(stderr=True), transient=False, disable=disable,
        )
        self._task: Any = None
        self._chars = 0
        self._t0 = 0.0

    def start(self, total_files: int) -> None:  # noqa: D102
        self._t0 = time.perf_counter()
        self._progress.start()
        self._task = self._progress.add_task("build", total=total_files, rate="", current="")

    def advance(self, outcome: FileOutcome) -> None:  # noqa: D102
        self._chars += outcome.chars
        dt = time.perf_counter() - self._t0
        rate = f"{self._chars / dt / 1000:,.0f}k chars/s" if dt > 0 and self._chars else ""
        name = Path(outcome.path).name
        current = name if outcome.status != "failed" else f"[red]failed: {name}"
        self._progress.update(self._task, advance=1, rate=rate, current=current)

    def finish(self) -> None:  # noqa: D102
        self._progress.stop()


def write_build_report(report: BuildReport, path: str | os.PathLike[str]) -> None:
    """Write the build report as JSON (atomically)."""
    from reportgraph.outputs import atomic_write

    with atomic_write(path) as f:
        f.write((json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
