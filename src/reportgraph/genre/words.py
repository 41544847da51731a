"""Word lists of the genre (``genre/data/words.tsv``): slogan tails, meeting words, venues,
media, delegations, document tails, regions, compiled once.

>>> "座谈会" in genre_words("meeting")
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    text = resources.files(__package__).joinpath("data", "words.tsv").read_text(encoding="utf-8")
    sets: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, word = line.split("\t")[:2]
            sets.setdefault(name, []).append(word)
    return {k: tuple(v) for k, v in sets.items()}


def genre_words(name: str) -> tuple[str, ...]:
    """The words of one set of ``words.tsv``."""
    return _table().get(name, ())


@lru_cache(maxsize=None)
def alternation(name: str) -> str:
    """A pattern matching any word of the set, longest first."""
    return "|".join(map(re.escape, sorted(genre_words(name), key=len, reverse=True)))


@lru_cache(maxsize=None)
def in_order(name: str) -> str:
    """A pattern matching any word of the set, tried in the file's order (for patterns whose
    matches depend on which word is tried first)."""
    return "|".join(map(re.escape, genre_words(name)))
