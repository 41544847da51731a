"""The URL forms of Fuseki and GraphDB datasets, with credentials, exercised against an
Oxigraph server on loopback behind a small path-mapping proxy (neither server runs here):
the same endpoints, the same Graph Store Protocol requests with ``?graph=``, separate from
the query endpoint, and the same rows as an embedded store for every named query."""

from __future__ import annotations

import base64
import contextlib
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from builders import write_texts
from servers import oxigraph_server

from reportgraph.corpus import build_corpus
from reportgraph.errors import StoreError
from reportgraph.query.run import check_query, load_query, run_query
from reportgraph.rdf.resources import query_names
from reportgraph.store.remote import RemoteCorpusStore, read_quads, select

TEXTS = {
    "a": "# 代县政协工作报告\n\n代县政协与山西省政协开展协商。我县实施乡村振兴战略。\n",
    "b": "# 蔚县政协工作报告\n\n蔚县政协赴山西省代县考察。河北省蔚县推进脱贫攻坚。\n",
    "c": "# 寿县政协工作报告\n\n安徽省寿县政协签署《寿县建言》。县委书记王某某出席。\n",
}
USER, PASSWORD = "rg", "pa:ss@w0rd"
#: each layout: the dataset path a user passes, and its endpoints' paths → Oxigraph's
LAYOUTS = {
    "fuseki": ("/reports", {"/reports/query": "/query", "/reports/update": "/update",
                            "/reports/data": "/store"}),
    "graphdb": ("/repositories/reports", {"/repositories/reports": "/query",
                                          "/repositories/reports/statements": "/update",
                                          "/repositories/reports/rdf-graphs/service": "/store"}),
}


@contextlib.contextmanager
def _proxy(target: str, routes: dict[str, str]) -> Iterator[tuple[str, list[tuple[str, str, dict]]]]:
    """A loopback HTTP server that asks for Basic credentials and passes each request on
    a known path to ``target`` + its Oxigraph path; yields its base URL and the requests
    seen (method, path, query parameters). GraphDB's ``infer`` is recorded, not passed."""
    seen: list[tuple[str, str, dict]] = []
    expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _answer(self, status: int, body: bytes, content_type: str = "text/plain") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _pass(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Authorization") != expected:
                self._answer(401, b"credentials needed")
                return
            if parts.path not in routes:
                self._answer(404, f"no endpoint at {parts.path}".encode())
                return
            params = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
            seen.append((self.command, parts.path, params))
            query = urllib.parse.urlencode({k: v for k, v in params.items() if k != "infer"}, doseq=True)
            url = target.rstrip("/") + routes[parts.path] + ("?" + query if query else "")
            headers = {k: self.headers[k] for k in ("Content-Type", "Accept") if self.headers.get(k)}
            req = urllib.request.Request(url, data=body or None, method=self.command, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=60) as resp:
                    self._answer(resp.status, resp.read(), resp.headers.get("Content-Type", "text/plain"))
            except urllib.error.HTTPError as err:
                self._answer(err.code, err.read())

        do_GET = do_POST = do_PUT = do_DELETE = _pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def _corpus(tmp_path: Path) -> Path:
    return write_texts(tmp_path / "reports", TEXTS)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_fuseki_and_graphdb_url_forms_build_and_query_like_an_embedded_store(tmp_path: Path, layout: str) -> None:
    dataset, routes = LAYOUTS[layout]
    root = _corpus(tmp_path)
    ref = build_corpus([root], store=tmp_path / "ref", jobs=1, statistical=False)
    expected = {name: run_query(name, tmp_path / "ref").rows for name in query_names()}
    assert sum(len(v) for v in expected.values()) > 10
    with oxigraph_server(tmp_path / "ox") as target, _proxy(target, routes) as (hostport, seen):
        secret = urllib.parse.quote(PASSWORD, safe="")
        url = f"http://{USER}:{secret}@{hostport}{dataset}" + ("?infer=false" if layout == "graphdb" else "")
        r = build_corpus([root], store=url, jobs=1, statistical=False)
        assert (r.added, r.failed) == (3, 0) and r.store_entities == ref.store_entities
        assert PASSWORD not in r.summary() and secret not in r.summary()
        gsp = dataset + ("/data" if layout == "fuseki" else "/rdf-graphs/service")
        puts = [params for method, path, params in seen if method == "PUT"]
        assert len(puts) == 3 and all(path == gsp for method, path, _ in seen if method == "PUT")
        assert all(set(p) == {"graph"} for p in puts)  # GSP indirect identification
        if layout == "graphdb":  # the URL's query string goes with every query
            assert all(p.get("infer") == ["false"] for _, path, p in seen if path == dataset)
        assert {path for _, path, _ in seen} == set(routes)  # query, update and GSP, each on its own path
        for name in query_names():
            assert select(url, check_query(load_query(name).text)).rows == expected[name], name
        assert len(read_quads(url)) > 0
        again = build_corpus([root], store=url, jobs=1, statistical=False)
        assert (again.added, again.skipped) == (0, 3)
        # without the credentials, or with wrong ones: one clear line, no password in it
        with pytest.raises(StoreError, match="401") as err:
            RemoteCorpusStore(f"http://{hostport}{dataset}")
        with pytest.raises(StoreError, match="401") as err:
            RemoteCorpusStore(f"http://{USER}:wrong-{secret}@{hostport}{dataset}")
        assert "wrong" not in str(err.value) and PASSWORD not in str(err.value)
