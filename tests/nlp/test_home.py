"""The home place worked out once, carried in the model (``Extraction.home``) and written as
``rg:home``; a bare stem with level words around it names it (落户石阡 … 全县 → 石阡县)."""

from __future__ import annotations

from reportgraph.extract import extract_text
from reportgraph.rdf.to_rdf import report_quads

BARE = """2023年政府工作报告

县长  李某某

各位代表：
过去的一年，在县委的正确领导下，在县人大、县政协的监督支持下，全县人民团结奋斗，
一批项目落户石阡，石阡的茶叶走向全国。全县完成生产总值增长6%。
"""


def test_a_bare_stem_and_level_words_name_the_home(nlp):
    x = extract_text(BARE, doc_id="bare", nlp=nlp)
    names = {e.key: e.name for e in x.entities}
    assert names[x.home] == "石阡县"
    assert x.to_json()["home"] == "石阡县"
    assert {"中共石阡县委", "石阡县政协"} <= set(names.values())


def test_the_home_is_written_as_rg_home(nlp):
    x = extract_text("# 政协石阡县第九届委员会常务委员会工作报告\n县政协助力我县乡村振兴。", doc_id="zx", nlp=nlp)
    assert x.home is not None and {e.key: e.name for e in x.entities}[x.home] == "石阡县"
    homes = [q for q in report_quads(x) if q.predicate.value.endswith("#home") or q.predicate.value.endswith("/home")]
    assert len(homes) == 1
