"""The relate stage's cue scan (reportgraph.nlp.relate.cue_scan): one scan of the text per
doc gives, for any span, the cue words that occur in it, and ``cue_positions`` finds with
them what a scan of the span for one list's words finds."""

from __future__ import annotations

import random

import pytest
import spacy

from reportgraph.genre import cues
from reportgraph.model import Entity, EntityType, Mention
from reportgraph.nlp.pipeline import register_extensions, split_sentences
from reportgraph.nlp.relate import cue_scan
from reportgraph.nlp.relate.context import RelationContext
from reportgraph.read.report import report_from_text

# A passage written for the test: cue words inside and outside names and quotes, words
# that open longer ones (编辑 of 编辑出版, 举办 of 联合举办), words cut by a clause's end.
TEXT = (
    "青松县政协编辑出版了《青松文史》，应邀参加并联合举办了白杨镇乡村振兴推进会。"
    "县政协下设六个专门委员会，组建了“委员之家”，审议通过《关于推进红柳乡发展的建议》，"
    "该建议被县委采纳，入选全市优秀提案；白杨镇加入了协作成员单位，共同主办论坛、召开会议。"
    "王某某主持召开座谈会，围绕“助推产业发展”开展调研，推进实施落实。编辑"
)
LISTS = (cues.AUTHORED, cues.ADOPTED_ACTIVE, cues.SELECTED, cues.PARTICIPATED, cues.IMPLEMENTS,
         cues.SUBDIVIDES, cues.FORMED, cues.PARTICIPATING_UNITS, cues.JOINED, cues.HOSTED_BY, cues.ADOPTS)


@pytest.fixture(scope="module")
def ctx() -> RelationContext:
    register_extensions()
    report = report_from_text(TEXT, doc_id="t")
    doc = spacy.blank("zh").make_doc(report.clean)
    split_sentences(doc)
    entities = []
    for name, etype in (("青松县政协", EntityType.ORGANIZATION), ("白杨镇乡村振兴推进会", EntityType.EVENT),
                        ("关于推进红柳乡发展的建议", EntityType.DOCUMENT), ("白杨镇", EntityType.ADMINISTRATIVE_AREA)):
        spans = [(i, i + len(name)) for i in range(len(TEXT)) if TEXT.startswith(name, i)]
        entities.append(Entity(name, name, etype, (), tuple(Mention("t", s, e, name) for s, e in spans), None))
    doc._.rg_report = report
    doc._.rg_entities = entities
    return RelationContext(doc)


def _spans(ctx: RelationContext) -> list[tuple[int, int]]:
    rng = random.Random(3)
    clauses = [c for s in ctx.sentences for c in ctx.clauses(s)]
    spans = [(s, e) for s in range(0, len(TEXT), 7) for e in (s + rng.randint(1, 12), s + rng.randint(1, 60))]
    return [*clauses, *ctx.sentences, (0, len(TEXT)), *spans]


def test_a_span_reads_every_cue_word_in_it(ctx: RelationContext) -> None:
    """Each cue word that occurs inside the span, at every offset (overlapping too), and
    none that runs past its end; the words' bits ORed."""
    for span in _spans(ctx):
        s, e = span
        mask, found = cue_scan.clause_mask(ctx, span), cue_scan.clause_cues(ctx, span)
        expected = {w: [i for i in range(s, e - len(w) + 1) if TEXT.startswith(w, i)] for w in cue_scan._ALL_CUES}
        expected = {w: at for w, at in expected.items() if at}
        assert found == expected, span
        assert mask == sum(cue_scan._CUE_BIT[w] for w in expected)
    assert cue_scan.clause_cues(ctx, (len(TEXT) - 2, len(TEXT))) == {"编辑": [len(TEXT) - 2]}
    assert "编辑出版" in cue_scan.clause_cues(ctx, (5, 9))
    assert "编辑出版" not in cue_scan.clause_cues(ctx, (5, 8)) and "编辑" in cue_scan.clause_cues(ctx, (5, 8))


def test_cue_positions_are_a_scan_for_the_lists_words(ctx: RelationContext) -> None:
    """The same positions as the scan of the span for the list's own words, which a list
    with a word outside the cue lists gets (here one that never occurs)."""
    seen = 0
    for span in _spans(ctx):
        for words in LISTS:
            assert cue_scan._cue_list(words).mask
            scanned = [*words, "龘龘"]
            assert not cue_scan._cue_list(scanned).mask
            found = cue_scan.cue_positions(ctx, span, words)
            assert found == cue_scan.cue_positions(ctx, span, scanned), (span, words[:3])
            seen += len(found)
    assert seen > 100
    # outside mentions and quotes, the longest first
    whole = (0, len(TEXT))
    assert (TEXT.index("编辑出版"), "编辑出版") in cue_scan.cue_positions(ctx, whole, cues.AUTHORED)
    assert all(w != "推进" or not TEXT.startswith("推进会", i) for i, w in cue_scan.cue_positions(ctx, whole, cues.IMPLEMENTS))


def test_a_clause_mask_says_which_lists_occur(ctx: RelationContext) -> None:
    """A list's bits meet a span's exactly when one of its words is in the span; a list
    they do not meet has no positions there."""
    for span in _spans(ctx):
        here = cue_scan.clause_mask(ctx, span)
        for words in LISTS:
            occurs = any(w in TEXT[span[0]:span[1]] for w in words)
            assert bool(here & cue_scan.cue_mask(words)) == occurs, (span, words[:3])
            if not occurs:
                assert cue_scan.cue_positions(ctx, span, words) == []
    with pytest.raises(ValueError, match="龘龘"):
        cue_scan.cue_mask(("参加", "龘龘"))


def test_the_tree_pattern_finds_the_longest_word_as_the_joined_words_do() -> None:
    import re

    joined = re.compile("|".join(map(re.escape, sorted(cue_scan._ALL_CUES, key=len, reverse=True))))
    for text in (TEXT, TEXT[::-1], "编辑出编辑出版编", "共同主办联合举办共同"):
        for i in range(len(text)):
            a, b = cue_scan._ANY_CUE.search(text, i), joined.search(text, i)
            assert (a and (a.start(), a.group())) == (b and (b.start(), b.group()))
