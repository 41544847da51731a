"""Whether a graph source is a SPARQL server's URL, told without loading the HTTP client
(:mod:`reportgraph.store.remote`): every query and command asks it first."""

from __future__ import annotations


def is_endpoint(source: object) -> bool:
    """True when ``source`` is an ``http://`` or ``https://`` URL (a SPARQL server).

    >>> is_endpoint("http://127.0.0.1:7878/"), is_endpoint("corpus.db")
    (True, False)
    """
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))
