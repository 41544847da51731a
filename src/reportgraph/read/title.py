"""A report's title, worked out in one place: the read stage gives it to the report
(``Report.title``, the report's label in the graph) and the resolver reads its span.

The title is the first lines of the text until one says what the report is (中国人民政治协商会议 /
第七届磐安县委员会常务委员会工作报告), joined; letters spaced out for layout (工 作 报 告) are
closed up; a web page's navigation and by-lines before it are skipped; a subtitle after a dash
(——在…会议上) is not part of it.

>>> find_title("中国人民政治协商会议\\n第七届某某县委员会常务委员会工作报告\\n\\n各位委员：")
'中国人民政治协商会议第七届某某县委员会常务委员会工作报告'
>>> title_span("首页 > 政协文献\\n某某县人民政府工作报告\\n——2021年1月5日")
('某某县人民政府工作报告', (10, 21))
>>> find_title("过去一年，全县上下……") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportgraph.genre.words import alternation

__all__ = ["find_title", "title_span", "is_page_chrome"]

_TITLE_LONGEST = 80
_HEAD_LINES = 16  # how far into a text its title is looked for
_BODY_LINE = 1000  # a line this long is the body, whatever it holds (the patterns below are not run on it)
_STOP = re.compile(r"[。，；：:,;]")
_URL = re.compile(r"https?://|www\.|\w\.(?:gov|com|org|net|edu)\b|\.(?:cn|com|html?)\b", re.I)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DATE_HAN = re.compile(r"[年月日时分秒]")
# a dateline or session line under a title: （2021年1月5日在某某县第X届…会议上）
_DATELINE = re.compile(r"^[（(]?(?:\d{4}|[一二〇○零]{4})年[^（()）]*在[^（()）]*上[)）]?$|^[（(][^（()）]*[)）]$")


@lru_cache(maxsize=1)
def _chrome() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = re.compile(alternation("page-chrome") + "|" + alternation("page-chrome-mark"))
    field = re.compile(r"^(?:" + alternation("title-field") + r")[:：](?P<value>.+)$")
    return words, field


def is_page_chrome(line: str) -> bool:
    """Whether a line is a web page's furniture (navigation, by-line, counter, address, a
    date alone), not text of the report (words in ``genre/data/words.tsv``, page-chrome).

    >>> is_page_chrome("您当前所在位置：首页 > 新闻中心"), is_page_chrome("某某县人民政府工作报告")
    (True, False)
    """
    squeezed = re.sub(r"\s+", "", line)
    if not squeezed:
        return False
    if _URL.search(squeezed) or _chrome()[0].search(squeezed):
        return True
    # a date, a time or a counter alone (2021-03-01 08:56, • 2009-02-17, 2021年3月1日)
    return not [c for c in _HAN.findall(squeezed) if not _DATE_HAN.match(c)]


def find_title(text: str) -> str | None:
    """The report's title (see the module), ``None`` when the text opens without one."""
    found = title_span(text)
    return found[0] if found else None


def _stripped(text: str, m: re.Match[str]) -> tuple[int, int]:
    line = m.group(0)
    s = m.start() + len(line) - len(line.lstrip(" \t　#•·"))
    return s, m.start() + len(line.rstrip(" \t　"))


def _blocks(lines: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Runs of title-like lines in the text's head, chrome lines skipped, up to the body."""
    blocks: list[list[re.Match[str]]] = []
    parts: list[re.Match[str]] = []
    for m in lines[:_HEAD_LINES]:
        if len(m.group(0)) > _BODY_LINE:
            break  # a text without line breaks: no head to read (and no pattern run over all of it)
        line = m.group(0).strip(" \t　#•·")
        squeezed = re.sub(r"\s+", "", line)
        field = _chrome()[1].match(squeezed)
        if field:  # 名称：某某县政府工作报告: the page says its title
            blocks.append([m])
            parts = []
            continue
        if is_page_chrome(line):
            if parts:
                blocks.append(parts)
            parts = []
            continue
        subtitle = line[:1] in "—-－" or bool(_DATELINE.match(squeezed))
        if subtitle or len(line) > _TITLE_LONGEST or _STOP.search(line):
            if parts:
                blocks.append(parts)
            break  # a subtitle or dateline ends the head, and so does the body (各位代表：)
        parts.append(m)
        if "报告" in line or len(parts) == 4:
            blocks.append(parts)
            parts = []
    if parts:
        blocks.append(parts)
    return blocks


def title_span(text: str) -> tuple[str, tuple[int, int]] | None:
    """The title and where it lies in ``text`` (start, end), ``None`` without one.

    A page's chrome before the title is skipped; among the head's titles the fullest that
    says 报告 wins (a page title 常委会工作报告 above the report's own 中国人民政治协商会议 /
    某某县委员会常务委员会工作报告); without one, the first line of the first run.
    """
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group(0).strip(" \t　#•·")]
    if not lines:
        return None
    first = lines[0].group(0).strip(" \t　#•·")
    if first[:1] in "—-－":
        return None  # a subtitle (——在…会议上的报告) with the title missing
    blocks = _blocks(lines)
    if not blocks:
        return None
    reports = [b for b in blocks if any("报告" in m.group(0) for m in b)]
    if reports:
        parts = max(reports, key=lambda b: len(re.sub(r"\s+", "", "".join(m.group(0) for m in b))))
        while parts and "报告" not in parts[-1].group(0):
            parts = parts[:-1]
    else:
        parts = blocks[0][:1]
    s, _ = _stripped(text, parts[0])
    _, e = _stripped(text, parts[-1])
    if len(parts) == 1 and _chrome()[1].match(re.sub(r"\s+", "", text[s:e])):
        # 名 称：政府工作报告: the field's value is the title
        head = text[s:e]
        colon = max(head.find(":"), head.find("："))
        s += colon + 1
        s += len(text[s:e]) - len(text[s:e].lstrip(" \t　"))
    while e > s and text[e - 1] in "—-－ \t　":  # 某某县政协与某某市政协——
        e -= 1
    title = re.sub(r"\s+", "", text[s:e])
    dash = re.search(r"(?<=报告)[—－-]", title)
    if dash:  # 政府工作报告—2021年7月29日在…会议上: the title ends before the dash
        e = s + len(text[s:e]) - len(text[s:e].lstrip()) + text[s:e].find(title[dash.start()]) \
            if title[dash.start()] in text[s:e] else e
        title = title[:dash.start()]
    if not title or len(title) > _TITLE_LONGEST:
        return None
    return title, (s, e)
