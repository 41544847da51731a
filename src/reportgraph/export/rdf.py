"""Export a graph as RDF: Turtle and N-Triples write its merged graph, TriG and N-Quads its
report graphs, JSON-LD the report graphs (pyoxigraph's serialiser, the same bytes whatever
the hash seed).

>>> from pathlib import Path
>>> data = rdf_bytes(Path(__file__).parents[3] / "tests/fixtures/small.trig", "nt")
>>> data.splitlines()[0].startswith(b"<https://w3id.org/reportgraph/")
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from reportgraph.errors import OutputError
from reportgraph.rdf.formats import rdf_format

if TYPE_CHECKING:
    from reportgraph.store.sources import Source

#: The RDF formats :func:`rdf_bytes` writes (names of :data:`reportgraph.rdf.formats.RDF_FORMATS`).
EXPORTABLE = ("turtle", "trig", "nquads", "ntriples", "json-ld")


def rdf_bytes(source: Source, fmt: str) -> bytes:
    """The graph ``source`` (anything :func:`reportgraph.store.sources.open_store` reads) as
    ``fmt`` (a name or other name of an exportable format: ``ttl``, ``trig``, ``nq``, ``nt``,
    ``jsonld``), deterministic bytes."""
    from reportgraph.store.sources import open_store

    try:
        info = rdf_format(fmt)
    except KeyError:
        info = None
    if info is None or info.name not in EXPORTABLE:
        raise OutputError(f"cannot export RDF as {fmt!r}: use one of {', '.join(EXPORTABLE)}")
    store = open_store(source)
    if info.name == "json-ld":  # pyoxigraph on sorted quads: the same bytes whatever the hash seed
        import json

        # the report graphs alone (a merged default graph beside them would read as one more
        # graph to some JSON-LD readers)
        data = _store_bytes(store, ox.RdfFormat.JSON_LD, datasets=True, merged=False) or b"[]"
        return (json.dumps(json.loads(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return _store_bytes(store, info.oxigraph, datasets=info.datasets)


def _store_bytes(store: ox.Store, fmt: ox.RdfFormat, *, datasets: bool, merged: bool = True) -> bytes:
    default = ox.DefaultGraph()
    if not datasets:
        triples = sorted({q.triple for q in store if q.graph_name == default}, key=str)
        return ox.serialize(triples, format=fmt) or b""
    quads = sorted((q for q in store if q.graph_name != default), key=str)
    if not quads:  # a Turtle source has no named graphs: write its triples
        quads = sorted((q for q in store if q.graph_name == default), key=str)
    elif merged:  # the report graphs and, first, their merged graph (docs/graph-layout.md)
        quads = sorted((q for q in store if q.graph_name == default), key=str) + quads
    return ox.serialize(quads, format=fmt) or b""
