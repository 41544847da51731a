"""Graph files: read strictly (pyoxigraph) into quads or an in-memory store laid out as a
store is, with size limits, no DTDs and no remote JSON-LD contexts."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pyoxigraph as ox

from reportgraph.errors import InputError
from reportgraph.rdf.formats import suffix_formats
from reportgraph.store.union import with_union

#: Graph file formats by suffix (from the one table, :data:`reportgraph.rdf.formats.RDF_FORMATS`).
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {s: f.oxigraph for s, f in suffix_formats().items()}
#: Graph files larger than this are refused (bytes).
MAX_GRAPH_FILE = 2 * 1024**3


def _check_graph_file(path: Path) -> ox.RdfFormat:
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: not a graph file; use one of {', '.join(sorted(GRAPH_FORMATS))}")
    try:
        st = path.stat()
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file") from err
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from err
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: not a regular file")
    if st.st_size > MAX_GRAPH_FILE:
        raise InputError(f"{path}: larger than {MAX_GRAPH_FILE} bytes; load it into a store instead")
    return fmt


_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _refuse_dtd(data: bytes, path: Path) -> None:
    """Refuse XML with a document type declaration before any parser sees it: its entities
    expand exponentially ("billion laughs") or point at local files (XXE). RDF/XML never
    needs one."""
    if _DTD.search(data.replace(b"\x00", b"")):  # NULs removed: UTF-16 text matches too
        raise InputError(f"{path}: DOCTYPE not allowed in RDF/XML (entity declarations can expand "
                         "without bound or read local files); remove the <!DOCTYPE …> block")


def read_graph_file(path: str | os.PathLike[str]) -> list[ox.Quad]:
    """Parse a graph file strictly (pyoxigraph) into a list of quads.

    RDF/XML with a DOCTYPE is refused before parsing, and JSON-LD never fetches a remote
    ``@context`` (the file must inline it).
    """
    p = Path(path)
    fmt = _check_graph_file(p)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(f"{p}: cannot be read ({err.strerror})") from err
    if fmt is ox.RdfFormat.RDF_XML:
        _refuse_dtd(data, p)
    try:
        return list(ox.parse(data, format=fmt))
    except (SyntaxError, ValueError, OSError) as err:
        if "LoadDocumentCallback" in str(err):
            raise InputError(f"{p}: remote JSON-LD @context not allowed (reportgraph never fetches "
                             "documents from the network); inline the context in the file") from err
        raise InputError(f"{p}: not valid {p.suffix} ({err})") from err


#: Bytes of memory a graph file loaded in memory may take, and the measured ratio of
#: the memory an in-memory store takes to the size of the file it was loaded from.
MAX_GRAPH_MEMORY = 8 * 1024**3
GRAPH_MEMORY_RATIO = 3  # 2.1 measured: 632 MB peak for 296 MB of N-Quads (1.24 M quads)


def load_graph_file(path: str | os.PathLike[str], *, max_memory: int | None = None) -> ox.Store:
    """A graph file (``.ttl``, ``.trig``, ``.nq``, ``.nt``, ``.jsonld``, ``.rdf``) loaded
    into an in-memory store laid out as :func:`~reportgraph.store.union.with_union` says,
    parsed and indexed by Oxigraph without a Python object per quad. A file whose store
    would take more than ``max_memory`` bytes (default :data:`MAX_GRAPH_MEMORY`; about
    :data:`GRAPH_MEMORY_RATIO` × its size) is refused: build a store from it instead."""
    import json

    from reportgraph.query.internal import internal_query
    from reportgraph.rdf.merged import DESCRIPTION, PER_REPORT_REGEX, description_triples
    from reportgraph.store.union import split_by_report

    p = Path(path)
    fmt = _check_graph_file(p)
    budget = MAX_GRAPH_MEMORY if max_memory is None else max_memory
    size = p.stat().st_size
    if size * GRAPH_MEMORY_RATIO > budget:
        raise InputError(f"{p}: {size / 2**20:,.0f} MB of RDF would take about "
                         f"{size * GRAPH_MEMORY_RATIO / 2**30:,.1f} GB in memory, over the limit of "
                         f"{budget / 2**30:,.1f} GB; build a store from the reports (build --store) "
                         "and query that instead")
    unnamed = ox.NamedNode(p.resolve().as_uri())
    store = ox.Store()
    try:
        if fmt is ox.RdfFormat.RDF_XML:
            data = p.read_bytes()
            _refuse_dtd(data, p)
            store.bulk_load(data, format=fmt, to_graph=unnamed)
        elif fmt.supports_datasets:
            store.bulk_load(path=str(p), format=fmt)
            if next(iter(store.named_graphs()), None) is None:
                # no named graph: the default graph's triples are the file's own report
                # graph, as with_union does (beside named graphs they are the merged graph)
                store.update(f"DELETE {{ ?s ?p ?o }} INSERT {{ GRAPH {unnamed} {{ ?s ?p ?o }} }} "
                             "WHERE { ?s ?p ?o }")
        else:
            store.bulk_load(path=str(p), format=fmt, to_graph=unnamed)
        store.update(split_by_report(unnamed))  # a report's nodes to its graph, as with_union does
    except (SyntaxError, ValueError, OSError) as err:
        if "LoadDocumentCallback" in str(err):
            raise InputError(f"{p}: remote JSON-LD @context not allowed (reportgraph never fetches "
                             "documents from the network); inline the context in the file") from err
        raise InputError(f"{p}: not valid {p.suffix} ({err})") from err
    # the merged graph (reportgraph.rdf.merged.union_triples): every triple but those of the
    # nodes named below a report's IRI and the descriptions, the triples the descriptions
    # stand for, and the relations the statements state
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
                 f"FILTER (?p != {DESCRIPTION} && !REGEX(STR(?s), {json.dumps(PER_REPORT_REGEX)})) }} ; "
                 f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?st <{rdf}subject> ?s ; <{rdf}predicate> ?p ; "
                 f"<{rdf}object> ?o }} FILTER (REGEX(STR(?st), {json.dumps(PER_REPORT_REGEX)})) }}")
    described = store.query(internal_query("descriptions"))
    default = ox.DefaultGraph()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, default)
                      for row in described if isinstance(row["d"], ox.Literal)
                      for t in description_triples(row["s"], row["d"].value))
    return store
