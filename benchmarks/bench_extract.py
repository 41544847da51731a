"""Extraction time of one report after the pipeline is loaded, and the pipeline's load time.

Run from the repository root:

    PYTHONPATH=src .venv/bin/python benchmarks/bench_extract.py [REPORT] [--repeat N]

REPORT defaults to ``../shared/eval/seed.txt`` (else the bundled sample). Prints the load
time of the pipeline (jieba's dictionary, the division table and the gazetteer, in a fresh
process), then the median and best of N extractions of the report, split by pipeline
component. The budget for the seed is under one second per extraction.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    seed = ROOT.parent / "shared" / "eval" / "seed.txt"
    default = seed if seed.exists() else ROOT / "src" / "reportgraph" / "data" / "sample" / "daixian-cppcc-report.txt"
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", nargs="?", default=str(default))
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    t0 = time.perf_counter()
    steps: list[tuple[str, float]] = []

    def step(name: str, since: float) -> float:
        now = time.perf_counter()
        steps.append((name, now - since))
        return now

    import spacy  # noqa: F401

    t = step("import spacy", t0)
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t = step("jieba dictionary", t)
    from reportgraph.knowledge.gazetteer import jieba_tags, load_divisions
    from reportgraph.knowledge.lists import load_knowledge

    jieba_tags()
    load_divisions()
    load_knowledge()
    t = step("division table, jieba tags, lists", t)
    from reportgraph.extract import load_pipeline
    from reportgraph.nlp.from_doc import from_doc
    from reportgraph.read.report import read_report

    nlp = load_pipeline()
    t = step("pipeline (names table, segmenter words)", t)
    load = t - t0
    report = read_report(args.report)
    print(f"pipeline load: {load:.2f} s")
    for name, secs in steps:
        print(f"  {name:40} {secs:6.2f} s")
    print(f"report: {args.report} ({len(report.text):,} characters)")

    totals: list[float] = []
    per: dict[str, list[float]] = {}
    for _ in range(args.repeat + 1):  # the first run warms caches and is not counted
        t = time.perf_counter()
        doc = nlp.make_doc(report.clean)
        doc._.rg_report = report
        times = {"tokenizer": time.perf_counter() - t}
        for name, proc in nlp.pipeline:
            s = time.perf_counter()
            doc = proc(doc)
            times[name] = time.perf_counter() - s
        s = time.perf_counter()
        x = from_doc(doc)
        times["from_doc"] = time.perf_counter() - s
        totals.append(time.perf_counter() - t)
        for k, v in times.items():
            per.setdefault(k, []).append(v)
    totals, per = totals[1:], {k: v[1:] for k, v in per.items()}
    print(f"extraction: median {statistics.median(totals):.3f} s, best {min(totals):.3f} s "
          f"over {args.repeat} runs ({len(x.entities)} entities, {len(x.relations)} relations)")
    for k, v in per.items():
        print(f"  {k:24} {statistics.median(v) * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
