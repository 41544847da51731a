"""People in passages written for these tests (invented names, other counties): names beside
posts on either side, the lists that continue them, runs of names, elections, by-lines, names
written with the middle dot; and what is never a person."""

from __future__ import annotations

import pytest

from reportgraph.extract import extract_text
from reportgraph.model import EntityType as T

MEETING = """政协某某县第九届委员会第三次会议开幕
本报讯（记者 钱某某 通讯员 孙 某）3月2日，政协石阡县第九届委员会第三次会议在县会议中心开幕。
县委书记赵某某，县委副书记、县人民政府县长 周某某，县人大常委会党组书记吴某某出席会议。县政协主席郑某某主持会议。
县上领导冯某某、陈某某、褚某某以及县政协副主席卫某某、蒋某某在主席台前排就座。
卫某、沈某某、韩某某等在主席台就座。县政协秘书长央金参加会议。
自治区人大常委会副主任乌某某·某某某出席会议。
大会选举杨某某为政协第九届石阡县委员会主席，朱某某、秦某某为副主席，尤某某等21名同志为常务委员。
广大委员树牢“四个意识”，在主席台就座的还有县人大常委会副主任。
（供稿：石阡县政协办公室 许某某）
"""


@pytest.fixture(scope="module")
def people(nlp) -> set[str]:
    x = extract_text(MEETING, doc_id="meeting", nlp=nlp)
    return {e.name for e in x.entities if e.type is T.PERSON}


@pytest.mark.parametrize("name", [
    "钱某某", "孙某",  # by-line, a name spaced out
    "赵某某", "周某某", "吴某某", "郑某某",  # after a post, with or without a space
    "冯某某", "陈某某", "褚某某", "卫某某", "蒋某某",  # a list after 领导 and after a post
    "卫某", "沈某某", "韩某某",  # a run of names before 等
    "央金",  # a name without a common surname, right after a post
    "乌某某·某某某",  # a name with the middle dot
    "杨某某", "朱某某", "秦某某", "尤某某",  # elected
    "许某某",  # a by-line after the body's name
])
def test_people_beside_posts_lists_and_by_lines(people, name):
    assert name in people


def test_words_after_posts_are_not_people(people):
    # 委员树牢“四个意识”, 主席台就座, 副主任。: no name there
    assert not {p for p in people if p in ("树牢", "台就座", "就座")}
    assert all(len(p.replace("·", "")) <= 10 for p in people)
    assert "石阡" not in people and "石阡县" not in people
