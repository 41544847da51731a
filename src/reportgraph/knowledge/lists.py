"""Curated knowledge lists shipped in ``reportgraph/knowledge/data/`` (national bodies and the
democratic parties, national initiatives, ideologies that are not initiatives, landmarks,
surnames, national leaders) and the names the recogniser matches in text.

Each data file starts with ``#`` comment lines saying what it holds and where it comes from.

>>> k = load_knowledge()
>>> k.forms["民进"].canonical
'中国民主促进会'
>>> k.forms["住建部"].canonical
'住房和城乡建设部'
>>> "新发展理念" in k.ideologies
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from reportgraph.model import EntityType


@dataclass(frozen=True, slots=True)
class Known:
    """A name the recogniser matches as it is: its entity, type and kind."""

    canonical: str
    type: EntityType
    kind: str  # body, party, country, initiative, place, ideology, person


@dataclass(frozen=True)
class Knowledge:
    """All shipped lists."""

    forms: dict[str, Known]  # every surface form → what it names
    parties: dict[str, str]  # short and full party names → canonical full name
    party_short: tuple[str, ...]  # each party's short form (its first alias, else its name), in file order
    ideologies: frozenset[str]
    surnames: frozenset[str]
    compound_surnames: frozenset[str]


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """Load the shipped lists (cached)."""
    forms: dict[str, Known] = {}
    parties: dict[str, str] = {}
    party_short: list[str] = []

    def add(canonical: str, etype: EntityType, kind: str, aliases: list[str]) -> None:
        known = Known(canonical, etype, kind)
        for form in (canonical, *aliases):
            form = form.strip()
            if form:
                forms.setdefault(form, known)
                forms.setdefault(form.replace("“", "").replace("”", ""), known)

    for line in _lines("bodies.tsv"):
        canonical, etype, kind, *rest = line.split("\t")
        aliases = [a for a in (rest[0].split("|") if rest else []) if a]
        add(canonical, EntityType(etype), kind, aliases)
        if kind == "party":
            party_short.append(aliases[0] if aliases else canonical)
            for form in (canonical, *aliases):
                parties[form] = canonical
    for line in _lines("initiatives.tsv"):
        canonical, *rest = line.split("\t")
        add(canonical, EntityType.INITIATIVE, "initiative", [a for a in (rest[0].split("|") if rest else []) if a])
    for line in _lines("places.tsv"):
        canonical, *rest = line.split("\t")
        add(canonical, EntityType.PLACE, "place", [a for a in (rest[0].split("|") if rest else []) if a])
    for line in _lines("people.tsv"):
        canonical, *rest = line.split("\t")
        add(canonical, EntityType.PERSON, "person", [a for a in (rest[0].split("|") if rest else []) if a])
    ideologies = frozenset(ln.strip() for ln in _lines("ideologies.txt"))
    names = " ".join(_lines("surnames.txt")).split()
    return Knowledge(
        forms=forms,
        parties=parties,
        party_short=tuple(party_short),
        ideologies=ideologies,
        surnames=frozenset(n for n in names if len(n) == 1),
        compound_surnames=frozenset(n for n in names if len(n) == 2),
    )
