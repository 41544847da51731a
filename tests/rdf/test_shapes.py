"""SHACL: a graph built from a realistic extraction conforms; broken graphs do not."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from reportgraph.model import EntityType, Predicate
from reportgraph.rdf.to_rdf import entity_iri, graph_iri, to_dataset, validate
from reportgraph.rdf.vocab import ITSRDF, NIF, PREDICATES, PROV, RDF, RDFS, rg

from builders import make_extraction


@pytest.fixture()
def built():
    x = make_extraction()
    ds = to_dataset([x])
    return x, ds, ds.graph(graph_iri(x.report))


def test_built_graph_conforms(built) -> None:
    _x, ds, _g = built
    conforms, text = validate(ds)
    assert conforms, text


def test_two_reports_conform() -> None:
    conforms, text = validate(to_dataset([make_extraction(), make_extraction(extra="县政协。")]))
    assert conforms, text


def _violations(ds) -> str:
    conforms, text = validate(ds)
    assert not conforms
    return text


def test_entity_without_zh_label_fails(built) -> None:
    _x, ds, g = built
    node = entity_iri(EntityType.ORGANIZATION, "凤凰县政协")
    # the report graph describes the entity once (rg:description, N-Triples lines)
    lines = [line for line in str(g.value(node, rg("description"))).split("\n")
             if not line.startswith(f"<{RDFS.label}>")]
    g.set((node, rg("description"), Literal("\n".join(sorted(lines + [f'<{RDFS.label}> "Fenghuang CPPCC"@en'])))))
    assert "rdfs:label in Chinese" in _violations(ds)


def test_relation_end_of_wrong_class_fails(built) -> None:
    _x, ds, g = built
    # a document cannot be a member of an initiative
    g.add((entity_iri(EntityType.DOCUMENT, "《代县建言》"), PREDICATES[Predicate.MEMBER_OF],
           entity_iri(EntityType.INITIATIVE, "脱贫攻坚")))
    assert "rg:memberOf" in _violations(ds)


def test_textual_evidence_without_offsets_fails(built) -> None:
    _x, ds, g = built
    # textual evidence is folded into its IRI: <{report}/ev/{start}-{end}/{method}>
    stmt, ev = next((s, e) for s, e in g.subject_objects(rg("evidence")) if "/ev/" in str(e)
                    and g.value(e, rg("method")) is None)
    g.remove((stmt, rg("evidence"), ev))
    g.add((stmt, rg("evidence"), URIRef(str(ev).split("/ev/")[0] + "/ev/sentence/cue:x")))
    assert "evidence is either textual" in _violations(ds)


def test_knowledge_evidence_without_source_fails(built) -> None:
    _x, ds, g = built
    ev = next(e for e in g.objects(None, rg("evidence")) if g.value(e, rg("source")) is not None)
    g.remove((ev, rg("source"), None))
    assert "evidence is either textual" in _violations(ds)


def test_relation_without_evidence_fails(built) -> None:
    _x, ds, g = built
    stmt = next(iter(g.subjects(RDF.subject, None)))
    g.remove((stmt, rg("evidence"), None))
    assert "at least one piece of evidence" in _violations(ds)


def test_report_without_its_text_and_mention_without_offsets_fail(built) -> None:
    x, ds, g = built
    report = URIRef(str(next(iter(g.subjects(RDF.type, rg("Report"))))))
    g.remove((report, NIF.isString, None))
    mention = next(iter(g.subjects(ITSRDF.taIdentRef, None)))
    g.add((URIRef(str(mention).rsplit("/m/", 1)[0] + "/m/x"), ITSRDF.taIdentRef, g.value(mention, ITSRDF.taIdentRef)))
    text = _violations(ds)
    assert "carries its text once" in text and "MentionShape" in text


def test_untyped_mention_target_and_bad_code_fail(built) -> None:
    _x, ds, g = built
    area = entity_iri(EntityType.ADMINISTRATIVE_AREA, "代县", code="140923")
    g.remove((area, rg("divisionCode"), None))
    g.add((area, rg("divisionCode"), Literal("14-09")))
    g.add((URIRef("https://w3id.org/reportgraph/id/organization/x"), rg("locatedIn"), area))
    text = _violations(ds)
    assert "division code" in text
    assert "LocatedInShape" in text or "AnyEntity" in text


def test_built_sample_conforms_and_members_finds_the_seven(sample_extraction) -> None:
    from reportgraph.query.run import run_query

    ds = to_dataset([sample_extraction])
    conforms, text = validate(ds)
    assert conforms, text
    groups = set(run_query("members", ds).values("groupLabel"))
    assert len(groups) == 1 and "“双帽”七县" in next(iter(groups))
    members = run_query("members", ds, bindings={"groupName": next(iter(groups))})
    assert sorted(members.values("memberLabel")) == sorted(
        ["代县政协", "会泽县政协", "凤凰县政协", "寿县政协", "巍山彝族回族自治县政协", "蔚县政协", "阆中市政协"])
