"""Posts and titles as data (``genre/data/posts.tsv``): the words beside a person's name.

The recogniser reads names beside them (县长李某, 王某某副主席, 记者 张某); the relation stage
reads people's posts from them.

>>> p = load_posts()
>>> p.rank["副主席"], p.rank["记者"]
('deputy', 'press')
>>> bool(p.before.fullmatch("常务副县长")), bool(p.before.fullmatch("同志"))
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Words that combine with a post before it: 常务副主席, 代理县长, 党组书记, 专职副主委.
PREFIXES = ("常务", "代理", "代", "党组", "专职", "执行", "驻会", "一级", "二级", "原", "时任", "前任", "全媒体")


@dataclass(frozen=True)
class Posts:
    """The compiled table."""

    rank: dict[str, str]  # word → head, deputy, member, staff, rep, press, group, honorific
    before: re.Pattern[str]  # a post that may stand before a name (with its prefixes)
    after: re.Pattern[str]  # a post or title that may stand after a name


@lru_cache(maxsize=1)
def load_posts() -> Posts:
    """The shipped posts (compiled once)."""
    text = resources.files(__package__).joinpath("data", "posts.tsv").read_text(encoding="utf-8")
    rank: dict[str, str] = {}
    before: list[str] = []
    after: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, r, where = (line.split("\t") + ["", ""])[:3]
        rank[word] = r
        if where in ("both", "before", ""):
            before.append(word)
        if where in ("both", "after", ""):
            after.append(word)

    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    prefixes = alt(list(PREFIXES))
    return Posts(
        rank=rank,
        before=re.compile(f"(?:{prefixes})*(?:{alt(before)})"),
        after=re.compile(f"(?:{prefixes})*(?:{alt(after)})"),
    )
