"""to_rdf: deterministic, strictly valid IRIs; the RDF shape agreed with export/API."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from reportgraph.errors import ReportGraphError
from reportgraph.model import (Entity, EntityType, Evidence, Extraction, Mention, Predicate,
                               Relation, Report)
from reportgraph.rdf.to_rdf import (entity_iri, graph_iri, mint, report_iri, serialize, to_dataset, union_triples,
                                to_quads, write_graph)
from reportgraph.rdf.vocab import ITSRDF, NIF, PREDICATES, PROV, RDF, RDFS, SKOS, rg

ROOT = Path(__file__).resolve().parents[2]

from builders import SHUANGMAO, TEXT, _span, make_extraction  # noqa: E402,F401


def _merged(ds, g):
    """The part of the merged graph that report graph ``g`` of ``ds`` stands for."""
    from rdflib import Graph

    from reportgraph.rdf.terms import rdflib_term

    out = Graph()
    for t in union_triples([q for q in to_quads(ds) if q.graph_name.value == str(g.identifier)]):
        out.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    return out


@pytest.fixture(scope="module")
def x1() -> Extraction:
    return make_extraction()


def test_entity_iris_are_readable_and_by_code_for_areas() -> None:
    assert str(entity_iri(EntityType.ORGANIZATION, SHUANGMAO)) == \
        "https://w3id.org/reportgraph/id/organization/“双帽”七县(市)政协联席会议"
    area = entity_iri(EntityType.ADMINISTRATIVE_AREA, "代县", code="140923")
    assert str(area) == "https://w3id.org/reportgraph/id/administrativeArea/140923"
    # the name does not matter for an area with a code: 代县 and 代 县 are one node
    assert entity_iri(EntityType.ADMINISTRATIVE_AREA, "代 县", code="140923") == area
    # type is part of the identity
    assert entity_iri(EntityType.PLACE, "雁门关") != entity_iri(EntityType.EVENT, "雁门关")


def test_hostile_keys_give_strictly_valid_distinct_iris() -> None:
    keys = ["a b", 'x"y', "<>{}|^`\\", "\n\x01\x7f", "\ufffe", "北京\u3000大学", "北京\xa0大学",
            "100%", "a%20b", "\ud800", "\u200b", "e\u0301", "é", "x" * 500, "x" * 499 + "y"]
    iris = [entity_iri(EntityType.ORGANIZATION, k) for k in keys]
    for iri in iris:
        ox.NamedNode(str(iri))
        assert not any(c in str(iri) for c in ' <>"{}|^`\\\n\u3000\xa0\u200b')
        assert len(str(iri)) < 200
    # NFC: the composed and decomposed é are one entity; everything else stays distinct
    assert iris[11] == iris[12]
    assert len(set(iris)) == len(keys) - 1
    assert "100%25" in str(iris[7]) and "a%2520b" in str(iris[8])


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1))
def test_minting_property(key: str) -> None:
    iri = entity_iri(EntityType.PERSON, key)
    ox.NamedNode(str(iri))
    assert iri == entity_iri(EntityType.PERSON, key)
    assert not any(c.isspace() for c in str(iri))
    # survives every line-based and Turtle-family serialisation, strictly parsed
    quad = ox.Quad(ox.NamedNode(str(iri)), ox.NamedNode("http://a/p"), ox.Literal(key.encode(
        "utf-8", "replace").decode("utf-8")), ox.NamedNode("http://a/g"))
    for fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        assert list(ox.parse(ox.serialize([quad], format=fmt), format=fmt)) == [quad]


def test_minting_is_deterministic_across_processes() -> None:
    code = ("from reportgraph.rdf.to_rdf import entity_iri; from reportgraph.model import EntityType;"
            "print(entity_iri(EntityType.INITIATIVE, '乡村振兴 战略'*20))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert len(outs) == 1 and "~" in outs.pop()


def test_bad_base_iri_is_refused() -> None:
    for bad in ("relative/path/", "http://exa mple.org/", ""):
        with pytest.raises(ReportGraphError):
            mint(bad, "x")


def test_same_entity_in_two_reports_gets_the_same_iri(x1: Extraction) -> None:
    x2 = make_extraction(extra="代县政协积极参与。")
    assert x1.report.sha256 != x2.report.sha256
    ds = to_dataset([x1, x2])
    g1, g2 = ds.graph(graph_iri(x1.report)), ds.graph(graph_iri(x2.report))
    assert g1.identifier != g2.identifier
    daixian = entity_iri(EntityType.ORGANIZATION, "代县政协")
    m1, m2 = _merged(ds, g1), _merged(ds, g2)
    assert (daixian, RDFS.label, Literal("代县政协", lang="zh")) in m1
    assert (daixian, RDFS.label, Literal("代县政协", lang="zh")) in m2
    member = (daixian, PREDICATES[Predicate.MEMBER_OF], entity_iri(EntityType.ORGANIZATION, SHUANGMAO))
    assert member in m1 and member in m2
    # each report graph describes the entity once, and states the relation by its statement only
    assert len(list(g1.objects(daixian, rg("description")))) == 1
    assert member not in g1 and member not in g2


def test_graph_shape(x1: Extraction) -> None:
    ds = to_dataset([x1])
    g = ds.graph(graph_iri(x1.report))
    report = report_iri(x1.report)
    assert str(g.identifier) == f"https://w3id.org/reportgraph/graph/{x1.report.sha256[:16]}"
    assert str(report) == f"https://w3id.org/reportgraph/report/{x1.report.sha256[:16]}"
    assert (report, RDF.type, rg("Report")) in g
    assert (report, rg("sourcePath"), Literal("daixian.txt")) in g  # never the absolute path
    assert (report, rg("deliveredBy"), entity_iri(EntityType.ORGANIZATION, "代县政协")) in g
    area = entity_iri(EntityType.ADMINISTRATIVE_AREA, "代县", code="140923")
    assert (report, rg("home"), area) in g  # the model's home
    # the RDF reads the model: a home the caller named but no stage settled is not guessed again
    unsettled = Extraction(Report("d", "x", "x", "utf-8", "cd" * 32, home="代县"), x1.entities)
    g2 = to_dataset([unsettled]).graph(graph_iri(unsettled.report))
    assert not list(g2.objects(report_iri(unsettled.report), rg("home")))
    area = entity_iri(EntityType.ADMINISTRATIVE_AREA, "代县", code="140923")
    merged = _merged(ds, g)
    assert (area, rg("divisionCode"), Literal("140923")) in merged
    assert str(merged.value(area, URIRef("https://schema.org/longitude"))) == "112.96"
    assert not list(g.objects(area, rg("divisionCode")))  # in the merged graph only
    # reified statements: one per (s, p, o) per report, evidence merged
    stmts = list(g.subjects(RDF.subject, None))
    assert len(stmts) == 7 and all(str(s).startswith(f"{report}/stmt/") for s in stmts)
    assert not list(g.subjects(RDF.type, rg("Assertion")))  # entailed by rg:evidence's domain, not written
    member_stmt = next(s for s in stmts if g.value(s, RDF.predicate) == PREDICATES[Predicate.MEMBER_OF]
                       and g.value(s, RDF.subject) == entity_iri(EntityType.ORGANIZATION, "代县政协"))
    evidence = list(g.objects(member_stmt, rg("evidence")))
    assert len(evidence) == 2
    # the report's text is written once; textual evidence is folded into its IRI,
    # <{report}/ev/{start}-{end}/{method}>, with nothing written about it
    text = str(g.value(report, NIF.isString))
    assert text == x1.report.text
    assert all(str(e).startswith(f"{report}/ev/") and not list(g.predicate_objects(e)) for e in evidence)
    folded = [str(e).split("/ev/")[1].split("/", 1) for e in evidence]
    texts = sorted(text[int(a):int(b)] for a, b in (span.split("-") for span, _method in folded))
    assert texts[0].startswith("代县政协与凤凰县政协") and texts[1].startswith("县政协认真落实")
    assert {method for _span, method in folded} == {e.method for r in x1.relations for e in r.evidence
                                                    if r.predicate is Predicate.MEMBER_OF and r.subject == "代县政协"}
    # no sentence nodes: a sentence is the report's text between its evidence's offsets
    assert not [s for s in g.subjects(NIF.anchorOf, None) if "#char=" in str(s)]
    # evidence is shared by the statements it supports: one per sentence and method, and
    # evidence from a knowledge base is a node with its method and source
    cited = set(g.objects(None, rg("evidence")))
    assert len(cited) == len({(e.start, e.end, e.method, e.source) for r in x1.relations for e in r.evidence})
    for e in cited:
        if g.value(e, rg("source")) is not None:
            assert g.value(e, rg("method")) is not None and g.value(e, PROV.wasDerivedFrom) is None
    # a mention is one triple: the entity; its offsets are in its IRI
    mentions = list(g.subjects(ITSRDF.taIdentRef, None))
    assert len(mentions) == sum(len(e.mentions) for e in x1.entities) == 7
    expected = {(m.start, m.end, m.text, str(entity_iri(e.type, e.key, code=e.code)))
                for e in x1.entities for m in e.mentions}
    found = set()
    for m in mentions:
        assert str(m).startswith(f"{report}/m/") and len(list(g.predicate_objects(m))) <= 2
        start, end, _hash = str(m).rsplit("/m/", 1)[1].split("-")
        found.add((int(start), int(end), text[int(start):int(end)], str(g.value(m, ITSRDF.taIdentRef))))
    assert found == expected
    # labels
    shuangmao = entity_iri(EntityType.ORGANIZATION, SHUANGMAO)
    assert set(merged.objects(shuangmao, SKOS.altLabel)) == {Literal("“双帽”联席会议", lang="zh")}
    # no blank nodes anywhere
    assert all(not isinstance(t, type(None)) for t in g)
    to_quads(ds)  # raises on a blank node or an invalid IRI


def test_serialisation_is_byte_identical_and_strict(tmp_path: Path, x1: Extraction) -> None:
    x2 = make_extraction(extra="代县政协积极参与。")
    a = serialize(to_dataset([x1, x2]), "trig")
    b = serialize(to_dataset([x2, x1]), "trig")  # input order does not matter
    assert a == b
    # across processes (hash seeds) too
    code = ("import sys; sys.path.insert(0, 'tests'); from builders import make_extraction;"
            "from reportgraph.rdf.to_rdf import serialize, to_dataset; import hashlib;"
            "print(hashlib.sha256(serialize(to_dataset([make_extraction()]), 'turtle')).hexdigest())")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": s}).stdout
            for s in ("0", "7")}
    assert len(outs) == 1
    for fmt, oxfmt in [("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS),
                       ("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES)]:
        path = tmp_path / f"g.{fmt}"
        write_graph(to_dataset([x1]), path, fmt)
        quads = list(ox.parse(path=str(path), format=oxfmt))
        assert len(quads) > 80
    # RDF/XML and JSON-LD of the same graph are valid too (rdflib writers, strict re-parse)
    ds = to_dataset([x1])
    from rdflib import Graph
    union = Graph()
    for s, p, o, _g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    xml = union.serialize(format="xml").encode()
    assert len(list(ox.parse(xml, format=ox.RdfFormat.RDF_XML))) == len(union)
    jsonld = union.serialize(format="json-ld").encode()
    assert len(list(ox.parse(jsonld, format=ox.RdfFormat.JSON_LD))) == len(union)


def test_failed_write_leaves_previous_file(tmp_path: Path, x1: Extraction) -> None:
    path = tmp_path / "graph.trig"
    write_graph(to_dataset([x1]), path, "trig")
    before = path.read_bytes()
    from rdflib import Dataset
    bad = Dataset()
    bad.graph(URIRef("http://a/g")).add((URIRef("http://a/bad iri"), RDFS.label, Literal("x")))
    with pytest.raises(ReportGraphError):
        write_graph(bad, path, "trig")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig"]


def test_relation_to_unknown_key_is_an_error(x1: Extraction) -> None:
    broken = Extraction(x1.report, x1.entities,
                        (Relation("代县政协", Predicate.LEADS, "无此实体", ()),))
    with pytest.raises(ReportGraphError, match="无此实体"):
        to_dataset([broken])


def test_base_iri_option(x1: Extraction) -> None:
    ds = to_dataset([x1], base_iri="https://example.org/kg")
    subjects = {str(s) for s in ds.graph(graph_iri(x1.report)).subjects(rg("description"), None)}
    assert "https://example.org/kg/organization/代县政协" in subjects
    assert not any(s.startswith("https://w3id.org/reportgraph/id/") for s in subjects)
    assert b"@prefix id: <https://example.org/kg/>" in serialize(ds, "trig")


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=30), alias=st.text(max_size=20),
       sentence=st.text(min_size=1, max_size=60))
def test_hostile_text_serialises_strictly(name: str, alias: str, sentence: str) -> None:
    """Any text in names, aliases and evidence: nothing raises, every output parses strictly
    and holds the same quads."""
    text = sentence
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    report = Report("d", text, text, "utf-8", sha, title=name)
    ents = (Entity(name, name, EntityType.ORGANIZATION, aliases=(alias,) if alias else (),
                   mentions=(Mention("d", 0, len(text), text),)),
            Entity("140923", "代县", EntityType.ADMINISTRATIVE_AREA, code="140923"))
    rels = (Relation(name, Predicate.LOCATED_IN, "140923",
                     (Evidence("d", 0, len(text), text, "cue:" + alias),)),)
    ds = to_dataset([Extraction(report, ents, rels)])
    n = len(to_quads(ds))
    quads = to_quads(ds)
    merged = set(union_triples(quads))
    for fmt, oxfmt in [("trig", ox.RdfFormat.TRIG), ("nquads", ox.RdfFormat.N_QUADS)]:
        parsed = list(ox.parse(serialize(ds, fmt), format=oxfmt))  # report graphs + merged graph
        assert len([q for q in parsed if q.graph_name != ox.DefaultGraph()]) == n
        assert {q.triple for q in parsed if q.graph_name == ox.DefaultGraph()} == merged
    written = merged | {q.triple for q in quads if q.predicate.value != str(rg("description"))}
    for fmt, oxfmt in [("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES)]:
        assert len(list(ox.parse(serialize(ds, fmt), format=oxfmt))) == len(written)
