"""The shipped lists: the democratic parties' short forms come from bodies.tsv."""

import re

from reportgraph.genre import grammar
from reportgraph.knowledge.lists import load_knowledge


def test_party_short_forms_are_the_first_alias_or_the_name() -> None:
    short = load_knowledge().party_short
    assert "民革" in short and "九三学社" in short  # an alias; a party with none is its own
    assert "中国国民党革命委员会" not in short
    assert all(load_knowledge().parties[s] for s in short)


def test_party_prefix_reads_the_same_list() -> None:
    assert grammar.PARTY_PREFIX.search("民盟")
    assert grammar.PARTY_PREFIX.search("九三学社")
    assert not grammar.PARTY_PREFIX.search("中共")
    assert set(re.split(r"\|", grammar.PARTY_SHORT)) == set(load_knowledge().party_short)
