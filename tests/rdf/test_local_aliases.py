"""Context-bound forms (县政协, 我县, 常委会) are mentions of an entity in one report, never
its labels: in a corpus of two counties, ``find("县政协")`` answers neither county's body (in
a graph of one county, the one its mentions name), the merged graph gives no entity that
label, and each mention keeps its text."""

from __future__ import annotations

import pytest

from reportgraph.api import ReportGraph
from reportgraph.rdf.to_rdf import report_quads

SHIQIAN = "# 政协石阡县第九届委员会常务委员会工作报告\n一年来，县政协常委会在县委领导下，助力我县乡村振兴。石阡县政协召开常委会议，县政协组织委员视察。"
YUQING = "# 政协余庆县第八届委员会常务委员会工作报告\n一年来，县政协常委会在县委领导下，助力我县产业发展。余庆县政协开展视察，县政协组织委员调研。"


@pytest.fixture(scope="module")
def graph(nlp) -> ReportGraph:
    return ReportGraph.build([SHIQIAN, YUQING], nlp=nlp)


def test_a_relative_form_finds_neither_county(graph):
    assert graph.find("县政协") is None
    assert graph.find("我县") is None
    assert graph.find("石阡县政协").name == "石阡县政协"
    assert graph.find("余庆县政协").name == "余庆县政协"
    assert "县政协" not in graph.find("石阡县政协").aliases


def test_in_a_graph_of_one_county_the_mentions_decide(nlp):
    one = ReportGraph.build([SHIQIAN], nlp=nlp)
    assert one.find("县政协").name == "石阡县政协"


def test_the_rdf_keeps_relative_forms_as_mention_text_only(nlp):
    from reportgraph.extract import extract_text

    x = extract_text(SHIQIAN, doc_id="shiqian", nlp=nlp)
    body = next(e for e in x.entities if e.name == "石阡县政协")
    assert "县政协" in body.local_aliases and "县政协" in body.aliases  # still a form met in the text
    literals = {(q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], q.object.value)
                for q in report_quads(x) if hasattr(q.object, "value")}
    assert ("altLabel", "县政协") not in literals and ("label", "县政协") not in literals
    assert ("anchorOf", "县政协") in literals
