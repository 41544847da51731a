"""The regex prefilter gives exactly ``re.finditer``'s matches, for every pattern of the
grammar and of the recognition rules, on passages of the genre and on random text built
from the patterns' own characters."""

from __future__ import annotations

import re
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgraph.genre import grammar, posts, prefilter
from reportgraph.nlp.recognize import component, documents, events, goals, joint, people, person_names, phrases, rules


def _patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for module in (grammar, rules, events, documents, people, person_names, component, phrases, joint):
        assert isinstance(module, types.ModuleType)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.setdefault(f"{module.__name__.rsplit('.', 1)[-1]}.{name}", value)
    # patterns compiled from the genre's data files when first used
    found.update({f"phrases.{name}": rx for name, rx in phrases._patterns().items()})
    found.update({f"goals.{name}": rx for name, rx in goals._patterns().items()})
    found["rules._author_unit"] = rules._author_unit()
    found["posts.before"] = posts.load_posts().before
    return found


PATTERNS = _patterns()

PASSAGES = [
    "本届政协常委会、三届政协和政协党组；县政协提案委、市政协文史委。",
    "光雾山风景区、嘉陵江流域和米仓山国家森林公园，雄安新区、滨河移民新区建设。",
    "王家镇、李家乡和城关街道，平遥古城，云冈石窟，八路军总部旧址纪念馆。",
    "继北京奥运会之后，杭州亚运会、成都大运会相继举办，庆祝中华人民共和国成立70周年。",
    "县委十四届八次全会，市第十二次党代会，党的十九大和十九届二中、三中全会精神。",
    "“一市两区三组团”“五基地六产业七景区”发展思路，实施乡村建设行动，“十四五”规划。",
    "县委书记王某某同志出席，副主席李某某讲话；县长  赵某某\n会宁县人民政府县长  赵某某\n",
    "第三次“双帽”联席会议年会制度，“双帽”七县(市)政协联席会议，2021年第123号提案。",
    "中央经济工作会议，全国、省、市政协，中央、省、市、县委，省、市、县政府。",
    "",
    "镇乡街道、、周年周年政协政协",
    "王某、李某、赵某某等在主席台就座，甲山、乙水、丙江等县(市)，川陕革命老区、闽粤边区域，自治区党委、自治州政协。",
    "县政协主席王某某，常务副县长李某某、秘书长赵某；调研处处长钱某某，开展大走访大调研活动。",
    "原代理主任王某、代副县长李某、原党组成员赵某，代原主席钱某，主主席副副主任代代县长原。",
    "引进甲乙陶瓷、丙丁国际等7个重点项目，乙丙、丁戊等一批企业；县政协十五届五次会议，2021年第12号提案。",
]


def _same(pattern: re.Pattern[str], text: str) -> None:
    for jump in (True, False):
        got = [(m.span(), m.groupdict(), m.group(0)) for m in prefilter.finditer(pattern, text, jump=jump)]
        want = [(m.span(), m.groupdict(), m.group(0)) for m in pattern.finditer(text)]
        assert got == want, (pattern.pattern[:60], text, jump)


def test_the_tables_name_patterns_of_the_grammar():
    assert prefilter.ANCHORS and prefilter.REQUIRED
    assert grammar.finditer is prefilter.finditer and grammar.ANCHORS is prefilter.ANCHORS
    known = set(PATTERNS.values())
    assert set(prefilter.ANCHORS) <= known and set(prefilter.REQUIRED) <= known
    assert posts.load_posts().before in prefilter.STARTS and set(prefilter.STARTS) <= known


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_passages_give_finditers_matches(name):
    pattern = PATTERNS[name]
    for text in PASSAGES:
        _same(pattern, text)
    _same(pattern, "".join(PASSAGES))


def _alphabet(pattern: re.Pattern[str]) -> str:
    """The Han characters and punctuation the pattern names, plus a few others."""
    chars = {c for c in pattern.pattern if ord(c) > 0x2000}
    return "".join(sorted(chars)) + "一十届次县市省政协“”、，。 \n20王"


@pytest.mark.parametrize("name", sorted(PATTERNS))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_random_text_gives_finditers_matches(name, data):
    pattern = PATTERNS[name]
    text = data.draw(st.text(alphabet=_alphabet(pattern), max_size=40))
    _same(pattern, text)
