"""Word lists of the genre (``genre/data/words.tsv``): slogan tails, meeting words, venues,
media, delegations, document tails, regions, compiled once.

>>> "座谈会" in genre_words("meeting")
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from reportgraph.errors import ReportGraphError


@lru_cache(maxsize=1)
def _read() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    text = resources.files(__package__).joinpath("data", "words.tsv").read_text(encoding="utf-8")
    sets: dict[str, list[str]] = {}
    types: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            name, word, *rest = line.split("\t")
            sets.setdefault(name, []).append(word)
            if rest and rest[0]:
                if types.setdefault(word, rest[0]) != rest[0]:
                    raise ReportGraphError(f"words.tsv line {n}: {word} is given two name types, "
                                           f"{types[word]} and {rest[0]}; give it one")
    return {k: tuple(v) for k, v in sets.items()}, types


def _table() -> dict[str, tuple[str, ...]]:
    return _read()[0]


def name_types() -> dict[str, str]:
    """The words of ``words.tsv`` whose third column says what a name the statistical NER
    proposes is when it ends in them (日报 → Organization, 博物馆 → Place, 有关 → generic);
    the rest of those tails are in ``name_tails.tsv``.

    >>> name_types()["日报"], name_types()["博物馆"]
    ('Organization', 'Place')
    """
    return _read()[1]


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
