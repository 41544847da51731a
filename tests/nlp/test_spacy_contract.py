"""The spaCy contract: documents run through ``nlp(doc)`` / ``nlp.pipe`` in pipeline order,
every reportgraph factory is an entry point that works in any Chinese pipeline and
installs its own Doc extensions, settings come from ``pipeline.cfg``, and the segmenter
gets the gazetteer's words without touching jieba's process-wide dictionary."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from spacy.language import Language

from reportgraph.extract import extract_report, extract_reports, extract_text
from reportgraph.read.report import report_from_text

SRC = Path(__file__).resolve().parents[2] / "src" / "reportgraph"
TEXT = "# 政协某某县委员会常务委员会工作报告\n县政协与湖南省凤凰县政协签署《合作协议》。王某某主席出席会议。\n"
SEEN: list[tuple[bool, bool]] = []


@Language.component("test_between_recognize_and_resolve")
def _between(doc):  # type: ignore[no-untyped-def]
    """Records what has run before it, and drops the mentions of 《合作协议》."""
    SEEN.append((doc._.rg_mentions is not None, doc._.rg_entities is not None))
    doc._.rg_mentions = [m for m in doc._.rg_mentions if m.text != "《合作协议》"]
    return doc


def _factories_in_source() -> set[str]:
    names = set()
    for path in SRC.rglob("*.py"):
        names.update(re.findall(r"factory\(\s*\"(reportgraph_\w+)\"", path.read_text(encoding="utf-8")))
    return names


@pytest.fixture(scope="module")
def fresh():
    """A pipeline of its own (components may be added to it)."""
    from reportgraph.nlp.pipeline import build_pipeline

    return build_pipeline(statistical=False)


def test_a_user_component_runs_where_it_is_inserted(fresh):
    before = extract_text(TEXT, doc_id="t", nlp=fresh)
    assert "《合作协议》" in {e.name for e in before.entities}
    fresh.add_pipe("test_between_recognize_and_resolve", after="reportgraph_recognize")
    try:
        SEEN.clear()
        after = extract_report(report_from_text(TEXT, doc_id="t"), nlp=fresh)
        # it ran once, after the recogniser (mentions set) and before the resolver (no entities)
        assert SEEN == [(True, False)]
        assert "《合作协议》" not in {e.name for e in after.entities}
        assert {e.name for e in after.entities} < {e.name for e in before.entities}
        # nlp.pipe runs the same components in the same order
        SEEN.clear()
        piped = list(extract_reports([report_from_text(TEXT, doc_id="t")] * 2, nlp=fresh))
        assert SEEN == [(True, False)] * 2 and piped == [after, after]
    finally:
        fresh.remove_pipe("test_between_recognize_and_resolve")


def test_every_factory_has_an_entry_point():
    points = {ep.name: ep.value for ep in metadata.entry_points(group="spacy_factories")
              if ep.value.startswith("reportgraph.")}
    assert _factories_in_source() == set(points)
    assert "reportgraph_sentences" in points


def test_each_factory_works_in_a_blank_chinese_pipeline():
    """In a fresh interpreter (nothing of reportgraph imported), each factory is found
    through its entry point, installs its own extensions, and together they extract."""
    names = sorted(_factories_in_source() - {"reportgraph_statistical"})  # needs the LAC model file
    code = f"""
import json, spacy
from spacy.tokens import Doc
names = {names!r}
out = {{}}
for name in names:
    nlp = spacy.blank("zh")
    nlp.add_pipe(name)
    out[name] = sorted(n for n in ("rg_report", "rg_mentions", "rg_entities", "rg_relations")
                       if Doc.has_extension(n))
nlp = spacy.blank("zh", config={{"nlp": {{"tokenizer": {{"segmenter": "jieba"}}}}}})
for name in ("reportgraph_sentences", "reportgraph_recognize", "reportgraph_resolve", "reportgraph_relate"):
    nlp.add_pipe(name)
doc = nlp({TEXT!r})
out["entities"] = sorted(e.name for e in doc._.rg_entities)
out["relations"] = len(doc._.rg_relations)
print(json.dumps(out, ensure_ascii=False))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(names) <= set(out)
    assert "rg_mentions" in out["reportgraph_recognize"]
    assert {"rg_mentions", "rg_entities"} <= set(out["reportgraph_resolve"])
    assert {"rg_entities", "rg_relations"} <= set(out["reportgraph_relate"])
    assert {"凤凰县政协", "湖南省", "《合作协议》"} <= set(out["entities"]) and out["relations"] > 0


def test_building_the_pipeline_leaves_jiebas_dictionary_as_it_was():
    import jieba

    from reportgraph.nlp.pipeline import build_pipeline
    from reportgraph.nlp.recognize.component import Recognizer

    jieba.initialize()
    added = [w for w in Recognizer().segmenter_words() if w not in jieba.dt.FREQ][:50]
    assert added  # names the pipeline adds to its segmenter that jieba does not know
    before = (len(jieba.dt.FREQ), jieba.dt.total, jieba.lcut("忻府区政协和代县政协"))
    nlp = build_pipeline(statistical=False)
    nlp("忻府区政协和代县政协")
    assert (len(jieba.dt.FREQ), jieba.dt.total, jieba.lcut("忻府区政协和代县政协")) == before
    assert not any(w in jieba.dt.FREQ for w in added)
    own = nlp.tokenizer.jieba_seg
    assert own is not jieba.dt and all(own.FREQ.get(w) == 2000 for w in added)


def test_segmenter_settings_come_from_the_config():
    import jieba
    import spacy

    cfg = (SRC / "nlp" / "pipeline.cfg").read_text(encoding="utf-8")
    assert "segmenter_words = true" in cfg and "segmenter_freq = 2000" in cfg
    off = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    off.add_pipe("reportgraph_recognize", config={"segmenter_words": False})
    assert off.tokenizer.jieba_seg is jieba  # untouched: spaCy's own (process-wide) segmenter
    on = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    rec = on.add_pipe("reportgraph_recognize", config={"segmenter_freq": 7})
    seg = on.tokenizer.jieba_seg
    assert seg is not jieba
    # FREQ.get is what jieba's own Tokenizer and the C++ one (nlp/segmenter.py) both answer
    words = list(rec.segmenter_words())
    assert words and all(seg.FREQ.get(w) == 7 for w in words[:200])
