"""Named queries with asserted answers, result formats, and the query policy."""

from __future__ import annotations

import csv
import http.server
import io
import json
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, URIRef

import reportgraph.query.run as query_mod
import reportgraph.query.policy as policy_mod
from reportgraph.errors import QueryError
from reportgraph.model import EntityType
from reportgraph.query.run import check_query, load_query, run_query
from reportgraph.rdf.resources import query_names
from reportgraph.store.embedded import open_store
from reportgraph.rdf.to_rdf import entity_iri, to_dataset, write_graph

from builders import SHUANGMAO, make_extraction

YEAR_QUERIES = frozenset({"posts", "by-year", "ties-between"})  # need dated reports with posts

RG = "https://w3id.org/reportgraph/ontology#"
DAIXIAN_ZX = str(entity_iri(EntityType.ORGANIZATION, "代县政协"))
ALLIANCE = str(entity_iri(EntityType.ORGANIZATION, SHUANGMAO))


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return to_dataset([make_extraction(), make_extraction(extra="县政协积极参与。")])


# ---------------------------------------------------------------- every .rq, answered

def test_members(ds: Dataset) -> None:
    r = run_query("members", ds)
    assert sorted(r.values("memberLabel")) == ["代县政协", "凤凰县政协"]
    assert set(r.values("groupLabel")) == {SHUANGMAO}
    assert [t.to_python() for t in r.column("reports")] == [2, 2]
    by_alias = run_query("members", ds, bindings={"groupName": "“双帽”联席会议"})
    assert sorted(by_alias.values("memberLabel")) == ["代县政协", "凤凰县政协"]
    assert len(run_query("members", ds, bindings={"group": DAIXIAN_ZX})) == 0
    assert run_query("members", ds, bindings={"member": DAIXIAN_ZX}).values("group") == [ALLIANCE]


def test_entities(ds: Dataset) -> None:
    r = run_query("entities", ds)
    assert len(r) == 8
    row = next(row for row in r if row["label"].value == "代县政协")
    assert row["type"].value == RG + "Organization"
    assert row["mentions"].to_python() == 4 and row["reports"].to_python() == 2
    events = run_query("entities", ds, bindings={"type": f"<{RG}Event>"})
    assert events.values("label") == ["“双帽”第五次联席会"]


def test_relations(ds: Dataset) -> None:
    r = run_query("relations", ds)
    assert len(r) == 7
    member = [row for row in r if row["predicate"].value == RG + "memberOf"
              and row["subjectLabel"].value == "代县政协"]
    assert len(member) == 1 and member[0]["evidence"].to_python() == 4
    only = run_query("relations", ds, bindings={"predicate": RG + "implements"})
    assert [(x["subjectLabel"].value, x["objectLabel"].value) for x in only] == [("代县政协", "脱贫攻坚")]


def test_located_in_is_transitive(ds: Dataset) -> None:
    r = run_query("located-in", ds, bindings={"place": DAIXIAN_ZX})
    assert sorted((x["areaLabel"].value, x["direct"].to_python()) for x in r) == [
        ("代县", True), ("山西省", False)]
    assert run_query("located-in", ds, bindings={"area": str(entity_iri(
        EntityType.ADMINISTRATIVE_AREA, "山西省", code="140000"))}).values("code") == ["140000", "140000"]


def test_documents(ds: Dataset) -> None:
    r = run_query("documents", ds)
    assert [(x["label"].value, x["authors"].value) for x in r] == [("《代县建言》", "代县政协")]


def test_evidence_answers_which_sentences_say_x_is_a_member_of_y(ds: Dataset) -> None:
    r = run_query("evidence", ds, bindings={"entity": DAIXIAN_ZX, "predicate": RG + "memberOf",
                                            "other": ALLIANCE})
    sentences = set(r.values("sentence"))
    assert len(r) == 4 and len(sentences) == 3
    assert any(s.startswith("代县政协与凤凰县政协等七县(市)政协形成") for s in sentences)
    for row in r:
        start, end = row["start"].to_python(), row["end"].to_python()
        assert end > start >= 0
    by_name = run_query("evidence", ds, bindings={"name": "县政协", "predicate": RG + "memberOf"})
    assert len(by_name) == 4
    gaz = run_query("evidence", ds, bindings={"entity": DAIXIAN_ZX, "predicate": RG + "locatedIn"})
    assert set(gaz.values("source")) == {"cpca"} and gaz.values("sentence") == []


def test_mentions_neighbours_search_areas_reports_counts(ds: Dataset) -> None:
    m = run_query("mentions", ds, bindings={"entity": DAIXIAN_ZX})
    assert sorted({(x["text"].value, x["start"].to_python()) for x in m}) == [("代县政协", 0), ("县政协", 40)]
    n = run_query("neighbours", ds, bindings={"name": "代县政协"})
    assert ("out", RG + "memberOf", SHUANGMAO) in {
        (x["direction"].value, x["predicate"].value, x["neighbourLabel"].value) for x in n}
    assert len(n) == 5
    s = run_query("search", ds, bindings={"text": "双帽"})
    assert sorted(s.values("label")) == ["“双帽”七县(市)政协联席会议", "“双帽”第五次联席会"]
    a = run_query("areas", ds, bindings={"code": "140923"})
    assert [(x["label"].value, x["longitude"].to_python(), x["parentLabel"].value) for x in a] == [
        ("代县", 112.96, "山西省")]
    rep = run_query("reports", ds)
    assert len(rep) == 2 and set(rep.values("file")) == {"daixian.txt"}
    assert [x["relations"].to_python() for x in rep] == [7, 7]
    assert [x["entities"].to_python() for x in rep] == [6, 6]  # mentioned ones
    pc = run_query("predicate-counts", ds)
    counts = {x["predicate"].value: x["relations"].to_python() for x in pc}
    assert counts == {RG + "memberOf": 2, RG + "locatedIn": 2, RG + "authored": 1,
                      RG + "implements": 1, RG + "participatedIn": 1}
    # pieces of evidence: (statement, evidence) pairs, since statements share evidence nodes
    evidence = {(stmt, ev) for stmt, _, ev, _ in ds.quads((None, URIRef(RG + "evidence"), None, None))}
    assert sum(x["evidence"].to_python() for x in pc) == len(evidence) > 0


def test_every_query_is_tested_documented_and_bindable(ds: Dataset) -> None:
    tested = {"members", "entities", "relations", "located-in", "documents", "evidence",
              "mentions", "neighbours", "search", "areas", "reports", "predicate-counts",
              "posts", "by-year", "ties-between"}  # the last three: test_years.py
    assert set(query_names()) == tested
    for name in query_names():
        q = load_query(name)
        assert len(q.description) > 40, name
        assert "PREFIX" in q.text
        for var in q.bindable:  # every advertised binding is accepted by the engine
            run_query(name, ds, bindings={var: "x"})


#: The advertised bindings that take a name or other text (the others take an IRI).
TEXT_BINDINGS = {"name", "groupName", "personName", "orgName", "text", "code", "inYear", "from", "to"}


def bind_to_nothing(name: str, var: str) -> dict[str, object]:
    """A binding of ``var`` that no entity, report or year of any test corpus has."""
    return {var: "没有这个名字1899" if var in TEXT_BINDINGS else URIRef("https://example.org/nothing")}


def test_a_binding_that_matches_nothing_gives_no_rows(ds: Dataset) -> None:
    # each advertised binding filters: bound to what no graph holds, no row is left (a
    # binding that only echoes into the rows, or that a filter ignores, fails here)
    for name in sorted(set(query_names()) - YEAR_QUERIES):  # those: test_years.py
        assert run_query(name, ds, bindings={"text": "政协"} if name == "search" else {}).rows, name
        for var in load_query(name).bindable:
            assert not run_query(name, ds, bindings=bind_to_nothing(name, var)).rows, (name, var)


# ---------------------------------------------------------------- formats

def test_json_csv_table(ds: Dataset) -> None:
    r = run_query("members", ds)
    doc = json.loads(r.to_json())
    assert doc["head"]["vars"] == ["group", "groupLabel", "groupName", "member", "memberLabel", "reports"]
    first = doc["results"]["bindings"][0]
    assert first["group"] == {"type": "uri", "value": ALLIANCE}
    assert first["groupLabel"] == {"type": "literal", "value": SHUANGMAO, "xml:lang": "zh"}
    assert first["reports"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert "groupName" not in first  # unbound variables are left out
    # the standard parser reads our JSON back
    parsed = list(ox.parse_query_results(r.to_json().encode(), format=ox.QueryResultsFormat.JSON))
    assert len(parsed) == 2
    text = r.to_csv()
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "group" and rows[1][1] == SHUANGMAO
    table = r.to_table()
    assert "代县政协" in table and table.endswith("(2 rows)")
    ask = run_query("ASK { ?s a <https://w3id.org/reportgraph/ontology#Report> }", ds)
    assert json.loads(ask.to_json()) == {"head": {}, "boolean": True}
    assert ask.to_csv() == "boolean\r\ntrue\r\n"


def test_row_cap_reports_truncation(ds: Dataset) -> None:
    r = run_query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", ds, max_rows=5)
    assert len(r) == 5 and r.truncated
    assert "truncated" in r.to_table()
    full = run_query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", ds, max_rows=100_000)
    assert not full.truncated and len(full) > 100


def test_same_answer_from_graph_file_and_store(tmp_path: Path, ds: Dataset) -> None:
    write_graph(ds, tmp_path / "graph.trig", "trig")
    write_graph(ds, tmp_path / "graph.ttl", "turtle")
    with open_store(tmp_path / "store") as store:
        store.add_dataset(ds)
    # every shipped query answers the same on the dataset, a TriG file, a Turtle file
    # (no named graphs) and a store; the entity-centred ones, unbound, go from entity to
    # entity in the order of the store's index, which differs between a store in memory
    # and one on disk: the same rows, each entity's rows in the same order
    for name in sorted(set(query_names()) - YEAR_QUERIES):  # those: test_years.py, on a dated corpus
        bindings = {"text": "政协"} if name == "search" else {}
        expected = run_query(name, ds, bindings=bindings)
        assert expected.rows, name
        for source in (tmp_path / "graph.trig", tmp_path / "graph.ttl", str(tmp_path / "store")):
            got = run_query(name, source, bindings=bindings)
            if name in ENTITY_ORDER_QUERIES:
                assert by_entity(got) == by_entity(expected), (name, source)
            else:
                assert got.rows == expected.rows, (name, source)


#: Queries that take one entity after another in the store's index order (unbound).
ENTITY_ORDER_QUERIES = {"evidence", "mentions", "neighbours"}


def by_entity(result: QueryResult) -> dict[str, list[tuple[Term | None, ...]]]:
    """The rows grouped by their ``?entity``, each entity's rows in order."""
    i = result.variables.index("entity")
    out: dict[str, list[tuple[Term | None, ...]]] = {}
    for row in result.rows:
        out.setdefault(row[i].value, []).append(row)  # type: ignore[union-attr]
    return out


# ---------------------------------------------------------------- query files

def test_rq_file_with_bom_crlf_and_chinese(tmp_path: Path, ds: Dataset) -> None:
    path = tmp_path / "成员.rq"
    path.write_bytes("\ufeff# 谁是成员\r\nPREFIX rg: <https://w3id.org/reportgraph/ontology#>\r\n"
                     "SELECT ?成员 WHERE { ?成员 rg:memberOf ?组织 }\r\n".encode("utf-8"))
    assert len(run_query(path, ds)) == 2  # the union is a set: each membership once
    assert len(run_query(str(path), ds)) == 2


def test_errors_are_clear(tmp_path: Path, ds: Dataset) -> None:
    with pytest.raises(QueryError, match="no query named 'nosuch'.*members"):
        run_query("nosuch", ds)
    with pytest.raises(QueryError, match=r"full-width"):
        run_query("SELECT * WHERE ｛ ?s ?p ?o ｝", ds)
    with pytest.raises(QueryError, match="invalid SPARQL"):
        run_query("SELECT * WHERE { ?s ?p }", ds)
    with pytest.raises(QueryError, match=r"no variable \?nope"):
        run_query("members", ds, bindings={"nope": "x"})
    gbk = tmp_path / "gbk.rq"
    gbk.write_bytes("# 成员\nSELECT * {}".encode("gbk"))
    with pytest.raises(QueryError, match="not UTF-8"):
        run_query(gbk, ds)


def test_bindings_are_values_not_text(ds: Dataset) -> None:
    evil = query_mod.Term("literal", '"} } ; DROP ALL ; SELECT * { ?s ?p ?o #')
    assert len(run_query("search", ds, bindings={"text": evil})) == 0
    assert len(run_query("members", ds, bindings={"groupName": evil})) == 0


# ---------------------------------------------------------------- the policy, with a tripwire

@pytest.fixture()
def tripwire() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", hits
    finally:
        server.shutdown()
        server.server_close()


def test_refusals_touch_nothing(tmp_path: Path, ds: Dataset, tripwire: tuple[str, list[str]]) -> None:
    url, hits = tripwire
    secret = tmp_path / "secret.nt"
    secret.write_text('<http://s> <http://p> "secret" .\n')
    store = ox.Store()
    store.extend([q for q in ox.parse(path=str(secret))])  # something to query against
    cases = {
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}": "SERVICE",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}": "SERVICE",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}": "SERVICE",
        f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}": "FROM",
        f"SELECT * FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}": "FROM",
        f"LOAD <{url}>": "updates are refused",
        f"LOAD <{secret.as_uri()}> INTO GRAPH <http://g>": "updates are refused",
        "INSERT DATA { <http://a> <http://b> <http://c> }": "updates are refused",
        "DROP ALL": "updates are refused",
        "DELETE WHERE { ?s ?p ?o }": "updates are refused",
    }
    opened: list[str] = []
    watching = [True]

    def audit(event: str, args: tuple) -> None:  # file tripwire (audit hooks cannot be removed)
        if watching[0] and event == "open" and str(args[0]).endswith("secret.nt"):
            opened.append(str(args[0]))

    sys.addaudithook(audit)
    try:
        for text, message in cases.items():
            for source in (ds, store):
                with pytest.raises(QueryError, match=message):
                    run_query(text, source)
    finally:
        watching[0] = False
    time.sleep(0.2)
    assert hits == [] and opened == []
    assert len(store) == 1


def test_policy_does_not_refuse_words_in_strings_comments_and_names() -> None:
    ok = ('PREFIX ex: <http://example.org/from/service#>\n'
          '# a comment that mentions SERVICE and FROM and INSERT\n'
          'SELECT ?service ?from WHERE { ?service ex:load "FROM <file:///etc/passwd>" ; '
          'ex:insert ?from . FILTER(LANG(?from) = "drop") }')
    assert check_query(ok) == ok


def test_size_and_nesting_limits_before_parsing(ds: Dataset) -> None:
    with pytest.raises(QueryError, match="characters long"):
        check_query("SELECT * { ?s ?p ?o }" + " " * 200_000)
    deep = "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    with pytest.raises(QueryError, match="nests brackets more than 64 deep"):
        run_query(deep, ds)
    fine = "ASK { FILTER(" + "(" * 40 + "true" + ")" * 40 + ") }"
    assert run_query(fine, ds).boolean is True


def test_engine_crash_is_contained(monkeypatch: pytest.MonkeyPatch, ds: Dataset) -> None:
    # without the depth limit, 5,000 nested parentheses crash pyoxigraph (SIGSEGV): the
    # child process dies, the caller gets a clear error and carries on
    monkeypatch.setattr(policy_mod, "MAX_DEPTH", 100_000)
    deep = "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    with pytest.raises(QueryError, match="stopped unexpectedly|invalid SPARQL|timeout"):
        run_query(deep, ds, timeout=20)
    assert run_query("members", ds).values("memberLabel")


def _many_literals() -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"http://x/{i}"), ox.NamedNode("http://x/p"),
                         ox.Literal("a" * 30 + "b"), ox.NamedNode("http://x/g")) for i in range(200))
    return store


def test_redos_regex_finishes_fast() -> None:
    start = time.monotonic()
    r = run_query('SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(?o, "^(a+)+$")) }', _many_literals(),
                  timeout=5)
    assert len(r) == 0 and time.monotonic() - start < 5


def test_cross_product_is_capped_or_timed_out() -> None:
    store = _many_literals()
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    r = run_query(cross, store, max_rows=1000, timeout=5)
    assert len(r) == 1000 and r.truncated
    start = time.monotonic()
    with pytest.raises(QueryError, match="timeout"):
        run_query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                  store, timeout=1)
    assert time.monotonic() - start < 3


def test_string_binding_that_looks_like_syntax_is_refused_or_literal(ds: Dataset) -> None:
    assert len(run_query("search", ds, bindings={"text": 'x"} } ; DROP ALL #'})) == 0
    with pytest.raises(QueryError, match="not valid N-Triples"):
        run_query("search", ds, bindings={"text": '"} } ; DROP ALL #'})


def test_a_name_finds_labels_given_as_plain_strings() -> None:
    # a graph from another tool may label its entities without a language tag: the name
    # lookups try the name both ways (the plain-string branch was never taken while it
    # tested BOUND(?name), which Oxigraph's optimiser takes for false)
    g = Dataset()
    ex, report = "https://example.org/", "https://example.org/report/1"
    graph = g.graph(URIRef(ex + "graph/1"))
    from rdflib import Literal as L, Namespace
    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    its = Namespace("http://www.w3.org/2005/11/its/rdf#")
    nif = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    body, place = URIRef(ex + "body"), URIRef(ex + "place")
    for node, name in ((body, "长汀县政协"), (place, "长汀县")):
        g.add((node, skos.prefLabel, L(name)))
        graph.add((node, skos.prefLabel, L(name)))
    g.add((body, URIRef(RG + "locatedIn"), place))
    g.add((place, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(RG + "AdministrativeArea")))
    graph.add((URIRef(report), nif.isString, L("长汀县政协在长汀县。")))
    graph.add((URIRef(report + "/m/0-5-aa"), its.taIdentRef, body))
    m = run_query("mentions", g, bindings={"name": "长汀县政协"})
    assert [(x["text"].value, x["start"].to_python()) for x in m] == [("长汀县政协", 0)]
    n = run_query("neighbours", g, bindings={"name": "长汀县政协"})
    assert [x["neighbour"].value for x in n] == [str(place)]
