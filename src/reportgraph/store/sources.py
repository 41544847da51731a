"""Open any graph source, one way for the query runner, the endpoint, the API, the exports
and the CLI: a graph file, a store directory, a :class:`~reportgraph.store.embedded.Store`,
an rdflib graph, a pyoxigraph store or dataset, or anything holding a laid-out store (a
:class:`~reportgraph.api.ReportGraph`).

What comes back is laid out as a store on disk (:func:`reportgraph.store.union.with_union`):
the report graphs as named graphs, their merged graph as the default graph.

Each kind of source has its opener in :data:`OPENERS`, tried in order (the ``http(s)://``
URL of a SPARQL server's dataset is one); a new kind is one more entry.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import pyoxigraph as ox

from reportgraph.errors import InputError, ReportGraphError

if TYPE_CHECKING:
    import rdflib

    from reportgraph.api import ReportGraph

Source = Union["ReportGraph", ox.Store, ox.Dataset, "rdflib.Graph", str, "os.PathLike[str]"]
"""Anything :func:`open_source` and :func:`open_store` read."""

Opened = tuple[ox.Store, Any]
"""A store and what to close once done with it (``None``: nothing)."""


def _held(source: Any, copy: bool) -> Opened | None:
    held = getattr(source, "store", None)
    return (held, None) if isinstance(held, ox.Store) else None  # a ReportGraph: already laid out


def _oxigraph(source: Any, copy: bool) -> Opened | None:
    if not isinstance(source, ox.Store):
        return None
    return (_laid_out(_store_quads(source)), None) if copy else (source, None)


def _embedded(source: Any, copy: bool) -> Opened | None:
    from reportgraph.store.embedded import Store

    if not isinstance(source, Store):
        return None
    return (_laid_out(_store_quads(source.oxigraph)), None) if copy else source.for_queries()


def _dataset(source: Any, copy: bool) -> Opened | None:
    return (_laid_out(list(source)), None) if isinstance(source, ox.Dataset) else None


def _rdflib(source: Any, copy: bool) -> Opened | None:
    if not (hasattr(source, "serialize") and hasattr(source, "triples")):  # rdflib Graph/Dataset
        return None
    from reportgraph.rdf.terms import to_quads

    try:
        quads = to_quads(source)
    except ReportGraphError as err:
        raise InputError(f"cannot read the rdflib graph: {err}") from err
    return _laid_out(quads), None


def _endpoint(source: Any, copy: bool) -> Opened | None:
    """The ``http(s)://`` URL of a SPARQL server's dataset (:mod:`reportgraph.store.remote`):
    its report graphs, read into memory."""
    from reportgraph.store.address import is_endpoint

    if not (isinstance(source, str) and is_endpoint(source)):
        return None
    from reportgraph.store.remote import read_quads

    return _laid_out(read_quads(source)), None


def _path(source: Any, copy: bool) -> Opened | None:
    """A store directory (opened read-only, or copied, so its lock is held only briefly) or
    a graph file (read strictly by :func:`reportgraph.store.files.read_graph_file`)."""
    if not isinstance(source, (str, os.PathLike)):
        return None
    from reportgraph.store.embedded import is_store, open_store as open_store_dir
    from reportgraph.store.files import read_graph_file

    from reportgraph.store.bulk import check_layout

    path = Path(source)
    if is_store(path):
        if not copy:
            disk = open_store_dir(path, read_only=True)
            try:
                check_layout(disk.oxigraph, path)  # an earlier layout is rebuilt, not read
            except BaseException:
                disk.close()
                raise
            return disk.oxigraph, disk
        with open_store_dir(path, read_only=True) as disk:
            check_layout(disk.oxigraph, path)
            return _laid_out(_store_quads(disk.oxigraph)), None
    if path.is_dir():
        raise InputError(f"{path}: a directory but not a graph store")
    return _laid_out(read_graph_file(path), unnamed=ox.NamedNode(path.resolve().as_uri())), None


#: The openers, tried in order: each returns ``None`` for a source that is not its kind.
OPENERS: list[Callable[[Any, bool], Opened | None]] = [_held, _oxigraph, _embedded, _dataset, _rdflib, _endpoint,
                                                       _path]


def open_source(source: Source, *, copy: bool = False) -> Opened:
    """``source`` as a pyoxigraph store laid out as a store on disk, and what to close once
    done with it. Without ``copy`` a store is used where it is (a store directory opened
    read-only); with ``copy`` everything is read into a new in-memory store. The source
    itself is never modified."""
    for opener in OPENERS:
        opened = opener(source, copy)
        if opened is not None:
            return opened
    raise InputError(f"cannot read a graph from {type(source).__name__}: give a file, a store directory, "
                     "an rdflib graph or a pyoxigraph Store")


def open_store(source: Source) -> ox.Store:
    """Read ``source`` into a new in-memory pyoxigraph store (a
    :class:`~reportgraph.api.ReportGraph` gives its own store): the report graphs as named
    graphs, their merged graph (entities and relations, each triple once) as the default
    graph. Mentions and evidence are read with ``GRAPH ?g { ... }``.

    ``source`` is anything :func:`open_source` reads (a file, a store directory, copied so
    its lock is held only briefly, an rdflib graph, a pyoxigraph store, or the ``http(s)://``
    URL of a SPARQL server's dataset). The source itself is never modified.
    """
    return open_source(source, copy=True)[0]


def _laid_out(quads: list[ox.Quad], *, unnamed: ox.NamedNode | None = None) -> ox.Store:
    from reportgraph.store.union import UNNAMED_GRAPH, with_union

    store = ox.Store()
    store.bulk_extend(with_union(quads, unnamed=unnamed or UNNAMED_GRAPH))
    return store


def _store_quads(store: ox.Store) -> list[ox.Quad]:
    """A store's report graphs: its named graphs (its default graph is their merged graph,
    made anew), or its default graph if it has no named graph."""
    named = [q for q in store if q.graph_name != ox.DefaultGraph()]
    return named or list(store)
