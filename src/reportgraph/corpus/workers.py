"""The worker side of a corpus build: each process loads the pipeline once, then reads,
extracts and serialises one report at a time, never raising."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
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


_WORKER: dict[str, Any] = {}
_BATCH_BYTES = 64 * 2**20
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
        limit = {"max_bytes": _WORKER["max_bytes"]} if _WORKER.get("max_bytes") else {}
        t0 = time.perf_counter()
        with time_limit(_WORKER.get("seconds")):
            report = read_report(path, encoding=encoding, home=home, doc_id=doc_id, **limit)
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
