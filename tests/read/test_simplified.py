"""The Simplified view of a Traditional-character report and the way back to the text as written."""

from __future__ import annotations

import pytest

from reportgraph.extract import extract_text
from reportgraph.knowledge.normalize import HAS_T2S, to_simplified
from reportgraph.read import simplified as sv
from reportgraph.read.report import report_from_text

pytestmark = pytest.mark.skipif(not HAS_T2S, reason="OpenCC is not installed")

TRADITIONAL = ("政協平遙縣委員會常務委員會工作報告\n"
               "一年來，在中共平遙縣委的領導下，縣政協認真落實鄉村振興戰略，"
               "副主席王某某帶隊赴太谷區調研，與太谷區政協簽署《兩地文旅合作協議》。")


def _entities(x):  # type: ignore[no-untyped-def]
    return sorted((e.type.value, e.name) for e in x.entities)


def test_traditional_passage_gives_the_entities_of_its_simplified_form() -> None:
    simple = to_simplified(TRADITIONAL)
    assert simple != TRADITIONAL
    xt, xs = extract_text(TRADITIONAL, doc_id="t"), extract_text(simple, doc_id="s")
    assert _entities(xt) == _entities(xs)
    assert ("Organization", "平遥县政协") in _entities(xt)
    assert [len(e.mentions) for e in xt.entities] == [len(e.mentions) for e in xs.entities]


def test_mentions_keep_the_text_as_written_and_offsets_into_it() -> None:
    x = extract_text(TRADITIONAL, doc_id="t")
    body = next(e for e in x.entities if e.name == "平遥县政协")
    for e in x.entities:
        for m in e.mentions:
            assert TRADITIONAL[m.start:m.end] == m.text
    assert "縣政協" in {m.text for m in body.mentions}
    assert "縣政協" in body.aliases and "县政协" in body.aliases  # canonical name Simplified
    for r in x.relations:
        for ev in r.evidence:
            if ev.start is not None:
                assert TRADITIONAL[ev.start:ev.end] == ev.text
    assert all(TRADITIONAL[s.start:s.end] == s.text for s in x.sentences)
    assert x.report.text == TRADITIONAL


def test_a_name_read_inside_a_mention_is_an_alias_as_written_too() -> None:
    x = extract_text("平遙縣政協工作報告\n全縣為走出綠色轉型發展新路子作出貢獻。", doc_id="t")
    goal = next(e for e in x.entities if e.name == "绿色转型发展新路子")
    assert "綠色轉型發展新路子" in goal.aliases  # the name without its verb, in the characters written
    assert "走出綠色轉型發展新路子" in goal.aliases


def test_simplified_text_is_left_alone() -> None:
    report = report_from_text("平遥县政协召开会议。", doc_id="s")
    view = sv.simplified_view(report)
    assert not view.changed and view.report is report


def test_offset_map_where_conversion_changes_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """A conversion that drops or doubles a character (OpenCC's phrase table may) still
    maps every character of the view to the character it came from."""
    def fake(text: str) -> str:
        return text.replace("甲", "").replace("乙", "丙丙").replace("會", "会")

    monkeypatch.setattr(sv, "to_simplified", fake)
    text = "開會甲，乙縣政協會議。"
    view, starts = sv.view_of_text(text)
    assert view == "開会，丙丙縣政協会議。"
    assert starts is not None and len(starts) == len(view) + 1
    report = report_from_text(text, doc_id="x")
    v = sv.simplified_view(report)
    s = v.report.text.index("縣政協")
    assert v.original_span(s, s + 3) == (text.index("縣政協"), text.index("縣政協") + 3)
    s = v.report.text.index("丙丙")
    assert v.original_span(s, s + 2) == (text.index("乙"), text.index("乙") + 1)
    assert v.original_span(s, s + 1) == (text.index("乙"), text.index("乙") + 1)
