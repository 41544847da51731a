"""Readability of the exported layout, before (the starting positions the exports used to
write: areas on the map, every other node on a small spiral beside its neighbours,
nodes with no placed neighbour in a block below the map) and after (the default layout,
:func:`reportgraph.export.layout.force_layout`), measured by
:func:`reportgraph.export.readability.readability` on a fitted 1,000 px canvas.

Usage: ``PYTHONPATH=src python benchmarks/bench_layout.py [--reports 200] [--corpus DIR]``:
the bundled sample, and a synthetic corpus of ``--reports`` reports
(``benchmarks/synth.py``, seed 0) built into a store under ``--corpus`` (kept, so a second
run skips the build). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from reportgraph import ReportGraph  # noqa: E402
from reportgraph.export.readability import readability  # noqa: E402
from reportgraph.export.style import node_looks  # noqa: E402

COLUMNS = ("overlapping", "stacked", "crowded", "edge_cv", "edge_ratio")


def measure(name: str, graph: ReportGraph) -> list[str]:
    g = graph.to_networkx()
    edges = list(g.edges())
    before = node_looks(g, layout=False)
    start = time.perf_counter()
    after = node_looks(g)
    seconds = time.perf_counter() - start
    sizes = {n: lk.size for n, lk in after.items()}
    lines = []
    for label, looks in (("before", before), ("after", after)):
        r = readability({n: lk.xy for n, lk in looks.items()}, edges, sizes).as_dict()
        took = f"{seconds:.1f} s" if label == "after" else ""
        lines.append(f"| {name} | {r['nodes']:,} | {r['edges']:,} | {label} | "
                     + " | ".join(f"{r[c]:,}" for c in COLUMNS) + f" | {took} |")
    return lines


def corpus(n: int, directory: Path) -> Path:
    import synth

    from reportgraph.corpus import build_corpus

    store = directory / f"synth-{n}.db"
    if not store.exists():
        synth.write_corpus(directory / f"synth-{n}", n, seed=0)
        build_corpus(sorted((directory / f"synth-{n}").rglob("*.txt")), store=store, jobs=1)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "rg-bench-layout")
    args = parser.parse_args()
    args.corpus.mkdir(parents=True, exist_ok=True)
    from importlib import resources

    sample = Path(str(resources.files("reportgraph").joinpath("sample/daixian-cppcc-report.txt")))
    rows = measure("sample", ReportGraph.build([sample]))
    if args.reports:
        rows += measure(f"{args.reports} reports", ReportGraph.load(corpus(args.reports, args.corpus)))
    print("| graph | nodes | edges | layout | " + " | ".join(COLUMNS) + " | layout time |")
    print("|---|---|---|---|" + "---|" * len(COLUMNS) + "---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
