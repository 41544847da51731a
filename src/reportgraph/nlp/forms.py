"""The name forms of a doc's entities: every normalised name, alias and mention text → the
entity it names, and the longest-match search of those forms in a text.

Built from the resolver's entities by the resolver (to work out the report's author and
home, :mod:`reportgraph.nlp.resolve.home`) and by the relate stage's
:class:`reportgraph.nlp.relate.context.RelationContext`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from reportgraph.model import Entity, EntityType

_QUOTES_RE = re.compile(r"[“”‘’\"'《》「」『』\s*]")


@lru_cache(maxsize=65536)
def normalize_form(text: str) -> str:
    """A name without quotes, title marks and spaces (the form names are compared in).
    Remembered: the rules ask for the same few names and gaps (、, 和, the empty string)
    thousands of times per report."""
    return _QUOTES_RE.sub("", text)


def _lengths_by_first_char(forms: dict[str, str]) -> dict[str, list[int]]:
    """The distinct lengths (two or more, longest first) of the forms opening with each
    character: the only lengths worth trying at a position of the text."""
    lengths: dict[str, set[int]] = {}
    for f in forms:
        if len(f) >= 2:
            lengths.setdefault(f[0], set()).add(len(f))
    return {c: sorted(ns, reverse=True) for c, ns in lengths.items()}


class FormIndex:
    """``by_form`` (form → entity key, the first entity with mentions wins) and ``forms``
    (key → its forms) of a set of entities; ``find_forms`` searches them in a text."""

    def __init__(self, entities: Mapping[str, Entity]) -> None:
        self.entities = entities
        self.by_form: dict[str, str] = {}
        self.forms: dict[str, set[str]] = {k: set() for k in entities}
        for e in sorted(entities.values(), key=lambda e: (len(e.mentions) == 0, e.key)):
            for form in dict.fromkeys((e.name, *e.aliases, *(m.text for m in e.mentions))):  # each once
                f = normalize_form(form)
                if len(f) >= 2:
                    self.by_form.setdefault(f, e.key)
                    self.forms[e.key].add(f)
        # per set of types: the forms of those entities, and their lengths by first character
        self._by_types: dict[frozenset[EntityType], tuple[dict[str, str], dict[str, list[int]]]] = {}

    def add(self, key: str, forms: tuple[str, ...]) -> None:
        """Index an entity added later (its forms, each kept for an earlier entity if taken)."""
        self.forms[key] = set(forms)
        for f in forms:
            self.by_form.setdefault(f, key)
        self._by_types.clear()

    def find_forms(self, text: str, types: set[EntityType]) -> list[tuple[int, int, str]]:
        """Longest known forms of entities of ``types`` inside ``text`` (normalised), left to
        right, without overlaps: ``(start, end, key)``."""
        key = frozenset(types)
        if key not in self._by_types:
            table = {f: k for f, k in self.by_form.items() if self.entities[k].type in types}
            self._by_types[key] = (table, _lengths_by_first_char(table))
        table, lengths = self._by_types[key]
        found: list[tuple[int, int, str]] = []
        i = 0
        size = len(text)
        while i < size:
            for n in lengths.get(text[i], ()):
                if n > size - i:
                    continue
                k = table.get(text[i:i + n])
                if k is not None:
                    found.append((i, i + n, k))
                    i += n
                    break
            else:
                i += 1
        return found
