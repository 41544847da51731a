"""Resolution: home place and author, names read against the home's hierarchy, short
forms, one entity per real thing with all its mentions."""

from __future__ import annotations

from reportgraph.extract import extract_text
from reportgraph.model import EntityType as T

FENGHUANG = """# 政协凤凰县第十二届委员会常务委员会工作报告

一年来，县政协在中共凤凰县委的领导下，助力我县乡村振兴。全县政协委员积极履职。省政协、州政协和市政协领导来凤凰县调研。湘西州政协与县政协联合开展视察。凤凰县政协主席团会议研究了年度协商计划，县委、县政府高度重视。湖南省人民政府支持凤凰古城保护。
"""


def entity(x, name):
    return next(e for e in x.entities if e.name == name)


def test_home_and_author_from_the_title(nlp):
    x = extract_text(FENGHUANG, doc_id="fh", nlp=nlp)
    assert x.author == "凤凰县政协"
    home = entity(x, "凤凰县")
    assert home.key == home.code == "433123"
    assert {"我县", "凤凰县"} <= {*home.aliases, home.name}
    cppcc = entity(x, "凤凰县政协")
    assert {"县政协", "政协凤凰县第十二届委员会常务委员会"} <= set(cppcc.aliases)
    # 州政协 through the hierarchy: 凤凰县 → 湘西土家族苗族自治州 → 湖南省
    assert "州政协" in entity(x, "湘西土家族苗族自治州政协").aliases
    assert "湘西州政协" in entity(x, "湘西土家族苗族自治州政协").aliases
    assert "省政协" in entity(x, "湖南省政协").aliases
    assert "县委" in entity(x, "中共凤凰县委").aliases
    assert "县政府" in entity(x, "凤凰县人民政府").aliases
    # a 市政协 the hierarchy does not have is left out rather than guessed
    assert not [e for e in x.entities if "市政协" in e.aliases]
    report = entity(x, "政协凤凰县第十二届委员会常务委员会工作报告")
    assert report.type is T.DOCUMENT and report.mentions[0].start == 2


def test_one_entity_per_thing_with_every_mention(nlp):
    x = extract_text(FENGHUANG, doc_id="fh", nlp=nlp)
    keys = [(e.type, e.key) for e in x.entities]
    assert len(keys) == len(set(keys))
    cppcc = entity(x, "凤凰县政协")
    texts = [m.text for m in cppcc.mentions]
    assert texts.count("县政协") == 3 and "凤凰县政协" in texts
    for e in x.entities:
        for m in e.mentions:
            assert FENGHUANG[m.start:m.end] == m.text


def test_home_override(nlp):
    text = "县政协在县委领导下开展工作，全县委员积极参与。"
    x = extract_text(text, doc_id="o", home="代县", nlp=nlp)
    names = {e.name for e in x.entities}
    assert {"代县政协", "中共代县县委", "代县"} <= names
    y = extract_text(text, doc_id="o", home="寿县", nlp=nlp)
    assert {"寿县政协", "中共寿县县委"} <= {e.name for e in y.entities}


def test_pipeline_sets_home_and_author(nlp):
    doc = nlp.make_doc("# 代县人民政府工作报告\n县政府、县政协、市委、省委。")
    from reportgraph.read.report import report_from_text

    doc._.rg_report = report_from_text(doc.text, doc_id="d")
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.rg_home == "140923"
    assert doc._.rg_author == "代县人民政府"
    names = {e.name for e in doc._.rg_entities}
    assert {"代县人民政府", "代县政协", "中共忻州市委", "中共山西省委"} <= names


def test_short_forms_resolve_to_one_area(nlp):
    x = extract_text("巍山彝族回族自治县和巍山县是一个县，黔东南州即黔东南苗族侗族自治州，湖南即湖南省。",
                     doc_id="s", nlp=nlp)
    areas = {e.name: set(e.aliases) for e in x.entities if e.type is T.ADMINISTRATIVE_AREA}
    assert areas == {
        "巍山彝族回族自治县": {"巍山县"},
        "黔东南苗族侗族自治州": {"黔东南州"},
        "湖南省": {"湖南"},
    }


def test_party_congresses_and_plenums(nlp):
    x = extract_text("全面贯彻中共十九大和十九届二中、三中、四中、五中全会精神，学习五中全会精神。", doc_id="p", nlp=nlp)
    events = {e.name: [m.text for m in e.mentions] for e in x.entities if e.type is T.EVENT}
    assert set(events) == {"中共十九大", "中共十九届二中全会", "中共十九届三中全会", "中共十九届四中全会",
                           "中共十九届五中全会"}
    assert events["中共十九届五中全会"] == ["五中全会", "五中全会"]


def test_numbered_proposals_group_by_number(nlp):
    x = extract_text("全国政协2020年4736号提案办理情况良好，4736号提案得到落实。", doc_id="n", nlp=nlp)
    docs = [e for e in x.entities if e.type is T.DOCUMENT]
    assert len(docs) == 1 and docs[0].name == "全国政协2020年4736号提案"
    assert len(docs[0].mentions) == 2


def test_title_over_two_lines_name_line_and_straight_quotes(nlp):
    text = ("中国人民政治协商会议\n第九届武义县委员会常务委员会工作报告\n（2015年1月在政协第九届武义县委员会第四次会议上）\n"
            "胡  海\n各位委员:\n一年来,县政协常委会在中共武义县委的领导下,紧紧围绕\"温泉名城、生态强县\"战略,"
            "为实现\"十二五\"规划目标建言献策。我们赴旅居兴县的委员家中走访。")
    x = extract_text(text, doc_id="wy", nlp=nlp)
    assert x.author == "武义县政协"
    report = entity(x, "中国人民政治协商会议第九届武义县委员会常务委员会工作报告")
    assert report.type is T.DOCUMENT
    assert entity(x, "胡海").type is T.PERSON
    inits = {f for e in x.entities if e.type is T.INITIATIVE for f in (e.name, *e.aliases)}
    assert "温泉名城、生态强县" in inits and "“十二五”规划" in inits
    # a two-character county name inside a phrase is not taken without clearer evidence
    assert "兴县" not in {e.name for e in x.entities}
    assert "政协第九届武义县委员会第四次会议" in {e.name for e in x.entities if e.type is T.EVENT}


def test_anniversaries_are_events_named_after_their_subject(nlp):
    x = extract_text("庆祝中华人民共和国成立75周年和人民政协成立75周年，纪念改革开放40周年。", doc_id="a", nlp=nlp)
    events = {e.name for e in x.entities if e.type is T.EVENT}
    assert events == {"中华人民共和国成立75周年", "人民政协成立75周年", "改革开放40周年"}


def test_author_from_the_opening_and_sessions_over_lines(nlp):
    text = ("各位代表：\n现在，我代表永定区人民政府，向大会报告政府工作，请予审议。\n"
            "一年来，在市委、市政府和区委的坚强领导下，按照“一核两翼三带”“四区五城”发展思路，"
            "扎实推进“项目攻坚年”活动，落实“六稳”工作要求。")
    x = extract_text(text, doc_id="yd", home="张家界市永定区", nlp=nlp)
    assert x.author == "永定区人民政府"
    assert next(e for e in x.entities if e.name == "永定区人民政府").name
    assert doc_home(nlp, text, "张家界市永定区") == "430802"
    assert doc_home(nlp, text, "龙岩市永定区") == "350803"
    inits = {e.name for e in x.entities if e.type is T.INITIATIVE}
    assert {"“一核两翼三带”", "“四区五城”发展思路", "“项目攻坚年”", "六稳"} <= inits
    y = extract_text("政府工作报告\n——2021年11月18日在临夏县第十八届\n\n人民代表大会第一次会议上\n", doc_id="lx", nlp=nlp)
    assert "临夏县第十八届人民代表大会第一次会议" in {e.name for e in y.entities if e.type is T.EVENT}


def doc_home(nlp, text, home):
    from reportgraph.read.report import report_from_text

    doc = nlp.make_doc(text)
    doc._.rg_report = report_from_text(text, doc_id="h", home=home)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc._.rg_home


def test_untitled_report_named_after_its_author(nlp):
    x = extract_text("各位委员：\n我代表政协会宁县第十届委员会常务委员会，向大会报告工作。一年来，常委会围绕中心工作，"
                     "县人民医院、县疾控中心积极参与。", doc_id="u", nlp=nlp)
    assert x.author == "会宁县政协"
    names = {e.name: e for e in x.entities}
    assert "常委会" in names["会宁县政协"].aliases
    assert names["政协会宁县第十届委员会常务委员会工作报告"].type is T.DOCUMENT
    assert {"会宁县人民医院", "会宁县疾控中心"} <= set(names)
    y = extract_text("各位代表：\n现在，我代表县人民政府，向大会报告工作。", doc_id="g", home="会宁县", nlp=nlp)
    assert y.author == "会宁县人民政府"
    assert "会宁县政府工作报告" in {e.name for e in y.entities if e.type is T.DOCUMENT}


def test_mass_organisations_of_the_home(nlp):
    x = extract_text("县总工会、团县委、县妇联、县科协和县工商联积极参与。", doc_id="m", home="代县", nlp=nlp)
    assert {e.name for e in x.entities} == {"代县", "代县总工会", "共青团代县委员会", "代县妇联", "代县科协", "代县工商联"}


def test_home_and_author_are_always_entities(nlp):
    from reportgraph.read.report import report_from_text

    text = "县政协在县委领导下开展工作。"
    doc = nlp.make_doc(text)
    doc._.rg_report = report_from_text(text, doc_id="h", home="寿县")
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    keys = {e.key: e for e in doc._.rg_entities}
    assert doc._.rg_home == "340422" and keys["340422"].name == "寿县" and keys["340422"].mentions == ()
    assert doc._.rg_author is None  # no title and no opening: nobody is known to deliver it


def test_bare_sessions_belong_to_the_body_the_report_speaks_for(nlp):
    x = extract_text("# 政协代县第十五届委员会常务委员会工作报告\n完成了十五届四次会议确定的任务，列席十八届人大五次会议。",
                     doc_id="b", nlp=nlp)
    assert {e.name for e in x.entities if e.type is T.EVENT} == {"代县政协十五届四次会议", "代县十八届人大五次会议"}
    y = extract_text("完成了十八届四次会议确定的任务。", doc_id="c", nlp=nlp)
    assert {e.name for e in y.entities if e.type is T.EVENT} == {"十八届四次会议"}


def test_variant_spellings_are_one_entity_named_by_the_first_form(nlp):
    """Full-width forms and spaces inside a name (normalize.match_key) do not split an
    entity; the later surface forms become aliases."""
    from reportgraph.extract import extract_text

    x = extract_text("代县政协签署《代县建言》。县政协发出《代县\u3000建言》。县政协编印《ＡＢＣ手册》和《ABC手册》。",
                     doc_id="t", nlp=nlp)
    docs = {e.name: e for e in x.entities if e.type.value == "Document"}
    assert set(docs) == {"《代县建言》", "《ＡＢＣ手册》"}
    assert docs["《代县建言》"].aliases == ("《代县\u3000建言》",)
    assert docs["《ＡＢＣ手册》"].aliases == ("《ABC手册》",)
    assert len(docs["《代县建言》"].mentions) == 2
