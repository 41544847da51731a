"""The update requests of the stores are built from terms (store/updates.py): a value that
looks like SPARQL stays a value, and each builder does what it says on a real store."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from reportgraph.errors import ReportGraphError
from reportgraph.rdf.terms import json_term, sparql_term
from reportgraph.store import updates

G1, G2 = ox.NamedNode("http://example.org/graph/1"), ox.NamedNode("http://example.org/graph/2")
S, P = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
HOSTILE = ox.Literal('x" } } ; DROP ALL ; INSERT DATA { <http://e/a> <http://e/b> "y\n王某某')


def test_a_value_that_looks_like_sparql_stays_a_value():
    store = ox.Store()
    keep = ox.Triple(S, P, ox.Literal("留下"))
    store.update(updates.insert_data([keep], graph=G2))
    t = ox.Triple(S, P, HOSTILE)
    store.update(updates.request(updates.drop_graph(G1), updates.insert_data([t], graph=G1)))
    assert {q.triple for q in store.quads_for_pattern(None, None, None, G1)} == {t}
    assert {q.triple for q in store.quads_for_pattern(None, None, None, G2)} == {keep}


def test_forget_from_union_keeps_what_another_graph_states():
    store = ox.Store()
    shared, own = ox.Triple(S, P, ox.Literal("共有")), ox.Triple(S, P, ox.Literal("独有"))
    store.update(updates.request(updates.insert_data([shared, own], graph=G1),
                                 updates.insert_data([shared], graph=G2),
                                 updates.insert_data([shared, own])))
    store.update(updates.request(updates.forget_from_union(G1), updates.drop_graph(G1)))
    assert {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())} == {shared}
    store.update(updates.delete_data([shared], graph=G2))
    assert not list(store.quads_for_pattern(None, None, None, G2))


def test_only_terms_go_in():
    with pytest.raises(ReportGraphError, match="not an RDF term"):
        sparql_term("<http://example.org/s>")


def test_sparql_json_terms_are_read_by_the_codec():
    assert json_term({"type": "uri", "value": "http://e/a"}) == ox.NamedNode("http://e/a")
    assert json_term({"type": "literal", "value": "3", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}) \
        == ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    assert json_term({"type": "literal", "value": "代县"}) == ox.Literal("代县")
