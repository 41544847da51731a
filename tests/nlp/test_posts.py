"""People's posts: person — role — body, from passages written for the test."""

from __future__ import annotations

import pytest

from reportgraph.extract import extract_text


def _posts(nlp, text: str) -> set[tuple[str, str | None, str]]:
    x = extract_text(text, doc_id="t", nlp=nlp)
    names = {e.key: e.name for e in x.entities}
    return {(names[p.person], names.get(p.organization) if p.organization else p.organization_name, p.role)
            for p in x.posts}


@pytest.fixture(scope="module")
def meeting(nlp):
    return _posts(nlp, (
        "政协凤庆县第九届委员会第三次会议开幕\n"
        "2022年3月1日，政协凤庆县第九届委员会第三次会议开幕。县委书记王某某，县委副书记、县人民政府县长"
        "李某某出席。县政协主席张某某主持会议，副主席赵某某、钱某某出席会议。云南省政协副主席周某某讲话。"
        "会议强调，要深入学习贯彻习近平总书记重要讲话精神。"))


def test_a_body_then_a_role_before_the_name(meeting) -> None:
    assert ("张某某", "凤庆县政协", "主席") in meeting
    assert ("周某某", "云南省政协", "副主席") in meeting


def test_roles_chained_by_the_enumeration_comma_are_all_held(meeting) -> None:
    assert ("李某某", "中共凤庆县委", "副书记") in meeting
    assert ("李某某", "凤庆县人民政府", "县长") in meeting
    assert ("王某某", "中共凤庆县委", "书记") in meeting


def test_a_role_without_a_body_takes_the_post_named_before(meeting) -> None:
    assert ("赵某某", "凤庆县政协", "副主席") in meeting


def test_a_role_after_the_name(meeting) -> None:
    assert ("习近平", "中共中央", "总书记") in meeting


def test_a_bare_government_role_is_the_places_government(nlp) -> None:
    posts = _posts(nlp, "政府工作报告\n——2021年1月6日在临翔区第五届人民代表大会第一次会议上\n"
                        "区长 王某某\n各位代表：现在，我代表区人民政府向大会报告工作。")
    assert any(p[0] == "王某某" and p[2] == "区长" and p[1] and p[1].endswith("人民政府") for p in posts)


def test_no_post_without_a_role(nlp) -> None:
    assert not _posts(nlp, "凤庆县政协组织委员视察，王某某参加。")


def test_the_elected_hold_the_post_they_are_elected_to(nlp) -> None:
    posts = _posts(nlp, "政协凤庆县第十届委员会第一次会议闭幕\n2021年12月1日，大会选举王某某为凤庆县政协主席，"
                        "李某某为凤庆县政协秘书长。")
    assert ("李某某", "凤庆县政协", "秘书长") in posts


def test_the_presidium_chairs_preside_over_the_session(nlp) -> None:
    posts = _posts(nlp, "政协凤庆县第九届委员会第三次会议开幕\n2022年3月1日，政协凤庆县第九届委员会第三次会议开幕。"
                        "大会执行主席王某某、李某某在主席台前排就座。")
    assert ("王某某", "政协凤庆县第九届委员会第三次会议", "大会执行主席") in posts
    assert ("李某某", "政协凤庆县第九届委员会第三次会议", "大会执行主席") in posts


def test_a_leading_group_named_with_its_body_holds_the_post(nlp) -> None:
    posts = _posts(nlp, "凤庆县政协常委会工作报告\n县人大常委会党组书记王某某出席会议。")
    assert any(p == "王某某" and o is not None and o.endswith("人大常委会党组") and r == "书记" for p, o, r in posts)


def test_members_and_chairs_of_a_democratic_party_committee_named_alone(nlp) -> None:
    text = ("九三学社龙岩市委员会召开全会\n3月2日，九三学社龙岩市委员会召开全体会议，会议由专职副主委赵某某主持。"
            "社员王某某、李某某撰写的《关于发展龙岩林下经济的建议》获评优秀提案。九三学社龙岩市委主委钱某某出席。")
    x = extract_text(text, doc_id="t", nlp=nlp)
    committees = [e.name for e in x.entities if e.name.startswith("九三学社龙岩市")]
    assert len(committees) == 1  # 九三学社龙岩市委员会 and 九三学社龙岩市委 are one committee
    names = {e.key: e.name for e in x.entities}
    posts = {(names[p.person], names.get(p.organization)) for p in x.posts}
    for person in ("赵某某", "王某某", "李某某", "钱某某"):
        assert (person, committees[0]) in posts
