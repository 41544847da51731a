"""Joint bodies of several areas and their members, in passages written for these tests."""

from __future__ import annotations

import pytest

from reportgraph.extract import extract_text
from reportgraph.model import EntityType as T
from reportgraph.model import Predicate as P
from reportgraph.nlp.recognize.joint import count_of

PASSAGE = """# 政协某某县委员会常务委员会工作报告

一年来，闽粤赣三省政协联合在龙岩市召开协作会议，县政协派员参加。
2023年某某江流域五市政协主席座谈会召开，五市政协通报了各地水污染防治情况。
宁德、南平、三明三市政协联合开展视察，形成调研报告。
江苏、安徽、山东三省政协农业农村委参加视察。
"""


@pytest.fixture(scope="module")
def x(nlp):
    return extract_text(PASSAGE, doc_id="joint", nlp=nlp)


def orgs(x):
    return {e.name: e for e in x.entities if e.type is T.ORGANIZATION}


def members(x, body):
    return {r.subject for r in x.relations if r.predicate is P.MEMBER_OF and r.object == body}


def test_abbreviation_run_names_a_joint_body_with_its_provinces_as_members(x):
    assert "闽粤赣三省政协" in orgs(x)
    assert members(x, "闽粤赣三省政协") == {"福建省政协", "广东省政协", "江西省政协"}
    r = next(r for r in x.relations if r.subject == "福建省政协" and r.predicate is P.MEMBER_OF)
    assert "闽粤赣三省政协联合在龙岩市" in r.evidence[0].text  # the sentence is the evidence
    # a joint body is located in none of its members' areas, nor in the host city
    assert not [r for r in x.relations if r.subject == "闽粤赣三省政协" and r.predicate is P.LOCATED_IN]


def test_a_basin_body_is_named_and_a_bare_count_refers_to_it(x):
    body = orgs(x).get("某某江流域五市政协")
    assert body is not None
    assert "五市政协" in body.aliases
    # the meeting of its chairs is not the body
    assert not any(n.endswith("座谈会") for n in orgs(x))


def test_enumerated_areas_acting_together_are_a_body_with_members(x):
    assert "宁德、南平、三明三市政协" in orgs(x)
    assert members(x, "宁德、南平、三明三市政协") == {"宁德市政协", "南平市政协", "三明市政协"}


def test_units_of_each_body_are_not_a_joint_body(x):
    assert not any(n.startswith("江苏、安徽、山东") for n in orgs(x))
    # but the unit of each of them
    assert {"江苏省政协农业农村委", "安徽省政协农业农村委", "山东省政协农业农村委"} <= set(orgs(x))


def test_provinces_abbreviated_with_a_count_are_the_bodies_of_each(nlp):
    """湘黔渝三省政协 围绕… (no region, not acting together): the three provinces' bodies."""
    y = extract_text("# 政协荔波县委员会常务委员会工作报告\n"
                     "近年来，全国政协和湘黔渝三省政协围绕武陵山区生态保护召开协作推进会。\n", doc_id="j4", nlp=nlp)
    assert not any("三省政协" in n for n in orgs(y))
    assert {"湖南省政协", "贵州省政协", "重庆市政协"} <= set(orgs(y))
    assert not [r for r in y.relations if r.predicate is P.MEMBER_OF]


def test_a_joint_body_inside_an_events_name_is_a_body_of_its_own(nlp):
    """The body is named only inside the event's name: both are entities, the body takes part."""
    y = extract_text("# 某某县政协工作报告\n6月，2024年某某河流域三市政协主席联合视察活动在某某县举行。\n",
                     doc_id="j5", nlp=nlp)
    event = next(e.name for e in y.entities if e.type is T.EVENT and "联合视察" in e.name)
    assert event.startswith("2024年某某河流域三市政协")
    assert "某某河流域三市政协" in orgs(y)
    assert ("某某河流域三市政协", P.PARTICIPATED_IN, event) in {(r.subject, r.predicate, r.object) for r in y.relations}


def test_a_standing_meeting_of_several_bodies_and_its_numbered_session(nlp):
    """…三省政协主席座谈会 is the standing meeting (a body with the bodies as members);
    …座谈会第三次会议 is the event it holds."""
    y = extract_text("# 某某县政协工作报告\n9月，武陵山区湘鄂渝黔四省市政协主席座谈会第三次会议在张家界市召开。"
                     "湘鄂渝黔四省市政协主席座谈会是四省市交流的重要平台。\n", doc_id="j6", nlp=nlp)
    body = "武陵山区湘鄂渝黔四省市政协主席座谈会"
    assert body in orgs(y) and "湘鄂渝黔四省市政协主席座谈会" in orgs(y)[body].aliases
    session = body + "第三次会议"
    assert session in {e.name for e in y.entities if e.type is T.EVENT}
    triples = {(r.subject, r.predicate, r.object) for r in y.relations}
    assert (body, P.PARTICIPATED_IN, session) in triples
    assert {"湖南省政协", "湖北省政协", "重庆市政协", "贵州省政协"} <= members(y, body)


def test_the_count_must_match_the_enumeration(nlp):
    y = extract_text("# 某某县政协工作报告\n宁德、南平两市政协联合开展视察。\n", doc_id="j2", nlp=nlp)
    assert "宁德、南平两市政协" in orgs(y)
    z = extract_text("# 某某县政协工作报告\n宁德、南平三市政协联合开展视察。\n", doc_id="j3", nlp=nlp)
    assert not any("宁德、南平" in n for n in orgs(z))


def test_counts():
    assert [count_of(w) for w in ("两", "三", "十", "十二", "7", "某")] == [2, 3, 10, 12, 7, None]


def test_a_meeting_of_a_basin_body_is_about_the_basin(x):
    meeting = next(e.name for e in x.entities if e.type is T.EVENT and e.name.endswith("五市政协主席座谈会"))
    about = {r.object for r in x.relations if r.subject == meeting and r.predicate is P.ABOUT}
    assert about == {"某某江"}  # the joint body's name hides the basin no longer
