"""One or two versions of reportgraph side by side in one run: extraction speed against
jieba.posseg, corpus builds (each size with 1 and 2 jobs), store size per input character,
quads per report, peak memory of the build's process tree, and query latencies as the
store grows.

Run from the repository root. This checkout alone, builds only (the 200- and 2,000-report
figures of issue #18):

    PYTHONPATH=src .venv/bin/python benchmarks/bench_lean.py --only builds --jobs-at 200 2000

Against a copy of another version (``git archive main | tar -x -C /tmp/before``):

    PYTHONPATH=src .venv/bin/python benchmarks/bench_lean.py --before /tmp/before/src \\
        --sizes 100 400 --jobs-at 200

Each measurement runs in a child process with ``PYTHONPATH`` set to the version's ``src``,
one after the other (alternating the versions), so both see the same machine. The
statistical NER stage (where a version has it) is switched off. Builds read the first N
files of one synthetic corpus (``benchmarks/synth.py``, seed 0, 3,000–18,000 characters a
report). Each finished measurement is printed at once and saved to ``--results``; a run
started again with the same arguments skips what that file already holds (``--fresh``
measures everything again). Queries: each entity-centred named query bound by name and by
IRI to the body delivering the first report, and unbound (stopping at the default row cap).

The extraction child extracts each report and then cuts its text with ``jieba.posseg``,
report by report, so both see the same load; ``--extract-rounds`` passes over the texts
each give a ratio, the least CPU time of each counts for the speeds. ``--passes N`` runs
N such children per version, the versions alternating; each pass prints its ratio and its
rounds', and the median round of all passes stands for the version (the machine is
shared: compare the columns of one run). Extraction only, against main:

    PYTHONPATH=src .venv/bin/python benchmarks/bench_lean.py --before /tmp/before/src \\
        --only extract --passes 3 --extract-rounds 3 --extract-reports 15
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
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
                  "round_ratios": [p / o for o, p in zip(ours, posseg)]}))
"""

_BUILD = r"""
import inspect, json, resource, sys, time
from reportgraph.corpus import build_corpus
a = json.loads(sys.argv[1])
if __name__ == "__main__":
    kw = {"statistical": False} if "statistical" in inspect.signature(build_corpus).parameters else {}
    t = time.perf_counter()
    r = build_corpus(a["inputs"], store=a["store"], jobs=a["jobs"], **kw)
    wall = time.perf_counter() - t
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    out = {"wall": wall, "chars": r.chars, "failed": r.failed, "added": r.added,
           "cpu_parent": me.ru_utime + me.ru_stime, "cpu_workers": kids.ru_utime + kids.ru_stime,
           "peak_mb": me.ru_maxrss / 1024, "peak_worker_mb": kids.ru_maxrss / 1024,
           "timings": getattr(r, "timings", {})}
    out["cpu"] = out["cpu_parent"] + out["cpu_workers"]
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


def _pss_kb(pid: int) -> int:
    """Proportional set size of a process (pages shared after a fork counted once in all)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except OSError:
        return 0


class TreeMemory:
    """The peak of a process tree's summed RSS and summed PSS, sampled every 0.25 s."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.rss = self.pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        import psutil

        while not self._stop.is_set():
            rss = pss = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    rss += p.memory_info().rss
                    pss += _pss_kb(p.pid) * 1024
                except psutil.Error:
                    pass
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self._stop.wait(0.25)

    def stop(self) -> tuple[float, float]:
        self._stop.set()
        self._thread.join()
        return self.rss / 2**20, self.pss / 2**20


def child(src: Path, code: str, *args: str, tree: bool = False) -> dict | list:
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    mem = TreeMemory(proc.pid) if tree else None
    out, err = proc.communicate()
    peaks = mem.stop() if mem else None
    if proc.returncode != 0:
        raise SystemExit(f"{src}: child failed:\n{err[-2000:]}")
    res = json.loads(out.strip().splitlines()[-1])
    if peaks:
        res["tree_rss_mb"], res["tree_pss_mb"] = peaks
    return res


def fingerprint(src: Path) -> str:
    """A hash of a version's source files: a saved measurement holds only for the same code."""
    import hashlib

    h = hashlib.sha256()
    for d in (src, src.parent / "ontology", src.parent / "queries"):
        for f in sorted(d.rglob("*")):
            if f.is_file() and f.suffix in (".py", ".txt", ".tsv", ".json", ".rq", ".ttl") and "__pycache__" not in f.parts:
                h.update(str(f.relative_to(d)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def sst_bytes(store: Path) -> tuple[int, int]:
    files = [f for f in store.iterdir() if f.is_file()]
    return sum(f.stat().st_size for f in files if f.suffix == ".sst"), sum(f.stat().st_size for f in files)


def build_line(side: str, size: int, jobs: int, b: dict) -> str:
    per = (b["quads"] - b["default_quads"]) / max(1, b["added"])
    t = b.get("timings", {})
    return (f"{side}: {size} reports, {jobs} job(s): wall {b['wall']:.1f} s, CPU {b['cpu']:.1f} s "
            f"(build {b['cpu_parent']:.1f} + workers {b['cpu_workers']:.1f}), peak tree RSS "
            f"{b.get('tree_rss_mb', 0):.0f} MB / PSS {b.get('tree_pss_mb', 0):.0f} MB (build {b['peak_mb']:.0f}, "
            f"worker {b['peak_worker_mb']:.0f}), {per:,.0f} + {b['default_quads'] / max(1, b['added']):,.0f} quads "
            f"per report (named graph + default), {b['sst'] / max(1, b['chars']):.1f} bytes per character "
            f"(SST; {b['bytes'] / max(1, b['chars']):.1f} directory), {b['added']} added, {b['failed']} failed; "
            f"worker-s extract {t.get('extract', 0):.1f} rdf {t.get('rdf', 0):.1f}, store {t.get('store', 0):.1f} s; "
            f"load {b['load'][0]:.1f} → {b['load'][1]:.1f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, help="the src directory of a version to compare with (default: none)")
    ap.add_argument("--after", type=Path, default=ROOT / "src")
    ap.add_argument("--only", nargs="+", choices=("extract", "builds", "queries"),
                    default=["extract", "builds", "queries"])
    ap.add_argument("--jobs-at", type=int, nargs="+", default=[200],
                    help="corpus sizes built with each of --jobs (default 200)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--rounds", type=int, default=1, help="builds of each size and jobs, alternating versions")
    ap.add_argument("--sizes", type=int, nargs="*", default=[100, 400], help="stores to query (1 job each)")
    ap.add_argument("--extract-reports", type=int, default=20)
    ap.add_argument("--extract-rounds", type=int, default=2,
                    help="rounds over the texts in each extraction child (default 2)")
    ap.add_argument("--passes", type=int, default=1,
                    help="extraction children per version, the versions alternating (default 1)")
    ap.add_argument("--corpus-reports", type=int, default=2000,
                    help="the synthetic corpus every size takes its first files from (default 2000)")
    ap.add_argument("--query-timeout", type=float, default=120)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/reportgraph-bench-lean"))
    ap.add_argument("--results", type=Path, help="measurements so far (default: WORKDIR/results.json)")
    ap.add_argument("--fresh", action="store_true", help="measure again what --results already holds")
    ap.add_argument("--keep-stores", action="store_true", help="keep the stores no query reads")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT / "src"))
    from synth import write_corpus

    queries = a.sizes if "queries" in a.only else []
    n = max([*queries, *(a.jobs_at if "builds" in a.only else []), a.extract_reports, a.corpus_reports])
    corpus = a.workdir / f"corpus-{n}"
    if not (corpus / "manifest.json").is_file():
        shutil.rmtree(corpus, ignore_errors=True)
        write_corpus(corpus, n, seed=0)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    files = [str(corpus / f["path"]) for f in manifest["files"]]
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} at start", flush=True)

    sides = {"before": a.before.resolve()} if a.before else {}
    sides["after"] = a.after.resolve()
    results_path = a.results or a.workdir / "results.json"
    saved: dict[str, dict] = {}
    if results_path.is_file() and not a.fresh:
        saved = json.loads(results_path.read_text(encoding="utf-8"))
    res: dict[str, dict] = {k: {} for k in sides}
    prints = {side: fingerprint(src) for side, src in sides.items()}

    def measure(side: str, key: str, run) -> dict | list:  # type: ignore[no-untyped-def]
        """A measurement, or the one --results holds for the same version and corpus."""
        k = f"{prints[side]}|{n}|{key}"
        if k not in saved:
            saved[k] = run()
            results_path.parent.mkdir(parents=True, exist_ok=True)
            results_path.write_text(json.dumps(saved, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        elif key.startswith("build"):
            print(f"  (from {results_path})", end=" ")
        res[side][key] = saved[k]
        return saved[k]

    if "extract" in a.only:
        texts_file = a.workdir / "texts.json"
        texts = [Path(p).read_bytes().decode("utf-8" if m["encoding"] == "utf-8" else "gb18030")
                 for p, m in zip(files[: a.extract_reports], manifest["files"][: a.extract_reports])]
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        passes: dict[str, list[dict]] = {side: [] for side in sides}
        for n_pass in range(a.passes):
            for side, src in sides.items():
                e = measure(side, f"extract {a.extract_reports} × {a.extract_rounds} #{n_pass}",
                            lambda src=src: child(src, _EXTRACT, str(texts_file), str(a.extract_rounds)))
                passes[side].append(e)
                rounds = " ".join(f"{r:.2f}" for r in e.get("round_ratios", []))
                print(f"{side}: extraction {e['ours_cps']:,.0f} chars per CPU-s, jieba.posseg {e['posseg_cps']:,.0f} "
                      f"({e['ours_cps'] / e['posseg_cps']:.2f}×; rounds {rounds}), load {os.getloadavg()[0]:.1f}",
                      flush=True)
        for side in sides:  # the median pass stands for the version, the median round for its ratio
            ordered = sorted(passes[side], key=lambda e: e["ours_cps"] / e["posseg_cps"])
            res[side]["extract"] = dict(ordered[len(ordered) // 2])
            res[side]["extract"]["ratio"] = statistics.median(
                r for e in ordered for r in e.get("round_ratios", [e["ours_cps"] / e["posseg_cps"]]))

    builds = [(s, j) for s in (a.jobs_at if "builds" in a.only else []) for j in a.jobs]
    builds += [(s, 1) for s in queries if (s, 1) not in builds]
    for size, jobs in builds:
        for r in range(a.rounds if size in a.jobs_at else 1):
            for side, src in sides.items():
                store = a.workdir / f"store-{side}-{size}-{jobs}"

                def build(src: Path = src, store: Path = store, size: int = size, jobs: int = jobs) -> dict:
                    shutil.rmtree(store, ignore_errors=True)
                    load0 = os.getloadavg()[0]
                    b = child(src, _BUILD, json.dumps({"inputs": files[:size], "store": str(store), "jobs": jobs}),
                              tree=True)
                    b["sst"], b["bytes"] = sst_bytes(store)
                    b["load"] = [load0, os.getloadavg()[0]]
                    if size not in queries and not a.keep_stores:
                        shutil.rmtree(store, ignore_errors=True)
                    return b

                b = measure(side, f"build {size} × {jobs} #{r}", build)
                print(build_line(side, size, jobs, b), flush=True)
    for size in sorted(set(queries)):
        for side, src in sides.items():
            store = a.workdir / f"store-{side}-{size}-1"
            measure(side, f"queries {size}", lambda src=src, store=store: child(
                src, _QUERIES, str(store), str(a.query_timeout)))
    print(f"load {os.getloadavg()[0]:.1f} at end\n")
    table(res, sides, builds, a, sorted(set(queries)))
    if a.json:
        a.json.write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


def table(res: dict[str, dict], sides: dict[str, Path], builds: list[tuple[int, int]], a: argparse.Namespace,
          sizes: list[int]) -> None:
    """The figures, one column per version (medians over the rounds)."""
    names = list(sides)

    def row(label: str, cells: list[str], note: str = "") -> None:
        print(f"  {label:<44} " + " ".join(f"{c:>18}" for c in cells) + f"  {note}")

    def med(side: str, size: int, jobs: int, f) -> float:  # type: ignore[no-untyped-def]
        vals = [f(v) for k, v in res[side].items() if k.startswith(f"build {size} × {jobs} #")]
        return statistics.median(vals) if vals else float("nan")

    row("", names)
    if all("extract" in res[s] for s in names):
        ex = [res[s]["extract"] for s in names]
        row("extraction chars per CPU-s", [f"{e['ours_cps']:,.0f}" for e in ex])
        row("jieba.posseg chars per CPU-s", [f"{e['posseg_cps']:,.0f}" for e in ex])
        row("extraction / jieba.posseg", [f"{e['ratio']:.2f}×" for e in ex], "aim ≥ 2× (median round)")
    for size, jobs in builds:
        rounds = a.rounds if size in a.jobs_at else 1
        row(f"build {size} reports, {jobs} job(s): wall s", [f"{med(s, size, jobs, lambda b: b['wall']):.1f}"
                                                              for s in names], f"median of {rounds}")
        row("  CPU s (build + workers)", [f"{med(s, size, jobs, lambda b: b['cpu_parent']):.1f} + "
                                          f"{med(s, size, jobs, lambda b: b['cpu_workers']):.1f}" for s in names])
        row("  peak RSS / PSS of the process tree, MB", [
            f"{med(s, size, jobs, lambda b: b.get('tree_rss_mb', 0)):.0f} / "
            f"{med(s, size, jobs, lambda b: b.get('tree_pss_mb', 0)):.0f}" for s in names])
        row("  quads per report (named graph + default)", [
            f"{med(s, size, jobs, lambda b: (b['quads'] - b['default_quads']) / b['added']):,.0f} + "
            f"{med(s, size, jobs, lambda b: b['default_quads'] / b['added']):,.0f}" for s in names])
        row("  store bytes per input char (SST / dir)", [
            f"{med(s, size, jobs, lambda b: b['sst'] / b['chars']):.1f} / "
            f"{med(s, size, jobs, lambda b: b['bytes'] / b['chars']):.1f}" for s in names])
    for size in sorted({s for s, _ in builds}):
        js = sorted({j for s, j in builds if s == size})
        for j in js[1:]:
            row(f"1 → {j} jobs at {size} reports (wall)", [
                f"{med(s, size, js[0], lambda b: b['wall']) / med(s, size, j, lambda b: b['wall']):.2f}×"
                for s in names])
    for i, (name, *_rest) in enumerate(res[names[-1]].get(f"queries {sizes[0]}", []) if sizes else []):
        for size in sizes:
            row(f"{name} @{size} (s, rows)", [f"{res[s][f'queries {size}'][i][1]:.2f} "
                                              f"{res[s][f'queries {size}'][i][2]}" for s in names])
        if len(sizes) > 1:
            lo, hi = sizes[0], sizes[-1]
            row(f"  growth {lo} → {hi}", [f"{res[s][f'queries {hi}'][i][1] / res[s][f'queries {lo}'][i][1]:.2f}×"
                                          for s in names])


if __name__ == "__main__":
    raise SystemExit(main())
