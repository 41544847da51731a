"""The query policy cannot be walked past, and the query child is walled in under it.

Every attack runs against a loopback TCP listener that counts the connections it
accepts: a query that reached it would have made the engine call out."""

from __future__ import annotations

import resource
import socket
import time
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import reportgraph.query.run as run_mod
from reportgraph import sandbox
from reportgraph.errors import QueryError
from reportgraph.query.policy import check_query, tokens
from reportgraph.query.run import execute, load_query
from reportgraph.rdf.resources import query_names

from listener import Listener


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    lst = Listener()
    yield lst
    lst.close()


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()  # something to join with: SERVICE on an empty pattern is never called
    s.add(ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/b"), ox.Literal("c")))
    return s


def _attacks(port: int) -> dict[str, dict[str, str] | None]:
    url = f"http://127.0.0.1:{port}/x"
    return {  # the ways past the old word pattern (issue 19, case 1)
        f"SELECT * WHERE {{ ?s ?p ?o.SERVICE <{url}> {{ ?a ?b ?c }} }}": None,
        "SELECT ?svc ?a WHERE { ?s ?p ?o SERVICE?svc { ?a ?b ?c } }": {"svc": url},
        f"PREFIX e: <http://e/> SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ ?s e:a\\#b ?x }} "
        f"SERVICE <{url}> {{ ?a ?b ?c }} }}": None,
        f"PREFIX e: <http://e/> SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ ?s e:a\\'b ?x }} "
        f"SERVICE <{url}> {{ ?a ?b ?c }} }}": None,
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<?p) SERVICE <{url}> {{ ?a ?b ?c }} }}": None,
    }


def test_walks_past_the_old_policy_are_refused_and_call_nobody(listener: Listener, store: ox.Store) -> None:
    for text, bindings in _attacks(listener.port).items():
        with pytest.raises(QueryError, match="SERVICE"):
            execute(store, text, bindings=bindings, timeout=5)
    time.sleep(0.2)
    assert listener.hits == 0


def test_second_wall_holds_when_the_policy_fails(listener: Listener, store: ox.Store,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_mod, "check_query", lambda text: text)  # the first wall is down
    denied = 0
    for text, bindings in _attacks(listener.port).items():
        try:
            execute(store, text, bindings=bindings, timeout=5)
        except QueryError as err:
            denied += "Permission denied" in str(err)
    time.sleep(0.2)
    assert listener.hits == 0 and denied >= 4


def test_the_child_cannot_open_sockets_or_write_files(tmp_path) -> None:
    import multiprocessing as mp

    target = tmp_path / "written.txt"

    def child(conn: object) -> None:
        sandbox.deny_network()
        out = []
        for family in (socket.AF_INET, socket.AF_INET6):
            try:
                socket.socket(family).close()
                out.append("opened")
            except OSError:
                out.append("denied")
        try:
            open(target, "w").close()
            out.append("written")
        except OSError:
            out.append("denied")
        socket.socketpair()  # local IPC still works
        conn.send(out)  # type: ignore[attr-defined]

    recv, send = mp.get_context("fork").Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=child, args=(send,))
    proc.start()
    assert recv.recv() == ["denied", "denied", "denied"]
    proc.join(5)
    assert not target.exists()


def test_query_memory_is_capped(store: ox.Store) -> None:
    # 30 chained doublings: 8 GB of string if nothing stops it (issue 19, case 4)
    def doublings(n: int) -> str:
        binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(n))
        return f'SELECT (STRLEN(?v{n}) AS ?n) WHERE {{ BIND("abcdefgh" AS ?v0) {binds} }}'

    budget = 256 * 2**20
    with pytest.raises(QueryError, match="memory limit"):
        execute(store, doublings(30), timeout=30, max_memory=budget)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert peak < sandbox.address_space() + budget
    assert execute(store, doublings(10), timeout=30, max_memory=budget).rows[0][0].value == str(8 * 2**10)


def test_shipped_queries_pass_the_policy() -> None:
    for name in query_names():
        q = load_query(name).text
        assert check_query(q) == q.lstrip("\ufeff")


@pytest.mark.parametrize("text, message", [
    ("SELECT * { ?s ?p ?o } LIMIT 1 ; DROP ALL", "updates are refused"),
    ("SELECT * { ?s ?p ?o FILTER(<http://example.org/fn>(?o)) }", "function <http://example.org/fn>"),
    ("PREFIX f: <http://example.org/> SELECT (f:read(?o) AS ?x) { ?s ?p ?o }", "function f:read"),
    ("SELECT * { ?s ?p ?o } ORDER BY ?s <urn:f>(?o)", "function <urn:f>"),
    ("SELECT * { ?s ?p ?o } frobnicate", "not a SPARQL keyword"),
    ("SELECT * { ?s ?p ?o \u200bSERVICE <http://x/> {} }", "unexpected"),
    ("SELECT * { ?s ?p 'unterminated }", "unterminated string"),
])
def test_policy_refusals(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        check_query(text)


@pytest.mark.parametrize("text", [
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:integer(\"3\") AS ?n) {}",
    "SELECT * { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> (1 2 3) }",
    "SELECT * { ?s ?p ?o FILTER(?o < ?p && ?p > ?o) }",
    "SELECT * { ?s ?p \"\"\"a 'SERVICE' \"\" \\\" b\"\"\" } # FROM <x>",
    "PREFIX service: <http://e/> SELECT * { ?s service:from ?o ; service:a\\#b ?x }",
    "select distinct ?s where { ?s a ?t } order by desc(?s) limit 10",
])
def test_policy_lets_ordinary_queries_through(text: str) -> None:
    assert check_query(text) == text


# ---------------------------------------------------------------- the fuzz test

_OTHER = ["SELECT", "*", "?s", "?p", "?o", "$v", "WHERE", "{", "}", "(", ")", ".", ";", ",", "[", "]",
          "<http://x/a>", "e:a", "e:a\\#b", "e:a\\'b", "e:", ":x", "_:b", "'s'", '"s"', "'''l'''",
          '"""l"""', "'\\''", "#", "\n", " ", "\t", "\\", "\\u0053", "OPTIONAL", "FILTER", "GRAPH",
          "UNION", "LIMIT", "1", "1.5e3", "@en", "^^", "a", "SILENT", "NAMED", "ASK", "BIND", "AS",
          "<", ">", "?", "!", "|", "\u200b", "\u00ad", "LATERAL", "VALUES", "INTO", "GRAPH"]


@st.composite
def _queries(draw: st.DrawFn, port: int) -> str:
    url = f"<http://127.0.0.1:{port}/fuzz>"
    danger = ["SERVICE", "service", "SeRvIcE", f"SERVICE {url} {{ ?a ?b ?c }}",
              f"SERVICE SILENT {url} {{ ?a ?b ?c }}", "SERVICE ?svc { ?a ?b ?c }", f"FROM {url}",
              f"FROM NAMED {url}", f"LOAD {url}", f"LOAD SILENT {url} INTO GRAPH <http://g>", url]
    parts = draw(st.lists(st.sampled_from(_OTHER + danger), min_size=1, max_size=14))
    seps = draw(st.lists(st.sampled_from(["", " ", "\n", ".", "#"]), min_size=len(parts), max_size=len(parts)))
    body = "".join(p + s for p, s in zip(parts, seps))
    prefix = "PREFIX e: <http://e/> PREFIX : <http://d/> "
    return draw(st.sampled_from([prefix + body, prefix + "SELECT * WHERE { ?s ?p ?o " + body + " }",
                                 prefix + "SELECT * WHERE { ?s ?p ?o " + body + f" SERVICE {url} {{}} }}",
                                 body]))


def test_fuzzed_compositions_never_reach_the_listener(listener: Listener, store: ox.Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # The second wall is down (seccomp, and Landlock, which refuses TCP connects too): this
    # tests the policy alone.
    monkeypatch.setattr(sandbox, "deny_network", lambda: False)
    monkeypatch.setattr(sandbox, "restrict_files", lambda dirs: 0)
    ran: list[str] = []

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_queries(listener.port))
    def check(text: str) -> None:
        try:
            check_query(text)
        except QueryError:
            return
        ran.append(text)
        try:
            execute(store, text, bindings=None, timeout=3)
        except QueryError:
            pass
        assert listener.hits == 0, text

    check()
    time.sleep(0.2)
    assert listener.hits == 0


def test_tokens_cover_every_character_or_refuse() -> None:
    text = "PREFIX e: <http://e/>\nSELECT ?x # c\n{ ?x e:p\\#q 'a\\'b' . }"
    toks = list(tokens(text))
    assert [t.text for t in toks] == ["PREFIX", "e:", "<http://e/>", "SELECT", "?x", "{", "?x",
                                      "e:p\\#q", "'a\\'b'", ".", "}"]
    assert all(text[t.start:t.start + len(t.text)] == t.text for t in toks)
