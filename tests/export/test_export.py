"""Exports: GraphML (XSD + Gephi's rules), GEXF 1.3 (RelaxNG), node-link JSON; read back by
networkx and igraph; deterministic, atomic, safe with hostile text."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from reportgraph.export import style
from reportgraph.export.layout import EDGE_LENGTH
from reportgraph.export import writers as export
from reportgraph.api import ReportGraph
from reportgraph.errors import OutputError
from reportgraph.export.writers import export_graph, to_entity_graph, write_gexf, write_graphml, write_json

HERE = Path(__file__).parent.parent
FIXTURE = HERE / "fixtures" / "small.trig"
from export_checks import (G, GEXF_RNG, GRAPHML_XSD, NMTOKEN_ASCII, RESERVED, V, X,  # noqa: E402,F401
                           assert_gephi_rules, assert_gexf_valid, assert_graphml_valid)


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return to_entity_graph(FIXTURE)


@pytest.fixture(scope="module")
def files(graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("export")
    return {
        "graphml": write_graphml(graph, out / "graph.graphml"),
        "gexf": write_gexf(graph, out / "graph.gexf"),
        "json": write_json(graph, out / "graph.json"),
    }


def test_graphml_valid_and_follows_gephi_rules(files: dict[str, Path]) -> None:
    assert_graphml_valid(files["graphml"])
    assert_gephi_rules(files["graphml"])


def test_graphml_reads_back_in_networkx(files: dict[str, Path], graph: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(files["graphml"])
    assert back.is_directed()
    assert back.number_of_nodes() == graph.number_of_nodes() == 13
    assert back.number_of_edges() == graph.number_of_edges() == 11
    nodes = {d["label"]: d for _, d in back.nodes(data=True)}
    zx = nodes["代县政协"]
    assert zx["type"] == "Organization"
    assert (zx["r"], zx["g"], zx["b"]) == style.TYPE_COLOURS["Organization"]
    assert zx["size"] == style.node_size(5) and zx["degree"] == 5
    assert set(zx["aliases"].split("|")) == {"县政协", "政协代县委员会"}
    daixian = nodes["代县"]
    assert daixian["code"] == "140923"
    fenghuang = nodes["凤凰县"]
    assert_on_scaled_map((daixian["x"], daixian["y"]), (fenghuang["x"], fenghuang["y"]))
    # no coordinates of its own: it lies next to its county, not piled at the origin
    near = math.dist((zx["x"], zx["y"]), (daixian["x"], daixian["y"]))
    assert "longitude" not in zx and near < 2 * EDGE_LENGTH
    assert near < math.dist((zx["x"], zx["y"]), (fenghuang["x"], fenghuang["y"]))
    edges = [(nodes_by_id(back)[u], nodes_by_id(back)[v], d) for u, v, d in back.edges(data=True)]
    member = [d for u, v, d in edges if u == "代县政协" and v == "“双帽”七县(市)政协联席会议"]
    assert len(member) == 1 and member[0]["label"] == member[0]["type"] == "memberOf"
    assert member[0]["weight"] == 2.0


def assert_on_scaled_map(daixian: tuple[float, float], fenghuang: tuple[float, float]) -> None:
    """The two counties lie where the map puts them, up to one common scale factor."""
    a, b = style.position(112.96, 39.07), style.position(109.60, 27.95)
    factor = daixian[0] / a[0]
    assert factor > 0
    for got, want in ((daixian, a), (fenghuang, b)):
        assert math.isclose(got[0], want[0] * factor, rel_tol=1e-3, abs_tol=0.01)
        assert math.isclose(got[1], want[1] * factor, rel_tol=1e-3, abs_tol=0.01)


def nodes_by_id(g: nx.Graph) -> dict[str, str]:
    return {n: d["label"] for n, d in g.nodes(data=True)}


def test_graphml_reads_back_in_igraph(files: dict[str, Path]) -> None:
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_GraphML(str(files["graphml"]))
    assert g.is_directed() and g.vcount() == 13 and g.ecount() == 11
    v = g.vs.find(label="代县政协")
    assert v["type"] == "Organization" and (v["r"], v["g"], v["b"]) == style.TYPE_COLOURS["Organization"]
    assert v["size"] == style.node_size(5) and v["degree"] == 5
    assert sorted(set(g.es["label"])) == ["authored", "implements", "leads", "locatedIn", "memberOf",
                                          "participatedIn"]
    assert all(w >= 1 for w in g.es["weight"])


def test_gexf_valid_and_reads_back(files: dict[str, Path], graph: nx.MultiDiGraph) -> None:
    doc = assert_gexf_valid(files["gexf"])
    assert files["gexf"].read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    text = files["gexf"].read_text(encoding="utf-8")
    assert "None" not in text and "lastmodifieddate" not in text and 'a="' not in text
    for edge in doc.iter(X + "edge"):
        assert edge.get("kind") == edge.get("label") and float(edge.get("weight")) >= 1
    for color in doc.iter(V + "color"):
        assert all(re.fullmatch(r"\d{1,3}", color.get(c)) for c in "rgb")  # "255.0" aborts Gephi
    back = nx.read_gexf(files["gexf"])
    assert back.number_of_nodes() == 13 and back.number_of_edges() == 11
    nodes = {d["label"]: d for _, d in back.nodes(data=True)}
    viz = nodes["代县"]["viz"]
    assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == style.TYPE_COLOURS["AdministrativeArea"]
    assert viz["size"] == style.node_size(3)
    other = nodes["凤凰县"]["viz"]["position"]
    assert_on_scaled_map((viz["position"]["x"], viz["position"]["y"]), (other["x"], other["y"]))
    assert {d["type"] for *_, d in back.edges(data=True)} >= {"memberOf", "locatedIn"}  # edge attribute `type` kept


def test_json_loads_as_node_link(files: dict[str, Path]) -> None:
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["directed"] and data["multigraph"]
    assert len(data["nodes"]) == 13 and len(data["links"]) == 11
    node = next(n for n in data["nodes"] if n["label"] == "代县政协")
    assert node["type"] == "Organization" and node["color"] == "#e41a1c" and node["aliases"] == ["县政协", "政协代县委员会"]
    ids = {n["id"] for n in data["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids and link["weight"] >= 1 for link in data["links"])
    back = nx.node_link_graph(data, edges="links")
    assert back.number_of_edges() == 11


def _digests(graph: nx.MultiDiGraph, out: Path) -> dict[str, str]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [write_graphml(graph, out / "g.graphml"), write_gexf(graph, out / "g.gexf"), write_json(graph, out / "g.json")]
    return {p.suffix: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_byte_identical_across_runs_and_sources(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    first = _digests(graph, tmp_path / "a")
    assert _digests(graph, tmp_path / "b") == first
    # the same graph read another way (N-Quads through rdflib, quads in another order)
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(FIXTURE, format="trig")
    assert _digests(to_entity_graph(ds), tmp_path / "c") == first
    # nodes and edges inserted in reverse order
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert _digests(shuffled, tmp_path / "d") == first


def test_byte_identical_across_processes(tmp_path: Path) -> None:
    code = (
        "import sys, hashlib; from reportgraph.export.writers import export_graph;"
        "p = export_graph(sys.argv[1], sys.argv[2]); print(hashlib.sha256(p.read_bytes()).hexdigest())"
    )
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    digests = set()
    for seed, name in (("1", "a.graphml"), ("2", "b.graphml"), ("3", "c.gexf"), ("4", "d.gexf")):
        run = subprocess.run([sys.executable, "-c", code, str(FIXTURE), str(tmp_path / name)],
                             env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True)
        digests.add((Path(name).suffix, run.stdout.strip()))
    assert len(digests) == 2


HOSTILE = "代县\x00政\x01协\x0b\x0c\x1f\ufffe\uffff\ud800\udfff INFO\r\n\t&<>\"'"


def _hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("urn:a", label=HOSTILE, type="Organization", iri="urn:a", aliases="县\x02政协|\ud83d")
    g.add_node("urn:b", label="\x00\x01", type="Place", iri="urn:b")  # nothing left: falls back to the id
    g.add_edge("urn:a", "urn:b", key="locatedIn", label="located\x07In", type="locatedIn", weight=1.0)
    return g


def test_hostile_text_still_gives_valid_xml(tmp_path: Path) -> None:
    g = _hostile_graph()
    gm, gx, js = (write_graphml(g, tmp_path / "h.graphml"), write_gexf(g, tmp_path / "h.gexf"),
                  write_json(g, tmp_path / "h.json"))
    assert_graphml_valid(gm)
    assert_gephi_rules(gm)
    assert_gexf_valid(gx)
    expected = "代县政协 INFO\r\n\t&<>\"'"
    labels = {d["label"] for _, d in nx.read_graphml(gm).nodes(data=True)}
    assert expected in labels  # \r survives as &#13;
    assert style.node_id("urn:b", "Place") in labels
    assert {d["label"] for _, d in nx.read_gexf(gx).nodes(data=True)} >= {style.node_id("urn:b", "Place")}
    data = json.loads(js.read_bytes().decode("utf-8"))
    assert data["nodes"][0]["label"] == expected or data["nodes"][1]["label"] == expected
    assert data["links"][0]["label"] == "locatedIn"


def test_hostile_characters_are_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="reportgraph.export.writers"):
        write_graphml(_hostile_graph(), tmp_path / "h.graphml")
    assert "removed" in caplog.text and "characters that XML forbids" in caplog.text


@pytest.mark.parametrize(("attr", "value", "message"), [
    ("longitude", math.inf, "not finite"),
    ("latitude", math.nan, "not finite"),
])
def test_non_finite_coordinates_refused(tmp_path: Path, attr: str, value: float, message: str) -> None:
    g = nx.MultiDiGraph()
    g.add_node("urn:a", label="代县", type="AdministrativeArea", longitude=112.0, latitude=39.0)
    g.nodes["urn:a"][attr] = value
    with pytest.raises(OutputError, match=message):
        write_graphml(g, tmp_path / "x.graphml")
    assert not (tmp_path / "x.graphml").exists()


@pytest.mark.parametrize("weight", [0.0, -1.0, math.nan])
def test_bad_weights_refused(tmp_path: Path, weight: float) -> None:
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="memberOf", label="memberOf", type="memberOf", weight=weight)
    with pytest.raises(OutputError):
        write_graphml(g, tmp_path / "x.graphml")


def test_failed_export_leaves_old_file_untouched(tmp_path: Path, graph: nx.MultiDiGraph,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = write_graphml(graph, tmp_path / "graph.graphml")
    before = target.read_bytes()

    def boom(_table: object, **_: object) -> bytes:
        raise RuntimeError("serializer failed")

    monkeypatch.setattr("reportgraph.export.graphml.graphml_from_table", boom)
    with pytest.raises(RuntimeError):
        write_graphml(graph, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml"]  # no temporary file left


def test_no_overwrite_refuses(tmp_path: Path, graph: nx.MultiDiGraph) -> None:
    target = write_json(graph, tmp_path / "graph.json")
    with pytest.raises(OutputError, match="already exists"):
        write_json(graph, target, overwrite=False)


def test_export_graph_formats(tmp_path: Path) -> None:
    assert export_graph(FIXTURE, tmp_path / "a.graphml").read_bytes().startswith(b"<?xml")
    assert export_graph(FIXTURE, tmp_path / "a.xml", fmt="gexf").read_bytes().find(b"http://gexf.net/1.3") > 0
    assert json.loads(export_graph(ReportGraph.load(FIXTURE), tmp_path / "a.json").read_text("utf-8"))
    with pytest.raises(OutputError, match="suffix"):
        export_graph(FIXTURE, tmp_path / "a.png")
    with pytest.raises(OutputError, match="unknown export format"):
        export_graph(FIXTURE, tmp_path / "a.graphml", fmt="svg")  # type: ignore[arg-type]


def test_write_graphml_from_rdf(tmp_path: Path) -> None:
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(FIXTURE, format="trig")
    path = export.write_graphml_from_rdf(ds, tmp_path / "graph.graphml")
    assert_graphml_valid(path)
    assert path.read_bytes() == export_graph(FIXTURE, tmp_path / "b.graphml").read_bytes()


def test_projection_is_entity_graph_not_triples(graph: nx.MultiDiGraph) -> None:
    """One node per entity (no literals, statements, evidence or mentions), one edge per relation."""
    assert all(str(n).startswith("https://w3id.org/reportgraph/id/") for n in graph)
    assert {d["type"] for _, d in graph.nodes(data=True)} == {
        "Organization", "AdministrativeArea", "Place", "Initiative", "Document", "Event", "Person"}
    assert len(graph.edges) == len(set(graph.edges(keys=True)))
    weights = {(graph.nodes[u]["label"], k): d["weight"] for u, v, k, d in graph.edges(keys=True, data=True)}
    assert weights[("代县政协", "memberOf")] == 2.0  # two pieces of evidence
    assert weights[("阆中市政协", "memberOf")] == 1.0  # none recorded: still 1


def test_graphml_gephi_kind_mode(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("urn:a", label="代县政协", type="Organization")
    g.add_node("urn:b", label="代县", type="AdministrativeArea")
    g.add_edge("urn:a", "urn:b", key="locatedIn", label="locatedIn", type="locatedIn", weight=1.0)
    g.add_edge("urn:a", "urn:b", key="partOf", label="partOf", type="partOf", weight=1.0)
    plain = write_graphml(g, tmp_path / "plain.graphml")
    assert_graphml_valid(plain)
    assert all(e.get("label") is None for e in etree.parse(str(plain)).iter(G + "edge"))
    kind = write_graphml(g, tmp_path / "kind.graphml", gephi_kind=True)
    assert_gephi_rules(kind)
    assert [e.get("label") for e in etree.parse(str(kind)).iter(G + "edge")] == ["locatedIn", "partOf"]
    assert nx.read_graphml(kind).number_of_edges() == 2


def test_any_text_gives_valid_graphml_and_gexf() -> None:
    """Property: whatever the names hold (controls, U+FFFE, lone surrogates, CJK), the bytes
    parse, validate and read back with exactly the XML-safe characters."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from reportgraph.export.gexf import gexf_bytes
    from reportgraph.export.graphml import graphml_bytes
    from reportgraph.export.xmlchars import xml_safe

    @settings(max_examples=60, deadline=None)
    @given(st.text(min_size=1, max_size=40), st.lists(st.text(max_size=10), max_size=3))
    def check(name: str, aliases: list[str]) -> None:
        g = nx.MultiDiGraph()
        g.add_node("urn:a", label=name, type="Organization", aliases="|".join(aliases))
        g.add_node("urn:b", label="代县", type="AdministrativeArea")
        g.add_edge("urn:a", "urn:b", key="locatedIn", label="locatedIn", type="locatedIn", weight=1.0)
        gm = etree.fromstring(graphml_bytes(g)).getroottree()
        assert GRAPHML_XSD.validate(gm), GRAPHML_XSD.error_log
        gx = etree.fromstring(gexf_bytes(g)).getroottree()
        assert GEXF_RNG.validate(gx), GEXF_RNG.error_log
        node = next(n for n in gm.iter(G + "node") if n.get("id").startswith("org_"))
        label = next(d.text for d in node if d.get("key") == "n_label")
        assert label == (xml_safe(name) or style.node_id("urn:a", "Organization"))

    check()


def test_every_node_gets_a_distinct_starting_position(graph: nx.MultiDiGraph) -> None:
    looks = style.node_looks(graph)
    positions = [lk.xy for lk in looks.values()]
    assert len(set(positions)) == len(positions)
    by_label = {graph.nodes[n]["label"]: lk for n, lk in looks.items()}
    assert by_label["代县"].on_map and not by_label["代县政协"].on_map
    assert by_label["代县"].map_xy == style.position(112.96, 39.07)
    assert_on_scaled_map(by_label["代县"].xy, by_label["凤凰县"].xy)
    # 习近平 has no relation: on the map view, placed below the map
    assert by_label["习近平"].map_xy[1] < min(lk.map_xy[1] for lk in looks.values() if lk.on_map)
