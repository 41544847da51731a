"""A corpus of invented reports from different years: the year queries and posts."""

from __future__ import annotations

import pytest

from reportgraph.extract import extract_text
from reportgraph.query.run import run_query
from reportgraph.rdf.to_rdf import to_dataset, validate

_2020 = ("政协凤庆县委员会常务委员会工作报告\n——2020年1月8日在政协凤庆县第九届委员会第三次会议上\n"
         "县政协主席王某某，副主席李某某、赵某某出席会议。一年来，县政协围绕脱贫攻坚开展民主监督。")
_2021 = ("政协凤庆县委员会常务委员会工作报告\n——2021年1月9日在政协凤庆县第九届委员会第四次会议上\n"
         "县政协主席王某某，副主席李某某出席会议。一年来，县政协围绕乡村振兴战略开展民主监督。")


@pytest.fixture(scope="module")
def corpus(nlp):
    xs = [extract_text(t, doc_id=f"r{i}", nlp=nlp) for i, t in enumerate((_2020, _2021))]
    return xs, to_dataset(xs)


def test_the_reports_are_dated_and_the_corpus_conforms(corpus) -> None:
    xs, ds = corpus
    assert [x.report.date for x in xs] == ["2020-01-08", "2021-01-09"]
    conforms, text = validate(ds)
    assert conforms, text


def test_what_a_body_did_in_a_year(corpus) -> None:
    _xs, ds = corpus
    rows = run_query("by-year", ds, bindings={"inYear": "2021", "name": "凤庆县政协"})
    facts = {(r["subjectLabel"].value, r["objectLabel"].value) for r in rows}
    assert ("凤庆县政协", "乡村振兴战略") in facts
    assert ("凤庆县政协", "脱贫攻坚") not in facts
    assert {r["year"].value for r in rows} == {"2021"}


def test_ties_that_appear_and_end_between_two_years(corpus) -> None:
    _xs, ds = corpus
    rows = run_query("ties-between", ds, bindings={"from": "2020", "to": "2021"})
    changes = {(r["change"].value, r["subjectLabel"].value, r["objectLabel"].value) for r in rows}
    assert ("appears", "凤庆县政协", "乡村振兴战略") in changes
    assert ("ends", "凤庆县政协", "脱贫攻坚") in changes
    assert not any(r["objectLabel"].value == "凤庆县" for r in rows)  # stated both years: no change


def test_posts_query_gives_a_bodys_people_and_their_years(corpus) -> None:
    _xs, ds = corpus
    rows = run_query("posts", ds, bindings={"orgName": "凤庆县政协"})
    got = {(r["personLabel"].value, r["roleLabel"].value, r["firstYear"].value, r["lastYear"].value) for r in rows}
    assert ("王某某", "主席", "2020", "2021") in got
    assert ("李某某", "副主席", "2020", "2021") in got


def test_same_answer_from_graph_file_and_store(tmp_path, corpus) -> None:
    from reportgraph.rdf.to_rdf import write_graph
    from reportgraph.store.embedded import open_store

    _xs, ds = corpus
    write_graph(ds, tmp_path / "graph.trig", "trig")
    with open_store(tmp_path / "store") as store:
        store.add_dataset(ds)
    for name, bindings in (("posts", {}), ("by-year", {}), ("ties-between", {"from": "2020", "to": "2021"})):
        expected = run_query(name, ds, bindings=bindings).rows
        assert expected, name
        for source in (tmp_path / "graph.trig", str(tmp_path / "store")):
            assert run_query(name, source, bindings=bindings).rows == expected, (name, source)


def test_the_report_graph_gives_posts_people_and_years(corpus) -> None:
    from reportgraph.api import ReportGraph

    _xs, ds = corpus
    g = ReportGraph.load(ds)
    wang = [p for p in g.posts("王某某") if p.role == "主席"]
    assert [(p.organization.name, p.years) for p in wang] == [("凤庆县政协", ("2020", "2021"))]
    assert {e.name for e in g.people("凤庆县政协")} >= {"王某某", "李某某"}
    ties = {(r.object.name, r.years) for r in g.relations("凤庆县政协", "implements")}
    assert ("乡村振兴战略", ("2021",)) in ties and ("脱贫攻坚", ("2020",)) in ties


def test_the_dynamic_gexf_validates_and_networkx_reads_its_spells(tmp_path, corpus) -> None:
    import json

    import networkx as nx

    from reportgraph.api import ReportGraph
    from reportgraph.export.writers import write_gexf, write_graphml, write_json
    from export_checks import assert_gexf_valid, assert_graphml_valid

    _xs, ds = corpus
    g = ReportGraph.load(ds).to_networkx()
    posts = [(u, v, d) for u, v, d in g.edges(data=True) if d["type"] == "post"]
    assert any(d["label"] == "主席" for *_, d in posts)
    path = write_gexf(g, tmp_path / "g.gexf")
    tree = assert_gexf_valid(path)
    assert tree.getroot()[1].get("mode") == "dynamic"
    back = nx.read_gexf(path)
    spells = {d["label"]: d.get("spells") for *_, d in back.edges(data=True)}
    assert spells["主席"] == [("2020-01-01", "2021-12-31")]
    assert spells["implements"] in ([("2020-01-01", "2020-12-31")], [("2021-01-01", "2021-12-31")])
    assert_graphml_valid(write_graphml(g, tmp_path / "g.graphml"))
    data = json.loads(write_json(g, tmp_path / "g.json").read_text(encoding="utf-8"))
    assert any(link["type"] == "post" and link["years"] == [2020, 2021] for link in data["links"])


def test_a_name_bound_to_by_year_and_posts_filters_their_rows(corpus) -> None:
    # Oxigraph's optimiser takes BOUND(?name) for false even when ?name is bound, so a
    # "!BOUND(?name) || …" filter let every row through for any name
    _xs, ds = corpus
    everything = run_query("by-year", ds)
    assert len(everything) > 0
    assert len(run_query("by-year", ds, bindings={"name": "凤庆县政协"})) > 0
    assert len(run_query("by-year", ds, bindings={"name": "没有这个县政协"})) == 0
    # a relation of another entity is not let through by a post without a body
    rows = run_query("by-year", ds, bindings={"name": "乡村振兴战略"})
    assert rows and all("乡村振兴战略" in (r["subjectLabel"].value, r["objectLabel"].value) for r in rows)
    assert len(run_query("posts", ds, bindings={"orgName": "凤庆县政协"})) > 0
    assert len(run_query("posts", ds, bindings={"orgName": "没有这个县政协"})) == 0


def test_a_year_query_binding_that_matches_nothing_gives_no_rows(corpus) -> None:
    from reportgraph.query.named import load_query

    from test_query import bind_to_nothing

    _xs, ds = corpus
    org = run_query("posts", ds, bindings={"orgName": "凤庆县政协"}).rows[0][6]
    given = run_query("posts", ds, bindings={"org": org})
    assert given.rows and {r["org"].value for r in given} == {org.value}
    for name in ("posts", "by-year"):
        assert run_query(name, ds).rows, name
        for var in load_query(name).bindable:
            assert not run_query(name, ds, bindings=bind_to_nothing(name, var)).rows, (name, var)
    # between a year and one without reports, everything of the first ends (or appears);
    # between two years without reports, nothing changes
    assert run_query("ties-between", ds, bindings={"from": "2020", "to": "1899"}).rows
    assert not run_query("ties-between", ds, bindings={"from": "1898", "to": "1899"}).rows
