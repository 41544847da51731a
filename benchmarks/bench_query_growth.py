"""Query latency as the store grows, two versions side by side in one run (issue #18).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_query_growth.py \\
        --before /tmp/before/src --stores /tmp/s100 /tmp/s400 --repeats 3

The stores are built beforehand (``reportgraph build FILES --store DIR --no-statistical``,
e.g. the first 100 and 400 files of ``synth.py``'s corpus) and must have the layout both
versions read, or, with ``--before-stores``, each version reads the stores its own build
wrote from the same files (a change of the layout). For each store
and version a child process (``PYTHONPATH`` = the version's ``src``) runs, through
``run_query`` as the CLI and the API do:

- ``mentions``, ``evidence``, ``neighbours`` bound by name and by IRI to the body
  delivering the first report (in report IRI order) of the smallest store, the same body
  in every store, and unbound, to the default row cap
  of 10,000 rows;
- full listings (no row cap): ``entities``, ``reports``, ``relations``, ``members``,
  ``documents``, ``located-in``, ``areas``;
- the unbound three again through the command line (``reportgraph query NAME STORE``, a
  table to a pipe): wall time, and the CPU of the command (its query child is reaped by a
  thread that may not have joined when the command exits, so that CPU can be missing).

Each cell is the best of ``--repeats`` runs (the versions alternate, so both see the same
machine): wall seconds and CPU seconds (the caller plus the query's forked child). The
load average is printed at the start and the end; on a shared 2-core machine wall time
is only as good as the machine was quiet, CPU time is steadier.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, threading, time
from reportgraph.query.run import run_query
store, timeout, body = sys.argv[1], float(sys.argv[2]), json.loads(sys.argv[3])
first = run_query("SELECT ?e ?label WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }", store,
                  bindings={"e": body}, max_rows=1).rows[0]
runs = []
for name in ("mentions", "evidence", "neighbours"):
    runs += [(name, "by name", {"name": first[1].value}, 10_000), (name, "by IRI", {"entity": first[0]}, 10_000),
             (name, "unbound", {}, 10_000)]
for name in ("entities", "reports", "relations", "members", "documents", "located-in", "areas"):
    runs.append((name, "full", {}, 10**7))

def cpu():
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

out = []
for name, label, bindings, cap in runs:
    c0, t0 = cpu(), time.perf_counter()
    try:
        res = run_query(name, store, bindings=bindings, timeout=timeout, max_rows=cap)
        rows = f"{len(res.rows)} (cap)" if res.truncated else str(len(res.rows))
    except Exception as err:
        rows = "timeout" if "timeout" in str(err) else f"error {str(err)[:40]}"
    wall = time.perf_counter() - t0
    for t in threading.enumerate():  # the query's child is reaped in a thread: count its CPU
        if t.name == "reportgraph-reap":
            t.join()
    out.append([f"{name} {label}", wall, cpu() - c0, rows])
import os, subprocess
for name in ("mentions", "evidence", "neighbours"):  # as a user runs it: a table on the terminal
    c0, t0 = cpu(), time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "reportgraph", "query", name, store], capture_output=True,
                          env=os.environ)
    rows = proc.stdout.decode("utf-8", "replace").strip().rsplit("\n", 1)[-1].strip("()")
    out.append([f"{name} unbound, CLI table", time.perf_counter() - t0, cpu() - c0, rows])
print(json.dumps(out))
"""


def child(src: Path, store: Path, timeout: float, body: str) -> list[list[object]]:
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(store), str(timeout), json.dumps(body)], env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{src}: child failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def reports_in(store: Path) -> int:
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    q = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r <https://w3id.org/reportgraph/ontology#deliveredBy> ?b }"
    return int(next(iter(s.query(q)))[0].value)


def first_body(store: Path) -> str:
    """The body delivering the first report (in report IRI order) of the smallest store:
    every store is asked about this same body (the bigger stores hold its reports too)."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    q = ("SELECT ?e WHERE { ?r <https://w3id.org/reportgraph/ontology#deliveredBy> ?e } "
         "ORDER BY ?r LIMIT 1")
    return str(next(iter(s.query(q)))[0].value)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, required=True, help="the src directory of the version to compare with")
    ap.add_argument("--after", type=Path, default=ROOT / "src")
    ap.add_argument("--stores", type=Path, nargs="+", required=True, help="store directories, smallest first")
    ap.add_argument("--before-stores", type=Path, nargs="+",
                    help="the stores the before version reads, when its layout differs (default: --stores)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    sides = {"before": a.before.resolve(), "after": a.after.resolve()}
    sizes = {store: reports_in(store) for store in a.stores}
    body = first_body(a.stores[0])
    theirs = dict(zip(a.stores, a.before_stores or a.stores))  # the before version's store of each size
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at start; stores: "
          + ", ".join(f"{s} ({n} reports)" for s, n in sizes.items()), flush=True)
    best: dict[tuple[str, Path], list[list[object]]] = {}
    for rep in range(a.repeats):
        for store in a.stores:
            for side, src in sides.items():
                runs = child(src, theirs[store] if side == "before" else store, a.timeout, body)
                key = (side, store)
                if key not in best:
                    best[key] = runs
                else:
                    for old, new in zip(best[key], runs):
                        old[1], old[2] = min(old[1], new[1]), min(old[2], new[2])  # type: ignore[type-var]
        print(f"round {rep + 1} done, load {os.getloadavg()[0]:.1f}", flush=True)
    print(f"load {os.getloadavg()[0]:.1f} at end\n")
    lo, hi = a.stores[0], a.stores[-1]
    head = " | ".join(f"{side} @{sizes[s]}" for side in sides for s in (lo, hi))
    print(f"| query | rows @{sizes[lo]} / @{sizes[hi]} (growth) | {head} (wall s / CPU s) | growth before | growth after |")
    print("|---|---|" + "---|" * 4 + "---|---|")
    for i, (label, *_rest) in enumerate(best[("after", lo)]):
        cells = [best[(side, s)][i] for side in sides for s in (lo, hi)]
        rows = f"{best[('after', lo)][i][3]} / {best[('after', hi)][i][3]}"
        if str(best[("after", lo)][i][3]).isdigit() and str(best[("after", hi)][i][3]).isdigit():
            rows += f" ({int(best[('after', hi)][i][3]) / max(int(best[('after', lo)][i][3]), 1):.2f}×)"
        growth = [best[(side, hi)][i][2] / max(best[(side, lo)][i][2], 1e-9) for side in sides]  # type: ignore[operator]
        print(f"| {label} | {rows} | " + " | ".join(f"{c[1]:.2f} / {c[2]:.2f}" for c in cells)
              + f" | {growth[0]:.2f}× | {growth[1]:.2f}× |")
    if a.json:
        a.json.write_text(json.dumps({f"{k[0]} {sizes[k[1]]}": v for k, v in best.items()}, ensure_ascii=False,
                                     indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
