"""The endpoint's query page and its static files: YASGUI (vendored from npm as package
data, with its licence in ``static/yasgui/LICENSE.txt``) with the named queries as
example tabs. Nothing is loaded from another host: the page's Content-Security-Policy
allows this origin only."""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources

from reportgraph.errors import ReportGraphError

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
       "base-uri 'none'; form-action 'self'")

_STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                 ".txt": "text/plain; charset=utf-8"}
_STATIC = ("yasgui/yasgui.min.js", "yasgui/yasgui.min.css", "yasgui/LICENSE.txt", "page.js")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>reportgraph SPARQL endpoint</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="static/yasgui/yasgui.min.css">
<style>body {{ font-family: sans-serif; margin: 0 1em; }} header p {{ margin: .3em 0; color: #444; }}</style>
</head>
<body>
<header>
<h1>reportgraph SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>{endpoint}</code> (GET or POST). Each tab holds one of the
named queries; the default graph is the merged graph of all reports, mentions and evidence
are in each report's named graph (<code>GRAPH ?g {{ … }}</code>). Results are cut at
{max_rows} rows; a query stops after {timeout:g} s.
<a href="static/yasgui/LICENSE.txt">YASGUI licence</a>.</p>
</header>
<div id="yasgui"></div>
<script type="application/json" id="reportgraph-queries">{queries}</script>
<script src="static/yasgui/yasgui.min.js"></script>
<script src="static/page.js"></script>
</body>
</html>
"""


def _script_json(data: object) -> str:
    """JSON safe inside a ``<script>`` data block."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


@lru_cache(maxsize=4)
def query_page(endpoint: str, max_rows: int, timeout: float) -> bytes:
    """The HTML of the query page (``endpoint`` relative to the page, e.g. ``query``)."""
    from reportgraph.query.named import load_query
    from reportgraph.rdf.resources import query_names

    queries = []
    for name in query_names():
        try:
            q = load_query(name)
        except ReportGraphError:
            continue
        queries.append({"name": q.name, "query": q.text, "description": q.description})
    return _PAGE.format(endpoint=html.escape(endpoint), max_rows=max_rows, timeout=timeout,
                        queries=_script_json({"endpoint": endpoint, "queries": queries})).encode("utf-8")


def static_file(name: str) -> tuple[bytes, str] | None:
    """A static file of the page by its path below ``static/``, with its content type."""
    if name not in _STATIC:
        return None
    return _read_static(name), _STATIC_TYPES["." + name.rsplit(".", 1)[-1]]


@lru_cache(maxsize=len(_STATIC))
def _read_static(name: str) -> bytes:
    return resources.files("reportgraph.query").joinpath("static", *name.split("/")).read_bytes()


__all__ = ["CSP", "query_page", "static_file"]
