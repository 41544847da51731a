"""A read-only SPARQL 1.1 Protocol endpoint over a store or a graph file.

``GET /query?query=…`` and ``POST /query`` (``application/sparql-query`` or a form with
``query=``) answer SELECT and ASK as SPARQL Results JSON, XML, CSV or TSV, CONSTRUCT and
DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD, chosen by the ``Accept`` header with
its q-values or a ``format=`` parameter (406 when none fits: :mod:`reportgraph.query.protocol`).
``GET /query`` without a query gives the service description; ``GET /`` a query page
(YASGUI, vendored, with the named queries as examples: :mod:`reportgraph.query.page`).

Every query goes through the policy of :func:`reportgraph.query.run.execute` (updates
refused with 403, ``SERVICE`` and ``FROM`` with 400) and runs walled in a child process
with a timeout (503), a row cap (the result says it was cut) and a memory limit, reading
no file beyond the store (:func:`reportgraph.sandbox.describe_walls`). Built for
hostile clients: the HTTP server underneath is waitress (bodies always read whole or the
connection closed, a real listen backlog, a connection limit, no tracebacks on client
disconnects); the ``Host`` header must name this server (loopback names unless
``allow_hosts`` says otherwise) and a request from a web page of another origin is
refused, so neither DNS rebinding nor cross-site forms reach it; queries are admitted
fairly (:mod:`reportgraph.query.scheduler`: slots per client, a slow lane, ``Retry-After``
on 429 and 503). Error bodies hold no paths or stack traces.

>>> from rdflib import Dataset
>>> with SparqlServer(Dataset(), port=0) as server:
...     server.url.startswith("http://127.0.0.1:")
True
"""

from __future__ import annotations

import ipaddress
import logging
import os
import signal
import threading
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from http import HTTPStatus
from types import TracebackType
from typing import Any

import pyoxigraph as ox

from reportgraph.errors import QueryError, ReportGraphError
from reportgraph.query.page import CSP, query_page, static_file
from reportgraph.query.protocol import GRAPH_FORMATS, RESULT_FORMATS, negotiate, serialize
from reportgraph.query.run import (DEFAULT_MAX_MEMORY, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryTimeout,
                                   SlowLaneFull, execute, open_source)
from reportgraph.query.scheduler import Busy, Scheduler

log = logging.getLogger(__name__)

DEFAULT_PORT = 7878
DEFAULT_MAX_BODY = 1_000_000
JSON_TYPE = "application/sparql-results+json"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_SD_FORMATS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples",
               "rdfxml": "RDF_XML", "jsonld": "JSON-LD"}

_Response = tuple[int, bytes, str, dict[str, str]]


def _host_name(host: str) -> str:
    """The name in a Host header or an origin's authority, without the port, lowercased."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class SparqlApp:
    """The endpoint as a WSGI application (served by :class:`SparqlServer`)."""

    def __init__(self, store: ox.Store, *, timeout: float, max_rows: int, max_memory: int,
                 max_body: int, cors_origins: Iterable[str], allow_hosts: Iterable[str],
                 scheduler: Scheduler, store_dir: str | os.PathLike[str] | None = None) -> None:
        self.store = store
        self.store_dir = store_dir  # where a query child may read (the store's files)
        self.timeout, self.max_rows, self.max_memory, self.max_body = timeout, max_rows, max_memory, max_body
        self.cors_origins = frozenset(cors_origins)
        self.allow_hosts = {_host_name(h) for h in allow_hosts}
        self.scheduler = scheduler
        self.port = 0

    # -- WSGI
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        try:
            status, body, ctype, headers = self._handle(environ)
        except Exception:  # noqa: BLE001 - logged here, never sent to the client
            log.exception("request failed")
            status, body, ctype, headers = self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error")
        out = [("Content-Type", ctype), ("Content-Length", str(len(body))),
               ("X-Content-Type-Options", "nosniff"), ("Vary", "Accept, Origin"),
               ("Cache-Control", headers.pop("Cache-Control", "no-store"))]
        out += list(headers.items()) + self._cors(environ)
        start_response(f"{status} {HTTPStatus(status).phrase}", out)
        return [b""] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    def _cors(self, environ: dict[str, Any]) -> list[tuple[str, str]]:
        origin = environ.get("HTTP_ORIGIN")
        if "*" in self.cors_origins:
            return [("Access-Control-Allow-Origin", "*")]
        if origin and origin in self.cors_origins:
            return [("Access-Control-Allow-Origin", origin)]
        return []

    @staticmethod
    def _error(status: int, message: str, headers: dict[str, str] | None = None) -> _Response:
        return status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", headers or {}

    # -- who may ask
    def _refuse_origin(self, environ: dict[str, Any]) -> _Response | None:
        """403 for a Host that does not name this server (DNS rebinding) and for a request
        sent by a web page of another origin (cross-site forms and fetches)."""
        host = _host_name(environ.get("HTTP_HOST") or "")
        if "*" not in self.allow_hosts and host not in self.allow_hosts:
            return self._error(HTTPStatus.FORBIDDEN, "this server does not answer to that Host name "
                               "(start it with --allow-host NAME to allow it)")
        origin = environ.get("HTTP_ORIGIN")
        if origin and origin not in self.cors_origins and "*" not in self.cors_origins:
            parts = urllib.parse.urlsplit(origin)
            same = (parts.scheme == "http" and ("*" in self.allow_hosts or
                                               _host_name(parts.netloc) in self.allow_hosts)
                    and (parts.port or 80) == self.port)
            if not same:
                return self._error(HTTPStatus.FORBIDDEN, "cross-origin requests are refused "
                                   "(start the server with --cors-origin ORIGIN to allow one)")
        elif not origin and environ.get("HTTP_SEC_FETCH_SITE") == "cross-site" and not self.cors_origins:
            return self._error(HTTPStatus.FORBIDDEN, "cross-site requests are refused")
        return None

    # -- routes
    def _handle(self, environ: dict[str, Any]) -> _Response:
        refused = self._refuse_origin(environ)
        if refused is not None:
            return refused
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        if method == "OPTIONS":
            headers = {"Allow": "GET, HEAD, POST, OPTIONS"}
            if self.cors_origins:
                headers |= {"Access-Control-Allow-Methods": "GET, POST",
                            "Access-Control-Allow-Headers": "Content-Type, Accept"}
            return HTTPStatus.NO_CONTENT, b"", "text/plain", headers
        if path == "/update" or path.startswith("/update/"):
            return self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        if method not in ("GET", "HEAD", "POST"):
            return self._error(HTTPStatus.METHOD_NOT_ALLOWED, "use GET or POST",
                               {"Allow": "GET, HEAD, POST, OPTIONS"})
        if path in ("/", "/index.html") and method != "POST":
            body = query_page("query", self.max_rows, self.timeout)
            return HTTPStatus.OK, body, "text/html; charset=utf-8", {"Content-Security-Policy": CSP}
        if path.startswith("/static/") and method != "POST":
            found = static_file(path[len("/static/"):])
            if found is None:
                return self._error(HTTPStatus.NOT_FOUND, "not found")
            return HTTPStatus.OK, found[0], found[1], {"Cache-Control": "public, max-age=3600"}
        if path != "/query":
            return self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /query, the query page /")
        params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        if method == "POST":
            read = self._read_body(environ, params)
            if read is not None:
                return read
        return self._answer(environ, params)

    def _read_body(self, environ: dict[str, Any], params: dict[str, list[str]]) -> _Response | None:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if length > self.max_body:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body larger than {self.max_body} bytes")
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        ctype = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8")
        if ctype == "application/sparql-query":
            params["query"] = params.get("query", []) + [text]
        elif ctype == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(text, keep_blank_values=True).items():
                params[key] = params.get(key, []) + values
        else:
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "send application/sparql-query or application/x-www-form-urlencoded")
        return None

    def _answer(self, environ: dict[str, Any], params: dict[str, list[str]]) -> _Response:
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
        for clause in ("default-graph-uri", "named-graph-uri"):
            if clause in params:
                return self._error(HTTPStatus.BAD_REQUEST,
                                   f"{clause} is refused: queries run on the merged graph of all reports")
        accept = environ.get("HTTP_ACCEPT")
        fmt_param = next(iter(params.get("format", []) + params.get("output", [])), None)
        queries = params.get("query", [])
        if not queries and environ.get("REQUEST_METHOD") != "POST":
            return self._service_description(accept, fmt_param)
        if len(queries) != 1 or not queries[0].strip():
            return self._error(HTTPStatus.BAD_REQUEST, "give exactly one query= parameter")
        client = environ.get("REMOTE_ADDR") or "?"
        try:
            with self.scheduler.admit(client) as ticket:
                result = execute(self.store, queries[0], timeout=self.timeout, max_rows=self.max_rows,
                                 max_memory=self.max_memory, on_slow=ticket.promote, store_dir=self.store_dir)
        except Busy as busy:
            return self._error(busy.status, str(busy), {"Retry-After": str(busy.retry_after)})
        except (QueryTimeout, SlowLaneFull) as err:
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(err),
                               {"Retry-After": str(max(1, round(self.scheduler.retry_after)))})
        except QueryError as err:
            message = str(err)
            status = HTTPStatus.FORBIDDEN if message.startswith("updates are refused") else HTTPStatus.BAD_REQUEST
            return self._error(status, message)
        kind = "graph" if result.kind == "graph" else "select"
        fmt = negotiate(accept, kind, format_param=fmt_param)
        if fmt is None:
            offered = ", ".join(f.media_type for f in (GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS))
            return self._error(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer in the format asked for; "
                               f"this query's result can be: {offered}")
        headers = {"X-Reportgraph-Truncated": "true"} if result.truncated else {}
        return HTTPStatus.OK, serialize(result, fmt, max_rows=self.max_rows), fmt.content_type, headers

    def _service_description(self, accept: str | None, fmt_param: str | None) -> _Response:
        fmt = negotiate(accept, "graph", format_param=fmt_param)
        if fmt is None:
            return self._error(HTTPStatus.NOT_ACCEPTABLE, "the service description is RDF: ask for "
                               + ", ".join(f.media_type for f in GRAPH_FORMATS))
        sd = ox.NamedNode
        svc = ox.BlankNode("service")
        ds = ox.BlankNode("dataset")
        rdf_type = sd("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        triples = [ox.Triple(svc, rdf_type, sd(_SD + "Service")),
                   ox.Triple(svc, sd(_SD + "endpoint"), sd(f"http://127.0.0.1:{self.port}/query")),
                   ox.Triple(svc, sd(_SD + "supportedLanguage"), sd(_SD + "SPARQL11Query")),
                   ox.Triple(svc, sd(_SD + "defaultDataset"), ds),
                   ox.Triple(ds, rdf_type, sd(_SD + "Dataset")),
                   ox.Triple(ds, sd("http://www.w3.org/2000/01/rdf-schema#comment"),
                             ox.Literal("The default graph is the merged graph of all reports; each "
                                        "report's mentions and evidence are in its named graph."))]
        triples += [ox.Triple(svc, sd(_SD + "resultFormat"), sd(_FORMATS + name))
                    for name in _SD_FORMATS.values()]
        return HTTPStatus.OK, ox.serialize(triples, format=fmt.rdf) or b"", fmt.content_type, {}


class SparqlServer:
    """A read-only SPARQL endpoint; ``with SparqlServer(source) as s:`` serves in a
    background thread until the block ends, :meth:`serve_forever` in this one.

    ``max_concurrent`` queries run at once, ``per_client`` of them from one client address,
    ``slow_slots`` (default a third of them) beyond half a second; ``allow_hosts`` are the Host names it
    answers to besides the loopback names and the address it binds (``"*"``: any)."""

    def __init__(self, source: Any, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                 max_body: int = DEFAULT_MAX_BODY, cors_origins: Sequence[str] = (),
                 allow_hosts: Sequence[str] = (), max_concurrent: int = 12, per_client: int = 2,
                 slow_slots: int | None = None, max_memory: int = DEFAULT_MAX_MEMORY // 2,
                 max_wait: float = 5.0, connection_limit: int = 512, backlog: int = 1024) -> None:
        from waitress.server import create_server

        store, self._closer = open_source(source)
        scheduler = Scheduler(slots=max_concurrent, per_client=per_client, max_wait=max_wait,
                              slow_slots=max(1, max_concurrent // 3) if slow_slots is None else slow_slots)
        names = set(LOOPBACK_NAMES) | {host} | set(allow_hosts)
        if host not in ("0.0.0.0", "::", ""):
            try:
                ipaddress.ip_address(host)
            except ValueError:
                names.add(host)
        self.app = SparqlApp(store, timeout=timeout, max_rows=max_rows, max_memory=max_memory,
                             max_body=max_body, cors_origins=cors_origins, allow_hosts=names,
                             scheduler=scheduler, store_dir=getattr(self._closer, "data_dir", None))
        try:
            self._server = create_server(
                self.app, host=host, port=port, threads=max(16, 4 * max_concurrent),
                backlog=backlog, connection_limit=connection_limit, max_request_body_size=max_body,
                channel_timeout=30, expose_tracebacks=False, ident="reportgraph",
                clear_untrusted_proxy_headers=True, asyncore_use_poll=True)
        except (OSError, ValueError) as err:
            if self._closer is not None:
                self._closer.close()
            reason = getattr(err, "strerror", None) or str(err)
            raise ReportGraphError(f"cannot listen on {host}:{port} ({reason}); choose another --port") from err
        self.app.port = int(self._server.effective_port)
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def url(self) -> str:
        """The query URL, e.g. ``http://127.0.0.1:7878/query``."""
        host = str(self._server.effective_host)
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self._server.effective_port}/query"

    @property
    def address(self) -> tuple[str, int]:
        """The address and port the server listens on."""
        return str(self._server.effective_host), int(self._server.effective_port)

    def serve_forever(self) -> None:
        """Serve in this thread until :meth:`shutdown` (or KeyboardInterrupt)."""
        try:
            self._server.run()
        except (OSError, ValueError):
            if not self._closed:  # a socket closed by shutdown() ends the loop
                raise

    def start(self) -> SparqlServer:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True, name="reportgraph-serve")
        self._thread.start()
        return self

    def shutdown(self) -> None:
        """Stop serving, close every connection and release the store."""
        if self._closed:
            return
        self._closed = True
        server = self._server

        def close_all() -> None:  # the listener, the trigger and every client connection
            for channel in list(server._map.values()):
                try:
                    channel.close()
                except OSError:
                    pass

        if self._thread is not None and self._thread.is_alive():
            server.trigger.pull_trigger(close_all)  # closed in the loop's own thread
            self._thread.join(10)
        if server._map:
            close_all()
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=5)
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None
        self.app.store = None  # type: ignore[assignment]  # drop the last reference
        if self._closer is not None:
            self._closer.close()
            self._closer = None

    def __enter__(self) -> SparqlServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.shutdown()


def serve(source: Any, *, on_ready: Callable[[str], None] | None = None, **options: Any) -> None:
    """Serve ``source`` (a store directory, a graph file or a dataset) until interrupted:
    Ctrl-C (SIGINT) or, as service managers stop a server, SIGTERM. ``options`` are those
    of :class:`SparqlServer`; ``on_ready`` is called with the query URL once the socket
    listens (the CLI prints it)."""
    server = SparqlServer(source, **options)
    logging.getLogger("waitress").setLevel(logging.ERROR)  # no line per client disconnect
    previous = _stop_on_sigterm()
    if on_ready is not None:
        on_ready(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Any:
    """Make SIGTERM stop :func:`serve` as Ctrl-C does (in the main thread only, where
    Python runs signal handlers); return the handler it replaces, or ``None``."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _interrupt)


__all__ = ["DEFAULT_PORT", "JSON_TYPE", "SparqlApp", "SparqlServer", "serve"]
