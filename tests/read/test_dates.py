"""A report's date: session line, dateline, heading year, or the sessions it refers to."""

from __future__ import annotations

import pytest

from reportgraph.read.dates import find_date
from reportgraph.read.report import report_from_text


@pytest.mark.parametrize("text, date", [
    ("政府工作报告\n——2019年1月8日在某市第十五届人民代表大会第四次会议上\n各位代表：", "2019-01-08"),
    ("首页 > 新闻\n发布日期：2020/08/19 浏览：12\n某县政协召开常委会议", "2020-08-19"),
    ("区域合作推进会召开\n15.06.2016  10:21\n会议在某市举行", "2016-06-15"),
    ("2016年政府工作报告\n一、2015年工作回顾", "2016"),
    ("某县政协主席会议召开\n会议传达了2017年全县经济工作会议精神，部署2018年重点工作。", "2018"),
    ("會議強調，要深入學習貫徹黨的十九大精神。", "2018"),
    ("会议传达学习了十九届四中全会精神。", "2020"),
    ("全国政协十三届二次会议期间，委员们提出建议。", "2020"),
    ("二〇一五年工作回顾", "2015"),
    ("今年是“十三五”收官之年，某县圆满完成目标任务。", "2020"),
    # a first session of a local term, dated by its level's election cycle after the lower bound
    ("1月10日，政协第九届某县委员会第一次会议开幕，发展全过程人民民主。", "2022"),
    ("12月20日，某市九届人大一次会议开幕，助推成渝地区双城经济圈建设。", "2021"),
    ("一年来，政协第十二届某省委员会常务委员会实现了本届政协良好开局，与新时代同行。", "2019"),
])
def test_the_date_found(text: str, date: str) -> None:
    assert find_date(text) == date


def test_an_undated_text_has_no_date_and_the_json_no_key() -> None:
    report = report_from_text("某县政协召开主席会议。", doc_id="d")
    assert report.date is None
    from reportgraph.model import Extraction

    assert "date" not in Extraction(report).to_json()


def test_the_report_carries_its_date_into_the_json() -> None:
    from reportgraph.model import Extraction

    report = report_from_text("政府工作报告\n——2023年1月5日在某县人民代表大会上", doc_id="d")
    assert Extraction(report).to_json()["date"] == "2023-01-05"


def test_a_first_session_with_nothing_to_bound_it_has_no_date() -> None:
    assert find_date("12月17日，政协第十届某县委员会第一次会议闭幕。") is None  # 2016? 2021?
