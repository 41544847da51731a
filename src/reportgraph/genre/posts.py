"""Posts and titles as data (``genre/data/posts.tsv``): the words beside a person's name and
how they give people posts. The one reader of the table.

The recogniser reads names beside them (县长李某, 王某某副主席, 记者 张某) from ``rank``,
``before`` and ``after``; the relation stage reads people's posts from ``roles``,
``modifiers``, ``after_name`` and ``bare_body`` (compiled in :mod:`reportgraph.genre.post_roles`).

>>> p = load_posts()
>>> p.rank["副主席"], p.rank["记者"]
('deputy', 'press')
>>> bool(p.before.fullmatch("常务副县长")), bool(p.before.fullmatch("同志"))
(True, False)
>>> p.bare_body["县长"], "常务" in p.modifiers, "副" in p.rank
('government', True, False)
>>> p.prefixes[:2], "原" in p.prefixes, "原" in p.rank
(('全媒体', '常务'), True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from reportgraph.genre.prefilter import STARTS
from reportgraph.errors import ReportGraphError

# Missing trailing columns: a post recognised before and after a name, not read for posts.
_DEFAULTS = ["", "", "", "-", "-"]


@dataclass(frozen=True)
class Posts:
    """The compiled table."""

    rank: dict[str, str]  # word → head, deputy, member, staff, rep, press, group, honorific
    before: re.Pattern[str]  # a post that may stand before a name (with its prefixes)
    after: re.Pattern[str]  # a post or title that may stand after a name
    roles: tuple[str, ...] = ()  # post words the relation stage reads before a name
    modifiers: tuple[str, ...] = ()  # words that may stand before such a role (副, 常务)
    after_name: tuple[str, ...] = ()  # roles written after a name (总书记)
    bare_body: dict[str, str] = field(default_factory=dict)  # role → the body it names alone
    prefixes: tuple[str, ...] = ()  # words combining with a post after them (常务, 代理), longest first


def _openings(prefixes: list[str], words: list[str]) -> re.Pattern[str]:
    """Where a match of ``(?:prefixes)*(?:words)`` can begin: the first two characters of a
    prefix or word, a one-character prefix with the first character of what follows it, or
    a one-character word (grouped by the first character, the second as a class)."""
    items = [*prefixes, *words]
    seconds: dict[str, set[str]] = {}
    alone: set[str] = set()
    for w in items:
        if len(w) >= 2:
            seconds.setdefault(w[0], set()).add(w[1])
    for p in prefixes:
        if len(p) == 1:
            seconds.setdefault(p, set()).update(w[0] for w in items)
    alone.update(w for w in words if len(w) == 1)
    alts = [re.escape(a) + "[" + "".join(map(re.escape, sorted(bs))) + "]" for a, bs in sorted(seconds.items())]
    return re.compile("|".join([*alts, *map(re.escape, sorted(alone))]))


@lru_cache(maxsize=1)
def load_posts() -> Posts:
    """The shipped posts (compiled once)."""
    text = resources.files(__package__).joinpath("data", "posts.tsv").read_text(encoding="utf-8")
    rank: dict[str, str] = {}
    before: list[str] = []
    after: list[str] = []
    kinds: dict[str, list[str]] = {"role": [], "modifier": [], "after": []}
    bare_body: dict[str, str] = {}
    prefixes: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        word, r, where, post, body = (cols + _DEFAULTS[len(cols):])[:5]
        if post != "-":
            if post not in kinds:
                raise ReportGraphError(f"posts.tsv:{n}: post must be role, modifier, after or -, not {post!r}")
            kinds[post].append(word)
            if body != "-":
                bare_body[word] = body
        if r == "prefix":
            prefixes.append(word)  # combines with a post after it (常务副主席): never alone
            continue
        if r == "-":
            continue  # read for posts only
        rank[word] = r
        if where in ("both", "before", ""):
            before.append(word)
        if where in ("both", "after", ""):
            after.append(word)

    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    before_rx = re.compile(f"(?:{alt(prefixes)})*(?:{alt(before)})")
    STARTS[before_rx] = _openings(prefixes, before)  # person_names scans whole texts for it
    return Posts(
        rank=rank,
        before=before_rx,
        after=re.compile(f"(?:{alt(prefixes)})*(?:{alt(after)})"),
        roles=tuple(kinds["role"]),
        modifiers=tuple(kinds["modifier"]),
        after_name=tuple(kinds["after"]),
        bare_body=bare_body,
        prefixes=tuple(sorted(prefixes, key=len, reverse=True)),
    )
