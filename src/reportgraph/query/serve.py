"""A read-only SPARQL 1.1 Protocol endpoint over a store or a graph file.

``GET /query?query=…`` and ``POST /query`` (``application/sparql-query`` or a form with
``query=``) answer with SPARQL 1.1 Query Results JSON (or CSV when the client asks for
``text/csv``; CONSTRUCT and DESCRIBE give N-Triples). Every query goes through the same
policy as :func:`reportgraph.query.run.run_query`: updates are refused with 403, ``SERVICE``
and ``FROM`` with 400; a query runs with a timeout (503 when it expires) and a row cap
(the ``X-Reportgraph-Truncated: true`` header says the answer was cut). Bodies over the
size limit get 413. The server binds 127.0.0.1 unless told otherwise, sends no CORS
headers unless origins are given, and its error bodies hold no paths or stack traces.

>>> from rdflib import Dataset
>>> with SparqlServer(Dataset(), port=0) as server:
...     server.url.startswith("http://127.0.0.1:")
True
"""

from __future__ import annotations

import logging
import signal
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import pyoxigraph as ox

from reportgraph.errors import QueryError, ReportGraphError
from reportgraph.query.run import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, QueryResult, Term, execute, open_source

log = logging.getLogger(__name__)

DEFAULT_PORT = 7878
DEFAULT_MAX_BODY = 1_000_000
JSON_TYPE = "application/sparql-results+json"


def _ox(t: Term) -> Any:
    if t.kind == "uri":
        return ox.NamedNode(t.value)
    if t.kind == "bnode":
        return ox.BlankNode(t.value)
    if t.lang:
        return ox.Literal(t.value, language=t.lang)
    if t.datatype:
        return ox.Literal(t.value, datatype=ox.NamedNode(t.datatype))
    return ox.Literal(t.value)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "reportgraph"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may take to send its request

    # -- plumbing
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)

    def _cors(self) -> None:
        origins = self.server.cors_origins
        origin = self.headers.get("Origin")
        if "*" in origins:
            self.send_header("Access-Control-Allow-Origin", "*")
        elif origin and origin in origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self._cors()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    # -- methods
    def do_OPTIONS(self) -> None:  # noqa: N802
        headers = {"Allow": "GET, POST, OPTIONS"}
        if self.server.cors_origins:
            headers["Access-Control-Allow-Methods"] = "GET, POST"
            headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", headers)

    def _is_query_path(self, path: str) -> bool:
        """True for ``/query``; otherwise answer 403 (``/update``) or 404 and say False."""
        if path == "/update":
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
            return False
        if path != "/query":
            self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /query")
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            self._send(HTTPStatus.OK, b"reportgraph SPARQL endpoint: GET or POST /query (read-only)\n",
                       "text/plain; charset=utf-8")
            return
        if not self._is_query_path(url.path):
            return
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        self._answer(params)

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if not self._is_query_path(url.path):
            return
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            self._error(HTTPStatus.LENGTH_REQUIRED, "a Content-Length header is required")
            return
        try:
            length = int(length_header)
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            return
        if length < 0 or length > self.server.max_body:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"request body larger than {self.server.max_body} bytes")
            return
        body = self.rfile.read(length)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
            return
        if ctype == "application/sparql-query":
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                self._error(HTTPStatus.BAD_REQUEST, "the query is not UTF-8")
                return
        elif ctype == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                self._error(HTTPStatus.BAD_REQUEST, "the form is not UTF-8")
                return
            params.update(form)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "send application/sparql-query or application/x-www-form-urlencoded")
            return
        self._answer(params)

    # -- the query
    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "updates are refused: this endpoint is read-only")
            return
        for clause in ("default-graph-uri", "named-graph-uri"):
            if clause in params:
                self._error(HTTPStatus.BAD_REQUEST,
                            f"{clause} is refused: queries run on the merged graph of all reports")
                return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query= parameter")
            return
        if not self.server.slots.acquire(blocking=False):
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again later")
            return
        try:
            result = execute(self.server.store, queries[0], timeout=self.server.query_timeout,
                             max_rows=self.server.max_rows)
        except QueryError as err:
            message = str(err)
            if message.startswith("updates are refused"):
                self._error(HTTPStatus.FORBIDDEN, message)
            elif "timeout" in message:
                self._error(HTTPStatus.SERVICE_UNAVAILABLE, message)
            else:
                self._error(HTTPStatus.BAD_REQUEST, message)
            return
        except Exception:  # noqa: BLE001 - logged here, never sent to the client
            log.exception("query failed")
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error")
            return
        finally:
            self.server.slots.release()
        self._result(result)

    def _result(self, result: QueryResult) -> None:
        headers = {"X-Reportgraph-Truncated": "true"} if result.truncated else {}
        accept = (self.headers.get("Accept") or "").lower()
        if result.kind == "graph":
            triples = [ox.Triple(*(_ox(t) for t in row)) for row in result.rows  # type: ignore[misc]
                       if all(t is not None for t in row)]
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            self._send(HTTPStatus.OK, body, "application/n-triples; charset=utf-8", headers)
        elif "text/csv" in accept and JSON_TYPE not in accept:
            self._send(HTTPStatus.OK, result.to_csv().encode("utf-8"), "text/csv; charset=utf-8", headers)
        else:
            self._send(HTTPStatus.OK, result.to_json().encode("utf-8"), JSON_TYPE + "; charset=utf-8",
                       headers)


class _Server(ThreadingHTTPServer):
    # Handler threads are daemons, which socketserver never joins on close: one may sit
    # on a client's idle keep-alive connection for its 30 s timeout.
    daemon_threads = True
    store: ox.Store
    query_timeout: float
    max_rows: int
    max_body: int
    cors_origins: frozenset[str]
    slots: threading.BoundedSemaphore


class SparqlServer:
    """A read-only SPARQL endpoint; ``with SparqlServer(source) as s:`` serves in a
    background thread until the block ends, :meth:`serve_forever` in this one."""

    def __init__(self, source: Any, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
                 max_body: int = DEFAULT_MAX_BODY, cors_origins: Sequence[str] = (),
                 max_concurrent: int = 4) -> None:
        store, self._closer = open_source(source)
        try:
            self._httpd = _Server((host, port), _Handler)
        except OSError as err:
            if self._closer is not None:
                self._closer.close()
            raise ReportGraphError(f"cannot listen on {host}:{port} ({err.strerror}); "
                                   "choose another --port") from err
        self._httpd.store = store
        self._httpd.query_timeout = timeout
        self._httpd.max_rows = max_rows
        self._httpd.max_body = max_body
        self._httpd.cors_origins = frozenset(cors_origins)
        self._httpd.slots = threading.BoundedSemaphore(max_concurrent)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The query URL, e.g. ``http://127.0.0.1:7878/query``."""
        host, port = self._httpd.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/query"

    def serve_forever(self) -> None:
        """Serve in this thread until :meth:`shutdown` (or KeyboardInterrupt)."""
        self._httpd.serve_forever()

    def start(self) -> SparqlServer:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True,
                                        name="reportgraph-serve")
        self._thread.start()
        return self

    def shutdown(self) -> None:
        """Stop serving, close the socket and release the store."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(10)
            self._thread = None
        self._httpd.server_close()
        self._httpd.store = None  # type: ignore[assignment]  # drop the last reference
        if self._closer is not None:
            self._closer.close()
            self._closer = None

    def __enter__(self) -> SparqlServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.shutdown()


def serve(source: Any, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_MAX_ROWS,
          max_body: int = DEFAULT_MAX_BODY, cors_origins: Sequence[str] = (),
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve ``source`` (a store directory, a graph file or a dataset) until interrupted:
    Ctrl-C (SIGINT) or, as service managers stop a server, SIGTERM.

    ``on_ready`` is called with the query URL once the socket listens (the CLI prints it).
    """
    server = SparqlServer(source, host=host, port=port, timeout=timeout, max_rows=max_rows,
                          max_body=max_body, cors_origins=cors_origins)
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


__all__ = ["SparqlServer", "serve", "DEFAULT_PORT", "JSON_TYPE"]
