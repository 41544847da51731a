"""A report's date: from its dateline or session line, its title, or what it refers to.

In order: the first full date in the text (the session line ——2021年1月10日在…会议上, a
dateline, a publication date 发布日期:2023-03-21, 15.06.2016), else a year in a heading line
(2016年政府工作报告), else the latest of the years the text names, the year after the
latest national session it refers to (贯彻党的二十大精神 → 2023) and the years of the
five-year plans it names (“十四五”开局之年 → 2021), else, for a text naming a first session of
a local term (or its term's first year as its own), the first year of its level's election
cycle at or after the latest name it uses that did not exist before (新时代: 2017). The
calendar is ``genre/data/dates.tsv``. Returns ``YYYY-MM-DD`` when the day is known, else
``YYYY``.

>>> find_date("政府工作报告\\n——2021年1月10日在某县第十八届人民代表大会第五次会议上")
'2021-01-10'
>>> find_date("发布日期:2023-03-21\\n2022年某市人大常委会工作报告")
'2023-03-21'
>>> find_date("2016年政府工作报告\\n一、过去一年")
'2016'
>>> find_date("近日，我县深入学习贯彻党的二十大精神。")
'2023'
>>> find_date("锚定2035年远景目标，到2025年基本实现。2019年以来，成效明显。")
'2019'
>>> find_date("全面贯彻十九届二中、三中、四中、五中全会精神")
'2021'
>>> find_date("“十四五”开局之年，某县实现良好开局。")
'2021'
>>> find_date("12月15日，某市政协九届一次会议开幕，加快构建新发展格局。")
'2021'
>>> find_date("12月15日，某县政协十届一次会议开幕。") is None
True
>>> find_date("没有日期") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from reportgraph.knowledge.numerals import cn_number, digit_string
from reportgraph.errors import ReportGraphError

_DATA = Path(__file__).resolve().parent.parent / "genre" / "data" / "dates.tsv"
_Y = r"((?:19|20)\d\d)"
_FULL = [
    re.compile(_Y + r"\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    re.compile(_Y + r"[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"),
]
_DMY = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(_Y + r"\s*(?:年|卷)")
_CN = "〇零一二三四五六七八九"
_CN_YEAR = re.compile("([" + _CN + "]{4})年")
_NUM = "一二三四五六七八九十"
_CONGRESS = re.compile("(?:党的|中共|党)([" + _NUM + "]{1,3})大")
_PLENUM = re.compile("([" + _NUM + "]{1,3})[届屆]((?:[一二三四五六七]中[、和及]?)+)全会")  # 十九届二中、三中全会
_NATIONAL = re.compile("全国(?:政协|人大|人民代表大会|政治协商会议)(?:第)?([" + _NUM + "]{1,3})[届屆](?:全国委员会)?(?:第)?([一二三四五六七])次")
_PLENUM_OFFSET = (0, 1, 1, 2, 3, 4, 5)
# A year that is a target or a number, not a time the report speaks from: 2035年远景目标,
# 到2025年, 2020年4736号提案.
_TARGET_AFTER = re.compile(r"\s*(?:远景|目标|前|\d)")
_TARGET_BEFORE = ("到", "至", "力争", "预计", "争取")
_TITLE_LENGTH = 60  # a heading line, not a paragraph that names a year
_SENTENCE = re.compile("[，。；,;]")  # … and no sentence


def _number(text: str) -> int:
    """一 → 1, 十三 → 13, 二十 → 20 (0 for what is not a numeral)."""
    return cn_number(text) or 0


@lru_cache(maxsize=1)
def _tables(path: Path = _DATA) -> tuple[dict[str, tuple[int, int, int]], dict[str, tuple[int, int, int]],
                                         tuple[tuple[str, int], ...]]:
    """The national sessions (kind → ordinal, year, step), the local terms (level → year,
    step, month) and the lower bounds ((name, year), longest name first) of ``dates.tsv``."""
    sessions, terms, since = {}, {}, []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        try:
            if cols[0] == "term-start":
                terms[cols[1]] = (int(cols[2]), int(cols[3]), int(cols[4]))
            elif cols[0] == "since":
                since.append((cols[1], int(cols[2])))
            else:
                sessions[cols[0]] = (int(cols[1]), int(cols[2]), int(cols[3]))
        except (IndexError, ValueError):
            raise ReportGraphError(f"{path}:{n}: expected kind, ordinal, year, step; term-start, level, year, "
                                   "step, month; or since, name, year") from None
    return sessions, terms, tuple(sorted(since, key=lambda x: -len(x[0])))


def _calendar() -> dict[str, tuple[int, int, int]]:
    return _tables()[0]


def _session_year(kind: str, ordinal: int) -> int | None:
    ordinal0, year0, step = _calendar().get(kind, (0, 0, 0))
    return year0 + step * (ordinal - ordinal0) if step and ordinal >= ordinal0 else None


def _referred_year(text: str) -> int | None:
    """The year after the latest national session the text refers to."""
    years = []
    for m in _CONGRESS.finditer(text):
        y = _session_year("party-congress", _number(m.group(1)))
        years.append(y)
    for m in _PLENUM.finditer(text):
        y = _session_year("party-congress", _number(m.group(1)))
        latest = max(_number(k) for k in re.findall("[一二三四五六七](?=中)", m.group(2)))
        years.append(y + _PLENUM_OFFSET[latest - 1] if y else None)
    for m in _NATIONAL.finditer(text):
        y = _session_year("national-session", _number(m.group(1)))
        years.append(y + _number(m.group(2)) - 1 if y else None)
    found = [y for y in years if y]
    return max(found) + 1 if found else None


def find_date(text: str, *, heading_lines: int = 4) -> str | None:
    """The report's date (``YYYY-MM-DD`` or ``YYYY``), or ``None`` when nothing dates it."""
    from reportgraph.knowledge.normalize import to_simplified

    text = to_simplified(text)
    found: list[tuple[int, str]] = []
    for pattern in _FULL:
        for m in pattern.finditer(text):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                found.append((m.start(), f"{y:04d}-{mo:02d}-{d:02d}"))
                break
    for m in _DMY.finditer(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            found.append((m.start(), f"{y:04d}-{mo:02d}-{d:02d}"))
            break
    if found:
        return min(found)[1]
    lines = [line for line in text.splitlines() if line.strip()][:heading_lines]
    for line in (line for line in lines if len(line.strip()) <= _TITLE_LENGTH and not _SENTENCE.search(line)):
        m = _YEAR.search(line)
        if m:
            return m.group(1)
    years = [int(m.group(1)) for m in _YEAR.finditer(text)
             if not _TARGET_AFTER.match(text, m.end()) and not text[max(0, m.start() - 2):m.start()].endswith(_TARGET_BEFORE)]
    years += [int(digit_string(m.group(1))) for m in _CN_YEAR.finditer(text)]
    referred = _referred_year(text)
    if referred:
        years.append(referred)
    years += _plan_years(text)
    if years:
        return str(max(years))
    term = _term_year(text)
    return str(term) if term else None


_PLAN_YEAR = re.compile("“?十([一二三四五六七八九]?)五”?(?:规划|计划)?(?:的)?(开局|收官)(?:之)?年")


def _plan_years(text: str) -> list[int]:
    """“十四五”开局之年 → 2021, “十三五”收官之年 → 2020: the five-year plans' calendar
    (``five-year-plan`` in dates.tsv)."""
    out = []
    for m in _PLAN_YEAR.finditer(text):
        start = _session_year("five-year-plan", 10 + _number(m.group(1)) if m.group(1) else 10)
        if start:
            out.append(start if m.group(2) == "开局" else start + 4)
    return out


_LEVELS = (("自治区", "province"), ("省", "province"), ("自治州", "city"), ("市", "city"), ("州", "city"),
           ("盟", "city"), ("自治县", "county"), ("县", "county"), ("旗", "county"), ("区", "county"))
_TERM_NUM = "[" + _NUM + r"\d]+"
# 某县政协十届一次会议, 政协第十届某县委员会第一次会议, 某市第八届人民代表大会第一次会议
_FIRST_SESSION = re.compile("(?P<pre>[\u4e00-\u9fff]{0,12})第?" + _TERM_NUM + "[届屆](?P<mid>[\u4e00-\u9fff]{0,14}?)"
                            "第?一次(?:全体)?会议")
_OWN_FIRST_YEAR = re.compile("本[届屆](?:政协|人大|常委会)?[^。；\n]{0,12}开局")
_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*\d{1,2}\s*日")


def _level(phrase: str) -> str | None:
    """The level of the body a session's name names (its place's last level word)."""
    best, at = None, -1
    for word, level in _LEVELS:
        i = phrase.rfind(word)
        if i > at and not (word == "区" and phrase.endswith("自治区", 0, i + 1)):
            best, at = level, i
    return best


def _term_year(text: str) -> int | None:
    """A text with no year of its own that names a first session of a local term (or its term's
    first year as its own): the first year of its level's cycle at or after its lower bound."""
    bound = max((year for name, year in _tables()[2] if name in text), default=None)
    if bound is None:
        return None
    terms = _tables()[1]
    first = _FIRST_SESSION.search(text)
    own = _OWN_FIRST_YEAR.search(text)
    if first is not None:
        level, after_start = _level(first.group("pre") + first.group("mid")), 0
    elif own is not None:
        names = re.search("第?" + _TERM_NUM + "[届屆](?P<p>[\u4e00-\u9fff]{2,14}?)委员会", text)
        level, after_start = (_level(names.group("p")) if names else None), 1
    else:
        return None
    if level not in terms:
        return None
    year0, step, month0 = terms[level]
    day = _DAY.search(text)
    late = 0 if after_start or day is None or int(day.group(1)) >= month0 else 1
    year = year0 + late + after_start
    while year < bound:
        year += step
    return year
