"""Names of the genre the rules read without 《》 or a full name (passages written for these tests)."""

from __future__ import annotations

from reportgraph.extract import extract_text
from reportgraph.model import EntityType as T


def _of(x, etype):
    return {e.name for e in x.entities if e.type is etype}


def test_every_law_of_an_enumeration_after_a_verb_of_law_making(nlp):
    x = extract_text("# 某某市人大常委会工作报告\n一年来，制定、修改了城市绿化条例、物业管理条例和养犬管理办法，"
                     "依法履行宪法赋予的职权。\n", doc_id="laws", nlp=nlp)
    docs = _of(x, T.DOCUMENT)
    assert {"城市绿化条例", "物业管理条例", "养犬管理办法", "中华人民共和国宪法"} <= docs


def test_an_amendment_is_a_document_of_its_own(nlp):
    x = extract_text("# 某某县政协工作报告\n认真学习宪法修正案和政协章程修正案。\n", doc_id="amend", nlp=nlp)
    docs = _of(x, T.DOCUMENT)
    assert {"宪法修正案", "政协章程修正案"} <= docs
    assert "中华人民共和国宪法" not in docs


def test_a_conference_of_a_whole_area_on_one_line_of_work(nlp):
    x = extract_text("# 某某县政协工作报告\n县政协在全市政协系统提案工作座谈会上作交流发言，并参加全县经济工作会议。\n",
                     doc_id="conf", nlp=nlp)
    assert {"全市政协系统提案工作座谈会", "全县经济工作会议"} <= _of(x, T.EVENT)


def test_short_names_of_an_enumeration_closed_by_a_level_word(nlp):
    x = extract_text("# 某某县政协工作报告\n活动得到荔波、平塘、罗甸、独山等县(市)积极响应。\n", doc_id="stems", nlp=nlp)
    assert {"荔波县", "平塘县", "罗甸县", "独山县"} <= _of(x, T.ADMINISTRATIVE_AREA)
    # without the level word the everyday words stay words
    y = extract_text("# 某某县政协工作报告\n孩子们学习和平、友谊、团结。\n", doc_id="no-stems", nlp=nlp)
    assert not {"和平县", "友谊县"} & _of(y, T.ADMINISTRATIVE_AREA)


def test_a_banner_by_its_usual_short_name(nlp):
    x = extract_text("# 政协科左后旗第十届委员会常务委员会工作报告\n科左后旗政协围绕全旗中心工作履职。\n",
                     doc_id="banner", nlp=nlp)
    names = {e.key: e.name for e in x.entities}
    assert names[x.home] == "科尔沁左翼后旗"
    assert "科左后旗" in next(e for e in x.entities if e.name == "科尔沁左翼后旗").aliases


def test_a_person_named_once_beside_a_post_is_that_person_where_the_name_recurs(nlp):
    x = extract_text("# 某某县政协工作报告\n县政协主席张华山出席会议。张华山指出，要加强自身建设。\n", doc_id="again", nlp=nlp)
    person = next(e for e in x.entities if e.name == "张华山")
    assert len(person.mentions) == 2
    assert "华山" not in _of(x, T.PLACE)  # a place inside a person's name is part of the name


def test_the_peoples_congress_inside_its_sessions_name_takes_part_in_it(nlp):
    x = extract_text("政府工作报告\n——2024年1月8日在惠水县第十八届人民代表大会第三次会议上\n各位代表：\n"
                     "县人民政府团结全县人民奋斗。\n", doc_id="congress", nlp=nlp)
    session = "惠水县第十八届人民代表大会第三次会议"
    assert session in _of(x, T.EVENT)
    congress = next(e for e in x.entities if e.name == "惠水县人大")
    assert congress.type is T.ORGANIZATION and "惠水县第十八届人民代表大会" in congress.aliases
    assert ("惠水县人大", "participatedIn", session) in {(r.subject, r.predicate.value, r.object) for r in x.relations}


def test_initiatives_of_the_genre_without_quotes(nlp):
    x = extract_text("# 某某县政府工作报告\n五年来，我县推进富民强县、依法治县，新农村建设扎实推进，"
                     "完成节能减排任务；规模工业增加值是“十五”末的3倍。\n", doc_id="init", nlp=nlp)
    inits = _of(x, T.INITIATIVE)
    assert {"富民强县", "依法治县", "社会主义新农村建设", "节能减排", "“十五”计划"} <= inits
    assert not any(n.endswith("节") for n in _of(x, T.EVENT))  # 节 of 节能减排 names no festival


def test_a_party_unit_after_an_enumeration_of_areas_is_the_unit_in_each(nlp):
    x = extract_text("# 民盟某某市委会工作通讯\n山东、吉林、福建民盟省委负责人参加调研。\n", doc_id="party", nlp=nlp)
    assert {"民盟山东省委", "民盟吉林省委", "民盟福建省委"} <= _of(x, T.ORGANIZATION)


def test_a_meeting_of_provinces_named_by_their_abbreviations_is_an_event(nlp):
    x = extract_text("# 某某省新闻\n5月，两省在济南举行鲁豫两省深化合作座谈会暨签约仪式。\n", doc_id="meet", nlp=nlp)
    assert "鲁豫两省深化合作座谈会暨签约仪式" in _of(x, T.EVENT)


def test_the_party_committee_of_an_autonomous_region_is_its_qu_dangwei(nlp):
    x = extract_text("# 政协宁夏回族自治区委员会常务委员会工作报告\n一年来，在区党委坚强领导下，区政协认真履职。\n",
                     doc_id="qu", nlp=nlp)
    orgs = {e.name: e for e in x.entities if e.type is T.ORGANIZATION}
    assert "区党委" in orgs["中共宁夏回族自治区委员会"].aliases


def test_the_short_names_of_the_organs_offices(nlp):
    x = extract_text("# 政协惠水县委员会常务委员会工作报告\n县委办、县政府办分管负责人列席会议。\n", doc_id="office", nlp=nlp)
    assert {"中共惠水县委办公室", "惠水县人民政府办公室"} <= _of(x, T.ORGANIZATION)


def test_a_site_of_the_home_named_by_its_level(nlp):
    x = extract_text("# 政协惠水县委员会常务委员会工作报告\n大会在县会展中心闭幕。委员在县政协大礼堂领奖。\n",
                     doc_id="site", nlp=nlp)
    assert {"惠水县会展中心", "惠水县政协大礼堂"} <= _of(x, T.PLACE)


def test_the_sessions_of_each_level_of_an_enumeration(nlp):
    x = extract_text("# 民盟某某市委会工作通讯\n民盟龙岩市委会召开会议，学习贯彻全国、省、市“两会”精神。\n",
                     doc_id="two", nlp=nlp)
    assert {"全国“两会”", "福建省“两会”", "龙岩市“两会”"} <= _of(x, T.EVENT)


def test_a_proposal_named_by_its_content_after_a_verb_of_adoption(nlp):
    x = extract_text("# 某某省政协工作报告\n有关部门采纳了在全省中小学开设“非遗进校园”课程的建议。委员们提出了很多好的建议。\n",
                     doc_id="prop", nlp=nlp)
    docs = _of(x, T.DOCUMENT)
    assert "在全省中小学开设“非遗进校园”课程的建议" in docs
    assert not any(d.startswith("很多") for d in docs)
