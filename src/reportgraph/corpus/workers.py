"""The worker side of a corpus build: each process loads the pipeline once, then reads,
extracts and serialises one report at a time, never raising.

:func:`_process` runs in a worker process of the local pool, whose memory and time budgets
hold for the whole process (``RLIMIT_AS`` and ``SIGALRM``). A Dask worker runs its tasks in
threads of a process that also talks to the scheduler, so there :func:`process_within`
runs :func:`_process` in a forked child of the worker held to the report's budgets."""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import select
import signal
import time
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from reportgraph.errors import ReportGraphError


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
    #: the extraction itself, when the build's process makes the RDF (:func:`with_rdf`)
    extraction: Any = None


_WORKER: dict[str, Any] = {}
_BATCH_BYTES = 64 * 2**20
#: Reports bulk-loaded at a time. Each load has a fixed cost (~0.1 CPU-s: its SST files);
#: 200 reports with two jobs cost the build's process 10.6-10.9 CPU-s at 16 a load and
#: 8.6-9.2 at 32, for ~65 MB more held (benchmarks/README.md).
BATCH = 32
#: Default budgets of one report: seconds of extraction, bytes of memory beyond the
#: loaded pipeline. A report over budget fails with its reason; the rest are built.
REPORT_SECONDS = 600.0
REPORT_MEMORY = 4 * 2**30


def _joined(documents: Iterable[bytes]) -> bytes:
    """N-Quads or N-Triples documents as one (each ends with a line break)."""
    return b"".join(d if d.endswith(b"\n") or not d else d + b"\n" for d in documents)


def _init_worker(model: str | None, base_iri: str | None, statistical: bool = True,
                 report_seconds: float | None = None, report_memory: int | None = None,
                 max_bytes: int | None = None, parent: int | None = None, *, in_worker: bool = True,
                 config: str | None = None) -> None:
    """Process-pool initializer: load the pipeline once per worker; a worker process ends
    with its parent ``parent`` (whatever signal ended it) and gets the memory budget."""
    from reportgraph import sandbox

    if in_worker:  # first, before the seconds of loading the pipeline
        sandbox.die_with_parent(parent)
    from reportgraph.extract import load_pipeline

    _WORKER["nlp"] = load_pipeline(model, statistical=statistical, config=config)
    _WORKER["base_iri"] = base_iri
    _WORKER["seconds"] = report_seconds
    _WORKER["max_bytes"] = max_bytes
    _WORKER["memory"] = report_memory
    if in_worker and report_memory:
        sandbox.limit_memory(report_memory)


def _process(path: str, doc_id: str, encoding: str | None, home: str | None,
             max_bytes: int | None = None, rdf: bool = True) -> _Done:
    """Read, extract and serialise one report; never raises (failures come back as text).
    ``max_bytes`` (default: the worker's) refuses a larger file. Without ``rdf`` the
    extraction itself comes back (about a fifth of the N-Quads' bytes) for the build's
    process to map (:func:`with_rdf`)."""
    from reportgraph.extract import extract_report, load_pipeline
    from reportgraph.rdf.iri import graph_iri
    from reportgraph.read.report import read_report
    from reportgraph.sandbox import OverTime, time_limit

    try:
        nlp = _WORKER.get("nlp") or load_pipeline(None)
        max_bytes = max_bytes or _WORKER.get("max_bytes")
        limit = {"max_bytes": max_bytes} if max_bytes else {}
        t0 = time.perf_counter()
        with time_limit(_WORKER.get("seconds")):
            report = read_report(path, encoding=encoding, home=home, doc_id=doc_id, **limit)
            x = extract_report(report, nlp=nlp)
            t1 = time.perf_counter()
            done = _Done(path, doc_id, sha256=report.sha256, graph=str(graph_iri(report)), chars=len(report.text),
                         entities=dict(Counter(e.type.value for e in x.entities)),
                         relations=dict(Counter(r.predicate.value for r in x.relations)),
                         warnings=report.warnings, extract_s=t1 - t0, extraction=x)
            if rdf:
                done = with_rdf(done, _WORKER.get("base_iri"))
    except OverTime as err:
        return _Done(path, doc_id, error=f"{err} (split the file, or raise --report-seconds)")
    except MemoryError:
        return _Done(path, doc_id, error=_over_memory(_WORKER.get("memory")))
    except ReportGraphError as err:
        return _Done(path, doc_id, error=str(err))
    except Exception as err:  # noqa: BLE001 - one bad file must not stop the corpus
        return _Done(path, doc_id, error=f"{type(err).__name__}: {err}")
    return done


def with_rdf(done: _Done, base_iri: str | None = None) -> _Done:
    """``done`` with its extraction mapped to RDF: the report's named graph as N-Quads and
    its part of the merged default graph as N-Triples (the extraction itself dropped).
    Raises what the mapping raises."""
    import pyoxigraph as ox

    from reportgraph.rdf.to_rdf import DEFAULT_BASE_IRI, report_quads, union_triples

    x = done.extraction
    if x is None:
        return done
    t0 = time.perf_counter()
    # unsorted: the store does not care about the order
    quads = report_quads(x, base_iri=base_iri or DEFAULT_BASE_IRI)
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
    ntriples = ox.serialize(union_triples(quads), format=ox.RdfFormat.N_TRIPLES) or b""
    return replace(done, nquads=nquads, ntriples=ntriples, extraction=None, rdf_s=time.perf_counter() - t0)


def rdf_here(jobs: int) -> bool:
    """Whether the build's process maps the workers' extractions to RDF: with one job when
    a core is free for it beside the worker's (two cores or more, and a load average a
    core and a half below them). The process writing the store keeps up with one worker and
    has time to spare, not with two; the worker's share of a report shrinks by the mapping
    less the pickling of the extraction (about a tenth), but the two together cost about
    8 % more CPU, a loss where no core is idle."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float(cores)
    return jobs == 1 and cores >= 2 and cores - load >= 1.5


def roomy_results(pool: Any) -> None:
    """Let a worker's answer (a report's N-Quads, ~0.8 MB) fit in the pipe it goes back
    through (1 MB instead of 64 KB), so the worker goes on with its next report instead of
    waiting for the build's process to read it. Linux only; elsewhere, or if the process
    pool keeps its queue otherwise, nothing changes."""
    try:
        import fcntl

        fcntl.fcntl(pool._result_queue._writer.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError, ValueError):
        pass


#: Why a report whose worker (or forked child) died failed.
DIED = ("the worker extracting it died (killed, or out of memory in native code); split the file or "
        "raise --report-memory")
#: Seconds a forked child may run past its time budget before it is killed from outside
#: (its own timer raises first, unless native code holds the interpreter).
_GRACE = 5.0


def process_within(path: str, doc_id: str, encoding: str | None, home: str | None, *,
                   seconds: float | None = None, memory: int | None = None,
                   max_bytes: int | None = None) -> _Done:
    """:func:`_process` held to a report's budgets from any thread of any process (a Dask
    worker's task thread): in a forked child (which shares the loaded pipeline) whose
    address space is capped at its parent's plus ``memory`` bytes, whose own timer stops
    the report after ``seconds``, and which is killed from outside ``_GRACE`` s later if
    native code holds it. Over budget, or the child died: a failed :class:`_Done` with its
    reason, as in the local pool; the calling process is never limited. Without budgets,
    or without ``fork``, it runs here."""
    if not (seconds or memory) or not hasattr(os, "fork"):
        return _process(path, doc_id, encoding, home, max_bytes=max_bytes)
    from reportgraph import sandbox

    parent = os.getpid()
    r, w = os.pipe()
    with warnings.catch_warnings():  # Python 3.12+ warns of fork in a threaded process: the child
        warnings.simplefilter("ignore", DeprecationWarning)  # runs only this thread's code
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (its outcome is what the tests check)
        code = 1
        try:
            os.close(r)
            with contextlib.suppress(ValueError, OSError):  # the worker's event loop is not ours
                signal.set_wakeup_fd(-1)
            sandbox.die_with_parent(parent)
            _WORKER.update(seconds=seconds, memory=memory, max_bytes=max_bytes)
            if memory:
                sandbox.limit_memory(memory)
            done = _process(path, doc_id, encoding, home, max_bytes=max_bytes)
            try:
                data = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                data = pickle.dumps(_Done(path, doc_id, error=_over_memory(memory)))
            with os.fdopen(w, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds + _GRACE if seconds else None
    killed = eof = False
    reaped, status = 0, 0
    os.set_blocking(r, False)
    try:
        while not (eof or reaped or killed):
            wait = 0.5 if deadline is None else max(0.0, min(0.5, deadline - time.monotonic()))
            if select.select([r], [], [], wait)[0]:
                with contextlib.suppress(BlockingIOError):
                    chunk = os.read(r, 1 << 20)
                    eof = not chunk
                    chunks.append(chunk)
                continue
            # Not only EOF: a child forked meanwhile by another task thread may hold a copy
            # of this pipe's write end, so the child's exit is watched too.
            reaped, status = os.waitpid(pid, os.WNOHANG)
            if reaped:
                chunks += iter(functools.partial(_read_ready, r), b"")
            elif deadline is not None and time.monotonic() >= deadline:
                killed = True
    finally:
        os.close(r)
        if not reaped:
            if not eof:  # over time, or interrupted here: the child must not outlive its task
                os.kill(pid, 9)
            _, status = os.waitpid(pid, 0)
    if killed:
        return _Done(path, doc_id, error=f"over its time budget of {seconds:g} s (split the file, or raise "
                                         "--report-seconds)")
    if status == 0 and chunks:
        try:
            done: _Done = pickle.loads(b"".join(chunks))
            return done
        except Exception:  # noqa: BLE001 - a truncated answer: the child died writing it
            pass
    return _Done(path, doc_id, error=DIED)


def _read_ready(fd: int) -> bytes:
    """What a non-blocking pipe holds now (b"" when nothing)."""
    try:
        return os.read(fd, 1 << 20)
    except BlockingIOError:
        return b""


def _over_memory(budget: int | None) -> str:
    size = f" of {budget / 2**20:,.0f} MB" if budget else ""
    return f"over its memory budget{size} (split the file, or raise --report-memory)"
