"""Open any graph source: a graph file, a store directory, an rdflib graph, a pyoxigraph
store or dataset, read into an in-memory store laid out as a store on disk."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Union

import pyoxigraph as ox

from reportgraph.errors import InputError, ReportGraphError

if TYPE_CHECKING:
    import rdflib

    from reportgraph.api import ReportGraph

Source = Union["ReportGraph", ox.Store, ox.Dataset, "rdflib.Graph", str, "os.PathLike[str]"]
"""Anything :func:`open_store` reads."""


def open_store(source: Source) -> ox.Store:
    """Read ``source`` into a new in-memory pyoxigraph store laid out as a store on disk
    (:func:`reportgraph.store.embedded.with_union`): the report graphs as named graphs, and their
    merged graph (entities and relations, each triple once) as the default graph.
    Mentions and evidence are read with ``GRAPH ?g { ... }``.

    ``source`` is a :class:`~reportgraph.api.ReportGraph` (its own store is returned), a pyoxigraph ``Store`` or ``Dataset``, an rdflib
    ``Graph``/``Dataset``, an RDF file (``.ttl``, ``.trig``, ``.nq``, ``.nt``, ``.jsonld``,
    ``.rdf``), an Oxigraph store directory (copied, so its lock is held only briefly) or
    the ``http(s)://`` URL of a SPARQL server's dataset (:mod:`reportgraph.store.remote`).
    The source itself is never modified.
    """
    from reportgraph.store.union import UNNAMED_GRAPH, with_union
    from reportgraph.store.remote import is_endpoint, read_quads

    held = getattr(source, "store", None)
    if isinstance(held, ox.Store):  # a ReportGraph (or anything holding a laid-out store)
        return held
    unnamed = UNNAMED_GRAPH
    if isinstance(source, ox.Store):
        quads = _store_quads(source)
    elif isinstance(source, ox.Dataset):
        quads = list(source)
    elif hasattr(source, "serialize") and hasattr(source, "triples"):  # rdflib Graph/Dataset
        from reportgraph.rdf.terms import to_quads

        try:
            quads = to_quads(source)  # type: ignore[arg-type]
        except ReportGraphError as err:
            raise InputError(f"cannot read the rdflib graph: {err}") from err
    elif isinstance(source, str) and is_endpoint(source):  # a SPARQL server's report graphs
        quads = read_quads(source)
    elif isinstance(source, (str, os.PathLike)):
        quads = _read_path(Path(source))
        unnamed = ox.NamedNode(Path(source).resolve().as_uri())
    else:
        raise InputError(f"cannot read a graph from {type(source).__name__}: give a file, a store directory, "
                         "an rdflib graph or a pyoxigraph Store")
    store = ox.Store()
    store.bulk_extend(with_union(quads, unnamed=unnamed))
    return store


def _store_quads(store: ox.Store) -> list[ox.Quad]:
    """A store's report graphs: its named graphs (its default graph is their merged graph,
    made anew), or its default graph if it has no named graph."""
    named = [q for q in store if q.graph_name != ox.DefaultGraph()]
    return named or list(store)


def _read_path(path: Path) -> list[ox.Quad]:
    """A store directory (copied, so its lock is held only briefly) or a graph file (read
    strictly by :func:`reportgraph.store.embedded.read_graph_file`)."""
    from reportgraph.store.embedded import is_store, read_graph_file
    from reportgraph.store.embedded import open_store as open_store_dir

    if is_store(path):
        with open_store_dir(path, read_only=True) as disk:
            return _store_quads(disk.oxigraph)
    if path.is_dir():
        raise InputError(f"{path}: a directory but not a graph store")
    return read_graph_file(path)

