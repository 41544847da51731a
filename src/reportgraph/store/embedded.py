"""A persistent graph store (Oxigraph on disk) and loading graph files into memory.

One named graph per report: adding a report again replaces its graph in one transaction,
so the store never holds a report twice or half. The default graph is the merged graph
(kept up to date in the same transaction): the entities, the relations between them and
the reports' descriptions, each triple once however many reports state it
(:func:`reportgraph.rdf.to_rdf.union_triples`). Queries run on it, so an entity described by
600 reports is matched once, not 600 times (Oxigraph's ``use_default_graph_as_union`` is
a multiset union, which multiplies join sizes and counts). A report's mentions, reified
statements and evidence stay in its named graph alone: queries read them with
``GRAPH ?g { … }``. Readers share a store directory (a query while ``serve`` runs); a
writer has it alone, and whoever comes second gets a
:class:`~reportgraph.errors.StoreError` saying the store is in use. A failed load leaves
the store as it was.

>>> import tempfile, pathlib
>>> from rdflib import Dataset, URIRef, Literal
>>> ds = Dataset()
>>> _ = ds.graph(URIRef("https://example.org/g/1")).add(
...     (URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("代县")))
>>> with open_store(pathlib.Path(tempfile.mkdtemp()) / "store") as store:
...     _ = store.add_dataset(ds)
...     _ = store.add_dataset(ds)  # replaces, does not duplicate
...     len(store), store.graphs()
(1, ['https://example.org/g/1'])
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import pyoxigraph as ox

from reportgraph.errors import StoreError
from reportgraph.store.locks import probe_foreign_writer as _probe_foreign_writer
from reportgraph.store.locks import read_only_media as _read_only_media
from reportgraph.store.files import GRAPH_FORMATS, MAX_GRAPH_FILE, load_graph_file, read_graph_file
from reportgraph.store import updates
from reportgraph.store.union import UNNAMED_GRAPH, with_union

if TYPE_CHECKING:  # rdflib and the model are for writers, not for a query's start-up
    from rdflib import Dataset, Graph

    from reportgraph.model import Extraction

__all__ = ["GRAPH_FORMATS", "LOCK_NAME", "MAX_GRAPH_FILE", "UNNAMED_GRAPH", "Snapshot", "Store", "build_store",
           "is_store", "load_graph_file", "open_store", "read_graph_file", "with_union"]


LOCK_NAME = "reportgraph.lock"
_OPEN_HERE: set[str] = set()  # store directories this process holds open
_LOCK_FDS: set[int] = set()  # their lock files


def _drop_locks_in_child() -> None:
    """In a forked child: close the inherited lock files without unlocking them (flock
    locks belong to the open file, shared with the parent), so a child that outlives its
    parent (a build worker, a query child) never keeps the store locked."""
    for fd in list(_LOCK_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    _LOCK_FDS.clear()
    _OPEN_HERE.clear()


os.register_at_fork(after_in_child=_drop_locks_in_child)


def _holder(path: Path) -> str:
    """Who holds the write lock, as the lock file says (``process 123``), or ``""``."""
    try:
        pid = int((path / LOCK_NAME).read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return ""
    if pid <= 0:
        return ""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return ""
    except PermissionError:
        pass
    return f" (process {pid})"


def _lock(path: Path, *, shared: bool) -> int:
    """Take the store's lock file: shared for readers, exclusive for the one writer."""
    key = str(path.resolve())
    if key in _OPEN_HERE:
        raise StoreError(f"{path}: store already open in this process; close it first")
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        if not (shared and _read_only_media(path)):
            raise StoreError(f"{path}: cannot open the store ({err.strerror})") from err
        # read-only media: nobody can write there, so a reader needs the lock only if it exists
        try:
            fd = os.open(path / LOCK_NAME, os.O_RDONLY)
        except OSError:
            _OPEN_HERE.add(key)
            return -1
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError as err:
        os.close(fd)
        if shared:
            message = (f"{path}: store in use by another process{_holder(path)} (it is being written); "
                       "wait for it to finish")
        else:
            message = (f"{path}: store in use by another process{_holder(path)} (a build, query or "
                       "serve?); stop it or wait for it to finish")
        raise StoreError(message) from err
    try:  # say who writes, for the message above
        os.ftruncate(fd, 0)
        if not shared:
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    except OSError:
        pass
    _OPEN_HERE.add(key)
    _LOCK_FDS.add(fd)
    return fd


def _unlock(path: Path, fd: int) -> None:
    _OPEN_HERE.discard(str(path.resolve()))
    _LOCK_FDS.discard(fd)
    if fd < 0:  # a store on read-only media, read without a lock file
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open_oxigraph(path: Path, *, read_only: bool = False) -> ox.Store:
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as err:
        msg = str(err)
        if "lock hold by current process" in msg:
            raise StoreError(f"{path}: store in use (already open in this process); close it first") from err
        if "lock" in msg.lower():
            raise StoreError(
                f"{path}: store in use by another process (a build or serve?); "
                "stop it or wait for it to finish") from err
        raise StoreError(f"{path}: cannot open the store ({msg})") from err


def is_store(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a directory holding an Oxigraph store."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


class Store:
    """An open on-disk store. Use :func:`open_store`; close it (or use ``with``) to let
    another process open it."""

    def __init__(self, store: ox.Store, path: Path, *, read_only: bool, lock_fd: int | None = None) -> None:
        self._store: ox.Store | None = store
        self.path = path
        self.read_only = read_only
        self._lock_fd = lock_fd

    # -- life cycle
    def close(self) -> None:
        """Release the store (and its lock)."""
        if self._store is not None:
            if not self.read_only:
                self._store.flush()
            self._store = None
        if self._lock_fd is not None:
            _unlock(self.path, self._lock_fd)
            self._lock_fd = None

    @property
    def data_dir(self) -> Path:
        """The directory of the engine's files (what a query child may read)."""
        return self.path

    def for_queries(self) -> tuple[ox.Store, Snapshot | None]:
        """A handle safe to query from a forked child process, and what to close after.

        A reader's own read-only instance serves as is. A writer's instance runs background
        threads that a fork must not copy, so queries read a consistent snapshot of what it
        has written so far (``Store.backup``: hard links beside the store, removed on close).
        """
        if self.read_only:
            return self.oxigraph, None
        snapshot = Snapshot(self)
        return snapshot.store, snapshot

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for queries)."""
        if self._store is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._store

    # -- reading
    def __len__(self) -> int:
        """The number of quads in the report graphs (the union copy not counted)."""
        default = sum(1 for _ in self.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return len(self.oxigraph) - default

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs (one per report), sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def quads(self, graph: str | None = None) -> list[ox.Quad]:
        """The quads of one named graph (or of the whole store), sorted."""
        g = ox.NamedNode(graph) if graph is not None else None
        return sorted(self.oxigraph.quads_for_pattern(None, None, None, g), key=str)

    # -- writing
    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        return self.oxigraph

    def _select(self, text: str, bindings: Mapping[str, ox.Term]) -> list[dict[str, ox.Term | None]]:
        """A SELECT's rows as dicts (unbound variables are ``None``), ``bindings`` substituted."""
        result = self.oxigraph.query(text, substitutions={ox.Variable(k): v for k, v in bindings.items()})
        names = [v.value for v in result.variables]
        return [{n: row[n] for n in names} for row in result]

    def replace_graphs(self, quads: Iterable[ox.Quad]) -> list[str]:
        """Replace every named graph that ``quads`` mention with exactly those quads, in one
        transaction (all or nothing). Quads in the default graph are refused. Returns the
        replaced graph IRIs. Report graphs written out in full (an earlier layout, a graph
        file of another tool) are stored in the layout of :mod:`reportgraph.rdf.merged`."""
        from reportgraph.rdf.merged import compact_quads, union_triples

        store = self._writable()
        quads = list(quads)
        by_graph: dict[str, list[ox.Triple]] = {}
        for q in quads:
            if not isinstance(q.graph_name, ox.NamedNode):
                raise StoreError(
                    "the data has triples outside any named graph; a store holds one named "
                    "graph per report (load a .trig or .nq file, or a built dataset)")
        for q in compact_quads(quads):
            by_graph.setdefault(q.graph_name.value, []).append(q.triple)  # type: ignore[union-attr]
        if not by_graph:
            return []
        names = [ox.NamedNode(g) for g in sorted(by_graph)]
        try:
            ops = updates.forget_reports(names, self._select)
            for name in names:
                ops += [updates.drop_graph(name), updates.insert_data(by_graph[name.value], graph=name)]
            union = sorted(union_triples(quads), key=str)
            if union:
                ops.append(updates.insert_data(union))
            # one update request is one transaction: the old graphs go and the new ones come
            # together, or nothing changes. The terms go in through the codec
            # (store.updates), never as user strings.
            store.update(updates.request(*ops))
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"{self.path}: cannot write the store ({err}); it is unchanged") from err
        return sorted(by_graph)

    def add_dataset(self, dataset: Dataset | Graph) -> list[str]:
        """Add every named graph of an rdflib dataset, replacing graphs of the same name."""
        from reportgraph.rdf.to_rdf import to_quads

        return self.replace_graphs(to_quads(dataset))

    def add_report(self, extraction: Extraction, *, base_iri: str | None = None) -> str:
        """Add one report (replacing its earlier graph, if any) and return its graph IRI."""
        from reportgraph.rdf.to_rdf import DEFAULT_BASE_IRI, report_quads

        replaced = self.replace_graphs(report_quads(extraction, base_iri=base_iri or DEFAULT_BASE_IRI))
        return replaced[0]

    def remove_graph(self, graph: str) -> None:
        """Remove one report's named graph (and its triples from the union, unless another
        report states them too), in one transaction."""
        name = ox.NamedNode(graph)
        try:
            ops = updates.forget_reports([name], self._select)
            self._writable().update(updates.request(*ops, updates.drop_graph(name)))
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"{self.path}: cannot write the store ({err}); it is unchanged") from err

    def rebuild_union(self) -> None:
        """Recompute the default graph as the merged graph of the named graphs (for a store
        whose graphs were changed without this class): the rule of
        :func:`reportgraph.rdf.merged.union_triples`, in one transaction."""
        from reportgraph.rdf.merged import union_triples

        store = self._writable()
        named = [q for q in store if q.graph_name != ox.DefaultGraph()]
        try:
            store.update(updates.request("DROP SILENT DEFAULT", updates.insert_data(union_triples(named))))
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"{self.path}: cannot write the store ({err}); it is unchanged") from err

    def load_file(self, path: str | os.PathLike[str]) -> list[str]:
        """Load a ``.trig`` or ``.nq`` file, replacing the named graphs it holds. The file
        is parsed in full (strictly) before anything is written."""
        quads = read_graph_file(path)
        if any(q.graph_name != ox.DefaultGraph() for q in quads):  # graph.trig: the store
            quads = [q for q in quads if q.graph_name != ox.DefaultGraph()]  # remakes its merged graph
        return self.replace_graphs(quads)


class Snapshot:
    """A read-only, consistent copy of a writer's store (hard links), removed on close."""

    def __init__(self, store: Store) -> None:
        self._dir = Path(tempfile.mkdtemp(prefix=f".{store.path.name}.snapshot.", dir=store.path.parent))
        try:
            store.oxigraph.flush()
            store.oxigraph.backup(str(self._dir / "store"))
            self.store: ox.Store = ox.Store.read_only(str(self._dir / "store"))
        except OSError as err:
            shutil.rmtree(self._dir, ignore_errors=True)
            raise StoreError(f"{store.path}: cannot take a snapshot to query ({err})") from err

    @property
    def data_dir(self) -> Path:
        """The directory of the snapshot's files (what a query child may read)."""
        return self._dir / "store"

    def close(self) -> None:
        """Forget the snapshot and delete its files."""
        self.store = None  # type: ignore[assignment]
        shutil.rmtree(self._dir, ignore_errors=True)


def open_store(path: str | os.PathLike[str], *, read_only: bool = False) -> Store:
    """Open (or, unless ``read_only``, create) the store directory ``path``.

    One writer at a time, and no readers while it writes: readers share the store (a
    query and a ``serve`` may run together), a writer needs it alone. Whoever comes
    second gets a ``StoreError`` ("store in use by another process").
    """
    p = Path(path)
    if read_only and not is_store(p):
        raise StoreError(f"{p}: no graph store there (build one with: reportgraph build ... --store {p})")
    if p.exists() and not p.is_dir():
        raise StoreError(f"{p}: exists and is not a store directory")
    if (not read_only and p.is_dir() and not is_store(p)
            and any(c.name not in (LOCK_NAME, "reportgraph.probe.lock") for c in p.iterdir())):
        raise StoreError(f"{p}: directory is not empty and holds no graph store; choose another")
    fd = _lock(p, shared=read_only)
    try:
        if read_only:
            _probe_foreign_writer(p)
        return Store(_open_oxigraph(p, read_only=read_only), p, read_only=read_only, lock_fd=fd)
    except BaseException:
        _unlock(p, fd)
        raise


def build_store(path: str | os.PathLike[str], quads: Iterable[ox.Quad]) -> int:
    """Bulk-load ``quads`` into a new store at ``path``: built in a temporary directory
    beside it and renamed into place only when complete, so a failure leaves nothing.
    Refuses an existing ``path`` (use :meth:`Store.replace_graphs` to update one).
    Returns the number of quads."""
    target = Path(path)
    if target.exists():
        raise StoreError(f"{target}: already exists; open it with open_store to update it")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        counted = 0

        def count(items: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
            nonlocal counted
            for q in items:
                counted += 1
                yield q

        store = ox.Store(str(tmp / "store"))
        store.bulk_extend(with_union(count(quads)))
        store.flush()
        store.optimize()
        n = counted
        del store
        os.replace(tmp / "store", target)
    except (OSError, ValueError, SyntaxError) as err:
        raise StoreError(f"{target}: bulk load failed ({err}); nothing was written") from err
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return n
