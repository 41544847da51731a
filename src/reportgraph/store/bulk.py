"""The corpus builder's side of the graph store: which reports a store holds, adding a
batch of reports' named graphs with the bulk loader (marked while loading, so a crash
leaves nothing half-written that the next build does not drop), dropping one, store-wide
counts; and :class:`BatchWriter`, the thread that writes batches beside the loop feeding
the extraction workers.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from reportgraph.errors import StoreError
from reportgraph.query.internal import internal_query

B = TypeVar("B")
R = TypeVar("R")

# Bookkeeping of bulk loads in progress (empty between batches; never part of a report).
_PENDING_GRAPH = "urn:x-reportgraph:loading"
_LOADING = "urn:x-reportgraph:loading#graph"
#: The file in a store directory counting the reports written since the store was last
#: rewritten compactly, and the share of the store's reports that makes a build rewrite it.
_WRITTEN = "reportgraph.written"
COMPACT_SHARE = 0.25


def check_layout(store: Any, path: object) -> None:
    """Refuse a store written by an earlier reportgraph, in another layout (typed
    ``rg:Mention`` nodes repeating the text, or entities described in full in every report
    graph) with its merged default graph: mixed with this layout, removing a report would
    leave or take the wrong triples, so it is rebuilt, not extended or read. (Named graphs
    of another tool, with no merged graph, are read as they are.)"""
    import pyoxigraph as ox

    if store.query(internal_query("old-layout")) and \
            next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        raise StoreError(f"{path}: this store was written by an earlier version of reportgraph in another "
                         "layout; delete it and build it again (reportgraph build ... --store DIR)")


class CorpusStore:
    """The corpus's view of a graph store (:func:`reportgraph.store.embedded.open_store`, which
    holds the one-writer lock): which reports it holds, and adding or dropping one
    report's named graph.

    It writes a batch of reports with the bulk loader between two transactions that mark
    it as loading (:meth:`put_many`) and drops a report in one transaction, so every
    report is in whole or not at all.
    """

    def __init__(self, path: str | os.PathLike[str], *, create: bool = True) -> None:
        from reportgraph.store.embedded import is_store, open_store

        self.path = Path(path)
        if not create and not is_store(self.path):
            raise StoreError(f"{self.path}: no graph store there (build one with: reportgraph build DIR --store {self.path})")
        if create:
            self.path.mkdir(parents=True, exist_ok=True)
        self._handle = open_store(self.path)
        self.store = self._handle.oxigraph

    def close(self) -> None:
        """Flush and release the store (and its lock)."""
        handle = getattr(self, "_handle", None)
        if handle is not None:
            handle.close()
            self._handle = None
            self.store = None  # type: ignore[assignment]

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_layout(self) -> None:
        """Refuse a store written by an earlier reportgraph (:func:`check_layout`)."""
        check_layout(self.store, self.path)

    def settle(self, written: int) -> bool:
        """After a build that wrote ``written`` reports: rewrite the store compactly
        (:meth:`compact`) once the reports written since the last rewrite are at least
        :data:`COMPACT_SHARE` of the store's; return whether it was rewritten. The count is
        kept in the store directory (``reportgraph.written``)."""
        count_file = self.path / _WRITTEN
        try:
            since = int(count_file.read_text(encoding="ascii").strip() or 0)
        except (OSError, ValueError):
            since = 0
        since += written
        compacted = False
        if written and since >= COMPACT_SHARE * len(self.reports()):
            compacted = self.compact()
            if compacted:
                since = 0
        try:
            count_file.write_text(f"{since}\n", encoding="ascii")
        except OSError:
            pass
        return compacted

    def compact(self) -> bool:
        """Rewrite the store compactly (:func:`reportgraph.store.rewrite.rewrite`): the same
        quads in about 60 % of the bytes. Returns whether it was rewritten; a failure leaves
        it as it was."""
        from reportgraph.store.rewrite import rewrite

        self.store = None  # type: ignore[assignment]
        try:
            return rewrite(self._handle)
        finally:
            self.store = self._handle.oxigraph

    def reports(self) -> list[tuple[str, str, str]]:
        """``(graph IRI, doc_id, sha256)`` of every report in the store."""
        q = internal_query("reports")
        return [(s["g"].value, s["doc"].value, s["sha"].value) for s in self.store.query(q)]

    def put_many(self, graphs: Sequence[str], nquads: bytes, ntriples: bytes) -> None:
        """Load several reports' named graphs at once with pyoxigraph's bulk loader (about
        twice as fast as transactions and a quarter of the disk, but not atomic), between
        two transactions: first the graphs are marked as loading, and the marks are removed
        only once the load is complete. A crash in between leaves the marks, and
        :meth:`recover` drops those graphs before the next build rebuilds them.

        ``ntriples`` are the reports' part of the merged graph
        (:func:`reportgraph.rdf.to_rdf.union_triples`): they are bulk-loaded into the default
        graph, where a triple that many reports state is once."""
        import pyoxigraph as ox

        pending = ox.NamedNode(_PENDING_GRAPH)
        self.store.extend([ox.Quad(ox.NamedNode(g), ox.NamedNode(_LOADING), ox.Literal("1"), pending)
                           for g in graphs])
        try:
            self.store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)
            self.store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True, to_graph=ox.DefaultGraph())
        except BaseException:
            self.recover()
            raise
        self.store.remove_graph(pending)

    def recover(self) -> list[str]:
        """Drop the graphs of a bulk load that did not finish (see :meth:`put_many`);
        return their IRIs."""
        import pyoxigraph as ox

        pending = ox.NamedNode(_PENDING_GRAPH)
        graphs = sorted({q.subject.value for q in self.store.quads_for_pattern(None, None, None, pending)})
        for g in graphs:
            self._handle.remove_graph(g)  # its triples leave the union too
        if graphs:
            self.store.remove_graph(pending)
        return graphs

    def drop(self, graph: str) -> None:
        """Drop one report's named graph (and its triples from the union, unless another
        report states them too)."""
        self._handle.remove_graph(graph)

    def entity_counts(self) -> dict[str, int]:
        """Distinct entities of each type in the whole store (read from the union graph,
        where each statement is once however many reports make it)."""
        from reportgraph.model import EntityType
        from reportgraph.rdf.ontology import NAMESPACE  # not rdf.vocab: no rdflib for an up-to-date build

        counts = {s["class"].value: int(s["n"].value) for s in self.store.query(internal_query("entity-counts"))}
        return {t.value: counts.get(NAMESPACE + t.value, 0) for t in EntityType}

    def type_conflicts(self) -> list[dict[str, Any]]:
        """Keys (``rg:key``) and names (``skos:prefLabel``) that stand for entities of more
        than one type: ``{"by": "key"|"name", "key": ..., "types": [...]}``, sorted."""
        from reportgraph.model import EntityType
        from reportgraph.rdf.ontology import NAMESPACE

        of = {NAMESPACE + t.value: t.value for t in EntityType}
        out = []
        for by in ("key", "name"):
            for s in self.store.query(internal_query(f"type-conflicts-{by}")):
                types = sorted(of[t] for t in s["types"].value.split())
                out.append({"by": by, "key": s["k"].value, "types": types})
        return sorted(out, key=lambda c: (c["by"], c["key"]))


class BatchWriter(Generic[B, R]):
    """Writes batches of finished reports in one thread, in order: at most one batch is
    being written and one waits, so the caller is held back (and memory bounded) only
    when the store falls behind. Outcomes come back through :meth:`finished`; an error in
    the thread is raised there."""

    def __init__(self, write: Callable[[list[B]], list[R]]) -> None:
        self._write = write
        self._todo: queue.Queue[list[B] | None] = queue.Queue(maxsize=1)
        self._done: queue.Queue[list[R]] = queue.Queue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._loop, name="reportgraph-store-writer", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while (batch := self._todo.get()) is not None:
            try:
                self._done.put(self._write(batch))
            except BaseException as err:  # noqa: BLE001 - handed to the caller's thread
                self._error = err
                return

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def submit(self, batch: list[B] | None) -> None:
        """Queue a batch (``None``: no more), waiting while another one already waits."""
        while True:
            self._check()
            try:
                self._todo.put(batch, timeout=0.1)
                return
            except queue.Full:
                continue

    def finished(self) -> list[R]:
        """The outcomes of the batches written since the last call."""
        out: list[R] = []
        while True:
            try:
                out.extend(self._done.get_nowait())
            except queue.Empty:
                break
        self._check()
        return out

    def close(self) -> list[R]:
        """Write what is queued, stop the thread, and return the last outcomes."""
        self.submit(None)
        self._thread.join()
        return self.finished()

    def abort(self) -> None:
        """Drop the batch that waits and stop once the one being written is done (a bulk
        load cut short would leave its graphs marked, to be dropped by the next build)."""
        try:
            self._todo.get_nowait()
        except queue.Empty:
            pass
        try:
            self._todo.put_nowait(None)
        except queue.Full:
            pass
        self._thread.join()
