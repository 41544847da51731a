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


def load_graph_file(path: str | os.PathLike[str]) -> ox.Store:
    """A graph file (``.ttl``, ``.trig``, ``.nq``, ``.nt``) loaded into an in-memory store."""
    store = ox.Store()
    store.extend(with_union(read_graph_file(path), unnamed=ox.NamedNode(Path(path).resolve().as_uri())))
    return store
