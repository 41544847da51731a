"""The cost of holding each report to its budgets on Dask: ``--scheduler local:N`` with the
default ``--report-seconds``/``--report-memory`` (each report extracted in a child its
worker forks, :func:`reportgraph.corpus.workers.process_within`) against no budgets (the
report extracted in the worker's task thread), side by side on one cluster, alternating.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_dask_budgets.py --reports 24 --repeat 150

``--repeat`` sets the size of each report (copies of a two-sentence passage, about 39
characters each). Prints each build's wall time and the ratio of the sums.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reportgraph.corpus.dask import build_distributed, connect

TEXTS = ["# 代县政协工作报告\n\n代县政协与山西省政协开展协商。我县实施乡村振兴战略。\n",
         "# 蔚县政协工作报告\n\n蔚县政协赴山西省代县考察。河北省蔚县推进脱贫攻坚。\n"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=24)
    ap.add_argument("--repeat", type=int, default=150)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-statistical", action="store_true")
    a = ap.parse_args()
    stat = not a.no_statistical
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "in").mkdir()
        for i in range(a.reports):
            (d / "in" / f"r{i:04d}.txt").write_text(TEXTS[i % 2] * (a.repeat + i % 5) + "。" * i, encoding="utf-8")
        totals = {"budgets": 0.0, "none": 0.0}
        with connect(f"local:{a.workers}", statistical=stat) as c:
            build_distributed([d / "in"], store=d / "warm", scheduler=c, statistical=stat)
            for rnd in range(a.rounds):
                for name, kw in (("budgets", {}), ("none", {"report_seconds": None, "report_memory": None})):
                    t = time.perf_counter()
                    r = build_distributed([d / "in"], store=d / f"{name}{rnd}", scheduler=c, statistical=stat, **kw)
                    s = time.perf_counter() - t
                    totals[name] += s
                    print(f"round {rnd}: {name:8} {r.added} reports {s:.2f} s", flush=True)
        print(f"budgets / none: {totals['budgets'] / totals['none']:.2f}")


if __name__ == "__main__":
    main()
