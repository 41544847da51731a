"""The command line's fixed start-up cost, two versions side by side in one run (issue #18).

    git archive main | tar -x -C /tmp/before
    PYTHONPATH=src .venv/bin/python benchmarks/bench_startup.py --before /tmp/before/src --rounds 15

Each round runs, for each version in turn (``PYTHONPATH`` = its ``src``, the same
interpreter), ``python -c pass``, ``python -m reportgraph --help`` and ``python -m
reportgraph query members STORE`` on a store of the bundled sample (built once with the
``--after`` version and ``--no-statistical`` unless ``--store`` names one), and ``python -X
importtime -c "import reportgraph.cli"``. Printed: the median and the least wall time and
the median CPU time (user + system of the process and its children, from ``wait4``) of
each command, and its fixed cost, the median wall time minus that of ``python -c pass``.
The machine's load average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Wall seconds of one run of ``cmd``, and its stderr."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode(errors='replace')[-1500:]}")
    return wall, err.decode("utf-8", "replace")


def cpu_of_children() -> float:
    """CPU seconds of the reaped children so far (each one's reaped children included)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, required=True, help="the src directory of the version to compare with")
    ap.add_argument("--after", type=Path, default=ROOT / "src")
    ap.add_argument("--store", type=Path, help="a store of the sample (default: built in a temporary directory)")
    ap.add_argument("--rounds", type=int, default=15)
    a = ap.parse_args()
    sides = {"before": a.before.resolve(), "after": a.after.resolve()}
    envs = {side: dict(os.environ, PYTHONPATH=str(src)) for side, src in sides.items()}
    tmp = None
    store = a.store
    if store is None:
        tmp = tempfile.TemporaryDirectory(prefix="rg-startup-")
        store = Path(tmp.name) / "sample.db"
        subprocess.run([sys.executable, "-m", "reportgraph", "build", "--store", str(store), "--no-statistical"],
                       env=envs["after"], check=True, capture_output=True)
    py = sys.executable
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "reportgraph --help": [py, "-m", "reportgraph", "--help"],
        "reportgraph query members STORE": [py, "-m", "reportgraph", "query", "members", str(store)],
    }
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at start; {a.rounds} rounds", flush=True)
    walls: dict[tuple[str, str], list[float]] = {}
    cpus: dict[tuple[str, str], list[float]] = {}
    imports: dict[str, list[float]] = {side: [] for side in sides}
    for _ in range(a.rounds):
        for side in sides:
            for label, cmd in commands.items():
                c0 = cpu_of_children()
                wall, _err = timed(cmd, envs[side])
                walls.setdefault((side, label), []).append(wall)
                cpus.setdefault((side, label), []).append(cpu_of_children() - c0)
            _wall, err = timed([py, "-X", "importtime", "-c", "import reportgraph.cli"], envs[side])
            m = re.search(r"\|\s*(\d+)\s*\|\s*reportgraph\.cli\s*$", err, re.M)
            imports[side].append(int(m.group(1)) / 1e6 if m else float("nan"))
    print(f"load {os.getloadavg()[0]:.1f} at end\n")
    med = {k: statistics.median(v) for k, v in walls.items()}
    print("| command | before: median / least wall s, median CPU s | after: median / least wall s, median CPU s "
          "| fixed cost before → after (median wall − `python -c pass`) |")
    print("|---|---|---|---|")
    for label in commands:
        cells = [f"{med[(s, label)]:.3f} / {min(walls[(s, label)]):.3f}, {statistics.median(cpus[(s, label)]):.3f}"
                 for s in sides]
        fixed = [med[(s, label)] - med[(s, 'python -c pass')] for s in sides]
        note = "" if label == "python -c pass" else f"{fixed[0]:.3f} → {fixed[1]:.3f} s ({fixed[1] / fixed[0]:.2f}×)"
        print(f"| `{label}` | {cells[0]} | {cells[1]} | {note} |")
    imp = {s: statistics.median(v) for s, v in imports.items()}
    print(f"| `import reportgraph.cli` (-X importtime, cumulative) | {imp['before']:.3f} | {imp['after']:.3f} | "
          f"{imp['after'] / imp['before']:.2f}× |")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
