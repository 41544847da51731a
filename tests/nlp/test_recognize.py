"""Recognition on short texts of the genre written for these tests (other counties, other
provinces, a 政府工作报告, a 人大 report): what generalises beyond the development seed."""

from __future__ import annotations

import pytest

from reportgraph.extract import extract_text
from reportgraph.model import EntityType as T

WEISHAN = """# 政协巍山彝族回族自治县第十届委员会常务委员会工作报告

各位委员：

过去五年，县政协常委会在中共巍山县委的坚强领导下，在州政协的指导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，认真落实省委、州委和县委决策部署，紧紧围绕巩固拓展脱贫攻坚成果同乡村振兴有效衔接，积极建言献策。围绕“一县一业”茶叶产业发展、“巍宝山旅游环线建设”等议题开展专题协商。开展“万名委员助力乡村振兴”行动，组织委员深入南诏镇、庙街镇、永建镇开展调研。民革巍山县支部积极参与，撰写的《关于加快发展红河源生态旅游的建议》被省政协采用。县政协与大理市、祥云县、弥渡县政协签订了协作协议，联合召开第三次协作联席会议。向县委、县政府报送社情民意信息86条，其中3条被全国政协采用。县政协主席李红梅同志带头调研。
"""

BAZHONG = """# 2024年巴中市人民政府工作报告

各位代表：

过去一年，在省委、省政府和市委的坚强领导下，在市人大及其常委会的监督支持下，全市上下深入学习贯彻党的二十大精神，奋力推进“十四五”规划目标任务。我们深度融入成渝地区双城经济圈建设，实施“产业强市”战略，推进巴州区、恩阳区、通江县协调发展。光雾山景区成功创建国家5A级旅游景区，巴河流域综合治理取得实效。市发改委、市教育局等部门扎实推进民生实事。国家发展改革委、农业农村部支持我市发展。巴中经济开发区综合实力显著提升。我们出台了《巴中市国土空间总体规划（2021—2035年）》。全面落实市委五届八次全会部署，完整准确全面贯彻新发展理念，深入实施乡村振兴战略，持续打好污染防治攻坚战。
"""

HUINING = """政府工作报告
——2024年1月10日在会宁县第十八届人民代表大会第四次会议上
会宁县人民政府县长  赵文斌

各位代表：

2023年，在市委、市政府和县委的坚强领导下，全县上下坚持以习近平新时代中国特色社会主义思想为指导。我们坚定实施“强县富民”战略，建成会宁经济开发区标准化厂房12万平方米。会师镇、郭城驿镇、河畔镇被评为省级乡村振兴示范镇。祖厉河流域综合治理项目开工建设。我们要深入贯彻中央经济工作会议和省委十四届五次全会精神，坚持稳中求进工作总基调。
"""

SHANXI = """中国人民政治协商会议山西省第十三届委员会常务委员会工作报告

一年来，省政协在中共山西省委的坚强领导下，认真落实全国政协和省委部署。围绕黄河流域生态保护和高质量发展、能源革命综合改革试点开展专题协商。组织委员赴大同市、朔州市开展视察。与陕西省政协、内蒙古自治区政协联合举办第六届黄河金三角区域协作论坛。民建山西省委围绕汾河流域治理提出集体提案。召开省政协十三届三次会议。太原市政协积极参与“三晋英才”支持计划。省政协副主席王成同志深入基层调研，助力打赢脱贫攻坚战。
"""

CHAOYANG = """# 北京市朝阳区人民代表大会常务委员会工作报告

过去一年，区人大常委会在中共朝阳区委的领导下，在市人大常委会的指导下，依法履行职责。常委会共召开会议12次，听取和审议区人民政府专项工作报告18项，开展《北京市物业管理条例》执法检查。围绕“疏解整治促提升”专项行动和京津冀协同发展开展专题调研。区人民法院、区人民检察院认真办理代表建议。组织代表深入三里屯街道、望京街道开展视察。朝阳区第十六届人民代表大会第三次会议胜利召开。
"""


def names(x, etype: T) -> set[str]:
    return {e.name for e in x.entities if e.type is etype}


def all_forms(x, etype: T) -> set[str]:
    return {f for e in x.entities if e.type is etype for f in (e.name, *e.aliases)}


def _extracted(text: str, doc_id: str):
    """A module-scoped fixture: the extraction of ``text``."""

    @pytest.fixture(scope="module")
    def fixture(nlp):
        return extract_text(text, doc_id=doc_id, nlp=nlp)

    return fixture


weishan = _extracted(WEISHAN, "weishan")
bazhong = _extracted(BAZHONG, "bazhong")
huining = _extracted(HUINING, "huining")
shanxi = _extracted(SHANXI, "shanxi")
chaoyang = _extracted(CHAOYANG, "chaoyang")


def test_autonomous_county_and_its_organs(weishan):
    orgs = names(weishan, T.ORGANIZATION)
    assert {"巍山彝族回族自治县政协", "中共巍山县委", "大理白族自治州政协", "云南省政协", "全国政协",
            "民革巍山县支部", "巍山彝族回族自治县人民政府", "中共大理州委", "中共云南省委"} <= orgs
    # the enumeration 大理市、祥云县、弥渡县政协 names three bodies
    assert {"大理市政协", "祥云县政协", "弥渡县政协"} <= orgs
    areas = all_forms(weishan, T.ADMINISTRATIVE_AREA)
    assert {"巍山彝族回族自治县", "巍山县", "南诏镇", "庙街镇", "永建镇", "大理市"} <= areas


def test_events_documents_people_initiatives(weishan):
    assert {"中共二十大", "中共二十届二中全会", "中共二十届三中全会", "第三次协作联席会议"} <= names(weishan, T.EVENT)
    assert "《关于加快发展红河源生态旅游的建议》" in names(weishan, T.DOCUMENT)
    assert names(weishan, T.PERSON) == {"李红梅"}
    inits = all_forms(weishan, T.INITIATIVE)
    assert "巩固拓展脱贫攻坚成果同乡村振兴有效衔接" in inits
    assert "“万名委员助力乡村振兴”行动" in inits
    # ideologies are never initiatives; topics discussed in quotes are not annotated
    assert not any("思想" in n for n in inits)
    assert not any("巍宝山旅游环线建设" in n for n in inits)


def test_government_report_of_a_city(bazhong):
    orgs = names(bazhong, T.ORGANIZATION)
    assert {"巴中市人民政府", "中共四川省委", "四川省人民政府", "中共巴中市委", "巴中市人大常委会",
            "巴中市发改委", "巴中市教育局", "国家发展和改革委员会", "农业农村部"} <= orgs
    assert {"巴州区", "恩阳区", "通江县", "巴中经济开发区", "巴中市"} <= names(bazhong, T.ADMINISTRATIVE_AREA)
    assert {"光雾山", "巴河"} <= names(bazhong, T.PLACE)
    assert {"“十四五”规划", "成渝地区双城经济圈建设", "“产业强市”战略", "乡村振兴战略", "污染防治攻坚战"} <= \
        names(bazhong, T.INITIATIVE)
    assert "中共巴中市委五届八次全会" in names(bazhong, T.EVENT)
    assert "《巴中市国土空间总体规划（2021—2035年）》" in names(bazhong, T.DOCUMENT)
    assert not any("理念" in n for n in all_forms(bazhong, T.INITIATIVE))


def test_county_government_report_with_signature(huining):
    assert huining.author == "会宁县人民政府"
    assert "赵文斌" in names(huining, T.PERSON)
    assert {"会师镇", "郭城驿镇", "河畔镇", "会宁经济开发区"} <= names(huining, T.ADMINISTRATIVE_AREA)
    assert {"会宁县第十八届人民代表大会第四次会议", "中央经济工作会议", "中共甘肃省委十四届五次全会"} <= \
        names(huining, T.EVENT)
    assert {"中共白银市委", "白银市人民政府", "中共会宁县委"} <= names(huining, T.ORGANIZATION)
    assert "祖厉河" in names(huining, T.PLACE)


def test_provincial_cppcc_report(shanxi):
    orgs = names(shanxi, T.ORGANIZATION)
    assert {"山西省政协", "中共山西省委", "全国政协", "陕西省政协", "内蒙古自治区政协", "民建山西省委",
            "太原市政协"} <= orgs
    assert shanxi.author == "山西省政协"
    assert {"第六届黄河金三角区域协作论坛", "山西省政协十三届三次会议"} <= names(shanxi, T.EVENT)
    assert names(shanxi, T.PERSON) == {"王成"}
    assert {"“三晋英才”支持计划", "黄河流域生态保护和高质量发展", "能源革命", "脱贫攻坚"} <= \
        names(shanxi, T.INITIATIVE)
    assert "汾河" in names(shanxi, T.PLACE)


def test_district_peoples_congress_report(chaoyang):
    assert chaoyang.author == "朝阳区人大常委会"
    area = next(e for e in chaoyang.entities if e.name == "朝阳区")
    assert area.code == "110105"  # Beijing's 朝阳区, not Changchun's: the text names 北京市
    orgs = names(chaoyang, T.ORGANIZATION)
    assert {"中共朝阳区委", "北京市人大常委会", "朝阳区人民政府", "朝阳区人民法院", "朝阳区人民检察院"} <= orgs
    assert {"三里屯街道", "望京街道"} <= names(chaoyang, T.ADMINISTRATIVE_AREA)
    assert "《北京市物业管理条例》" in names(chaoyang, T.DOCUMENT)
    assert "“疏解整治促提升”专项行动" in names(chaoyang, T.INITIATIVE)


@pytest.mark.parametrize("text", [
    "委员们积极建言，各界群众踊跃参与，专委会认真履职，职能部门高度重视。",
    "坚持以人民为中心，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "推进城乡协调发展，深化政协乡镇联络组建设，加强理论武装。",
])
def test_generic_words_are_not_entities(nlp, text):
    x = extract_text(text, doc_id="generic", nlp=nlp)
    assert [e.name for e in x.entities] == []


def test_mentions_have_exact_offsets_and_sentences(nlp):
    text = "县政协在县委领导下工作。民进代县小组撰写提案。"
    doc = nlp(text)
    for c in doc._.rg_mentions:
        assert text[c.start:c.end] == c.text
    sents = {c.text: c.sent for c in doc._.rg_mentions}
    assert sents["县政协"] == sents["县委"] == 0
    assert sents["民进代县小组"] == 1


def test_spacy_ner_joins_the_rules(tmp_path):
    """A tiny Chinese NER pipeline trained here: its entities join the rules' mentions,
    mapped to our types, and the rules win where both find something."""
    import random

    import spacy
    from spacy.training import Example

    from reportgraph.nlp.pipeline import build_pipeline

    train = [
        ("昨天李明阳来到代县参观。", [(2, 5, "PERSON"), (7, 9, "GPE")]),
        ("远山集团在代县投资建厂。", [(0, 4, "ORG"), (5, 7, "GPE")]),
        ("王晓峰和远山集团签署协议。", [(0, 3, "PERSON"), (4, 8, "ORG")]),
    ]
    ner_nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ner = ner_nlp.add_pipe("ner")
    examples = []
    for text, spans in train:
        doc = ner_nlp.make_doc(text)
        examples.append(Example.from_dict(doc, {"entities": spans}))
        for _s, _e, label in spans:
            ner.add_label(label)
    random.seed(0)
    optimizer = ner_nlp.initialize(lambda: examples)
    for _ in range(60):
        random.shuffle(examples)
        ner_nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path / "tiny_zh_ner"
    ner_nlp.to_disk(path)

    nlp = build_pipeline(model=str(path))
    assert nlp.pipe_names.index("ner") < nlp.pipe_names.index("reportgraph_recognize")
    x = extract_text("王晓峰和远山集团签署协议。", doc_id="ner", nlp=nlp)
    got = {(e.name, e.type) for e in x.entities}
    assert ("王晓峰", T.PERSON) in got
    assert ("远山集团", T.ORGANIZATION) in got
    # the rules' 代县 (with its division code) wins over the model's GPE span
    y = extract_text("昨天李明阳来到代县参观。", doc_id="ner2", nlp=nlp)
    area = [e for e in y.entities if e.type is T.ADMINISTRATIVE_AREA]
    assert [(a.name, a.code) for a in area] == [("代县", "140923")]


def test_committees_departments_sessions_and_officials(nlp):
    text = ("# 政协忻州市第五届委员会常务委员会工作报告\n\n"
            "市政协提案委员会、文史委认真履职。市委宣传部积极配合。县委书记王建国同志出席会议，市长李晓明主持。"
            "召开市政协五届五次会议。政协忻州市第五届委员会第一次会议于2021年召开。市中级人民法院、市人民检察院列席。")
    x = extract_text(text, doc_id="misc", nlp=nlp)
    orgs = {e.name: set(e.aliases) for e in x.entities if e.type is T.ORGANIZATION}
    assert "市政协提案委员会" in orgs["忻州市政协提案委员会"]
    assert "文史委" in orgs["忻州市政协文史委员会"]
    assert "市委宣传部" in orgs["中共忻州市委宣传部"]
    assert "市中级人民法院" in orgs["忻州市中级人民法院"]
    assert "市人民检察院" in orgs["忻州市人民检察院"]
    assert "政协忻州市第五届委员会" in orgs["忻州市政协"]
    assert names(x, T.PERSON) == {"王建国", "李晓明"}
    assert {"忻州市政协五届五次会议", "政协忻州市第五届委员会第一次会议"} <= names(x, T.EVENT)


def test_titles_without_names_are_not_people(nlp):
    x = extract_text("全体同志要努力。常务副主席出席。党组书记讲话。支部书记带头。广大同志积极参与。"
                     "向雷锋同志学习，弘扬焦裕禄同志精神。", doc_id="p", nlp=nlp)
    assert {e.name for e in x.entities if e.type is T.PERSON} == {"雷锋", "焦裕禄"}


def test_everyday_words_that_are_also_district_names(nlp):
    x = extract_text("推动合作市场发展，建设大社区，加强平安区域治理，延长县城供暖时间，新城区建设加快。", doc_id="d", nlp=nlp)
    assert [e.name for e in x.entities if e.type is T.ADMINISTRATIVE_AREA] == []


def test_departments_in_general_are_not_ministries(nlp):
    x = extract_text("文化部门、卫生部门、公安部门、财政部门和教育部门密切配合。教育部支持，国家住建部调研。", doc_id="m", nlp=nlp)
    assert {e.name for e in x.entities} == {"教育部", "住房和城乡建设部"}


def test_sessions_of_bodies_and_the_county_called_he(nlp):
    """和县 is a county, but 和 + 县政协 / 县委 is an enumeration; sessions keep their body."""
    x = extract_text("# 代县人民政府工作报告\n深入贯彻中共代县县委十四届八次全会精神，召开代县政协十五届五次会议"
                     "和县政协十五届六次会议。省、市和县委高度重视。安徽省和县、马鞍山市的代表来访。", doc_id="s", nlp=nlp)
    events = {e.name for e in x.entities if e.type is T.EVENT}
    assert {"中共代县县委十四届八次全会", "代县政协十五届五次会议", "代县政协十五届六次会议"} <= events
    orgs = {e.name for e in x.entities if e.type is T.ORGANIZATION}
    assert {"中共代县县委", "代县政协", "中共山西省委", "中共忻州市委"} <= orgs
    hexian = [e for e in x.entities if e.name == "和县"]
    assert len(hexian) == 1 and [m.text for m in hexian[0].mentions] == ["和县"]
    assert "和县政协" not in orgs


def test_provincial_and_municipal_government_reports(nlp):
    text = ("——2018年1月在湖北省第十三届人民代表大会第一次会议上\n省长 王晓东\n各位代表：\n"
            "现在，我代表省人民政府向大会报告工作，请予审议，并请省政协各位委员提出意见。"
            "省第十一次党代会开启新征程，省委十一届二次全会确立战略目标。武汉、襄阳、宜昌总量均超过3100亿元。"
            "我们认真执行省十三届人大一次会议决议，继武汉军运会和北京奥运会之后办好大型赛事。")
    x = extract_text(text, doc_id="hb", nlp=nlp)
    assert x.author == "湖北省人民政府"
    assert "王晓东" in names(x, T.PERSON)
    assert {"湖北省第十三届人民代表大会第一次会议", "中共湖北省第十一次代表大会", "中共湖北省委十一届二次全会",
            "湖北省十三届人大一次会议", "北京奥运会"} <= names(x, T.EVENT)
    assert {"武汉市", "襄阳市", "宜昌市"} <= names(x, T.ADMINISTRATIVE_AREA)
    assert {"湖北省人民政府", "湖北省政协", "中共湖北省委"} <= names(x, T.ORGANIZATION)
    assert "湖北省政府工作报告" in names(x, T.DOCUMENT)


def test_a_county_cppcc_report_in_the_seed_style(nlp):
    text = ("# 政协平遥县第十一届委员会常务委员会工作报告\n\n"
            "过去五年，县政协常委会在中共平遥县委的坚强领导下，积极助力打赢脱贫攻坚战。"
            "围绕“古城保护与旅游发展”“推进煤炭产业转型”等议题开展协商。"
            "“加快古城北门外停车场建设”“推进牛肉产业标准化”等提案被列为重点提案。编辑出版了《平遥文史资料》。"
            "组织委员赴西柏坡、延安开展学习，组织经济界、农业界委员深入洪善镇、岳壁乡开展视察。"
            "民革、民盟等民主党派和无党派人士积极参与，县直各部门认真办理。"
            "与晋中市政协、介休市政协、祁县政协联合召开第二次联席会议。平遥中国年活动影响扩大。")
    x = extract_text(text, doc_id="py", nlp=nlp)
    assert names(x, T.DOCUMENT) == {"政协平遥县第十一届委员会常务委员会工作报告", "“加快古城北门外停车场建设”",
                                    "“推进牛肉产业标准化”", "《平遥文史资料》"}
    assert names(x, T.INITIATIVE) == {"脱贫攻坚"}  # the topics are not initiatives
    assert {"平遥县", "延安市", "洪善镇", "岳壁乡", "晋中市", "介休市", "祁县"} == names(x, T.ADMINISTRATIVE_AREA)
    assert {"平遥县政协", "中共平遥县委", "中国国民党革命委员会", "中国民主同盟", "晋中市政协", "介休市政协",
            "祁县政协"} == names(x, T.ORGANIZATION)
    assert names(x, T.PLACE) == {"西柏坡"}
    assert names(x, T.EVENT) == {"第二次联席会议"}


def test_quoted_labels_of_places_are_not_plans(nlp):
    x = extract_text("助力“三区”发展，支持“三区”县加快振兴；推进“六新”发展。", doc_id="l", nlp=nlp)
    assert names(x, T.INITIATIVE) == {"“六新”发展"}


def test_generic_programmes_and_counted_works_are_not_named(nlp):
    x = extract_text("开展专项行动，实施三年行动，推进重点工程，落实发展战略，推进民生工程，实施十大工程。"
                     "实施乡村建设行动和创新驱动发展战略。学习十九大精神，迎接二十大召开。", doc_id="g", nlp=nlp)
    assert names(x, T.INITIATIVE) == {"乡村建设行动", "创新驱动发展战略"}
    assert names(x, T.EVENT) == {"中共十九大", "中共二十大"}


def test_banners_and_leagues_of_inner_mongolia(nlp):
    text = ("2024年乌拉特后旗政府工作报告\n2024年1月12日在乌拉特后旗第十三届人民代表大会第三次会议上\n"
            "乌拉特后旗人民政府副旗长  阿拉腾宝力格\n各位代表：\n现在，我代表旗人民政府向大会报告工作。"
            "全旗上下深入贯彻落实习近平总书记考察内蒙古重要讲话精神，聚焦完成好总书记交给的任务，"
            "在市委、旗委的坚强领导下，在旗人大、旗政协的监督支持下攻坚克难。")
    x = extract_text(text, doc_id="wl", nlp=nlp)
    assert x.author == "乌拉特后旗人民政府"
    assert names(x, T.PERSON) == {"阿拉腾宝力格", "习近平"}
    assert {"乌拉特后旗人民政府", "中共乌拉特后旗委", "乌拉特后旗人大常委会", "乌拉特后旗政协",
            "中共巴彦淖尔市委"} <= names(x, T.ORGANIZATION)
    assert {"乌拉特后旗", "内蒙古自治区"} <= names(x, T.ADMINISTRATIVE_AREA)
    y = extract_text("# 正蓝旗人民政府工作报告\n在盟委和旗委的领导下，全盟上下共同努力。", doc_id="zl", nlp=nlp)
    assert {"中共锡林郭勒盟委", "中共正蓝旗委"} <= names(y, T.ORGANIZATION)
    assert "锡林郭勒盟" in names(y, T.ADMINISTRATIVE_AREA)


def test_heritage_sites_are_places(nlp):
    x = extract_text("云冈石窟保护加强，凤凰古城申遗，八路军总部旧址修缮；保护古城遗址，修缮名人故居。", doc_id="h", nlp=nlp)
    assert names(x, T.PLACE) == {"云冈石窟", "凤凰古城", "八路军总部旧址"}


def test_a_name_at_the_end_of_the_text_ends_there():
    """A known name that ends the text, where a longer name opens with the same characters,
    is found with its own length (the scan once looked the cut-short form up under the longer
    name's length, and the mention ran past the text: an IndexError once a soft hyphen was
    mapped back)."""
    from reportgraph.extract import extract_text

    for text in ("某某县落实“十四五”规划", "“十四五”规划\xad", "“十四五”规划"):
        x = extract_text(text)
        spans = [(m.start, m.end) for e in x.entities for m in e.mentions]
        assert spans and all(0 <= s < e <= len(text) for s, e in spans), (text, spans)
        assert any(text[s:e] == "“十四五”规划" for s, e in spans)
