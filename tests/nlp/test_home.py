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


def test_a_title_after_the_page_navigation_and_before_a_dash(nlp):
    page = ("您当前所在位置：首页 > 政协文献\n来源：某某政协网 | 发布时间：2024-01-10\n"
            "中国人民政治协商会议\n\n石阡县第九届委员会\n\n常务委员会工作报告\n\n各位委员：\n县政协常委会认真履职。")
    x = extract_text(page, doc_id="page", nlp=nlp)
    docs = {e.name for e in x.entities if e.type.value == "Document"}
    assert "中国人民政治协商会议石阡县第九届委员会常务委员会工作报告" in docs
    dash = extract_text("政府工作报告—2024年1月8日在石阡县第十八届人民代表大会第三次会议上\n各位代表：\n县人民政府团结全县人民。",
                        doc_id="dash", nlp=nlp)
    assert "政府工作报告" in {f for e in dash.entities if e.type.value == "Document" for f in (e.name, *e.aliases)}


def test_the_resolver_settles_title_author_and_home_once_as_rg_head(nlp):
    from reportgraph.extract import make_doc
    from reportgraph.read.report import report_from_text

    doc = nlp(make_doc(nlp, report_from_text("# 政协石阡县第九届委员会常务委员会工作报告\n县政协助力我县乡村振兴。",
                                             doc_id="head")))
    head = doc._.rg_head
    assert head.title == "政协石阡县第九届委员会常务委员会工作报告"
    assert head.author == doc._.rg_author == "石阡县政协"
    assert head.home == doc._.rg_home


def test_an_author_no_title_word_names_is_guessed_from_the_heading_body():
    from reportgraph.model import Entity, EntityType
    from reportgraph.nlp.resolve.home import settle_author_and_home

    ents = {e.key: e for e in (
        Entity("石阡县科学技术协会", "石阡县科学技术协会", EntityType.ORGANIZATION),
        Entity("520623", "石阡县", EntityType.ADMINISTRATIVE_AREA, code="520623"),
    )}
    title = "石阡县科学技术协会2023年工作报告"
    assert settle_author_and_home(ents, title, title, None, None, None) == ("石阡县科学技术协会", "520623")
    assert settle_author_and_home(ents, "", "其他报告", None, None, None) == (None, None)
    assert settle_author_and_home(ents, "", None, "石阡县", "不是实体", None) == (None, "520623")


def _names(x):
    return {e.key: e.name for e in x.entities}


HOSTED = """某某河流域三市政协联席会议第五次会议召开
5月12日，某某河流域三市政协联席会议第五次会议在荔波县召开。州政协主席王某某出席并讲话，县政协主席李某某主持。
会议听取了各市政协的工作交流，县委书记张某某致辞。
"""


def test_the_host_of_the_meeting_a_news_report_opens_with_is_its_home(nlp):
    x = extract_text(HOSTED, doc_id="hosted", nlp=nlp)
    names = _names(x)
    assert names[x.home] == "荔波县"
    # 县政协, 县委 are then the host county's, 州政协 its prefecture's
    assert {"荔波县政协", "中共荔波县委", "黔南布依族苗族自治州政协"} <= set(names.values())


def test_a_host_body_names_the_home(nlp):
    x = extract_text("全州政协系统提案工作座谈会召开\n6月3日，全州政协系统提案工作座谈会由惠水县政协承办。"
                     "县政协主席王某某介绍了经验。\n", doc_id="host-body", nlp=nlp)
    assert _names(x)[x.home] == "惠水县"


def test_a_visit_reported_by_the_visitors_is_not_the_hosts_news(nlp):
    x = extract_text("我省党政代表团赴江西省考察\n6月，我省党政代表团赴江西省考察，并在南昌市举行两省合作座谈会。"
                     "福建省省长王某某出席。福建省、江西省签署合作协议。我省将深化合作。\n", doc_id="visit", nlp=nlp)
    assert _names(x).get(x.home) != "南昌市"


def test_a_byline_of_the_bodys_own_media_names_author_and_home(nlp):
    for byline in ("来源：惠水县政协    发布时间：2024-05-06", "惠水县政协办公室供稿", "（惠水县政协 供稿）",
                   "（供稿：惠水县政协王某某）"):
        text = f"全县政协委员开展视察\n{byline}\n5月，全县政协委员视察了乡村振兴项目，县政协主席李某某带队。\n"
        x = extract_text(text, doc_id="byline", nlp=nlp)
        names = _names(x)
        assert names.get(x.home) == "惠水县", byline
        assert names.get(x.author) in ("惠水县政协", "惠水县政协办公室"), byline  # the body or its office


def test_a_newspaper_in_the_byline_is_not_the_author(nlp):
    x = extract_text("来源：某某日报\n荔波县政协召开常委会议。县政协主席李某某主持。\n", doc_id="paper", nlp=nlp)
    assert x.author != "某某日报"


def test_news_of_a_session_names_the_report_delivered_there(nlp):
    x = extract_text("县政协十届三次会议开幕\n王某某代表县政协十届常委会向大会作工作报告。\n"
                     "会议由政协惠水县委员会主持。\n", doc_id="news", nlp=nlp)
    docs = {e.name: e for e in x.entities if e.type.value == "Document"}
    assert "惠水县政协常委会工作报告" in docs
    assert ("惠水县政协", "authored", "惠水县政协常委会工作报告") in {
        (r.subject, r.predicate.value, r.object) for r in x.relations}
    y = extract_text("开幕会上，李某某代表政协惠水县第十届委员会常务委员会向大会作工作报告。\n", doc_id="news2", nlp=nlp)
    assert "政协惠水县第十届委员会常务委员会工作报告" in {e.name for e in y.entities if e.type.value == "Document"}


def test_the_place_a_delegation_travels_to_is_not_the_home(nlp):
    # the province visited is named more often than the delegation's own, and in the title
    text = ("我省党政代表团赴江西省考察学习\n5月8日至10日，省委书记王某某率我省党政代表团赴江西省考察，"
            "并在南昌举行两省合作座谈会。江西省委书记李某某、江西省省长赵某某出席。江西省人民政府与福建省人民政府"
            "签署战略合作协议，江西省发展改革委介绍了情况。\n")
    x = extract_text(text, doc_id="visit2", nlp=nlp)
    assert _names(x)[x.home] == "福建省"
