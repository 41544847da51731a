"""The relate stage on entities built by hand, over short texts of the genre written for
these tests (other counties, other provinces, a government report): never the seed."""

from __future__ import annotations

import pytest
import spacy

from reportgraph.model import EntityType
from reportgraph.nlp.pipeline import register_extensions

from builders import relate, triples  # the relate stage on entities given by hand

O, A, PL, I, D, E, PE = (EntityType.ORGANIZATION, EntityType.ADMINISTRATIVE_AREA, EntityType.PLACE,
                         EntityType.INITIATIVE, EntityType.DOCUMENT, EntityType.EVENT, EntityType.PERSON)


@pytest.fixture(scope="module")
def blank():
    register_extensions()
    return spacy.blank("zh")


FENGHUANG = [
    ("凤凰县", A, "我县", "全县"),
    ("湖南省", A, "湖南"),
    ("凤凰县政协", O, "县政协", "政协凤凰县委员会"),
    ("凤凰县政协党组", O, "县政协党组", "政协党组"),
    ("中共凤凰县委", O, "县委"),
    ("湖南省政协", O, "省政协"),
    ("中国共产党", O, "党"),
    ("人民政协", O),
    ("乡村振兴战略", I, "乡村振兴"),
    ("脱贫攻坚", I, "脱贫攻坚战"),
    ("全面从严治党", I),
    ("全域旅游", I),
]


def test_leads_implements_with_dropped_subject(blank):
    x = relate(blank, "五年来，在中共凤凰县委的坚强领导下，县政协紧紧围绕乡村振兴战略，助力打赢脱贫攻坚战。",
               FENGHUANG, author="凤凰县政协", home="凤凰县")
    t = triples(x)
    assert ("中共凤凰县委", "leads", "凤凰县政协") in t
    assert ("凤凰县政协", "implements", "乡村振兴战略") in t
    assert ("凤凰县政协", "implements", "脱贫攻坚") in t


def test_party_leads_the_cppcc_patterns(blank):
    x = relate(blank, "人民政协是中国共产党领导的多党合作和政治协商的重要机构。始终坚持党对人民政协的领导。",
               FENGHUANG, author="凤凰县政协")
    t = triples(x)
    assert ("中国共产党", "leads", "人民政协") in t
    assert ("人民政协", "leads", "凤凰县政协") not in t


def test_topics_under_discussion_are_not_implemented(blank):
    x = relate(blank, "围绕“全域旅游”“乡村振兴”等议题开展协商，召开全面从严治党工作通报会。", FENGHUANG,
               author="凤凰县政协")
    assert not [r for r in x.relations if r.predicate.value == "implements"]


def test_internal_organ_is_the_bearer_and_part_of_its_body(blank):
    x = relate(blank, "要严格落实县政协党组全面从严治党主体责任。", FENGHUANG, author="凤凰县政协")
    t = triples(x)
    assert ("凤凰县政协党组", "implements", "全面从严治党") in t
    assert ("凤凰县政协", "implements", "全面从严治党") not in t
    assert ("凤凰县政协党组", "partOf", "凤凰县政协") in t
    assert ("凤凰县政协党组", "locatedIn", "凤凰县") not in t


def test_enumeration_distributes_the_head_and_collective_links_members(blank):
    spec = [
        ("凤凰县", A, "我县"), ("湖北省", A), ("恩施市", A, "湖北省恩施市"), ("贵州省", A),
        ("镇远县", A, "贵州省镇远县"), ("广西壮族自治区", A), ("阳朔县", A),
        ("凤凰县政协", O, "县政协"), ("恩施市政协", O), ("镇远县政协", O), ("阳朔县政协", O),
        ("武陵山片区政协协作联盟", O, "三县(市)政协"),
        ("武陵山片区政协第二次协作会", E, "第二次协作会"),
        ("《沱江宣言》", D),
    ]
    text = ("与湖北省恩施市、贵州省镇远县和阳朔县政协多次协商，组建武陵山片区政协协作联盟。"
            "武陵山片区政协第二次协作会在我县召开期间，三县(市)政协共同签署《沱江宣言》。")
    x = relate(blank, text, spec, author="凤凰县政协", home="凤凰县")
    t = triples(x)
    for body in ("凤凰县政协", "恩施市政协", "镇远县政协", "阳朔县政协"):
        assert (body, "memberOf", "武陵山片区政协协作联盟") in t
        assert (body, "authored", "《沱江宣言》") in t
        assert (body, "participatedIn", "武陵山片区政协第二次协作会") in t
    assert ("武陵山片区政协协作联盟", "authored", "《沱江宣言》") in t
    assert ("武陵山片区政协第二次协作会", "locatedIn", "凤凰县") in t
    assert ("恩施市", "locatedIn", "湖北省") in t
    assert ("镇远县政协", "locatedIn", "镇远县") in t
    # an organ named only through the enumeration has the enumeration's sentence as evidence
    rel = next(r for r in x.relations if (r.subject, r.predicate.value) == ("镇远县政协", "locatedIn"))
    assert rel.evidence[0].text.startswith("与湖北省恩施市")


def test_authored_adopted_and_titles(blank):
    spec = FENGHUANG + [
        ("《凤凰文史》", D), ("《沱江记忆》", D), ("《助力乡村振兴倡议书》", D),
        ("《关于加快全域旅游发展的建议》", D), ("《凤凰县乡村振兴规划》", D),
        ("全国政协2021年0123号提案", D, "0123号提案"), ("全国政协", O),
    ]
    text = ("编印了《凤凰文史》《沱江记忆》等文史资料，向全县政协委员发出《助力乡村振兴倡议书》。"
            "共报送社情民意信息80条，其中《关于加快全域旅游发展的建议》等5条信息被省政协采用。"
            "参与《凤凰县乡村振兴规划》协商，跟踪全国政协2021年0123号提案办理。")
    x = relate(blank, text, spec, author="凤凰县政协", home="凤凰县")
    t = triples(x)
    for d in ("《凤凰文史》", "《沱江记忆》", "《助力乡村振兴倡议书》", "《关于加快全域旅游发展的建议》"):
        assert ("凤凰县政协", "authored", d) in t
    assert ("《关于加快全域旅游发展的建议》", "adoptedBy", "湖南省政协") in t
    assert ("《助力乡村振兴倡议书》", "about", "乡村振兴战略") in t
    assert ("《关于加快全域旅游发展的建议》", "about", "全域旅游") in t
    assert ("《凤凰县乡村振兴规划》", "about", "凤凰县") in t
    assert ("凤凰县", "implements", "乡村振兴战略") in t
    assert ("全国政协2021年0123号提案", "adoptedBy", "全国政协") in t
    assert ("凤凰县政协", "authored", "《凤凰县乡村振兴规划》") not in t


def test_participation_and_event_bodies(blank):
    spec = FENGHUANG + [
        ("湘西州政协", O, "州政协"), ("国家民委", O),
        ("湘西州政协十二届三次会议", E), ("庆祝建州70周年书画展", E),
        ("“民族团结进步”协商座谈会", E), ("中共二十大", E, "党的二十大"),
    ]
    text = ("国家民委有关同志应邀参加会议。县政协列席湘西州政协十二届三次会议，积极参与州政协庆祝建州70周年书画展，"
            "召开“民族团结进步”协商座谈会。认真学习贯彻党的二十大精神。")
    x = relate(blank, text, spec, author="凤凰县政协", home="凤凰县")
    t = triples(x)
    assert ("凤凰县政协", "participatedIn", "湘西州政协十二届三次会议") in t
    assert ("凤凰县政协", "participatedIn", "庆祝建州70周年书画展") in t
    assert ("湘西州政协", "participatedIn", "庆祝建州70周年书画展") in t
    assert ("凤凰县政协", "participatedIn", "“民族团结进步”协商座谈会") in t
    assert ("凤凰县政协", "participatedIn", "中共二十大") not in t
    assert ("国家民委", "participatedIn", "湘西州政协十二届三次会议") not in t  # another sentence


def test_government_report_area_subject_and_local_areas(blank):
    spec = [
        ("巍山县", A, "我县", "全县", "巍山彝族回族自治县"), ("云南省", A), ("大理白族自治州", A, "大理州"),
        ("巍山县人民政府", O, "县政府"), ("中共巍山县委", O, "县委"),
        ("南诏镇", A), ("雄安新区", A), ("乡村振兴战略", I), ("“十四五”规划", I),
    ]
    text = ("过去一年，我县深入实施乡村振兴战略，南诏镇完成提质改造。县政府按照“十四五”规划部署，主动对接雄安新区。"
            "云南省大理白族自治州巍山彝族回族自治县人民政府工作报告。")
    x = relate(blank, text, spec, author="巍山县人民政府", home="巍山县")
    t = triples(x)
    assert ("巍山县", "implements", "乡村振兴战略") in t
    assert ("巍山县人民政府", "implements", "“十四五”规划") in t
    assert ("南诏镇", "locatedIn", "巍山县") in t
    assert ("雄安新区", "locatedIn", "巍山县") not in t
    assert ("巍山县人民政府", "locatedIn", "巍山县") in t
    assert ("大理白族自治州", "locatedIn", "云南省") in t


def test_evidence_points_at_the_sentence_and_merges(blank):
    text = "县政协助力乡村振兴战略。\n在县委的领导下，县政协推进乡村振兴战略。"
    x = relate(blank, text, FENGHUANG, author="凤凰县政协", home="凤凰县")
    rel = next(r for r in x.relations if (r.subject, r.predicate.value, r.object)
               == ("凤凰县政协", "implements", "乡村振兴战略"))
    assert len(rel.evidence) == 2
    for ev in rel.evidence:
        assert ev.text == text[ev.start:ev.end]
        assert ev.method.startswith("cue:")
    assert {ev.method for ev in rel.evidence} == {"cue:助力", "cue:推进"}
    for r in x.relations:
        for ev in r.evidence:
            assert ev.is_textual or (ev.source and ev.start is None)


def test_hierarchy_from_knowledge(blank):
    x = relate(blank, "湖南省凤凰县政协。", FENGHUANG, author="凤凰县政协")
    rel = next(r for r in x.relations if (r.subject, r.object) == ("凤凰县", "湖南省"))
    assert any(not ev.is_textual and ev.source for ev in rel.evidence)
    assert any(ev.method == "grammar:address" for ev in rel.evidence)


def test_component_declares_requires_and_assigns():
    from reportgraph.extract import load_pipeline

    nlp = load_pipeline()
    meta = nlp.get_pipe_meta("reportgraph_relate")
    assert "doc._.rg_relations" in meta.assigns
    assert "doc._.rg_entities" in meta.requires
    assert nlp.pipe_names.index("reportgraph_relate") > nlp.pipe_names.index("reportgraph_resolve")


def test_leadership_needs_its_grammar(blank):
    spec = FENGHUANG + [("凤凰县人民政府", O, "县政府"), ("《沱江流域治理调研报告》", D), ("沱江", PL)]
    text = ("在县委、县政府的正确领导下，县政协围绕沱江流域治理开展调研，形成《沱江流域治理调研报告》。"
            "省政协领导来我县调研。县政协的领导班子。")
    x = relate(blank, text, spec, author="凤凰县政协", home="凤凰县")
    t = triples(x)
    assert ("中共凤凰县委", "leads", "凤凰县政协") in t
    assert ("凤凰县人民政府", "leads", "凤凰县政协") in t
    assert ("湖南省政协", "leads", "凤凰县政协") not in t
    assert ("凤凰县政协", "authored", "《沱江流域治理调研报告》") in t
    assert ("《沱江流域治理调研报告》", "about", "沱江") in t


def test_committees_adopters_and_late_objects(blank):
    spec = [
        ("阆中市", A, "全市"), ("阆中市政协", O, "市政协"), ("中共阆中市委", O, "市委"),
        ("阆中市人民政府", O, "市政府"), ("南充市政协", O), ("四川省政协", O), ("中国共产党", O, "中共"),
        ("中共南充市委", O), ("阆中市政协提案委员会", O, "提案委员会"), ("阆中市政协经济委员会", O, "经济委员会"),
        ("民革阆中市支部", O), ("嘉陵江", PL), ("阆中古城", PL), ("李明", PE),
        ("《关于加快阆中古城旅游发展的提案》", D), ("“嘉陵江生态保护”协商座谈会", E),
    ]
    text = ("市政协下设提案委员会、经济委员会等专门委员会。"
            "市政协与南充市政协联合举办“嘉陵江生态保护”协商座谈会，邀请四川省政协副主席李明出席。"
            "民革阆中市支部提交的《关于加快阆中古城旅游发展的提案》被市委、市政府采纳。中共南充市委。")
    x = relate(blank, text, spec, author="阆中市政协", home="阆中市")
    t = triples(x)
    for c in ("阆中市政协提案委员会", "阆中市政协经济委员会"):
        assert (c, "partOf", "阆中市政协") in t
        assert (c, "locatedIn", "阆中市") not in t
    assert ("中共南充市委", "partOf", "中国共产党") not in t
    doc = "《关于加快阆中古城旅游发展的提案》"
    assert (doc, "adoptedBy", "中共阆中市委") in t and (doc, "adoptedBy", "阆中市人民政府") in t
    assert ("民革阆中市支部", "authored", doc) in t and (doc, "about", "阆中古城") in t
    event = "“嘉陵江生态保护”协商座谈会"
    for who in ("阆中市政协", "南充市政协", "李明"):
        assert (who, "participatedIn", event) in t
    assert (event, "about", "嘉陵江") in t


def test_drafter_before_dui_and_active_adoption(blank):
    spec = FENGHUANG + [("湖南省生态环境厅", O, "省生态环境厅"), ("《沱江水污染防治规划》", D),
                        ("《关于发展村集体经济的建议》", D), ("凤凰县人民政府", O, "县政府")]
    text = ("县政协组织委员专题调研，促进了省生态环境厅对《沱江水污染防治规划》的编制工作。"
            "专报县委、县政府的《关于发展村集体经济的建议》，得到了县委、县政府的采纳。")
    x = relate(blank, text, spec, author="凤凰县政协", home="凤凰县")
    t = triples(x)
    assert ("凤凰县政协", "authored", "《沱江水污染防治规划》") not in t
    assert ("湖南省生态环境厅", "authored", "《沱江水污染防治规划》") in t
    assert ("凤凰县政协", "authored", "《关于发展村集体经济的建议》") in t
    for body in ("中共凤凰县委", "凤凰县人民政府"):
        assert ("《关于发展村集体经济的建议》", "adoptedBy", body) in t


# Whole passages of the genre with the relations a reader states for them are fixture files:
# tests/fixtures/passages/*.txt + .json, run by tests/nlp/test_passages.py.


def test_author_from_a_heading_over_several_lines(blank):
    spec = [("磐安县", A), ("磐安县政协", O, "县政协常委会"), ("中共磐安县委", O), ("磐安县人民政府", O),
            ("乡村振兴战略", I)]
    text = ("中国人民政治协商会议\n第七届磐安县委员会常务委员会工作报告\n各位委员:\n"
            "一年来,在中共磐安县委的领导下,紧紧围绕乡村振兴战略,认真履行职能。\n")
    x = relate(blank, text, spec)  # the resolver named no author
    t = triples(x)
    assert ("磐安县政协", "implements", "乡村振兴战略") in t
    assert ("中共磐安县委", "leads", "磐安县政协") in t


def test_an_address_prefix_names_no_organ(blank):
    spec = [("山西省", A), ("代县", A), ("代县政协", O), ("《代县建言》", D)]
    x = relate(blank, "山西省代县政协签署《代县建言》。", spec)
    assert {e.name for e in x.entities} == {"山西省", "代县", "代县政协", "《代县建言》"}
    assert ("代县政协", "authored", "《代县建言》") in triples(x)


# ---------------------------------------------------------------- attendance and the report's body

def _rels(nlp, text: str, predicate: str) -> set[tuple[str, str]]:
    from reportgraph.extract import extract_text

    x = extract_text(text, doc_id="t", nlp=nlp)
    names = {e.key: e.name for e in x.entities}
    return {(names[r.subject], names[r.object]) for r in x.relations if r.predicate.value == predicate}


def test_attendees_named_before_the_cue_attend_the_meeting(nlp) -> None:
    rels = _rels(nlp, "政协凤庆县第九届委员会第三次会议开幕\n2022年3月1日，政协凤庆县第九届委员会第三次会议"
                      "在县会议中心开幕。县委书记王某某，县委副书记、县人民政府县长李某某出席并讲话。县政协主席张某某主持会议。"
                      "会议强调，要深入学习贯彻习近平总书记重要讲话精神。", "participatedIn")
    session = "政协凤庆县第九届委员会第三次会议"
    assert {("王某某", session), ("李某某", session), ("张某某", session), ("中共凤庆县委", session)} <= rels
    assert ("习近平", session) not in rels  # 讲话精神: no attendance


def test_a_cue_with_another_object_is_no_attendance(nlp) -> None:
    rels = _rels(nlp, "政协凤庆县第九届委员会第三次会议闭幕。会后，县政协主席张某某参加脱贫攻坚调研。", "participatedIn")
    assert ("张某某", "政协凤庆县第九届委员会第三次会议") not in rels


def test_a_report_named_after_its_body_is_its_work(nlp) -> None:
    rels = _rels(nlp, "临翔区人民政府工作报告\n——2021年1月6日在临翔区第五届人民代表大会第一次会议上\n"
                      "各位代表：现在，我代表区人民政府向大会报告工作。", "authored")
    assert any(s == "临翔区人民政府" and "工作报告" in o for s, o in rels)


def test_the_session_line_names_who_delivers_the_report_there(nlp) -> None:
    rels = _rels(nlp, "政府工作报告\n——2021年1月6日在临翔区第五届人民代表大会第一次会议上\n区长 王某某\n"
                      "各位代表：现在，我代表区人民政府向大会报告工作。", "participatedIn")
    assert ("王某某", "临翔区第五届人民代表大会第一次会议") in rels


def test_a_reporter_under_the_session_line_delivers_nothing(nlp) -> None:
    rels = _rels(nlp, "政府工作报告\n——2021年1月6日在临翔区第五届人民代表大会第一次会议上\n记者 王某某\n"
                      "各位代表：现在，我代表区人民政府向大会报告工作。", "participatedIn")
    assert not any(s == "王某某" for s, _o in rels)


def test_what_a_meeting_approves_is_adopted_by_its_body(nlp) -> None:
    rels = _rels(nlp, "凤庆县政协召开主席会议。经凤庆县政协主席会议审定，《关于发展茶产业的提案》等提案确定为重点提案。",
                 "adoptedBy")
    assert ("《关于发展茶产业的提案》", "凤庆县政协") in rels


def test_achieving_a_plan_implements_it(nlp) -> None:
    rels = _rels(nlp, "凤庆县政协常委会工作报告\n一年来，县政协圆满完成“十四五”规划确定的目标任务。", "implements")
    assert ("凤庆县政协", "“十四五”规划") in rels


def test_attending_a_meeting_and_its_activities(nlp) -> None:
    rels = _rels(nlp, "凤庆县第二届茶文化节开幕。县委书记王某某出席开幕式及相关活动。", "participatedIn")
    assert any(s == "王某某" and "茶文化节" in o for s, o in rels)


def test_a_name_right_before_a_title_wrote_it(nlp) -> None:
    rels = _rels(nlp, "九三学社凤庆县委员会获优秀提案奖。其中，社员王某某、李某某《关于发展茶产业的建议》获奖。",
                 "authored")
    assert {("王某某", "《关于发展茶产业的建议》"), ("李某某", "《关于发展茶产业的建议》")} <= rels


def test_the_bodies_heading_an_agreement_are_its_parties(nlp) -> None:
    rels = _rels(nlp, "两地举行合作座谈会，会上签署了《云南省人民政府 贵州省人民政府战略合作框架协议》。", "authored")
    doc = "《云南省人民政府 贵州省人民政府战略合作框架协议》"
    assert {("云南省人民政府", doc), ("贵州省人民政府", doc)} <= {(s, o if o.startswith("《") else f"《{o}》")
                                                              for s, o in rels}


def test_those_listed_after_an_attendance_cue_attend(nlp) -> None:
    rels = _rels(nlp, "政协凤庆县第十届委员会第一次会议闭幕\n2021年12月1日，政协凤庆县第十届委员会第一次会议闭幕。"
                      "应邀出席闭幕会的还有：县委书记王某某，县人大常委会主任李某某。", "participatedIn")
    session = "政协凤庆县第十届委员会第一次会议"
    assert {("王某某", session), ("李某某", session)} <= rels


def test_a_session_named_only_in_its_agenda_is_still_the_meeting(nlp) -> None:
    rels = _rels(nlp, "县领导王某某、李某某在大会主席台就座。大会审议通过了政协凤庆县第十届委员会第一次会议议程。",
                 "participatedIn")
    assert ("王某某", "政协凤庆县第十届委员会第一次会议") in rels


@pytest.mark.parametrize("text, found", [
    ("在党的坚强领导下，全县", [(1, 2)]), ("党对政协工作的领导", [(0, 1)]), ("入党的领导", []),
    ("政党的领导", []), ("全党对此", []), ("党的建设", []), ("党的领导、党对", [(0, 1), (5, 6)]),
])
def test_the_party_named_bare(text, found):
    """党 before 的(坚强)领导 or 对, not after 入/政/全… (the lookbehind follows the 党 it checks,
    so the engine skips to each 党: the same spans as the lookbehind before it)."""
    import re

    from reportgraph.nlp.relate.patterns import _PARTY_RE

    leading = re.compile(r"(?<![政入建参本各该全政])党(?=的(?:坚强|全面|集中统一|绝对)?领导|对)")
    assert [m.span() for m in _PARTY_RE.finditer(text)] == found
    for pos in range(len(text) + 1):
        assert [m.span() for m in _PARTY_RE.finditer(text, pos)] == [m.span() for m in leading.finditer(text, pos)]
