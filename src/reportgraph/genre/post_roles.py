"""The genre's post words, loaded once from ``genre/data/post_roles.tsv``: role words, their
modifiers and which body a role written without one belongs to.

>>> m = ROLE_BEFORE_NAME.search("县委常务副书记")
>>> m.group("role")
'常务副书记'
>>> BARE_BODY["县长"], BARE_BODY["总书记"]
('government', '中共中央')
"""

from __future__ import annotations

import re
from pathlib import Path

from reportgraph.errors import ReportGraphError

_PATH = Path(__file__).resolve().parent / "data" / "post_roles.tsv"


def _load(path: Path = _PATH) -> tuple[list[str], list[str], list[str], dict[str, str]]:
    roles, modifiers, after, body = [], [], [], {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or cols[1] not in ("role", "modifier", "after"):
            raise ReportGraphError(f"{path}:{n}: expected word, kind (role, modifier, after), body")
        word, kind, where = cols
        {"role": roles, "modifier": modifiers, "after": after}[kind].append(word)
        if where != "-":
            body[word] = where
    return roles, modifiers, after, body


ROLES, MODIFIERS, AFTER_NAME, BARE_BODY = _load()


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
