"""Bodies, meetings, slogans, venues, regions and documents of the genre in passages written for
these tests (other places, invented names)."""

from __future__ import annotations

import pytest

from reportgraph.extract import extract_text
from reportgraph.model import EntityType as T
from reportgraph.nlp.recognize.phrases import province_abbreviation_run

PASSAGE = """# 政协石阡县第九届委员会常务委员会工作报告

一年来，县政协在县委领导下，落实“三稳四进”，深化“大调研”，围绕“两山”议题协商。推进法治贵州建设，加强智慧社区建设，加强队伍建设。
召开2023年乌江流域五县政协联席会议，举办首届黔湘边区域合作交流会，全国“两会”期间委员积极建言。
在石阡县会展中心举行会议。石阡县融媒体中心、铜仁日报报道。我省代表团赴外省考察。
民革省委、民建中央、全国政协经济委员会到县调研。自治区党委、自治州政协给予指导。
会上签订了石阡县与某某县政协交流合作协议，发出倡议书，达成多项共识。“一府两院”负责同志出席。
"""


@pytest.fixture(scope="module")
def x(nlp):
    return extract_text(PASSAGE, doc_id="phrases", nlp=nlp)


def forms(x, etype):
    return {f for e in x.entities if e.type is etype for f in (e.name, *e.aliases)}


def test_counted_and_campaign_slogans_are_initiatives(x):
    inits = forms(x, T.INITIATIVE)
    assert {"“三稳四进”", "“大调研”", "法治贵州建设"} <= inits
    assert "“两山”" not in inits  # a topic (议题), not a programme
    assert "“一府两院”" not in inits  # names bodies
    assert "智慧社区建设" in inits and "队伍建设" not in inits  # a named campaign, not everyday work


def test_meetings_with_a_year_or_first_session_and_the_two_sessions(x):
    events = forms(x, T.EVENT)
    assert {"2023年乌江流域五县政协联席会议", "首届黔湘边区域合作交流会", "全国“两会”"} <= events


def test_venues_media_delegations_and_party_units(x):
    assert "石阡县会展中心" in forms(x, T.PLACE)
    orgs = forms(x, T.ORGANIZATION)
    assert {"石阡县融媒体中心", "民建中央", "民革省委", "全国政协经济委员会"} <= orgs
    assert any(e.name == "贵州省代表团" for e in x.entities)  # 我省 of a county of 贵州
    assert not any(e.name == "中国国民党革命委员会" for e in x.entities)  # 民革省委 is its unit


def test_documents_without_brackets(x):
    docs = forms(x, T.DOCUMENT)
    assert "石阡县与某某县政协交流合作协议" in docs
    assert "多项共识" not in docs


def test_province_abbreviations():
    assert province_abbreviation_run("闽粤") == ("福建省", "广东省")
    assert province_abbreviation_run("陕甘") == ("陕西省", "甘肃省")
    assert province_abbreviation_run("流域") is None


def test_units_of_bodies_sessions_of_standing_committees_and_regional_party_committees(nlp):
    x = extract_text("# 思南县人民政府工作报告\n县委办公室、县人民政府办公室和民盟思南县委会文化工委参加。"
                     "县政协十四次常委会议听取汇报。", doc_id="units", nlp=nlp)
    names = {e.name for e in x.entities}
    assert {"中共思南县委办公室", "思南县人民政府办公室", "民盟思南县委会文化工委"} <= names
    assert "思南县政协十四次常委会议" in names
    y = extract_text("# 某某县人民政府工作报告\n认真落实自治区党委、自治州党委决策部署。", doc_id="auto",
                     nlp=nlp, home="伊宁县")
    assert {"中共新疆维吾尔自治区委员会", "中共伊犁哈萨克自治州委员会"} <= forms(y, T.ORGANIZATION)


def test_a_county_that_became_a_city_is_named_by_its_old_name(nlp):
    from reportgraph.knowledge.gazetteer import load_divisions

    d = load_divisions()
    assert [x.name for x in d.lookup("江宁县")] == ["江宁区"]  # 撤县设区
    assert d.lookup("平安县") == ()  # 平安 is an everyday word: no old name read into it
    x = extract_text("政协江宁县第九届委员会第三次会议开幕，县政协主席李某某主持。", doc_id="old", nlp=nlp)
    assert any(e.name == "江宁区" for e in x.entities)
