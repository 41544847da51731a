"""Property tests over arbitrary Unicode: ingestion never raises, keeps offsets, and the
cleaned text holds nothing that later breaks XML, IRIs or spaCy."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgraph.extract import extract_text
from reportgraph.read.report import clean_text, decode, report_from_text

# Text mixing the genre's vocabulary with arbitrary code points (surrogates included).
GENRE = st.sampled_from(["县政协", "山西省", "代县", "《代县建言》", "“十四五”规划", "。", "\n", "、"])
TEXT = st.lists(st.one_of(GENRE, st.text(max_size=8)), max_size=30).map("".join)


@given(TEXT)
def test_clean_keeps_length_and_removes_forbidden_characters(text):
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    for c in cleaned:
        cat = unicodedata.category(c)
        assert cat not in ("Cs", "Cf", "Co") and (cat != "Cc" or c in "\t\n\r")


@given(TEXT)
def test_clean_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@given(st.binary(max_size=200))
def test_decode_either_decodes_or_raises_our_error(data):
    from reportgraph.errors import InputError

    try:
        text, used = decode(data)
    except InputError:
        return
    assert isinstance(text, str) and used


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_extraction_never_raises_and_offsets_hold(nlp, text):
    x = extract_text(text, doc_id="p", nlp=nlp)
    for e in x.entities:
        assert e.name.strip()
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for r in x.relations:
        for ev in r.evidence:
            if ev.start is not None:
                assert text[ev.start:ev.end] == ev.text


def test_report_from_text_with_lone_surrogate_warns():
    r = report_from_text("县政协\ud800", doc_id="s")
    assert r.clean == "县政协 "
    assert any("surrogate" in w for w in r.warnings)
