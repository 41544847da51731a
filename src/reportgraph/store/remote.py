"""A graph store behind a SPARQL 1.1 server: the Graph Store Protocol to write, the SPARQL
protocol to read.

``--store http://HOST:PORT/...`` names a server's dataset. Its three endpoints follow
from the URL (:class:`Endpoints`): a bare ``http://host:port/`` is laid out as Oxigraph's
server (``/query``, ``/update``, ``/store``), ``…/repositories/NAME`` as GraphDB's
(``…/NAME``, ``…/NAME/statements``, ``…/NAME/rdf-graphs/service``), any other path as a
Fuseki dataset (``…/query``, ``…/update``, ``…/data``).

:class:`RemoteCorpusStore` is the corpus builder's view of such a store, with the methods of
:class:`reportgraph.store.bulk.CorpusStore`: each report's named graph is written with one
``PUT ?graph=IRI`` (which replaces what was there), its part of the merged default graph
with ``POST ?default`` (RDF is a set, so posting a triple twice keeps it once), and both are
bracketed by marks in a bookkeeping graph, so a build cut short between them leaves marks
that the next build finds and whose graphs it drops. Every request is retried on
connection errors and 5xx answers (all of them are idempotent). The layout is the one of an
embedded store: report graphs plus their merged graph as the real default graph, so the
server needs no union-default-graph switch (turn it off where it exists).

:func:`select` runs a query on the server and returns a
:class:`~reportgraph.query.run.QueryResult`; :func:`read_quads` downloads the report
graphs (for :meth:`reportgraph.ReportGraph.load` and ``export``).
"""

from __future__ import annotations

import base64
import json
import time
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from reportgraph.errors import QueryError, StoreError
from reportgraph.query.internal import internal_query
from reportgraph.rdf.terms import json_term, sparql_term
from reportgraph.store import updates
from reportgraph.store.address import is_endpoint  # noqa: F401  (re-exported)

_PENDING_GRAPH = "urn:x-reportgraph:loading"
_LOADING = "urn:x-reportgraph:loading#graph"
_JSON = "application/sparql-results+json"
#: Attempts per request, and the first pause between two (doubled each time).
RETRIES = 5
BACKOFF = 0.5
TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class Endpoints:
    """The query, update and Graph Store Protocol URLs of one server dataset, and the
    credentials to send (from ``user:password@`` in the URL; never in ``url``, the URL
    as it is shown, nor in any message).

    >>> Endpoints.from_url("http://127.0.0.1:7878/").store
    'http://127.0.0.1:7878/store'
    >>> Endpoints.from_url("http://localhost:3030/reports").update
    'http://localhost:3030/reports/update'
    >>> e = Endpoints.from_url("http://rg:s3cret@localhost:7200/repositories/reports?infer=false")
    >>> e.url, e.query, e.store
    ('http://localhost:7200/repositories/reports?infer=false', 'http://localhost:7200/repositories/reports?infer=false', 'http://localhost:7200/repositories/reports/rdf-graphs/service')
    >>> e.auth
    'Basic cmc6czNjcmV0'
    """

    url: str
    query: str
    update: str
    store: str
    auth: str | None = field(default=None, repr=False)

    @classmethod
    def from_url(cls, url: str) -> Endpoints:
        """The endpoints of the dataset at ``url`` (see the module's docstring). A query
        string on ``url`` is sent with every query (GraphDB's ``infer=false``, a
        ``default-graph-uri``); ``user:password@`` becomes HTTP Basic authentication."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"{shown(url)}: not an http(s) URL of a SPARQL server")
        auth = None
        if parts.username is not None:
            pair = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
            auth = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
        netloc = parts.netloc.rpartition("@")[2]
        path = parts.path.rstrip("/")
        base = urllib.parse.urlunsplit((parts.scheme, netloc, path, "", ""))
        for tail in ("/query", "/sparql", "/update", "/store", "/data"):
            if path.endswith(tail):  # the URL of one endpoint: take its dataset
                base = base[: -len(tail)]
                path = path[: -len(tail)]
                break
        visible = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        params = "?" + parts.query if parts.query else ""
        if not path:
            return cls(visible, base + "/query" + params, base + "/update", base + "/store", auth)
        if "/repositories/" in path:
            return cls(visible, base + params, base + "/statements", base + "/rdf-graphs/service", auth)
        return cls(visible, base + "/query" + params, base + "/update", base + "/data", auth)


def shown(url: str) -> str:
    """``url`` without its password (for messages and reports); anything else unchanged.

    >>> shown("http://rg:s3cret@host:3030/ds")
    'http://rg:***@host:3030/ds'
    """
    if not is_endpoint(url):
        return str(url)
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].partition(":")[0]
    return urllib.parse.urlunsplit((parts.scheme, f"{user}:***@{netloc[2]}", parts.path, parts.query,
                                    parts.fragment))


def _request(method: str, url: str, *, body: bytes | None = None, content_type: str | None = None,
             accept: str | None = None, timeout: float = TIMEOUT, retries: int = RETRIES,
             auth: str | None = None) -> bytes:
    """One HTTP request, retried on connection errors and 5xx/429 answers."""
    import urllib.error  # here, not at import: http.client and email cost a query on a local store 0.1 s
    import urllib.request

    headers = {"User-Agent": "reportgraph"}
    if auth:
        headers["Authorization"] = auth
    if content_type:
        headers["Content-Type"] = content_type
    if accept:
        headers["Accept"] = accept
    pause = BACKOFF
    for attempt in range(1, retries + 1):
        req = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) only
                return resp.read()  # type: ignore[no-any-return]
        except urllib.error.HTTPError as err:
            detail = err.read()[:500].decode("utf-8", "replace").strip()
            if err.code < 500 and err.code != 429:
                raise StoreError(f"{method} {url}: the server answered {err.code} {err.reason}: {detail}") from err
            last = f"{err.code} {err.reason}: {detail}"
        except (urllib.error.URLError, OSError) as err:
            last = str(getattr(err, "reason", err))
        if attempt < retries:
            time.sleep(pause)
            pause *= 2
    raise StoreError(f"{method} {url}: failed {retries} times ({last}); is the server running?")


def _graph_url(base: str, graph: str | None) -> str:
    return base + ("?default" if graph is None else "?" + urllib.parse.urlencode({"graph": graph}))


# ------------------------------------------------------------------------------ reading


def _query_json(endpoints: Endpoints, text: str, *, timeout: float = TIMEOUT) -> dict[str, Any]:
    data = _request("POST", endpoints.query, body=text.encode("utf-8"),
                    content_type="application/sparql-query", accept=_JSON, timeout=timeout, auth=endpoints.auth)
    try:
        return json.loads(data)  # type: ignore[no-any-return]
    except ValueError as err:
        raise StoreError(f"{endpoints.query}: the answer is not SPARQL JSON results ({err})") from err


def select_rows(endpoints: Endpoints, text: str, *, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
    """The rows of a SELECT as ``{variable: pyoxigraph term}``."""
    doc = _query_json(endpoints, text, timeout=timeout)
    return [{k: json_term(v) for k, v in row.items()} for row in doc.get("results", {}).get("bindings", [])]


def read_quads(url: str) -> list[ox.Quad]:
    """The quads of every named graph of the server's dataset (the report graphs; their
    merged graph is made anew by whoever loads them). Portable SPARQL 1.1: one SELECT."""
    rows = select_rows(Endpoints.from_url(url), "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    pending = ox.NamedNode(_PENDING_GRAPH)
    return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows if r["g"] != pending]


def bind_text(text: str, bindings: Mapping[str, Any]) -> str:
    """``text`` with each bound variable replaced by its value, as Oxigraph's substitutions
    do (``bindings`` maps names to pyoxigraph terms): ``?x`` becomes the term; in the outer
    SELECT clause ``(term AS ?x)``, so the result keeps the column, and in a subquery's
    SELECT clause it is left out (the variable is a constant there). The text is read with
    the query policy's SPARQL lexer, so strings, IRIs and comments are never touched.

    >>> bind_text("SELECT ?s ?n WHERE { ?s <http://p> ?n }", {"n": ox.Literal("代县")})
    'SELECT ?s ("代县" AS ?n) WHERE { ?s <http://p> "代县" }'
    >>> bind_text("ASK { ?s ?p ?o FILTER(BOUND(?n) || BOUND(?m)) }", {"n": ox.Literal("x")})
    'ASK { ?s ?p ?o FILTER(true || BOUND(?m)) }'
    """
    from reportgraph.query.policy import tokens

    if not bindings:
        return text
    toks = list(tokens(text))
    # BOUND(?x) of a bound ?x is true: a constant is not a variable, so BOUND(constant) would
    # not parse.
    always: dict[int, int] = {}  # index of BOUND → index of its closing parenthesis
    for k in range(len(toks) - 3):
        a, b, c, d = toks[k:k + 4]
        if (a.kind == "word" and a.text.upper() == "BOUND" and b.text == "(" and c.kind == "var"
                and c.text[1:] in bindings and d.text == ")"):
            always[k] = k + 3
    out: list[str] = []
    i = 0
    braces = parens = 0
    select_at: int | None = None  # the brace depth of the SELECT clause being read
    previous = ""  # the word before this token (upper case), "" after anything else
    modifier = False  # within GROUP BY / ORDER BY
    skip_to = -1
    for n, tok in enumerate(toks):
        if n <= skip_to:
            continue
        if n in always:
            out.append(text[i:tok.start] + "true")
            last = toks[always[n]]
            i = last.start + len(last.text)
            skip_to = always[n]
            previous = ""
            continue
        word = tok.text.upper() if tok.kind == "word" else ""
        if word == "SELECT":
            select_at, parens = braces, 0
        elif word == "WHERE" or tok.text == "{":
            select_at = None
        if tok.kind == "punct":
            braces += {"{": 1, "}": -1}.get(tok.text, 0)
            parens += {"(": 1, ")": -1}.get(tok.text, 0)
        if tok.kind == "var" and tok.text[1:] in bindings:
            out.append(text[i:tok.start])
            i = tok.start + len(tok.text)
            value = sparql_term(bindings[tok.text[1:]])
            if previous == "AS":
                out.append(tok.text)  # `… AS ?x` names a column: leave it
            elif select_at is not None and parens == 0:
                out.append(f"({value} AS {tok.text})" if select_at == 0 else "")
            elif modifier:
                out.append(f"({value})")  # GROUP BY / ORDER BY take a bracketed constant
            else:
                out.append(value)
        if word == "BY":
            modifier = True
        elif tok.text in ("{", "}") or word in ("LIMIT", "OFFSET", "HAVING", "VALUES"):
            modifier = False
        previous = word
    out.append(text[i:])
    return "".join(out)


def select(url: str, text: str, *, bindings: Mapping[str, Any] | None = None,
           timeout: float = 10.0, max_rows: int = 10_000) -> Any:
    """Run a read-only query (already checked by the policy) on the server at ``url`` and
    return a :class:`~reportgraph.query.run.QueryResult`. ``bindings`` map variable names
    to pyoxigraph terms (substituted into the text)."""
    from reportgraph.query.results import QueryResult, _raw, _term as result_term

    endpoints = Endpoints.from_url(url)
    started = time.monotonic()
    try:
        doc = _query_json(endpoints, bind_text(text, bindings or {}), timeout=timeout)
    except StoreError as err:
        raise QueryError(str(err)) from err
    if "boolean" in doc:
        return QueryResult("ask", (), (), bool(doc["boolean"]), False, time.monotonic() - started, text)
    variables = tuple(doc.get("head", {}).get("vars", []))
    bindings_rows = doc.get("results", {}).get("bindings", [])
    rows = tuple(tuple(result_term(_raw(json_term(b[v])) if v in b else None) for v in variables)
                 for b in bindings_rows[:max_rows])
    return QueryResult("select", variables, rows, None, len(bindings_rows) > max_rows,
                       time.monotonic() - started, text)


# ------------------------------------------------------------------------------ writing


class RemoteCorpusStore:
    """The corpus builder's view of a store on a SPARQL 1.1 server (the methods of
    :class:`~reportgraph.store.bulk.CorpusStore`): one ``PUT`` per report graph, its
    part of the merged default graph by ``POST``, marks while a batch is written."""

    def __init__(self, url: str, *, create: bool = True) -> None:
        self.endpoints = Endpoints.from_url(url)
        self.url = url
        self.path = self.endpoints.url  # as shown (in the build report): no password
        try:  # fail early, with one line, when nothing answers there
            _request("POST", self.endpoints.query, body=b"ASK { }", content_type="application/sparql-query",
                     accept=_JSON, retries=2, timeout=30, auth=self.endpoints.auth)
        except StoreError as err:
            raise StoreError(f"{self.endpoints.url}: no SPARQL server answers there ({err})") from err

    def close(self) -> None:
        """Nothing to release (every request is complete when it returns)."""

    def __enter__(self) -> RemoteCorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _update(self, text: str) -> None:
        _request("POST", self.endpoints.update, body=text.encode("utf-8"),
                 content_type="application/sparql-update", auth=self.endpoints.auth)

    def reports(self) -> list[tuple[str, str, str]]:
        """``(graph IRI, doc_id, sha256)`` of every report in the store."""
        rows = select_rows(self.endpoints, internal_query("reports"))
        return [(r["g"].value, r["doc"].value, r["sha"].value) for r in rows]

    @staticmethod
    def _marks(graphs: Sequence[str]) -> list[ox.Triple]:
        return [ox.Triple(ox.NamedNode(g), ox.NamedNode(_LOADING), ox.Literal("1")) for g in graphs]

    def put_many(self, graphs: Sequence[str], nquads: bytes, ntriples: bytes) -> None:
        """Write several reports: mark them as loading, ``PUT`` each named graph (one
        request per report), ``POST`` their part of the merged graph to the default graph,
        remove the marks. A failure part-way leaves the marks for :meth:`recover`."""
        by_graph: dict[str, list[ox.Triple]] = {g: [] for g in graphs}
        for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=True):
            by_graph.setdefault(q.graph_name.value, []).append(q.triple)  # type: ignore[union-attr]
        pending = ox.NamedNode(_PENDING_GRAPH)
        self._update(updates.insert_data(self._marks(list(by_graph)), graph=pending))
        for g, triples in by_graph.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            _request("PUT", _graph_url(self.endpoints.store, g), body=body,
                     content_type="application/n-triples", auth=self.endpoints.auth)
        if ntriples.strip():
            _request("POST", _graph_url(self.endpoints.store, None), body=ntriples,
                     content_type="application/n-triples", auth=self.endpoints.auth)
        self._update(updates.delete_data(self._marks(list(by_graph)), graph=pending))

    def recover(self) -> list[str]:
        """Drop the graphs of a batch that was not written to the end; return their IRIs."""
        rows = select_rows(self.endpoints, internal_query("loading-marks"))
        graphs = sorted({r["g"].value for r in rows})
        for g in graphs:
            self.drop(g)
        if graphs:
            self._update(updates.drop_graph(ox.NamedNode(_PENDING_GRAPH)))
        return graphs

    def drop(self, graph: str) -> None:
        """Drop one report's graph, and its triples from the merged graph unless another
        report states them too (one update request)."""
        name = ox.NamedNode(graph)
        ops = updates.forget_reports([name], lambda text, bindings: select_rows(self.endpoints,
                                                                                bind_text(text, bindings)))
        self._update(updates.request(*ops, updates.drop_graph(name)))

    def entity_counts(self) -> dict[str, int]:
        """Distinct entities of each type (from the merged default graph)."""
        from reportgraph.rdf.vocab import CLASSES

        rows = select_rows(self.endpoints, internal_query("entity-counts"))
        counts = {r["class"].value: int(r["n"].value) for r in rows}
        return {t.value: counts.get(str(cls), 0) for t, cls in CLASSES.items()}

    def type_conflicts(self) -> list[dict[str, Any]]:
        """As :meth:`reportgraph.store.bulk.CorpusStore.type_conflicts`."""
        from reportgraph.rdf.vocab import entity_type_of

        out = []
        for by in ("key", "name"):
            for r in select_rows(self.endpoints, internal_query(f"type-conflicts-{by}")):
                types = sorted(str(entity_type_of(t).value) for t in r["types"].value.split())
                out.append({"by": by, "key": r["k"].value, "types": types})
        return sorted(out, key=lambda c: (c["by"], c["key"]))


def open_corpus_store(store: Any, *, create: bool = True) -> Any:
    """The corpus builder's store: a :class:`RemoteCorpusStore` for an ``http(s)://`` URL,
    else a :class:`~reportgraph.store.bulk.CorpusStore` on the directory."""
    if is_endpoint(store):
        return RemoteCorpusStore(str(store), create=create)
    from reportgraph.store.bulk import CorpusStore

    return CorpusStore(store, create=create)
