"""The extraction entry points: offsets into the text as read, long texts in chunks."""

from __future__ import annotations

from reportgraph.extract import chunk_bounds, extract_report, extract_text, load_pipeline
from reportgraph.read.report import report_from_text


def test_offsets_point_into_the_text_as_read(nlp):
    text = "\ufeff**山西省**代县。\u200b湖南省凤凰县。"
    x = extract_text(text, doc_id="t", nlp=nlp)
    assert x.entities
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    names = {e.name for e in x.entities}
    assert {"山西省", "湖南省"} <= names


def test_chunk_bounds_cover_the_text_and_cut_at_sentence_ends():
    text = "代县政协。" * 50 + "无标点" * 30
    bounds = chunk_bounds(text, 40)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(e - s <= 40 for s, e in bounds)
    assert all(text[e - 1] == "。" for s, e in bounds[:-4])


def test_long_text_in_chunks_gives_the_same_result_as_one_piece():
    text = "山西省代县政协在代县。湖南省凤凰县政协参加会议。\n" * 40
    whole = extract_report(report_from_text(text, doc_id="t"), nlp=load_pipeline())
    small = load_pipeline.__wrapped__()  # a separate pipeline with a tiny max_length
    small.max_length = 100
    chunked = extract_report(report_from_text(text, doc_id="t"), nlp=small)
    assert [(e.key, e.mentions) for e in chunked.entities] == [(e.key, e.mentions) for e in whole.entities]
    assert chunked.relations == whole.relations
    assert chunked.sentences == whole.sentences
