"""What one row costs the store engine to read, by store size (issue #18's full listings).

    .venv/bin/python benchmarks/bench_row_cost.py A100 A400 --repeats 7

For each store (smallest first), pyoxigraph alone reads the first N relation triples of
the merged graph (``?subject ?predicate ?object``, the relation properties, N = 5,000, the
smallest store's count, and every row) and decodes them, as any listing must: CPU
microseconds per row, best of ``--repeats``. The same N rows cost more to read from a
bigger store (its indexes and string dictionary are bigger, fewer of their blocks stay in
RocksDB's block cache, which pyoxigraph does not let us size), which bounds how close a
full listing's growth can come to the growth of its rows.
"""

from __future__ import annotations

import argparse
import gc
import resource
from pathlib import Path

import pyoxigraph as ox

_QUERY = """PREFIX rg: <https://w3id.org/reportgraph/ontology#>
SELECT ?subject ?predicate ?object WHERE {
  VALUES ?predicate { rg:memberOf rg:partOf rg:locatedIn rg:leads rg:authored rg:adoptedBy
                      rg:participatedIn rg:implements rg:about }
  ?subject ?predicate ?object } LIMIT %d"""


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def per_row(store: ox.Store, limit: int, repeats: int) -> tuple[int, float]:
    """Rows read and the best CPU seconds per row."""
    best, rows = float("inf"), 0
    for _ in range(repeats):
        c = _cpu()
        rows = sum(1 for row in store.query(_QUERY % limit) if tuple(row))
        best = min(best, _cpu() - c)
    return rows, best / max(rows, 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stores", type=Path, nargs="+", help="store directories, smallest first")
    ap.add_argument("--repeats", type=int, default=7)
    a = ap.parse_args()
    gc.disable()
    stores = {path: ox.Store.read_only(str(path)) for path in a.stores}
    smallest = per_row(stores[a.stores[0]], 10**9, 1)[0]
    print("| store | rows read | µs per row (CPU, best of %d) |" % a.repeats)
    print("|---|---:|---:|")
    for path, store in stores.items():
        for limit in (5_000, smallest, 10**9):
            rows, cost = per_row(store, limit, a.repeats)
            print(f"| {path.name} | {rows:,} | {cost * 1e6:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
