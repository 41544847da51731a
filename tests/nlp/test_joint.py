"""Joint bodies of several areas and their members, in passages written for these tests."""

from __future__ import annotations

import pytest

from reportgraph.extract import extract_text
from reportgraph.model import EntityType as T
from reportgraph.model import Predicate as P
from reportgraph.nlp.recognize.joint import count_of

PASSAGE = """# 政协某某县委员会常务委员会工作报告

一年来，闽粤赣三省政协在龙岩市召开协作会议，县政协派员参加。
2023年某某江流域五市政协主席座谈会召开，五市政协通报了各地水污染防治情况。
宁德、南平、三明三市政协联合开展视察，形成调研报告。
云南、贵州、四川三省政协人资环委参加视察。
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
    assert "闽粤赣三省政协在龙岩市" in r.evidence[0].text  # the sentence is the evidence
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
    assert not any(n.startswith("云南、贵州、四川") for n in orgs(x))


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
