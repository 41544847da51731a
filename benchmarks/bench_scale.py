"""Corpora at scale: extraction vs jieba.posseg, full builds, 1 → N jobs, memory, queries.

Run from the repository root (see benchmarks/README.md):

    PYTHONPATH=src .venv/bin/python benchmarks/bench_scale.py --reports 2000 --jobs 2

It generates a deterministic synthetic corpus (``benchmarks/synth.py``), then prints, in one
run and side by side:

1. extraction throughput (characters/s) of reportgraph vs ``jieba.posseg`` alone (and bare
   ``jieba.cut``) on the same texts, in this process, one core;
2. scaling: the same subset built into fresh stores with 1 job and with N jobs;
3. the full build of all reports with N jobs: wall time, characters/s, peak memory, store
   size on disk, and the merge check (distinct administrative areas in the store vs the
   distinct areas the generator put into the corpus);
4. the latency of every named query (``queries/*.rq``) on the resulting store, without
   bindings and, for those that take one, with ?entity or ?name bound.

Builds run in child processes (``python -c``), so their peak memory is their own:
``peak parent`` is the building process's maximum RSS, ``peak worker`` the largest
worker's. The machine's load average is printed before and after: timings are only as
quiet as the machine was.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: jieba.posseg's speed on the machine the targets were set on (the corpus issue: "measured
#: here at about 130k characters/s").
REFERENCE_POSSEG_CPS = 130_000
sys.path.insert(0, str(ROOT / "src"))

_BUILD_CHILD = r"""
import json, resource, sys, time
from reportgraph.corpus import build_corpus
args = json.loads(sys.argv[1])
t = time.perf_counter()
r = build_corpus(args["inputs"], store=args["store"], jobs=args["jobs"])
wall = time.perf_counter() - t
out = r.to_json()
out["bench_wall"] = wall
out["peak_parent_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["peak_worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
out["cpu_parent_s"] = me.ru_utime + me.ru_stime
out["cpu_workers_s"] = kids.ru_utime + kids.ru_stime
print(json.dumps(out))
"""


def load() -> str:
    la = os.getloadavg()
    return f"{la[0]:.2f} {la[1]:.2f} {la[2]:.2f}"


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build_child(inputs: list[str], store: Path, jobs: int) -> dict:
    """Build in a fresh child process; return its build report plus peak memory."""
    shutil.rmtree(store, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-c", _BUILD_CHILD, json.dumps(
        {"inputs": inputs, "store": str(store), "jobs": jobs})], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def extraction_vs_jieba(texts: list[str]) -> dict[str, float]:
    """Characters per second of reportgraph's extraction, jieba.posseg and jieba.cut on
    the same texts (after a warm-up of each), in this process."""
    import jieba
    import jieba.posseg as pseg

    from reportgraph.extract import extract_report, load_pipeline
    from reportgraph.read.report import report_from_text

    t0 = time.perf_counter()
    nlp = load_pipeline()
    load_s = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    reports = [report_from_text(t, doc_id=f"r{i}") for i, t in enumerate(texts)]
    extract_report(reports[0], nlp=nlp)
    t0, c0 = time.perf_counter(), time.process_time()
    for r in reports:
        extract_report(r, nlp=nlp)
    ours, ours_cpu = time.perf_counter() - t0, time.process_time() - c0
    list(pseg.cut(texts[0]))
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        list(pseg.cut(t))
    posseg, posseg_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    for t in texts:
        list(jieba.cut(t))
    cut = time.perf_counter() - t0
    return {"chars": chars, "pipeline_load_s": load_s, "reportgraph_cps": chars / ours,
            "posseg_cps": chars / posseg, "jieba_cut_cps": chars / cut,
            "reportgraph_cpu_cps": chars / ours_cpu, "posseg_cpu_cps": chars / posseg_cpu}


def area_check(store: Path, manifest: dict) -> dict[str, int]:
    """Distinct administrative areas in the store against the generator's areas."""
    import pyoxigraph as ox

    s = ox.Store.read_only(str(store))
    rg = "https://w3id.org/reportgraph/ontology#"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    nodes = {r["a"].value for r in s.query(
        f"SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?a <{rdf_type}> <{rg}AdministrativeArea> }} }}")}
    codes = {r["c"].value for r in s.query(
        f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ ?a <{rdf_type}> <{rg}AdministrativeArea> ; "
        f"<{rg}divisionCode> ?c }} }}")}
    mentions = next(iter(s.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?a <{rdf_type}> <{rg}AdministrativeArea> }} }}")))["n"].value
    del s
    expected = set(manifest["areas"])
    missing = sorted(expected - codes)
    return {"store_area_nodes": len(nodes), "store_area_codes": len(codes), "missing": missing,
            "store_area_nodes_without_code": len({n for n in nodes if not n.rsplit("/", 1)[-1].isdigit()}),
            "per_report_area_nodes": int(mentions), "corpus_areas": len(expected),
            "corpus_areas_found": len(expected & codes), "store_areas_not_generated": len(codes - expected)}


def query_latency(store: Path, timeout: float) -> list[tuple[str, float, int | str]]:
    """Every named query without bindings, then each query that takes ?entity or ?name
    bound to the body that delivers the first report (by IRI, then by name)."""
    from reportgraph.errors import ReportGraphError
    from reportgraph.query.run import load_query, run_query
    from reportgraph.rdf.resources import queries_dir

    body = run_query("SELECT ?e ?label WHERE { ?r <https://w3id.org/reportgraph/ontology#deliveredBy> ?e . "
                     "?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?r LIMIT 1",
                     store, timeout=timeout).rows[0]
    bound = {"entity": body[0], "name": str(body[1].value)}  # type: ignore[union-attr]
    runs: list[tuple[str, str, dict[str, object]]] = []
    for rq in sorted(queries_dir().glob("*.rq")):
        runs.append((rq.stem, rq.stem, {}))
    for rq in sorted(queries_dir().glob("*.rq")):
        bindable = load_query(rq.stem).bindable
        for var in ("entity", "name"):
            if var in bindable:
                shown = bound[var] if var == "name" else f"<{body[0].value}>"  # type: ignore[union-attr]
                runs.append((f"{rq.stem} ?{var}={shown}", rq.stem, {var: bound[var]}))
    out = []
    for label, name, bindings in runs:
        t0 = time.perf_counter()
        try:
            res = run_query(name, store, bindings=bindings, timeout=timeout, max_rows=100_000)
            rows: int | str = len(res.rows)
        except ReportGraphError as err:
            rows = "timeout" if "timeout" in str(err) else f"error: {err}"[:60]
        out.append((label, time.perf_counter() - t0, rows))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=2000, help="corpus size (default 2000)")
    ap.add_argument("--jobs", type=int, default=2, help="jobs of the parallel builds (default 2)")
    ap.add_argument("--scale-reports", type=int, default=100,
                    help="reports in the 1-job vs N-job comparison (default 100)")
    ap.add_argument("--extract-reports", type=int, default=30,
                    help="reports in the extraction vs jieba comparison (default 30)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--query-timeout", type=float, default=30.0, help="seconds per named query (default 30)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/reportgraph-bench"))
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    a = ap.parse_args()

    from synth import write_corpus

    started = time.perf_counter()
    print(f"machine: {os.cpu_count()} CPUs, load average {load()} (1/5/15 min) at start", flush=True)
    corpus = a.workdir / f"corpus-{a.reports}-{a.seed}"
    manifest_path = corpus / "manifest.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    else:
        shutil.rmtree(corpus, ignore_errors=True)
        t0 = time.perf_counter()
        manifest = write_corpus(corpus, a.reports, seed=a.seed)
        print(f"generated {a.reports} reports, {manifest['chars']:,} characters in "
              f"{time.perf_counter() - t0:.1f} s → {corpus}", flush=True)
    files = [corpus / f["path"] for f in manifest["files"]]
    results: dict[str, object] = {"reports": a.reports, "jobs": a.jobs, "chars": manifest["chars"],
                                  "load_start": load()}

    # 1. extraction vs jieba.posseg on the same texts
    texts = [p.read_bytes().decode("utf-8" if m["encoding"] == "utf-8" else "gb18030")
             for p, m in zip(files[: a.extract_reports], manifest["files"][: a.extract_reports])]
    ex = extraction_vs_jieba(texts)
    results["extraction"] = ex
    print(f"[1/4] extraction on {len(texts)} reports ({ex['chars']:,} chars): "
          f"reportgraph {ex['reportgraph_cps']:,.0f}/s, jieba.posseg {ex['posseg_cps']:,.0f}/s, "
          f"jieba.cut {ex['jieba_cut_cps']:,.0f}/s; load {load()}", flush=True)

    # 2. scaling 1 → N jobs on the same subset (files given one by one)
    subset = [str(p) for p in files[: a.scale_reports]]
    one = build_child(subset, a.workdir / "store-1", 1)
    many = build_child(subset, a.workdir / f"store-{a.jobs}", a.jobs)
    results["scaling"] = {"one": one, "many": many}
    print(f"[2/4] {len(subset)} reports: 1 job {one['bench_wall']:.1f} s, {a.jobs} jobs "
          f"{many['bench_wall']:.1f} s (× {one['bench_wall'] / many['bench_wall']:.2f}); load {load()}",
          flush=True)

    # 3. the full build
    store = a.workdir / "store-full"
    full = build_child([str(corpus)], store, a.jobs)
    full["store_bytes"] = du(store)
    full["areas"] = area_check(store, manifest)
    results["full"] = full
    print(f"[3/4] full build of {full['files']} reports with {a.jobs} jobs: {full['bench_wall']:.1f} s; "
          f"load {load()}", flush=True)

    # 4. named-query latency
    lat = query_latency(store, a.query_timeout)
    results["queries"] = [{"query": q, "seconds": s, "rows": r} for q, s, r in lat]
    results["load_end"] = load()

    # the table
    def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
        mark = "" if ok is None else ("  ok" if ok else "  MISSED")
        print(f"  {name:<44} {value:>22}  {target}{mark}")

    print(f"\nreportgraph at scale: {a.reports} synthetic reports ({manifest['chars']:,} chars), "
          f"{os.cpu_count()} CPUs, load average {results['load_start']} → {results['load_end']}")
    ratio = ex["reportgraph_cpu_cps"] / ex["posseg_cpu_cps"]
    row("extraction, reportgraph (chars/s, 1 core)", f"{ex['reportgraph_cps']:,.0f}")
    row("  per CPU-second", f"{ex['reportgraph_cpu_cps']:,.0f}")
    row("jieba.posseg alone, same texts (chars/s)", f"{ex['posseg_cps']:,.0f}")
    row("  per CPU-second", f"{ex['posseg_cpu_cps']:,.0f}")
    row("jieba.cut alone, same texts (chars/s)", f"{ex['jieba_cut_cps']:,.0f}")
    row("reportgraph / jieba.posseg (CPU time)", f"{ratio:.2f}×", "target ≥ 1× (aim 2×)", ratio >= 1)
    row("pipeline load (s)", f"{ex['pipeline_load_s']:.1f}")
    speed = one["bench_wall"] / many["bench_wall"]
    row(f"build {len(subset)} reports, 1 job (s)", f"{one['bench_wall']:.1f}")
    row(f"build {len(subset)} reports, {a.jobs} jobs (s)", f"{many['bench_wall']:.1f}")
    row(f"speed-up 1 → {a.jobs} jobs (wall)", f"{speed:.2f}×", "target ≥ 1.7×", speed >= 1.7)
    for label, b in (("1 job", one), (f"{a.jobs} jobs", many)):
        row(f"  CPU-s parent / workers, {label}", f"{b['cpu_parent_s']:.0f} / {b['cpu_workers_s']:.0f}")
    # N jobs cannot beat their CPU time spread over the cores; one job's wall time is
    # already shorter than its CPU time (the store's bulk loader runs threads of its own).
    cores = os.cpu_count() or 1
    cpu_many = many["cpu_parent_s"] + many["cpu_workers_s"]
    row(f"  ceiling on {cores} cores: 1-job wall / ({a.jobs}-job CPU / cores)",
        f"{one['bench_wall'] * cores / cpu_many:.2f}×" if cpu_many else "-")
    row(f"full build, {full['files']} reports, {a.jobs} jobs (s)", f"{full['bench_wall']:.1f}",
        "target < 180 s" if a.reports >= 2000 else "", full["bench_wall"] < 180 if a.reports >= 2000 else None)
    row("  of which extract / rdf (worker-s)", f"{full['timings'].get('extract', 0):.0f} / "
        f"{full['timings'].get('rdf', 0):.0f}")
    row("  of which store writes (parent s)", f"{full['timings'].get('store', 0):.1f}")
    if a.reports >= 2000 and ex["posseg_cpu_cps"]:
        # The issue measured jieba.posseg at about 130k chars/s on its machine; the same
        # work on this machine gives the factor by which its cores are slower.
        scaled = 180 * REFERENCE_POSSEG_CPS / ex["posseg_cpu_cps"]
        row("  target scaled to this machine's speed (s)", f"{scaled:.0f}",
            f"180 s × {REFERENCE_POSSEG_CPS // 1000}k / posseg here", full["bench_wall"] < scaled)
    row("full build throughput (chars/s)", f"{full['chars_per_second']:,.0f}")
    cpu_full = full["cpu_parent_s"] + full["cpu_workers_s"]
    row("full build CPU-s (parent + workers)", f"{cpu_full:.0f}")
    idle = max(full["cpu_parent_s"], full["cpu_workers_s"] / a.jobs, cpu_full / (os.cpu_count() or 1))
    row("  → wall expected on an idle machine (s)", f"{idle:.0f}",
        "target < 180 s" if a.reports >= 2000 else "", idle < 180 if a.reports >= 2000 else None)
    peak = full["peak_parent_mb"] + a.jobs * full["peak_worker_mb"]
    row("peak RSS parent / largest worker (MB)", f"{full['peak_parent_mb']:.0f} / {full['peak_worker_mb']:.0f}")
    row(f"peak RSS, parent + {a.jobs} × worker (MB)", f"{peak:.0f}", "target < 1536 MB", peak < 1536)
    row("store on disk (MB)", f"{full['store_bytes'] / 2**20:.0f}")
    ar = full["areas"]
    row("areas: distinct nodes in the store", f"{ar['store_area_nodes']}")
    row("areas: (report, area) pairs, before merging", f"{ar['per_report_area_nodes']}")
    row("areas: distinct in the corpus (generator)", f"{ar['corpus_areas']}")
    row("areas: generator's areas found in the store", f"{ar['corpus_areas_found']}",
        "= corpus", ar["corpus_areas_found"] == ar["corpus_areas"])
    coded = ar["store_area_nodes"] - ar["store_area_nodes_without_code"]
    row("areas: nodes with a code = distinct codes", f"{coded} = {ar['store_area_codes']}", "one node per area",
        coded == ar["store_area_codes"])
    row("areas: nodes keyed by name (no code)", f"{ar['store_area_nodes_without_code']}")
    if ar["missing"]:
        row("areas: generator's areas not in the store", " ".join(ar["missing"][:6]))
    row("failed files", f"{full['failed']}")
    for q, s, r in lat:
        row(f"query {q} (s, rows)", f"{s:.2f}  {r}")
    print(f"  total benchmark time {time.perf_counter() - started:.0f} s")
    if a.json:
        a.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
