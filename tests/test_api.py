"""ReportGraph lookups: one test per lookup, with asserted answers (fixture graph; the
bundled sample once the RDF stage is there)."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportgraph
from reportgraph.api import Entity, Evidence, Relation, ReportGraph, format_path, open_store
from reportgraph.errors import InputError, QueryError
from reportgraph.model import EntityType, Predicate

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "small.trig"
ALLIANCE = "“双帽”七县(市)政协联席会议"


@pytest.fixture(scope="module")
def g() -> ReportGraph:
    return ReportGraph.load(FIXTURE)


def test_public_names() -> None:
    assert reportgraph.ReportGraph is ReportGraph
    assert reportgraph.Entity is Entity and reportgraph.Relation is Relation and reportgraph.Evidence is Evidence


def test_find_by_name_alias_and_iri(g: ReportGraph) -> None:
    zx = g.find("县政协")
    assert isinstance(zx, Entity)
    assert zx.name == "代县政协" and zx.type is EntityType.ORGANIZATION
    assert zx.iri == "https://w3id.org/reportgraph/id/daixian-zx"
    assert zx.aliases == ("县政协", "政协代县委员会")
    assert g.find("代县政协") == zx == g.find(zx.iri)
    assert g.find(" 代县 政协 ") == zx  # spaces ignored
    assert g.find("我县").name == "代县"
    assert g.find("全县").code == "140923"
    assert g.find("“双帽”联席会议").name == ALLIANCE
    assert g.find("不存在的机构") is None


def test_find_prefers_name_over_alias(g: ReportGraph) -> None:
    assert g.find("山西").name == "山西省"
    assert [e.name for e in g.find_all("县委")] == ["中共代县县委"]


def test_entity_coordinates(g: ReportGraph) -> None:
    daixian = g.find("代县")
    assert (daixian.longitude, daixian.latitude) == (112.96, 39.07)
    assert g.find("山西省").longitude is None


def test_search_partial(g: ReportGraph) -> None:
    assert [e.name for e in g.search("凤凰")] == ["凤凰县", "凤凰县政协"]
    assert [e.name for e in g.search("双帽")] == ["“双帽”第五次联席会", ALLIANCE]
    assert [e.name for e in g.search("双帽", type="Event")] == ["“双帽”第五次联席会"]
    assert [e.name for e in g.search("攻坚战")] == ["脱贫攻坚"]  # matched through an alias
    assert g.search("") == () and g.search("火星") == ()


def test_entities_by_type(g: ReportGraph) -> None:
    assert len(g.entities()) == len(g) == 13
    assert [e.name for e in g.entities(type=EntityType.ORGANIZATION)] == [
        ALLIANCE, "中共代县县委", "代县政协", "凤凰县政协", "阆中市政协"]
    assert [e.name for e in g.entities(type="Person")] == ["习近平"]
    with pytest.raises(ValueError, match="unknown entity type"):
        g.entities(type="Planet")


def test_relations_filtered_with_evidence(g: ReportGraph) -> None:
    members = g.relations(predicate="memberOf", object=ALLIANCE)
    assert [r.subject.name for r in members] == ["代县政协", "凤凰县政协", "阆中市政协"]
    assert all(isinstance(r, Relation) and r.predicate is Predicate.MEMBER_OF for r in members)
    daixian = members[0]
    assert daixian.weight == 2
    assert daixian.evidence == (
        Evidence("https://w3id.org/reportgraph/report/aaaaaaaaaaaaaaaa", 11, 38,
                 "与凤凰县政协形成“双帽”七县(市)政协联席会议年会制度", "enumeration"),
        Evidence("https://w3id.org/reportgraph/report/bbbbbbbbbbbbbbbb", 4, 18,
                 "代县政协参加“双帽”联席会议", "cue:联席会议"),
    )
    assert members[2].evidence == () and members[2].weight == 1
    located = g.relations("代县", Predicate.LOCATED_IN)
    assert [(r.object.name, r.evidence[0].source, r.evidence[0].start) for r in located] == [("山西省", "cpca", None)]
    assert len(g.relations()) == 11
    assert g.relations(subject="县委", predicate="leads")[0].object.name == "代县政协"
    with pytest.raises(KeyError, match="no entity named"):
        g.relations(subject="火星政协")
    with pytest.raises(ValueError, match="unknown predicate"):
        g.relations(predicate="owns")


def test_neighbors_directions(g: ReportGraph) -> None:
    assert [e.name for e in g.neighbors("县政协", predicate="memberOf")] == [ALLIANCE]
    assert [e.name for e in g.neighbors(ALLIANCE, direction="in")] == ["代县政协", "凤凰县政协", "阆中市政协"]
    assert [e.name for e in g.neighbors("代县", direction="both")] == [
        "中共代县县委", "代县政协", "山西省"]
    assert [e.name for e in g.neighbors("代县", direction="in")] == ["中共代县县委", "代县政协"]
    with pytest.raises(ValueError, match="direction"):
        g.neighbors("代县", direction="sideways")  # type: ignore[arg-type]


def test_path_through_the_alliance(g: ReportGraph) -> None:
    chain = g.path("凤凰县政协", "代县政协")
    assert [(r.subject.name, r.predicate.value, r.object.name) for r in chain] == [
        ("凤凰县政协", "memberOf", ALLIANCE), ("代县政协", "memberOf", ALLIANCE)]
    assert format_path(chain) == f"凤凰县政协 -memberOf-> {ALLIANCE} <-memberOf- 代县政协"
    assert format_path(g.path("中共代县县委", "山西省")) == "中共代县县委 -locatedIn-> 代县 -locatedIn-> 山西省"
    assert g.path("代县", "代县") == ()
    assert g.path("习近平", "代县") == ()  # not connected
    assert g.path("阆中市政协", "山西省", max_length=2) == ()
    assert len(g.path("阆中市政协", "山西省")) == 4


def test_query_text_and_bindings(g: ReportGraph) -> None:
    q = """PREFIX rg: <https://w3id.org/reportgraph/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?alliance ?member ?name WHERE { ?member rg:memberOf ?alliance ; rdfs:label ?name } ORDER BY ?name"""
    rows = g.query(q, alliance=g.find(ALLIANCE))
    assert [r["name"] for r in rows] == ["代县政协", "凤凰县政协", "阆中市政协"]
    assert rows[0]["member"] == g.find("代县政协").iri
    # a value with SPARQL syntax in it is bound, never spliced into the text
    q2 = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l . FILTER(STR(?l) = ?label) }"
    assert g.query(q2, label='代县" } UNION { ?s ?p ?o') == ()
    assert [r["s"] for r in g.query(q2, label="代县")] == ["https://w3id.org/reportgraph/id/daixian"]
    assert g.query("ASK { ?s a <https://w3id.org/reportgraph/ontology#Person> }") is True
    with pytest.raises(QueryError, match="invalid SPARQL"):
        g.query("SELECT WHERE {")
    with pytest.raises(QueryError, match="SELECT"):
        g.query("SELECT ?s WHERE { ?s ?p ?o }", o=1)


def test_query_by_name(g: ReportGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "members.rq").write_text(
        "# members of an alliance\nPREFIX rg: <https://w3id.org/reportgraph/ontology#>\n"
        "SELECT ?alliance ?m WHERE { ?m rg:memberOf ?alliance }\n", encoding="utf-8")
    monkeypatch.setattr("reportgraph.rdf.resources.queries_dir", lambda: tmp_path)
    assert len(g.query("members", alliance=g.find(ALLIANCE))) == 3
    with pytest.raises(QueryError, match="no query named 'nope'.*members"):
        g.query("nope")


def test_to_networkx_is_the_export_projection(g: ReportGraph) -> None:
    nxg = g.to_networkx()
    assert nxg.number_of_nodes() == 13 and nxg.number_of_edges() == 11
    zx = g.find("代县政协")
    assert nxg.nodes[zx.iri]["label"] == "代县政协"
    assert nxg.edges[zx.iri, g.find(ALLIANCE).iri, "memberOf"]["weight"] == 2.0


def test_load_sources_agree(tmp_path: Path) -> None:
    import pyoxigraph
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(FIXTURE, format="trig")
    store_dir = tmp_path / "store"
    disk = pyoxigraph.Store(str(store_dir))
    disk.load(path=str(FIXTURE))
    disk.flush()
    del disk
    nq = tmp_path / "graph.nq"
    ds.serialize(nq, format="nquads")
    expected = ReportGraph.load(FIXTURE).relations()
    for source in (ds, store_dir, nq, open_store(FIXTURE), ReportGraph.load(FIXTURE)):
        assert ReportGraph.load(source).relations() == expected


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        ReportGraph.load(tmp_path / "missing.ttl")
    with pytest.raises(InputError, match="not a graph file"):
        ReportGraph.load(tmp_path / "graph.xyz")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="not valid"):
        ReportGraph.load(bad)
    with pytest.raises(InputError, match="cannot read a graph"):
        ReportGraph.load(42)  # type: ignore[arg-type]


# --- the bundled sample, through the real pipeline -----------------------------------------

SAMPLE = Path(reportgraph.__file__).parent / "sample" / "daixian-cppcc-report.txt"
PARTNERS = {"阆中市政协", "凤凰县政协", "寿县政协", "蔚县政协", "会泽县政协"}


@pytest.fixture(scope="module")
def sample() -> ReportGraph:
    return ReportGraph.build([SAMPLE])


def _alliance(sample: ReportGraph) -> Entity:
    found = sample.search("双帽", type="Organization")
    assert found, "no “双帽” organisation in the sample graph"
    return found[0]


def test_sample_find_county_cppcc(sample: ReportGraph) -> None:
    zx = sample.find("县政协")
    assert zx is not None and zx.name == "代县政协" and zx.type is EntityType.ORGANIZATION
    assert sample.find("县委").name == "中共代县县委"
    assert sample.find("我县") is None or sample.find("我县").name == "代县"


def test_sample_search_and_entities(sample: ReportGraph) -> None:
    alliance = _alliance(sample)
    assert "联席会议" in alliance.name
    assert {"凤凰县", "凤凰县政协"} <= {e.name for e in sample.search("凤凰")}
    areas = {e.name: e for e in sample.entities(type="AdministrativeArea")}
    assert {"代县", "山西省", "凤凰县", "阆中市", "寿县", "蔚县", "会泽县"} <= set(areas)
    assert areas["代县"].code == "140923" and areas["代县"].longitude is not None


def test_sample_alliance_members(sample: ReportGraph) -> None:
    members = {e.name for e in sample.neighbors(_alliance(sample), predicate="memberOf", direction="in")}
    assert {"代县政协"} | PARTNERS <= members
    assert any("巍山" in m for m in members)
    assert len(members) == 7


def test_sample_relations_evidence_points_into_the_text(sample: ReportGraph) -> None:
    text = reportgraph.read_report(SAMPLE).text
    relations = sample.relations("代县政协", "memberOf", _alliance(sample))
    assert len(relations) == 1
    ev = relations[0].evidence[0]
    assert ev.document.startswith("https://w3id.org/reportgraph/report/")
    assert ev.start is not None and text[ev.start:ev.end] == ev.text and "双帽" in ev.text


def test_sample_neighbors(sample: ReportGraph) -> None:
    assert {"代县政协", "中共代县县委"} <= {e.name for e in sample.neighbors("代县", direction="in")}
    assert _alliance(sample) in sample.neighbors("代县政协", predicate="memberOf")


def test_sample_path(sample: ReportGraph) -> None:
    chain = sample.path("凤凰县政协", "代县政协")
    alliance = _alliance(sample)
    assert [(r.subject.name, r.predicate, r.object) for r in chain] == [
        ("凤凰县政协", Predicate.MEMBER_OF, alliance), ("代县政协", Predicate.MEMBER_OF, alliance)]
    assert format_path(chain) == f"凤凰县政协 -memberOf-> {alliance.name} <-memberOf- 代县政协"


def test_sample_query(sample: ReportGraph) -> None:
    q = """PREFIX rg: <https://w3id.org/reportgraph/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT DISTINCT ?alliance ?name WHERE { ?m rg:memberOf ?alliance ; rdfs:label ?name }"""
    names = {r["name"] for r in sample.query(q, alliance=_alliance(sample))}
    assert {"代县政协"} | PARTNERS <= names


def test_sample_to_networkx_and_exports(sample: ReportGraph, tmp_path: Path) -> None:
    from export_checks import assert_gephi_rules, assert_gexf_valid, assert_graphml_valid

    from reportgraph.export.writers import write_gexf, write_graphml, write_json

    nxg = sample.to_networkx()
    posts = [p for p in sample.posts() if p.organization is not None]  # an edge each, of type "post"
    assert nxg.number_of_nodes() == len(sample) and nxg.number_of_edges() == len(sample.relations()) + len(posts)
    assert_graphml_valid(write_graphml(nxg, tmp_path / "s.graphml"))
    assert_gephi_rules(tmp_path / "s.graphml")
    assert_gexf_valid(write_gexf(nxg, tmp_path / "s.gexf"))
    assert write_json(nxg, tmp_path / "s.json").stat().st_size > 0


def test_build_from_text() -> None:
    g = ReportGraph.build(["代县政协与湖南省凤凰县政协形成“双帽”七县(市)政协联席会议年会制度。"], home="代县")
    assert g.find("代县政协") is not None


def test_store_in_use_is_a_clear_error(tmp_path: Path) -> None:
    import pyoxigraph

    from reportgraph.errors import StoreError

    store_dir = tmp_path / "store"
    holder = pyoxigraph.Store(str(store_dir))
    holder.load(path=str(FIXTURE))
    with pytest.raises(StoreError, match="in use"):
        ReportGraph.load(store_dir)
    del holder


def test_query_refuses_service_and_updates(g: ReportGraph) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        g.query("SELECT * WHERE { service <http://127.0.0.1:8000/sparql> { ?s ?p ?o } }")
    assert g.query('SELECT ?s WHERE { ?s ?p "SERVICE" } # SERVICE in a comment') == ()
    with pytest.raises(QueryError):
        g.query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert len(g.query("SELECT * WHERE { <urn:a> <urn:b> ?o }")) == 0  # nothing was inserted
