"""The relation stage's post patterns, compiled once from the post table
(``genre/data/posts.tsv``, read by :func:`reportgraph.genre.posts.load_posts`): role words,
their modifiers and which body a role written without one belongs to.

>>> m = ROLE_BEFORE_NAME.search("县委常务副书记")
>>> m.group("role")
'常务副书记'
>>> BARE_BODY["县长"], BARE_BODY["总书记"]
('government', '中共中央')
"""

from __future__ import annotations

import re

from reportgraph.genre.posts import load_posts

_POSTS = load_posts()
ROLES, MODIFIERS, AFTER_NAME, BARE_BODY = (
    list(_POSTS.roles), list(_POSTS.modifiers), list(_POSTS.after_name), _POSTS.bare_body)
#: The posts that head a body (主席, 书记, 县长): who holds one signs for the body.
HEAD_POSTS = frozenset(w for w, r in _POSTS.rank.items() if r == "head")


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


#: A role (with its modifiers) at the end of a text: match it on the text before a name.
ROLE_BEFORE_NAME = re.compile(
    "(?P<role>(?:" + _alternation(MODIFIERS) + ")*(?:" + _alternation(ROLES) + "))[ \t　]*$")
#: A role right after a name (习近平总书记).
ROLE_AFTER_NAME = re.compile("(?P<role>" + _alternation(AFTER_NAME) + ")") if AFTER_NAME else None


def head_of(role: str) -> str:
    """The role without its modifiers: 常务副县长 → 县长."""
    m = re.match("(?:" + _alternation(MODIFIERS) + ")*", role)
    return role[m.end():] if m else role


#: A role at the start of a text (选举王某某为县政协主席: after 为 and the body).
ROLE_AT = re.compile("(?P<role>(?:" + _alternation(MODIFIERS) + ")*(?:" + _alternation(ROLES) + "))")
