"""Time the named queries on a corpus-sized graph: Oxigraph vs rdflib's default store.

Builds a synthetic corpus with ``reportgraph.rdf.to_rdf`` (the real RDF shape: one named graph
per report, entities shared across reports, mentions, reified relations with evidence),
at least 500,000 quads by default, loads it into a pyoxigraph store and into an rdflib
``Dataset`` (Memory store, default graph = union), runs every query of ``queries/`` on
both and prints a table. Each rdflib query runs in a child process with a time limit,
because some take minutes.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_queries.py              # ≥ 500k quads
    PYTHONPATH=src .venv/bin/python benchmarks/bench_queries.py --reports 100 --timeout 30
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from reportgraph.errors import QueryError
from reportgraph.model import (Entity, EntityType, Evidence, Extraction, Mention, Predicate,
                               Relation, Report)
from reportgraph.query.run import load_query, run_query
from reportgraph.rdf.resources import query_names
from reportgraph.store.embedded import build_store, open_store
from reportgraph.rdf.to_rdf import entity_iri, serialize, to_dataset

T = EntityType
P = Predicate


def synthetic_report(i: int, rng: random.Random) -> Extraction:
    """One synthetic report, shaped like a county CPPCC work report."""
    county = 140900 + rng.randrange(300)
    province = county // 10000 * 10000
    doc = f"r{i}"
    words: list[str] = []
    offset = 0
    entities: list[Entity] = []

    def mention(name: str) -> Mention:
        nonlocal offset
        start = offset
        words.append(name + "。")
        offset += len(name) + 1
        return Mention(doc, start, start + len(name), name)

    def add(key: str, name: str, type_: EntityType, n: int, code: str | None = None) -> str:
        entities.append(Entity(key, name, type_, aliases=(name[-3:],) if len(name) > 4 else (),
                               mentions=tuple(mention(name) for _ in range(n)), code=code))
        return key

    home = add(str(county), f"县{county}", T.ADMINISTRATIVE_AREA, 2, code=str(county))
    prov = add(str(province), f"省{province}", T.ADMINISTRATIVE_AREA, 1, code=str(province))
    orgs = [add(f"县{county}机构{k}", f"县{county}机构{k}", T.ORGANIZATION, rng.randint(1, 3))
            for k in range(6)]
    alliances = [add(f"联席会议{a}", f"联席会议{a}", T.ORGANIZATION, 1)
                 for a in rng.sample(range(60), 2)]
    inits = [add(f"举措{a}", f"举措{a}战略", T.INITIATIVE, rng.randint(1, 3))
             for a in rng.sample(range(200), 5)]
    docs = [add(f"《文件{i}-{k}》", f"《文件{i}-{k}》", T.DOCUMENT, 1) for k in range(3)]
    events = [add(f"会议{a}", f"第{a}次会议", T.EVENT, 1) for a in rng.sample(range(500), 2)]
    people = [add(f"人物{a}", f"人物{a}", T.PERSON, 1) for a in rng.sample(range(2000), 2)]
    places = [add(f"地点{a}", f"地点{a}", T.PLACE, 1) for a in rng.sample(range(300), 2)]
    text = "".join(words)

    def ev(method: str) -> Evidence:
        start = rng.randrange(max(1, len(text) - 20))
        return Evidence(doc, start, start + 20, text[start:start + 20], method)

    gaz = Evidence(doc, None, None, "", "gazetteer", source="cpca")
    rel = [Relation(home, P.LOCATED_IN, prov, (gaz,))]
    for o in orgs:
        rel.append(Relation(o, P.LOCATED_IN, home, (gaz,)))
        rel.append(Relation(o, P.IMPLEMENTS, rng.choice(inits), (ev("cue:落实"),)))
    for o in orgs[:3]:
        rel.append(Relation(o, P.MEMBER_OF, rng.choice(alliances), (ev("enumeration"),)))
        rel.append(Relation(o, P.PARTICIPATED_IN, rng.choice(events), (ev("cue:参加"),)))
    rel.append(Relation(orgs[0], P.LEADS, orgs[1], (ev("cue:领导"),)))
    rel.append(Relation(orgs[2], P.PART_OF, orgs[0], (ev("cue:所属"),)))
    for d in docs:
        rel.append(Relation(rng.choice(orgs), P.AUTHORED, d, (ev("cue:编印"),)))
        rel.append(Relation(d, P.ADOPTED_BY, rng.choice(orgs), (ev("cue:采用"),)))
        rel.append(Relation(d, P.ABOUT, rng.choice(inits), (ev("cue:关于"),)))
    for p in people:
        rel.append(Relation(p, P.LEADS, rng.choice(orgs), (ev("cue:领导"),)))
    for pl in places:
        rel.append(Relation(pl, P.LOCATED_IN, home, (gaz,)))
    sha = f"{i:016x}" + "0" * 48
    report = Report(doc, text, text, "utf-8", sha, title=f"县{county}政协工作报告{i}")
    return Extraction(report, tuple(entities), tuple(rel), author=orgs[0])


BINDINGS: dict[str, dict[str, str]] = {
    "members": {"groupName": "联席会议7"},
    "evidence": {"entity": str(entity_iri(T.ORGANIZATION, "联席会议7"))},
    "mentions": {"name": "举措5战略"},
    "neighbours": {"entity": str(entity_iri(T.INITIATIVE, "举措5"))},
    "search": {"text": "联席会议1"},
    "located-in": {"area": str(entity_iri(T.ADMINISTRATIVE_AREA, "", code="140000"))},
    "areas": {"code": "140950"},
}


_RDFLIB_DATASET = None  # loaded once in the parent, inherited by each forked child


def _rdflib_child(text: str, bindings: dict[str, str], conn) -> None:  # noqa: ANN001
    from rdflib import Literal, URIRef
    from rdflib.plugins.sparql import prepareQuery

    init = {k: (URIRef(v) if v.startswith("http") else Literal(v)) for k, v in bindings.items()}
    try:
        q = prepareQuery(text)
    except Exception as err:  # noqa: BLE001 - reported in the table
        conn.send((None, str(err).splitlines()[0][:60]))
        return
    start = time.perf_counter()
    rows = len(list(_RDFLIB_DATASET.query(q, initBindings=init)))
    conn.send((rows, time.perf_counter() - start))


def rdflib_time(text: str, bindings: dict[str, str], timeout: float) -> str:
    """Time one query on the loaded rdflib dataset in a forked child; ``> N s`` when it
    runs out of time."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(text, bindings, send), daemon=True)
    proc.start()
    try:
        if not recv.poll(timeout):
            return f"> {timeout:g} s"
        rows, seconds = recv.recv()
        if rows is None:
            return f"cannot parse it: {seconds}"
        return f"{seconds * 1000:,.0f} ms ({rows} rows)"
    finally:
        proc.kill()
        proc.join()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=700, help="synthetic reports (≈730 quads each)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds allowed per rdflib query")
    parser.add_argument("--no-rdflib", action="store_true", help="time Oxigraph only")
    parser.add_argument("--queries", nargs="*", default=None, help="query names (default: all)")
    args = parser.parse_args(argv)

    rng = random.Random(20261124)
    t0 = time.perf_counter()
    ds = to_dataset(synthetic_report(i, rng) for i in range(args.reports))
    nquads = serialize(ds, "nquads")
    build_s = time.perf_counter() - t0
    del ds
    tmp = Path(tempfile.mkdtemp(prefix="rg-bench-"))
    path = tmp / "corpus.nq"
    path.write_bytes(nquads)
    n = nquads.count(b"\n")
    t0 = time.perf_counter()
    # the store as reportgraph writes it: report graphs plus their union (a set) as default graph
    build_store(tmp / "store", ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    store = open_store(tmp / "store", read_only=True)
    load_s = time.perf_counter() - t0
    print(f"corpus: {args.reports} reports, {n:,} quads ({len(nquads) / 1e6:.0f} MB N-Quads); "
          f"built in {build_s:.1f} s, Oxigraph bulk load {load_s:.1f} s")
    import rdflib

    print(f"python {platform.python_version()}, pyoxigraph {getattr(ox, '__version__', '?')}, "
          f"rdflib {rdflib.__version__}, {os.cpu_count()} CPUs")
    if not args.no_rdflib:
        global _RDFLIB_DATASET
        from rdflib import Dataset

        t0 = time.perf_counter()
        _RDFLIB_DATASET = Dataset(default_union=True)
        _RDFLIB_DATASET.parse(str(path), format="nquads")
        print(f"rdflib Dataset (Memory) load {time.perf_counter() - t0:.1f} s")
    names = args.queries or query_names()
    print()
    print(f"{'query':<18} {'rows':>7} {'Oxigraph':>12}   rdflib Memory (Dataset, default_union)")
    for name in names:
        bindings = BINDINGS.get(name, {})
        best = float("inf")
        rows = 0
        try:
            for _ in range(3):
                res = run_query(name, store, bindings=bindings, timeout=args.timeout, max_rows=10**7)
                best = min(best, res.elapsed)
                rows = len(res)
            ox_time = f"{best * 1000:>9,.1f} ms"
        except QueryError:
            ox_time = f"> {args.timeout:g} s"
        rd = "-" if args.no_rdflib else rdflib_time(load_query(name).text, bindings, args.timeout)
        print(f"{name:<18} {rows:>7} {ox_time:>12}   {rd}", flush=True)
    store.close()
    shutil.rmtree(tmp, ignore_errors=True)
    print("\nOxigraph times are the best of 3 and include the forked child process "
          "(policy check, fork, result transfer); rdflib times exclude loading.")


if __name__ == "__main__":
    sys.exit(main())
