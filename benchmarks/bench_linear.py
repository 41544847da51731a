"""Is extraction linear in the length of a text? CPU time per character of a long text
against a ~10k-character one, with and without sentence ends.

Run from the repository root:

    PYTHONPATH=src .venv/bin/python benchmarks/bench_linear.py [--chars 1000000]

The texts are the bundled sample report joined with itself until they reach ``--chars``;
"without sentence ends" replaces every 。！？；!?; and line break with "，", so the whole
text is one sentence of clauses. Each row is the CPU seconds per million characters of
:func:`reportgraph.extract.extract_report` and of the RDF mapping
(:func:`reportgraph.rdf.to_rdf.report_quads`), and the ratio to the short text; the aim is
a ratio within 1.3×. ``tests/test_linear.py`` checks the same at a bounded size.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

ENDS = "。！？；!?;\n"


def texts(chars: int) -> dict[str, str]:
    """The short text and the long one, each with and without sentence ends."""
    from importlib import resources

    base = resources.files("reportgraph").joinpath("sample/daixian-cppcc-report.txt").read_text(encoding="utf-8")
    flat = base.translate({ord(c): "，" for c in ENDS})
    copies = max(1, -(-chars // len(base)))
    return {"short": base, "short, no sentence ends": flat,
            "long": base * copies, "long, no sentence ends": flat * copies}


def cpu_per_mchar(text: str, nlp: object, *, repeat: int = 1) -> tuple[float, float]:
    """Best CPU seconds per million characters: extraction, then RDF."""
    from reportgraph.extract import extract_report
    from reportgraph.rdf.to_rdf import report_quads
    from reportgraph.read.report import report_from_text

    report = report_from_text(text, doc_id="linear")
    best_x = best_r = float("inf")
    for _ in range(repeat):
        c0 = time.process_time()
        x = extract_report(report, nlp=nlp)  # type: ignore[arg-type]
        c1 = time.process_time()
        report_quads(x)
        c2 = time.process_time()
        best_x, best_r = min(best_x, c1 - c0), min(best_r, c2 - c1)
    return best_x / len(text) * 1e6, best_r / len(text) * 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the short texts (best counts)")
    a = ap.parse_args()
    from reportgraph.extract import load_pipeline

    nlp = load_pipeline()
    t = texts(a.chars)
    cpu_per_mchar(t["short"], nlp)  # warm-up
    rows = {}
    for name, text in t.items():
        rows[name] = cpu_per_mchar(text, nlp, repeat=a.repeat if name.startswith("short") else 1)
    print(f"{'text':<26} {'chars':>10} {'extract CPU-s/M':>16} {'ratio':>6} {'RDF CPU-s/M':>12} {'ratio':>6}")
    for name, (x, r) in rows.items():
        ref = rows["short, no sentence ends" if "no sentence" in name else "short"]
        print(f"{name:<26} {len(t[name]):>10,} {x:>16.2f} {x / ref[0]:>6.2f} {r:>12.2f} {r / ref[1]:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
