"""The read-only SPARQL endpoint, queried over HTTP on a free loopback port."""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from rdflib.plugins.stores.sparqlconnector import SPARQLConnector

from reportgraph.query.serve import SparqlServer
from reportgraph.store.embedded import open_store
from reportgraph.rdf.to_rdf import to_dataset

from builders import SHUANGMAO, make_extraction

pytestmark = pytest.mark.slow
MEMBERS = ("PREFIX rg: <https://w3id.org/reportgraph/ontology#> "
           "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
           "SELECT DISTINCT ?name WHERE { ?m rg:memberOf ?g . ?m skos:prefLabel ?name } ORDER BY ?name")


def _request(server: SparqlServer, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    host, port = urllib.parse.urlsplit(server.url).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def test_binds_loopback_on_a_free_port(server: SparqlServer) -> None:
    assert server.url.startswith("http://127.0.0.1:") and server.url.endswith("/query")
    assert server.address[0] == "127.0.0.1"
    assert int(urllib.parse.urlsplit(server.url).port or 0) > 0


def test_real_sparql_client_gets_answers(server: SparqlServer) -> None:
    # rdflib's SPARQL protocol client (HTTP GET, results as SPARQL JSON)
    client = SPARQLConnector(query_endpoint=server.url, returnFormat="json")
    names = [str(row[0]) for row in client.query(MEMBERS)]
    assert names == ["代县政协", "凤凰县政协"]
    client_post = SPARQLConnector(query_endpoint=server.url, returnFormat="json", method="POST")
    assert [str(row[0]) for row in client_post.query(MEMBERS)] == names


def test_get_post_json_and_csv(server: SparqlServer) -> None:
    q = urllib.parse.quote(MEMBERS)
    status, headers, body = _request(server, "GET", f"/query?query={q}")
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+json")
    doc = json.loads(body)
    assert [b["name"]["value"] for b in doc["results"]["bindings"]] == ["代县政协", "凤凰县政协"]
    assert "access-control-allow-origin" not in headers  # no CORS unless asked
    status, headers, body = _request(server, "POST", "/query", MEMBERS.encode(),
                                     {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and body.decode() == "name\r\n代县政协\r\n凤凰县政协\r\n"
    form = urllib.parse.urlencode({"query": f"ASK {{ ?s ?p \"{SHUANGMAO}\"@zh }}"}).encode()
    status, _h, body = _request(server, "POST", "/query", form,
                                {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


def test_updates_refused_with_403(server: SparqlServer, store_dir: Path) -> None:
    update = "INSERT DATA { <http://a> <http://b> <http://c> }"
    cases = [
        ("POST", "/query", update.encode(), {"Content-Type": "application/sparql-update"}),
        ("POST", "/query", urllib.parse.urlencode({"update": update}).encode(),
         {"Content-Type": "application/x-www-form-urlencoded"}),
        ("POST", "/query", update.encode(), {"Content-Type": "application/sparql-query"}),
        ("GET", "/query?query=" + urllib.parse.quote("DROP ALL"), None, {}),
        ("POST", "/update", update.encode(), {"Content-Type": "application/sparql-update"}),
    ]
    for method, path, body, headers in cases:
        status, _h, text = _request(server, method, path, body, headers)
        assert status == 403, (method, path, text)
    status, _h, body = _request(server, "GET", "/query?query=" + urllib.parse.quote(
        "SELECT (COUNT(*) AS ?n) WHERE { <http://a> ?p ?o }"))
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "0"


def test_limits_and_clean_errors(server: SparqlServer) -> None:
    status, _h, _b = _request(server, "POST", "/query", b"x" * 20_000,
                              {"Content-Type": "application/sparql-query"})
    assert status == 413
    status, _h, body = _request(server, "GET", "/query?query=" + urllib.parse.quote(
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"))
    assert status == 400 and b"SERVICE" in body
    status, _h, body = _request(server, "GET", "/query?query=" + urllib.parse.quote("SELECT * WHERE {"))
    assert status == 400 and b"invalid SPARQL" in body
    assert b"Traceback" not in body and b"/tmp" not in body and b"site-packages" not in body
    status, headers, body = _request(server, "GET", "/query?query=" + urllib.parse.quote(
        "SELECT * WHERE { ?s ?p ?o }"))
    assert status == 200 and headers.get("x-reportgraph-truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    start = time.monotonic()
    status, _h, body = _request(server, "GET", "/query?query=" + urllib.parse.quote(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"))
    assert status == 503 and b"timeout" in body and time.monotonic() - start < 5
    status, _h, _b = _request(server, "GET", "/elsewhere")
    assert status == 404


def _request_from(server: SparqlServer, address: str, path: str) -> tuple[int, dict[str, str], bytes]:
    """A GET from another loopback address: another client to the endpoint's scheduler."""
    host, port = urllib.parse.urlsplit(server.url).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(address, 0))
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def test_fast_query_not_starved_by_slow_ones(server: SparqlServer) -> None:
    # issue 19, case 5: slow queries from four clients no longer fill every slot
    slow = "/query?query=" + urllib.parse.quote(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    answers: list[tuple[int, dict[str, str]]] = []

    def ask_slow(address: str) -> None:
        status, headers, _b = _request_from(server, address, slow)
        answers.append((status, headers))

    threads = [threading.Thread(target=ask_slow, args=(f"127.0.0.{2 + i % 4}",)) for i in range(12)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # the slow ones are past their first half second
    status, _h, body = _request_from(server, "127.0.0.9", "/query?query=" + urllib.parse.quote(MEMBERS))
    slow_still_running = any(t.is_alive() for t in threads)
    for t in threads:
        t.join(30)
    assert status == 200 and "代县政协" in body.decode()
    assert slow_still_running  # answered while the slow ones run, not after their timeout
    assert {s for s, _ in answers} <= {429, 503}
    assert all(h.get("retry-after", "").isdigit() for _, h in answers)


def test_cors_only_when_asked(store_dir: Path) -> None:
    ds = to_dataset([make_extraction()])
    with SparqlServer(ds, port=0, cors_origins=["https://app.example.org"]) as s:
        q = "/query?query=" + urllib.parse.quote("ASK {}")
        _st, headers, _b = _request(s, "GET", q, headers={"Origin": "https://app.example.org"})
        assert headers["access-control-allow-origin"] == "https://app.example.org"
        assert "access-control-allow-credentials" not in headers
        _st, headers, _b = _request(s, "GET", q, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in headers


def test_stopping_releases_the_store(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with open_store(path) as store:
        store.add_report(make_extraction())
    with SparqlServer(str(path), port=0) as s:
        assert s.url
    with open_store(path) as store:  # the lock was released
        assert len(store) > 0


def test_shutdown_does_not_wait_for_an_idle_keep_alive_client() -> None:
    s = SparqlServer(to_dataset([make_extraction()]), port=0, timeout=2).start()
    host, port = urllib.parse.urlsplit(s.url).netloc.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    query = urllib.parse.quote("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    conn.request("GET", f"/query?query={query}")
    assert conn.getresponse().read()  # the connection stays open (HTTP/1.1 keep-alive)
    stopper = threading.Thread(target=s.shutdown)
    stopper.start()
    stopper.join(15)  # the handler would otherwise hold the close for its 30 s timeout
    conn.close()
    assert not stopper.is_alive()
