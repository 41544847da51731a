"""The final ORDER BY done by the caller (query/order.py): which queries it takes over,
and that it gives the engine's order, on hand-made terms and on every named query."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import reportgraph.query.run as run_mod
from reportgraph.query.order import sort_rows, split_order
from reportgraph.query.run import run_query
from reportgraph.rdf.resources import query_names
from reportgraph.rdf.terms import term_tuple
from reportgraph.rdf.to_rdf import to_dataset
from reportgraph.store.embedded import open_store

from builders import make_extraction

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "https://example.org/"


@pytest.mark.parametrize("text, keys", [
    ("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?b DESC(?a)", (("b", True), ("a", False))),
    ("select ?a (COUNT(?b) as ?n) WHERE { ?a ?p ?b } GROUP BY ?a order by desc(?n) asc(?a)",
     (("n", False), ("a", True))),
    ("SELECT * WHERE { ?a ?p ?b } ORDER BY ?a", (("a", True),)),
    ("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b LIMIT 2 } } ORDER BY ?a  # end",
     (("a", True),)),
])
def test_the_final_order_by_of_projected_variables_is_split_off(text: str, keys: tuple) -> None:
    plan = split_order(text)
    assert plan is not None and plan.keys == keys
    assert "ORDER" not in plan.text.upper().rsplit("}", 1)[1]
    assert plan.text == text[:len(plan.text)]


@pytest.mark.parametrize("text", [
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b",                   # not projected
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 10",          # the engine may stop early
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a OFFSET 1",
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?a)",              # an expression
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY DESC(?a + 1)",
    "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a } }",  # inside a group only
    "ASK { ?a ?p ?b }",
    "CONSTRUCT { ?a ?p ?b } WHERE { ?a ?p ?b } ORDER BY ?a",
    "SELECT ?a WHERE { ?a ?p ?b }",
])
def test_other_queries_keep_the_engine_sort(text: str) -> None:
    assert split_order(text) is None


def _store(objects: list[ox.Term | None]) -> ox.Store:
    store = ox.Store()
    for i, obj in enumerate(objects):
        subject = ox.NamedNode(f"{EX}s{i:03d}")
        store.add(ox.Quad(subject, ox.NamedNode(EX + "i"), ox.Literal(str(i), datatype=ox.NamedNode(XSD + "integer"))))
        if obj is not None:
            store.add(ox.Quad(subject, ox.NamedNode(EX + "v"), obj))
    return store


def _engine_and_here(store: ox.Store, descending: bool) -> tuple[list, list | None]:
    order = "DESC(?v)" if descending else "?v"
    text = f"SELECT ?s ?v WHERE {{ ?s <{EX}i> ?i OPTIONAL {{ ?s <{EX}v> ?v }} }} ORDER BY {order} ?s"
    engine = [tuple(map(term_tuple, row)) for row in store.query(text)]
    plan = split_order(text)
    assert plan is not None
    rows = [tuple(map(term_tuple, row)) for row in store.query(plan.text)]
    return engine, sort_rows(["s", "v"], rows, plan.keys)


INT, DEC, DBL = (ox.NamedNode(XSD + t) for t in ("integer", "decimal", "double"))
COLUMNS = {
    "strings by code point": [ox.Literal(s) for s in ("代县", "代", "Zebra", "apple", "县政协", "", "𠀀字", "ä")],
    "one language": [ox.Literal(s, language="zh") for s in ("乙", "甲", "甲乙", "丙", "a")],
    "exact numbers": [ox.Literal(v, datatype=INT) for v in ("10", "9", "-3", "0", "+7", "-9223372036854775808")]
                     + [ox.Literal(v, datatype=DEC) for v in ("9.5", "-3.25", "0.0")],
    "doubles": [ox.Literal(v, datatype=DBL) for v in ("1.5E1", "-INF", "2", "0.25", "INF")],
    "nodes and unbound": [ox.NamedNode(EX + "b"), ox.BlankNode("x1"), None, ox.NamedNode(EX + "a"),
                          ox.Literal("z"), None, ox.BlankNode("a0"), ox.Literal("代")],
}


@pytest.mark.parametrize("column", sorted(COLUMNS))
@pytest.mark.parametrize("descending", [False, True])
def test_sorted_here_as_the_engine_sorts(column: str, descending: bool) -> None:
    engine, here = _engine_and_here(_store(COLUMNS[column]), descending)
    assert here == engine


@pytest.mark.parametrize("objects", [
    [ox.Literal("3", datatype=INT), ox.Literal("abc")],                     # numbers and strings
    [ox.Literal("甲", language="zh"), ox.Literal("甲", language="en")],       # two languages
    [ox.Literal("甲", language="zh"), ox.Literal("乙")],                      # a language and none
    [ox.Literal("1", datatype=INT), ox.Literal("1.5", datatype=DBL)],       # exact and double
    [ox.Literal("2020-01-01", datatype=ox.NamedNode(XSD + "date")), ox.Literal("2019-01-01", datatype=ox.NamedNode(XSD + "date"))],
    [ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))],
    [ox.Literal("NaN", datatype=DBL), ox.Literal("1", datatype=DBL)],
    [ox.Literal("x", datatype=INT)],                                        # ill-typed
    [ox.Literal("1", datatype=INT), ox.Literal("100000000000000000001", datatype=INT)],  # beyond 64 bits
])
def test_columns_the_engine_compares_by_other_rules_are_left_to_it(objects: list) -> None:
    engine, here = _engine_and_here(_store(objects), False)
    assert here is None
    # run_query then lets the engine sort: its answer is the engine's
    text = f"SELECT ?s ?v WHERE {{ ?s <{EX}i> ?i OPTIONAL {{ ?s <{EX}v> ?v }} }} ORDER BY ?v ?s"
    got = run_query(text, _store(objects))
    assert [tuple(None if t is None else (t.kind, t.value, t.datatype, t.lang) for t in row) for row in got.rows] == engine


def test_row_cap_applies_after_sorting() -> None:
    store = _store([ox.Literal(str(v), datatype=INT) for v in (5, 3, 9, 1, 7)])
    text = f"SELECT ?s ?v WHERE {{ ?s <{EX}v> ?v }} ORDER BY DESC(?v)"
    capped = run_query(text, store, max_rows=2)
    assert [row[1].value for row in capped.rows] == ["9", "7"] and capped.truncated
    full = run_query(text, store, max_rows=5)
    assert [row[1].value for row in full.rows] == ["9", "7", "5", "3", "1"] and not full.truncated


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, sample_extraction) -> list[Path]:
    """The sample's store, and a store of small reports that share entities."""
    root = tmp_path_factory.mktemp("order")
    sample, small = root / "sample", root / "small"
    with open_store(sample) as store:
        store.add_dataset(to_dataset([sample_extraction]))
    with open_store(small) as store:
        store.add_dataset(to_dataset([make_extraction(), make_extraction(extra="县政协积极参与。"),
                                      make_extraction(doc="other", extra="县政协。县政协积极参与。")]))
    return [sample, small]


def _raw(rows: tuple) -> list:
    return [tuple(None if t is None else (t.kind, t.value, t.datatype, t.lang) for t in row) for row in rows]


def test_every_named_query_gives_the_engine_s_rows_in_its_order(stores: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    compared = 0
    for store in stores:
        for name in query_names():
            plan = split_order(run_mod.load_query(name).text)
            if plan is None:
                continue
            here = run_query(name, store, max_rows=10**6, timeout=60)
            with monkeypatch.context() as m:
                m.setattr(run_mod, "split_order", lambda text: None)
                engine = run_query(name, store, max_rows=10**6, timeout=60)
                unordered = run_query(plan.text, store, max_rows=10**6, timeout=60)
            assert here.variables == engine.variables
            assert here.rows == engine.rows, name
            # sorted here, not left to the engine: the named queries' columns are all orderable
            assert sort_rows(unordered.variables, _raw(unordered.rows), plan.keys) == _raw(engine.rows), name
            compared += len(here.rows)
    assert compared > 300


def test_beyond_the_rows_sorted_here_the_engine_sorts(monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store([ox.Literal(str(v), datatype=INT) for v in (5, 3, 9, 1, 7)])
    text = f"SELECT ?s ?v WHERE {{ ?s <{EX}v> ?v }} ORDER BY DESC(?v)"
    monkeypatch.setattr(run_mod, "SORT_HERE_ROWS", 4)
    monkeypatch.setattr(run_mod, "sort_rows", lambda *a: pytest.fail("sorted here beyond the limit"))
    got = run_query(text, store, max_rows=3)
    assert [row[1].value for row in got.rows] == ["9", "7", "5"] and got.truncated
