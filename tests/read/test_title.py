"""The title rule past a web page's chrome (invented pages of invented counties)."""

from __future__ import annotations

from reportgraph.read.report import clean_text
from reportgraph.read.title import find_title, is_page_chrome, title_span


def test_a_scraped_page_header_is_skipped_to_the_title() -> None:
    text = ("# source: http://www.example.gov.cn/zxwx/2021/t1.html\n"
            "您当前所在位置：首页 > 政协文献\n\n"
            "来源：某某县政协网 | 发布时间：2021-03-01 | 浏览次数：12\n"
            "【字体：大 中 小】 打印本页 关闭窗口\n"
            "中国人民政治协商会议\n某某县第九届委员会常务委员会工作报告\n"
            "——2021年1月5日在政协某某县第九届委员会第五次会议上\n各位委员：\n")
    found = title_span(clean_text(text))
    assert found is not None
    title, (s, e) = found
    assert title == "中国人民政治协商会议某某县第九届委员会常务委员会工作报告"
    assert text[s:e].replace("\n", "") == title


def test_the_fullest_report_title_of_the_head_wins_over_a_page_title() -> None:
    text = ("当前位置：首页>新闻中心\n(九届五次会议)常委会工作报告\n来源：某某网|作者：\n"
            "中国人民政治协商会议\n某某县第九届委员会\n常务委员会工作报告\n各位委员：\n")
    assert find_title(text) == "中国人民政治协商会议某某县第九届委员会常务委员会工作报告"


def test_a_metadata_field_gives_the_title_and_a_dateline_ends_the_head() -> None:
    text = ("索 引 号：0000-2021-01\n分 类：人大文件\n名 称：政府工作报告\n文 号：\n"
            "——2021年1月5日在某某市第八届人民代表大会第一次会议上\n市长 王某某\n各位代表：\n")
    found = title_span(text)
    assert found is not None and found[0] == "政府工作报告"
    assert text[found[1][0]:found[1][1]] == "政府工作报告"
    # a dateline with no title above it: none, and the by-line under it is no title
    assert find_title("www.example.gov.cn\n2021年1月5日在某某市第八届人民代表大会第一次会议上\n"
                      "某某市市长 王某某\n各位代表：\n") is None


def test_a_news_page_headline_and_trailing_dash() -> None:
    assert find_title("首页|新闻中心|专题专栏 设为首页|收藏本站\n2021-03-01 08:56\n"
                      "某某县政协与某某市政协——\n签订友好合作协议\n3月1日，两地政协……") == "某某县政协与某某市政协"


def test_chrome_lines_and_report_lines() -> None:
    assert is_page_chrome("您的位置: 首页 > 县情动态")
    assert is_page_chrome("  • 2021-03-01    ")
    assert is_page_chrome("字号：A+ A A-")
    assert not is_page_chrome("某某县人民政府工作报告")
    assert not is_page_chrome("中国人民政治协商会议")
    assert find_title("过去一年，全县上下……") is None


def test_page_chrome_words_are_no_entities(nlp) -> None:
    from reportgraph.extract import extract_text

    page = ("您当前所在位置：首页 > 政协文献 > 新闻中心\n来源：某某县政协办公室 | 发布时间：2021-03-01\n"
            "某某县人民政府工作报告\n各位代表：\n过去一年，新闻中心和政协文献室的同志们在首页刊发稿件。")
    names = {f for e in extract_text(page, doc_id="page", nlp=nlp).entities for f in (e.name, *e.aliases)}
    assert not names & {"首页", "政协文献", "新闻中心"}
