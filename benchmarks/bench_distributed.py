"""Distributed builds: ``--scheduler local:N`` (Dask LocalCluster) against ``--jobs N`` (the
local process pool), and writes into an Oxigraph server against the embedded store.

Run from the repository root (see benchmarks/README.md):

    PYTHONPATH=src .venv/bin/python benchmarks/bench_distributed.py --reports 2000 --workers 2 \
        --no-statistical --min-chars 2000 --max-chars 6000

It writes a deterministic synthetic corpus (``benchmarks/synth.py``) and builds it four
times, each into a fresh store, in one run and side by side: {--jobs N, --scheduler local:N}
× {an embedded store directory, an ``oxigraph serve`` on loopback}, plus the first
``--small`` reports with both schedulers into embedded stores (the cost of starting a
cluster on a small build). Each build runs in a child process; the figures are its wall
time, the CPU of the whole process tree (the builder, its workers, Dask's nannies and
scheduler, and the server when there is one), the peak of the summed RSS of that tree
(sampled every 0.2 s; RSS counts pages shared after a fork once per process, so it
overstates the pool's share) and the store's size on disk. The machine's load average is
printed before and after: timings are only as quiet as the machine was.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

_CHILD = r"""
import json, sys, time
args = json.loads(sys.argv[1])
if __name__ == "__main__":
    t = time.perf_counter()
    if args["scheduler"]:
        from reportgraph.corpus.dask import build_distributed
        r = build_distributed(args["inputs"], store=args["store"], scheduler=args["scheduler"],
                              statistical=args["statistical"])
    else:
        from reportgraph.corpus import build_corpus
        r = build_corpus(args["inputs"], store=args["store"], jobs=args["jobs"], statistical=args["statistical"])
    out = r.to_json()
    out["bench_wall"] = time.perf_counter() - t
    print(json.dumps(out))
"""


def _tree(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return []


class Sampler:
    """Peak summed RSS and total CPU of some process trees, sampled every 0.2 s (a process's
    CPU is taken at its last sample, so one that lives less than 0.2 s is missed)."""

    def __init__(self, roots: list[psutil.Process]) -> None:
        self.roots = roots
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            total = 0
            for root in self.roots:
                for p in _tree(root):
                    try:
                        total += p.memory_info().rss
                        t = p.cpu_times()
                        self.cpu[p.pid] = t.user + t.system
                    except psutil.Error:
                        pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.2)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def run(label: str, inputs: list[str], work: Path, *, jobs: int, scheduler: str | None, server: bool,
        statistical: bool = True) -> dict:
    """One build into a fresh store; its figures."""
    location = work / f"store-{label}"
    shutil.rmtree(location, ignore_errors=True)
    srv = None
    roots: list[psutil.Process] = []
    target = str(location)
    if server:
        binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
        port = _free_port()
        srv = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        target = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                urllib.request.urlopen(target + "query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        roots.append(psutil.Process(srv.pid))
    args = {"inputs": inputs, "store": target, "jobs": jobs, "scheduler": scheduler, "statistical": statistical}
    load_before = os.getloadavg()[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", _CHILD, json.dumps(args)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, cwd=work)
    roots.append(psutil.Process(child.pid))
    with Sampler(roots) as sampler:
        out, _ = child.communicate()
    wall = time.perf_counter() - t0
    if srv is not None:
        srv.terminate()
        srv.wait(30)
    if child.returncode != 0:
        raise SystemExit(f"{label}: the build failed (exit {child.returncode})")
    report = json.loads(out.decode().strip().splitlines()[-1])
    load = (load_before, os.getloadavg()[0])
    print(f"  {label}: {report['added']} added, {report['failed']} failed, {wall:.1f} s, load {load[0]:.1f} → "
          f"{load[1]:.1f}", flush=True)
    return {"label": label, "load": load, "wall": wall, "cpu": sum(sampler.cpu.values()), "peak_mb": sampler.peak / 2**20,
            "store_mb": _du(location) / 2**20, "added": report["added"], "failed": report["failed"],
            "store_s": report["timings"].get("store", 0.0), "startup_s": report["timings"].get("startup", 0.0)}


def per_report_writes(store: Path, n: int = 30) -> None:
    """Write the first ``n`` report graphs of a built embedded store, one request per
    report, into a fresh Oxigraph server (GSP ``PUT``; Oxigraph's ``POST ?no_transaction``)
    and into a fresh embedded store (the bulk loader); print milliseconds per report."""
    import urllib.parse

    import pyoxigraph as ox

    sys.path.insert(0, str(ROOT / "tests"))
    from servers import oxigraph_server

    from reportgraph.store import remote

    src = ox.Store.read_only(str(store))
    graphs = list(src.named_graphs())[:n]
    bodies = [(g.value, ox.serialize([q.triple for q in src.quads_for_pattern(None, None, None, g)],
                                     format=ox.RdfFormat.N_TRIPLES) or b"") for g in graphs]
    del src
    size = sum(len(b) for _, b in bodies) / len(bodies)
    triples = sum(b.count(b"\n") for _, b in bodies) / len(bodies)
    work = Path(tempfile.mkdtemp(prefix="rg-bench-put-"))
    try:
        with oxigraph_server(work / "server") as url:
            t = time.perf_counter()
            for g, b in bodies:
                remote._request("PUT", remote._graph_url(url + "store", g), body=b,
                                content_type="application/n-triples")
            put = (time.perf_counter() - t) / len(bodies)
            t = time.perf_counter()
            for g, b in bodies:
                remote._request("POST", url + "store?no_transaction&graph=" + urllib.parse.quote(g + "-bulk", safe=""),
                                body=b, content_type="application/n-triples")
            bulk = (time.perf_counter() - t) / len(bodies)
        embedded = ox.Store(str(work / "embedded"))
        t = time.perf_counter()
        for g, b in bodies:
            embedded.bulk_load(b, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(g))
        local = (time.perf_counter() - t) / len(bodies)
        del embedded
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"per report ({triples:,.0f} triples, {size / 2**20:.2f} MB N-Triples): GSP PUT {put * 1000:.0f} ms, "
          f"POST ?no_transaction {bulk * 1000:.0f} ms, embedded bulk load {local * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--small", type=int, default=20, help="reports in the small-build comparison (0: skip)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it")
    ap.add_argument("--json", type=Path, help="also write the figures here as JSON")
    ap.add_argument("--no-statistical", action="store_true", help="build without the statistical NER stage")
    ap.add_argument("--min-chars", type=int, default=3000, help="shortest synthetic report (characters)")
    ap.add_argument("--max-chars", type=int, default=18000, help="longest synthetic report (characters)")
    ap.add_argument("--server", choices=("both", "jobs", "local", "none"), default="both",
                    help="which builds also go into an Oxigraph server (default both)")
    ns = ap.parse_args()
    from synth import write_corpus

    work = ns.keep or Path(tempfile.mkdtemp(prefix="rg-bench-dist-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    if not corpus.exists():
        write_corpus(corpus, ns.reports, min_chars=ns.min_chars, max_chars=ns.max_chars)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    n = ns.workers
    stat = not ns.no_statistical
    print(f"load average before: {os.getloadavg()}; {manifest['reports']} reports, {manifest['chars']:,} characters; "
          f"statistical NER {'on' if stat else 'off'}; {n} workers", flush=True)
    rows = []
    if ns.small:
        small = [str(corpus / f["path"]) for f in manifest["files"][: ns.small]]
        rows.append(run(f"small-jobs{n}", small, work, jobs=n, scheduler=None, server=False, statistical=stat))
        rows.append(run(f"small-local{n}", small, work, jobs=n, scheduler=f"local:{n}", server=False,
                        statistical=stat))
    for server in (False, True):
        for scheduler in (None, f"local:{n}"):
            if server and (ns.server == "none" or ns.server == ("local" if scheduler is None else "jobs")):
                continue
            where = "server" if server else "embedded"
            label = f"{'local' + str(n) if scheduler else 'jobs' + str(n)}-{where}"
            rows.append(run(label, [str(corpus)], work, jobs=n, scheduler=scheduler, server=server,
                            statistical=stat))
    print(f"load average after: {os.getloadavg()}")
    print(f"{'build':<22}{'reports':>8}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}{'store MB':>10}"
          f"{'write s':>9}{'start s':>9}{'load':>12}")
    for r in rows:
        print(f"{r['label']:<22}{r['added']:>8}{r['wall']:>9.1f}{r['cpu']:>9.1f}{r['peak_mb']:>9.0f}"
              f"{r['store_mb']:>10.0f}{r['store_s']:>9.1f}{r['startup_s']:>9.1f}"
              f"{r['load'][0]:>6.1f}→{r['load'][1]:<5.1f}")
    by = {r["label"]: r for r in rows}

    def ratio(a: str, b: str) -> None:
        if a in by and b in by:
            x, y = by[a], by[b]
            print(f"{a} / {b}: wall {x['wall'] / y['wall']:.2f}×, CPU {x['cpu'] / y['cpu']:.2f}×, "
                  f"peak memory {x['peak_mb'] / y['peak_mb']:.2f}×")

    ratio(f"small-local{n}", f"small-jobs{n}")
    ratio(f"local{n}-embedded", f"jobs{n}-embedded")
    ratio(f"jobs{n}-server", f"jobs{n}-embedded")
    ratio(f"local{n}-server", f"local{n}-embedded")
    per_report_writes(work / f"store-jobs{n}-embedded")
    out = ns.json or work / "bench_distributed.json"
    out.write_text(json.dumps({"reports": manifest["reports"], "chars": manifest["chars"], "statistical": stat,
                               "workers": n, "rows": rows}, indent=1) + "\n", encoding="utf-8")
    if ns.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
