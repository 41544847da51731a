"""Build a corpus on a Dask cluster: ``reportgraph build DIR --store X --scheduler ADDRESS``.

The same build as :func:`reportgraph.corpus.build_corpus` (the same store content, the same
:class:`~reportgraph.corpus.BuildReport`, incremental and resumable by content hash), with
the extraction sent to the workers of a ``dask.distributed`` cluster instead of a local
process pool:

- ``scheduler`` is a scheduler's address (``tcp://host:8786``) or ``local:N``, which starts
  a ``LocalCluster`` of N single-threaded worker processes for the build.
- Each worker loads the pipeline once, when it starts (:class:`PipelinePlugin`, a worker
  plugin; a worker that joins later or is restarted loads it too).
- Reports are submitted as tasks while the client plans the files (content hashes, what
  the store already holds); at most ``window`` tasks are in flight (default 4 per worker
  thread), so memory stays bounded however large the corpus. Finished tasks are taken with
  ``distributed.as_completed`` and written to the store by the client, a batch at a time,
  in a thread beside the loop (as the local build does).
- Files over ``max_bytes`` are refused before they are submitted. Each report is extracted
  within its budgets, ``report_seconds`` and ``report_memory`` (as in the local build), in
  a child forked by the worker for it (:func:`~reportgraph.corpus.workers.process_within`):
  the budgets travel with the task, so they hold on a remote cluster's workers as on a
  ``local:N`` one, and a report over them kills only its child, never the worker (whose
  other threads talk to the scheduler). A worker's own ``memory_limit`` (its nanny's)
  still applies on top, to the worker as a whole.
- A file that cannot be read or extracted comes back as a failure with its reason and the
  rest is built. A worker that dies takes no report with it: the scheduler runs its tasks
  again elsewhere (up to ``distributed.scheduler.allowed-failures`` times, then the file is
  reported as failed).
- Workers read the report files themselves (only paths travel): on several machines the
  corpus must be at the same path on each (a shared or copied file system). Only the
  client writes the store, which may be a store directory on the client's machine or a
  SPARQL server (``--store http://…``, :mod:`reportgraph.store.remote`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from reportgraph.corpus.build import drain
from reportgraph.corpus.plan import content_sha256, corpus_files
from reportgraph.corpus.records import BuildProgress, BuildReport, CorpusFile, FileOutcome
from reportgraph.corpus.workers import (_BATCH_BYTES, BATCH, REPORT_MEMORY, REPORT_SECONDS, _Done, _init_worker, _joined,
                                        process_within)
from reportgraph.errors import ReportGraphError
from reportgraph.store.bulk import BatchWriter
from reportgraph.store.remote import open_corpus_store, shown

try:  # the [dask] extra
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - without the extra, build_distributed says how to get it
    _WorkerPlugin = object  # type: ignore[assignment,misc]


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise ReportGraphError("--scheduler needs Dask: pip install 'reportgraph[dask]'") from err
    return distributed


class PipelinePlugin(_WorkerPlugin):  # type: ignore[misc,valid-type]
    """A Dask worker plugin that loads reportgraph's pipeline once per worker process."""

    name = "reportgraph-pipeline"

    def __init__(self, model: str | None = None, base_iri: str | None = None, statistical: bool = True) -> None:
        self.model = model
        self.base_iri = base_iri
        self.statistical = statistical

    def setup(self, worker: Any) -> None:
        """Load the pipeline (called by Dask on each worker when it starts, and again when
        the plugin is registered again: then a worker that has it already keeps it)."""
        key = (self.model, self.base_iri, self.statistical)
        if getattr(worker, "_reportgraph_pipeline", None) != key:
            _init_worker(self.model, self.base_iri, self.statistical)
            worker._reportgraph_pipeline = key


_PARENT_ENV = "REPORTGRAPH_BUILD_PID"


def dask_setup(worker: Any) -> None:
    """Dask's preload hook, run in each worker process of a ``local:N`` cluster as it starts
    (before the pipeline loads): the worker ends when the build process that started the
    cluster ends, whatever signal ended it, so a ``kill -9`` of the build leaves no worker
    behind. ``PR_SET_PDEATHSIG`` plus a thread watching the parent pid
    (:func:`reportgraph.sandbox.die_with_parent`), beside Dask's own pipe watch, which a
    worker stuck in C code holding the GIL would not notice. Workers never open the store
    (only the client writes it) and are spawned, not forked, so they inherit no lock.
    The build's pid comes in the environment, so a build that died before this ran is
    noticed too. A cluster started elsewhere (``--scheduler ADDRESS``) is not ours to end."""
    from reportgraph import sandbox

    parent = os.environ.get(_PARENT_ENV, "")
    if parent.isdigit():
        sandbox.die_with_parent(int(parent))
        _WATCHED.append(int(parent))


#: In a worker of a ``local:N`` cluster: the build pid it watches (set by :func:`dask_setup`).
_WATCHED: list[int] = []


def parse_scheduler(spec: str) -> tuple[str, int | str]:
    """``("local", N)`` for ``local:N``, else ``("address", spec)``.

    >>> parse_scheduler("local:2"), parse_scheduler("tcp://10.0.0.5:8786")
    (('local', 2), ('address', 'tcp://10.0.0.5:8786'))
    """
    if spec.startswith("local:") or spec == "local":
        n = spec.partition(":")[2] or str(os.cpu_count() or 1)
        if not n.isdigit() or int(n) < 1:
            raise ReportGraphError(f"--scheduler {spec}: give local:N with N workers, N at least 1")
        return "local", int(n)
    if not spec or spec.isdigit():
        raise ReportGraphError(f"--scheduler {spec!r}: give a scheduler address (tcp://HOST:8786) or local:N")
    return "address", spec


@contextlib.contextmanager
def connect(scheduler: str, *, model: str | None = None, base_iri: str | None = None,
            statistical: bool = True) -> Iterator[Any]:
    """A Dask client for ``scheduler`` (:func:`parse_scheduler`) whose workers have the
    pipeline loaded; a ``local:N`` cluster is started here and stopped on exit."""
    distributed = _distributed()
    kind, value = parse_scheduler(scheduler)
    cluster = None
    try:
        if kind == "local":
            # Each worker process ends with this one, whatever signal ends it (dask_setup);
            # the nannies live in this process, so they end with it anyway.
            # dashboard_address=None still serves the dashboard, on :8787 of every interface
            # (and warns when another cluster has it): a free loopback port instead
            cluster = distributed.LocalCluster(n_workers=int(value), threads_per_worker=1, processes=True,
                                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                                               preload=[__name__], env={_PARENT_ENV: str(os.getpid())})
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(str(value), timeout="30s")
    except OSError as err:
        if cluster is not None:
            cluster.close()
        raise ReportGraphError(f"--scheduler {scheduler}: cannot connect ({err})") from err
    try:
        client.register_plugin(PipelinePlugin(model, base_iri, statistical))
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def build_distributed(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    store: str | os.PathLike[str],
    scheduler: str | Any,
    model: str | None = None,
    statistical: bool = True,
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
    """Build report files into ``store`` with the workers of a Dask cluster (see the
    module's docstring). ``scheduler`` is an address, ``local:N`` or a connected
    ``distributed.Client``. Returns the :class:`~reportgraph.corpus.BuildReport` (its
    ``jobs`` is the number of worker threads). ``report_seconds``, ``report_memory`` and
    ``max_bytes`` are the budgets of :func:`~reportgraph.corpus.build_corpus`: a report
    over one fails with its reason and the rest are built. A ``KeyboardInterrupt`` stops the build
    with every report written so far whole, and is raised again."""
    t_start = time.perf_counter()
    files = corpus_files(inputs)
    report = BuildReport(store=shown(str(store)), jobs=0, files=len(files))
    timings = Counter[str]()
    with contextlib.ExitStack() as stack:
        cs = stack.enter_context(open_corpus_store(store))
        t0 = time.perf_counter()
        client = scheduler if not isinstance(scheduler, str) else stack.enter_context(
            connect(scheduler, model=model, base_iri=base_iri, statistical=statistical))
        if not isinstance(scheduler, str):
            client.register_plugin(PipelinePlugin(model, base_iri, statistical))
        timings["startup"] += time.perf_counter() - t0
        report.jobs = max(1, sum(client.nthreads().values()))
        t0 = time.perf_counter()
        report.stale_dropped += len(cs.recover())
        planner = _Planner(cs, report, max_bytes)
        timings["plan"] += time.perf_counter() - t0
        if progress is not None:
            progress.start(len(files))
        budget = {"seconds": report_seconds, "memory": report_memory, "max_bytes": max_bytes}
        outcomes = _run(client, files, cs, planner, timings, encoding=encoding, home=home,
                        window=window or 4 * report.jobs, batch=max(1, batch), budget=budget)
        drain(outcomes, report, cs, progress, timings, t_start)
    return report


class _Planner:
    """Decides for each file: skipped (in the store), duplicate (its text is stored under
    another id), or to extract; and which old graphs a new one replaces."""

    def __init__(self, cs: Any, report: BuildReport, max_bytes: int | None = None) -> None:
        self.cs = cs
        self.max_bytes = max_bytes
        self.report = report
        self.by_doc: dict[str, list[tuple[str, str]]] = {}
        self.by_sha: dict[str, str] = {}
        self.seen: dict[str, str] = {}
        for g, doc, sha in cs.reports():
            self.by_doc.setdefault(doc, []).append((g, sha))
            self.by_sha.setdefault(sha, doc)

    def plan(self, f: CorpusFile, encoding: str | None) -> tuple[FileOutcome | None, str | None]:
        try:
            sha = content_sha256(f.path, encoding=encoding, max_bytes=self.max_bytes)
        except ReportGraphError as err:
            return FileOutcome(str(f.path), f.doc_id, "failed", reason=str(err)), None
        current = self.by_doc.get(f.doc_id, [])
        if any(s == sha for _, s in current):
            stale = [g for g, s in current if s != sha]
            for g in stale:  # a replacement interrupted after its new graph went in
                self.cs.drop(g)
            self.report.stale_dropped += len(stale)
            self.seen[sha] = f.doc_id
            return FileOutcome(str(f.path), f.doc_id, "skipped", sha256=sha), sha
        if sha in self.seen or (sha in self.by_sha and self.by_sha[sha] != f.doc_id):
            other = self.seen.get(sha) or self.by_sha[sha]
            return FileOutcome(str(f.path), f.doc_id, "duplicate", sha256=sha,
                               reason=f"same text as {other!r}, already in the store"), sha
        self.seen[sha] = f.doc_id
        return None, sha

    def old_graphs(self, d: _Done) -> list[str]:
        return [g for g, s in self.by_doc.get(d.doc_id, []) if s != d.sha256]


def _run(client: Any, files: list[CorpusFile], cs: Any, planner: _Planner, timings: Counter[str], *,
         encoding: str | None, home: str | None, window: int, batch: int,
         budget: dict[str, Any]) -> Iterator[FileOutcome]:
    """Plan each file, submit the ones to extract (at most ``window`` in flight), write
    each finished batch; yield an outcome per file as soon as it is known."""
    distributed = _distributed()

    def outcome(d: _Done, old: list[str]) -> FileOutcome:
        timings["extract"] += d.extract_s
        timings["rdf"] += d.rdf_s
        return FileOutcome(d.path, d.doc_id, "replaced" if old else "added", sha256=d.sha256, chars=d.chars,
                           entities=d.entities, relations=d.relations, warnings=d.warnings,
                           seconds=d.extract_s + d.rdf_s)

    def write_one(d: _Done) -> FileOutcome:
        old = planner.old_graphs(d)
        try:
            cs.put_many([d.graph], d.nquads, d.ntriples)
            for g in old:
                cs.drop(g)
        except (OSError, ValueError, SyntaxError, ReportGraphError) as err:
            return FileOutcome(d.path, d.doc_id, "failed", reason=f"cannot write to the store: {err}")
        return outcome(d, old)

    def write_batch(done: list[_Done]) -> list[FileOutcome]:
        t0 = time.perf_counter()
        try:
            if len(done) == 1:
                return [write_one(done[0])]
            try:
                cs.put_many([d.graph for d in done], _joined(d.nquads for d in done),
                            _joined(d.ntriples for d in done))
            except (OSError, ValueError, SyntaxError, ReportGraphError):
                return [write_one(d) for d in done]  # so that only a bad one fails
            out = []
            for d in done:
                old = planner.old_graphs(d)
                for g in old:
                    cs.drop(g)
                out.append(outcome(d, old))
            return out
        finally:
            timings["store"] += time.perf_counter() - t0

    writer: BatchWriter[_Done, FileOutcome] = BatchWriter(write_batch)
    buffer: list[_Done] = []

    def take(fut: Any, path: str, doc_id: str) -> Iterator[FileOutcome]:
        try:
            d: _Done = fut.result()
        except Exception as err:  # noqa: BLE001 - a worker lost too often, a task that cannot run
            yield FileOutcome(path, doc_id, "failed", reason=f"{type(err).__name__}: {err}")
            return
        finally:
            fut.release()
        if d.error is not None or d.sha256 is None:
            yield FileOutcome(d.path, d.doc_id, "failed", reason=d.error)
            return
        buffer.append(d)
        if len(buffer) >= batch or sum(len(x.nquads) + len(x.ntriples) for x in buffer) >= _BATCH_BYTES:
            writer.submit(list(buffer))
            buffer.clear()
        yield from writer.finished()

    futures = distributed.as_completed()
    meta: dict[str, tuple[str, str]] = {}
    try:
        for f in files:
            t0 = time.perf_counter()
            done, sha = planner.plan(f, encoding)
            timings["plan"] += time.perf_counter() - t0
            if done is not None:
                yield done
                continue
            fut = client.submit(process_within, str(f.path), f.doc_id, encoding, home, **budget,
                                key=f"reportgraph-{sha}-{f.doc_id}", pure=False)
            meta[fut.key] = (str(f.path), f.doc_id)
            futures.add(fut)
            while futures.count() >= window:
                fut = next(futures)
                yield from take(fut, *meta.pop(fut.key))
        for fut in futures:
            yield from take(fut, *meta.pop(fut.key))
        if buffer:
            writer.submit(list(buffer))
            buffer.clear()
        yield from writer.close()
    except BaseException:
        # Interrupted (or the consumer stopped): cancel what is queued; every report
        # written so far is whole, and the batch being written finishes.
        with contextlib.suppress(Exception):
            client.cancel(list(futures.futures))
        writer.abort()
        raise
