"""The HTML viewer's page and data: self-contained, safe with hostile names, capped for a
big corpus, deterministic. (The page in a real browser: test_viewer_browser.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from reportgraph.records import Entity, Evidence, Post, Relation
from reportgraph.cli import main
from reportgraph.export.viewer import DEFAULT_MAX_NODES, INITIAL_NODES, VENDOR, ReportInfo, viewer_data, viewer_html
from reportgraph.export.viewer.source import graph_viewer_data, write_viewer
from reportgraph.model import EntityType, Predicate

HERE = Path(__file__).parent.parent
FIXTURE = HERE / "fixtures" / "small.trig"
VIEWER = Path(__file__).parents[2] / "src" / "reportgraph" / "export" / "viewer"


def _page_data(page: str) -> dict:
    doc = lxml_html.fromstring(page.encode("utf-8"))
    return json.loads(doc.get_element_by_id("rg-data").text)


def test_page_is_self_contained_and_reads_back(tmp_path: Path) -> None:
    path = write_viewer(FIXTURE, tmp_path / "g.html")
    page = path.read_text(encoding="utf-8")
    doc = lxml_html.fromstring(page.encode("utf-8"))
    # nothing is loaded from anywhere: no src or href but the inline favicon
    assert not doc.xpath("//script[@src]") and not doc.xpath("//link[@rel='stylesheet']")
    assert [e.get("href") for e in doc.xpath("//*[@href]")] == ["data:,"]
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)
    assert len(doc.xpath("//script")) == len(VENDOR) + 2  # the libraries, the data, the viewer
    data = _page_data(page)
    assert data == json.loads(json.dumps(graph_viewer_data(FIXTURE)))
    names = {n["name"] for n in data["nodes"]}
    assert {"代县政协", "代县", "“双帽”七县(市)政协联席会议"} <= names
    zx = next(n for n in data["nodes"] if n["name"] == "代县政协")
    assert "县政协" in zx["aliases"] and zx["reports"] and set(zx["reports"]) <= set(range(len(data["reports"])))
    member = [e for e in data["edges"] if data["nodes"][e["source"]]["name"] == "代县政协"
              and e["predicate"] == "memberOf"]
    assert member[0]["evidenceCount"] == 2
    assert data["texts"][member[0]["evidence"][0][1]].startswith("与凤凰县政协形成")
    daixian = next(n for n in data["nodes"] if n["name"] == "代县")
    assert daixian["onMap"] and daixian["mapped"] and (daixian["lon"], daixian["lat"]) == (112.96, 39.07)
    assert write_viewer(FIXTURE, tmp_path / "again.html").read_bytes() == path.read_bytes()  # deterministic


def test_vendored_libraries_carry_their_licences_and_versions() -> None:
    readme = (VIEWER / "vendor" / "README.md").read_text(encoding="utf-8")
    for name in ("sigma", "graphology", "graphology-layout-forceatlas2"):
        assert (VIEWER / "vendor" / f"LICENSE-{name}.txt").read_text(encoding="utf-8").startswith(
            ("The MIT License", "Copyright"))
        assert re.search(rf"\| `?{re.escape(name)}`? \| \d+\.\d+\.\d+ \|", readme), name
    for script in VENDOR:
        assert (VIEWER / "vendor" / script).stat().st_size > 1000


def test_hostile_names_stay_text() -> None:
    bad = "</script><script>alert(1)</script>{{DATA}}<!--"
    a = Entity("urn:x:a", bad, EntityType.ORGANIZATION, ("{{VIEWER}}",))
    b = Entity("urn:x:b", "代县", EntityType.ADMINISTRATIVE_AREA, (), "140923", 112.96, 39.07)
    ev = Evidence("urn:r:1", 0, 5, "</SCRIPT>\u2028句子")
    data = viewer_data([a, b], [Relation(a, Predicate.LOCATED_IN, b, (ev,))],
                       reports={"urn:r:1": ReportInfo("urn:r:1", "<b>报告</b>", 2020)}, title=bad)
    page = viewer_html(data)
    doc = lxml_html.fromstring(page.encode("utf-8"))
    assert len(doc.xpath("//script")) == len(VENDOR) + 2
    assert doc.findtext(".//title") == bad
    back = _page_data(page)
    assert back["nodes"][1]["name"] == bad and back["nodes"][1]["aliases"] == ["{{VIEWER}}"]
    assert back["texts"] == ["</SCRIPT>\u2028句子"] and back["reports"][0]["title"] == "<b>报告</b>"


def test_years_and_posts_reach_the_page() -> None:
    p = Entity("urn:x:p", "王某某", EntityType.PERSON)
    o = Entity("urn:x:o", "某县政协", EntityType.ORGANIZATION)
    ev = Evidence("urn:r:2", 0, 9, "王某某任某县政协主席。")
    reports = {"urn:r:1": ReportInfo("urn:r:1", "2020年报告", 2020), "urn:r:2": ReportInfo("urn:r:2", "2021年报告", 2021)}
    data = viewer_data([p, o], [Relation(p, Predicate.MEMBER_OF, o, (ev,))], reports=reports,
                       posts=[Post(p, "主席", o, None, (ev,))])
    assert data["years"] == [2020, 2021]
    index = {n["name"]: i for i, n in enumerate(data["nodes"])}
    post = data["posts"][0]
    assert (post["person"], post["role"], post["organization"]) == (index["王某某"], "主席", index["某县政协"])
    assert data["reports"][post["reports"][0]]["year"] == 2021
    assert data["texts"][post["evidence"][0][1]] == "王某某任某县政协主席。"
    drawn = [e for e in data["edges"] if e["predicate"] == "post"]
    assert [(e["source"], e["target"], e["role"]) for e in drawn] == [(index["王某某"], index["某县政协"], "主席")]


def test_a_corpus_sized_graph_is_capped_with_a_message(big_page: tuple[dict, str]) -> None:
    data, page = big_page
    assert data["total"] == {"nodes": 80_000, "edges": 200_000}
    assert len(data["nodes"]) == DEFAULT_MAX_NODES and data["initialNodes"] == INITIAL_NODES
    # the embedded entities are the most connected ones
    kept = {n["iri"] for n in data["nodes"]}
    assert {f"urn:big:{i}" for i in range(1, 40)} <= kept  # the hubs
    assert all(0 <= e["source"] < len(data["nodes"]) and 0 <= e["target"] < len(data["nodes"]) for e in data["edges"])
    assert all(len(e["evidence"]) <= 5 for e in data["edges"])
    assert len(page.encode("utf-8")) < 12_000_000  # opens in seconds


def test_bad_cap_is_refused() -> None:
    with pytest.raises(ValueError, match="max_nodes"):
        viewer_data([], [], max_nodes=0)


def test_cli_view_and_export_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.html"
    with pytest.raises(SystemExit) as done:
        main(["view", str(FIXTURE), "-o", str(out)])
    assert done.value.code in (0, None) and out.stat().st_size > 100_000
    with pytest.raises(SystemExit) as done:
        main(["view", str(FIXTURE), "-o", str(out)])
    assert done.value.code == 1 and "--force" in capsys.readouterr().err
    other = tmp_path / "e.html"
    with pytest.raises(SystemExit) as done:
        main(["export", str(FIXTURE), "--format", "html", "-o", str(other)])
    assert done.value.code in (0, None) and other.read_bytes() == out.read_bytes()


def test_posts_and_dates_are_read_from_the_rdf(sample_extraction) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from reportgraph.api import ReportGraph
    from reportgraph.rdf import to_rdf

    dated = replace(sample_extraction, report=replace(sample_extraction.report, date="2019-01-10"))
    data = graph_viewer_data(ReportGraph.load(to_rdf.to_dataset([dated])))
    assert data["years"] == [2019] and data["reports"][0]["year"] == 2019
    names = [n["name"] for n in data["nodes"]]
    posts = [(names[p["person"]], p["role"], p["organizationName"]) for p in data["posts"]]
    assert posts and all(role for _, role, _ in posts)
    for p in data["posts"]:
        assert all(0 <= report < len(data["reports"]) and data["texts"][text] for report, text, _ in p["evidence"])
