"""Invisible characters inside names, odd encodings, links and unencodable text
(issue 19, point 6)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from reportgraph.errors import InputError
from reportgraph.extract import extract_report
from reportgraph.read.hygiene import INVISIBLE, compact
from reportgraph.read.report import decode, discover, read_report, report_from_text

PASSAGE = ("# 繁峙县政协工作报告\n\n"
           "一年来，繁峙县政协在中共繁峙县委领导下，与五台县政协签署《晋北文旅协作备忘录》。"
           "繁峙县政协主席王某某出席会议。繁峙县人大常委会听取报告。\n")
NAMES = ["繁峙县政协", "中共繁峙县委", "五台县政协", "繁峙县人大常委会"]


def _poison(text: str, ch: str) -> str:
    for name in NAMES:
        text = text.replace(name, name[:3] + ch + name[3:])
    return text


@pytest.mark.parametrize("ch", sorted(INVISIBLE))
def test_invisible_characters_inside_names_do_not_split_them(nlp, ch: str) -> None:
    clean = extract_report(report_from_text(PASSAGE, doc_id="t"), nlp=nlp)
    text = _poison(PASSAGE, ch)
    assert text.count(ch) >= 4
    x = extract_report(report_from_text(text, doc_id="t"), nlp=nlp)
    assert sorted((e.key, e.type) for e in x.entities) == sorted((e.key, e.type) for e in clean.entities)
    assert sorted((r.subject, r.predicate, r.object) for r in x.relations) == \
        sorted((r.subject, r.predicate, r.object) for r in clean.relations)
    for e in x.entities:  # offsets point into the text as read, invisible characters and all
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
            assert m.text.replace(ch, "") in {mm.text for ce in clean.entities for mm in ce.mentions}
    for r in x.relations:
        for ev in r.evidence:
            if ev.is_textual:
                assert text[ev.start:ev.end] == ev.text


@given(st.text(alphabet=st.sampled_from(list("代县政协。 \n") + sorted(INVISIBLE)), max_size=60))
def test_compact_keeps_every_visible_character_and_where_it_was(text: str) -> None:
    found = compact(text)
    if found is None:
        assert not any(c in INVISIBLE for c in text)
        return
    kept, origin = found
    assert len(origin) == len(kept) + 1 and origin[-1] == len(text)
    assert all(text[o] == c for o, c in zip(origin, kept))
    assert kept == "".join(c for c in text if c not in INVISIBLE)


def test_lone_surrogates_give_encodable_json(nlp) -> None:
    text = PASSAGE.replace("签署", "签\ud800署")
    x = extract_report(report_from_text(text, doc_id="t"), nlp=nlp)
    assert any("\ud800" in ev.text for r in x.relations for ev in r.evidence)
    data = json.dumps(x.to_json(), ensure_ascii=False).encode("utf-8")  # raised before
    assert "签\ufffd署" in data.decode("utf-8")


def test_bomless_utf16_reads_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(PASSAGE.encode("utf-16-le"))
    with pytest.raises(InputError, match="--encoding utf-16-le"):
        read_report(path)
    assert read_report(path, encoding="utf-16-le").text == PASSAGE
    assert decode(PASSAGE.encode("utf-16-be"), encoding="utf-16-be")[0] == PASSAGE


def test_links_that_loop_or_dangle_say_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match="loops"):
        read_report(tmp_path / "a.txt")
    with pytest.raises(InputError, match="loops"):
        discover([tmp_path / "a.txt"])
    with pytest.raises(InputError, match="does not exist|points to nothing"):
        read_report(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="points to nothing"):
        discover([tmp_path / "gone.txt"])
    assert os.path.islink(tmp_path / "a.txt")
