"""The relate stage on general mechanisms of the genre: sessions named after their body, areas
in every parent the text names, organs named after their body or alone. Passages written for
these tests (invented counties' people, other places), never the seed or the dev texts."""

from __future__ import annotations

import pytest
import spacy

from reportgraph.model import EntityType
from reportgraph.nlp.pipeline import register_extensions

from builders import relate, triples

O, A, I, D, E, PE = (EntityType.ORGANIZATION, EntityType.ADMINISTRATIVE_AREA, EntityType.INITIATIVE,
                     EntityType.DOCUMENT, EntityType.EVENT, EntityType.PERSON)


@pytest.fixture(scope="module")
def blank():
    register_extensions()
    return spacy.blank("zh")


CHANGTING = [
    ("长汀县", A, "我县"),
    ("长汀县政协", O, "县政协", "政协长汀县委员会"),
    ("长汀县人大常委会", O, "县人大常委会", "县人大", "长汀县人民代表大会"),
    ("政协第十届长汀县委员会第三次会议", E),
    ("政协第十届长汀县委员会第二次会议", E),
    ("长汀县第十八届人民代表大会第五次会议", E, "县十八届人大五次会议"),
]


def test_a_session_named_after_its_body_is_attended_by_it(blank):
    x = relate(blank, "自政协第十届长汀县委员会第二次会议以来，县政协认真履职。2023年2月1日，"
                      "政协第十届长汀县委员会第三次会议隆重开幕。县十八届人大五次会议同期召开。", CHANGTING)
    got = triples(x)
    assert ("长汀县政协", "participatedIn", "政协第十届长汀县委员会第三次会议") in got
    assert ("长汀县人大常委会", "participatedIn", "长汀县第十八届人民代表大会第五次会议") in got
    # the earlier session, named only as the time since which: not said to be attended
    assert ("长汀县政协", "participatedIn", "政协第十届长汀县委员会第二次会议") not in got


def test_of_several_sessions_of_one_body_the_latest_is_the_one_held(blank):
    x = relate(blank, "政协第十届长汀县委员会第二次会议提出的建议已办结。政协第十届长汀县委员会第三次会议开幕。",
               CHANGTING)
    got = {(s, o) for s, p, o in triples(x) if p == "participatedIn"}
    assert ("长汀县政协", "政协第十届长汀县委员会第三次会议") in got
    assert ("长汀县政协", "政协第十届长汀县委员会第二次会议") not in got


def test_a_session_of_a_body_the_text_does_not_name_has_no_attendee(blank):
    x = relate(blank, "政协第十届长汀县委员会第三次会议开幕。", [("政协第十届长汀县委员会第三次会议", E), ("长汀县", A)])
    assert not [t for t in triples(x) if t[1] == "participatedIn"]


def test_an_area_lies_in_every_parent_the_text_names(blank):
    x = relate(blank, "福建省龙岩市长汀县地处汀江畔。", [("福建省", A), ("龙岩市", A), ("长汀县", A)])
    codes = {e.name: e.key for e in x.entities}
    got = triples(x)
    assert (codes["长汀县"], "locatedIn", codes["龙岩市"]) in got
    assert (codes["长汀县"], "locatedIn", codes["福建省"]) in got
    assert (codes["龙岩市"], "locatedIn", codes["福建省"]) in got


def test_departments_and_schools_are_parts_of_their_body(blank):
    spec = [("国家发展和改革委员会", O, "国家发改委"), ("国家发改委农村经济司", O), ("中共长汀县委", O, "县委"),
            ("中共长汀县委党校", O, "县委党校"), ("中国石油", O), ("中国石油天然气公司", O)]
    got = triples(relate(blank, "国家发改委农村经济司、县委党校的同志参加调研。中国石油天然气公司捐款。", spec))
    assert ("国家发改委农村经济司", "partOf", "国家发展和改革委员会") in got
    assert ("中共长汀县委党校", "partOf", "中共长汀县委") in got
    assert not [t for t in got if t[0] == "中国石油天然气公司" and t[1] == "partOf"]  # 公司 ends in 司


def test_an_organ_named_alone_is_part_of_the_body_that_speaks(blank):
    spec = [("民盟龙岩市委会", O, "民盟市委"), ("社会服务工委", O), ("龙岩市政协", O, "市政协"), ("龙岩市", A)]
    got = triples(relate(blank, "民盟市委表彰社会服务工委等先进集体。市政协副主席王某某出席。", spec, author="民盟龙岩市委会"))
    assert ("社会服务工委", "partOf", "民盟龙岩市委会") in got
    assert not [t for t in got if t[0] == "龙岩市政协" and t[1] == "partOf"]


def test_a_partys_committee_of_a_level_is_no_organ_of_the_party(blank):
    spec = [("中国民主同盟", O, "民盟"), ("民盟福建省委", O, "民盟省委"), ("福建省", A, "福建")]
    got = triples(relate(blank, "民盟省委组织盟员赴福建各地调研。", spec))
    assert not [t for t in got if t[0] == "民盟福建省委" and t[1] == "partOf"]
    assert any(s == "民盟福建省委" and p == "locatedIn" for s, p, _o in got)


def test_organs_an_enumeration_names_lie_in_their_places(blank):
    spec = [("江苏省", A, "江苏"), ("安徽省", A, "安徽"), ("山东省", A, "山东"), ("山东省政协", O),
            ("2023年淮河流域三省政协座谈会", E)]
    x = relate(blank, "江苏、安徽和山东省政协共同举办2023年淮河流域三省政协座谈会。", spec)
    codes = {e.name: e.key for e in x.entities}
    got = triples(x)
    assert ("江苏省政协", "locatedIn", codes["江苏省"]) in got
    assert ("安徽省政协", "locatedIn", codes["安徽省"]) in got


def test_sites_and_zones_named_after_the_home_lie_in_it(blank):
    spec = [("长汀县", A, "我县", "全县"), ("长汀茶文化公园", EntityType.PLACE), ("长汀经开区", A),
            ("闽西茶马古道", EntityType.PLACE)]
    x = relate(blank, "我县建成长汀茶文化公园，长汀经开区入驻企业20家，闽西茶马古道申遗。", spec, home="长汀县")
    code = next(e.key for e in x.entities if e.name == "长汀县")
    got = triples(x)
    assert ("长汀茶文化公园", "locatedIn", code) in got
    assert ("长汀经开区", "locatedIn", code) in got
    assert ("闽西茶马古道", "locatedIn", code) not in got  # not named after the home


MEETING = [
    ("长汀县政协", O, "县政协"), ("长汀县政协提案委员会", O, "县政协提案委"), ("中共长汀县委办公室", O, "县委办"),
    ("长汀县人民政府办公室", O, "县政府办"), ("王某某", PE), ("李某某", PE), ("习近平", PE),
    ("长汀县政协十届五次主席会议", E),
]


def test_who_speaks_at_the_meeting_attends_it(blank):
    text = ("长汀县政协十届五次主席会议召开。会上，县政协提案委主任王某某汇报了重点提案审定情况，"
            "县委办、县政府办负责人分别表态。李某某传达了习近平总书记重要讲话精神。")
    got = {(s, o) for s, p, o in triples(relate(blank, text, MEETING)) if p == "participatedIn"}
    session = "长汀县政协十届五次主席会议"
    assert {("王某某", session), ("长汀县政协提案委员会", session), ("中共长汀县委办公室", session),
            ("长汀县人民政府办公室", session)} <= got
    assert ("习近平", session) not in got  # named in what is said, not a speaker


def test_the_officer_named_after_the_meeting_speaks_at_it(blank):
    spec = [("长汀县政协", O, "县政协", "县政协常委会"), ("王某某", PE), ("长汀县政协十届三次会议", E, "县政协十届三次会议")]
    text = "在县政协十届三次会议开幕会上，县政协主席王某某代表县政协常委会作工作报告。"
    got = {(s, o) for s, p, o in triples(relate(blank, text, spec)) if p == "participatedIn"}
    assert ("王某某", "长汀县政协十届三次会议") in got
    assert ("长汀县政协", "长汀县政协十届三次会议") in got


def test_people_named_with_their_posts_before_a_verb_all_act(blank):
    spec = [("中共福建省委", O, "福建省委"), ("中共江西省委", O, "江西省委"), ("王某某", PE), ("李某某", PE),
            ("赵某某", PE), ("《福建省人民政府 江西省人民政府合作协议》", D)]
    text = ("座谈会上，福建省委副书记、省长王某某，江西省委副书记、省长李某某代表两省签订了"
            "《福建省人民政府 江西省人民政府合作协议》。赵某某主持，李某某签订了协议。")
    got = {(s, o) for s, p, o in triples(relate(blank, text, spec)) if p == "authored"}
    assert {("王某某", "《福建省人民政府 江西省人民政府合作协议》"), ("李某某", "《福建省人民政府 江西省人民政府合作协议》")} <= got
    assert not [o for s, o in got if s == "赵某某"]  # 赵某某主持: a clause with a verb of its own


def test_a_report_named_with_its_place_and_year_is_the_governments(blank):
    spec = [("长汀县", A, "全县"), ("长汀县人民政府", O, "县人民政府"), ("2023年长汀县政府工作报告", D, "长汀县2023年政府工作报告")]
    x = relate(blank, "长汀县2023年政府工作报告\n各位代表：现在，我代表县人民政府向大会报告工作。", spec)
    got = triples(x)
    assert ("长汀县人民政府", "authored", "2023年长汀县政府工作报告") in got
    assert not [t for t in got if t[0] == "2023年长汀县政府工作报告" and t[1] == "about"]  # the seat, not a topic


def test_a_session_held_at_a_venue_of_the_home_lies_in_the_home(blank):
    spec = CHANGTING + [("县会议中心", EntityType.PLACE)]
    x = relate(blank, "2023年2月1日，政协第十届长汀县委员会第三次会议圆满完成各项议程，在县会议中心闭幕。"
                      "政协第十届长汀县委员会第二次会议在福州召开。", spec, home="长汀县")
    code = next(e.key for e in x.entities if e.name == "长汀县")
    got = triples(x)
    assert ("政协第十届长汀县委员会第三次会议", "locatedIn", code) in got
    assert not [t for t in got if t[0] == "政协第十届长汀县委员会第二次会议" and t[1] == "locatedIn" and t[2] == code]


def test_what_a_session_approves_is_adopted_by_the_body_it_is_named_after(blank):
    spec = CHANGTING + [("《政协第十届长汀县委员会第三次会议决议》", D)]
    x = relate(blank, "政协第十届长汀县委员会第三次会议闭幕。会议审议通过了《政协第十届长汀县委员会第三次会议决议》。", spec)
    assert ("《政协第十届长汀县委员会第三次会议决议》", "adoptedBy", "长汀县政协") in triples(x)


def test_a_bodys_members_are_not_the_body(blank):
    spec = [("全国政协", O), ("王某某", PE), ("《关于支持闽西茶产业发展的提案》", D)]
    text = "2019年，王某某作为第一提案人领衔、30名全国政协委员联名提出的《关于支持闽西茶产业发展的提案》获批示。"
    got = {(s, o) for s, p, o in triples(relate(blank, text, spec)) if p == "authored"}
    assert ("王某某", "《关于支持闽西茶产业发展的提案》") in got
    assert ("全国政协", "《关于支持闽西茶产业发展的提案》") not in got


def test_both_sides_are_the_two_bodies_named_together(blank):
    spec = [("长汀县政协", O), ("新罗区政协", O), ("友好政协协议", D), ("闽西茶马古道保护", I)]
    text = "长汀县政协和新罗区政协联合开展调研。双方进行了座谈交流，签订了友好政协协议，将为建设闽西茶马古道保护贡献力量。"
    got = triples(relate(blank, text, spec))
    assert {("长汀县政协", "authored", "友好政协协议"), ("新罗区政协", "authored", "友好政协协议")} <= got
    assert ("长汀县政协", "implements", "闽西茶马古道保护") in got  # 为建设 X


def test_at_a_session_its_convenor_called_the_next_clause_speaks(blank):
    spec = [("长汀县政协", O, "县政协"), ("九三学社龙岩市委", O), ("王某某", PE), ("长汀县政协十届一次会议", E, "十届一次会议")]
    text = "12月15日长汀县政协召开十届一次会议上，九三学社龙岩市委副主委王某某领取了优秀提案证书。"
    got = {(s, o) for s, p, o in triples(relate(blank, text, spec)) if p == "participatedIn"}
    assert {("长汀县政协", "长汀县政协十届一次会议"), ("九三学社龙岩市委", "长汀县政协十届一次会议"),
            ("王某某", "长汀县政协十届一次会议")} <= got


def test_an_event_named_again_by_its_end_is_the_one_attended(blank):
    spec = [("汀江流域三市政协主席联合视察活动", E), ("龙岩市政协", O), ("王某某", PE), ("福建省", A, "福建"),
            ("广东省", A, "广东")]
    text = ("6月，汀江流域三市政协主席联合视察活动启动。福建、广东两省政协领导，龙岩市政协主席王某某等"
            "参加联合视察活动。")
    x = relate(blank, text, spec)
    names = {e.key: e.name for e in x.entities}
    got = {(names[s], names[o]) for s, p, o in triples(x) if p == "participatedIn"}
    event = "汀江流域三市政协主席联合视察活动"
    assert {("龙岩市政协", event), ("王某某", event)} <= got
    assert not [s for s, o in got if s in ("福建省", "广东省")]  # 两省政协: their bodies, not the places


def test_respectively_pairs_the_attendees_with_the_meetings(blank):
    spec = [("王某某", PE), ("李某某", PE), ("福建省第十四届人民代表大会第一次会议", E, "省十四届人大一次会议"),
            ("龙岩市政协五届一次会议", E, "市政协五届一次会议")]
    text = "省人大代表王某某、市政协委员李某某分别交流了参加省十四届人大一次会议、市政协五届一次会议的体会。"
    got = {(s, o) for s, p, o in triples(relate(blank, text, spec)) if p == "participatedIn"}
    assert ("王某某", "福建省第十四届人民代表大会第一次会议") in got
    assert ("李某某", "龙岩市政协五届一次会议") in got
    assert ("王某某", "龙岩市政协五届一次会议") not in got
    assert ("李某某", "福建省第十四届人民代表大会第一次会议") not in got


def test_a_delegation_comes_from_its_place_and_is_not_located_there(blank):
    spec = [("福建省", A, "福建"), ("福建省党政代表团", O), ("福建省政协", O, "省政协")]
    x = relate(blank, "福建省党政代表团赴江西考察，省政协主席王某某参加。", spec)
    located = {s for s, p, _o in triples(x) if p == "locatedIn"}
    assert "福建省政协" in located and "福建省党政代表团" not in located


def test_the_author_of_a_yearly_review_from_its_subtitle(blank):
    spec = [("长汀县", A), ("长汀县政协", O, "县政协常委会"), ("中共长汀县委", O), ("乡村振兴战略", I)]
    text = ("履职尽责谱新篇\n——政协长汀县委员会常务委员会一年来工作综述\n"
            "一年来，在中共长汀县委的领导下，紧紧围绕乡村振兴战略，认真履行职能。\n")
    assert ("长汀县政协", "implements", "乡村振兴战略") in triples(relate(blank, text, spec))


def test_progress_made_and_advice_given_implement_the_initiative(blank):
    spec = [("长汀县政协", O, "县政协常委会"), ("书香政协建设", I), ("乡村振兴", I)]
    text = "一年来，县政协常委会团结带领全体委员，书香政协建设取得显著成效。县政协常委会积极建言乡村振兴。"
    got = triples(relate(blank, text, spec))
    assert ("长汀县政协", "implements", "书香政协建设") in got
    assert ("长汀县政协", "implements", "乡村振兴") in got


def test_who_comes_to_congratulate_attends(blank):
    spec = CHANGTING + [("中共长汀县委", O, "县委"), ("王某某", PE)]
    text = "政协第十届长汀县委员会第三次会议开幕。县委书记王某某到会祝贺并讲话。"
    got = {(s, o) for s, p, o in triples(relate(blank, text, spec)) if p == "participatedIn"}
    assert {("王某某", "政协第十届长汀县委员会第三次会议"), ("中共长汀县委", "政协第十届长汀县委员会第三次会议")} <= got


def test_an_areas_five_year_plan_in_its_governments_report_is_the_areas(blank):
    spec = [("某某县", A, "全县"), ("某某县人民政府", O, "县人民政府"), ("“十五五”规划", I, "十五五规划"),
            ("高标准农田建设", I), ("2031年某某县政府工作报告", D, "某某县2031年政府工作报告")]
    text = ("某某县2031年政府工作报告\n各位代表：现在，我代表县人民政府向大会报告工作。"
            "过去一年，提前实现“十五五”规划目标，扎实推进高标准农田建设。")
    got = triples(relate(blank, text, spec))
    assert ("某某县", "implements", "“十五五”规划") in got
    assert ("某某县人民政府", "implements", "“十五五”规划") not in got
    assert ("某某县人民政府", "implements", "高标准农田建设") in got  # the government's own work


def test_a_five_year_plan_in_a_councils_report_stays_the_councils(blank):
    spec = [("某某县", A, "全县"), ("某某县政协", O, "县政协", "县政协常委会"), ("“十五五”规划", I)]
    text = "一年来，县政协常委会团结带领全体委员，围绕“十五五”规划建言献策。紧扣“十五五”规划，助力发展。"
    got = triples(relate(blank, text, spec))
    assert ("某某县政协", "implements", "“十五五”规划") in got
    assert ("某某县", "implements", "“十五五”规划") not in got



def test_the_part_after_a_semicolon_shares_the_subject_before_it(blank):
    spec = [("甲县政协", O), ("乙市政协", O), ("友好合作框架协议", D), ("乡村振兴", I), ("人民政协", O)]
    text = ("近日，甲县政协和乙市政协围绕乡村振兴联合开展履职活动。随后，双方围绕乡村振兴，发挥人民政协的作用；"
            "在平台建设方面进行了座谈交流，并签订友好合作框架协议。")
    got = triples(relate(blank, text, spec))
    assert ("甲县政协", "authored", "友好合作框架协议") in got
    assert ("乙市政协", "authored", "友好合作框架协议") in got
    assert ("人民政协", "authored", "友好合作框架协议") not in got


def test_strengthening_and_speeding_up_a_campaign_carries_it_out(blank):
    spec = [("某某县政协", O, "县政协", "县政协常委会"), ("书香政协建设", I), ("乡村振兴", I), ("中共某某县委", O, "县委")]
    text = "新的一年，县政协常委会要进一步加强书香政协建设，加快乡村振兴，落实县委部署。"
    got = triples(relate(blank, text, spec))
    assert ("某某县政协", "implements", "书香政协建设") in got
    assert ("某某县政协", "implements", "乡村振兴") in got
    assert not [t for t in got if t[0] == "中共某某县委" and t[1] == "implements"]


def test_a_campaign_headline_with_an_adverb_is_the_speakers_work(blank):
    spec = [("某某县", A, "全县"), ("某某县人民政府", O, "县人民政府"), ("美丽乡村建设", I), ("乡村振兴", I),
            ("2031年某某县政府工作报告", D, "某某县2031年政府工作报告")]
    text = ("某某县2031年政府工作报告\n各位代表：现在，我代表县人民政府向大会报告工作。"
            "——美丽乡村建设扎实推进，农村面貌明显改善。乡村振兴的意义重大。")
    got = triples(relate(blank, text, spec))
    assert ("某某县人民政府", "implements", "美丽乡村建设") in got
    assert ("某某县人民政府", "implements", "乡村振兴") not in got


def test_a_meeting_focused_on_a_theme_is_about_what_the_theme_names(blank):
    spec = [("某某山区三县政协主席联席会议第二次会议", E), ("某某山区", EntityType.PLACE), ("某某县", A), ("生态旅游", I)]
    text = "6月1日，某某山区三县政协主席联席会议第二次会议在某某县召开，聚焦“推动某某山区发展生态旅游”主题深入协商。"
    got = triples(relate(blank, text, spec))
    assert ("某某山区三县政协主席联席会议第二次会议", "about", "某某山区") in got
    assert ("某某山区三县政协主席联席会议第二次会议", "about", "生态旅游") in got
    assert not [t for t in got if t[1] == "implements" and t[2] == "生态旅游"]


def test_a_news_items_byline_reporters_write_it(blank):
    spec = [("某某省政协", O, "省政协", "省政协常委会"), ("某某省政协工作报告侧记", D), ("王某某", PE), ("李某某", PE), ("张某某", PE)]
    text = ("某某省政协工作报告侧记\n本报讯（记者 王某某 通讯员 李某某）昨日，省政协主席张某某代表省政协常委会"
            "向大会作工作报告。")
    got = triples(relate(blank, text, spec))
    assert ("王某某", "authored", "某某省政协工作报告侧记") in got
    assert ("李某某", "authored", "某某省政协工作报告侧记") in got
    assert ("张某某", "authored", "某某省政协工作报告侧记") not in got


def test_a_meeting_on_furthering_an_initiative_is_about_it_not_doing_it(blank):
    spec = [("某某省政协", O, "省政协"), ("某某省政协第五次常委会议", E, "省政协第五次常委会议"), ("数字经济发展", I)]
    text = "省政协第五次常委会议就推进数字经济发展问题进行了专题协商。"
    got = triples(relate(blank, text, spec))
    assert ("某某省政协第五次常委会议", "about", "数字经济发展") in got
    assert ("某某省政协", "implements", "数字经济发展") not in got


def test_the_speaker_of_reported_speech_is_no_subject_of_its_clauses(blank):
    spec = [("某某区政协", O, "区政协"), ("王某某", PE), ("“大调研”", I)]
    text = "一年来，区政协认真履职。王某某指出，过去一年，广大政协委员深入开展“大调研”，取得了新成效。"
    got = triples(relate(blank, text, spec, author="某某区政协"))
    assert ("某某区政协", "implements", "“大调研”") in got  # the body spoken of, not the speaker


def test_a_periodical_edited_and_issued_is_authored(blank):
    spec = [("某某市政协", O, "市政协"), ("《某某议政》", D)]
    got = triples(relate(blank, "市政协全年编发《某某议政》12期。", spec))
    assert ("某某市政协", "authored", "《某某议政》") in got


MINXI = [
    ("长汀县政协", O), ("连城县政协", O), ("上杭县政协", O), ("武平县政协", O), ("永定区政协", O),
    ("第三届闽西客家文化论坛", E), ("闽西红色文化研讨会", E), ("王某某", PE),
]


def test_the_hosts_of_an_event_and_those_answering_their_call_take_part(blank):
    got = triples(relate(blank, "第三届闽西客家文化论坛由长汀县政协、连城县政协共同主办，并得到上杭县政协、"
                                "武平县政协等单位积极支持。由永定区政协承办的闽西红色文化研讨会同期举行，王某某主持。", MINXI))
    for body in ("长汀县政协", "连城县政协", "上杭县政协", "武平县政协"):
        assert (body, "participatedIn", "第三届闽西客家文化论坛") in got
    assert ("永定区政协", "participatedIn", "闽西红色文化研讨会") in got
    assert ("永定区政协", "participatedIn", "第三届闽西客家文化论坛") not in got


def test_by_with_no_event_held_or_a_cause_states_no_hosting(blank):
    got = triples(relate(blank, "由于长汀县政协主办的活动较多，连城县政协负责协调。"
                                "调研由上杭县政协组织，得到武平县政协积极响应。", MINXI))
    assert not [t for t in got if t[1] == "participatedIn"]


def test_people_named_by_their_posts_and_the_delegation_they_lead_attend(blank):
    spec = [("中共龙岩市委", O, "市委", "龙岩市委"), ("中共厦门市委", O, "厦门市委"), ("龙岩市党政代表团", O, "我市党政代表团"),
            ("王某某", PE), ("李某某", PE), ("赵某某", PE), ("钱某某", PE), ("龙厦两市合作座谈会", E)]
    text = ("6月2日至3日，市委书记王某某，市委副书记、市长李某某率我市党政代表团赴厦门考察，并在厦门举行龙厦两市合作座谈会。"
            "座谈会上，厦门市委副书记、市长赵某某，龙岩市委副书记、市长钱某某代表两市签订了合作协议。")
    got = {s for s, p, o in triples(relate(blank, text, spec)) if p == "participatedIn" and o == "龙厦两市合作座谈会"}
    assert {"王某某", "李某某", "龙岩市党政代表团", "赵某某", "钱某某"} <= got


def test_a_meeting_named_again_by_its_noun_lies_where_it_was_held(blank):
    spec = [("福建省", A), ("漳平市", A), ("九龙江流域三市政协主席联席座谈会", E), ("九龙江流域三市联合视察", E)]
    x = relate(blank, "九龙江流域三市联合视察结束后，九龙江流域三市政协主席联席座谈会现场。视察结束后，在福建省漳平市召开了座谈会。", spec)
    codes = {e.name: e.key for e in x.entities}
    got = triples(x)
    assert ("九龙江流域三市政协主席联席座谈会", "locatedIn", codes["漳平市"]) in got
    assert ("九龙江流域三市联合视察", "locatedIn", codes["漳平市"]) not in got


def test_developing_starting_and_advising_on_a_programme_carry_it_out(blank):
    spec = [("永定区人民政府", O, "区政府"), ("永定区政协", O, "区政协"), ("“五大产业”", I), ("“数字永定”建设", I),
            ("乡村振兴战略", I), ("“两山”理念", I)]
    gov = triples(relate(blank, "区政府大力发展“五大产业”。“数字永定”建设全面启动。", spec, author="永定区人民政府"))
    assert ("永定区人民政府", "implements", "“五大产业”") in gov
    assert ("永定区人民政府", "implements", "“数字永定”建设") in gov
    cppcc = triples(relate(blank, "区政协围绕乡村振兴战略议政建言。围绕“两山”理念等议题开展协商。", spec,
                           author="永定区政协"))
    assert ("永定区政协", "implements", "乡村振兴战略") in cppcc
    assert ("永定区政协", "implements", "“两山”理念") not in cppcc  # a topic under discussion


def test_targets_reached_and_campaigns_won_are_the_areas_results_in_a_government_report(blank):
    spec = [("永定区", A, "全区"), ("永定区人民政府", O, "区政府"), ("节能减排", I), ("脱贫攻坚", I), ("“数字永定”建设", I)]
    x = relate(blank, "过去五年，完成了节能减排目标任务。——脱贫攻坚全面胜利。我们加快“数字永定”建设。", spec,
               author="永定区人民政府", home="永定区")
    area = {e.name: e.key for e in x.entities}["永定区"]
    got = triples(x)
    assert (area, "implements", "节能减排") in got and ("永定区人民政府", "implements", "节能减排") not in got
    assert (area, "implements", "脱贫攻坚") in got
    assert ("永定区人民政府", "implements", "“数字永定”建设") in got  # the government's own work


def test_the_region_opening_a_joint_bodys_name_lies_in_its_members_areas(blank):
    spec = [("四川省", A), ("陕西省", A), ("甘肃省", A), ("秦巴山", "Place"),
            ("秦巴山革命老区川陕两省政协主席座谈会", O), ("四川省政协", O), ("陕西省政协", O)]
    spec = [(n, EntityType(t) if isinstance(t, str) else t, *rest) for n, t, *rest in spec]
    x = relate(blank, "秦巴山革命老区川陕两省政协主席座谈会在陕西省召开，甘肃省政协应邀参加。", spec)
    codes = {e.name: e.key for e in x.entities}
    got = triples(x)
    assert ("秦巴山", "locatedIn", codes["四川省"]) in got and ("秦巴山", "locatedIn", codes["陕西省"]) in got
    assert ("秦巴山", "locatedIn", codes["甘肃省"]) not in got


def test_the_people_under_the_partys_leadership_name_no_body_led(blank):
    spec = [("中共永定区委", O, "区委"), ("永定区人民政府", O, "区政府")]
    people = triples(relate(blank, "过去五年，全区人民在区委的坚强领导下，砥砺奋进。", spec, author="永定区人民政府"))
    assert not [t for t in people if t[1] == "leads"]
    body = triples(relate(blank, "过去一年，在区委的坚强领导下，我们团结全区人民，砥砺奋进。", spec, author="永定区人民政府"))
    assert ("中共永定区委", "leads", "永定区人民政府") in body


def test_a_body_named_before_about_is_no_subject(blank):
    spec = [("中共中央", O, "党中央"), ("永定区人民政府", O, "区政府"), ("区域协调发展战略", I, "区域协调发展")]
    got = triples(relate(blank, "我们全面落实党中央关于推动区域协调发展的决策部署。", spec, author="永定区人民政府"))
    assert ("中共中央", "implements", "区域协调发展战略") not in got
    assert ("永定区人民政府", "implements", "区域协调发展战略") in got


def test_a_verb_describing_a_noun_after_shi_is_no_ones_deed(blank):
    spec = [("永定区人民政府", O, "区政府"), ("依法治区", I), ("“法治永定”建设", I), ("乡村振兴战略", I)]
    got = triples(relate(blank, "地方立法是推进依法治区、加快“法治永定”建设的重要基础。我们推进乡村振兴战略。", spec,
                         author="永定区人民政府"))
    assert [t for t in got if t[1] == "implements"] == [("永定区人民政府", "implements", "乡村振兴战略")]


def test_the_provinces_an_events_name_lists_take_part_in_it(blank):
    spec = [("福建省", A, "闽"), ("江西省", A, "赣"), ("广东省", A), ("闽赣两省深化合作座谈会", E),
            ("闽粤赣三省政协主席联席会议第五次会议", E)]
    x = relate(blank, "闽赣两省深化合作座谈会在福州召开。闽粤赣三省政协主席联席会议第五次会议同期举行，广东省派员出席。", spec)
    codes = {e.name: e.key for e in x.entities}
    got = triples(x)
    assert (codes["福建省"], "participatedIn", "闽赣两省深化合作座谈会") in got
    assert (codes["江西省"], "participatedIn", "闽赣两省深化合作座谈会") in got
    # a meeting of the provinces' bodies (三省政协) has the bodies, not the provinces, attending
    assert (codes["福建省"], "participatedIn", "闽粤赣三省政协主席联席会议第五次会议") not in got


def test_an_attendee_brings_the_body_of_the_post_the_sentence_gives(blank):
    spec = [("永定区", A), ("永定区人民政府", O, "区政府"), ("永定区政协", O, "区政协"), ("中共永定区委", O, "区委"),
            ("永定区政协九届十一次主席会议", E), ("王某某", PE), ("李某某", PE)]
    x = relate(blank, "3月6日，永定区政协九届十一次主席会议召开。区委常委、常务副区长王某某应邀出席并讲话。"
                      "会后，李某某参加调研。", spec, home="永定区", author="永定区政协")
    got = triples(x)
    assert ("王某某", "participatedIn", "永定区政协九届十一次主席会议") in got
    assert ("永定区人民政府", "participatedIn", "永定区政协九届十一次主席会议") in got


def test_the_fields_of_a_places_record_are_its_programmes(blank):
    spec = [("永定区", A), ("长汀县", A), ("乡村振兴战略", I, "乡村振兴"), ("全域旅游", I), ("永定区政协", O)]
    x = relate(blank, "永定区政协考察长汀县在全域旅游、民营经济、乡村振兴等方面的做法和经验。", spec, author="永定区政协")
    codes = {e.name: e.key for e in x.entities}
    got = triples(x)
    assert (codes["长汀县"], "implements", "乡村振兴战略") in got
    assert (codes["长汀县"], "implements", "全域旅游") in got
    assert (codes["永定区"], "implements", "全域旅游") not in got


def test_a_body_adopting_a_proposal_and_the_units_taking_part_in_a_cppcc(blank):
    spec = [("永定区政协", O, "区政协"), ("永定区工商联", O, "区工商联"), ("永定区总工会", O, "区总工会"),
            ("福建省教育厅", O), ("关于加强乡村教师队伍建设的建议", D)]
    got = triples(relate(blank, "区政协紧紧依靠参加区政协的各民主党派、区工商联和区总工会开展工作。"
                                "福建省教育厅前不久采纳了关于加强乡村教师队伍建设的建议。", spec, author="永定区政协"))
    assert ("永定区工商联", "memberOf", "永定区政协") in got and ("永定区总工会", "memberOf", "永定区政协") in got
    assert ("关于加强乡村教师队伍建设的建议", "adoptedBy", "福建省教育厅") in got


def test_what_a_body_contributes_to_after_wei_it_serves(blank):
    spec = [("永定区政协", O, "区政协"), ("防汛抗旱", I), ("文明创建", I), ("乡村振兴战略", I)]
    got = triples(relate(blank, "一年来，区政协为全区防汛抗旱、文明创建付出了辛勤汗水。因乡村振兴战略需要，委员们积极调研。", spec,
                         author="永定区政协"))
    assert ("永定区政协", "implements", "防汛抗旱") in got and ("永定区政协", "implements", "文明创建") in got
    assert ("永定区政协", "implements", "乡村振兴战略") not in got


def test_the_head_of_a_body_signs_for_it(blank):
    spec = [("长汀县政协", O, "县政协"), ("王某某", PE), ("李某某", PE), ("《友好政协协议书》", D), ("《长汀游记》", D)]
    got = triples(relate(blank, "县政协主席王某某率队赴外地考察。在签约仪式上，王某某和李某某签订了《友好政协协议书》。"
                                "王某某撰写了《长汀游记》。", spec, author="长汀县政协"))
    assert ("王某某", "authored", "《友好政协协议书》") in got
    assert ("长汀县政协", "authored", "《友好政协协议书》") in got
    assert ("长汀县政协", "authored", "《长汀游记》") not in got  # written, not signed


def test_the_years_of_an_areas_record_make_its_programmes_its_own(blank):
    spec = [("长汀县", A, "我县"), ("长汀县人民政府", O), ("全面建成小康社会", I), ("“十三五”规划", I, "“十三五”"),
            ("乡村振兴战略", I)]
    x = relate(blank, "过去五年，是长汀经济社会发展取得重大成就、全面建成小康社会的五年。“十三五”时期是我县发展史上极不平凡的五年。"
                      "2024年是实施乡村振兴战略的关键一年。", spec, home="长汀县", author="长汀县人民政府")
    area = {e.name: e.key for e in x.entities}["长汀县"]
    got = triples(x)
    assert (area, "implements", "全面建成小康社会") in got
    assert (area, "implements", "“十三五”规划") in got
    assert not [t for t in got if t[1] == "implements" and t[2] == "乡村振兴战略"]  # no one's deed there


def test_a_party_groups_secretary_attends_for_the_body(blank):
    spec = [("长汀县人大常委会", O, "县人大常委会"), ("长汀县人大常委会党组", O, "县人大常委会党组"), ("刘某某", PE),
            ("政协第十届长汀县委员会第一次会议", E)]
    got = triples(relate(blank, "政协第十届长汀县委员会第一次会议开幕。县人大常委会党组书记刘某某在主席台就坐。", spec))
    assert ("长汀县人大常委会", "participatedIn", "政协第十届长汀县委员会第一次会议") in got
    assert ("长汀县人大常委会党组", "participatedIn", "政协第十届长汀县委员会第一次会议") not in got
    assert ("长汀县人大常委会党组", "partOf", "长汀县人大常委会") in got


def test_a_newspaper_or_website_named_after_a_place_is_not_located_there(blank):
    spec = [("龙岩市", A, "龙岩"), ("龙岩日报", O), ("龙岩市政协", O, "市政协"), ("龙岩政协网", O)]
    x = relate(blank, "龙岩日报、龙岩政协网报道了市政协的工作。", spec)
    codes = {e.name: e.key for e in x.entities}
    got = triples(x)
    assert ("龙岩市政协", "locatedIn", codes["龙岩市"]) in got
    assert not [t for t in got if t[0] in ("龙岩日报", "龙岩政协网") and t[1] == "locatedIn"]


def test_names_that_only_modify_state_no_relation(blank):
    spec = [("福建省", A, "我省"), ("长汀县", A, "长汀"), ("长汀县政协", O, "县政协"), ("中共二十大", E, "党的二十大"),
            ("老区振兴", I), ("省政协十次常委会议", E), ("《闽西客家文化合作长汀共识》", D)]
    got = triples(relate(blank, "县政协深入开展党的二十大精神大学习。省政协十次常委会议就推进我省老区振兴问题进行了专题协商。"
                                "各方签署了《闽西客家文化合作长汀共识》。", spec, author="长汀县政协"))
    assert ("长汀县政协", "participatedIn", "中共二十大") not in got  # 二十大精神: studied, not attended
    assert ("省政协十次常委会议", "about", "老区振兴") in got
    assert not [t for t in got if t[0] == "省政协十次常委会议" and t[2] != "老区振兴" and t[1] == "about"]
    assert not [t for t in got if t[0] == "《闽西客家文化合作长汀共识》" and t[1] == "about" and "长汀" in t[2]]


def test_a_proposal_selected_as_a_key_proposal_is_adopted_by_the_body(blank):
    spec = [("全国政协", O), ("全国政协十四届二次会议", E), ("福建省政协", O, "省政协"),
            ("《关于支持闽西老区振兴的提案》", D), ("《关于发展林下经济的提案》", D)]
    got = triples(relate(blank, "王某某领衔提出的《关于支持闽西老区振兴的提案》，入选全国政协十四届二次会议重点提案。"
                                "《关于发展林下经济的提案》列为省政协重点督办提案。", spec))
    assert ("《关于支持闽西老区振兴的提案》", "adoptedBy", "全国政协") in got
    assert ("《关于发展林下经济的提案》", "adoptedBy", "福建省政协") in got
