"""Chinese numerals, read and written in one place.

>>> cn_number("十九"), cn_number("二十三"), cn_number("两百零五"), cn_number("12"), cn_number("届")
(19, 23, 205, 12, None)
>>> to_chinese(19), to_chinese(10), to_chinese(20)
('十九', '十', '二十')
>>> digit_string("二〇二一")
'2021'
"""

from __future__ import annotations

#: The value of each Chinese digit.
DIGITS: dict[str, int] = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                          "七": 7, "八": 8, "九": 9}
_WRITTEN = "〇一二三四五六七八九"


def cn_number(s: str) -> int | None:
    """A Chinese numeral below 1000 (十九 → 19) or Arabic digits; ``None`` if it is neither."""
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in DIGITS:
            cur = DIGITS[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


def to_chinese(n: int) -> str:
    """A number below 100 as a Chinese numeral (19 → 十九)."""
    if n < 10:
        return _WRITTEN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _WRITTEN[tens]) + "十" + (_WRITTEN[ones] if ones else "")


def digit_string(s: str) -> str:
    """Chinese digits read one by one, as years are written (二〇二一 → 2021)."""
    return "".join(str(DIGITS[c]) for c in s)
