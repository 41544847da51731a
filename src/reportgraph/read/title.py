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

__all__ = ["find_title", "title_span"]

# Lines of a web page before a report's title: navigation, by-lines, counters.
_PAGE_CHROME = re.compile(r"[|>»]|首页|位置|导航|来源[:：]|发布时间|浏览次数|访问量|关联稿件|字体|日期[:：]|^\s*[（(]")
_TITLE_LONGEST = 80


def find_title(text: str) -> str | None:
    """The report's title (see the module), ``None`` when the text opens without one."""
    found = title_span(text)
    return found[0] if found else None


def title_span(text: str) -> tuple[str, tuple[int, int]] | None:
    """The title and where it lies in ``text`` (start, end), ``None`` without one."""
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group(0).strip(" \t　#")]
    if not lines:
        return None
    # a page's navigation and by-lines before the title (首页 > 政协文献, 来源：…): skipped
    # when a title saying 报告 follows
    skip = 0
    while skip < min(len(lines) - 1, 10) and _PAGE_CHROME.search(lines[skip].group(0)):
        skip += 1
    if skip and any("报告" in m.group(0) for m in lines[skip:skip + 6]):
        lines = lines[skip:]
    parts = []
    if lines[0].group(0).strip(" \t　#")[:1] in "—-－":
        return None  # a subtitle (——在…会议上的报告) with the title missing
    for m in lines[:4]:
        line = m.group(0).strip(" \t　#")
        if len(line) > _TITLE_LONGEST or re.search(r"[。，；：:,;]", line) or (parts and line[:1] in "—-－(（"):
            break
        parts.append(m)
        if "报告" in line:
            break
    if not parts:
        return None
    if not any("报告" in p.group(0) for p in parts):
        parts = parts[:1]
    first, last = parts[0], parts[-1]
    s = first.start() + (len(first.group(0)) - len(first.group(0).lstrip(" \t　#")))
    e = last.start() + len(last.group(0).rstrip(" \t　"))
    title = re.sub(r"\s+", "", text[s:e])
    dash = re.search(r"(?<=报告)[—－-]", title)
    if dash:  # 政府工作报告—2021年7月29日在…会议上: the title ends before the dash
        e = s + len(text[s:e]) - len(text[s:e].lstrip()) + text[s:e].find(title[dash.start()]) \
            if title[dash.start()] in text[s:e] else e
        title = title[:dash.start()]
    if len(title) > _TITLE_LONGEST:
        return None
    return title, (s, e)
