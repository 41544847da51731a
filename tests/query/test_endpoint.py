"""The endpoint against hostile clients (issue 19) and real SPARQL clients (issue 16):
Host and Origin checks, bodies always read, backlog, quiet disconnects, formats, content
negotiation, truncation in the result, the service description and the query page."""

from __future__ import annotations

import http.client
import json
import logging
import re
import socket
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, N3, TSV, TURTLE, XML, JSONLD, SPARQLWrapper

from reportgraph.query.serve import SparqlServer
from reportgraph.rdf.to_rdf import to_dataset

from builders import make_extraction
from listener import Listener

pytestmark = pytest.mark.slow

SKOS = "http://www.w3.org/2004/02/skos/core#"
MEMBERS = ("PREFIX rg: <https://w3id.org/reportgraph/ontology#> "
           f"PREFIX skos: <{SKOS}> "
           "SELECT DISTINCT ?name WHERE { ?m rg:memberOf ?g . ?m skos:prefLabel ?name } ORDER BY ?name")
CONSTRUCT = ("PREFIX rg: <https://w3id.org/reportgraph/ontology#> "
             "CONSTRUCT { ?m rg:memberOf ?g } WHERE { ?m rg:memberOf ?g }")


def _raw(server: SparqlServer, data: bytes, *, timeout: float = 10) -> bytes:
    """Send bytes on one connection and read until the server closes it."""
    host, port = server.address
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def _get(server: SparqlServer, path: str, headers: dict[str, str] | None = None,
         method: str = "GET", body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    host, port = server.address
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def _q(text: str) -> str:
    return "/query?query=" + urllib.parse.quote(text)


# ---------------------------------------------------------------- hostile clients


def test_host_header_must_name_this_server(server: SparqlServer, store_dir: Path) -> None:
    # DNS rebinding: a page of evil.example resolving to 127.0.0.1 sends Host: evil.example
    status, _h, body = _get(server, _q("ASK {}"), {"Host": "evil.example"})
    assert status == 403 and b"--allow-host" in body
    for host in ("localhost", f"127.0.0.1:{server.address[1]}", f"[::1]:{server.address[1]}"):
        assert _get(server, _q("ASK {}"), {"Host": host})[0] == 200
    with SparqlServer(to_dataset([make_extraction()]), port=0, allow_hosts=["graphs.example.org"]) as s:
        assert _get(s, _q("ASK {}"), {"Host": "graphs.example.org:8000"})[0] == 200
        assert _get(s, _q("ASK {}"), {"Host": "other.example.org"})[0] == 403


def test_cross_site_form_post_is_refused_and_calls_nobody(server: SparqlServer) -> None:
    listener = Listener()
    attack = f"SELECT * WHERE {{ ?s ?p ?o.SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?a ?b ?c }} }}"
    form = urllib.parse.urlencode({"query": attack}).encode()
    status, _h, _b = _get(server, "/query", {"Content-Type": "application/x-www-form-urlencoded",
                                             "Origin": "https://evil.example"}, "POST", form)
    assert status == 403
    status, _h, _b = _get(server, "/query", {"Content-Type": "application/x-www-form-urlencoded",
                                             "Sec-Fetch-Site": "cross-site"}, "POST", form)
    assert status == 403
    # the same query from this origin passes the Origin check and is refused by the policy
    own = f"http://127.0.0.1:{server.address[1]}"
    status, _h, body = _get(server, "/query", {"Content-Type": "application/x-www-form-urlencoded",
                                               "Origin": own}, "POST", form)
    assert status == 400 and b"SERVICE" in body
    time.sleep(0.2)
    assert listener.hits == 0
    listener.sock.close()


@pytest.mark.parametrize("path", ["/update", "/elsewhere", "/query"])
def test_a_body_is_never_run_as_a_second_request(server: SparqlServer, path: str) -> None:
    # issue 19, case 5: the unread body of POST /update ran as a request of its own
    smuggled = f"GET {_q('ASK {}')} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
            f"Content-Length: {len(smuggled)}\r\n\r\n").encode()
    reply = _raw(server, head + smuggled + b"GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    statuses = re.findall(rb"HTTP/1\.1 (\d{3}) ", reply)
    assert len(statuses) == 2 and statuses[1] == b"404", reply[:300]  # never a 200 for the ASK
    assert statuses[0] in (b"403", b"404", b"415")


def test_oversized_and_truncated_bodies_close_the_connection(server: SparqlServer) -> None:
    reply = _raw(server, b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                         b"Content-Length: 50000\r\n\r\n" + b"x" * 100)
    assert reply.startswith(b"HTTP/1.1 413")


def test_client_disconnects_are_quiet(server: SparqlServer, caplog: pytest.LogCaptureFixture,
                                      capfd: pytest.CaptureFixture[str]) -> None:
    host, port = server.address
    slow = _q("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    with caplog.at_level(logging.INFO):
        for _ in range(5):
            with socket.create_connection((host, port)) as sock:
                sock.sendall(f"GET {slow} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        time.sleep(2.5)
        assert _get(server, _q("ASK {}"))[0] == 200
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "reportgraph" in r.name]


def test_many_connections_at_once_are_all_answered(server: SparqlServer) -> None:
    # issue 19, case 5: a listen backlog of 5 reset connections under 50 clients
    host, port = server.address
    errors: list[str] = []
    statuses: list[int] = []

    def one() -> None:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=30)
            conn.request("GET", "/")
            statuses.append(conn.getresponse().status)
            conn.close()
        except OSError as err:
            errors.append(repr(err))

    threads = [threading.Thread(target=one) for _ in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and statuses == [200] * 200


def test_retry_after_on_429_and_503(store_dir: Path) -> None:
    slow = _q("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    with SparqlServer(to_dataset([make_extraction()]), port=0, timeout=1, max_concurrent=1, per_client=1,
                      max_wait=0.2) as s:
        results: list[tuple[int, dict[str, str]]] = []
        threads = [threading.Thread(target=lambda: results.append(_get(s, slow)[:2])) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    statuses = sorted(st for st, _ in results)
    assert 503 in statuses and set(statuses) <= {429, 503}  # the timeout is a 503 too
    assert all(h["retry-after"].isdigit() for _, h in results)


# ---------------------------------------------------------------- the protocol


def test_sparqlwrapper_gets_each_select_format(server: SparqlServer) -> None:
    expected = ["代县政协", "凤凰县政协"]
    for fmt in (XML, JSON, CSV, TSV):
        client = SPARQLWrapper(server.url)
        client.setQuery(MEMBERS)
        client.setReturnFormat(fmt)
        res = client.query()
        ctype = res.info()["content-type"]
        converted = res.convert()
        if fmt == XML:
            names = [n.firstChild.data for n in converted.getElementsByTagName("literal")]
            assert ctype.startswith("application/sparql-results+xml")
        elif fmt == JSON:
            names = [b["name"]["value"] for b in converted["results"]["bindings"]]
        elif fmt == CSV:
            names = converted.decode().split("\r\n")[1:3]
            assert ctype.startswith("text/csv")
        else:
            names = [re.fullmatch(r'"(.*)"(@[\w-]+)?', line).group(1)  # type: ignore[union-attr]
                     for line in converted.decode().splitlines()[1:]]
            assert ctype.startswith("text/tab-separated-values")
        assert names == expected, fmt


def test_sparqlwrapper_construct_into_rdflib_in_each_format(server: SparqlServer) -> None:
    sizes = set()
    for fmt in (XML, TURTLE, N3, JSONLD):
        client = SPARQLWrapper(server.url)
        client.setQuery(CONSTRUCT)
        client.setReturnFormat(fmt)
        graph = client.queryAndConvert()
        if not isinstance(graph, Graph):
            graph = Graph().parse(data=graph, format="json-ld" if fmt == JSONLD else "turtle")
        sizes.add(len(graph))
    assert len(sizes) == 1 and sizes.pop() >= 2


def test_rdflib_sparqlstore_selects_asks_and_constructs(server: SparqlServer) -> None:
    graph = Graph(store=SPARQLStore(server.url))
    names = [str(row[0]) for row in graph.query(MEMBERS)]
    assert names == ["代县政协", "凤凰县政协"]
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert len(constructed) >= 2
    assert all(isinstance(s, URIRef) for s in constructed.subjects())


@pytest.mark.parametrize("accept, kind, expected", [
    ("application/sparql-results+xml;q=0.5, text/csv;q=0.9", "select", "text/csv"),
    ("text/tab-separated-values", "select", "text/tab-separated-values"),
    ("*/*;q=0.1, application/sparql-results+xml", "select", "application/sparql-results+xml"),
    ("application/json", "select", "application/sparql-results+json"),
    ("", "select", "application/sparql-results+json"),
    ("application/rdf+xml;q=0.2, text/turtle;q=0.8", "graph", "text/turtle"),
    ("application/ld+json", "graph", "application/ld+json"),
    ("application/n-triples", "graph", "application/n-triples"),
    ("text/*", "graph", "text/turtle"),
])
def test_content_negotiation_with_q_values(server: SparqlServer, accept: str, kind: str, expected: str) -> None:
    query = MEMBERS if kind == "select" else CONSTRUCT
    status, headers, body = _get(server, _q(query), {"Accept": accept} if accept else {})
    assert status == 200 and headers["content-type"].startswith(expected)
    assert body


def test_406_for_a_format_it_cannot_give(server: SparqlServer) -> None:
    for query, accept in ((MEMBERS, "text/turtle"), (CONSTRUCT, "text/csv"), (MEMBERS, "image/png"),
                          (MEMBERS, "application/sparql-results+json;q=0, text/html")):
        status, _h, body = _get(server, _q(query), {"Accept": accept})
        assert status == 406 and b"can be" in body, (query, accept)


def test_truncation_is_in_the_result_itself(server: SparqlServer) -> None:
    everything = _q("SELECT * WHERE { ?s ?p ?o }")
    status, headers, body = _get(server, everything)
    doc = json.loads(body)
    assert status == 200 and doc["truncated"] is True and doc["head"]["link"]
    assert len(doc["results"]["bindings"]) == 50
    _st, _h, body = _get(server, everything, {"Accept": "application/sparql-results+xml"})
    assert b"<link href=" in body
    _st, _h, body = _get(server, _q("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), {"Accept": "text/turtle"})
    assert body.startswith(b"# truncated at the row cap (50 rows)")
    assert Graph().parse(data=body, format="turtle")  # still valid Turtle
    _st, _h, body = _get(server, _q(MEMBERS))
    assert "truncated" not in json.loads(body)


def test_service_description(server: SparqlServer) -> None:
    status, headers, body = _get(server, "/query")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g
    assert len(list(g.objects(None, URIRef(sd + "resultFormat")))) == 8


def test_query_page_is_self_contained(server: SparqlServer) -> None:
    status, headers, body = _get(server, "/", {"Accept": "text/html"})
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in headers["content-security-policy"]
    assert '<script src="static/yasgui/yasgui.min.js">' in page and "members" in page
    assert "//" not in "".join(line for line in page.splitlines() if "src=" in line or "href=" in line
                               if "LICENSE" not in line)
    for path, ctype in (("/static/yasgui/yasgui.min.js", "text/javascript"),
                        ("/static/yasgui/yasgui.min.css", "text/css"), ("/static/page.js", "text/javascript"),
                        ("/static/yasgui/LICENSE.txt", "text/plain")):
        status, headers, body = _get(server, path)
        assert status == 200 and headers["content-type"].startswith(ctype) and body
    assert _get(server, "/static/../serve.py")[0] == 404
    assert b"MIT" in _get(server, "/static/yasgui/LICENSE.txt")[2]


def test_memory_bombs_at_once_stay_under_the_limit() -> None:
    # issue 19, case 4: four doubling queries at once through the endpoint reached 9.4 GB
    import resource

    from reportgraph import sandbox

    binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(30))
    bomb = _q(f'SELECT (STRLEN(?v30) AS ?n) WHERE {{ BIND("abcdefgh" AS ?v0) {binds} }}')
    budget = 256 * 2**20
    answers: list[tuple[int, bytes]] = []
    with SparqlServer(to_dataset([make_extraction()]), port=0, timeout=60, max_memory=budget) as s:
        host, port = s.address

        def one(address: str) -> None:
            conn = http.client.HTTPConnection(host, port, timeout=120, source_address=(address, 0))
            conn.request("GET", bomb)
            resp = conn.getresponse()
            answers.append((resp.status, resp.read()))
            conn.close()

        threads = [threading.Thread(target=one, args=(f"127.0.0.{20 + i}",)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert _get(s, _q("ASK {}"))[0] == 200  # the endpoint is still up
    assert [st for st, _ in answers] == [400] * 4 and all(b"memory limit" in b for _, b in answers)
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 < sandbox.address_space() + budget
