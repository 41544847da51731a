"""What extracting `build --store --jobs 1` in a worker process costs (issue 19).

With a memory budget (`--report-memory`, on by default) a one-job build extracts in one
worker process, as `--jobs N` does, so the budget can be held without limiting the
build's own process; `--report-memory 0` extracts in the build's process. This runs both
on the same synthetic corpus, alternately (``--rounds`` times each, so the machine's load
falls on both alike), and prints the wall time and the peak memory of the process tree
(ru_maxrss of the build and of its largest child) of each, and their ratio.

    PYTHONPATH=src python benchmarks/bench_jobs1.py --reports 40 --rounds 3

Nothing here is a test: the figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_corpus  # noqa: E402


def _build(corpus: Path, store: Path, memory_mb: int) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes, the larger of the build and its children)."""
    code = ("import resource, sys; from reportgraph.cli import main; sys.argv = sys.argv[1:];\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "print('PEAK', me, kids, file=sys.stderr)")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, "reportgraph", "build", str(corpus), "--store", str(store),
                           "--jobs", "1", "--report-memory", str(memory_mb)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    wall = time.perf_counter() - t0
    line = next((ln for ln in proc.stderr.splitlines() if ln.startswith("PEAK")), None)
    if proc.returncode != 0 or line is None:
        raise SystemExit(f"build failed ({proc.returncode}): {proc.stderr[-2000:]}")
    _, me, kids = line.split()
    return wall, max(int(me), int(kids)) * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-jobs1-") as tmp:
        corpus = Path(tmp) / "reports"
        write_corpus(corpus, args.reports)
        times: dict[str, list[float]] = {"in-process": [], "worker": []}
        peaks: dict[str, list[int]] = {"in-process": [], "worker": []}
        for r in range(args.rounds):
            for name, mb in (("in-process", 0), ("worker", 4096)) if r % 2 == 0 else (("worker", 4096), ("in-process", 0)):
                wall, peak = _build(corpus, Path(tmp) / f"store-{name}-{r}", mb)
                times[name].append(wall)
                peaks[name].append(peak)
                print(f"round {r + 1} {name:10s} {wall:7.1f} s  peak {peak / 2**20:7.0f} MB", flush=True)
        a, b = statistics.median(times["in-process"]), statistics.median(times["worker"])
        print(f"median wall: in-process {a:.1f} s, worker {b:.1f} s, ratio worker/in-process {b / a:.3f}")
        pa, pb = max(peaks["in-process"]), max(peaks["worker"])
        print(f"peak RSS: in-process {pa / 2**20:.0f} MB, worker {pb / 2**20:.0f} MB (largest single process)")
        print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
