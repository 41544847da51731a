"""Initiatives and units the genre marks without a suffix list or an owner (invented passages)."""

from __future__ import annotations

from reportgraph.extract import extract_text


def _initiatives(nlp, text: str) -> dict[str, tuple[str, ...]]:
    x = extract_text(text, doc_id="t", nlp=nlp)
    return {e.name: e.aliases for e in x.entities if e.type.value == "Initiative"}


def test_a_quoted_slogan_with_de_before_its_programme_word(nlp) -> None:
    found = _initiatives(nlp, "县政协坚持“围绕中心、服务大局、凝聚共识”的工作思路，扎实履职。")
    assert "“围绕中心、服务大局、凝聚共识”工作思路" in found
    # 的 before a word that goes on (的工作思路创新) is no programme of the slogan
    assert not any("工作思路" in n for n in _initiatives(nlp, "县政协讨论“三个一”的工作思路创新问题。"))


def test_a_quoted_programme_with_a_modified_action_plan_followed_by_a_verb(nlp) -> None:
    found = _initiatives(nlp, "全县为建设“一城两区”、实施“2468”工业倍增行动计划贡献力量。")
    assert "“2468”工业倍增行动计划" in found


def test_repeated_da_words_name_a_campaign(nlp) -> None:
    found = _initiatives(nlp, "县政协组织开展大走访大调研大服务活动，委员深入基层。")
    assert "大走访大调研大服务活动" in found
    assert not any(n.startswith("大走访") for n in _initiatives(nlp, "县政协开展“大走访大调研”，委员深入基层。")
                   if "“" not in n)


def _orgs(nlp, text: str) -> set[str]:
    return {e.name for e in extract_text(text, doc_id="t", nlp=nlp).entities if e.type.value == "Organization"}


def test_a_unit_named_alone_belongs_to_the_body_that_speaks(nlp) -> None:
    report = ("政协恩平市第九届委员会常务委员会工作报告\n各位委员：\n"
              "一年来，市政协常委会认真履职。研究室、秘书处处长李某某参加调研。")
    orgs = _orgs(nlp, report)
    assert {"恩平市政协研究室", "恩平市政协秘书处"} <= orgs
    # inside a longer word (党政办公室) or right after a verb (任秘书处处长), no unit named alone
    assert not any(o.endswith("办公室") for o in _orgs(nlp, report.replace("研究室", "党政办公室")))
    assert not any(o.endswith("秘书处") for o in _orgs(nlp, "李某某任秘书处处长。"))


def test_a_building_campaign_of_a_named_corridor_or_cluster(nlp) -> None:
    found = _initiatives(nlp, "两地政协就推动红色旅游走廊建设、推进生态环境保护建设深入协商。")
    assert "红色旅游走廊建设" in found
    assert "生态环境保护建设" not in found  # no place, body, lead or core word: no name


def test_a_quoted_brand_of_two_halves(nlp) -> None:
    found = _initiatives(nlp, "县政协打造“有事好商量·乡村共发展”协商品牌，邀请“阿卜杜·热合曼”讲述。")
    assert any(n.startswith("“有事好商量·乡村共发展”") for n in found)
    assert not any("热合曼" in n for n in found)  # a transliterated name has short halves
