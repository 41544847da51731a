"""Two versions of reportgraph side by side in one run: extraction speed against
jieba.posseg, corpus builds (1 and 2 jobs), store size per input character, quads per
report, peak memory, and query latencies as the store grows.

Run from the repository root, with a copy of the version to compare against (``git
archive main | tar -x -C /tmp/before``):

    PYTHONPATH=src .venv/bin/python benchmarks/bench_lean.py --before /tmp/before/src \\
        --sizes 100 400 --jobs-at 200

Each measurement runs in a child process with ``PYTHONPATH`` set to the version's ``src``,
one after the other, so the two versions see the same machine. The statistical NER stage
(where a version has it) is switched off. Builds read the first N files of one synthetic
corpus (``benchmarks/synth.py``, seed 0). Queries: each entity-centred named query bound
by name and by IRI to the body delivering the first report, and unbound (stopping at the
default row cap of 10,000 rows).

The extraction child extracts each report and then cuts its text with ``jieba.posseg``,
report by report, so both see the same load; ``--rounds`` passes over the texts, the least
CPU time of each counts. ``--extract-only --passes N`` measures only the extraction, N
children per version, before and after alternating; each pass prints its own ratio (and
each round's), and the median pass stands for the version (the machine is shared, so
compare the columns of one run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_EXTRACT = r"""
import inspect, json, statistics, sys, time
import jieba, jieba.posseg as pseg
from reportgraph.extract import extract_report, load_pipeline
from reportgraph.read.report import report_from_text
texts = json.load(open(sys.argv[1], encoding="utf-8"))
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
kw = {"statistical": False} if "statistical" in inspect.signature(load_pipeline).parameters else {}
nlp = load_pipeline(**kw)
reports = [report_from_text(t, doc_id=f"r{i}") for i, t in enumerate(texts)]
extract_report(reports[0], nlp=nlp); list(pseg.cut(texts[0]))
chars = sum(map(len, texts))
ours, posseg = [], []
for _ in range(rounds):  # each report extracted, then cut by jieba.posseg: both see the same load
    a = b = 0.0
    for r, t in zip(reports, texts):
        c0 = time.process_time()
        extract_report(r, nlp=nlp)
        c1 = time.process_time()
        list(pseg.cut(t))
        a, b = a + c1 - c0, b + time.process_time() - c1
    ours.append(a)
    posseg.append(b)
print(json.dumps({"chars": chars, "ours_cps": chars / min(ours), "posseg_cps": chars / min(posseg),
                  "round_ratios": [p / o for o, p in zip(ours, posseg)],
                  "median_round_ratio": statistics.median(p / o for o, p in zip(ours, posseg))}))
"""

_BUILD = r"""
import inspect, json, resource, sys, time
from reportgraph.corpus import build_corpus
a = json.loads(sys.argv[1])
kw = {"statistical": False} if "statistical" in inspect.signature(build_corpus).parameters else {}
t = time.perf_counter()
r = build_corpus(a["inputs"], store=a["store"], jobs=a["jobs"], **kw)
wall = time.perf_counter() - t
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
out = {"wall": wall, "chars": r.chars, "failed": r.failed, "added": r.added,
       "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
       "peak_mb": me.ru_maxrss / 1024, "peak_worker_mb": kids.ru_maxrss / 1024}
import pyoxigraph as ox
s = ox.Store.read_only(a["store"])
out["quads"] = len(s)
out["default_quads"] = sum(1 for _ in s.quads_for_pattern(None, None, None, ox.DefaultGraph()))
print(json.dumps(out))
"""

_QUERIES = r"""
import json, sys, time
from reportgraph.query.run import run_query
store = sys.argv[1]
first = run_query("SELECT ?e ?label WHERE { ?r <https://w3id.org/reportgraph/ontology#deliveredBy> ?e . "
                  "?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?r LIMIT 1", store).rows[0]
out = []
for name in ("mentions", "evidence", "neighbours", "members", "entities", "reports"):
    runs = [("unbound", {})]
    if name in ("mentions", "evidence", "neighbours"):
        runs = [("by name", {"name": first[1].value}), ("by IRI", {"entity": first[0]}), ("unbound", {})]
    for label, bindings in runs:
        t = time.perf_counter()
        try:
            res = run_query(name, store, bindings=bindings, timeout=float(sys.argv[2]))
            rows = len(res.rows) if not res.truncated else f"{len(res.rows)} (cap)"
        except Exception as err:
            rows = "timeout" if "timeout" in str(err) else f"error {str(err)[:40]}"
        out.append([f"{name} {label}", time.perf_counter() - t, rows])
print(json.dumps(out))
"""


def child(src: Path, code: str, *args: str) -> dict | list:
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{src}: child failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def sst_bytes(store: Path) -> tuple[int, int]:
    files = [f for f in store.iterdir() if f.is_file()]
    return sum(f.stat().st_size for f in files if f.suffix == ".sst"), sum(f.stat().st_size for f in files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, required=True, help="the src directory of the version to compare with")
    ap.add_argument("--after", type=Path, default=ROOT / "src")
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 400], help="stores to query (1 job each)")
    ap.add_argument("--jobs-at", type=int, default=200, help="reports built with 1 and with 2 jobs")
    ap.add_argument("--extract-reports", type=int, default=20)
    ap.add_argument("--extract-only", action="store_true",
                    help="only the extraction against jieba.posseg (no builds, no queries)")
    ap.add_argument("--passes", type=int, default=1,
                    help="extraction children per version, before and after alternating")
    ap.add_argument("--rounds", type=int, default=2,
                    help="rounds over the texts in each extraction child (the least CPU time counts)")
    ap.add_argument("--query-timeout", type=float, default=120)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/reportgraph-bench-lean"))
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT / "src"))
    from synth import write_corpus

    n = max(a.sizes + [a.jobs_at])
    corpus = a.workdir / f"corpus-{n}"
    if not (corpus / "manifest.json").is_file():
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, n, seed=0)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    files = [str(corpus / f["path"]) for f in manifest["files"]]
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at start", flush=True)

    texts_file = a.workdir / "texts.json"
    texts = [Path(p).read_bytes().decode("utf-8" if m["encoding"] == "utf-8" else "gb18030")
             for p, m in zip(files[: a.extract_reports], manifest["files"][: a.extract_reports])]
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    sides = {"before": a.before.resolve(), "after": a.after.resolve()}
    res: dict[str, dict] = {k: {} for k in sides}
    for n_pass in range(a.passes):
        for side, src in sides.items():
            e = child(src, _EXTRACT, str(texts_file), str(a.rounds))
            e["ratio"] = e["ours_cps"] / e["posseg_cps"]
            res[side].setdefault("extract passes", []).append(e)
            rounds = " ".join(f"{r:.2f}" for r in e.get("round_ratios", []))
            print(f"pass {n_pass + 1}, {side}: {e['ours_cps']:,.0f} / {e['posseg_cps']:,.0f} chars per CPU-s "
                  f"= {e['ratio']:.2f}× jieba.posseg (rounds {rounds}), load {os.getloadavg()[0]:.1f}", flush=True)
    for side in sides:  # the pass with the median ratio stands for the version, the median round for the ratio
        passes = sorted(res[side]["extract passes"], key=lambda e: e["ratio"])
        res[side]["extract"] = dict(passes[len(passes) // 2])
        rounds = [r for e in passes for r in e.get("round_ratios", [e["ratio"]])]
        res[side]["extract"]["ratio"] = statistics.median(rounds)
    if a.extract_only:
        return _report(a, res, sides, [], [])
    builds = [(a.jobs_at, 1), (a.jobs_at, 2)] + [(s, 1) for s in a.sizes if s != a.jobs_at]
    for size, jobs in builds:
        for side, src in sides.items():
            store = a.workdir / f"store-{side}-{size}-{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            b = child(src, _BUILD, json.dumps({"inputs": files[:size], "store": str(store), "jobs": jobs}))
            b["sst"], b["bytes"] = sst_bytes(store)
            res[side][f"build {size} × {jobs}"] = b
            print(f"{side}: built {size} reports with {jobs} job(s) in {b['wall']:.1f} s, "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    for size in sorted(set(a.sizes)):
        for side, src in sides.items():
            store = a.workdir / f"store-{side}-{size}-1"
            res[side][f"queries {size}"] = child(src, _QUERIES, str(store), str(a.query_timeout))
    return _report(a, res, sides, builds, sorted(set(a.sizes)))


def _report(a: argparse.Namespace, res: dict, sides: dict, builds: list, sizes: list) -> int:
    print(f"load {os.getloadavg()[0]:.1f} at end\n")

    def row(label: str, b: str, f: str, note: str = "") -> None:
        print(f"  {label:<44} {b:>16} {f:>16}  {note}")

    row("", "before", "after")
    eb, ea = res["before"]["extract"], res["after"]["extract"]
    row("extraction chars per CPU-s", f"{eb['ours_cps']:,.0f}", f"{ea['ours_cps']:,.0f}")
    row("jieba.posseg chars per CPU-s", f"{eb['posseg_cps']:,.0f}", f"{ea['posseg_cps']:,.0f}")
    row("extraction / jieba.posseg", f"{eb['ratio']:.2f}×", f"{ea['ratio']:.2f}×",
        f"aim ≥ 2× (median round of {a.passes} pass(es))")
    for size, jobs in builds:
        k = f"build {size} × {jobs}"
        bb, ba = res["before"][k], res["after"][k]
        row(f"build {size} reports, {jobs} job(s): wall s", f"{bb['wall']:.1f}", f"{ba['wall']:.1f}")
        row("  CPU s (parent + workers)", f"{bb['cpu']:.1f}", f"{ba['cpu']:.1f}")
        row("  peak RSS parent / worker MB", f"{bb['peak_mb']:.0f} / {bb['peak_worker_mb']:.0f}",
            f"{ba['peak_mb']:.0f} / {ba['peak_worker_mb']:.0f}")
        if jobs == 1:
            for label, fn in (("  quads per report", lambda b: f"{(b['quads'] - b['default_quads']) / b['added']:,.0f}"),
                              ("  store bytes per input char (SST)", lambda b: f"{b['sst'] / b['chars']:.1f}"),
                              ("  store bytes per input char (dir)", lambda b: f"{b['bytes'] / b['chars']:.1f}")):
                row(label, fn(bb), fn(ba))
    for size, jobs in builds:
        if jobs == 2:
            for side in sides:
                one, two = res[side][f"build {size} × 1"], res[side][f"build {size} × 2"]
                res[side][f"speedup {size}"] = one["wall"] / two["wall"]
            row(f"1 → 2 jobs at {size} reports (wall)", f"{res['before'][f'speedup {size}']:.2f}×",
                f"{res['after'][f'speedup {size}']:.2f}×")
    for i, (name, *_rest) in enumerate(res["after"][f"queries {sizes[0]}"] if sizes else []):
        for size in sizes:
            qb, qa = res["before"][f"queries {size}"][i], res["after"][f"queries {size}"][i]
            row(f"{name} @{size} (s, rows)", f"{qb[1]:.2f} {qb[2]}", f"{qa[1]:.2f} {qa[2]}")
        if len(sizes) > 1:
            lo, hi = sizes[0], sizes[-1]
            gb = res["before"][f"queries {hi}"][i][1] / res["before"][f"queries {lo}"][i][1]
            ga = res["after"][f"queries {hi}"][i][1] / res["after"][f"queries {lo}"][i][1]
            row(f"  growth {lo} → {hi}", f"{gb:.2f}×", f"{ga:.2f}×")
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
