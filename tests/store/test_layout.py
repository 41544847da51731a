"""The store's layout (docs/graph-layout.md): entities described once per report
(rg:description), relations by their statements, evidence folded into IRIs; removing or
replacing a report takes exactly the merged triples no other report states; an earlier
layout is refused; a build rewrites the store compactly and it stays consistent."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from reportgraph.cli import cli
from reportgraph.errors import StoreError
from reportgraph.model import Entity, EntityType, Extraction, Predicate, Relation
from reportgraph.rdf.iri import graph_iri
from reportgraph.rdf.merged import DESCRIPTION, union_triples
from reportgraph.rdf.to_rdf import report_quads
from reportgraph.store.bulk import CorpusStore
from reportgraph.store.embedded import open_store

from builders import SHUANGMAO, make_extraction, write_texts

RG = "https://w3id.org/reportgraph/ontology#"
ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
ORG = "https://w3id.org/reportgraph/id/organization/"


def _default(store: ox.Store) -> set[ox.Triple]:
    return {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def _named(store: ox.Store) -> list[ox.Quad]:
    return [q for q in store if q.graph_name != ox.DefaultGraph()]


def _with_alias(x: Extraction, key: str, alias: str) -> Extraction:
    ents = tuple(dataclasses.replace(e, aliases=e.aliases + (alias,)) if e.key == key else e for e in x.entities)
    return dataclasses.replace(x, entities=ents)


def test_report_graph_describes_each_node_once_and_states_relations_by_statements() -> None:
    x = make_extraction()
    quads = report_quads(x)
    described = [q.subject for q in quads if q.predicate == DESCRIPTION]
    assert len(described) == len(set(described)) == len(x.entities)
    member = ox.NamedNode(RG + "memberOf")
    assert not [q for q in quads if q.predicate == member]  # only the statement says it
    merged = set(union_triples(quads))
    assert ox.Triple(ox.NamedNode(ORG + "代县政协"), member, ox.NamedNode(ORG + SHUANGMAO)) in merged
    assert ox.Triple(ox.NamedNode(ORG + "代县政协"), ALT, ox.Literal("县政协", language="zh")) in merged
    # textual evidence is an IRI with nothing written about it
    evidence = {q.object for q in quads if q.predicate.value == RG + "evidence"}
    folded = [e for e in evidence if "/ev/" in e.value and e.value.split("/ev/")[1].count("/") == 1]
    assert folded and not [q for q in quads if q.subject in folded]


def test_removal_and_replacement_take_exactly_what_no_other_report_states(tmp_path: Path) -> None:
    """Two reports describe 代县政协 differently (an alias only one states) and share a
    relation: removing or replacing one leaves exactly the merged graph of the other."""
    x1 = _with_alias(make_extraction(), "代县政协", "政协代县委员会")
    x2 = make_extraction(extra="县政协。")
    with open_store(tmp_path / "s") as store:
        store.add_report(x1)
        store.add_report(x2)
        both = _default(store.oxigraph)
        alias = ox.Triple(ox.NamedNode(ORG + "代县政协"), ALT, ox.Literal("政协代县委员会", language="zh"))
        assert alias in both
        assert both == set(union_triples(_named(store.oxigraph)))
        store.remove_graph(str(graph_iri(x1.report)))
        assert _default(store.oxigraph) == set(union_triples(report_quads(x2)))
        assert alias not in _default(store.oxigraph)
        # back, then replaced by a version without the alias and without a relation
        store.add_report(x1)
        assert _default(store.oxigraph) == both
        smaller = dataclasses.replace(make_extraction(), relations=make_extraction().relations[1:])
        store.replace_graphs(report_quads(dataclasses.replace(smaller, report=x1.report)))
        expected = set(union_triples(report_quads(x2) + report_quads(dataclasses.replace(smaller, report=x1.report))))
        assert _default(store.oxigraph) == expected and alias not in expected
        # a relation only the removed report states goes; one the other states stays
        only = ox.Triple(ox.NamedNode(ORG + "新县政协"), ox.NamedNode(RG + "memberOf"), ox.NamedNode(ORG + SHUANGMAO))
        x3 = make_extraction(extra="新县政协加入。")
        new = Entity("新县政协", "新县政协", EntityType.ORGANIZATION)
        x3 = dataclasses.replace(x3, entities=x3.entities + (new,), relations=x3.relations + (
            Relation("新县政协", Predicate.MEMBER_OF, SHUANGMAO, x3.relations[0].evidence),))
        store.add_report(x3)
        assert only in _default(store.oxigraph)
        store.remove_graph(str(graph_iri(x3.report)))
        assert only not in _default(store.oxigraph)
        assert _default(store.oxigraph) == set(union_triples(_named(store.oxigraph)))
        # replacing two reports in one transaction: what neither new version states goes
        store.replace_graphs(report_quads(dataclasses.replace(smaller, report=x1.report))
                             + report_quads(dataclasses.replace(smaller, report=x2.report)))
        assert _default(store.oxigraph) == set(union_triples(_named(store.oxigraph)))


def _old_layout_store(path: Path) -> None:
    """A store as reportgraph wrote it before: entities described triple by triple in
    every report graph, beside the merged default graph."""
    x = make_extraction()
    quads = report_quads(x)
    old = [q for q in quads if q.predicate != DESCRIPTION]
    old += [ox.Quad(t.subject, t.predicate, t.object, q.graph_name) for q in quads if q.predicate == DESCRIPTION
            for t in union_triples([q])]
    store = ox.Store(str(path))
    store.extend(old + [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union_triples(quads)])
    store.flush()
    del store


def test_a_store_in_an_earlier_layout_is_refused_by_build_and_query(tmp_path: Path) -> None:
    _old_layout_store(tmp_path / "old")
    runner = CliRunner()
    for args in (["query", "members", str(tmp_path / "old")],
                 ["build", str(write_texts(tmp_path / "in", {"a": "代县政协召开会议。"})), "--store",
                  str(tmp_path / "old"), "--no-statistical"]):
        result = runner.invoke(cli, args)
        assert result.exit_code != 0
        message = result.output.strip().splitlines()[-1]
        assert "earlier version of reportgraph" in message and "build it again" in message
        assert "Traceback" not in result.output
    with pytest.raises(StoreError, match="earlier version"):
        CorpusStore(tmp_path / "old").check_layout()


def test_compaction_keeps_every_quad_and_the_lock(tmp_path: Path) -> None:
    with CorpusStore(tmp_path / "s") as cs:
        x1, x2 = make_extraction(), make_extraction(extra="县政协。")
        for x in (x1, x2):
            quads = report_quads(x)
            cs.put_many([str(graph_iri(x.report))], ox.serialize(quads, format=ox.RdfFormat.N_QUADS),
                        ox.serialize(union_triples(quads), format=ox.RdfFormat.N_TRIPLES))
        before = set(cs.store)
        assert cs.settle(2)  # every report written since the last rewrite: rewritten
        assert set(cs.store) == before
        assert (tmp_path / "s" / "reportgraph.written").read_text().strip() == "0"
        # the writer still holds the store: another process is refused
        code = ("import sys\nfrom reportgraph.store.embedded import open_store\nfrom reportgraph.errors import "
                f"StoreError\ntry:\n    open_store({str(tmp_path / 's')!r}, read_only=True)\n"
                "except StoreError as e:\n    print(e); sys.exit(3)\n")
        other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                               env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")})
        assert other.returncode == 3 and "in use by another process" in other.stdout, other.stderr
        # and goes on writing to the rewritten store
        cs.drop(str(graph_iri(x2.report)))
        assert _default(cs.store) == set(union_triples(report_quads(x1)))
        assert not cs.settle(0)
        # the reports written since the last rewrite add up: one of five is not a quarter, two are
        for extra in ("县政协。县政协。", "凤凰县政协。", "代县。", "山西省。"):
            x = make_extraction(extra=extra)
            quads = report_quads(x)
            cs.put_many([str(graph_iri(x.report))], ox.serialize(quads, format=ox.RdfFormat.N_QUADS),
                        ox.serialize(union_triples(quads), format=ox.RdfFormat.N_TRIPLES))
        written = tmp_path / "s" / "reportgraph.written"
        assert len(cs.reports()) == 5
        assert not cs.settle(1) and written.read_text().strip() == "1"
        assert cs.settle(1) and written.read_text().strip() == "0"
        assert _default(cs.store) == set(union_triples(_named(cs.store)))
    assert not [p for p in os.listdir(tmp_path) if p != "s"]  # nothing left beside it
    with open_store(tmp_path / "s", read_only=True) as store:
        assert _default(store.oxigraph) == set(union_triples(_named(store.oxigraph)))
        assert len(store.graphs()) == 5
