"""A report's date: from its dateline or session line, its title, or what it refers to.

In order: the first full date in the text (the session line ——2021年1月10日在…会议上, a
dateline, a publication date 发布日期:2023-03-21, 15.06.2016), else a year in a heading line
(2016年政府工作报告), else the latest of the years the text names and the year after the
latest national session it refers to (贯彻党的二十大精神 → 2023; the calendar is
``genre/data/dates.tsv``). Returns ``YYYY-MM-DD`` when the day is known, else ``YYYY``.

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
def _calendar(path: Path = _DATA) -> dict[str, tuple[int, int, int]]:
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        try:
            out[cols[0]] = (int(cols[1]), int(cols[2]), int(cols[3]))
        except (IndexError, ValueError):
            raise ReportGraphError(f"{path}:{n}: expected kind, ordinal, year, step") from None
    return out


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
    return str(max(years)) if years else None
