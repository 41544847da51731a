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


def test_initiatives_are_national_programmes_with_their_short_forms() -> None:
    from reportgraph.model import EntityType

    forms = load_knowledge().forms
    for alias in ("新基建", "天保工程", "长江禁渔", "营改增", "“七五”普法", "七五普法"):
        assert forms[alias].type is EntityType.INITIATIVE, alias
    # no form of the list is a guiding ideology, which is never an Initiative
    ideologies = load_knowledge().ideologies
    assert not [f for f, k in forms.items() if k.type is EntityType.INITIATIVE and f in ideologies]


def test_a_national_programme_in_a_passage_is_an_initiative(nlp) -> None:
    from reportgraph.extract import extract_text
    from reportgraph.model import EntityType

    x = extract_text("# 某某县政府工作报告\n一年来，我县推进海绵城市建设，完成城镇老旧小区改造12个，"
                     "落实减税降费政策。\n", doc_id="programmes", nlp=nlp)
    inits = {e.name for e in x.entities if e.type is EntityType.INITIATIVE}
    assert {"海绵城市建设", "城镇老旧小区改造", "减税降费"} <= inits
