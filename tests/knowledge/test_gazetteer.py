"""The division table and its short forms."""

from __future__ import annotations

from reportgraph.knowledge.gazetteer import load_divisions
from reportgraph.knowledge.lists import load_knowledge


def test_short_forms():
    d = load_divisions()
    assert [x.name for x in d.lookup("巍山县")] == ["巍山彝族回族自治县"]
    assert [x.name for x in d.lookup("黔东南州")] == ["黔东南苗族侗族自治州"]
    assert [x.name for x in d.lookup("湖南")] == ["湖南省"]
    assert [x.name for x in d.lookup("内蒙古")] == ["内蒙古自治区"]
    assert [x.name for x in d.lookup("广西")] == ["广西壮族自治区"]
    assert [x.name for x in d.lookup("阆中")] == ["阆中市"]
    assert d.lookup("凤凰") == ()  # an everyday word (jieba does not tag it as a place)


def test_hierarchy_and_choice():
    d = load_divisions()
    assert [a.name for a in d.ancestors("433123")] == ["湘西土家族苗族自治州", "湖南省"]
    assert d.by_code["433100"].organ_char == "州"
    assert d.choose("朝阳区", ["110000"]).code == "110105"
    assert d.choose("朝阳区", ["220000"]).code == "220104"


def test_knowledge_lists():
    k = load_knowledge()
    for short in ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟"):
        assert short in k.parties
    assert k.forms["国务院扶贫办"].canonical == "国务院扶贫办"
    assert k.forms["住建部"].canonical == "住房和城乡建设部"
    assert k.forms["全国政协"].type.value == "Organization"
    assert "四个意识" in k.ideologies and "四个意识" not in k.forms
