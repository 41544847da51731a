"""Load test of `reportgraph serve`: many clients, fast and slow queries at once.

Starts ``reportgraph serve STORE`` on a free loopback port and runs ``--clients`` clients
for ``--seconds`` seconds, each from its own loopback address (127.0.0.x, so the
endpoint's scheduler sees them as different clients). ``--slow`` of them send a query
that runs until the timeout, back to back; the others send short queries with
``--think`` seconds between them; every client waits as ``Retry-After`` says. Reported: requests by kind and status, connection
errors (resets, refusals), latency percentiles of the short queries, and the peak memory
of the server with its query processes (RSS summed, sampled every 0.2 s).

    PYTHONPATH=src python benchmarks/bench_serve_load.py --store /tmp/s200
    PYTHONPATH=src python benchmarks/bench_serve_load.py --build 200   # makes the store first

Linux only (reads /proc). Nothing here is a test: the figures go in the README.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

FAST = [
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?e WHERE { ?e skos:prefLabel \"代县政协\"@zh }",
    "PREFIX rg: <https://w3id.org/reportgraph/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?m ?name WHERE { ?m rg:memberOf ?g . ?m skos:prefLabel ?name } LIMIT 20",
    "ASK { ?s ?p ?o }",
    "PREFIX rg: <https://w3id.org/reportgraph/ontology#> SELECT ?r WHERE { ?r a rg:Report } LIMIT 10",
]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _rss_tree(pid: int) -> int:
    """RSS in bytes of ``pid`` and its children."""
    total = 0
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    pids.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    for p in pids:
        try:
            for line in (Path("/proc") / str(p) / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _client(index: int, port: int, slow: bool, think: float, stop: float, out: list[tuple]) -> None:
    address = f"127.0.0.{10 + index}"
    i = 0
    while time.monotonic() < stop:
        query = SLOW if slow else FAST[(index + i) % len(FAST)]
        i += 1
        path = "/query?query=" + urllib.parse.quote(query)
        start = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(address, 0))
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            resp = conn.getresponse()
            resp.read()
            status: object = resp.status
            retry = float(resp.getheader("Retry-After") or 0) if resp.status in (429, 503) else 0.0
            conn.close()
        except OSError as err:
            status, retry = type(err).__name__, 0.0
        out.append(("slow" if slow else "fast", status, time.monotonic() - start))
        time.sleep(max(retry, 0 if slow else think))  # a polite client waits as Retry-After says


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, help="a store built with build --store")
    ap.add_argument("--build", type=int, default=0, help="first build a store of N synthetic reports")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--slow", type=int, default=5, help="clients sending slow queries")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--think", type=float, default=0.5, help="pause of a fast client between queries")
    ap.add_argument("--timeout", type=float, default=10, help="the server's query timeout")
    args = ap.parse_args()
    store = args.store
    if args.build:
        sys.path.insert(0, str(Path(__file__).parent))
        from synth import write_corpus

        work = Path(tempfile.mkdtemp(prefix="rg-load-"))
        write_corpus(work / "reports", args.build)
        store = work / "store"
        subprocess.run([sys.executable, "-m", "reportgraph", "build", str(work / "reports"), "--store",
                        str(store), "--jobs", "2"], check=True, stdout=subprocess.DEVNULL)
    if store is None:
        ap.error("give --store or --build N")
    server = subprocess.Popen([sys.executable, "-m", "reportgraph", "serve", str(store), "--port", "0",
                               "--timeout", str(args.timeout)], stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()  # type: ignore[union-attr]
        port = int(urllib.parse.urlsplit(line.split(" at ", 1)[1].split()[0]).port or 0)
        results: list[tuple] = []
        peak = [0]
        stop = time.monotonic() + args.seconds
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _rss_tree(server.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        idle_rss = _rss_tree(server.pid)
        threads = [threading.Thread(target=_client, args=(i, port, i < args.slow, args.think, stop, results))
                   for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait(30)
    fast = [r for r in results if r[0] == "fast"]
    ok = [lat for kind, status, lat in fast if status == 200]
    report = {
        "clients": args.clients, "slow_clients": args.slow, "seconds": args.seconds, "think": args.think,
        "requests": len(results),
        "fast_status": dict(Counter(str(s) for _, s, _ in fast)),
        "slow_status": dict(Counter(str(s) for k, s, _ in results if k == "slow")),
        "connection_errors": sum(1 for _, s, _ in results if not isinstance(s, int)),
        "fast_p50_s": round(_percentile(ok, 0.50), 3), "fast_p95_s": round(_percentile(ok, 0.95), 3),
        "fast_p99_s": round(_percentile(ok, 0.99), 3), "fast_max_s": round(max(ok, default=float("nan")), 3),
        "fast_mean_s": round(statistics.fmean(ok), 3) if ok else None,
        "server_rss_idle_mb": round(idle_rss / 2**20), "server_rss_peak_mb": round(peak[0] / 2**20),
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
