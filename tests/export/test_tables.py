"""Tables: nodes.csv / edges.csv for Gephi's spreadsheet import and Excel, pandas
DataFrames, notebook display, and typed query results."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import networkx as nx
import pytest

from reportgraph.api import ReportGraph
from reportgraph.cli import main
from reportgraph.export.tables import csv_tables, write_csv
from reportgraph.export.writers import to_entity_graph
from reportgraph.query.values import IRI, LangString, TypedLiteral

FIXTURE = Path(__file__).parents[1] / "fixtures" / "small.trig"


@pytest.fixture(scope="module")
def graph() -> ReportGraph:
    return ReportGraph.load(FIXTURE)


def _read(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # Excel reads UTF-8 only with the mark
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_has_gephi_columns_and_reads_back(graph: ReportGraph) -> None:
    nodes_text, edges_text = csv_tables(graph.to_networkx())
    assert "\r\n" in nodes_text
    nodes, edges = _read(nodes_text), _read(edges_text)
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    assert len(nodes) == len(graph) == 13 and len(edges) == len(graph.relations()) == 11
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids and e["Type"] == "Directed" for e in edges)
    zx = next(n for n in nodes if n["Label"] == "代县政协")
    assert zx["type"] == "Organization" and "县政协" in zx["aliases"].split("|") and zx["degree"] == "5"
    member = [e for e in edges if e["Source"] == zx["Id"] and e["Label"] == "memberOf"]
    assert member[0]["Weight"] == "2" and member[0]["predicate"].endswith("#memberOf")
    # the ids are GraphML's and GEXF's
    from reportgraph.export.style import node_id
    assert zx["Id"] == node_id(zx["iri"], "Organization")


def test_csv_keeps_commas_quotes_and_newlines() -> None:
    g = nx.MultiDiGraph()
    name = '某县"政协",第一\n届'
    g.add_node("urn:a", label=name, type="Organization", iri="urn:a", aliases="a,b|c")
    g.add_node("urn:b", label="代县", type="AdministrativeArea", iri="urn:b", longitude=112.96, latitude=39.07)
    g.add_edge("urn:a", "urn:b", key="locatedIn", label="locatedIn", type="locatedIn", weight=1.0)
    nodes = _read(csv_tables(g)[0])
    assert {n["Label"] for n in nodes} == {name, "代县"}
    assert next(n for n in nodes if n["Label"] == "代县")["longitude"] == "112.96"


def test_csv_reads_in_pandas_and_cli_writes_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pd = pytest.importorskip("pandas")
    out = tmp_path / "tables"
    with pytest.raises(SystemExit) as done:
        main(["export", str(FIXTURE), "--format", "csv", "-o", str(out)])
    assert done.value.code in (0, None)
    nodes = pd.read_csv(out / "nodes.csv", encoding="utf-8-sig")
    edges = pd.read_csv(out / "edges.csv", encoding="utf-8-sig")
    assert len(nodes) == 13 and len(edges) == 11 and "代县政协" in set(nodes["Label"])
    assert (out / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbfId,Label,")
    with pytest.raises(SystemExit) as done:
        main(["export", str(FIXTURE), "--format", "csv", "-o", str(out)])
    assert done.value.code == 1 and "--force" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    with pytest.raises(SystemExit) as done:
        main(["export", str(FIXTURE), "--format", "csv", "-o", str(tmp_path / "file"), "--force"])
    assert done.value.code == 1 and "not a directory" in capsys.readouterr().err
    assert write_csv(to_entity_graph(FIXTURE), tmp_path / "again")[0].read_bytes() == (out / "nodes.csv").read_bytes()


def test_dataframes(graph: ReportGraph) -> None:
    pytest.importorskip("pandas")
    entities = graph.entities_frame()
    assert list(entities.columns) == ["iri", "name", "type", "aliases", "code", "longitude", "latitude", "degree"]
    assert len(entities) == 13
    assert entities.set_index("name").loc["代县政协", "degree"] == 5
    areas = graph.entities_frame(type="AdministrativeArea")
    assert set(areas["name"]) == {"代县", "凤凰县", "山西省"}
    relations = graph.relations_frame(predicate="memberOf")
    assert set(relations["predicate"]) == {"memberOf"} and len(relations) == 3
    assert relations.set_index("subject_name").loc["代县政协", "weight"] == 2
    q = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
         "SELECT ?e ?name WHERE { ?e skos:prefLabel ?name } ORDER BY ?name")
    frame = graph.query_frame(q)
    assert list(frame.columns) == ["e", "name"] and len(frame) >= 2
    assert all(isinstance(v, IRI) for v in frame["e"]) and all(isinstance(v, LangString) for v in frame["name"])
    empty = graph.query_frame(q.replace("?name }", "?name FILTER (false) }"))
    assert list(empty.columns) == ["e", "name"] and len(empty) == 0
    from reportgraph.errors import QueryError
    with pytest.raises(QueryError, match="SELECT"):
        graph.query_frame("ASK { ?s ?p ?o }")


def test_missing_pandas_says_how_to_install(graph: ReportGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"reportgraph\[pandas\]"):
        graph.entities_frame()


def test_notebook_display(graph: ReportGraph) -> None:
    page = graph._repr_html_()
    assert "13 entities" in page and "11 relations" in page
    assert "<td>Organization</td>" in page and "<td>memberOf</td>" in page


def test_query_values_are_typed(graph: ReportGraph) -> None:
    rows = graph.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT ?e ?name ?n ?d ?y ?plain WHERE { ?e skos:prefLabel ?name FILTER (STR(?name) = "代县政协")
          BIND (3 AS ?n) BIND ("2021-01-06"^^xsd:date AS ?d) BIND ("2021"^^xsd:gYear AS ?y) BIND ("x" AS ?plain) }""")
    row = rows[0]
    assert isinstance(row["e"], IRI) and row["e"].startswith("https://w3id.org/reportgraph/id/")
    assert isinstance(row["name"], LangString) and row["name"] == "代县政协" and row["name"].lang == "zh"
    assert row["n"] == 3 and isinstance(row["n"], int)
    assert row["d"] == dt.date(2021, 1, 6)
    assert isinstance(row["y"], TypedLiteral) and row["y"] == "2021" and row["y"].datatype.endswith("#gYear")
    assert row["plain"] == "x" and type(row["plain"]) is str
    import pickle
    assert pickle.loads(pickle.dumps(row)) == row and pickle.loads(pickle.dumps(row["name"])).lang == "zh"
