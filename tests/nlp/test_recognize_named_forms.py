"""Names the genre writes in short or bare forms: the party by 党 in its leadership, the party
congress's 中共, … (invented passages)."""

from __future__ import annotations

from reportgraph.extract import extract_text


def _entities(nlp, text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    x = extract_text(text, doc_id="t", nlp=nlp)
    return {e.name: (e.type.value, e.aliases) for e in x.entities}


def test_the_party_named_by_its_leadership(nlp) -> None:
    found = _entities(nlp, "五年来，某某县人大常委会始终坚持党的全面领导，依法履职。")
    assert found.get("中国共产党", ("",))[0] == "Organization"
    # 党 of another word (政党, 党员) or without 的领导 names no party
    assert "中国共产党" not in _entities(nlp, "县政协坚持政党的协商，党员干部带头。")


def test_the_congress_holds_its_party_prefix(nlp) -> None:
    found = _entities(nlp, "县政协深入学习贯彻中共二十大精神。")
    assert any(t == "Event" for t, _a in found.values())
    assert "中国共产党" not in found  # 中共 of 中共二十大 is the congress's name
    assert "中国共产党" in _entities(nlp, "在中国共产党的领导下，中共二十大胜利召开。")


def test_a_body_named_with_its_place_and_the_place_s_parent(nlp) -> None:
    found = _entities(nlp, "中国人民政治协商会议四川省苍溪县第十届委员会第三次会议在县城开幕。"
                           "中共四川省苍溪县委员会书记李某某出席。")
    names = {n for n, (t, _a) in found.items() if t == "Organization"}
    assert "苍溪县政协" in names and "中共苍溪县委" in names
    assert "人民政协" not in names  # the prefix is the body's name, not the CPPCC at large


def test_a_league_s_administrative_office_named_by_its_level(nlp) -> None:
    found = _entities(nlp, "政协正蓝旗第十届委员会工作报告\n盟行署副盟长李某某到会讲话。")
    assert found.get("锡林郭勒盟行署", ("",))[0] == "Organization"
    assert "盟行署" in found["锡林郭勒盟行署"][1]


def _initiatives(nlp, text: str) -> set[str]:
    return {n for n, (t, _a) in _entities(nlp, text).items() if t == "Initiative"}


def test_a_region_s_programme_named_after_the_region(nlp) -> None:
    found = _initiatives(nlp, "三县政协围绕推动太行山革命老区振兴发展协商。会议提出，闽浙边区域开放合作取得成效。"
                              "淮河流域保护治理协作推进机制建立以来，成效明显。")
    assert {"太行山革命老区振兴发展", "闽浙边区域开放合作", "淮河流域保护治理协作推进机制"} <= found
    # a whole quoted item of a list of topics is a topic, not a programme
    topics = _initiatives(nlp, "县政协围绕“淮河流域生态保护修复”“农村改厕”等议题协商。")
    assert not any(n.startswith("淮河流域") for n in topics)


def test_a_place_to_build_with_its_qualities(nlp) -> None:
    found = _entities(nlp, "# 苍溪县政协工作报告\n全县加快建设生态宜居幸福新苍溪取得新成就；"
                           "为建设四川强县作出贡献，奋力再造产业苍溪、建设锦绣四川。")
    goals = {n: a for n, (t, a) in found.items() if t == "Initiative"}
    assert {"生态宜居幸福新苍溪", "四川强县", "产业苍溪", "锦绣四川"} <= set(goals)
    assert "再造产业苍溪" in goals["产业苍溪"]  # the mention keeps its verb
    # a place after a verb with no qualities, or with a function word among them, is no goal
    plain = _initiatives(nlp, "# 苍溪县政协工作报告\n县政协建设苍溪的文化设施，推进和苍溪合作。")
    assert not any("苍溪" in n for n in plain)


def test_a_new_road_and_a_model_zone_to_build(nlp) -> None:
    found = _initiatives(nlp, "全市以勇闯高质量发展新路子为引领，走出一条生态优先新路，"
                              "加快建设国家生态文明建设示范城市。")
    assert {"高质量发展新路子", "生态优先新路", "国家生态文明建设示范城市"} <= found


def test_the_standing_committee_of_a_term_and_named_bare(nlp) -> None:
    report = ("苍溪县人民代表大会常务委员会工作报告\n各位代表：\n我受苍溪县第十八届人民代表大会常务委员会委托，"
              "向大会报告工作。五年来，本届人大常委会依法履职。")
    found = _entities(nlp, report)
    body = found.get("苍溪县人大常委会")
    assert body is not None and body[0] == "Organization"
    assert {"苍溪县第十八届人民代表大会常务委员会", "人大常委会"} <= set(body[1])
    assert not any(t == "Event" and "第十八届人民代表大会" in n for n, (t, _a) in found.items())


def test_what_a_year_is_names_no_event(nlp) -> None:
    said = _entities(nlp, "2019年是新中国成立70周年、改革开放41周年。2020年，是苍溪县成立60周年。")
    assert not any(t == "Event" for t, _a in said.values())
    held = _entities(nlp, "县政协开展庆祝改革开放40周年系列活动。")
    assert any(t == "Event" and "40周年" in n for n, (t, _a) in held.items())


def test_a_ranked_proposal_and_a_party_s_members_are_no_names(nlp) -> None:
    found = _entities(nlp, "《关于发展蔬菜产业的提案》被评为“一号提案”。在民革组织和民建会员的推动下，工作有序开展。")
    assert not any(t == "Initiative" for t, _a in found.values())
    assert not any(t == "Organization" and n.startswith("中国") for n, (t, _a) in found.items())


def test_a_laboratory_or_institute_named_after_its_place(nlp) -> None:
    found = _entities(nlp, "苍溪县农业微生物实验室挂牌，苍溪县化学与材料研究中心开工。")
    orgs = {n for n, (t, _a) in found.items() if t == "Organization"}
    assert {"苍溪县农业微生物实验室", "苍溪县化学与材料研究中心"} <= orgs
    # a function word between the place and the tail: no one name
    assert not any(n.endswith("实验室") for n in _entities(nlp, "苍溪县的实验室建成。"))


def test_a_development_zone_named_by_its_kind_alone_is_the_home_s(nlp) -> None:
    found = _entities(nlp, "苍溪县人民政府工作报告\n全县新增企业30户。高新区管委会、县开发区建成区扩大5平方公里。")
    areas = {n for n, (t, _a) in found.items() if t == "AdministrativeArea"}
    assert {"苍溪高新区", "苍溪县开发区"} <= areas
    # inside a longer word (省级开发区) no zone of the home
    assert not any(n.endswith("开发区") for n in _entities(nlp, "苍溪县人民政府工作报告\n全县省级开发区增加到3个。"))


def test_a_quoted_name_the_report_builds_and_a_formula_s_strategic_layout(nlp) -> None:
    found = _initiatives(nlp, "全省加快建设“秦岭生态带”，协调推进“四个全面”战略布局，增强“四个意识”。")
    assert {"“秦岭生态带”", "“四个全面”战略布局"} <= found
    assert not any("四个意识" in n for n in found)  # a formula alone is no programme
    # after 落实, a quoted idea (“…”概念) is no programme
    assert not _initiatives(nlp, "建议在教材中全面落实“十四年抗战”概念。")


def test_a_working_committee_or_branch_named_alone(nlp) -> None:
    report = ("民进苍溪县委会召开会议\n参政议政积极分子、社会服务与法治工委委员参加会议；"
              "，教育文化总支等基层组织受表彰，授予宣传工委“先进工委”称号。")
    orgs = {n for n, (t, _a) in _entities(nlp, report).items() if t == "Organization"}
    assert any(n.endswith("社会服务与法治工委") for n in orgs) and any(n.endswith("教育文化总支") for n in orgs)
    assert not any("授予" in n or "先进工委" in n for n in orgs)  # a verb before it, a quoted honour


def test_a_meeting_to_study_sessions_names_them_inside(nlp) -> None:
    found = _entities(nlp, "民进苍溪县委会召开学习贯彻全国、省、市“两会”精神暨参政议政工作会议。")
    events = {n for n, (t, _a) in found.items() if t == "Event"}
    assert "学习贯彻全国、省、市“两会”精神暨参政议政工作会议" in events
    assert "全国“两会”" in events  # the sessions studied stay events of their own


def test_a_committee_s_working_group_names_the_committee_too(nlp) -> None:
    found = _entities(nlp, "苍溪县政协工作报告\n王某某、李某某等市委换届工作第三督导组同志到会指导。")
    orgs = {n for n, (t, _a) in found.items() if t == "Organization"}
    assert "中共广元市委换届工作第三督导组" in orgs and "中共广元市委" in orgs


def test_a_web_page_credits_the_company_that_built_it(nlp) -> None:
    found = _entities(nlp, "某某县政协网 版权所有\n技术支持：云帆网络 备案号123")
    assert found.get("云帆网络", ("",))[0] == "Organization"


def test_regions_and_the_free_trade_port_are_known(nlp) -> None:
    found = _entities(nlp, "全市主动融入长三角，抢抓自贸港政策机遇。")
    assert found.get("长三角", ("",))[0] == "Place"
    assert any(t == "Initiative" and "自贸港" in a for _n, (t, a) in found.items())


def test_a_quoted_count_with_its_items_before_it(nlp) -> None:
    found = _initiatives(nlp, "全县统筹实施农业稳县、工业强县、旅游兴县“三大战略”，成效明显。")
    assert "农业稳县、工业强县、旅游兴县“三大战略”" in found
    assert "工业强县" not in found  # an item of the count, not a strategy of its own
    # two items before a count of three: the count alone
    assert "“三大战略”" in _initiatives(nlp, "全县实施工业强县、旅游兴县“三大战略”。")


def test_a_quoted_model_and_a_science_city(nlp) -> None:
    found = _entities(nlp, "苍溪县“猕猴桃+电商”产业扶贫模式入选优秀案例。南山湾科技城汇聚科研机构20家。")
    assert any(t == "Initiative" and n.endswith("“猕猴桃+电商”产业扶贫模式") for n, (t, _a) in found.items())
    assert found.get("南山湾科技城", ("",))[0] == "AdministrativeArea"


def test_a_quoted_name_listed_with_a_programme(nlp) -> None:
    found = _initiatives(nlp, "县政协紧紧围绕“十四五”规划、“产业强县”和“三个示范”目标履职。")
    assert "“产业强县”" in found
    # quoted words listed with no programme stay unnamed
    assert not any("生态" in n for n in _initiatives(nlp, "委员们围绕“生态”、“民生”建言。"))


def test_a_quoted_practice_and_a_national_committee_s_body(nlp) -> None:
    found = _entities(nlp, "某某村“茶旅融合与增收”经验做法获推广；建立“周五夜读”等制度。全国政协提案委来县调研。")
    inits = {n for n, (t, _a) in found.items() if t == "Initiative"}
    assert {"“茶旅融合与增收”", "“周五夜读”"} <= inits
    orgs = {n for n, (t, _a) in found.items() if t == "Organization"}
    assert "全国政协" in orgs and any(n.startswith("全国政协提案") for n in orgs)


def test_a_report_given_in_extracts_is_a_document_beside_the_report(nlp) -> None:
    x = extract_text("苍溪县政协常委会工作报告摘编\n一年来，县政协常委会认真履职。", doc_id="t", nlp=nlp)
    docs = {e.name for e in x.entities if e.type.value == "Document"}
    assert {"苍溪县政协常委会工作报告摘编", "苍溪县政协常委会工作报告"} <= docs
    authored = {(r.subject, r.object) for r in x.relations if r.predicate.value == "authored"}
    assert any(o == "苍溪县政协常委会工作报告" for _s, o in authored)


def test_a_report_delivered_at_a_session(nlp) -> None:
    found = _entities(nlp, "（李某某代表县政协常委会作提案工作情况的报告）王某某作工作报告。")
    docs = {n for n, (t, _a) in found.items() if t == "Document"}
    assert any(n.endswith("提案工作情况的报告") for n in docs)
    assert "工作报告" not in docs  # the bare word names no report of its own


def test_companies_listed_as_projects(nlp) -> None:
    found = _entities(nlp, "全县招商引资成效明显，苍溪红心果业、川北鑫源陶瓷等5个项目落地。"
                           "新能源汽车、生物医药等一批项目加快推进。")
    orgs = {n for n, (t, _a) in found.items() if t == "Organization"}
    assert {"苍溪红心果业", "川北鑫源陶瓷"} <= orgs
    assert not orgs & {"新能源汽车", "生物医药"}  # industries, not companies
